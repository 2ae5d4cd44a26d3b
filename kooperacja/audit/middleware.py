from kooperacja.audit.context import current_ip, pending_reads
from kooperacja.audit.services import flush_reads


class AuditContextMiddleware:
    """Makes the client's address available to audit records written by services, and writes the reads of
    personal data logged during the request in one INSERT once the response is ready — error responses
    included, since a view that failed may still have shown (or begun to show) what it read.

    Behind nginx, set ``proxy_set_header X-Real-IP $remote_addr`` and BEHIND_PROXY=true (see README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip_token = current_ip.set(client_ip(request))
        reads: list = []
        reads_token = pending_reads.set(reads)
        try:
            return self.get_response(request)
        finally:
            # Reads logged after this point (a streamed response's content) are written at once.
            pending_reads.reset(reads_token)
            try:
                flush_reads(reads)
            finally:
                current_ip.reset(ip_token)


def client_ip(request) -> str | None:
    from django.conf import settings

    if settings.SECURE_PROXY_SSL_HEADER and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR") or None
