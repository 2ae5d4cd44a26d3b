from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned
from kooperacja.directory.taxonomy import PROBLEMS

# The problem map's rows: the reasons for assistance of art. 7 (their statutory names, as MRPiPS-03 reports
# them), then the PCPR areas for this gmina. Each maps to the directory's problem it draws resources from.
ART7_CATEGORIES = [(code, name) for code, name, group in PROBLEMS if group == "art7"]
PCPR_CATEGORIES = [
    ("pcpr_disability", _("persons with disabilities supported by the PCPR")),
    ("foster_family", _("children in family foster care")),
    ("foster_institutional", _("children in institutional foster care")),
]
CATEGORY_CHOICES = ART7_CATEGORIES + PCPR_CATEGORIES
CATEGORY_PROBLEM = {code: code for code, _name in ART7_CATEGORIES} | {
    "pcpr_disability": "disability",
    "foster_family": "foster_care",
    "foster_institutional": "foster_care",
}


class ProblemMapEntry(models.Model):
    """How many persons and families of the gmina were supported for one reason in one year (R-11)."""

    class Source(models.TextChoices):
        MRPIPS_03 = "mrpips03", _("OPS report MRPiPS-03")
        PCPR = "pcpr", _("PCPR data for this gmina")
        OTHER = "other", _("other source")

    unit = models.ForeignKey("territory.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("reason for assistance"), max_length=30, choices=CATEGORY_CHOICES)
    persons = models.PositiveIntegerField(_("persons"), null=True, blank=True)
    families = models.PositiveIntegerField(_("families"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MRPIPS_03)
    source_note = models.CharField(_("source details"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("problem map entry")
        verbose_name_plural = _("problem map entries")
        ordering = ["year", "category"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "category"], name="problem_map_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(persons__isnull=False) | models.Q(families__isnull=False),
                name="problem_map_has_a_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year}"


class ProblemMapYear(Versioned):
    """The year's table of the problem map of one gmina, as one sheet: its edit version guards the numbers of
    every reason of that year (saved together from one form), so two people typing in the same year cannot
    overwrite each other. Created with the first save of the year."""

    unit = models.ForeignKey("territory.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("problem map year")
        verbose_name_plural = _("problem map years")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="problem_map_year_one_per_unit")]

    def __str__(self) -> str:
        return str(self.year)
