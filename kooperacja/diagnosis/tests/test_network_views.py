"""The network pages through HTTP: who sees what, answering the survey, rounds and the comparison."""

import datetime

import pytest

from conftest import login
from kooperacja.accounts.models import Role
from kooperacja.diagnosis.models import SurveyAnswer, SurveyRound
from kooperacja.diagnosis.network import services
from tests.factories import InstitutionFactory, MembershipFactory

DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def survey_round(coordinator_ops, territory, institutions):
    return services.survey_round_create(
        actor=coordinator_ops,
        unit=territory["gmina"],
        title="Przed współpracą",
        held_on=DAY,
        institutions=[institutions["ops"], institutions["school"], institutions["pcpr"]],
    )


def answer_url(survey_round):
    return f"/analiza/ankiety/{survey_round.pk}/"


def post_data(respondent, rows: dict) -> dict:
    """{partner: {field: value}} → the POST of the answer page."""
    data = {"instytucja": respondent.pk}
    for partner, fields in rows.items():
        data.update({f"p{partner.pk}-{name}": value for name, value in fields.items()})
    return data


def test_who_sees_the_network_page(
    client, analysis, survey_round, coordinator_ops, teacher_school, animator_rops, worker_other_gmina
):
    for user, status in (
        (coordinator_ops, 200),
        (teacher_school, 200),
        (animator_rops, 200),
        (worker_other_gmina, 404),
    ):
        client.logout()
        login(client, user)
        assert client.get(f"/analiza/{analysis.pk}/siec/").status_code == status, user
        assert client.get(f"/analiza/{analysis.pk}/siec/runda/{survey_round.pk}/").status_code == status, user


def test_network_page_shows_the_latest_round_with_its_drawing_and_table(
    client, analysis, survey_round, coordinator_ops, institutions
):
    services.survey_answers_save(
        actor=coordinator_ops,
        survey_round=survey_round,
        respondent=institutions["ops"],
        answers=[{"partner_id": institutions["school"].pk, "level": 2}],
    )
    login(client, coordinator_ops)
    response = client.get(f"/analiza/{analysis.pk}/siec/")
    content = response.content.decode()
    assert response.context["selected"] == survey_round
    assert response.context["measures"].tie_count == 1
    assert 'role="img"' in content and "PCPR testowe" in content
    assert f"/analiza/{analysis.pk}/siec/nowa-runda/" in content


def test_network_page_query_count_does_not_grow(
    client, analysis, coordinator_ops, territory, institutions, django_assert_max_num_queries
):
    def make_round(count, year):
        extra = [InstitutionFactory(kind="ngo", unit=territory["gmina"]) for _ in range(count)]
        members = [institutions["ops"], institutions["school"], *extra]
        survey_round = services.survey_round_create(
            actor=coordinator_ops,
            unit=territory["gmina"],
            title=f"R{year}",
            held_on=DAY.replace(year=year),
            institutions=members,
        )
        for institution in members[1:]:
            services.survey_answers_save(
                actor=coordinator_ops,
                survey_round=survey_round,
                respondent=institution,
                answers=[{"partner_id": institutions["ops"].pk, "level": 3, "trust_reliability": 3}],
            )
        return survey_round

    login(client, coordinator_ops)
    first = make_round(2, 2025)
    second = make_round(2, 2026)
    url = f"/analiza/{analysis.pk}/siec/?przed={first.pk}&po={second.pk}"
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    make_round(12, 2027)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(f"/analiza/{analysis.pk}/siec/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/analiza/ankiety/").status_code == 200


def test_comparison_of_two_rounds(client, analysis, survey_round, coordinator_ops, territory, institutions):
    later = services.survey_round_create(
        actor=coordinator_ops,
        unit=territory["gmina"],
        title="Po roku",
        held_on=DAY.replace(year=2027),
        institutions=[institutions["ops"], institutions["school"]],
    )
    services.survey_answers_save(
        actor=coordinator_ops,
        survey_round=later,
        respondent=institutions["ops"],
        answers=[{"partner_id": institutions["school"].pk, "level": 4}],
    )
    login(client, coordinator_ops)
    response = client.get(f"/analiza/{analysis.pk}/siec/?przed={survey_round.pk}&po={later.pk}")
    comparison = response.context["comparison"]
    ties = comparison["rows"][1]
    assert (ties["before"], ties["after"], ties["change"]) == (0, 1, 1)
    content = response.content.decode()
    assert "compare-before-title" in content and "compare-after-title" in content
    same = client.get(f"/analiza/{analysis.pk}/siec/?przed={later.pk}&po={later.pk}")
    assert same.context["comparison"] is None and same.context["compare_form"].errors


def test_coordinator_creates_and_closes_a_round(client, analysis, coordinator_ops, institutions):
    login(client, coordinator_ops)
    form = client.get(f"/analiza/{analysis.pk}/siec/nowa-runda/").context["form"]
    initial = {i.pk for i in form.initial["institutions"]}
    assert institutions["school"].pk in initial and institutions["ops_other"].pk not in initial
    response = client.post(
        f"/analiza/{analysis.pk}/siec/nowa-runda/",
        {
            "title": "Przed",
            "held_on": "2026-03-01",
            "institutions": [institutions["ops"].pk],
        },
    )
    assert response.status_code == 400 and response.context["form"]["title"].value() == "Przed"
    response = client.post(
        f"/analiza/{analysis.pk}/siec/nowa-runda/",
        {
            "title": "Przed",
            "held_on": "2026-03-01",
            "institutions": [institutions["ops"].pk, institutions["school"].pk],
        },
    )
    survey_round = SurveyRound.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/analiza/{analysis.pk}/siec/runda/{survey_round.pk}/"
    )
    assert client.post(f"/analiza/{analysis.pk}/siec/runda/{survey_round.pk}/zamknij/").status_code == 302
    survey_round.refresh_from_db()
    assert survey_round.is_closed


def test_teacher_may_not_create_or_close_rounds(client, analysis, survey_round, teacher_school):
    login(client, teacher_school)
    assert client.get(f"/analiza/{analysis.pk}/siec/nowa-runda/").status_code == 403
    assert client.post(f"/analiza/{analysis.pk}/siec/runda/{survey_round.pk}/zamknij/").status_code == 403


def test_school_respondent_sees_and_answers_only_the_schools_rows(
    client, survey_round, coordinator_ops, teacher_school, institutions
):
    services.survey_answers_save(
        actor=coordinator_ops,
        survey_round=survey_round,
        respondent=institutions["ops"],
        answers=[{"partner_id": institutions["school"].pk, "level": 2, "obstacles": "TAJNA UWAGA OPS"}],
    )
    login(client, teacher_school)
    assert survey_round in client.get("/analiza/ankiety/").context["rounds"]
    response = client.get(answer_url(survey_round))
    content = response.content.decode()
    assert response.status_code == 200 and response.context["respondent"] == institutions["school"]
    assert "TAJNA UWAGA OPS" not in content and not response.context["on_behalf"]
    partners = [form.partner for _label, forms in response.context["sections"] for form in forms]
    assert set(partners) == {institutions["ops"], institutions["pcpr"]}

    response = client.post(
        answer_url(survey_round),
        post_data(
            institutions["school"],
            {
                institutions["ops"]: {"level": "3", "trust_reliability": "4", "frequency": "monthly"},
                institutions["pcpr"]: {"level": ""},
            },
        ),
    )
    assert response.status_code == 302
    saved = SurveyAnswer.objects.get(respondent=institutions["school"])
    assert (saved.partner, saved.level, saved.trust_reliability, saved.on_behalf) == (institutions["ops"], 3, 4, False)

    # Answering for the OPS is refused, whatever the form says.
    response = client.post(
        answer_url(survey_round),
        post_data(
            institutions["ops"],
            {
                institutions["school"]: {"level": "4"},
            },
        ),
    )
    assert response.status_code == 403
    assert SurveyAnswer.objects.get(respondent=institutions["ops"]).level == 2


def test_errors_keep_what_was_typed(client, survey_round, teacher_school, institutions):
    login(client, teacher_school)
    response = client.post(
        answer_url(survey_round),
        post_data(
            institutions["school"],
            {
                institutions["ops"]: {"level": "", "obstacles": "brak czasu", "trust_mission": "2"},
                institutions["pcpr"]: {"level": "2", "obstacles": "x" * 3000},
            },
        ),
    )
    assert response.status_code == 400 and response.context["error_count"] == 2
    content = response.content.decode()
    assert "brak czasu" in content
    forms = {form.partner: form for _label, group in response.context["sections"] for form in group}
    assert forms[institutions["ops"]]["trust_mission"].value() == "2"
    assert forms[institutions["pcpr"]]["level"].value() == "2"
    assert not SurveyAnswer.objects.exists()


def test_coordinator_answers_on_behalf_and_a_member_of_two_institutions_chooses(
    client, survey_round, coordinator_ops, teacher_school, institutions
):
    login(client, coordinator_ops)
    response = client.get(f"{answer_url(survey_round)}?instytucja={institutions['school'].pk}")
    assert response.context["on_behalf"] and response.context["many_respondents"]
    client.post(answer_url(survey_round), post_data(institutions["school"], {institutions["pcpr"]: {"level": "1"}}))
    assert SurveyAnswer.objects.get(respondent=institutions["school"]).on_behalf

    MembershipFactory(user=teacher_school, institution=institutions["pcpr"], role=Role.CASE_WORKER)
    client.logout()
    login(client, teacher_school)
    response = client.get(f"{answer_url(survey_round)}?instytucja={institutions['pcpr'].pk}")
    assert response.context["respondent"] == institutions["pcpr"] and response.context["many_respondents"]
    assert not response.context["on_behalf"]


def test_outsiders_and_closed_rounds(
    client, survey_round, coordinator_ops, teacher_school, worker_other_gmina, animator_rops, institutions
):
    login(client, worker_other_gmina)
    assert client.get(answer_url(survey_round)).status_code == 404
    assert client.get("/analiza/ankiety/").context["rounds"] == []
    client.logout()
    login(client, animator_rops)  # sees aggregates of the gmina, answers for nobody in this round
    assert client.get(answer_url(survey_round)).status_code == 404
    services.survey_round_close(actor=coordinator_ops, survey_round=survey_round)
    client.logout()
    login(client, teacher_school)
    response = client.post(
        answer_url(survey_round),
        post_data(
            institutions["school"],
            {
                institutions["ops"]: {"level": "3"},
            },
        ),
    )
    assert response.status_code == 400 and not SurveyAnswer.objects.exists()
