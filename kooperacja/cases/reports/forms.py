from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.cases.models import MonitoringInformation, MonthlyReport
from kooperacja.core.concurrency import VersionedFormMixin


class MonthlyReportForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = MonthlyReport
        fields = ["progress", "new_information", "difficulties"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
        help_texts = {
            "progress": _("What you did this month on the tasks of the work plan assigned to you or your institution."),
            "new_information": _("What changed in the situation of the person or family that the group should know."),
            "difficulties": _("Optional: what holds the work back, what you need from the others."),
        }


class PeriodForm(forms.Form):
    period_start = forms.DateField(
        label=_("period from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = forms.DateField(
        label=_("period to"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The end of the period cannot be before its start."))
        return data


class MonitoringNotesForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = MonitoringInformation
        fields = ["notes", "conclusions"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 6}), "conclusions": forms.Textarea(attrs={"rows": 4})}
