"""The network of institutions (R-13) as the OPS coordinator uses it: the demo rounds and their comparison,
a new round, and the survey answered for her own OPS."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.diagnosis.models import Analysis
from tests.e2e.helpers import assert_accessible, log_in, screenshot

pytestmark = pytest.mark.e2e


def test_coordinator_reads_the_network_runs_a_round_and_answers_it(page: Page, demo):
    analysis = Analysis.objects.get(unit__code="040504", is_current=True)
    log_in(page, demo["koordynator"])
    page.goto(f"/analiza/{analysis.pk}/siec/")
    expect(page.locator("main svg[role=img]").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Runda II")
    assert_accessible(page)
    screenshot(page, "diagnosis-network")

    page.locator("main form[method=get] button[type=submit]").click()  # the two latest rounds, preselected
    expect(page.locator("main svg[aria-labelledby^=compare-after]")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/analiza/{analysis.pk}/siec/nowa-runda/")
    page.locator("input[name=title]").fill("Runda III — próbna")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/siec/runda/\d+/$"))
    expect(page.locator("main")).to_contain_text("Runda III — próbna")

    page.locator("main a", has_text="Runda III — próbna").first.click()  # the round's results page
    page.locator("main td a[href*='/ankiety/']").last.click()  # "open for answers"
    expect(page).to_have_url(re.compile(r"/analiza/ankiety/\d+/$"))
    assert_accessible(page)
    first = page.locator("main select[name$='-level']").first
    first.select_option("3")
    page.locator("main select[name$='-trust_reliability']").first.select_option("4")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/analiza/ankiety/\d+/\?instytucja=\d+$"))  # saved, redirected
    expect(page.locator("main select[name$='-level']").first).to_have_value("3")
    screenshot(page, "diagnosis-survey-answer", full_page=False)
