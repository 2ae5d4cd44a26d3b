"""The request that is being served, for audit records written deep inside services.

Set by AuditContextMiddleware; empty in management commands and the worker (their records carry no address).
"""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("audit_current_ip", default=None)

# The reads logged during the request, written together at its end; None outside a request (written at once).
pending_reads: ContextVar[list | None] = ContextVar("audit_pending_reads", default=None)
