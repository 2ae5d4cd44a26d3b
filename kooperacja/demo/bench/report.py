"""The results table of `make bench` and its place in docs/benchmarks.md (between two marker comments)."""

import datetime
import os
import platform
import shutil
import subprocess  # read-only git commands with an argument list  # nosec B404
from pathlib import Path

from kooperacja.demo.bench import targets
from kooperacja.demo.bench.pages import DIRECT, Item

START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"


def machine() -> dict:
    """Cores, memory and CPU model of this machine, read now; the commit of the working tree."""
    model = platform.processor() or platform.machine()
    memory = ""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), model
        )
        meminfo = Path("/proc/meminfo").read_text()
        kib = int(next(line.split()[1] for line in meminfo.splitlines() if line.startswith("MemTotal")))
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "cores": os.cpu_count(),
        "memory": memory or "unknown",
        "cpu": model,
        "python": platform.python_version(),
        "commit": _commit(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _commit() -> str:
    git = shutil.which("git")
    if git is None:
        return "unknown"
    try:
        commit = subprocess.run(  # noqa: S603 — read-only git commands  # nosec B603
            [git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run([git, "diff", "--quiet", "HEAD"], capture_output=True, check=False).returncode  # noqa: S603  # nosec B603
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + (" (with uncommitted changes)" if dirty else "")


def _cell(row: dict | None, key: str) -> str:
    if not row:
        return ""
    if row.get("p50") is None:
        return f"**{row.get('status') or 'error'}**" if key == "p50" else ""
    return targets.ms(row[key])


def _ratio(row: dict | None, floor: dict | None, key: str) -> str:
    value = targets.ratio((row or {}).get(key), (floor or {}).get(key))
    return "" if value is None else f"{value:.1f}×"


def _target(item: Item) -> str:
    if item.name == "floor":
        return "—"
    if item.limit_seconds is not None:
        return f"p95 ≤ {targets.ms(item.limit_seconds)}"
    return f"≤ {targets.PAGE_P50_RATIO:g}× / {targets.PAGE_P95_RATIO:g}×"


def table(items: list[Item], results: dict, misses: list[targets.Miss]) -> str:
    one, national = results.get("scale1") or {}, results.get("national") or {}
    judged = results.get(targets.judged_scale(results)) or {}
    missed = {miss.item for miss in misses}
    lines = [
        "| item | role | n | one gmina p50 | p95 | national p50 | p95 | × floor p50 | × floor p95 | queries (1 / nat.) "
        "| growth | target | met |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for item in items:
        a, b = one.get(item.name), national.get(item.name)
        if not a and not b:
            continue
        counts = [row.get("n") for row in (a, b) if row]
        queries = " / ".join("" if not row or row.get("queries") is None else str(row["queries"]) for row in (a, b))
        g = targets.growth(results, item.name) if item.kind != DIRECT else None
        lines.append(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                item.label.replace("|", "\\|"),
                "—" if item.kind == DIRECT else item.role.replace("_", " "),
                "/".join(str(n) for n in counts),
                _cell(a, "p50"),
                _cell(a, "p95"),
                _cell(b, "p50"),
                _cell(b, "p95"),
                _ratio(judged.get(item.name), judged.get("floor"), "p50") if item.kind != DIRECT else "",
                _ratio(judged.get(item.name), judged.get("floor"), "p95") if item.kind != DIRECT else "",
                queries.strip(" /") if queries.strip(" /") else "",
                "" if g is None else f"{g:.2f}×",
                _target(item),
                "—" if item.name == "floor" else ("**no**" if item.name in missed else "yes"),
            )
        )
    return "\n".join(lines)


def load_lines(load: dict | None, floor: dict | None) -> str:
    if load is None:
        return "Load run: skipped (`--skip-load`)."
    if load.get("error"):
        return f"Load run: **{load['error']}**"
    r95 = targets.ratio(load.get("p95"), (floor or {}).get("p95"))
    return (
        f"Load run ({load['dataset']} data set, gunicorn with {load['workers']} workers, locust): {load['users']} "
        f"concurrent users for {load['seconds']} s, {load['requests']} requests ({load['rps']:.1f}/s), "
        f"{load['failures']} failed; p50 {targets.ms(load['p50'])}, p95 {targets.ms(load['p95'])}"
        + ("" if r95 is None else f" = {r95:.1f}× the floor's p95")
        + f" (target: 0 errors, p95 ≤ {targets.LOAD_P95_RATIO:g}× floor)."
    )


def section(
    *, items: list[Item], results: dict, load: dict | None, misses: list, info: dict, builds: dict, options: str
) -> str:
    judged = results.get(targets.judged_scale(results)) or {}
    built = "; ".join(f"{name}: {_built(b)}" for name, b in builds.items())
    verdict = "All targets met." if not misses else "Targets missed:\n\n" + "\n".join(f"- {m}" for m in misses)
    return "\n".join(
        [
            START,
            f"### `make bench`, {info['date']}",
            "",
            f"Machine: {info['cores']} cores, {info['memory']} RAM, {info['cpu']}; PostgreSQL {info['postgresql']}; "
            f"Python {info['python']}; commit {info['commit']}. Options: {options or 'none'}. Data sets: {built}.",
            "",
            table(items, results, misses),
            "",
            load_lines(load, judged.get("floor")),
            "",
            verdict,
            END,
        ]
    )


def _built(build: dict) -> str:
    if build.get("reused"):
        return "reused"
    return "built in " + ", ".join(f"{step} {seconds:.0f} s" for step, seconds in build["build_seconds"].items())


def write(path: Path, text: str) -> None:
    """Replace the results between the markers (or append them) in ``path``."""
    current = path.read_text() if path.exists() else ""
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        current = before + text + after
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(current)
