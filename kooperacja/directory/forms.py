from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.directory.models import Institution
from kooperacja.territory.models import Unit
from kooperacja.territory.widgets import UnitPicker


class InstitutionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=Institution.Kind.choices)
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

    def __init__(self, *args, instance: Institution | None = None, **kwargs):
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {"name": instance.name, "kind": instance.kind, "unit": instance.unit_id}
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("name") and data.get("unit"):
            clash = Institution.objects.filter(name__iexact=data["name"], unit=data["unit"])
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError(_("An institution with this name already serves this unit."))
        return data


class InstitutionSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
