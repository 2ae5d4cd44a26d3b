"""Pages of the analysis itself: the list, creating and editing it, infrastructure, problem map, resources,
completeness and the report. Statistics, the network survey and the cost cards have their own packages."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import (
    AUTHENTICATED,
    AnalysisAccess,
    allow,
    analysis_access_to,
    analysis_for_user,
    is_administrator,
)  # fmt: skip
from kooperacja.diagnosis import services
from kooperacja.diagnosis.forms import AnalysisCreateForm, AnalysisEditForm, InfrastructureForm
from kooperacja.diagnosis.selectors import analyses_visible_to, gminas_editable_by, ops_of


def section_context(analysis, section: str, **extra) -> dict:
    """What every section page of an analysis needs: the analysis, the active tab, whether it may be edited."""
    return {"analysis": analysis, "section": section, "can_edit": analysis.access >= AnalysisAccess.EDIT, **extra}


def _save_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@allow(AUTHENTICATED)
def analysis_list(request):
    mine = gminas_editable_by(request.user)
    return render(request, "diagnosis/list.html", {
        "analyses": analyses_visible_to(request.user).order_by("unit__name", "-year"),
        "can_create": bool(mine) or is_administrator(request.user),
    })  # fmt: skip


@allow(AUTHENTICATED)
def analysis_create(request):
    mine = gminas_editable_by(request.user)
    form = AnalysisCreateForm(request.POST or None, initial={"unit": mine[0].pk if mine else None})
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        if analysis_access_to(request.user, unit) < AnalysisAccess.EDIT:
            form.add_error("unit", _("You may prepare the analysis of your own gmina only."))
        else:
            try:
                analysis = services.analysis_create(
                    actor=request.user, unit=unit, year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"], is_current=form.cleaned_data["is_current"],
                    owner=ops_of(unit),
                )  # fmt: skip
            except ValidationError as error:
                _save_errors(form, error)
            else:
                messages.success(request, _("The analysis has been created."))
                return redirect("diagnosis:detail", analysis.pk)
    return render(request, "diagnosis/form.html", {"form": form, "title": _("New municipality analysis")},
                  status=400 if form.errors else 200)  # fmt: skip


@allow(AUTHENTICATED)
def analysis_detail(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    return render(request, "diagnosis/detail.html", section_context(analysis, "overview"))


@allow(AUTHENTICATED)
def analysis_edit(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    form = AnalysisEditForm(request.POST or None, instance=copy.copy(analysis))
    if request.method == "POST" and form.is_valid():
        try:
            services.analysis_update(actor=request.user, analysis=analysis, data=form.cleaned_data)
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("diagnosis:detail", analysis.pk)
    return render(
        request,
        "diagnosis/form.html",
        section_context(analysis, "overview", form=form, title=_("Edit the analysis")),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
def infrastructure(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    form = InfrastructureForm(instance=copy.copy(analysis))
    return render(request, "diagnosis/infrastructure.html", section_context(analysis, "infrastructure", form=form))


@allow(AUTHENTICATED)
def problem_map(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    return render(request, "diagnosis/problems.html", section_context(analysis, "problems"))


@allow(AUTHENTICATED)
def resources(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    return render(request, "diagnosis/resources.html", section_context(analysis, "resources"))


@allow(AUTHENTICATED)
def completeness(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    return render(request, "diagnosis/completeness.html", section_context(analysis, "completeness"))


@allow(AUTHENTICATED)
@require_POST
def report_pdf(request, analysis_id: int):
    raise PermissionDenied
