"""The bench databases: created on the server of BENCH_DATABASE_URL, each holding one data set of seed_scale.

Only the databases named here are ever created or dropped (``kooperacja_bench_1``, ``kooperacja_bench_national``);
the maintenance connection (BENCH_DATABASE_URL, default the local server's ``postgres`` database) is used for
nothing else. A data set is reused when its ScaleDataset row says it finished and no migration of the code is
missing from it; otherwise its database is dropped, created again and filled by
``migrate`` + ``load_teryt`` + ``import_bdl`` + ``seed_scale``, each in a child process with the bench settings.
"""

import json
import os
import subprocess  # manage.py children with an argument list, never a shell  # nosec B404
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

DEFAULT_MAINTENANCE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SETTINGS = "config.settings.bench"


@dataclass(frozen=True)
class Dataset:
    name: str  # "scale1" or "national": the key of the results
    scale: str  # seed_scale --scale
    database: str
    label: str


DATASETS = {
    "scale1": Dataset("scale1", "1", "kooperacja_bench_1", "one gmina"),
    "national": Dataset("national", "national", "kooperacja_bench_national", "national"),
}


class BuildFailed(Exception):
    pass


def maintenance_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or DEFAULT_MAINTENANCE_URL


def database_url(dataset: Dataset) -> str:
    parts = urlsplit(maintenance_url())
    return urlunsplit(parts._replace(path="/" + dataset.database))


def _connect():
    import psycopg

    url = urlsplit(maintenance_url())
    if url.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit("BENCH_DATABASE_URL must name a PostgreSQL server (postgres://user@host:port/database).")
    return psycopg.connect(maintenance_url(), autocommit=True)


def server_version() -> str:
    with _connect() as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def exists(dataset: Dataset) -> bool:
    with _connect() as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dataset.database]).fetchone() is not None


def recreate(dataset: Dataset) -> None:
    """Drop (if present) and create the data set's own database — only a name of DATASETS."""
    from psycopg import sql

    if dataset not in DATASETS.values():
        raise ValueError(f"not a bench database: {dataset.database}")
    with _connect() as conn:
        name = sql.Identifier(dataset.database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def child_env(dataset: Dataset) -> dict:
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url(dataset)
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    return env


def manage(dataset: Dataset, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(  # noqa: S603 — our own manage.py with fixed arguments  # nosec B603
        command, env=child_env(dataset), check=True, text=True, capture_output=capture
    )


def status(dataset: Dataset) -> dict:
    """{"finished": bool, "migrations_current": bool, "scale": str|None} of the data set's database."""
    if not exists(dataset):
        return {"finished": False, "migrations_current": False, "scale": None, "missing": True}
    out = manage(dataset, "bench", "--worker", "status", capture=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def reusable(state: dict, dataset: Dataset) -> bool:
    return bool(state.get("finished") and state.get("migrations_current") and state.get("scale") == dataset.scale)


def build(dataset: Dataset, *, log=print) -> dict[str, float]:
    """The data set from an empty database; returns the seconds each step took."""
    recreate(dataset)
    steps = [
        ("migrate", ["migrate", "--no-input", "-v0"]),
        ("load_teryt", ["load_teryt"]),
        ("import_bdl", ["import_bdl"]),
        ("seed_scale", ["seed_scale", "--scale", dataset.scale]),
    ]
    seconds = {}
    for name, args in steps:
        log(f"    {name} …")
        start = time.perf_counter()
        try:
            manage(dataset, *args)
        except subprocess.CalledProcessError as exc:
            raise BuildFailed(f"{dataset.database}: {name} failed (exit status {exc.returncode}); see above") from None
        seconds[name] = time.perf_counter() - start
        log(f"    {name}: {seconds[name]:.0f} s")
    return seconds


def ensure(dataset: Dataset, *, rebuild: bool = False, log=print) -> dict:
    """Reuse the data set when finished and current, else build it. Returns how it was obtained."""
    state = status(dataset)
    if not rebuild and reusable(state, dataset):
        log(f"==> {dataset.label}: reusing {dataset.database} (seed_scale finished, migrations current)")
        return {"reused": True}
    reason = "asked to rebuild" if rebuild else ("no database yet" if state.get("missing") else _why(state))
    log(f"==> {dataset.label}: building {dataset.database} ({reason})")
    return {"reused": False, "build_seconds": build(dataset, log=log)}


def _why(state: dict) -> str:
    if not state.get("migrations_current"):
        return "migrations missing from it"
    if not state.get("finished"):
        return "seed_scale did not finish"
    return f"it holds scale {state.get('scale')}"
