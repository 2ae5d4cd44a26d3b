from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned


class Indicator(models.Model):
    """A yearly indicator of a gmina (R-10). Built-in ones are data (Polish names, as GUS names them) kept in
    step with ``diagnosis.statistics.indicators.BUILTIN`` by a data migration; a user may add one for their gmina."""

    class Group(models.TextChoices):
        DEMOGRAPHY = "demography", _("population")
        LABOUR = "labour", _("labour market")
        OTHER = "other", _("other")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("group"), max_length=12, choices=Group.choices, default=Group.OTHER)
    measure = models.CharField(_("unit of measure"), max_length=30, default="osoba")
    bdl_variable = models.CharField(
        _("GUS BDL variable"), max_length=20, blank=True, help_text=_("The variable id in the BDL API, if known.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1000)
    unit = models.ForeignKey(
        "territory.Unit",
        verbose_name=_("added for the gmina"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty for the indicators every gmina has."),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(Versioned):
    """One value of an indicator for one gmina and year, with where it came from and when."""

    class Source(models.TextChoices):
        BDL_FILE = "bdl_file", _("GUS BDL export")
        BDL_API = "bdl_api", _("GUS BDL API")
        MANUAL = "manual", _("typed in")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey("territory.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_note = models.CharField(_("source details"), max_length=255, blank=True)
    source_date = models.DateField(_("date of the source"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "year"], name="indicator_value_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
