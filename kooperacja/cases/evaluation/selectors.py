"""Reads of the evaluation part: evaluations with their assessments and ratings, the closure state."""

from django.db.models import Prefetch

from kooperacja.cases.models import AreaRating, ClosureProposal, DiagnosisArea, Evaluation, GoalAssessment


def evaluations(case) -> list[Evaluation]:
    rows = list(
        Evaluation.objects.filter(case=case)
        .select_related("plan", "meeting", "created_by")
        .prefetch_related(
            Prefetch("goal_assessments", queryset=GoalAssessment.objects.select_related("goal")),
            Prefetch("area_ratings", queryset=AreaRating.objects.all()),
        )
    )
    order = {value: n for n, value in enumerate(DiagnosisArea.values)}
    for evaluation in rows:
        evaluation.ratings = sorted(evaluation.area_ratings.all(), key=lambda r: order[r.area])
    return rows


def last_ratings(case) -> dict[str, tuple[int, int]]:
    """The latest evaluation's ratings by area: its "after" is the next evaluation's "before"."""
    latest = Evaluation.objects.filter(case=case).order_by("-held_on", "-pk").first()
    if latest is None:
        return {}
    return {r.area: (r.before, r.after) for r in latest.area_ratings.all()}


def proposals(case) -> list[ClosureProposal]:
    return list(
        ClosureProposal.objects.filter(case=case)
        .select_related("proposed_by", "confirmed_by")
        .prefetch_related("agreements__user", "agreements__institution")
    )
