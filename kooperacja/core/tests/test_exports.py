"""No spreadsheet the platform hands out runs a formula: every CSV/XLSX URL is found in the URLconf and fed the
OWASP payloads through the objects it lists, and no cell is written past the export helper."""

import ast
import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import given
from hypothesis import strategies as st

from conftest import login
from kooperacja.core import exports
from tests.factories import InstitutionFactory, UnitFactory

PAYLOADS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\tx", "\rx"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SOURCE = Path(__file__).resolve().parents[2]  # the kooperacja package


# --- The helper ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_is_written_as_text(payload):
    assert exports.safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("number", [0, -5, 3.25, -0.5, Decimal("-12.50"), 10**12])
def test_numbers_stay_numbers(number):
    assert exports.safe_cell(number) == number and type(exports.safe_cell(number)) is type(number)


@pytest.mark.parametrize("text", ["-5", "+48600100200", "-0,25", "Kowalewo", "", "<5", "56 684 10 00"])
def test_plain_text_and_numbers_written_as_text_are_left_alone(text):
    assert exports.safe_cell(text) == text


def test_none_is_an_empty_cell():
    assert exports.safe_cell(None) == ""


@given(st.text())
def test_no_text_ever_leaves_the_helper_as_a_formula(text):
    cell = exports.safe_cell(text)
    assert not cell.startswith(FORMULA_START) or exports.PLAIN_NUMBER.match(cell)


@given(st.text())
def test_what_the_helper_writes_reads_back_unchanged(text):
    assert exports.unquote_cell(exports.safe_cell(text)) == text


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.decimals(allow_nan=False)))
def test_every_number_stays_a_number(number):
    assert exports.safe_cell(number) is number


@given(st.lists(st.lists(st.one_of(st.text(), st.integers()), max_size=5), max_size=5))
def test_a_csv_written_by_the_helper_has_no_formula_cell(rows):
    text = exports.csv_text(rows)
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"):
        for cell in row:
            assert not cell.startswith(FORMULA_START) or exports.PLAIN_NUMBER.match(cell)


@given(st.text())
def test_the_imported_formula_check_never_fails(text):
    assert exports.looks_like_formula(text) in (True, False)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "@SUM(1+1)", "+cmd|' /C calc'!A0", "-SUM(A1)"])
def test_imported_formulas_are_recognised(text):
    assert exports.looks_like_formula(text)


@pytest.mark.parametrize("text", ["+48 600 100 200", "- pon.–pt. 8–16", "-2", "Praca socjalna", "56-100"])
def test_phone_numbers_and_dashes_are_not_formulas(text):
    assert not exports.looks_like_formula(text)


# --- Every export URL --------------------------------------------------------------------------------------------


def _walk(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, p.namespace or namespace)
        elif isinstance(p, URLPattern):
            yield f"{namespace}:{p.name}" if namespace else p.name, p


SPREADSHEET_URLS = sorted(
    {name for name, p in _walk(get_resolver().url_patterns) if getattr(p.callback, "spreadsheet_export", False)}
)


def _gminas_with(cooperation_names, territory, coordinator_ops):
    from kooperacja.cooperation import services as cooperation_services

    for n, name in enumerate(cooperation_names):
        gmina = UnitFactory(code=f"0405{n + 10:02d}", level="gmina", kind="wiejska", parent=territory["county"])
        cooperation_services.cooperation_create(
            actor=coordinator_ops, unit=gmina, name=name, variant="rural", start_date=datetime.date(2026, 1, 1)
        )


def _institutions(payloads, territory, coordinator_ops, animator_rops):
    for payload in payloads:
        InstitutionFactory(name=payload, unit=territory["gmina"], notes=payload, city=payload, opening_hours=payload)
    return coordinator_ops, reverse("directory:export_csv"), True


def _directory_template(payloads, territory, coordinator_ops, animator_rops):
    return coordinator_ops, reverse("directory:import_template"), False


def _problem_template(payloads, territory, coordinator_ops, animator_rops):
    from kooperacja.diagnosis.models import Analysis
    from kooperacja.directory.models import Institution

    ops = Institution.objects.get(name="OPS testowy")
    analysis = Analysis.objects.create(unit=territory["gmina"], year=2026, is_current=True, owner=ops)
    return coordinator_ops, reverse("diagnosis:problem_template", args=[analysis.pk]), False


def _regional(url_name):
    def setup(payloads, territory, coordinator_ops, animator_rops):
        _gminas_with(payloads, territory, coordinator_ops)
        return animator_rops, reverse(url_name), True

    return setup


# How each export gets objects named with the payloads (or, for a template, none): a new export URL fails
# test_every_export_url_is_fed_the_payloads until it is added here.
CASES = {
    "directory:export_csv": _institutions,
    "directory:import_template": _directory_template,
    "diagnosis:problem_template": _problem_template,
    "regional:export_csv": _regional("regional:export_csv"),
    "regional:export_xlsx": _regional("regional:export_xlsx"),
    "regional:costs_csv": _regional("regional:costs_csv"),
}


def test_every_export_url_is_fed_the_payloads():
    assert sorted(CASES) == SPREADSHEET_URLS


def _cells(response) -> list:
    """Every cell as a spreadsheet reads it: text for text cells, a number for numeric XLSX cells."""
    if response["Content-Type"].startswith("text/csv"):
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")
        return [cell for row in csv.reader(io.StringIO(text[1:], newline=""), delimiter=";") for cell in row]
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    cells = []
    for cell in sheet.iter(f"{ns}c"):
        assert cell.find(f"{ns}f") is None  # no formula element at all
        if cell.get("t") == "inlineStr":
            cells.append("".join(t.text or "" for t in cell.iter(f"{ns}t")))
        else:
            cells.append(float(cell.find(f"{ns}v").text))
    return cells


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(CASES))
def test_no_cell_of_any_export_starts_a_formula(client, url_name, territory, coordinator_ops, animator_rops):
    user, url, carries_payloads = CASES[url_name](PAYLOADS, territory, coordinator_ops, animator_rops)
    login(client, user)
    response = client.get(url)
    assert response.status_code == 200, url
    cells = _cells(response)
    texts = [cell for cell in cells if isinstance(cell, str)]
    formulas = [cell for cell in texts if cell.startswith(FORMULA_START) and not exports.PLAIN_NUMBER.match(cell)]
    assert formulas == [], url
    if carries_payloads:  # the names are there, shown as text
        for payload in PAYLOADS:
            assert "'" + payload.replace("\r", "\n") in {t.replace("\r", "\n") for t in texts}, (url, payload)


# --- No cell written past the helper ----------------------------------------------------------------------------

FORBIDDEN = re.compile(r"csv\.writer\(|csv\.DictWriter\(|text/csv|spreadsheetml\.sheet\b")


def _shipped_modules():
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        yield relative, path.read_text(encoding="utf-8")


def test_only_the_export_helper_writes_csv_or_xlsx():
    offenders = [
        str(relative)
        for relative, text in _shipped_modules()
        if FORBIDDEN.search(text) and relative != Path("core/exports.py")
    ]
    assert offenders == []


def test_every_view_answering_with_a_spreadsheet_is_marked():
    unmarked = []
    for relative, text in _shipped_modules():
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.FunctionDef):
                continue
            calls = {
                getattr(c.func, "id", getattr(c.func, "attr", "")) for c in ast.walk(node) if isinstance(c, ast.Call)
            }
            decorators = {getattr(d, "id", getattr(d, "attr", "")) for d in node.decorator_list}
            if calls & {"csv_response", "xlsx_response"} and "spreadsheet_export" not in decorators:
                unmarked.append(f"{relative}:{node.name}")
    assert unmarked == []
