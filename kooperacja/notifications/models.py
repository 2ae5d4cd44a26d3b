from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail waiting to be sent by the worker. Bodies never carry personal data of families (R-50).

    A body is emptied once the message is sent; a body holding a one-time link (a password link) is emptied
    as well when the message fails for good, so the database never keeps a usable link longer than needed.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    to_email = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    one_time_link = models.BooleanField(
        _("holds a one-time link"), default=False, help_text=_("The body is removed once sent or failed.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    # Start of the retry window (OUTBOX_RETRY_HOURS): when queued, or when requeued after failing.
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    # Set by the worker that claimed the message; its results are written only while it still holds it.
    claim_token = models.CharField(_("claim"), max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_email}"


class Notification(models.Model):
    """An entry of a user's notification centre (R-50). Its text names no client: at most a meeting's kind
    and date, a step, an institution; details open behind the link, after login."""

    class Kind(models.TextChoices):
        MEETING_INVITATION = "meeting_invitation", _("invitation to a meeting")
        MEETING_REMINDER = "meeting_reminder", _("meeting reminder")
        MEETING_CHANGED = "meeting_changed", _("meeting changed or cancelled")
        MINUTES = "minutes", _("minutes to read or approve")
        TASK = "task", _("task assigned to you")
        APPLICATION = "application", _("application to ROPS")
        AGREEMENT = "agreement", _("cooperation agreement")
        STEP_OVERDUE = "step_overdue", _("overdue step of the cooperation")
        SURVEY = "survey", _("cooperation survey")
        CASE = "case", _("a case you work on")
        MESSAGE = "message", _("new message in a case")
        REPORT = "report", _("monthly report of a case")
        DIRECTORY_CONFIRM = "directory_confirm", _("directory entry to confirm")
        OTHER = "other", _("other")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    key = models.CharField(
        _("deduplication key"), max_length=120, blank=True, help_text=_("The same key is notified once per user.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="notification_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.message
