"""The intake as both sides see it (R-30): the school's pedagogue refers a family of the demo cooperation
to the OPS; the OPS coordinator accepts it (a case opens), adds a person with a PESEL and records the family's
consent covering the school. The pedagogue then sees the outcome, without the family's details."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.cases.models import Consent, Person, Referral
from tests.e2e.helpers import VIEWPORT, assert_accessible, log_in, submit

pytestmark = pytest.mark.e2e

COOPERATION = "Kooperacja w Kowalewie Pomorskim (demo)"
SCHOOL = "Szkoła Podstawowa nr 1 (demo)"
FAMILY = "Jan Testowy-Nowak"


def test_a_referral_becomes_a_case_with_consent(browser, live_server, demo):
    def new_page() -> Page:
        context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", base_url=live_server.url)
        context.set_default_timeout(10_000)
        return context.new_page()

    # The pedagogue refers the family.
    pedagogue = new_page()
    log_in(pedagogue, demo["pedagog"])
    pedagogue.goto("/sprawy/")
    assert_accessible(pedagogue)
    pedagogue.locator("main a[href$='/sprawy/zgloszenia/nowe/']").click()
    assert_accessible(pedagogue)
    target = pedagogue.locator("select[name=target] option", has_text=COOPERATION).first.get_attribute("value")
    pedagogue.locator("select[name=target]").select_option(target)
    pedagogue.locator("input[name=person_name]").fill(FAMILY)
    pedagogue.locator("textarea[name=reason]").fill("Syn często nieobecny w szkole, rodzina prosi o pomoc.")
    submit(pedagogue)
    expect(pedagogue).to_have_url(re.compile(r"/sprawy/$"))
    referral = Referral.objects.latest("pk")  # the one just sent (the demo holds others)
    row = pedagogue.locator(f"main tr[data-referral='{referral.reference}']")
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "sent")
    assert_accessible(pedagogue)

    # The coordinator accepts it, adds a person with a PESEL and records the consent covering the school.
    coordinator = new_page()
    log_in(coordinator, demo["koordynator"])
    coordinator.goto("/sprawy/")
    inbox = coordinator.locator(f"main tr[data-referral='{referral.reference}']")
    expect(inbox).to_contain_text(FAMILY)
    assert_accessible(coordinator)
    inbox.locator("form[action$='/przyjmij/'] button").click()
    expect(coordinator).to_have_url(re.compile(r"/sprawy/\d+/$"))
    case_url = coordinator.url
    assert_accessible(coordinator)

    coordinator.locator("main a[href$='/osoby/nowa/']").click()
    assert_accessible(coordinator)
    coordinator.locator("input[name=first_name]").fill("Ola")
    coordinator.locator("input[name=last_name]").fill("Testowa-Nowak")
    coordinator.locator("select[name=relation]").select_option("child")
    coordinator.locator("input[name=pesel]").fill("1234")
    submit(coordinator)
    expect(coordinator.locator("main .invalid-feedback, main .is-invalid").first).to_be_visible()
    assert_accessible(coordinator)
    coordinator.locator("input[name=pesel]").fill("15263012343")
    submit(coordinator)
    expect(coordinator).to_have_url(case_url)
    # Names are encrypted at rest: found in Python, not by a SQL filter.
    (child,) = [p for p in Person.objects.all() if (p.first_name, p.last_name) == ("Ola", "Testowa-Nowak")]
    expect(coordinator.locator(f"main tr[data-person='{child.pk}'] [data-pesel]")).to_have_text("15263012343")

    coordinator.locator("main a[href$='/zgody/nowa/']").click()
    assert_accessible(coordinator)
    coordinator.locator("input[name=given_by]").fill("Jan Testowy-Nowak (ojciec)")
    coordinator.get_by_label(SCHOOL, exact=True).check()
    submit(coordinator)
    expect(coordinator).to_have_url(case_url)
    consent = Consent.objects.filter(case__referrals=referral).get()
    # Every institution of the team is ticked at the start: the family's consent reads as one sentence.
    expect(coordinator.locator(f"main [data-consent='{consent.pk}']")).to_contain_text(
        "Rodzina zgadza się na wymianę informacji ze wszystkimi instytucjami zespołu"
    )
    assert consent.institutions.filter(name=SCHOOL).exists()
    assert_accessible(coordinator)

    # The pedagogue learns the outcome — not the family's details.
    pedagogue.goto("/sprawy/")
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "accepted")
    expect(pedagogue.locator("main")).not_to_contain_text(FAMILY)
    assert_accessible(pedagogue)
