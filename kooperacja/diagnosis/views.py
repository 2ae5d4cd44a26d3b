"""Pages of the analysis itself: the list, creating and editing it, infrastructure and enclaves, the problem
map with groups and needs, resources, completeness and the report. Statistics, the network survey and the cost
cards have their own packages (statistics/, network/, costs/)."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import (
    AUTHENTICATED,
    AnalysisAccess,
    allow,
    analysis_access_to,
    analysis_for_user,
    is_administrator,
)
from kooperacja.core.exports import csv_response, spreadsheet_export
from kooperacja.core.forms import add_service_errors
from kooperacja.diagnosis import problem_map as problem_maps
from kooperacja.diagnosis import services
from kooperacja.diagnosis.completeness import QUESTIONS, analysis_completeness
from kooperacja.diagnosis.forms import (
    ITEM_KINDS,
    AnalysisCreateForm,
    AnalysisEditForm,
    ConfirmationForm,
    EnclaveForm,
    InfrastructureForm,
    NeedForm,
    ProblemCsvForm,
    ProblemYearForm,
    RiskGroupForm,
)
from kooperacja.diagnosis.models import Need, ProblemMapEntry, ProblemMapYear
from kooperacja.diagnosis.selectors import analyses_visible_to, gmina_resources, gminas_editable_by, ops_of


def section_context(analysis, section: str, **extra) -> dict:
    """What every section page of an analysis needs: the analysis, the active tab, whether it may be edited."""
    return {"analysis": analysis, "section": section, "can_edit": analysis.access >= AnalysisAccess.EDIT, **extra}


@allow(AUTHENTICATED)
def analysis_list(request):
    mine = gminas_editable_by(request.user)
    return render(
        request,
        "diagnosis/list.html",
        {
            "analyses": analyses_visible_to(request.user).order_by("unit__name", "-year"),
            "can_create": bool(mine) or is_administrator(request.user),
        },
    )


@allow(AUTHENTICATED)
def analysis_create(request):
    mine = gminas_editable_by(request.user)
    form = AnalysisCreateForm(request.POST or None, initial={"unit": mine[0].pk if mine else None})
    if request.method == "POST" and form.is_valid():
        unit, year = form.cleaned_data["unit"], form.cleaned_data["year"]
        if analysis_access_to(request.user, unit) < AnalysisAccess.EDIT:
            form.add_error("unit", _("You may prepare the analysis of your own gmina only."))
        elif unit.analyses.filter(year=year).exists():
            form.add_error("year", _("The gmina already has an analysis for %(year)s.") % {"year": year})
        else:
            analysis = services.analysis_create(
                actor=request.user,
                unit=unit,
                year=year,
                owner=ops_of(unit),
                title=form.cleaned_data["title"],
                is_current=form.cleaned_data["is_current"],
            )
            messages.success(request, _("The analysis has been created."))
            return redirect("diagnosis:detail", analysis.pk)
    return render(
        request,
        "diagnosis/form.html",
        {"form": form, "title": _("New municipality analysis")},
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
def analysis_detail(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    return render(
        request,
        "diagnosis/detail.html",
        section_context(analysis, "overview", completeness=analysis_completeness(analysis)),
    )


@allow(AUTHENTICATED)
def analysis_edit(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    form = AnalysisEditForm(request.POST or None, instance=copy.copy(analysis))
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        if analysis.unit.analyses.filter(year=year).exclude(pk=analysis.pk).exists():
            form.add_error("year", _("The gmina already has an analysis for %(year)s.") % {"year": year})
        else:
            try:
                services.analysis_update(actor=request.user, analysis=analysis, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("diagnosis:detail", analysis.pk)
    return render(
        request,
        "diagnosis/form.html",
        section_context(analysis, "overview", form=form, title=_("Edit the analysis")),
        status=400 if form.errors else 200,
    )


# --- Infrastructure and enclaves ------------------------------------------------------------------------


@allow(AUTHENTICATED)
def infrastructure(request, analysis_id: int):
    write = request.method == "POST"
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=write)
    form = InfrastructureForm(request.POST or None, instance=copy.copy(analysis))
    if write and form.is_valid():
        try:
            services.analysis_update(actor=request.user, analysis=analysis, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("diagnosis:infrastructure", analysis.pk)
    return render(
        request,
        "diagnosis/infrastructure.html",
        section_context(
            analysis,
            "infrastructure",
            form=form,
            enclaves=analysis.enclaves.all(),
            enclave_form=EnclaveForm(),
        ),
        status=400 if form.errors else 200,
    )


def _item_kind(kind: str):
    if kind not in ITEM_KINDS:
        raise Http404
    return ITEM_KINDS[kind]


@allow(AUTHENTICATED)
def item_form(request, analysis_id: int, kind: str, item_id: int | None = None):
    """Add or change one enclave, group at risk or need."""
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    model, form_class, section, label = _item_kind(kind)
    item = get_object_or_404(model, pk=item_id, analysis=analysis) if item_id else model(analysis=analysis)
    form = form_class(request.POST or None, instance=copy.copy(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.analysis_item_save(actor=request.user, analysis=analysis, item=item, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse(f"diagnosis:{section}", args=[analysis.pk]) + f"#{kind}")
    title = _("Change: %(what)s") % {"what": label} if item_id else _("Add: %(what)s") % {"what": label}
    return render(
        request,
        "diagnosis/form.html",
        section_context(analysis, section, form=form, title=title),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
@require_POST
def item_delete(request, analysis_id: int, kind: str, item_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    model, _form, section, _label = _item_kind(kind)
    item = get_object_or_404(model, pk=item_id, analysis=analysis)
    services.analysis_item_delete(actor=request.user, analysis=analysis, item=item)
    messages.success(request, _("Removed."))
    return redirect(reverse(f"diagnosis:{section}", args=[analysis.pk]) + f"#{kind}")


# --- Problem map ------------------------------------------------------------------------------------------


def _problem_chart(pmap):
    from kooperacja.diagnosis.charts import grouped_bar_chart

    years = pmap.years[-2:]
    rows = [r for r in pmap.rows if any(isinstance(v, int) for v in r.persons[-2:])]
    if not rows:
        return ""
    return grouped_bar_chart(
        title=_("Persons supported by reason for assistance"),
        labels=[r.name for r in rows],
        series=[
            (str(y), [v if isinstance(v, int) else None for v in (r.persons[pmap.years.index(y)] for r in rows)])
            for y in years
        ],
    )


@allow(AUTHENTICATED)
def problem_map(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    pmap = problem_maps.problem_map(
        unit=analysis.unit, until_year=analysis.year, aggregates_only=analysis.access == AnalysisAccess.AGGREGATES
    )
    needs = list(analysis.needs.all())
    return render(
        request,
        "diagnosis/problems.html",
        section_context(
            analysis,
            "problems",
            map=pmap,
            chart=_problem_chart(pmap),
            risk_groups=analysis.risk_groups.all(),
            residents_needs=[n for n in needs if n.source == Need.Source.RESIDENTS],
            staff_needs=[n for n in needs if n.source == Need.Source.STAFF],
            group_form=RiskGroupForm(),
            need_form=NeedForm(),
        ),
    )


@allow(AUTHENTICATED)
def problem_year(request, analysis_id: int):
    """Type in the numbers of one year."""
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    try:
        year = int(request.POST.get("year") or request.GET.get("rok") or analysis.year - 1)
    except ValueError:
        year = analysis.year - 1
    if not 2000 <= year <= analysis.year:
        year = analysis.year - 1
    entries = {e.category: e for e in ProblemMapEntry.objects.filter(unit=analysis.unit, year=year)}
    sheet = ProblemMapYear.objects.filter(unit=analysis.unit, year=year).first()
    initial = {"edit_version": sheet.edit_version if sheet else 0}
    form = ProblemYearForm(request.POST or None, entries=entries, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_map_save(
                actor=request.user,
                unit=analysis.unit,
                rows=form.map_rows(year),
                edit_version=form.cleaned_data.get("edit_version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The numbers for %(year)s have been saved.") % {"year": year})
            return redirect("diagnosis:problems", analysis.pk)
    return render(
        request,
        "diagnosis/problem_year.html",
        section_context(
            analysis,
            "problems",
            form=form,
            year=year,
            years=range(analysis.year, analysis.year - 10, -1),
        ),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
@spreadsheet_export
def problem_template(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    year = analysis.year - 1
    filename = f"mapa-problemow-{analysis.unit.code}-{year}.csv"
    return csv_response(problem_maps.csv_template_rows(year=year), filename=filename)


@allow(AUTHENTICATED)
def problem_import(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    form = ProblemCsvForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        parsed = problem_maps.parse_csv(upload.read())
        errors = parsed.errors
        if not errors:
            counts = services.problem_map_save(
                actor=request.user, unit=analysis.unit, rows=parsed.rows, source_note=upload.name[:200]
            )
            messages.success(request, _("Imported %(count)s numbers of the problem map.") % {"count": counts["saved"]})
            return redirect("diagnosis:problems", analysis.pk)
    return render(
        request,
        "diagnosis/problem_import.html",
        section_context(analysis, "problems", form=form, errors=errors),
        status=400 if errors or form.errors else 200,
    )


# --- Resources, completeness, report ----------------------------------------------------------------------


@allow(AUTHENTICATED)
def resources(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    pmap = problem_maps.problem_map(unit=analysis.unit, until_year=analysis.year, aggregates_only=True)
    return render(
        request,
        "diagnosis/resources.html",
        section_context(analysis, "resources", resources=gmina_resources(analysis.unit), gaps=pmap.gaps),
    )


@allow(AUTHENTICATED)
def completeness(request, analysis_id: int):
    write = request.method == "POST"
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=write)
    if write:
        question = request.POST.get("question", "")
        if question not in QUESTIONS:
            raise Http404
        form = ConfirmationForm(request.POST)
        if request.POST.get("withdraw"):
            services.completeness_withdraw(actor=request.user, analysis=analysis, question=question)
            messages.success(request, _("The confirmation has been withdrawn."))
        elif form.is_valid():
            state = next(q for q in analysis_completeness(analysis).questions if q.code == question)
            if state.has_data:
                services.completeness_confirm(
                    actor=request.user, analysis=analysis, question=question, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("The answer has been confirmed."))
            else:
                messages.error(request, _("Fill in the missing sections first, then confirm the answer."))
        return redirect(reverse("diagnosis:completeness", args=[analysis.pk]) + f"#q-{question}")
    return render(
        request,
        "diagnosis/completeness.html",
        section_context(
            analysis, "completeness", completeness=analysis_completeness(analysis), form=ConfirmationForm()
        ),
    )


@allow(AUTHENTICATED)
def report_pdf(request, analysis_id: int):
    from kooperacja.diagnosis.report import report_context
    from kooperacja.documents.pdf import render_pdf

    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    pdf = render_pdf("diagnosis/report.html", report_context(analysis))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="analiza-gminy-{analysis.unit.code}-{analysis.year}.pdf"'
    return response
