from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.cases.models import DIAGNOSIS_AREAS, RATING_MAX, RATING_MIN, ClosureProposal, GoalAssessment
from kooperacja.core.validators import NotInFuture

EVALUATION_IN_FUTURE = _(
    "The date of the evaluation cannot be later than today — enter the day on which the evaluation was held; an "
    "evaluation is recorded once it has taken place."
)
RATINGS = [("", "—")] + [(str(n), str(n)) for n in range(RATING_MIN, RATING_MAX + 1)]


class EvaluationForm(forms.Form):
    """Part C: one degree field per goal of the current plan, a before/after pair per area of the diagnosis."""

    held_on = forms.DateField(
        label=_("Date of the evaluation"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[NotInFuture(EVALUATION_IN_FUTURE)],
    )
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=None, required=False)
    is_final = forms.BooleanField(
        label=_("Final evaluation (compares the situation before and after the work)"), required=False
    )
    workers_comment = forms.CharField(
        label=_("Comments of the workers"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    family_comment = forms.CharField(
        label=_("Comments of the person or family"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, goals, meetings, previous: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{m.title}, {m.starts_at:%d.%m.%Y}"
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=f"{goal.order}. {goal.text}",
                choices=[("", "—")] + GoalAssessment.Degree.choices,
                required=False,
            )
        previous = previous or {}
        for area, label in DIAGNOSIS_AREAS:
            before = previous.get(area, (None, None))[1]
            self.fields[f"before_{area}"] = forms.TypedChoiceField(
                label=_("%(area)s: before") % {"area": label},
                choices=RATINGS,
                coerce=int,
                empty_value=None,
                required=False,
                initial=before,
            )
            self.fields[f"after_{area}"] = forms.TypedChoiceField(
                label=_("%(area)s: now") % {"area": label},
                choices=RATINGS,
                coerce=int,
                empty_value=None,
                required=False,
            )

    def clean(self):
        data = super().clean()
        for area, _label in DIAGNOSIS_AREAS:
            before, after = data.get(f"before_{area}"), data.get(f"after_{area}")
            if (before is None) != (after is None):
                self.add_error(f"after_{area}", _("Rate both: before and now, or neither."))
        return data

    def goal_fields(self):
        return [self[f"goal_{g.pk}"] for g in self.goals]

    def area_fields(self):
        return [(label, self[f"before_{area}"], self[f"after_{area}"]) for area, label in DIAGNOSIS_AREAS]

    def evaluation_data(self) -> dict:
        data = self.cleaned_data
        degrees = {g.pk: data[f"goal_{g.pk}"] for g in self.goals if data.get(f"goal_{g.pk}")}
        ratings = {
            a: (data[f"before_{a}"], data[f"after_{a}"])
            for a, _label in DIAGNOSIS_AREAS
            if data.get(f"before_{a}") is not None and data.get(f"after_{a}") is not None
        }
        return {
            "held_on": data["held_on"],
            "meeting": data["meeting"],
            "is_final": data["is_final"],
            "workers_comment": data["workers_comment"],
            "family_comment": data["family_comment"],
            "goal_degrees": degrees,
            "area_ratings": ratings,
        }


class ClosureForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=ClosureProposal.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the reason is “other”."),
    )
