from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned


class Payer(models.TextChoices):
    """Which public budget pays a cost, or saves it when the consequence is avoided (as in the GMCA model)."""

    GMINA = "gmina", _("gmina")
    POWIAT = "powiat", _("county")
    STATE = "state", _("state budget")
    NFZ = "nfz", _("National Health Fund (NFZ)")
    OTHER = "other", _("other")


class UnitCost(Versioned):
    """A unit cost of a service or of a consequence of not helping (R-15), kept by ROPS and administrators."""

    class Kind(models.TextChoices):
        SERVICE = "service", _("service (cost of helping)")
        CONSEQUENCE = "consequence", _("consequence (cost of not helping)")

    class Per(models.TextChoices):
        MONTH = "month", _("month")
        HOUR = "hour", _("hour")
        DAY = "day", _("day")
        VISIT = "visit", _("visit")
        YEAR = "year", _("year")
        ONCE = "once", _("one-off")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    per = models.CharField(_("per"), max_length=6, choices=Per.choices)
    amount = models.DecimalField(_("amount (PLN)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    year = models.PositiveSmallIntegerField(_("year of the amount"))
    source = models.TextField(_("source"))
    payer = models.CharField(_("paid by"), max_length=6, choices=Payer.choices)
    voivodeship = models.ForeignKey(
        "territory.Unit",
        verbose_name=_("voivodeship"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the amount holds for the whole country."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("unit cost")
        verbose_name_plural = _("unit costs")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class CostCard(Versioned):
    """A card of the cost of inaction: services for a person or family against the consequences avoided."""

    analysis = models.ForeignKey("diagnosis.Analysis", on_delete=models.CASCADE, related_name="cost_cards")
    title = models.CharField(_("title"), max_length=200)
    scenario = models.TextField(_("situation of the person or family"), blank=True)
    months = models.PositiveSmallIntegerField(
        _("period (months)"), default=24, validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    deadweight_percent = models.PositiveSmallIntegerField(
        _("deadweight (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("The share of the consequences that would be avoided even without the services."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cost of inaction card")
        verbose_name_plural = _("cost of inaction cards")
        ordering = ["analysis", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(deadweight_percent__lte=100), name="cost_card_deadweight_pct")
        ]

    def __str__(self) -> str:
        return self.title


class CostCardLine(Versioned):
    """One service or consequence of a card: a unit cost × quantity × persons over months."""

    card = models.ForeignKey(CostCard, on_delete=models.CASCADE, related_name="lines")
    unit_cost = models.ForeignKey(UnitCost, verbose_name=_("unit cost"), on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=8,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("Units a month (e.g. 40 hours), or in total for a one-off cost."),
    )
    persons = models.PositiveSmallIntegerField(_("persons"), default=1, validators=[MinValueValidator(1)])
    months = models.PositiveSmallIntegerField(
        _("months"), null=True, blank=True, help_text=_("Empty: the whole period of the card.")
    )
    payer = models.CharField(
        _("paid by"), max_length=6, choices=Payer.choices, blank=True, help_text=_("Empty: as in the unit cost.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("cost card line")
        verbose_name_plural = _("cost card lines")
        ordering = ["card", "id"]

    def __str__(self) -> str:
        return str(self.unit_cost)
