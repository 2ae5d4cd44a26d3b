"""Reads of the diagnosis: the areas in their fixed order, and the institutions proposed from the needs.

Proposals (R-31): each area maps to problem codes of the directory (kooperacja.directory.taxonomy.PROBLEMS);
an area with needs written proposes the institutions serving the family's gmina whose services address those
problems — never the regional level (ROPS) nor residential or closed institutions (a care home, a prison), which
are not partners of a case group — each with its reasons: which service answers which need. The coordinator
chooses (by adding their workers to the case group). Legal matters and social ties have no problem in the
directory's taxonomy: they propose none."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from kooperacja.cases.models import Case, DiagnosisEntry, GroupMembership
from kooperacja.directory.models import Institution, Service

Area = DiagnosisEntry.Area

AREA_PROBLEMS: dict[str, tuple[str, ...]] = {
    Area.MATERIAL: ("poverty",),
    Area.HOUSING: ("homelessness", "housing"),
    Area.HEALTH: ("long_illness", "mental_health"),
    Area.DISABILITY: ("disability",),
    Area.ADDICTIONS: ("alcoholism", "drug_addiction"),
    Area.VIOLENCE: ("domestic_violence",),
    Area.WORK: ("unemployment",),
    Area.CARE: ("helplessness",),
    Area.EDUCATION: ("education",),
    Area.LEGAL: (),
    Area.SOCIAL_TIES: (),
}


def diagnosis_areas(case: Case) -> list[tuple[str, str, DiagnosisEntry | None]]:
    """Every area (code, label, the written area or None), in the fixed order of the model. One query."""
    written = {a.area: a for a in DiagnosisEntry.objects.filter(case=case).select_related("updated_by")}
    return [(code, label, written.get(code)) for code, label in Area.choices]


# Kinds never proposed for a case group: the regional level, and residential or closed institutions.
NOT_PROPOSED_KINDS = ("rops", "dps", "zol", "family_care_home", "correctional_facility", "prison")


@dataclass
class Reason:
    service: Service
    areas: list[str] = field(default_factory=list)  # labels of the areas whose needs the service addresses


@dataclass
class Proposal:
    institution: Institution
    areas: list[str] = field(default_factory=list)  # labels of the areas whose needs it addresses
    services: list[Service] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)  # why it is proposed: a service and the needs it meets
    in_team: bool = False
    in_group: bool = False


def proposed_institutions(case: Case) -> list[Proposal]:
    """Institutions proposed from the needs of the diagnosis, team members first. Constant queries."""
    from kooperacja.cooperation.team.selectors import team_institution_ids
    from kooperacja.directory.selectors import institutions_serving

    needs = [a for a in DiagnosisEntry.objects.filter(case=case) if a.needs.strip()]
    problem_area: dict[str, list[str]] = {}
    for item in needs:
        for code in AREA_PROBLEMS.get(item.area, ()):
            problem_area.setdefault(code, []).append(Area(item.area).label)
    if not problem_area:
        return []
    cooperation = case.cooperation
    team = team_institution_ids(cooperation)
    serving = institutions_serving(unit=cooperation.unit).values("pk")
    services = (
        Service.objects.filter(problems__code__in=list(problem_area), institution__in=serving)
        .exclude(institution__kind__in=NOT_PROPOSED_KINDS)
        .exclude(institution__status=Institution.Status.CLOSED)
        .distinct()
        .select_related("institution__unit")
        .prefetch_related(Prefetch("problems"))
        .order_by("institution__name", "name")
    )
    in_group = set(
        GroupMembership.objects.filter(group__cases=case, left_on__isnull=True, institution__isnull=False).values_list(
            "institution_id", flat=True
        )
    )
    proposals: dict[int, Proposal] = {}
    for service in services:
        institution = service.institution
        proposal = proposals.setdefault(
            institution.pk,
            Proposal(institution=institution, in_team=institution.pk in team, in_group=institution.pk in in_group),
        )
        proposal.services.append(service)
        reason = Reason(service=service)
        for problem in service.problems.all():
            for label in problem_area.get(problem.code, ()):
                if label not in reason.areas:
                    reason.areas.append(label)
                if label not in proposal.areas:
                    proposal.areas.append(label)
        proposal.reasons.append(reason)
    return sorted(proposals.values(), key=lambda p: (not p.in_team, p.institution.name))
