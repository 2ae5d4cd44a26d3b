from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from kooperacja.accounts.access import ADMINISTRATOR, allow
from kooperacja.audit.forms import AuditSearchForm
from kooperacja.audit.selectors import audit_event_search


@allow(ADMINISTRATOR)
def search(request):
    """Administrators search the log; nobody can change or remove an entry (there is no view for it)."""
    form = AuditSearchForm(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    page = Paginator(audit_event_search(**filters), 100).get_page(request.GET.get("page"))
    extra = urlencode({k: request.GET[k] for k in ("text", "action", "date_from", "date_to") if request.GET.get(k)})
    return render(
        request,
        "audit/search.html",
        {"form": form, "page": page, "extra_query": f"{extra}&" if extra else ""},
    )
