import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.cases.models import FamilyParticipation, MonitoringPlan
from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.core.validators import NotInFuture
from kooperacja.meetings.forms import ProposedStartMixin
from kooperacja.meetings.models import Meeting


class MemberForm(forms.Form):
    """Who joins the group: a worker picked under their institution (the diagnosis's proposals first, then the
    team's institutions), and their function in the group in the field's words."""

    user = forms.ChoiceField(
        label=_("Worker"),
        help_text=_(
            "Under each institution, the people who work there and their position. First the institutions the "
            "diagnosis proposed, then the team's other institutions."
        ),
    )
    function = forms.ChoiceField(
        label=_("Function in the group"),
        required=False,
        help_text=_("Left empty, it is taken from the person's position at their institution."),
    )
    function_other = forms.CharField(
        label=_("Other function"), max_length=120, required=False, help_text=_("Only when the function is “other”.")
    )
    joined_on = forms.DateField(
        label=_("Joined on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[
            NotInFuture(
                _(
                    "The date of joining cannot be later than today — enter the day on which the person joined the "
                    "group; add them on that day or later."
                )
            )
        ],
    )

    def __init__(self, *args, candidates, **kwargs):
        from kooperacja.cases.models import GroupMembership

        super().__init__(*args, **kwargs)
        counts: dict[int, int] = {}
        for group in candidates:
            for membership in group.memberships:
                counts[membership.user_id] = counts.get(membership.user_id, 0) + 1
        self.picked: dict[str, object] = {}
        choices: list = [("", "—")]
        for group in candidates:
            label = group.institution.name
            if group.proposed:
                label = _("%(name)s — proposed by the diagnosis") % {"name": label}
            elif group.in_team:
                label = _("%(name)s — in the team") % {"name": label}
            options = []
            for membership in group.memberships:
                user = membership.user
                key = str(user.pk) if counts[user.pk] == 1 else f"{user.pk}-{membership.institution_id}"
                self.picked[key] = membership
                name = user.get_full_name() or user.email
                options.append((key, f"{name} ({membership.position})" if membership.position else name))
            choices.append((label, options))
        self.fields["user"].choices = choices
        self.fields["function"].choices = [("", _("— from the position"))] + list(GroupMembership.Function.choices)

    def clean_user(self):
        membership = self.picked.get(self.cleaned_data["user"])
        if membership is None:
            raise forms.ValidationError(_("Choose a worker from the list."))
        return membership

    def member_data(self) -> dict:
        membership = self.cleaned_data["user"]
        return {
            "user": membership.user,
            "institution": membership.institution,
            "function": self.cleaned_data["function"],
            "function_other": self.cleaned_data["function_other"],
            "joined_on": self.cleaned_data["joined_on"],
        }


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


class _WhenForm(ProposedStartMixin, forms.Form):
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
        validators=[
            NotInFuture(
                _(
                    "The date of the consultation cannot be later than today — enter the day on which the family "
                    "was consulted."
                )
            )
        ],
    )
    informed_how = forms.ChoiceField(
        label=_("Informed after: how"), required=False, choices=[("", "—"), *FamilyParticipation.Channel.choices]
    )
    informed_on = forms.DateField(
        label=_("Informed after: when"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[
            NotInFuture(
                _("The date of informing cannot be later than today — enter the day on which the family was informed.")
            )
        ],
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
