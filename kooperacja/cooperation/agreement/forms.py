from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kooperacja.cooperation.agreement.services import scan_validate
from kooperacja.cooperation.models import Agreement
from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.core.validators import NotInFuture

DATE = {"type": "date"}


class AgreementCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=Agreement.Kind.choices, widget=forms.RadioSelect)


class AgreementTextForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [*Agreement.TEXT_FIELDS, "proposed_changes"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in Agreement.TEXT_FIELDS if name != "title"}


class PartyAddForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=None)
    signatory_name = forms.CharField(label=_("Signatory's name"), max_length=200, required=False)
    signatory_function = forms.CharField(
        label=_("Signatory's function"), max_length=200, required=False, help_text=_("For example: director, manager.")
    )

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions


class PartySignForm(forms.Form):
    signatory_name = forms.CharField(label=_("Signatory's name"), max_length=200)
    signatory_function = forms.CharField(label=_("Signatory's function"), max_length=200)
    signed_on = forms.DateField(
        label=_("Signed on"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        validators=[
            NotInFuture(
                _("The date of signing cannot be later than today — enter the day on which the agreement was signed.")
            )
        ],
    )
    scan = forms.FileField(
        label=_("Scan of the signed page"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan:
            try:
                scan_validate(scan)
            except ValidationError as error:
                raise ValidationError(error.message_dict["scan"]) from None
        return scan


class PartyDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the institution gave it, e.g. that cooperation is already its statutory duty."),
    )
