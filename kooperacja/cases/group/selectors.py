"""Reads of the case group page: members over time, handovers, cases served, meetings. Constant queries."""

from django.db.models import Count, Q

from kooperacja.accounts.models import User
from kooperacja.cases.models import Case, CaseGroup, GroupMembership, MonitoringPlan
from kooperacja.meetings.models import Meeting


def group_with_details(case: Case) -> CaseGroup:
    return (
        CaseGroup.objects.filter(cases=case)
        .select_related("coordinator")
        .prefetch_related("cases")
        .order_by("pk")
        .first()
    )


def memberships(group: CaseGroup) -> list[GroupMembership]:
    """Current members first (by joining), then those who left (latest first)."""
    rows = list(GroupMembership.objects.filter(group=group).select_related("user", "institution"))
    return sorted(
        rows, key=lambda m: (m.left_on is not None, -(m.left_on.toordinal() if m.left_on else 0), m.joined_on, m.pk)
    )


def handovers(group: CaseGroup) -> list:
    return list(group.handovers.select_related("from_user", "to_user").order_by("at"))


def case_meetings(case: Case) -> list[Meeting]:
    """The case's meetings with their invitation counts, the family's participation and an extra call."""
    return list(
        Meeting.objects.filter(case=case)
        .select_related("organiser", "family_participation", "extra_call__called_by", "minutes")
        .annotate(
            invited=Count("invitations", distinct=True),
            accepted=Count("invitations", filter=Q(invitations__answer__in=["accepts", "deputy"]), distinct=True),
        )
        .order_by("starts_at", "pk")
    )


def monitoring_plan(case: Case) -> MonitoringPlan | None:
    return MonitoringPlan.objects.filter(case=case).select_related("set_at_meeting", "set_by").first()


def member_candidates(case: Case):
    """Accounts the coordinator may add: workers of the team's institutions, of the institutions of the gmina and
    its county, and of the institutions proposed by the diagnosis; not those already in the group."""
    from kooperacja.cases.diagnosis.selectors import proposed_institutions
    from kooperacja.cooperation.team.selectors import team_institution_ids

    cooperation = case.cooperation
    institution_ids = team_institution_ids(cooperation) | {p.institution.pk for p in proposed_institutions(case)}
    units = [cooperation.unit_id, cooperation.unit.parent_id]
    current = GroupMembership.objects.filter(group__cases=case, left_on__isnull=True, user__isnull=False)
    return (
        User.objects.filter(is_active=True, memberships__is_active=True)
        .filter(Q(memberships__institution__in=institution_ids) | Q(memberships__institution__unit_id__in=units))
        .exclude(pk__in=current.values("user_id"))
        .distinct()
        .order_by("last_name", "first_name")
    )


def other_cases_to_attach(case: Case, group: CaseGroup):
    """Cases of the same cooperation that are open and not yet served by the group (the form checks access)."""
    return (
        Case.objects.filter(cooperation_id=case.cooperation_id)
        .exclude(pk__in=group.cases.values("pk"))
        .exclude(status__in=[Case.Status.CLOSED, Case.Status.NOT_QUALIFIED])
        .order_by("reference")
    )
