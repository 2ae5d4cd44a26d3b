"""The team established by the agreement — PZK (urban-rural) or G-PZK (rural) — its members, the schedule of its
meetings and its plan of work (000: core and supplementary members, plan and goals; SPEC R-26, R-39)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kooperacja.core.concurrency import Versioned


class Team(Versioned):
    class Kind(models.TextChoices):
        PZK = "pzk", _("partnership cooperation team (PZK)")
        GPZK = "gpzk", _("gmina–county cooperation team (G-PZK)")

    class Frequency(models.TextChoices):
        # The seeds: monthly preferred, once a quarter at the least (000, organisational assumption 10).
        MONTHLY = "monthly", _("monthly")
        BIMONTHLY = "bimonthly", _("every two months")
        QUARTERLY = "quarterly", _("quarterly")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")

    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="teams", verbose_name=_("cooperation")
    )
    agreement = models.ForeignKey(
        "cooperation.Agreement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="teams",
        verbose_name=_("agreement"),
    )
    kind = models.CharField(_("kind of team"), max_length=4, choices=Kind.choices)
    established_on = models.DateField(_("established on"), default=datetime.date.today)
    meeting_frequency = models.CharField(
        _("meeting frequency"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    meeting_weekday = models.PositiveSmallIntegerField(
        _("preferred weekday"), choices=Weekday.choices, null=True, blank=True
    )
    meeting_time = models.TimeField(_("preferred time"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cooperation team")
        verbose_name_plural = _("cooperation teams")
        ordering = ["cooperation", "-established_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meeting_frequency__in=["monthly", "bimonthly", "quarterly"]),
                name="team_meets_at_least_quarterly",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.cooperation}"


class TeamMember(Versioned):
    """An institution in the team with its representative; the core signed the agreement (000, assumption 9),
    supplementary members are invited as the cases require."""

    class Membership(models.TextChoices):
        CORE = "core", _("core member")
        SUPPLEMENTARY = "supplementary", _("supplementary member")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    institution = models.ForeignKey(
        "directory.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    representative_name = models.CharField(_("representative"), max_length=200, blank=True)
    representative_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representative's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    membership = models.CharField(
        _("membership"), max_length=14, choices=Membership.choices, default=Membership.SUPPLEMENTARY
    )
    joined_on = models.DateField(_("joined on"), default=datetime.date.today)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["team", "membership", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "institution"], condition=models.Q(left_on__isnull=True), name="team_member_once"
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="team_member_dates",
            ),
        ]

    def __str__(self) -> str:
        return str(self.institution)

    @property
    def is_active(self) -> bool:
        return self.left_on is None


class Area(models.TextChoices):
    """The three groups the team works for (000, goals of the work with the model)."""

    INSTITUTIONS = "institutions", _("for the institutions")
    FAMILIES = "families", _("for persons and families")
    GROUPS = "groups", _("for groups and communities")


class TeamGoal(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="goals")
    area = models.CharField(_("area"), max_length=12, choices=Area.choices)
    text = models.TextField(_("goal"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal of the plan of work")
        verbose_name_plural = _("goals of the plan of work")
        ordering = ["team", "area", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class TeamActivity(Versioned):
    """An activity of the team's plan of work, with its outcome once done."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("training")
        SUPERVISION = "supervision", _("supervision")
        STUDY_VISIT = "study_visit", _("study visit")
        COACHING = "coaching", _("coaching")
        LOCAL_PROJECT = "local_project", _("local project")
        OTHER = "other", _("other")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="activities")
    area = models.CharField(_("area"), max_length=12, choices=Area.choices)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity of the plan of work")
        verbose_name_plural = _("activities of the plan of work")
        ordering = ["team", models.F("planned_on").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gte=0), name="activity_hours"
            ),
        ]

    def __str__(self) -> str:
        return self.title
