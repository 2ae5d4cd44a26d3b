"""Writes of the case group (GGK, R-32) and its meetings (R-33, 002 §4.2, §4.4): members over time, the
handover of coordination, cases served together, group and monitoring meetings through the meetings engine,
the family's participation. One transaction each, audited with ids only (R-50).

Monitoring meetings are scheduled by "plan the next N": setting (or changing) the frequency re-dates the planned
monitoring meetings whose invitations have not gone out and tops them up to N, every ``every_weeks`` weeks after
the last meeting of the case, each moved to the next working day (not a weekend or a public holiday) at the
time of that meeting (10:00 when it fell outside the OPS hours). The invitations are sent by the coordinator,
when the 5-day notice allows."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AnalysisAccess, case_access_to
from kooperacja.accounts.models import Membership
from kooperacja.audit.services import Action, record
from kooperacja.cases.diagnosis.services import require_case_runner
from kooperacja.cases.models import (
    Case,
    CaseGroup,
    CoordinationHandover,
    ExtraMeeting,
    FamilyParticipation,
    GroupMembership,
    MonitoringPlan,
)
from kooperacja.cases.services import group_member_add
from kooperacja.core.concurrency import claim_version
from kooperacja.meetings import rules
from kooperacja.meetings import services as meetings
from kooperacja.meetings.models import Meeting

CASE_MEETING_KINDS = (Meeting.Kind.CASE_GROUP, Meeting.Kind.MONITORING)
DEFAULT_PLAN_NEXT = 3
DEFAULT_TIME = datetime.time(10, 0)


def group_of(case: Case) -> CaseGroup:
    """The case's group (a case has one; a group may serve several cases)."""
    return CaseGroup.objects.filter(cases=case).order_by("pk").first()


def _require_open(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("The case is closed: it can be read, not changed."))


def _current_member(case: Case, user) -> bool:
    return GroupMembership.objects.filter(group__cases=case, user=user, left_on__isnull=True).exists()


# --- Members ---------------------------------------------------------------------------------------


@transaction.atomic
def group_member_join(
    *,
    actor,
    case: Case,
    user,
    institution=None,
    function: str = "",
    function_other: str = "",
    joined_on: datetime.date | None = None,
) -> GroupMembership:
    """A worker (a platform account) joins the case's group for their institution (by default the first one the
    member picker offers), with their function in the group (by default the one their position names). Only a
    worker of the gmina's network with a role that works with families may join (see
    ``selectors.eligible_memberships``). They read the case once the family's consent (or an override) covers
    that institution."""
    from kooperacja.cases.group.functions import function_for
    from kooperacja.cases.group.selectors import eligible_memberships

    require_case_runner(actor, case)
    group = group_of(case)
    if GroupMembership.objects.filter(group=group, user=user, left_on__isnull=True).exists():
        raise ValidationError({"user": _("This person is already a member of the group.")})
    eligible = eligible_memberships(case).filter(user=user)
    if institution is not None:
        eligible = eligible.filter(institution=institution)
    works = eligible.order_by("institution__name", "pk").first()
    if works is None:
        raise ValidationError(
            {
                "user": _(
                    "This person cannot join the group: only workers of the institutions of the gmina and its "
                    "team, in a role that works with families, can."
                )
            }
        )
    function_other = (function_other or "").strip()
    if not function:
        function, function_other = function_for(works.position, works.institution.kind)
    if function not in GroupMembership.Function.values:
        raise ValidationError({"function": _("Choose the function in the group.")})
    if function != GroupMembership.Function.OTHER:
        function_other = ""
    elif not function_other:
        raise ValidationError({"function_other": _("Name the function: the function is “other”.")})
    return group_member_add(
        actor=actor,
        group=group,
        user=user,
        institution=works.institution,
        joined_on=joined_on,
        function=function,
        function_other=function_other[:120],
    )


@transaction.atomic
def group_close_person_add(*, actor, case: Case, name: str, joined_on: datetime.date | None = None) -> GroupMembership:
    """A person close to the family joins the group where useful: a name only, no account."""
    require_case_runner(actor, case)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the name of the close person.")})
    return group_member_add(
        actor=actor, group=group_of(case), name=name, role=GroupMembership.Role.CLOSE_PERSON, joined_on=joined_on
    )


@transaction.atomic
def group_member_leave(
    *, actor, case: Case, membership: GroupMembership, left_on: datetime.date | None = None
) -> GroupMembership:
    """A member leaves the group (the date is kept); a worker who left no longer sees the case."""
    require_case_runner(actor, case)
    if membership.left_on is not None:
        raise ValidationError(_("This member has already left the group."))
    if membership.user_id is not None and membership.user_id == membership.group.coordinator_id:
        raise ValidationError(_("The coordinator cannot leave the group: hand the coordination over first."))
    left_on = left_on or timezone.localdate()
    if left_on < membership.joined_on:
        raise ValidationError({"left_on": _("A member cannot leave before joining.")})
    membership.left_on = left_on
    membership.save(update_fields=["left_on"])
    record(
        action=Action.UPDATE, actor=actor, obj=membership, details={"fields": ["left_on"], "group": membership.group_id}
    )
    return membership


@transaction.atomic
def coordination_hand_over(*, actor, case: Case, to_user, reason: str = "") -> CoordinationHandover:
    """The coordinator (an OPS worker) hands the coordination of the group to another member's representative;
    the new coordinator runs the case (EDIT)."""
    require_case_runner(actor, case)
    group = group_of(case)
    if to_user.pk == group.coordinator_id:
        raise ValidationError({"to_user": _("This person already coordinates the group.")})
    if not GroupMembership.objects.filter(group=group, user=to_user, left_on__isnull=True).exists():
        raise ValidationError({"to_user": _("Coordination can be handed to a current member of the group only.")})
    handover = CoordinationHandover.objects.create(
        group=group, from_user=group.coordinator, to_user=to_user, reason=(reason or "").strip()
    )
    group.coordinator = to_user
    group.save(update_fields=["coordinator"])
    for served in group.cases.all():
        served.__dict__.pop("_access_cache", None)
    case.__dict__.pop("_access_cache", None)
    record(
        action=Action.CREATE,
        actor=actor,
        obj=handover,
        details={"group": group.pk, "from": handover.from_user_id, "to": to_user.pk},
    )
    return handover


@transaction.atomic
def group_case_attach(*, actor, case: Case, other: Case) -> CaseGroup:
    """The group of ``case`` serves ``other`` too (a case of the same cooperation that ``actor`` also runs)."""
    require_case_runner(actor, case)
    require_case_runner(actor, other)
    if other.cooperation_id != case.cooperation_id:
        raise ValidationError({"other": _("Only a case of the same cooperation can be attached.")})
    group = group_of(case)
    if group.cases.filter(pk=other.pk).exists():
        raise ValidationError({"other": _("This case is already served by the group.")})
    group.cases.add(other)
    record(action=Action.UPDATE, actor=actor, obj=group, details={"cases_added": [other.pk]})
    return group


# --- Meetings --------------------------------------------------------------------------------------


def _invite_members(*, actor, meeting: Meeting, case: Case) -> list:
    """Invitees are the case's coordinator and the current members with an account (with their institutions);
    the family is not invited through the platform. Returns the users invited now."""
    invited = set(meeting.invitations.values_list("user_id", flat=True))
    added = []
    current = (
        GroupMembership.objects.filter(
            group__cases=case, user__isnull=False, left_on__isnull=True, user__is_active=True
        )
        .select_related("user", "institution")
        .order_by("pk")
    )
    for membership in current:
        if membership.user_id in invited:
            continue
        invited.add(membership.user_id)
        added.append(membership.user)
        meetings.invitation_add(
            actor=actor,
            meeting=meeting,
            user=membership.user,
            institution=membership.institution,
            person_name=membership.user.get_full_name() or membership.user.email,
        )
    coordinator = case.coordinator
    if coordinator is not None and coordinator.is_active and coordinator.pk not in invited:
        works_at = Membership.objects.filter(user=coordinator).select_related("institution").order_by("pk").first()
        invited.add(coordinator.pk)
        added.append(coordinator)
        meetings.invitation_add(
            actor=actor,
            meeting=meeting,
            user=coordinator,
            institution=works_at.institution if works_at else None,
            person_name=coordinator.get_full_name() or coordinator.email,
        )
    return added


@transaction.atomic
def case_meeting_plan(
    *,
    actor,
    case: Case,
    kind: str = Meeting.Kind.CASE_GROUP,
    starts_at: datetime.datetime,
    duration_minutes: int = 90,
    place: str,
    agenda: str = "",
    override_reason: str = "",
) -> Meeting:
    """Plan a group (or monitoring) meeting of the case; the title names the case reference only; the current
    members with an account are invited (the invitations go out with ``meetings.services.invitations_send``)."""
    require_case_runner(actor, case)
    if kind not in CASE_MEETING_KINDS:
        raise ValidationError({"kind": _("Choose a case group or a monitoring meeting.")})
    meeting = meetings.meeting_create(
        actor=actor,
        case=case,
        kind=kind,
        title=meetings.case_meeting_title(kind, case.reference),
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        agenda=agenda,
        override_reason=override_reason,
    )
    _invite_members(actor=actor, meeting=meeting, case=case)
    return meeting


@transaction.atomic
def extra_meeting_call(
    *,
    actor,
    case: Case,
    reason: str,
    starts_at: datetime.datetime,
    duration_minutes: int = 90,
    place: str,
    override_reason: str = "",
) -> Meeting:
    """Any member of the group calls an extra monitoring meeting on a significant change, giving the reason
    (kept encrypted; the invitation does not carry it). The caller organises it; the coordinator and every
    current member are invited and told at once in their notification centre (and by a generic e-mail)."""
    _require_open(case)
    access = case_access_to(actor, case)
    if access < AnalysisAccess.EDIT and not (access >= AnalysisAccess.READ and _current_member(case, actor)):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Describe the significant change that calls for the meeting.")})
    kind = Meeting.Kind.MONITORING
    meeting = meetings.meeting_create(
        actor=actor,
        case=case,
        kind=kind,
        title=meetings.case_meeting_title(kind, case.reference),
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        override_reason=override_reason,
    )
    ExtraMeeting.objects.create(meeting=meeting, called_by=actor, reason=reason)
    invitees = _invite_members(actor=actor, meeting=meeting, case=case)
    from kooperacja.notifications.models import Notification
    from kooperacja.notifications.services import notify

    notify(  # told at once; the formal invitation follows when the organiser sends the invitations
        recipients=[u for u in invitees if u.pk != actor.pk],
        kind=Notification.Kind.MEETING_INVITATION,
        message=meetings.notice_text(
            meeting, _("An extra %(kind)s has been called for %(date)s (a significant change in the case).")
        ),
        url=reverse("meetings:detail", args=[meeting.pk]),
        key=f"meeting-{meeting.pk}-extra-called",
    )
    record(action=Action.CREATE, actor=actor, obj=meeting, details={"case": case.pk, "extra": True})
    return meeting


def next_working_day(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5 or rules.public_holiday(day):
        day += datetime.timedelta(days=1)
    return day


def _schedule_dates(anchor: datetime.datetime, every_weeks: int, count: int) -> list[datetime.datetime]:
    local = timezone.localtime(anchor)
    opens, closes = rules.OPS_WORKING_HOURS
    at = local.time().replace(second=0, microsecond=0)
    if not opens <= at <= closes:
        at = DEFAULT_TIME
    tz = timezone.get_current_timezone()
    dates = []
    for k in range(1, count + 1):
        day = next_working_day(local.date() + datetime.timedelta(weeks=every_weeks * k))
        dates.append(datetime.datetime.combine(day, at, tzinfo=tz))
    return dates


@transaction.atomic
def monitoring_schedule(
    *,
    actor,
    case: Case,
    every_weeks: int,
    plan_next: int = DEFAULT_PLAN_NEXT,
    at_meeting: Meeting | None = None,
    place: str = "",
    now: datetime.datetime | None = None,
    edit_version: int | None = None,
) -> MonitoringPlan:
    """Set (or change) how often the group monitors the case, and plan the next ``plan_next`` monitoring meetings
    (see the module's docstring). Meetings whose invitations went out keep their date. ``edit_version`` is the
    plan's version the form was opened with (0: no plan yet), refused when the plan has been changed since."""
    require_case_runner(actor, case)
    now = now or timezone.now()
    if every_weeks not in dict(MonitoringPlan.FREQUENCIES):
        raise ValidationError({"every_weeks": _("Choose how often the group meets.")})
    if not 1 <= plan_next <= 12:
        raise ValidationError({"plan_next": _("Plan between 1 and 12 meetings.")})
    plan = MonitoringPlan.objects.filter(case=case).first()
    first_meeting = (
        at_meeting
        or Meeting.objects.filter(case=case, kind=Meeting.Kind.CASE_GROUP)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .first()
    )
    if plan is None:
        plan = MonitoringPlan.objects.create(
            case=case, every_weeks=every_weeks, set_at_meeting=first_meeting, set_by=actor
        )
        claim_version(plan, edit_version=None, actor=actor)
        action = Action.CREATE
    else:
        claim_version(plan, edit_version=edit_version, actor=actor)
        plan.every_weeks, plan.set_by = every_weeks, actor
        plan.save(update_fields=["every_weeks", "set_by", "updated_at"])
        action = Action.UPDATE
    movable = list(
        Meeting.objects.filter(
            case=case,
            kind=Meeting.Kind.MONITORING,
            status=Meeting.Status.PLANNED,
            invitations_sent_at__isnull=True,
            starts_at__gt=now,
            extra_call__isnull=True,
        ).order_by("starts_at")
    )
    fixed = (
        Meeting.objects.filter(case=case)
        .exclude(status=Meeting.Status.CANCELLED)
        .exclude(pk__in=[m.pk for m in movable])
        .order_by("-starts_at")
        .first()
    )
    anchor = fixed.starts_at if fixed is not None else now
    place = place or (fixed.place if fixed is not None else "") or (movable[0].place if movable else "")
    if not place:
        raise ValidationError({"place": _("Give the place of the monitoring meetings.")})
    dates = _schedule_dates(anchor, every_weeks, max(plan_next, len(movable)))
    moved = []
    for meeting, when in zip(movable, dates, strict=False):
        if meeting.starts_at != when:
            meetings.meeting_update(actor=actor, meeting=meeting, data={"starts_at": when})
            moved.append(meeting.pk)
    created = []
    for when in dates[len(movable) : plan_next]:
        meeting = case_meeting_plan(
            actor=actor, case=case, kind=Meeting.Kind.MONITORING, starts_at=when, duration_minutes=90, place=place
        )
        created.append(meeting.pk)
    record(
        action=action,
        actor=actor,
        obj=plan,
        details={"case": case.pk, "every_weeks": every_weeks, "created": created, "moved": moved},
    )
    return plan


@transaction.atomic
def family_participation_record(
    *,
    actor,
    meeting: Meeting,
    attended: bool,
    consulted_how: str = "",
    consulted_on: datetime.date | None = None,
    informed_how: str = "",
    informed_on: datetime.date | None = None,
    note: str = "",
    edit_version: int | None = None,
) -> FamilyParticipation:
    """How the family took part: it attended, or it was consulted before (how, when) and informed after (how,
    when). Recorded by who runs the meeting."""
    from kooperacja.accounts.access import meeting_access_to

    if meeting.case_id is None:
        raise ValidationError(_("Only a meeting of a case records the family's participation."))
    if meeting_access_to(actor, meeting) < AnalysisAccess.EDIT:
        raise PermissionDenied
    _require_open(meeting.case)
    errors = {}
    for how, when, label in (
        ("consulted_how", consulted_on, "consulted_on"),
        ("informed_how", informed_on, "informed_on"),
    ):
        value = {"consulted_how": consulted_how, "informed_how": informed_how}[how]
        if bool(value) != bool(when):
            errors[how if not value else label] = _("Give both how and when.")
    if not attended and not (consulted_on or informed_on):
        errors["attended"] = _("The family attended, or record how it was consulted before or informed after.")
    if errors:
        raise ValidationError(errors)
    item = FamilyParticipation.objects.filter(meeting=meeting).first() or FamilyParticipation(meeting=meeting)
    created = item.pk is None
    if not created:
        claim_version(item, edit_version=edit_version, actor=actor)
    item.attended = attended
    item.consulted_how, item.consulted_on = consulted_how, consulted_on
    item.informed_how, item.informed_on = informed_how, informed_on
    item.note = (note or "").strip()
    item.recorded_by = actor
    item.full_clean(exclude=["meeting"])
    item.save()
    if created:
        claim_version(item, edit_version=None, actor=actor)  # who recorded it first, for a form opened before
    record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=actor,
        obj=item,
        details={"meeting": meeting.pk, "case": meeting.case_id, "attended": attended},
    )
    return item
