"""The timeline of a cooperation drawn as SVG (server-side, no JS; the same picture on the page and in PDFs).
The steps table under it carries the same information as text."""

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kooperacja.cooperation.models import Step
from kooperacja.cooperation.selectors import Timeline
from kooperacja.core.svg import dash_attribute, svg_join

FILL = {
    Step.Status.DONE: "#1b7f3b",
    Step.Status.IN_PROGRESS: "#0b5cad",
    Step.Status.TODO: "#6c757d",
    Step.Status.SKIPPED: "#ffffff",
}
LATE = "#b00020"


def timeline_svg(timeline: Timeline, *, width: int = 960, label_width: int = 300, row: int = 26) -> SafeString:
    chart = width - label_width - 10
    height = 30 + row * len(timeline.rows) + 10

    def x(percent: float) -> float:
        return round(label_width + chart * percent / 100, 1)

    parts = []
    for percent, label in timeline.months:
        parts.append(
            format_html('<line x1="{}" y1="18" x2="{}" y2="{}" stroke="#dee2e6"/>', x(percent), x(percent), height - 8)
        )
        parts.append(format_html('<text x="{}" y="13" fill="#333">{}</text>', x(percent) + 2, label))
    for index, item in enumerate(timeline.rows):
        y = 26 + index * row
        step = item.step
        title = f"{step.code}. {step.title}"
        short = title if len(title) <= 44 else title[:42] + "…"
        colour = LATE if item.late else "#212529"
        parts.append(
            format_html('<text x="4" y="{}" fill="{}"><title>{}</title>{}</text>', y + 14, colour, title, short)
        )
        fill = FILL.get(step.status, "#6c757d")
        stroke = LATE if item.late else ("#6c757d" if step.status == Step.Status.SKIPPED else fill)
        dash = dash_attribute("4 3" if step.status == Step.Status.SKIPPED else "")
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" stroke="{}" stroke-width="{}"{}>'
                "<title>{}: {}</title></rect>",
                x(item.offset),
                y + 3,
                round(chart * item.width / 100, 1),
                row - 8,
                fill,
                stroke,
                2.5 if item.late else 1,
                dash,
                title,
                step.get_status_display(),
            )
        )
        if item.late:
            end = x(item.offset + item.width)
            parts.append(
                format_html('<text x="{}" y="{}" fill="{}" font-weight="bold">!</text>', end + 4, y + 14, LATE)
            )
    if timeline.today_percent is not None:
        tx = x(timeline.today_percent)
        parts.append(
            format_html(
                '<line x1="{}" y1="16" x2="{}" y2="{}" stroke="{}" stroke-width="2"/>', tx, tx, height - 4, LATE
            )
        )
        parts.append(format_html('<text x="{}" y="{}" fill="{}">{}</text>', tx + 3, height - 6, LATE, _("today")))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-labelledby="timeline-title" class="timeline-svg"><title id="timeline-title">{}</title>'
        '<g font-family="DejaVu Sans, Arial, sans-serif" font-size="11">{}</g></svg>',
        width,
        height,
        width,
        height,
        _("Timeline of the cooperation: steps by month, today marked"),
        svg_join(parts),
    )
