"""The tools of the model (R-38) for a case, and the cooperation's summary of them. Case pages start with
``case_for_user``; the cooperation page with ``cooperation_for_user`` and shows aggregates and — to who runs
the cooperation — case references, never a family's details."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, AnalysisAccess, allow, case_for_user, cooperation_for_user
from kooperacja.cases.models import RatingRound
from kooperacja.cases.tools import selectors, services
from kooperacja.cases.tools.content import CHECKLIST, FACTORS, SCALE
from kooperacja.cases.tools.forms import PreparationForm, RatingForm, RoundOpenForm
from kooperacja.cases.views import case_context
from kooperacja.cooperation.views import section_context
from kooperacja.core.forms import add_service_errors
from kooperacja.documents.pdf import render_pdf


def _error(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@allow(AUTHENTICATED)
def overview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    institutions = selectors.member_institutions(case, request.user)
    context = case_context(
        case,
        "cases:tools",
        plan=selectors.institutions_plan(case.cooperation, case=case),
        rounds=selectors.case_rating_summary(case),
        may_rate=not case.is_closed and selectors.may_rate(case, request.user),
        round_form=RoundOpenForm(),
        my_institutions=institutions,
        show_preparations=case.access >= AnalysisAccess.EDIT,
        preparations=selectors.case_preparations(case) if case.access >= AnalysisAccess.EDIT else [],
        checklist=CHECKLIST,
        factors=[factor.label for factor in FACTORS],
    )
    return render(request, "cases/tools/overview.html", context)


@allow(AUTHENTICATED)
@require_POST
def round_open(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = RoundOpenForm(request.POST)
    if form.is_valid():
        try:
            services.rating_round_open(actor=request.user, case=case, held_on=form.cleaned_data["held_on"])
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("The rating has been opened; the members of the group have been told."))
    else:
        messages.error(request, _("Give the date of the rating."))
    return redirect("cases:tools", case.pk)


@allow(AUTHENTICATED)
def rating(request, case_id: int, round_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    rating_round = get_object_or_404(RatingRound, pk=round_id, case=case)
    if not selectors.may_rate(case, request.user):
        raise Http404
    mine = rating_round.ratings.filter(user=request.user).prefetch_related("answers").first()
    initial = {a.statement: a.score for a in mine.answers.all()} if mine else {}
    initial["edit_version"] = mine.edit_version if mine else 0
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and not case.is_closed and form.is_valid():
        try:
            services.rating_submit(
                actor=request.user,
                rating_round=rating_round,
                scores=form.scores(),
                edit_version=form.cleaned_data.get("edit_version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your rating has been saved."))
            return redirect("cases:tools", case.pk)
    context = case_context(
        case, "cases:tools", form=form, rating_round=rating_round, already=mine is not None, scale=SCALE
    )
    return render(request, "cases/tools/rating.html", context, status=400 if form.errors else 200)


@allow(AUTHENTICATED)
def preparation(request, case_id: int):
    """The invited institution's member fills in its preparation for the joint diagnosis."""
    case = case_for_user(user=request.user, case_id=case_id)
    institutions = selectors.member_institutions(case, request.user)
    if not institutions:
        raise Http404
    chosen = request.POST.get("institution") or request.GET.get("instytucja")
    institution = next((i for i in institutions if str(i.pk) == chosen), institutions[0])
    checklist = case.preparation_checklists.filter(institution=institution).prefetch_related("answers").first()
    form = PreparationForm(request.POST or None, initial=PreparationForm.initial_from(checklist))
    if request.method == "POST" and not case.is_closed and form.is_valid():
        try:
            services.preparation_save(
                actor=request.user,
                case=case,
                institution=institution,
                answers=form.answers(),
                edit_version=form.cleaned_data.get("edit_version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The preparation of your institution has been saved."))
            return redirect("cases:tools", case.pk)
    context = case_context(
        case, "cases:tools", form=form, institution=institution, institutions=institutions, checklist_saved=checklist
    )
    return render(request, "cases/tools/preparation.html", context, status=400 if form.errors else 200)


@allow(AUTHENTICATED)
def preparation_pdf(request, case_id: int):
    """The blank checklist to attach to the invitation to the group's meeting: the case reference only."""
    case = case_for_user(user=request.user, case_id=case_id)
    pdf = render_pdf("cases/tools/preparation_pdf.html", {"case": case, "checklist": CHECKLIST})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="przygotowanie-do-diagnozy-{case.pk}.pdf"'
    return response


@allow(AUTHENTICATED)
def cooperation_summary(request, cooperation_id: int):
    """Plan kooperacji instytucji and the rating of the cooperation across all its cases: aggregates only;
    case references only for who runs the cooperation."""
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    context = section_context(
        cooperation,
        "case_tools",
        plan=selectors.institutions_plan(cooperation),
        show_references=cooperation.access >= AnalysisAccess.EDIT,
        periods=selectors.cooperation_rating_summary(cooperation),
        factors=[factor.label for factor in FACTORS],
    )
    return render(request, "cases/tools/cooperation_summary.html", context)
