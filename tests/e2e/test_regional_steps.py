"""The regional steps in the browser: the ROPS dashboard says which figures are hidden (and why) instead of
printing "<5", and a gmina's request for support reaches the regional animator as a notification."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.cooperation.demo import NAME
from kooperacja.cooperation.models import Cooperation
from kooperacja.notifications.models import OutboxMessage
from tests.e2e.helpers import VIEWPORT, assert_accessible, log_in

pytestmark = pytest.mark.e2e

FOOTNOTE = "* ukryte: mniej niż 5 przypadków"


def _new_page(browser, live_server) -> Page:
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context.new_page()


def test_hidden_figures_say_they_are_hidden(page, demo):
    log_in(page, demo["rops"])
    page.goto("/region/")
    row = page.locator("main tbody tr", has_text=NAME)
    expect(row).to_be_visible()
    expect(row).not_to_contain_text("<5")
    hidden = row.locator(".suppressed")
    expect(hidden.first).to_have_text("—*ukryte")  # "—*" to the eye, "ukryte" to a screen reader
    expect(hidden.first.locator("[aria-hidden=true]")).to_have_text("—*")
    expect(hidden.first).to_have_attribute("title", "ukryte: mniej niż 5 przypadków")
    expect(page.locator("main .suppressed-footnote")).to_have_text(FOOTNOTE)
    assert_accessible(page)

    row.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/region/kooperacje/\d+/"))
    expect(page.locator("main")).not_to_contain_text("<5")
    expect(page.locator("main .suppressed").first).to_be_visible()
    expect(page.locator("main .suppressed-footnote")).to_have_text(FOOTNOTE)
    assert_accessible(page)


def test_rops_is_told_of_a_request_for_support(browser, live_server, demo):
    cooperation = Cooperation.objects.get(name=NAME)
    OutboxMessage.objects.all().delete()

    page = _new_page(browser, live_server)
    log_in(page, demo["koordynator"])
    page.goto(f"/region/kooperacja/{cooperation.pk}/wsparcie/nowe/")
    page.locator("select[name=kind]").select_option("study_visit")
    page.locator("textarea[name=description]").fill("Wizyta w gminie, która prowadzi model od roku.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success, [role=status]").first).to_contain_text(
        "animatorzy regionalni ROPS dostali powiadomienie"
    )
    assert_accessible(page)

    page = _new_page(browser, live_server)
    log_in(page, demo["rops"])
    page.goto("/powiadomienia/")
    notice = page.locator("main").get_by_role(
        "button", name=re.compile("Gmina Kowalewo Pomorskie prosi ROPS o wsparcie: wizyta studyjna.")
    )
    expect(notice).to_be_visible()
    assert_accessible(page)
    notice.click()
    expect(page).to_have_url(re.compile(r"/region/wsparcie/\d+/$"))
    expect(page.locator("main")).to_contain_text("Wizyta w gminie, która prowadzi model od roku.")
    assert_accessible(page)

    mail = OutboxMessage.objects.get(to_email=demo["rops"].email)
    assert "zgłoszenie do ROPS" in mail.subject and "Kowalewo" not in mail.body and "Wizyta" not in mail.body
