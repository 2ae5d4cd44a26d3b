"""The school's pedagogue writes last month's report on a family case; the coordinator compiles the monitoring
information (annex 7) for that month, reviews it (the month has ended) and downloads the PDF."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from kooperacja.accounts.models import Membership, User
from kooperacja.cases import services
from kooperacja.cases.models import Case, Consent, GroupMembership, Person
from kooperacja.cooperation.models import Cooperation
from tests.e2e.helpers import VIEWPORT, assert_accessible, log_in, screenshot

pytestmark = pytest.mark.e2e

SENTENCE = "Uczeń uczęszcza na zajęcia wyrównawcze dwa razy w tygodniu."


def test_member_reports_and_coordinator_compiles_annex_7(page: Page, browser, live_server, demo):
    coordinator = User.objects.get(email=demo["koordynator"].email)
    pedagogue = User.objects.get(email=demo["pedagog"].email)
    school = Membership.objects.filter(user=pedagogue, is_active=True).first().institution
    cooperation = Cooperation.objects.get(name="Kooperacja w Kowalewie Pomorskim (demo)")
    case = services.case_open(actor=coordinator, cooperation=cooperation)
    Person.objects.create(case=case, first_name="Anna", last_name="Kowalska", relation=Person.Relation.MAIN)
    consent = Consent.objects.create(
        case=case, given_on=datetime.date.today(), given_by="Anna Kowalska", recorded_by=coordinator
    )
    consent.institutions.set([school])
    services.group_member_add(actor=coordinator, group=case.groups.get(), user=pedagogue, institution=school)
    # Annex 7 is reviewed once its period has ended: the report and the information are on last month.
    month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    Case.objects.filter(pk=case.pk).update(opened_on=month, status=Case.Status.MONITORING)
    GroupMembership.objects.filter(group__cases=case).update(joined_on=month)
    base = f"/sprawy/{case.pk}/sprawozdania/"

    # The pedagogue writes last month's report.
    log_in(page, demo["pedagog"])
    page.goto(base)
    assert_accessible(page)
    page.locator(f"main a[href='{base}{month.year}/{month.month}/']").last.click()
    expect(page).to_have_url(re.compile(rf"{base}{month.year}/{month.month}/$"))
    assert_accessible(page)
    page.locator("textarea[name=progress]").fill(SENTENCE)
    page.locator("textarea[name=new_information]").fill("Mama podjęła pracę na pół etatu.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{base}$"))
    expect(page.locator("main")).to_contain_text(SENTENCE)
    assert_accessible(page)

    # The coordinator, in a browser of her own, compiles annex 7 for the month, reviews it and prints it.
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    try:
        other = context.new_page()
        log_in(other, demo["koordynator"])
        other.goto(base)
        expect(other.locator("main")).to_contain_text(SENTENCE)
        assert_accessible(other)
        last_day = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        other.locator("input[name=period_start]").fill(month.isoformat())
        other.locator("input[name=period_end]").fill(last_day.isoformat())
        other.locator(f"form[action='{base}monitoring/nowa/'] button[type=submit]").click()
        expect(other).to_have_url(re.compile(rf"{base}monitoring/\d+/$"))
        expect(other.locator("main")).to_contain_text(SENTENCE)
        assert_accessible(other)
        other.locator("textarea[name=notes]").fill("Rodzina korzysta z zasiłku celowego.")
        other.locator("textarea[name=conclusions]").fill("Kontynuować zajęcia wyrównawcze.")
        other.locator("main form:not([action]) button[type=submit]").click()
        expect(other.locator("textarea[name=notes]")).to_have_value("Rodzina korzysta z zasiłku celowego.")
        other.once("dialog", lambda dialog: dialog.accept())
        other.locator("form[action$='/zatwierdz/'] button[type=submit]").click()
        expect(other.locator("form[action$='/zatwierdz/']")).to_have_count(0)
        expect(other.locator("main")).to_contain_text("Rodzina korzysta z zasiłku celowego.")
        assert_accessible(other)
        screenshot(other, "case-monitoring")

        href = other.locator("main a[href$='/informacja.pdf']").get_attribute("href")
        response = other.request.get(href)
        assert response.ok and response.headers["content-type"] == "application/pdf"
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
        assert "wyrównawcze dwa razy" in text and case.reference in text and "zasiłku celowego" in text
    finally:
        context.close()
