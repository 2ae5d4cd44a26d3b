"""Writing to the audit log. Every service that changes data, and every read of personal data, calls record()."""

from django.db import models

from kooperacja.audit.context import current_ip
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
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        actor_email=actor.email if actor is not None else actor_email[:254],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        institution=institution,
        ip_address=current_ip.get(),
        details=details or {},
    )


def record_read(*, actor, obj: models.Model, institution=None) -> AuditEvent:
    """Log that ``actor`` saw ``obj``, an object holding personal data (SPEC R-50)."""
    return record(action=Action.READ, actor=actor, obj=obj, institution=institution)


def changed_fields(instance: models.Model, data: dict) -> list[str]:
    """Names of the fields whose value ``data`` would change — what an UPDATE entry records."""
    return sorted(name for name, value in data.items() if getattr(instance, name) != value)
