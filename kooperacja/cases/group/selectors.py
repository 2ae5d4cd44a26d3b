"""Reads of the case group page: members over time, handovers, cases served, meetings. Constant queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from kooperacja.accounts.models import Membership, Role
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


# Roles that work with families: who may sit in a case group. Not the regional level (ROPS animators,
# evaluators), the authority (wójt/burmistrz) or the administrator.
GROUP_ROLES = (Role.CASE_WORKER, Role.COORDINATOR, Role.OPS_ANIMATOR, Role.PCPR_ANIMATOR, Role.DIRECTOR)
REGIONAL_LEVELS = ("wojewodztwo", "krajowy")


@dataclass
class PickerInstitution:
    """An institution of the member picker with the people who work there (accounts Membership rows)."""

    institution: object
    proposed: bool
    in_team: bool
    memberships: list = field(default_factory=list)


def eligible_memberships(case: Case) -> QuerySet[Membership]:
    """The (person, institution) pairs that may join the case's group: an active account with a role that works
    with families, at an institution of the gmina's network — proposed by the diagnosis, in the cooperation's
    team, or of the gmina or its county — never of the regional level nor an institution not proposed for case
    groups (the ROPS, residential ones)."""
    from kooperacja.cases.diagnosis.selectors import NOT_PROPOSED_KINDS, proposed_institutions
    from kooperacja.cooperation.team.selectors import team_institution_ids

    cooperation = case.cooperation
    institution_ids = team_institution_ids(cooperation) | {p.institution.pk for p in proposed_institutions(case)}
    units = [cooperation.unit_id, cooperation.unit.parent_id]
    return (
        Membership.objects.filter(user__is_active=True, is_active=True, institution__isnull=False, role__in=GROUP_ROLES)
        .filter(Q(institution__in=institution_ids) | Q(institution__unit_id__in=units))
        .exclude(institution__kind__in=NOT_PROPOSED_KINDS)
        .exclude(institution__level__in=REGIONAL_LEVELS)
        .select_related("user", "institution")
    )


def member_candidates(case: Case) -> list[PickerInstitution]:
    """The member picker: the institutions the diagnosis proposed first, then the team's other institutions, then
    the other institutions of the gmina and its county; within each, the people who work there (by surname),
    with their position. Those already in the group are left out. Constant queries."""
    from kooperacja.cases.diagnosis.selectors import proposed_institutions
    from kooperacja.cooperation.team.selectors import team_institution_ids

    proposed = {p.institution.pk for p in proposed_institutions(case)}
    team = team_institution_ids(case.cooperation)
    current = set(
        GroupMembership.objects.filter(group__cases=case, left_on__isnull=True, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    coordinators = set(CaseGroup.objects.filter(cases=case).values_list("coordinator_id", flat=True))
    groups: dict[int, PickerInstitution] = {}
    seen: set[tuple[int, int]] = set()
    for membership in eligible_memberships(case):
        if membership.user_id in current or membership.user_id in coordinators:
            continue
        if (membership.user_id, membership.institution_id) in seen:  # several roles at one institution
            continue
        seen.add((membership.user_id, membership.institution_id))
        institution = membership.institution
        groups.setdefault(
            institution.pk,
            PickerInstitution(
                institution=institution, proposed=institution.pk in proposed, in_team=institution.pk in team
            ),
        ).memberships.append(membership)
    for group in groups.values():
        group.memberships.sort(
            key=lambda m: (m.user.last_name.casefold(), m.user.first_name.casefold(), m.user.email, m.pk)
        )
    return sorted(groups.values(), key=lambda g: (not g.proposed, not g.in_team, g.institution.name.casefold()))


def other_cases_to_attach(case: Case, group: CaseGroup):
    """Cases of the same cooperation that are open and not yet served by the group (the form checks access)."""
    return (
        Case.objects.filter(cooperation_id=case.cooperation_id)
        .exclude(pk__in=group.cases.values("pk"))
        .exclude(status__in=[Case.Status.CLOSED, Case.Status.NOT_QUALIFIED])
        .order_by("reference")
    )
