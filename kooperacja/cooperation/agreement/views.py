"""The agreement tab: the current declaration/agreement, its text, parties and signatures, and its PDF."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, AnalysisAccess, allow, cooperation_for_user
from kooperacja.cooperation.agreement import selectors, services
from kooperacja.cooperation.agreement.forms import (
    AgreementCreateForm,
    AgreementTextForm,
    PartyAddForm,
    PartyDeclineForm,
    PartySignForm,
)
from kooperacja.cooperation.models import AgreementParty
from kooperacja.cooperation.views import section_context
from kooperacja.core.forms import add_service_errors
from kooperacja.documents.uploads import private_file_response


def _current(cooperation):
    agreement = selectors.current_agreement(cooperation)
    if agreement is None:
        raise Http404
    return agreement


def _party(agreement, party_id: int) -> AgreementParty:
    return get_object_or_404(
        AgreementParty.objects.select_related("institution", "agreement"), pk=party_id, agreement=agreement
    )


def _back(cooperation):
    return redirect("cooperation:agreement", cooperation.pk)


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _overview_context(cooperation, agreement, **forms) -> dict:
    parties = list(agreement.parties.all()) if agreement else []
    context = {
        "agreement": agreement,
        "parties": parties,
        "signed_count": sum(p.status == AgreementParty.Status.SIGNED for p in parties),
        "min_signed": services.MIN_SIGNED_PARTIES,
    }
    if cooperation.access >= AnalysisAccess.EDIT:
        if agreement is None:
            context["create_form"] = forms.get("create_form") or AgreementCreateForm(
                initial={"kind": services.default_kind(cooperation)}
            )
        else:
            taken = {p.institution_id for p in parties}
            institutions = selectors.institutions_for(cooperation).exclude(pk__in=taken)
            context["party_form"] = forms.get("party_form") or PartyAddForm(institutions=institutions)
    return section_context(cooperation, "agreement", **context)


@allow(AUTHENTICATED)
def overview(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    agreement = selectors.current_agreement(cooperation)
    return render(request, "cooperation/agreement/overview.html", _overview_context(cooperation, agreement))


@allow(AUTHENTICATED)
@require_POST
def create(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    form = AgreementCreateForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_create(actor=request.user, cooperation=cooperation, kind=form.cleaned_data["kind"])
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("The document has been prepared from its template. Adapt it with the parties."))
        return _back(cooperation)
    agreement = selectors.current_agreement(cooperation)
    return render(
        request,
        "cooperation/agreement/overview.html",
        _overview_context(cooperation, agreement, create_form=form),
        status=400,
    )


@allow(AUTHENTICATED)
def edit(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    agreement = _current(cooperation)
    if agreement.is_frozen:
        messages.error(request, _("The agreement has been signed: its text can no longer be changed."))
        return _back(cooperation)
    initial = {f: getattr(agreement, f) for f in services.EDITABLE_FIELDS} | {"edit_version": agreement.edit_version}
    form = AgreementTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(actor=request.user, agreement=agreement, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return _back(cooperation)
    return render(
        request,
        "cooperation/agreement/edit.html",
        section_context(cooperation, "agreement", form=form, agreement=agreement),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
@require_POST
def negotiate(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    try:
        services.agreement_negotiate(actor=request.user, agreement=_current(cooperation))
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The agreement is being negotiated with the parties."))
    return _back(cooperation)


@allow(AUTHENTICATED)
@require_POST
def sign(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    try:
        services.agreement_sign(actor=request.user, agreement=_current(cooperation))
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The agreement has been signed and the team established."))
    return _back(cooperation)


@allow(AUTHENTICATED)
@require_POST
def party_add(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    agreement = _current(cooperation)
    form = PartyAddForm(request.POST, institutions=selectors.institutions_for(cooperation))
    if form.is_valid():
        try:
            services.party_add(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The institution has been added to the parties."))
            return _back(cooperation)
    return render(
        request,
        "cooperation/agreement/overview.html",
        _overview_context(cooperation, agreement, party_form=form),
        status=400,
    )


@allow(AUTHENTICATED)
def party_sign(request, cooperation_id: int, party_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    agreement = _current(cooperation)
    party = _party(agreement, party_id)
    initial = {
        "signatory_name": party.signatory_name,
        "signatory_function": party.signatory_function,
        "signed_on": datetime.date.today(),
    }
    form = PartySignForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_sign(actor=request.user, party=party, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The signature has been recorded."))
            return _back(cooperation)
    context = section_context(cooperation, "agreement", form=form, party=party, agreement=agreement)
    return render(request, "cooperation/agreement/party_sign.html", context, status=400 if form.errors else 200)


@allow(AUTHENTICATED)
def party_decline(request, cooperation_id: int, party_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    agreement = _current(cooperation)
    party = _party(agreement, party_id)
    form = PartyDeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_decline(actor=request.user, party=party, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The refusal and its reason have been recorded."))
            return _back(cooperation)
    context = section_context(cooperation, "agreement", form=form, party=party, agreement=agreement)
    return render(request, "cooperation/agreement/party_decline.html", context, status=400 if form.errors else 200)


@allow(AUTHENTICATED)
@require_POST
def party_remove(request, cooperation_id: int, party_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    party = _party(_current(cooperation), party_id)
    try:
        services.party_remove(actor=request.user, party=party)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The institution has been removed from the parties."))
    return _back(cooperation)


@allow(AUTHENTICATED)
def party_scan(request, cooperation_id: int, party_id: int):
    """The scan is served only here, after the access check — MEDIA_ROOT is never served directly."""
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    party = get_object_or_404(AgreementParty, pk=party_id, agreement__cooperation=cooperation)
    return private_file_response(party.scan, filename=f"porozumienie-{cooperation.pk}-strona-{party.pk}")


@allow(AUTHENTICATED)
def pdf(request, cooperation_id: int):
    from kooperacja.documents.pdf import render_pdf  # WeasyPrint is heavy; only this view needs it

    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    agreement = _current(cooperation)
    context = {"cooperation": cooperation, "agreement": agreement, "parties": list(agreement.parties.all())}
    response = HttpResponse(
        render_pdf("cooperation/agreement/agreement_pdf.html", context), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="porozumienie-{cooperation.pk}.pdf"'
    return response
