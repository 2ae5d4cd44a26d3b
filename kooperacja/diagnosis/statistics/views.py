"""The statistics tab of an analysis (R-10): tables and charts of the gmina's yearly indicators, values typed
in by the coordinator, indicators of the gmina's own and fetching from the GUS BDL API on request."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, allow, analysis_for_user
from kooperacja.core.concurrency import StaleVersionError
from kooperacja.core.forms import add_service_errors
from kooperacja.diagnosis.models import IndicatorValue
from kooperacja.diagnosis.statistics import bdl, services
from kooperacja.diagnosis.statistics.forms import IndicatorForm, IndicatorValueForm
from kooperacja.diagnosis.statistics.selectors import YEARS_SHOWN, indicator_statistics
from kooperacja.diagnosis.views import section_context


def _page(request, analysis, *, value_form=None, indicator_form=None, status=200):
    unit = analysis.unit
    if value_form is None:
        asked = _value_asked(request, unit)
        value_form = IndicatorValueForm(unit=unit, initial={"year": analysis.year - 1}, for_value=asked)
    context = section_context(
        analysis,
        "statistics",
        statistics=indicator_statistics(unit=unit, until_year=analysis.year),
        years_shown=YEARS_SHOWN,
    )
    if context["can_edit"]:
        context["value_form"] = value_form
        context["indicator_form"] = indicator_form or IndicatorForm()
    return render(request, "diagnosis/statistics/overview.html", context, status=status)


def _value_asked(request, unit) -> IndicatorValue | None:
    """The value named by ``?wskaznik=…&rok=…``, opened in the form for correction."""
    try:
        indicator_id, year = int(request.GET["wskaznik"]), int(request.GET["rok"])
    except (KeyError, ValueError):
        return None
    return IndicatorValue.objects.filter(indicator_id=indicator_id, unit=unit, year=year).first()


@allow(AUTHENTICATED)
def overview(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    return _page(request, analysis)


@allow(AUTHENTICATED)
@require_POST
def value_save(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    form = IndicatorValueForm(request.POST, unit=analysis.unit)
    if form.is_valid():
        try:
            services.indicator_value_save(actor=request.user, unit=analysis.unit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            if isinstance(error, StaleVersionError):
                form.opened_for_saved()
        else:
            messages.success(request, _("The value has been saved."))
            return redirect("diagnosis:statistics", analysis.pk)
    return _page(request, analysis, value_form=form, status=400)


@allow(AUTHENTICATED)
@require_POST
def indicator_add(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    form = IndicatorForm(request.POST)
    if form.is_valid():
        try:
            indicator = services.indicator_create(actor=request.user, unit=analysis.unit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The indicator “%(name)s” has been added; now type in its values.") % {"name": indicator}
            )
            return redirect("diagnosis:statistics", analysis.pk)
    return _page(request, analysis, indicator_form=form, status=400)


@allow(AUTHENTICATED)
@require_POST
def fetch_from_bdl(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    years = list(range(analysis.year - YEARS_SHOWN, analysis.year + 1))
    try:
        result = services.indicators_fetch_from_bdl(actor=request.user, unit=analysis.unit, years=years)
    except bdl.BdlUnavailable as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Fetched from GUS BDL: %(created)s new values, %(updated)s changed, %(unchanged)s unchanged; "
                "%(kept)s values typed in were kept."
            )
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "kept": result.kept_typed_in,
            },
        )
    return redirect("diagnosis:statistics", analysis.pk)
