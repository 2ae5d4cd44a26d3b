"""The ROPS pages as the platform grows: the dashboard, the API summary and the CSV/XLSX exports run the same
number of queries for one cooperation with one case as for twenty of each, and a ROPS request reads nothing of
another voivodeship — however much happens there, every query of the request returns the same rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import login
from kooperacja.cases import services as case_services
from kooperacja.cases.models import Case, Consent, GroupMembership, MonthlyReport
from kooperacja.cooperation import services as cooperation_services
from kooperacja.cooperation.models import Cooperation
from tests.factories import InstitutionFactory, UnitFactory, UserFactory

D = datetime.date
PAGES = ["/region/", "/api/v1/regional/summary", "/region/eksport.csv", "/region/eksport.xlsx"]
EVERY_PAGE = [*PAGES, "/region/kartogram/", "/region/animatorzy/"]


def populate(county, actor, *, cooperations: int, cases: int, first_gmina: int = 5) -> list[Cooperation]:
    """``cooperations`` cooperations in gminas of ``county``, ``cases`` cases in monitoring spread over them, each
    with a worker in its group who reported on some months and owes others."""
    made = []
    for n in range(cooperations):
        gmina = UnitFactory(
            code=f"{county.code}{n + first_gmina:02d}", level="gmina", kind="wiejska", parent=county, name=f"G{n}"
        )
        made.append(
            cooperation_services.cooperation_create(
                actor=actor, unit=gmina, name=f"Kooperacja {county.code}-{n}", variant="rural", start_date=D(2025, 1, 1)
            )
        )
    school = InstitutionFactory(unit=made[0].unit)
    for n in range(cases):
        case = case_services.case_open(actor=actor, cooperation=made[n % cooperations])
        Case.objects.filter(pk=case.pk).update(status=Case.Status.MONITORING, opened_on=D(2025, 9, 1))
        consent = Consent.objects.create(case=case, given_on=D(2025, 9, 1), given_by="x", recorded_by=actor)
        consent.institutions.set([school])
        worker = UserFactory()
        membership = GroupMembership.objects.create(
            group=case.groups.get(), user=worker, institution=school, joined_on=D(2025, 9, 1)
        )
        for month in (D(2025, 9, 1), D(2025, 11, 1)):
            MonthlyReport.objects.create(case=case, membership=membership, month=month)
    return made


@pytest.fixture
def elsewhere(db):
    """Another voivodeship with its powiat: the rows a ROPS of 04 must never read."""
    voivodeship = UnitFactory(code="02", level="wojewodztwo", kind="wojewodztwo", name="dolnośląskie", parent=None)
    return UnitFactory(code="0201", level="powiat", kind="powiat", name="bolesławiecki", parent=voivodeship)


def queries_of(client, path: str) -> int:
    client.get(path)  # warm: the first request of a session may write the session or a cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_pages_run_the_same_queries_for_one_and_for_twenty(
    client, territory, coordinator_ops, animator_rops, elsewhere
):
    populate(elsewhere, coordinator_ops, cooperations=3, cases=6)
    populate(territory["county"], coordinator_ops, cooperations=1, cases=1)
    login(client, animator_rops)
    small = {path: queries_of(client, path) for path in PAGES}
    populate(territory["county"], coordinator_ops, cooperations=19, cases=19, first_gmina=20)
    populate(elsewhere, coordinator_ops, cooperations=5, cases=20, first_gmina=20)
    large = {path: queries_of(client, path) for path in PAGES}
    assert large == small
    summary = client.get("/api/v1/regional/summary").json()
    assert summary["totals"]["cooperations"] == 20 and summary["totals"]["cases_open"] == 20
    if datetime.date.today() > D(2026, 1, 5):  # each case owes October and December 2025 at least
        assert summary["totals"]["overdue_reports"] >= 40


class RowCounter:
    """Remembers every SELECT a request runs, to run it again afterwards and count the rows it returns."""

    def __init__(self):
        self.statements: list[tuple[str, tuple]] = []

    def __call__(self, execute, sql, params, many, context):
        if not many and sql.lstrip().upper().startswith(("SELECT", "WITH")):
            self.statements.append((sql, params))
        return execute(sql, params, many, context)

    def rows(self) -> list[int]:
        counts = []
        with connection.cursor() as cursor:
            for sql, params in self.statements:
                cursor.execute(sql, params)
                counts.append(len(cursor.fetchall()))
        return counts


def rows_read(client, path: str) -> list[int]:
    client.get(path)
    counter = RowCounter()
    with connection.execute_wrapper(counter):
        assert client.get(path).status_code == 200
    return counter.rows()


def test_a_rops_request_never_reads_rows_of_another_voivodeship(
    client, territory, coordinator_ops, animator_rops, elsewhere
):
    """Rows read per query, before and after another voivodeship fills with cooperations, cases, members and
    owed reports: unchanged. A page that fetched the country and kept its own voivodeship in Python would read
    more rows the second time."""
    mine = populate(territory["county"], coordinator_ops, cooperations=2, cases=6)
    login(client, animator_rops)
    paths = [*EVERY_PAGE, f"/region/kooperacje/{mine[0].pk}/"]
    before = {path: rows_read(client, path) for path in paths}
    summary = client.get("/api/v1/regional/summary").json()
    populate(elsewhere, coordinator_ops, cooperations=4, cases=24)
    after = {path: rows_read(client, path) for path in paths}
    assert after == before
    assert client.get("/api/v1/regional/summary").json() == summary
    assert all(sum(rows) > 0 for rows in after.values())
