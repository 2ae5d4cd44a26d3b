"""The problem map (Mapa problemów klientów, R-11): how many persons and families of the gmina were supported
for each reason, year by year, ranked, with the change, the resources acting on each and the gaps.

Counts of 1–4 are suppressed ("<5") for readers who see aggregates only (ROPS), so no family can be singled
out; the gmina's own team sees the numbers."""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kooperacja.diagnosis.models import ProblemMapEntry
from kooperacja.diagnosis.models.problems import CATEGORY_CHOICES, CATEGORY_PROBLEM, PCPR_CATEGORIES
from kooperacja.directory.selectors import problem_coverage

YEARS_SHOWN = 5
SMALL = range(1, 5)


def suppress(value: int | None, *, aggregates_only: bool) -> int | str | None:
    if aggregates_only and value in SMALL:
        return "<5"
    return value


@dataclass
class MapRow:
    code: str
    name: str
    is_pcpr: bool
    persons: list  # per year of ProblemMap.years; int, "<5" or None
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
            code=code, name=str(name), is_pcpr=code in pcpr,
            persons=[suppress(v, aggregates_only=aggregates_only) for v in persons],
            families=[suppress(v, aggregates_only=aggregates_only) for v in families],
            institutions=coverage.get(CATEGORY_PROBLEM[code], 0),
        )  # fmt: skip
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


def csv_template(*, year: int) -> str:
    """A CSV for the OPS to fill in: one line per reason with its code, for ``year``."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for code, name in CATEGORY_CHOICES:
        source = "PCPR" if code in dict(PCPR_CATEGORIES) else "MRPiPS-03"
        writer.writerow([year, code, str(name), "", "", source])
    return "\ufeff" + out.getvalue()


@dataclass
class ParsedMap:
    rows: list[dict]
    errors: list[str]


def parse_csv(content: bytes) -> ParsedMap:
    """Read a filled template. Every mistake is reported with its line number; nothing is saved by this."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1250")
        except UnicodeDecodeError:
            return ParsedMap([], [_("The file is not a text file (CSV). Save it as CSV UTF-8 and try again.")])
    dialect = ";" if text.count(";") >= text.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=dialect)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in ("rok", "kod", "osoby", "rodziny") if c not in header]
    if missing:
        return ParsedMap([], [_("The file lacks the columns: %(columns)s. Use the template.") % {
            "columns": ", ".join(missing)}])  # fmt: skip
    reader.fieldnames = header
    codes = dict(CATEGORY_CHOICES)
    rows, errors, seen = [], [], set()
    for line, raw in enumerate(reader, start=2):
        raw = {k: (v or "").strip() for k, v in raw.items() if k}
        if not raw.get("osoby") and not raw.get("rodziny"):
            continue  # a reason the OPS left empty
        problems = []
        year = _number(raw.get("rok", ""))
        if year is None or not 2000 <= year <= 2100:
            problems.append(_("the year must be a number such as 2025"))
        code = raw.get("kod", "")
        if code not in codes:
            problems.append(_("unknown reason code “%(code)s”") % {"code": code})
        persons, families = _number(raw.get("osoby", "")), _number(raw.get("rodziny", ""))
        for label, value in (("osoby", persons), ("rodziny", families)):
            text_value = raw.get(label)
            if text_value and value is None:
                problems.append(_("“%(column)s” must be a whole number, not “%(value)s”") % {
                    "column": label, "value": text_value})  # fmt: skip
        source = SOURCE_BY_NAME.get(raw.get("źródło", "").lower(), "invalid")
        if source == "invalid":
            problems.append(_("the source must be MRPiPS-03, PCPR or inne"))
        if (year, code) in seen:
            problems.append(_("the same reason and year appear twice"))
        seen.add((year, code))
        if problems:
            errors.append(_("Line %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)})
            continue
        rows.append({"year": year, "category": code, "persons": persons, "families": families,
                     "source": source or ("pcpr" if code in dict(PCPR_CATEGORIES) else "mrpips03")})  # fmt: skip
    if not rows and not errors:
        errors.append(_("The file has no numbers to import."))
    return ParsedMap(rows, errors)


def _number(text: str) -> int | None:
    text = text.replace(" ", "").replace("\u00a0", "")
    return int(text) if text.isdigit() else None
