"""Small counts hidden from readers who see aggregates only (ROPS): one rule and one look everywhere.

A count from 1 to 4 — or a median or a share computed over 1 to 4 cases — could point at a family, so the code
that computes it puts ``SUPPRESSED`` in its place. ``SUPPRESSED`` is a marker, never a value: "<5" printed in a
cell of medians reads as "under five days", so every reader gets a form that says what happened:

* a page (and its PDF): "—*" (``suppressed_html``), read by a screen reader as "ukryte", with the footnote
  "* ukryte: mniej niż 5 przypadków" (``suppressed_footnote``; the template tags in ``templatetags/suppression``);
* a CSV/XLSX export: the text "ukryte (<5 przypadków)" (``suppressed_export``), which explains itself in a
  spreadsheet without a footnote;
* the JSON API: the string "<5", its documented contract for programs (the threshold, not a value).

Used by the regional level (``regional.privacy``) and by the problem map of the municipality analysis.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

SMALL = range(1, 5)
SUPPRESSED = "<5"
MARK = "—*"


def is_suppressed(value) -> bool:
    return isinstance(value, str) and value == SUPPRESSED


def suppress(count: int | None) -> int | str | None:
    """``count`` as an aggregates-only reader may see it: 0 and 5+ as they are, 1–4 as ``SUPPRESSED``."""
    if count in SMALL:
        return SUPPRESSED
    return count


def suppressed_reason() -> str:
    return _("hidden: fewer than 5 cases")


def suppressed_html() -> SafeString:
    """The cell of a page: "—*" to the eye, "ukryte" to a screen reader, the reason on hover."""
    return format_html(
        '<span class="suppressed" title="{}"><span aria-hidden="true">{}</span><span class="visually-hidden">{}</span>'
        "</span>",
        suppressed_reason(),
        MARK,
        _("hidden"),
    )


def suppressed_footnote() -> str:
    """The footnote under a table or list where any value may be hidden."""
    return "* " + suppressed_reason()


def suppressed_export() -> str:
    """The text of a CSV/XLSX cell in place of a hidden value."""
    return _("hidden (<5 cases)")


def shown_or_export(value):
    """``value`` for a spreadsheet cell: the hidden marker as its explaining text, anything else unchanged."""
    return suppressed_export() if is_suppressed(value) else value
