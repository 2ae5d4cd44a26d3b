"""In the browser: the consent grouped by sector with "all the team's institutions" and the refused ones unticked,
read back as one sentence; the OPS sets its own working time; a group meeting too soon for the 5-day notice is not
planned, and the earliest possible date is offered as one button."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kooperacja.cases.models import Case, Consent
from kooperacja.directory.models import Institution
from kooperacja.meetings.models import Meeting
from tests.e2e.helpers import assert_accessible, log_in, submit

pytestmark = pytest.mark.e2e

POLICE = "Posterunek Policji (demo)"
OPS = "Ośrodek Pomocy Społecznej w Kowalewie Pomorskim (demo)"


def _open_case(coordinator_email: str) -> Case:
    return (
        Case.objects.exclude(status__in=[Case.Status.CLOSED, Case.Status.NOT_QUALIFIED])
        .filter(coordinator__email=coordinator_email)
        .order_by("pk")
        .first()
    ) or Case.objects.exclude(status__in=[Case.Status.CLOSED, Case.Status.NOT_QUALIFIED]).order_by("pk").first()


def test_consent_with_all_the_team_but_the_refused_reads_as_one_sentence(page: Page, demo):
    coordinator = demo["koordynator"]
    log_in(page, coordinator)
    case = _open_case(coordinator.email)
    page.goto(f"/sprawy/{case.pk}/zgody/nowa/")
    legends = page.locator("main form fieldset[data-sector] legend")
    assert legends.count() >= 3  # social assistance, education, security…
    expect(page.get_by_label(POLICE, exact=True)).to_be_checked()  # all the team's institutions to begin with
    assert_accessible(page)
    page.locator("input[name=given_by]").fill("Barbara Próbna")
    page.get_by_label(POLICE, exact=True).uncheck()
    submit(page)
    expect(page).to_have_url(re.compile(rf"/sprawy/{case.pk}/$"))
    sentence = page.locator("main [data-consent-summary]").first
    expect(sentence).to_contain_text("ze wszystkimi instytucjami zespołu z wyjątkiem: " + POLICE)
    assert_accessible(page)
    consent = Consent.objects.filter(case=case).latest("pk")
    assert consent.all_team and [i.name for i in consent.exceptions.all()] == [POLICE]
    pdf = page.request.get(page.locator(f"main a[href$='/zgody/{consent.pk}/zgoda.pdf']").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"


def test_a_meeting_too_soon_is_not_planned_and_the_earliest_date_of_the_ops_is_offered(page: Page, demo):
    coordinator = demo["koordynator"]
    log_in(page, coordinator)
    ops = Institution.objects.get(name=OPS)

    # The OPS works Monday to Thursday, 8:00–16:00.
    page.goto(f"/instytucje/{ops.pk}/edycja/")
    expect(page.locator("input[name=opens_at]")).to_have_value("07:30")
    page.locator("input[name=opens_at]").fill("08:00")
    page.locator("input[name=closes_at]").fill("16:00")
    page.get_by_role("group", name="Dni pracy").get_by_label("piątek").uncheck()
    assert_accessible(page)
    submit(page)
    expect(page.locator("main [data-working-time]")).to_contain_text("08:00–16:00")

    case = _open_case(coordinator.email)
    before = Meeting.objects.filter(case=case).count()
    page.goto(f"/sprawy/{case.pk}/grupa/")
    page.locator("#meeting-form").evaluate("form => form.closest('details').open = true")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = page.locator("#meeting-form")
    form.locator("input[name=date]").fill(tomorrow.isoformat())
    form.locator("input[name=time]").fill("10:00")
    form.locator("input[name=place]").fill("OPS, pokój 12")
    form.get_by_role("button", name="Zaplanuj spotkanie").click()
    offer = form.locator("[data-proposal] button[name=proposed_start]")
    expect(offer).to_contain_text("Użyj najbliższego możliwego terminu:")
    expect(form.locator("input[name=place]")).to_have_value("OPS, pokój 12")  # the input comes back
    assert Meeting.objects.filter(case=case).count() == before  # nothing was planned
    assert_accessible(page)
    proposed = datetime.datetime.fromisoformat(offer.get_attribute("value"))
    offer.click()
    expect(page).to_have_url(re.compile(r"/spotkania/\d+/$"))
    meeting = Meeting.objects.filter(case=case).latest("pk")
    local = timezone.localtime(meeting.starts_at)
    assert local.replace(tzinfo=None) == proposed and local.weekday() in {0, 1, 2, 3}
    assert (local.date() - timezone.localdate()).days >= 5 and meeting.status == Meeting.Status.PLANNED
