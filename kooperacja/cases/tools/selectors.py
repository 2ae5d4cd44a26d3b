"""Reads of the tools (R-38). Scores are means per factor computed in the database (one query per page part,
whatever the number of rounds, members or cases); the cooperation's pages show aggregates and case references
only — never a family's details."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Sum

from kooperacja.accounts.access import AnalysisAccess, case_access_to
from kooperacja.cases.models import GroupMembership, PreparationAnswer, PreparationChecklist, RatingAnswer, RatingRound
from kooperacja.cases.tools.content import FACTORS


@dataclass
class FactorScore:
    code: str
    label: str
    mean: float | None
    change: float | None = None  # against the previous round or period; None when there is nothing to compare


@dataclass
class ScoreRow:
    """One round of a case, or one quarter of a cooperation."""

    label: str
    raters: int
    factors: list[FactorScore]
    round: RatingRound | None = None
    overall: float | None = None


def _rows(sums: dict, raters: dict, labels: dict, keys: list, rounds: dict | None = None) -> list[ScoreRow]:
    rows, previous = [], {}
    for key in keys:
        factors = []
        for factor in FACTORS:
            total, count = sums.get((key, factor.code), (0, 0))
            mean = round(total / count, 2) if count else None
            before = previous.get(factor.code)
            change = round(mean - before, 2) if mean is not None and before is not None else None
            factors.append(FactorScore(factor.code, factor.label, mean, change))
            if mean is not None:
                previous[factor.code] = mean
        means = [f.mean for f in factors if f.mean is not None]
        overall = round(sum(means) / len(means), 2) if means else None
        rows.append(ScoreRow(labels[key], raters.get(key, 0), factors, (rounds or {}).get(key), overall))
    return rows


def case_rating_summary(case) -> list[ScoreRow]:
    """The rounds of ``case`` (oldest first): mean per factor, number of members who rated, change against the
    previous round. Two queries."""
    rounds = {r.pk: r for r in RatingRound.objects.filter(case=case).annotate(raters=Count("ratings"))}
    sums = {
        (row["rating__round_id"], row["factor"]): (row["total"], row["count"])
        for row in RatingAnswer.objects.filter(rating__round__case=case)
        .values("rating__round_id", "factor")
        .annotate(total=Sum("score"), count=Count("pk"))
        .order_by()
    }
    keys = sorted(rounds, key=lambda pk: (rounds[pk].held_on, pk))
    labels = {pk: rounds[pk].held_on.strftime("%d.%m.%Y") for pk in keys}
    return _rows(sums, {pk: r.raters for pk, r in rounds.items()}, labels, keys, rounds)


def quarter_of(date) -> str:
    return f"{date.year} Q{(date.month - 1) // 3 + 1}"


def cooperation_rating_summary(cooperation) -> list[ScoreRow]:
    """Every case of ``cooperation`` together, by quarter of the rounds' dates: mean per factor, number of
    ratings, change against the previous quarter. Two queries; no case is named."""
    sums: dict = defaultdict(lambda: (0, 0))
    for row in (
        RatingAnswer.objects.filter(rating__round__case__cooperation=cooperation)
        .values("rating__round__held_on", "factor")
        .annotate(total=Sum("score"), count=Count("pk"))
        .order_by()
    ):
        key = (quarter_of(row["rating__round__held_on"]), row["factor"])
        total, count = sums[key]
        sums[key] = (total + row["total"], count + row["count"])
    raters: dict = defaultdict(int)
    for row in (
        RatingRound.objects.filter(case__cooperation=cooperation)
        .values("held_on")
        .annotate(raters=Count("ratings"))
        .order_by()
    ):
        raters[quarter_of(row["held_on"])] += row["raters"]
    keys = sorted({key for key, _factor in sums} | set(raters))
    return _rows(dict(sums), raters, {key: key for key in keys}, keys)


# --- Plan kooperacji instytucji --------------------------------------------------------------------------


@dataclass
class InstitutionPlanRow:
    institution_id: int
    name: str
    groups: set = field(default_factory=set)
    cases: dict = field(default_factory=dict)  # case id → reference
    tasks: int | None = None  # None until the work plan's tasks are counted (institution_task_counts)

    @property
    def group_count(self) -> int:
        return len(self.groups)

    @property
    def case_count(self) -> int:
        return len(self.cases)

    @property
    def references(self) -> list[str]:
        return sorted(self.cases.values())


def institution_task_counts(cooperation) -> dict[int, int]:
    """How many open tasks of the cases' current work plans each institution holds: institution id → count."""
    from django.db.models import Count

    from kooperacja.cases.models import PlanTask

    rows = (
        PlanTask.objects.filter(
            plan__case__cooperation=cooperation, plan__superseded_at__isnull=True, institution__isnull=False
        )
        .exclude(status__in=["done", "not_done"])
        .values("institution_id")
        .annotate(n=Count("pk"))
    )
    return {row["institution_id"]: row["n"] for row in rows}


def institutions_plan(cooperation, *, case=None) -> list[InstitutionPlanRow]:
    """Per institution: the case groups of ``cooperation`` it is a current member of, the cases of those
    groups (their references only) and — once counted — its tasks. One query (plus the task count)."""
    memberships = GroupMembership.objects.filter(
        group__cooperation=cooperation, left_on__isnull=True, institution__isnull=False
    )
    if case is not None:
        memberships = memberships.filter(group__cases=case)
    rows: dict[int, InstitutionPlanRow] = {}
    values = memberships.values_list(
        "institution_id", "institution__name", "group_id", "group__cases__id", "group__cases__reference"
    )
    for institution_id, name, group_id, case_id, reference in values:
        row = rows.setdefault(institution_id, InstitutionPlanRow(institution_id, name))
        row.groups.add(group_id)
        if case_id is not None and (case is None or case_id == case.pk):
            row.cases[case_id] = reference
    tasks = institution_task_counts(cooperation)
    for row in rows.values():
        row.tasks = tasks.get(row.institution_id, 0) if tasks else None
    return sorted(rows.values(), key=lambda r: (-r.case_count, r.name))


# --- Przygotowanie instytucji do wspólnej diagnozy -------------------------------------------------------


def member_institutions(case, user) -> list:
    """The institutions ``user`` represents in the case's groups now (usually one)."""
    memberships = GroupMembership.objects.filter(
        group__cases=case, user=user, left_on__isnull=True, institution__isnull=False
    ).select_related("institution")
    return list({m.institution_id: m.institution for m in memberships}.values())


def may_rate(case, user) -> bool:
    """Who rates the group's cooperation: who runs the case and the group's current members."""
    if case_access_to(user, case) >= AnalysisAccess.EDIT:
        return True
    return GroupMembership.objects.filter(group__cases=case, user=user, left_on__isnull=True).exists()


def case_preparations(case) -> list[PreparationChecklist]:
    """The filled checklists of ``case`` with their answers and institutions: two queries."""
    return list(
        PreparationChecklist.objects.filter(case=case)
        .select_related("institution", "filled_by")
        .prefetch_related(Prefetch("answers", queryset=PreparationAnswer.objects.order_by("pk")))
        .order_by("institution__name")
    )
