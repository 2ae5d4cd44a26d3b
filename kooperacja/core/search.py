"""Search forms whose terms may name people (users, the audit log).

Personal data never goes into a URL (it would land in access logs and browser history): such a form is sent
by POST, its terms are kept in the session, and the page redirects to itself; paging stays in the URL.
"""

from django.shortcuts import redirect


def remembered_search(request, *, key: str, form_class):
    """Return ``(form, response)``: a response (redirect) after POST, else the form bound to the kept terms."""
    session_key = f"search:{key}"
    if request.method == "POST":
        request.session[session_key] = {
            name: request.POST.get(name, "") for name in form_class.base_fields if request.POST.get(name)
        }
        return None, redirect(request.path)
    data = request.session.get(session_key)
    return (form_class(data) if data else form_class()), None
