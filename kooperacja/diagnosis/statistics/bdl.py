"""GUS Bank Danych Lokalnych (BDL): reading its CSV export and asking its API.

The export ("Eksport do CSV" on bdl.stat.gov.pl) is ``;``-separated UTF-8, possibly with a BOM. Its header is
``"Kod";"Nazwa";"<group>;<subgroup>;<year>;[<measure>]";…`` and each row holds a unit's 7-digit TERYT code of
the time, its name with the kind in brackets, and one cell per column (empty or ``-`` when there is no value).

The API (https://bdl.stat.gov.pl/api/v1, documented at https://api.stat.gov.pl/Home/BdlApi) names a gmina by
a 12-character BDL unit id. Characters 3–4 are the voivodeship and 8–12 the county, gmina and kind digits of
TERYT (``051011818032`` → ``1018032``); characters 5–7 are region and subregion codes, which TERYT does not
have, so a BDL id cannot be built from TERYT alone: ``find_unit_id`` searches the gmina by name and keeps the
result whose id maps back to its TERYT code. Only the standard library is used; every request has a short
timeout and any failure becomes ``BdlUnavailable`` with a message for the user.
"""

import csv
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_API_URL = "https://bdl.stat.gov.pl/api/v1"
TIMEOUT_SECONDS = 10
GMINA_LEVEL = 6  # the BDL level of gminas (0 Poland … 5 county, 6 gmina)

_HEADER = re.compile(r"^(?P<label>.+);(?P<year>\d{4});\[(?P<measure>[^\]]*)\]$")


# --- The CSV export ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportColumn:
    label: str  # "w wieku produkcyjnym;ogółem": the part before ";<year>", the same every year
    year: int
    measure: str  # "osoba", from "[osoba]"


@dataclass
class ExportRow:
    teryt: str  # 7 digits as GUS printed them that year
    name: str
    values: dict[tuple[str, int], Decimal] = field(default_factory=dict)  # (label, year) → value


@dataclass
class Export:
    columns: list[ExportColumn]
    rows: list[ExportRow]

    @property
    def labels(self) -> dict[str, str]:
        """Column label → its measure, in file order."""
        return {c.label: c.measure for c in self.columns}

    @property
    def last_year(self) -> int | None:
        return max((c.year for c in self.columns), default=None)


class ExportFormatError(ValueError):
    pass


def parse_number(text: str) -> Decimal | None:
    text = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if text in ("", "-"):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def parse_export(data: str | bytes | Path) -> Export:
    """Read a BDL CSV export (a path, its bytes or its text)."""
    if isinstance(data, Path):
        data = data.read_bytes()
    if isinstance(data, bytes):
        data = data.decode("utf-8-sig")
    data = data.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(data), delimiter=";", quotechar='"')
    header = next(reader, None)
    if not header or [h.strip() for h in header[:2]] != ["Kod", "Nazwa"]:
        raise ExportFormatError(_("This is not a GUS BDL export: the first columns must be “Kod” and “Nazwa”."))
    columns: list[ExportColumn | None] = []
    for title in header[2:]:
        match = _HEADER.match(title.strip())
        columns.append(
            ExportColumn(match["label"].strip(), int(match["year"]), match["measure"].strip()) if match else None
        )
    if not any(columns):
        raise ExportFormatError(_("The export has no columns of the form “<variable>;<year>;[<unit>]”."))
    rows = []
    for cells in reader:
        if not cells or not cells[0].strip():
            continue
        row = ExportRow(teryt=cells[0].strip(), name=cells[1].strip() if len(cells) > 1 else "")
        for column, cell in zip(columns, cells[2:], strict=False):
            if column is None:
                continue
            value = parse_number(cell)
            if value is not None:
                row.values[(column.label, column.year)] = value
        rows.append(row)
    return Export(columns=[c for c in columns if c is not None], rows=rows)


# --- The API ----------------------------------------------------------------------------------------------


class BdlUnavailable(Exception):
    """The BDL API could not answer; ``str(error)`` is a message for the user, in their language."""


def api_url() -> str:
    return getattr(settings, "BDL_API_URL", DEFAULT_API_URL).rstrip("/")


def bdl_unit_id_to_teryt(unit_id: str) -> str | None:
    """The 7-digit TERYT code of a gmina-level BDL unit id: characters 3–4 and 8–12 (``051011818032`` →
    ``1018032``). None for ids of other levels or of the wrong shape."""
    unit_id = (unit_id or "").strip()
    if len(unit_id) != 12 or not unit_id.isdigit() or unit_id[11] == "0":
        return None
    return unit_id[2:4] + unit_id[7:12]


def teryt_to_bdl_unit_id(teryt: str, candidates: list[str]) -> str | None:
    """The one of ``candidates`` (BDL unit ids) that names gmina ``teryt``. The kind digit may differ: 73
    gminas changed kind since 2010, and a gmina keeps its 6-digit code; parts of gminas (4, 5) never match."""
    exact = [c for c in candidates if bdl_unit_id_to_teryt(c) == teryt]
    if exact:
        return exact[0]
    same_gmina = [c for c in candidates if (t := bdl_unit_id_to_teryt(c)) and t[:6] == teryt[:6] and t[6] in "123"]
    return same_gmina[0] if same_gmina else None


def _get_json(url: str) -> dict:
    """The one function that talks to the network (tests replace it with recorded answers)."""
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"BDL_API_URL must be an http(s) URL, not {url[:40]!r}")
    headers = {"Accept": "application/json", "User-Agent": "kooperacja"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (scheme checked above)
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 — scheme checked above  # nosec B310
        return json.loads(response.read().decode("utf-8"))


def _call(path: str, params: list[tuple[str, str]]) -> dict:
    url = f"{api_url()}{path}?{urllib.parse.urlencode([*params, ('format', 'json')])}"
    try:
        return _get_json(url)
    except urllib.error.HTTPError as error:
        if error.code == 429:
            raise BdlUnavailable(
                _("The GUS Local Data Bank refused the request: too many requests. Try again in an hour.")
            ) from error
        raise BdlUnavailable(
            _("The GUS Local Data Bank answered with an error (%(code)s). Nothing has been changed.")
            % {"code": error.code}
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise BdlUnavailable(
            _(
                "The GUS Local Data Bank cannot be reached from this server now. Nothing has been changed; "
                "try again later or type the values in."
            )
        ) from error


def find_unit_id(*, teryt: str, name: str) -> str | None:
    """The BDL id of gmina ``teryt`` called ``name``, found by ``GET /units/search?name=…&level=6``."""
    answer = _call("/units/search", [("name", name), ("level", str(GMINA_LEVEL)), ("page-size", "100")])
    return teryt_to_bdl_unit_id(teryt, [str(r.get("id", "")) for r in answer.get("results", [])])


def fetch_values(unit_id: str, variable_ids: list[str], years: list[int]) -> dict[str, dict[int, Decimal]]:
    """Values of BDL variables for one unit: ``GET /data/by-unit/{unit_id}?var-id=…&year=…``; variable id →
    year → value. Years without a value are absent."""
    params = [("var-id", v) for v in variable_ids] + [("year", str(y)) for y in years] + [("page-size", "100")]
    answer = _call(f"/data/by-unit/{urllib.parse.quote(unit_id)}", params)
    values: dict[str, dict[int, Decimal]] = {}
    for result in answer.get("results", []):
        by_year = values.setdefault(str(result.get("id")), {})
        for item in result.get("values", []):
            value = item.get("val")
            if value is None:
                continue
            try:
                by_year[int(item["year"])] = Decimal(str(value))
            except (KeyError, ValueError, InvalidOperation):
                continue
    return values
