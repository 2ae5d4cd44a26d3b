from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.diagnosis.models import SurveyAnswer
from kooperacja.diagnosis.network.services import DETAIL_FIELDS, OBSTACLES_MAX_LENGTH

RATINGS = [("", "—"), (1, "1"), (2, "2"), (3, "3"), (4, "4")]


def _rating(label):
    return forms.TypedChoiceField(label=label, choices=RATINGS, coerce=int, empty_value=None, required=False)


class AnswerRowForm(forms.Form):
    """What the respondent says of one partner. A row left without a level is not saved; with level 0 the
    other fields are ignored."""

    level = forms.TypedChoiceField(
        label=_("Level of cooperation"),
        choices=[("", "—"), *SurveyAnswer.Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    initiator = forms.ChoiceField(
        label=_("Who initiates"), choices=[("", "—"), *SurveyAnswer.Initiator.choices], required=False
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=[("", "—"), *SurveyAnswer.Frequency.choices], required=False
    )
    staff_readiness = _rating(_("Readiness of our staff (1–4)"))
    trust_reliability = _rating(_("Reliability"))
    trust_mission = _rating(_("Shared mission"))
    trust_openness = _rating(_("Openness to discussion"))
    value_resources = _rating(_("Resources contributed"))
    value_influence = _rating(_("Influence"))
    value_involvement = _rating(_("Involvement"))
    obstacles = forms.CharField(
        label=_("Obstacles to cooperation"),
        required=False,
        max_length=OBSTACLES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, partner, answer=None, **kwargs):
        self.partner = partner
        self.answer = answer
        if answer is not None and "initial" not in kwargs:
            kwargs["initial"] = {"level": answer.level, **{name: getattr(answer, name) for name in DETAIL_FIELDS}}
        super().__init__(*args, prefix=f"p{partner.pk}", **kwargs)

    def clean(self):
        data = super().clean()
        level = data.get("level")
        filled = [name for name in DETAIL_FIELDS if data.get(name) not in (None, "")]
        if level is None and filled and "level" not in self.errors:
            self.add_error("level", _("Choose the level of cooperation before the details."))
        return data

    def row(self) -> dict | None:
        """The row for ``survey_answers_save``, or None when the respondent left it empty."""
        if self.cleaned_data.get("level") is None:
            return None
        return {"partner_id": self.partner.pk, **{k: self.cleaned_data.get(k) for k in ("level", *DETAIL_FIELDS)}}


class SheetVersionForm(VersionedFormMixin, forms.Form):
    """The edit version of one institution's answer sheet, sent with the rows (``initial``: the sheet's version,
    0 when it has none yet). After a conflicting save it lists, for each partner, the obstacles as saved now
    beside what the user typed."""

    def show_saved_answers(self, rows: list[AnswerRowForm], saved: dict[int, SurveyAnswer]) -> None:
        differences = self.conflict["differences"] if hasattr(self, "conflict") else []
        for row in rows:
            answer = saved.get(row.partner.pk)
            theirs = (row.cleaned_data.get("obstacles") or "").strip()
            now = answer.obstacles.strip() if answer is not None else ""
            if theirs != now:
                label = f"{row.partner.name}: {row.fields['obstacles'].label}"
                differences.append({"label": label, "saved": now, "theirs": theirs})
        self.conflict = {"differences": differences}


class RoundCreateForm(forms.Form):
    title = forms.CharField(label=_("Title of the round"), max_length=200)
    held_on = forms.DateField(
        label=_("Date of the round"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    institutions = forms.ModelMultipleChoiceField(
        label=_("Institutions surveyed"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Institutions of the gmina and of its county; national institutions are not surveyed."),
        error_messages={"required": _("Choose at least two institutions.")},
    )

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institutions"].queryset = institutions
        self.fields["institutions"].label_from_instance = lambda i: f"{i.name} ({i.sector_label})"


class RespondentForm(forms.Form):
    instytucja = forms.TypedChoiceField(label=_("I answer for"), coerce=int)

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instytucja"].choices = [(i.pk, i.name) for i in institutions]


class CompareForm(forms.Form):
    przed = forms.TypedChoiceField(label=_("Earlier round"), coerce=int)
    po = forms.TypedChoiceField(label=_("Later round"), coerce=int)

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(r.pk, f"{r.held_on:%d.%m.%Y} — {r.title}") for r in rounds]
        self.fields["przed"].choices = choices
        self.fields["po"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("przed") is not None and data.get("przed") == data.get("po"):
            raise forms.ValidationError(_("Choose two different rounds."))
        return data
