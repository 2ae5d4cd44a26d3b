"""Meetings of every kind: with the authorities (002 §3.2), with the institutions (§3.3), of the
team, of a case group (GGK, §4.2) and monitoring meetings (§4.4). One engine: invitations with answers, the
rules of the seeds (rules.py), reminders, attendance, minutes approved at the next meeting, action items."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned
from kooperacja.core.crypto import EncryptedTextField


class Meeting(Versioned):
    class Kind(models.TextChoices):
        AUTHORITIES = "authorities", _("meeting with the local authorities")
        INSTITUTIONS = "institutions", _("meeting with the institutions")
        TEAM = "team", _("meeting of the partnership team")
        CASE_GROUP = "case_group", _("case group meeting (GGK)")
        MONITORING = "monitoring", _("monitoring meeting")
        OTHER = "other", _("other meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    # Case-group meetings may hang on a case instead of a cooperation.
    cooperation = models.ForeignKey(
        "cooperation.Cooperation",
        verbose_name=_("cooperation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    # A meeting of a case group: seen only by who sees the case; its title names the case reference only.
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("kind of meeting"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("expected duration (minutes)"), default=120, validators=[MinValueValidator(15), MaxValueValidator(600)]
    )
    place = models.CharField(_("place"), max_length=255)
    agenda = EncryptedTextField(_("agenda"), blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15) & Q(duration_minutes__lte=600), name="meeting_duration_range"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""), name="meeting_cancel_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class RuleOverride(models.Model):
    """A blocking rule set aside by a person with a reason: who, when, why (the audit log has it too)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="overrides")
    moment = models.CharField(_("when checked"), max_length=20)  # "create", "update", "send"
    codes = models.JSONField(_("rules"), default=list)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rule set aside")
        verbose_name_plural = _("rules set aside")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="rule_override_has_reason")]

    def __str__(self) -> str:
        return ", ".join(self.codes)


class Invitation(Versioned):
    class Answer(models.TextChoices):
        PENDING = "pending", _("no answer yet")
        ACCEPTS = "accepts", _("accepts")
        DECLINES = "declines", _("declines")
        DEPUTY = "deputy", _("sends a deputy")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    institution = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person_name = models.CharField(_("name of the person invited"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("platform account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_invitations",
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING)
    deputy_name = models.CharField(_("deputy"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended = models.BooleanField(_("present"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=Q(user__isnull=False), name="invitation_user_once"
            ),
            models.CheckConstraint(condition=~Q(answer="deputy") | ~Q(deputy_name=""), name="invitation_deputy_named"),
            models.CheckConstraint(
                condition=Q(answer="pending") | Q(answered_at__isnull=False), name="invitation_answer_dated"
            ),
        ]

    def __str__(self) -> str:
        return self.person_name


class Minutes(Versioned):
    """Drafted at the end of the meeting, shown on screen, approved at the start of the next one (002 §3.3)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = EncryptedTextField(_("minutes"))
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(_("drafted"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_at_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("approved at the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes",
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True, approved_by__isnull=True, approved_at_meeting__isnull=True)
                | Q(approved_at__isnull=False, approved_by__isnull=False, approved_at_meeting__isnull=False),
                name="minutes_approval_complete",
            ),
            models.CheckConstraint(condition=~Q(approved_at_meeting=models.F("meeting")), name="minutes_not_self"),
        ]

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class Decision(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="decisions")
    text = EncryptedTextField(_("decision"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class ActionItem(models.Model):
    """A task agreed at a meeting: on its owner's task list until done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    description = EncryptedTextField(_("task"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="action_items"
    )
    owner_institution = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("owner's institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deadline = models.DateField(_("deadline"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["owner", "done_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(done_by__isnull=False), name="action_item_done_by_someone"
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]
