"""Reads of cooperations: which a user sees, and the timeline of one."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from kooperacja.accounts.access import is_administrator, memberships_of
from kooperacja.cooperation.models import Cooperation, Step
from kooperacja.territory.models import Unit


def cooperations_visible_to(user) -> QuerySet[Cooperation]:
    """Cooperations the user takes part in, of their gmina or county, and for ROPS of their voivodeship."""
    cooperations = Cooperation.objects.select_related("unit__parent")
    if is_administrator(user):
        return cooperations
    from kooperacja.cooperation.team.selectors import cooperations_with_institutions

    condition = Q(roles__user=user)
    mine = []
    for m in memberships_of(user):
        if not m.institution_id:
            continue
        unit = m.institution.unit
        mine.append(m.institution_id)
        if unit.level == Unit.Level.GMINA:
            condition |= Q(unit=unit) | Q(other_units=unit)
        elif unit.level == Unit.Level.COUNTY:
            condition |= Q(unit__parent=unit)
        elif m.institution.kind == "rops":
            condition |= Q(unit__code__startswith=unit.code)
    condition |= Q(pk__in=cooperations_with_institutions(mine))
    return cooperations.filter(pk__in=Cooperation.objects.filter(condition).values("pk"))


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
        TimelineRow(step=s, late=s.is_late(today), offset=percent(s.planned_start),
                    width=max(percent(s.planned_end) - percent(s.planned_start), 1.0))
        for s in steps
    ]  # fmt: skip
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
