"""The case group at work (R-33, 002 §4.2, §4.4): how often it monitors the case, why an extra meeting was
called, and how the family took part in each meeting. The meetings themselves are the meetings engine's
(kooperacja.meetings: Meeting.case, invitations, minutes)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned
from kooperacja.core.crypto import EncryptedTextField


class MonitoringPlan(Versioned):
    """How often the group meets to monitor the case: set at the first meeting, changeable."""

    FREQUENCIES = [(2, _("every 2 weeks")), (4, _("every 4 weeks")), (6, _("every 6 weeks")), (8, _("every 8 weeks"))]

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="monitoring_plan")
    every_weeks = models.PositiveSmallIntegerField(
        _("frequency of monitoring meetings"),
        choices=FREQUENCIES,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )
    set_at_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("set at the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("monitoring plan")
        verbose_name_plural = _("monitoring plans")
        constraints = [models.CheckConstraint(condition=Q(every_weeks__gte=1), name="monitoring_plan_frequency")]

    def __str__(self) -> str:
        return f"{self.case} / {self.every_weeks}"


class ExtraMeeting(models.Model):
    """A meeting called by a member of the group outside the plan, on a significant change (002 §4.4)."""

    meeting = models.OneToOneField("meetings.Meeting", on_delete=models.CASCADE, related_name="extra_call")
    called_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("significant change"))
    at = models.DateTimeField(_("called"), auto_now_add=True)

    class Meta:
        verbose_name = _("extra meeting")
        verbose_name_plural = _("extra meetings")

    def __str__(self) -> str:
        return str(self.meeting_id)


class FamilyParticipation(Versioned):
    """How the family took part in a meeting of its group: present, or consulted before and informed after."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        HOME_VISIT = "home_visit", _("home visit")
        PHONE = "phone", _("by phone")
        LETTER = "letter", _("by letter")
        OTHER = "other", _("otherwise")

    meeting = models.OneToOneField("meetings.Meeting", on_delete=models.CASCADE, related_name="family_participation")
    attended = models.BooleanField(_("the family attended"), default=False)
    consulted_how = models.CharField(_("consulted before: how"), max_length=10, choices=Channel.choices, blank=True)
    consulted_on = models.DateField(_("consulted before: when"), null=True, blank=True)
    informed_how = models.CharField(_("informed after: how"), max_length=10, choices=Channel.choices, blank=True)
    informed_on = models.DateField(_("informed after: when"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("participation of the family")
        verbose_name_plural = _("participation of the family")
        constraints = [
            models.CheckConstraint(
                condition=Q(attended=True) | Q(consulted_on__isnull=False) | Q(informed_on__isnull=False),
                name="family_participation_recorded",
            ),
        ]

    def __str__(self) -> str:
        return str(self.meeting_id)
