"""Writes to the work plan (annex 6, parts A and B) and to the social contract link (R-34, R-35).

The coordinator (EDIT on the case) writes the plan; a task is marked only by its own institution — a current
member of that institution in the case group — and the family's tasks by the coordinator (002 §4.4: nobody does
another institution's work). An acknowledged version is not edited: changing it means a new version. A closed
case refuses every write. Audit records name ids only (R-50)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AnalysisAccess, case_access_to
from kooperacja.audit.services import Action, record
from kooperacja.cases.models import (
    Case,
    CaseGroup,
    GroupMembership,
    PlanAcknowledgement,
    PlanGoal,
    PlanTask,
    SocialContract,
    WorkPlan,
)
from kooperacja.core.concurrency import claim_version
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import notify

# --- Guards ----------------------------------------------------------------------------------------


def ensure_open(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("The case is closed: it can be read, not changed."))


def ensure_runs(case: Case, actor) -> None:
    """The actor runs the case (its coordinator or a group's coordinator)."""
    if case_access_to(actor, case) < AnalysisAccess.EDIT:
        raise ValidationError(_("Only the coordinator of the case can do this."))


def ensure_editable(plan: WorkPlan, actor) -> None:
    ensure_open(plan.case)
    ensure_runs(plan.case, actor)
    if not plan.is_current:
        raise ValidationError(_("This is an earlier version of the plan: it can be read, not changed."))


def ensure_not_acknowledged(plan: WorkPlan) -> None:
    if plan.acknowledgements.exists():
        raise ValidationError(
            _("The plan has already been acknowledged by the parties: changes are made in a new version.")
        )


def coordinator_institution_ids(case: Case, user=None) -> set[int]:
    """The institutions the coordinator of the case's group works for (the OPS, as a rule): the coordinator
    represents their own institution in the group without a membership row. With ``user``, only when ``user`` is
    that coordinator."""
    from kooperacja.accounts.models import Membership

    coordinators = CaseGroup.objects.filter(cases=case).values("coordinator_id")
    if user is not None:
        coordinators = coordinators.filter(coordinator=user)
    return set(
        Membership.objects.filter(user__in=coordinators, is_active=True, institution__isnull=False).values_list(
            "institution_id", flat=True
        )
    )


def member_institution_ids(case: Case, user) -> set[int]:
    """Institutions the user represents in the case's group now: as a member, or as its coordinator."""
    own = set(
        GroupMembership.objects.filter(
            group__cases=case, user=user, left_on__isnull=True, institution__isnull=False
        ).values_list("institution_id", flat=True)
    )
    return own | coordinator_institution_ids(case, user)


def represented_institution_ids(case: Case) -> set[int]:
    """Every institution represented in the case's group now — the coordinator's own (the OPS) included: the
    parties a task can be given to and who acknowledge the plan."""
    ids = set(
        GroupMembership.objects.filter(group__cases=case, left_on__isnull=True, institution__isnull=False).values_list(
            "institution_id", flat=True
        )
    )
    return ids | coordinator_institution_ids(case)


def meeting_choices(case: Case):
    """Meetings the plan may be agreed at: the case's own meetings when meetings know their case, else the
    meetings of the case's cooperation."""
    from django.core.exceptions import FieldDoesNotExist

    from kooperacja.meetings.models import Meeting

    try:
        Meeting._meta.get_field("case")
    except FieldDoesNotExist:
        return Meeting.objects.filter(cooperation_id=case.cooperation_id).order_by("-starts_at")
    return Meeting.objects.filter(case_id=case.pk).order_by("-starts_at")


def _check_meeting(case: Case, meeting) -> None:
    if meeting is not None and not meeting_choices(case).filter(pk=meeting.pk).exists():
        raise ValidationError({"meeting": _("Choose a meeting of this case.")})


def _notify_group(case: Case, actor, message: str, url: str) -> None:
    users = [
        m.user
        for m in GroupMembership.objects.filter(
            group__cases=case, left_on__isnull=True, user__isnull=False
        ).select_related("user")
    ]
    notify(recipients=[u for u in users if u.pk != actor.pk], kind=Notification.Kind.CASE, message=message, url=url)


# --- The plan --------------------------------------------------------------------------------------


@transaction.atomic
def work_plan_create(
    *,
    actor,
    case: Case,
    main_goal: str,
    goals: list[str] | None = None,
    meeting=None,
    agreed_on: datetime.date | None = None,
) -> WorkPlan:
    """The first version of the plan: the main goal (the expected state) and the specific goals."""
    ensure_open(case)
    ensure_runs(case, actor)
    if WorkPlan.objects.filter(case=case).exists():
        raise ValidationError(_("The case already has a work plan."))
    _check_meeting(case, meeting)
    if not main_goal.strip():
        raise ValidationError({"main_goal": _("Write the main goal: the expected state.")})
    plan = WorkPlan.objects.create(
        case=case, main_goal=main_goal.strip(), meeting=meeting, agreed_on=agreed_on, created_by=actor
    )
    for number, text in enumerate([g.strip() for g in goals or [] if g.strip()], start=1):
        PlanGoal.objects.create(plan=plan, order=number, text=text)
    if case.status == Case.Status.INTAKE:
        case.status = Case.Status.PLANNING
        case.save(update_fields=["status", "updated_at"])
    record(action=Action.CREATE, actor=actor, obj=plan, details={"case": case.pk, "version": plan.version})
    _notify_group(
        case,
        actor,
        _("A work plan has been written in case %(ref)s.") % {"ref": case.reference},
        f"/sprawy/{case.pk}/plan/",
    )
    return plan


@transaction.atomic
def work_plan_update(
    *,
    actor,
    plan: WorkPlan,
    main_goal: str,
    meeting=None,
    agreed_on: datetime.date | None = None,
    edit_version: int | None = None,
) -> WorkPlan:
    ensure_editable(plan, actor)
    ensure_not_acknowledged(plan)
    claim_version(plan, edit_version=edit_version, actor=actor)
    _check_meeting(plan.case, meeting)
    if not main_goal.strip():
        raise ValidationError({"main_goal": _("Write the main goal: the expected state.")})
    plan.main_goal, plan.meeting, plan.agreed_on = main_goal.strip(), meeting, agreed_on
    plan.save(update_fields=["main_goal", "meeting", "agreed_on", "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=plan, details={"case": plan.case_id})
    return plan


@transaction.atomic
def work_plan_revise(*, actor, plan: WorkPlan, evaluation=None) -> WorkPlan:
    """The next version: a copy of ``plan`` (goals linked to the goals they replace, tasks with their status);
    ``plan`` becomes a read-only earlier version. Goals are then modified in the new version."""
    ensure_editable(plan, actor)
    if evaluation is not None and evaluation.case_id != plan.case_id:
        raise ValidationError(_("The evaluation belongs to another case."))
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    plan.superseded_at = timezone.now()
    plan.save(update_fields=["superseded_at", "updated_at"])
    new = WorkPlan.objects.create(
        case=plan.case,
        version=plan.version + 1,
        previous=plan,
        main_goal=plan.main_goal,
        meeting=plan.meeting,
        agreed_on=None,
        from_evaluation=evaluation,
        created_by=actor,
    )
    goal_map = {}
    for goal in plan.goals.all():
        goal_map[goal.pk] = PlanGoal.objects.create(plan=new, order=goal.order, text=goal.text, replaces=goal)
    for task in plan.tasks.all():
        PlanTask.objects.create(
            plan=new,
            goal=goal_map.get(task.goal_id),
            description=task.description,
            institution=task.institution,
            for_family=task.for_family,
            deadline=task.deadline,
            schedule=task.schedule,
            status=task.status,
            status_changed_by=task.status_changed_by,
            status_changed_at=task.status_changed_at,
            copied_from=task,
        )
    record(
        action=Action.CREATE,
        actor=actor,
        obj=new,
        details={
            "case": plan.case_id,
            "version": new.version,
            "previous": plan.pk,
            "evaluation": evaluation.pk if evaluation else None,
        },
    )
    return new


# --- Goals -----------------------------------------------------------------------------------------


@transaction.atomic
def goal_add(*, actor, plan: WorkPlan, text: str) -> PlanGoal:
    ensure_editable(plan, actor)
    ensure_not_acknowledged(plan)
    if not text.strip():
        raise ValidationError({"text": _("Write the goal.")})
    order = (plan.goals.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    goal = PlanGoal.objects.create(plan=plan, order=order, text=text.strip())
    record(action=Action.CREATE, actor=actor, obj=goal, details={"plan": plan.pk})
    return goal


@transaction.atomic
def goal_update(*, actor, goal: PlanGoal, text: str, edit_version: int | None = None) -> PlanGoal:
    """Reword a goal. In a later version the goal keeps its link to the goal it replaces: the history."""
    ensure_editable(goal.plan, actor)
    ensure_not_acknowledged(goal.plan)
    if not text.strip():
        raise ValidationError({"text": _("Write the goal.")})
    claim_version(goal, edit_version=edit_version, actor=actor)
    goal.text = text.strip()
    goal.save(update_fields=["text"])
    record(action=Action.UPDATE, actor=actor, obj=goal, details={"plan": goal.plan_id})
    return goal


@transaction.atomic
def goal_remove(*, actor, goal: PlanGoal) -> None:
    ensure_editable(goal.plan, actor)
    ensure_not_acknowledged(goal.plan)
    if goal.assessments.exists():
        raise ValidationError(_("The goal has been assessed at an evaluation and cannot be removed."))
    record(action=Action.DELETE, actor=actor, obj=goal, details={"plan": goal.plan_id})
    goal.delete()


# --- Tasks -----------------------------------------------------------------------------------------


@transaction.atomic
def task_add(
    *,
    actor,
    plan: WorkPlan,
    description: str,
    institution=None,
    for_family: bool = False,
    goal=None,
    deadline: datetime.date | None = None,
    schedule: str = "",
) -> PlanTask:
    """A task of part B for one institution's worker or (``for_family``) for the person/family."""
    ensure_editable(plan, actor)
    ensure_not_acknowledged(plan)
    if for_family == (institution is not None):
        raise ValidationError({"institution": _("Give the task either to an institution or to the family.")})
    if goal is not None and goal.plan_id != plan.pk:
        raise ValidationError({"goal": _("Choose a goal of this plan.")})
    if not description.strip():
        raise ValidationError({"description": _("Describe the task.")})
    task = PlanTask.objects.create(
        plan=plan,
        goal=goal,
        description=description.strip(),
        institution=institution,
        for_family=for_family,
        deadline=deadline,
        schedule=schedule.strip(),
    )
    record(action=Action.CREATE, actor=actor, obj=task, details={"plan": plan.pk, "institution": task.institution_id})
    return task


@transaction.atomic
def task_remove(*, actor, task: PlanTask) -> None:
    ensure_editable(task.plan, actor)
    ensure_not_acknowledged(task.plan)
    record(action=Action.DELETE, actor=actor, obj=task, details={"plan": task.plan_id})
    task.delete()


def may_mark(task: PlanTask, user, *, case: Case | None = None, institution_ids: set[int] | None = None) -> bool:
    """Whether ``user`` may mark ``task``: its institution's member in the group, or the coordinator for the
    family's tasks."""
    case = case or task.plan.case
    if task.for_family:
        return case_access_to(user, case) >= AnalysisAccess.EDIT
    if institution_ids is None:
        institution_ids = member_institution_ids(case, user)
    return task.institution_id in institution_ids


@transaction.atomic
def task_status_set(*, actor, task: PlanTask, status: str) -> PlanTask:
    case = task.plan.case
    ensure_open(case)
    if not task.plan.is_current:
        raise ValidationError(_("This is an earlier version of the plan: it can be read, not changed."))
    if status not in PlanTask.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    if not may_mark(task, actor, case=case):
        if task.for_family:
            raise ValidationError(_("The tasks of the person or family are marked by the coordinator."))
        raise ValidationError(
            _(
                "Only a worker of the institution the task is assigned to can mark it: each institution does its own "
                "tasks."
            )
        )
    task.status, task.status_changed_by, task.status_changed_at = status, actor, timezone.now()
    task.save(update_fields=["status", "status_changed_by", "status_changed_at"])
    record(action=Action.UPDATE, actor=actor, obj=task, details={"plan": task.plan_id, "status": status})
    return task


# --- Acknowledgements ------------------------------------------------------------------------------


def plan_institution_ids(plan: WorkPlan) -> set[int]:
    """The institutions that are parties to the plan: those with a task in it and those represented in the case
    group (the coordinator's OPS included)."""
    ids = set(plan.tasks.filter(institution__isnull=False).values_list("institution_id", flat=True))
    return ids | represented_institution_ids(plan.case)


@transaction.atomic
def acknowledgement_record(
    *, actor, plan: WorkPlan, institution=None, for_family: bool = False, name: str = ""
) -> PlanAcknowledgement:
    """An institution's acknowledgement — by one of its members in the group, for their own institution — or the
    person's/family's, recorded by the coordinator with the name of who acknowledged (who, when)."""
    case = plan.case
    ensure_open(case)
    if not plan.is_current:
        raise ValidationError(_("This is an earlier version of the plan: it can be read, not changed."))
    if for_family == (institution is not None):
        raise ValidationError(_("Acknowledge either for an institution or for the family."))
    if for_family:
        ensure_runs(case, actor)
        if not name.strip():
            raise ValidationError({"name": _("Write who acknowledged the plan for the person or family.")})
        if plan.acknowledgements.filter(for_family=True).exists():
            raise ValidationError(_("The person or family has already acknowledged this version."))
    else:
        own = member_institution_ids(case, actor)
        if institution.pk not in own and not (
            case_access_to(actor, case) >= AnalysisAccess.EDIT and works_at(actor, institution)
        ):
            raise ValidationError(_("You can acknowledge the plan only for your own institution."))
        if plan.acknowledgements.filter(institution=institution).exists():
            raise ValidationError(_("Your institution has already acknowledged this version."))
        name = name.strip() or actor.get_full_name()
    ack = PlanAcknowledgement.objects.create(
        plan=plan, institution=institution, for_family=for_family, name=name.strip(), recorded_by=actor
    )
    record(
        action=Action.CREATE,
        actor=actor,
        obj=ack,
        details={"plan": plan.pk, "institution": ack.institution_id, "family": for_family},
    )
    if for_family and case.status in (Case.Status.INTAKE, Case.Status.PLANNING):
        # The plan agreed with the family starts the work: from now on the group reports and monitors.
        case.status = Case.Status.MONITORING
        case.save(update_fields=["status", "updated_at"])
        record(action=Action.UPDATE, actor=actor, obj=case, details={"status": case.status})
    return ack


def works_at(user, institution) -> bool:
    from kooperacja.accounts.access import memberships_of

    return any(m.institution_id == institution.pk for m in memberships_of(user))


# --- Social contract -------------------------------------------------------------------------------


@transaction.atomic
def social_contract_add(
    *,
    actor,
    case: Case,
    kind: str,
    date: datetime.date,
    number: str = "",
    status: str = SocialContract.Status.ACTIVE,
    kind_other: str = "",
) -> SocialContract:
    ensure_open(case)
    ensure_runs(case, actor)
    contract = SocialContract(
        case=case,
        kind=kind,
        kind_other=kind_other.strip() if kind == "other" else "",
        number=number.strip(),
        date=date,
        status=status,
        created_by=actor,
    )
    if kind == SocialContract.Kind.OTHER and not contract.kind_other:
        raise ValidationError({"kind_other": _("Name the kind of the document.")})
    contract.full_clean()
    contract.save()
    record(action=Action.CREATE, actor=actor, obj=contract, details={"case": case.pk, "kind": kind})
    return contract


@transaction.atomic
def social_contract_update(*, actor, contract: SocialContract, status: str) -> SocialContract:
    ensure_open(contract.case)
    ensure_runs(contract.case, actor)
    if status not in SocialContract.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    contract.status = status
    contract.save(update_fields=["status"])
    record(action=Action.UPDATE, actor=actor, obj=contract, details={"case": contract.case_id, "status": status})
    return contract


@transaction.atomic
def social_contract_remove(*, actor, contract: SocialContract) -> None:
    ensure_open(contract.case)
    ensure_runs(contract.case, actor)
    record(action=Action.DELETE, actor=actor, obj=contract, details={"case": contract.case_id})
    contract.delete()
