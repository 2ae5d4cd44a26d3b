"""The agreement of cooperation as the OPS coordinator records it: the document from its template, two parties,
their signatures, the agreement concluded — and the team it establishes."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.accounts.models import User
from kooperacja.cooperation.services import cooperation_create
from kooperacja.territory.models import Unit
from tests.e2e.helpers import assert_accessible, log_in, submit

pytestmark = pytest.mark.e2e


def test_coordinator_concludes_the_agreement_and_sees_the_team(page: Page, demo):
    coordinator = User.objects.get(email=demo["koordynator"].email)
    cooperation = cooperation_create(
        actor=coordinator,
        unit=Unit.objects.get(code="040504"),
        name="Kooperacja e2e — porozumienie",
        variant="urban_rural",
    )
    log_in(page, demo["koordynator"])
    page.goto(f"/kooperacja/{cooperation.pk}/porozumienie/")
    assert_accessible(page)
    page.locator("form[action$='/porozumienie/nowe/'] button[type=submit]").click()
    expect(page.locator("main h2").first).to_contain_text("Porozumienie o współpracy")
    assert_accessible(page)

    names = [("Anna Kierownik", "kierownik OPS"), ("Jan Dyrektor", "dyrektor szkoły")]
    for index, (name, function) in enumerate(names):
        form = page.locator("form[action$='/strony/nowa/']")
        if not form.is_visible():
            page.locator("main details summary").first.click()
        options = form.locator("select[name=institution] option:not([value=''])")
        form.locator("select[name=institution]").select_option(value=options.nth(0).get_attribute("value"))
        form.locator("input[name=signatory_name]").fill(name)
        form.locator("input[name=signatory_function]").fill(function)
        form.locator("button[type=submit]").click()
        expect(page.locator("main tbody tr[data-party]")).to_have_count(index + 1)
    assert_accessible(page)

    for _party in range(2):
        page.locator("main a[href$='/podpis/']").first.click()
        expect(page).to_have_url(re.compile(r"/strony/\d+/podpis/$"))
        assert_accessible(page)
        submit(page)  # the signatory and today's date are filled in
        expect(page).to_have_url(re.compile(r"/porozumienie/$"))
    expect(page.locator("main a[href$='/podpis/']")).to_have_count(0)

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form[action$='/porozumienie/podpisanie/'] button[type=submit]").click()
    expect(page.locator("main [data-status=signed]")).to_be_visible()
    assert_accessible(page)

    page.locator("main a[href$='/zespol/']").first.click()
    expect(page).to_have_url(re.compile(r"/zespol/$"))
    members = page.locator("main tbody tr[data-member]")
    expect(members).to_have_count(2)
    expect(page.locator("main")).to_contain_text("Jan Dyrektor")
    assert_accessible(page)
