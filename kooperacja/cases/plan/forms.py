from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.cases.models import PlanTask, SocialContract
from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.core.validators import NotInFuture

FAMILY = "rodzina"
DATE = {"type": "date"}


class PlanForm(VersionedFormMixin, forms.Form):
    main_goal = forms.CharField(
        label=_("Main goal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The expected state that should be reached to improve the situation of the person or family."),
    )
    goals = forms.CharField(
        label=_("Specific goals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One goal a line: understandable, concrete and realistic."),
    )
    meeting = forms.ModelChoiceField(label=_("Agreed at the meeting"), queryset=None, required=False)
    agreed_on = forms.DateField(
        label=_("Agreed on"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        validators=[
            NotInFuture(
                _(
                    "The date of agreeing the plan cannot be later than today — enter the day on which the plan was "
                    "agreed with the person or family."
                )
            )
        ],
    )

    def __init__(self, *args, meetings, with_goals: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{m.title}, {m.starts_at:%d.%m.%Y}"
        if not with_goals:
            del self.fields["goals"]

    def goal_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("goals", "").splitlines() if line.strip()]


class GoalForm(VersionedFormMixin, forms.Form):
    text = forms.CharField(label=_("Specific goal"), widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(forms.Form):
    description = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    party = forms.ChoiceField(label=_("Who does it"))
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=None, required=False)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    schedule = forms.CharField(
        label=_("Schedule"), max_length=200, required=False, help_text=_("E.g. every week, until June.")
    )

    def __init__(self, *args, institutions, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.institutions = {str(i.pk): i for i in institutions}
        self.fields["party"].choices = (
            [("", "—")] + [(k, i.name) for k, i in self.institutions.items()] + [(FAMILY, _("the person or family"))]
        )
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda g: f"{g.order}. {g.text[:80]}"

    def task_data(self) -> dict:
        data = {k: self.cleaned_data[k] for k in ("description", "goal", "deadline", "schedule")}
        party = self.cleaned_data["party"]
        data["for_family"] = party == FAMILY
        data["institution"] = None if party == FAMILY else self.institutions[party]
        return data


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanTask.Status.choices)


class AcknowledgeForm(forms.Form):
    institution = forms.IntegerField(widget=forms.HiddenInput)


class FamilyAcknowledgeForm(forms.Form):
    name = forms.CharField(label=_("Who acknowledged it for the person or family"), max_length=160)


class SocialContractForm(forms.ModelForm):
    class Meta:
        model = SocialContract
        fields = ["kind", "kind_other", "number", "date", "status"]
        widgets = {"date": forms.DateInput(attrs=DATE, format="%Y-%m-%d")}
        help_texts = {"kind_other": _("Only when the kind is “other”.")}


class SocialContractStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SocialContract.Status.choices)
