"""One place where an unreadable encrypted value becomes a page: a clear Polish error, never a stack trace, never
the value, and nothing saved (the object failed to load, so no form or service got hold of it)."""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string

from kooperacja.core.crypto import DecryptionError

logger = logging.getLogger(__name__)


class DecryptionErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DecryptionError):
            return None
        logger.error(
            "Page %s %s stopped: %s.%s cannot be decrypted with FIELD_ENCRYPTION_KEY.",
            request.method,
            request.path,
            exception.model or "?",
            exception.field or "?",
        )
        # Rendered without the request: the navigation of base.html could itself read encrypted data.
        return HttpResponse(render_to_string("core/decryption_error.html"), status=500)
