"""Writes to the analysis itself: creating it, its descriptive sections, the problem map, completeness.
Each is one transaction with an audit record. The parts have their own services (statistics/, network/, costs/)."""

from django.db import transaction

from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.core.concurrency import claim_version
from kooperacja.diagnosis.models import Analysis

ANALYSIS_FIELDS = {"title", "year", "is_current"}
INFRASTRUCTURE_FIELDS = {
    "transport",
    "access_to_services",
    "urban_area",
    "rural_area",
    "no_enclaves",
    "other_information",
    "other_documents",
}


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
    if is_current:
        Analysis.objects.filter(unit=unit, is_current=True).update(is_current=False)
    analysis.full_clean()
    analysis.save()
    if previous is not None:
        _copy_lists(previous, analysis)
    record(
        action=Action.CREATE,
        actor=actor,
        obj=analysis,
        institution=owner,
        details={"copied_from": previous.pk if previous else None},
    )
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
    claim_version(analysis, edit_version=data.get("edit_version"), actor=actor)
    data = {k: v for k, v in data.items() if k in ANALYSIS_FIELDS | INFRASTRUCTURE_FIELDS}
    fields = changed_fields(analysis, data)
    if not fields:
        return analysis
    for name in fields:
        setattr(analysis, name, data[name])
    if "is_current" in fields and analysis.is_current:
        _make_current(analysis)
    analysis.full_clean()
    analysis.save(update_fields=[*fields, "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=analysis, institution=analysis.owner, details={"fields": fields})
    return analysis


# --- Lists of the analysis: enclaves, groups at risk, needs -------------------------------------------------


@transaction.atomic
def analysis_item_save(*, actor, analysis: Analysis, item, data: dict):
    """Create or change one enclave, group at risk or need of ``analysis``."""
    created = item.pk is None
    data = dict(data)
    edit_version = data.pop("edit_version", None)
    if not created:
        claim_version(item, edit_version=edit_version, actor=actor)
    for name, value in data.items():
        setattr(item, name, value)
    item.analysis = analysis
    item.full_clean()
    item.save()
    record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=actor,
        obj=item,
        institution=analysis.owner,
        details={"analysis": analysis.pk},
    )
    return item


@transaction.atomic
def analysis_item_delete(*, actor, analysis: Analysis, item) -> None:
    record(action=Action.DELETE, actor=actor, obj=item, institution=analysis.owner, details={"analysis": analysis.pk})
    item.delete()


# --- Problem map ----------------------------------------------------------------------------------------


@transaction.atomic
def problem_map_save(*, actor, unit, rows: list[dict], source_note: str = "", edit_version: int | None = None) -> dict:
    """Store the numbers of ``rows`` (year, category, persons, families, source) for gmina ``unit``: a row with
    neither number removes that year's entry. All rows or none. Returns counts. Every year touched moves its
    sheet (``ProblemMapYear``) to the next edit version; ``edit_version`` is the version the one-year form was
    opened with (0: the year had no sheet yet), refused when someone saved that year since."""
    from kooperacja.diagnosis.models import ProblemMapEntry, ProblemMapYear

    for year in sorted({row["year"] for row in rows}):
        sheet, created = ProblemMapYear.objects.get_or_create(unit=unit, year=year)
        claim_version(sheet, edit_version=None if created else edit_version, actor=actor)
    counts = {"saved": 0, "removed": 0}
    for row in rows:
        key = {"unit": unit, "year": row["year"], "category": row["category"]}
        if row.get("persons") is None and row.get("families") is None:
            counts["removed"] += ProblemMapEntry.objects.filter(**key).delete()[0]
            continue
        ProblemMapEntry.objects.update_or_create(
            **key,
            defaults={
                "persons": row.get("persons"),
                "families": row.get("families"),
                "source": row.get("source") or ProblemMapEntry.Source.MRPIPS_03,
                "source_note": source_note,
                "recorded_by": actor,
            },
        )
        counts["saved"] += 1
    record(
        action=Action.IMPORT if source_note else Action.UPDATE,
        actor=actor,
        obj=unit,
        details={"problem_map": counts, "years": sorted({r["year"] for r in rows})},
    )
    return counts


# --- Completeness ---------------------------------------------------------------------------------------


@transaction.atomic
def completeness_confirm(*, actor, analysis: Analysis, question: str, comment: str = ""):
    from kooperacja.diagnosis.completeness import QUESTIONS
    from kooperacja.diagnosis.models import CompletenessConfirmation

    if question not in QUESTIONS:
        raise ValueError(question)
    confirmation, _created = CompletenessConfirmation.objects.update_or_create(
        analysis=analysis, question=question, defaults={"comment": comment, "confirmed_by": actor}
    )
    record(action=Action.UPDATE, actor=actor, obj=analysis, institution=analysis.owner, details={"confirmed": question})
    return confirmation


@transaction.atomic
def completeness_withdraw(*, actor, analysis: Analysis, question: str) -> None:
    from kooperacja.diagnosis.models import CompletenessConfirmation

    CompletenessConfirmation.objects.filter(analysis=analysis, question=question).delete()
    record(action=Action.UPDATE, actor=actor, obj=analysis, institution=analysis.owner, details={"withdrawn": question})
