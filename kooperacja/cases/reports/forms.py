from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.cases.models import MonitoringInformation, MonthlyReport, PlanTask
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

    def __init__(self, *args, tasks=(), **kwargs):
        """One required status per task of the member (the current one offered, or the one reported)."""
        super().__init__(*args, **kwargs)
        self.tasks = list(tasks)
        reported = (self.instance.task_statuses or {}) if self.instance and self.instance.pk else {}
        task_fields = {}
        for task in self.tasks:
            task_fields[f"task_{task.pk}"] = forms.ChoiceField(
                label=_("Status: %(task)s") % {"task": task.description},
                choices=PlanTask.Status.choices,
                initial=reported.get(str(task.pk), task.status),
            )
        for name in ("progress", "new_information"):
            self.fields[name].required = False
        self.fields = {**task_fields, **self.fields}

    @property
    def task_fields(self):
        return [self[f"task_{task.pk}"] for task in self.tasks]

    @property
    def text_fields(self):
        return [self[name] for name in ("progress", "new_information", "difficulties")]

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in ("progress", "new_information", "difficulties")}
        data["task_statuses"] = {task.pk: self.cleaned_data[f"task_{task.pk}"] for task in self.tasks}
        data["edit_version"] = self.cleaned_data.get("edit_version")
        return data


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


class MissingReportForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    month = forms.DateField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Why the report is missing"),
        max_length=500,
        widget=forms.TextInput(),
        error_messages={"required": _("Say why the report is missing.")},
    )
