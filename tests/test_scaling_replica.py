"""Regional reads on a streaming replica (docs/scaling.md): the ROPS dashboard, its exports and the regional API
read through the ``replica`` alias when one is configured; every write, and everything else, goes to ``default``.

The replica here is a second connection to the test database (``TEST["MIRROR"]``, config/settings/test.py; read
only on PostgreSQL, like a hot standby), so the data must be committed to be seen through it: these tests are
transactional. The router's decisions are the same on SQLite and PostgreSQL."""

import runpy
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, connections, router, transaction
from django.test.utils import CaptureQueriesContext

from conftest import login
from kooperacja.audit import triggers as audit_triggers
from kooperacja.cases import services as case_services
from kooperacja.cases.models import Case
from kooperacja.cooperation.models import Cooperation
from kooperacja.core.replica import reading_from_replica, replica_alias
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import notify

BASE_SETTINGS = Path(__file__).resolve().parent.parent / "config" / "settings" / "base.py"
WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "TRUNCATE")


def both_aliases(test):
    """Committed data on both connections, the audit log emptied after the test."""
    test = pytest.mark.django_db(transaction=True, databases=["default", "replica"])(test)
    return pytest.mark.usefixtures("flushable_audit_log")(test)


@pytest.fixture
def flushable_audit_log(transactional_db):
    """SQLite empties the database after a transactional test by deleting rows, which the audit log's append-only
    triggers refuse (PostgreSQL truncates, which they do not see): the triggers stand during the test and are
    lifted for the clean-up, as in core/tests/test_backup.py."""
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        with connection.cursor() as cursor:
            for sql in (*audit_triggers.SQLITE_DROP, *audit_triggers.SQLITE_CREATE):
                cursor.execute(sql)
    yield
    if sqlite:
        with connection.cursor() as cursor:
            for sql in audit_triggers.SQLITE_DROP:
                cursor.execute(sql)


@pytest.fixture
def replica_on(settings):
    """What DATABASE_REPLICA_URL does in production: reads inside ``reading_from_replica`` go to ``replica``."""
    settings.DATABASE_REPLICA_ALIAS = "replica"


def statements(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def writes(captured) -> list[str]:
    return [sql for sql in statements(captured) if sql.lstrip().upper().startswith(WRITES)]


def reads_table(captured, table: str) -> bool:
    return any(f'"{table}"' in sql and sql.lstrip().upper().startswith("SELECT") for sql in statements(captured))


@pytest.fixture
def region_with_cases(cooperation, coordinator_ops):
    for _ in range(6):  # enough for exact figures (1–4 are hidden)
        case_services.case_open(actor=coordinator_ops, cooperation=cooperation)
    return cooperation


# --- The pages ------------------------------------------------------------------------------------------------


@both_aliases
@pytest.mark.usefixtures("replica_on")
@pytest.mark.parametrize(
    "path",
    [
        "/region/",
        "/region/kartogram/",
        "/region/animatorzy/",
        "/region/eksport.csv",
        "/region/eksport.xlsx",
        "/api/v1/regional/summary",
        "drill-down",
    ],
)
def test_regional_pages_read_their_figures_from_the_replica_and_write_nothing_there(
    client, region_with_cases, animator_rops, path
):
    if path == "drill-down":
        path = f"/region/kooperacje/{region_with_cases.pk}/"
    login(client, animator_rops)
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_default,
    ):
        response = client.get(path)
    assert response.status_code == 200
    # The figures come from the replica…
    assert reads_table(on_replica, Cooperation._meta.db_table)
    # …and not from the primary, which only checked who is asking (and kept the session).
    assert not reads_table(on_default, Cooperation._meta.db_table)
    assert not reads_table(on_default, Case._meta.db_table)
    assert writes(on_replica) == []


@both_aliases
@pytest.mark.usefixtures("replica_on")
def test_the_dashboard_shows_the_same_figures_from_the_replica(client, region_with_cases, animator_rops, settings):
    login(client, animator_rops)
    from_replica = client.get("/api/v1/regional/summary").json()
    settings.DATABASE_REPLICA_ALIAS = ""
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        from_primary = client.get("/api/v1/regional/summary").json()
    assert statements(on_replica) == []
    assert from_replica == from_primary
    assert from_replica["totals"]["cases_open"] == 6


@both_aliases
def test_without_a_replica_the_regional_pages_read_the_primary(client, region_with_cases, animator_rops):
    login(client, animator_rops)
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_default,
    ):
        assert client.get("/region/").status_code == 200
    assert statements(on_replica) == []
    assert reads_table(on_default, Cooperation._meta.db_table)


# --- Writes and transactions -----------------------------------------------------------------------------------


@both_aliases
@pytest.mark.usefixtures("replica_on")
def test_a_write_inside_a_replica_block_goes_to_the_primary(cooperation, coordinator_ops):
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_default,
        reading_from_replica(),
    ):
        read = Cooperation.objects.get(pk=cooperation.pk)
        assert read._state.db == "replica"
        # An object read from the replica and written back: Django would send it to where it came from.
        read.save(update_fields=["name"])
        notify(recipients=[coordinator_ops], kind=Notification.Kind.STEP_OVERDUE, message="Test", key="replica-test")
    assert writes(on_replica) == []
    assert any(sql.lstrip().upper().startswith("UPDATE") for sql in writes(on_default))
    assert any(sql.lstrip().upper().startswith("INSERT") for sql in writes(on_default))
    assert Notification.objects.using("default").filter(user=coordinator_ops, key="replica-test").exists()


@both_aliases
@pytest.mark.usefixtures("replica_on")
def test_a_transaction_reads_the_primary_even_inside_a_replica_block(cooperation):
    with reading_from_replica():
        assert replica_alias() == "replica"
        with transaction.atomic():
            assert replica_alias() is None
            assert Cooperation.objects.get(pk=cooperation.pk)._state.db == "default"
        assert Cooperation.objects.get(pk=cooperation.pk)._state.db == "replica"
    assert Cooperation.objects.get(pk=cooperation.pk)._state.db == "default"


def test_the_router_sends_every_write_to_the_primary_and_never_migrates_the_replica(settings):
    settings.DATABASE_REPLICA_ALIAS = "replica"
    with reading_from_replica():
        assert router.db_for_read(Cooperation) == "replica"
        assert router.db_for_write(Cooperation) == "default"
    assert router.db_for_read(Cooperation) == "default"
    assert router.allow_migrate("replica", "cooperation") is False
    assert router.allow_migrate("default", "cooperation") is True


def test_the_decorator_scopes_the_replica_to_the_view(settings):
    settings.DATABASE_REPLICA_ALIAS = "replica"

    @reading_from_replica
    def view():
        return replica_alias()

    assert view.__name__ == "view"
    assert view() == "replica"
    assert replica_alias() is None
    with reading_from_replica(), reading_from_replica():
        assert replica_alias() == "replica"
    assert replica_alias() is None


def test_no_replica_configured_means_every_read_goes_to_the_primary(settings):
    settings.DATABASE_REPLICA_ALIAS = ""
    with reading_from_replica():
        assert replica_alias() is None
        assert router.db_for_read(Cooperation) == "default"


# --- Configuration from the environment ------------------------------------------------------------------------


def test_database_replica_url_defines_a_read_only_replica_alias(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://app@primary.example:5432/kooperacja")
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://app@replica.example:5432/kooperacja?sslmode=require")
    configured = runpy.run_path(str(BASE_SETTINGS))
    replica = configured["DATABASES"]["replica"]
    assert configured["DATABASE_REPLICA_ALIAS"] == "replica"
    assert replica["HOST"] == "replica.example" and replica["NAME"] == "kooperacja"
    assert replica["OPTIONS"]["sslmode"] == "require"
    assert "default_transaction_read_only=on" in replica["OPTIONS"]["options"]
    assert replica["TEST"] == {"MIRROR": "default"}
    assert configured["DATABASE_ROUTERS"] == ["kooperacja.core.replica.ReplicaRouter"]


def test_without_database_replica_url_there_is_no_replica_alias(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://app@primary.example:5432/kooperacja")
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    configured = runpy.run_path(str(BASE_SETTINGS))
    assert list(configured["DATABASES"]) == ["default"]
    assert configured["DATABASE_REPLICA_ALIAS"] == ""


@both_aliases
def test_on_postgresql_the_replica_connection_refuses_a_write_like_a_standby(coordinator_ops):
    if connections["replica"].vendor != "postgresql":
        pytest.skip("read-only sessions are a PostgreSQL setting; SQLite has no replica in production")
    with pytest.raises(DatabaseError), transaction.atomic(using="replica"):
        Notification.objects.using("replica").create(user=coordinator_ops, kind=Notification.Kind.STEP_OVERDUE)
    assert not Notification.objects.filter(user=coordinator_ops).exists()
