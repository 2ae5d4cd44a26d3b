import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.cases.models import FamilyParticipation, MonitoringPlan
from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.meetings.models import Meeting


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Worker (platform account)"), queryset=None)
    joined_on = forms.DateField(
        label=_("Joined on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.email


class ClosePersonForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the close person"), max_length=160, help_text=_("A name only: close persons have no account.")
    )


class HandoverForm(forms.Form):
    to_user = forms.ModelChoiceField(label=_("New coordinator"), queryset=None)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = users
        self.fields["to_user"].label_from_instance = lambda u: u.get_full_name() or u.email


class AttachForm(forms.Form):
    other = forms.ModelChoiceField(label=_("Case"), queryset=None)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = cases


class _WhenForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duration_minutes = forms.IntegerField(
        label=_("Expected duration (minutes)"), min_value=15, max_value=600, initial=90
    )
    place = forms.CharField(label=_("Place"), max_length=255, help_text=_("The address and the room."))

    def starts_at(self) -> datetime.datetime:
        tz = timezone.get_current_timezone()
        return datetime.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"], tzinfo=tz)


OVERRIDE_HELP = _("Only when a rule stops the meeting: the reason is recorded with your name and the time.")


class CaseMeetingForm(_WhenForm):
    kind = forms.ChoiceField(
        label=_("Kind of meeting"),
        choices=[(k, v) for k, v in Meeting.Kind.choices if k in (Meeting.Kind.CASE_GROUP, Meeting.Kind.MONITORING)],
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Left empty, the agenda template is used. Do not name the family: invitations carry only the "
            "case reference."
        ),
    )
    override_reason = forms.CharField(
        label=_("Reason for setting a rule aside"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=OVERRIDE_HELP,
    )
    field_order = ["kind", "date", "time", "duration_minutes", "place", "agenda", "override_reason"]


class ExtraMeetingForm(_WhenForm):
    reason = forms.CharField(
        label=_("Significant change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the group should meet now; seen inside the platform only."),
    )
    override_reason = forms.CharField(
        label=_("Reason for setting a rule aside"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=OVERRIDE_HELP,
    )


class MonitoringForm(VersionedFormMixin, forms.Form):
    """The frequency of monitoring meetings, with the edit version of the case's plan (0: none set yet)."""

    every_weeks = forms.TypedChoiceField(
        label=_("Frequency of monitoring meetings"), coerce=int, choices=MonitoringPlan.FREQUENCIES
    )
    plan_next = forms.IntegerField(label=_("Plan the next meetings"), min_value=1, max_value=12, initial=3)
    place = forms.CharField(
        label=_("Place"), max_length=255, required=False, help_text=_("Left empty, the place of the last meeting.")
    )


class ParticipationForm(VersionedFormMixin, forms.Form):
    attended = forms.BooleanField(label=_("The family attended the meeting"), required=False)
    consulted_how = forms.ChoiceField(
        label=_("Consulted before: how"), required=False, choices=[("", "—"), *FamilyParticipation.Channel.choices]
    )
    consulted_on = forms.DateField(
        label=_("Consulted before: when"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    informed_how = forms.ChoiceField(
        label=_("Informed after: how"), required=False, choices=[("", "—"), *FamilyParticipation.Channel.choices]
    )
    informed_on = forms.DateField(
        label=_("Informed after: when"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
