"""Writes of the yearly indicators (R-10): the BDL export import, the BDL API fetch and values typed in.

Which value wins: a value typed in by a person is never overwritten by an import or a fetch; the export import
changes only values that came from an export; a fetch from the API replaces export values (it is newer and
asked for by the user).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kooperacja.audit.services import Action, record
from kooperacja.core.concurrency import claim_version
from kooperacja.diagnosis.models import Indicator, IndicatorValue
from kooperacja.diagnosis.statistics import bdl
from kooperacja.diagnosis.statistics.indicators import BUILTIN
from kooperacja.territory.models import Unit, search_key

DEFAULT_EXPORT = (
    Path(__file__).resolve().parents[1] / "data" / "BDL_ludnosc_ekonomiczne_grupy_wieku_gminy_2010-2019.csv"
)
# population_total from an export: the sum of these groups (the working age includes mobile and non-mobile)
TOTAL_PARTS = ("population_pre_working", "population_working", "population_post_working")
BATCH = 2000
Source = IndicatorValue.Source


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_typed_in: int = 0  # values typed in by a person, left as they are
    gminas: int = 0
    skipped_rows: Counter = field(default_factory=Counter)  # reason → rows
    unknown_units: list[tuple[str, str]] = field(default_factory=list)  # (TERYT, name) not in the register
    new_indicators: list[str] = field(default_factory=list)


# Reasons are kept untranslated in the result (the command translates them when it prints them).
SKIP_REASONS = {
    "4": gettext_noop("town part of an urban-rural gmina"),
    "5": gettext_noop("rural part of an urban-rural gmina"),
}
OTHER_CITY_PART = gettext_noop("district or delegation of a city")
NOT_A_GMINA_CODE = gettext_noop("not a gmina code")


def _indicator_for_label(label: str, measure: str) -> tuple[Indicator, bool]:
    builtin = {column: code for code, _n, _g, _m, _v, column in BUILTIN if column}
    if label in builtin:
        return Indicator.objects.get(code=builtin[label]), False
    code = "bdl-" + "-".join(search_key(label).replace(";", " ").split())
    code = "".join(c for c in code if c.isalnum() or c == "-")[:60]
    return Indicator.objects.get_or_create(
        code=code, defaults={"name": label[:200], "measure": measure[:30] or "osoba", "group": "other"}
    )


# The columns of a new value, in the order of the rows _insert_values is given; the edit-version columns are
# the model's defaults (a value not edited yet).
NEW_VALUE_COLUMNS = (
    "indicator_id",
    "unit_id",
    "year",
    "value",
    "source",
    "source_note",
    "source_date",
    "recorded_at",
    "recorded_by_id",
)


def _insert_values(rows: list[tuple]) -> None:
    """Insert new values (rows of NEW_VALUE_COLUMNS) inside the caller's transaction. On PostgreSQL one COPY:
    ``bulk_create`` spent most of the import of the shipped file (150,000 values) building model instances and
    binding 1.8 million parameters. Elsewhere (SQLite) ``bulk_create``."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        IndicatorValue.objects.bulk_create(
            [IndicatorValue(**dict(zip(NEW_VALUE_COLUMNS, row, strict=True))) for row in rows], batch_size=BATCH
        )
        return
    meta = IndicatorValue._meta
    columns = [*NEW_VALUE_COLUMNS, "edit_version", "edited_by_id", "edited_at"]
    defaults = (meta.get_field("edit_version").default, None, None)
    names = ", ".join(connection.ops.quote_name(meta.get_field(name.removesuffix("_id")).column) for name in columns)
    statement = f"COPY {connection.ops.quote_name(meta.db_table)} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row((*row, *defaults))


@transaction.atomic
def bdl_file_import(*, path: Path = DEFAULT_EXPORT, actor=None, only_units: set[str] | None = None) -> ImportResult:
    """Load a BDL export into IndicatorValue. A second run of the same file changes nothing.

    Rows whose 7th digit is 1, 2 or 3 are gminas and join on the first 6 digits (a gmina that changed kind keeps
    its code); 4 and 5 are parts of urban-rural gminas, 8 and 9 districts and delegations of cities: skipped.
    ``source_date`` is 31 December of the last year of the file: the data are as of that day (GUS publishes
    the state on 31 XII), and the date does not change when the same file is loaded again.
    ``only_units`` (6-digit gmina codes) limits the import to those gminas (the demo loads its own gmina only).
    Source notes are stored in Polish: they are data, shown as they were written.
    """
    path = Path(path)
    export = bdl.parse_export(path)
    result = ImportResult()
    indicators = {}
    for label, measure in export.labels.items():
        indicator, created = _indicator_for_label(label, measure)
        indicators[label] = indicator
        if created:
            result.new_indicators.append(indicator.code)
    total = Indicator.objects.filter(code="population_total").first()
    part_ids = set(Indicator.objects.filter(code__in=TOTAL_PARTS).values_list("pk", flat=True))
    gminas = dict(Unit.objects.filter(level=Unit.Level.GMINA).values_list("code", "pk"))

    # (indicator id, unit id, year) → value, from the gmina rows of the file
    wanted: dict[tuple[int, int, int], Decimal] = {}
    seen_units = set()
    for row in export.rows:
        kind = row.teryt[6:7]
        if len(row.teryt) != 7 or not row.teryt.isdigit():
            result.skipped_rows[NOT_A_GMINA_CODE] += 1
            continue
        if kind not in "123":
            result.skipped_rows[SKIP_REASONS.get(kind, OTHER_CITY_PART)] += 1
            continue
        if only_units is not None and row.teryt[:6] not in only_units:
            continue
        unit_id = gminas.get(row.teryt[:6])
        if unit_id is None:
            result.unknown_units.append((row.teryt, row.name))
            continue
        seen_units.add(unit_id)
        for (label, year), value in row.values.items():
            wanted[(indicators[label].pk, unit_id, year)] = value
    result.gminas = len(seen_units)

    note = f"GUS, Bank Danych Lokalnych — {path.name}"
    notes = {key: note for key in wanted}
    if total is not None and len(part_ids) == len(TOTAL_PARTS):
        sums: dict[tuple[int, int], list[Decimal]] = {}
        for (indicator_id, unit_id, year), value in wanted.items():
            if indicator_id in part_ids:
                sums.setdefault((unit_id, year), []).append(value)
        total_note = f"suma ekonomicznych grup wieku — {note}"
        for (unit_id, year), parts in sums.items():
            if len(parts) == len(TOTAL_PARTS):
                wanted[(total.pk, unit_id, year)] = sum(parts, Decimal(0))
                notes[(total.pk, unit_id, year)] = total_note[:255]

    last_year = export.last_year
    source_date = datetime.date(last_year, 12, 31) if last_year else None
    # What is stored now, as plain rows in one query: (indicator, unit, year) → (id, value, source, note, date).
    existing = {
        (indicator_id, unit_id, year): rest
        for indicator_id, unit_id, year, *rest in IndicatorValue.objects.filter(
            indicator_id__in={k[0] for k in wanted}
        ).values_list("indicator_id", "unit_id", "year", "id", "value", "source", "source_note", "source_date")
    }
    now = timezone.now()
    actor_id = getattr(actor, "pk", None)
    to_create, to_update = [], []
    for key, value in wanted.items():
        current = existing.get(key)
        if current is None:
            to_create.append((*key, value, Source.BDL_FILE, notes[key], source_date, now, actor_id))
            continue
        pk, current_value, source, current_note, current_date = current
        if source != Source.BDL_FILE:
            result.kept_typed_in += source == Source.MANUAL
            result.unchanged += source != Source.MANUAL
        elif (current_value, current_note, current_date) != (value, notes[key], source_date):
            to_update.append(
                IndicatorValue(
                    pk=pk,
                    value=value,
                    source_note=notes[key],
                    source_date=source_date,
                    recorded_at=now,
                    recorded_by=actor,
                )
            )
        else:
            result.unchanged += 1
    _insert_values(to_create)
    IndicatorValue.objects.bulk_update(
        to_update, ["value", "source_note", "source_date", "recorded_at", "recorded_by"], batch_size=BATCH
    )
    # A value corrected by the file moves its edit version on: a form opened before is refused, not overwriting.
    for start in range(0, len(to_update), BATCH):
        IndicatorValue.objects.filter(pk__in=[v.pk for v in to_update[start : start + BATCH]]).update(
            edit_version=F("edit_version") + 1, edited_by=actor if getattr(actor, "pk", None) else None, edited_at=now
        )
    result.created, result.updated = len(to_create), len(to_update)
    record(
        action=Action.IMPORT,
        actor=actor,
        details={
            "what": "bdl_file",
            "file": path.name,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "unknown_units": len(result.unknown_units),
        },
    )
    return result


# --- The BDL API -----------------------------------------------------------------------------------------


@dataclass
class FetchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_typed_in: int = 0
    unit_id: str = ""


def indicators_with_bdl_variable(unit: Unit):
    return Indicator.objects.exclude(bdl_variable="").filter(unit__isnull=True) | Indicator.objects.exclude(
        bdl_variable=""
    ).filter(unit=unit)


def indicators_fetch_from_bdl(*, actor, unit: Unit, years: list[int]) -> FetchResult:
    """Ask the BDL API for the gmina's indicators that have a BDL variable, and store them (source BDL_API).

    The requests come first, outside the transaction; on any failure ``bdl.BdlUnavailable`` is raised and
    nothing is changed.
    """
    indicators = list(indicators_with_bdl_variable(unit))
    if not indicators or not years:
        return FetchResult()
    unit_id = bdl.find_unit_id(teryt=unit.teryt, name=unit.name)
    if unit_id is None:
        raise bdl.BdlUnavailable(
            _("The GUS Local Data Bank does not know the gmina %(teryt)s. Nothing has been changed.")
            % {"teryt": unit.teryt}
        )
    fetched = bdl.fetch_values(unit_id, sorted({i.bdl_variable for i in indicators}), sorted(years))
    return _store_fetched(actor=actor, unit=unit, unit_id=unit_id, indicators=indicators, fetched=fetched)


@transaction.atomic
def _store_fetched(*, actor, unit: Unit, unit_id: str, indicators, fetched) -> FetchResult:
    result = FetchResult(unit_id=unit_id)
    today = timezone.localdate()
    existing = {(v.indicator_id, v.year): v for v in IndicatorValue.objects.filter(unit=unit, indicator__in=indicators)}
    for indicator in indicators:
        note = _("GUS, Local Data Bank, API — variable %(variable)s, unit %(unit)s") % {
            "variable": indicator.bdl_variable,
            "unit": unit_id,
        }
        for year, value in sorted(fetched.get(indicator.bdl_variable, {}).items()):
            current = existing.get((indicator.pk, year))
            if current is None:
                IndicatorValue.objects.create(
                    indicator=indicator,
                    unit=unit,
                    year=year,
                    value=value,
                    source=Source.BDL_API,
                    source_note=note,
                    source_date=today,
                    recorded_by=actor,
                )
                result.created += 1
            elif current.source == Source.MANUAL:
                result.kept_typed_in += 1
            elif current.value == value and current.source == Source.BDL_API:
                result.unchanged += 1
            else:
                current.value, current.source, current.source_note, current.source_date = (
                    value,
                    Source.BDL_API,
                    note,
                    today,
                )
                current.recorded_by = actor
                claim_version(current, edit_version=None, actor=actor)
                current.save(
                    update_fields=["value", "source", "source_note", "source_date", "recorded_at", "recorded_by"]
                )
                result.updated += 1
    record(
        action=Action.IMPORT,
        actor=actor,
        obj=unit,
        details={
            "what": "bdl_api",
            "bdl_unit": unit_id,
            "created": result.created,
            "updated": result.updated,
        },
    )
    return result


# --- Typed in --------------------------------------------------------------------------------------------


def indicators_for(unit: Unit):
    """The indicators a gmina has: the built-in ones and those added for it."""
    return Indicator.objects.filter(unit__isnull=True) | Indicator.objects.filter(unit=unit)


@transaction.atomic
def indicator_value_save(
    *,
    actor,
    indicator: Indicator,
    unit: Unit,
    year: int,
    value: Decimal,
    source_note: str = "",
    source_date: datetime.date | None = None,
    edit_version: int | None = None,
) -> IndicatorValue:
    """Create or change one value typed in by a person (source MANUAL). ``edit_version`` is the version of the
    value the form was opened with (0: the user saw no value for this indicator and year), refused when the
    value has been saved since."""
    if indicator.unit_id not in (None, unit.pk):
        raise ValidationError({"indicator": _("This indicator belongs to another gmina.")})
    if not 1990 <= year <= 2100:
        raise ValidationError({"year": _("Give a year between 1990 and 2100.")})
    if source_date is not None and source_date > timezone.localdate():
        raise ValidationError({"source_date": _("The date of the source cannot be in the future.")})
    current = IndicatorValue.objects.filter(indicator=indicator, unit=unit, year=year).first()
    if current is not None:
        claim_version(current, edit_version=edit_version, actor=actor)
    data = {"value": value, "source": Source.MANUAL, "source_note": source_note.strip(), "source_date": source_date}
    if current is None:
        current = IndicatorValue(indicator=indicator, unit=unit, year=year, recorded_by=actor, **data)
        current.full_clean(exclude=["recorded_by"])
        current.save()
        claim_version(current, edit_version=None, actor=actor)
        record(action=Action.CREATE, actor=actor, obj=current, details={"indicator": indicator.code, "year": year})
        return current
    fields = sorted(k for k, v in data.items() if getattr(current, k) != v)
    if fields:
        for name in fields:
            setattr(current, name, data[name])
        current.recorded_by = actor
        current.full_clean(exclude=["recorded_by"])
        current.save(update_fields=[*fields, "recorded_at", "recorded_by"])
        record(
            action=Action.UPDATE,
            actor=actor,
            obj=current,
            details={"indicator": indicator.code, "year": year, "fields": fields},
        )
    return current


@transaction.atomic
def indicator_create(*, actor, unit: Unit, name: str, measure: str, group: str = Indicator.Group.OTHER) -> Indicator:
    """An indicator of the gmina's own (for example "Rodziny objęte wsparciem OPS")."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the name of the indicator.")})
    if indicators_for(unit).filter(name__iexact=name).exists():
        raise ValidationError({"name": _("The gmina already has an indicator with this name.")})
    base = f"{unit.code}-" + "-".join(search_key(name).split())
    base = "".join(c for c in base if c.isalnum() or c == "-")[:54]
    code, n = base, 1
    while Indicator.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    indicator = Indicator(code=code, name=name, measure=measure.strip() or "osoba", group=group, unit=unit)
    indicator.full_clean()
    indicator.save()
    record(action=Action.CREATE, actor=actor, obj=indicator, details={"code": code})
    return indicator
