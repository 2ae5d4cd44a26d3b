"""Evaluation (annex 6, part C) and closing the case: degrees per goal, the situation before and after by area
of the diagnosis, goals modified in a new plan version; closing is a joint decision of every member, and a
closed case refuses every write."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from conftest import login
from kooperacja.cases.evaluation import selectors, services
from kooperacja.cases.models import DIAGNOSIS_AREAS, Case, ClosureProposal, DiagnosisArea, Evaluation, WorkPlan
from kooperacja.cases.plan import services as plan_services

pytestmark = pytest.mark.django_db

CLOSED = "The case is closed: it can be read, not changed."


def said(message: str) -> str:
    return re.escape(gettext(message))


@pytest.fixture
def plan(case, coordinator_ops):
    return plan_services.work_plan_create(
        actor=coordinator_ops,
        case=case,
        main_goal="Dzieci chodzą do szkoły",
        goals=["Frekwencja powyżej 90%", "Matka podejmuje pracę"],
    )


def evaluate(case, actor, plan, **kwargs):
    first, second = plan.goals.all()
    data = {
        "held_on": datetime.date(2026, 6, 30),
        "goal_degrees": {first.pk: "reached", second.pk: "partly"},
        "area_ratings": {"education": (2, 4), "work": (1, 1)},
        "workers_comment": "Postęp widoczny",
        "family_comment": "Jest lepiej",
    } | kwargs
    return services.evaluation_create(actor=actor, case=case, **data)


def test_the_eleven_areas_of_the_diagnosis_are_data():
    assert len(DIAGNOSIS_AREAS) == 11 and DIAGNOSIS_AREAS[0][0] == "material"
    assert DiagnosisArea.SOCIAL_TIES in DiagnosisArea.values


def test_evaluation_records_degrees_and_the_area_comparison(case, coordinator_ops, plan):
    evaluation = evaluate(case, coordinator_ops, plan)
    assert {a.goal.text: a.degree for a in evaluation.goal_assessments.select_related("goal")} == {
        "Frekwencja powyżej 90%": "reached",
        "Matka podejmuje pracę": "partly",
    }
    (row,) = selectors.evaluations(case)
    assert [(r.area, r.before, r.after, r.change) for r in row.ratings] == [("work", 1, 1, 0), ("education", 2, 4, 2)]
    assert row.workers_comment == "Postęp widoczny" and row.family_comment == "Jest lepiej"
    assert selectors.last_ratings(case)["education"] == (2, 4)


def test_evaluation_validates_its_input(case, coordinator_ops, teacher_school, plan):
    with pytest.raises(ValidationError):
        evaluate(case, coordinator_ops, plan, area_ratings={"education": (0, 6)})
    with pytest.raises(ValidationError):
        evaluate(case, coordinator_ops, plan, area_ratings={"astrology": (1, 2)})
    with pytest.raises(ValidationError):
        evaluate(case, coordinator_ops, plan, goal_degrees={999999: "reached"})
    with pytest.raises(ValidationError):
        evaluate(case, teacher_school, plan)


def test_goals_modified_at_an_evaluation_make_the_next_version(case, coordinator_ops, plan):
    evaluation = evaluate(case, coordinator_ops, plan)
    new = plan_services.work_plan_revise(actor=coordinator_ops, plan=plan, evaluation=evaluation)
    assert new.version == 2 and new.from_evaluation == evaluation
    goal = next(g for g in new.goals.select_related("replaces") if g.replaces.text == "Matka podejmuje pracę")
    plan_services.goal_update(actor=coordinator_ops, goal=goal, text="Matka zgłasza się do PUP")
    assert "Matka podejmuje pracę" in [g.text for g in WorkPlan.objects.get(pk=plan.pk).goals.all()]
    assert goal.replaces.plan_id == plan.pk
    # The evaluation keeps assessing the version it evaluated.
    assert Evaluation.objects.get(pk=evaluation.pk).plan == plan


def test_closure_needs_every_members_agreement(case, coordinator_ops, teacher_school, plan):
    proposal = services.closure_propose(actor=coordinator_ops, case=case, reason=ClosureProposal.Reason.GOALS_REACHED)
    assert [m.user for m in services.missing_agreements(proposal)] == [teacher_school]
    with pytest.raises(ValidationError):
        services.closure_confirm(actor=coordinator_ops, proposal=proposal)
    case.refresh_from_db()
    assert case.status != Case.Status.CLOSED
    with pytest.raises(ValidationError):  # a member does not close the case
        services.closure_confirm(actor=teacher_school, proposal=proposal)
    services.closure_agree(actor=teacher_school, proposal=proposal)
    with pytest.raises(ValidationError):
        services.closure_agree(actor=teacher_school, proposal=proposal)
    services.closure_confirm(actor=coordinator_ops, proposal=proposal)
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.closed_on == datetime.date.today()
    proposal.refresh_from_db()
    assert proposal.confirmed_by == coordinator_ops
    assert set(proposal.agreements.values_list("user_id", flat=True)) == {coordinator_ops.pk, teacher_school.pk}


def test_closure_reason_other_needs_a_justification_and_one_open_proposal(case, coordinator_ops):
    with pytest.raises(ValidationError):
        services.closure_propose(actor=coordinator_ops, case=case, reason="other")
    proposal = services.closure_propose(actor=coordinator_ops, case=case, reason="resignation")
    with pytest.raises(ValidationError):
        services.closure_propose(actor=coordinator_ops, case=case, reason="no_cooperation")
    services.closure_withdraw(actor=coordinator_ops, proposal=proposal)
    services.closure_propose(actor=coordinator_ops, case=case, reason="no_cooperation")


def test_after_closure_every_write_is_refused(case, coordinator_ops, teacher_school, plan, institutions):
    evaluation = evaluate(case, coordinator_ops, plan)
    task = plan_services.task_add(actor=coordinator_ops, plan=plan, description="X", institution=institutions["school"])
    proposal = services.closure_propose(actor=coordinator_ops, case=case, reason="goals_reached")
    services.closure_agree(actor=teacher_school, proposal=proposal)
    services.closure_confirm(actor=coordinator_ops, proposal=proposal)
    case = Case.objects.get(pk=case.pk)
    plan = WorkPlan.objects.select_related("case").get(pk=plan.pk)
    task.plan = plan
    writes = [
        lambda: evaluate(case, coordinator_ops, plan),
        lambda: plan_services.work_plan_revise(actor=coordinator_ops, plan=plan, evaluation=evaluation),
        lambda: plan_services.task_status_set(actor=teacher_school, task=task, status="done"),
        lambda: plan_services.acknowledgement_record(actor=coordinator_ops, plan=plan, for_family=True, name="A"),
        lambda: services.closure_propose(actor=coordinator_ops, case=case, reason="other", note="x"),
        lambda: plan_services.social_contract_add(
            actor=coordinator_ops, case=case, kind="ipi", date=datetime.date(2026, 3, 1)
        ),
    ]
    for write in writes:
        with pytest.raises(ValidationError, match=said(CLOSED)):
            write()


# --- Pages ---------------------------------------------------------------------------------------


def test_coordinator_evaluates_and_proposes_closure_through_the_pages(client, case, coordinator_ops, plan):
    login(client, coordinator_ops)
    url = f"/sprawy/{case.pk}/ocena/"
    assert client.get(url).status_code == 200
    assert client.get(f"{url}nowa/").status_code == 200
    first, second = plan.goals.all()
    data = {
        "held_on": "2026-06-30",
        f"goal_{first.pk}": "reached",
        f"goal_{second.pk}": "not_reached",
        "before_housing": "2",
        "after_housing": "4",
        "workers_comment": "Dobrze",
        "is_final": "on",
    }
    assert client.post(f"{url}nowa/", data | {"after_housing": ""}).status_code == 400  # both or neither
    assert client.post(f"{url}nowa/", data).status_code == 302
    evaluation = Evaluation.objects.get(case=case)
    assert evaluation.is_final and evaluation.area_ratings.get().after == 4
    page = client.get(url).content.decode()
    assert "Dobrze" in page
    assert client.post(f"{url}{evaluation.pk}/zmien-cele/").status_code == 302
    assert WorkPlan.objects.get(case=case, superseded_at__isnull=True).version == 2
    assert client.post(f"{url}zakonczenie/", {"reason": "goals_reached"}).status_code == 302
    proposal = ClosureProposal.objects.get(case=case)
    client.post(f"{url}zakonczenie/{proposal.pk}/zamknij/")  # the school has not agreed yet
    assert Case.objects.get(pk=case.pk).status != Case.Status.CLOSED


def test_member_agrees_through_the_page(client, case, coordinator_ops, teacher_school):
    proposal = services.closure_propose(actor=coordinator_ops, case=case, reason="goals_reached")
    login(client, teacher_school)
    url = f"/sprawy/{case.pk}/ocena/"
    assert f"zakonczenie/{proposal.pk}/zgoda/" in client.get(url).content.decode()
    assert client.post(f"{url}zakonczenie/{proposal.pk}/zgoda/").status_code == 302
    assert proposal.agreements.filter(user=teacher_school).exists()
    assert client.post(f"{url}zakonczenie/{proposal.pk}/zamknij/").status_code == 403
    assert client.get(f"{url}nowa/").status_code == 403


def test_others_get_404(client, case, worker_other_gmina, plan):
    login(client, worker_other_gmina)
    for suffix in ("", "nowa/"):
        assert client.get(f"/sprawy/{case.pk}/ocena/{suffix}").status_code == 404


def test_evaluation_page_query_count_does_not_grow(client, case, coordinator_ops, plan, django_assert_max_num_queries):
    login(client, coordinator_ops)
    url = f"/sprawy/{case.pk}/ocena/"
    evaluate(case, coordinator_ops, plan)
    services.closure_propose(actor=coordinator_ops, case=case, reason="goals_reached")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(6):
        evaluate(
            case,
            coordinator_ops,
            plan,
            held_on=datetime.date(2026, 7, n + 1),
            area_ratings={a: (1, 3) for a in DiagnosisArea.values},
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
