"""Hidden small counts on a page (``core.suppression``): ``{{ value|figure }}`` and ``{% suppressed_footnote %}``."""

from django import template
from django.utils.html import format_html

from kooperacja.core import suppression

register = template.Library()


@register.filter
def figure(value, empty: str = "—"):
    """A count as an aggregates-only reader sees it: ``empty`` for none, "—*" (read "ukryte") when hidden."""
    if value is None:
        return empty
    if suppression.is_suppressed(value):
        return suppression.suppressed_html()
    return value


@register.simple_tag
def suppressed_footnote():
    return format_html(
        '<p class="small text-body-secondary suppressed-footnote">{}</p>', suppression.suppressed_footnote()
    )
