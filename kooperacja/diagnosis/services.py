"""Writes to the analysis itself: creating it, its descriptive sections, the problem map, completeness.
Each is one transaction with an audit record. The parts have their own services (statistics/, network/, costs/)."""

from django.db import transaction

from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.diagnosis.models import Analysis

ANALYSIS_FIELDS = {"title", "year", "is_current"}
INFRASTRUCTURE_FIELDS = {
    "transport", "access_to_services", "urban_area", "rural_area", "no_enclaves", "other_information",
    "other_documents",
}  # fmt: skip


def _make_current(analysis: Analysis) -> None:
    Analysis.objects.filter(unit=analysis.unit, is_current=True).exclude(pk=analysis.pk).update(is_current=False)


@transaction.atomic
def analysis_create(*, actor, unit, year: int, owner=None, title: str = "", is_current: bool = True) -> Analysis:
    """A new analysis of ``unit`` for ``year``; made current unless told otherwise. The descriptive sections of
    the gmina's latest earlier analysis are copied, so next year's analysis starts from last year's text."""
    previous = Analysis.objects.filter(unit=unit, year__lt=year).order_by("-year").first()
    analysis = Analysis(unit=unit, year=year, owner=owner, title=title, is_current=is_current, created_by=actor)
    if previous is not None:
        for name in INFRASTRUCTURE_FIELDS:
            setattr(analysis, name, getattr(previous, name))
    analysis.full_clean()
    if is_current:
        Analysis.objects.filter(unit=unit, is_current=True).update(is_current=False)
    analysis.save()
    if previous is not None:
        _copy_lists(previous, analysis)
    record(action=Action.CREATE, actor=actor, obj=analysis, institution=owner,
           details={"copied_from": previous.pk if previous else None})  # fmt: skip
    return analysis


def _copy_lists(source: Analysis, target: Analysis) -> None:
    for related in ("enclaves", "risk_groups", "needs"):
        rows = list(getattr(source, related).all())
        for row in rows:
            row.pk = None
            row.analysis = target
        if rows:
            type(rows[0]).objects.bulk_create(rows)


@transaction.atomic
def analysis_update(*, actor, analysis: Analysis, data: dict) -> Analysis:
    """Change the title, year, current flag or the infrastructure section."""
    data = {k: v for k, v in data.items() if k in ANALYSIS_FIELDS | INFRASTRUCTURE_FIELDS}
    fields = changed_fields(analysis, data)
    if not fields:
        return analysis
    for name in fields:
        setattr(analysis, name, data[name])
    analysis.full_clean()
    if "is_current" in fields and analysis.is_current:
        _make_current(analysis)
    analysis.save(update_fields=[*fields, "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=analysis, institution=analysis.owner, details={"fields": fields})
    return analysis
