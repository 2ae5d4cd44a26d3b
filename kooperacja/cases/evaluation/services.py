"""Writes of part C of annex 6 — the evaluation (R-37) — and the joint decision to close the case.

An evaluation records, for the plan version in force, the degree each goal was reached, the situation before
and after in each area of the diagnosis (1–5), and the comments of the workers and of the family. Goals are
modified in a new plan version (``work_plan_revise`` with the evaluation). Closing is a joint decision: the
coordinator proposes it with a reason, every current member of the group with an account agrees, then the
coordinator confirms and the case becomes closed (read-only). Audit records name ids only (R-50)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.audit.services import Action, record
from kooperacja.cases.models import (
    RATING_MAX,
    RATING_MIN,
    AreaRating,
    Case,
    ClosureAgreement,
    ClosureProposal,
    DiagnosisArea,
    Evaluation,
    GoalAssessment,
    GroupMembership,
    WorkPlan,
)
from kooperacja.cases.plan.services import _check_meeting, ensure_open, ensure_runs, member_institution_ids
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import notify


@transaction.atomic
def evaluation_create(
    *,
    actor,
    case: Case,
    held_on: datetime.date,
    goal_degrees: dict[int, str] | None = None,
    area_ratings: dict[str, tuple[int, int]] | None = None,
    workers_comment: str = "",
    family_comment: str = "",
    is_final: bool = False,
    meeting=None,
) -> Evaluation:
    """Evaluate the current plan version. ``goal_degrees`` maps a goal id of that version to a
    ``GoalAssessment.Degree``; ``area_ratings`` maps a ``DiagnosisArea`` to (before, after), each 1–5."""
    ensure_open(case)
    ensure_runs(case, actor)
    plan = WorkPlan.objects.filter(case=case, superseded_at__isnull=True).first()
    if plan is None:
        raise ValidationError(_("Write the work plan first: the evaluation assesses its goals."))
    _check_meeting(case, meeting)
    goals = {g.pk: g for g in plan.goals.all()}
    errors = []
    for goal_id, degree in (goal_degrees or {}).items():
        if goal_id not in goals:
            errors.append(_("Assess the goals of the current plan only."))
        if degree not in GoalAssessment.Degree.values:
            errors.append(_("Choose the degree the goal was reached."))
    for area, pair in (area_ratings or {}).items():
        if area not in DiagnosisArea.values:
            errors.append(_("Unknown area of the diagnosis."))
        if len(pair) != 2 or any(not isinstance(v, int) or not RATING_MIN <= v <= RATING_MAX for v in pair):
            errors.append(_("Rate the situation from 1 to 5, before and after."))
    if errors:
        raise ValidationError(sorted(set(errors)))
    evaluation = Evaluation.objects.create(
        case=case,
        plan=plan,
        held_on=held_on,
        meeting=meeting,
        is_final=is_final,
        workers_comment=workers_comment.strip(),
        family_comment=family_comment.strip(),
        created_by=actor,
    )
    GoalAssessment.objects.bulk_create(
        [GoalAssessment(evaluation=evaluation, goal=goals[g], degree=d) for g, d in (goal_degrees or {}).items()]
    )
    AreaRating.objects.bulk_create(
        [AreaRating(evaluation=evaluation, area=a, before=b, after=f) for a, (b, f) in (area_ratings or {}).items()]
    )
    record(
        action=Action.CREATE, actor=actor, obj=evaluation, details={"case": case.pk, "plan": plan.pk, "final": is_final}
    )
    return evaluation


# --- Closure ---------------------------------------------------------------------------------------


def closure_voters(case: Case) -> list[GroupMembership]:
    """The current members of the case's groups with an account — one row per user — whose agreement is needed:
    those who can see the case (their institution shared by consent or override, or who coordinate it)."""
    from kooperacja.accounts.access import shared_institution_ids

    shared = shared_institution_ids(case)
    seen, rows = set(), []
    memberships = GroupMembership.objects.filter(group__cases=case, left_on__isnull=True, user__isnull=False)
    for m in memberships.select_related("user", "institution", "group"):
        sees = m.institution_id in shared or m.user_id in (case.coordinator_id, m.group.coordinator_id)
        if sees and m.user_id not in seen:
            seen.add(m.user_id)
            rows.append(m)
    return rows


def open_proposal(case: Case) -> ClosureProposal | None:
    return ClosureProposal.objects.filter(case=case, confirmed_at__isnull=True, withdrawn_at__isnull=True).first()


def missing_agreements(proposal: ClosureProposal) -> list[GroupMembership]:
    agreed = set(proposal.agreements.values_list("user_id", flat=True))
    return [m for m in closure_voters(proposal.case) if m.user_id not in agreed]


@transaction.atomic
def closure_propose(*, actor, case: Case, reason: str, note: str = "") -> ClosureProposal:
    ensure_open(case)
    ensure_runs(case, actor)
    if open_proposal(case) is not None:
        raise ValidationError(_("Closing the case has already been proposed."))
    if reason not in ClosureProposal.Reason.values:
        raise ValidationError({"reason": _("Choose the reason for closing.")})
    if reason == ClosureProposal.Reason.OTHER and not note.strip():
        raise ValidationError({"note": _("Explain the reason for closing.")})
    proposal = ClosureProposal.objects.create(case=case, reason=reason, note=note.strip(), proposed_by=actor)
    ClosureAgreement.objects.create(proposal=proposal, user=actor)
    record(action=Action.CREATE, actor=actor, obj=proposal, details={"case": case.pk, "reason": reason})
    notify(
        recipients=[m.user for m in closure_voters(case) if m.user_id != actor.pk],
        kind=Notification.Kind.CASE,
        message=_("Closing case %(ref)s has been proposed: your agreement is needed.") % {"ref": case.reference},
        url=f"/sprawy/{case.pk}/ocena/",
    )
    return proposal


@transaction.atomic
def closure_agree(*, actor, proposal: ClosureProposal) -> ClosureAgreement:
    """A current member of the group agrees to close the case."""
    case = proposal.case
    ensure_open(case)
    if not proposal.is_open:
        raise ValidationError(_("This proposal is no longer open."))
    if actor.pk not in {m.user_id for m in closure_voters(case)} and actor.pk != proposal.proposed_by_id:
        raise ValidationError(_("Only a member of the case group can agree to close the case."))
    if proposal.agreements.filter(user=actor).exists():
        raise ValidationError(_("You have already agreed."))
    institution_ids = sorted(member_institution_ids(case, actor))
    agreement = ClosureAgreement.objects.create(
        proposal=proposal, user=actor, institution_id=institution_ids[0] if institution_ids else None
    )
    record(action=Action.CREATE, actor=actor, obj=agreement, details={"case": case.pk, "proposal": proposal.pk})
    return agreement


@transaction.atomic
def closure_withdraw(*, actor, proposal: ClosureProposal) -> ClosureProposal:
    ensure_open(proposal.case)
    ensure_runs(proposal.case, actor)
    if not proposal.is_open:
        raise ValidationError(_("This proposal is no longer open."))
    proposal.withdrawn_at = timezone.now()
    proposal.save(update_fields=["withdrawn_at"])
    record(action=Action.UPDATE, actor=actor, obj=proposal, details={"case": proposal.case_id, "withdrawn": True})
    return proposal


@transaction.atomic
def closure_confirm(*, actor, proposal: ClosureProposal) -> Case:
    """The coordinator closes the case once every current member with an account has agreed."""
    case = proposal.case
    ensure_open(case)
    ensure_runs(case, actor)
    if not proposal.is_open:
        raise ValidationError(_("This proposal is no longer open."))
    if not proposal.agreements.filter(user=actor).exists():
        ClosureAgreement.objects.create(proposal=proposal, user=actor)
    missing = missing_agreements(proposal)
    if missing:
        names = ", ".join(m.user.get_full_name() for m in missing)
        raise ValidationError(
            _("The case is closed by a joint decision: waiting for the agreement of %(names)s.") % {"names": names}
        )
    now = timezone.now()
    proposal.confirmed_by, proposal.confirmed_at = actor, now
    proposal.save(update_fields=["confirmed_by", "confirmed_at"])
    case.status, case.closed_on = Case.Status.CLOSED, timezone.localdate(now)
    case.save(update_fields=["status", "closed_on", "updated_at"])
    record(
        action=Action.UPDATE,
        actor=actor,
        obj=case,
        details={"status": case.status, "proposal": proposal.pk, "reason": proposal.reason},
    )
    notify(
        recipients=[m.user for m in closure_voters(case) if m.user_id != actor.pk],
        kind=Notification.Kind.CASE,
        message=_("Case %(ref)s has been closed.") % {"ref": case.reference},
        url=f"/sprawy/{case.pk}/ocena/",
    )
    return case
