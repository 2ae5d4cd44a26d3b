"""Reads of the outbox for the administrator's page."""

from datetime import datetime

from django.db.models import Min, QuerySet
from django.db.models.functions import Lower

from kooperacja.accounts.models import User
from kooperacja.notifications.models import OutboxMessage


def outbox_failed() -> QuerySet[OutboxMessage]:
    """Messages that could not be sent within the retry window, latest attempt first."""
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).order_by("-last_attempt_at", "-id")


def outbox_oldest_waiting() -> datetime | None:
    """When the longest-waiting message was queued: how long the mail server has been failing, if it is."""
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).aggregate(at=Min("queued_at"))["at"]


def accounts_by_email(*, emails: list[str]) -> dict[str, int]:
    """Account ids by lower-cased e-mail, to point from a removed password link to the person's account."""
    if not emails:
        return {}
    accounts = User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in={e.lower() for e in emails})
    return dict(accounts.values_list("email_lower", "pk").order_by())
