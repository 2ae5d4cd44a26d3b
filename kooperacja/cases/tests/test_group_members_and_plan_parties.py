"""Who is in the case group and who is a party to the plan: the member picker offers the institutions the
diagnosis proposed, then the team's and the gmina's, with the people who work there and their position — never
the regional level or the mayor; each member's function is named with the field's words; the proposals say why
they are proposed; the coordinator's own OPS takes tasks and acknowledges the plan; the family is listed in one
fixed order."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import login
from kooperacja.accounts.models import Role
from kooperacja.cases.diagnosis import selectors as diagnosis_selectors
from kooperacja.cases.diagnosis.services import diagnosis_area_save
from kooperacja.cases.group import selectors, services
from kooperacja.cases.group.functions import function_for
from kooperacja.cases.intake.selectors import people_sorted
from kooperacja.cases.models import DiagnosisEntry, GroupMembership, Person, PlanAcknowledgement
from kooperacja.cases.plan import selectors as plan_selectors
from kooperacja.cases.plan import services as plan_services
from kooperacja.directory.models import Problem, Service
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def problem(code):
    return Problem.objects.get_or_create(code=code, defaults={"name": code, "group": "art7", "order": 1})[0]


def service(institution, *codes, name="Usługa"):
    item = Service.objects.create(institution=institution, name=name)
    item.problems.set([problem(c) for c in codes])
    return item


def worker(institution, role=Role.CASE_WORKER, position="", **names):
    user = UserFactory(**names)
    MembershipFactory(user=user, institution=institution, role=role, position=position)
    return user


@pytest.fixture
def network(case, coordinator_ops, institutions, territory, animator_rops):
    """A counselling centre the diagnosis proposes (its name sorts last), a police station of the gmina, the
    gmina office with its mayor, a social care home and the ROPS with a service for the same need."""
    centre = InstitutionFactory(
        name="Ż-Poradnia Psychologiczno-Pedagogiczna", kind="counselling_centre", unit=territory["county"]
    )
    service(centre, "domestic_violence", name="Wsparcie psychologiczne dla dzieci")
    station = InstitutionFactory(name="Komisariat Policji", kind="police", unit=territory["gmina"])
    office = InstitutionFactory(name="Urząd Gminy", kind="gmina_office", unit=territory["gmina"])
    home = InstitutionFactory(name="Dom Pomocy Społecznej", kind="dps", unit=territory["gmina"])
    service(home, "domestic_violence", name="Całodobowa opieka")
    service(institutions["rops"], "domestic_violence", name="Szkolenia z przeciwdziałania przemocy")
    diagnosis_area_save(actor=coordinator_ops, case=case, area="violence", needs="Bezpieczeństwo matki i córki")
    return {
        "centre": centre,
        "station": station,
        "psychologist": worker(centre, position="psycholog", first_name="Zofia", last_name="Psycholożka"),
        "officer": worker(station, position="dzielnicowy", first_name="Marek", last_name="Dzielnicowy"),
        "mayor": worker(office, role=Role.AUTHORITY, position="wójt", first_name="Bogdan", last_name="Wójt"),
        "carer": worker(home, position="opiekunka", first_name="Anna", last_name="Opiekuńcza"),
        "rops": animator_rops,
    }


# --- The member picker and the function in the group ---------------------------------------------------


def test_picker_offers_the_proposed_institutions_first_with_their_people_and_never_the_region_or_the_mayor(
    case, network, worker_other_gmina
):
    groups = selectors.member_candidates(case)
    assert groups[0].institution == network["centre"] and groups[0].proposed
    offered = {m.user for g in groups for m in g.memberships}
    assert network["psychologist"] in offered and network["officer"] in offered
    for outsider in ("mayor", "rops", "carer"):
        assert network[outsider] not in offered, outsider
    assert worker_other_gmina not in offered


def test_the_service_refuses_who_the_picker_does_not_offer(case, coordinator_ops, network):
    for outsider in ("mayor", "rops", "carer"):
        with pytest.raises(ValidationError):
            services.group_member_join(actor=coordinator_ops, case=case, user=network[outsider])
    assert not GroupMembership.objects.filter(user__in=[network[o] for o in ("mayor", "rops", "carer")]).exists()


def test_the_function_is_named_with_the_fields_words(case, coordinator_ops, network):
    joined = services.group_member_join(actor=coordinator_ops, case=case, user=network["psychologist"])
    assert joined.function == GroupMembership.Function.PSYCHOLOGIST
    with pytest.raises(ValidationError):
        services.group_member_join(actor=coordinator_ops, case=case, user=network["officer"], function="other")
    other = services.group_member_join(
        actor=coordinator_ops, case=case, user=network["officer"], function="other", function_other="mediator"
    )
    assert other.function_label == "mediator"


def test_existing_positions_map_to_the_fields_words():
    assert function_for("pedagog szkolny", "school") == ("school_pedagogue", "")
    assert function_for("", "police") == ("community_officer", "")
    assert function_for("Kuratorka zawodowa", "court") == ("probation_officer", "")
    assert function_for("pielęgniarka środowiskowa", "health") == ("medical", "")
    assert function_for("koordynatorka wolontariatu", "ngo") == ("other", "koordynatorka wolontariatu")


def test_group_page_groups_people_under_institutions_and_adds_with_a_function(case, coordinator_ops, network):
    client = login(Client(), coordinator_ops)
    page = client.get(f"/sprawy/{case.pk}/grupa/").content.decode()
    select = re.search(r'<select name="user".*?</select>', page, re.S).group(0)
    assert select.index(network["centre"].name) < select.index("Komisariat Policji")
    assert "Psycholożka (psycholog)" in select
    for outsider in ("Wójt", "Regionalna", "Opiekuńcza"):
        assert outsider not in select
    response = client.post(
        f"/sprawy/{case.pk}/grupa/czlonkowie/dodaj/", {"user": network["officer"].pk, "function": "", "joined_on": ""}
    )
    assert response.status_code == 302
    membership = GroupMembership.objects.get(user=network["officer"])
    assert membership.function == "community_officer" and membership.institution == network["station"]
    page = client.get(f"/sprawy/{case.pk}/grupa/").content.decode()
    assert str(membership.get_function_display()) in page
    refused = client.post(f"/sprawy/{case.pk}/grupa/czlonkowie/dodaj/", {"user": network["mayor"].pk})
    assert refused.status_code == 400 and not GroupMembership.objects.filter(user=network["mayor"]).exists()


# --- Proposals of the diagnosis ---------------------------------------------------------------------------


def test_proposals_serve_the_gmina_leave_out_the_rops_and_care_homes_and_say_why(case, network, territory):
    far = InstitutionFactory(name="Poradnia w Rypinie", kind="counselling_centre", unit=territory["other_gmina"])
    service(far, "domestic_violence")
    proposals = diagnosis_selectors.proposed_institutions(case)
    assert [p.institution for p in proposals] == [network["centre"]]
    reason = proposals[0].reasons[0]
    assert reason.service.name == "Wsparcie psychologiczne dla dzieci"
    assert [str(a) for a in reason.areas] == [str(DiagnosisEntry.Area.VIOLENCE.label)]


def test_the_diagnosis_page_shows_the_reason_of_each_proposal(case, coordinator_ops, network):
    page = login(Client(), coordinator_ops).get(f"/sprawy/{case.pk}/diagnoza/").content.decode()
    proposals = re.search(r'<ul class="list-group mb-3" id="proposals">.*?</ul>\s*</li>\s*</ul>', page, re.S).group(0)
    assert "Wsparcie psychologiczne dla dzieci" in proposals
    assert "Dom Pomocy" not in proposals and "ROPS" not in proposals


# --- The OPS is a party of the plan -------------------------------------------------------------------------


@pytest.fixture
def plan(case, coordinator_ops):
    return plan_services.work_plan_create(actor=coordinator_ops, case=case, main_goal="Dzieci chodzą do szkoły")


def test_the_coordinators_ops_takes_tasks_marks_them_and_acknowledges_the_plan(
    plan, case, coordinator_ops, institutions
):
    ops = institutions["ops"]
    assert ops in plan_selectors.group_institutions(case)
    task = plan_services.task_add(actor=coordinator_ops, plan=plan, description="Wywiad środowiskowy", institution=ops)
    plan_services.task_status_set(actor=coordinator_ops, task=task, status="done")
    plan_services.acknowledgement_record(actor=coordinator_ops, plan=plan, institution=ops)
    assert PlanAcknowledgement.objects.filter(plan=plan, institution=ops).exists()
    assert ops.pk in {
        r["institution"].pk
        for r in plan_selectors.parties(plan, plan_selectors.group_institutions(case))
        if r["institution"]
    }


def test_the_plan_page_offers_the_ops_as_a_party(plan, case, coordinator_ops, institutions):
    page = login(Client(), coordinator_ops).get(f"/sprawy/{case.pk}/plan/").content.decode()
    party = re.search(r'<select name="party".*?</select>', page, re.S).group(0)
    assert institutions["ops"].name in party


# --- The family in one order --------------------------------------------------------------------------------


def test_people_are_listed_main_person_first_then_by_relation_and_age(case, coordinator_ops):
    today = datetime.date.today()
    Person.objects.create(
        case=case, first_name="Zosia", last_name="Kowalska", relation="child", birth_year=today.year - 6
    )
    Person.objects.create(case=case, first_name="Adam", last_name="Kowalski", relation="spouse")
    Person.objects.create(
        case=case, first_name="Bartek", last_name="Kowalski", relation="child", birth_year=today.year - 14
    )
    Person.objects.create(case=case, first_name="Helena", last_name="Kowalska", relation="parent", birth_year=1950)
    names = [p.first_name for p in people_sorted(Person.objects.filter(case=case))]
    assert names == ["Anna", "Adam", "Bartek", "Zosia", "Helena"]
    page = login(Client(), coordinator_ops).get(f"/sprawy/{case.pk}/").content.decode()
    positions = [page.index(f"{n} Kowal") for n in names]
    assert positions == sorted(positions)
