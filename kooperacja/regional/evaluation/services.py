"""Writes of the evaluation (R-42) and of the team's costs (R-43). The authorities' decision ends the cycle:
"continue" starts the next one — a new cooperation with the team and a draft of the agreement copied, the goals
left to be set — and both decisions archive the old cooperation. One transaction each, audited with ids only."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AnalysisAccess, cooperation_access_to
from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.cooperation.agreement.services import agreement_create, agreement_update, party_add
from kooperacja.cooperation.models import Agreement, AgreementParty, Cooperation, CooperationRole, Step
from kooperacja.cooperation.services import cooperation_create, step_mark, step_update
from kooperacja.cooperation.team.selectors import current_team
from kooperacja.cooperation.team.services import team_create, team_member_add
from kooperacja.core.concurrency import claim_version
from kooperacja.regional.models import ModelEvaluation, TeamCost

ASSESSMENT_FIELDS = ("what_worked", "what_did_not", "recommendations")
COPIED_FIELDS = ("scope", "scope_note", "organisational_months", "work_months", "summary_months")


def may_decide(user, cooperation) -> bool:
    """The cooperation's editors (its coordinator recording the decision) and its authorities (wójt, burmistrz,
    starosta) record the decision on continuation."""
    if cooperation_access_to(user, cooperation) >= AnalysisAccess.EDIT:
        return True
    return cooperation.roles.filter(user=user, role=CooperationRole.Role.AUTHORITY).exists()


@transaction.atomic
def evaluation_save(*, actor, cooperation: Cooperation, data: dict) -> ModelEvaluation:
    """The team's own assessment: what worked, what did not, recommendations. Closed once the decision is made."""
    evaluation, created = ModelEvaluation.objects.get_or_create(cooperation=cooperation, defaults={"created_by": actor})
    if evaluation.decision:
        raise ValidationError(_("The decision on continuation has been recorded; the evaluation is closed."))
    claim_version(evaluation, edit_version=None if created else data.get("edit_version"), actor=actor)
    data = {k: v for k, v in data.items() if k in ASSESSMENT_FIELDS}
    fields = changed_fields(evaluation, data)
    for name in fields:
        setattr(evaluation, name, data[name])
    if fields:
        evaluation.full_clean()
        evaluation.save(update_fields=[*fields, "updated_at"])
    if created or fields:
        record(
            action=Action.CREATE if created else Action.UPDATE,
            actor=actor,
            obj=evaluation,
            details={"cooperation": cooperation.pk, "fields": fields},
        )
    return evaluation


@transaction.atomic
def evaluation_decide(
    *,
    actor,
    cooperation: Cooperation,
    decision: str,
    decided_on: datetime.date,
    document_reference: str = "",
    next_start_date: datetime.date | None = None,
) -> ModelEvaluation:
    """Record the authorities' decision. "continue" starts the next cycle on ``next_start_date``; either way
    the 'evaluation' step is done and the cooperation archived."""
    if not may_decide(actor, cooperation):
        raise PermissionDenied
    if decision not in ModelEvaluation.Decision.values:
        raise ValidationError({"decision": _("Choose the decision.")})
    evaluation, _created = ModelEvaluation.objects.select_for_update().get_or_create(
        cooperation=cooperation, defaults={"created_by": actor}
    )
    if evaluation.decision or cooperation.status == Cooperation.Status.ARCHIVED:
        raise ValidationError(_("The decision on continuation has already been recorded."))
    if decision == ModelEvaluation.Decision.CONTINUE:
        if next_start_date is None:
            raise ValidationError({"next_start_date": _("Give the start date of the next cycle.")})
        evaluation.next_cooperation = cooperation_continue(
            actor=actor, cooperation=cooperation, start_date=next_start_date
        )
    evaluation.decision, evaluation.decided_on, evaluation.decided_by = decision, decided_on, actor
    evaluation.document_reference = document_reference
    evaluation.full_clean()
    evaluation.save()
    step_mark(actor=actor, cooperation=cooperation, kind="evaluation")
    cooperation.status = Cooperation.Status.ARCHIVED
    cooperation.save(update_fields=["status", "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=cooperation, details={"fields": ["status"], "status": "archived"})
    record(
        action=Action.UPDATE,
        actor=actor,
        obj=evaluation,
        details={"decision": decision, "next_cooperation": evaluation.next_cooperation_id},
    )
    return evaluation


@transaction.atomic
def cooperation_continue(*, actor, cooperation: Cooperation, start_date: datetime.date) -> Cooperation:
    """The next cycle: same gminas, variant and people; the active team members copied; a draft agreement with
    the old texts and the old parties invited again; the new goals left to be set."""
    roles: dict = {}
    for assignment in cooperation.roles.select_related("user"):
        roles.setdefault(assignment.role, []).append(assignment.user)
    following = cooperation_create(
        actor=actor,
        unit=cooperation.unit,
        name=(_("%(name)s — next cycle") % {"name": cooperation.name})[:200],
        variant=cooperation.variant,
        cycle=Cooperation.Cycle.CONTINUATION,
        previous=cooperation,
        other_units=list(cooperation.other_units.all()),
        roles=roles,
        start_date=start_date,
        **{name: getattr(cooperation, name) for name in COPIED_FIELDS},
    )

    team = current_team(cooperation)
    if team is not None:
        new_team = team_create(actor=actor, cooperation=following, established_on=start_date)
        for member in team.members.filter(left_on__isnull=True).select_related("institution").order_by("pk"):
            team_member_add(
                actor=actor,
                team=new_team,
                institution=member.institution,
                representative_name=member.representative_name,
                representative_user=member.representative_user,
                membership=member.membership,
                joined_on=start_date,
            )

    old = cooperation.agreements.order_by("-created_at", "-pk").first()
    if old is not None:
        agreement = agreement_create(actor=actor, cooperation=following, kind=old.kind)
        agreement_update(
            actor=actor, agreement=agreement, data={name: getattr(old, name) for name in Agreement.TEXT_FIELDS}
        )
        for party in old.parties.exclude(status=AgreementParty.Status.DECLINED).select_related("institution"):
            try:
                party_add(
                    actor=actor,
                    agreement=agreement,
                    institution=party.institution,
                    signatory_name=party.signatory_name,
                    signatory_function=party.signatory_function,
                )
            except ValidationError:
                continue  # an institution no longer serving the gminas is not invited again

    step = following.steps.filter(kind="agreement").exclude(status=Step.Status.DONE).order_by("order").first()
    if step is not None:
        note = _("Continuation of the previous cycle: set the new goals of the team and of the agreement.")
        step_update(actor=actor, step=step, data={"notes": f"{step.notes}\n{note}".strip()})
    record(action=Action.CREATE, actor=actor, obj=following, details={"previous": cooperation.pk})
    return following


# --- Costs (R-43) --------------------------------------------------------------------------------------


@transaction.atomic
def team_cost_add(
    *, actor, cooperation: Cooperation, kind: str, amount, spent_on: datetime.date, note: str = ""
) -> TeamCost:
    cost = TeamCost(cooperation=cooperation, kind=kind, amount=amount, spent_on=spent_on, note=note, created_by=actor)
    cost.full_clean()
    cost.save()
    record(action=Action.CREATE, actor=actor, obj=cost, details={"cooperation": cooperation.pk, "kind": kind})
    return cost


@transaction.atomic
def team_cost_remove(*, actor, cost: TeamCost) -> None:
    record(action=Action.DELETE, actor=actor, obj=cost, details={"cooperation": cost.cooperation_id})
    cost.delete()
