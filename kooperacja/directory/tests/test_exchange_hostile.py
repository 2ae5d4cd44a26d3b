"""Hostile files at the directory import: wrong encodings, a JSON nesting bomb, 100 000 rows, missing and repeated
columns, formulas. Each gets a clear Polish message, no server error, and a refused file writes nothing."""

import json
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import login
from kooperacja.directory.exchange import csv_format, hsds, importer
from kooperacja.directory.models import Institution

GOOD = "name;kind;unit_teryt;city\nKlub Seniora;self_help_club;040504;Kowalewo Pomorskie\n"


def _upload(client, content: bytes, name: str = "instytucje.csv"):
    return client.post("/instytucje/import/", {"file": SimpleUploadedFile(name, content), "default_unit": ""})


HOSTILE = {
    "UTF-16": (GOOD.encode("utf-16"), "instytucje.csv", "w UTF-8 ani Windows-1250"),
    "binary garbage": (bytes(range(256)) * 200, "instytucje.csv", "w UTF-8 ani Windows-1250"),
    "JSON nesting bomb": (b"[" * 200_000 + b"]" * 200_000, "instytucje.json", "poziomów zagnieżdżenia"),
    "deep but parseable JSON": (b"[" * 500 + b"]" * 500, "instytucje.json", "poziomów zagnieżdżenia"),
    "JSON in UTF-16": (json.dumps([{"name": "x"}]).encode("utf-16"), "instytucje.json", "nie jest poprawnym JSON-em"),
    "no name column": (b"nazwa;miasto\nKlub;Kowalewo\n", "instytucje.csv", "musi być nagłówkiem"),
    "repeated column": (b"name;city;name\nKlub;Kowalewo;Inny\n", "instytucje.csv", "powtarza kolumnę name"),
    "100 000 rows": (
        ("name;unit_teryt\n" + "Klub;040504\n" * 100_000).encode(),
        "instytucje.csv",
        "za dużo wierszy",
    ),
    "empty": (b"\xef\xbb\xbf\r\n;;\r\n", "instytucje.csv", "Plik jest pusty"),
}


@pytest.mark.parametrize("content, name, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_file_gets_a_polish_message_and_writes_nothing(client, coordinator_ops, content, name, message):
    login(client, coordinator_ops)
    before = Institution.objects.count()
    response = _upload(client, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Institution.objects.count() == before
    assert "directory_import" not in client.session


def test_a_file_over_the_limit_is_refused_by_its_size(client, coordinator_ops):
    login(client, coordinator_ops)
    response = _upload(client, b"name\n" + b"x" * (importer.MAX_FILE_MB * 1024 * 1024))
    assert response.status_code == 400 and "Plik jest za duży" in response.content.decode()


def test_a_windows_1250_file_is_read(client, coordinator_ops):
    login(client, coordinator_ops)
    response = _upload(client, "name;unit_teryt\nŚwietlica „Żak”;040504\n".encode("cp1250"))
    assert response.status_code == 302
    plan = client.get(response["Location"]).context["plan"]
    assert plan.rows[0].record.fields["name"] == "Świetlica „Żak”"


FORMULAS = ['=HYPERLINK("http://x","y")', "@SUM(1+1)", "+cmd|' /C calc'!A0", "-HYPERLINK(1)"]


def test_formulas_are_refused_row_by_row_and_never_saved(client, coordinator_ops):
    login(client, coordinator_ops)
    rows = ["name;unit_teryt;notes;phones", "Klub Seniora;040504;- pon.–pt.;+48 600 100 200"]
    rows += [f'"{f.replace(chr(34), chr(34) * 2)}";040504;;' for f in FORMULAS]
    rows += ['Świetlica;040504;"=1+1";']
    response = _upload(client, "\n".join(rows).encode())
    preview = client.get(response["Location"])
    codes = [row.record.error_codes for row in preview.context["plan"].rows]
    assert codes == [[], *[["formula"]] * len(FORMULAS), ["formula"]]
    assert "to formuła arkusza" in preview.content.decode()
    assert client.post(response["Location"] + "zatwierdz/").status_code == 400
    names = ["Klub Seniora", "Świetlica", *FORMULAS]
    assert not Institution.objects.filter(name__in=names).exists()  # one formula: nothing of the file is saved
    response = _upload(client, "\n".join(rows[:2]).encode())  # the file without the formulas
    client.post(response["Location"] + "zatwierdz/")
    saved_names = Institution.objects.filter(name__in=names).values_list("name", flat=True)
    assert list(saved_names) == ["Klub Seniora"]
    saved = Institution.objects.get(name="Klub Seniora")
    assert saved.notes == "- pon.–pt." and saved.phones.get().number == "+48 600 100 200"


def test_an_exported_file_with_neutralised_cells_imports_unchanged(territory):
    from tests.factories import InstitutionFactory

    InstitutionFactory(name="-2+3 Klub", unit=territory["gmina"], notes="=to nie formuła", city="+Kowalewo")
    text = csv_format.export(Institution.objects.filter(name="-2+3 Klub"))
    assert ";'-2+3 Klub;" in text and "'=to nie formuła" in text
    [record] = csv_format.parse(text.encode())
    assert record.fields["name"] == "-2+3 Klub" and record.fields["city"] == "+Kowalewo"
    assert record.error_codes == ["formula"]  # "=…" in notes: refused on the way in, whatever its origin


def test_100_000_rows_are_refused_in_bounded_memory():
    header = ";".join(csv_format.COLUMN_NAMES)
    row = ";".join(["Klub", "", "ops", "", "gmina", "040504"] + ["x"] * (len(csv_format.COLUMN_NAMES) - 6))
    content = (header + "\n" + (row + "\n") * 100_000).encode()
    tracemalloc.start()
    try:
        with pytest.raises(csv_format.CsvFileError) as error:
            csv_format.parse(content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.value.code == "too_many_rows"
    # Reading all 100 000 rows at once took several times the file; row by row, the peak stays near the
    # MAX_ROWS records kept for the preview.
    assert peak < 80 * 1024 * 1024, peak


def test_a_nesting_bomb_is_refused_without_recursion():
    with pytest.raises(hsds.HsdsFileError) as error:
        hsds.loads(b"[" * 1_000_000 + b"]" * 1_000_000)
    assert error.value.code == "json_too_deep"
    with translation.override("pl"):
        assert "zagnieżdżenia" in importer.ImportFileError("json_too_deep", "64").message()


# --- Property-based: the parsers never fail with anything but their own errors -------------------------------


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_records_or_a_file_error(content):
    try:
        kind, records = importer.read_file(content, "plik.csv")
    except importer.ImportFileError as exc:
        assert exc.code in importer.FILE_ERRORS and exc.message()
    else:
        assert kind == "csv" and all(r.line >= 2 for r in records)


CELL = st.text(max_size=60)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(csv_format.COLUMN_NAMES), CELL))
def test_any_row_is_read_with_messages_for_its_mistakes(cells):
    record = csv_format.parse_row(2, cells, csv_format.make_lookups())
    with translation.override("pl"):
        for issue in record.errors + record.warnings:
            assert issue.message() and "%(" not in issue.message()
    for value in record.fields.values():
        if isinstance(value, str) and value.lstrip().startswith(("=", "@")):
            assert "formula" in record.error_codes


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=20))
def test_postal_codes_are_kept_only_in_the_polish_format(value):
    record = csv_format.parse_row(2, {"name": "Klub", "postal_code": value}, csv_format.make_lookups())
    if "postal_code_invalid" not in record.error_codes and value:
        assert csv_format.re.fullmatch(r"[0-9]{2}-[0-9]{3}", record.fields["postal_code"])


@given(st.from_regex(r"\A[0-9]{2}-?[0-9]{3}\Z"))
def test_every_written_postal_code_is_accepted(value):
    record = csv_format.parse_row(2, {"name": "Klub", "postal_code": value}, csv_format.make_lookups())
    assert record.fields["postal_code"] == f"{value[:2]}-{value[-3:]}"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=100, deadline=None)
@given(JSON_VALUES)
def test_any_json_gives_records_or_a_file_error(data):
    try:
        importer.read_file(json.dumps(data).encode(), "plik.json")
    except importer.ImportFileError as exc:
        assert exc.code in importer.FILE_ERRORS


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.sampled_from(["regon", "nip", "krs", "specialists", "postal_code"]))
def test_identifiers_and_counts_are_kept_only_as_ascii_digits(value, column):
    cells = {"name": "Klub", column: value if column != "specialists" else f"psychologist:{value}"}
    record = csv_format.parse_row(2, cells, csv_format.make_lookups())
    if column in ("regon", "nip", "krs") and not record.errors:
        assert record.fields[column] == "" or (record.fields[column].isascii() and record.fields[column].isdigit())
    if column == "specialists" and not record.errors:
        assert all(isinstance(n, int) for n in record.specialists.values())
