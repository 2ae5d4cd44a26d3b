"""The problem map (Mapa problemów klientów, R-11): how many persons and families of the gmina were supported
for each reason, year by year, ranked, with the change, the resources acting on each and the gaps.

Counts of 1–4 are hidden for readers who see aggregates only (ROPS), so no family can be singled out; the
gmina's own team sees the numbers. The rule and how a hidden count is shown ("—*" with a footnote) are the
regional level's (``core.suppression``)."""

import csv
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kooperacja.core.exports import csv_lines
from kooperacja.core.suppression import SMALL
from kooperacja.core.suppression import suppress as _suppress
from kooperacja.diagnosis.models import ProblemMapEntry
from kooperacja.diagnosis.models.problems import CATEGORY_CHOICES, CATEGORY_PROBLEM, PCPR_CATEGORIES
from kooperacja.directory.selectors import problem_coverage

YEARS_SHOWN = 5


def suppress(value: int | None, *, aggregates_only: bool) -> int | str | None:
    return _suppress(value) if aggregates_only else value


@dataclass
class MapRow:
    code: str
    name: str
    is_pcpr: bool
    persons: list  # per year of ProblemMap.years; int, core.suppression.SUPPRESSED or None
    families: list
    institutions: int  # acting on it in the gmina (from the directory)
    change: int | None = None  # persons, last year against the year before
    change_percent: float | None = None

    @property
    def latest(self):
        return self.persons[-1] if self.persons else None

    @property
    def is_gap(self) -> bool:
        """The gmina has people with this problem and no institution acting on it."""
        return self.institutions == 0 and any(v not in (None, 0) for v in self.persons)


@dataclass
class ProblemMap:
    years: list[int]
    rows: list[MapRow] = field(default_factory=list)  # ranked by persons in the latest year
    aggregates_only: bool = False

    @property
    def gaps(self) -> list[MapRow]:
        return [row for row in self.rows if row.is_gap]

    @property
    def has_data(self) -> bool:
        return bool(self.years)


def problem_map(*, unit, until_year: int, aggregates_only: bool = False) -> ProblemMap:
    """The map for ``unit`` over the last YEARS_SHOWN years with data up to ``until_year``. Three queries."""
    entries = list(ProblemMapEntry.objects.filter(unit=unit, year__lte=until_year))
    years = sorted({e.year for e in entries})[-YEARS_SHOWN:]
    by_key = {(e.category, e.year): e for e in entries}
    coverage = {problem.code: count for problem, count in problem_coverage(unit=unit)}
    pcpr = {code for code, _label in PCPR_CATEGORIES}
    rows = []
    for code, name in CATEGORY_CHOICES:
        found = [by_key.get((code, y)) for y in years]
        if not any(found):
            continue
        persons = [e.persons if e else None for e in found]
        families = [e.families if e else None for e in found]
        row = MapRow(
            code=code,
            name=str(name),
            is_pcpr=code in pcpr,
            persons=[suppress(v, aggregates_only=aggregates_only) for v in persons],
            families=[suppress(v, aggregates_only=aggregates_only) for v in families],
            institutions=coverage.get(CATEGORY_PROBLEM[code], 0),
        )
        if len(years) >= 2 and persons[-1] is not None and persons[-2] is not None:
            hidden = aggregates_only and (persons[-1] in SMALL or persons[-2] in SMALL)
            if not hidden:
                row.change = persons[-1] - persons[-2]
                row.change_percent = round(100 * row.change / persons[-2], 1) if persons[-2] else None
        rows.append(row)
    rows.sort(key=lambda r: (-(r.latest if isinstance(r.latest, int) else 0), r.is_pcpr, r.name))
    return ProblemMap(years=years, rows=rows, aggregates_only=aggregates_only)


# --- CSV template and import --------------------------------------------------------------------------

CSV_COLUMNS = ["rok", "kod", "powód", "osoby", "rodziny", "źródło"]
SOURCE_BY_NAME = {"mrpips-03": "mrpips03", "mrpips03": "mrpips03", "pcpr": "pcpr", "inne": "other", "": None}


def csv_template_rows(*, year: int) -> list[list]:
    """The CSV for the OPS to fill in (written by the export helper): one line per reason with its code."""
    rows = [CSV_COLUMNS]
    for code, name in CATEGORY_CHOICES:
        source = "PCPR" if code in dict(PCPR_CATEGORIES) else "MRPiPS-03"
        rows.append([year, code, str(name), "", "", source])
    return rows


@dataclass
class ParsedMap:
    rows: list[dict]
    errors: list[str]


MAX_ROWS = 2000  # every reason for many years; a larger file is not a filled-in template
MAX_ERRORS_SHOWN = 20


def _decode(content: bytes) -> str | None:
    """UTF-8 or Windows-1250 text; None for UTF-16 and binary files (a NUL byte occurs in neither text)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in content:
        return None
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def parse_csv(content: bytes) -> ParsedMap:
    """Read a filled template. Every mistake is reported with its line number; nothing is saved by this. The rows
    are read one at a time and the file is refused past MAX_ROWS, so memory stays bounded."""
    text = _decode(content)
    if text is None:
        return ParsedMap([], [_("The file is not a text file (CSV). Save it as CSV UTF-8 and try again.")])
    newline = text.find("\n")
    first_line = text[: newline if newline >= 0 else len(text)]
    dialect = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(csv_lines(text), delimiter=dialect)
    try:
        header = [(h or "").strip().lstrip("\ufeff").lower() for h in reader.fieldnames or []]
    except csv.Error:
        return ParsedMap([], [_("The file is not a readable CSV file. Save it as CSV UTF-8 and try again.")])
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if repeated:
        return ParsedMap(
            [],
            [
                _("The header repeats the columns: %(columns)s. Each column may appear only once.")
                % {"columns": ", ".join(repeated)}
            ],
        )
    missing = [c for c in ("rok", "kod", "osoby", "rodziny") if c not in header]
    if missing:
        return ParsedMap(
            [], [_("The file lacks the columns: %(columns)s. Use the template.") % {"columns": ", ".join(missing)}]
        )
    reader.fieldnames = header
    codes = dict(CATEGORY_CHOICES)
    rows, errors, seen, wrong_lines = [], [], set(), 0
    try:
        for line, raw in enumerate(reader, start=2):
            if line - 1 > MAX_ROWS:
                return ParsedMap(
                    [], [_("The file has too many rows: at most %(count)s at once.") % {"count": MAX_ROWS}]
                )
            problems = _row_problems(raw, codes, seen)
            if problems is None:
                continue  # a reason the OPS left empty
            if isinstance(problems, dict):
                rows.append(problems)
                continue
            wrong_lines += 1
            if len(errors) < MAX_ERRORS_SHOWN:
                errors.append(_("Line %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)})
    except csv.Error:
        return ParsedMap([], [_("The file is not a readable CSV file. Save it as CSV UTF-8 and try again.")])
    if wrong_lines > len(errors):
        errors.append(_("…and %(count)s more lines with mistakes.") % {"count": wrong_lines - len(errors)})
    if not rows and not errors:
        errors.append(_("The file has no numbers to import."))
    return ParsedMap(rows, errors)


def _row_problems(raw: dict, codes: dict, seen: set) -> dict | list[str] | None:
    """The row to save, the list of its mistakes, or None for a row left empty."""
    raw = {k: (v if isinstance(v, str) else "").strip() for k, v in raw.items() if k}
    if not raw.get("osoby") and not raw.get("rodziny"):
        return None
    problems = []
    year = _number(raw.get("rok", ""))
    if year is None or not 2000 <= year <= 2100:
        problems.append(_("the year must be a number such as 2025"))
    code = raw.get("kod", "")
    if code not in codes:
        problems.append(_("unknown reason code “%(code)s”") % {"code": code[:40]})
    persons, families = _number(raw.get("osoby", "")), _number(raw.get("rodziny", ""))
    for label, value in (("osoby", persons), ("rodziny", families)):
        text_value = raw.get(label)
        if text_value and value is None:
            problems.append(
                _("“%(column)s” must be a whole number, not “%(value)s”") % {"column": label, "value": text_value[:40]}
            )
    source = SOURCE_BY_NAME.get(raw.get("źródło", "").lower(), "invalid")
    if source == "invalid":
        problems.append(_("the source must be MRPiPS-03, PCPR or inne"))
    if (year, code) in seen:
        problems.append(_("the same reason and year appear twice"))
    seen.add((year, code))
    if problems:
        return problems
    return {
        "year": year,
        "category": code,
        "persons": persons,
        "families": families,
        "source": source or ("pcpr" if code in dict(PCPR_CATEGORIES) else "mrpips03"),
    }


def _number(text: str) -> int | None:
    text = text.replace(" ", "").replace("\u00a0", "")
    return int(text) if text.isascii() and text.isdigit() else None  # "²" is a digit to isdigit(), not to int()
