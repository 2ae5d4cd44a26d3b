from django import forms
from django.urls import reverse

from kooperacja.territory.models import Unit


class UnitPicker(forms.Widget):
    """Search a territorial unit by name or TERYT code (htmx suggestions); submits the unit's id.

    Use with ``forms.ModelChoiceField(queryset=Unit.objects.all(), widget=UnitPicker(level="gmina"))``.
    """

    template_name = "territory/widgets/unit_picker.html"

    def __init__(self, attrs=None, *, level: str = ""):
        super().__init__(attrs)
        self.level = level

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        unit = None
        if value not in (None, ""):
            unit = Unit.objects.select_related("parent__parent").filter(pk=value).first()
        context["widget"].update(
            {
                "unit": unit,
                "suggest_url": reverse("territory:suggest"),
                "level": self.level,
            }
        )
        return context
