"""Writing to the audit log. Every service that changes data, and every read of personal data, calls record().

Reads are many (every page of a case logs one) and change nothing, so within a request they are collected and
written together, in one INSERT, when the response is ready (``AuditContextMiddleware``); changes are written at
once, inside the transaction of the service that makes them."""

from django.db import models

from kooperacja.audit.context import current_ip, pending_reads
from kooperacja.audit.models import AuditEvent

Action = AuditEvent.Action


def record(
    *,
    action: str,
    actor=None,
    obj: models.Model | None = None,
    institution=None,
    details: dict | None = None,
    actor_email: str = "",
) -> AuditEvent:
    """Append one entry. ``details`` carries field names and identifiers only, never personal data."""
    event = _event(action=action, actor=actor, obj=obj, institution=institution, details=details, email=actor_email)
    event.save()
    return event


def _event(*, action: str, actor, obj, institution, details: dict | None, email: str) -> AuditEvent:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent(
        actor=actor,
        actor_email=actor.email if actor is not None else email[:254],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        institution=institution,
        ip_address=current_ip.get(),
        details=details or {},
    )


def record_read(*, actor, obj: models.Model, institution=None) -> AuditEvent:
    """Log that ``actor`` saw ``obj``, an object holding personal data (SPEC R-50).

    During a request the entry waits for the end of the request and is written with the request's other reads
    (``flush_reads``), before the response leaves: a page whose reads cannot be logged is not sent. Outside a
    request (commands, the worker) it is written at once. The entry returned has no ``pk`` until it is written.
    """
    event = _event(action=Action.READ, actor=actor, obj=obj, institution=institution, details=None, email="")
    buffer = pending_reads.get()
    if buffer is None:
        event.save()
    else:
        buffer.append(event)
    return event


def flush_reads(events: list[AuditEvent]) -> None:
    """Write the reads collected during a request: one INSERT for all of them (none when there are none)."""
    if len(events) == 1:
        events[0].save()  # a single INSERT, without the transaction bulk_create opens around its batches
    elif events:
        AuditEvent.objects.bulk_create(events)
    events.clear()


def changed_fields(instance: models.Model, data: dict) -> list[str]:
    """Names of the fields whose value ``data`` would change — what an UPDATE entry records."""
    return sorted(name for name, value in data.items() if getattr(instance, name) != value)
