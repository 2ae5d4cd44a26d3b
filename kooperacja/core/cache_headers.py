"""No browser or proxy keeps a copy of what Django answers."""

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Marks every response Django produces as not to be stored (GDPR art. 32).

    Pages and downloads carry family data, and a social worker often shares the office computer: a page kept in
    the browser's cache can be reopened by the next person, after logout too. So every response produced here
    gets ``Cache-Control: no-store`` (with ``no-cache, must-revalidate, private, max-age=0``), ``Pragma:
    no-cache`` for old proxies, and an ``Expires`` that has already passed. That covers the anonymous pages as
    well (login, password reset): they carry a CSRF token or a one-time link and gain nothing from a cache, and
    one rule leaves no page to forget. Static files (CSS, JavaScript, images: no personal data, names versioned
    by content hash) are answered by WhiteNoise before this middleware and keep their long cache lifetime.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        response["Pragma"] = "no-cache"
        return response
