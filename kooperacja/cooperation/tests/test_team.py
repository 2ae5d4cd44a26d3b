"""The team (R-26, R-39): members, the schedule of meetings, the plan of work, and what membership opens."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from pypdf import PdfReader

from conftest import login
from kooperacja.accounts.access import AnalysisAccess, cooperation_access_to
from kooperacja.cooperation.agreement import services as agreement_services
from kooperacja.cooperation.models import Area, Team, TeamActivity, TeamMember
from kooperacja.cooperation.team import selectors, services

TODAY = datetime.date.today()


@pytest.fixture
def team(cooperation, coordinator_ops, institutions):
    agreement = agreement_services.agreement_create(actor=coordinator_ops, cooperation=cooperation)
    for key, name in (("ops", "Anna Kierownik"), ("school", "Jan Dyrektor")):
        party = agreement_services.party_add(
            actor=coordinator_ops,
            agreement=agreement,
            institution=institutions[key],
            signatory_name=name,
            signatory_function="dyrektor",
        )
        agreement_services.party_sign(actor=coordinator_ops, party=party, signed_on=TODAY)
    return agreement_services.agreement_sign(actor=coordinator_ops, agreement=agreement)


def test_team_institutions_are_the_active_members(team, cooperation, institutions, coordinator_ops):
    assert selectors.team_institution_ids(cooperation) == {institutions["ops"].pk, institutions["school"].pk}
    assert selectors.cooperations_with_institutions([institutions["school"].pk]) == [cooperation.pk]
    assert selectors.cooperations_with_institutions([]) == []
    member = team.members.get(institution=institutions["school"])
    services.team_member_update(actor=coordinator_ops, member=member, data={"left_on": TODAY})
    assert selectors.team_institution_ids(cooperation) == {institutions["ops"].pk}
    assert selectors.cooperations_with_institutions([institutions["school"].pk]) == []


def test_a_member_institution_from_elsewhere_reads_the_cooperation_through_its_representative(
    team, cooperation, institutions, coordinator_ops, worker_other_gmina, teacher_school
):
    assert cooperation_access_to(worker_other_gmina, cooperation) == AnalysisAccess.NONE
    member = services.team_member_add(
        actor=coordinator_ops, team=team, institution=institutions["ops_other"], representative_user=worker_other_gmina
    )
    assert member.membership == TeamMember.Membership.SUPPLEMENTARY
    cooperation.__dict__.pop("_access_cache", None)
    assert cooperation_access_to(worker_other_gmina, cooperation) == AnalysisAccess.READ
    assert cooperation_access_to(teacher_school, cooperation) == AnalysisAccess.NONE  # not the school's representative
    with pytest.raises(ValidationError) as error:
        services.team_member_add(actor=coordinator_ops, team=team, institution=institutions["ops_other"])
    assert error.value.message_dict["institution"] == [gettext("The institution is already a member of the team.")]
    with pytest.raises(ValidationError):
        services.team_member_update(
            actor=coordinator_ops, member=member, data={"left_on": member.joined_on - datetime.timedelta(days=1)}
        )


def test_the_team_meets_at_least_quarterly(team, coordinator_ops):
    services.team_schedule_update(
        actor=coordinator_ops,
        team=team,
        data={
            "meeting_frequency": Team.Frequency.QUARTERLY,
            "meeting_weekday": Team.Weekday.WEDNESDAY,
            "meeting_time": datetime.time(11, 0),
        },
    )
    team.refresh_from_db()
    assert team.meeting_frequency == "quarterly" and team.meeting_weekday == 2
    with pytest.raises(ValidationError) as error:
        services.team_schedule_update(actor=coordinator_ops, team=team, data={"meeting_frequency": "yearly"})
    assert error.value.message_dict["meeting_frequency"] == [gettext("The team meets at least once a quarter.")]


def test_the_plan_of_work(team, coordinator_ops):
    services.team_goal_add(actor=coordinator_ops, team=team, area=Area.INSTITUTIONS, text="Wzrost kompetencji")
    activity = services.team_activity_add(
        actor=coordinator_ops,
        team=team,
        area=Area.INSTITUTIONS,
        kind=TeamActivity.Kind.SUPERVISION,
        title="Superwizja zespołu",
        planned_on=TODAY,
    )
    with pytest.raises(ValidationError):
        services.team_activity_update(actor=coordinator_ops, activity=activity, data={"outcome": "Dobrze"})
    services.team_activity_update(
        actor=coordinator_ops,
        activity=activity,
        data={"done_on": TODAY, "outcome": "Omówiono trudne sprawy", "hours": 3, "participants": "8 osób"},
    )
    activity.refresh_from_db()
    assert activity.done_on == TODAY and activity.outcome == "Omówiono trudne sprawy"
    with pytest.raises(ValidationError):
        services.team_activity_add(
            actor=coordinator_ops,
            team=team,
            area=Area.GROUPS,
            kind="local_project",
            title="Projekt",
            done_on=TODAY + datetime.timedelta(days=3),
        )


def url(cooperation, rest: str = "") -> str:
    return f"/kooperacja/{cooperation.pk}/zespol/{rest}"


def test_the_team_page_before_the_agreement(client, cooperation, coordinator_ops):
    login(client, coordinator_ops)
    response = client.get(url(cooperation))
    assert response.status_code == 200
    assert client.post(url(cooperation, "cele/nowy/"), {"area": "families", "text": "X"}).status_code == 404


def test_access_to_the_team(client, cooperation, team, worker_other_gmina, teacher_school, director_school):
    for stranger in (worker_other_gmina, teacher_school):  # a member institution's worker is not the team
        login(client, stranger)
        assert client.get(url(cooperation)).status_code == 404
        client.logout()
    login(client, director_school)
    response = client.get(url(cooperation))
    assert response.status_code == 200 and "Jan Dyrektor" in response.content.decode()
    assert "zespol/harmonogram/" not in response.content.decode()
    assert client.post(url(cooperation, "harmonogram/"), {"meeting_frequency": "monthly"}).status_code == 403
    assert client.post(url(cooperation, "dzialania/nowe/"), {}).status_code == 403


def test_the_coordinator_manages_the_team(client, cooperation, team, coordinator_ops, institutions):
    login(client, coordinator_ops)
    schedule = {"meeting_frequency": "bimonthly", "meeting_weekday": "1", "meeting_time": "10:30"}
    response = client.post(url(cooperation, "harmonogram/"), schedule)
    assert response.status_code == 302
    assert client.post(url(cooperation, "harmonogram/"), {"meeting_frequency": "yearly"}).status_code == 400
    response = client.post(
        url(cooperation, "czlonkowie/nowy/"),
        {
            "institution": institutions["pcpr"].pk,
            "representative_name": "Paweł Powiatowy",
            "membership": "supplementary",
            "joined_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    assert (
        client.post(url(cooperation, "cele/nowy/"), {"area": "families", "text": "Wzmocnienie rodzin"}).status_code
        == 302
    )
    response = client.post(
        url(cooperation, "dzialania/nowe/"),
        {
            "area": "institutions",
            "kind": "study_visit",
            "title": "Wizyta studyjna w Toruniu",
            "planned_on": TODAY.isoformat(),
            "participants": "",
            "outcome": "",
        },
    )
    assert response.status_code == 302
    activity = team.activities.get()
    member = team.members.get(institution=institutions["pcpr"])
    assert client.get(url(cooperation, f"dzialania/{activity.pk}/")).status_code == 200
    assert client.get(url(cooperation, f"czlonkowie/{member.pk}/")).status_code == 200
    page = client.get(url(cooperation)).content.decode()
    for expected in ("Paweł Powiatowy", "Wzmocnienie rodzin", "Wizyta studyjna w Toruniu"):
        assert expected in page
    response = client.get(url(cooperation, "pdf/"))
    assert response.status_code == 200
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("OPS testowy", "PCPR testowe", "Wizyta studyjna w Toruniu"):
        assert expected in text
    assert client.post(url(cooperation, f"dzialania/{activity.pk}/usun/")).status_code == 302
    assert not team.activities.exists()


def test_the_team_page_query_count_is_constant(
    client, cooperation, team, coordinator_ops, territory, django_assert_max_num_queries
):
    from tests.factories import InstitutionFactory

    login(client, coordinator_ops)
    with django_assert_max_num_queries(40) as few:
        client.get(url(cooperation))
    for n in range(6):
        services.team_member_add(
            actor=coordinator_ops, team=team, institution=InstitutionFactory(unit=territory["gmina"])
        )
        services.team_goal_add(actor=coordinator_ops, team=team, area=Area.FAMILIES, text=f"Cel {n}")
        services.team_activity_add(
            actor=coordinator_ops, team=team, area=Area.GROUPS, kind="local_project", title=f"Projekt {n}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(cooperation))
