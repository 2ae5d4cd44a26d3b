"""The load run: 50 concurrent users on the mixed workload, against a real server (gunicorn) on a bench database.

gunicorn serves the bench settings on a free local port with 2 × cores + 1 worker processes; locust (headless)
starts the users, each logged in as one role with a session made through the real two-step form by the
measuring process (so no user types a code twice in the same 30 seconds), and asks for the pages of its role in
proportion to their weights, pausing 1–3 s between requests as a person does. Locust's CSV gives the requests,
failures and p95.
"""

import csv
import json
import os
import signal
import socket
import subprocess  # gunicorn and locust with an argument list, never a shell  # nosec B404
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from kooperacja.demo.bench import datasets, pages

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
# Roles of the users, in proportion: three coordinators for one case worker and one ROPS animator.
ROLE_MIX = ["coordinator", "coordinator", "coordinator", "case_worker", "rops"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def plan(selected: list[pages.Item], urls: dict[str, str], sessions: dict[str, str], cookie: str) -> dict:
    """What the locust users ask for: {"cookie", "sessions": {role: key}, "roles": [...], "requests": [...]}."""
    requests = [
        {"name": item.name, "path": urls[item.name], "role": item.role, "weight": item.load_weight}
        for item in selected
        if item.load_weight and item.name in urls and item.role in sessions
    ]
    roles = [role for role in ROLE_MIX if any(r["role"] == role for r in requests)]
    return {"cookie": cookie, "sessions": sessions, "roles": roles, "requests": requests}


def parse_stats(path: Path) -> dict:
    """The "Aggregated" row of locust's ``*_stats.csv``: requests, failures, p50 and p95 in seconds."""
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    per_item = {
        row["Name"]: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p95": _s(row["95%"]),
        }
        for row in rows
        if row["Name"] != "Aggregated"
    }
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "p50": _s(total["50%"]),
        "p95": _s(total["95%"]),
        "rps": float(total["Requests/s"] or 0),
        "per_item": per_item,
    }


def _s(milliseconds: str) -> float | None:
    return None if milliseconds in ("", "N/A") else float(milliseconds) / 1000


def _wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 — our own local server  # nosec B310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the server did not answer {url} within {seconds:.0f} s")


def _warm_up(base: str, load_plan: dict, *, rounds: int) -> None:
    """Every page of the mix a few times before the clock starts, so that each worker has imported and connected
    (a worker's first request pays for its imports)."""
    for _ in range(rounds):
        for request in load_plan["requests"]:
            cookie = f"{load_plan['cookie']}={load_plan['sessions'][request['role']]}"
            call = urllib.request.Request(base + request["path"], headers={"Cookie": cookie})  # noqa: S310
            try:
                with urllib.request.urlopen(call, timeout=120) as response:  # noqa: S310 — our own local server  # nosec B310
                    response.read()
            except OSError:
                pass  # a page that fails is counted by the run itself


def run(dataset: datasets.Dataset, load_plan: dict, *, users: int = 50, seconds: int = 60, log=print) -> dict:
    """One load run; returns parse_stats() plus the settings of the run, or {"error": ...}."""
    if not load_plan["requests"]:
        return {"error": "nothing to request (no page of the load mix was measured)"}
    port = free_port()
    workers = 2 * (os.cpu_count() or 1) + 1
    env = datasets.child_env(dataset)
    server = subprocess.Popen(  # noqa: S603 — gunicorn of this virtualenv, fixed arguments  # nosec B603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
        start_new_session=True,
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/healthz")
        _warm_up(f"http://127.0.0.1:{port}", load_plan, rounds=workers)
        with tempfile.TemporaryDirectory(prefix="kooperacja-load-") as folder:
            plan_file = Path(folder) / "plan.json"
            plan_file.write_text(json.dumps(load_plan))
            prefix = Path(folder) / "load"
            log(f"    locust: {users} users, {seconds} s, gunicorn with {workers} workers on port {port}")
            subprocess.run(  # noqa: S603 — locust of this virtualenv, fixed arguments  # nosec B603
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(LOCUSTFILE),
                    "--headless",
                    "--users",
                    str(users),
                    "--spawn-rate",
                    str(max(1, users // 5)),
                    "--run-time",
                    f"{seconds}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                    "--exit-code-on-error",
                    "0",
                ],
                env={**os.environ, "BENCH_LOAD_PLAN": str(plan_file)},
                check=True,
            )
            result = parse_stats(Path(f"{prefix}_stats.csv"))
    except (subprocess.CalledProcessError, RuntimeError, OSError, StopIteration) as exc:
        return {"error": f"load run failed: {exc}"}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return result | {"users": users, "seconds": seconds, "workers": workers, "dataset": dataset.name}
