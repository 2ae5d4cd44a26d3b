from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kooperacja.accounts.access import (
    ADMINISTRATOR,
    AUTHENTICATED,
    allow,
    institution_for_user,
    is_administrator,
)
from kooperacja.directory import services
from kooperacja.directory.forms import InstitutionForm, InstitutionSearchForm
from kooperacja.directory.selectors import institution_search


@allow(AUTHENTICATED)
def institution_list(request):
    form = InstitutionSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(institution_search(query=query), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "can_edit": is_administrator(request.user),
        },
    )


@allow(ADMINISTRATOR)
def institution_create(request):
    form = InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.institution_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Institution added."))
        return redirect("directory:list")
    return render(
        request,
        "directory/form.html",
        {"form": form, "title": _("New institution")},
        status=400 if form.errors else 200,
    )


@allow(ADMINISTRATOR)
def institution_edit(request, institution_id: int):
    institution = institution_for_user(user=request.user, institution_id=institution_id, write=True)
    form = InstitutionForm(request.POST or None, instance=institution)
    if request.method == "POST" and form.is_valid():
        services.institution_update(actor=request.user, institution=institution, data=form.cleaned_data)
        messages.success(request, _("Changes saved."))
        return redirect("directory:list")
    return render(
        request,
        "directory/form.html",
        {"form": form, "title": institution.name},
        status=400 if form.errors else 200,
    )
