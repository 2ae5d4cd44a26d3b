"""The request that is being served, for audit records written deep inside services.

Set by AuditContextMiddleware; empty in management commands and the worker (their records carry no address).
"""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("audit_current_ip", default=None)
