"""Browser tests: Playwright (sync API) driving Debian's chromium against pytest-django's live server.

One browser per test session, a fresh context (cookies, storage) per test. The live-server database holds the
real TERYT register and the demo municipality; demo accounts log in through the real two-step form with a code
computed from their published TOTP key. Pages are checked with axe-core (WCAG 2.1 A and AA rules).
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import sync_playwright

from kooperacja.audit import triggers as audit_triggers
from kooperacja.core.demo import seed_demo
from kooperacja.territory.services import teryt_load
from tests.e2e.helpers import DEMO, VIEWPORT
from tests.e2e.snapshot import DatabaseSnapshot

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e is a browser test, whether or not it carries the marker itself."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


# --- Browser -------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which(CHROMIUM_PATH)
    if executable is None:
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH!r}. The browser tests need Debian's chromium: install it with "
            "`apt-get install chromium` (or run `bash scripts/system-deps.sh`), or set CHROMIUM_PATH to a "
            "chromium executable.",
            pytrace=False,
        )
    # The Playwright sync API runs an event loop in the test thread, where Django's ORM would then refuse to run
    # (SynchronousOnlyOperation). Allowed only while the browser is up, so unit-test runs are not affected.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        # launch() gives chromium a fresh, empty profile in a temporary directory, removed when it closes.
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


# --- Data ----------------------------------------------------------------------------------------------

# The append-only triggers of the audit log (installed by its initial migration), put back and removed below.
_AUDIT_GUARDS = audit_triggers


@pytest.fixture
def _flushable_audit_log(transactional_db):
    """Let the live-server database be emptied after each test.

    The audit log is append-only (kooperacja/audit/triggers.py). PostgreSQL empties tables with TRUNCATE,
    which its row trigger does not see; SQLite deletes the rows, which its trigger refuses. On SQLite the
    triggers are therefore dropped after the test, just before the flush, and put back before the next test.
    """
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
            for sql in _AUDIT_GUARDS.SQLITE_CREATE:
                cursor.execute(sql)
    yield
    if sqlite:
        with connection.cursor() as cursor:
            for sql in _AUDIT_GUARDS.SQLITE_DROP:
                cursor.execute(sql)


_DEMO_SNAPSHOT = DatabaseSnapshot()


@pytest.fixture
def demo(live_server, _flushable_audit_log):
    """The real TERYT register and the demo municipality with its ten accounts, in the live-server database.

    The first test loads them through the services and copies the database; every later test gets that copy
    back (tests/e2e/snapshot.py), the same rows, in a fraction of the time.
    """
    if _DEMO_SNAPSHOT.taken:
        _DEMO_SNAPSHOT.restore()
    else:
        teryt_load()
        seed_demo()
        _DEMO_SNAPSHOT.take()
    return DEMO
