"""The end of a cycle: the OPS coordinator evaluates the demo cooperation (indicators, the team's assessment, the
report PDF); the mayor records the decision to continue and the next cycle opens."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.accounts.models import User
from kooperacja.cooperation.models import Cooperation, CooperationRole
from kooperacja.cooperation.services import cooperation_role_add
from tests.e2e.helpers import assert_accessible, log_in

pytestmark = pytest.mark.e2e

DEMO_COOPERATION = "Kooperacja w Kowalewie Pomorskim (demo)"


def test_evaluation_and_decision_to_continue(page: Page, browser, live_server, demo):
    coordinator = User.objects.get(email=demo["koordynator"].email)
    mayor = User.objects.get(email=demo["burmistrz"].email)
    cooperation = Cooperation.objects.get(name=DEMO_COOPERATION)
    cooperation_role_add(actor=coordinator, cooperation=cooperation, user=mayor, role=CooperationRole.Role.AUTHORITY)

    log_in(page, demo["koordynator"])
    page.goto(f"/region/kooperacja/{cooperation.pk}/ewaluacja/")
    expect(page.locator("main table[data-indicators]").first).to_be_visible()
    assert_accessible(page)
    page.locator("textarea[name=what_worked]").fill("Regularne spotkania zespołu i wspólne plany pracy.")
    page.locator("textarea[name=what_did_not]").fill("Dojazdy do odległych sołectw.")
    page.locator("textarea[name=recommendations]").fill("Więcej superwizji.")
    page.locator("form[action$='/ewaluacja/'] button[type=submit]").click()
    expect(page.locator("textarea[name=what_worked]")).to_have_value(re.compile("Regularne spotkania"))
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator("main a[href$='/ewaluacja/raport.pdf']").first.click()
    assert download.value.suggested_filename.endswith(".pdf")

    mayor_context = browser.new_context(locale="pl-PL", base_url=live_server.url)
    mayor_context.set_default_timeout(10_000)
    try:
        mayor_page = mayor_context.new_page()
        log_in(mayor_page, demo["burmistrz"])
        mayor_page.goto(f"/region/kooperacja/{cooperation.pk}/ewaluacja/")
        assert_accessible(mayor_page)
        mayor_page.locator("main a[href$='/ewaluacja/decyzja/']").click()
        expect(mayor_page).to_have_url(re.compile(r"/ewaluacja/decyzja/$"))
        assert_accessible(mayor_page)
        mayor_page.locator("input[name=decision][value=continue]").check()
        mayor_page.locator("input[name=document_reference]").fill("Zarządzenie nr 15/2027")
        mayor_page.locator("input[name=next_start_date]").fill("2027-07-01")
        mayor_page.locator("form[action$='/ewaluacja/decyzja/'] button[type=submit]").click()
        expect(mayor_page).to_have_url(re.compile(r"/kooperacja/\d+/$"))
        following = Cooperation.objects.get(previous=cooperation)
        assert mayor_page.url.endswith(f"/kooperacja/{following.pk}/")
        expect(mayor_page.locator("main h1")).to_contain_text(DEMO_COOPERATION)
        assert_accessible(mayor_page)
    finally:
        mayor_context.close()
    cooperation.refresh_from_db()
    assert cooperation.status == Cooperation.Status.ARCHIVED
