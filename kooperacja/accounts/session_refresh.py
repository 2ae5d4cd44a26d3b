"""The idle timeout without a session write on every request.

A session ends ``SESSION_IDLE_MINUTES`` after it was last saved (``SESSION_COOKIE_AGE``; the cookie itself lives
until the browser closes). Saving it on every request would push that moment forward each time, at the price of
a database write per page. Instead the session is marked for saving only when its last refresh is older than
``SESSION_REFRESH_SECONDS`` (a minute, or a tenth of the timeout when that is shorter): a user who stops working
is logged out between ``SESSION_IDLE_MINUTES`` minus that interval and ``SESSION_IDLE_MINUTES`` after their last
request — never later — and one who keeps working is never logged out.
"""

from django.conf import settings
from django.utils import timezone

REFRESHED_AT_KEY = "_refreshed_at"


def refresh_interval() -> int:
    """Seconds between two refreshes of an active session."""
    return getattr(settings, "SESSION_REFRESH_SECONDS", min(60, settings.SESSION_COOKIE_AGE // 10))


class SessionRefreshMiddleware:
    """Placed right after ``SessionMiddleware``, so that its decision is taken before the session is saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None and not session.modified:
            return response  # no session cookie and nothing stored: nothing to keep alive
        now = int(timezone.now().timestamp())
        last = session.get(REFRESHED_AT_KEY)  # loads the session if the view did not (one query)
        if session.is_empty():
            return response  # an expired or unknown session: Django drops the cookie
        if session.modified or not isinstance(last, int) or now - last >= refresh_interval() or now < last:
            session[REFRESHED_AT_KEY] = now  # marks the session modified: SessionMiddleware saves it
        return response
