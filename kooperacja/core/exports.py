"""Every CSV and XLSX file the platform hands out is written here, one cell at a time through ``safe_cell``.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, a tab or a
carriage return) as a formula: a name typed into the directory as ``=HYPERLINK("http://x","y")`` would become
a link that sends data away the moment an employee opens the export (OWASP "CSV injection"). Text that begins
so is written with a leading apostrophe, which every spreadsheet shows as plain text; numbers stay numbers
(``-5`` is a number, not a formula). The importers read the apostrophe back off (``unquote_cell``), so an
exported file imports unchanged.

Views that answer with a spreadsheet use ``csv_response`` / ``xlsx_response`` and carry ``@spreadsheet_export``:
a test finds every such URL in the URLconf and feeds it formula payloads.
"""

import csv
import html
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
QUOTE = "'"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"  # Excel reads a UTF-8 CSV with Polish letters only when it begins with a BOM


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _needs_quote(text: str) -> bool:
    """Text a spreadsheet would run, also behind apostrophes (so that ``unquote_cell`` is an exact inverse)."""
    rest = text.lstrip(QUOTE)
    return rest.startswith(FORMULA_START) and not PLAIN_NUMBER.match(rest)


def safe_cell(value):
    """The value as it may be written into a cell: numbers unchanged, text that a spreadsheet would run as a
    formula prefixed with an apostrophe, None as an empty cell."""
    if value is None:
        return ""
    if is_number(value):
        return value
    text = str(value)
    return QUOTE + text if _needs_quote(text) else text


def unquote_cell(text: str) -> str:
    """The reverse of ``safe_cell`` for a text read back from one of our files: ``unquote_cell(safe_cell(t)) == t``."""
    if text.startswith(QUOTE) and _needs_quote(text[1:]):
        return text[1:]
    return text


# What a spreadsheet would run, in an imported cell: "=…" and "@…" always; "+"/"-" before a function call
# ("-HYPERLINK(", "+SUM(") or a DDE link ("+cmd|"). A phone number ("+48 600 100 200") or a dash that opens a
# list item ("- pon.–pt.") is text. A plain sum such as "-2+3" computes a number and runs nothing: it is kept
# as text and neutralised on export.
IMPORTED_FORMULA = re.compile(r"^\s*(?:[=@]|[+-]\s*[A-Za-z_][\w.]*\s*[(|!])")


def looks_like_formula(text: str) -> bool:
    return bool(IMPORTED_FORMULA.match(text))


LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def csv_lines(text: str) -> Iterator[str]:
    """The lines of an uploaded CSV one by one for ``csv.reader``, endings kept (a quoted cell may span lines),
    without a second copy of the whole text: an importer reads row by row and stops at its row limit."""
    for match in LINE.finditer(text):
        yield match.group()


# --- CSV -------------------------------------------------------------------------------------------------------


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through ``safe_cell``."""

    def __init__(self, out, *, delimiter: str = ";", lineterminator: str = "\r\n"):
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(rows: Iterable[Iterable], *, delimiter: str = ";") -> str:
    """Semicolon-separated (what a Polish spreadsheet expects), CRLF, with a BOM."""
    out = io.StringIO()
    SafeCsvWriter(out, delimiter=delimiter).writerows(rows)
    return BOM + out.getvalue()


def csv_response(rows: Iterable[Iterable], *, filename: str) -> HttpResponse:
    response = HttpResponse(csv_text(rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- XLSX: a minimal Office Open XML workbook (one sheet, inline strings) -----------------------------------


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xml_text(text: str) -> str:
    """XML 1.0 forbids most control characters even escaped; a spreadsheet would refuse the whole file."""
    return html.escape("".join(c for c in text if c in "\t\n\r" or c >= " "))


def _xlsx_cell(ref: str, value) -> str:
    value = safe_cell(value)
    if is_number(value):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_xml_text(value)}</t></is></c>'


def xlsx_bytes(rows: Iterable[Iterable], *, sheet_name: str) -> bytes:
    sheet_rows = []
    for r, values in enumerate(rows, start=1):
        cells = "".join(_xlsx_cell(f"{_column_letter(c)}{r}", v) for c, v in enumerate(values))
        sheet_rows.append(f'<row r="{r}">{cells}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(sheet_rows)}</sheetData></worksheet>"
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{_xml_text(sheet_name[:31])}" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def xlsx_response(rows: Iterable[Iterable], *, filename: str, sheet_name: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(rows, sheet_name=sheet_name), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def spreadsheet_export(view: Callable) -> Callable:
    """Marks a view that answers with a CSV or XLSX file (the export test walks the URLconf for the mark)."""
    view.spreadsheet_export = True
    return view
