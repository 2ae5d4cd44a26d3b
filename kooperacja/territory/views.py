from django.core.paginator import Paginator
from django.shortcuts import render

from kooperacja.accounts.access import AUTHENTICATED, allow, unit_for_user
from kooperacja.territory.forms import UnitSearchForm
from kooperacja.territory.models import Unit
from kooperacja.territory.selectors import unit_children, unit_counts, unit_institutions, unit_search

SUGGESTIONS = 15


@allow(AUTHENTICATED)
def search(request):
    form = UnitSearchForm(request.GET or None)
    query, level = "", ""
    if form.is_valid():
        query, level = form.cleaned_data["q"], form.cleaned_data["level"]
    units = unit_search(query=query, level=level)
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    extra = f"level={level}&" if level else ""
    return render(
        request,
        "territory/search.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "extra_query": extra,
            "counts": unit_counts(),
        },
    )


@allow(AUTHENTICATED)
def suggest(request):
    """htmx: suggestions for the unit picker."""
    query = request.GET.get("q", "").strip()[:100]
    level = request.GET.get("level", "")
    if level not in Unit.Level.values:
        level = ""
    units = unit_search(query=query, level=level) if len(query) >= 2 else Unit.objects.none()
    found = list(units[: SUGGESTIONS + 1])
    return render(
        request,
        "territory/_suggestions.html",
        {
            "query": query,
            "units": found[:SUGGESTIONS],
            "total": units.count() if len(found) > SUGGESTIONS else len(found),
        },
    )


@allow(AUTHENTICATED)
def detail(request, code: str):
    unit = unit_for_user(user=request.user, code=code)
    return render(
        request,
        "territory/detail.html",
        {
            "unit": unit,
            "children": unit_children(unit=unit),
            "institutions": unit_institutions(unit=unit),
        },
    )
