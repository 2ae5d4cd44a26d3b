"""Small counts are not shown where ROPS looks: any count from 1 to 4 becomes "<5", so no family
can be singled out. Every page, export and API figure of the regional level goes through ``suppressed``."""

SMALL = range(1, 5)
SUPPRESSED = "<5"


def suppressed(count: int | None) -> int | str | None:
    """``count`` as ROPS may see it: 0 and 5+ as they are, 1–4 as "<5"."""
    if count in SMALL:
        return SUPPRESSED
    return count


def suppressed_share(part: int, whole: int) -> float | str | None:
    """A share (0–1) of ``part`` in ``whole``, or "<5" when either count is small enough to identify a family."""
    if not whole:
        return None
    if part in SMALL or whole in SMALL:
        return SUPPRESSED
    return round(part / whole, 3)
