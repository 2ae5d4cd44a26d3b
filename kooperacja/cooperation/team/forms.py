from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.cooperation.models import Team, TeamActivity, TeamGoal, TeamMember
from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.core.validators import forbid_future

DATE = {"type": "date"}
JOINED_IN_FUTURE = _(
    "The date of joining cannot be later than today — enter the day on which the institution joined the team."
)


class ScheduleForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Team
        fields = ["meeting_frequency", "meeting_weekday", "meeting_time"]
        widgets = {"meeting_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        help_texts = {"meeting_frequency": _("Monthly is preferred; the team meets at least once a quarter.")}


class MemberAddForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["institution", "representative_name", "membership", "joined_on"]
        widgets = {"joined_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d")}

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions
        forbid_future(
            self.fields["joined_on"],
            JOINED_IN_FUTURE,
        )


class MemberForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["representative_name", "representative_user", "membership", "joined_on", "left_on"]
        widgets = {
            "joined_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "left_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        }

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative_user"].queryset = users
        self.fields["representative_user"].help_text = _("A platform account of the representative, if they have one.")
        forbid_future(
            self.fields["joined_on"],
            JOINED_IN_FUTURE,
        )
        forbid_future(
            self.fields["left_on"],
            _("The date of leaving cannot be later than today — enter the day on which the institution left the team."),
        )


class GoalForm(forms.ModelForm):
    class Meta:
        model = TeamGoal
        fields = ["area", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ActivityForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = TeamActivity
        fields = ["area", "kind", "title", "planned_on", "done_on", "participants", "hours", "outcome"]
        widgets = {
            "planned_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "done_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        forbid_future(
            self.fields["done_on"],
            _(
                "The date of completion cannot be later than today — enter the day on which the activity was "
                "carried out; a date still ahead goes in the planned date."
            ),
        )
