from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.cases.tools.content import CHECKLIST, FACTORS, SCALE
from kooperacja.core.concurrency import VersionedFormMixin

DATE = {"type": "date"}


class RoundOpenForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the rating"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))


class RatingForm(VersionedFormMixin, forms.Form):
    """One radio group (1–5) per statement, grouped by factor in the template."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for factor in FACTORS:
            for code, text in factor.statements:
                self.fields[code] = forms.TypedChoiceField(
                    label=text, choices=SCALE, coerce=int, widget=forms.RadioSelect
                )

    def factor_groups(self):
        return [(factor, [self[code] for code, _text in factor.statements]) for factor in FACTORS]

    def scores(self) -> dict[str, int]:
        return {code: self.cleaned_data[code] for code in self.fields if code != "edit_version"}


class PreparationForm(VersionedFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in CHECKLIST:
            self.fields[f"{item.code}_done"] = forms.BooleanField(label=_("Ready"), required=False)
            self.fields[f"{item.code}_note"] = forms.CharField(
                label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def items(self):
        return [(item, self[f"{item.code}_done"], self[f"{item.code}_note"]) for item in CHECKLIST]

    def answers(self) -> dict[str, dict]:
        return {
            item.code: {"done": self.cleaned_data[f"{item.code}_done"], "note": self.cleaned_data[f"{item.code}_note"]}
            for item in CHECKLIST
        }

    def saved_texts(self, checklist) -> dict[str, str]:
        """The notes as saved now, beside the user's after a conflicting save."""
        return {f"{answer.item}_note": answer.note for answer in checklist.answers.all()}

    @staticmethod
    def initial_from(checklist) -> dict:
        if checklist is None:
            return {"edit_version": 0}
        initial = {"edit_version": checklist.edit_version}
        for answer in checklist.answers.all():
            initial[f"{answer.item}_done"] = answer.done
            initial[f"{answer.item}_note"] = answer.note
        return initial
