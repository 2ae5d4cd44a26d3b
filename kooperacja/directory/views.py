import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import (
    AUTHENTICATED,
    DIRECTORY_KEEPER,
    allow,
    institution_for_user,
    may_confirm_institution,
    may_keep_directory_of,
    service_for_user,
)
from kooperacja.core.forms import add_service_errors
from kooperacja.directory import freshness, services
from kooperacja.directory.forms import (
    ContactFormSet,
    InstitutionFilterForm,
    InstitutionForm,
    PhoneFormSet,
    ServiceForm,
    SpecialistsForm,
)
from kooperacja.directory.selectors import RESULT_LIMIT, institution_search_page, institutions_with_details, stale_ids


@allow(AUTHENTICATED)
def institution_list(request):
    form = InstitutionFilterForm(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    if "q" in filters:
        filters["query"] = filters.pop("q")
    results = institution_search_page(page_number=request.GET.get("page"), **filters)
    page = results.page
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/list.html",
        {
            "form": form,
            "page": page,
            "more": results.more,
            "result_limit": RESULT_LIMIT,
            "extra_query": f"{query.urlencode()}&" if query else "",
            "can_add": DIRECTORY_KEEPER.test(request.user),
            "stale_ids": stale_ids(page),
        },
    )


@allow(AUTHENTICATED)
def institution_detail(request, institution_id: int):
    institution = institution_for_user(
        user=request.user, institution_id=institution_id, queryset=institutions_with_details()
    )
    history = institution.history.select_related("history_user").order_by("-history_date")[:10]
    return render(
        request,
        "directory/detail.html",
        {
            "institution": institution,
            "history": history,
            "can_edit": may_keep_directory_of(request.user, institution.unit),
            **_freshness_context(request.user, institution),
        },
    )


def _freshness_context(user, institution) -> dict:
    return {
        "can_confirm": may_confirm_institution(user, institution),
        "stale": freshness.is_stale(institution),
        "stale_services": [s for s in institution.services.all() if freshness.is_stale(s)],
        "confirm_months": settings.DIRECTORY_CONFIRM_MONTHS,
    }


@allow(AUTHENTICATED)
@require_POST
def institution_confirm(request, institution_id: int):
    """ "Potwierdzam aktualność danych": the institution's own workers or its area's keepers."""
    institution = institution_for_user(user=request.user, institution_id=institution_id)
    if not may_confirm_institution(request.user, institution):
        raise PermissionDenied
    try:
        version = int(request.POST.get("edit_version", ""))
    except ValueError:
        version = None
    try:
        freshness.institution_confirm(actor=request.user, institution=institution, edit_version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: the data of the institution and its services are confirmed."))
    return redirect("directory:detail", institution.pk)


def _related_forms(request, institution=None):
    data = request.POST if request.method == "POST" else None
    if institution is not None:
        phones = [{"number": p.number, "description": p.description} for p in institution.phones.all()]
        contacts = [
            {"name": c.name, "function": c.function, "phone": c.phone, "email": c.email}
            for c in institution.contacts.all()
        ]
        counts = {s.kind: s.count for s in institution.specialists.all()}
    else:
        phones, contacts, counts = [], [], {}
    return (
        PhoneFormSet(data, prefix="phones", initial=phones),
        ContactFormSet(data, prefix="contacts", initial=contacts),
        SpecialistsForm(data, prefix="specialists", initial_counts=counts),
    )


def _related_data(phones, contacts, specialists) -> dict:
    return {
        "phones": [(f.cleaned_data.get("number", ""), f.cleaned_data.get("description", "")) for f in phones],
        "contacts": [
            tuple(f.cleaned_data.get(k, "") for k in ("name", "function", "phone", "email")) for f in contacts
        ],
        "specialists": specialists.counts(),
    }


def _institution_form_page(request, *, institution=None):
    # A model form writes what it validates into its instance: it gets a copy, the service the original.
    form = InstitutionForm(request.POST or None, instance=copy.copy(institution), user=request.user)
    phones, contacts, specialists = _related_forms(request, institution)
    if request.method == "POST" and all(f.is_valid() for f in (form, phones, contacts, specialists)):
        data = {k: v for k, v in form.cleaned_data.items()} | _related_data(phones, contacts, specialists)
        if institution is None:
            saved = services.institution_create(actor=request.user, **data)
            messages.success(request, _("Institution added."))
            return redirect("directory:detail", saved.pk)
        try:
            saved = services.institution_update(actor=request.user, institution=institution, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("directory:detail", saved.pk)
    title = institution.name if institution else _("New institution")
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "phones": phones,
            "contacts": contacts,
            "specialists": specialists,
            "title": title,
            "institution": institution,
        },
        status=400 if request.method == "POST" else 200,
    )


@allow(DIRECTORY_KEEPER)
def institution_create(request):
    return _institution_form_page(request)


@allow(AUTHENTICATED)
def institution_edit(request, institution_id: int):
    institution = institution_for_user(
        user=request.user, institution_id=institution_id, write=True, queryset=institutions_with_details()
    )
    return _institution_form_page(request, institution=institution)


def _service_form_page(request, *, institution, service=None):
    form = ServiceForm(request.POST or None, instance=copy.copy(service))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.service_save(actor=request.user, institution=institution, service=service, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Service saved."))
            return redirect("directory:detail", institution.pk)
    return render(
        request,
        "directory/service_form.html",
        {"form": form, "institution": institution, "service": service},
        status=400 if request.method == "POST" else 200,
    )


@allow(AUTHENTICATED)
def service_create(request, institution_id: int):
    institution = institution_for_user(user=request.user, institution_id=institution_id, write=True)
    return _service_form_page(request, institution=institution)


@allow(AUTHENTICATED)
def service_edit(request, service_id: int):
    service = service_for_user(user=request.user, service_id=service_id, write=True)
    return _service_form_page(request, institution=service.institution, service=service)


@allow(AUTHENTICATED)
@require_POST
def service_delete(request, service_id: int):
    service = service_for_user(user=request.user, service_id=service_id, write=True)
    institution_id = service.institution_id
    services.service_delete(actor=request.user, service=service)
    messages.success(request, _("Service removed."))
    return redirect("directory:detail", institution_id)
