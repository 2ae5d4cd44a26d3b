import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.meetings.models import Invitation, Meeting


class ProposedStartMixin:
    """The button "use the earliest possible date" submits the form with ``proposed_start`` (ISO date and time):
    it replaces the date and the time typed, everything else stays as the user wrote it."""

    proposal = None

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.get("proposed_start"):
            try:
                when = datetime.datetime.fromisoformat(data["proposed_start"])
            except ValueError:
                pass
            else:
                data = data.copy()
                data["date"], data["time"] = when.date().isoformat(), when.strftime("%H:%M")
        super().__init__(data, *args, **kwargs)


class MeetingForm(ProposedStartMixin, VersionedFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duration_minutes = forms.IntegerField(
        label=_("Expected duration (minutes)"), min_value=15, max_value=600, initial=120
    )
    place = forms.CharField(label=_("Place"), max_length=255, help_text=_("The address and the room."))
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 9}),
        help_text=_("Left empty, the agenda template of the chosen kind is used."),
    )
    override_reason = forms.CharField(
        label=_("Reason for setting a rule aside"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when a rule stops the meeting: the reason is recorded with your name and the time."),
    )

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [(k, v) for k, v in Meeting.Kind.choices if k in kinds]

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        local = timezone.localtime(meeting.starts_at)
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "date": local.date(),
            "time": local.time(),
            "duration_minutes": meeting.duration_minutes,
            "place": meeting.place,
            "agenda": meeting.agenda,
            "edit_version": meeting.edit_version,
        }

    def starts_at(self) -> datetime.datetime:
        """The start as an aware datetime in the local time zone (Europe/Warsaw)."""
        tz = timezone.get_current_timezone()
        return datetime.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"], tzinfo=tz)

    def meeting_data(self) -> dict:
        data = {k: self.cleaned_data[k] for k in ("kind", "title", "duration_minutes", "place", "agenda")}
        data["starts_at"] = self.starts_at()
        return data


class InvitationForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=None, required=False)
    user = forms.ModelChoiceField(
        label=_("Platform account"),
        queryset=None,
        required=False,
        help_text=_("With an account, the person answers on the platform and gets the reminder."),
    )
    person_name = forms.CharField(
        label=_("Name of the person invited"),
        max_length=200,
        required=False,
        help_text=_("The director or head of the institution; taken from the account when left empty."),
    )
    function = forms.CharField(label=_("Function"), max_length=200, required=False)

    def __init__(self, *args, institutions, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.email})"

    def clean(self):
        data = super().clean()
        if not data.get("person_name") and not data.get("user"):
            self.add_error("person_name", _("Give the name of the person invited, or choose their account."))
        return data


class AnswerForm(VersionedFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[(k, v) for k, v in Invitation.Answer.choices if k != Invitation.Answer.PENDING],
    )
    deputy_name = forms.CharField(
        label=_("Name of the deputy"),
        max_length=200,
        required=False,
        help_text=_("Only when you send a deputy."),
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == Invitation.Answer.DEPUTY and not data.get("deputy_name", "").strip():
            self.add_error("deputy_name", _("Give the name of the person who will come instead."))
        return data


class SendForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Reason for setting a rule aside"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=255)


ATTENDANCE_CHOICES = [("yes", _("present")), ("no", _("absent")), ("", _("not recorded"))]


class AttendanceForm(VersionedFormMixin, forms.Form):
    """One radio group per invitee; the list is guarded by the meeting's edit version (``initial``)."""

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for invitation in invitations:
            name = f"attended-{invitation.pk}"
            initial = {True: "yes", False: "no", None: ""}[invitation.attended]
            self.fields[name] = forms.ChoiceField(
                label=invitation.person_name,
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=initial,
                widget=forms.RadioSelect,
            )
            self.rows.append((invitation, name))

    def attended(self) -> dict[int, bool | None]:
        values = {"yes": True, "no": False, "": None}
        return {inv.pk: values[self.cleaned_data.get(name) or ""] for inv, name in self.rows}


class MinutesForm(VersionedFormMixin, forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 12}))
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One decision a line."),
    )

    def decision_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["decisions"].splitlines() if line.strip()]

    def saved_texts(self, minutes) -> dict[str, str]:
        """The decisions as saved now, beside the user's after a conflicting save."""
        return {"decisions": "\n".join(d.text for d in minutes.decisions.all())}


class ActionItemForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    description = forms.CharField(label=_("Task"), max_length=1000, required=False)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.email

    def clean(self):
        data = super().clean()
        if data.get("DELETE") or not (data.get("description") or data.get("owner") or data.get("deadline")):
            return data
        if not data.get("description"):
            self.add_error("description", _("Describe the task."))
        if not data.get("owner"):
            self.add_error("owner", _("Choose who will do it."))
        if not data.get("deadline"):
            self.add_error("deadline", _("Give the deadline."))
        return data


class BaseActionItemFormSet(forms.BaseFormSet):
    def items(self) -> list[dict]:
        return [
            {
                "pk": f.cleaned_data.get("pk"),
                "description": f.cleaned_data["description"],
                "owner": f.cleaned_data["owner"],
                "deadline": f.cleaned_data["deadline"],
            }
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("description")
        ]


ActionItemFormSet = forms.formset_factory(ActionItemForm, formset=BaseActionItemFormSet, extra=3, can_delete=True)
