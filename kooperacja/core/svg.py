"""Charts drawn as inline SVG on the server are built from ``format_html`` pieces: every text inside goes through
Django's escaping, and no hand-built string is ever marked safe (``mark_safe`` stays out of the code base)."""

from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def svg_join(parts: Iterable) -> SafeString:
    """The parts one after another. A part made by ``format_html`` is kept as it is; plain text is escaped."""
    return format_html_join("", "{}", ((part,) for part in parts))


def num(value: float) -> str:
    """A coordinate with one decimal (``format_html`` escapes its arguments, so numbers are formatted first)."""
    return f"{value:.1f}"


def dash_attribute(pattern: str) -> SafeString | str:
    """`` stroke-dasharray="…"`` for a dashed line, nothing for a solid one."""
    return format_html(' stroke-dasharray="{}"', pattern) if pattern else ""
