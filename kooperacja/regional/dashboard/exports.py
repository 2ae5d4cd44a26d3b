"""CSV and XLSX exports of the ROPS dashboard: the same suppressed rows as the page and the API.

The XLSX is a minimal Office Open XML workbook written with ``zipfile`` (one sheet, inline strings): openpyxl
is not a dependency of the project, and a table of figures needs nothing more."""

import csv
import io
import zipfile
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from kooperacja.regional.dashboard.aggregates import reason_labels


def export_columns() -> list[tuple[str, object]]:
    """(header, how to get the value from a row) — the row dicts of ``regional_summary``."""
    columns = [
        (_("Powiat"), "powiat"),
        (_("Gmina"), "gmina"),
        (_("TERYT"), "gmina_code"),
        (_("Cooperation"), "name"),
        (_("Variant"), "variant_label"),
        (_("Stage"), "stage_label"),
        (_("Current step"), "current_step"),
        (_("Late steps"), "late_steps"),
        (_("Days late"), "days_late"),
        (_("Team size"), "team_size"),
        (_("Meetings held"), "meetings_held"),
        (_("Attendance"), "attendance_share"),
        (_("Open cases"), "cases_open"),
        (_("Closed cases"), "cases_closed"),
    ]
    for key, label in reason_labels().items():
        columns.append((_("Closed: %(reason)s") % {"reason": label}, ("cases_closed_by_reason", key)))
    columns += [
        (_("Share of goals reached"), "goals_reached_share"),
        (_("Median days from intake to plan"), "median_days_intake_to_plan"),
        (_("Median days from plan to closure"), "median_days_plan_to_closure"),
        (_("Overdue monthly reports"), "overdue_reports"),
        (_("Network density"), "network_density"),
        (_("Change of network density"), "network_density_change"),
    ]
    return columns


def _value(row: dict, key):
    if isinstance(key, tuple):
        return row[key[0]].get(key[1])
    return row[key]


def export_table(summary: dict) -> list[list]:
    columns = export_columns()
    table = [[header for header, _key in columns]]
    for row in summary["cooperations"]:
        table.append(["" if (v := _value(row, key)) is None else v for _header, key in columns])
    return table


def summary_csv(summary: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # Polish spreadsheets expect semicolons
    writer.writerows(export_table(summary))
    return "\ufeff" + out.getvalue()  # a BOM so that Excel reads UTF-8


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def summary_xlsx(summary: dict) -> bytes:
    rows = []
    for r, values in enumerate(export_table(summary), start=1):
        cells = "".join(_cell(f"{_column_letter(c)}{r}", v) for c, v in enumerate(values))
        rows.append(f'<row r="{r}">{cells}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
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
            f'<sheets><sheet name="{escape(_("Cooperations"))}" sheetId="1" r:id="rId1"/></sheets></workbook>'
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
