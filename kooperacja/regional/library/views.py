"""The tool base (read by every institution of the voivodeship, kept by ROPS), support requests and
recommendations (handled by ROPS, sent by a cooperation's editors)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import (
    AUTHENTICATED,
    REGIONAL_STAFF,
    allow,
    cooperation_for_user,
    regional_voivodeship_for,
)
from kooperacja.core.forms import add_service_errors
from kooperacja.documents.uploads import private_file_response
from kooperacja.regional.library import forms, selectors, services
from kooperacja.regional.library.selectors import TOOL_READER
from kooperacja.regional.models import Recommendation, SupportRequest, Tool
from kooperacja.regional.views import regional_context


def _voivodeship(request):
    return regional_voivodeship_for(request.user, request.GET.get("wojewodztwo"))


def _apply(form, call) -> bool:
    """Run a service; its ValidationError lands on the form. True when it went through."""
    try:
        call()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


# --- Tool base ------------------------------------------------------------------------------------------------


@allow(TOOL_READER)
def tools(request):
    voivodeship = selectors.library_voivodeship_for(request.user, request.GET.get("wojewodztwo"))
    manage = selectors.may_manage_library(request.user, voivodeship)
    search = forms.ToolSearchForm(request.GET)
    query = step_kind = ""
    if search.is_valid():
        query, step_kind = search.cleaned_data["q"].strip(), search.cleaned_data["etap"]
    status = request.GET.get("status", "") if manage else ""
    if status not in Tool.Status.values:
        status = ""
    items = list(
        selectors.tools_list(voivodeship=voivodeship, manage=manage, query=query, step_kind=step_kind, status=status)
    )
    for tool in items:
        tool.latest = selectors.latest_version(tool)
    context = regional_context(
        voivodeship,
        "regional:tools",
        tools=items,
        search=search,
        manage=manage,
        status=status,
        statuses=Tool.Status.choices,
        searched=bool(query or step_kind or status),
        base_template="regional/_base.html" if manage else "regional/library/_reader_base.html",
    )
    return render(request, "regional/library/tools.html", context)


@allow(REGIONAL_STAFF)
def tool_create(request):
    voivodeship = _voivodeship(request)
    form = forms.ToolCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = {}

        def call():
            result["tool"] = services.tool_create(
                actor=request.user,
                voivodeship=voivodeship,
                title=data["title"],
                step_kind=data["step_kind"],
                category=data["category"],
                description=data["description"],
                upload=data["file"],
            )

        if _apply(form, call):
            messages.success(request, _("The tool was saved as a draft."))
            return redirect("regional:tool", result["tool"].pk)
    context = regional_context(voivodeship, "regional:tools", form=form, title=_("New tool"), multipart=True)
    return render(request, "regional/library/form.html", context)


@allow(TOOL_READER)
def tool_detail(request, tool_id: int):
    tool = selectors.tool_for_user(user=request.user, tool_id=tool_id)
    versions = list(tool.versions.all())
    context = regional_context(
        tool.voivodeship,
        "regional:tools",
        tool=tool,
        versions=versions,
        latest=versions[0] if versions else None,
        manage=tool.manageable,
        version_form=forms.ToolVersionForm(),
        base_template="regional/_base.html" if tool.manageable else "regional/library/_reader_base.html",
    )
    return render(request, "regional/library/tool.html", context)


@allow(REGIONAL_STAFF)
def tool_edit(request, tool_id: int):
    tool = selectors.tool_for_user(user=request.user, tool_id=tool_id, manage=True)
    initial = {
        "title": tool.title,
        "description": tool.description,
        "category": tool.category,
        "step_kind": tool.step_kind,
        "edit_version": tool.edit_version,
    }
    form = forms.ToolForm(request.POST or None, initial=initial)
    saving = request.method == "POST" and form.is_valid()
    if saving and _apply(form, lambda: services.tool_update(actor=request.user, tool=tool, **form.cleaned_data)):
        messages.success(request, _("The tool was saved."))
        return redirect("regional:tool", tool.pk)
    context = regional_context(tool.voivodeship, "regional:tools", form=form, title=_("Edit the tool"), tool=tool)
    return render(request, "regional/library/form.html", context)


@allow(REGIONAL_STAFF)
def tool_version_add(request, tool_id: int):
    tool = selectors.tool_for_user(user=request.user, tool_id=tool_id, manage=True)
    form = forms.ToolVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            form,
            lambda: services.tool_version_add(actor=request.user, tool=tool, upload=data["file"], note=data["note"]),
        ):
            messages.success(request, _("A new version was added."))
            return redirect("regional:tool", tool.pk)
    context = regional_context(
        tool.voivodeship, "regional:tools", form=form, title=_("New version"), tool=tool, multipart=True
    )
    return render(request, "regional/library/form.html", context)


@allow(REGIONAL_STAFF)
@require_POST
def tool_publish(request, tool_id: int):
    tool = selectors.tool_for_user(user=request.user, tool_id=tool_id, manage=True)
    try:
        services.tool_publish(actor=request.user, tool=tool)
        messages.success(request, _("The tool is published: every institution of the voivodeship sees it."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("regional:tool", tool.pk)


@allow(REGIONAL_STAFF)
@require_POST
def tool_withdraw(request, tool_id: int):
    tool = selectors.tool_for_user(user=request.user, tool_id=tool_id, manage=True)
    try:
        services.tool_withdraw(actor=request.user, tool=tool)
        messages.success(request, _("The tool was withdrawn to the drafts."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("regional:tool", tool.pk)


@allow(TOOL_READER)
def tool_file(request, tool_id: int, number: int | None = None):
    version = selectors.tool_version_for_user(user=request.user, tool_id=tool_id, number=number)
    response = private_file_response(version.file, filename=version.original_name)
    response["Content-Type"] = version.content_type
    return response


# --- Support requests -----------------------------------------------------------------------------------------


@allow(REGIONAL_STAFF)
def support(request):
    voivodeship = _voivodeship(request)
    status = request.GET.get("status", "")
    if status not in SupportRequest.Status.values:
        status = ""
    context = regional_context(
        voivodeship,
        "regional:support",
        requests=selectors.support_requests_of(voivodeship=voivodeship, status=status),
        status=status,
        statuses=SupportRequest.Status.choices,
    )
    return render(request, "regional/library/support.html", context)


@allow(REGIONAL_STAFF)
def support_detail(request, request_id: int):
    support_request = selectors.support_request_for_user(user=request.user, request_id=request_id)
    return _support_page(request, support_request)


def _support_page(request, support_request, **forms_given):
    initial = {
        "planned_on": support_request.planned_on,
        "participants": support_request.participants,
        "hours": support_request.hours,
    }
    context = regional_context(
        support_request.voivodeship,
        "regional:support",
        item=support_request,
        plan_form=forms_given.get("plan") or forms.SupportPlanForm(initial=initial, prefix="plan"),
        record_form=forms_given.get("record") or forms.SupportRecordForm(initial=initial, prefix="record"),
        decline_form=forms_given.get("decline") or forms.SupportDeclineForm(prefix="decline"),
    )
    return render(request, "regional/library/support_detail.html", context, status=400 if forms_given else 200)


def _support_action(request, request_id, form_class, prefix, call, done_message):
    support_request = selectors.support_request_for_user(user=request.user, request_id=request_id)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid() and _apply(form, lambda: call(support_request, form.cleaned_data)):
        messages.success(request, done_message)
        return redirect("regional:support_detail", support_request.pk)
    return _support_page(request, support_request, **{prefix: form})


@allow(REGIONAL_STAFF)
@require_POST
def support_plan(request, request_id: int):
    return _support_action(
        request,
        request_id,
        forms.SupportPlanForm,
        "plan",
        lambda item, data: services.support_request_plan(actor=request.user, support_request=item, **data),
        _("The support is planned."),
    )


@allow(REGIONAL_STAFF)
@require_POST
def support_record(request, request_id: int):
    return _support_action(
        request,
        request_id,
        forms.SupportRecordForm,
        "record",
        lambda item, data: services.support_request_record(
            actor=request.user,
            support_request=item,
            held_on=data["planned_on"],
            participants=data["participants"],
            hours=data["hours"],
        ),
        _("The support is recorded as done."),
    )


@allow(REGIONAL_STAFF)
@require_POST
def support_decline(request, request_id: int):
    return _support_action(
        request,
        request_id,
        forms.SupportDeclineForm,
        "decline",
        lambda item, data: services.support_request_decline(
            actor=request.user, support_request=item, reason=data["reason"]
        ),
        _("The request was declined."),
    )


# --- Recommendations ------------------------------------------------------------------------------------------


@allow(REGIONAL_STAFF)
def recommendations(request):
    voivodeship = _voivodeship(request)
    status = request.GET.get("status", "")
    if status not in Recommendation.Status.values:
        status = ""
    context = regional_context(
        voivodeship,
        "regional:recommendations",
        recommendations=selectors.recommendations_of(voivodeship=voivodeship, status=status),
        status=status,
        statuses=Recommendation.Status.choices,
        decision_form=forms.RecommendationDecisionForm(),
    )
    return render(request, "regional/library/recommendations.html", context)


@allow(REGIONAL_STAFF)
@require_POST
def recommendation_decide(request, recommendation_id: int):
    recommendation = selectors.recommendation_for_user(user=request.user, recommendation_id=recommendation_id)
    form = forms.RecommendationDecisionForm(request.POST)
    if form.is_valid() and _apply(
        form,
        lambda: services.recommendation_decide(actor=request.user, recommendation=recommendation, **form.cleaned_data),
    ):
        messages.success(request, _("The decision was saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("regional:recommendations")


def _report_context(voivodeship):
    return regional_context(
        voivodeship, "regional:recommendations", summary=selectors.recommendation_summary(voivodeship=voivodeship)
    )


@allow(REGIONAL_STAFF)
def recommendations_report(request):
    return render(request, "regional/library/recommendations_report.html", _report_context(_voivodeship(request)))


@allow(REGIONAL_STAFF)
def recommendations_report_pdf(request):
    from kooperacja.documents.pdf import render_pdf  # WeasyPrint is heavy; only this view needs it

    voivodeship = _voivodeship(request)
    pdf = render_pdf("regional/library/recommendations_pdf.html", _report_context(voivodeship))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rekomendacje-{voivodeship.code}.pdf"'
    return response


# --- The gmina's side: from a cooperation, by its editors ---------------------------------------------------


def _cooperation_form_page(request, cooperation_id, form_class, call, done_message, template, **extra):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and _apply(form, lambda: call(cooperation, form.cleaned_data)):
        messages.success(request, done_message)
        return redirect(request.path)
    context = {"cooperation": cooperation, "form": form}
    context.update({key: value(cooperation) for key, value in extra.items()})
    return render(request, template, context)


@allow(AUTHENTICATED)
def support_request_new(request, cooperation_id: int):
    return _cooperation_form_page(
        request,
        cooperation_id,
        forms.SupportRequestForm,
        lambda cooperation, data: services.support_request_create(actor=request.user, cooperation=cooperation, **data),
        _("The request was sent to ROPS; its regional animators have been notified."),
        "regional/library/support_request_new.html",
        requests=selectors.support_requests_of_cooperation,
    )


@allow(AUTHENTICATED)
def recommendation_new(request, cooperation_id: int):
    return _cooperation_form_page(
        request,
        cooperation_id,
        forms.RecommendationForm,
        lambda cooperation, data: services.recommendation_submit(actor=request.user, cooperation=cooperation, **data),
        _("The recommendation was sent to ROPS; its regional animators have been notified."),
        "regional/library/recommendation_new.html",
        recommendations=selectors.recommendations_of_cooperation,
    )


@allow(AUTHENTICATED)
def good_practice_new(request, cooperation_id: int):
    return _cooperation_form_page(
        request,
        cooperation_id,
        forms.GoodPracticeForm,
        lambda cooperation, data: services.good_practice_submit(
            actor=request.user,
            cooperation=cooperation,
            title=data["title"],
            step_kind=data["step_kind"],
            description=data["description"],
            upload=data["file"],
        ),
        _("The good practice was sent to ROPS for review; its regional animators have been notified."),
        "regional/library/good_practice_new.html",
    )
