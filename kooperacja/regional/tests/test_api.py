"""GET /api/v1/regional/summary?voivodeship=<TERYT>: ROPS of that voivodeship or an administrator only; the same
suppressed figures as the dashboard."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns
from conftest import PASSWORD, _actor, current_code, login
from kooperacja.accounts.models import Role
from kooperacja.cases import services as case_services
from tests.factories import InstitutionFactory, UnitFactory

urlpatterns = [*site_urlpatterns, path("api/v1/regional/", include("kooperacja.regional.api_urls"))]
pytestmark = pytest.mark.urls("kooperacja.regional.tests.test_api")
URL = "/api/v1/regional/summary"


def test_rops_gets_the_summary_of_its_voivodeship(client, cooperation, animator_rops, coordinator_ops):
    for _ in range(2):
        case_services.case_open(actor=coordinator_ops, cooperation=cooperation)
    login(client, animator_rops)
    response = client.get(URL, {"voivodeship": "04"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["voivodeship"] == {"code": "04", "name": "kujawsko-pomorskie"}
    (row,) = data["cooperations"]
    assert row["gmina"] == "Kowalewo Pomorskie" and row["cases_open"] == "<5" and row["cases_closed"] == 0
    assert data["totals"]["gminas_by_stage"]["II"] == 1
    assert json.loads(client.get(URL).content)["voivodeship"]["code"] == "04"  # the caller's own by default


def test_five_cases_are_exact(client, cooperation, animator_rops, coordinator_ops):
    for _ in range(5):
        case_services.case_open(actor=coordinator_ops, cooperation=cooperation)
    login(client, animator_rops)
    assert json.loads(client.get(URL, {"voivodeship": "04"}).content)["cooperations"][0]["cases_open"] == 5


def test_an_administrator_may_ask_for_any_voivodeship(client, cooperation, admin_user):
    login(client, admin_user)
    assert client.get(URL, {"voivodeship": "04"}).status_code == 200
    assert client.get(URL, {"voivodeship": "99"}).status_code == 404


@pytest.mark.parametrize("actor", ["coordinator_ops", "teacher_school", "animator_pcpr", "worker_other_gmina"])
def test_others_get_403_in_json(client, cooperation, request, actor):
    login(client, request.getfixturevalue(actor))
    response = client.get(URL, {"voivodeship": "04"})
    assert response.status_code == 403 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Nie masz dostępu do tych danych."}


def test_rops_of_another_voivodeship_gets_404(client, cooperation, territory):
    voivodeship = UnitFactory(code="02", level="wojewodztwo", kind="wojewodztwo", name="dolnośląskie", parent=None)
    other = _actor(InstitutionFactory(kind="rops", unit=voivodeship), Role.ROPS_ANIMATOR)
    login(client, other)
    response = client.get(URL, {"voivodeship": "04"})
    assert response.status_code == 404 and response.json() == {
        "detail": "Nie znaleziono albo nie masz do tego dostępu."
    }
    data = json.loads(client.get(URL, {"voivodeship": "02"}).content)
    assert data["cooperations"] == [] and "Kowalewo" not in json.dumps(data, ensure_ascii=False)


def test_anonymous_gets_401_in_json_not_the_login_page(client, cooperation):
    for method in (client.get, client.post):
        response = method(URL, {"voivodeship": "04"})
        assert response.status_code == 401 and response["Content-Type"] == "application/json"
        assert response["WWW-Authenticate"] == 'Session realm="Kooperacja"'
        assert response.json()["detail"].startswith("Najpierw się zaloguj")
        assert "Location" not in response and "Kowalewo" not in response.content.decode()


def test_a_password_without_the_code_gets_401(client, cooperation, animator_rops):
    client.post("/konto/logowanie/", {"username": animator_rops.email, "password": PASSWORD})
    response = client.get(URL, {"voivodeship": "04"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Dokończ logowanie: podaj kod z aplikacji uwierzytelniającej."}


def test_only_get_is_answered(client, cooperation, animator_rops):
    login(client, animator_rops)
    response = client.post(URL, {"voivodeship": "04"})
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert response.json() == {"detail": "Tu można użyć tylko metody GET."}


def test_a_script_signs_in_as_the_documentation_says(cooperation, animator_rops):
    """The steps of the README: the login form with its CSRF token, the code, then the API with the cookie."""
    script = Client(enforce_csrf_checks=True)
    script.get("/konto/logowanie/")
    token = script.cookies["csrftoken"].value
    response = script.post(
        "/konto/logowanie/",
        {"csrfmiddlewaretoken": token, "username": animator_rops.email, "password": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/konto/weryfikacja/"
    token = script.cookies["csrftoken"].value  # renewed at login
    response = script.post("/konto/weryfikacja/", {"csrfmiddlewaretoken": token, "token": current_code(animator_rops)})
    assert response.status_code == 302
    response = script.get(URL, {"voivodeship": "04"})
    assert response.status_code == 200 and response.json()["voivodeship"]["code"] == "04"


def test_the_api_takes_a_constant_number_of_queries(
    client, cooperation, animator_rops, coordinator_ops, django_assert_max_num_queries
):
    login(client, animator_rops)
    client.get(URL)
    with django_assert_max_num_queries(30) as few:
        client.get(URL)
    for _ in range(6):
        case_services.case_open(
            actor=coordinator_ops,
            cooperation=cooperation,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)
    assert datetime.date.today().isoformat() == json.loads(client.get(URL).content)["generated_on"]
