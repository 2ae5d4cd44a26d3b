import datetime
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kooperacja.core.concurrency import Versioned
from kooperacja.directory import taxonomy
from kooperacja.directory.validators import validate_krs, validate_nip, validate_regon

postal_code_validator = RegexValidator(r"^\d{2}-\d{3}$", _("Enter the postal code as 00-000."))
DEFAULT_WORKING_DAYS = "01234"  # Monday to Friday
WEEKDAY_NAMES = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
KIND_LABELS = dict(taxonomy.KIND_CHOICES)
working_days_validator = RegexValidator(r"^(?=.)0?1?2?3?4?5?6?$", _("Choose at least one working day."))


class Institution(Versioned):
    """An institution of the gmina, powiat or voivodeship: the directory entry every later step draws from."""

    class Level(models.TextChoices):
        GMINA = "gmina", _("gmina")
        COUNTY = "powiat", _("county")
        VOIVODESHIP = "wojewodztwo", _("voivodeship")
        NATIONAL = "krajowy", _("national")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")

    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=taxonomy.KIND_CHOICES)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.GMINA)
    unit = models.ForeignKey(
        "territory.Unit",
        verbose_name=_("territorial unit served"),
        on_delete=models.PROTECT,
        related_name="institutions",
        help_text=_("A county institution serves every gmina of its county."),
    )
    other_units = models.ManyToManyField(
        "territory.Unit", verbose_name=_("other units served"), blank=True, related_name="+"
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True, validators=[postal_code_validator])
    city = models.CharField(_("town"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    # The working time the meeting rules read (a case group meets within the organising OPS's hours and days).
    opens_at = models.TimeField(_("opens at"), default=datetime.time(7, 30))
    closes_at = models.TimeField(_("closes at"), default=datetime.time(15, 30))
    working_days = models.CharField(
        _("working days"),
        max_length=7,
        default=DEFAULT_WORKING_DAYS,
        validators=[working_days_validator],
        help_text=_("Weekdays as digits, Monday = 0."),
    )
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    nip = models.CharField(_("NIP"), max_length=13, blank=True, validators=[validate_nip])
    krs = models.CharField(_("KRS"), max_length=10, blank=True, validators=[validate_krs])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    confirmed_at = models.DateField(_("data confirmed on"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("data confirmed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who confirmed it outside Kooperacja: the HSDS assurer_email of an imported file.
    confirmed_by_email = models.EmailField(_("data confirmed by (e-mail)"), blank=True, editable=False)
    # What the search box looks in: name, kind, town, unit and services, lower-cased without diacritics. Written
    # only by directory/search.py (search_text_update, search_text_refresh); on PostgreSQL a GIN trigram index
    # (migration 0002_search_text) serves it.
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_text"])

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        indexes = [models.Index(fields=["level"], name="institution_level")]
        constraints = [
            models.UniqueConstraint(fields=["name", "unit"], name="institution_unique_name_in_unit"),
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="institution_opens_before_closing",
                violation_error_message=_("The institution must open before it closes."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def working_hours(self) -> tuple[datetime.time, datetime.time]:
        return (self.opens_at, self.closes_at)

    @property
    def working_days_display(self) -> str:
        return ", ".join(str(WEEKDAY_NAMES[int(d)]) for d in self.working_days)

    @property
    def working_weekdays(self) -> frozenset[int]:
        """The weekdays it works on (Monday = 0)."""
        return frozenset(int(d) for d in self.working_days)

    def get_kind_display(self) -> str:
        """Django's ``get_kind_display()`` rebuilds the choices on every call, translating each of the ~80 labels
        (a list of 50 institutions paid for 4,000 translations); the label is looked up instead."""
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def sector(self) -> str:
        return taxonomy.KIND_SECTOR.get(self.kind, "other")

    @property
    def sector_label(self) -> str:
        return str(taxonomy.SECTORS[self.sector])

    @property
    def address(self) -> str:
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, town) if part)


class Phone(models.Model):
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("phone number"), max_length=30)
    description = models.CharField(_("description"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.number


class ContactPerson(models.Model):
    """A worker to contact at the institution (a worker's business contact, not a client's data)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name and surname"), max_length=150)
    function = models.CharField(_("function"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Specialist(models.Model):
    """How many specialists of a kind the institution employs (psychologist, pedagogue, family assistant…)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="specialists")
    kind = models.CharField(_("specialist"), max_length=30, choices=taxonomy.SPECIALISTS)
    count = models.PositiveSmallIntegerField(_("how many"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("specialist")
        verbose_name_plural = _("specialists")
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["institution", "kind"], name="specialist_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} × {self.count}"


class Problem(models.Model):
    """A social problem: the art. 7 reasons for assistance and the areas the seeds name (taxonomy.PROBLEMS)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("group"), max_length=10)
    order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        verbose_name = _("social problem")
        verbose_name_plural = _("social problems")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Service(Versioned):
    """What an institution offers, for which problems, to whom, on what legal basis and how to get it."""

    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("what it offers"), blank=True)
    problems = models.ManyToManyField(Problem, verbose_name=_("social problems addressed"), blank=True)
    target_group = models.CharField(_("target group"), max_length=255, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    how_to_access = models.TextField(_("how to access it"), blank=True)
    confirmed_at = models.DateField(_("data confirmed on"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("data confirmed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by_email = models.EmailField(_("data confirmed by (e-mail)"), blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[problems])

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["institution__name", "name"]

    def __str__(self) -> str:
        return self.name


class ResourceCardNote(Versioned):
    """The editable commentary of a resource card (one gmina, one social problem)."""

    unit = models.ForeignKey("territory.Unit", on_delete=models.CASCADE, related_name="+")
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("commentary"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resource card commentary")
        verbose_name_plural = _("resource card commentaries")
        constraints = [models.UniqueConstraint(fields=["unit", "problem"], name="resource_card_note_unique")]

    def __str__(self) -> str:
        return f"{self.problem} — {self.unit}"


class SearchWord(models.Model):
    """A word of some institution's search document: the vocabulary a mistyped word of the search box is
    corrected against (directory/search.py). Derived data, rebuilt by ``search_text_refresh``."""

    word = models.CharField(max_length=60, unique=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word
