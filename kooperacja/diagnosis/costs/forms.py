"""Forms of the unit-cost table and of the cost-of-inaction cards. They validate what was typed; services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.core.templatetags.pl_format import pln
from kooperacja.diagnosis.costs.selectors import unit_costs_available_for
from kooperacja.diagnosis.models import CostCard, CostCardLine, UnitCost


class UnitCostForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = UnitCost
        fields = ["name", "kind", "per", "amount", "year", "source", "payer", "voivodeship", "is_active"]
        widgets = {"source": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "source": _("Where the amount comes from: a published document, its date and address. Required."),
            "year": _("The year the amount refers to."),
        }

    def __init__(self, *args, voivodeships, **kwargs):
        """``voivodeships``: the scopes the user may give (their own voivodeship for ROPS staff)."""
        super().__init__(*args, **kwargs)
        self.fields["voivodeship"].queryset = voivodeships
        self.fields["voivodeship"].empty_label = _("whole country")
        self.fields["year"].min_value = 2000
        self.fields["year"].widget.attrs.update(min=2000, max=2100)


class CostCardForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = CostCard
        fields = ["title", "scenario", "months", "deadweight_percent"]
        widgets = {"scenario": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "title": _(
                "E.g. “Family with two children at risk of placement”. No names: the card is shown at meetings."
            ),
            "scenario": _("What happens to the person or family, without personal data."),
            "deadweight_percent": _(
                "The share (0–100%) of the consequences that would be avoided even without the services. "
                "The card deducts it and states it."
            ),
        }

    def clean_deadweight_percent(self):
        value = self.cleaned_data["deadweight_percent"]
        if value is not None and not 0 <= value <= 100:
            raise forms.ValidationError(_("Give a percentage from 0 to 100."))
        return value


class UnitCostChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: UnitCost) -> str:
        scope = obj.voivodeship.name if obj.voivodeship_id else _("whole country")
        return f"{obj.name} — {pln(obj.amount)} / {obj.get_per_display()} ({obj.year}, {scope})"


class CostCardLineForm(VersionedFormMixin, forms.ModelForm):
    unit_cost = UnitCostChoiceField(label=_("Unit cost"), queryset=UnitCost.objects.none())

    class Meta:
        model = CostCardLine
        fields = ["unit_cost", "quantity", "persons", "months", "payer", "note"]
        labels = {"payer": _("Paid (or saved) by")}

    def __init__(self, *args, card: CostCard, **kwargs):
        super().__init__(*args, **kwargs)
        self.card = card
        available = unit_costs_available_for(card.analysis.unit).select_related("voivodeship")
        if self.instance.pk and self.instance.unit_cost_id:
            # A withdrawn unit cost the line already uses stays selectable for it.
            available = (available | UnitCost.objects.filter(pk=self.instance.unit_cost_id)).distinct()
        field = self.fields["unit_cost"]
        field.queryset = available
        groups = {kind: [] for kind, _label in UnitCost.Kind.choices}
        for unit_cost in available:
            groups[unit_cost.kind].append((unit_cost.pk, field.label_from_instance(unit_cost)))
        field.choices = [("", "---------")] + [
            (label, groups[kind]) for kind, label in UnitCost.Kind.choices if groups[kind]
        ]
        self.fields["payer"].choices = [("", _("as in the unit cost"))] + list(self.fields["payer"].choices)[1:]
        self.fields["quantity"].widget.attrs.update(min=0, step="0.01")
        self.fields["persons"].widget.attrs.update(min=1)
        self.fields["months"].widget.attrs.update(min=1, max=card.months)
        self.fields["months"].help_text = _("Empty: the whole period of the card (%(months)s months).") % {
            "months": card.months
        }

    def clean_quantity(self):
        value = self.cleaned_data["quantity"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("The quantity cannot be negative."))
        return value

    def clean_persons(self):
        value = self.cleaned_data["persons"]
        if value is not None and value < 1:
            raise forms.ValidationError(_("At least one person."))
        return value

    def clean_months(self):
        value = self.cleaned_data["months"]
        if value is not None and not 1 <= value <= self.card.months:
            raise forms.ValidationError(
                _("From 1 to %(months)s months (the period of the card).") % {"months": self.card.months}
            )
        return value
