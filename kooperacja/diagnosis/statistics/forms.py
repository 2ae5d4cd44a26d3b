from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.diagnosis.models import Indicator, IndicatorValue
from kooperacja.diagnosis.statistics.services import indicators_for


class IndicatorValueForm(VersionedFormMixin, forms.Form):
    """One value typed in or corrected. The form opened for an indicator and year (``for_value``) carries the
    value's edit version; for another indicator or year it carries 0 ("no value seen"), so a value saved by
    someone else is never overwritten unseen: the user is shown it and saves again."""

    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        error_messages={"required": _("Choose the indicator."), "invalid_choice": _("Choose the indicator.")},
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1990,
        max_value=2100,
        error_messages={"required": _("Give the year."), "invalid": _("Give the year as a number, e.g. 2024.")},
    )
    value = forms.DecimalField(
        label=_("Value"),
        max_digits=16,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": _("Give the value."),
            "invalid": _("Give the value as a number, e.g. 1234 or 12,5."),
        },
    )
    source_note = forms.CharField(
        label=_("Source"),
        max_length=255,
        required=False,
        help_text=_("Where the value comes from, e.g. “PUP Golub-Dobrzyń, information of 10.01.2025”."),
    )
    source_date = forms.DateField(
        label=_("Date of the source"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Give the date as DD.MM.RRRR.")},
    )

    version_of = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, unit, for_value: IndicatorValue | None = None, **kwargs):
        if for_value is not None:
            kwargs["initial"] = {
                **kwargs.get("initial", {}),
                "indicator": for_value.indicator_id,
                "year": for_value.year,
                "value": for_value.value,
                "source_note": for_value.source_note,
                "source_date": for_value.source_date,
                "edit_version": for_value.edit_version,
                "version_of": self.key(for_value.indicator_id, for_value.year),
            }
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators_for(unit).order_by("order", "name")

    @staticmethod
    def key(indicator_id, year) -> str:
        return f"{indicator_id}:{year}"

    def clean(self):
        data = super().clean()
        indicator, year = data.get("indicator"), data.get("year")
        opened_for = data.pop("version_of", "")
        if indicator is not None and year is not None and opened_for != self.key(indicator.pk, year):
            data["edit_version"] = 0  # the version sent belongs to another value (or none was opened)
        return data

    def opened_for_saved(self) -> None:
        """After a conflicting save: the version now given to the form is that of the value chosen."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version_of")] = self.key(
            self.cleaned_data["indicator"].pk, self.cleaned_data["year"]
        )


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the indicator"),
        max_length=200,
        error_messages={"required": _("Give the name of the indicator.")},
    )
    measure = forms.CharField(
        label=_("Unit of measure"), max_length=30, initial="osoba", help_text=_("E.g. osoba, rodzina, zł, %.")
    )
    group = forms.ChoiceField(label=_("Group"), choices=Indicator.Group.choices, initial=Indicator.Group.OTHER)
