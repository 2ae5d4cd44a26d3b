"""The directory speaks HSDS with other publishers, and keeps its data fresh.

An administrator imports a valid HSDS 3.0 file of another publisher (three Polish institutions, fictional data,
kooperacja/directory/tests/fixtures): refused whole while a town's name matches two gminas, imported once the
unit chosen decides, with the recognised kinds shown in the preview; a re-import removes the service the file no
longer lists. A school's own worker is reminded that its entry is not confirmed and confirms it with one click.
"""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, log_in, screenshot, submit

pytestmark = pytest.mark.e2e

FIXTURE = (
    Path(__file__).resolve().parents[2] / "kooperacja" / "directory" / "tests" / "fixtures" / "hsds_inny_wydawca.json"
)
CIS = "Centrum Integracji Społecznej w Dąbrowie"


def _upload(page: Page, path: Path, unit: str = "") -> None:
    page.goto("/instytucje/import/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator("input[name=default_unit]").fill(unit)
    submit(page)
    expect(page).to_have_url(re.compile(r"/instytucje/import/[^/]+/$"))


def test_administrator_imports_a_foreign_hsds_file_and_reimports_it(page: Page, demo, tmp_path):
    from kooperacja.directory.models import Institution, Service

    log_in(page, demo["admin"])
    # Without the unit: the town "Dąbrowa" is two gminas — the file is refused whole and the row says why.
    _upload(page, FIXTURE)
    errors = page.locator("#import-errors")
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors).to_contain_text(CIS)
    expect(errors).to_contain_text("pasuje do kilku gmin")
    expect(errors).to_contain_text("0409012")
    expect(errors).to_contain_text("1609022")
    expect(page.locator("main button", has_text="Potwierdź i zapisz")).to_have_count(0)
    assert_accessible(page)
    page.locator("main button", has_text="Anuluj").click()

    # With the unit: it decides between the two gminas; the kinds are recognised and shown.
    _upload(page, FIXTURE, unit="0409012")
    rows = page.locator("#import-rows")
    expect(page.locator("#import-errors")).to_have_count(0)
    expect(rows).to_contain_text("rozstrzygnęła jednostka wybrana do importu")
    expect(rows).to_contain_text("Rozpoznany rodzaj: centrum integracji społecznej (CIS)")
    expect(rows).to_contain_text("powiatowe centrum pomocy rodzinie (PCPR)")
    expect(rows).to_contain_text("na podstawie nazwy: „fundacja”")
    assert_accessible(page)
    screenshot(page, "import-hsds-preview", full_page=False)
    page.locator("main button", has_text="Potwierdź i zapisz").click()
    expect(page.locator("#import-result")).to_contain_text("3")
    assert {
        i.name: (i.kind, i.unit.code) for i in Institution.objects.filter(name__in=[CIS, "Fundacja Wspólna Sprawa"])
    } == {
        CIS: ("cis", "040901"),
        "Fundacja Wspólna Sprawa": ("ngo", "040903"),
    }

    # The publisher dropped a service: the re-import says so before saving, then removes it.
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data[0]["services"] = data[0]["services"][:1]
    changed = tmp_path / "inny-wydawca-2.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _upload(page, changed, unit="0409012")
    expect(page.locator("#import-services-removed")).to_contain_text("1")
    expect(page.locator("#import-rows")).to_contain_text("Reintegracja społeczna")
    assert_accessible(page)
    page.locator("main button", has_text="Potwierdź i zapisz").click()
    expect(page.locator("#import-result")).to_contain_text("Reintegracja społeczna")
    assert list(Service.objects.filter(institution__name=CIS).values_list("name", flat=True)) == [
        "Reintegracja zawodowa"
    ]
    assert Institution.objects.filter(name=CIS).count() == 1


def test_own_worker_is_reminded_and_confirms_the_entry(page: Page, demo):
    from kooperacja.directory.models import Institution
    from kooperacja.notifications.periodic import periodic_run

    school = Institution.objects.get(name="Szkoła Podstawowa nr 1 (demo)")
    assert periodic_run()["directory_confirmations"] >= 1
    log_in(page, demo["pedagog"])
    page.goto("/powiadomienia/")
    notice = page.locator("main button", has_text=school.name).first
    expect(notice).to_be_visible()
    notice.click()
    expect(page).to_have_url(re.compile(rf"/instytucje/{school.pk}/$"))
    freshness = page.locator("#freshness")
    expect(freshness).to_contain_text("Dane nie były jeszcze potwierdzane.")
    assert_accessible(page)
    screenshot(page, "institution-freshness", full_page=False)
    freshness.locator("button", has_text="Potwierdzam aktualność danych").click()
    expect(page.locator("main")).to_contain_text("Dziękujemy")
    expect(freshness).to_contain_text("Potwierdzono")
    expect(freshness).to_contain_text("Piotr Pedagogiczny")
    expect(freshness.locator("[data-not-confirmed]")).to_have_count(0)

    # The directory filters the entries not confirmed: the school is no longer among them.
    page.goto("/instytucje/")
    page.get_by_label("Tylko dane niepotwierdzane od 12 mies.").check()
    page.locator("main form[role=search] button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("niepotwierdzone")
    expect(page.locator("main table a", has_text=school.name)).to_have_count(0)
    assert_accessible(page)
