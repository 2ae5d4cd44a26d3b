"""In the browser: the sender of a referral the OPS took reads "przyjęte"; a consent dated tomorrow is refused with
a message saying why; the export of a person's data reads in Polish; the group page names joining and leaving
without a gendered verb."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from kooperacja.cases.models import Case, Referral
from tests.e2e.helpers import VIEWPORT, assert_accessible, log_in, submit

pytestmark = pytest.mark.e2e

COOPERATION = "Kooperacja w Kowalewie Pomorskim (demo)"
FAMILY = "Cecylia Słowna"


def test_the_words_of_the_intake_and_dates_that_cannot_be_ahead(browser, live_server, demo):
    def person(key: str) -> Page:
        context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", base_url=live_server.url)
        context.set_default_timeout(10_000)
        page = context.new_page()
        log_in(page, demo[key])
        return page

    pedagogue = person("pedagog")
    pedagogue.goto("/sprawy/zgloszenia/nowe/")
    target = pedagogue.locator("select[name=target] option", has_text=COOPERATION).first.get_attribute("value")
    pedagogue.locator("select[name=target]").select_option(target)
    pedagogue.locator("input[name=person_name]").fill(FAMILY)
    pedagogue.locator("textarea[name=reason]").fill("Brak opieki po szkole.")
    submit(pedagogue)
    referral = Referral.objects.latest("pk")

    coordinator = person("koordynator")
    coordinator.goto("/sprawy/")
    coordinator.locator(f"main tr[data-referral='{referral.reference}'] form[action$='/przyjmij/'] button").click()
    expect(coordinator).to_have_url(re.compile(r"/sprawy/\d+/$"))
    case = Case.objects.get(referrals=referral)

    # 1. The sender reads "przyjęte", not "zgoda".
    pedagogue.goto("/sprawy/")
    status = pedagogue.locator(f"main tr[data-referral='{referral.reference}'] [data-status]")
    expect(status).to_have_text("przyjęte")
    assert_accessible(pedagogue)

    # 7. A consent dated tomorrow is refused, and the page says why.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    coordinator.goto(f"/sprawy/{case.pk}/zgody/nowa/")
    coordinator.locator("input[name=given_on]").fill(tomorrow.isoformat())
    coordinator.locator("input[name=given_by]").fill(FAMILY)
    submit(coordinator)
    expect(coordinator.locator("main")).to_contain_text(
        "Data udzielenia zgody nie może być późniejsza niż dzisiejsza — wpisz dzień, w którym zgoda została udzielona."
    )
    assert not case.consents.exists()
    assert_accessible(coordinator)

    # 6. The export of the person's data reads in Polish, with names and Polish dates.
    coordinator.goto(f"/sprawy/{case.pk}/")
    link = coordinator.locator("main a[href$='/dane.pdf']").first
    response = coordinator.request.get(link.get_attribute("href"))
    assert response.ok
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "Koordynator " in text and "Case " not in text and "Created by" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    months = "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"
    assert re.search(rf"Otwarto \d{{1,2}} ({months}) \d{{4}}", text)

    # 9. The group page: "Data dołączenia", "Zakończenie udziału" — no "Odszedł".
    coordinator.goto(f"/sprawy/{case.pk}/grupa/")
    header = coordinator.locator("#members thead")
    expect(header).to_contain_text("Data dołączenia")
    expect(header).to_contain_text("Zakończenie udziału")
    expect(coordinator.locator("main")).not_to_contain_text("Odszedł")
    assert_accessible(coordinator)
