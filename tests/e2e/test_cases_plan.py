"""The coordinator writes the work plan (annex 6) of a family: a goal, a task for the school and one for the
family, records the family's acknowledgement and downloads the family's copy to sign."""

import datetime
import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from kooperacja.accounts.models import Membership, User
from kooperacja.cases import services as case_services
from kooperacja.cases.models import Consent, Person, PlanAcknowledgement, WorkPlan
from kooperacja.cooperation.demo import NAME as DEMO_COOPERATION
from kooperacja.cooperation.models import Cooperation
from tests.e2e.helpers import assert_accessible, log_in, screenshot

pytestmark = pytest.mark.e2e


def test_coordinator_writes_the_plan_and_the_family_acknowledges_it(page: Page, demo):
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

    log_in(page, demo["koordynator"])
    page.goto(f"/sprawy/{case.pk}/plan/")
    assert_accessible(page)
    page.locator(f"main a[href='/sprawy/{case.pk}/plan/nowy/']").click()
    expect(page).to_have_url(re.compile(rf"/sprawy/{case.pk}/plan/nowy/$"))
    assert_accessible(page)
    page.locator("textarea[name=main_goal]").fill("Dzieci regularnie uczęszczają do szkoły")
    page.locator("textarea[name=goals]").fill("Frekwencja dzieci powyżej 90%")
    page.locator("input[name=agreed_on]").fill(datetime.date.today().isoformat())
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/sprawy/{case.pk}/plan/$"))
    expect(page.locator("#part-a").locator("..")).to_contain_text("Frekwencja dzieci powyżej 90%")
    assert_accessible(page)

    # A task for the school, then one for the family.
    for party, text in (
        (str(school.pk), "Codzienna kontrola obecności dzieci"),
        ("rodzina", "Odprowadzanie dzieci do szkoły"),
    ):
        details = page.locator("#task-form").locator("xpath=ancestor::details")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        page.locator("#task-form textarea[name=description]").fill(text)
        page.locator("#task-form select[name=party]").select_option(party)
        page.locator("#task-form select[name=goal]").select_option(index=1)
        page.locator("#task-form input[name=deadline]").fill("2026-12-31")
        page.locator("#task-form button[type=submit]").click()
        expect(page.locator("#part-b").locator("..").locator("table")).to_contain_text(text)
    assert_accessible(page)

    # The family's acknowledgement, recorded by the coordinator.
    page.locator("#family-ack-form input[name=name]").fill("Anna Kowalska")
    page.locator("#family-ack-form button[type=submit]").click()
    expect(page.locator("#acks").locator("..").locator("table")).to_contain_text("Anna Kowalska")
    plan = WorkPlan.objects.get(case=case)
    assert PlanAcknowledgement.objects.filter(plan=plan, for_family=True, recorded_by=coordinator).exists()
    assert plan.tasks.count() == 2
    assert_accessible(page)
    screenshot(page, "case-plan")

    # The family's copy to sign.
    link = page.locator(f"main a[href='/sprawy/{case.pk}/plan/wersje/1/pdf/rodzina/']")
    response = page.context.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "Dzieci regularnie uczęszczają do szkoły" in text
    assert case.reference in text and "Anna Kowalska" in text
