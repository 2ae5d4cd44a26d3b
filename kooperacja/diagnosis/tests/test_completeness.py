import datetime

import pytest

from conftest import login
from kooperacja.diagnosis import services
from kooperacja.diagnosis.completeness import QUESTIONS, analysis_completeness
from kooperacja.diagnosis.models import (
    Enclave,
    Indicator,
    IndicatorValue,
    Need,
    ProblemMapEntry,
    RiskGroup,
    SurveyAnswer,
    SurveyRound,
)

pytestmark = pytest.mark.django_db


def fill(analysis, institutions):
    unit = analysis.unit
    indicator = Indicator.objects.create(code="x", name="Ludność")
    for year in (2024, 2025):
        IndicatorValue.objects.create(indicator=indicator, unit=unit, year=year, value=100, source="manual")
        ProblemMapEntry.objects.create(unit=unit, year=year, category="poverty", persons=10)
    analysis.transport = "PKS"
    analysis.urban_area = "Miasto"
    analysis.save()
    Enclave.objects.create(analysis=analysis, name="Osiedle", location="Wola", isolation_reason="brak dojazdu")
    RiskGroup.objects.create(analysis=analysis, name="Seniorzy samotni")
    Need.objects.create(analysis=analysis, source="residents", description="Transport do lekarza")
    Need.objects.create(analysis=analysis, source="staff", description="Mieszkania chronione")
    survey = SurveyRound.objects.create(unit=unit, title="I", held_on=datetime.date(2025, 3, 1))
    SurveyAnswer.objects.create(round=survey, respondent=institutions["ops"], partner=institutions["school"], level=2)


def test_empty_analysis_lists_everything_missing(analysis):
    state = analysis_completeness(analysis)
    assert state.percent == 0 and not state.is_complete
    assert all(not q.has_data for q in state.questions)
    assert len(state.missing) >= 7


def test_data_and_confirmation_make_it_complete(analysis, institutions, coordinator_ops):
    fill(analysis, institutions)
    state = analysis_completeness(analysis)
    assert all(q.has_data for q in state.questions) and state.percent == 0
    for code in list(QUESTIONS)[:6]:
        services.completeness_confirm(actor=coordinator_ops, analysis=analysis, question=code)
    state = analysis_completeness(analysis)
    assert state.percent == 86 and len(state.missing) == 1
    services.completeness_confirm(actor=coordinator_ops, analysis=analysis, question="cooperation")
    assert analysis_completeness(analysis).is_complete


def test_no_enclaves_statement_answers_the_enclave_question(analysis):
    analysis.no_enclaves = True
    analysis.save()
    assert next(q for q in analysis_completeness(analysis).questions if q.code == "enclaves").has_data


def test_confirming_without_data_is_refused(client, analysis, coordinator_ops):
    login(client, coordinator_ops)
    response = client.post(f"/analiza/{analysis.pk}/kompletnosc/", {"question": "risk_groups"}, follow=True)
    assert response.status_code == 200
    assert not analysis.confirmations.exists()


def test_completeness_page_in_constant_queries(
    client, analysis, institutions, coordinator_ops, django_assert_max_num_queries
):
    fill(analysis, institutions)
    login(client, coordinator_ops)
    with django_assert_max_num_queries(25):
        assert client.get(f"/analiza/{analysis.pk}/kompletnosc/").status_code == 200
