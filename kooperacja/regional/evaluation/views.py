"""R-42 and R-43 pages. The gmina side (under /region/kooperacja/<id>/): the evaluation with its indicators and
the team's assessment, the report PDF, the decision on continuation, the team's costs. The ROPS side: the
evaluations of the voivodeship and the costs of its cooperations (with a CSV export)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import (
    AUTHENTICATED,
    REGIONAL_STAFF,
    AnalysisAccess,
    allow,
    cooperation_for_user,
    regional_voivodeship_for,
)
from kooperacja.cooperation.views import section_context
from kooperacja.core.exports import csv_response, spreadsheet_export
from kooperacja.core.forms import add_service_errors
from kooperacja.documents.pdf import render_pdf
from kooperacja.regional.evaluation import selectors, services
from kooperacja.regional.evaluation.forms import AssessmentForm, CostForm, DecisionForm
from kooperacja.regional.evaluation.indicators import cooperation_indicators, indicator_rows
from kooperacja.regional.models import TeamCost
from kooperacja.regional.views import regional_context

# --- The gmina side ----------------------------------------------------------------------------------


def _evaluation_context(request, cooperation, **forms) -> dict:
    evaluation = selectors.evaluation_of(cooperation)
    can_edit = cooperation.access >= AnalysisAccess.EDIT and not (evaluation and evaluation.decision)
    context = {
        "evaluation": evaluation,
        "sections": indicator_rows(cooperation_indicators(cooperation)),
        "may_decide": not (evaluation and evaluation.decision) and services.may_decide(request.user, cooperation),
    }
    if can_edit:
        context["assessment_form"] = forms.get("assessment_form") or AssessmentForm(
            instance=evaluation, initial=None if evaluation else {"edit_version": 0}
        )
    return section_context(cooperation, "evaluation", **context)


@allow(AUTHENTICATED)
def evaluation(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=request.method == "POST")
    status = 200
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                services.evaluation_save(actor=request.user, cooperation=cooperation, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The team's assessment has been saved."))
                return redirect("regional:evaluation", cooperation.pk)
        status = 400
        context = _evaluation_context(request, cooperation, assessment_form=form)
    else:
        context = _evaluation_context(request, cooperation)
    return render(request, "regional/evaluation/evaluation.html", context, status=status)


@allow(AUTHENTICATED)
def evaluation_report(request, cooperation_id: int):
    """The evaluation report: counts, shares and medians only — it goes to ROPS too."""
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    pdf = render_pdf(
        "regional/evaluation/report_pdf.html",
        {
            "cooperation": cooperation,
            "evaluation": selectors.evaluation_of(cooperation),
            "sections": indicator_rows(cooperation_indicators(cooperation)),
        },
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ewaluacja-{cooperation.pk}.pdf"'
    return response


@allow(AUTHENTICATED)
def evaluation_decision(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    if not services.may_decide(request.user, cooperation):
        raise PermissionDenied
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.evaluation_decide(actor=request.user, cooperation=cooperation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if result.next_cooperation_id:
                messages.success(request, _("The decision has been recorded; the next cycle has started."))
                return redirect("cooperation:detail", result.next_cooperation_id)
            messages.success(request, _("The decision has been recorded; the cooperation is archived."))
            return redirect("regional:evaluation", cooperation.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "regional/evaluation/decision.html",
        section_context(cooperation, "evaluation", form=form),
        status=status,
    )


@allow(AUTHENTICATED)
def cooperation_costs(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=request.method == "POST")
    form = CostForm(request.POST or None) if cooperation.access >= AnalysisAccess.EDIT else None
    if request.method == "POST" and form.is_valid():
        try:
            services.team_cost_add(actor=request.user, cooperation=cooperation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cost has been added."))
            return redirect("regional:cooperation_costs", cooperation.pk)
    status = 400 if request.method == "POST" else 200
    context = section_context(cooperation, "costs", form=form, **selectors.cooperation_costs(cooperation))
    return render(request, "regional/evaluation/cooperation_costs.html", context, status=status)


@allow(AUTHENTICATED)
@require_POST
def cost_remove(request, cooperation_id: int, cost_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    cost = get_object_or_404(TeamCost, pk=cost_id, cooperation=cooperation)
    services.team_cost_remove(actor=request.user, cost=cost)
    messages.success(request, _("The cost has been removed."))
    return redirect("regional:cooperation_costs", cooperation.pk)


# --- ROPS ----------------------------------------------------------------------------------------------


@allow(REGIONAL_STAFF)
def evaluations(request):
    voivodeship = regional_voivodeship_for(request.user, request.GET.get("wojewodztwo"))
    context = regional_context(
        voivodeship, "regional:evaluations", evaluations=selectors.evaluations_of_region(voivodeship)
    )
    return render(request, "regional/evaluation/evaluations.html", context)


@allow(REGIONAL_STAFF)
def costs(request):
    voivodeship = regional_voivodeship_for(request.user, request.GET.get("wojewodztwo"))
    context = regional_context(voivodeship, "regional:costs", **selectors.regional_costs(voivodeship))
    return render(request, "regional/evaluation/costs.html", context)


@allow(REGIONAL_STAFF)
@spreadsheet_export
def costs_csv(request):
    voivodeship = regional_voivodeship_for(request.user, request.GET.get("wojewodztwo"))
    data = selectors.regional_costs(voivodeship)
    hours = [_("Hours of training"), _("Hours of supervision")]
    table = [[_("Cooperation"), _("Gmina"), *[str(k) for k in data["kinds"]], _("Total"), *hours]]
    for row in data["rows"]:
        cooperation = row["cooperation"]
        table.append(
            [
                cooperation.name,
                cooperation.unit.name,
                *row["by_kind"],
                row["total"],
                row["training_hours"],
                row["supervision_hours"],
            ]
        )
    totals = data["totals"]
    table.append(
        [_("Total"), "", *totals["by_kind"], totals["total"], totals["training_hours"], totals["supervision_hours"]]
    )
    return csv_response(table, filename=f"koszty-{voivodeship.code}.csv")
