from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kooperacja.cooperation.application.services import document_check
from kooperacja.cooperation.models import AuthorityConsent, RopsApplication
from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.core.validators import forbid_future
from kooperacja.diagnosis.models import Analysis
from kooperacja.directory.models import Institution

DOCUMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
DOCUMENT_HELP = _("PDF, JPEG or PNG, at most 5 MB.")


def _checked_document(upload):
    if upload:
        try:
            document_check(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
    return upload


class ApplicationForm(VersionedFormMixin, forms.ModelForm):
    """Annex 1: the contact person, the support wanted, the description and the analysis attached."""

    support = forms.MultipleChoiceField(
        label=_("Support wanted"),
        choices=RopsApplication.Support.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = RopsApplication
        fields = [
            "contact_name",
            "contact_function",
            "contact_phone",
            "contact_email",
            "support",
            "description",
            "analysis",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"contact_email": _("A business address of the worker, not a private one.")}

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        analyses = Analysis.objects.filter(unit=cooperation.unit).select_related("unit").order_by("-year")
        self.fields["analysis"].queryset = analyses
        self.fields["analysis"].empty_label = _("— none —")
        self.fields["analysis"].help_text = _("ROPS will be able to read its report.")
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("analysis", next((a.pk for a in analyses if a.is_current), None))


class NoticeForm(VersionedFormMixin, forms.ModelForm):
    """The notice of an independent start (002 §3.5)."""

    institutions = forms.ModelMultipleChoiceField(
        label=_("Institutions that joined the cooperation"),
        queryset=Institution.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = RopsApplication
        fields = [
            "contact_name",
            "contact_function",
            "contact_phone",
            "contact_email",
            "actions_taken",
            "institutions",
            "agreement_file",
            "agreement_in_platform",
            "description",
        ]
        widgets = {"actions_taken": forms.Textarea(attrs={"rows": 5}), "description": forms.Textarea(attrs={"rows": 3})}
        labels = {"description": _("Other information (optional)")}
        help_texts = {"contact_email": _("A business address of the worker, not a private one.")}

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        gminas = [cooperation.unit, *cooperation.other_units.all()]
        units = {u.pk for u in gminas} | {u.parent_id for u in gminas}
        self.fields["institutions"].queryset = Institution.objects.filter(unit__in=units).order_by("name")
        self.fields["agreement_file"].widget = forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT})
        self.fields["agreement_file"].help_text = DOCUMENT_HELP

    def clean_agreement_file(self):
        upload = self.cleaned_data.get("agreement_file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the file kept from before
            _checked_document(upload)
        return upload


class AssignForm(forms.Form):
    animator = forms.ModelChoiceField(label=_("Regional animator"), queryset=None, empty_label=None)

    def __init__(self, *args, animators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["animator"].queryset = animators


class AnswerForm(forms.Form):
    agreed_support = forms.MultipleChoiceField(
        label=_("Agreed forms of support"),
        choices=RopsApplication.Support.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    answer = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What ROPS offers, the next steps, when the regional animator will call."),
    )


class ConsentForm(forms.ModelForm):
    unit = forms.ChoiceField(label=_("Gmina or county"))

    class Meta:
        model = AuthorityConsent
        fields = ["authority", "unit", "person_name", "decision", "decided_on", "reference", "document"]
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        gminas = [cooperation.unit, *cooperation.other_units.select_related("parent")]
        counties = {g.parent_id: g.parent for g in gminas if g.parent_id}
        self.units = {u.pk: u for u in [*gminas, *counties.values()]}
        self.fields["unit"].choices = [(u.pk, u.full_name) for u in self.units.values()]
        self.fields["document"].widget = forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT})
        self.fields["document"].help_text = DOCUMENT_HELP
        forbid_future(
            self.fields["decided_on"],
            _("The date of the decision cannot be later than today — enter the day on which the authority decided."),
        )

    def clean_unit(self):
        return self.units[int(self.cleaned_data["unit"])]

    def clean_document(self):
        return _checked_document(self.cleaned_data.get("document"))

    def _post_clean(self):
        pass  # the service builds and validates the consent
