from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kooperacja.core.concurrency import Versioned


class Analysis(Versioned):
    """One gmina's analysis for one year, owned by the gmina's OPS; one of them is the current one."""

    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="analyses"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=200, blank=True)
    is_current = models.BooleanField(_("current analysis"), default=False)
    owner = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("prepared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Infrastructure and places at risk (R-10, 002 §2.1): structured, one field a question.
    transport = models.TextField(
        _("public transport and travel"),
        blank=True,
        help_text=_("Bus and rail connections, how residents travel, villages without transport."),
    )
    access_to_services = models.TextField(
        _("access to schools, work and services"),
        blank=True,
        help_text=_("Distances to schools, workplaces, health care and the gmina office."),
    )
    urban_area = models.TextField(_("urban area"), blank=True)
    rural_area = models.TextField(_("rural area"), blank=True)
    no_enclaves = models.BooleanField(
        _("there are no isolated places (enclaves) in the gmina"),
        default=False,
        help_text=_("Tick only after checking: it answers the question about enclaves."),
    )
    other_information = models.TextField(
        _("other information about the residents"),
        blank=True,
        help_text=_("For example education or natural increase."),
    )
    other_documents = models.TextField(
        _("other diagnostic documents used"),
        blank=True,
        help_text=_("Strategies, programmes, evaluations, reports for the local authorities."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("municipality analysis")
        verbose_name_plural = _("municipality analyses")
        ordering = ["unit__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="analysis_one_per_gmina_year"),
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(is_current=True), name="analysis_one_current_per_gmina"
            ),
        ]

    def __str__(self) -> str:
        return self.title or _("Analysis of %(gmina)s %(year)s") % {"gmina": self.unit.name, "year": self.year}


class Enclave(Versioned):
    """A place at risk of exclusion and isolation (enklawa): where, why and who lives there."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="enclaves")
    name = models.CharField(_("name"), max_length=150)
    location = models.CharField(_("where"), max_length=255, help_text=_("Village, street or part of the town."))
    isolation_reason = models.TextField(_("why it is isolated"))
    residents = models.TextField(_("who lives there"), blank=True)
    residents_count = models.PositiveIntegerField(_("approximate number of residents"), null=True, blank=True)

    class Meta:
        verbose_name = _("enclave")
        verbose_name_plural = _("enclaves")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RiskGroup(Versioned):
    """A group at risk of social exclusion identified in the gmina."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="risk_groups")
    name = models.CharField(_("group"), max_length=150)
    size = models.PositiveIntegerField(_("approximate size"), null=True, blank=True)
    description = models.TextField(_("situation of the group"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("group at risk of exclusion")
        verbose_name_plural = _("groups at risk of exclusion")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Need(Versioned):
    """A need reported by residents, or seen by the institutions' staff."""

    class Source(models.TextChoices):
        RESIDENTS = "residents", _("reported by residents")
        STAFF = "staff", _("seen by institutions' staff")

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="needs")
    source = models.CharField(_("who reports it"), max_length=10, choices=Source.choices)
    description = models.CharField(_("need"), max_length=255)
    how_collected = models.CharField(
        _("how it was collected"), max_length=255, blank=True, help_text=_("Survey, consultation, meeting…")
    )
    mentions = models.PositiveIntegerField(_("how many reported it"), null=True, blank=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["source", "-mentions", "description"]

    def __str__(self) -> str:
        return self.description


class CompletenessConfirmation(models.Model):
    """The coordinator's confirmation that the analysis answers one of the seven questions of 002 §2.2."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="confirmations")
    question = models.SlugField(_("question"), max_length=30)
    comment = models.TextField(_("comment"), blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)

    class Meta:
        verbose_name = _("completeness confirmation")
        verbose_name_plural = _("completeness confirmations")
        constraints = [models.UniqueConstraint(fields=["analysis", "question"], name="confirmation_one_per_question")]

    def __str__(self) -> str:
        return self.question
