"""The statistics, problem map and network pages run the same number of queries for one row of data as for
twenty: each page is opened at two data sizes and the two counts must be equal."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import login
from kooperacja.diagnosis import services as diagnosis_services
from kooperacja.diagnosis.network import services as network_services
from kooperacja.diagnosis.statistics import services as statistics_services
from kooperacja.directory.models import Problem
from kooperacja.directory.taxonomy import PROBLEMS, sync_problem_rows
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

FIRST_YEAR = 2005


def queries_of(client, url: str) -> int:
    client.get(url)  # the first request of a session may warm caches; count the second
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_statistics_page_queries_are_the_same_for_1_and_20_indicators_and_years(client, analysis, coordinator_ops):
    def add_indicators(count: int, start: int) -> None:
        for n in range(start, start + count):
            indicator = statistics_services.indicator_create(
                actor=coordinator_ops, unit=analysis.unit, name=f"Wskaźnik {n}", measure="osoba"
            )
            for year in range(FIRST_YEAR, FIRST_YEAR + count):
                statistics_services.indicator_value_save(
                    actor=coordinator_ops, indicator=indicator, unit=analysis.unit, year=year, value=n + year
                )

    login(client, coordinator_ops)
    url = f"/analiza/{analysis.pk}/statystyki/"
    add_indicators(1, 0)
    small = queries_of(client, url)
    add_indicators(19, 1)  # 20 indicators; years up to 20
    assert queries_of(client, url) == small


def test_problem_map_page_queries_are_the_same_for_1_and_20_years(client, analysis, coordinator_ops):
    sync_problem_rows(Problem)
    categories = [code for code, _name, group in PROBLEMS if group == "art7"]

    def add_years(years: range) -> None:
        rows = [
            {"year": year, "category": category, "persons": 10 + i, "families": 5 + i}
            for year in years
            for i, category in enumerate(categories[: len(years)])
        ]
        diagnosis_services.problem_map_save(actor=coordinator_ops, unit=analysis.unit, rows=rows)

    login(client, coordinator_ops)
    url = f"/analiza/{analysis.pk}/problemy/"
    add_years(range(2025, 2026))
    small = queries_of(client, url)
    add_years(range(2006, 2026))  # 20 years, more categories each
    assert queries_of(client, url) == small


def test_network_page_queries_are_the_same_for_1_and_20_institutions(
    client, analysis, coordinator_ops, territory, institutions
):
    def make_round(extra: int, year: int):
        members = [
            institutions["ops"],
            *[InstitutionFactory(kind="ngo", unit=territory["gmina"]) for _ in range(extra)],
        ]
        survey_round = network_services.survey_round_create(
            actor=coordinator_ops,
            unit=territory["gmina"],
            title=f"Runda {year}",
            held_on=datetime.date(year, 3, 1),
            institutions=members,
        )
        for respondent in members:
            network_services.survey_answers_save(
                actor=coordinator_ops,
                survey_round=survey_round,
                respondent=respondent,
                answers=[
                    {"partner_id": partner.pk, "level": 2, "trust_reliability": 3}
                    for partner in members
                    if partner != respondent
                ],
            )
        return survey_round

    login(client, coordinator_ops)
    small_before, small_after = make_round(1, 2024), make_round(1, 2025)
    small_url = f"/analiza/{analysis.pk}/siec/?przed={small_before.pk}&po={small_after.pk}"
    small = queries_of(client, small_url)
    large_before, large_after = make_round(19, 2026), make_round(19, 2027)
    large_url = f"/analiza/{analysis.pk}/siec/?przed={large_before.pk}&po={large_after.pk}"
    assert queries_of(client, large_url) == small
    round_url = f"/analiza/{analysis.pk}/siec/runda/{{}}/"
    assert queries_of(client, round_url.format(large_after.pk)) == queries_of(client, round_url.format(small_after.pk))
