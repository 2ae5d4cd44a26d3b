"""Monthly reports and the monitoring information (annex 7): the services and the calendar of reports.

The story: Piotr Pedagog (the school) is in the group of Anna Kowalska's case since 2 March 2026; Katarzyna
Koordynatorka (OPS) coordinates it. Each month Piotr reports by the 5th of the next month; Katarzyna compiles
and reviews the monitoring information of a period."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kooperacja.cases.models import Case, GroupMembership, MonitoringInformation, MonthlyReport
from kooperacja.cases.reports import selectors, services
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import outbox_process

pytestmark = pytest.mark.django_db
D = datetime.date
MARCH, APRIL = D(2026, 3, 1), D(2026, 4, 1)
EARLY_APRIL = D(2026, 4, 3)


@pytest.fixture
def working_case(case):
    """The case in monitoring, opened and joined on 2 March 2026."""
    Case.objects.filter(pk=case.pk).update(status=Case.Status.MONITORING, opened_on=D(2026, 3, 2))
    GroupMembership.objects.filter(group__cases=case).update(joined_on=D(2026, 3, 2))
    case.refresh_from_db()
    return case


def submit(case, user, month=MARCH, text="Uczeń chodzi na zajęcia wyrównawcze.", today=EARLY_APRIL, **extra):
    return services.monthly_report_submit(
        actor=user,
        case=case,
        month=month,
        progress=text,
        new_information="Mama była na zebraniu.",
        today=today,
        **extra,
    )


# --- The calendar --------------------------------------------------------------------------------------


def test_due_day_is_the_fifth_of_the_next_month():
    assert selectors.REPORT_DUE_DAY == 5
    assert selectors.report_due_on(D(2026, 3, 17)) == D(2026, 4, 5)
    assert selectors.report_due_on(D(2026, 12, 1)) == D(2027, 1, 5)


def test_default_periods_are_the_last_full_month_and_quarter():
    assert selectors.last_full_month(D(2026, 1, 10)) == (D(2025, 12, 1), D(2025, 12, 31))
    assert selectors.last_full_month(D(2026, 3, 1)) == (D(2026, 2, 1), D(2026, 2, 28))
    assert selectors.last_full_quarter(D(2026, 5, 20)) == (D(2026, 1, 1), D(2026, 3, 31))
    assert selectors.last_full_quarter(D(2026, 2, 1)) == (D(2025, 10, 1), D(2025, 12, 31))


def test_a_report_is_owed_once_the_month_has_ended_and_overdue_after_the_fifth(working_case, teacher_school):
    assert selectors.reports_due_for(teacher_school, today=D(2026, 3, 31)) == []
    (due,) = selectors.reports_due_for(teacher_school, today=D(2026, 4, 1))
    assert (due.case, due.month, due.due_on, due.overdue) == (working_case, MARCH, D(2026, 4, 5), False)
    assert selectors.reports_due_for(teacher_school, today=D(2026, 4, 5))[0].overdue is False
    assert selectors.reports_due_for(teacher_school, today=D(2026, 4, 6))[0].overdue is True
    owed = selectors.reports_due_for(teacher_school, today=D(2026, 5, 6))
    assert [(o.month, o.overdue) for o in owed] == [(MARCH, True), (APRIL, True)]


def test_nothing_is_owed_once_reported_nor_by_who_left_nor_outside_the_work(
    working_case, teacher_school, coordinator_ops
):
    submit(working_case, teacher_school)
    assert selectors.reports_due_for(teacher_school, today=D(2026, 4, 6)) == []
    assert [o.month for o in selectors.reports_due_for(teacher_school, today=D(2026, 5, 6))] == [APRIL]
    Case.objects.filter(pk=working_case.pk).update(status=Case.Status.INTAKE)
    assert selectors.reports_due_for(teacher_school, today=D(2026, 5, 6)) == []
    Case.objects.filter(pk=working_case.pk).update(status=Case.Status.MONITORING)
    GroupMembership.objects.filter(user=teacher_school).update(left_on=D(2026, 4, 20))
    assert selectors.reports_due_for(teacher_school, today=D(2026, 5, 6)) == []
    assert selectors.reports_due_for(coordinator_ops, today=D(2026, 5, 6)) == []


def test_overdue_reports_of_the_case_name_the_member(working_case, teacher_school):
    assert selectors.case_overdue_reports(working_case, today=D(2026, 4, 5)) == []
    (late,) = selectors.case_overdue_reports(working_case, today=D(2026, 4, 6))
    assert late.membership.user == teacher_school and late.month == MARCH


# --- Reports -------------------------------------------------------------------------------------------


def test_a_member_reports_once_a_month_and_corrects_the_same_report(working_case, teacher_school):
    first = submit(working_case, teacher_school)
    again = submit(working_case, teacher_school, text="Poprawione: zajęcia dwa razy w tygodniu.")
    assert first.pk == again.pk and MonthlyReport.objects.count() == 1
    again.refresh_from_db()
    assert again.progress == "Poprawione: zajęcia dwa razy w tygodniu."


def test_one_report_per_member_and_month_is_a_database_rule(working_case, teacher_school):
    from django.db import IntegrityError, transaction

    report = submit(working_case, teacher_school)
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyReport.objects.create(
            case=working_case, membership=report.membership, month=MARCH, progress="x", new_information="y"
        )


def test_the_texts_are_encrypted_at_rest(working_case, teacher_school):
    from django.db import connection

    submit(working_case, teacher_school)
    with connection.cursor() as cursor:
        cursor.execute("SELECT progress, new_information FROM cases_monthlyreport")
        progress, new_information = cursor.fetchone()
    assert "zajęcia" not in progress and "zebraniu" not in new_information


def test_only_a_current_member_reports_and_only_on_their_own_report(
    working_case, teacher_school, coordinator_ops, worker_other_gmina
):
    report = submit(working_case, teacher_school)
    for outsider in (coordinator_ops, worker_other_gmina):  # the coordinator is not a member of the group
        with pytest.raises(PermissionDenied):
            submit(working_case, outsider, text="Nie moje.")
    report.refresh_from_db()
    assert report.progress == "Uczeń chodzi na zajęcia wyrównawcze." and MonthlyReport.objects.count() == 1
    GroupMembership.objects.filter(user=teacher_school).update(left_on=D(2026, 4, 20))
    with pytest.raises(PermissionDenied):
        submit(working_case, teacher_school)


def test_no_report_on_a_month_not_begun_nor_in_a_closed_case(working_case, teacher_school):
    with pytest.raises(ValidationError):
        submit(working_case, teacher_school, month=D(2026, 5, 1), today=D(2026, 4, 30))
    assert submit(working_case, teacher_school, month=APRIL, today=D(2026, 4, 30)).month == APRIL
    Case.objects.filter(pk=working_case.pk).update(status=Case.Status.CLOSED)
    working_case.refresh_from_db()
    with pytest.raises(ValidationError):
        submit(working_case, teacher_school)


def test_review_of_the_period_locks_its_reports(working_case, teacher_school, coordinator_ops):
    submit(working_case, teacher_school)
    information = services.monitoring_information_create(
        actor=coordinator_ops, case=working_case, period_start=MARCH, period_end=D(2026, 3, 31)
    )
    submit(working_case, teacher_school, text="Jeszcze można poprawić.")  # a draft does not lock
    services.monitoring_information_review(actor=coordinator_ops, information=information, today=EARLY_APRIL)
    with pytest.raises(ValidationError):
        submit(working_case, teacher_school, text="Za późno.")
    assert MonthlyReport.objects.get().progress == "Jeszcze można poprawić."
    assert submit(working_case, teacher_school, month=APRIL, today=D(2026, 5, 2)).month == APRIL  # not covered


# --- Monitoring information ----------------------------------------------------------------------------


def test_only_the_coordinator_compiles_annotates_and_reviews(working_case, teacher_school, coordinator_ops):
    submit(working_case, teacher_school)
    with pytest.raises(PermissionDenied):
        services.monitoring_information_create(
            actor=teacher_school, case=working_case, period_start=MARCH, period_end=D(2026, 3, 31)
        )
    information = services.monitoring_information_create(
        actor=coordinator_ops, case=working_case, period_start=MARCH, period_end=D(2026, 3, 31)
    )
    with pytest.raises(ValidationError):  # one per period
        services.monitoring_information_create(
            actor=coordinator_ops, case=working_case, period_start=MARCH, period_end=D(2026, 3, 31)
        )
    with pytest.raises(PermissionDenied):
        services.monitoring_information_update(actor=teacher_school, information=information, notes="x", conclusions="")
    services.monitoring_information_update(
        actor=coordinator_ops,
        information=information,
        notes="Rodzina korzysta z zasiłku celowego.",
        conclusions="Kontynuować.",
    )
    with pytest.raises(PermissionDenied):
        services.monitoring_information_review(actor=teacher_school, information=information, today=EARLY_APRIL)
    services.monitoring_information_review(actor=coordinator_ops, information=information, today=EARLY_APRIL)
    information.refresh_from_db()
    assert information.status == MonitoringInformation.Status.REVIEWED and information.reviewed_by == coordinator_ops
    assert information.notes == "Rodzina korzysta z zasiłku celowego."
    with pytest.raises(ValidationError):
        services.monitoring_information_update(
            actor=coordinator_ops, information=information, notes="x", conclusions=""
        )


def test_the_information_compiles_each_members_reports_of_the_period_in_order(
    working_case, teacher_school, coordinator_ops
):
    submit(working_case, teacher_school, month=APRIL, text="Kwiecień.", today=D(2026, 5, 1))
    submit(working_case, teacher_school, month=MARCH, text="Marzec.", today=D(2026, 5, 1))
    submit(working_case, teacher_school, month=D(2026, 5, 1), text="Maj.", today=D(2026, 5, 20))
    (entry,) = selectors.compiled_reports(working_case, MARCH, D(2026, 4, 30))
    assert entry["member"].user == teacher_school
    assert [r.progress for r in entry["reports"]] == ["Marzec.", "Kwiecień."]


def test_a_reviewed_period_is_no_longer_owed(working_case, teacher_school, coordinator_ops):
    information = services.monitoring_information_create(
        actor=coordinator_ops, case=working_case, period_start=MARCH, period_end=D(2026, 3, 31)
    )
    membership = GroupMembership.objects.get(user=teacher_school)
    services.missing_report_mark(
        actor=coordinator_ops, case=working_case, membership=membership, month=MARCH, note="Urlop", today=EARLY_APRIL
    )
    services.monitoring_information_review(actor=coordinator_ops, information=information, today=EARLY_APRIL)
    assert [o.month for o in selectors.reports_due_for(teacher_school, today=D(2026, 5, 6))] == [APRIL]


# --- Reminders -----------------------------------------------------------------------------------------


def test_reminders_come_three_days_before_then_once_when_overdue(working_case, teacher_school, coordinator_ops):
    assert services.monthly_reports_remind(today=D(2026, 4, 1)) == 0
    assert services.monthly_reports_remind(today=D(2026, 4, 2)) == 1
    assert services.monthly_reports_remind(today=D(2026, 4, 3)) == 0  # idempotent
    assert services.monthly_reports_remind(today=D(2026, 4, 5)) == 0
    assert services.monthly_reports_remind(today=D(2026, 4, 6)) == 2  # the member and the coordinator
    assert services.monthly_reports_remind(today=D(2026, 4, 7)) == 0
    mine = Notification.objects.filter(user=teacher_school).order_by("pk")
    assert [n.url for n in mine] == [f"/sprawy/{working_case.pk}/sprawozdania/2026/3/"] * 2
    assert Notification.objects.filter(user=coordinator_ops).count() == 1
    submit(working_case, teacher_school, month=APRIL, today=D(2026, 5, 3))
    assert services.monthly_reports_remind(today=D(2026, 5, 6)) == 0  # April reported, March already told


def test_reminders_name_the_case_reference_never_the_family(working_case, teacher_school, coordinator_ops):
    mail.outbox = []
    services.monthly_reports_remind(today=D(2026, 4, 2))
    services.monthly_reports_remind(today=D(2026, 4, 6))
    outbox_process()
    assert len(mail.outbox) == 3
    for notification in Notification.objects.all():
        assert working_case.reference in notification.message and "Kowalsk" not in notification.message
    for message in mail.outbox:
        assert "Kowalsk" not in message.subject + message.body and "Anna" not in message.body
