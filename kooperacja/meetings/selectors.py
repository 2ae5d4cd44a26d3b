"""Reads of meetings: a page's query count does not grow with its rows."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from kooperacja.accounts.models import Membership, User
from kooperacja.directory.models import Institution
from kooperacja.meetings.models import ActionItem, Invitation, Meeting, Minutes


def _with_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("cooperation", "organiser").annotate(
        invited=Count("invitations", distinct=True),
        accepted=Count("invitations", filter=Q(invitations__answer__in=["accepts", "deputy"]), distinct=True),
    )


def cooperation_meetings(cooperation, *, now: datetime.datetime | None = None) -> tuple[list, list]:
    """(upcoming, past) meetings of a cooperation: the upcoming soonest first, the past latest first."""
    now = now or timezone.now()
    meetings = list(_with_counts(Meeting.objects.filter(cooperation=cooperation)).select_related("minutes"))
    upcoming = [m for m in meetings if m.starts_at >= now and m.status == Meeting.Status.PLANNED]
    past = [m for m in reversed(meetings) if m not in upcoming]
    return upcoming, past


def _meetings_of(user) -> QuerySet[Meeting]:
    """Meetings ``user`` organises or is invited to. Two indexed lookups joined by UNION: an OR across the
    invitation join would make the database read every meeting in the period (hundreds of milliseconds at national
    scale)."""
    ids = (
        Meeting.objects.filter(organiser=user)
        .order_by()
        .values("pk")
        .union(Invitation.objects.filter(user=user).order_by().values("meeting_id"))
    )
    return Meeting.objects.filter(pk__in=ids)


def meetings_of_user(user, *, now: datetime.datetime | None = None) -> tuple[list, list]:
    """(upcoming, past) meetings ``user`` is invited to or organises."""
    now = now or timezone.now()
    meetings = _with_counts(_meetings_of(user)).prefetch_related(
        Prefetch("invitations", queryset=Invitation.objects.filter(user=user), to_attr="mine")
    )
    meetings = list(meetings)
    upcoming = [m for m in meetings if m.starts_at >= now and m.status == Meeting.Status.PLANNED]
    past = [m for m in reversed(meetings) if m not in upcoming]
    return upcoming, past


def upcoming_meetings_of(user) -> list[Meeting]:
    """Planned meetings still ahead that ``user`` is invited to or organises, the nearest first (the dashboard)."""
    return list(
        _meetings_of(user)
        .filter(starts_at__gte=timezone.now(), status=Meeting.Status.PLANNED)
        .select_related("cooperation")
        .order_by("starts_at", "pk")[:10]
    )


def meeting_invitations(meeting: Meeting) -> list[Invitation]:
    return list(meeting.invitations.select_related("institution", "user", "answered_by").order_by("pk"))


def meeting_minutes(meeting: Meeting) -> Minutes | None:
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related("drafted_by", "approved_by", "approved_at_meeting")
        .prefetch_related("decisions")
        .first()
    )


def meeting_action_items(meeting: Meeting) -> list[ActionItem]:
    return list(meeting.action_items.select_related("owner", "owner_institution", "done_by").order_by("deadline", "pk"))


def open_tasks_of(user) -> list[ActionItem]:
    """The user's open action items from every meeting, the earliest deadline first."""
    return list(
        ActionItem.objects.filter(owner=user, done_at__isnull=True)
        .select_related("meeting__cooperation", "owner_institution")
        .order_by("deadline", "pk")
    )


def recently_done_tasks_of(user, *, limit: int = 10) -> list[ActionItem]:
    return list(
        ActionItem.objects.filter(owner=user, done_at__isnull=False)
        .select_related("meeting__cooperation")
        .order_by("-done_at")[:limit]
    )


def _local_units(meeting: Meeting) -> list[int]:
    """Units whose institutions a meeting invites first: its gminas, their counties and voivodeships."""
    if meeting.cooperation_id is not None:
        cooperation = meeting.cooperation
        gminas = [cooperation.unit, *cooperation.other_units.select_related("parent")]
    else:
        gminas = [
            m.institution.unit
            for m in Membership.objects.filter(
                user=meeting.organiser, is_active=True, institution__isnull=False
            ).select_related("institution__unit__parent")
        ]
    ids = set()
    for unit in gminas:
        ids.add(unit.pk)
        if unit.parent_id:
            ids.add(unit.parent_id)
            if unit.parent.parent_id:
                ids.add(unit.parent.parent_id)
    return sorted(ids)


def invitation_choices(meeting: Meeting) -> tuple[QuerySet[Institution], QuerySet[User]]:
    """What the invitation form offers: the institutions of the meeting's area (gminas, county, voivodeship)
    and the people with an account in them or a role in the cooperation. A case meeting offers the current
    members of the case's groups (their accounts and institutions) only."""
    if meeting.case_id is not None:
        from kooperacja.cases.models import GroupMembership

        current = GroupMembership.objects.filter(group__cases=meeting.case_id, left_on__isnull=True)
        institutions = Institution.objects.filter(pk__in=current.values("institution_id")).order_by("name")
        users = User.objects.filter(pk__in=current.values("user_id"), is_active=True).order_by(
            "last_name", "first_name"
        )
        return institutions, users
    units = _local_units(meeting)
    institutions = Institution.objects.filter(unit_id__in=units).select_related("unit").order_by("name")
    people = Q(memberships__institution__unit_id__in=units, memberships__is_active=True)
    if meeting.cooperation_id is not None:
        people |= Q(cooperation_roles__cooperation_id=meeting.cooperation_id)
    users = User.objects.filter(people, is_active=True).distinct().order_by("last_name", "first_name")
    return institutions, users


def owner_choices(meeting: Meeting) -> QuerySet[User]:
    """Who may own an action item: the invitees with an account, the organiser and the cooperation's people."""
    people = Q(meeting_invitations__meeting=meeting) | Q(pk=meeting.organiser_id)
    if meeting.cooperation_id is not None:
        people |= Q(cooperation_roles__cooperation_id=meeting.cooperation_id)
    return User.objects.filter(people, is_active=True).distinct().order_by("last_name", "first_name")


def next_meetings(meeting: Meeting) -> QuerySet[Meeting]:
    """Later planned meetings of the same cooperation or case (where the minutes of ``meeting`` will be approved)."""
    if meeting.case_id is not None:
        same = {"case_id": meeting.case_id}
    elif meeting.cooperation_id is not None:
        same = {"cooperation_id": meeting.cooperation_id}
    else:
        return Meeting.objects.none()
    return Meeting.objects.filter(**same, starts_at__gt=meeting.starts_at).exclude(status=Meeting.Status.CANCELLED)
