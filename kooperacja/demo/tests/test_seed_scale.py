"""The national-scale data set, at the scales a test can afford: one gmina and two. The register slice is the
conftest's: voivodeship 04 → county 0405 → gmina 040504, and county 0415 → gmina 041501."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django_otp import DEVICE_ID_SESSION_KEY
from stdnum.pl import pesel

from conftest import login
from kooperacja.accounts.models import Membership, Role, User
from kooperacja.cases.models import (
    Case,
    CaseMessage,
    Evaluation,
    MonitoringInformation,
    MonthlyReport,
    Person,
    PlanTask,
    WorkPlan,
)
from kooperacja.cooperation.models import Agreement, Cooperation, Team
from kooperacja.demo.models import ScaleDataset
from kooperacja.demo.scale import SeedRefused, bench_subjects, seed_scale
from kooperacja.demo.scale.texts import PASSWORD, SURNAMES
from kooperacja.diagnosis.models import Analysis, ProblemMapEntry, SurveyAnswer
from kooperacja.directory.models import Institution, Service
from kooperacja.directory.search import search_text_refresh
from kooperacja.meetings.models import ActionItem, Invitation, Meeting, Minutes
from kooperacja.notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def seed(scale="1", **kwargs):
    lines = []
    dataset = seed_scale(scale=scale, say=lines.append, **kwargs)
    return dataset, lines


def snapshot() -> list:
    """The data as people read it (decrypted), without ids: equal for equal seeds."""
    return [
        sorted(Case.objects.values_list("reference", "status", "opened_on", "closed_on")),
        sorted((p.case.reference, p.first_name, p.last_name, p.pesel, p.relation) for p in Person.objects.all()),
        sorted((t.plan.case.reference, t.description, t.status, t.deadline) for t in PlanTask.objects.all()),
        sorted((r.case.reference, str(r.month), r.progress) for r in MonthlyReport.objects.all()),
        sorted(Institution.objects.values_list("name", "kind")),
        sorted(User.objects.values_list("email", "first_name", "last_name")),
    ]


def test_one_gmina_holds_a_cooperation_at_work_with_cases_at_every_stage(territory):
    dataset, lines = seed("1")

    assert dataset.is_finished and dataset.gminas == 1 and dataset.first_gmina == "040504"
    assert any("gminas 1/1" in line for line in lines) and "Finished" in lines[-1]
    roles = set(Membership.objects.values_list("role", flat=True))
    assert {
        Role.COORDINATOR,
        Role.CASE_WORKER,
        Role.DIRECTOR,
        Role.PCPR_ANIMATOR,
        Role.ROPS_ANIMATOR,
        Role.ADMINISTRATOR,
    } <= roles
    cooperation = Cooperation.objects.get(unit__code="040504")
    assert cooperation.status == "active" and cooperation.rops_applications.get().status == "answered"
    assert Agreement.objects.get(cooperation=cooperation).status == "signed"
    assert Team.objects.get(cooperation=cooperation).members.count() >= 5
    assert set(Case.objects.values_list("status", flat=True)) == set(Case.Status.values)
    assert Institution.objects.filter(unit__code="040504").count() >= 20
    assert Institution.objects.filter(unit__code="0405", kind="pcpr").count() == 1
    assert Institution.objects.filter(unit__code="04", kind="rops").count() == 1
    assert Service.objects.count() > Institution.objects.count()
    assert search_text_refresh() == 0  # the search documents are already those the directory would write
    plan = WorkPlan.objects.filter(case__status="monitoring", agreed_on__isnull=False).first()
    assert plan.goals.exists() and plan.tasks.exists() and plan.acknowledgements.filter(for_family=True).exists()
    assert MonthlyReport.objects.count() > Case.objects.count()
    assert MonitoringInformation.objects.filter(status="reviewed").exists()
    assert Meeting.objects.filter(case__isnull=False, status="held").exists()
    assert Meeting.objects.filter(cooperation=cooperation, kind="team", status="planned").exists()
    assert Invitation.objects.exists() and Minutes.objects.filter(approved_at__isnull=False).exists()
    assert CaseMessage.objects.exists() and Evaluation.objects.filter(is_final=True).exists()
    assert ActionItem.objects.filter(done_at__isnull=False).exists()
    assert Notification.objects.filter(read_at__isnull=True).count() == User.objects.count() - 3  # staff only
    analysis = Analysis.objects.get(unit__code="040504", is_current=True)
    assert ProblemMapEntry.objects.filter(unit=analysis.unit).count() >= 4 * 13
    assert SurveyAnswer.objects.filter(round__unit=analysis.unit).exists()


def test_bench_subjects_name_existing_objects_of_the_first_gmina(territory):
    seed("1")

    subjects = bench_subjects()

    for key in ("coordinator_email", "case_worker_email", "rops_animator_email", "pcpr_animator_email"):
        assert User.objects.filter(email=subjects[key]).exists(), key
    assert User.objects.filter(email=subjects["director_email"], memberships__role=Role.DIRECTOR).exists()
    assert User.objects.filter(email=subjects["admin_email"], memberships__role=Role.ADMINISTRATOR).exists()
    case = Case.objects.get(pk=subjects["plan_case_id"])
    assert case.status == "monitoring" and case.monthly_reports.exists()
    assert case.work_plans.filter(superseded_at__isnull=True, agreed_on__isnull=False).exists()
    assert MonitoringInformation.objects.get(pk=subjects["monitoring_id"]).case == case
    assert Meeting.objects.get(pk=subjects["meeting_id"]).cooperation_id == subjects["cooperation_id"]
    assert Institution.objects.get(pk=subjects["institution_id"]).kind == "ops"
    assert Analysis.objects.get(pk=subjects["analysis_id"]).unit.code == subjects["gmina_code"] == "040504"
    assert subjects["voivodeship_code"] == "04" and subjects["password"] == PASSWORD


def test_two_gminas_each_get_their_own_team_and_the_first_one_is_the_same_as_alone(territory):
    seed("1")
    alone = sorted(Case.objects.values_list("reference", "status"))
    seed("2", replace=True)

    assert ScaleDataset.objects.get().gminas == 2
    assert Analysis.objects.count() == 2 and Cooperation.objects.filter(unit__code="041501").exists()
    assert Institution.objects.filter(kind="ops").count() == 2
    assert User.objects.filter(email__startswith="koordynator.").count() == 2
    assert User.objects.filter(email__startswith="pcpr.").count() == 2  # two counties
    assert User.objects.filter(email__startswith="rops.").count() == 1  # one voivodeship
    assert sorted(Case.objects.filter(cooperation__unit__code="040504").values_list("reference", "status")) == alone


def test_refuses_a_database_with_real_data(territory):
    UserFactory(email="pracownik@ops.example.pl")

    with pytest.raises(SeedRefused):
        seed("1")
    with pytest.raises(CommandError):
        call_command("seed_scale", "--scale", "1")
    assert not ScaleDataset.objects.exists() and not Cooperation.objects.exists()


def test_refuses_when_real_accounts_were_added_to_a_seeded_database(territory):
    seed("1")
    UserFactory(email="pracownik@ops.example.pl")

    with pytest.raises(SeedRefused):
        seed("1", replace=True)


def test_the_same_data_set_twice_is_left_as_it_is_and_another_needs_replace(territory):
    seed("1")
    cases = Case.objects.count()

    dataset, lines = seed("1")
    assert "already there" in lines[-1] and Case.objects.count() == cases
    with pytest.raises(SeedRefused):
        seed("2")


def test_an_interrupted_run_is_cleared_and_seeded_again(territory):
    seed("1")
    before = snapshot()
    ScaleDataset.objects.update(finished_at=None, counts={})  # as a run stopped half-way leaves it
    Case.objects.filter(status="closed").update(status="monitoring")

    dataset, lines = seed("1")

    assert dataset.is_finished and ScaleDataset.objects.count() == 1
    assert any("Cleared" in line for line in lines)
    assert snapshot() == before


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(territory):
    seed("1", seed=7)
    first = snapshot()
    seed("1", seed=7, replace=True)
    assert snapshot() == first
    seed("1", seed=8, replace=True)
    assert snapshot() != first


def test_personal_data_is_encrypted_at_rest(territory):
    seed("1")
    person = Person.objects.filter(relation="main").exclude(pesel="").first()
    surnames = {name for pair in SURNAMES for name in pair}

    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, last_name, pesel, address FROM cases_person")
        raw = cursor.fetchall()
        cursor.execute("SELECT progress FROM cases_monthlyreport WHERE progress <> ''")
        reports = [row[0] for row in cursor.fetchall()]

    assert person.last_name in surnames and pesel.is_valid(person.pesel)  # readable through the model
    stored = " ".join(value for row in raw for value in row if value)
    assert not any(surname in stored for surname in surnames)
    assert person.pesel not in stored
    assert reports and all(value.startswith("gAAAA") for value in reports)  # Fernet tokens


def test_every_seeded_account_logs_in_with_the_password_and_a_totp_code(territory, client):
    seed("1")

    users = list(User.objects.all())
    assert len(users) >= 8
    for user in users:
        client.logout()
        login(client, user, password=PASSWORD)
        assert client.session["_auth_user_id"] == str(user.pk)
        assert client.session[DEVICE_ID_SESSION_KEY]  # the second factor was verified


def test_the_command_seeds_from_a_chosen_gmina_and_prints_its_progress(territory, capsys):
    call_command("seed_scale", "--scale", "1", "--gmina", "041501")

    dataset = ScaleDataset.objects.get()
    assert dataset.first_gmina == "041501" and dataset.is_finished
    assert Cooperation.objects.filter(unit__code="041501", status="active").exists()
    assert not Cooperation.objects.filter(unit__code="040504").exists()
    assert "gminas 1/1" in capsys.readouterr().out
    assert bench_subjects()["gmina_code"] == "041501"
