import pytest

from conftest import login
from kooperacja.territory.services import teryt_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, coordinator_ops):
    teryt_load()
    return login(client, coordinator_ops)


def test_search_page_finds_any_gmina(signed_in):
    response = signed_in.get("/teryt/", {"q": "Kowalewo", "level": "gmina"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kowalewo Pomorskie" in html
    assert "0405043" in html


def test_search_page_query_count_does_not_grow_with_rows(signed_in, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        signed_in.get("/teryt/", {"level": "gmina"})  # 50 gminas on the page, each with county and voivodeship


def test_suggestions_fragment_for_the_picker(signed_in):
    response = signed_in.get("/teryt/podpowiedzi/", {"q": "toruń", "level": "gmina"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'data-unit-pick="' in html and "Toruń" in html
    assert "<html" not in html  # a fragment, not a page


def test_suggestions_need_two_characters(signed_in):
    html = signed_in.get("/teryt/podpowiedzi/", {"q": "a"}).content.decode()
    assert "data-unit-pick" not in html


def test_unit_page_lists_gminas_of_a_county(signed_in):
    html = signed_in.get("/teryt/0405/").content.decode()
    assert "Kowalewo Pomorskie" in html and "Golub-Dobrzyń" in html


def test_unknown_unit_is_404_in_polish(signed_in):
    response = signed_in.get("/teryt/999999/")
    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.content.decode()
