"""Import in two steps: ``read_file`` + ``plan`` (nothing written: what the preview shows) and ``apply``.

``apply`` plans again against the database as it is at that moment and writes the whole file or nothing: a
plan with any row in error is refused before anything is written, and a row the database refuses while saving
undoes every row saved before it (one transaction, no per-row savepoint). Either way ``ImportRefused`` names the
rows to correct. An institution is found by uid, else by REGON, else by name and unit. A file that lists all the
services of an organization (HSDS) removes, on re-import, the services no longer in it; a CSV never removes one.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kooperacja.accounts.access import may_keep_directory_of
from kooperacja.directory import services
from kooperacja.directory.exchange import csv_format, hsds, kinds
from kooperacja.directory.exchange.records import Issue, Record, key, kind_lookup
from kooperacja.directory.models import Institution, Problem, Service
from kooperacja.territory.models import Unit, search_key

FILE_ERRORS = {
    "encoding": _("The file is neither UTF-8 nor Windows-1250 text. Save it from the spreadsheet as “CSV UTF-8”."),
    "csv_syntax": _("The file is not a readable CSV file: %(value)s"),
    "empty": _("The file is empty."),
    "no_name_column": _(
        "The first row must be the header with the column names, including “name”. Download the template to see them."
    ),
    "too_many_rows": _("The file has too many rows: at most %(value)s at once."),
    "json_syntax": _("The file is not valid JSON: %(value)s"),
    "not_hsds": _("The JSON file is not an array of HSDS 3.0 organizations."),
    "too_large": _("The file is too large: at most %(value)s MB."),
    "duplicate_column": _("The header repeats the column %(value)s: each column may appear only once."),
    "json_too_deep": _("The JSON file nests deeper than %(value)s levels: it is not an HSDS directory."),
    "no_organizations": _("The file holds no organizations."),
}
MAX_FILE_MB = 10
# What a constraint error says in place of the database's own text (which names tables and keys).
DATABASE_REFUSED = _("the directory already holds an entry with the same data (e.g. the same name in the same unit)")


class ImportFileError(Exception):
    def __init__(self, code: str, value: str = ""):
        super().__init__(code)
        self.code = code
        self.value = value

    def message(self) -> str:
        return str(FILE_ERRORS.get(self.code, self.code)) % {"value": self.value}


def read_upload(upload) -> tuple[str, list[Record]]:
    """``read_file`` of an uploaded file, refused by its size before it is read into memory."""
    if upload.size > MAX_FILE_MB * 1024 * 1024:
        raise ImportFileError("too_large", str(MAX_FILE_MB))
    return read_file(upload.read(MAX_FILE_MB * 1024 * 1024 + 1), upload.name or "")


def read_file(content: bytes, filename: str = "") -> tuple[str, list[Record]]:
    """("csv" or "hsds", records). HSDS when the name ends in .json or the content starts with [ or {."""
    if len(content) > MAX_FILE_MB * 1024 * 1024:
        raise ImportFileError("too_large", str(MAX_FILE_MB))
    start = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    try:
        if filename.lower().endswith(".json") or start in (b"[", b"{"):
            records = hsds.parse(hsds.loads(content))
            if not records:
                raise ImportFileError("no_organizations")
            return "hsds", records
        return "csv", csv_format.parse(content)
    except (csv_format.CsvFileError, hsds.HsdsFileError) as exc:
        raise ImportFileError(exc.code, exc.value) from None
    except RecursionError:  # beyond the depth check: whatever a file holds, it never gives a server error
        raise ImportFileError("json_too_deep", str(hsds.MAX_DEPTH)) from None


# --- Planning -----------------------------------------------------------------------------------------------

CREATE, UPDATE, SKIP = "create", "update", "skip"
NOBODY = object()


@dataclass
class Row:
    record: Record
    action: str = SKIP
    institution: Institution | None = None
    unit: Unit | None = None
    other_units: list = field(default_factory=list)
    changes: list = field(default_factory=list)  # field names an update changes
    removed_services: list = field(default_factory=list)  # names of the services the file no longer lists

    @property
    def errors(self) -> list[Issue]:
        return self.record.errors

    @property
    def warnings(self) -> list[Issue]:
        return self.record.warnings


@dataclass
class Plan:
    rows: list[Row]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def to_create(self) -> int:
        return self.count(CREATE)

    @property
    def to_update(self) -> int:
        return self.count(UPDATE)

    @property
    def skipped(self) -> int:
        return self.count(SKIP)

    @property
    def error_rows(self) -> list[Row]:
        return [r for r in self.rows if r.errors]

    @property
    def services_to_remove(self) -> int:
        return sum(len(r.removed_services) for r in self.rows)


def _valid_uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def _gmina_from_address(record: Record, default_unit: Unit | None = None) -> tuple[Unit | None, list, str]:
    """(unit, candidates, reason): the gmina named like the town, narrowed by the county and voivodeship names.
    When several gminas share the name, the first of these that points at one of them decides: a TERYT code on
    the address, the unit chosen for the import (the gmina or a unit above it), the postal code (of institutions
    already in the directory). ``candidates`` lists the gminas when none did; ``reason`` says what decided."""
    address = record.values.get("address") or {}
    city = address.get("city", "")
    if not city:
        return None, [], ""
    candidates = list(
        Unit.objects.filter(level=Unit.Level.GMINA, name_key=search_key(city)).select_related("parent__parent")
    )
    for level_name, part in (("region", "parent"), ("state_province", "parent.parent")):
        wanted = search_key(address.get(level_name, ""))
        if len(candidates) > 1 and wanted:
            narrowed = []
            for unit in candidates:
                above = unit.parent if part == "parent" else unit.parent.parent if unit.parent else None
                if above is not None and search_key(above.name).endswith(wanted):
                    narrowed.append(unit)
            candidates = narrowed or candidates
    if len(candidates) == 1:
        return candidates[0], [], ""
    deciders = []
    if address.get("teryt"):
        deciders.append((gettext("the TERYT code in the address"), lambda u: u.code.startswith(address["teryt"])))
    if default_unit is not None:
        deciders.append((gettext("the unit chosen for the import"), lambda u: u.code.startswith(default_unit.code)))
    if address.get("postal_code"):
        known = set(
            Institution.objects.filter(postal_code=address["postal_code"], unit__in=candidates).values_list(
                "unit_id", flat=True
            )
        )
        deciders.append((gettext("the postal code"), lambda u: u.pk in known))
    for reason, fits in deciders:
        narrowed = [unit for unit in candidates if fits(unit)]
        if len(narrowed) == 1:
            return narrowed[0], [], reason
        candidates = narrowed or candidates
    return None, candidates, ""


def _unit_label(unit: Unit) -> str:
    return f"{unit.full_name} ({unit.teryt})"


def _infer_kind(record: Record, lookup: dict) -> None:
    """A new institution without one of our kind codes: recognised from the file's terms or its name."""
    names = [record.fields.get("name", ""), record.fields.get("short_name", "")]
    inferred = kinds.infer(terms=record.kind_terms, names=[n for n in names if n], lookup=lookup)
    if inferred is not None:
        record.fields["kind"] = inferred.kind
        how = gettext("from the name: “%s”") if inferred.source == kinds.FROM_NAME else gettext("from the term “%s”")
        record.warn("kind_inferred", "kind", f"{inferred.label} — {how % inferred.matched}")
    elif record.kind_terms:
        record.warn("kind_mapped_other", "kind", ", ".join(dict.fromkeys(record.kind_terms)))
    else:
        record.warn("kind_defaulted", "kind")


def _service_matches(existing: list[Service], wanted: list[dict]) -> list[Service | None]:
    """The existing service each service of the file updates (by uid, else by name), or None for a new one."""
    by_uid = {str(s.uid): s for s in existing}
    by_name: dict = {}
    for service in sorted(existing, key=lambda s: s.pk):
        by_name.setdefault(service.name.casefold(), service)
    matches = []
    for data in wanted:
        uid = _valid_uuid(data.get("uid") or "") or ""
        matches.append(by_uid.get(uid) or by_name.get(data["name"].casefold()))
    return matches


def _removed_services(institution: Institution, record: Record) -> list[Service]:
    """The services of ``institution`` a complete list of services (HSDS) no longer holds."""
    if not record.services_complete or record.services is None:
        return []
    existing = list(institution.services.all())
    kept = {s.pk for s in _service_matches(existing, record.services) if s is not None}
    return [s for s in existing if s.pk not in kept]


def plan(records: list[Record], *, user=None, default_unit: Unit | None = None) -> Plan:
    """Decide, for each record, create / update / skip; adds the errors found against the database."""
    records = [Record.from_dict(r.to_dict()) for r in records]  # planning adds errors: keep the input as it was
    codes = {r.unit_code for r in records if r.unit_code}
    codes |= {c for r in records for c in (r.other_unit_codes or [])}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes).select_related("parent__parent")}
    uids = {u for r in records if r.uid and (u := _valid_uuid(r.uid))}
    regons = {r.fields["regon"] for r in records if r.fields.get("regon")}
    names = {r.fields["name"] for r in records if r.fields.get("name")}
    found = Institution.objects.filter(uid__in=uids) | Institution.objects.filter(regon__in=regons)
    found = found | Institution.objects.filter(name__in=names)
    existing = list(found.select_related("unit__parent__parent").prefetch_related("other_units", "services"))
    lookup = kind_lookup()
    by_uid = {str(i.uid): i for i in existing}
    by_regon = {i.regon: i for i in existing if i.regon}
    by_name = {(key(i.name), i.unit_id): i for i in existing}
    claimed: dict = {}  # institution (or new name in unit) → the row that writes it: once per file
    rows = []
    for record in records:
        row = Row(record=record)
        rows.append(row)
        if "hsds_invalid" in record.error_codes:
            continue  # not read at all: nothing more to say about it
        uid = ""
        if record.uid:
            uid = _valid_uuid(record.uid) or ""
            if not uid:
                record.error("uid_invalid", "uid", record.uid)
        if record.unit_code:
            row.unit = units.get(record.unit_code)
            if row.unit is None:
                record.error("unit_unknown", "unit_teryt", record.unit_code)
        elif "address" in record.values:
            row.unit, candidates, reason = _gmina_from_address(record, default_unit)
            if row.unit is not None and reason:
                record.warn("unit_ambiguity_resolved", "", f"{_unit_label(row.unit)} — {reason}")
            elif row.unit is not None:
                record.warn("unit_from_address", "", str(row.unit.full_name))
            elif candidates:
                city, labels = record.values["address"]["city"], "; ".join(_unit_label(u) for u in candidates)
                record.error("unit_ambiguous", "city", city, extra=labels)
        for code in record.other_unit_codes or []:
            if code in units:
                row.other_units.append(units[code])
            else:
                record.error("unit_unknown", "other_units_teryt", code)
        institution = by_uid.get(uid) if uid else None
        if institution is None and record.fields.get("regon"):
            institution = by_regon.get(record.fields["regon"])
        if institution is None and row.unit is None and not record.unit_code and default_unit is not None:
            row.unit = default_unit
            record.warn("unit_default", "", str(default_unit.full_name))
        if institution is None and row.unit is not None and record.fields.get("name"):
            institution = by_name.get((key(record.fields["name"]), row.unit.pk))
        if uid and institution is not None and str(institution.uid) != uid:
            uid = ""  # found by REGON or name: it keeps its own uid
        elif uid and institution is None:
            record.warn("uid_not_found", "uid", uid)
        row.institution = institution
        if institution is None and row.unit is None and not record.unit_code:
            record.error("unit_missing" if "unit_teryt" in record.values else "unit_undetermined", "unit_teryt")
        if institution is None and "name" not in record.fields:
            record.error("name_missing", "name")
        unit = row.unit or (institution.unit if institution else None)
        if user is not None:
            for area in {u for u in (unit, institution.unit if institution else None) if u is not None}:
                if not may_keep_directory_of(user, area):
                    record.error("unit_forbidden", "unit_teryt", str(area.full_name))
        if institution is None and "kind" not in record.fields:
            _infer_kind(record, lookup)
        target = ("pk", institution.pk) if institution else None
        name_key = (key(record.fields["name"]), unit.pk) if unit is not None and record.fields.get("name") else None
        holder = by_name.get(name_key, NOBODY) if name_key is not None else NOBODY
        if holder is None:  # a new institution of an earlier row of the file
            target = ("new", name_key)
        elif holder is not NOBODY and holder is not institution:
            record.error("name_taken", "name", record.fields["name"])
        if target is not None and target in claimed:
            record.error("duplicate_in_file", "", str(claimed[target]))
        elif not record.errors:
            claimed[target or ("new", name_key)] = record.line
            if institution is None and name_key is not None:
                by_name[name_key] = None  # later rows of the file see the name as taken by this row
        if not record.errors:
            row.action = UPDATE if institution else CREATE
            row.record.uid = uid
            if institution is not None:
                row.removed_services = [s.name for s in _removed_services(institution, record)]
                row.changes = _changes(row)
            if row.removed_services:
                record.warn("services_removed", "services", ", ".join(row.removed_services))
    return Plan(rows=rows)


def _data(row: Row) -> dict:
    record = row.record
    data = dict(record.fields)
    if row.unit is not None:
        data["unit"] = row.unit
        if "level" not in data and row.institution is None:
            data["level"] = {"gmina": "gmina", "powiat": "powiat", "wojewodztwo": "wojewodztwo"}[row.unit.level]
    if row.institution is None:
        data.setdefault("kind", "other")
        if not data.get("status"):
            data["status"] = "active"
    if record.other_unit_codes is not None:
        data["other_units"] = row.other_units
    if record.phones is not None:
        data["phones"] = [tuple(p) for p in record.phones]
    if record.contacts is not None:
        data["contacts"] = [tuple(c) for c in record.contacts]
    if record.specialists is not None:
        data["specialists"] = dict(record.specialists)
    data.update(_confirmation(record.confirmed))
    return data


def _confirmation(values: dict) -> dict:
    """The model fields of a confirmation read from the file (HSDS assured_date / assurer_email)."""
    if not values.get("confirmed_at"):
        return {}
    return {
        "confirmed_at": datetime.date.fromisoformat(values["confirmed_at"]),
        "confirmed_by": None,
        "confirmed_by_email": values.get("confirmed_by_email", ""),
    }


def _changes(row: Row) -> list[str]:
    institution = row.institution
    data = _data(row)
    fields = services.INSTITUTION_FIELDS
    changes = [name for name in fields if name in data and getattr(institution, name) != data[name]]
    if "phones" in data and [(n, d) for n, d in data["phones"] if n] != [
        (p.number, p.description) for p in institution.phones.all()
    ]:
        changes.append("phones")
    if "specialists" in data and data["specialists"] != {s.kind: s.count for s in institution.specialists.all()}:
        changes.append("specialists")
    if "other_units" in data and {u.pk for u in data["other_units"]} != {u.pk for u in institution.other_units.all()}:
        changes.append("other_units")
    if row.record.services or row.removed_services:
        changes.append("services")
    return sorted(changes)


# --- Writing ------------------------------------------------------------------------------------------------


@dataclass
class Result:
    created: list = field(default_factory=list)  # institutions
    updated: list = field(default_factory=list)
    removed_services: list = field(default_factory=list)  # (institution, service name)
    dry_run: bool = False
    plan: Plan | None = None  # the plan that was written, row by row (for the summary)


class ImportRefused(Exception):
    """Nothing was written. ``plan.error_rows`` are the rows to correct; ``failed_row`` is set when the file was
    valid but the database refused that row while saving (its record then carries a ``save_failed`` error)."""

    def __init__(self, plan: Plan, *, failed_row: Row | None = None):
        super().__init__("failed_at_save" if failed_row is not None else "rows_with_errors")
        self.plan = plan
        self.failed_row = failed_row

    @property
    def rows(self) -> list[Row]:
        return self.plan.error_rows


@transaction.atomic
def apply(records: list[Record], *, actor=None, default_unit: Unit | None = None, dry_run: bool = False) -> Result:
    """Write the whole file in one transaction, or nothing. ``actor`` None: a command (no access check, audit
    without actor). Raises ``ImportRefused`` when a row has an error, found by planning or by the database."""
    current = plan(records, user=actor, default_unit=default_unit)
    if current.error_rows:
        raise ImportRefused(current)
    result = Result(dry_run=dry_run, plan=current)
    problems = {p.code: p for p in Problem.objects.all()}
    for row in current.rows:
        if row.action == SKIP:
            continue  # nothing to write for this row
        try:
            institution = _save_row(row, actor=actor, problems=problems, result=result)
        except (ValidationError, IntegrityError) as exc:
            # Leaving the atomic block with the exception rolls back every row written so far.
            messages = exc.messages if isinstance(exc, ValidationError) else [str(DATABASE_REFUSED)]
            row.record.error("save_failed", "", "; ".join(messages))
            row.action = SKIP
            raise ImportRefused(current, failed_row=row) from exc
        (result.created if row.action == CREATE else result.updated).append(institution)
    if dry_run:
        transaction.set_rollback(True)
    return result


def _save_row(row: Row, *, actor, problems: dict, result: Result) -> Institution:
    data = _data(row)
    if row.action == CREATE:
        institution = services.institution_create(
            actor=actor,
            name=data.pop("name"),
            kind=data.pop("kind"),
            unit=data.pop("unit"),
            uid=_free_uid(Institution, row.record.uid),
            **data,
        )
    else:
        institution = Institution.objects.select_for_update().get(pk=row.institution.pk)
        institution = services.institution_update(actor=actor, institution=institution, data=data)
    removed = _removed_services(institution, row.record) if row.action == UPDATE else []
    wanted = row.record.services or []
    matches = _service_matches(list(institution.services.all()), wanted)
    for service_data, existing in zip(wanted, matches, strict=True):
        _save_service(institution, service_data, existing=existing, actor=actor, problems=problems)
    for service in removed:
        result.removed_services.append((institution, service.name))
        services.service_delete(actor=actor, service=service)
    return institution


def _free_uid(model, uid: str) -> str | None:
    """The identifier a file gave, kept so that a later re-import updates the same entry — unless taken."""
    return uid if uid and not model.objects.filter(uid=uid).exists() else None


def _save_service(institution: Institution, data: dict, *, existing, actor, problems: dict) -> Service:
    data = dict(data)
    uid = _valid_uuid(data.pop("uid", "") or "") or ""
    codes = data.pop("problems", None)
    data.update(_confirmation({k: data.pop(k) for k in ("confirmed_at", "confirmed_by_email") if k in data}))
    if existing is not None and codes is None and set(data) == {"name"}:
        return existing  # a CSV naming a service it already has: nothing to change
    chosen = [problems[c] for c in codes or [] if c in problems]
    if existing is not None and codes is None:
        chosen = list(existing.problems.all())
    return services.service_save(
        actor=actor,
        institution=institution,
        service=existing,
        problems=chosen,
        uid=_free_uid(Service, uid) if existing is None else None,
        **data,
    )
