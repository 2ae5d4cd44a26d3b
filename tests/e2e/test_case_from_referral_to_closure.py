"""A case goes from a school's referral to closure in the browser, with five actors — the
school's pedagogue who refers and works in the group, the OPS coordinator, the police officer in the group, and
the school's director and the ROPS animator, who must see nothing of the family.

Along the way: the family is listed main person first; the consent covers all the team's institutions but the one
the family refuses, read back as one sentence; the diagnosis proposes institutions with reasons (never the ROPS);
the member picker offers people under their institutions, with their function (never the ROPS or the mayor); a
meeting too soon is refused and the earliest date within the OPS's working time is offered; the OPS takes a task
in the plan and acknowledges it; the monthly report takes one click ("nothing new") or three from the notice; the
coordinator is told whose report is overdue and is invited to the extra meeting a member calls; the monitoring
information (annex 7) is reviewed only after its period, once every report is in or marked missing with a note;
the closed case reads as a record. Months pass in the database (the case is moved back in time through the ORM),
the pages are checked in the browser."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kooperacja.accounts.models import User
from kooperacja.cases.group.services import next_working_day
from kooperacja.cases.models import Case, Consent, GroupMembership, MissingReport, Person, Referral
from kooperacja.cases.reports import selectors as reports
from kooperacja.cases.reports.services import monthly_reports_remind
from kooperacja.directory.models import Institution
from kooperacja.meetings.models import Meeting
from tests.e2e.helpers import VIEWPORT, assert_accessible, log_in, submit

pytestmark = pytest.mark.e2e

COOPERATION = "Kooperacja w Kowalewie Pomorskim (demo)"
FAMILY = "Barbara Próbna"
OPS = "Ośrodek Pomocy Społecznej w Kowalewie Pomorskim (demo)"
SCHOOL = "Szkoła Podstawowa nr 1 (demo)"
POLICE = "Posterunek Policji (demo)"
REFUSED = "Urząd Miejski (demo)"  # the institution the family does not agree to


def _open(element) -> None:
    """Open the <details> around a form (the page keeps rarely used forms folded)."""
    element.evaluate("e => { const d = e.closest('details'); if (d) d.open = true; }")


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

    # 2. The OPS coordinator accepts it. The family, as recorded, is listed main person first, then the children
    #    from the eldest, then the grandmother — whatever order they were written in.
    coordinator = person("koordynator")
    coordinator.goto("/sprawy/")
    coordinator.locator(f"main tr[data-referral='{referral.reference}'] form[action$='/przyjmij/'] button").click()
    expect(coordinator).to_have_url(re.compile(r"/sprawy/\d+/$"))
    case = Case.objects.get(referrals=referral)
    base = f"/sprawy/{case.pk}/"
    year = timezone.localdate().year
    for first, relation, born in (("Zosia", "child", year - 7), ("Helena", "parent", 1955), ("Bartek", "child", 2012)):
        Person.objects.create(case=case, first_name=first, last_name="Próbna", relation=relation, birth_year=born)
    coordinator.reload()
    rows = coordinator.locator("main tr[data-person]").all_inner_texts()
    assert [row.split()[0] for row in rows] == ["Barbara", "Bartek", "Zosia", "Helena"], rows

    # 3. The consent: all the team's institutions are ticked; the family refuses one; one sentence reads it back.
    coordinator.locator("main a[href$='/zgody/nowa/']").click()
    assert coordinator.locator("main form fieldset[data-sector]").count() >= 3  # grouped by kind
    for name in (OPS, SCHOOL, POLICE, REFUSED):
        expect(coordinator.get_by_label(name, exact=True)).to_be_checked()
    coordinator.locator("input[name=given_by]").fill(FAMILY)
    coordinator.get_by_label(REFUSED, exact=True).uncheck()
    submit(coordinator)
    expect(coordinator).to_have_url(re.compile(rf"{base}$"))
    expect(coordinator.locator("main [data-consent-summary]").first).to_contain_text(
        f"ze wszystkimi instytucjami zespołu z wyjątkiem: {REFUSED}"
    )
    consent = Consent.objects.get(case=case)
    assert consent.all_team and [i.name for i in consent.exceptions.all()] == [REFUSED]
    assert_accessible(coordinator)

    # 4. The diagnosis: care after school. Each proposed institution says why; never the ROPS or a care home.
    coordinator.goto(f"{base}diagnoza/care/")
    coordinator.locator("textarea[name=needs]").fill("Opieka nad córką po lekcjach")
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator).to_have_url(re.compile(rf"{base}diagnoza/$"))
    proposals = coordinator.locator("#proposals")
    school_proposal = proposals.locator("li", has_text=SCHOOL).first
    expect(school_proposal.locator(".proposal-reasons")).to_contain_text("odpowiada na potrzebę")
    expect(proposals).not_to_contain_text("Regionalny Ośrodek Polityki Społecznej")
    expect(proposals).not_to_contain_text("Dom Pomocy Społecznej")
    assert_accessible(coordinator)

    # 5. The group: the picker groups people under their institutions, the proposed ones first, with their
    #    function — never the ROPS animator or the mayor. The pedagogue and the police officer join.
    coordinator.goto(f"{base}grupa/")
    _open(coordinator.locator("#member-form"))
    picker = coordinator.locator("#member-form select[name=user]")
    labels = picker.locator("optgroup").evaluate_all("groups => groups.map(g => g.label)")
    proposed = [i for i, label in enumerate(labels) if "zaproponowana w diagnozie" in label]
    assert proposed and proposed == list(range(len(proposed))), labels
    assert any(SCHOOL in labels[i] for i in proposed), labels
    for outsider in ("rops", "burmistrz"):
        account = User.objects.get(email=demo[outsider].email)
        expect(picker.locator(f"option[value='{account.pk}']")).to_have_count(0)
    officer = User.objects.get(email=demo["policja"].email)
    school_worker = User.objects.get(email=demo["pedagog"].email)
    expect(picker.locator(f"optgroup[label*='{POLICE}'] option[value='{officer.pk}']")).to_contain_text("(dzielnicowy)")
    for member in (school_worker, officer):
        _open(coordinator.locator("#member-form"))
        coordinator.locator("#member-form select[name=user]").select_option(str(member.pk))
        coordinator.locator("#member-form button[type=submit]").click()
        expect(coordinator.locator("#members")).to_contain_text(member.get_full_name())
    expect(coordinator.locator("#members")).to_contain_text("dzielnicowy")
    assert_accessible(coordinator)

    # 6. A group meeting tomorrow breaks the 5-day notice: nothing is planned, and the earliest date is offered —
    #    within the OPS's own working days and hours. The coordinator takes it and sends the invitations.
    #    This OPS works Monday to Thursday, 8:00–16:00 (its own setting, not the usual 7:30–15:30 on weekdays).
    Institution.objects.filter(name=OPS).update(
        opens_at=datetime.time(8, 0), closes_at=datetime.time(16, 0), working_days="0123"
    )
    ops = Institution.objects.get(name=OPS)
    before = Meeting.objects.filter(case=case).count()
    _open(coordinator.locator("#meeting-form"))
    form = coordinator.locator("#meeting-form")
    form.locator("select[name=kind]").select_option("case_group")
    form.locator("input[name=date]").fill((timezone.localdate() + datetime.timedelta(days=1)).isoformat())
    form.locator("input[name=time]").fill("10:00")
    form.locator("input[name=place]").fill("OPS, pokój 12")
    form.get_by_role("button", name="Zaplanuj spotkanie").click()
    offer = form.locator("[data-proposal] button[name=proposed_start]")
    expect(offer).to_contain_text("Użyj najbliższego możliwego terminu:")
    assert Meeting.objects.filter(case=case).count() == before  # nothing was planned
    assert_accessible(coordinator)
    proposed_start = datetime.datetime.fromisoformat(offer.get_attribute("value"))
    assert (proposed_start.date() - timezone.localdate()).days >= 5
    assert proposed_start.weekday() in {0, 1, 2, 3}
    assert datetime.time(8, 0) <= proposed_start.time() < datetime.time(16, 0)
    offer.click()
    expect(coordinator).to_have_url(re.compile(r"/spotkania/\d+/$"))
    meeting = Meeting.objects.filter(case=case).latest("pk")
    assert timezone.localtime(meeting.starts_at).replace(tzinfo=None) == proposed_start
    coordinator.locator("form[action$='/wyslij/'] button[type=submit]").click()
    expect(coordinator.locator(".messages")).to_be_visible()
    assert_accessible(coordinator)

    # 7. The work plan agreed with the family: the OPS takes a task as the school does, and acknowledges the plan.
    coordinator.goto(f"{base}plan/nowy/")
    coordinator.locator("textarea[name=main_goal]").fill("Córka ma opiekę po szkole")
    coordinator.locator("textarea[name=goals]").fill("Miejsce w świetlicy szkolnej")
    coordinator.locator("input[name=agreed_on]").fill(timezone.localdate().isoformat())
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator).to_have_url(re.compile(rf"{base}plan/$"))
    for description, party in (("Praca socjalna z matką", OPS), ("Miejsce w świetlicy szkolnej", SCHOOL)):
        task_form = coordinator.locator("#task-form")
        _open(task_form)
        task_form.locator("textarea[name=description]").fill(description)
        task_form.locator("select[name=party]").select_option(label=party)
        task_form.locator("button[type=submit]").click()
        expect(coordinator.locator("main")).to_contain_text(description)
    coordinator.locator(
        f"form[action='{base}plan/potwierdz/']", has=coordinator.locator(f"input[value='{ops.pk}']")
    ).locator("button[type=submit]").click()
    plan = case.work_plans.get()
    assert plan.tasks.filter(institution=ops).exists()
    assert plan.acknowledgements.filter(institution=ops).exists()
    coordinator.locator("#family-ack-form input[name=name]").fill(FAMILY)
    coordinator.locator("#family-ack-form button[type=submit]").click()
    expect(coordinator.locator("#acks").locator("..").locator("table")).to_contain_text(FAMILY)
    assert_accessible(coordinator)

    # 8. Two months pass (in the database): the case is monitored since the first day of the month before last;
    #    the pedagogue has been in the group since then, the officer joined on the last day of last month.
    last_month = reports.previous_month(timezone.localdate())
    month_before = reports.previous_month(last_month)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.MONITORING, opened_on=month_before)
    GroupMembership.objects.filter(group__cases=case, user=school_worker).update(joined_on=month_before)
    GroupMembership.objects.filter(group__cases=case, user=officer).update(joined_on=reports.month_end(last_month))
    case.refresh_from_db()

    # 9. The pedagogue: "nothing new" on the month before last is one click on the home page.
    pedagogue.goto("/pulpit/")
    nothing_new = pedagogue.locator(
        f"form[action='{base}sprawozdania/{month_before.year}/{month_before.month}/bez-zmian/'] button"
    )
    expect(nothing_new).to_contain_text("Bez zmian w tym miesiącu")
    nothing_new.click()
    expect(pedagogue.locator("main")).to_contain_text("Zapisano sprawozdanie")

    # 10. Last month's report is overdue; the notice leads to the form: open it, set the task's status, submit.
    monthly_reports_remind(today=reports.report_due_on(last_month) + datetime.timedelta(days=1))
    pedagogue.goto("/powiadomienia/")
    notice = pedagogue.locator("main li", has_text=f"sprawozdania za {last_month:%m.%Y}")
    notice.get_by_role("button").click()  # click 1
    expect(pedagogue).to_have_url(re.compile(rf"{base}sprawozdania/{last_month.year}/{last_month.month}/$"))
    expect(pedagogue.locator("main")).to_contain_text("Miejsce w świetlicy szkolnej")
    expect(pedagogue.locator("main")).not_to_contain_text("Praca socjalna z matką")  # the OPS's task, not hers
    pedagogue.locator("main select[name^=task_]").select_option("in_progress")  # click 2
    pedagogue.locator("main form:not([action]) button[type=submit]").click()  # click 3
    expect(pedagogue).to_have_url(re.compile(rf"{base}sprawozdania/$"))
    assert plan.tasks.get(institution__name=SCHOOL).status == "in_progress"
    assert_accessible(pedagogue)

    # 11. The daughter stops coming to the after-school club: the pedagogue calls an extra monitoring meeting.
    pedagogue.goto(f"{base}grupa/")
    pedagogue.locator("summary", has_text="Zwołaj dodatkowe").click()
    extra = pedagogue.locator(f"form[action='{base}grupa/spotkania/dodatkowe/']")
    day = next_working_day(timezone.localdate() + datetime.timedelta(days=8))
    while day.weekday() not in ops.working_weekdays:
        day = next_working_day(day + datetime.timedelta(days=1))
    extra.locator("input[name=date]").fill(day.isoformat())
    extra.locator("input[name=time]").fill("10:00")
    extra.locator("input[name=place]").fill("Szkoła, sala 5")
    extra.locator("textarea[name=reason]").fill("Córka przestała przychodzić do świetlicy")
    extra.locator("button[type=submit]").first.click()
    expect(pedagogue).to_have_url(re.compile(r"/spotkania/\d+/$"))
    extra_meeting = Meeting.objects.get(case=case, extra_call__isnull=False)
    invited = set(extra_meeting.invitations.values_list("user", flat=True))
    assert {case.coordinator_id, officer.pk} <= invited

    # 12. The coordinator's notices: whose report is overdue (member and institution), and the extra meeting.
    coordinator.goto("/powiadomienia/")
    overdue = coordinator.locator("main li", has_text=officer.get_full_name())
    expect(overdue).to_contain_text(POLICE)
    expect(overdue).to_contain_text(f"{last_month:%m.%Y}")
    assert_accessible(coordinator)
    coordinator.locator("main li", has_text="Zwołano dodatkowe spotkanie monitorujące").get_by_role("button").click()
    expect(coordinator).to_have_url(re.compile(rf"/spotkania/{extra_meeting.pk}/$"))

    # 13. Annex 7 for this month cannot be reviewed: its period has not ended.
    this_month = reports.month_start(timezone.localdate())
    period_form = f"form[action='{base}sprawozdania/monitoring/nowa/'] button[type=submit]"
    coordinator.goto(f"{base}sprawozdania/")
    coordinator.locator("input[name=period_start]").fill(this_month.isoformat())
    coordinator.locator("input[name=period_end]").fill(reports.month_end(this_month).isoformat())
    coordinator.locator(period_form).click()
    expect(coordinator).to_have_url(re.compile(rf"{base}sprawozdania/monitoring/\d+/$"))
    expect(coordinator.locator("main")).to_contain_text("informację można zatwierdzić dopiero po tym dniu")
    expect(coordinator.locator("form[action$='/zatwierdz/']")).to_have_count(0)

    # 14. The two ended months: the officer, who joined on the last day, owes a report; until the coordinator
    #     marks it missing with a note, the information cannot be reviewed. Then it is, and the PDF is there.
    coordinator.goto(f"{base}sprawozdania/")
    coordinator.locator("input[name=period_start]").fill(month_before.isoformat())
    coordinator.locator("input[name=period_end]").fill(reports.month_end(last_month).isoformat())
    coordinator.locator(period_form).click()
    expect(coordinator).to_have_url(re.compile(rf"{base}sprawozdania/monitoring/\d+/$"))
    expect(coordinator.locator("main")).to_contain_text("Bez zmian")  # the pedagogue's "nothing new"
    outstanding = coordinator.locator("section[aria-labelledby=outstanding-heading]")
    expect(outstanding).to_contain_text(officer.get_full_name())
    expect(outstanding).not_to_contain_text(school_worker.get_full_name())
    expect(coordinator.locator("form[action$='/zatwierdz/']")).to_have_count(0)
    assert_accessible(coordinator)
    outstanding.locator("input[name=note]").fill("Dołączył w ostatnim dniu miesiąca.")
    outstanding.get_by_role("button", name="Oznacz brak sprawozdania").click()
    expect(coordinator.locator("main")).to_contain_text("Oznaczono brak sprawozdania")
    assert MissingReport.objects.get(case=case).note == "Dołączył w ostatnim dniu miesiąca."
    coordinator.once("dialog", lambda dialog: dialog.accept())
    coordinator.locator("form[action$='/zatwierdz/'] button[type=submit]").click()
    expect(coordinator.locator("form[action$='/zatwierdz/']")).to_have_count(0)
    expect(coordinator.locator("main")).to_contain_text("Dołączył w ostatnim dniu miesiąca.")
    response = coordinator.request.get(coordinator.locator("main a[href$='/informacja.pdf']").get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"

    # 15. Closure: the coordinator proposes it, both members agree, the coordinator closes the case.
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

    # 16. The closed case reads as a record: no form that would change it, on any of its pages.
    for path in ("", "grupa/", "plan/", "sprawozdania/", "ocena/"):
        coordinator.goto(f"{base}{path}")
        expect(coordinator.locator("main form[method=post]")).to_have_count(0)
        expect(coordinator.locator("main")).to_contain_text("Sprawa jest zamknięta")

    # 17. The school's director and the ROPS animator see nothing of the family.
    for key in ("dyrektor", "rops"):
        outsider = person(key)
        response = outsider.goto(base)
        assert response is not None and response.status == 404
        if key == "dyrektor":
            outsider.goto("/sprawy/")
            expect(outsider.locator("main")).not_to_contain_text(FAMILY)
