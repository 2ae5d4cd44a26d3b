from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kooperacja.documents.uploads import check_message_attachment


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen only by the case group. The e-mail notice names the case reference only."),
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, JPEG, PNG, ODT or DOCX, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.odt,.docx"}),
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            try:
                check_message_attachment(upload)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("body") or "").strip() and not data.get("attachment"):
            raise ValidationError(_("Write a message or attach a file."))
        return data
