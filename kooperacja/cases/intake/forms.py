from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.cases.diagnosis.forms import INTERVIEW_IN_FUTURE
from kooperacja.cases.intake.services import validate_pesel
from kooperacja.cases.models import Case, Person
from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.core.validators import NotInFuture, forbid_future
from kooperacja.directory.models import Institution

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReferralForm(forms.Form):
    """Only the data needed: who (a name to find them) and why. The OPS learns the rest itself."""

    target = forms.ChoiceField(label=_("Cooperation and your institution"))
    kind = forms.ChoiceField(label=_("The referral concerns"), choices=Case.Kind.choices, initial=Case.Kind.FAMILY)
    person_name = forms.CharField(
        label=_("Name of the person or family"),
        max_length=160,
        help_text=_("Only the name, so the OPS can find them — no PESEL, no address."),
    )
    reason = forms.CharField(
        label=_("Reason for the referral"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you have noticed and why the OPS should help. Only what is needed."),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {}
        choices = []
        for cooperation, institutions in targets:
            for institution in institutions:
                key = f"{cooperation.pk}:{institution.pk}"
                self.targets[key] = (cooperation, institution)
                choices.append((key, f"{cooperation.name} — {institution.name}"))
        self.fields["target"].choices = choices

    def clean_target(self):
        return self.targets[self.cleaned_data["target"]]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The sender will read it: write it without the family's details."),
    )


class CaseOpenForm(forms.Form):
    cooperation = forms.ModelChoiceField(label=_("Cooperation"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("The case concerns"), choices=Case.Kind.choices, initial=Case.Kind.FAMILY)
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Surname"), max_length=120)

    def __init__(self, *args, cooperations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperation"].queryset = cooperations


class PersonForm(VersionedFormMixin, forms.ModelForm):
    """A person of the case, minimal by design: a family member may have only a relation and an age."""

    age = forms.IntegerField(
        label=_("Age"),
        min_value=0,
        max_value=120,
        required=False,
        help_text=_("When neither the PESEL nor the date of birth is known."),
    )

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "relation", "pesel", "birth_date", "age", "address", "notes"]
        widgets = {
            # Encrypted text columns: one line each, the length still checked from the model's max_length.
            "first_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "pesel": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 11}),
            "birth_date": DATE,
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "pesel": _("Checked and stored encrypted; the date of birth is read from it."),
            "notes": _("Stored encrypted. Only what the work with the family needs."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.birth_year and not self.instance.birth_date:
            self.initial.setdefault("age", self.instance.age)
        forbid_future(
            self.fields["birth_date"],
            _("The date of birth cannot be later than today — check the day, the month and the year."),
        )

    def clean_pesel(self):
        number = "".join(self.cleaned_data.get("pesel", "").split())
        if number:
            validate_pesel(number)
        return number


class QualificationForm(forms.Form):
    qualified = forms.TypedChoiceField(
        label=_("Decision of the OPS"),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        choices=[("yes", _("qualified for the work of the model")), ("no", _("not qualified"))],
    )
    decided_on = forms.DateField(
        label=_("Date of the decision"),
        widget=DATE,
        initial=timezone.localdate,
        validators=[
            NotInFuture(
                _("The date of the decision cannot be later than today — enter the day on which the OPS decided.")
            )
        ],
    )
    note = forms.CharField(label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class InterviewForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Case
        fields = ["interview_date", "interview_reference"]
        widgets = {"interview_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        forbid_future(self.fields["interview_date"], INTERVIEW_IN_FUTURE)


class ConsentForm(forms.Form):
    given_on = forms.DateField(
        label=_("Given on"),
        widget=DATE,
        initial=timezone.localdate,
        validators=[
            NotInFuture(
                _("The date of the consent cannot be later than today — enter the day on which the consent was given.")
            )
        ],
    )
    given_by = forms.CharField(
        label=_("Given by"),
        max_length=160,
        help_text=_("The person, or who gave it for the family."),
    )
    scope = forms.ChoiceField(
        label=_("The family agrees to share information with"),
        widget=forms.RadioSelect,
        choices=[
            ("all", _("all the team's institutions, except those unticked below")),
            ("listed", _("only the institutions ticked below")),
        ],
        initial="all",
        required=False,  # a form posted without it (an older page) names the institutions it lists
    )
    institutions = forms.ModelMultipleChoiceField(
        label=_("Institutions the case may be shared with"),
        queryset=Institution.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Name at least one institution the consent covers.")},
    )

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institutions"].queryset = institutions
        if not self.is_bound:
            self.initial.setdefault("institutions", [i.pk for i in institutions])

    def clean_scope(self) -> str:
        return self.cleaned_data.get("scope") or "listed"

    def groups(self) -> list[tuple[str, list]]:
        """The institution checkboxes grouped by sector (social assistance, education, health…), in the
        order of the directory's taxonomy: one fieldset each."""
        from kooperacja.directory import taxonomy

        sector_of = {str(i.pk): i.sector for i in self.fields["institutions"].queryset}
        by_sector: dict[str, list] = {}
        for checkbox in self["institutions"]:
            by_sector.setdefault(sector_of.get(str(checkbox.data["value"]), "other"), []).append(checkbox)
        return [(taxonomy.SECTORS[code], by_sector[code]) for code in taxonomy.SECTORS if code in by_sector]


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"),
        widget=DATE,
        initial=timezone.localdate,
        validators=[
            NotInFuture(
                _(
                    "The date of withdrawal cannot be later than today — enter the day on which the consent was "
                    "withdrawn."
                )
            )
        ],
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class OverrideForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=Institution.objects.none())
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=255,
        help_text=_("E.g. art. 9a ust. 15 of the act on counteracting domestic violence (a child at risk)."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for emergency access"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=10,
        help_text=_("The coordinator of the case will read it. Access lasts an hour and every read is logged."),
    )


class PeselSearchForm(forms.Form):
    pesel = forms.CharField(
        label=_("PESEL"), max_length=11, widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    )

    def clean_pesel(self):
        number = "".join(self.cleaned_data["pesel"].split())
        validate_pesel(number)
        return number
