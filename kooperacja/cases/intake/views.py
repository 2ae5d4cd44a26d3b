"""The intake (R-30) and the case overview: the user's cases and referrals, the OPS inbox, opening a case, people,
consent and sharing without it, the qualification, break glass and the export of a person's data (R-50, R-51).

Every case page gets its case from ``case_for_user`` (404 for whoever may not see it; the read is logged).
Nothing personal goes into a URL: the PESEL search is sent by POST and only its keyed hash is kept."""

import copy
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, AnalysisAccess, allow, case_for_user
from kooperacja.cases.intake import selectors, services
from kooperacja.cases.intake.forms import (
    BreakGlassForm,
    CaseOpenForm,
    ConsentForm,
    ConsentWithdrawForm,
    DeclineForm,
    InterviewForm,
    OverrideForm,
    PersonForm,
    PeselSearchForm,
    QualificationForm,
    ReferralForm,
)
from kooperacja.cases.models import Case, Consent, Person
from kooperacja.cases.views import case_context
from kooperacja.core.crypto import keyed_hash
from kooperacja.core.forms import add_service_errors

SEARCH_KEY = "cases:pesel_hash"


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- The list, referrals, opening a case -------------------------------------------------------------


@allow(AUTHENTICATED)
def case_list(request):
    user = request.user
    search_form = PeselSearchForm()
    if request.method == "POST":
        if "clear" in request.POST:
            request.session.pop(SEARCH_KEY, None)
            return redirect("cases:list")
        search_form = PeselSearchForm(request.POST)
        if search_form.is_valid():
            # Only the keyed hash is kept (in the session), never the number itself.
            request.session[SEARCH_KEY] = keyed_hash(search_form.cleaned_data["pesel"])
            return redirect("cases:list")
    cases = selectors.cases_of(user)
    coordinated = [c for c in cases if c.my_role == "coordinator"]
    pesel_hash = request.session.get(SEARCH_KEY, "")
    found = selectors.cases_by_pesel_hash(coordinated, pesel_hash) if pesel_hash else None
    context = {
        "cases": cases,
        "referrals": selectors.referrals_sent_by(user),
        "inbox": selectors.referral_inbox(user),
        "can_refer": bool(selectors.referral_targets(user)),
        "can_open": bool(selectors.ops_unit_ids_of(user)),
        "search_form": search_form if coordinated else None,
        "found": found,
    }
    return render(request, "cases/intake/list.html", context, status=400 if search_form.errors else 200)


@allow(AUTHENTICATED)
def referral_create(request):
    targets = selectors.referral_targets(request.user)
    if not targets:
        raise Http404
    form = ReferralForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        cooperation, institution = form.cleaned_data["target"]
        try:
            referral = services.referral_send(
                actor=request.user,
                cooperation=cooperation,
                from_institution=institution,
                kind=form.cleaned_data["kind"],
                person_name=form.cleaned_data["person_name"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Referral %(reference)s sent to the OPS.") % {"reference": referral.reference})
            return redirect("cases:list")
    return render(request, "cases/intake/referral_form.html", {"form": form}, status=400 if form.errors else 200)


@allow(AUTHENTICATED)
@require_POST
def referral_withdraw(request, referral_id: int):
    referral = selectors.referral_for_user(user=request.user, referral_id=referral_id)
    try:
        services.referral_withdraw(actor=request.user, referral=referral)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The referral has been withdrawn."))
    return redirect("cases:list")


@allow(AUTHENTICATED)
@require_POST
def referral_accept(request, referral_id: int):
    referral = selectors.referral_for_user(user=request.user, referral_id=referral_id, decide=True)
    try:
        case = services.referral_accept(actor=request.user, referral=referral)
    except ValidationError as error:
        _errors(request, error)
        return redirect("cases:list")
    messages.success(
        request, _("Case %(reference)s opened. Record the consent and the people.") % {"reference": case.reference}
    )
    return redirect("cases:detail", case.pk)


@allow(AUTHENTICATED)
def referral_decline(request, referral_id: int):
    referral = selectors.referral_for_user(user=request.user, referral_id=referral_id, decide=True)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_decline(actor=request.user, referral=referral, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The referral has been declined; the sender will be told."))
            return redirect("cases:list")
    return render(
        request, "cases/intake/decline.html", {"form": form, "referral": referral}, status=400 if form.errors else 200
    )


@allow(AUTHENTICATED)
def case_create(request):
    cooperations = selectors.cooperations_to_open_cases_in(request.user)
    if not cooperations:
        raise Http404
    from kooperacja.cooperation.models import Cooperation

    choices = Cooperation.objects.filter(pk__in=[c.pk for c in cooperations]).order_by("name")
    form = CaseOpenForm(request.POST or None, cooperations=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open_for_person(
                actor=request.user,
                cooperation=data["cooperation"],
                kind=data["kind"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Case %(reference)s opened.") % {"reference": case.reference})
            return redirect("cases:detail", case.pk)
    return render(request, "cases/intake/case_form.html", {"form": form}, status=400 if form.errors else 200)


# --- The case overview and its forms ----------------------------------------------------------------


@allow(AUTHENTICATED)
def overview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, queryset=Case.objects.select_related("qualified_by"))
    return render(
        request, "cases/intake/overview.html", case_context(case, "cases:detail", **selectors.case_overview(case))
    )


def _form_page(request, case, form, *, title: str, intro: str = "", submit: str = "", danger: bool = False):
    return render(
        request,
        "cases/intake/form.html",
        case_context(
            case, "cases:detail", form=form, title=title, intro=intro, submit=submit or _("Save"), danger=danger
        ),
        status=400 if form.errors else 200,
    )


def _run(request, form, call, success: str):
    """Call the service; on success say so and return True, else put its errors on the form."""
    try:
        call()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, success)
    return True


@allow(AUTHENTICATED)
def qualification(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.case_qualify(
                actor=request.user,
                case=case,
                qualified=data["qualified"],
                decided_on=data["decided_on"],
                note=data["note"],
            ),
            _("The qualification decision has been recorded."),
        ):
            return redirect("cases:detail", case.pk)
    return _form_page(
        request,
        case,
        form,
        title=_("Qualification decision"),
        intro=_("The OPS decides whether the person or family is taken into the work of the model."),
    )


@allow(AUTHENTICATED)
def interview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = InterviewForm(request.POST or None, instance=copy.copy(case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.case_interview_set(
                actor=request.user,
                case=case,
                interview_date=data["interview_date"],
                interview_reference=data["interview_reference"],
                edit_version=data.get("edit_version"),
            ),
            _("Changes saved."),
        ):
            return redirect("cases:detail", case.pk)
    return _form_page(
        request,
        case,
        form,
        title=_("Family environmental interview"),
        intro=_("The interview itself is kept in the OPS system; here only its date and reference."),
    )


def _person(case, person_id: int) -> Person:
    return get_object_or_404(Person, pk=person_id, case=case)


@allow(AUTHENTICATED)
def person_create(request, case_id: int):
    return _person_form(request, case_for_user(user=request.user, case_id=case_id, write=True), None)


@allow(AUTHENTICATED)
def person_edit(request, case_id: int, person_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    return _person_form(request, case, _person(case, person_id))


def _person_form(request, case, person):
    form = PersonForm(request.POST or None, instance=copy.copy(person) if person else Person(case=case))
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: services.person_save(actor=request.user, case=case, person=person, data=form.cleaned_data),
            _("Changes saved."),
        )
    ):
        return redirect("cases:detail", case.pk)
    title = _("Add a person") if person is None else _("Change the person's data")
    return _form_page(
        request, case, form, title=title, intro=_("Minimal by design: only what the work with the family needs.")
    )


@allow(AUTHENTICATED)
@require_POST
def person_remove(request, case_id: int, person_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    try:
        services.person_remove(actor=request.user, person=_person(case, person_id))
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The person has been removed from the case."))
    return redirect("cases:detail", case.pk)


@allow(AUTHENTICATED)
def consent_create(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = ConsentForm(request.POST or None, institutions=selectors.consent_institutions(case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.consent_record(
                actor=request.user,
                case=case,
                given_on=data["given_on"],
                given_by=data["given_by"],
                institutions=data["institutions"],
                all_team=data["scope"] == "all",
            ),
            _("The consent has been recorded."),
        ):
            return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/intake/consent_form.html",
        case_context(
            case,
            "cases:detail",
            form=form,
            title=_("Record the consent"),
            intro=_("Group members see the case only once a consent covers their institution."),
        ),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
def consent_pdf(request, case_id: int, consent_id: int):
    """The consent to sign: the plain sentence of what the family agreed to, then the signatures."""
    from kooperacja.documents.pdf import render_pdf  # WeasyPrint is heavy: only this view needs it

    case = case_for_user(user=request.user, case_id=case_id, write=True)
    consent = get_object_or_404(Consent, pk=consent_id, case=case)
    response = HttpResponse(
        render_pdf("cases/intake/consent_pdf.html", {"case": case, "consent": consent}),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="zgoda-{case.pk}-{consent.pk}.pdf"'
    return response


@allow(AUTHENTICATED)
def consent_withdraw(request, case_id: int, consent_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    consent = get_object_or_404(Consent, pk=consent_id, case=case)
    consent.case = case
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.consent_withdraw(
                actor=request.user, consent=consent, withdrawn_on=data["withdrawn_on"], note=data["note"]
            ),
            _("The consent has been withdrawn: the institutions it covered no longer see the case."),
        ):
            return redirect("cases:detail", case.pk)
    return _form_page(
        request,
        case,
        form,
        title=_("Withdraw the consent"),
        danger=True,
        submit=_("Withdraw"),
        intro=_("Withdrawal ends the joint work: the group members it covered lose access."),
    )


@allow(AUTHENTICATED)
def override_create(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = OverrideForm(request.POST or None, institutions=selectors.consent_institutions(case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.consent_override_record(
                actor=request.user,
                case=case,
                institution=data["institution"],
                legal_basis=data["legal_basis"],
                reason=data["reason"],
            ),
            _("The sharing has been recorded."),
        ):
            return redirect("cases:detail", case.pk)
    return _form_page(
        request,
        case,
        form,
        title=_("Share without consent"),
        danger=True,
        intro=_("Only on a legal basis, e.g. a child at risk. The decision is recorded with your name."),
    )


@allow(AUTHENTICATED)
def break_glass(request, case_id: int):
    """Administrators only (404 for everyone else): a written reason opens the case for an hour."""
    case = selectors.case_for_break_glass(user=request.user, case_id=case_id)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass_open(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.warning(request, _("Emergency access granted for an hour. The coordinator has been told."))
            return redirect("cases:detail", case.pk)
    return render(
        request, "cases/intake/break_glass.html", {"form": form, "case": case}, status=400 if form.errors else 200
    )


# --- Data-subject rights ----------------------------------------------------------------------------


def _export(request, case_id: int, person_id: int, file_format: str):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    if case.access < AnalysisAccess.EDIT:
        raise Http404
    person = _person(case, person_id)
    person.case = case
    services.person_export_record(actor=request.user, person=person, file_format=file_format)
    return case, person, selectors.person_export(person)


@allow(AUTHENTICATED)
def person_export_json(request, case_id: int, person_id: int):
    case, person, data = _export(request, case_id, person_id, "json")
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="dane-osoby-{person.pk}.json"'
    return response


@allow(AUTHENTICATED)
def person_export_pdf(request, case_id: int, person_id: int):
    from kooperacja.documents.pdf import render_pdf

    case, person, data = _export(request, case_id, person_id, "pdf")
    sections = selectors.person_export_sections(person)
    pdf = render_pdf("cases/intake/export_pdf.html", {"case": case, "person": person, "sections": sections})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="dane-osoby-{person.pk}.pdf"'
    return response


@allow(AUTHENTICATED)
@require_POST
def case_staff(request, case_id: int):
    """Name or un-name an OPS worker who reads the case."""
    from kooperacja.accounts.models import User

    case = case_for_user(user=request.user, case_id=case_id, write=True)
    user = get_object_or_404(User, pk=request.POST.get("user") or 0)
    try:
        services.case_staff_set(actor=request.user, case=case, user=user, named=request.POST.get("named") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect(reverse("cases:detail", args=[case.pk]) + "#staff-heading")
