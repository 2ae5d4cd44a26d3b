"""The report of the analysis: every section in one PDF, in Polish, with the charts, the network
and the cost cards — to present at the meetings with the authorities and institutions, and to attach to the
application to ROPS. The same template fragments as the pages; WeasyPrint prints it (documents/pdf.py)."""

from kooperacja.accounts.access import AnalysisAccess
from kooperacja.diagnosis import problem_map as problem_maps
from kooperacja.diagnosis.completeness import analysis_completeness
from kooperacja.diagnosis.costs.selectors import cards_for_report
from kooperacja.diagnosis.models import Need
from kooperacja.diagnosis.network.selectors import network_summary_for_report
from kooperacja.diagnosis.selectors import gmina_resources
from kooperacja.diagnosis.statistics.selectors import indicator_statistics


def report_context(analysis) -> dict:
    from kooperacja.diagnosis.views import _problem_chart

    aggregates_only = analysis.access == AnalysisAccess.AGGREGATES
    pmap = problem_maps.problem_map(unit=analysis.unit, until_year=analysis.year, aggregates_only=aggregates_only)
    needs = list(analysis.needs.all())
    return {
        "analysis": analysis,
        "completeness": analysis_completeness(analysis),
        "map": pmap,
        "problem_chart": _problem_chart(pmap),
        "resources": gmina_resources(analysis.unit),
        "gaps": pmap.gaps,
        "enclaves": list(analysis.enclaves.all()),
        "risk_groups": list(analysis.risk_groups.all()),
        "residents_needs": [n for n in needs if n.source == Need.Source.RESIDENTS],
        "staff_needs": [n for n in needs if n.source == Need.Source.STAFF],
        "cost_reports": cards_for_report(analysis),
        "statistics": indicator_statistics(unit=analysis.unit, until_year=analysis.year),
        "network": network_summary_for_report(analysis.unit),
    }
