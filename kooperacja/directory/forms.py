from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kooperacja.accounts.access import may_keep_directory_of
from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.directory import taxonomy
from kooperacja.directory.models import WEEKDAY_NAMES, Institution, Problem, Service
from kooperacja.directory.validators import compact
from kooperacja.territory.models import Unit
from kooperacja.territory.selectors import unit_by_teryt
from kooperacja.territory.widgets import UnitPicker

WEEKDAYS = [(str(n), name) for n, name in enumerate(WEEKDAY_NAMES)]


class WorkingDaysField(forms.MultipleChoiceField):
    """The working days as weekday checkboxes, stored as the digits of the days (Monday = 0)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Working days"))
        kwargs.setdefault("choices", WEEKDAYS)
        kwargs.setdefault("error_messages", {"required": _("Choose at least one working day.")})
        kwargs.setdefault(
            "help_text", _("With the working hours, meetings of a case group organised by this OPS keep to them.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return list(value) if isinstance(value, str) else value

    def clean(self, value):
        return "".join(sorted(set(super().clean(value))))


class InstitutionForm(VersionedFormMixin, forms.ModelForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=taxonomy.kind_choices_by_sector())
    unit = forms.ModelChoiceField(
        label=_("Territorial unit served"),
        queryset=Unit.objects.all(),
        widget=UnitPicker(),
        help_text=_("The gmina, county or voivodeship the institution works for. Type a name or TERYT code."),
        error_messages={
            "required": _("Choose the unit from the suggestions."),
            "invalid_choice": _("Choose the unit from the suggestions."),
        },
    )

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    working_days = WorkingDaysField()
    other_units = forms.CharField(
        label=_("Other units served (TERYT codes)"),
        required=False,
        help_text=_(
            "For an institution that also works for other gminas or counties: their TERYT codes, "
            "separated by commas, e.g. 0405013, 0405022."
        ),
    )

    class Meta:
        model = Institution
        fields = [
            "name",
            "short_name",
            "kind",
            "level",
            "unit",
            "street",
            "postal_code",
            "city",
            "email",
            "website",
            "opening_hours",
            "opens_at",
            "closes_at",
            "working_days",
            "regon",
            "nip",
            "krs",
            "status",
            "notes",
        ]
        widgets = {
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not self.is_bound and not self.initial.get("working_days"):
            # A new entry starts with the model's default days (Monday to Friday) ticked.
            self.initial["working_days"] = self.instance.working_days
        if self.instance.pk and not self.is_bound:
            self.initial["other_units"] = ", ".join(u.teryt for u in self.instance.other_units.all())

    def clean_other_units(self) -> list[Unit]:
        codes = [c.strip() for c in self.cleaned_data["other_units"].replace(";", ",").split(",") if c.strip()]
        units = []
        for code in codes:
            unit = unit_by_teryt(code)
            if unit is None:
                raise forms.ValidationError(_("No unit of the TERYT register has the code %(code)s.") % {"code": code})
            units.append(unit)
        return units

    def clean_regon(self):
        return compact(self.cleaned_data["regon"])

    def clean_nip(self):
        return compact(self.cleaned_data["nip"])

    def clean_krs(self):
        value = compact(self.cleaned_data["krs"])
        return value.zfill(10) if value else ""

    def clean(self):
        data = super().clean()
        unit = data.get("unit")
        if unit is not None and self.user is not None and not may_keep_directory_of(self.user, unit):
            self.add_error("unit", _("You may add and change only institutions of your own area."))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and opens >= closes:
            self.add_error("closes_at", _("The institution must open before it closes."))
        if data.get("name") and unit is not None:
            clash = Institution.objects.filter(name__iexact=data["name"], unit=unit).exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError(_("An institution with this name already serves this unit."))
        return data


class PhoneForm(forms.Form):
    number = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    description = forms.CharField(label=_("Description"), max_length=100, required=False)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name and surname"), max_length=150, required=False)
    function = forms.CharField(label=_("Function"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


PhoneFormSet = forms.formset_factory(PhoneForm, extra=2, max_num=20)
ContactFormSet = forms.formset_factory(ContactForm, extra=2, max_num=20)


class SpecialistsForm(forms.Form):
    """One number field per kind of specialist."""

    def __init__(self, *args, initial_counts: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in taxonomy.SPECIALISTS:
            self.fields[code] = forms.IntegerField(
                label=label, min_value=0, max_value=999, required=False, initial=(initial_counts or {}).get(code)
            )

    def counts(self) -> dict[str, int]:
        return {code: value for code, value in self.cleaned_data.items() if value}


class ServiceForm(VersionedFormMixin, forms.ModelForm):
    problems = forms.ModelMultipleChoiceField(
        label=_("Social problems addressed"),
        queryset=Problem.objects.order_by("order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Service
        fields = ["name", "description", "problems", "target_group", "legal_basis", "how_to_access"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "how_to_access": forms.Textarea(attrs={"rows": 2})}


class InstitutionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, service or address"), required=False, max_length=100)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("all sectors")), *taxonomy.SECTORS.items()]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all kinds")), *taxonomy.kind_choices_by_sector()]
    )
    problem = forms.ChoiceField(label=_("Social problem"), required=False)
    unit = forms.CharField(label=_("Gmina or county (TERYT code)"), required=False, max_length=7)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("all levels")), *Institution.Level.choices]
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("all")), *Institution.Status.choices])
    not_confirmed = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].choices = [("", _("all problems")), *Problem.objects.values_list("code", "name")]
        self.fields["not_confirmed"].label = _("Only data not confirmed for %(months)s months") % {
            "months": settings.DIRECTORY_CONFIRM_MONTHS
        }

    def clean_unit(self):
        code = self.cleaned_data["unit"].strip()
        if not code:
            return None
        unit = unit_by_teryt(code)
        if unit is None:
            raise forms.ValidationError(_("No gmina or county has this TERYT code."))
        return unit


# --- Import and export -------------------------------------------------------------------------------------


def _optional_unit(code: str) -> Unit | None:
    code = code.strip()
    unit = unit_by_teryt(code) if code else None
    if code and unit is None:
        raise forms.ValidationError(_("No unit of the TERYT register has this code."))
    return unit


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (semicolon-separated, UTF-8) or HSDS 3.0 JSON (an array of organizations)."),
    )
    default_unit = forms.CharField(
        label=_("Default unit served (TERYT code)"),
        required=False,
        max_length=7,
        help_text=_(
            "Used for rows whose unit cannot be determined otherwise (HSDS files of other systems), and to choose "
            "between gminas that share a town's name."
        ),
    )

    def clean_default_unit(self):
        return _optional_unit(self.cleaned_data["default_unit"])


class ExportForm(forms.Form):
    unit = forms.CharField(
        label=_("Only the institutions serving the unit (TERYT code)"),
        required=False,
        max_length=7,
        help_text=_("Leave empty to export the whole directory."),
    )

    def clean_unit(self):
        return _optional_unit(self.cleaned_data["unit"])


# --- Resource cards ----------------------------------------------------------------------------------------

CARD_LEVELS = (Unit.Level.GMINA, Unit.Level.COUNTY)
NOTE_MAX_LENGTH = 5000


class UnitChoiceForm(forms.Form):
    unit = forms.CharField(
        label=_("TERYT code of the gmina or county"),
        max_length=7,
        help_text=_("6 or 7 digits for a gmina (e.g. 0405043), 4 digits for a county (e.g. 0405)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_unit(self) -> Unit:
        unit = unit_by_teryt(self.cleaned_data["unit"])
        if unit is None or unit.level not in CARD_LEVELS:
            raise forms.ValidationError(_("Enter the TERYT code of an existing gmina or county."))
        return unit


class NoteForm(VersionedFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Commentary"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What works, what is missing, who to call first. Do not write about clients."),
    )
