from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.regional.models import Recommendation, StepKind, SupportRequest, Tool

FILE_HELP = _("PDF, JPEG, PNG, ODT or DOCX, at most 10 MB.")
FILE_ACCEPT = ".pdf,.jpg,.jpeg,.png,.odt,.docx"
NO_PERSONAL_DATA = _("No personal data: no names, no PESEL, no details of cases.")


def _file_field(required: bool):
    return forms.FileField(
        label=_("File"),
        required=required,
        help_text=FILE_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
    )


class ToolForm(VersionedFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ChoiceField(label=_("Category"), choices=Tool.Category.choices)
    step_kind = forms.ChoiceField(label=_("Step of the model"), choices=StepKind.choices)


class ToolCreateForm(ToolForm):
    file = _file_field(required=False)


class ToolVersionForm(forms.Form):
    file = _file_field(required=True)
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class ToolSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in titles and descriptions"), required=False, max_length=100)
    etap = forms.ChoiceField(
        label=_("Step of the model"), required=False, choices=[("", _("all steps"))] + StepKind.choices
    )


class GoodPracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    step_kind = forms.ChoiceField(label=_("Step of the model"), choices=StepKind.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), help_text=NO_PERSONAL_DATA
    )
    file = _file_field(required=False)


class SupportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of support"), choices=SupportRequest.Kind.choices)
    description = forms.CharField(
        label=_("What is needed"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=NO_PERSONAL_DATA
    )


class SupportPlanForm(forms.Form):
    planned_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    participants = forms.IntegerField(label=_("Participants"), min_value=0, required=False)
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_digits=6, decimal_places=1, required=False)


class SupportRecordForm(SupportPlanForm):
    participants = forms.IntegerField(label=_("Participants"), min_value=0)
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_digits=6, decimal_places=1)


class SupportDeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 3}))


class RecommendationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of recommendation"), choices=Recommendation.Kind.choices)
    text = forms.CharField(
        label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 5}), help_text=NO_PERSONAL_DATA
    )


class RecommendationDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Recommendation.Status.ACCEPTED, _("accept")),
            (Recommendation.Status.FORWARDED, _("forward")),
            (Recommendation.Status.REJECTED, _("reject")),
        ],
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
