"""The work plan with a person or family — annex 6, parts A and B (R-34) — and the social contract or its
equivalent it goes with (R-35).

A plan is versioned: the first version is agreed at a case-group meeting; a goal modified at an evaluation
gives the next version (a copy of the previous one, each goal linked to the goal it replaces), and the older
version stays, read-only, as the history. Free text about the family is encrypted at rest."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned
from kooperacja.core.crypto import EncryptedTextField


class WorkPlan(Versioned):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="work_plans")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
        verbose_name=_("previous version"),
    )
    # Part A: the expected state the work aims at.
    main_goal = EncryptedTextField(_("main goal"))
    # The case-group meeting the plan was agreed at (by id; a meeting of the case, if any).
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("agreed at the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    # The evaluation (part C) at which the goals were modified, giving this version.
    from_evaluation = models.ForeignKey(
        "cases.Evaluation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("modified at the evaluation"),
    )
    superseded_at = models.DateTimeField(_("replaced by a newer version"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="work_plan_version_unique"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(superseded_at__isnull=True), name="work_plan_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} v{self.version}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class PlanGoal(Versioned):
    """A specific goal of part A; ``replaces`` is the goal of the previous version it continues or modifies."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("number"), default=1)
    text = EncryptedTextField(_("specific goal"))
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("replaces the goal"),
    )

    class Meta:
        verbose_name = _("specific goal")
        verbose_name_plural = _("specific goals")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.plan} / {self.order}"

    @property
    def is_modified(self) -> bool:
        """True when it replaces a goal worded differently (``replaces`` is prefetched by the selectors)."""
        return self.replaces_id is not None and self.replaces.text != self.text


class PlanTask(models.Model):
    """A task of part B: of one institution's worker, or of the person/family. Only its institution marks it
    (a member of that institution in the case group); the family's tasks are marked by the coordinator."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        NOT_DONE = "not_done", _("not done")

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks")
    goal = models.ForeignKey(
        PlanGoal, verbose_name=_("goal"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    description = EncryptedTextField(_("task"))
    institution = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    for_family = models.BooleanField(_("task of the person or family"), default=False)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    schedule = EncryptedTextField(
        _("schedule"), max_length=200, blank=True, help_text=_("E.g. every week, until June.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("task of the plan")
        verbose_name_plural = _("tasks of the plan")
        ordering = ["plan", "for_family", "institution__name", "deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(for_family=True) & Q(institution__isnull=True))
                | (Q(for_family=False) & Q(institution__isnull=False)),
                name="plan_task_one_party",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} / {self.pk}"


class PlanAcknowledgement(models.Model):
    """A party's acknowledgement of a plan version: an institution (by one of its members in the group) or the
    person/family (recorded by the coordinator, with the name of who acknowledged)."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="acknowledgements")
    institution = models.ForeignKey(
        "directory.Institution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    for_family = models.BooleanField(_("the person or family"), default=False)
    name = EncryptedTextField(_("acknowledged by"), max_length=160, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("acknowledged"), auto_now_add=True)

    class Meta:
        verbose_name = _("acknowledgement of the plan")
        verbose_name_plural = _("acknowledgements of the plan")
        ordering = ["plan", "at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(for_family=True) & Q(institution__isnull=True))
                | (Q(for_family=False) & Q(institution__isnull=False)),
                name="plan_ack_one_party",
            ),
            models.UniqueConstraint(fields=["plan", "institution"], name="plan_ack_institution_once"),
            models.UniqueConstraint(fields=["plan"], condition=Q(for_family=True), name="plan_ack_family_once"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} ✓"


class SocialContract(models.Model):
    """The social contract or its equivalent the social worker uses with the family (R-35); the document itself
    stays in the OPS: the case keeps its kind, number, date and status."""

    class Kind(models.TextChoices):
        CONTRACT = "contract", _("social contract")
        PROJECT = "project", _("social project")
        IPWZB = "ipwzb", _("individual programme of getting out of homelessness (IPWzB)")
        IPI = "ipi", _("individual integration programme (IPI)")
        IPZS = "ipzs", _("individual programme of social employment (IPZS)")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PREPARED = "prepared", _("being prepared")
        ACTIVE = "active", _("in force")
        COMPLETED = "completed", _("completed")
        BROKEN = "broken", _("broken off")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="social_contracts")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CONTRACT)
    kind_other = models.CharField(_("other kind"), max_length=120, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("social contract or its equivalent")
        verbose_name_plural = _("social contracts and their equivalents")
        ordering = ["case", "-date", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="other") | ~Q(kind_other=""), name="social_contract_other_named")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()

    @property
    def kind_label(self) -> str:
        return self.kind_other if self.kind == self.Kind.OTHER else self.get_kind_display()
