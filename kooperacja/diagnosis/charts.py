"""Charts as inline SVG built on the server: the same picture on the page and in the WeasyPrint PDF, no JS.

Every chart is ``role="img"`` with a ``<title>`` (and a ``<desc>`` saying what is drawn) referenced by
``aria-labelledby``, has its legend written as text, uses colours with at least 3:1 contrast on white and, for
lines, also dash patterns and marker shapes, so colour is never the only difference. Only presentation
attributes are used (no CSS, no ``<style>``): WeasyPrint draws them as the browser does. Every piece is made by
``format_html``, so every text is escaped (core.svg).
"""

import math
import uuid
from decimal import Decimal

from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kooperacja.core.svg import dash_attribute, num, svg_join

# Darker versions of the Okabe–Ito palette: each has a contrast of at least 4.5:1 with white.
COLOURS = ["#005a9c", "#b03d00", "#00734d", "#8e3c84", "#6b5d00", "#3d3d3d"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2"]
TEXT = "#212529"
GRID = "#d0d4d8"
FONT = "DejaVu Sans, Arial, sans-serif"


def number(value, decimal_pos: int | None = None) -> str:
    """A number as Polish readers write it: "12 345", "3,5" (Django's l10n with grouping)."""
    if value is None:
        return ""
    value = Decimal(str(value))
    if decimal_pos is None:
        decimal_pos = 0 if value == value.to_integral_value() else min(2, max(1, -value.normalize().as_tuple()[2]))
    return formats.number_format(value, decimal_pos=decimal_pos, use_l10n=True, force_grouping=True)


def _nice_step(span: float, ticks: int = 4) -> float:
    if span <= 0:
        return 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _scale(values: list[float]) -> tuple[float, float, float]:
    """(low, high, step) of an axis that includes zero and every value."""
    low, high = min([0.0, *values]), max([0.0, *values])
    if low == high:
        high = low + 1
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _svg(*, width: int, height: int, title: str, desc: str, body: list[SafeString]) -> SafeString:
    uid = f"chart-{uuid.uuid4().hex[:10]}"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{}" height="{}" viewBox="0 0 {} {}" '
        'aria-labelledby="{}-title {}-desc" class="chart" style="max-width:100%;height:auto">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>{}</svg>',
        width,
        height,
        width,
        height,
        uid,
        uid,
        uid,
        title,
        uid,
        desc,
        width,
        height,
        svg_join(body),
    )


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, weight: str = "normal", fill: str = TEXT
) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="{}" font-weight="{}" fill="{}" font-family="{}">{}</text>',
        num(x),
        num(y),
        anchor,
        size,
        weight,
        fill,
        FONT,
        text,
    )


def _shorten(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(1, chars - 1)].rstrip() + "…"


def _legend(
    series_names: list[str], *, x0: float, y0: float, width: float, lines: bool
) -> tuple[list[SafeString], float]:
    """Legend items laid out left to right, wrapping; returns the SVG parts and the height used."""
    parts, x, y = [], x0, y0
    for i, name in enumerate(series_names):
        label = _shorten(name, 48)
        item_width = 34 + 7 * len(label)
        if x > x0 and x + item_width > x0 + width:
            x, y = x0, y + 20
        colour = COLOURS[i % len(COLOURS)]
        if lines:
            dash = DASHES[i % len(DASHES)]
            parts.append(
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5"{}/>',
                    num(x),
                    num(y - 4),
                    num(x + 24),
                    num(y - 4),
                    colour,
                    dash_attribute(dash),
                )
            )
            parts.append(_marker(i, x + 12, y - 4, colour))
        else:
            parts.append(
                format_html('<rect x="{}" y="{}" width="14" height="12" fill="{}"/>', num(x), num(y - 11), colour)
            )
        parts.append(_text(x + 30, y, label))
        x += item_width
    return parts, (y - y0) + 20


def _marker(i: int, x: float, y: float, colour: str) -> SafeString:
    shape = i % 3
    if shape == 0:
        return format_html('<circle cx="{}" cy="{}" r="3.5" fill="{}"/>', num(x), num(y), colour)
    if shape == 1:
        return format_html('<rect x="{}" y="{}" width="7" height="7" fill="{}"/>', num(x - 3.5), num(y - 3.5), colour)
    path = f"M{num(x)} {num(y - 4.5)} L{num(x + 4.5)} {num(y + 3.5)} L{num(x - 4.5)} {num(y + 3.5)} Z"
    return format_html('<path d="{}" fill="{}"/>', path, colour)


def _hline(x1: float, x2: float, y: float, colour: str) -> SafeString:
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>', num(x1), num(y), num(x2), num(y), colour
    )


def _legend_height(names: list[str], width: float, *, lines: bool) -> float:
    return _legend(names, x0=0, y0=0, width=width, lines=lines)[1] if names else 0


def line_chart(
    *, title: str, years: list[int], series: list[tuple[str, list[float | None]]], width: int = 640, height: int = 300
) -> SafeString:
    """Lines over years, one per series; ``None`` leaves a gap. The y axis starts at zero (or below it)."""
    left, right, top = 72, 16, 12
    names = [name for name, _v in series]
    legend_h = _legend_height(names, width - left - right, lines=True)
    bottom = 28 + legend_h + 8
    plot_w, plot_h = width - left - right, max(40, height - top - bottom)
    values = [float(v) for _n, vs in series for v in vs if v is not None]
    body: list[SafeString] = []
    if not years or not values:
        body.append(_text(width / 2, height / 2, _("No data to draw."), anchor="middle"))
        return _svg(width=width, height=height, title=title, desc=_("No data."), body=body)
    low, high, step = _scale(values)

    def y_of(v: float) -> float:
        return top + plot_h - (v - low) / (high - low) * plot_h

    def x_of(i: int) -> float:
        return left + (plot_w / 2 if len(years) == 1 else i * plot_w / (len(years) - 1))

    tick = low
    while tick <= high + step / 2:
        y = y_of(tick)
        body.append(_hline(left, left + plot_w, y, GRID))
        body.append(_text(left - 6, y + 4, number(tick), anchor="end", size=11))
        tick += step
    body.append(_hline(left, left + plot_w, y_of(0), TEXT))
    every = max(1, math.ceil(len(years) / max(1, plot_w // 44)))
    for i, year in enumerate(years):
        if i % every == 0 or i == len(years) - 1:
            body.append(_text(x_of(i), top + plot_h + 18, str(year), anchor="middle", size=11))
    for s, (_name, vs) in enumerate(series):
        colour, dash = COLOURS[s % len(COLOURS)], DASHES[s % len(DASHES)]
        path, pen_down = [], False
        for i, v in enumerate(vs[: len(years)]):
            if v is None:
                pen_down = False
                continue
            path.append(f"{'L' if pen_down else 'M'}{num(x_of(i))} {num(y_of(float(v)))}")
            pen_down = True
            body.append(_marker(s, x_of(i), y_of(float(v)), colour))
        if path:
            body.append(
                format_html(
                    '<path d="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>',
                    " ".join(path),
                    colour,
                    dash_attribute(dash),
                )
            )
    legend, _h = _legend(names, x0=left, y0=top + plot_h + 42, width=plot_w, lines=True)
    body.extend(legend)
    desc = _("Line chart, years %(first)s–%(last)s: %(series)s.") % {
        "first": years[0],
        "last": years[-1],
        "series": "; ".join(names),
    }
    return _svg(width=width, height=height, title=title, desc=desc, body=body)


def _bars_layout(labels: list[str], width: int) -> tuple[int, int]:
    """(label column width, chars that fit in it)."""
    longest = max((len(label) for label in labels), default=0)
    label_w = min(int(width * 0.4), max(60, 7 * longest + 12))
    return label_w, max(4, (label_w - 12) // 7)


def bar_chart(*, title: str, bars: list[tuple[str, float]], width: int = 640) -> SafeString:
    """Horizontal bars, the label on the left and the value at the end of the bar; height grows with bars."""
    return grouped_bar_chart(
        title=title, labels=[label for label, _v in bars], series=[("", [v for _l, v in bars])], width=width
    )


def grouped_bar_chart(
    *, title: str, labels: list[str], series: list[tuple[str, list[float | None]]], width: int = 640
) -> SafeString:
    """Horizontal bars, one per series for each label (e.g. two years side by side); ``None`` is "no data"."""
    named = [name for name, _v in series if name]
    bar_h, inner_gap, group_gap, top = 16, 3, 12, 10
    label_w, chars = _bars_layout(labels, width)
    left, right = label_w, 70
    plot_w = width - left - right
    legend_h = _legend_height(named, plot_w, lines=False) if named else 0
    group_h = len(series) * bar_h + (len(series) - 1) * inner_gap
    plot_top = top + legend_h + (6 if named else 0)
    height = int(plot_top + len(labels) * (group_h + group_gap) + 8)
    values = [float(v) for _n, vs in series for v in vs if v is not None]
    body: list[SafeString] = []
    if named:
        parts, _h = _legend(named, x0=left, y0=top + 12, width=plot_w, lines=False)
        body.extend(parts)
    if not labels:
        height = max(height, 40)
        body.append(_text(width / 2, height / 2 + 4, _("No data to draw."), anchor="middle"))
        return _svg(width=width, height=height, title=title, desc=_("No data."), body=body)
    low, high = min([0.0, *values]), max([0.0, *values])
    if low == high:
        high = low + 1

    def x_of(v: float) -> float:
        return left + (v - low) / (high - low) * plot_w

    zero = x_of(0)
    for li, label in enumerate(labels):
        y0 = plot_top + li * (group_h + group_gap)
        group = [_text(left - 8, y0 + group_h / 2 + 4, _shorten(label, chars), anchor="end")]
        for s, (_name, vs) in enumerate(series):
            v = vs[li] if li < len(vs) else None
            y = y0 + s * (bar_h + inner_gap)
            colour = COLOURS[s % len(COLOURS)]
            if v is None:
                group.append(_text(zero + 4, y + bar_h - 4, _("no data"), size=11, fill="#595959"))
                continue
            end = x_of(float(v))
            x, w = min(zero, end), abs(end - zero)
            group.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>', num(x), num(y), num(w), bar_h, colour
                )
            )
            label_x = end + 4 if v >= 0 else end - 4
            group.append(_text(label_x, y + bar_h - 4, number(v), anchor="start" if v >= 0 else "end", size=11))
        body.append(format_html("<g><title>{}</title>{}</g>", label, svg_join(group)))
    body.append(
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            num(zero),
            num(plot_top - 2),
            num(zero),
            num(height - 6),
            TEXT,
        )
    )
    desc = _("Bar chart: %(labels)s.") % {"labels": "; ".join(labels)}
    if named:
        desc += " " + _("Series: %(series)s.") % {"series": "; ".join(named)}
    return _svg(width=width, height=height, title=title, desc=desc, body=body)
