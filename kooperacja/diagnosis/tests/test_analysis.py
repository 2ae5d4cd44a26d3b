import pytest

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.diagnosis import services
from kooperacja.diagnosis.models import Analysis, Enclave

pytestmark = pytest.mark.django_db


def test_coordinator_creates_the_analysis_of_their_gmina(client, coordinator_ops, territory, institutions):
    login(client, coordinator_ops)
    response = client.post("/analiza/nowa/", {"unit": territory["gmina"].pk, "year": 2026, "is_current": "on"})
    analysis = Analysis.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/analiza/{analysis.pk}/"
    assert analysis.owner == institutions["ops"] and analysis.is_current
    assert AuditEvent.objects.filter(action="create", object_type="diagnosis.analysis").exists()
    assert client.get(f"/analiza/{analysis.pk}/").status_code == 200


def test_nobody_prepares_the_analysis_of_another_gmina(client, coordinator_ops, territory):
    login(client, coordinator_ops)
    response = client.post("/analiza/nowa/", {"unit": territory["other_gmina"].pk, "year": 2026})
    assert response.status_code == 400
    assert "własnej gminy" in response.content.decode()
    assert not Analysis.objects.exists()


def test_second_analysis_of_the_same_year_is_refused_in_polish(client, coordinator_ops, analysis, territory):
    login(client, coordinator_ops)
    response = client.post("/analiza/nowa/", {"unit": territory["gmina"].pk, "year": 2026, "title": "Druga"})
    assert response.status_code == 400
    assert "Druga" in response.content.decode()  # what the user typed stays in the form
    assert Analysis.objects.count() == 1


def test_next_years_analysis_becomes_current_and_starts_from_last_years_text(coordinator_ops, analysis):
    analysis.transport = "PKS co godzinę"
    analysis.save()
    Enclave.objects.create(
        analysis=analysis, name="Osiedle popegeerowskie", location="Wielka Łąka", isolation_reason="brak dojazdu"
    )
    next_year = services.analysis_create(actor=coordinator_ops, unit=analysis.unit, year=2027)
    analysis.refresh_from_db()
    assert next_year.is_current and not analysis.is_current
    assert next_year.transport == "PKS co godzinę"
    assert next_year.enclaves.get().name == "Osiedle popegeerowskie"
    assert analysis.enclaves.count() == 1


def test_who_sees_the_analysis(client, analysis, teacher_school, worker_other_gmina, animator_rops, animator_pcpr):
    for user, status in ((teacher_school, 200), (animator_pcpr, 200), (animator_rops, 200), (worker_other_gmina, 404)):
        client.logout()
        login(client, user)
        assert client.get(f"/analiza/{analysis.pk}/").status_code == status, user
        listed = analysis in client.get("/analiza/").context["analyses"]
        assert listed == (status == 200)


def test_only_the_ops_coordinator_edits(client, analysis, teacher_school):
    login(client, teacher_school)
    assert client.get(f"/analiza/{analysis.pk}/edycja/").status_code == 403


def test_dashboard_invites_the_school_to_answer_an_open_survey(client, analysis, institutions, teacher_school):
    import datetime

    from kooperacja.diagnosis.models import SurveyRound

    survey = SurveyRound.objects.create(unit=analysis.unit, title="Runda I", held_on=datetime.date(2026, 3, 1))
    survey.institutions.set([institutions["ops"], institutions["school"]])
    login(client, teacher_school)
    html = client.get("/pulpit/").content.decode()
    assert f"/analiza/ankiety/{survey.pk}/" in html and "jeszcze" in html


def test_a_team_institution_from_elsewhere_reads_the_analysis(
    client, analysis, cooperation, coordinator_ops, worker_other_gmina
):
    """An institution of another county that joined the gmina's team (e.g. a regional NGO) reads its analysis."""
    from kooperacja.cooperation.team import services as team_services

    login(client, worker_other_gmina)
    assert client.get(f"/analiza/{analysis.pk}/").status_code == 404
    team = team_services.team_create(actor=coordinator_ops, cooperation=cooperation)
    team_services.team_member_add(
        actor=coordinator_ops, team=team, institution=worker_other_gmina.memberships.get().institution
    )
    assert client.get(f"/analiza/{analysis.pk}/").status_code == 200
    assert analysis in client.get("/analiza/").context["analyses"]
    assert client.get(f"/analiza/{analysis.pk}/edycja/").status_code == 403
