"""The diagnosis of the situation (R-31): the interview's date and reference, the areas, proposed institutions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, allow, case_for_user
from kooperacja.cases.diagnosis import selectors, services
from kooperacja.cases.diagnosis.forms import AreaForm, InterviewForm
from kooperacja.cases.models import DiagnosisEntry
from kooperacja.cases.views import case_context
from kooperacja.core.forms import add_service_errors


def _overview_context(case, **extra) -> dict:
    return case_context(
        case,
        "cases:diagnosis",
        areas=selectors.diagnosis_areas(case),
        proposals=selectors.proposed_institutions(case),
        interview_form=extra.pop("interview_form", None)
        or InterviewForm(
            initial={
                "interview_date": case.interview_date,
                "interview_reference": case.interview_reference,
                "edit_version": case.edit_version,
            }
        ),
        **extra,
    )


@allow(AUTHENTICATED)
def overview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    return render(request, "cases/diagnosis/overview.html", _overview_context(case))


@allow(AUTHENTICATED)
@require_POST
def interview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = InterviewForm(request.POST)
    if form.is_valid():
        try:
            services.case_interview_set(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("cases:diagnosis", case.pk)
    return render(request, "cases/diagnosis/overview.html", _overview_context(case, interview_form=form), status=400)


@allow(AUTHENTICATED)
def area_edit(request, case_id: int, area: str):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    if area not in DiagnosisEntry.Area.values:
        raise Http404
    item = DiagnosisEntry.objects.filter(case=case, area=area).first()
    initial = {name: getattr(item, name) for name in services.AREA_TEXT_FIELDS} if item else {}
    initial["edit_version"] = item.edit_version if item else 0
    form = AreaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.diagnosis_area_save(actor=request.user, case=case, area=area, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The area of the diagnosis has been saved."))
            return redirect("cases:diagnosis", case.pk)
    return render(
        request,
        "cases/diagnosis/area_form.html",
        case_context(
            case,
            "cases:diagnosis",
            form=form,
            area_label=DiagnosisEntry.Area(area).label,
        ),
        status=400 if form.errors else 200,
    )
