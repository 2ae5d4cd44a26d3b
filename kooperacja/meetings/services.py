"""Writes to meetings: one transaction each, with an audit record. Notifications name the kind of meeting and
its date only — never its title, place, agenda or a person (a case group's title may name a family)."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AnalysisAccess, cooperation_access_to, meeting_access_to
from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.core.concurrency import claim_version
from kooperacja.meetings import rules
from kooperacja.meetings.agendas import agenda_template
from kooperacja.meetings.models import ActionItem, Decision, Invitation, Meeting, Minutes, RuleOverride
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import notify

MEETING_FIELDS = {"kind", "title", "starts_at", "duration_minutes", "place", "agenda"}
CHANGE_NOTIFIED_FIELDS = {"starts_at", "duration_minutes", "place"}
STEP_KINDS = {Meeting.Kind.AUTHORITIES: "meeting_authorities", Meeting.Kind.INSTITUTIONS: "meeting_institutions"}
if TYPE_CHECKING:
    from kooperacja.directory.models import Institution

REMINDER_WINDOW = (datetime.timedelta(hours=24), datetime.timedelta(hours=48))
# The blocking rules a later date cures (the analysis gate is not one of them).
DATE_RULES = {"public_holiday", "case_group_weekday", "case_group_hours", "case_group_notice"}


# --- Helpers ---------------------------------------------------------------------------------------


def _require_runner(actor, meeting: Meeting) -> None:
    if meeting_access_to(actor, meeting) < AnalysisAccess.EDIT:
        raise PermissionDenied


def _meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk])


def notice_text(meeting: Meeting, template: str) -> str:
    """A notification's text: the kind of meeting and its date, nothing else (R-50)."""
    local = timezone.localtime(meeting.starts_at)
    return template % {"kind": meeting.get_kind_display(), "date": date_format(local, "j E Y, H:i")}


def _account_holders(meeting: Meeting) -> list:
    return [i.user for i in meeting.invitations.select_related("user") if i.user_id is not None]


class MeetingRulesError(ValidationError):
    """Blocking rules stop the meeting; ``proposal`` is the earliest start they allow (or None)."""

    def __init__(self, message, *, proposal: datetime.datetime | None = None):
        super().__init__(message)
        self.proposal = proposal


def organising_ops(*, cooperation=None, case=None) -> "Institution | None":
    """The OPS whose working time a meeting keeps: the OPS of the cooperation's gmina (of the case's cooperation
    for a case meeting), or None (the default hours apply)."""
    from kooperacja.directory.models import Institution

    cooperation = cooperation or (case.cooperation if case is not None else None)
    if cooperation is None:
        return None
    return (
        Institution.objects.filter(unit_id=cooperation.unit_id, kind="ops", status=Institution.Status.ACTIVE)
        .order_by("pk")
        .first()
    )


def working_time(*, cooperation=None, case=None) -> dict:
    """The working hours and days of the organising OPS, as keyword arguments of the rules."""
    ops = organising_ops(cooperation=cooperation, case=case)
    if ops is None:
        return {"working_hours": rules.OPS_WORKING_HOURS, "working_days": rules.OPS_WORKING_DAYS}
    return {"working_hours": ops.working_hours, "working_days": ops.working_weekdays}


def _meeting_working_time(meeting: Meeting) -> dict:
    return working_time(cooperation=meeting.cooperation, case=meeting.case)


def rule_results(meeting: Meeting, *, now: datetime.datetime | None = None) -> list[rules.RuleResult]:
    """The rules as the meeting stands; the notice rule against the moment the invitations went out, or — while
    they have not — against ``now`` (what sending them now would mean)."""
    sent = meeting.invitations_sent_at or (now if meeting.status == Meeting.Status.PLANNED else None)
    return rules.meeting_rules(
        kind=meeting.kind,
        starts_at=meeting.starts_at,
        duration_minutes=meeting.duration_minutes,
        invitations_sent_at=sent,
        **_meeting_working_time(meeting),
    )


def authorities_gate(cooperation) -> list[rules.RuleResult]:
    """The completeness gate of the gmina's current analysis, before a meeting with the authorities."""
    from kooperacja.diagnosis.completeness import analysis_completeness
    from kooperacja.diagnosis.models import Analysis

    analysis = Analysis.objects.filter(unit=cooperation.unit, is_current=True).first()
    return rules.analysis_rule(analysis_completeness(analysis) if analysis is not None else None)


def _refuse(stopping, proposal: datetime.datetime | None = None) -> None:
    raise MeetingRulesError(
        {
            "override_reason": [r.message for r in stopping]
            + [_("To go on anyway, give the reason for setting these rules aside; it is recorded with your name.")]
        },
        proposal=proposal,
    )


def _proposal(stopping, kind, starts_at, duration_minutes, now, hours) -> datetime.datetime | None:
    """The earliest start the rules allow, when a later date cures every blocking result (not the analysis)."""
    if not stopping or any(r.code not in DATE_RULES for r in stopping):
        return None
    return rules.earliest_start(
        kind=kind,
        after=now,
        duration_minutes=duration_minutes,
        preferred_time=timezone.localtime(starts_at).time(),
        **hours,
    )


def _check_blocking(*, actor, meeting: Meeting, results, override_reason: str, moment: str) -> None:
    """Blocking results stop the write unless a reason is given; the reason is recorded (who, when, why)."""
    stopping = rules.blocking(results)
    if not stopping:
        return
    reason = (override_reason or "").strip()
    if not reason:
        _refuse(stopping)
    override = RuleOverride.objects.create(
        meeting=meeting, moment=moment, codes=[r.code for r in stopping], reason=reason, created_by=actor
    )
    record(
        action=Action.CREATE,
        actor=actor,
        obj=override,
        details={"meeting": meeting.pk, "codes": override.codes, "moment": moment},
    )


def _validate_start(starts_at: datetime.datetime) -> None:
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be timezone-aware")


def case_meeting_title(kind: str, reference: str) -> str:
    """A case meeting's title names the case reference only — never the family (R-50)."""
    if kind == Meeting.Kind.MONITORING:
        return _("Monitoring meeting — case %(reference)s") % {"reference": reference}
    return _("Case group meeting — case %(reference)s") % {"reference": reference}


# --- Meetings --------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    duration_minutes: int,
    place: str,
    agenda: str = "",
    cooperation=None,
    override_reason: str = "",
    case=None,
    now: datetime.datetime | None = None,
) -> Meeting:
    """Plan a meeting. In a cooperation, only those who run it may. The rules are checked before anything is
    saved, the notice as if the invitations went out ``now`` (they cannot go earlier), with the working time of
    the organising OPS: blocking ones (and, for the authorities, the completeness of the analysis) stop it unless
    ``override_reason`` is given — the error then carries the earliest start the rules allow (``proposal``).
    Warnings stop nothing. An empty agenda takes the kind's template."""
    _validate_start(starts_at)
    if cooperation is not None and cooperation_access_to(actor, cooperation) < AnalysisAccess.EDIT:
        raise PermissionDenied
    now = now or timezone.now()
    hours = working_time(cooperation=cooperation, case=case)
    results = rules.meeting_rules(
        kind=kind, starts_at=starts_at, duration_minutes=duration_minutes, invitations_sent_at=now, **hours
    )
    if kind == Meeting.Kind.AUTHORITIES and cooperation is not None:
        results += authorities_gate(cooperation)
    stopping = rules.blocking(results)
    if stopping and not (override_reason or "").strip():
        _refuse(stopping, _proposal(stopping, kind, starts_at, duration_minutes, now, hours))
    meeting = Meeting(
        cooperation=cooperation,
        case=case,
        kind=kind,
        title=title,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        agenda=agenda.strip() or agenda_template(kind),
        organiser=actor,
    )
    meeting.full_clean()
    meeting.save()
    _check_blocking(actor=actor, meeting=meeting, results=results, override_reason=override_reason, moment="create")
    record(
        action=Action.CREATE,
        actor=actor,
        obj=meeting,
        details={
            "kind": kind,
            "cooperation": cooperation.pk if cooperation else None,
            "case": case.pk if case else None,
        },
    )
    return meeting


@transaction.atomic
def meeting_update(
    *, actor, meeting: Meeting, data: dict, override_reason: str = "", edit_version: int | None = None
) -> Meeting:
    """Change a planned meeting; when its date, length or place change after the invitations went out, the
    invitees with an account are told (MEETING_CHANGED)."""
    _require_runner(actor, meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Only a planned meeting can be changed."))
    claim_version(meeting, edit_version=edit_version, actor=actor)
    data = {k: v for k, v in data.items() if k in MEETING_FIELDS}
    if meeting.case_id is not None:  # the title is generated from the kind and the case reference
        data["title"] = case_meeting_title(data.get("kind", meeting.kind), meeting.case.reference)
    if "starts_at" in data:
        _validate_start(data["starts_at"])
    fields = changed_fields(meeting, data)
    if not fields:
        return meeting
    for name in fields:
        setattr(meeting, name, data[name])
    meeting.full_clean()
    meeting.save(update_fields=[*fields, "updated_at"])
    if {"kind", "starts_at", "duration_minutes"} & set(fields):
        now = timezone.now()
        hours = _meeting_working_time(meeting)
        results = rules.meeting_rules(
            kind=meeting.kind,
            starts_at=meeting.starts_at,
            duration_minutes=meeting.duration_minutes,
            invitations_sent_at=meeting.invitations_sent_at or now,
            **hours,
        )
        stopping = rules.blocking(results)
        if stopping and not (override_reason or "").strip() and meeting.invitations_sent_at is None:
            _refuse(
                stopping, _proposal(stopping, meeting.kind, meeting.starts_at, meeting.duration_minutes, now, hours)
            )
        _check_blocking(actor=actor, meeting=meeting, results=results, override_reason=override_reason, moment="update")
    if meeting.invitations_sent_at and CHANGE_NOTIFIED_FIELDS & set(fields):
        message = notice_text(meeting, _("Changed: %(kind)s, now on %(date)s."))
        notify(
            recipients=_account_holders(meeting),
            kind=Notification.Kind.MEETING_CHANGED,
            message=message,
            url=_meeting_url(meeting),
        )
    record(action=Action.UPDATE, actor=actor, obj=meeting, details={"fields": fields})
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting, reason: str) -> Meeting:
    _require_runner(actor, meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Only a planned meeting can be cancelled."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for cancelling the meeting.")})
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = reason[:255]
    meeting.save(update_fields=["status", "cancel_reason", "updated_at"])
    if meeting.invitations_sent_at:
        message = notice_text(meeting, _("Cancelled: %(kind)s on %(date)s."))
        notify(
            recipients=_account_holders(meeting),
            kind=Notification.Kind.MEETING_CHANGED,
            message=message,
            url=_meeting_url(meeting),
        )
    record(action=Action.UPDATE, actor=actor, obj=meeting, details={"fields": ["status"], "status": "cancelled"})
    return meeting


# --- Invitations -----------------------------------------------------------------------------------


@transaction.atomic
def invitation_add(
    *, actor, meeting: Meeting, person_name: str = "", function: str = "", institution=None, user=None
) -> Invitation:
    """Invite a person by name (with their institution), optionally their platform account. Once the invitations
    have gone out, a newly added invitee with an account is invited at once."""
    _require_runner(actor, meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Invitations can be added to a planned meeting only."))
    person_name = (person_name or "").strip() or (user.get_full_name() if user is not None else "")
    if not person_name:
        raise ValidationError({"person_name": _("Give the name of the person invited, or choose their account.")})
    if user is not None and meeting.invitations.filter(user=user).exists():
        raise ValidationError({"user": _("This person is already invited.")})
    invitation = Invitation(
        meeting=meeting, person_name=person_name, function=function.strip(), institution=institution, user=user
    )
    invitation.full_clean()
    invitation.save()
    if meeting.invitations_sent_at and user is not None:
        _notify_invitation(meeting, [user])
    record(action=Action.CREATE, actor=actor, obj=invitation, details={"meeting": meeting.pk})
    return invitation


@transaction.atomic
def invitation_remove(*, actor, invitation: Invitation) -> None:
    _require_runner(actor, invitation.meeting)
    record(action=Action.DELETE, actor=actor, obj=invitation, details={"meeting": invitation.meeting_id})
    invitation.delete()


def _notify_invitation(meeting: Meeting, users) -> None:
    notify(
        recipients=users,
        kind=Notification.Kind.MEETING_INVITATION,
        message=notice_text(meeting, _("Invitation: %(kind)s on %(date)s. Please confirm your attendance.")),
        url=_meeting_url(meeting),
        key=f"meeting-{meeting.pk}-invitation",
    )


@transaction.atomic
def invitations_send(
    *, actor, meeting: Meeting, now: datetime.datetime | None = None, override_reason: str = ""
) -> Meeting:
    """Send the invitations: the blocking rules are checked at this moment (the 5-day notice of a case group);
    invitees with an account are notified; the cooperation's step of this meeting is in progress."""
    _require_runner(actor, meeting)
    now = now or timezone.now()
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Invitations can be sent for a planned meeting only."))
    if not meeting.invitations.exists():
        raise ValidationError(_("Add the invitees first."))
    results = rules.meeting_rules(
        kind=meeting.kind,
        starts_at=meeting.starts_at,
        duration_minutes=meeting.duration_minutes,
        invitations_sent_at=now,
        **_meeting_working_time(meeting),
    )
    _check_blocking(actor=actor, meeting=meeting, results=results, override_reason=override_reason, moment="send")
    first = meeting.invitations_sent_at is None
    meeting.invitations_sent_at = now
    meeting.save(update_fields=["invitations_sent_at", "updated_at"])
    _notify_invitation(meeting, _account_holders(meeting))
    if first and meeting.cooperation_id and meeting.kind in STEP_KINDS:
        from kooperacja.cooperation.services import step_mark

        step_mark(actor=actor, cooperation=meeting.cooperation, kind=STEP_KINDS[meeting.kind], status="in_progress")
    record(action=Action.UPDATE, actor=actor, obj=meeting, details={"fields": ["invitations_sent_at"]})
    return meeting


@transaction.atomic
def invitation_answer(
    *, actor, invitation: Invitation, answer: str, deputy_name: str = "", edit_version: int | None = None
) -> Invitation:
    """The invitee answers their own invitation; whoever runs the meeting may record an answer given by phone."""
    meeting = invitation.meeting
    if invitation.user_id != actor.pk:
        _require_runner(actor, meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("The meeting is no longer planned: answers are closed."))
    if answer not in Invitation.Answer.values or answer == Invitation.Answer.PENDING:
        raise ValidationError({"answer": _("Choose an answer.")})
    deputy_name = (deputy_name or "").strip() if answer == Invitation.Answer.DEPUTY else ""
    if answer == Invitation.Answer.DEPUTY and not deputy_name:
        raise ValidationError({"deputy_name": _("Give the name of the person who will come instead.")})
    claim_version(invitation, edit_version=edit_version, actor=actor)
    invitation.answer = answer
    invitation.deputy_name = deputy_name
    invitation.answered_at = timezone.now()
    invitation.answered_by = actor
    invitation.save(update_fields=["answer", "deputy_name", "answered_at", "answered_by"])
    record(
        action=Action.UPDATE,
        actor=actor,
        obj=invitation,
        details={"meeting": meeting.pk, "answer": answer, "by_invitee": invitation.user_id == actor.pk},
    )
    return invitation


@transaction.atomic
def attendance_record(
    *,
    actor,
    meeting: Meeting,
    attended: dict[int, bool | None],
    now: datetime.datetime | None = None,
    edit_version: int | None = None,
) -> Meeting:
    """Who was there (invitation id → True/False/None), once the meeting has started; the meeting is then held.
    The list is guarded by the meeting's edit version: ``edit_version`` is the one the list was opened with."""
    _require_runner(actor, meeting)
    now = now or timezone.now()
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting was cancelled."))
    if meeting.starts_at > now:
        raise ValidationError(_("Attendance can be recorded once the meeting has started."))
    claim_version(meeting, edit_version=edit_version, actor=actor)
    changed = []
    for invitation in meeting.invitations.all():
        if invitation.pk in attended and invitation.attended != attended[invitation.pk]:
            invitation.attended = attended[invitation.pk]
            invitation.save(update_fields=["attended"])
            changed.append(invitation.pk)
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status", "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=meeting, details={"attendance": changed})
    return meeting


# --- Minutes, decisions, action items -------------------------------------------------------------


@transaction.atomic
def minutes_save(
    *,
    actor,
    meeting: Meeting,
    text: str,
    decisions: list[str] = (),
    action_items: list[dict] = (),
    edit_version: int | None = None,
) -> Minutes:
    """Draft (or redraft) the minutes with their decisions and action items. ``action_items`` are dicts with
    ``description``, ``owner`` (a user), ``deadline``, optional ``owner_institution`` and ``pk`` (an existing
    item to keep); existing open items left out are removed. A new owner gets a TASK notification. ``edit_version``
    is the one the form was opened with, 0 when there were no minutes yet."""
    _require_runner(actor, meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting was cancelled."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the minutes.")})
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.is_approved:
        raise ValidationError(_("These minutes have been approved and can no longer be changed."))
    if minutes is not None:
        claim_version(minutes, edit_version=edit_version, actor=actor)
    now = timezone.now()
    if minutes is None:
        minutes = Minutes.objects.create(meeting=meeting, text=text, drafted_by=actor, drafted_at=now)
        claim_version(minutes, edit_version=None, actor=actor)  # who drafted first, for a form opened before
        created = True
    else:
        minutes.text, minutes.drafted_by, minutes.drafted_at = text, actor, now
        minutes.save(update_fields=["text", "drafted_by", "drafted_at"])
        created = False
    minutes.decisions.all().delete()
    Decision.objects.bulk_create(
        [Decision(minutes=minutes, text=t.strip(), order=n) for n, t in enumerate(decisions) if t.strip()]
    )
    existing = {item.pk: item for item in meeting.action_items.all()}
    kept = set()
    new_owners: list[tuple[ActionItem, object]] = []
    for data in action_items:
        item = existing.get(data.get("pk")) if data.get("pk") else None
        if item is None:
            item = ActionItem(meeting=meeting)
        elif item.done_at is not None:
            kept.add(item.pk)
            continue
        notify_owner = item.pk is None or item.owner_id != data["owner"].pk
        item.description = data["description"].strip()
        item.owner = data["owner"]
        item.owner_institution = data.get("owner_institution")
        item.deadline = data["deadline"]
        item.full_clean()
        item.save()
        kept.add(item.pk)
        if notify_owner:
            new_owners.append((item, item.owner))
    meeting.action_items.filter(done_at__isnull=True).exclude(pk__in=kept).delete()
    for item, owner in new_owners:
        notify(
            recipients=[owner],
            kind=Notification.Kind.TASK,
            message=_("A task from a meeting is waiting for you, due %(deadline)s.")
            % {"deadline": date_format(item.deadline, "j E Y")},
            url=reverse("meetings:my_tasks"),
            key=f"action-item-{item.pk}-owner-{owner.pk}",
        )
    record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=actor,
        obj=minutes,
        details={"meeting": meeting.pk, "decisions": len(decisions), "action_items": sorted(kept)},
    )
    return minutes


def minutes_awaiting_approval(meeting: Meeting):
    """Minutes of earlier meetings of the same cooperation (or the same case), drafted and not yet approved."""
    if meeting.case_id is not None:
        same = {"meeting__case_id": meeting.case_id}
    elif meeting.cooperation_id is not None:
        same = {"meeting__cooperation_id": meeting.cooperation_id}
    else:
        return Minutes.objects.none()
    return (
        Minutes.objects.filter(**same, approved_at__isnull=True, meeting__starts_at__lt=meeting.starts_at)
        .exclude(meeting=meeting)
        .select_related("meeting", "drafted_by")
        .order_by("meeting__starts_at")
    )


@transaction.atomic
def minutes_approve(*, actor, minutes: Minutes, at_meeting: Meeting) -> Minutes:
    """Approve the minutes at the start of a later meeting of the same cooperation (002 §3.3). When they are the
    minutes of the meeting with the authorities or the institutions, the cooperation's step is done."""
    _require_runner(actor, at_meeting)
    if minutes.is_approved:
        raise ValidationError(_("These minutes have already been approved."))
    earlier = minutes.meeting
    same_case = at_meeting.case_id is not None and earlier.case_id == at_meeting.case_id
    same_cooperation = at_meeting.cooperation_id is not None and earlier.cooperation_id == at_meeting.cooperation_id
    if not (same_case or same_cooperation) or earlier.starts_at >= at_meeting.starts_at or at_meeting.is_cancelled:
        raise ValidationError(_("Minutes are approved at a later meeting of the same cooperation."))
    minutes.approved_by = actor
    minutes.approved_at = timezone.now()
    minutes.approved_at_meeting = at_meeting
    minutes.save(update_fields=["approved_by", "approved_at", "approved_at_meeting"])
    if earlier.kind in STEP_KINDS and earlier.cooperation_id is not None:
        from kooperacja.cooperation.services import step_mark

        step_mark(actor=actor, cooperation=earlier.cooperation, kind=STEP_KINDS[earlier.kind], status="done")
    record(
        action=Action.UPDATE,
        actor=actor,
        obj=minutes,
        details={"fields": ["approved_at"], "meeting": earlier.pk, "at_meeting": at_meeting.pk},
    )
    return minutes


@transaction.atomic
def action_item_done(*, actor, item: ActionItem) -> ActionItem:
    if item.owner_id != actor.pk:
        _require_runner(actor, item.meeting)
    if item.done_at is None:
        item.done_at = timezone.now()
        item.done_by = actor
        item.save(update_fields=["done_at", "done_by"])
        record(action=Action.UPDATE, actor=actor, obj=item, details={"fields": ["done_at"], "meeting": item.meeting_id})
    return item


# --- Reminders (a periodic job) -------------------------------------------------------------------


@transaction.atomic
def meetings_send_reminders(*, now: datetime.datetime) -> int:
    """Remind invitees with an account of the planned meetings starting 24–48 hours after ``now`` ("1–2 days
    before", 002 §3.3) whose invitations went out; each once (``reminded_at``), so running it again sends
    nothing. Those who declined are not reminded. Returns how many invitees were reminded."""
    due = (
        Invitation.objects.filter(
            user__isnull=False,
            user__is_active=True,
            reminded_at__isnull=True,
            meeting__status=Meeting.Status.PLANNED,
            meeting__invitations_sent_at__isnull=False,
            meeting__starts_at__gte=now + REMINDER_WINDOW[0],
            meeting__starts_at__lte=now + REMINDER_WINDOW[1],
        )
        .exclude(answer=Invitation.Answer.DECLINES)
        .select_related("meeting", "user")
        .select_for_update(of=("self",))
    )
    count = 0
    for invitation in due:
        meeting = invitation.meeting
        notify(
            recipients=[invitation.user],
            kind=Notification.Kind.MEETING_REMINDER,
            message=notice_text(meeting, _("Reminder: %(kind)s on %(date)s.")),
            url=_meeting_url(meeting),
            key=f"meeting-{meeting.pk}-reminder",
        )
        invitation.reminded_at = now
        invitation.save(update_fields=["reminded_at"])
        count += 1
    if count:
        record(action=Action.UPDATE, details={"reminders": count})
    return count
