"""The directory as a CSV file: one row per institution, semicolon-separated, UTF-8 with BOM (Excel opens it).

Columns (see COLUMNS and the column guide page): a re-import updates the institution found by ``uid``, else by
REGON, else by name and unit. Only the columns present in the header are changed; an empty cell empties the field.
Lists are separated by "|": phones "56 123 45 67 (sekretariat) | 600 100 200", specialists
"psychologist:2 | pedagogue:1", services "Poradnictwo rodzinne [domestic_violence, helplessness] | Zasiłki".
A service is found by name: missing ones are added, the problems in brackets replace the service's problems, and
no service is ever deleted by a CSV import (the full services, with descriptions and legal basis, travel in HSDS).
"""

import csv
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kooperacja.core import exports
from kooperacja.directory import taxonomy
from kooperacja.directory.exchange.kinds import KEYWORDS as KIND_KEYWORDS
from kooperacja.directory.exchange.records import (
    Record,
    check_formulas,
    check_text_fields,
    key,
    kind_lookup,
    problem_lookup,
    read_kind,
    read_level,
    read_status,
    specialist_lookup,
)
from kooperacja.territory.selectors import stored_code

BOM = "\ufeff"
DELIMITER = ";"
MAX_ROWS = 5000


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    example: str
    read_only: bool = False


COLUMNS = [
    Column(
        "uid",
        _(
            "Our identifier of the institution. Leave empty for a new one; keep it when you re-import an "
            "exported file, so the row updates the same institution."
        ),
        "",
    ),
    Column("name", _("Full name (required)."), "Gminny Ośrodek Pomocy Społecznej w Kowalewie Pomorskim"),
    Column("short_name", _("Short name, e.g. GOPS."), "GOPS"),
    Column(
        "kind", _("Kind of institution: a code or a name from the list of kinds below. Empty means “other”."), "ops"
    ),
    Column("sector", _("Sector, filled in by the export from the kind; ignored on import."), "social", True),
    Column("level", _("gmina, powiat, wojewodztwo or krajowy. Empty: the level of the unit served."), "gmina"),
    Column(
        "unit_teryt",
        _(
            "TERYT code of the unit served: 2 digits for a voivodeship, 4 for a county, 6 or 7 for "
            "a gmina (required for a new institution)."
        ),
        "0405043",
    ),
    Column(
        "unit_name",
        _("Name of the unit served, filled in by the export; ignored on import."),
        "Kowalewo Pomorskie",
        True,
    ),
    Column("other_units_teryt", _("TERYT codes of other units served, separated by “|”."), ""),
    Column("street", _("Street and number."), "ul. Szkolna 12"),
    Column("postal_code", _("Postal code written as 00-000."), "87-410"),
    Column("city", _("Town."), "Kowalewo Pomorskie"),
    Column(
        "phones",
        _("Phone numbers separated by “|”, each optionally with a description in brackets."),
        "56 684 10 00 (sekretariat) | 600 100 200",
    ),
    Column("email", _("E-mail address."), "gops@example.pl"),
    Column("website", _("Website address."), "https://gops.example.pl"),
    Column("opening_hours", _("Opening hours, free text."), "pon.–pt. 7:30–15:30"),
    Column("regon", _("REGON number (9 or 14 digits), checked."), "871118879"),
    Column("nip", _("NIP number (10 digits), checked."), "8781766349"),
    Column("krs", _("KRS number (10 digits), for organisations in the National Court Register."), ""),
    Column("status", _("active or closed. Empty means active."), "active"),
    Column("notes", _("Notes."), ""),
    Column(
        "specialists",
        _("Specialists employed as kind:number separated by “|”, kinds from the list below."),
        "social_worker:6 | psychologist:1 | family_assistant:2",
    ),
    Column(
        "services",
        _(
            "Services by name separated by “|”, each optionally with the social problems it "
            "addresses in square brackets (codes or names from the list below). Missing services are "
            "added; services are never deleted by a CSV import."
        ),
        "Praca socjalna [poverty, helplessness] | Zespół interdyscyplinarny [domestic_violence]",
    ),
]
COLUMN_NAMES = [c.name for c in COLUMNS]
FIELD_COLUMNS = [
    "name",
    "short_name",
    "street",
    "postal_code",
    "city",
    "email",
    "website",
    "opening_hours",
    "regon",
    "nip",
    "krs",
    "notes",
]
LIST_SEPARATOR = "|"


class CsvFileError(Exception):
    """The file as a whole cannot be read; ``code`` names the reason (see FILE_ERRORS in importer)."""

    def __init__(self, code: str, value: str = ""):
        super().__init__(code)
        self.code = code
        self.value = value


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1250 — what a Polish Excel writes as plain "CSV". UTF-16 ("Unicode
    text") and binary files are refused: a NUL byte never occurs in either of the two."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in content:
        raise CsvFileError("encoding")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return content.decode("cp1250")
        except UnicodeDecodeError:
            raise CsvFileError("encoding") from None


def read_header(row: list[str]) -> list[str]:
    header = [cell.strip().lstrip(BOM).casefold() for cell in row]
    if "name" not in header:
        raise CsvFileError("no_name_column")
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise CsvFileError("duplicate_column", ", ".join(repeated))
    return header


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


# DOTALL: a quoted cell may hold a line break, and every value must match (no None from a hostile cell).
PHONE = re.compile(r"^(?P<number>.*?)\s*(?:\((?P<description>[^()]*)\))?$", re.DOTALL)
SERVICE = re.compile(r"^(?P<name>.*?)\s*(?:\[(?P<problems>[^\[\]]*)\])?$", re.DOTALL)


def parse(content: bytes) -> list[Record]:
    """Rows are read one at a time and the file is refused at row MAX_ROWS + 1, so memory stays bounded."""
    text = decode(content)
    newline = text.find("\n")
    first_line = text[: newline if newline >= 0 else len(text)]
    delimiter = DELIMITER if DELIMITER in first_line or "," not in first_line else ","
    header, records, lookups = None, [], make_lookups()
    try:
        for number, row in enumerate(csv.reader(exports.csv_lines(text), delimiter=delimiter), start=1):
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = read_header(row)
                continue
            if len(records) >= MAX_ROWS:
                raise CsvFileError("too_many_rows", str(MAX_ROWS))
            cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header) if name}
            records.append(parse_row(number, cells, lookups))
    except csv.Error as exc:
        raise CsvFileError("csv_syntax", str(exc)) from None
    if header is None:
        raise CsvFileError("empty")
    return records


def make_lookups() -> dict:
    """What parse_row needs to read kinds, specialists and problems by code or by label."""
    return {"kind": kind_lookup(), "specialist": specialist_lookup(), "problem": problem_lookup()}


def parse_row(line: int, cells: dict[str, str], lookups: dict) -> Record:
    cells = {name: exports.unquote_cell(value) for name, value in cells.items()}  # our own export's apostrophe
    record = Record(line=line, values={name: cells[name] for name in COLUMN_NAMES if name in cells})
    record.fields = {name: cells[name] for name in FIELD_COLUMNS if name in cells}
    record.uid = cells.get("uid", "")
    check_text_fields(record, {name: name for name in FIELD_COLUMNS})
    read_kind(record, cells.get("kind", ""), "kind", lookup=lookups["kind"])
    read_level(record, cells.get("level", ""), "level")
    read_status(record, cells.get("status", ""), "status")
    if "status" in cells and not cells["status"]:
        record.fields["status"] = "active"
    if cells.get("unit_teryt"):
        code = stored_code(cells["unit_teryt"])
        if code is None:
            record.error("unit_bad_format", "unit_teryt", cells["unit_teryt"])
        else:
            record.unit_code = code
    if "other_units_teryt" in cells:
        record.other_unit_codes = []
        for value in split_list(cells["other_units_teryt"]):
            code = stored_code(value)
            if code is None:
                record.error("unit_bad_format", "other_units_teryt", value)
            else:
                record.other_unit_codes.append(code)
    if "phones" in cells:
        record.phones = []
        for value in split_list(cells["phones"]):
            match = PHONE.match(value)
            number, description = match["number"].strip(), (match["description"] or "").strip()
            if len(number) > 30 or len(description) > 100:
                record.error("too_long", "phones", value[:40])
            record.phones.append([number, description])
    if "specialists" in cells:
        record.specialists = {}
        for value in split_list(cells["specialists"]):
            name, _sep, count = value.partition(":")
            code = lookups["specialist"].get(key(name))
            if code is None:
                record.error("specialist_unknown", "specialists", name.strip())
                continue
            count = count.strip() or "1"
            if not (count.isascii() and count.isdigit()) or int(count) > 999:
                record.error("specialist_count_invalid", "specialists", count)
                continue
            record.specialists[code] = record.specialists.get(code, 0) + int(count)
    if "services" in cells:
        record.services = []
        for value in split_list(cells["services"]):
            match = SERVICE.match(value)
            service = {"name": match["name"].strip()[:255], "problems": None}
            if match["problems"] is not None:
                service["problems"] = []
                for problem in (p.strip() for p in re.split(r"[,;]", match["problems"]) if p.strip()):
                    code = lookups["problem"].get(key(problem))
                    if code is None:
                        record.error("problem_unknown", "services", problem)
                    else:
                        service["problems"].append(code)
            if service["name"]:
                record.services.append(service)
    check_formulas(record)
    return record


# --- Export -------------------------------------------------------------------------------------------------


def _join(values) -> str:
    return f" {LIST_SEPARATOR} ".join(values)


def institution_row(institution) -> dict[str, str]:
    """One row; ``institution`` comes with its related objects prefetched (selectors.institution_search)."""
    phones = [f"{p.number} ({p.description})" if p.description else p.number for p in institution.phones.all()]
    services = []
    for service in institution.services.all():
        codes = [p.code for p in service.problems.all()]
        services.append(f"{service.name} [{', '.join(codes)}]" if codes else service.name)
    return {
        "uid": str(institution.uid),
        "name": institution.name,
        "short_name": institution.short_name,
        "kind": institution.kind,
        "sector": institution.sector,
        "level": institution.level,
        "unit_teryt": institution.unit.teryt,
        "unit_name": institution.unit.name,
        "other_units_teryt": _join(u.teryt for u in institution.other_units.all()),
        "street": institution.street,
        "postal_code": institution.postal_code,
        "city": institution.city,
        "phones": _join(phones),
        "email": institution.email,
        "website": institution.website,
        "opening_hours": institution.opening_hours,
        "regon": institution.regon,
        "nip": institution.nip,
        "krs": institution.krs,
        "status": institution.status,
        "notes": institution.notes,
        "specialists": _join(f"{s.kind}:{s.count}" for s in institution.specialists.all()),
        "services": _join(services),
    }


def table(rows) -> list[list[str]]:
    """The header and the rows as lists of cells; the export helper writes them (``core.exports``)."""
    return [COLUMN_NAMES, *([row.get(name, "") for name in COLUMN_NAMES] for row in rows)]


def export_rows(institutions) -> list[list[str]]:
    return table(institution_row(i) for i in institutions)


def template_rows() -> list[list[str]]:
    """The header and one example row."""
    return table([{c.name: c.example for c in COLUMNS}])


def export(institutions) -> str:
    """The CSV file as text (the commands and the tests; the view answers with ``csv_response``)."""
    return exports.csv_text(export_rows(institutions), delimiter=DELIMITER)


def template() -> str:
    return exports.csv_text(template_rows(), delimiter=DELIMITER)


def guide_lists() -> dict:
    """The codes the columns accept, for the column guide page."""
    return {
        "kinds": [
            (code, label, taxonomy.SECTORS[sector], ", ".join(KIND_KEYWORDS.get(code, [])))
            for code, label, sector in taxonomy.KINDS
        ],
        "specialists": taxonomy.SPECIALISTS,
        "problems": [(code, name) for code, name, _group in taxonomy.PROBLEMS],
    }
