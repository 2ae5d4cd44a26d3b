"""Search over names, services and addresses that forgives typos: pg_trgm on PostgreSQL, difflib on SQLite."""

import pytest
from django.db import connection

from kooperacja.directory import services
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
    if connection.vendor == "postgresql":
        # pg_trgm compares letters as they are: "ł" is not "l" (unaccent would be a further step).
        assert "Ośrodek Pomocy Społecznej" in found("Społeczej")
    else:
        assert "Ośrodek Pomocy Społecznej" in found("spolecznej")  # the fallback folds Polish letters


def test_unrelated_words_find_nothing(directory):
    assert found("xyzzy") == set()
    assert found("Poradnia zzzzzz") == set()


def test_search_keeps_the_given_queryset(directory, territory):
    gmina_only = Institution.objects.filter(unit=territory["gmina"])
    assert not apply_text_search(gmina_only, "Poradna").exists()


def test_each_database_uses_what_it_supports(directory):
    """PostgreSQL: the trigram operator and its GIN index exist; SQLite: the Python fallback, no trigram SQL."""
    sql = str(apply_text_search(Institution.objects.all(), "Poradna").query)
    if connection.vendor == "postgresql":
        assert "%>" in sql
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'directory_institution_name_trgm'")
            (definition,) = cursor.fetchone()
        assert "gin_trgm_ops" in definition
        with connection.cursor() as cursor:
            cursor.execute("SELECT word_similarity('Poradna', 'Poradnia Psychologiczno-Pedagogiczna')")
            assert cursor.fetchone()[0] >= 0.6
    else:
        assert "%>" not in sql
        # The fallback matched the typo in Python and handed the database the ids it found.
        assert str(directory["poradnia"].pk) in sql
