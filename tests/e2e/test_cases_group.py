"""The coordinator fills in the diagnosis of a family's situation, sees the institutions proposed from its needs,
adds the school's pedagogue to the case group and plans a group meeting, sending the invitations."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.accounts.models import User
from kooperacja.cases.group.services import next_working_day
from kooperacja.cases.models import Consent
from kooperacja.cases.services import case_open
from kooperacja.cooperation.models import Cooperation
from kooperacja.directory.models import Institution, Problem, Service
from tests.e2e.helpers import assert_accessible, log_in, screenshot

pytestmark = pytest.mark.e2e


def test_coordinator_diagnoses_and_gathers_the_case_group(page: Page, demo):
    coordinator = User.objects.get(email=demo["koordynator"].email)
    cooperation = Cooperation.objects.get(name="Kooperacja w Kowalewie Pomorskim (demo)")
    case = case_open(actor=coordinator, cooperation=cooperation)
    school = Institution.objects.get(name="Szkoła Podstawowa nr 1 (demo)")
    consent = Consent.objects.create(
        case=case, given_on=datetime.date.today(), given_by="rodzina", recorded_by=coordinator
    )
    consent.institutions.set([school])
    education = Problem.objects.get_or_create(
        code="education", defaults={"name": "edukacja", "group": "area", "order": 18}
    )[0]
    Service.objects.create(institution=school, name="Zajęcia wyrównawcze").problems.set([education])

    log_in(page, demo["koordynator"])
    page.goto(f"/sprawy/{case.pk}/diagnoza/")
    assert_accessible(page)
    for area, needs in (("education", "Pomoc w nauce dla syna"), ("work", "Wsparcie w szukaniu pracy")):
        page.locator(f"main a[href$='/diagnoza/{area}/']").click()
        page.locator("textarea[name=needs]").fill(needs)
        assert_accessible(page)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/sprawy/{case.pk}/diagnoza/$"))
    expect(page.locator("main table")).to_contain_text("Pomoc w nauce dla syna")
    expect(page.locator("#proposals")).to_contain_text("Szkoła Podstawowa nr 1 (demo)")
    expect(page.locator("#proposals")).to_contain_text("Zajęcia wyrównawcze")
    assert_accessible(page)

    page.goto(f"/sprawy/{case.pk}/grupa/")
    assert_accessible(page)
    page.locator("summary", has_text=re.compile("pracownika|worker", re.I)).click()
    pedagog = User.objects.get(email=demo["pedagog"].email)
    page.locator("#member-form select[name=user]").select_option(str(pedagog.pk))
    page.locator("#member-form button[type=submit]").click()
    expect(page.locator("#members")).to_contain_text(pedagog.get_full_name())
    assert_accessible(page)

    day = next_working_day(datetime.date.today() + datetime.timedelta(days=8))
    page.locator("#meeting-form").evaluate("form => form.closest('details').open = true")
    page.locator("#meeting-form select[name=kind]").select_option("case_group")
    page.locator("#meeting-form input[name=date]").fill(day.isoformat())
    page.locator("#meeting-form input[name=time]").fill("10:00")
    page.locator("#meeting-form input[name=place]").fill("OPS, pokój 12")
    page.locator("#meeting-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/spotkania/\d+/$"))
    expect(page.locator("main h2")).to_contain_text(case.reference)
    expect(page.locator("main table")).to_contain_text(pedagog.get_full_name())
    assert_accessible(page)
    page.locator("form[action$='/wyslij/'] button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Blokujące")
    assert_accessible(page)
    screenshot(page, "case-group-meeting")
    assert case.meetings.get().invitations_sent_at is not None
