"""The application to ROPS as both sides see it (R-22): the OPS coordinator fills in annex 1 and sends it;
the regional animator of ROPS finds it in the inbox, assigns herself and answers; the coordinator sees the answer."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.accounts.models import User
from kooperacja.cooperation.services import cooperation_create
from kooperacja.territory.models import Unit
from tests.e2e.helpers import assert_accessible, log_in, submit

pytestmark = pytest.mark.e2e

NAME = "Kooperacja e2e — zgłoszenie do ROPS"


def test_coordinator_applies_and_rops_answers(browser, live_server, demo):
    coordinator = User.objects.get(email=demo["koordynator"].email)
    cooperation = cooperation_create(
        actor=coordinator, unit=Unit.objects.get(code="040504"), name=NAME, variant="urban_rural"
    )
    tab = f"/kooperacja/{cooperation.pk}/zgloszenie/"

    def new_page() -> Page:
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="pl-PL", base_url=live_server.url)
        context.set_default_timeout(10_000)
        return context.new_page()

    # The coordinator fills in annex 1 and sends it.
    page = new_page()
    log_in(page, demo["koordynator"])
    page.goto(tab)
    assert_accessible(page)
    page.locator(f"main a[href$='/{cooperation.pk}/zgloszenie/nowe/wniosek/']").click()
    assert_accessible(page)
    page.locator("input[name=contact_name]").fill("Katarzyna Koordynacyjna")
    page.locator("input[name=contact_function]").fill("koordynatorka")
    page.locator("input[name=contact_phone]").fill("56 684 00 00")
    page.locator("input[name=contact_email]").fill("koordynator@kooperacja.example")
    page.locator("input[name=support][value=moderation]").check()
    page.locator("input[name=support][value=agreement]").check()
    page.locator("textarea[name=description]").fill("Potrzebujemy moderatora spotkania z instytucjami.")
    submit(page)
    expect(page).to_have_url(re.compile(r"/zgloszenie/$"))
    expect(page.locator("main [data-status]")).to_have_attribute("data-status", "draft")
    page.locator("main form[action$='/wyslij/'] button").click()
    expect(page.locator("main [data-status]")).to_have_attribute("data-status", "submitted")
    assert_accessible(page)
    coordinator_page = page  # stays signed in: a TOTP code cannot be used twice within 30 s

    # The regional animator finds it in the inbox, assigns herself and answers.
    page = new_page()
    log_in(page, demo["rops"])
    page.goto("/kooperacja/rops/zgloszenia/")
    row = page.locator("main tbody tr", has_text=NAME)
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "submitted")
    assert_accessible(page)
    rops = User.objects.get(email=demo["rops"].email)
    row.locator("select[name=animator]").select_option(value=str(rops.pk))
    row.locator("form[action$='/przydziel/'] button").click()
    row = page.locator("main tbody tr", has_text=NAME)
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "assigned")
    row.locator("a[href$='/odpowiedz/']").click()
    assert_accessible(page)
    page.locator("input[name=agreed_support][value=moderation]").check()
    page.locator("textarea[name=answer]").fill("Poprowadzę spotkanie z instytucjami w kwietniu.")
    submit(page)
    expect(page).to_have_url(re.compile(r"/rops/zgloszenia/$"))
    expect(page.locator("main tbody tr", has_text=NAME).locator("[data-status]")).to_have_attribute(
        "data-status", "answered"
    )
    assert_accessible(page)
    page.context.close()

    # The coordinator sees the answer.
    page = coordinator_page
    page.goto(tab)
    expect(page.locator("main [data-status]")).to_have_attribute("data-status", "answered")
    expect(page.locator("main")).to_contain_text("Poprowadzę spotkanie z instytucjami w kwietniu.")
    assert_accessible(page)
    page.context.close()
