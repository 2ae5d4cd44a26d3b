"""Rounds of the cooperation survey and the answers of one institution (R-13)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kooperacja.audit.models import AuditEvent
from kooperacja.diagnosis.models import SurveyAnswer, SurveyRound
from kooperacja.diagnosis.network import selectors, services

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


def row(partner, level, **details):
    return {"partner_id": partner.pk, "level": level, **details}


def test_coordinator_creates_a_round_of_institutions_serving_the_gmina(survey_round, institutions):
    assert set(survey_round.institutions.all()) == {institutions["ops"], institutions["school"], institutions["pcpr"]}
    event = AuditEvent.objects.get(action="create", object_type="diagnosis.surveyround")
    assert sorted(event.details["institutions"]) == sorted(i.pk for i in survey_round.institutions.all())


def test_a_round_needs_two_institutions_serving_the_gmina(coordinator_ops, territory, institutions):
    create = services.survey_round_create
    with pytest.raises(ValidationError) as error:
        create(
            actor=coordinator_ops, unit=territory["gmina"], title="R", held_on=DAY, institutions=[institutions["ops"]]
        )
    assert "institutions" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create(
            actor=coordinator_ops,
            unit=territory["gmina"],
            title="R",
            held_on=DAY,
            institutions=[institutions["ops"], institutions["ops_other"]],
        )
    assert "institutions" in error.value.message_dict
    assert not SurveyRound.objects.exists()


def test_only_the_coordinator_creates_and_closes_rounds(teacher_school, territory, institutions, survey_round):
    with pytest.raises(PermissionDenied):
        services.survey_round_create(
            actor=teacher_school,
            unit=territory["gmina"],
            title="R",
            held_on=DAY,
            institutions=[institutions["ops"], institutions["school"]],
        )
    with pytest.raises(PermissionDenied):
        services.survey_round_close(actor=teacher_school, survey_round=survey_round)


def test_respondent_saves_rows_once_and_updates_them(teacher_school, survey_round, institutions):
    school = institutions["school"]
    counts = services.survey_answers_save(
        actor=teacher_school,
        survey_round=survey_round,
        respondent=school,
        answers=[row(institutions["ops"], 3, trust_reliability=4, frequency="monthly"), row(institutions["pcpr"], 1)],
    )
    assert counts == {"created": 2, "updated": 0}
    counts = services.survey_answers_save(
        actor=teacher_school,
        survey_round=survey_round,
        respondent=school,
        answers=[row(institutions["ops"], 4, trust_reliability=4, frequency="monthly")],
    )
    assert counts == {"created": 0, "updated": 1}
    answer = SurveyAnswer.objects.get(respondent=school, partner=institutions["ops"])
    assert answer.level == 4 and answer.trust_reliability == 4 and not answer.on_behalf
    assert answer.answered_by == teacher_school
    assert SurveyAnswer.objects.count() == 2
    events = AuditEvent.objects.filter(object_type="diagnosis.surveyround", action="update").order_by("pk")
    assert [e.details for e in events] == [
        {"respondent": school.pk, "on_behalf": False, "created": 2, "updated": 0},
        {"respondent": school.pk, "on_behalf": False, "created": 0, "updated": 1},
    ]


def test_level_zero_clears_the_other_answers(teacher_school, survey_round, institutions):
    services.survey_answers_save(
        actor=teacher_school,
        survey_round=survey_round,
        respondent=institutions["school"],
        answers=[
            row(institutions["ops"], 0, trust_mission=3, initiator="we", obstacles="brak czasu", staff_readiness=2)
        ],
    )
    answer = SurveyAnswer.objects.get()
    assert (answer.level, answer.trust_mission, answer.initiator, answer.obstacles, answer.staff_readiness) == (
        0,
        None,
        "",
        "",
        None,
    )


def test_nobody_answers_for_an_institution_that_is_not_theirs(teacher_school, survey_round, institutions):
    with pytest.raises(PermissionDenied):
        services.survey_answers_save(
            actor=teacher_school,
            survey_round=survey_round,
            respondent=institutions["ops"],
            answers=[row(institutions["school"], 2)],
        )
    assert not SurveyAnswer.objects.exists()


def test_the_coordinator_answers_on_an_institutions_behalf(coordinator_ops, survey_round, institutions):
    services.survey_answers_save(
        actor=coordinator_ops,
        survey_round=survey_round,
        respondent=institutions["school"],
        answers=[row(institutions["ops"], 2)],
    )
    services.survey_answers_save(
        actor=coordinator_ops,
        survey_round=survey_round,
        respondent=institutions["ops"],
        answers=[row(institutions["school"], 2)],
    )
    assert SurveyAnswer.objects.get(respondent=institutions["school"]).on_behalf
    assert not SurveyAnswer.objects.get(respondent=institutions["ops"]).on_behalf  # its own institution


def test_closed_round_and_bad_rows_are_refused(coordinator_ops, teacher_school, survey_round, institutions):
    save = services.survey_answers_save
    school = institutions["school"]
    with pytest.raises(ValidationError):
        save(actor=teacher_school, survey_round=survey_round, respondent=school, answers=[row(school, 2)])
    with pytest.raises(ValidationError):
        save(actor=teacher_school, survey_round=survey_round, respondent=school, answers=[row(institutions["rops"], 2)])
    with pytest.raises(ValidationError):
        save(
            actor=teacher_school,
            survey_round=survey_round,
            respondent=school,
            answers=[row(institutions["ops"], 2, value_influence=7)],
        )
    services.survey_round_close(actor=coordinator_ops, survey_round=survey_round)
    with pytest.raises(ValidationError):
        save(actor=teacher_school, survey_round=survey_round, respondent=school, answers=[row(institutions["ops"], 2)])
    services.survey_round_reopen(actor=coordinator_ops, survey_round=survey_round)
    save(actor=teacher_school, survey_round=survey_round, respondent=school, answers=[row(institutions["ops"], 2)])
    assert SurveyAnswer.objects.count() == 1


def test_rounds_to_answer_lists_open_rounds_of_my_institutions(
    teacher_school, worker_other_gmina, survey_round, coordinator_ops, territory, institutions
):
    [listed] = selectors.rounds_to_answer(teacher_school)
    assert listed == survey_round and [i.name for i in listed.my_institutions] == ["Szkoła testowa"]
    assert not listed.my_institutions[0].answered
    assert selectors.rounds_to_answer(worker_other_gmina) == []
    services.survey_round_close(actor=coordinator_ops, survey_round=survey_round)
    assert selectors.rounds_to_answer(teacher_school) == []


def test_round_measures_and_report_summary(coordinator_ops, teacher_school, survey_round, territory, institutions):
    summary = selectors.network_summary_for_report(territory["gmina"])
    assert summary["latest"] == survey_round and summary["previous"] is None and summary["comparison"] == []
    assert selectors.network_summary_for_report(territory["other_gmina"])["latest_measures"] is None
    services.survey_answers_save(
        actor=teacher_school,
        survey_round=survey_round,
        respondent=institutions["school"],
        answers=[row(institutions["ops"], 2, trust_reliability=3)],
    )
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
        answers=[row(institutions["school"], 4)],
    )
    measures = selectors.round_measures(survey_round)
    assert measures.tie_count == 1 and measures.response_rate == pytest.approx(1 / 3)
    assert "<svg" in measures.svg
    summary = selectors.network_summary_for_report(territory["gmina"])
    assert summary["latest"] == later and summary["previous"] == survey_round
    assert summary["latest_measures"].density == pytest.approx(0.5)
    assert "report-latest-title" in summary["latest_measures"].svg
    ties = next(r for r in summary["comparison"] if r["percent"] is False)
    assert (ties["before"], ties["after"], ties["change"]) == (1, 1, 0)
