"""The tools of the model (R-38): the rating of the cooperation (means per factor, change between rounds, per
case and per cooperation), the preparation checklist, the plan of the institutions' cooperation; access."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from pypdf import PdfReader

from conftest import login
from kooperacja.cases import services as case_services
from kooperacja.cases.models import GroupMembership, PreparationAnswer, Rating, RatingRound
from kooperacja.cases.tools import selectors, services
from kooperacja.cases.tools.content import CHECKLIST, CHECKLIST_CODES, FACTOR_OF, FACTORS
from kooperacja.notifications.models import Notification

pytestmark = pytest.mark.django_db


def scores(value: int = 3, **by_factor: int) -> dict[str, int]:
    return {code: by_factor.get(factor, value) for code, factor in FACTOR_OF.items()}


def means(row) -> dict:
    return {score.code: score.mean for score in row.factors}


def changes(row) -> dict:
    return {score.code: score.change for score in row.factors}


def test_content_has_three_or_four_polish_statements_per_factor():
    assert [f.code for f in FACTORS] == ["communication", "roles", "trust", "resources", "purpose", "process"]
    for factor in FACTORS:
        assert 3 <= len(factor.statements) <= 4
    assert len(set(FACTOR_OF)) == sum(len(f.statements) for f in FACTORS)
    assert {"situation", "past_help", "contacts", "documents", "consent"} <= set(CHECKLIST_CODES)


# --- Rating -------------------------------------------------------------------------------------------


def test_round_scores_are_means_per_factor_and_change_between_rounds(case, coordinator_ops, teacher_school):
    first = services.rating_round_open(actor=coordinator_ops, case=case, held_on=datetime.date(2026, 3, 10))
    services.rating_submit(actor=coordinator_ops, rating_round=first, scores=scores(4, trust=2))
    services.rating_submit(actor=teacher_school, rating_round=first, scores=scores(3, trust=3, communication=2))
    second = services.rating_round_open(actor=coordinator_ops, case=case, held_on=datetime.date(2026, 6, 10))
    services.rating_submit(actor=coordinator_ops, rating_round=second, scores=scores(5))
    services.rating_submit(actor=teacher_school, rating_round=second, scores=scores(4, trust=5))

    rows = selectors.case_rating_summary(case)
    assert [r.round for r in rows] == [first, second] and [r.raters for r in rows] == [2, 2]
    assert means(rows[0]) == {
        "communication": 3.0,
        "roles": 3.5,
        "trust": 2.5,
        "resources": 3.5,
        "purpose": 3.5,
        "process": 3.5,
    }
    assert means(rows[1])["trust"] == 5.0 and means(rows[1])["roles"] == 4.5
    assert changes(rows[0])["trust"] is None
    assert changes(rows[1]) == {
        "communication": 1.5,
        "roles": 1.0,
        "trust": 2.5,
        "resources": 1.0,
        "purpose": 1.0,
        "process": 1.0,
    }
    assert rows[0].overall == round(sum(means(rows[0]).values()) / 6, 2)


def test_a_second_rating_replaces_the_first(case, coordinator_ops, teacher_school):
    rating_round = services.rating_round_open(actor=coordinator_ops, case=case)
    services.rating_submit(actor=teacher_school, rating_round=rating_round, scores=scores(1))
    services.rating_submit(actor=teacher_school, rating_round=rating_round, scores=scores(5))
    assert Rating.objects.count() == 1
    assert means(selectors.case_rating_summary(case)[0])["process"] == 5.0


def test_opening_a_round_tells_the_members_by_reference_only(case, coordinator_ops, teacher_school):
    rating_round = services.rating_round_open(actor=coordinator_ops, case=case)
    notice = Notification.objects.get(user=teacher_school)
    assert case.reference in notice.message and "Kowalska" not in notice.message
    assert notice.url == f"/sprawy/{case.pk}/narzedzia/ocena/{rating_round.pk}/"


def test_cooperation_summary_takes_every_case_by_quarter(case, cooperation, coordinator_ops, teacher_school):
    other = case_services.case_open(actor=coordinator_ops, cooperation=cooperation)
    r1 = services.rating_round_open(actor=coordinator_ops, case=case, held_on=datetime.date(2026, 3, 10))
    r2 = services.rating_round_open(actor=coordinator_ops, case=other, held_on=datetime.date(2026, 2, 1))
    r3 = services.rating_round_open(actor=coordinator_ops, case=case, held_on=datetime.date(2026, 5, 5))
    services.rating_submit(actor=coordinator_ops, rating_round=r1, scores=scores(2))
    services.rating_submit(actor=teacher_school, rating_round=r1, scores=scores(3))
    services.rating_submit(actor=coordinator_ops, rating_round=r2, scores=scores(4))
    services.rating_submit(actor=coordinator_ops, rating_round=r3, scores=scores(4, roles=2))
    rows = selectors.cooperation_rating_summary(cooperation)
    assert [r.label for r in rows] == ["2026 Q1", "2026 Q2"] and [r.raters for r in rows] == [3, 1]
    assert means(rows[0])["roles"] == 3.0 and means(rows[1])["roles"] == 2.0
    assert changes(rows[1])["roles"] == -1.0 and changes(rows[1])["trust"] == 1.0


def test_rating_is_refused_to_outsiders_incomplete_answers_and_closed_cases(case, coordinator_ops, worker_other_gmina):
    rating_round = services.rating_round_open(actor=coordinator_ops, case=case)
    with pytest.raises(ValidationError):
        services.rating_submit(actor=worker_other_gmina, rating_round=rating_round, scores=scores(3))
    incomplete = scores(3)
    incomplete.pop("trust_1")
    with pytest.raises(ValidationError):
        services.rating_submit(actor=coordinator_ops, rating_round=rating_round, scores=incomplete)
    with pytest.raises(ValidationError):
        services.rating_submit(actor=coordinator_ops, rating_round=rating_round, scores=scores(6))
    with pytest.raises(ValidationError):
        services.rating_round_open(actor=worker_other_gmina, case=case, held_on=datetime.date(2026, 7, 1))
    case.status = case.Status.CLOSED
    with pytest.raises(ValidationError):
        services.rating_submit(actor=coordinator_ops, rating_round=rating_round, scores=scores(3))
    with pytest.raises(ValidationError):
        services.rating_round_open(actor=coordinator_ops, case=case, held_on=datetime.date(2026, 7, 1))


# --- Preparation --------------------------------------------------------------------------------------


def test_member_fills_in_the_preparation_of_their_institution(case, teacher_school, institutions, coordinator_ops):
    answers = {"situation": {"done": True, "note": "Anna Kowalska — frekwencja 60%"}, "consent": {"done": True}}
    checklist = services.preparation_save(
        actor=teacher_school, case=case, institution=institutions["school"], answers=answers
    )
    assert checklist.answers.count() == len(CHECKLIST)
    assert PreparationAnswer.objects.get(item="situation").note.startswith("Anna Kowalska")
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM cases_preparationanswer WHERE item = 'situation'")
        assert "Kowalska" not in cursor.fetchone()[0]
    services.preparation_save(
        actor=teacher_school,
        case=case,
        institution=institutions["school"],
        answers={"situation": {"done": False, "note": ""}},
    )
    assert not PreparationAnswer.objects.get(item="situation").done
    with pytest.raises(ValidationError):  # not a member for the OPS in the group
        services.preparation_save(actor=teacher_school, case=case, institution=institutions["ops"], answers={})
    with pytest.raises(ValidationError):
        services.preparation_save(actor=coordinator_ops, case=case, institution=institutions["school"], answers={})


# --- Plan of the institutions' cooperation ------------------------------------------------------------


def test_plan_counts_group_memberships_per_institution(
    case, cooperation, coordinator_ops, teacher_school, institutions
):
    other = case_services.case_open(actor=coordinator_ops, cooperation=cooperation)
    case_services.group_member_add(
        actor=coordinator_ops, group=other.groups.get(), user=teacher_school, institution=institutions["school"]
    )
    case_services.group_member_add(
        actor=coordinator_ops, group=other.groups.get(), user=coordinator_ops, institution=institutions["ops"]
    )
    rows = {row.name: row for row in selectors.institutions_plan(cooperation)}
    assert rows["Szkoła testowa"].group_count == 2 and rows["Szkoła testowa"].case_count == 2
    assert rows["Szkoła testowa"].references == sorted([case.reference, other.reference])
    assert rows["OPS testowy"].case_count == 1 and rows["OPS testowy"].tasks is None
    GroupMembership.objects.filter(group=other.groups.get(), user=teacher_school).update(left_on="2026-05-01")
    assert {r.name: r.case_count for r in selectors.institutions_plan(cooperation)}["Szkoła testowa"] == 1
    assert selectors.institution_task_counts(cooperation) == {}


# --- Pages and access ---------------------------------------------------------------------------------


def test_coordinator_opens_a_round_and_sees_scores(client, case, coordinator_ops, teacher_school, institutions):
    services.preparation_save(
        actor=teacher_school,
        case=case,
        institution=institutions["school"],
        answers={"situation": {"done": True, "note": "Notatka szkoły"}},
    )
    login(client, coordinator_ops)
    response = client.post(f"/sprawy/{case.pk}/narzedzia/ocena/nowa/", {"held_on": "2026-04-02"})
    assert response.status_code == 302
    rating_round = RatingRound.objects.get()
    services.rating_submit(actor=teacher_school, rating_round=rating_round, scores=scores(4))
    page = client.get(f"/sprawy/{case.pk}/narzedzia/")
    assert page.status_code == 200
    assert "02.04.2026" in page.text and "4,00" in page.text and "Notatka szkoły" in page.text
    pdf = client.get(f"/sprawy/{case.pk}/narzedzia/przygotowanie/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert case.reference in text and "Dokumenty do zabrania" in text and "Kowalska" not in text


def test_member_rates_and_fills_in_the_preparation(client, case, coordinator_ops, teacher_school):
    rating_round = services.rating_round_open(actor=coordinator_ops, case=case)
    login(client, teacher_school)
    form = client.get(f"/sprawy/{case.pk}/narzedzia/ocena/{rating_round.pk}/")
    assert form.status_code == 200 and "Komunikacja" in form.text and "communication_1" in form.text
    assert client.post(f"/sprawy/{case.pk}/narzedzia/ocena/{rating_round.pk}/", {"trust_1": "3"}).status_code == 400
    response = client.post(f"/sprawy/{case.pk}/narzedzia/ocena/{rating_round.pk}/", scores(4))
    assert response.status_code == 302 and Rating.objects.get().user == teacher_school
    assert client.post(f"/sprawy/{case.pk}/narzedzia/ocena/nowa/", {"held_on": "2026-05-01"}).status_code == 403

    page = client.get(f"/sprawy/{case.pk}/narzedzia/przygotowanie/")
    assert page.status_code == 200 and "Szkoła testowa" in page.text
    data = {"situation_done": "on", "situation_note": "Uczennica opuszcza zajęcia", "consent_done": "on"}
    assert client.post(f"/sprawy/{case.pk}/narzedzia/przygotowanie/", data).status_code == 302
    assert PreparationAnswer.objects.get(item="situation").note == "Uczennica opuszcza zajęcia"
    overview = client.get(f"/sprawy/{case.pk}/narzedzia/")
    assert "Uczennica opuszcza" not in overview.text  # the other institutions' notes are the coordinator's


@pytest.mark.parametrize("stranger", ["worker_other_gmina", "animator_rops", "animator_pcpr", "admin_user"])
def test_others_get_404_on_every_case_tool(client, case, coordinator_ops, stranger, request):
    rating_round = services.rating_round_open(actor=coordinator_ops, case=case)
    login(client, request.getfixturevalue(stranger))
    for url in (
        "narzedzia/",
        f"narzedzia/ocena/{rating_round.pk}/",
        "narzedzia/przygotowanie/",
        "narzedzia/przygotowanie/pdf/",
    ):
        assert client.get(f"/sprawy/{case.pk}/{url}").status_code == 404, url
    assert client.post(f"/sprawy/{case.pk}/narzedzia/ocena/nowa/", {"held_on": "2026-05-01"}).status_code == 404


def test_cooperation_summary_shows_references_to_the_coordinator_and_aggregates_to_rops(
    client, case, coordinator_ops, animator_rops, worker_other_gmina, teacher_school
):
    rating_round = services.rating_round_open(actor=coordinator_ops, case=case, held_on=datetime.date(2026, 4, 1))
    services.rating_submit(actor=teacher_school, rating_round=rating_round, scores=scores(4))
    url = f"/sprawy/kooperacja/{case.cooperation_id}/ocena-wspolpracy/"
    login(client, coordinator_ops)
    response = client.get(url)
    assert response.status_code == 200 and case.reference in response.text and "2026 Q2" in response.text
    client.logout()
    login(client, animator_rops)
    response = client.get(url)
    assert response.status_code == 200 and "Szkoła testowa" in response.text and "2026 Q2" in response.text
    assert case.reference not in response.text and "Kowalska" not in response.text
    client.logout()
    login(client, worker_other_gmina)
    assert client.get(url).status_code == 404


def test_tool_pages_do_not_grow_with_rounds_and_cases(
    client, case, cooperation, coordinator_ops, teacher_school, institutions, django_assert_max_num_queries
):
    login(client, coordinator_ops)

    def add(n):
        for i in range(n):
            day = datetime.date(2026, 1 + i % 12, 1 + RatingRound.objects.count() % 28)
            r = services.rating_round_open(actor=coordinator_ops, case=case, held_on=day)
            services.rating_submit(actor=teacher_school, rating_round=r, scores=scores(3))
            other = case_services.case_open(actor=coordinator_ops, cooperation=cooperation)
            case_services.group_member_add(
                actor=coordinator_ops, group=other.groups.get(), user=teacher_school, institution=institutions["school"]
            )

    add(1)
    urls = [f"/sprawy/{case.pk}/narzedzia/", f"/sprawy/kooperacja/{cooperation.pk}/ocena-wspolpracy/"]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(60) as captured:
            client.get(url)
        counts[url] = len(captured.captured_queries)
    add(5)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200
