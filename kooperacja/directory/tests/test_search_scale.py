"""The directory at any size: the search page, an institution's page and a resource card make the same number of
queries for one institution as for thirty, the search reads no ``pk IN (subquery)`` wrapper, and the units
above a gmina cost at most one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import login
from kooperacja.directory import services
from kooperacja.directory.models import Institution, Problem
from kooperacja.directory.selectors import RESULT_LIMIT, institution_search, institution_search_page, units_around
from kooperacja.territory.models import Unit
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

SEARCHES = [
    "/instytucje/",
    "/instytucje/?q=osrodek+wsparcia",  # without diacritics
    "/instytucje/?q=O%C5%9Brodek+Wsparcia+Rodziny",  # with them
    "/instytucje/?q=osrodke+wsparcia",  # a typo
    "/instytucje/?q=wsparcia&unit=0405043&problem=domestic_violence",
    "/instytucje/?unit=0405&not_confirmed=on",
    "/instytucje/karty/040504/domestic_violence/",
]


def grow(territory, first: int, last: int) -> None:
    """Institutions of the gmina, each with phones, a contact, a specialist and two services on problems."""
    problems = list(Problem.objects.filter(code__in=["domestic_violence", "poverty"]))
    for n in range(first, last):
        institution = services.institution_create(
            actor=None,
            name=f"Ośrodek Wsparcia Rodziny {n}",
            kind="ngo",
            unit=territory["gmina"],
            city="Kowalewo Pomorskie",
            phones=[(f"56 000 00 {n:02d}", "sekretariat")],
            contacts=[("Anna Nowak", "kierowniczka", "", "")],
            specialists={"psychologist": 1},
        )
        services.service_save(actor=None, institution=institution, name="Poradnictwo", problems=problems)
        services.service_save(actor=None, institution=institution, name="Grupa wsparcia", problems=problems[:1])


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", SEARCHES)
def test_search_and_card_make_the_same_queries_for_one_and_thirty_institutions(client, coordinator_ops, territory, url):
    grow(territory, 0, 1)
    login(client, coordinator_ops)
    queries(client, url)  # warm-up: the session and the user's memberships
    few = queries(client, url)
    grow(territory, 1, 30)
    assert queries(client, url) == few


def test_institution_page_makes_the_same_queries_with_one_and_thirty_services(client, coordinator_ops, territory):
    grow(territory, 0, 1)
    institution = Institution.objects.get(name="Ośrodek Wsparcia Rodziny 0")
    url = f"/instytucje/{institution.pk}/"
    login(client, coordinator_ops)
    queries(client, url)
    few = queries(client, url)
    problems = list(Problem.objects.all()[:3])
    for n in range(28):
        services.service_save(actor=None, institution=institution, name=f"Usługa {n}", problems=problems)
    grow(territory, 1, 30)
    assert queries(client, url) == few
    assert "Usługa 27" in client.get(url).content.decode()


def test_the_search_reads_the_institutions_own_rows(territory):
    """No ``pk IN (SELECT …)`` around the result: every filter is a condition on the row itself."""
    grow(territory, 0, 1)
    sql = str(
        institution_search_page(
            query="wsparcia", problem="domestic_violence", not_confirmed=True
        ).page.object_list.query
    ).upper()
    assert '"DIRECTORY_INSTITUTION"."ID" IN (SELECT' not in sql
    assert "DISTINCT" not in sql


def test_many_matches_are_listed_by_name_and_counted_up_to_the_limit(monkeypatch, territory):
    from kooperacja.directory import selectors

    grow(territory, 0, 4)
    monkeypatch.setattr(selectors, "RESULT_LIMIT", 3)
    results = institution_search_page(query="wsparcia")
    assert results.more and results.page.paginator.count == 3
    assert [i.name for i in results.page] == [f"Ośrodek Wsparcia Rodziny {n}" for n in range(3)]
    assert not institution_search_page(query="rodziny 2").more
    assert RESULT_LIMIT >= 100  # the real limit leaves room for any sensible search


def test_too_many_matches_are_explained_on_the_page(client, coordinator_ops, territory, monkeypatch):
    from kooperacja.directory import views

    grow(territory, 0, 3)
    monkeypatch.setattr("kooperacja.directory.selectors.RESULT_LIMIT", 2)
    monkeypatch.setattr(views, "RESULT_LIMIT", 2)
    login(client, coordinator_ops)
    html = client.get("/instytucje/?q=wsparcia").content.decode()
    assert "Pasuje ponad 2 instytucji" in html


def test_the_units_above_a_gmina_cost_at_most_one_query(territory, django_assert_num_queries):
    gmina = Unit.objects.get(code="040504")  # parents not loaded
    with django_assert_num_queries(1):
        assert [u.code for u in units_around(gmina)] == ["040504", "0405", "04"]
    with django_assert_num_queries(0):
        assert [u.code for u in units_around(gmina)] == ["040504", "0405", "04"]  # now cached
    loaded = Unit.objects.select_related("parent__parent").get(code="040504")
    with django_assert_num_queries(0):
        units_around(loaded)


def test_a_county_search_reaches_the_institutions_of_its_gminas(territory, institutions):
    names = set(institution_search(unit=territory["county"]).values_list("name", flat=True))
    assert {"OPS testowy", "Szkoła testowa", "PCPR testowe", "ROPS testowy"} <= names
    assert "OPS w Rypinie" not in names
    national = InstitutionFactory(
        name="Rzecznik Praw Dziecka", kind="other", level="krajowy", unit=territory["other_gmina"]
    )
    assert national in institution_search(unit=territory["gmina"])
