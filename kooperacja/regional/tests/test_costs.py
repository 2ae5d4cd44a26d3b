"""Costs and workload (R-43): recorded by the cooperation's editors, summed per cooperation and for the region,
hours of training and supervision from the team's plan of work; the ROPS page and its CSV."""

import datetime
from decimal import Decimal

import pytest

from conftest import login
from kooperacja.cooperation.services import cooperation_create
from kooperacja.cooperation.team.services import team_activity_add, team_create
from kooperacja.regional.evaluation.selectors import cooperation_costs, regional_costs
from kooperacja.regional.evaluation.services import team_cost_add
from kooperacja.regional.models import TeamCost

DAY = datetime.date(2026, 5, 4)


@pytest.fixture
def other_cooperation(territory, worker_other_gmina):
    return cooperation_create(
        actor=worker_other_gmina, unit=territory["other_gmina"], name="Kooperacja w Rypinie", variant="urban_rural"
    )


@pytest.fixture
def costs(cooperation, other_cooperation, coordinator_ops, worker_other_gmina):
    team_cost_add(actor=coordinator_ops, cooperation=cooperation, kind="travel", amount=Decimal("120.50"), spent_on=DAY)
    team_cost_add(actor=coordinator_ops, cooperation=cooperation, kind="travel", amount=Decimal("79.50"), spent_on=DAY)
    team_cost_add(actor=coordinator_ops, cooperation=cooperation, kind="training", amount=Decimal("500"), spent_on=DAY)
    team_cost_add(
        actor=worker_other_gmina,
        cooperation=other_cooperation,
        kind="remuneration",
        amount=Decimal("300"),
        spent_on=DAY,
    )
    team = team_create(actor=coordinator_ops, cooperation=cooperation)
    team_activity_add(actor=coordinator_ops, team=team, area="institutions", kind="training", title="S", hours=6)
    team_activity_add(actor=coordinator_ops, team=team, area="institutions", kind="training", title="S2", hours=2)
    team_activity_add(actor=coordinator_ops, team=team, area="institutions", kind="supervision", title="V", hours=3)
    team_activity_add(actor=coordinator_ops, team=team, area="institutions", kind="coaching", title="C", hours=9)


def test_costs_sum_per_cooperation(cooperation, costs):
    data = cooperation_costs(cooperation)
    assert dict((str(k), v) for k, v in data["by_kind"])  # labelled
    assert [amount for _label, amount in data["by_kind"]] == [Decimal("200"), 0, Decimal("500"), 0]
    assert data["total"] == Decimal("700")
    assert (data["training_hours"], data["supervision_hours"]) == (8, 3)


def test_costs_sum_for_the_region(territory, cooperation, other_cooperation, costs):
    data = regional_costs(territory["voivodeship"])
    by_cooperation = {row["cooperation"].pk: row for row in data["rows"]}
    assert by_cooperation[cooperation.pk]["total"] == Decimal("700")
    assert by_cooperation[other_cooperation.pk]["total"] == Decimal("300")
    assert data["totals"]["total"] == Decimal("1000")
    assert data["totals"]["by_kind"] == [Decimal("200"), Decimal("300"), Decimal("500"), 0]
    assert data["totals"]["training_hours"] == 8


def test_regional_costs_in_a_constant_number_of_queries(
    territory, costs, coordinator_ops, django_assert_max_num_queries
):
    for n in range(4):
        cooperation = cooperation_create(
            actor=coordinator_ops, unit=territory["gmina"], name=f"K{n}", variant="urban_rural"
        )
        team_cost_add(actor=coordinator_ops, cooperation=cooperation, kind="other", amount=1, spent_on=DAY)
    with django_assert_max_num_queries(3):
        regional_costs(territory["voivodeship"])


def test_the_rops_animator_reads_the_page_and_the_csv(client, cooperation, costs, animator_rops):
    login(client, animator_rops)
    page = client.get("/region/koszty/")
    assert page.status_code == 200 and cooperation.name in page.content.decode()
    response = client.get("/region/koszty/csv/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert cooperation.name in text and "1000" in text


def test_the_editor_records_a_cost_through_the_page(client, cooperation, coordinator_ops):
    login(client, coordinator_ops)
    url = f"/region/kooperacja/{cooperation.pk}/koszty/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "travel", "amount": "42.00", "spent_on": "2026-05-04", "note": "Dojazd"})
    assert response.status_code == 302
    cost = TeamCost.objects.get(cooperation=cooperation)
    assert cost.amount == Decimal("42") and cost.created_by == coordinator_ops
    assert client.post(f"{url}{cost.pk}/usun/").status_code == 302
    assert not TeamCost.objects.exists()


def test_a_reader_may_not_record_costs(client, cooperation, animator_pcpr):
    login(client, animator_pcpr)  # the county's animator reads an urban-rural cooperation, does not run it
    url = f"/region/kooperacja/{cooperation.pk}/koszty/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"kind": "travel", "amount": "1", "spent_on": "2026-05-04"}).status_code == 403
    assert not TeamCost.objects.exists()


def test_a_teacher_gets_403_on_the_rops_costs(client, teacher_school):
    login(client, teacher_school)
    assert client.get("/region/koszty/").status_code == 403
    assert client.get("/region/koszty/csv/").status_code == 403
