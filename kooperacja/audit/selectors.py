import ipaddress
from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from kooperacja.audit.models import AuditEvent


def audit_event_search(
    *,
    text: str = "",
    action: str = "",
    object_type: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("institution").order_by("-at", "-id")
    if text:
        condition = Q(actor_email__icontains=text) | Q(object_id=text)
        if _is_ip(text):
            condition |= Q(ip_address=text)
        events = events.filter(condition)
    if action:
        events = events.filter(action=action)
    if object_type:
        events = events.filter(object_type=object_type)
    tz = timezone.get_current_timezone()
    if date_from:
        events = events.filter(at__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        events = events.filter(at__lte=datetime.combine(date_to, time.max, tzinfo=tz))
    return events


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
