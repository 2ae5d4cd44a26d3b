"""The evaluation of a cycle (R-42): indicators on a known small dataset, the report without personal data, the
decision on continuation (the next cycle with the team and the agreement copied; ending archives) and who may
record it; the ROPS page of evaluations."""

import datetime
import io

import pypdf
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from conftest import login
from kooperacja.cases import services as case_services
from kooperacja.cases.models import (
    Case,
    ClosureProposal,
    Evaluation,
    GoalAssessment,
    GroupMembership,
    MonthlyReport,
    PlanGoal,
    WorkPlan,
)
from kooperacja.cooperation.agreement.services import agreement_create, agreement_update, party_add
from kooperacja.cooperation.models import Agreement, AgreementParty, Cooperation, CooperationRole, Step, TeamActivity
from kooperacja.cooperation.services import cooperation_role_add
from kooperacja.cooperation.team.services import team_activity_add, team_create, team_member_add, team_member_update
from kooperacja.meetings.models import Invitation, Meeting
from kooperacja.regional.evaluation.indicators import cooperation_indicators, indicator_rows
from kooperacja.regional.evaluation.services import evaluation_decide, evaluation_save
from kooperacja.regional.models import ModelEvaluation
from tests.factories import UserFactory

START = datetime.date(2026, 3, 1)
DEGREES = ["reached"] * 6 + ["partly"] * 2 + ["not_reached"] * 2


def _at(day: datetime.date, hour: int = 10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def dataset(cooperation, coordinator_ops, institutions):
    """Six cases (five with a plan agreed 10, 20, 30, 40, 50 days after intake), ten goals (6 reached, 2 partly,
    2 not), six monthly reports (5 on time), one closure; two team meetings held with 10 invitations (8 present)
    and one cancelled; 12 h of training and 4 h of supervision."""
    cases = [case_services.case_open(actor=coordinator_ops, cooperation=cooperation) for _ in range(6)]
    Case.objects.filter(cooperation=cooperation).update(opened_on=START)
    goals = []
    for index, case in enumerate(cases[:5]):
        plan = WorkPlan.objects.create(
            case=case, agreed_on=START + datetime.timedelta(days=10 * (index + 1)), created_by=coordinator_ops
        )
        goals += [PlanGoal.objects.create(plan=plan, order=n, text=f"cel {n}") for n in (1, 2)]
        evaluation = Evaluation.objects.create(
            case=case, plan=plan, held_on=datetime.date(2026, 9, 1), created_by=coordinator_ops
        )
        case.final_evaluation = evaluation
    for goal, degree in zip(goals, DEGREES, strict=True):
        evaluation = goal.plan.case.final_evaluation
        GoalAssessment.objects.create(evaluation=evaluation, goal=goal, degree=degree)
    # an earlier assessment of the first goal, not reached then — the newest one counts
    early = Evaluation.objects.create(
        case=cases[0], plan=goals[0].plan, held_on=datetime.date(2026, 6, 1), created_by=coordinator_ops
    )
    GoalAssessment.objects.create(evaluation=early, goal=goals[0], degree="not_reached")

    membership = GroupMembership.objects.filter(group__cases=cases[0]).first() or GroupMembership.objects.create(
        group=cases[0].groups.get(), user=coordinator_ops, institution=institutions["ops"]
    )
    for month in range(3, 9):
        report = MonthlyReport.objects.create(
            case=cases[0], membership=membership, month=datetime.date(2026, month, 1), progress="x", new_information="y"
        )
        due = datetime.date(2026, month + 1, 3 if month < 8 else 20)
        MonthlyReport.objects.filter(pk=report.pk).update(submitted_at=_at(due))
    ClosureProposal.objects.create(
        case=cases[1],
        reason="goals_reached",
        proposed_by=coordinator_ops,
        confirmed_by=coordinator_ops,
        confirmed_at=timezone.now(),
    )
    Case.objects.filter(pk=cases[1].pk).update(status=Case.Status.CLOSED)

    for n, status in enumerate(["held", "held", "cancelled"]):
        meeting = Meeting.objects.create(
            cooperation=cooperation,
            kind="team",
            title=f"Zespół {n}",
            starts_at=_at(START + datetime.timedelta(days=30 * n)),
            place="OPS",
            organiser=coordinator_ops,
            status=status,
            cancel_reason="brak kworum" if status == "cancelled" else "",
        )
        if status == "held":
            for i in range(5):
                Invitation.objects.create(meeting=meeting, person_name=f"Osoba {i}", attended=not (n == 0 and i < 2))

    team = team_create(actor=coordinator_ops, cooperation=cooperation, established_on=START)
    team_activity_add(
        actor=coordinator_ops, team=team, area="institutions", kind="training", title="Szkolenie", hours=12
    )
    team_activity_add(
        actor=coordinator_ops, team=team, area="institutions", kind="supervision", title="Superwizja", hours=4
    )
    return cases


def _values(cooperation) -> dict:
    with translation.override("en"):
        return {
            str(row.label): row.value
            for section in indicator_rows(cooperation_indicators(cooperation))
            for row in section.rows
        }


def test_indicators_on_a_known_dataset(cooperation, dataset):
    ind = cooperation_indicators(cooperation)
    assert (ind.meetings_held, ind.meetings_cancelled, ind.invited, ind.attended) == (2, 1, 10, 8)
    assert ind.cases_total == 6
    assert ind.median_days_to_plan == 30
    assert (ind.reports_submitted, ind.reports_on_time) == (6, 5)
    assert ind.goals_assessed == 10
    assert ind.goals_by_degree == {"reached": 6, "partly": 2, "not_reached": 2}
    assert ind.closures_by_reason == {"goals_reached": 1}
    assert (ind.training_hours, ind.supervision_hours) == (12, 4)

    values = _values(cooperation)
    assert values["Share of invited persons present"] == 0.8
    assert values["Median days from intake to the agreed work plan"] == 30
    assert values["Share of monthly reports on time"] == 0.833
    assert values["Share of goals reached"] == 0.6
    assert values["Cases in the cycle"] == 6


def test_small_counts_are_suppressed(cooperation, dataset):
    values = _values(cooperation)
    assert values["Meetings held"] == "<5"  # 2
    assert values["partly reached"] == "<5"  # 2
    assert values["Cases closed"] == "<5"  # 1
    assert values["no cooperation from the person or family"] == 0


def test_a_median_of_fewer_than_five_cases_is_not_shown(cooperation, coordinator_ops):
    case = case_services.case_open(actor=coordinator_ops, cooperation=cooperation)
    WorkPlan.objects.create(
        case=case, agreed_on=case.opened_on + datetime.timedelta(days=7), created_by=coordinator_ops
    )
    values = _values(cooperation)
    assert values["Median days from intake to the agreed work plan"] == "<5"
    assert values["Cases in the cycle"] == "<5"


def test_indicators_run_in_a_constant_number_of_queries(
    cooperation, dataset, coordinator_ops, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        cooperation_indicators(cooperation)
    for _ in range(5):  # more cases, plans, meetings: the same number of queries
        case = case_services.case_open(actor=coordinator_ops, cooperation=cooperation)
        WorkPlan.objects.create(case=case, agreed_on=START, created_by=coordinator_ops)
        Meeting.objects.create(
            cooperation=cooperation,
            kind="team",
            title="Z",
            starts_at=_at(START),
            place="OPS",
            organiser=coordinator_ops,
            status="held",
        )
    with django_assert_max_num_queries(16):
        cooperation_indicators(cooperation)


def test_the_report_pdf_holds_no_personal_data(client, case, coordinator_ops):
    evaluation_save(
        actor=coordinator_ops, cooperation=case.cooperation, data={"what_worked": "Regularne spotkania zespołu."}
    )
    login(client, coordinator_ops)
    response = client.get(f"/region/kooperacja/{case.cooperation_id}/ewaluacja/raport.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Regularne spotkania zespołu." in text
    for secret in ("Kowalska", "Anna", "85010112345", case.reference):
        assert secret not in text


def test_the_rops_animator_reads_the_report_and_the_list(client, case, coordinator_ops, animator_rops):
    evaluation_save(actor=coordinator_ops, cooperation=case.cooperation, data={"what_worked": "Dobrze"})
    login(client, animator_rops)
    response = client.get("/region/ewaluacje/")
    assert response.status_code == 200
    assert case.cooperation.name in response.content.decode()
    assert f"/region/kooperacja/{case.cooperation_id}/ewaluacja/raport.pdf" in response.content.decode()
    assert client.get(f"/region/kooperacja/{case.cooperation_id}/ewaluacja/raport.pdf").status_code == 200


def test_a_teacher_gets_403_on_the_rops_pages(client, teacher_school):
    login(client, teacher_school)
    assert client.get("/region/ewaluacje/").status_code == 403
    assert client.get("/region/koszty/").status_code == 403


def test_the_coordinator_saves_the_assessment_through_the_page(client, cooperation, coordinator_ops):
    login(client, coordinator_ops)
    url = f"/region/kooperacja/{cooperation.pk}/ewaluacja/"
    page = client.get(url)
    assert page.status_code == 200 and "data-indicators" in page.content.decode()
    response = client.post(url, {"what_worked": "Zespół", "what_did_not": "Dojazdy", "recommendations": "Więcej"})
    assert response.status_code == 302
    evaluation = ModelEvaluation.objects.get(cooperation=cooperation)
    assert (evaluation.what_worked, evaluation.what_did_not) == ("Zespół", "Dojazdy")


# --- The decision on continuation ----------------------------------------------------------------------


@pytest.fixture
def with_team_and_agreement(cooperation, coordinator_ops, institutions):
    agreement = agreement_create(actor=coordinator_ops, cooperation=cooperation)
    agreement_update(
        actor=coordinator_ops, agreement=agreement, data={"goals": "Wspólne cele pierwszego cyklu", "rules": "Zasady"}
    )
    party_add(actor=coordinator_ops, agreement=agreement, institution=institutions["ops"], signatory_name="A. Kier")
    party_add(actor=coordinator_ops, agreement=agreement, institution=institutions["school"], signatory_name="J. Dyr")
    team = team_create(actor=coordinator_ops, cooperation=cooperation, established_on=START)
    team_member_add(
        actor=coordinator_ops, team=team, institution=institutions["ops"], membership="core", joined_on=START
    )
    left = team_member_add(actor=coordinator_ops, team=team, institution=institutions["school"], joined_on=START)
    team_member_update(actor=coordinator_ops, member=left, data={"left_on": START + datetime.timedelta(days=30)})
    return agreement


def test_continuing_starts_the_next_cycle(cooperation, coordinator_ops, with_team_and_agreement, institutions):
    next_start = datetime.date(2027, 7, 1)
    evaluation = evaluation_decide(
        actor=coordinator_ops,
        cooperation=cooperation,
        decision="continue",
        decided_on=datetime.date(2027, 6, 1),
        document_reference="Zarządzenie 12/2027",
        next_start_date=next_start,
    )
    following = evaluation.next_cooperation
    assert following.cycle == Cooperation.Cycle.CONTINUATION and following.previous == cooperation
    assert (following.unit, following.variant, following.start_date) == (
        cooperation.unit,
        cooperation.variant,
        next_start,
    )
    assert following.roles.filter(user=coordinator_ops, role="coordinator").exists()
    team = following.teams.get()
    assert [m.institution for m in team.members.all()] == [institutions["ops"]]  # the active member only
    old, new = with_team_and_agreement, following.agreements.get()
    assert new.status == Agreement.Status.DRAFT and new.kind == old.kind
    old.refresh_from_db()
    assert all(getattr(new, name) == getattr(old, name) for name in Agreement.TEXT_FIELDS)
    assert set(new.parties.values_list("institution", "status")) == {
        (institutions["ops"].pk, AgreementParty.Status.INVITED),
        (institutions["school"].pk, "invited"),
    }
    assert following.steps.get(kind="agreement").notes  # the new goals are left to be set
    cooperation.refresh_from_db()
    assert cooperation.status == Cooperation.Status.ARCHIVED
    assert cooperation.steps.get(kind="evaluation").status == Step.Status.DONE
    assert evaluation.decided_by == coordinator_ops and evaluation.document_reference == "Zarządzenie 12/2027"


def test_ending_archives_the_cooperation(cooperation, coordinator_ops):
    evaluation = evaluation_decide(
        actor=coordinator_ops, cooperation=cooperation, decision="end", decided_on=datetime.date(2027, 6, 1)
    )
    cooperation.refresh_from_db()
    assert cooperation.status == Cooperation.Status.ARCHIVED and evaluation.next_cooperation is None
    assert Cooperation.objects.count() == 1


def test_the_authority_records_the_decision_through_the_page(client, cooperation, coordinator_ops):
    mayor = UserFactory(first_name="Bartosz", last_name="Burmistrz")
    cooperation_role_add(
        actor=coordinator_ops, cooperation=cooperation, user=mayor, role=CooperationRole.Role.AUTHORITY
    )
    login(client, mayor)
    url = f"/region/kooperacja/{cooperation.pk}/ewaluacja/decyzja/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "decision": "continue",
            "decided_on": "2027-06-01",
            "document_reference": "Z 1",
            "next_start_date": "2027-07-01",
        },
    )
    evaluation = ModelEvaluation.objects.get(cooperation=cooperation)
    assert response.status_code == 302 and response["Location"] == f"/kooperacja/{evaluation.next_cooperation_id}/"
    assert evaluation.decided_by == mayor


@pytest.mark.parametrize("actor", ["animator_pcpr", "animator_rops"])  # readers, not its editors or authorities
def test_others_may_not_record_the_decision(request, client, cooperation, actor):
    user = request.getfixturevalue(actor)
    login(client, user)
    url = f"/region/kooperacja/{cooperation.pk}/ewaluacja/decyzja/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"decision": "end", "decided_on": "2027-06-01"}).status_code == 403
    with pytest.raises(PermissionDenied):
        evaluation_decide(actor=user, cooperation=cooperation, decision="end", decided_on=datetime.date(2027, 6, 1))
    cooperation.refresh_from_db()
    assert cooperation.status == Cooperation.Status.ACTIVE


def test_a_worker_of_another_gmina_sees_nothing(client, cooperation, worker_other_gmina):
    login(client, worker_other_gmina)
    assert client.get(f"/region/kooperacja/{cooperation.pk}/ewaluacja/").status_code == 404


def test_the_decision_is_recorded_once(cooperation, coordinator_ops):
    from django.core.exceptions import ValidationError

    evaluation_decide(actor=coordinator_ops, cooperation=cooperation, decision="end", decided_on=START)
    with pytest.raises(ValidationError):
        evaluation_decide(actor=coordinator_ops, cooperation=cooperation, decision="end", decided_on=START)


def test_team_activity_hours_feed_the_indicators(cooperation, dataset):
    assert TeamActivity.objects.filter(team__cooperation=cooperation).count() == 2
