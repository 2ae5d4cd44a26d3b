"""The outbox: services enqueue e-mails inside their transaction; the worker sends them after commit."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from kooperacja.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def outbox_enqueue(*, to_email: str, subject: str, body: str) -> OutboxMessage:
    return OutboxMessage.objects.create(
        to_email=to_email, subject=subject[:200], body=body, next_attempt_at=timezone.now()
    )


def outbox_claim(*, limit: int = 20) -> list[OutboxMessage]:
    """Claim due messages so that several workers never send one twice (rows locked, skipped by others)."""
    now = timezone.now()
    with transaction.atomic():
        due = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
        if transaction.get_connection().features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        claimed = list(due.order_by("next_attempt_at", "id")[:limit])
        # Push the claimed rows' next attempt ahead: a worker that dies mid-send releases them later.
        OutboxMessage.objects.filter(pk__in=[m.pk for m in claimed]).update(next_attempt_at=now + timedelta(minutes=5))
    return claimed


def outbox_send(*, message: OutboxMessage) -> bool:
    try:
        send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to_email])
    except Exception as exc:  # any transport failure: retry later, never lose the message
        message.attempts += 1
        message.last_error = f"{type(exc).__name__}: {exc}"[:300]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxMessage.Status.FAILED
        message.next_attempt_at = timezone.now() + timedelta(minutes=2**message.attempts)
        message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        logger.warning("outbox message %s failed (attempt %s): %s", message.pk, message.attempts, type(exc).__name__)
        return False
    message.status = OutboxMessage.Status.SENT
    message.attempts += 1
    message.sent_at = timezone.now()
    message.body = ""  # it may hold a one-time password link: keep nothing usable once delivered
    message.save(update_fields=["status", "attempts", "sent_at", "body"])
    return True


def outbox_process(*, limit: int = 20) -> int:
    """Send what is due; returns how many were sent."""
    return sum(outbox_send(message=m) for m in outbox_claim(limit=limit))
