"""The tool base as both sides use it: the regional animator of ROPS adds a template for the
agreement step with a PDF and publishes it; the OPS coordinator finds it in the tool base of the voivodeship and
asks ROPS for support for the demo cooperation."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.cooperation.demo import NAME
from kooperacja.cooperation.models import Cooperation
from tests.e2e.helpers import assert_accessible, log_in

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "Wzór porozumienia G-P (e2e)"


def test_rops_publishes_a_tool_and_the_coordinator_finds_it_and_asks_for_support(browser, live_server, demo):
    def new_page() -> Page:
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="pl-PL", base_url=live_server.url)
        context.set_default_timeout(10_000)
        return context.new_page()

    # The regional animator adds the tool with its PDF and publishes it.
    page = new_page()
    log_in(page, demo["rops"])
    page.goto("/region/narzedzia/")
    assert_accessible(page)
    page.locator("main a[href$='/narzedzia/nowe/']").click()
    assert_accessible(page)
    page.locator("input[name=title]").fill(TITLE)
    page.locator("textarea[name=description]").fill("Szablon porozumienia gminno-powiatowego z komentarzem.")
    page.locator("select[name=category]").select_option("template")
    page.locator("select[name=step_kind]").select_option("agreement")
    page.locator("input[name=file]").set_input_files(
        {"name": "porozumienie.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/narzedzia/\d+/$"))
    expect(page.locator("main")).to_contain_text("porozumienie.pdf")
    assert_accessible(page)
    page.locator("main form[action$='/publikacja/'] button").click()
    expect(page.locator("main form[action$='/wycofanie/']")).to_be_visible()
    assert_accessible(page)

    # The coordinator (another browser) finds it by a search and asks ROPS for support.
    page = new_page()
    log_in(page, demo["koordynator"])
    page.goto("/region/narzedzia/")
    page.locator("input[name=q]").fill("gminno-powiatowego")
    page.locator("main form[role=search] button[type=submit]").click()
    expect(page.locator("main tbody tr")).to_have_count(1)
    expect(page.locator("main tbody")).to_contain_text(TITLE)
    assert_accessible(page)
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.locator("main a[href$='/plik/']").first).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator("main a[href$='/plik/']").first.click()
    assert download.value.suggested_filename == "porozumienie.pdf"

    cooperation = Cooperation.objects.get(name=NAME)
    page.goto(f"/region/kooperacja/{cooperation.pk}/wsparcie/nowe/")
    assert_accessible(page)
    page.locator("select[name=kind]").select_option("supervision")
    page.locator("textarea[name=description]").fill("Superwizja pracy zespołu po pierwszym kwartale.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main tbody tr")).to_have_count(1)
    expect(page.locator("main tbody")).to_contain_text("superwizja")
    assert_accessible(page)
