from django.core.paginator import Paginator
from django.shortcuts import render

from kooperacja.accounts.access import ADMINISTRATOR, allow
from kooperacja.audit.forms import AuditSearchForm
from kooperacja.audit.selectors import audit_event_search
from kooperacja.core.search import remembered_search


@allow(ADMINISTRATOR)
def search(request):
    """Administrators search the log; nobody can change or remove an entry (there is no view for it)."""
    form, response = remembered_search(request, key="audit", form_class=AuditSearchForm)
    if response:
        return response
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_bound and form.is_valid() else {}
    page = Paginator(audit_event_search(**filters), 100).get_page(request.GET.get("page"))
    return render(request, "audit/search.html", {"form": form, "page": page})
