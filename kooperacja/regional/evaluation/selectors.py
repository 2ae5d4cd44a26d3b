"""Reads of the evaluation and costs pages: per cooperation and for the region. A constant number of queries."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from kooperacja.cooperation.models import Cooperation, TeamActivity
from kooperacja.regional.models import ModelEvaluation, TeamCost

HOUR_KINDS = (TeamActivity.Kind.TRAINING, TeamActivity.Kind.SUPERVISION)


def cooperations_of_region(voivodeship):
    return Cooperation.objects.filter(unit__code__startswith=voivodeship.code)


def evaluations_of_region(voivodeship) -> list[ModelEvaluation]:
    """The evaluations of the voivodeship's cooperations, newest first. One query."""
    return list(
        ModelEvaluation.objects.filter(cooperation__unit__code__startswith=voivodeship.code)
        .select_related("cooperation__unit", "next_cooperation")
        .order_by("-updated_at", "-pk")
    )


def evaluation_of(cooperation) -> ModelEvaluation | None:
    queryset = ModelEvaluation.objects.filter(cooperation=cooperation)
    return queryset.select_related("decided_by", "next_cooperation").first()


def _hours(cooperations) -> dict:
    hours: dict = defaultdict(lambda: {kind: Decimal(0) for kind in HOUR_KINDS})
    for row in (
        TeamActivity.objects.filter(team__cooperation__in=cooperations, kind__in=HOUR_KINDS)
        .values("team__cooperation_id", "kind")
        .annotate(total=Sum("hours"))
        .order_by()
    ):
        hours[row["team__cooperation_id"]][row["kind"]] = row["total"] or Decimal(0)
    return hours


def cooperation_costs(cooperation) -> dict:
    """The costs of one cooperation (the list and sums by kind) and the team's hours of training and
    supervision. Three queries."""
    costs = list(TeamCost.objects.filter(cooperation=cooperation).order_by("-spent_on", "-pk"))
    by_kind = {kind: Decimal(0) for kind in TeamCost.Kind.values}
    for cost in costs:
        by_kind[cost.kind] += cost.amount
    hours = _hours([cooperation.pk])[cooperation.pk]
    return {
        "costs": costs,
        "by_kind": [(label, by_kind[kind]) for kind, label in TeamCost.Kind.choices],
        "total": sum(by_kind.values(), Decimal(0)),
        "training_hours": hours[TeamActivity.Kind.TRAINING],
        "supervision_hours": hours[TeamActivity.Kind.SUPERVISION],
    }


def regional_costs(voivodeship) -> dict:
    """Per cooperation of the voivodeship: costs by kind, total, hours of training and supervision; and the totals
    of the region. Three queries."""
    cooperations = list(cooperations_of_region(voivodeship).select_related("unit").order_by("unit__name", "name"))
    ids = [c.pk for c in cooperations]
    sums: dict = defaultdict(dict)
    for row in (
        TeamCost.objects.filter(cooperation__in=ids)
        .values("cooperation_id", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        sums[row["cooperation_id"]][row["kind"]] = row["total"]
    hours = _hours(ids)
    rows = []
    for cooperation in cooperations:
        by_kind = [sums[cooperation.pk].get(kind, Decimal(0)) for kind in TeamCost.Kind.values]
        rows.append(
            {
                "cooperation": cooperation,
                "by_kind": by_kind,
                "total": sum(by_kind, Decimal(0)),
                "training_hours": hours[cooperation.pk][TeamActivity.Kind.TRAINING],
                "supervision_hours": hours[cooperation.pk][TeamActivity.Kind.SUPERVISION],
            }
        )
    totals = {
        "by_kind": [sum((r["by_kind"][i] for r in rows), Decimal(0)) for i in range(len(TeamCost.Kind.values))],
        "total": sum((r["total"] for r in rows), Decimal(0)),
        "training_hours": sum((r["training_hours"] for r in rows), Decimal(0)),
        "supervision_hours": sum((r["supervision_hours"] for r in rows), Decimal(0)),
    }
    return {"kinds": TeamCost.Kind.labels, "rows": rows, "totals": totals}
