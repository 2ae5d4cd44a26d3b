"""The demo cooperation as its coordinator and the ROPS animator see it: the timeline in stage III, the meetings
with approved minutes and the next one, the agreement, the team, the application, notifications and tasks."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, log_in, screenshot

pytestmark = pytest.mark.e2e


def test_coordinator_walks_the_demo_cooperation(page: Page, demo):
    log_in(page, demo["koordynator"])
    expect(page.locator("main")).to_contain_text("Najbliższe spotkania")
    assert_accessible(page)
    page.locator("header nav a", has_text="Kooperacje").click()
    assert_accessible(page)
    page.locator("main table a", has_text="Kooperacja w Kowalewie Pomorskim (demo)").click()
    expect(page).to_have_url(re.compile(r"/kooperacja/\d+/$"))
    expect(page.locator("main")).to_contain_text("Praca z osobami i rodzinami")
    expect(page.locator("main svg.timeline-svg")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "cooperation-timeline", full_page=True)

    page.locator("main nav a", has_text="Spotkania").click()
    assert_accessible(page)
    page.locator("main a", has_text="Spotkanie zespołu PZK — najbliższe").first.click()
    expect(page).to_have_url(re.compile(r"/spotkania/\d+/$"))
    expect(page.locator("main")).to_contain_text("OPS, sala konferencyjna")
    assert_accessible(page)
    screenshot(page, "meeting-upcoming", full_page=True)

    page.locator("main nav a", has_text="Porozumienie").click()
    expect(page.locator("main")).to_contain_text("Szkoła Podstawowa nr 1 (demo)")
    assert_accessible(page)
    screenshot(page, "agreement", full_page=True)

    page.locator("main nav a", has_text="Zespół").click()
    expect(page.locator("main")).to_contain_text("Posterunek Policji (demo)")
    assert_accessible(page)

    page.locator("main nav a", has_text="ROPS i władze").click()
    expect(page.locator("main")).to_contain_text("Bogdan Burmistrzowski")
    assert_accessible(page)

    page.goto("/powiadomienia/")
    assert_accessible(page)
    page.goto("/spotkania/zadania/")
    assert_accessible(page)


def test_rops_animator_reads_the_inbox_and_the_cooperation(page: Page, demo):
    log_in(page, demo["rops"])
    page.goto("/kooperacja/rops/zgloszenia/")  # linked from the region's "animators" page
    expect(page.locator("main")).to_contain_text("Kowalewo")
    assert_accessible(page)
    screenshot(page, "rops-inbox")
