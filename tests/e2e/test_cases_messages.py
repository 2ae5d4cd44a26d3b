"""The case group's secure thread and the rating of its cooperation: the coordinator writes with a PDF attached,
the school's pedagogue (in a browser of their own) reads it, answers and rates the group's cooperation."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.accounts.models import Membership, User
from kooperacja.cases import services as case_services
from kooperacja.cases.models import Consent, Person
from kooperacja.cases.tools.content import FACTOR_OF
from kooperacja.cooperation.demo import NAME as DEMO_COOPERATION
from kooperacja.cooperation.models import Cooperation
from tests.e2e.helpers import VIEWPORT, assert_accessible, log_in, screenshot

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_coordinator_and_pedagogue_write_in_the_thread_and_rate_the_cooperation(page: Page, browser, live_server, demo):
    coordinator = User.objects.get(email=demo["koordynator"].email)
    pedagogue = User.objects.get(email=demo["pedagog"].email)
    school = Membership.objects.get(user=pedagogue).institution
    cooperation = Cooperation.objects.get(name=DEMO_COOPERATION)
    case = case_services.case_open(actor=coordinator, cooperation=cooperation)
    Person.objects.create(case=case, first_name="Anna", last_name="Kowalska", relation=Person.Relation.MAIN)
    consent = Consent.objects.create(
        case=case, given_on=datetime.date.today(), given_by="Anna Kowalska", recorded_by=coordinator
    )
    consent.institutions.set([school])
    case_services.group_member_add(actor=coordinator, group=case.groups.get(), user=pedagogue, institution=school)

    # The coordinator writes with a PDF attached and opens a rating of the cooperation.
    log_in(page, demo["koordynator"])
    page.goto(f"/sprawy/{case.pk}/wiadomosci/")
    assert_accessible(page)
    page.locator("textarea[name=body]").fill("Proszę o przygotowanie informacji przed spotkaniem grupy.")
    page.locator("input[name=attachment]").set_input_files(
        files=[{"name": "zaproszenie.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("main form[enctype] button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/sprawy/{case.pk}/wiadomosci/$"))
    thread = page.locator("#watek")
    expect(thread).to_contain_text("Proszę o przygotowanie informacji")
    expect(thread.locator("a[href*='/wiadomosci/zalacznik/']")).to_contain_text("zaproszenie.pdf")
    assert_accessible(page)
    page.goto(f"/sprawy/{case.pk}/narzedzia/")
    assert_accessible(page)
    page.locator("form[action$='/narzedzia/ocena/nowa/'] button[type=submit]").click()
    expect(page.locator("main a[href*='/narzedzia/ocena/']")).to_have_count(1)

    # The pedagogue, in a browser of their own, reads, downloads, answers and rates.
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    try:
        other = context.new_page()
        log_in(other, demo["pedagog"])
        other.goto(f"/sprawy/{case.pk}/wiadomosci/")
        expect(other.locator("#watek")).to_contain_text("Proszę o przygotowanie informacji")
        assert_accessible(other)
        with other.expect_download() as download:
            other.locator("main a[href*='/wiadomosci/zalacznik/']").click()
        assert download.value.suggested_filename.endswith(".pdf")
        other.locator("textarea[name=body]").fill("Przyniosę opinię wychowawcy.")
        other.locator("main form[enctype] button[type=submit]").click()
        expect(other.locator("#watek > li")).to_have_count(2)
        expect(other.locator("#watek")).to_contain_text("Przyniosę opinię wychowawcy.")
        assert_accessible(other)

        other.goto(f"/sprawy/{case.pk}/narzedzia/")
        assert_accessible(other)
        other.locator("main a[href*='/narzedzia/ocena/']").click()
        expect(other.locator("main")).to_contain_text("Członkowie grupy na bieżąco przekazują sobie informacje")
        assert_accessible(other)
        for code in FACTOR_OF:
            other.locator(f"input[name={code}][value='4']").check()
        other.locator("main form button[type=submit]").first.click()
        expect(other).to_have_url(re.compile(rf"/sprawy/{case.pk}/narzedzia/$"))
        expect(other.locator("main table").nth(1)).to_contain_text("4,00")
        assert_accessible(other)
        # The cooperation's summary belongs to who runs or reads the cooperation, not to each group member.
        other.goto(f"/sprawy/kooperacja/{cooperation.pk}/ocena-wspolpracy/")
        expect(other.locator("main")).to_contain_text("Nie znaleziono strony")
    finally:
        context.close()

    page.goto(f"/sprawy/kooperacja/{cooperation.pk}/ocena-wspolpracy/")
    expect(page.locator("main")).to_contain_text("Szkoła Podstawowa nr 1 (demo)")
    assert_accessible(page)

    page.goto(f"/sprawy/{case.pk}/wiadomosci/")
    expect(page.locator("#watek")).to_contain_text("Przyniosę opinię wychowawcy.")
    screenshot(page, "case_messages")
