"""Finding territorial units: the search page and the unit picker (htmx suggestions) of the institution form."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.directory.models import Institution
from tests.e2e.helpers import assert_accessible, log_in, screenshot, submit

pytestmark = pytest.mark.e2e


def test_unit_picker_chooses_a_gmina_for_a_new_institution(page: Page, demo):
    log_in(page, demo["admin"])
    page.goto("/instytucje/")
    page.locator('main a[href="/instytucje/nowa/"]').click()
    expect(page).to_have_url(re.compile(r"/instytucje/nowa/$"))

    search = page.locator("[data-unit-picker] input[type=search]")
    search.press_sequentially("Kowalewo", delay=30)
    suggestion = page.locator("[data-unit-pick]", has_text="Kowalewo Pomorskie")
    expect(suggestion).to_be_visible()
    assert_accessible(page)  # with the suggestions open
    screenshot(page, "institution-new")
    suggestion.click()

    expect(page.locator("[data-unit-pick]")).to_have_count(0)
    expect(page.locator("[data-unit-chosen]")).to_contain_text("Kowalewo Pomorskie")
    expect(search).to_have_value(re.compile("Kowalewo Pomorskie"))
    page.locator("input[name=name]").fill("Stowarzyszenie Razem (test)")
    page.locator("select[name=kind]").select_option("ngo")
    submit(page)

    expect(page).to_have_url(re.compile(r"/instytucje/\d+/$"))  # the new entry's page
    expect(page.locator("h1")).to_contain_text("Stowarzyszenie Razem (test)")
    expect(page.locator('main a[href="/teryt/040504/"]')).to_contain_text("Kowalewo Pomorskie")
    assert_accessible(page)
    screenshot(page, "institution-detail")
    assert Institution.objects.get(name="Stowarzyszenie Razem (test)").unit.code == "040504"


def test_territory_search_finds_torun(page: Page, demo):
    log_in(page, demo["pedagog"])
    page.goto("/teryt/")
    page.locator("main form[role=search] input[name=q]").fill("Toruń")
    page.locator("main form[role=search] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/teryt/\?q=Toru"))
    city = page.locator('main table a[href="/teryt/046301/"]')
    expect(city).to_have_text("Toruń")
    expect(page.locator('main table a[href="/teryt/0463/"]')).to_have_text("Toruń")  # the city county
    assert_accessible(page)

    city.click()
    expect(page).to_have_url(re.compile(r"/teryt/046301/$"))
    expect(page.locator("h1")).to_contain_text("Toruń")
    assert_accessible(page)
