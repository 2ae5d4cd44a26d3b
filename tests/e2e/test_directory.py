"""The institution directory as an OPS coordinator uses it: find, read, edit, resource cards, import, export."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, log_in, screenshot, submit

pytestmark = pytest.mark.e2e


def test_coordinator_finds_reads_and_edits_an_institution(page: Page, demo):
    log_in(page, demo["koordynator"])
    page.goto("/instytucje/")
    search = page.locator("main form[role=search] input[name=q]")
    search.fill("Szkoła Podstawowa")
    page.locator("main form[role=search] button[type=submit]").click()
    link = page.locator("main table a", has_text="Szkoła Podstawowa nr 1 (demo)")
    expect(link).to_be_visible()
    assert_accessible(page)
    screenshot(page, "institutions-search")

    link.click()
    expect(page.locator("h1")).to_contain_text("Szkoła Podstawowa nr 1 (demo)")
    assert_accessible(page)
    page.locator("main a", has_text="Edytuj").first.click()
    expect(page).to_have_url(re.compile(r"/instytucje/\d+/edycja/$"))
    assert_accessible(page)
    page.locator("input[name=postal_code]").fill("87410")  # a typo the form explains, keeping the rest
    submit(page)
    expect(page.locator("main")).to_contain_text("00-000")
    expect(page.locator("input[name=name]")).to_have_value("Szkoła Podstawowa nr 1 (demo)")
    assert_accessible(page)  # the page with errors too
    page.locator("input[name=postal_code]").fill("87-410")
    submit(page)
    expect(page).to_have_url(re.compile(r"/instytucje/\d+/$"))
    expect(page.locator("main")).to_contain_text("87-410")


def test_resource_cards_import_and_export_pages_are_accessible(page: Page, demo):
    log_in(page, demo["koordynator"])
    page.goto("/instytucje/karty/")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "resource-cards")
    page.goto("/instytucje/karty/040504/domestic_violence/")
    expect(page.locator("main")).to_contain_text("przemoc domowa")
    assert_accessible(page)
    screenshot(page, "resource-card")
    page.goto("/instytucje/import/")
    assert_accessible(page)
    page.goto("/instytucje/eksport/")
    assert_accessible(page)
