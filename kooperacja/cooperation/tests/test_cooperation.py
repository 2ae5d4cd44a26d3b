import datetime

import pytest

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.cooperation import services, steps
from kooperacja.cooperation.models import Cooperation, CooperationRole, Step
from kooperacja.cooperation.selectors import cooperation_timeline

pytestmark = pytest.mark.django_db


def test_urban_rural_cooperation_gets_the_steps_of_002_on_18_months(cooperation, coordinator_ops):
    codes = list(cooperation.steps.order_by("order").values_list("code", "kind"))
    assert codes == [
        ("1", "analysis"),
        ("2", "application"),
        ("3", "meeting_authorities"),
        ("4", "meeting_institutions"),
        ("5", "agreement"),
        ("6", "cases"),
        ("7", "team_plan"),
        ("8", "evaluation"),
    ]
    assert cooperation.duration_months == 18
    first, last = cooperation.steps.first(), cooperation.steps.last()
    assert first.planned_start == datetime.date(2026, 3, 1)
    assert last.planned_end == datetime.date(2027, 8, 31)  # the 18th month ends the summary
    work = cooperation.steps.get(code="6")
    assert (work.planned_start, work.planned_end) == (datetime.date(2026, 6, 1), datetime.date(2027, 6, 30))
    assert CooperationRole.objects.get(cooperation=cooperation).user == coordinator_ops
    assert AuditEvent.objects.filter(action="create", object_type="cooperation.cooperation").exists()


@pytest.mark.parametrize(
    "variant, cycle, codes",
    [
        ("rural", "first", ["0", "1", "2", "3", "4", "6.1", "6.2", "7", "8"]),
        ("rural", "continuation", ["1", "2", "3", "4", "5.1", "5.2", "6", "7"]),
    ],
)
def test_rural_templates_follow_000(territory, coordinator_ops, variant, cycle, codes):
    cooperation = services.cooperation_create(
        actor=coordinator_ops, unit=territory["gmina"], name="G-PZK", variant=variant, cycle=cycle
    )
    assert list(cooperation.steps.values_list("code", flat=True)) == codes
    stages = set(cooperation.steps.values_list("stage", flat=True))
    assert stages <= set(steps.STAGES)


def test_longer_work_phase_moves_the_steps_not_done(cooperation, coordinator_ops):
    analysis_step = cooperation.steps.get(kind="analysis")
    services.step_update(actor=coordinator_ops, step=analysis_step, data={"status": "done"})
    services.cooperation_update(actor=coordinator_ops, cooperation=cooperation, data={"work_months": 16})
    assert cooperation.duration_months == 21
    assert cooperation.steps.last().planned_end == datetime.date(2027, 11, 30)
    analysis_step.refresh_from_db()
    assert analysis_step.done_on is not None  # done steps keep their dates


def test_timeline_shows_today_the_current_step_and_what_is_late(cooperation, coordinator_ops):
    timeline = cooperation_timeline(cooperation, today=datetime.date(2026, 6, 15))
    assert [s.code for s in timeline.late] == ["1", "2", "3", "4", "5"]
    assert timeline.current.code == "1"
    assert 0 < timeline.today_percent < 100
    services.step_update(actor=coordinator_ops, step=cooperation.steps.get(code="1"), data={"status": "done"})
    services.step_mark(actor=coordinator_ops, cooperation=cooperation, kind="application", status="in_progress")
    timeline = cooperation_timeline(cooperation, today=datetime.date(2026, 6, 15))
    assert timeline.current.code == "2" and "1" not in [s.code for s in timeline.late]


def test_step_marked_done_gets_its_date_and_reopened_loses_it(cooperation, coordinator_ops):
    step = services.step_mark(actor=coordinator_ops, cooperation=cooperation, kind="analysis")
    assert step.status == Step.Status.DONE and step.done_on == datetime.date.today()
    step = services.step_update(actor=coordinator_ops, step=step, data={"status": "in_progress"})
    assert step.done_on is None


def test_coordinator_starts_a_cooperation_through_the_page(client, coordinator_ops, territory):
    login(client, coordinator_ops)
    response = client.post(
        "/kooperacja/nowa/",
        {
            "unit": territory["gmina"].pk,
            "name": "Kooperacja 2026",
            "variant": "urban_rural",
            "cycle": "first",
            "scope": "whole",
            "start_date": "2026-03-01",
            "organisational_months": 3,
            "work_months": 13,
            "summary_months": 2,
            "other_gminas": "",
        },
    )
    cooperation = Cooperation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kooperacja/{cooperation.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Analiza gminy" in page and "<svg" in page


def test_nobody_starts_a_cooperation_of_another_gmina(client, coordinator_ops, territory):
    login(client, coordinator_ops)
    response = client.post(
        "/kooperacja/nowa/",
        {
            "unit": territory["other_gmina"].pk,
            "name": "Obca",
            "variant": "urban_rural",
            "cycle": "first",
            "scope": "whole",
            "start_date": "2026-03-01",
            "organisational_months": 3,
            "work_months": 13,
            "summary_months": 2,
        },
    )
    assert response.status_code == 400 and not Cooperation.objects.exists()
    assert "Obca" in response.content.decode()


def test_inter_municipal_cooperation_names_its_other_gminas(client, coordinator_ops, territory):
    login(client, coordinator_ops)
    response = client.post(
        "/kooperacja/nowa/",
        {
            "unit": territory["gmina"].pk,
            "name": "Międzygminna",
            "variant": "urban_rural",
            "cycle": "first",
            "scope": "whole",
            "start_date": "2026-03-01",
            "organisational_months": 3,
            "work_months": 13,
            "summary_months": 2,
            "other_gminas": "0415011, 9999999",
        },
    )
    assert response.status_code == 400 and "9999999" in response.content.decode()


def test_who_sees_the_cooperation(
    client,
    cooperation,
    coordinator_ops,
    institutions,
    director_school,
    teacher_school,
    worker_other_gmina,
    animator_rops,
    animator_pcpr,
):
    from kooperacja.cooperation.agreement.services import agreement_create, party_add

    agreement = agreement_create(actor=coordinator_ops, cooperation=cooperation)
    party_add(actor=coordinator_ops, agreement=agreement, institution=institutions["school"])
    step = cooperation.steps.first()
    readers = ((director_school, 200), (animator_pcpr, 200), (animator_rops, 200))
    strangers = ((teacher_school, 404), (worker_other_gmina, 404))  # a party's worker is not its signatory
    for user, status in readers + strangers:
        client.logout()
        login(client, user)
        assert client.get(f"/kooperacja/{cooperation.pk}/").status_code == status, user
        assert (cooperation in client.get("/kooperacja/").context["cooperations"]) == (status == 200)
        if user == director_school:  # reads, but does not run the cooperation
            assert client.post(f"/kooperacja/{cooperation.pk}/kroki/{step.pk}/", {"status": "done"}).status_code == 403


def test_step_form_keeps_input_and_explains_dates(client, cooperation, coordinator_ops):
    step = cooperation.steps.get(code="3")
    login(client, coordinator_ops)
    response = client.post(
        f"/kooperacja/{cooperation.pk}/kroki/{step.pk}/",
        {
            "status": "in_progress",
            "planned_start": "2026-05-10",
            "planned_end": "2026-05-01",
            "responsible": "K. K.",
        },
    )
    assert response.status_code == 400 and 'value="K. K."' in response.content.decode()


def test_detail_page_in_constant_queries(client, cooperation, coordinator_ops, django_assert_max_num_queries):
    login(client, coordinator_ops)
    with django_assert_max_num_queries(25):
        assert client.get(f"/kooperacja/{cooperation.pk}/").status_code == 200


def test_people_in_roles(client, cooperation, coordinator_ops, animator_pcpr):
    login(client, coordinator_ops)
    client.post(f"/kooperacja/{cooperation.pk}/osoby/", {"email": animator_pcpr.email, "role": "pcpr_animator"})
    assert cooperation.roles.filter(user=animator_pcpr, role="pcpr_animator").exists()
    response = client.post(
        f"/kooperacja/{cooperation.pk}/osoby/", {"email": "nikt@example.org", "role": "authority"}, follow=True
    )
    assert response.status_code == 200 and cooperation.roles.count() == 2


def test_dashboard_says_where_each_cooperation_stands(
    client, cooperation, coordinator_ops, django_assert_max_num_queries
):
    login(client, coordinator_ops)
    with django_assert_max_num_queries(30):
        page = client.get("/pulpit/").content.decode()
    assert "Kooperacja w Kowalewie Pomorskim" in page and "Teraz:" in page and "1. Analiza gminy" in page
