from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.diagnosis.models import Indicator
from kooperacja.diagnosis.statistics.services import indicators_for


class IndicatorValueForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        error_messages={"required": _("Choose the indicator."), "invalid_choice": _("Choose the indicator.")},
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=1990, max_value=2100,
        error_messages={"required": _("Give the year."), "invalid": _("Give the year as a number, e.g. 2024.")},
    )  # fmt: skip
    value = forms.DecimalField(
        label=_("Value"), max_digits=16, decimal_places=2, localize=True,
        error_messages={
            "required": _("Give the value."),
            "invalid": _("Give the value as a number, e.g. 1234 or 12,5."),
        },
    )  # fmt: skip
    source_note = forms.CharField(
        label=_("Source"), max_length=255, required=False,
        help_text=_("Where the value comes from, e.g. “PUP Golub-Dobrzyń, information of 10.01.2025”."),
    )  # fmt: skip
    source_date = forms.DateField(
        label=_("Date of the source"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Give the date as DD.MM.RRRR.")},
    )  # fmt: skip

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators_for(unit).order_by("order", "name")


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the indicator"), max_length=200,
        error_messages={"required": _("Give the name of the indicator.")},
    )  # fmt: skip
    measure = forms.CharField(
        label=_("Unit of measure"), max_length=30, initial="osoba", help_text=_("E.g. osoba, rodzina, zł, %.")
    )
    group = forms.ChoiceField(label=_("Group"), choices=Indicator.Group.choices, initial=Indicator.Group.OTHER)
