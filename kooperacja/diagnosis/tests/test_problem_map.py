import pytest

from conftest import login
from kooperacja.diagnosis import problem_map, services
from kooperacja.diagnosis.models import ProblemMapEntry
from kooperacja.directory.models import Problem, Service
from kooperacja.directory.taxonomy import sync_problem_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def numbers(analysis, coordinator_ops):
    sync_problem_rows(Problem)
    rows = [
        {"year": 2024, "category": "poverty", "persons": 120, "families": 60},
        {"year": 2025, "category": "poverty", "persons": 100, "families": 52},
        {"year": 2024, "category": "alcoholism", "persons": 30, "families": 25},
        {"year": 2025, "category": "alcoholism", "persons": 45, "families": 40},
        {"year": 2025, "category": "trafficking", "persons": 2, "families": 1},
        {"year": 2025, "category": "foster_institutional", "persons": 6, "families": None},
    ]
    services.problem_map_save(actor=coordinator_ops, unit=analysis.unit, rows=rows)
    return rows


def test_map_is_ranked_with_dynamics_and_gaps(analysis, numbers, institutions):
    service = Service.objects.create(institution=institutions["ops"], name="Zasiłki")
    service.problems.add(Problem.objects.get(code="poverty"))
    pmap = problem_map.problem_map(unit=analysis.unit, until_year=2026)
    assert pmap.years == [2024, 2025]
    assert [r.code for r in pmap.rows][:2] == ["poverty", "alcoholism"]  # ranked by 2025
    poverty = pmap.rows[0]
    assert (poverty.change, poverty.change_percent, poverty.institutions) == (-20, -16.7, 1)
    assert {g.code for g in pmap.gaps} == {"alcoholism", "trafficking", "foster_institutional"}


def test_small_counts_are_suppressed_for_aggregate_readers(analysis, numbers):
    pmap = problem_map.problem_map(unit=analysis.unit, until_year=2026, aggregates_only=True)
    trafficking = next(r for r in pmap.rows if r.code == "trafficking")
    assert trafficking.persons == [None, "<5"] and trafficking.families == [None, "<5"]


def test_rops_page_shows_no_count_below_five(client, analysis, numbers, animator_rops):
    login(client, animator_rops)
    html = client.get(f"/analiza/{analysis.pk}/problemy/").content.decode()
    assert '<span aria-hidden="true">—*</span><span class="visually-hidden">ukryte</span>' in html
    assert "* ukryte: mniej niż 5 przypadków" in html and "&lt;5" not in html  # as on the ROPS dashboard
    assert ">2<" not in html and "(1)" not in html


def test_coordinator_types_in_a_year(client, analysis, coordinator_ops):
    login(client, coordinator_ops)
    response = client.post(
        f"/analiza/{analysis.pk}/problemy/rok/",
        {
            "year": 2025,
            "poverty-persons": "80",
            "poverty-families": "40",
            "homelessness-persons": "abc",
        },
    )
    assert response.status_code == 400 and not ProblemMapEntry.objects.exists()
    assert 'value="80"' in response.content.decode()  # what was typed stays
    response = client.post(
        f"/analiza/{analysis.pk}/problemy/rok/", {"year": 2025, "poverty-persons": "80", "poverty-families": "40"}
    )
    assert response.status_code == 302
    assert ProblemMapEntry.objects.get().persons == 80


def test_csv_template_round_trip_and_errors(client, analysis, coordinator_ops):
    login(client, coordinator_ops)
    template = client.get(f"/analiza/{analysis.pk}/problemy/szablon.csv").content.decode("utf-8-sig")
    lines = template.splitlines()
    assert lines[0] == "rok;kod;powód;osoby;rodziny;źródło" and "ubóstwo" in template
    filled = [lines[0]] + [line.replace(";;;", ";10;5;") if ";poverty;" in line else line for line in lines[1:]]
    bad = filled + ["2025;nieznany;x;1;1;MRPiPS-03", "20x5;poverty;x;1;1;inne"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/analiza/{analysis.pk}/problemy/import/", {"file": SimpleUploadedFile("mapa.csv", "\n".join(bad).encode())}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "nieznany" in body and not ProblemMapEntry.objects.exists()
    response = client.post(
        f"/analiza/{analysis.pk}/problemy/import/", {"file": SimpleUploadedFile("mapa.csv", "\n".join(filled).encode())}
    )
    assert response.status_code == 302
    entry = ProblemMapEntry.objects.get()
    assert (entry.category, entry.year, entry.persons, entry.families) == ("poverty", 2025, 10, 5)


def test_teacher_reads_but_does_not_write(client, analysis, teacher_school):
    login(client, teacher_school)
    assert client.get(f"/analiza/{analysis.pk}/problemy/").status_code == 200
    assert client.post(f"/analiza/{analysis.pk}/problemy/rok/", {"year": 2025}).status_code == 403
