from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.audit.models import AuditEvent


class AuditSearchForm(forms.Form):
    text = forms.CharField(label=_("Who (e-mail), object id or IP address"), required=False, max_length=254)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("all actions")), *AuditEvent.Action.choices]
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
