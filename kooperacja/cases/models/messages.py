"""Secure messages of a case group: the text is encrypted at rest, attachments are stored under
a random name in the private MEDIA_ROOT and served only after the access check."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.crypto import EncryptedTextField


class CaseMessage(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="case_messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message of a case")
        verbose_name_plural = _("messages of a case")
        ordering = ["case", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case} #{self.pk}"


def attachment_path(instance, filename: str) -> str:
    """A random name: the uploaded one may carry a person's name, so it is kept only encrypted in the row."""
    return f"case_messages/{instance.message.case_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class MessageAttachment(models.Model):
    message = models.ForeignKey(CaseMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = EncryptedTextField(_("file name"), blank=True)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment of a message")
        verbose_name_plural = _("attachments of messages")
        ordering = ["message", "pk"]

    def __str__(self) -> str:
        return f"{self.message} #{self.pk}"
