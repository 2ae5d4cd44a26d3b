"""A case goes from a school's referral to closure in the browser, with five actors — the
school's pedagogue who refers and works in the group, the OPS coordinator, the police officer in the group, and
the school's director and the ROPS animator, who must see nothing of the family."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kooperacja.accounts.models import User
from kooperacja.cases.group.services import next_working_day
from kooperacja.cases.models import Case, Referral
from tests.e2e.helpers import VIEWPORT, assert_accessible, log_in, submit

pytestmark = pytest.mark.e2e

COOPERATION = "Kooperacja w Kowalewie Pomorskim (demo)"
FAMILY = "Barbara Próbna"


def test_a_family_from_referral_to_closure(browser, live_server, demo):
    def person(key: str) -> Page:
        context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", base_url=live_server.url)
        context.set_default_timeout(10_000)
        page = context.new_page()
        log_in(page, demo[key])
        return page

    # 1. The school's pedagogue refers the family to the OPS.
    pedagogue = person("pedagog")
    pedagogue.goto("/sprawy/zgloszenia/nowe/")
    target = pedagogue.locator("select[name=target] option", has_text=COOPERATION).first.get_attribute("value")
    pedagogue.locator("select[name=target]").select_option(target)
    pedagogue.locator("input[name=person_name]").fill(FAMILY)
    pedagogue.locator("textarea[name=reason]").fill("Córka zgłasza brak opieki po szkole.")
    submit(pedagogue)
    referral = Referral.objects.latest("pk")

    # 2. The OPS coordinator accepts it and records the consent covering the school and the police.
    coordinator = person("koordynator")
    coordinator.goto("/sprawy/")
    coordinator.locator(f"main tr[data-referral='{referral.reference}'] form[action$='/przyjmij/'] button").click()
    expect(coordinator).to_have_url(re.compile(r"/sprawy/\d+/$"))
    case = Case.objects.get(referrals=referral)
    base = f"/sprawy/{case.pk}/"
    coordinator.locator("main a[href$='/zgody/nowa/']").click()
    coordinator.locator("input[name=given_by]").fill(FAMILY)
    coordinator.get_by_label("Szkoła Podstawowa nr 1 (demo)", exact=True).check()
    coordinator.get_by_label("Posterunek Policji (demo)", exact=True).check()
    submit(coordinator)
    expect(coordinator).to_have_url(re.compile(rf"{base}$"))
    assert_accessible(coordinator)

    # 3. The group: the pedagogue and the police officer; a group meeting a week ahead, invitations sent.
    coordinator.goto(f"{base}grupa/")
    for key in ("pedagog", "policja"):
        member = User.objects.get(email=demo[key].email)
        coordinator.locator("#member-form").evaluate("form => form.closest('details').open = true")
        coordinator.locator("#member-form select[name=user]").select_option(str(member.pk))
        coordinator.locator("#member-form button[type=submit]").click()
        expect(coordinator.locator("#members")).to_contain_text(member.get_full_name())
    day = next_working_day(timezone.localdate() + datetime.timedelta(days=8))
    coordinator.locator("#meeting-form").evaluate("form => form.closest('details').open = true")
    coordinator.locator("#meeting-form select[name=kind]").select_option("case_group")
    coordinator.locator("#meeting-form input[name=date]").fill(day.isoformat())
    coordinator.locator("#meeting-form input[name=time]").fill("10:00")
    coordinator.locator("#meeting-form input[name=place]").fill("OPS, pokój 12")
    coordinator.locator("#meeting-form button[type=submit]").click()
    expect(coordinator).to_have_url(re.compile(r"/spotkania/\d+/$"))
    coordinator.locator("form[action$='/wyslij/'] button[type=submit]").click()
    expect(coordinator.locator(".messages")).to_be_visible()
    assert_accessible(coordinator)

    # 4. The work plan agreed with the family.
    coordinator.goto(f"{base}plan/nowy/")
    coordinator.locator("textarea[name=main_goal]").fill("Córka ma opiekę po szkole")
    coordinator.locator("textarea[name=goals]").fill("Miejsce w świetlicy szkolnej")
    coordinator.locator("input[name=agreed_on]").fill(timezone.localdate().isoformat())
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator).to_have_url(re.compile(rf"{base}plan/$"))
    coordinator.locator("#family-ack-form input[name=name]").fill(FAMILY)
    coordinator.locator("#family-ack-form button[type=submit]").click()
    expect(coordinator.locator("#acks").locator("..").locator("table")).to_contain_text(FAMILY)
    assert_accessible(coordinator)

    # 5. The pedagogue reports on this month; the coordinator compiles the monitoring information (annex 7).
    month = timezone.localdate().replace(day=1)
    pedagogue.goto(f"{base}sprawozdania/{month.year}/{month.month}/")
    pedagogue.locator("textarea[name=progress]").fill("Córka codziennie w świetlicy.")
    pedagogue.locator("textarea[name=new_information]").fill("Brak nowych informacji.")
    pedagogue.locator("main form button[type=submit]").click()
    expect(pedagogue.locator("main")).to_contain_text("Córka codziennie w świetlicy.")
    assert_accessible(pedagogue)
    coordinator.goto(f"{base}sprawozdania/")
    last_day = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    coordinator.locator("input[name=period_start]").fill(month.isoformat())
    coordinator.locator("input[name=period_end]").fill(last_day.isoformat())
    coordinator.locator(f"form[action='{base}sprawozdania/monitoring/nowa/'] button[type=submit]").click()
    expect(coordinator.locator("main")).to_contain_text("Córka codziennie w świetlicy.")
    response = coordinator.request.get(coordinator.locator("main a[href$='/informacja.pdf']").get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"

    # 6. Closure: the coordinator proposes it, both members agree, the coordinator closes the case.
    police = person("policja")
    coordinator.goto(f"{base}ocena/")
    coordinator.locator(f"form[action='{base}ocena/zakonczenie/']").evaluate(
        "form => form.closest('details').open = true"
    )
    coordinator.locator(f"form[action='{base}ocena/zakonczenie/'] input[name=reason][value=goals_reached]").check()
    coordinator.locator(f"form[action='{base}ocena/zakonczenie/'] button[type=submit]").click()
    for member in (pedagogue, police):
        member.goto(f"{base}ocena/")
        member.locator("form[action$='/zgoda/'] button[type=submit]").click()
        expect(member.locator("form[action$='/zgoda/']")).to_have_count(0)
        assert_accessible(member)
    coordinator.goto(f"{base}ocena/")
    coordinator.locator("form[action$='/zamknij/'] button[type=submit]").click()
    expect(coordinator.locator("main")).to_contain_text("zamknięta")
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert_accessible(coordinator)

    # 7. The school's director and the ROPS animator see nothing of the family.
    for key in ("dyrektor", "rops"):
        outsider = person(key)
        response = outsider.goto(base)
        assert response is not None and response.status == 404
        if key == "dyrektor":
            outsider.goto("/sprawy/")
            expect(outsider.locator("main")).not_to_contain_text(FAMILY)
