"""What the ROPS dashboard reads (R-40): every figure of every cooperation of one voivodeship, in a constant
number of queries whatever the number of cooperations, cases or meetings.

These readers return raw numbers and never a person: ids, statuses, dates and counts of cases, never a name,
a PESEL, a reference or a case's text. ``aggregates.py`` turns them into what ROPS may see (``suppressed``).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q

from kooperacja.cases.models import Case, ClosureProposal, GoalAssessment, WorkPlan
from kooperacja.cases.reports.selectors import overdue_reports_by_cooperation
from kooperacja.cooperation.models import Cooperation, CooperationRole, RopsApplication, Step, TeamMember
from kooperacja.diagnosis.models import SurveyRound
from kooperacja.meetings.models import Invitation, Meeting
from kooperacja.territory.models import Unit


@dataclass
class RegionData:
    voivodeship: Unit
    today: datetime.date
    counties: list[Unit]
    gminas: list[Unit]
    cooperations: list[Cooperation]
    steps: dict[int, list[Step]] = field(default_factory=dict)
    roles: dict[int, list[CooperationRole]] = field(default_factory=dict)
    team_sizes: dict[int, int] = field(default_factory=dict)
    meetings_held: dict[int, dict[str, int]] = field(default_factory=dict)
    attendance: dict[int, tuple[int, int]] = field(default_factory=dict)  # (attended, invitations with a record)
    cases: dict[int, list[dict]] = field(default_factory=dict)  # {pk, status, opened_on, closed_on, first_plan_on}
    closure_reasons: dict[int, dict[str, int]] = field(default_factory=dict)
    goals: dict[int, tuple[int, int]] = field(default_factory=dict)  # (reached, assessed) by the latest assessment
    overdue_reports: dict[int, int] = field(default_factory=dict)
    densities: dict[int, list[float]] = field(default_factory=dict)  # per gmina id, oldest round first
    applications: list[RopsApplication] = field(default_factory=list)


def region_cooperations(voivodeship: Unit):
    """The cooperations whose (main) gmina lies in ``voivodeship``."""
    return Cooperation.objects.filter(unit__code__startswith=voivodeship.code, unit__level=Unit.Level.GMINA)


def load_region(voivodeship: Unit, *, today: datetime.date, cooperation_id: int | None = None) -> RegionData:
    """Everything the dashboard (or the drill-down into ``cooperation_id``) shows. About sixteen queries."""
    code = voivodeship.code
    scope = region_cooperations(voivodeship)
    if cooperation_id is not None:
        scope = scope.filter(pk=cooperation_id)
    cooperations = list(
        scope.select_related("unit__parent")
        .prefetch_related(Prefetch("other_units", queryset=Unit.objects.select_related("parent")))
        .order_by("unit__code", "-start_date", "pk")
    )
    units = Unit.objects.filter(code__startswith=code).order_by("code")
    data = RegionData(
        voivodeship=voivodeship,
        today=today,
        counties=list(units.filter(level=Unit.Level.COUNTY)),
        gminas=list(units.filter(level=Unit.Level.GMINA)),
        cooperations=cooperations,
    )
    ids = [c.pk for c in cooperations]
    if not ids:
        return data

    for step in Step.objects.filter(cooperation__in=ids).only(
        "cooperation_id", "stage", "code", "title", "order", "status", "planned_start", "planned_end", "done_on"
    ):
        data.steps.setdefault(step.cooperation_id, []).append(step)
    for role in CooperationRole.objects.filter(cooperation__in=ids).select_related("user"):
        data.roles.setdefault(role.cooperation_id, []).append(role)
    for row in (
        TeamMember.objects.filter(team__cooperation__in=ids, left_on__isnull=True)
        .values("team__cooperation_id")
        .annotate(n=Count("pk"))
    ):
        data.team_sizes[row["team__cooperation_id"]] = row["n"]
    for row in (
        Meeting.objects.filter(cooperation__in=ids, status=Meeting.Status.HELD)
        .values("cooperation_id", "kind")
        .annotate(n=Count("pk"))
    ):
        data.meetings_held.setdefault(row["cooperation_id"], {})[row["kind"]] = row["n"]
    for row in (
        Invitation.objects.filter(meeting__cooperation__in=ids, meeting__status=Meeting.Status.HELD)
        .exclude(attended=None)
        .values("meeting__cooperation_id")
        .annotate(recorded=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    ):
        data.attendance[row["meeting__cooperation_id"]] = (row["attended"], row["recorded"])

    first_plans = {
        row["case_id"]: row["agreed"] or (row["created"].date() if row["created"] else None)
        for row in WorkPlan.objects.filter(case__cooperation__in=ids)
        .values("case_id")
        .annotate(agreed=Min("agreed_on"), created=Min("created_at"))
    }
    for row in Case.objects.filter(cooperation__in=ids).values(
        "pk", "cooperation_id", "status", "opened_on", "closed_on"
    ):
        row["first_plan_on"] = first_plans.get(row["pk"])
        data.cases.setdefault(row["cooperation_id"], []).append(row)
    for row in (
        ClosureProposal.objects.filter(
            case__cooperation__in=ids,
            case__status=Case.Status.CLOSED,
            confirmed_at__isnull=False,
            withdrawn_at__isnull=True,
        )
        .values("case__cooperation_id", "reason")
        .annotate(n=Count("case", distinct=True))
    ):
        data.closure_reasons.setdefault(row["case__cooperation_id"], {})[row["reason"]] = row["n"]

    # Per goal only its latest assessment (by the evaluation's day, then the evaluation) counts: the database
    # keeps it (no newer one exists) and counts per cooperation.
    newer = GoalAssessment.objects.filter(goal=OuterRef("goal")).filter(
        Q(evaluation__held_on__gt=OuterRef("evaluation__held_on"))
        | Q(evaluation__held_on=OuterRef("evaluation__held_on"), evaluation__gt=OuterRef("evaluation"))
    )
    for row in (
        GoalAssessment.objects.filter(goal__plan__case__cooperation__in=ids)
        .exclude(Exists(newer))
        .values("goal__plan__case__cooperation_id")
        .annotate(assessed=Count("pk"), reached=Count("pk", filter=Q(degree=GoalAssessment.Degree.REACHED)))
    ):
        data.goals[row["goal__plan__case__cooperation_id"]] = (row["reached"], row["assessed"])

    # Counted by the database, only over the voivodeship's cooperations (never the whole country's obligations).
    data.overdue_reports = overdue_reports_by_cooperation(today=today, cooperations=scope)

    gmina_ids = {c.unit_id for c in cooperations}
    for survey in (
        SurveyRound.objects.filter(unit__in=gmina_ids)
        .annotate(
            nodes=Count("institutions", distinct=True),
            ties=Count(
                "answers",
                filter=Q(answers__level__gte=1) & ~Q(answers__partner=F("answers__respondent")),
                distinct=True,
            ),
        )
        .order_by("held_on", "pk")
        .values("unit_id", "nodes", "ties")
    ):
        n = survey["nodes"]
        density = survey["ties"] / (n * (n - 1)) if n >= 2 else 0.0
        data.densities.setdefault(survey["unit_id"], []).append(round(density, 3))

    data.applications = list(
        RopsApplication.objects.filter(cooperation__in=ids)
        .exclude(status=RopsApplication.Status.DRAFT)
        .select_related("cooperation__unit", "animator")
        .order_by("-submitted_at", "-pk")
    )
    return data
