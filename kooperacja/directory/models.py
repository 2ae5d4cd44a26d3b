from django.db import models
from django.utils.translation import gettext_lazy as _


class Institution(models.Model):
    """An institution whose workers use the platform. Minimal for now; the full directory extends it."""

    class Kind(models.TextChoices):
        ROPS = "rops", _("regional social policy centre (ROPS)")
        PCPR = "pcpr", _("county family support centre (PCPR)")
        OPS = "ops", _("social assistance centre (OPS/GOPS/MOPS)")
        SCHOOL = "school", _("school")
        POLICE = "police", _("police")
        COURT = "court", _("court / probation officers")
        HEALTH = "health", _("health care")
        LABOUR_OFFICE = "labour_office", _("county labour office (PUP)")
        NGO = "ngo", _("non-governmental organisation")
        GMINA_OFFICE = "gmina_office", _("gmina office (wójt/burmistrz)")
        COUNTY_OFFICE = "county_office", _("county office (starosta)")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        "territory.Unit",
        verbose_name=_("territorial unit served"),
        on_delete=models.PROTECT,
        related_name="institutions",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "unit"], name="institution_unique_name_in_unit")]

    def __str__(self) -> str:
        return self.name
