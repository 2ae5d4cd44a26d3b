"""The cost of inaction as an OPS coordinator prepares it for a meeting: a card, its lines, the figures."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from kooperacja.core.demo import GMINA
from kooperacja.diagnosis.costs.seed import seed_unit_costs
from kooperacja.diagnosis.models import Analysis, UnitCost
from kooperacja.territory.models import Unit
from tests.e2e.helpers import assert_accessible, log_in, screenshot, submit

pytestmark = pytest.mark.e2e


def test_coordinator_builds_a_cost_of_inaction_card(page: Page, demo):
    seed_unit_costs(UnitCost)  # the data migration's rows are flushed between browser tests
    assistant = UnitCost.objects.create(
        name="Asystent rodziny (godzina pracy, e2e)",
        kind="service",
        per="hour",
        amount=Decimal("60.00"),
        year=2025,
        source="Dane testu przeglądarkowego",
        payer="gmina",
    )
    placement = UnitCost.objects.get(name__startswith="Pobyt dziecka w instytucjonalnej pieczy")
    analysis = Analysis.objects.get_or_create(unit=Unit.objects.get(code=GMINA), year=2026)[0]

    log_in(page, demo["koordynator"])
    page.goto(f"/analiza/{analysis.pk}/koszty/")
    assert_accessible(page)
    page.locator("main a[href$='/koszty/nowa/']").click()
    page.locator("input[name=title]").fill("Rodzina z dwójką dzieci zagrożonych umieszczeniem")
    page.locator("textarea[name=scenario]").fill("Matka samotnie wychowuje dwoje dzieci; szkoła zgłasza zaniedbanie.")
    page.locator("input[name=months]").fill("24")
    page.locator("input[name=deadweight_percent]").fill("20")
    submit(page)
    expect(page).to_have_url(re.compile(r"/analiza/koszty/karty/\d+/$"))

    form = page.locator("form[action$='/pozycje/nowa/']")
    form.locator("select[name=unit_cost]").select_option(value=str(assistant.pk))
    form.locator("input[name=quantity]").fill("40")
    form.locator("input[name=persons]").fill("0")  # a mistake the form explains, keeping the rest
    form.locator("input[name=note]").fill("10 godzin tygodniowo")
    form.locator("button[type=submit]").click()
    expect(page.locator("input[name=persons]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("input[name=note]")).to_have_value("10 godzin tygodniowo")
    assert_accessible(page)  # the page with errors too
    page.locator("input[name=persons]").fill("1")
    page.locator("form[action$='/pozycje/nowa/'] button[type=submit]").click()

    form = page.locator("form[action$='/pozycje/nowa/']")
    form.locator("select[name=unit_cost]").select_option(value=str(placement.pk))
    form.locator("input[name=quantity]").fill("1")
    form.locator("input[name=persons]").fill("2")
    form.locator("button[type=submit]").click()

    main = page.locator("main")
    expect(main.locator("[data-figure=services]")).to_have_text(re.compile(r"57\s600,00\szł"))
    expect(main.locator("[data-figure=difference]")).to_have_text(re.compile(r"230\s400,00\szł"))
    expect(main.locator("[data-figure=ratio]")).to_contain_text("5,00")
    assert_accessible(page)
    screenshot(page, "cost-of-inaction-card")

    pdf_url = page.locator("main a[href$='/karta.pdf']").get_attribute("href")
    response = page.request.get(pdf_url)
    assert response.ok and response.body().startswith(b"%PDF")
