"""The outbox: services enqueue e-mails inside their transaction; the worker sends them after commit.

Delivery survives a mail-server outage: a failed attempt is retried after a pause that doubles up to
``OUTBOX_MAX_BACKOFF_MINUTES``, for at least ``OUTBOX_RETRY_HOURS``; only then is the message marked failed, and
an administrator (or ``outbox_retry``) can queue it again. Several workers may run at once: each claims one
message at a time, for longer than sending it can take, so no message is sent twice.
"""

import logging
import smtplib
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import OperationalError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from kooperacja.audit.services import Action, record
from kooperacja.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)

# Blocking SMTP steps of one message, each bounded by EMAIL_TIMEOUT: connect and greeting, EHLO, STARTTLS,
# EHLO again, AUTH, MAIL, RCPT, DATA, the message itself, RSET/QUIT.
SMTP_STEPS_PER_MESSAGE = 10


def outbox_claim_lease() -> timedelta:
    """How long a claim on one message lasts: twice the longest one message can take with every SMTP step
    answered just before ``EMAIL_TIMEOUT``. Only a message whose worker died is claimed again."""
    return timedelta(seconds=2 * SMTP_STEPS_PER_MESSAGE * settings.EMAIL_TIMEOUT)


def outbox_backoff(*, attempts: int) -> timedelta:
    """The pause after the n-th failed attempt: 2, 4, 8… minutes, at most OUTBOX_MAX_BACKOFF_MINUTES."""
    return timedelta(minutes=min(2 ** min(attempts, 20), settings.OUTBOX_MAX_BACKOFF_MINUTES))


def outbox_enqueue(
    *, to_email: str, subject: str, body: str, one_time_link: bool = False, now: datetime | None = None
) -> OutboxMessage:
    """Queue an e-mail; call inside the service's transaction so it goes (or not) with the commit.
    ``one_time_link``: the body holds a link that opens an account (password link); it is removed once the
    message is sent or fails for good."""
    now = now or timezone.now()
    return OutboxMessage.objects.create(
        to_email=to_email,
        subject=subject[:200],
        body=body,
        one_time_link=one_time_link,
        queued_at=now,
        next_attempt_at=now,
    )


def outbox_claim(*, now: datetime | None = None) -> OutboxMessage | None:
    """Claim the oldest due message for this worker, or None. Rows are locked and skipped by other workers on
    PostgreSQL; SQLite serialises the transaction (BEGIN IMMEDIATE). The claim moves the next attempt past the
    lease, so other workers leave the message alone while it is being sent."""
    now = now or timezone.now()
    with transaction.atomic():
        due = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
        if transaction.get_connection().features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        message = due.order_by("id").first()
        if message is None:
            return None
        message.claim_token = uuid.uuid4().hex
        message.next_attempt_at = now + outbox_claim_lease()
        message.save(update_fields=["claim_token", "next_attempt_at"])
    return message


class Outcome(StrEnum):
    SENT = "sent"
    REFUSED = "refused"  # the recipient was refused: the server works, the round goes on
    RETRY = "retry"  # the server is unreachable or failing: stop this round, try again later
    FAILED = "failed"  # the server kept failing for the whole retry window: marked failed


def _permanently_refused(exc: Exception) -> bool:
    """The server refused every recipient with a permanent (5xx) reply: retrying cannot help."""
    return isinstance(exc, smtplib.SMTPRecipientsRefused) and all(
        code >= 500 for code, _reply in exc.recipients.values()
    )


def _drop(connection) -> None:
    """Forget a connection after an error without waiting for a reply to QUIT from a server that hangs."""
    smtp = getattr(connection, "connection", None)
    try:
        if smtp is not None:
            smtp.close()
            connection.connection = None
        else:
            connection.close()
    except Exception:  # a connection already broken: nothing more to close
        logger.debug("closing a broken e-mail connection failed", exc_info=True)


def _finish(message: OutboxMessage, **fields) -> bool:
    """Write the result of an attempt, only if this worker still holds the claim."""
    fields["claim_token"] = ""
    mine = OutboxMessage.objects.filter(pk=message.pk, claim_token=message.claim_token)
    # The e-mail is already out: a result lost to a busy database would mean sending it again later.
    for pause in (0.1, 0.5, 2.0, None):
        try:
            updated = mine.update(**fields)
            break
        except OperationalError:
            if pause is None:
                raise
            time.sleep(pause)
    for name, value in fields.items():
        setattr(message, name, value)
    if not updated:
        logger.warning("outbox message %s: the claim ran out before its result was written", message.pk)
    return bool(updated)


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # the server went away meanwhile: the socket is closed anyway
        logger.debug("closing the e-mail connection failed", exc_info=True)


def outbox_send(*, message: OutboxMessage, connection, now: datetime | None = None) -> Outcome:
    """One attempt at a claimed message over ``connection`` (kept open for the next message); returns an
    ``Outcome``. Never raises for a transport error."""
    now = now or timezone.now()
    email = EmailMessage(
        message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to_email], connection=connection
    )
    try:
        connection.open()  # opened here, the connection stays open across the round
        email.send()
    except Exception as exc:  # any transport failure: retry later, never lose the message
        _drop(connection)
        attempts = message.attempts + 1
        gave_up = _permanently_refused(exc) or now >= message.queued_at + timedelta(hours=settings.OUTBOX_RETRY_HOURS)
        fields = {
            "attempts": attempts,
            "last_attempt_at": now,
            "last_error": f"{type(exc).__name__}: {exc}"[:300],
            "next_attempt_at": now + outbox_backoff(attempts=attempts),
        }
        if gave_up:
            fields["status"] = OutboxMessage.Status.FAILED
            if message.one_time_link:
                fields["body"] = ""
        _finish(message, **fields)
        logger.warning(
            "outbox message %s: attempt %s failed (%s)%s",
            message.pk,
            attempts,
            type(exc).__name__,
            ", marked failed" if gave_up else "",
        )
        if isinstance(exc, smtplib.SMTPRecipientsRefused):
            return Outcome.REFUSED
        return Outcome.FAILED if gave_up else Outcome.RETRY
    # Delivered: the body is needed no more (and may hold a one-time link).
    _finish(
        message,
        status=OutboxMessage.Status.SENT,
        attempts=message.attempts + 1,
        last_attempt_at=now,
        sent_at=now,
        body="",
    )
    logger.info("outbox message %s sent", message.pk)
    return Outcome.SENT


def outbox_process(*, limit: int = 20, now: datetime | None = None, connection=None) -> int:
    """Send up to ``limit`` due messages, oldest first, over one connection; returns how many were sent.
    A message the server cannot take now ends the round: the others wait for the next poll instead of each
    spending ``EMAIL_TIMEOUT`` on a server that is down."""
    # EMAIL_TIMEOUT bounds every step of the SMTP conversation.
    connection = connection or get_connection(timeout=settings.EMAIL_TIMEOUT)
    sent = 0
    try:
        for _ in range(limit):
            message = outbox_claim(now=now)
            if message is None:
                break
            outcome = outbox_send(message=message, connection=connection, now=now)
            sent += outcome == Outcome.SENT
            if outcome in (Outcome.RETRY, Outcome.FAILED):
                break
    finally:
        _close(connection)
    return sent


@dataclass(frozen=True)
class RequeueResult:
    requeued: int
    purged: int  # failed messages whose one-time link was removed: a new link must be sent instead


@transaction.atomic
def outbox_requeue(*, messages: QuerySet, actor=None, now: datetime | None = None) -> RequeueResult:
    """Queue failed messages again, with a fresh retry window. A message whose one-time link was removed
    cannot be sent again (the person needs a new link) and is left as it is."""
    now = now or timezone.now()
    failed = list(messages.filter(status=OutboxMessage.Status.FAILED).select_for_update().order_by("id"))
    requeued = [m for m in failed if not (m.one_time_link and not m.body)]
    for message in requeued:
        message.status = OutboxMessage.Status.PENDING
        message.attempts = 0
        message.queued_at = message.next_attempt_at = now
        message.claim_token = ""
        message.save(update_fields=["status", "attempts", "queued_at", "next_attempt_at", "claim_token"])
        record(action=Action.UPDATE, actor=actor, obj=message, details={"fields": ["status"], "requeued": True})
    if requeued:
        logger.info("outbox: %s failed message(s) requeued", len(requeued))
    return RequeueResult(requeued=len(requeued), purged=len(failed) - len(requeued))


def outbox_summary() -> dict[str, int]:
    """Counts by status, for the administrator's page and the dashboard."""
    from django.db.models import Count

    counts = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {status: counts.get(status, 0) for status in OutboxMessage.Status.values}


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
