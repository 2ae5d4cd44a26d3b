"""The indicators of a cycle of the model (R-42), computed from what the platform recorded: meetings and
attendance, time from intake to the work plan, punctuality of the monthly reports, cases and goals reached,
closures by reason, the network before and after, the cooperation-quality assessments before and after, the
hours of training and supervision. A constant number of queries, whatever the number of meetings or cases.

``cooperation_indicators`` returns raw numbers; ``indicator_rows`` turns them into what a page or the report
shows — and the report goes to ROPS, so every count from 1 to 4, and every median and share of fewer than five
cases, is hidden ("—*" with a footnote, ``core.suppression``), and nothing names a person or a case."""

import datetime
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum
from django.utils.translation import gettext_lazy as _

from kooperacja.cases.models import Case, ClosureProposal, GoalAssessment, MonthlyReport
from kooperacja.cases.reports.selectors import report_due_on
from kooperacja.cases.tools.selectors import cooperation_rating_summary
from kooperacja.cooperation.models import TeamActivity
from kooperacja.core.suppression import is_suppressed, suppressed_html
from kooperacja.diagnosis.network.selectors import round_measures, rounds_of
from kooperacja.meetings.models import Invitation, Meeting
from kooperacja.regional.privacy import SMALL, SUPPRESSED, suppressed, suppressed_share


@dataclass
class Indicators:
    meetings_held: int = 0
    meetings_planned: int = 0
    meetings_cancelled: int = 0
    meetings_by_kind: dict = field(default_factory=dict)  # kind → held
    invited: int = 0
    attended: int = 0
    cases_total: int = 0
    cases_by_status: dict = field(default_factory=dict)
    days_to_plan: list = field(default_factory=list)  # one number per case with an agreed plan
    reports_submitted: int = 0
    reports_on_time: int = 0
    goals_assessed: int = 0
    goals_by_degree: dict = field(default_factory=dict)
    closures_by_reason: dict = field(default_factory=dict)
    network_first: object = None  # (SurveyRound, NetworkMeasures) or None
    network_latest: object = None
    rating_first: object = None  # ScoreRow of the first quarter, or None
    rating_latest: object = None
    training_hours: Decimal = Decimal(0)
    supervision_hours: Decimal = Decimal(0)

    @property
    def median_days_to_plan(self) -> float | None:
        return statistics.median(self.days_to_plan) if self.days_to_plan else None

    @property
    def closures_total(self) -> int:
        return sum(self.closures_by_reason.values())


def cooperation_indicators(cooperation) -> Indicators:
    """Every indicator of ``cooperation``. At most 16 queries, whatever its size."""
    ind = Indicators()
    meetings = Meeting.objects.filter(Q(cooperation=cooperation) | Q(case__cooperation=cooperation))
    for row in meetings.values("kind", "status").annotate(n=Count("pk")).order_by():
        if row["status"] == Meeting.Status.HELD:
            ind.meetings_held += row["n"]
            ind.meetings_by_kind[row["kind"]] = ind.meetings_by_kind.get(row["kind"], 0) + row["n"]
        elif row["status"] == Meeting.Status.PLANNED:
            ind.meetings_planned += row["n"]
        else:
            ind.meetings_cancelled += row["n"]
    attendance = Invitation.objects.filter(
        Q(meeting__cooperation=cooperation) | Q(meeting__case__cooperation=cooperation),
        meeting__status=Meeting.Status.HELD,
    ).aggregate(invited=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    ind.invited, ind.attended = attendance["invited"], attendance["attended"]

    cases = Case.objects.filter(cooperation=cooperation)
    for row in cases.values("status").annotate(n=Count("pk")).order_by():
        ind.cases_by_status[row["status"]] = row["n"]
        ind.cases_total += row["n"]
    for opened_on, planned_on in (
        cases.annotate(planned_on=Min("work_plans__agreed_on"))
        .filter(planned_on__isnull=False)
        .values_list("opened_on", "planned_on")
    ):
        ind.days_to_plan.append(max((planned_on - opened_on).days, 0))

    for month, submitted_at in MonthlyReport.objects.filter(case__cooperation=cooperation).values_list(
        "month", "submitted_at"
    ):
        ind.reports_submitted += 1
        ind.reports_on_time += submitted_at.date() <= report_due_on(month)

    latest: dict = {}  # the newest assessment of each goal
    for goal_id, degree in (
        GoalAssessment.objects.filter(evaluation__case__cooperation=cooperation)
        .order_by("evaluation__held_on", "evaluation_id")
        .values_list("goal_id", "degree")
    ):
        latest[goal_id] = degree
    ind.goals_assessed = len(latest)
    for degree in latest.values():
        ind.goals_by_degree[degree] = ind.goals_by_degree.get(degree, 0) + 1

    for row in (
        ClosureProposal.objects.filter(
            case__cooperation=cooperation, confirmed_at__isnull=False, withdrawn_at__isnull=True
        )
        .values("reason")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        ind.closures_by_reason[row["reason"]] = row["n"]

    rounds = rounds_of(cooperation.unit)
    if rounds:
        ind.network_first = (rounds[0], round_measures(rounds[0], key="evaluation-first"))
        if len(rounds) > 1:
            ind.network_latest = (rounds[-1], round_measures(rounds[-1], key="evaluation-latest"))

    ratings = [row for row in cooperation_rating_summary(cooperation) if row.overall is not None]
    if ratings:
        ind.rating_first = ratings[0]
        if len(ratings) > 1:
            ind.rating_latest = ratings[-1]

    hours = (
        TeamActivity.objects.filter(
            team__cooperation=cooperation, kind__in=[TeamActivity.Kind.TRAINING, TeamActivity.Kind.SUPERVISION]
        )
        .values("kind")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    for row in hours:
        if row["kind"] == TeamActivity.Kind.TRAINING:
            ind.training_hours = row["total"] or Decimal(0)
        else:
            ind.supervision_hours = row["total"] or Decimal(0)
    return ind


# --- What is shown ---------------------------------------------------------------------------------------


def shown(value, *, percent: bool = False) -> str:
    """How a value is printed: "—" for none, "—*" (read "ukryte") when hidden, a share 0–1 as a percentage,
    a date as dd.mm.yyyy."""
    if value is None:
        return "—"
    if is_suppressed(value):
        return suppressed_html()
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if percent and isinstance(value, int | float):
        return f"{round(value * 100)}%"
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value).replace(".", ",")


@dataclass
class Row:
    label: str
    value: object
    percent: bool = False  # ``value`` is a share 0–1

    @property
    def shown(self) -> str:
        return shown(self.value, percent=self.percent)


@dataclass
class Section:
    title: str
    rows: list
    before_after: list = field(default_factory=list)  # rows with label, before, after


def safe_median(values: list) -> float | str | None:
    """The median of fewer than five cases would point at a family: hidden instead."""
    if len(values) in SMALL:
        return SUPPRESSED
    return round(statistics.median(values), 1) if values else None


def _pct(part, whole):
    return suppressed_share(part, whole)


def indicator_rows(ind: Indicators) -> list[Section]:
    """The indicators as sections of labelled values, every count through ``suppressed``."""
    degrees = GoalAssessment.Degree
    meetings = Section(
        _("Meetings and attendance"),
        [
            Row(_("Meetings held"), suppressed(ind.meetings_held)),
            *[
                Row(label, suppressed(ind.meetings_by_kind[kind]))
                for kind, label in Meeting.Kind.choices
                if ind.meetings_by_kind.get(kind)
            ],
            Row(_("Meetings cancelled"), suppressed(ind.meetings_cancelled)),
            Row(_("Share of invited persons present"), _pct(ind.attended, ind.invited), percent=True),
        ],
    )
    cases = Section(
        _("Cases"),
        [
            Row(_("Cases in the cycle"), suppressed(ind.cases_total)),
            *[Row(label, suppressed(ind.cases_by_status.get(status, 0))) for status, label in Case.Status.choices],
            Row(_("Median days from intake to the agreed work plan"), safe_median(ind.days_to_plan)),
            Row(_("Monthly reports submitted"), suppressed(ind.reports_submitted)),
            Row(_("Share of monthly reports on time"), _pct(ind.reports_on_time, ind.reports_submitted), percent=True),
        ],
    )
    goals = Section(
        _("Goals and closures"),
        [
            Row(_("Goals assessed"), suppressed(ind.goals_assessed)),
            *[Row(label, suppressed(ind.goals_by_degree.get(degree, 0))) for degree, label in degrees.choices],
            Row(
                _("Share of goals reached"),
                _pct(ind.goals_by_degree.get(degrees.REACHED, 0), ind.goals_assessed),
                percent=True,
            ),
            Row(_("Cases closed"), suppressed(ind.closures_total)),
            *[
                Row(label, suppressed(ind.closures_by_reason.get(reason, 0)))
                for reason, label in ClosureProposal.Reason.choices
            ],
        ],
    )
    network = Section(_("Network of institutions"), [])
    if ind.network_first:
        first_round, first = ind.network_first
        latest_round, latest = ind.network_latest or (None, None)
        network.rows.append(Row(_("First survey round"), first_round.held_on))
        if latest_round:
            network.rows.append(Row(_("Latest survey round"), latest_round.held_on))
        for label, name in (
            (_("Density"), "density"),
            (_("Degree centralisation"), "centralisation"),
            (_("Reciprocity"), "reciprocity"),
            (_("Response rate"), "response_rate"),
        ):
            after = getattr(latest, name) if latest else None
            network.before_after.append(
                {
                    "label": label,
                    "before": shown(getattr(first, name), percent=True),
                    "after": shown(after, percent=True),
                }
            )
    quality = Section(_("Quality of cooperation (assessments of the case groups)"), [])
    if ind.rating_first:
        latest = ind.rating_latest
        quality.rows.append(Row(_("Ratings in the first quarter"), suppressed(ind.rating_first.raters)))
        quality.before_after.append(
            {
                "label": _("Mean score (all factors)"),
                "before": shown(ind.rating_first.overall),
                "after": shown(latest.overall if latest else None),
                "before_label": ind.rating_first.label,
                "after_label": latest.label if latest else "",
            }
        )
    workload = Section(
        _("Training and supervision of the team"),
        [
            Row(_("Hours of training"), ind.training_hours),
            Row(_("Hours of supervision"), ind.supervision_hours),
        ],
    )
    return [meetings, cases, goals, network, quality, workload]
