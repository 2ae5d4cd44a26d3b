"""The case group (GGK, R-32): members over time, close persons, the handover of coordination, several cases."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conftest import _actor, login
from kooperacja.accounts.access import AnalysisAccess, case_access_to
from kooperacja.accounts.models import Role
from kooperacja.cases import services as case_services
from kooperacja.cases.group import services
from kooperacja.cases.models import Consent, CoordinationHandover, GroupMembership

pytestmark = pytest.mark.django_db


def fresh(case):
    case.__dict__.pop("_access_cache", None)
    return case


@pytest.fixture
def officer_police(institutions, territory):
    from tests.factories import InstitutionFactory

    police = InstitutionFactory(name="Komisariat Policji", kind="police", unit=territory["gmina"])
    return _actor(police, Role.CASE_WORKER, first_name="Olga", last_name="Dzielnicowa")


def test_a_member_who_left_loses_access(case, coordinator_ops, teacher_school):
    membership = GroupMembership.objects.get(group__cases=case, user=teacher_school)
    assert case_access_to(teacher_school, fresh(case)) == AnalysisAccess.READ
    services.group_member_leave(actor=coordinator_ops, case=case, membership=membership)
    assert membership.left_on == datetime.date.today()
    assert case_access_to(teacher_school, fresh(case)) == AnalysisAccess.NONE
    services.group_member_join(actor=coordinator_ops, case=case, user=teacher_school)  # rejoins: a new period
    assert GroupMembership.objects.filter(group__cases=case, user=teacher_school).count() == 2
    assert case_access_to(teacher_school, fresh(case)) == AnalysisAccess.READ


def test_members_join_for_their_institution_and_see_the_case_once_consent_covers_it(
    case, coordinator_ops, officer_police
):
    membership = services.group_member_join(actor=coordinator_ops, case=case, user=officer_police)
    assert membership.institution.name == "Komisariat Policji"
    assert case_access_to(officer_police, fresh(case)) == AnalysisAccess.NONE
    Consent.objects.get(case=case).institutions.add(membership.institution)
    assert case_access_to(officer_police, fresh(case)) == AnalysisAccess.READ
    with pytest.raises(ValidationError):
        services.group_member_join(actor=coordinator_ops, case=case, user=officer_police)
    with pytest.raises(PermissionDenied):
        services.group_member_join(actor=officer_police, case=case, user=officer_police)


def test_close_person_by_name_only(case, coordinator_ops):
    person = services.group_close_person_add(actor=coordinator_ops, case=case, name="Babcia Helena")
    assert person.user is None and person.role == GroupMembership.Role.CLOSE_PERSON
    with pytest.raises(ValidationError):
        services.group_close_person_add(actor=coordinator_ops, case=case, name=" ")


def test_handover_is_recorded_and_the_new_coordinator_runs_the_case(case, coordinator_ops, teacher_school):
    handover = services.coordination_hand_over(
        actor=coordinator_ops, case=case, to_user=teacher_school, reason="Główne potrzeby dotyczą szkoły"
    )
    assert CoordinationHandover.objects.get() == handover
    assert handover.from_user == coordinator_ops and handover.to_user == teacher_school
    assert case.groups.get().coordinator == teacher_school
    assert case_access_to(teacher_school, fresh(case)) == AnalysisAccess.EDIT
    assert case_access_to(coordinator_ops, fresh(case)) == AnalysisAccess.EDIT  # still the case's OPS coordinator
    with pytest.raises(ValidationError):  # the coordinator cannot simply leave
        services.group_member_leave(
            actor=teacher_school, case=case, membership=GroupMembership.objects.get(user=teacher_school)
        )


def test_handover_only_to_a_current_member(case, coordinator_ops, worker_other_gmina):
    with pytest.raises(ValidationError):
        services.coordination_hand_over(actor=coordinator_ops, case=case, to_user=worker_other_gmina)


def test_one_group_serves_several_cases(case, coordinator_ops, teacher_school, cooperation):
    other = case_services.case_open(actor=coordinator_ops, cooperation=cooperation)
    Consent.objects.create(
        case=other, given_on=datetime.date(2026, 3, 2), given_by="x", recorded_by=coordinator_ops
    ).institutions.set(Consent.objects.get(case=case).institutions.all())
    group = services.group_case_attach(actor=coordinator_ops, case=case, other=other)
    assert set(group.cases.all()) == {case, other}
    assert case_access_to(teacher_school, fresh(other)) == AnalysisAccess.READ
    with pytest.raises(ValidationError):
        services.group_case_attach(actor=coordinator_ops, case=case, other=other)


def test_closed_case_refuses_changes(case, coordinator_ops):
    case.status = case.Status.CLOSED
    case.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        services.group_close_person_add(actor=coordinator_ops, case=case, name="Sąsiadka")


def test_group_page(case, coordinator_ops, teacher_school, officer_police, django_assert_max_num_queries):
    client = login(Client(), coordinator_ops)
    response = client.post(f"/sprawy/{case.pk}/grupa/czlonkowie/dodaj/", {"user": officer_police.pk})
    assert response.status_code == 302
    client.post(f"/sprawy/{case.pk}/grupa/osoba-bliska/dodaj/", {"name": "Babcia Helena"})
    with django_assert_max_num_queries(45) as captured:
        response = client.get(f"/sprawy/{case.pk}/grupa/")
    html = response.content.decode()
    assert response.status_code == 200 and "Olga Dzielnicowa" in html and "Babcia Helena" in html
    for n in range(5):
        services.group_close_person_add(actor=coordinator_ops, case=case, name=f"Osoba {n}")
    with django_assert_max_num_queries(len(captured)):
        assert client.get(f"/sprawy/{case.pk}/grupa/").status_code == 200
    membership = GroupMembership.objects.get(user=officer_police)
    assert client.post(f"/sprawy/{case.pk}/grupa/czlonkowie/{membership.pk}/odejscie/").status_code == 302
    membership.refresh_from_db()
    assert membership.left_on is not None
    reader = login(Client(), teacher_school)
    assert reader.get(f"/sprawy/{case.pk}/grupa/").status_code == 200
    assert reader.post(f"/sprawy/{case.pk}/grupa/osoba-bliska/dodaj/", {"name": "X"}).status_code == 403
