from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.diagnosis.models import Analysis, Enclave, Need, RiskGroup
from kooperacja.diagnosis.models.problems import CATEGORY_CHOICES, PCPR_CATEGORIES
from kooperacja.territory.models import Unit
from kooperacja.territory.widgets import UnitPicker


class AnalysisCreateForm(forms.ModelForm):
    unit = forms.ModelChoiceField(
        label=_("Gmina"),
        queryset=Unit.objects.filter(level=Unit.Level.GMINA),
        widget=UnitPicker(level="gmina"),
        help_text=_("Type the name or TERYT code of the gmina."),
        error_messages={
            "required": _("Choose the gmina from the suggestions."),
            "invalid_choice": _("Choose the gmina from the suggestions."),
        },
    )

    class Meta:
        model = Analysis
        fields = ["unit", "year", "title", "is_current"]
        labels = {"title": _("Title (optional)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["is_current"].initial = True

    def validate_unique(self):
        # The service checks one analysis per gmina and year, with a message that names the gmina.
        pass


class AnalysisEditForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Analysis
        fields = ["title", "year", "is_current"]

    def validate_unique(self):
        pass


class InfrastructureForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Analysis
        fields = [
            "transport",
            "access_to_services",
            "urban_area",
            "rural_area",
            "no_enclaves",
            "other_information",
            "other_documents",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "transport",
                "access_to_services",
                "urban_area",
                "rural_area",
                "other_information",
                "other_documents",
            )
        }


class EnclaveForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Enclave
        fields = ["name", "location", "isolation_reason", "residents", "residents_count"]
        widgets = {
            "isolation_reason": forms.Textarea(attrs={"rows": 2}),
            "residents": forms.Textarea(attrs={"rows": 2}),
        }


class RiskGroupForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = RiskGroup
        fields = ["name", "size", "description", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class NeedForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Need
        fields = ["source", "description", "how_collected", "mentions"]


# The lists of an analysis, by the slug in their URL: (model, form, section the list is shown in, label).
ITEM_KINDS = {
    "enklawy": (Enclave, EnclaveForm, "infrastructure", _("enclave")),
    "grupy": (RiskGroup, RiskGroupForm, "problems", _("group at risk of exclusion")),
    "potrzeby": (Need, NeedForm, "problems", _("need")),
}


class ProblemYearForm(VersionedFormMixin, forms.Form):
    """The numbers of one year for every reason of the problem map (empty = no data), with the edit version of
    the year's sheet (0 when the year has none yet)."""

    def __init__(self, *args, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        entries = entries or {}
        self.rows = []
        for code, name in CATEGORY_CHOICES:
            entry = entries.get(code)
            persons = forms.IntegerField(
                label=_("persons"), required=False, min_value=0, initial=entry.persons if entry else None
            )
            families = forms.IntegerField(
                label=_("families"), required=False, min_value=0, initial=entry.families if entry else None
            )
            self.fields[f"{code}-persons"] = persons
            self.fields[f"{code}-families"] = families
            self.rows.append((code, name, self[f"{code}-persons"], self[f"{code}-families"]))

    def map_rows(self, year: int) -> list[dict]:
        pcpr = dict(PCPR_CATEGORIES)
        return [
            {
                "year": year,
                "category": code,
                "persons": self.cleaned_data[f"{code}-persons"],
                "families": self.cleaned_data[f"{code}-families"],
                "source": "pcpr" if code in pcpr else "mrpips03",
            }
            for code, _name in CATEGORY_CHOICES
        ]


class ProblemCsvForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (CSV)"),
        help_text=_("Download the template, fill in the numbers in a spreadsheet and save it as CSV."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise forms.ValidationError(_("The file is too large (over 1 MB)."))
        return upload


class ConfirmationForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
