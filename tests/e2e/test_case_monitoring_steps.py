"""Monitoring a family's case in the browser: the monthly report from the home page in at most three clicks and
"nothing new" in one; annex 7 reviewed only after its period, once every report owed — the police officer's too,
who joined on the period's last day — is in or marked missing with a note; the coordinator's overdue notice says
whose report is missing; an extra meeting called by a member invites and tells the coordinator."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kooperacja.accounts.models import Membership, User
from kooperacja.cases import services
from kooperacja.cases.models import (
    Case,
    Consent,
    GroupMembership,
    MissingReport,
    MonthlyReport,
    Person,
    PlanTask,
    WorkPlan,
)
from kooperacja.cases.reports import selectors
from kooperacja.cases.reports.services import monthly_report_submit, monthly_reports_remind
from kooperacja.cooperation.models import Cooperation
from kooperacja.meetings.models import Meeting
from tests.e2e.helpers import VIEWPORT, assert_accessible, log_in

pytestmark = pytest.mark.e2e


def _institution(user):
    return Membership.objects.filter(user=user, is_active=True).first().institution


@pytest.fixture
def family_case(demo):
    """A family case in monitoring since the first day of last month: the pedagogue in its group since then,
    with a task of the school in the work plan; the police officer added on last month's last day."""
    coordinator = User.objects.get(email=demo["koordynator"].email)
    pedagogue = User.objects.get(email=demo["pedagog"].email)
    officer = User.objects.get(email=demo["policja"].email)
    school, police = _institution(pedagogue), _institution(officer)
    cooperation = Cooperation.objects.get(name="Kooperacja w Kowalewie Pomorskim (demo)")
    case = services.case_open(actor=coordinator, cooperation=cooperation)
    Person.objects.create(case=case, first_name="Anna", last_name="Kowalska", relation=Person.Relation.MAIN)
    consent = Consent.objects.create(
        case=case, given_on=datetime.date.today(), given_by="Anna Kowalska", recorded_by=coordinator
    )
    consent.institutions.set([school, police])
    group = case.groups.get()
    services.group_member_add(actor=coordinator, group=group, user=pedagogue, institution=school)
    services.group_member_add(actor=coordinator, group=group, user=officer, institution=police)
    last_month = selectors.previous_month(timezone.localdate())
    Case.objects.filter(pk=case.pk).update(status=Case.Status.MONITORING, opened_on=last_month)
    GroupMembership.objects.filter(user=pedagogue).update(joined_on=last_month)
    GroupMembership.objects.filter(user=officer).update(joined_on=selectors.month_end(last_month))
    plan = WorkPlan.objects.create(case=case, created_by=coordinator)
    PlanTask.objects.create(plan=plan, description="Zajęcia wyrównawcze z matematyki", institution=school)
    case.refresh_from_db()
    return case, last_month


def _second_browser(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context


def test_the_monthly_report_from_the_home_page(page: Page, demo, family_case):
    case, last_month = family_case
    base = f"/sprawy/{case.pk}/sprawozdania/"
    form_url = f"{base}{last_month.year}/{last_month.month}/"
    log_in(page, demo["pedagog"])
    assert_accessible(page)

    # From the home page: 1) the link to the form of that case and month, 2) a status, 3) submit.
    page.locator(f"main a[href='{form_url}']").click()
    expect(page).to_have_url(re.compile(rf"{form_url}$"))
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("Zajęcia wyrównawcze z matematyki")
    page.locator("main select[name^=task_]").select_option("in_progress")
    page.locator("main form:not([action]) button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{base}$"))
    report = MonthlyReport.objects.get(case=case, month=last_month)
    assert report.progress == "" and report.nothing_new is False
    assert PlanTask.objects.get(plan__case=case).status == "in_progress"

    # "Nothing new" is one click on the home page.
    MonthlyReport.objects.filter(case=case).delete()
    page.goto("/pulpit/")
    nothing_new = page.locator(f"form[action='{base}{last_month.year}/{last_month.month}/bez-zmian/'] button")
    expect(nothing_new).to_have_text(re.compile("Bez zmian w tym miesiącu"))
    nothing_new.click()
    expect(page).to_have_url(re.compile(r"/pulpit/$"))
    expect(page.locator("main")).to_contain_text("Zapisano sprawozdanie")
    assert_accessible(page)
    report = MonthlyReport.objects.get(case=case, month=last_month)
    assert report.nothing_new and "Bez zmian" in report.progress
    assert PlanTask.objects.get(plan__case=case).status == "in_progress"  # unchanged


def test_annex_7_waits_for_the_end_of_the_period_and_every_report(page: Page, demo, family_case):
    case, last_month = family_case
    pedagogue = User.objects.get(email=demo["pedagog"].email)
    monthly_report_submit(
        actor=pedagogue,
        case=case,
        month=last_month,
        progress="Uczeń chodzi na zajęcia.",
        task_statuses={t.pk: t.status for t in PlanTask.objects.filter(plan__case=case)},
    )
    base = f"/sprawy/{case.pk}/sprawozdania/"

    # The overdue notice tells the coordinator whose report is missing.
    monthly_reports_remind(today=selectors.report_due_on(last_month) + datetime.timedelta(days=1))
    log_in(page, demo["koordynator"])
    page.goto("/powiadomienia/")
    expect(page.locator("main")).to_contain_text("Marek Dzielnicowy")
    expect(page.locator("main")).to_contain_text(_institution(User.objects.get(email=demo["policja"].email)).name)
    assert_accessible(page)

    # This month's information cannot be reviewed yet: the period has not ended.
    this_month = selectors.month_start(timezone.localdate())
    page.goto(base)
    page.locator("input[name=period_start]").fill(this_month.isoformat())
    page.locator("input[name=period_end]").fill(selectors.month_end(this_month).isoformat())
    page.locator(f"form[action='{base}monitoring/nowa/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{base}monitoring/\d+/$"))
    expect(page.locator("main")).to_contain_text("informację można zatwierdzić dopiero po tym dniu")
    expect(page.locator("form[action$='/zatwierdz/']")).to_have_count(0)

    # Last month's: the officer, who joined on its last day, owes a report; the coordinator marks it missing.
    page.goto(base)
    page.locator("input[name=period_start]").fill(last_month.isoformat())
    page.locator("input[name=period_end]").fill(selectors.month_end(last_month).isoformat())
    page.locator(f"form[action='{base}monitoring/nowa/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{base}monitoring/\d+/$"))
    outstanding = page.locator("section[aria-labelledby=outstanding-heading]")
    expect(outstanding).to_contain_text("Marek Dzielnicowy")
    expect(page.locator("form[action$='/zatwierdz/']")).to_have_count(0)
    assert_accessible(page)
    outstanding.locator("input[name=note]").fill("Dołączył w ostatnim dniu miesiąca.")
    outstanding.get_by_role("button", name="Oznacz brak sprawozdania").click()
    expect(page.locator("main")).to_contain_text("Oznaczono brak sprawozdania")
    assert MissingReport.objects.get(case=case).note == "Dołączył w ostatnim dniu miesiąca."
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form[action$='/zatwierdz/'] button[type=submit]").click()
    expect(page.locator("form[action$='/zatwierdz/']")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Dołączył w ostatnim dniu miesiąca.")
    assert_accessible(page)


def test_an_extra_meeting_called_by_a_member_invites_and_tells_the_coordinator(
    page: Page, browser, live_server, demo, family_case
):
    case, _ = family_case
    coordinator = User.objects.get(email=demo["koordynator"].email)
    officer = User.objects.get(email=demo["policja"].email)
    log_in(page, demo["pedagog"])
    page.goto(f"/sprawy/{case.pk}/grupa/")
    page.locator("summary", has_text="Zwołaj dodatkowe").click()
    form = page.locator(f"form[action='/sprawy/{case.pk}/grupa/spotkania/dodatkowe/']")
    day = timezone.localdate() + datetime.timedelta(days=8)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    form.locator("input[name=date]").fill(day.isoformat())
    form.locator("input[name=time]").fill("10:00")
    form.locator("input[name=place]").fill("Szkoła, sala 5")
    form.locator("textarea[name=reason]").fill("Syn przestał chodzić do szkoły")
    form.locator("button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/spotkania/\d+/$"))
    expect(page.locator("main")).to_contain_text("koordynator")
    meeting = Meeting.objects.get(case=case, extra_call__isnull=False)
    assert {coordinator.pk, officer.pk} <= set(meeting.invitations.values_list("user", flat=True))

    context = _second_browser(browser, live_server)
    try:
        other = context.new_page()
        log_in(other, demo["koordynator"])
        other.goto("/powiadomienia/")
        notice = other.locator("main li", has_text="Zwołano dodatkowe spotkanie monitorujące")
        expect(notice).to_have_count(1)
        notice.get_by_role("button").click()
        expect(other).to_have_url(re.compile(rf"/spotkania/{meeting.pk}/$"))
        assert_accessible(other)
    finally:
        context.close()
