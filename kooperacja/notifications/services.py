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


# --- Notifications: the in-app centre and an e-mail that carries nothing personal -----------------------


def notify(*, recipients, kind: str, message: str, url: str = "", key: str = "") -> list:
    """Tell ``recipients`` (users) that something awaits them: an entry in their notification centre and an
    e-mail saying only *what kind* of thing is new, with a link that requires login (R-50). ``message`` is for
    the centre: never a client's name, PESEL, address or situation. With ``key``, a user is notified of it once
    (periodic jobs may run again). Call inside the service's transaction: the e-mail goes with the commit."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from kooperacja.notifications.models import Notification

    created = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        if key and Notification.objects.filter(user=user, key=key).exists():
            continue
        notification = Notification.objects.create(user=user, kind=kind, message=message[:300], url=url, key=key)
        created.append(notification)
        with translation.override(settings.LANGUAGE_CODE):
            kind_label = str(Notification.Kind(kind).label)
            link = settings.SITE_URL.rstrip("/") + (url or "/powiadomienia/")
            body = render_to_string("notifications/email.txt", {"kind": kind_label, "link": link, "user": user})
            subject = render_to_string("notifications/email_subject.txt", {"kind": kind_label}).strip()
        outbox_enqueue(to_email=user.email, subject=subject, body=body)
    return created


def notification_read(*, user, notification) -> None:
    if notification.user_id == user.pk and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_read_all(*, user) -> int:
    from kooperacja.notifications.models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
