"""When annex 7 may be reviewed, whose overdue report the coordinator is told about, and the short monthly report.

The story: Piotr Pedagog (the school) is in the group of Anna Kowalska's case since 2 March 2026; Katarzyna
Koordynatorka (OPS) coordinates it. Paweł Dzielnicowy (the police) joins on 31 March, the last day of the
month: he owes a report on March too. Katarzyna reviews the March information only after March has ended and
once every report owed on it is in or marked missing with a note."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conftest import _actor, login
from kooperacja.accounts.models import Role
from kooperacja.audit.models import AuditEvent
from kooperacja.cases.models import Case, Consent, GroupMembership, MissingReport, MonthlyReport, PlanTask, WorkPlan
from kooperacja.cases.reports import selectors, services
from kooperacja.cases.services import group_member_add
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import outbox_process
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db
D = datetime.date
MARCH, APRIL = D(2026, 3, 1), D(2026, 4, 1)
MARCH_END, EARLY_APRIL = D(2026, 3, 31), D(2026, 4, 3)


@pytest.fixture
def working_case(case):
    Case.objects.filter(pk=case.pk).update(status=Case.Status.MONITORING, opened_on=D(2026, 3, 2))
    GroupMembership.objects.filter(group__cases=case).update(joined_on=D(2026, 3, 2))
    case.refresh_from_db()
    return case


@pytest.fixture
def officer(working_case, coordinator_ops, institutions):
    """The police officer, added to the group on the last day of March."""
    police = InstitutionFactory(name="Komisariat testowy", kind="police", unit=institutions["school"].unit)
    user = _actor(police, Role.CASE_WORKER, first_name="Paweł", last_name="Dzielnicowy")
    Consent.objects.get(case=working_case).institutions.add(police)
    group_member_add(actor=coordinator_ops, group=working_case.groups.get(), user=user, institution=police)
    GroupMembership.objects.filter(user=user).update(joined_on=MARCH_END)
    return user


@pytest.fixture
def school_task(working_case, coordinator_ops, institutions):
    plan = WorkPlan.objects.create(case=working_case, created_by=coordinator_ops)
    return PlanTask.objects.create(
        plan=plan, description="Zajęcia wyrównawcze z matematyki", institution=institutions["school"]
    )


def report(case, user, month=MARCH, today=EARLY_APRIL, **data):
    data.setdefault("progress", "Uczeń chodzi na zajęcia.")
    return services.monthly_report_submit(actor=user, case=case, month=month, today=today, **data)


def march_information(case, coordinator):
    return services.monitoring_information_create(
        actor=coordinator, case=case, period_start=MARCH, period_end=MARCH_END
    )


# --- Annex 7 is reviewed after its period, with every report in or marked missing -------------------------


def test_annex_7_cannot_be_reviewed_before_its_period_has_ended(working_case, teacher_school, coordinator_ops):
    report(working_case, teacher_school, today=D(2026, 3, 20))
    information = march_information(working_case, coordinator_ops)
    for day in (D(2026, 3, 20), MARCH_END):
        with pytest.raises(ValidationError) as error:
            services.monitoring_information_review(actor=coordinator_ops, information=information, today=day)
        assert "01.04.2026" in str(error.value)
    information.refresh_from_db()
    assert not information.is_reviewed
    services.monitoring_information_review(actor=coordinator_ops, information=information, today=APRIL)
    assert information.is_reviewed


def test_a_member_who_joined_on_the_last_day_owes_a_report_for_the_month(working_case, teacher_school, officer):
    owed = selectors.reports_due_for(officer, today=D(2026, 4, 6))
    assert [(o.month, o.overdue) for o in owed] == [(MARCH, True)]
    members = {
        (row["membership"].user, row["month"]) for row in selectors.period_obligations(working_case, MARCH, MARCH_END)
    }
    assert members == {(teacher_school, MARCH), (officer, MARCH)}


def test_annex_7_waits_for_every_report_or_a_mark_that_it_is_missing(
    working_case, teacher_school, coordinator_ops, officer
):
    report(working_case, teacher_school)
    information = march_information(working_case, coordinator_ops)
    with pytest.raises(ValidationError) as error:
        services.monitoring_information_review(actor=coordinator_ops, information=information, today=EARLY_APRIL)
    assert "Paweł Dzielnicowy" in str(error.value) and "Piotr" not in str(error.value)
    membership = GroupMembership.objects.get(user=officer)
    with pytest.raises(ValidationError):  # a note is required
        services.missing_report_mark(
            actor=coordinator_ops, case=working_case, membership=membership, month=MARCH, note=" ", today=EARLY_APRIL
        )
    with pytest.raises(PermissionDenied):  # only the coordinator marks
        services.missing_report_mark(
            actor=teacher_school, case=working_case, membership=membership, month=MARCH, note="x", today=EARLY_APRIL
        )
    teacher = GroupMembership.objects.get(user=teacher_school)
    with pytest.raises(ValidationError):  # the pedagogue's report is in
        services.missing_report_mark(
            actor=coordinator_ops, case=working_case, membership=teacher, month=MARCH, note="x", today=EARLY_APRIL
        )
    mark = services.missing_report_mark(
        actor=coordinator_ops,
        case=working_case,
        membership=membership,
        month=MARCH,
        note="Dołączył ostatniego dnia miesiąca.",
        today=EARLY_APRIL,
    )
    assert AuditEvent.objects.filter(object_type="cases.missingreport", object_id=str(mark.pk)).exists()
    assert selectors.reports_due_for(officer, today=D(2026, 4, 6)) == []  # no longer reminded
    services.monitoring_information_review(actor=coordinator_ops, information=information, today=EARLY_APRIL)
    assert information.is_reviewed
    assert MissingReport.objects.get().note == "Dołączył ostatniego dnia miesiąca."


def test_the_coordinator_marks_a_report_missing_on_the_annex_page(
    working_case, teacher_school, coordinator_ops, officer
):
    report(working_case, teacher_school)
    information = march_information(working_case, coordinator_ops)
    client = login(Client(), coordinator_ops)
    url = f"/sprawy/{working_case.pk}/sprawozdania/monitoring/{information.pk}/"
    page = client.get(url).text
    assert "Paweł Dzielnicowy" in page and "Oznacz brak sprawozdania" in page
    membership = GroupMembership.objects.get(user=officer)
    mark_url = url + "brak-sprawozdania/"
    client.post(mark_url, {"membership": membership.pk, "month": "2026-03-01", "note": ""})
    assert not MissingReport.objects.exists()
    client.post(mark_url, {"membership": membership.pk, "month": "2026-03-01", "note": "Urlop zdrowotny."})
    assert MissingReport.objects.get().marked_by == coordinator_ops
    page = client.get(url).text
    assert "Urlop zdrowotny." in page
    assert (
        login(Client(), teacher_school)
        .post(mark_url, {"membership": 1, "month": "2026-03-01", "note": "x"})
        .status_code
        == 403
    )


# --- The coordinator's overdue notice says whose report it is -----------------------------------------------


def test_the_overdue_notice_names_the_member_and_institution_the_email_no_one(
    working_case, teacher_school, coordinator_ops
):
    mail.outbox = []
    services.monthly_reports_remind(today=D(2026, 4, 6))
    notice = Notification.objects.get(user=coordinator_ops)
    assert "Piotr Pedagog" in notice.message and "Szkoła testowa" in notice.message
    assert working_case.reference in notice.message and "Kowalsk" not in notice.message
    outbox_process()
    to_coordinator = [m for m in mail.outbox if coordinator_ops.email in m.to]
    assert to_coordinator
    for message in to_coordinator:
        for word in ("Piotr", "Pedagog", "Szkoła", "Kowalsk", "Anna"):
            assert word not in message.subject + message.body, word


# --- The monthly report: statuses required, texts optional, "nothing new" in one click -----------------------


def test_only_the_statuses_of_the_tasks_are_required(working_case, teacher_school, school_task):
    with pytest.raises(ValidationError):  # the task's status is missing
        report(working_case, teacher_school, progress="")
    saved = report(working_case, teacher_school, progress="", task_statuses={school_task.pk: "in_progress"})
    school_task.refresh_from_db()
    assert school_task.status == "in_progress" and school_task.status_changed_by == teacher_school
    assert saved.task_statuses == {str(school_task.pk): "in_progress"} and saved.progress == ""


def test_nothing_new_is_one_audited_report_with_the_statuses_unchanged(working_case, teacher_school, school_task):
    PlanTask.objects.filter(pk=school_task.pk).update(status="in_progress")
    saved = services.monthly_report_nothing_new(actor=teacher_school, case=working_case, month=MARCH, today=EARLY_APRIL)
    school_task.refresh_from_db()
    assert saved.nothing_new and saved.progress and school_task.status == "in_progress"
    assert saved.task_statuses == {str(school_task.pk): "in_progress"}
    audited = AuditEvent.objects.filter(object_type="cases.monthlyreport", object_id=str(saved.pk))
    assert [e.details["nothing_new"] for e in audited] == [True]
    assert selectors.reports_due_for(teacher_school, today=D(2026, 4, 6)) == []
    with pytest.raises(ValidationError):  # a written report is corrected, not replaced
        services.monthly_report_nothing_new(actor=teacher_school, case=working_case, month=MARCH, today=EARLY_APRIL)


def test_the_report_form_takes_only_the_statuses(client, case, teacher_school, coordinator_ops, institutions):
    from django.utils import timezone

    month = selectors.month_start(timezone.localdate())
    plan = WorkPlan.objects.create(case=case, created_by=coordinator_ops)
    task = PlanTask.objects.create(plan=plan, description="Zajęcia wyrównawcze", institution=institutions["school"])
    login(client, teacher_school)
    url = f"/sprawy/{case.pk}/sprawozdania/{month.year}/{month.month}/"
    page = client.get(url).text
    assert "Zajęcia wyrównawcze" in page and f'name="task_{task.pk}"' in page
    response = client.post(url, {f"task_{task.pk}": "done", "edit_version": 0})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and MonthlyReport.objects.get().progress == ""


def test_nothing_new_from_the_home_page_is_one_click(client, working_case, teacher_school, school_task):
    login(client, teacher_school)
    home = client.get("/").text
    action = f"/sprawy/{working_case.pk}/sprawozdania/2026/3/bez-zmian/"
    form_link = f"/sprawy/{working_case.pk}/sprawozdania/2026/3/"
    assert action in home and f'href="{form_link}"' in home
    response = client.post(action, {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    saved = MonthlyReport.objects.get()
    assert saved.nothing_new and saved.month == MARCH
    assert client.post(action, {"next": "https://example.com/"}).status_code == 302  # refused: already reported
    assert MonthlyReport.objects.count() == 1
