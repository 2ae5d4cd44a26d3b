from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.diagnosis.models import Analysis
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


class AnalysisEditForm(forms.ModelForm):
    class Meta:
        model = Analysis
        fields = ["title", "year", "is_current"]

    def validate_unique(self):
        pass


class InfrastructureForm(forms.ModelForm):
    class Meta:
        model = Analysis
        fields = [
            "transport", "access_to_services", "urban_area", "rural_area", "no_enclaves", "other_information",
            "other_documents",
        ]  # fmt: skip
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("transport", "access_to_services", "urban_area", "rural_area", "other_information",
                         "other_documents")
        }  # fmt: skip
