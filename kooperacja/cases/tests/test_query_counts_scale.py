"""The pages a worker opens most run as many queries with twenty of everything as with one: cases, people,
consents, referrals, cooperations around the gmina, plan goals and tasks, group members and their monthly reports,
memberships, meetings and tasks on the dashboard, a meeting's invitations, a cooperation's people. A page whose
count grew with its rows would be slow at national scale however fast it is on the demo gmina."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import login
from kooperacja.accounts.models import Role
from kooperacja.cases import services as case_services
from kooperacja.cases.intake import services as intake
from kooperacja.cases.models import Case, GroupMembership, MonthlyReport
from kooperacja.cases.plan import services as plan_services
from kooperacja.cases.reports import services as report_services
from kooperacja.cooperation.models import Cooperation, CooperationRole
from kooperacja.meetings.models import ActionItem, Invitation, Meeting
from tests.factories import InstitutionFactory, MembershipFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

SMALL, LARGE = 1, 20
REPORT_MONTH = datetime.date(2026, 4, 1)


def queries(client, url: str) -> int:
    client.get(url)  # the first visit may refresh the session; the count is taken on the next one
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.fixture
def world(case, cooperation, coordinator_ops, teacher_school, animator_pcpr, institutions, territory):
    """The demo case with one of everything: a plan agreed at a meeting, a task for the school, the school's
    monthly report, a monitoring information (annex 7), a meeting ahead with a task on the dashboard."""
    Case.objects.filter(pk=case.pk).update(opened_on=datetime.date(2026, 3, 1))
    GroupMembership.objects.filter(user=teacher_school).update(joined_on=datetime.date(2026, 3, 1))
    case.refresh_from_db()
    meeting = Meeting.objects.create(
        case=case,
        cooperation=cooperation,
        kind=Meeting.Kind.CASE_GROUP,
        title="Posiedzenie GGK",
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="OPS",
        organiser=coordinator_ops,
    )
    plan = plan_services.work_plan_create(
        actor=coordinator_ops,
        case=case,
        main_goal="Dzieci regularnie chodzą do szkoły",
        goals=["Frekwencja powyżej 90%"],
        meeting=meeting,
        agreed_on=datetime.date(2026, 3, 10),
    )
    world = {
        "case": case,
        "cooperation": cooperation,
        "coordinator": coordinator_ops,
        "teacher": teacher_school,
        "pcpr": animator_pcpr,
        "institutions": institutions,
        "territory": territory,
        "plan": plan,
        "meeting": meeting,
        "size": 0,
    }
    grow(world, SMALL)
    world["information"] = report_services.monitoring_information_create(
        actor=coordinator_ops, case=case, period_start=datetime.date(2026, 3, 1), period_end=datetime.date(2026, 5, 31)
    )
    return world


def grow(world: dict, size: int) -> None:
    """Add rows of every kind the pages list until there are ``size`` of each."""
    case, coordinator, teacher = world["case"], world["coordinator"], world["teacher"]
    institutions, plan, cooperation = world["institutions"], world["plan"], world["cooperation"]
    goal = plan.goals.first()
    group = case.groups.get()
    for n in range(world["size"], size):
        # The case list: cases the coordinator runs, referrals sent to the OPS, cooperations of other gminas of the
        # county (each one a possible referral target for the PCPR), an institution serving several units.
        gmina = UnitFactory(
            code=f"0405{n + 10:02d}", level="gmina", kind="wiejska", parent=world["territory"]["county"]
        )
        Cooperation.objects.create(
            unit=gmina,
            name=f"Kooperacja {n:02d}",
            variant="rural",
            start_date=datetime.date(2026, 1, 1),
            status=Cooperation.Status.ACTIVE,
        )
        institutions["pcpr"].other_units.add(gmina)
        if n:
            case_services.case_open(actor=coordinator, cooperation=cooperation)
        intake.referral_send(
            actor=teacher,
            cooperation=cooperation,
            from_institution=institutions["school"],
            kind=Case.Kind.FAMILY,
            person_name=f"Jan Nowak{n}",
            reason="Dziecko często nieobecne w szkole",
        )
        # The case page: people, consents, sharing without consent, OPS staff named on the case.
        intake.person_save(
            actor=coordinator,
            case=case,
            data={"first_name": f"Dziecko{n}", "last_name": "Kowalska", "relation": "child", "age": 3 + n % 15},
        )
        other = InstitutionFactory(name=f"Poradnia {n:02d}", kind="other", unit=world["territory"]["gmina"])
        intake.consent_record(
            actor=coordinator,
            case=case,
            given_on=datetime.date(2026, 3, 2),
            given_by="Anna Kowalska",
            institutions=[institutions["school"], other],
        )
        intake.consent_override_record(
            actor=coordinator, case=case, institution=other, legal_basis="art. 12", reason="dziecko zagrożone"
        )
        worker = UserFactory()
        MembershipFactory(user=worker, institution=institutions["ops"], role=Role.CASE_WORKER)
        intake.case_staff_set(actor=coordinator, case=case, user=worker, named=True)
        # The plan: goals, tasks of the school and of the family, social contracts.
        plan_services.goal_add(actor=coordinator, plan=plan, text=f"Cel {n}")
        plan_services.task_add(
            actor=coordinator,
            plan=plan,
            description=f"Kontrola obecności {n}",
            institution=institutions["school"],
            goal=goal,
            deadline=datetime.date(2026, 6, 30),
        )
        plan_services.task_add(actor=coordinator, plan=plan, description=f"Zadanie rodziny {n}", for_family=True)
        plan_services.social_contract_add(
            actor=coordinator, case=case, kind="contract", date=datetime.date(2026, 3, 12), number=f"K/{n}"
        )
        # Monthly reports and annex 7: group members (of the school), each with its reports.
        member = UserFactory()
        MembershipFactory(user=member, institution=institutions["school"], role=Role.CASE_WORKER)
        case_services.group_member_add(actor=coordinator, group=group, user=member, institution=institutions["school"])
        membership = GroupMembership.objects.get(group=group, user=member)
        GroupMembership.objects.filter(pk=membership.pk).update(joined_on=datetime.date(2026, 3, 1))
        for month in (3, 4, 5):
            MonthlyReport.objects.create(
                case=case,
                membership=membership,
                month=datetime.date(2026, month, 1),
                progress=f"Postęp {n}",
                new_information="Bez zmian",
            )
        # The dashboard: memberships in more institutions, meetings ahead, open tasks.
        MembershipFactory(
            user=coordinator,
            institution=InstitutionFactory(name=f"Szkoła {n:02d}", kind="school", unit=gmina),
            role=Role.CASE_WORKER,
        )
        MembershipFactory(
            user=teacher,
            institution=InstitutionFactory(name=f"Świetlica {n:02d}", kind="other", unit=gmina),
            role=Role.CASE_WORKER,
        )
        meeting = Meeting.objects.create(
            cooperation=cooperation,
            kind=Meeting.Kind.TEAM,
            title=f"Zespół {n}",
            starts_at=timezone.now() + datetime.timedelta(days=1 + n),
            place="OPS",
            organiser=coordinator,
        )
        Invitation.objects.create(
            meeting=meeting, user=teacher, institution=institutions["school"], person_name="Piotr Pedagog"
        )
        for owner in (coordinator, teacher):
            ActionItem.objects.create(
                meeting=meeting, description=f"Zadanie {n}", owner=owner, deadline=datetime.date(2026, 12, 1)
            )
        # The case group's meeting: invitations and tasks; the cooperation: people in its roles.
        Invitation.objects.create(
            meeting=world["meeting"], user=member, institution=institutions["school"], person_name=f"Członek {n}"
        )
        ActionItem.objects.create(
            meeting=world["meeting"], description=f"Ustalenie {n}", owner=member, deadline=datetime.date(2026, 12, 1)
        )
        CooperationRole.objects.create(cooperation=cooperation, user=worker, role=CooperationRole.Role.OPS_ANIMATOR)
    world["size"] = size


def pages(world: dict) -> dict[str, tuple]:
    case, information = world["case"], world["information"]
    month = f"{REPORT_MONTH.year}/{REPORT_MONTH.month}"
    return {
        "home (coordinator)": (world["coordinator"], "/pulpit/"),
        "home (member)": (world["teacher"], "/pulpit/"),
        "case list (coordinator)": (world["coordinator"], "/sprawy/"),
        "case list (member)": (world["teacher"], "/sprawy/"),
        "case list (PCPR)": (world["pcpr"], "/sprawy/"),
        "case page": (world["coordinator"], f"/sprawy/{case.pk}/"),
        "plan": (world["coordinator"], f"/sprawy/{case.pk}/plan/"),
        "plan (member)": (world["teacher"], f"/sprawy/{case.pk}/plan/"),
        "monthly report form": (world["teacher"], f"/sprawy/{case.pk}/sprawozdania/{month}/"),
        "reports": (world["coordinator"], f"/sprawy/{case.pk}/sprawozdania/"),
        "annex 7": (world["coordinator"], f"/sprawy/{case.pk}/sprawozdania/monitoring/{information.pk}/"),
        "meeting page": (world["coordinator"], f"/spotkania/{world['meeting'].pk}/"),
        "cooperation page": (world["coordinator"], f"/kooperacja/{world['cooperation'].pk}/"),
    }


def count_all(clients: dict, world: dict) -> dict[str, int]:
    counts = {}
    for name, (user, url) in pages(world).items():
        if user.pk not in clients:  # one browser per person, logged in once (a code is accepted only once)
            clients[user.pk] = login(Client(), user)
        counts[name] = queries(clients[user.pk], url)
    return counts


def test_key_pages_run_as_many_queries_with_twenty_of_everything_as_with_one(world):
    clients = {}
    small = count_all(clients, world)
    grow(world, LARGE)
    large = count_all(clients, world)
    assert large == small
