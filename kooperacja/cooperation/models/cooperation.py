import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kooperacja.core.concurrency import Versioned


class Cooperation(Versioned):
    """One implementation of the model in one gmina, or in several (inter-municipal cooperation, 002 §3.4)."""

    class Variant(models.TextChoices):
        RURAL = "rural", _("rural: county–gmina team (G-PZK) led by the PCPR animator")
        URBAN_RURAL = "urban_rural", _("urban-rural: partnership team (PZK) and case groups (GGK), led by the OPS")

    class Cycle(models.TextChoices):
        FIRST = "first", _("first implementation")
        CONTINUATION = "continuation", _("continuation")

    class Scope(models.TextChoices):
        WHOLE = "whole", _("the whole model")
        ELEMENT = "element", _("chosen elements of the model")

    class Status(models.TextChoices):
        ACTIVE = "active", _("in progress")
        ARCHIVED = "archived", _("ended (archived)")

    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="cooperations"
    )
    other_units = models.ManyToManyField(
        "territory.Unit",
        verbose_name=_("other gminas (inter-municipal cooperation)"),
        blank=True,
        related_name="+",
    )
    variant = models.CharField(_("variant of the model"), max_length=12, choices=Variant.choices)
    cycle = models.CharField(_("cycle"), max_length=12, choices=Cycle.choices, default=Cycle.FIRST)
    previous = models.ForeignKey(
        "self", verbose_name=_("previous cycle"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices, default=Scope.WHOLE)
    scope_note = models.CharField(
        _("elements taken"), max_length=255, blank=True, help_text=_("When the gmina takes chosen elements only.")
    )
    start_date = models.DateField(_("start date"), default=datetime.date.today)
    organisational_months = models.PositiveSmallIntegerField(
        _("organisational phase (months)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    work_months = models.PositiveSmallIntegerField(
        _("work with the model (months)"), default=13, validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    summary_months = models.PositiveSmallIntegerField(
        _("summary and evaluation (months)"), default=2, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def duration_months(self) -> int:
        return self.organisational_months + self.work_months + self.summary_months


class CooperationRole(models.Model):
    """A person in a role of the cooperation: coordinator, animators, the regional animator, authorities."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        OPS_ANIMATOR = "ops_animator", _("gmina animator (OPS)")
        PCPR_ANIMATOR = "pcpr_animator", _("county animator (PCPR)")
        GOPS_CONTACT = "gops_contact", _("GOPS contact person")
        ROPS_ANIMATOR = "rops_animator", _("regional animator (ROPS)")
        AUTHORITY = "authority", _("authority (wójt, burmistrz, starosta)")

    EDITOR_ROLES = {Role.COORDINATOR, Role.OPS_ANIMATOR, Role.PCPR_ANIMATOR, Role.GOPS_CONTACT}

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="cooperation_roles"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    since = models.DateField(_("since"), default=datetime.date.today)

    class Meta:
        verbose_name = _("role in the cooperation")
        verbose_name_plural = _("roles in the cooperation")
        ordering = ["role", "user__last_name"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "user", "role"], name="cooperation_role_once")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user}"


class Step(Versioned):
    """A step of the cooperation, created from the template of its variant and cycle (cooperation/steps.py)."""

    class Status(models.TextChoices):
        TODO = "todo", _("to do")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        SKIPPED = "skipped", _("not taken")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("stage"), max_length=4)
    code = models.CharField(_("step"), max_length=8)
    kind = models.SlugField(_("kind"), max_length=30, help_text=_("What the platform offers for this step."))
    title = models.CharField(_("title"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.TODO)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    documents = models.TextField(_("documents and tools"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["cooperation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "code"], name="step_code_once"),
            models.CheckConstraint(condition=models.Q(planned_end__gte=models.F("planned_start")), name="step_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def is_late(self, today: datetime.date) -> bool:
        return self.status in (self.Status.TODO, self.Status.IN_PROGRESS) and self.planned_end < today
