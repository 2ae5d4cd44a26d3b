"""Small counts are not shown where ROPS looks: any count from 1 to 4 is hidden, so no family can be singled out.
Every page, export and API figure of the regional level goes through ``suppressed``. The rule and how a hidden
value is shown (on a page "—*" with a footnote, in an export "ukryte (<5 przypadków)", in the API "<5") live in
``core.suppression``, shared with the problem map of the municipality analysis."""

from kooperacja.core.suppression import SMALL, SUPPRESSED, suppress

__all__ = ["SMALL", "SUPPRESSED", "suppressed", "suppressed_share"]


def suppressed(count: int | None) -> int | str | None:
    """``count`` as ROPS may see it: 0 and 5+ as they are, 1–4 as ``SUPPRESSED``."""
    return suppress(count)


def suppressed_share(part: int, whole: int) -> float | str | None:
    """A share (0–1) of ``part`` in ``whole``, or ``SUPPRESSED`` when either count could identify a family."""
    if not whole:
        return None
    if part in SMALL or whole in SMALL:
        return SUPPRESSED
    return round(part / whole, 3)
