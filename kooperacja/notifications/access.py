"""Who may see and handle outgoing e-mail: administrators only (a message names its recipient)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kooperacja.accounts.access import is_administrator
from kooperacja.notifications.models import OutboxMessage


def outbox_message_for_user(*, user, message_id: int) -> OutboxMessage:
    if not is_administrator(user):
        raise PermissionDenied
    return get_object_or_404(OutboxMessage, pk=message_id)
