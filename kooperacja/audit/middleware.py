from kooperacja.audit.context import current_ip


class AuditContextMiddleware:
    """Makes the client's address available to audit records written by services.

    Behind nginx, set ``proxy_set_header X-Real-IP $remote_addr`` and BEHIND_PROXY=true (see README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


def client_ip(request) -> str | None:
    from django.conf import settings

    if settings.SECURE_PROXY_SSL_HEADER and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR") or None
