"""The table of the ROPS dashboard's CSV and XLSX exports: the same suppressed rows as the page and the API.
The views write it cell by cell through the export helper (``core.exports``), so a cooperation named
"=HYPERLINK(…)" reaches the spreadsheet as text. A hidden small count is the text "ukryte (<5 przypadków)"
(``core.suppression``): a spreadsheet has no footnote, and "<5" alone in a column of medians reads as a value."""

from django.utils.translation import gettext as _

from kooperacja.core.suppression import shown_or_export
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
        table.append(["" if (v := _value(row, key)) is None else shown_or_export(v) for _header, key in columns])
    return table
