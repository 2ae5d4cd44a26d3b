"""The coordinator plans a meeting with the institutions at a bad time, sees the seeds' warnings, invites, sends."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.accounts.models import User
from kooperacja.cooperation.services import cooperation_create
from kooperacja.core.demo import GMINA
from kooperacja.territory.models import Unit
from tests.e2e.helpers import assert_accessible, log_in, screenshot, submit

pytestmark = pytest.mark.e2e


def test_coordinator_plans_a_meeting_with_the_institutions(page: Page, demo):
    coordinator = User.objects.get(email=demo["koordynator"].email)
    cooperation = cooperation_create(
        actor=coordinator, unit=Unit.objects.get(code=GMINA), name="Kooperacja e2e", variant="urban_rural"
    )

    log_in(page, demo["koordynator"])
    page.goto(f"/spotkania/kooperacja/{cooperation.pk}/")
    assert_accessible(page)
    page.locator("main a[href$='/nowe/?rodzaj=institutions']").click()
    expect(page.locator("textarea[name=agenda]")).to_contain_text("MODELU KOOPERACJI")
    assert_accessible(page)
    page.locator("input[name=title]").fill("Spotkanie z instytucjami gminy")
    page.locator("input[name=date]").fill("2026-09-07")  # a Monday
    page.locator("input[name=time]").fill("08:00")
    page.locator("input[name=duration_minutes]").fill("180")
    page.locator("input[name=place]").fill("Urząd Miejski, sala narad")
    submit(page)
    expect(page).to_have_url(re.compile(r"/spotkania/\d+/$"))
    warnings = page.locator("main li.alert-warning")
    expect(warnings).to_have_count(3)
    expect(page.locator("main")).to_contain_text("Ostrzeżenie")
    expect(page.locator("main")).to_contain_text("od wtorku do czwartku")
    expect(page.locator("main")).to_contain_text("około południa")
    expect(page.locator("main")).to_contain_text("dwie godziny")
    assert_accessible(page)

    page.locator("main details summary").first.click()
    page.locator("input[name=person_name]").fill("Jan Dyrektorski")
    page.locator("input[name=function]").fill("dyrektor szkoły")
    page.locator("form[action$='/zaproszeni/dodaj/'] button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("Jan Dyrektorski")
    assert_accessible(page)
    page.locator("form[action$='/wyslij/'] button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("form[action$='/wyslij/'] button[type=submit]")).to_have_count(1)
    assert_accessible(page)
    screenshot(page, "meeting")
