"""A request body larger than any upload the platform accepts is refused before a byte of it is read.

Django streams an uploaded file to a temporary file, so a 200 MB upload would be received whole before a form
could say it is too large. This middleware reads only the ``Content-Length`` header (Django reads no body
without it) and answers 413 with a Polish page when it is above ``MAX_REQUEST_MB`` — the largest upload of the
platform (a 10 MB attachment or directory file) with room for the rest of the form. Each form still checks its
own, smaller limit and says so. The web server in front should refuse the same size (nginx
``client_max_body_size``), so the body never reaches the application at all.
"""

from django.conf import settings
from django.shortcuts import render


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_MB * 1024 * 1024:
            response = render(request, "413.html", {"limit": settings.MAX_REQUEST_MB}, status=413)
            response["Connection"] = "close"  # the rest of the body is never read
            return response
        return self.get_response(request)
