"""Hostile files at the problem-map import: each gets a clear Polish message and nothing is saved — the numbers of
a file are saved all together or not at all."""

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import login
from kooperacja.diagnosis import problem_map
from kooperacja.diagnosis.models import ProblemMapEntry
from kooperacja.diagnosis.models.problems import CATEGORY_CHOICES

CODE = CATEGORY_CHOICES[0][0]
GOOD = f"rok;kod;osoby;rodziny;źródło\n2025;{CODE};12;7;MRPiPS-03\n"

HOSTILE = {
    "UTF-16": (GOOD.encode("utf-16"), "nie jest plikiem tekstowym"),
    "binary garbage": (bytes(range(256)) * 20, "nie jest plikiem tekstowym"),
    "missing columns": (b"rok;kod\n2025;x\n", "brakuje kolumn"),
    "repeated column": (f"rok;kod;osoby;osoby;rodziny\n2025;{CODE};1;2;3\n".encode(), "powtarza kolumny: osoby"),
    "formula in a number": (f"rok;kod;osoby;rodziny\n2025;{CODE};=1+1;@SUM(1)\n".encode(), "=1+1"),
    "formula as a code": (b'rok;kod;osoby;rodziny\n2025;=HYPERLINK("http://x");1;1\n', "HYPERLINK"),
    "too many rows": (("rok;kod;osoby;rodziny\n" + f"2025;{CODE};1;1\n" * 3000).encode(), "za dużo wierszy"),
    "over 1 MB": (("rok;kod;osoby;rodziny\n" + f"2025;{CODE};1;1\n" * 100_000).encode(), "za duży"),
}


@pytest.mark.parametrize("content, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_file_gets_a_polish_message_and_saves_nothing(client, coordinator_ops, analysis, content, message):
    login(client, coordinator_ops)
    response = client.post(f"/analiza/{analysis.pk}/problemy/import/", {"file": SimpleUploadedFile("m.csv", content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ProblemMapEntry.objects.count() == 0


def test_one_wrong_line_saves_no_line(client, coordinator_ops, analysis):
    login(client, coordinator_ops)
    content = f"rok;kod;osoby;rodziny\n2025;{CODE};12;7\n2025;nieznany;1;1\n".encode()
    response = client.post(f"/analiza/{analysis.pk}/problemy/import/", {"file": SimpleUploadedFile("m.csv", content)})
    assert response.status_code == 400 and "Wiersz 3" in response.content.decode()
    assert ProblemMapEntry.objects.count() == 0


def test_a_windows_1250_file_is_read():
    parsed = problem_map.parse_csv(f"rok;kod;powód;osoby;rodziny\n2025;{CODE};ubóstwo;3;2\n".encode("cp1250"))
    assert parsed.errors == [] and parsed.rows[0]["persons"] == 3


def test_100_000_rows_are_refused_in_bounded_memory():
    content = ("rok;kod;osoby;rodziny\n" + f"2025;{CODE};1;1\n" * 100_000).encode()
    tracemalloc.start()
    try:
        parsed = problem_map.parse_csv(content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert parsed.rows == [] and len(parsed.errors) == 1 and str(problem_map.MAX_ROWS) in parsed.errors[0]
    assert peak < 16 * 1024 * 1024, peak  # read row by row: about the file itself, not 100 000 parsed rows


def test_mistakes_are_listed_up_to_a_limit():
    content = ("rok;kod;osoby;rodziny\n" + "2025;x;1;1\n" * 500).encode()
    errors = problem_map.parse_csv(content).errors
    assert len(errors) == problem_map.MAX_ERRORS_SHOWN + 1 and "480" in errors[-1]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=1500))
def test_any_bytes_give_rows_or_polish_messages(content):
    with translation.override("pl"):
        parsed = problem_map.parse_csv(content)
    assert parsed.rows or parsed.errors
    assert all(isinstance(error, str) and error for error in parsed.errors)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8), st.text(max_size=8)), max_size=20))
def test_any_cells_give_rows_with_whole_numbers_or_messages(cells):
    lines = ["rok;kod;osoby;rodziny"] + [f"2025;{code};{persons};{families}" for code, persons, families in cells]
    parsed = problem_map.parse_csv("\n".join(lines).replace("\r", "").encode())
    for row in parsed.rows:
        assert row["category"] in dict(CATEGORY_CHOICES)
        assert all(v is None or (isinstance(v, int) and v >= 0) for v in (row["persons"], row["families"]))
