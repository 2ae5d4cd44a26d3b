"""The ROPS dashboard in the browser (R-40): the regional animator opens /region/, finds the demo cooperation
with its small counts hidden ("—*", read "ukryte"), drills down into it and opens the cartogram — each page
passing axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, log_in, screenshot

pytestmark = pytest.mark.e2e

DEMO_COOPERATION = "Kooperacja w Kowalewie Pomorskim (demo)"


def test_rops_sees_the_region_as_aggregates(page, demo):
    log_in(page, demo["rops"])
    page.goto("/region/")
    row = page.locator("main tbody tr", has_text=DEMO_COOPERATION)
    expect(row).to_be_visible()
    expect(row.locator(".suppressed").first).to_contain_text("ukryte")
    expect(page.locator("main")).not_to_contain_text("PESEL")
    assert_accessible(page)
    screenshot(page, "regional-dashboard")

    row.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/region/kooperacje/\d+/"))
    expect(page.locator("main h2")).to_have_text(DEMO_COOPERATION)
    expect(page.locator("main .suppressed").first).to_contain_text("ukryte")
    assert_accessible(page)

    page.locator("main nav a[href*='kartogram']").click()
    expect(page).to_have_url(re.compile(r"/region/kartogram/"))
    expect(page.locator("main svg[role=img]")).to_be_visible()
    expect(page.locator("main table")).to_contain_text("Kowalewo Pomorskie")
    assert_accessible(page)

    page.locator("main nav a[href*='animatorzy']").click()
    expect(page.locator("main a[href='/kooperacja/rops/zgloszenia/']")).to_be_visible()
    assert_accessible(page)
