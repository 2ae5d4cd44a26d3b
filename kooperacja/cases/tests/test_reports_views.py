"""The reports tab through HTTP: who reaches what (404 for anyone outside the case), the member's report form,
annex 7 compiled, reviewed and printed, and query counts that do not grow with the reports."""

import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from conftest import login
from kooperacja.cases.models import Case, GroupMembership, MonitoringInformation, MonthlyReport
from kooperacja.cases.reports import selectors, services

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def this_month():
    return selectors.month_start(timezone.localdate())


def report_url(case, month):
    return f"/sprawy/{case.pk}/sprawozdania/{month.year}/{month.month}/"


def test_a_member_writes_and_corrects_this_months_report(client, case, teacher_school, this_month):
    login(client, teacher_school)
    page = client.get(f"/sprawy/{case.pk}/sprawozdania/")
    assert page.status_code == 200 and report_url(case, this_month) in page.text
    assert client.get(report_url(case, this_month)).status_code == 200
    data = {
        "progress": "Uczeń chodzi na zajęcia wyrównawcze.",
        "new_information": "Mama była na zebraniu.",
        "difficulties": "",
    }
    assert client.post(report_url(case, this_month), data).status_code == 302
    data["progress"] = "Zajęcia dwa razy w tygodniu."
    assert client.post(report_url(case, this_month), data).status_code == 302
    report = MonthlyReport.objects.get()
    assert report.progress == "Zajęcia dwa razy w tygodniu." and report.membership.user == teacher_school
    assert "Zajęcia dwa razy w tygodniu." in client.get(f"/sprawy/{case.pk}/sprawozdania/").text
    assert client.post(report_url(case, this_month), {"progress": "", "new_information": ""}).status_code == 400
    assert client.get(f"/sprawy/{case.pk}/sprawozdania/2026/13/").status_code == 404


def test_the_coordinator_reads_every_report_but_writes_none(client, case, teacher_school, coordinator_ops, this_month):
    services.monthly_report_submit(
        actor=teacher_school, case=case, month=this_month, progress="Postęp pedagoga.", new_information="Nic nowego."
    )
    login(client, coordinator_ops)
    assert "Postęp pedagoga." in client.get(f"/sprawy/{case.pk}/sprawozdania/").text
    assert client.get(report_url(case, this_month)).status_code == 403
    response = client.post(report_url(case, this_month), {"progress": "Nadpisane.", "new_information": "x"})
    assert response.status_code == 403 and MonthlyReport.objects.get().progress == "Postęp pedagoga."


def test_outsiders_and_members_who_left_reach_nothing(
    client, case, teacher_school, coordinator_ops, worker_other_gmina, animator_rops, this_month
):
    information = services.monitoring_information_create(
        actor=coordinator_ops, case=case, period_start=this_month, period_end=selectors.month_end(this_month)
    )
    GroupMembership.objects.filter(user=teacher_school).update(left_on=timezone.localdate())
    urls = [
        f"/sprawy/{case.pk}/sprawozdania/",
        report_url(case, this_month),
        f"/sprawy/{case.pk}/sprawozdania/monitoring/{information.pk}/",
        f"/sprawy/{case.pk}/sprawozdania/monitoring/{information.pk}/informacja.pdf",
    ]
    for user in (worker_other_gmina, animator_rops, teacher_school):
        other = Client()
        login(other, user)
        for url in urls:
            assert other.get(url).status_code == 404, (user, url)
        assert other.post(f"/sprawy/{case.pk}/sprawozdania/monitoring/nowa/", {}).status_code == 404
        assert other.post(f"/sprawy/{case.pk}/sprawozdania/monitoring/{information.pk}/zatwierdz/").status_code == 404


def test_a_member_reads_annex_7_but_does_not_compile_or_review_it(
    client, case, teacher_school, coordinator_ops, this_month
):
    information = services.monitoring_information_create(
        actor=coordinator_ops, case=case, period_start=this_month, period_end=selectors.month_end(this_month)
    )
    login(client, teacher_school)
    assert client.get(f"/sprawy/{case.pk}/sprawozdania/monitoring/{information.pk}/").status_code == 200
    assert (
        client.post(
            f"/sprawy/{case.pk}/sprawozdania/monitoring/{information.pk}/", {"notes": "x", "conclusions": ""}
        ).status_code
        == 403
    )
    assert client.post(f"/sprawy/{case.pk}/sprawozdania/monitoring/{information.pk}/zatwierdz/").status_code == 403
    assert client.post(f"/sprawy/{case.pk}/sprawozdania/monitoring/nowa/", {}).status_code == 403
    information.refresh_from_db()
    assert information.status == MonitoringInformation.Status.DRAFT


@pytest.fixture
def last_month(case):
    """The month before this one, with the case opened and the pedagogue in its group from its first day."""
    month = selectors.previous_month(timezone.localdate())
    Case.objects.filter(pk=case.pk).update(opened_on=month)
    GroupMembership.objects.filter(group__cases=case).update(joined_on=month)
    case.refresh_from_db()
    return month


def test_coordinator_compiles_reviews_and_prints_annex_7(client, case, teacher_school, coordinator_ops, last_month):
    this_month = last_month  # the period reviewed has ended
    services.monthly_report_submit(
        actor=teacher_school,
        case=case,
        month=this_month,
        progress="Uczeń poprawił frekwencję do dziewięćdziesięciu procent.",
        new_information="Mama podjęła pracę.",
    )
    login(client, coordinator_ops)
    base = f"/sprawy/{case.pk}/sprawozdania/"
    assert (
        client.post(base + "monitoring/nowa/", {"period_start": "2026-05-02", "period_end": "2026-05-01"}).status_code
        == 400
    )
    response = client.post(
        base + "monitoring/nowa/",
        {"period_start": this_month.isoformat(), "period_end": selectors.month_end(this_month).isoformat()},
    )
    information = MonitoringInformation.objects.get()
    assert response["Location"] == f"{base}monitoring/{information.pk}/"
    page = client.get(response["Location"])
    assert "Uczeń poprawił frekwencję" in page.text and "Kowalska" in page.text
    response = client.post(
        response["Location"], {"notes": "Rodzina korzysta z zasiłku celowego.", "conclusions": "Kontynuować zajęcia."}
    )
    assert response.status_code == 302
    assert client.post(f"{base}monitoring/{information.pk}/zatwierdz/").status_code == 302
    information.refresh_from_db()
    assert information.is_reviewed and information.reviewed_by == coordinator_ops
    text = pdf_text(client.get(f"{base}monitoring/{information.pk}/informacja.pdf"))
    for expected in (case.reference, "Kowalska", "frekwencję", "zasiłku celowego", "Kontynuować zajęcia", "Pedagog"):
        assert expected in text, expected
    quarter = client.get(base + "?okres=kwartal").text
    start, _ = selectors.last_full_quarter(timezone.localdate())
    assert start.isoformat() in quarter


def test_a_reviewed_month_shows_the_report_read_only(client, case, teacher_school, coordinator_ops, last_month):
    this_month = last_month  # the period reviewed has ended
    services.monthly_report_submit(
        actor=teacher_school, case=case, month=this_month, progress="Stary tekst.", new_information="x"
    )
    information = services.monitoring_information_create(
        actor=coordinator_ops, case=case, period_start=this_month, period_end=selectors.month_end(this_month)
    )
    services.monitoring_information_review(actor=coordinator_ops, information=information)
    login(client, teacher_school)
    page = client.get(report_url(case, this_month))
    assert page.status_code == 200 and "disabled" in page.text
    client.post(report_url(case, this_month), {"progress": "Nowy tekst.", "new_information": "y"})
    assert MonthlyReport.objects.get().progress == "Stary tekst."


def test_pages_run_a_constant_number_of_queries(
    client, case, teacher_school, coordinator_ops, institutions, django_assert_max_num_queries
):
    from tests.factories import UserFactory

    Case.objects.filter(pk=case.pk).update(status=Case.Status.MONITORING, opened_on=datetime.date(2026, 1, 5))
    GroupMembership.objects.filter(user=teacher_school).update(joined_on=datetime.date(2026, 1, 5))
    information = services.monitoring_information_create(
        actor=coordinator_ops, case=case, period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31)
    )

    def add_reports(months):
        member = UserFactory()
        membership = GroupMembership.objects.create(
            group=case.groups.get(), user=member, institution=institutions["school"]
        )
        for month in months:
            MonthlyReport.objects.create(
                case=case, membership=membership, month=datetime.date(2026, month, 1), progress="p", new_information="n"
            )

    add_reports([1])
    login(client, coordinator_ops)
    urls = [f"/sprawy/{case.pk}/sprawozdania/", f"/sprawy/{case.pk}/sprawozdania/monitoring/{information.pk}/"]
    counts = []
    for url in urls:
        with django_assert_max_num_queries(40) as few:
            assert client.get(url).status_code == 200
        counts.append(len(few.captured_queries))
    for _ in range(3):
        add_reports(range(1, 10))
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_report_form_lists_the_members_tasks_of_the_current_plan(
    client, case, teacher_school, coordinator_ops, institutions, this_month
):
    from kooperacja.cases.models import PlanTask, WorkPlan

    plan = WorkPlan.objects.create(case=case, created_by=coordinator_ops)
    PlanTask.objects.create(
        plan=plan, description="Zajęcia wyrównawcze z matematyki", institution=institutions["school"]
    )
    PlanTask.objects.create(plan=plan, description="Zasiłek celowy", institution=institutions["ops"])
    login(client, teacher_school)
    page = client.get(report_url(case, this_month)).text
    assert "Zajęcia wyrównawcze z matematyki" in page and "Zasiłek celowy" not in page
