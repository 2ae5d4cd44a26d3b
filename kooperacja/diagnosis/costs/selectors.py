"""Reads of the unit-cost table and of the cost-of-inaction cards (R-15); query counts do not grow with rows.

For the whole-analysis report: ``cards_for_report(analysis)`` gives every card of the analysis with its lines
and totals in two queries; render each with ``{% include "diagnosis/costs/_card_content.html" with report=r
pdf=True %}`` (see the top of that fragment).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from kooperacja.accounts.access import is_administrator, may_keep_unit_costs, memberships_of
from kooperacja.accounts.models import Role
from kooperacja.diagnosis.costs import calculation
from kooperacja.diagnosis.models import CostCard, CostCardLine, Payer, UnitCost
from kooperacja.territory.models import Unit


@dataclass
class LineRow:
    """One line as the card shows it: the line, its effective payer, months and figures, its footnote."""

    line: CostCardLine
    unit_cost: UnitCost
    payer: str
    payer_label: str
    months: int
    monthly: object
    whole: object
    footnote: int


@dataclass
class PayerRow:
    payer: str
    label: str
    pays: object
    saves: object
    balance: object


@dataclass
class CardReport:
    """A card ready to show or print: ``services`` and ``consequences`` are lists of LineRow, ``totals`` a
    ``calculation.CardTotals``, ``payers`` a list of PayerRow (with Polish labels), ``sources`` the unit costs
    used, numbered as the footnotes of the lines (footnote n is ``sources[n - 1]``)."""

    card: CostCard
    services: list[LineRow] = field(default_factory=list)
    consequences: list[LineRow] = field(default_factory=list)
    totals: calculation.CardTotals | None = None
    payers: list[PayerRow] = field(default_factory=list)
    sources: list[UnitCost] = field(default_factory=list)


# --- Unit costs ---------------------------------------------------------------------------------------------


def unit_cost_table() -> QuerySet[UnitCost]:
    """Every unit cost, services first, with the scope and who changed it last."""
    return UnitCost.objects.select_related("voivodeship", "updated_by").order_by("kind", "-is_active", "name", "pk")


def unit_costs_available_for(gmina: Unit) -> QuerySet[UnitCost]:
    """The unit costs a card of ``gmina`` may use: in use, national or of the gmina's voivodeship."""
    return UnitCost.objects.filter(
        Q(voivodeship__isnull=True) | Q(voivodeship__code=gmina.code[:2]), is_active=True
    ).order_by("kind", "name", "pk")


def voivodeships_kept_by(user) -> QuerySet[Unit]:
    """The voivodeships whose unit costs ``user`` may set: all for administrators, ROPS staff their own."""
    voivodeships = Unit.objects.filter(level=Unit.Level.VOIVODESHIP).order_by("name")
    if is_administrator(user):
        return voivodeships
    codes = {
        m.institution.unit.code[:2]
        for m in memberships_of(user)
        if m.institution_id and m.institution.kind == "rops" and m.role in (Role.ROPS_ANIMATOR, Role.DIRECTOR)
    }
    return voivodeships.filter(code__in=codes)


def unit_cost_for_keeper(*, user, unit_cost_id: int) -> UnitCost:
    """A unit cost ``user`` may change: administrators any; ROPS staff the national ones and their own
    voivodeship's (another voivodeship's rows are theirs to keep)."""
    if not may_keep_unit_costs(user):
        raise PermissionDenied
    unit_cost = get_object_or_404(UnitCost.objects.select_related("voivodeship"), pk=unit_cost_id)
    foreign = unit_cost.voivodeship_id is not None and not is_administrator(user)
    if foreign and not voivodeships_kept_by(user).filter(pk=unit_cost.voivodeship_id).exists():
        raise PermissionDenied
    return unit_cost


def unit_cost_is_used(unit_cost: UnitCost) -> bool:
    return CostCardLine.objects.filter(unit_cost=unit_cost).exists()


# --- Cards --------------------------------------------------------------------------------------------------


def _lines_prefetch() -> Prefetch:
    return Prefetch("lines", queryset=CostCardLine.objects.select_related("unit_cost").order_by("id"))


def line_input(line: CostCardLine) -> calculation.LineInput:
    unit_cost = line.unit_cost
    return calculation.LineInput(
        kind=unit_cost.kind,
        per=unit_cost.per,
        amount=unit_cost.amount,
        quantity=line.quantity,
        persons=line.persons,
        payer=line.payer or unit_cost.payer,
        months=line.months,
    )


def card_report(card: CostCard, lines: list[CostCardLine] | None = None) -> CardReport:
    """Lines, figures, per-budget balance and footnotes of ``card``; one query, none when ``lines`` are given
    (already fetched with their unit costs)."""
    if lines is None:
        lines = list(card.lines.select_related("unit_cost").order_by("id"))
    payer_labels = dict(Payer.choices)
    report = CardReport(card=card)
    footnotes: dict[int, int] = {}
    for line in lines:
        unit_cost = line.unit_cost
        if unit_cost.pk not in footnotes:
            report.sources.append(unit_cost)
            footnotes[unit_cost.pk] = len(report.sources)
        data = line_input(line)
        figures = calculation.line_figures(data, card.months)
        row = LineRow(
            line=line,
            unit_cost=unit_cost,
            payer=data.payer,
            payer_label=payer_labels.get(data.payer, data.payer),
            months=figures.months,
            monthly=figures.monthly,
            whole=figures.whole,
            footnote=footnotes[unit_cost.pk],
        )
        (report.services if unit_cost.kind == UnitCost.Kind.SERVICE else report.consequences).append(row)
    report.totals = calculation.card_totals(
        (line_input(line) for line in lines), card_months=card.months, deadweight_percent=card.deadweight_percent
    )
    report.payers = [
        PayerRow(payer=p.payer, label=payer_labels[p.payer], pays=p.pays, saves=p.saves, balance=p.balance)
        for p in report.totals.payers
    ]
    return report


def card_totals(card: CostCard) -> calculation.CardTotals:
    """The totals of one card (one query)."""
    return card_report(card).totals


def cards_for_report(analysis) -> list[CardReport]:
    """Every cost-of-inaction card of ``analysis`` with its lines, figures, per-budget balance and sources,
    in title order — for the analysis page and the whole-analysis report. Two queries, however many cards."""
    cards = analysis.cost_cards.prefetch_related(_lines_prefetch()).order_by("title", "pk")
    return [card_report(card, list(card.lines.all())) for card in cards]
