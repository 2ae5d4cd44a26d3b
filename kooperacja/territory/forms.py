from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.territory.models import Unit


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or TERYT code"), required=False, max_length=100)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("all levels")), *Unit.Level.choices])
