"""The work plan (annex 6, parts A and B): written by the coordinator at a meeting, each institution marks only
its own tasks, each party acknowledges it and downloads its copy; goals modified later give a new version and
the old one stays, read-only, as the history. A closed case is read-only."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.cases.models import Case, PlanAcknowledgement, PlanTask, SocialContract, WorkPlan
from kooperacja.cases.plan import selectors, services
from kooperacja.meetings.models import Meeting

pytestmark = pytest.mark.django_db

# Refusals are Polish gettext messages; tests compare with the catalogue, whatever state it is in.
REFUSAL = "Only a worker of the institution the task is assigned to can mark it: each institution does its own tasks."
FAMILY_REFUSAL = "The tasks of the person or family are marked by the coordinator."
FROZEN = "The plan has already been acknowledged by the parties: changes are made in a new version."
EARLIER = "This is an earlier version of the plan: it can be read, not changed."
CLOSED = "The case is closed: it can be read, not changed."


def said(message: str) -> str:
    return re.escape(gettext(message))


@pytest.fixture
def meeting(case, cooperation, coordinator_ops):
    """A case-group meeting of the case."""
    return Meeting.objects.create(
        case=case,
        cooperation=cooperation,
        kind=Meeting.Kind.CASE_GROUP,
        title="Posiedzenie GGK",
        starts_at=timezone.now(),
        place="OPS",
        organiser=coordinator_ops,
    )


@pytest.fixture
def plan(case, coordinator_ops, meeting):
    return services.work_plan_create(
        actor=coordinator_ops,
        case=case,
        main_goal="Dzieci regularnie chodzą do szkoły",
        goals=["Frekwencja powyżej 90%", "Matka podejmuje pracę"],
        meeting=meeting,
        agreed_on=datetime.date(2026, 3, 10),
    )


def add_tasks(plan, coordinator_ops, institutions):
    goal = plan.goals.first()
    school = services.task_add(
        actor=coordinator_ops,
        plan=plan,
        description="Codzienna kontrola obecności",
        institution=institutions["school"],
        goal=goal,
        deadline=datetime.date(2026, 6, 30),
    )
    family = services.task_add(
        actor=coordinator_ops,
        plan=plan,
        description="Odprowadzanie dzieci do szkoły",
        for_family=True,
        goal=goal,
        schedule="codziennie",
    )
    return school, family


# --- Services ------------------------------------------------------------------------------------


def test_plan_has_goals_is_linked_to_the_meeting_and_moves_the_case_to_planning(plan, case, meeting):
    assert plan.version == 1 and plan.is_current and plan.meeting == meeting
    assert [g.text for g in plan.goals.all()] == ["Frekwencja powyżej 90%", "Matka podejmuje pracę"]
    case.refresh_from_db()
    assert case.status == Case.Status.PLANNING
    event = AuditEvent.objects.filter(action="create", object_type__icontains="workplan", object_id=str(plan.pk)).get()
    assert "Dzieci" not in str(event.details)
    with pytest.raises(ValidationError):
        services.work_plan_create(actor=case.coordinator, case=case, main_goal="Drugi plan")


def test_only_the_coordinator_writes_the_plan(case, teacher_school):
    with pytest.raises(ValidationError, match=said("Only the coordinator of the case can do this.")):
        services.work_plan_create(actor=teacher_school, case=case, main_goal="Cel")


def test_meeting_of_another_cooperation_is_refused(case, coordinator_ops, territory):
    from kooperacja.cooperation import services as cooperation_services

    other = cooperation_services.cooperation_create(
        actor=coordinator_ops, unit=territory["gmina"], name="Inna", variant="urban_rural"
    )
    foreign = Meeting.objects.create(
        cooperation=other,
        kind=Meeting.Kind.CASE_GROUP,
        title="Obce",
        starts_at=timezone.now(),
        place="X",
        organiser=coordinator_ops,
    )
    with pytest.raises(ValidationError):
        services.work_plan_create(actor=coordinator_ops, case=case, main_goal="Cel", meeting=foreign)


def test_a_task_is_marked_only_by_its_institution(plan, coordinator_ops, teacher_school, institutions):
    school_task, family_task = add_tasks(plan, coordinator_ops, institutions)
    services.task_status_set(actor=teacher_school, task=school_task, status=PlanTask.Status.DONE)
    school_task.refresh_from_db()
    assert school_task.status == "done" and school_task.status_changed_by == teacher_school
    # The coordinator (OPS) does not do the school's work; the school's pedagogue does not mark the family's.
    with pytest.raises(ValidationError, match=said(REFUSAL)):
        services.task_status_set(actor=coordinator_ops, task=school_task, status=PlanTask.Status.NOT_DONE)
    with pytest.raises(ValidationError, match=said(FAMILY_REFUSAL)):
        services.task_status_set(actor=teacher_school, task=family_task, status=PlanTask.Status.DONE)
    services.task_status_set(actor=coordinator_ops, task=family_task, status=PlanTask.Status.IN_PROGRESS)


def test_task_needs_exactly_one_party(plan, coordinator_ops, institutions):
    with pytest.raises(ValidationError):
        services.task_add(actor=coordinator_ops, plan=plan, description="X")
    with pytest.raises(ValidationError):
        services.task_add(
            actor=coordinator_ops, plan=plan, description="X", for_family=True, institution=institutions["school"]
        )


def test_acknowledgements_who_and_when_and_then_the_version_is_frozen(
    plan, coordinator_ops, teacher_school, institutions
):
    add_tasks(plan, coordinator_ops, institutions)
    ack = services.acknowledgement_record(actor=teacher_school, plan=plan, institution=institutions["school"])
    assert ack.name == teacher_school.get_full_name() and ack.recorded_by == teacher_school and ack.at
    with pytest.raises(ValidationError):  # not for another institution
        services.acknowledgement_record(actor=teacher_school, plan=plan, institution=institutions["ops"])
    with pytest.raises(ValidationError):  # only the coordinator records the family's
        services.acknowledgement_record(actor=teacher_school, plan=plan, for_family=True, name="Anna Kowalska")
    family = services.acknowledgement_record(actor=coordinator_ops, plan=plan, for_family=True, name="Anna Kowalska")
    assert family.for_family and family.recorded_by == coordinator_ops
    with pytest.raises(ValidationError):
        services.acknowledgement_record(actor=coordinator_ops, plan=plan, for_family=True, name="Anna Kowalska")
    with pytest.raises(ValidationError, match=said(FROZEN)):
        services.goal_add(actor=coordinator_ops, plan=plan, text="Nowy cel")
    rows = selectors.parties(selectors.current_plan(plan.case), selectors.group_institutions(plan.case))
    assert [r["ack"] is None for r in rows if r["institution"] == institutions["ops"]] == [True]
    # The coordinator's own OPS is a party too: the coordinator acknowledges for it.
    services.acknowledgement_record(actor=coordinator_ops, plan=plan, institution=institutions["ops"])
    rows = selectors.parties(selectors.current_plan(plan.case), selectors.group_institutions(plan.case))
    assert [r["key"] for r in rows][-1] == "rodzina" and all(r["ack"] for r in rows)


def test_versioning_keeps_the_history(plan, coordinator_ops, teacher_school, institutions):
    school_task, _ = add_tasks(plan, coordinator_ops, institutions)
    services.acknowledgement_record(actor=teacher_school, plan=plan, institution=institutions["school"])
    first_goal = plan.goals.first()
    new = services.work_plan_revise(actor=coordinator_ops, plan=plan)
    plan.refresh_from_db()
    assert not plan.is_current and new.is_current and new.version == 2 and new.previous == plan
    assert new.tasks.count() == 2 and new.acknowledgements.count() == 0
    copied = new.goals.get(replaces=first_goal)
    services.goal_update(actor=coordinator_ops, goal=copied, text="Frekwencja powyżej 95%")
    copied.refresh_from_db()
    assert copied.is_modified and copied.replaces.text == "Frekwencja powyżej 90%"
    first_goal.refresh_from_db()
    assert first_goal.text == "Frekwencja powyżej 90%"
    # The old version is read-only.
    with pytest.raises(ValidationError, match=said(EARLIER)):
        services.goal_update(actor=coordinator_ops, goal=first_goal, text="Zmiana")
    with pytest.raises(ValidationError, match=said(EARLIER)):
        services.task_status_set(actor=teacher_school, task=school_task, status="done")
    assert WorkPlan.objects.filter(case=plan.case).count() == 2


def test_social_contract_link(case, coordinator_ops, teacher_school):
    contract = services.social_contract_add(
        actor=coordinator_ops,
        case=case,
        kind=SocialContract.Kind.CONTRACT,
        number="KS/12/2026",
        date=datetime.date(2026, 3, 15),
    )
    assert contract.kind_label == SocialContract.Kind.CONTRACT.label and contract.status == "active"
    services.social_contract_update(actor=coordinator_ops, contract=contract, status="completed")
    with pytest.raises(ValidationError):
        services.social_contract_add(actor=coordinator_ops, case=case, kind="other", date=datetime.date(2026, 3, 1))
    other = services.social_contract_add(
        actor=coordinator_ops, case=case, kind="other", kind_other="umowa", date=datetime.date(2026, 3, 1)
    )
    assert other.kind_label == "umowa"
    with pytest.raises(ValidationError):
        services.social_contract_add(actor=teacher_school, case=case, kind="ipi", date=datetime.date(2026, 3, 1))


def test_closed_case_refuses_every_write(plan, case, coordinator_ops, teacher_school, institutions):
    school_task, _ = add_tasks(plan, coordinator_ops, institutions)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_on=datetime.date.today())
    plan = WorkPlan.objects.select_related("case").get(pk=plan.pk)
    school_task = PlanTask.objects.select_related("plan__case").get(pk=school_task.pk)
    writes = [
        lambda: services.work_plan_update(actor=coordinator_ops, plan=plan, main_goal="X"),
        lambda: services.work_plan_revise(actor=coordinator_ops, plan=plan),
        lambda: services.goal_add(actor=coordinator_ops, plan=plan, text="X"),
        lambda: services.task_add(actor=coordinator_ops, plan=plan, description="X", for_family=True),
        lambda: services.task_status_set(actor=teacher_school, task=school_task, status="done"),
        lambda: services.acknowledgement_record(actor=teacher_school, plan=plan, institution=institutions["school"]),
        lambda: services.social_contract_add(
            actor=coordinator_ops, case=plan.case, kind="ipi", date=datetime.date(2026, 3, 1)
        ),
    ]
    for write in writes:
        with pytest.raises(ValidationError, match=said(CLOSED)):
            write()


# --- Pages ---------------------------------------------------------------------------------------


def test_coordinator_writes_the_plan_through_the_pages(client, case, coordinator_ops, institutions, meeting):
    login(client, coordinator_ops)
    url = f"/sprawy/{case.pk}/plan/"
    assert client.get(url).status_code == 200
    response = client.post(
        f"{url}nowy/",
        {
            "main_goal": "Dzieci chodzą do szkoły",
            "goals": "Frekwencja\nPraca",
            "meeting": meeting.pk,
            "agreed_on": "2026-03-10",
        },
    )
    assert response.status_code == 302
    plan = WorkPlan.objects.get(case=case)
    goal = plan.goals.first()
    response = client.post(
        f"{url}zadania/dodaj/",
        {
            "description": "Kontrola obecności",
            "party": institutions["school"].pk,
            "goal": goal.pk,
            "deadline": "2026-06-30",
        },
    )
    assert response.status_code == 302
    client.post(f"{url}zadania/dodaj/", {"description": "Odprowadzanie", "party": "rodzina", "schedule": "codziennie"})
    assert plan.tasks.count() == 2
    assert client.post(f"{url}potwierdz-rodzina/", {"name": "Anna Kowalska"}).status_code == 302
    assert PlanAcknowledgement.objects.filter(plan=plan, for_family=True, recorded_by=coordinator_ops).exists()
    page = client.get(url).content.decode()
    assert "Dzieci chodzą do szkoły" in page and "Kontrola obecności" in page and "Anna Kowalska" in page
    response = client.get(f"{url}wersje/1/pdf/{institutions['school'].pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Dzieci chodzą do szkoły" in text and case.reference in text and "Anna Kowalska" in text
    assert "Szkoła testowa" in text
    assert client.get(f"{url}wersje/1/pdf/rodzina/").status_code == 200
    assert client.get(f"{url}wersje/1/pdf/999999/").status_code == 404
    # A new version; the old one is viewable read-only.
    assert client.post(f"{url}nowa-wersja/").status_code == 302
    old = client.get(f"{url}wersje/1/")
    assert old.status_code == 200 and escape(gettext(EARLIER)) in old.content.decode()
    assert 'action="/sprawy/' + str(case.pk) + '/plan/zadania/dodaj/"' not in old.content.decode()


def test_member_marks_only_the_schools_task_and_gets_a_polish_refusal(
    client, plan, coordinator_ops, teacher_school, institutions
):
    school_task, family_task = add_tasks(plan, coordinator_ops, institutions)
    login(client, teacher_school)
    url = f"/sprawy/{plan.case_id}/plan/"
    assert client.post(f"{url}zadania/{school_task.pk}/status/", {"status": "done"}).status_code == 302
    school_task.refresh_from_db()
    assert school_task.status == "done"
    response = client.post(f"{url}zadania/{family_task.pk}/status/", {"status": "done"}, follow=True)
    assert escape(gettext(FAMILY_REFUSAL)) in response.content.decode()
    family_task.refresh_from_db()
    assert family_task.status == "planned"
    # A member cannot write the plan itself.
    assert client.post(f"{url}cele/dodaj/", {"text": "X"}).status_code == 403
    assert client.post(f"{url}potwierdz/", {"institution": institutions["school"].pk}).status_code == 302
    assert plan.acknowledgements.filter(institution=institutions["school"]).exists()


def test_others_get_404(client, plan, worker_other_gmina):
    login(client, worker_other_gmina)
    for url in ("", "wersje/1/", "wersje/1/pdf/rodzina/", "nowy/"):
        assert client.get(f"/sprawy/{plan.case_id}/plan/{url}").status_code == 404


def test_plan_page_query_count_does_not_grow_with_tasks(
    client, plan, coordinator_ops, institutions, django_assert_max_num_queries
):
    login(client, coordinator_ops)
    url = f"/sprawy/{plan.case_id}/plan/"
    add_tasks(plan, coordinator_ops, institutions)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(8):
        add_tasks(plan, coordinator_ops, institutions)
        services.goal_add(actor=coordinator_ops, plan=plan, text=f"Cel {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
