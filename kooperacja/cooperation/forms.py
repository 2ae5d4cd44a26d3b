from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.cooperation.models import Cooperation, CooperationRole, Step
from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.core.validators import forbid_future
from kooperacja.territory.models import Unit
from kooperacja.territory.selectors import unit_by_teryt
from kooperacja.territory.widgets import UnitPicker


class CooperationForm(forms.ModelForm):
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
    other_gminas = forms.CharField(
        label=_("Other gminas (TERYT codes)"),
        required=False,
        help_text=_("For an inter-municipal cooperation: the TERYT codes of the other gminas, separated by commas."),
    )

    class Meta:
        model = Cooperation
        fields = [
            "unit",
            "name",
            "variant",
            "cycle",
            "scope",
            "scope_note",
            "start_date",
            "organisational_months",
            "work_months",
            "summary_months",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "variant": forms.RadioSelect,
        }

    def clean_other_gminas(self) -> list[Unit]:
        units = []
        for code in filter(None, (c.strip() for c in self.cleaned_data["other_gminas"].replace(";", ",").split(","))):
            unit = unit_by_teryt(code)
            if unit is None or unit.level != Unit.Level.GMINA:
                raise forms.ValidationError(_("“%(code)s” is not the TERYT code of a gmina.") % {"code": code})
            units.append(unit)
        return units


class CooperationEditForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Cooperation
        fields = ["name", "scope", "scope_note", "start_date", "organisational_months", "work_months", "summary_months"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class StepForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Step
        fields = ["status", "planned_start", "planned_end", "done_on", "responsible", "notes"]
        widgets = {
            "planned_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "planned_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "done_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        forbid_future(
            self.fields["done_on"],
            _(
                "The date of completion cannot be later than today — enter the day on which the step was done; "
                "dates still ahead go in the planned start and end."
            ),
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end cannot be before the planned start."))
        return data


class RoleForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the person's account"))
    role = forms.ChoiceField(label=_("Role"), choices=CooperationRole.Role.choices)

    def clean_email(self):
        from kooperacja.accounts.models import User

        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active account with this e-mail."))
        return user
