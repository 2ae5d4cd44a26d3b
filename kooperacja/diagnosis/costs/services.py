"""Writes to the unit-cost table and to the cost-of-inaction cards (R-15): one transaction, one audit record each.

Who may call them is checked by the views (``UNIT_COST_KEEPER``, ``cost_card_for_user(write=True)``); the rules
about the data itself (a line within the card's period, a unit cost available to the gmina, a used unit cost
never deleted) are checked here and raised as ``ValidationError`` with the field they concern.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.core.concurrency import claim_version
from kooperacja.diagnosis.costs.selectors import unit_cost_is_used, unit_costs_available_for
from kooperacja.diagnosis.models import CostCard, CostCardLine, UnitCost

UNIT_COST_FIELDS = ("name", "kind", "per", "amount", "year", "source", "payer", "voivodeship", "is_active")
CARD_FIELDS = ("title", "scenario", "months", "deadweight_percent")
LINE_FIELDS = ("unit_cost", "quantity", "persons", "months", "payer", "note")


def _only(data: dict, allowed: tuple[str, ...]) -> dict:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return dict(data)


# --- Unit costs ---------------------------------------------------------------------------------------------


@transaction.atomic
def unit_cost_create(*, actor, data: dict) -> UnitCost:
    unit_cost = UnitCost(**_only(data, UNIT_COST_FIELDS), updated_by=actor)
    unit_cost.full_clean()
    unit_cost.save()
    record(action=Action.CREATE, actor=actor, obj=unit_cost)
    return unit_cost


@transaction.atomic
def unit_cost_update(*, actor, unit_cost: UnitCost, data: dict) -> UnitCost:
    data = dict(data)
    claim_version(unit_cost, edit_version=data.pop("edit_version", None), actor=actor)
    data = _only(data, UNIT_COST_FIELDS)
    fields = changed_fields(unit_cost, data)
    if fields:
        for name in fields:
            setattr(unit_cost, name, data[name])
        unit_cost.updated_by = actor
        unit_cost.full_clean()
        unit_cost.save(update_fields=[*fields, "updated_by", "updated_at"])
        record(action=Action.UPDATE, actor=actor, obj=unit_cost, details={"fields": fields})
    return unit_cost


def unit_cost_set_active(*, actor, unit_cost: UnitCost, is_active: bool) -> UnitCost:
    """Withdraw a unit cost from new cards (cards already using it keep it), or bring it back."""
    return unit_cost_update(actor=actor, unit_cost=unit_cost, data={"is_active": is_active})


@transaction.atomic
def unit_cost_delete(*, actor, unit_cost: UnitCost) -> None:
    """Delete a unit cost no card uses (a mistake); a used one can only be withdrawn."""
    if unit_cost_is_used(unit_cost):
        raise ValidationError(_("This unit cost is used by a card: withdraw it instead of deleting it."))
    record(action=Action.DELETE, actor=actor, obj=unit_cost, details={"name": unit_cost.name})
    unit_cost.delete()


# --- Cards --------------------------------------------------------------------------------------------------


def _check_card_period(card: CostCard) -> None:
    longest = max((m for m in card.lines.values_list("months", flat=True) if m), default=0)
    if card.pk and longest > card.months:
        raise ValidationError(
            {
                "months": _("A line of this card lasts %(months)s months: the period cannot be shorter.")
                % {"months": longest}
            }
        )


@transaction.atomic
def cost_card_create(*, actor, analysis, data: dict) -> CostCard:
    card = CostCard(analysis=analysis, created_by=actor, **_only(data, CARD_FIELDS))
    card.full_clean()
    card.save()
    record(action=Action.CREATE, actor=actor, obj=card, details={"analysis": analysis.pk})
    return card


@transaction.atomic
def cost_card_update(*, actor, card: CostCard, data: dict) -> CostCard:
    data = dict(data)
    claim_version(card, edit_version=data.pop("edit_version", None), actor=actor)
    data = _only(data, CARD_FIELDS)
    fields = changed_fields(card, data)
    if fields:
        for name in fields:
            setattr(card, name, data[name])
        # The author is not edited here and may be empty (an account removed since, a card seeded by a command).
        card.full_clean(exclude=["analysis", "created_by"])
        _check_card_period(card)
        card.save(update_fields=[*fields, "updated_at"])
        record(action=Action.UPDATE, actor=actor, obj=card, details={"fields": fields})
    return card


@transaction.atomic
def cost_card_delete(*, actor, card: CostCard) -> None:
    record(action=Action.DELETE, actor=actor, obj=card, details={"analysis": card.analysis_id})
    card.delete()


def _check_line(card: CostCard, line: CostCardLine, *, previous_unit_cost_id: int | None = None) -> None:
    errors = {}
    if line.months is not None and not 1 <= line.months <= card.months:
        errors["months"] = _("From 1 to %(months)s months (the period of the card).") % {"months": card.months}
    if line.unit_cost_id != previous_unit_cost_id:
        available = unit_costs_available_for(card.analysis.unit).filter(pk=line.unit_cost_id).exists()
        if not available:
            errors["unit_cost"] = _("This unit cost is not in use in the gmina's voivodeship.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def cost_card_line_add(*, actor, card: CostCard, data: dict) -> CostCardLine:
    line = CostCardLine(card=card, **_only(data, LINE_FIELDS))
    line.full_clean(exclude=["card"])
    _check_line(card, line)
    line.save()
    card.save(update_fields=["updated_at"])
    record(action=Action.CREATE, actor=actor, obj=line, details={"card": card.pk})
    return line


@transaction.atomic
def cost_card_line_update(*, actor, line: CostCardLine, data: dict) -> CostCardLine:
    data = dict(data)
    claim_version(line, edit_version=data.pop("edit_version", None), actor=actor)
    data = _only(data, LINE_FIELDS)
    previous_unit_cost_id = line.unit_cost_id
    fields = changed_fields(line, data)
    if fields:
        for name in fields:
            setattr(line, name, data[name])
        line.full_clean(exclude=["card"])
        _check_line(line.card, line, previous_unit_cost_id=previous_unit_cost_id)
        line.save(update_fields=fields)
        line.card.save(update_fields=["updated_at"])
        record(action=Action.UPDATE, actor=actor, obj=line, details={"card": line.card_id, "fields": fields})
    return line


@transaction.atomic
def cost_card_line_delete(*, actor, line: CostCardLine) -> None:
    record(action=Action.DELETE, actor=actor, obj=line, details={"card": line.card_id})
    line.card.save(update_fields=["updated_at"])
    line.delete()
