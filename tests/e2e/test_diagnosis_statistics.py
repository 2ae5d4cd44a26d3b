"""The statistics tab of a municipality analysis: the coordinator reads the population tables and charts loaded
from the bundled GUS BDL export and types in a value of her own."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.diagnosis.models import Analysis, IndicatorValue
from kooperacja.diagnosis.statistics.services import DEFAULT_EXPORT, bdl_file_import
from kooperacja.directory.models import Institution
from kooperacja.territory.models import Unit
from tests.e2e.helpers import assert_accessible, log_in, screenshot

pytestmark = pytest.mark.e2e


def test_coordinator_reads_statistics_and_types_a_value_in(page: Page, demo, tmp_path):
    gmina = Unit.objects.get(code="040504")
    lines = DEFAULT_EXPORT.read_text(encoding="utf-8-sig").splitlines()
    export = tmp_path / "BDL_ludnosc_ekonomiczne_grupy_wieku_gminy_2010-2019.csv"
    export.write_text("\n".join([lines[0], *[r for r in lines if r.startswith("0405043;")]]), encoding="utf-8")
    bdl_file_import(path=export)
    analysis = Analysis.objects.filter(unit=gmina, is_current=True).first() or Analysis.objects.create(
        unit=gmina, year=2020, is_current=True, owner=Institution.objects.filter(kind="ops", unit=gmina).first()
    )  # the demo may already hold the current analysis

    log_in(page, demo["koordynator"])
    page.goto(f"/analiza/{analysis.pk}/statystyki/")
    expect(page.locator("main table").first).to_contain_text("Ludność w wieku produkcyjnym")
    expect(page.locator("main svg[role=img]").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "analysis-statistics")

    page.locator("select[name=indicator]").select_option(label="Urodzenia żywe")
    page.locator("input[name=year]").fill("2019")
    page.locator("input[name=value]").fill("118")
    page.locator("input[name=source_note]").fill("USC Kowalewo Pomorskie")
    page.locator("form[action$='/statystyki/wartosc/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/statystyki/$"))
    expect(page.locator("main")).to_contain_text("USC Kowalewo Pomorskie")
    assert_accessible(page)
    assert IndicatorValue.objects.get(indicator__code="births", unit=gmina, year=2019).value == 118
