"""The targets of `make bench` and the check that lists every one missed.

Numbers come in as plain dictionaries (what ``measure`` writes as JSON), times in seconds:
``results = {"scale1": {name: {"n", "p50", "p95", "queries", "status", "error"}}, "national": {...}}`` and
``load = {"requests", "failures", "p95"}`` (or None when the load run was skipped).

Ratios compare like with like: an item's p50 with the floor's p50, its p95 with the floor's p95, all from the same
data set of the same run. The ratios and growth are judged on the national data set when it was measured (the
one-gmina set otherwise). An item with a limit of its own (dashboard, API, exports, PDFs, searches, the direct
items) is judged by that limit on its p95 instead of the ratios.
"""

from dataclasses import dataclass

from kooperacja.demo.bench.pages import DIRECT, PAGE, Item

PAGE_P50_RATIO = 2.0
PAGE_P95_RATIO = 3.0
GROWTH = 1.3
LOAD_P95_RATIO = 5.0
SCALES = ("scale1", "national")


@dataclass(frozen=True)
class Miss:
    item: str
    text: str

    def __str__(self) -> str:
        return f"{self.item}: {self.text}"


def judged_scale(results: dict) -> str:
    return "national" if results.get("national") else "scale1"


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def ratio(value: float | None, floor: float | None) -> float | None:
    if value is None or not floor:
        return None
    return value / floor


def growth(results: dict, name: str) -> float | None:
    one = (results.get("scale1") or {}).get(name)
    national = (results.get("national") or {}).get(name)
    if not one or not national or not one.get("p50") or national.get("p50") is None:
        return None
    return national["p50"] / one["p50"]


def check(items: list[Item], results: dict, load: dict | None) -> list[Miss]:
    """Every target missed, in the order of the table; an empty list when all are met."""
    misses: list[Miss] = []
    scale = judged_scale(results)
    measured = results.get(scale) or {}
    floor = measured.get("floor") or {}
    for item in items:
        for name in SCALES:
            row = (results.get(name) or {}).get(item.name)
            if row and (row.get("error") or row.get("status") not in (None, 200)):
                misses.append(Miss(item.name, f"{name}: answered {row.get('status')} {row.get('error') or ''}".strip()))
        row = measured.get(item.name)
        if not row or row.get("p50") is None:
            continue
        if item.name == "floor":
            pass
        elif item.limit_seconds is not None:
            if row["p95"] > item.limit_seconds:
                misses.append(Miss(item.name, f"p95 {ms(row['p95'])} (target ≤ {ms(item.limit_seconds)})"))
        elif item.kind == PAGE:
            r50, r95 = ratio(row["p50"], floor.get("p50")), ratio(row["p95"], floor.get("p95"))
            for key, value, limit in (("p50", r50, PAGE_P50_RATIO), ("p95", r95, PAGE_P95_RATIO)):
                if value is not None and value > limit:
                    text = f"{key} {ms(row[key])} = {value:.1f}× floor (target ≤ {limit:g}×)"
                    misses.append(Miss(item.name, text))
        if item.kind == DIRECT:
            continue
        one = (results.get("scale1") or {}).get(item.name) or {}
        national = (results.get("national") or {}).get(item.name) or {}
        counts = (one.get("queries"), national.get("queries"))
        if None not in counts and counts[0] != counts[1]:
            misses.append(Miss(item.name, f"{counts[0]} queries at one gmina, {counts[1]} at national"))
        g = growth(results, item.name)
        if g is not None and g > GROWTH and item.name != "floor":
            misses.append(Miss(item.name, f"growth {g:.2f}× national ÷ one gmina (target ≤ {GROWTH:g}×)"))
    if load is not None:
        if load.get("error"):
            misses.append(Miss("load", load["error"]))
        if load.get("failures"):
            misses.append(Miss("load", f"{load['failures']} of {load['requests']} requests failed (target 0)"))
        r95 = ratio(load.get("p95"), floor.get("p95"))
        if r95 is not None and r95 > LOAD_P95_RATIO:
            misses.append(Miss("load", f"p95 {ms(load['p95'])} = {r95:.1f}× floor (target ≤ {LOAD_P95_RATIO:g}×)"))
    return misses
