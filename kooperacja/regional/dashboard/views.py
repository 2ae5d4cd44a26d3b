"""The ROPS dashboard (R-40): cooperations of the voivodeship as aggregates, the drill-down into one, the tile
cartogram, the exports, and the inbox and animators' workload. ROPS staff of the voivodeship (or an
administrator) only; nothing here ever shows a case."""

import datetime

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kooperacja.accounts.access import REGIONAL_STAFF, allow, regional_voivodeship_for
from kooperacja.core.exports import csv_response, spreadsheet_export, xlsx_response
from kooperacja.core.replica import reading_from_replica
from kooperacja.core.suppression import is_suppressed, suppressed_html
from kooperacja.regional.dashboard import aggregates, cartogram, exports
from kooperacja.regional.dashboard.selectors import load_region, region_cooperations
from kooperacja.regional.views import regional_context

SHARES = ("attendance_share", "goals_reached_share")


def _shown(value, *, share: bool = False) -> str:
    """A figure as the page prints it: "—" for nothing, "—*" (read "ukryte") when hidden, a percent for a share,
    numbers as they are."""
    if value is None:
        return "—"
    if is_suppressed(value):
        return suppressed_html()
    if share and isinstance(value, float):
        return f"{round(value * 100)}%"
    return str(value)


def for_display(row: dict) -> dict:
    shown = {key: _shown(value, share=key in SHARES) for key, value in row.items() if not isinstance(value, dict)}
    return {**row, "shown": shown}


def _voivodeship(request):
    return regional_voivodeship_for(request.user, request.GET.get("wojewodztwo"))


@allow(REGIONAL_STAFF)
@reading_from_replica
def dashboard(request):
    voivodeship = _voivodeship(request)
    summary = aggregates.regional_summary(voivodeship)
    labels = aggregates.stage_labels()
    context = regional_context(
        voivodeship,
        "regional:dashboard",
        summary=summary,
        rows=[for_display(r) for r in summary["cooperations"]],
        counties=[for_display(c) for c in summary["counties"] if c["cooperations"]],
        totals=for_display(summary["totals"]),
        by_stage=[(labels[stage], n) for stage, n in summary["totals"]["gminas_by_stage"].items()],
        subsection="overview",
    )
    return render(request, "regional/dashboard/dashboard.html", context)


@allow(REGIONAL_STAFF)
@reading_from_replica
def cooperation(request, cooperation_id: int):
    voivodeship = _voivodeship(request)
    item = get_object_or_404(region_cooperations(voivodeship), pk=cooperation_id)
    detail = aggregates.cooperation_detail(voivodeship, item)
    context = regional_context(
        voivodeship,
        "regional:dashboard",
        cooperation=item,
        detail=detail,
        row=for_display(detail["row"]),
        subsection="overview",
    )
    return render(request, "regional/dashboard/cooperation.html", context)


@allow(REGIONAL_STAFF)
@reading_from_replica
def cartogram_page(request):
    voivodeship = _voivodeship(request)
    rows = cartogram.cartogram_rows(load_region(voivodeship, today=datetime.date.today()))
    context = regional_context(
        voivodeship,
        "regional:dashboard",
        rows=rows,
        svg=cartogram.cartogram_svg(rows),
        legend=cartogram.legend(),
        subsection="cartogram",
    )
    return render(request, "regional/dashboard/cartogram.html", context)


@allow(REGIONAL_STAFF)
@reading_from_replica
def animators(request):
    voivodeship = _voivodeship(request)
    context = regional_context(
        voivodeship, "regional:dashboard", overview=aggregates.animators_overview(voivodeship), subsection="animators"
    )
    return render(request, "regional/dashboard/animators.html", context)


def _filename(voivodeship, summary, extension: str) -> str:
    return f"kooperacje-{voivodeship.code}-{summary['generated_on']}.{extension}"


@allow(REGIONAL_STAFF)
@spreadsheet_export
@reading_from_replica
def export_csv(request):
    voivodeship = _voivodeship(request)
    summary = aggregates.regional_summary(voivodeship)
    return csv_response(exports.export_table(summary), filename=_filename(voivodeship, summary, "csv"))


@allow(REGIONAL_STAFF)
@spreadsheet_export
@reading_from_replica
def export_xlsx(request):
    voivodeship = _voivodeship(request)
    summary = aggregates.regional_summary(voivodeship)
    filename = _filename(voivodeship, summary, "xlsx")
    return xlsx_response(exports.export_table(summary), filename=filename, sheet_name=_("Cooperations"))
