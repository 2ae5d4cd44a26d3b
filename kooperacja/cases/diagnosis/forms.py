from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.core.validators import NotInFuture

INTERVIEW_IN_FUTURE = _(
    "The date of the interview cannot be later than today — enter the day on which the family environmental "
    "interview was carried out."
)


class InterviewForm(VersionedFormMixin, forms.Form):
    interview_date = forms.DateField(
        label=_("Date of the family environmental interview"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[NotInFuture(INTERVIEW_IN_FUTURE)],
    )
    interview_reference = forms.CharField(
        label=_("Reference of the interview"),
        max_length=60,
        required=False,
        help_text=_("The interview itself is kept in the OPS system."),
    )


class AreaForm(VersionedFormMixin, forms.Form):
    needs = forms.CharField(label=_("Needs"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    difficulties = forms.CharField(label=_("Difficulties"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    resources = forms.CharField(label=_("Resources"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    help_so_far = forms.CharField(label=_("Help so far"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
