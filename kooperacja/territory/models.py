import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _


def search_key(text: str) -> str:
    """Lower case without Polish diacritics, so "lodz" and "ŁÓDŹ" both find Łódź on any database."""
    text = text.casefold().replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class Unit(models.Model):
    """A unit of the TERYT TERC register: województwo, powiat or gmina.

    ``code`` is the register's identifying part: WOJ (2 digits), WOJ+POW (4) or WOJ+POW+GMI (6). A gmina's
    7th TERYT digit is its kind (RODZ), kept in ``kind``, so a gmina that changes kind keeps its row.
    """

    class Level(models.TextChoices):
        VOIVODESHIP = "wojewodztwo", _("voivodeship")
        COUNTY = "powiat", _("county")
        GMINA = "gmina", _("gmina")

    class Kind(models.TextChoices):
        VOIVODESHIP = "wojewodztwo", _("voivodeship")
        COUNTY = "powiat", _("county")
        CITY_COUNTY = "miasto_na_prawach_powiatu", _("city with county rights")
        URBAN = "miejska", _("urban gmina")
        RURAL = "wiejska", _("rural gmina")
        URBAN_RURAL = "miejsko_wiejska", _("urban-rural gmina")

    GMINA_KIND_DIGIT = {"1": Kind.URBAN, "2": Kind.RURAL, "3": Kind.URBAN_RURAL}

    code = models.CharField(_("TERYT code"), max_length=6, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    name_key = models.CharField(_("name for search"), max_length=100, db_index=True, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    register_date = models.DateField(_("register date"))

    class Meta:
        verbose_name = _("territorial unit")
        verbose_name_plural = _("territorial units")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]
        constraints = [
            models.CheckConstraint(
                name="unit_parent_matches_level",
                condition=(
                    models.Q(level="wojewodztwo", parent__isnull=True)
                    | (~models.Q(level="wojewodztwo") & models.Q(parent__isnull=False))
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.teryt})"

    @property
    def teryt(self) -> str:
        """The code as printed in TERYT: 7 digits for a gmina (with the kind digit), else 2 or 4."""
        if self.level == self.Level.GMINA:
            digit = {v: k for k, v in self.GMINA_KIND_DIGIT.items()}[self.kind]
            return self.code + digit
        return self.code

    @property
    def full_name(self) -> str:
        if self.level == self.Level.VOIVODESHIP:
            return _("voivodeship %(name)s") % {"name": self.name}
        if self.kind == self.Kind.CITY_COUNTY:
            return _("city county %(name)s") % {"name": self.name}
        if self.level == self.Level.COUNTY:
            return _("county %(name)s") % {"name": self.name}
        return _("%(name)s (%(kind)s)") % {"name": self.name, "kind": self.get_kind_display()}
