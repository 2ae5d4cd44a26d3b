"""Search over names, services and addresses that forgives typos: pg_trgm on PostgreSQL, difflib on SQLite."""

import pytest
from django.db import connection

from conftest import login
from kooperacja.directory import search, services
from kooperacja.directory.models import Institution
from kooperacja.directory.search import apply_text_search
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(territory):
    gmina, county = territory["gmina"], territory["county"]
    poradnia = InstitutionFactory(
        name="Poradnia Psychologiczno-Pedagogiczna",
        kind="counselling_centre",
        unit=county,
        street="ul. Szkolna 8",
        city="Golub-Dobrzyń",
    )
    ops = InstitutionFactory(name="Ośrodek Pomocy Społecznej", kind="ops", unit=gmina, city="Kowalewo Pomorskie")
    therapy = InstitutionFactory(name="Przychodnia", kind="health", unit=gmina, street="ul. Zdrowa 7")
    services.service_save(actor=None, institution=therapy, name="Terapia uzależnień", description="Grupa wsparcia")
    services.service_save(actor=None, institution=therapy, name="Terapia rodzin", description="Dla rodzin")
    return {"poradnia": poradnia, "ops": ops, "therapy": therapy}


def found(query: str) -> set[str]:
    return set(apply_text_search(Institution.objects.all(), query).values_list("name", flat=True))


def test_empty_query_keeps_everything(directory):
    assert len(found("")) == 3


def test_exact_words_find_names_services_and_addresses(directory):
    assert found("poradnia") == {"Poradnia Psychologiczno-Pedagogiczna"}
    assert found("Terapia") == {"Przychodnia"}  # by a service's name, once although two services match
    assert apply_text_search(Institution.objects.all(), "Terapia").count() == 1
    assert found("wsparcia") == {"Przychodnia"}  # by a service's description
    assert found("Golub") == {"Poradnia Psychologiczno-Pedagogiczna"}  # by town
    assert found("Zdrowa") == {"Przychodnia"}  # by street


def test_every_word_must_match(directory):
    assert found("poradnia golub") == {"Poradnia Psychologiczno-Pedagogiczna"}
    assert found("poradnia kowalewo") == set()


@pytest.mark.parametrize("typo", ["Poradna", "Poradnai psychologiczna", "poradnja", "psychologiczna poradnia"])
def test_typos_still_find_the_poradnia(directory, typo):
    assert found(typo) == {"Poradnia Psychologiczno-Pedagogiczna"}


def test_swapped_letters(directory):
    """Two swapped letters change most trigrams: difflib forgives them, pg_trgm at its threshold only when the
    rest of the word is long enough."""
    if connection.vendor == "postgresql":
        assert found("psychologcizna") == {"Poradnia Psychologiczno-Pedagogiczna"}
    else:
        assert found("poradina") == {"Poradnia Psychologiczno-Pedagogiczna"}
        assert found("psychologcizna") == {"Poradnia Psychologiczno-Pedagogiczna"}


def test_typo_in_a_service_name_and_missing_diacritics(directory):
    assert "Przychodnia" in found("uzależnen")
    assert "Ośrodek Pomocy Społecznej" in found("spolecznej")  # both databases fold Polish letters
    assert "Ośrodek Pomocy Społecznej" in found("Społeczej")  # a letter missing


def test_unrelated_words_find_nothing(directory):
    assert found("xyzzy") == set()
    assert found("Poradnia zzzzzz") == set()


def test_search_keeps_the_given_queryset(directory, territory):
    gmina_only = Institution.objects.filter(unit=territory["gmina"])
    assert not apply_text_search(gmina_only, "Poradna").exists()


def test_each_database_uses_what_it_supports(directory):
    """Both: the documents are matched by LIKE on the normalised column, a typo through the vocabulary's
    corrections. PostgreSQL: both served by GIN trigram indexes, no similarity computed per institution."""
    sql = str(apply_text_search(Institution.objects.all(), "Poradna").query)
    assert "%poradnia%" in sql  # the typo's correction, looked for in the document
    assert "%>" not in sql and "similarity" not in sql
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexdef LIKE '%%gin_trgm_ops%%'")
            indexes = dict(cursor.fetchall())
        assert "(search_text gin_trgm_ops)" in indexes[search.SEARCH_INDEX]
        assert "(word gin_trgm_ops)" in indexes[search.WORD_INDEX]


@pytest.fixture
def ops_laka(territory):
    return services.institution_create(
        actor=None,
        name="Ośrodek Pomocy Społecznej w Łące",
        kind="ops",
        unit=territory["gmina"],
        city="Łąka",
        street="ul. Główna 1",
    )


@pytest.mark.parametrize(
    "query",
    [
        "osrodek pomocy lace",  # without diacritics
        "Ośrodek Pomocy Społecznej w Łące",  # as written
        "Łąka",  # its town
        "laka",  # its town without diacritics
        "osrodke pomocy",  # a typo
        "OŚRODEK pomocy społ",  # upper case, a word being typed
    ],
)
def test_the_ops_in_laka_is_found_with_or_without_diacritics_and_with_a_typo(directory, ops_laka, query):
    assert "Ośrodek Pomocy Społecznej w Łące" in found(query)


def test_the_best_match_comes_first(directory, ops_laka):
    from kooperacja.directory.selectors import institution_search_page

    assert list(institution_search_page(query="osrodek pomocy lace").page)[0] == ops_laka


def test_the_document_follows_every_write(directory, ops_laka, admin_user):
    services.institution_update(actor=admin_user, institution=ops_laka, data={"name": "Centrum Usług Społecznych"})
    assert "Centrum Usług Społecznych" in found("centrum uslug")
    assert not found("osrodek lace")
    service = services.service_save(actor=admin_user, institution=ops_laka, name="Asystent rodziny")
    assert found("asystent") == {"Centrum Usług Społecznych"}
    services.service_save(
        actor=admin_user, institution=ops_laka, service=service, name="Mieszkanie chronione", edit_version=1
    )
    assert not found("asystent") and found("mieszkanie chronione") == {"Centrum Usług Społecznych"}
    services.service_delete(actor=admin_user, service=service)
    assert not found("mieszkanie")


def test_bulk_loads_are_refreshed_in_one_call(territory):
    """Rows written past the service functions (a bulk load) are found once ``search_text_refresh`` ran."""
    Institution.objects.bulk_create(
        [Institution(name=f"Klub Integracji Społecznej {n}", kind="kis", unit=territory["gmina"]) for n in range(3)]
    )
    assert not found("klub integracji")
    assert search.search_text_refresh() == 3
    assert len(found("klub integracji")) == 3
    assert len(found("klub intergacji")) == 3  # the vocabulary was refreshed too
    assert search.search_text_refresh() == 0  # nothing left to do


def test_an_edit_in_django_admin_is_found_by_its_new_name(client, admin_user, institutions):
    school = institutions["school"]
    response = login(client, admin_user).post(
        f"/admin/directory/institution/{school.pk}/change/",
        {"name": "Zespół Szkół w Łące", "kind": "school", "unit": school.unit_id, "level": "gmina", "status": "active"}
        | {"opens_at": "07:30", "closes_at": "15:30", "working_days": "01234", "edit_version": school.edit_version}
        | {f"{p}-{k}": "0" for p in ("phones", "contacts", "specialists") for k in ("TOTAL_FORMS", "INITIAL_FORMS")},
    )
    assert response.status_code == 302
    assert found("zespol szkol lace") == {"Zespół Szkół w Łące"}
