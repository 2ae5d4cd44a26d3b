"""Loading the TERYT TERC register (GUS) into territorial units."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kooperacja.audit.services import Action, record
from kooperacja.territory.models import Unit, search_key

DEFAULT_REGISTER = Path(__file__).resolve().parent / "data" / "TERC_2024-01-01.csv"
COLUMNS = ["WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"]
FIELDS = ("level", "kind", "name", "name_key", "parent_id", "register_date")


class RegisterError(ValueError):
    """The file is not a TERC register in the GUS layout; the message says where and why (in Polish)."""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class _Row:
    code: str
    parent_code: str | None
    level: str
    kind: str
    name: str
    register_date: date


def _parse(path: Path) -> list[_Row]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegisterError(_("Cannot read the file %(path)s: %(error)s") % {"path": path, "error": exc}) from exc
    rows: list[_Row] = []
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    if reader.fieldnames is None or any(c not in reader.fieldnames for c in COLUMNS):
        raise RegisterError(
            _("The file is not a TERC register: expected the columns %(columns)s.") % {"columns": ";".join(COLUMNS)}
        )
    for line, raw in enumerate(reader, start=2):
        try:
            row = _parse_row(raw)
        except (ValueError, KeyError) as exc:
            raise RegisterError(_("Line %(line)d: %(error)s") % {"line": line, "error": exc}) from exc
        if row is not None:
            rows.append(row)
    if not rows:
        raise RegisterError(_("The file holds no territorial units."))
    return rows


def _parse_row(raw: dict) -> _Row | None:
    woj, pow_, gmi, rodz = (raw[c].strip() for c in ("WOJ", "POW", "GMI", "RODZ"))
    name, extra = raw["NAZWA"].strip(), raw["NAZWA_DOD"].strip().lower()
    stamp = date.fromisoformat(raw["STAN_NA"].strip())
    for part, width in ((woj, 2), (pow_, 2), (gmi, 2), (rodz, 1)):
        if part and (len(part) != width or not part.isdigit()):
            raise ValueError(_("invalid code part %(part)r") % {"part": part})
    if not name:
        raise ValueError(_("empty name"))
    if not pow_:
        return _Row(woj, None, Unit.Level.VOIVODESHIP, Unit.Kind.VOIVODESHIP, name.lower(), stamp)
    if not gmi:
        kind = Unit.Kind.CITY_COUNTY if "na prawach powiatu" in extra else Unit.Kind.COUNTY
        return _Row(woj + pow_, woj, Unit.Level.COUNTY, kind, name, stamp)
    if rodz not in Unit.GMINA_KIND_DIGIT:
        return None  # urban/rural parts of urban-rural gminas and city districts are not gminas
    return _Row(woj + pow_ + gmi, woj + pow_, Unit.Level.GMINA, Unit.GMINA_KIND_DIGIT[rodz], name, stamp)


@transaction.atomic
def teryt_load(*, path: Path = DEFAULT_REGISTER, actor=None) -> LoadResult:
    """Create or update units by code; a second run of the same file changes nothing.

    Units missing from a newer file are kept (institutions may point at them); nothing is deleted.
    """
    rows = _parse(Path(path))
    order = {Unit.Level.VOIVODESHIP: 0, Unit.Level.COUNTY: 1, Unit.Level.GMINA: 2}
    rows.sort(key=lambda r: (order[r.level], r.code))
    existing = {u.code: u for u in Unit.objects.all()}
    created = updated = unchanged = 0
    for level in (Unit.Level.VOIVODESHIP, Unit.Level.COUNTY, Unit.Level.GMINA):
        to_create, to_update = [], []
        for row in (r for r in rows if r.level == level):
            parent_id = None
            if row.parent_code is not None:
                parent = existing.get(row.parent_code)
                if parent is None:
                    raise RegisterError(
                        _("Unit %(code)s has no parent %(parent)s in the register.")
                        % {"code": row.code, "parent": row.parent_code}
                    )
                parent_id = parent.pk
            values = {
                "level": row.level,
                "kind": row.kind,
                "name": row.name,
                "name_key": search_key(row.name),
                "parent_id": parent_id,
                "register_date": row.register_date,
            }
            unit = existing.get(row.code)
            if unit is None:
                unit = Unit(code=row.code, **values)
                to_create.append(unit)
                existing[row.code] = unit
            elif any(getattr(unit, f) != v for f, v in values.items() if f != "register_date"):
                for field, value in values.items():
                    setattr(unit, field, value)
                to_update.append(unit)
            else:
                unchanged += 1
        Unit.objects.bulk_create(to_create, batch_size=500)
        Unit.objects.bulk_update(to_update, FIELDS, batch_size=500)
        if to_create and to_create[0].pk is None:  # backends that do not return ids from bulk_create
            ids = dict(Unit.objects.filter(code__in=[u.code for u in to_create]).values_list("code", "pk"))
            for unit in to_create:
                unit.pk = ids[unit.code]
        created += len(to_create)
        updated += len(to_update)
    result = LoadResult(created=created, updated=updated, unchanged=unchanged)
    if created or updated:
        record(
            action=Action.IMPORT,
            actor=actor,
            details={
                "register": "TERYT TERC",
                "file": Path(path).name,
                "created": created,
                "updated": updated,
            },
        )
    return result
