"""The timeline of a cooperation drawn as SVG (server-side, no JS; the same picture on the page and in PDFs).
The steps table under it carries the same information as text."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kooperacja.cooperation.models import Step
from kooperacja.cooperation.selectors import Timeline

FILL = {Step.Status.DONE: "#1b7f3b", Step.Status.IN_PROGRESS: "#0b5cad", Step.Status.TODO: "#6c757d",
        Step.Status.SKIPPED: "#ffffff"}  # fmt: skip
LATE = "#b00020"


def timeline_svg(timeline: Timeline, *, width: int = 960, label_width: int = 300, row: int = 26) -> SafeString:
    chart = width - label_width - 10
    height = 30 + row * len(timeline.rows) + 10

    def x(percent: float) -> float:
        return round(label_width + chart * percent / 100, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="timeline-title" class="timeline-svg">',
        f'<title id="timeline-title">{escape(_("Timeline of the cooperation: steps by month, today marked"))}</title>',
        '<g font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
    ]
    for percent, label in timeline.months:
        parts.append(f'<line x1="{x(percent)}" y1="18" x2="{x(percent)}" y2="{height - 8}" stroke="#dee2e6"/>')
        parts.append(f'<text x="{x(percent) + 2}" y="13" fill="#333">{escape(label)}</text>')
    for index, item in enumerate(timeline.rows):
        y = 26 + index * row
        step = item.step
        title = f"{step.code}. {step.title}"
        short = title if len(title) <= 44 else title[:42] + "…"
        colour = LATE if item.late else "#212529"
        parts.append(f'<text x="4" y="{y + 14}" fill="{colour}"><title>{escape(title)}</title>{escape(short)}</text>')
        fill = FILL.get(step.status, "#6c757d")
        stroke = LATE if item.late else ("#6c757d" if step.status == Step.Status.SKIPPED else fill)
        dash = ' stroke-dasharray="4 3"' if step.status == Step.Status.SKIPPED else ""
        parts.append(
            f'<rect x="{x(item.offset)}" y="{y + 3}" width="{round(chart * item.width / 100, 1)}" height="{row - 8}" '
            f'rx="3" fill="{fill}" stroke="{stroke}" stroke-width="{2.5 if item.late else 1}"{dash}>'
            f"<title>{escape(title)}: {escape(step.get_status_display())}</title></rect>"
        )
        if item.late:
            end = x(item.offset + item.width)
            parts.append(f'<text x="{end + 4}" y="{y + 14}" fill="{LATE}" font-weight="bold">!</text>')
    if timeline.today_percent is not None:
        tx = x(timeline.today_percent)
        parts.append(f'<line x1="{tx}" y1="16" x2="{tx}" y2="{height - 4}" stroke="{LATE}" stroke-width="2"/>')
        parts.append(f'<text x="{tx + 3}" y="{height - 6}" fill="{LATE}">{escape(_("today"))}</text>')
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
