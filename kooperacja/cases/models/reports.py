"""Monthly reports of the case group's members (R-36) and the coordinator's monitoring information (annex 7).

Every member of the group tells, at least once a month, how their own tasks for the family progress and what is
new; the coordinator compiles these into the monitoring information of a period, adds what the OPS knows,
reviews it and prints it. Free text about the family is encrypted at rest."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned
from kooperacja.core.crypto import EncryptedTextField


class MonthlyReport(Versioned):
    """One member's report on one month of one case. ``month`` is the month's first day."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="monthly_reports")
    membership = models.ForeignKey(
        "cases.GroupMembership", verbose_name=_("member"), on_delete=models.PROTECT, related_name="monthly_reports"
    )
    month = models.DateField(_("month"))
    progress = EncryptedTextField(_("progress of my tasks"), blank=True)
    new_information = EncryptedTextField(_("new information"), blank=True)
    difficulties = EncryptedTextField(_("difficulties and barriers"), blank=True)
    task_statuses = models.JSONField(
        _("statuses of the tasks"), default=dict, blank=True, help_text=_("Task id → status, as reported.")
    )
    nothing_new = models.BooleanField(_("nothing new this month"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["case", "month", "membership"]
        constraints = [
            models.UniqueConstraint(fields=["case", "membership", "month"], name="one_monthly_report_per_member"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="monthly_report_month_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.month:%Y-%m} {self.membership_id}"


class MissingReport(models.Model):
    """The coordinator's record that a member's report on a month will not come (on leave, left the group, …),
    with a note: the monitoring information of a period covering the month can then be reviewed without it."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="missing_reports")
    membership = models.ForeignKey(
        "cases.GroupMembership", verbose_name=_("member"), on_delete=models.PROTECT, related_name="missing_reports"
    )
    month = models.DateField(_("month"))
    note = EncryptedTextField(_("note"))
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(_("marked"), auto_now_add=True)

    class Meta:
        verbose_name = _("missing report")
        verbose_name_plural = _("missing reports")
        ordering = ["case", "month", "membership"]
        constraints = [
            models.UniqueConstraint(fields=["case", "membership", "month"], name="one_missing_mark_per_member"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="missing_report_month_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.month:%Y-%m} {self.membership_id}"


class MonitoringInformation(Versioned):
    """The monitoring information of a period (annex 7): compiled from the members' monthly reports of the
    period, with the coordinator's notes and conclusions; reviewed by the coordinator, which locks the reports."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEWED = "reviewed", _("reviewed")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="monitoring_informations")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    notes = EncryptedTextField(
        _("coordinator's notes"),
        blank=True,
        help_text=_("Progress of the tasks and changes in the situation, with what the OPS knows."),
    )
    conclusions = EncryptedTextField(_("conclusions and recommendations"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("monitoring information")
        verbose_name_plural = _("monitoring information")
        ordering = ["case", "-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="monitoring_period_is_ordered"
            ),
            models.UniqueConstraint(
                fields=["case", "period_start", "period_end"], name="one_monitoring_information_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.period_start}–{self.period_end}"

    @property
    def is_reviewed(self) -> bool:
        return self.status == self.Status.REVIEWED
