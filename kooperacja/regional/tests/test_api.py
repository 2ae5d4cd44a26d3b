"""GET /api/v1/regional/summary?voivodeship=<TERYT>: ROPS of that voivodeship or an administrator only; the same
suppressed figures as the dashboard."""

import datetime
import json

import pytest
from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns
from conftest import _actor, login
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
def test_others_get_403(client, cooperation, request, actor):
    login(client, request.getfixturevalue(actor))
    assert client.get(URL, {"voivodeship": "04"}).status_code == 403


def test_rops_of_another_voivodeship_gets_404(client, cooperation, territory):
    voivodeship = UnitFactory(code="02", level="wojewodztwo", kind="wojewodztwo", name="dolnośląskie", parent=None)
    other = _actor(InstitutionFactory(kind="rops", unit=voivodeship), Role.ROPS_ANIMATOR)
    login(client, other)
    assert client.get(URL, {"voivodeship": "04"}).status_code == 404
    data = json.loads(client.get(URL, {"voivodeship": "02"}).content)
    assert data["cooperations"] == [] and "Kowalewo" not in json.dumps(data, ensure_ascii=False)


def test_anonymous_is_sent_to_log_in(client, cooperation):
    assert client.get(URL, {"voivodeship": "04"}).status_code == 302


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
