"""Unit-cost table and cost-of-inaction cards through services and HTTP (R-15)."""

import io
import re
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from pypdf import PdfReader

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.diagnosis.costs import selectors, services
from kooperacja.diagnosis.costs.seed import seed_unit_costs
from kooperacja.diagnosis.models import CostCard, CostCardLine, UnitCost
from tests.factories import UnitFactory

PLACEMENT = "Pobyt dziecka w instytucjonalnej pieczy zastępczej (placówka opiekuńczo-wychowawcza)"


@pytest.fixture
def unit_costs(db):
    seed_unit_costs(UnitCost)
    assistant = UnitCost.objects.create(
        name="Asystent rodziny (test)",
        kind="service",
        per="hour",
        amount=D("60.00"),
        year=2025,
        source="Dane testowe",
        payer="gmina",
    )
    return {"assistant": assistant, "placement": UnitCost.objects.get(name=PLACEMENT)}


@pytest.fixture
def card(analysis, unit_costs, coordinator_ops):
    card = services.cost_card_create(
        actor=coordinator_ops,
        analysis=analysis,
        data={
            "title": "Rodzina z dwójką dzieci",
            "scenario": "Ryzyko umieszczenia dzieci w pieczy.",
            "months": 24,
            "deadweight_percent": 20,
        },
    )
    services.cost_card_line_add(
        actor=coordinator_ops, card=card, data={"unit_cost": unit_costs["assistant"], "quantity": D("40"), "persons": 1}
    )
    services.cost_card_line_add(
        actor=coordinator_ops, card=card, data={"unit_cost": unit_costs["placement"], "quantity": D("1"), "persons": 2}
    )
    return card


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode().replace("\xa0", " "))


# --- Services ----------------------------------------------------------------------------------------------


def test_card_totals_from_the_database(card):
    totals = selectors.card_totals(card)
    assert totals.services.whole == D("57600.00")
    assert totals.consequences_net.whole == D("288000.00")
    assert totals.difference.whole == D("230400.00")
    assert totals.ratio == D("5.00")
    assert AuditEvent.objects.filter(object_type="diagnosis.costcardline").count() == 2


def test_line_longer_than_the_card_is_refused_and_nothing_is_written(card, unit_costs, coordinator_ops):
    with pytest.raises(ValidationError) as error:
        services.cost_card_line_add(
            actor=coordinator_ops,
            card=card,
            data={"unit_cost": unit_costs["assistant"], "quantity": D("1"), "persons": 1, "months": 25},
        )
    assert "months" in error.value.message_dict
    assert card.lines.count() == 2


def test_card_period_cannot_shrink_below_a_line(card, unit_costs, coordinator_ops):
    line = card.lines.first()
    services.cost_card_line_update(actor=coordinator_ops, line=line, data={"months": 20})
    with pytest.raises(ValidationError):
        services.cost_card_update(actor=coordinator_ops, card=card, data={"months": 12})
    card.refresh_from_db()
    assert card.months == 24


def test_unit_cost_of_another_voivodeship_or_withdrawn_is_not_available(card, analysis, territory, admin_user):
    other = UnitFactory(code="14", level="wojewodztwo", kind="wojewodztwo", name="mazowieckie", parent=None)
    foreign = services.unit_cost_create(
        actor=admin_user,
        data={
            "name": "Obcy",
            "kind": "service",
            "per": "month",
            "amount": D("10"),
            "year": 2025,
            "source": "x",
            "payer": "gmina",
            "voivodeship": other,
        },
    )
    assert foreign not in selectors.unit_costs_available_for(analysis.unit)
    with pytest.raises(ValidationError):
        services.cost_card_line_add(actor=admin_user, card=card, data={"unit_cost": foreign})
    withdrawn = UnitCost.objects.get(name=PLACEMENT)
    services.unit_cost_set_active(actor=admin_user, unit_cost=withdrawn, is_active=False)
    assert withdrawn not in selectors.unit_costs_available_for(analysis.unit)
    assert selectors.card_totals(card).consequences_gross.whole == D("360000.00")  # the card keeps it


def test_used_unit_cost_is_never_deleted(card, unit_costs, admin_user):
    with pytest.raises(ValidationError):
        services.unit_cost_delete(actor=admin_user, unit_cost=unit_costs["assistant"])
    with pytest.raises(ProtectedError):
        unit_costs["assistant"].delete()
    unused = UnitCost.objects.exclude(pk__in=CostCardLine.objects.values("unit_cost")).first()
    services.unit_cost_delete(actor=admin_user, unit_cost=unused)
    assert not UnitCost.objects.filter(pk=unused.pk).exists()


def test_cards_for_report_uses_a_constant_number_of_queries(
    card, analysis, unit_costs, coordinator_ops, django_assert_max_num_queries
):
    for n in range(5):
        extra = services.cost_card_create(
            actor=coordinator_ops, analysis=analysis, data={"title": f"Karta {n}", "months": 12}
        )
        for _ in range(3):
            services.cost_card_line_add(
                actor=coordinator_ops, card=extra, data={"unit_cost": unit_costs["assistant"], "quantity": D("10")}
            )
    with django_assert_max_num_queries(2):
        reports = selectors.cards_for_report(analysis)
    assert len(reports) == 6
    first = next(r for r in reports if r.card.pk == card.pk)
    assert [s.name for s in first.sources] == ["Asystent rodziny (test)", PLACEMENT]
    assert first.totals.ratio == D("5.00")


# --- Pages -------------------------------------------------------------------------------------------------


def test_access_to_the_cards(client, card, coordinator_ops, teacher_school, worker_other_gmina, animator_rops):
    urls = [reverse("diagnosis:costs", args=[card.analysis_id]), reverse("diagnosis:cost_card", args=[card.pk])]
    login(client, worker_other_gmina)
    for url in urls:
        assert client.get(url).status_code == 404
    client.logout()
    login(client, teacher_school)
    for url in urls:
        assert client.get(url).status_code == 200
    assert client.get(reverse("diagnosis:cost_card_edit", args=[card.pk])).status_code == 403
    assert client.post(reverse("diagnosis:cost_card_delete", args=[card.pk])).status_code == 403
    assert client.get(reverse("diagnosis:cost_card_create", args=[card.analysis_id])).status_code == 403
    assert "Dodaj" not in text(client.get(urls[1]))
    client.logout()
    login(client, animator_rops)
    assert client.get(urls[1]).status_code == 200
    assert client.get(reverse("diagnosis:cost_card_edit", args=[card.pk])).status_code == 403
    assert CostCard.objects.filter(pk=card.pk).exists()


def test_unit_cost_table_is_read_by_all_and_kept_by_rops_and_admin(
    client, unit_costs, teacher_school, animator_rops, admin_user, territory
):
    url = reverse("diagnosis:unit_costs")
    login(client, teacher_school)
    response = client.get(url)
    assert response.status_code == 200
    assert "Asystent rodziny (test)" in text(response)
    assert client.get(reverse("diagnosis:unit_cost_create")).status_code == 403
    assert client.post(reverse("diagnosis:unit_cost_toggle", args=[unit_costs["assistant"].pk])).status_code == 403
    client.logout()

    login(client, animator_rops)
    response = client.get(reverse("diagnosis:unit_cost_create"))
    assert response.status_code == 200
    assert response.context["form"].initial["voivodeship"] == territory["voivodeship"].pk
    data = {
        "name": "Terapia rodzinna (test)",
        "kind": "service",
        "per": "visit",
        "amount": "150.00",
        "year": "2025",
        "source": "Cennik testowy",
        "payer": "gmina",
        "voivodeship": territory["voivodeship"].pk,
        "is_active": "on",
    }
    bad = client.post(reverse("diagnosis:unit_cost_create"), {**data, "amount": "-5"})
    assert bad.status_code == 400
    assert 'value="Terapia rodzinna (test)"' in bad.content.decode()
    assert client.post(reverse("diagnosis:unit_cost_create"), data).status_code == 302
    therapy = UnitCost.objects.get(name="Terapia rodzinna (test)")
    assert therapy.voivodeship == territory["voivodeship"] and therapy.updated_by == animator_rops
    assert client.post(reverse("diagnosis:unit_cost_toggle", args=[therapy.pk])).status_code == 302
    therapy.refresh_from_db()
    assert not therapy.is_active
    client.logout()

    login(client, admin_user)
    response = client.post(reverse("diagnosis:unit_cost_edit", args=[therapy.pk]), {**data, "amount": "160"})
    assert response.status_code == 302
    therapy.refresh_from_db()
    assert therapy.amount == D("160.00") and therapy.is_active


def test_coordinator_creates_a_card_end_to_end(client, analysis, unit_costs, coordinator_ops):
    login(client, coordinator_ops)
    create = reverse("diagnosis:cost_card_create", args=[analysis.pk])
    bad = client.post(create, {"title": "Rodzina K.", "months": "24", "deadweight_percent": "120"})
    assert bad.status_code == 400
    assert 'value="Rodzina K."' in bad.content.decode()
    assert not CostCard.objects.exists()
    response = client.post(
        create, {"title": "Rodzina K.", "scenario": "Dwoje dzieci.", "months": "24", "deadweight_percent": "20"}
    )
    card = CostCard.objects.get()
    assert response.status_code == 302 and response.url == reverse("diagnosis:cost_card", args=[card.pk])

    add = reverse("diagnosis:cost_line_add", args=[card.pk])
    bad = client.post(
        add,
        {
            "unit_cost": unit_costs["assistant"].pk,
            "quantity": "-1",
            "persons": "0",
            "months": "30",
            "note": "10 h tygodniowo",
        },
    )
    assert bad.status_code == 400
    errors = bad.context["line_form"].errors
    assert set(errors) == {"quantity", "persons", "months"}
    assert 'value="10 h tygodniowo"' in bad.content.decode()
    assert not card.lines.exists()
    assert (
        client.post(
            add, {"unit_cost": unit_costs["assistant"].pk, "quantity": "40", "persons": "1", "note": "10 h tygodniowo"}
        ).status_code
        == 302
    )
    assert (
        client.post(add, {"unit_cost": unit_costs["placement"].pk, "quantity": "1", "persons": "2"}).status_code == 302
    )

    page = text(client.get(reverse("diagnosis:cost_card", args=[card.pk])))
    assert "57 600,00 zł" in page
    assert "288 000,00 zł" in page
    assert "230 400,00 zł" in page
    assert "5,00" in page
    overview = text(client.get(reverse("diagnosis:costs", args=[analysis.pk])))
    assert "Rodzina K." in overview and "230 400,00 zł" in overview

    line = card.lines.get(unit_cost=unit_costs["assistant"])
    edit = reverse("diagnosis:cost_line_edit", args=[card.pk, line.pk])
    assert client.get(edit).status_code == 200
    assert (
        client.post(
            edit, {"unit_cost": unit_costs["assistant"].pk, "quantity": "20", "persons": "1", "payer": "state"}
        ).status_code
        == 302
    )
    line.refresh_from_db()
    assert line.quantity == D("20") and line.payer == "state"
    assert client.post(reverse("diagnosis:cost_line_delete", args=[card.pk, line.pk])).status_code == 302
    assert client.post(reverse("diagnosis:cost_card_delete", args=[card.pk])).status_code == 302
    assert not CostCard.objects.exists()


def test_card_pdf_is_a_real_pdf_with_the_title(client, card, teacher_school):
    login(client, teacher_school)
    response = client.get(reverse("diagnosis:cost_card_pdf", args=[card.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    content = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Rodzina z dwójką dzieci" in content
    assert "230" in content


def test_pages_use_a_constant_number_of_queries(
    client, card, analysis, unit_costs, coordinator_ops, django_assert_max_num_queries
):
    login(client, coordinator_ops)
    for n in range(4):
        extra = services.cost_card_create(
            actor=coordinator_ops, analysis=analysis, data={"title": f"Karta {n}", "months": 12}
        )
        for _ in range(4):
            services.cost_card_line_add(
                actor=coordinator_ops, card=card, data={"unit_cost": unit_costs["assistant"], "quantity": D("10")}
            )
            services.cost_card_line_add(
                actor=coordinator_ops, card=extra, data={"unit_cost": unit_costs["placement"], "quantity": D("1")}
            )
    with django_assert_max_num_queries(15):
        assert client.get(reverse("diagnosis:costs", args=[analysis.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("diagnosis:cost_card", args=[card.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("diagnosis:unit_costs")).status_code == 200
