"""Writes to a case's secure thread. The text is encrypted at rest; an attachment is checked by
its content (documents.uploads.check_message_attachment) and stored under a random name. The other members
get a notice naming the case reference only (R-50)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kooperacja.audit.services import Action, record
from kooperacja.cases.messages.selectors import may_post, thread_recipients
from kooperacja.cases.models import CaseMessage, MessageAttachment
from kooperacja.documents.uploads import check_message_attachment
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import notify

MAX_BODY = 10_000


@transaction.atomic
def message_post(*, actor, case, body: str, attachments=()) -> CaseMessage:
    """Post ``body`` (and optional uploaded ``attachments``) in the thread of ``case``."""
    if case.is_closed:
        raise ValidationError(_("The case is closed: its messages can be read, not added."))
    if not may_post(case, actor):
        raise ValidationError(_("Only the coordinator and the current members of the case group write here."))
    body = (body or "").strip()
    attachments = [a for a in attachments if a]
    if not body and not attachments:
        raise ValidationError({"body": _("Write a message or attach a file.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("The message is too long.")})
    types = [check_message_attachment(upload, field="attachment") for upload in attachments]
    message = CaseMessage.objects.create(case=case, author=actor, body=body)
    for upload, content_type in zip(attachments, types, strict=True):
        upload.seek(0)
        MessageAttachment.objects.create(
            message=message, file=upload, original_name=upload.name[:200], content_type=content_type, size=upload.size
        )
    record(action=Action.CREATE, actor=actor, obj=message, details={"case": case.pk, "attachments": len(attachments)})
    notify(
        recipients=thread_recipients(case, exclude=actor),
        kind=Notification.Kind.MESSAGE,
        message=_("New message in case %(reference)s.") % {"reference": case.reference},
        url=reverse("cases:messages", args=[case.pk]),
    )
    return message
