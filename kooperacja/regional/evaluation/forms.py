import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.regional.models import ModelEvaluation, TeamCost

DATE = {"type": "date"}


class AssessmentForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ModelEvaluation
        fields = ["what_worked", "what_did_not", "recommendations"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
        help_texts = {"what_worked": _("No names of persons or families: the report goes to ROPS too.")}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision of the authorities"), choices=ModelEvaluation.Decision.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(
        label=_("Date of the decision"),
        initial=datetime.date.today,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    document_reference = forms.CharField(
        label=_("Document reference"),
        max_length=200,
        required=False,
        help_text=_("E.g. the number of the order or resolution."),
    )
    next_start_date = forms.DateField(
        label=_("Start of the next cycle"),
        required=False,
        help_text=_("Needed when the model continues."),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == ModelEvaluation.Decision.CONTINUE and not data.get("next_start_date"):
            self.add_error("next_start_date", _("Give the start date of the next cycle."))
        return data


class CostForm(forms.ModelForm):
    class Meta:
        model = TeamCost
        fields = ["kind", "amount", "spent_on", "note"]
        widgets = {"spent_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d")}
