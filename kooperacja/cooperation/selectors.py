"""Reads of cooperations: which a user sees, and the timeline of one."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from kooperacja.accounts.access import ANALYSIS_EDIT_ROLES, REGIONAL_ROLES, is_administrator, memberships_of
from kooperacja.accounts.models import Role
from kooperacja.cooperation.models import AgreementParty, Cooperation, CooperationRole, Step, TeamMember


def cooperations_visible_to(user) -> QuerySet[Cooperation]:
    """The cooperations ``cooperation_access_to`` lets the user read — the same rule as a query: their roles in
    it, the OPS of its gminas, the PCPR animator of their county, the directors of its team's and agreement's
    institutions, a team member's representative, the regional staff of the voivodeship's ROPS."""
    cooperations = Cooperation.objects.select_related("unit__parent")
    if is_administrator(user):
        return cooperations
    # One indexed lookup per reason, joined by UNION: an OR across the joins (roles, other gminas, team) would make
    # the database read every cooperation in the country on every page.
    other_units = Cooperation.other_units.through.objects
    ids = [CooperationRole.objects.filter(user=user).values("cooperation_id")]
    directed = []
    for m in memberships_of(user):
        if not m.institution_id:
            continue
        institution, unit = m.institution, m.institution.unit
        if m.role == Role.DIRECTOR:
            directed.append(institution.pk)
        if institution.kind == "ops" and m.role in {*ANALYSIS_EDIT_ROLES, Role.DIRECTOR}:
            ids += [
                Cooperation.objects.filter(unit=unit).values("pk"),
                other_units.filter(unit=unit).values("cooperation_id"),
            ]
        elif institution.kind == "pcpr" and m.role == Role.PCPR_ANIMATOR:
            ids += [
                Cooperation.objects.filter(unit__parent=unit).values("pk"),
                other_units.filter(unit__parent=unit).values("cooperation_id"),
            ]
        elif institution.kind == "rops" and m.role in REGIONAL_ROLES:
            ids.append(Cooperation.objects.filter(unit__code__startswith=unit.code).values("pk"))
    team = TeamMember.objects.filter(left_on__isnull=True, representative_user=user)
    ids.append(team.values("team__cooperation_id"))
    if directed:
        ids.append(
            TeamMember.objects.filter(left_on__isnull=True, institution__in=directed).values("team__cooperation_id")
        )
        parties = AgreementParty.objects.filter(institution__in=directed).exclude(status=AgreementParty.Status.DECLINED)
        ids.append(parties.values("agreement__cooperation_id"))
    ids = [query.order_by() for query in ids]  # no ORDER BY inside a UNION (SQLite refuses it)
    return cooperations.filter(pk__in=ids[0].union(*ids[1:]))


@dataclass
class TimelineRow:
    step: Step
    late: bool
    offset: float  # percent of the timeline width where the bar starts
    width: float


@dataclass
class Timeline:
    start: datetime.date
    end: datetime.date
    today: datetime.date
    rows: list[TimelineRow]
    months: list[tuple[float, str]]  # (percent, label) of each month's start
    today_percent: float | None

    @property
    def late(self) -> list[Step]:
        return [r.step for r in self.rows if r.late]

    @property
    def current(self) -> Step | None:
        """The step to work on now: the first one in progress, else the first still to do."""
        open_rows = [r.step for r in self.rows if r.step.status in (Step.Status.IN_PROGRESS, Step.Status.TODO)]
        in_progress = [s for s in open_rows if s.status == Step.Status.IN_PROGRESS]
        return (in_progress or open_rows or [None])[0]


def cooperation_timeline(cooperation: Cooperation, *, today: datetime.date | None = None) -> Timeline:
    """Steps placed on the months of the cooperation (default 18), with today's position and what is late."""
    from kooperacja.cooperation.steps import add_months

    today = today or datetime.date.today()
    steps = list(cooperation.steps.order_by("order"))
    start = min([cooperation.start_date, *(s.planned_start for s in steps)])
    end = max([add_months(cooperation.start_date, cooperation.duration_months), *(s.planned_end for s in steps)])
    span = max((end - start).days, 1)

    def percent(day: datetime.date) -> float:
        return round(100 * (day - start).days / span, 2)

    rows = [
        TimelineRow(
            step=s,
            late=s.is_late(today),
            offset=percent(s.planned_start),
            width=max(percent(s.planned_end) - percent(s.planned_start), 1.0),
        )
        for s in steps
    ]
    months, number = [], 0
    while (month_start := add_months(cooperation.start_date, number)) <= end:
        months.append((percent(month_start), str(number + 1)))
        number += 1
    today_percent = percent(today) if start <= today <= end else None
    return Timeline(start=start, end=end, today=today, rows=rows, months=months, today_percent=today_percent)


def cooperation_summaries(user, *, limit: int = 3) -> list[Cooperation]:
    """The user's active cooperations for the dashboard, each with ``current_step`` and ``late_steps``.
    Two queries, whatever the number of steps."""
    from django.db.models import Prefetch

    today = datetime.date.today()
    cooperations = list(
        cooperations_visible_to(user)
        .filter(status=Cooperation.Status.ACTIVE)
        .prefetch_related(Prefetch("steps", queryset=Step.objects.order_by("order")))
        .order_by("-start_date", "name")[:limit]
    )
    for cooperation in cooperations:
        steps = list(cooperation.steps.all())
        open_steps = [s for s in steps if s.status in (Step.Status.IN_PROGRESS, Step.Status.TODO)]
        in_progress = [s for s in open_steps if s.status == Step.Status.IN_PROGRESS]
        cooperation.current_step = (in_progress or open_steps or [None])[0]
        cooperation.late_steps = [s for s in steps if s.is_late(today)]
    return cooperations
