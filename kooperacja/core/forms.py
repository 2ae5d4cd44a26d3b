"""How every form of the platform is drawn: Bootstrap classes and accessible labels, errors and hints."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class StyledBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        elif isinstance(widget, forms.HiddenInput):
            return attrs
        else:
            css = "form-control"
        if self.errors:
            css += " is-invalid"
        attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        return attrs


class Renderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = StyledBoundField


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message at its field, or above the form when the field
    is not on it — so the page comes back with what the user typed and a Polish explanation. A stale version
    (someone saved the object after the form was opened) also puts the saved texts beside the user's."""
    from kooperacja.core.concurrency import StaleVersionError, show_conflict

    if isinstance(error, StaleVersionError):
        show_conflict(form, error)
    if getattr(error, "proposal", None) is not None:  # a date the rules allow, offered beside the errors
        form.proposal = error.proposal
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, messages in error.message_dict.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
