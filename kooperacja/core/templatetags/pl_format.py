"""Polish formats for what Django's l10n does not cover: money."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def pln(value) -> str:
    """12345.5 → "12 345,50 zł" (non-breaking spaces, as Polish typography wants)."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    text = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{text}\u00a0zł"
