"""The tab "ROPS and authorities" of a cooperation (R-22, R-23) and the inbox of ROPS.

The gmina writes its application (or the notice of an independent start) and sends it; ROPS staff of the
voivodeship see it in their inbox, assign a regional animator and answer. Both sides see the status on the
tab. The consents of the authorities are recorded on the same tab, with the scanned decision."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import (
    AUTHENTICATED,
    AnalysisAccess,
    Rule,
    allow,
    cooperation_for_user,
    is_rops_staff_for,
)
from kooperacja.cooperation.application import services
from kooperacja.cooperation.application.forms import AnswerForm, ApplicationForm, AssignForm, ConsentForm, NoticeForm
from kooperacja.cooperation.application.selectors import (
    application_for_user,
    application_warnings,
    applications_of,
    consents_of,
    inbox_animators,
    is_rops_staff,
    regional_animators_of,
    rops_inbox,
)
from kooperacja.cooperation.models import RopsApplication
from kooperacja.cooperation.views import section_context
from kooperacja.core.forms import add_service_errors
from kooperacja.documents.uploads import private_file_response

ROPS_STAFF = Rule("rops-staff", is_rops_staff)

KINDS = {"wniosek": RopsApplication.Kind.APPLICATION, "informacja": RopsApplication.Kind.NOTICE}


def _overview_context(request, cooperation, *, consent_form=None) -> dict:
    applications = applications_of(cooperation)
    current = next((a for a in applications if a.status != RopsApplication.Status.WITHDRAWN), None)
    rops = is_rops_staff_for(request.user, cooperation.unit)
    completeness, warnings = None, []
    if current is not None and current.analysis_id is not None:
        from kooperacja.diagnosis.completeness import analysis_completeness

        completeness = analysis_completeness(current.analysis)
    if current is not None and current.status == RopsApplication.Status.DRAFT:
        warnings = application_warnings(current, completeness)
    assign_form = None
    if current is not None and rops and current.is_application and current.status in ("submitted", "assigned"):
        assign_form = AssignForm(
            animators=regional_animators_of(cooperation.unit),
            initial={"animator": current.animator_id or request.user.pk},
        )
    can_edit = cooperation.access >= AnalysisAccess.EDIT
    if consent_form is None and can_edit:
        consent_form = ConsentForm(cooperation=cooperation)
    return section_context(
        cooperation,
        "application",
        current=current,
        past=[a for a in applications if a is not current],
        rops=rops,
        completeness=completeness,
        warnings=warnings,
        assign_form=assign_form,
        consents=consents_of(cooperation),
        consent_form=consent_form,
    )


@allow(AUTHENTICATED)
def overview(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    return render(request, "cooperation/application/overview.html", _overview_context(request, cooperation))


def _form_class(kind: str):
    return ApplicationForm if kind == RopsApplication.Kind.APPLICATION else NoticeForm


def _data(form) -> tuple[dict, list | None]:
    data = dict(form.cleaned_data)
    institutions = data.pop("institutions", None)
    if data.get("agreement_file") is False:  # "clear" ticked
        data["agreement_file"] = ""
    return data, (list(institutions) if institutions is not None else None)


@allow(AUTHENTICATED)
def application_create(request, cooperation_id: int, kind: str):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    if kind not in KINDS:
        raise Http404
    kind = KINDS[kind]
    form = _form_class(kind)(request.POST or None, request.FILES or None, cooperation=cooperation)
    if request.method == "POST" and form.is_valid():
        data, institutions = _data(form)
        try:
            services.application_create(
                actor=request.user, cooperation=cooperation, kind=kind, data=data, institutions=institutions
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft has been saved. Check it and send it to ROPS."))
            return redirect("cooperation:application", cooperation.pk)
    return _form_page(request, cooperation, form, kind)


def _form_page(request, cooperation, form, kind, application=None):
    title = _("Application to ROPS") if kind == RopsApplication.Kind.APPLICATION else _("Notice to ROPS")
    return render(
        request,
        "cooperation/application/form.html",
        section_context(cooperation, "application", form=form, kind=kind, title=title, application=application),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
def application_edit(request, application_id: int):
    application = application_for_user(user=request.user, application_id=application_id, write=True)
    cooperation = application.cooperation
    if application.status != RopsApplication.Status.DRAFT:
        messages.error(request, _("Only a draft can be changed: this one has been sent to ROPS."))
        return redirect("cooperation:application", cooperation.pk)
    form = _form_class(application.kind)(
        request.POST or None, request.FILES or None, instance=copy.copy(application), cooperation=cooperation
    )
    if request.method == "POST" and form.is_valid():
        data, institutions = _data(form)
        try:
            services.application_update(
                actor=request.user, application=application, data=data, institutions=institutions
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("cooperation:application", cooperation.pk)
    return _form_page(request, cooperation, form, application.kind, application)


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@allow(AUTHENTICATED)
@require_POST
def application_submit(request, application_id: int):
    application = application_for_user(user=request.user, application_id=application_id, write=True)
    submit = services.application_submit if application.is_application else services.notice_submit
    try:
        submit(actor=request.user, application=application)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Sent to ROPS."))
        for warning in application_warnings(application):
            messages.warning(request, warning)
    return redirect("cooperation:application", application.cooperation_id)


@allow(AUTHENTICATED)
@require_POST
def application_withdraw(request, application_id: int):
    application = application_for_user(user=request.user, application_id=application_id, write=True)
    try:
        services.application_withdraw(actor=request.user, application=application)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Withdrawn."))
    return redirect("cooperation:application", application.cooperation_id)


@allow(AUTHENTICATED)
def application_pdf(request, application_id: int):
    from kooperacja.documents.pdf import render_pdf

    application = application_for_user(user=request.user, application_id=application_id)
    cooperation = application.cooperation
    institutions = application.institutions.select_related("unit").order_by("name")
    pdf = render_pdf(
        "cooperation/application/pdf.html",
        {"application": application, "cooperation": cooperation, "institutions": institutions},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="zgloszenie-rops-{cooperation.unit.code}.pdf"'
    return response


@allow(AUTHENTICATED)
def agreement_file(request, application_id: int):
    application = application_for_user(user=request.user, application_id=application_id)
    return private_file_response(application.agreement_file)


def _back(request, application):
    if request.POST.get("next") == "inbox":
        return redirect("cooperation:rops_inbox")
    return redirect("cooperation:application", application.cooperation_id)


@allow(ROPS_STAFF)
@require_POST
def application_assign(request, application_id: int):
    application = application_for_user(user=request.user, application_id=application_id, as_rops=True)
    form = AssignForm(request.POST, animators=regional_animators_of(application.cooperation.unit))
    if not form.is_valid():
        messages.error(request, _("Choose a worker of the ROPS of this voivodeship."))
        return _back(request, application)
    try:
        services.application_assign(actor=request.user, application=application, animator=form.cleaned_data["animator"])
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The regional animator has been assigned."))
    return _back(request, application)


@allow(ROPS_STAFF)
def application_answer(request, application_id: int):
    application = application_for_user(user=request.user, application_id=application_id, as_rops=True)
    cooperation = application.cooperation
    form = AnswerForm(request.POST or None, initial={"agreed_support": application.support})
    if request.method == "POST" and form.is_valid():
        try:
            services.application_answer(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The answer has been sent to the gmina."))
            return redirect("cooperation:rops_inbox")
    return render(
        request,
        "cooperation/application/answer.html",
        section_context(cooperation, "application", form=form, application=application),
        status=400 if form.errors else 200,
    )


@allow(ROPS_STAFF)
@require_POST
def notice_acknowledge(request, application_id: int):
    application = application_for_user(user=request.user, application_id=application_id, as_rops=True)
    try:
        services.notice_acknowledge(actor=request.user, application=application)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The notice has been acknowledged."))
    return _back(request, application)


@allow(ROPS_STAFF)
def inbox(request):
    status = request.GET.get("status", "")
    if status not in RopsApplication.Status.values:
        status = ""
    statuses = [(value, label) for value, label in RopsApplication.Status.choices if value != "draft"]
    return render(
        request,
        "cooperation/application/inbox.html",
        {
            "applications": rops_inbox(request.user, status=status),
            "animators": inbox_animators(request.user),
            "status": status,
            "statuses": statuses,
        },
    )


@allow(AUTHENTICATED)
@require_POST
def consent_add(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    form = ConsentForm(request.POST, request.FILES, cooperation=cooperation)
    if form.is_valid():
        try:
            services.consent_record(actor=request.user, cooperation=cooperation, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision of the authorities has been recorded."))
            return redirect("cooperation:application", cooperation.pk)
    context = _overview_context(request, cooperation, consent_form=form)
    return render(request, "cooperation/application/overview.html", context, status=400)


@allow(AUTHENTICATED)
def consent_document(request, cooperation_id: int, consent_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    consent = get_object_or_404(cooperation.consents, pk=consent_id)
    return private_file_response(consent.document)
