"""Pages of the cooperation survey (R-13): the network of an analysis' gmina (rounds, measures, comparison),
creating and closing rounds, and the survey a respondent answers for their institution."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import (
    AUTHENTICATED,
    AnalysisAccess,
    allow,
    analysis_for_user,
    memberships_of,
    survey_respondents_for,
    survey_round_for_user,
)
from kooperacja.core.concurrency import StaleVersionError
from kooperacja.core.forms import add_service_errors
from kooperacja.diagnosis.models import SurveyAnswer, SurveySheet
from kooperacja.diagnosis.network import selectors, services
from kooperacja.diagnosis.network.forms import (
    AnswerRowForm,
    CompareForm,
    RespondentForm,
    RoundCreateForm,
    SheetVersionForm,
)
from kooperacja.diagnosis.views import section_context


def _network_page(request, analysis, *, selected_id: int | None = None, status: int = 200):
    rounds = selectors.rounds_of(analysis.unit)
    if selected_id is not None:
        selected = next((r for r in rounds if r.pk == selected_id), None)
        if selected is None:
            raise Http404
    else:
        selected = rounds[-1] if rounds else None
    compare_form = comparison = compared = None
    if len(rounds) > 1:
        compare_form = CompareForm(
            request.GET if "przed" in request.GET else None,
            rounds=rounds,
            initial={"przed": rounds[-2].pk, "po": rounds[-1].pk},
        )
        if compare_form.is_bound and compare_form.is_valid():
            by_id = {r.pk: r for r in rounds}
            compared = (by_id[compare_form.cleaned_data["przed"]], by_id[compare_form.cleaned_data["po"]])
    # The shown round and the compared ones in two queries; a round among both is computed once.
    wanted = [(selected, f"network-{selected.pk}")] if selected else []
    if compared:
        wanted += [(compared[0], "compare-before"), (compared[1], "compare-after")]
    found = selectors.rounds_measures(wanted)
    measures = found[0] if selected else None
    if compared:
        before_round, after_round = compared
        before, after = found[-2:]
        comparison = {
            "before_round": before_round,
            "after_round": after_round,
            "before": before,
            "after": after,
            "rows": selectors.comparison_rows(before, after),
            "institutions": selectors.institution_comparison(before, after),
        }
    return render(
        request,
        "diagnosis/network/overview.html",
        section_context(
            analysis,
            "network",
            rounds=rounds,
            selected=selected,
            measures=measures,
            compare_form=compare_form,
            comparison=comparison,
        ),
        status=status,
    )


@allow(AUTHENTICATED)
def overview(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    return _network_page(request, analysis)


@allow(AUTHENTICATED)
def round_results(request, analysis_id: int, round_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    return _network_page(request, analysis, selected_id=round_id)


@allow(AUTHENTICATED)
def round_create(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    candidates = selectors.candidate_institutions(analysis.unit)
    form = RoundCreateForm(
        request.POST or None,
        institutions=candidates,
        initial={"held_on": timezone.localdate(), "institutions": list(candidates)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey_round = services.survey_round_create(actor=request.user, unit=analysis.unit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The survey round has been created."))
            return redirect("diagnosis:network_round", analysis.pk, survey_round.pk)
    return render(
        request,
        "diagnosis/network/round_form.html",
        section_context(analysis, "network", form=form),
        status=400 if form.errors else 200,
    )


def _round_of_analysis(request, analysis_id: int, round_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    survey_round = survey_round_for_user(user=request.user, round_id=round_id, write=True)
    if survey_round.unit_id != analysis.unit_id:
        raise Http404
    return analysis, survey_round


@allow(AUTHENTICATED)
@require_POST
def round_close(request, analysis_id: int, round_id: int):
    analysis, survey_round = _round_of_analysis(request, analysis_id, round_id)
    services.survey_round_close(actor=request.user, survey_round=survey_round)
    messages.success(request, _("The round is closed: its answers can no longer be changed."))
    return redirect("diagnosis:network_round", analysis.pk, survey_round.pk)


@allow(AUTHENTICATED)
@require_POST
def round_reopen(request, analysis_id: int, round_id: int):
    analysis, survey_round = _round_of_analysis(request, analysis_id, round_id)
    services.survey_round_reopen(actor=request.user, survey_round=survey_round)
    messages.success(request, _("The round is open for answers again."))
    return redirect("diagnosis:network_round", analysis.pk, survey_round.pk)


@allow(AUTHENTICATED)
def surveys_to_answer(request):
    return render(request, "diagnosis/network/surveys.html", {"rounds": selectors.rounds_to_answer(request.user)})


@allow(AUTHENTICATED)
def survey_answer(request, round_id: int):
    survey_round = survey_round_for_user(user=request.user, round_id=round_id)
    respondent_ids = survey_respondents_for(request.user, survey_round, access=survey_round.access)
    if not respondent_ids:
        raise Http404
    institutions = selectors.round_institutions(survey_round)
    by_id = {i.pk: i for i in institutions}
    choices = [by_id[pk] for pk in respondent_ids if pk in by_id]
    own = [m.institution_id for m in memberships_of(request.user) if m.institution_id in respondent_ids]
    default = own[0] if own else choices[0].pk
    chooser = RespondentForm(request.POST or request.GET or None, institutions=choices, initial={"instytucja": default})
    if chooser.is_bound and chooser.is_valid():
        respondent = by_id[chooser.cleaned_data["instytucja"]]
    elif request.method == "POST":
        raise PermissionDenied  # answers posted for an institution the user does not answer for
    else:
        respondent = by_id[default]
    on_behalf = respondent.pk not in own
    groups = selectors.answer_sheet(survey_round, respondent.pk, institutions)
    data = request.POST if request.method == "POST" else None
    sections = [
        (group.label, [AnswerRowForm(data, partner=partner, answer=saved) for partner, saved in group.partners])
        for group in groups
    ]
    forms = [form for _label, group_forms in sections for form in group_forms]
    sheet = SurveySheet.objects.filter(round=survey_round, respondent=respondent).first()
    version_form = SheetVersionForm(data, initial={"edit_version": sheet.edit_version if sheet else 0})
    status = 200
    if request.method == "POST":
        if survey_round.is_closed:
            messages.error(request, _("The round is closed: answers can no longer be changed."))
            status = 400
        elif version_form.is_valid() and all(form.is_valid() for form in forms):
            rows = [row for row in (form.row() for form in forms) if row is not None]
            try:
                services.survey_answers_save(
                    actor=request.user,
                    survey_round=survey_round,
                    respondent=respondent,
                    answers=rows,
                    on_behalf=on_behalf,
                    edit_version=version_form.cleaned_data.get("edit_version"),
                )
            except StaleVersionError as error:
                add_service_errors(version_form, error)
                saved = SurveyAnswer.objects.filter(round=survey_round, respondent=respondent)
                version_form.show_saved_answers(forms, {answer.partner_id: answer for answer in saved})
                status = 400
            except (ValidationError, PermissionDenied) as error:
                message = "; ".join(error.messages) if isinstance(error, ValidationError) else ""
                messages.error(request, message or _("You may not answer for this institution."))
                status = 400
            else:
                messages.success(request, _("Answers saved."))
                url = reverse("diagnosis:survey_answer", args=[survey_round.pk])
                return redirect(f"{url}?instytucja={respondent.pk}")
        else:
            status = 400
    return render(
        request,
        "diagnosis/network/answer.html",
        {
            "survey_round": survey_round,
            "respondent": respondent,
            "on_behalf": on_behalf,
            "chooser": chooser,
            "version_form": version_form,
            "many_respondents": len(choices) > 1,
            "sections": sections,
            "error_count": sum(1 for form in forms if form.errors),
            "is_coordinator": survey_round.access >= AnalysisAccess.EDIT,
        },
        status=status,
    )
