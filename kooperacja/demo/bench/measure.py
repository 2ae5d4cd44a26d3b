"""Timing of every item on the data set of the database this process is connected to.

Pages are requested with Django's test client, which runs the whole middleware stack (sessions, second factor,
audit, CSP, ...) in this process; the client logs in through the real two-step form — password, then the current
TOTP code of the account's confirmed device — as each role's person would. Each page: warm-up requests, then up to
``repeat`` timed requests, the first two under a query counter (fewer when a page takes so long that ``budget``
seconds run out; the table says how many). Times are in seconds.
"""

import math
import random
import statistics
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kooperacja.demo.bench import pages

PASSWORD = "kooperacja-bench"  # every account of seed_scale has it (fictional data only)
LOGIN_URL = "/konto/logowanie/"
SECOND_FACTOR_URL = "/konto/weryfikacja/"
MIN_SAMPLES = 3
BDL_REPEAT = 3


class LoginFailed(Exception):
    pass


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest sample at or above p % of them."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(samples: list[float]) -> dict:
    return {"n": len(samples), "p50": statistics.median(samples), "p95": percentile(samples, 95)}


def _code(device: TOTPDevice, at: float) -> str:
    generator = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    generator.time = at
    return f"{generator.token():0{device.digits}d}"


def login(client: Client, email: str, *, password: str = PASSWORD) -> None:
    """Both steps of the login form. A code is accepted once: if this account used the current one already (an
    earlier run a few seconds ago), wait for the next."""
    response = client.post(LOGIN_URL, {"username": email, "password": password})
    if response.status_code != 302:
        raise LoginFailed(f"{email}: the password step answered {response.status_code}")
    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    for _attempt in range(2):
        device.refresh_from_db()
        now = time.time()
        step = int((now - device.t0) // device.step)
        if device.last_t is not None and device.last_t >= step:
            time.sleep((step + 1) * device.step + device.t0 - now + 0.5)
            now = time.time()
        response = client.post(SECOND_FACTOR_URL, {"token": _code(device, now)})
        if response.status_code == 302:
            return
    raise LoginFailed(f"{email}: the code step answered {response.status_code}")


def _get(client: Client, url: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    else:
        response.content  # noqa: B018 — the body is produced before the clock stops
    return time.perf_counter() - start, response.status_code


def sample(run: Callable[[], float], *, repeat: int, budget: float) -> list[float]:
    """Up to ``repeat`` samples; once ``budget`` seconds are spent, stop at MIN_SAMPLES — or at once when a single
    sample takes more than a MIN_SAMPLES-th of the budget (a page of a minute is not timed three times)."""
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < repeat:
        samples.append(run())
        if time.perf_counter() - started > budget and (
            len(samples) >= MIN_SAMPLES or min(samples) > budget / MIN_SAMPLES
        ):
            break
    return samples


def measure_page(client: Client, url: str, *, repeat: int, budget: float) -> dict:
    """Warm-up (one request, three for a page under a second), then the samples; the first two samples run under a
    query counter (at the cursor: the debug query log is cleared when each request starts). The smaller count is
    the page's: the session is written at most once a minute (``SESSION_REFRESH_SECONDS``), so one of two
    consecutive requests may carry that write and the other does not."""
    first, status = _get(client, url)
    if status != 200:
        return {"n": 0, "p50": None, "p95": None, "queries": None, "status": status, "error": None}
    for _ in range(2 if first < 1 else 0):
        _get(client, url)
    counts: list[int] = []
    statuses: set[int] = set()

    def run() -> float:
        if len(counts) >= 2:
            seconds, code = _get(client, url)
        else:
            queries: list[str] = []

            def count(execute, sql, params, many, context):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                seconds, code = _get(client, url)
            counts.append(len(queries))
        statuses.add(code)
        return seconds

    row = summary(sample(run, repeat=repeat, budget=budget))
    bad = statuses - {200}
    return row | {"queries": min(counts), "status": max(bad) if bad else 200, "error": None}


def network_input(*, institutions: int = 300, answers: int = 5000, seed: int = 4):
    """A network survey of ``institutions`` institutions with about ``answers`` answers (fixed seed)."""
    from kooperacja.diagnosis.network.measures import Answer, Node

    rng = random.Random(seed)  # noqa: S311 — fictional survey answers  # nosec B311
    nodes = [Node(i, f"Instytucja {i}", f"s{i % 8}") for i in range(institutions)]
    density = answers / (institutions * (institutions - 1))
    pairs = [
        Answer(a.id, b.id, rng.randint(1, 4), (3, 3, 2), (2, 3, 3))
        for a in nodes
        for b in nodes
        if a.id != b.id and rng.random() < density
    ]
    return nodes, pairs


def measure_network(*, repeat: int, budget: float) -> dict:
    from kooperacja.diagnosis.network.measures import compute, network_svg

    nodes, answers = network_input()

    def run() -> float:
        start = time.perf_counter()
        network_svg(compute(nodes, answers))
        return time.perf_counter() - start

    run()  # warm-up
    return summary(sample(run, repeat=repeat, budget=budget)) | {
        "queries": None,
        "status": None,
        "error": None,
        "note": f"{len(nodes)} institutions, {len(answers)} answers",
    }


class _Rollback(Exception):
    pass


def measure_bdl_import(*, repeat: int = BDL_REPEAT) -> dict:
    """The shipped BDL file loaded into a table emptied first, inside a transaction rolled back afterwards."""
    from kooperacja.diagnosis.models import IndicatorValue
    from kooperacja.diagnosis.statistics.services import bdl_file_import

    def run() -> float:
        seconds = 0.0
        try:
            with transaction.atomic():
                IndicatorValue.objects.all().delete()
                start = time.perf_counter()
                bdl_file_import()
                seconds = time.perf_counter() - start
                raise _Rollback
        except _Rollback:
            pass
        return seconds

    samples = [run() for _ in range(repeat)]
    return summary(samples) | {"queries": None, "status": None, "error": None}


def measure_all(
    selected: list[pages.Item], subjects: dict, *, repeat: int, budget: float, clients=None, log=print
) -> dict:
    """Every selected item; returns {"items": {name: row}, "sessions": {role: session key}, "urls": ...}.
    ``clients`` ({role: logged-in test client}) are used as they are; other roles log in here."""
    urls = pages.urls(selected, subjects)
    clients = dict(clients or {})
    results: dict[str, dict] = {}
    for item in selected:
        try:
            if item.name == "network_measures":
                row = measure_network(repeat=repeat, budget=budget)
            elif item.name == "bdl_import":
                row = measure_bdl_import()
            else:
                if item.role not in clients:
                    client = Client(raise_request_exception=False)
                    login(client, subjects[pages.ROLE_EMAILS[item.role]], password=subjects.get("password", PASSWORD))
                    clients[item.role] = client
                row = measure_page(clients[item.role], urls[item.name], repeat=repeat, budget=budget)
        except Exception as exc:  # one broken item must not hide the numbers of the others
            row = {"n": 0, "p50": None, "p95": None, "queries": None, "status": None, "error": repr(exc)[:300]}
        results[item.name] = row
        log(_line(item, row))
    cookie = settings.SESSION_COOKIE_NAME
    sessions = {role: client.cookies[cookie].value for role, client in clients.items() if cookie in client.cookies}
    return {"items": results, "sessions": sessions, "urls": urls}


def _line(item: pages.Item, row: dict) -> str:
    from kooperacja.demo.bench.targets import ms

    if row.get("p50") is None:
        return f"    {item.name:<22} FAILED status={row.get('status')} {row.get('error') or ''}"
    queries = "" if row.get("queries") is None else f"  {row['queries']} queries"
    return f"    {item.name:<22} p50 {ms(row['p50']):>10}  p95 {ms(row['p95']):>10}  n={row['n']}{queries}"
