"""The tool base (R-41), support requests and recommendations of a voivodeship.

Tools are kept by ROPS and read by every institution of the voivodeship once published; gminas propose good
practices, which ROPS reviews. Each upload is a new version of a tool: the latest is shown, the history kept.
Recommendations hold no personal data (the services refuse a PESEL-like number)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned


class StepKind(models.TextChoices):
    """The kinds of steps of the model (kooperacja/cooperation/steps.py)."""

    ANALYSIS = "analysis", _("analysis of the gmina")
    APPLICATION = "application", _("application to ROPS")
    CONSENT = "consent", _("consent of the authorities")
    MEETING_AUTHORITIES = "meeting_authorities", _("meeting with the authorities")
    MEETING_INSTITUTIONS = "meeting_institutions", _("meeting with the institutions")
    AGREEMENT = "agreement", _("agreement and the team")
    TRAINING = "training", _("training")
    TEAM_PLAN = "team_plan", _("work of the team")
    CASES = "cases", _("work with persons and families")
    EVALUATION = "evaluation", _("evaluation")
    DISSEMINATION = "dissemination", _("dissemination")


class Tool(Versioned):
    class Category(models.TextChoices):
        TOOL = "tool", _("tool")
        TEMPLATE = "template", _("annex template")
        MATERIAL = "material", _("material")
        GOOD_PRACTICE = "good_practice", _("good practice")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted by a gmina")
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    voivodeship = models.ForeignKey(
        "territory.Unit", verbose_name=_("voivodeship"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, default=Category.TOOL)
    step_kind = models.CharField(_("step of the model"), max_length=24, choices=StepKind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    cooperation = models.ForeignKey(
        "cooperation.Cooperation",
        verbose_name=_("proposed by the cooperation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        ordering = ["step_kind", "title", "pk"]
        indexes = [models.Index(fields=["voivodeship", "status", "step_kind"])]

    def __str__(self):
        return self.title


class ToolVersion(models.Model):
    tool = models.ForeignKey(Tool, verbose_name=_("tool"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="tools/%Y/")
    content_type = models.CharField(_("content type"), max_length=100)
    original_name = models.CharField(_("file name"), max_length=200)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of a tool")
        verbose_name_plural = _("versions of tools")
        ordering = ["tool", "-number"]
        constraints = [models.UniqueConstraint(fields=["tool", "number"], name="regional_tool_version_unique")]

    def __str__(self):
        return f"{self.tool} v{self.number}"


class SupportRequest(models.Model):
    class Kind(models.TextChoices):
        ANIMATOR_TRAINING = "animator_training", _("training of animators")
        TEAM_TRAINING = "team_training", _("training of a team")
        SUPERVISION = "supervision", _("supervision")
        STUDY_VISIT = "study_visit", _("study visit")
        MODERATION = "moderation", _("moderation")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        DECLINED = "declined", _("declined")

    voivodeship = models.ForeignKey(
        "territory.Unit", verbose_name=_("voivodeship"), on_delete=models.PROTECT, related_name="+"
    )
    cooperation = models.ForeignKey(
        "cooperation.Cooperation", verbose_name=_("cooperation"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("what is needed"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    planned_on = models.DateField(_("date"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="regional_support_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["planned", "done"]) | models.Q(planned_on__isnull=False),
                name="regional_support_planned_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.pk})"


class Recommendation(models.Model):
    class Kind(models.TextChoices):
        LEGISLATIVE = "legislative", _("legislative")
        ORGANISATIONAL = "organisational", _("organisational")
        METHODOLOGICAL = "methodological", _("methodological")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        FORWARDED = "forwarded", _("forwarded")
        REJECTED = "rejected", _("rejected")

    voivodeship = models.ForeignKey(
        "territory.Unit", verbose_name=_("voivodeship"), on_delete=models.PROTECT, related_name="+"
    )
    cooperation = models.ForeignKey(
        "cooperation.Cooperation", verbose_name=_("cooperation"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of recommendation"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("recommendation"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    decision_note = models.TextField(_("note of ROPS"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["kind", "-submitted_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.pk})"
