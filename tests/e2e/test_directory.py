"""The institution directory as an OPS coordinator uses it: find, read, edit, resource cards, import, export."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, log_in, screenshot, submit

pytestmark = pytest.mark.e2e


def test_coordinator_finds_reads_and_edits_an_institution(page: Page, demo):
    log_in(page, demo["koordynator"])
    page.goto("/instytucje/")
    search = page.locator("main form[role=search] input[name=q]")
    search.fill("Szkoła Podstawowa")
    page.locator("main form[role=search] button[type=submit]").click()
    link = page.locator("main table a", has_text="Szkoła Podstawowa nr 1 (demo)")
    expect(link).to_be_visible()
    assert_accessible(page)
    screenshot(page, "institutions-search")

    link.click()
    expect(page.locator("h1")).to_contain_text("Szkoła Podstawowa nr 1 (demo)")
    assert_accessible(page)
    page.locator("main a", has_text="Edytuj").first.click()
    expect(page).to_have_url(re.compile(r"/instytucje/\d+/edycja/$"))
    assert_accessible(page)
    page.locator("input[name=postal_code]").fill("87410")  # a typo the form explains, keeping the rest
    submit(page)
    expect(page.locator("main")).to_contain_text("00-000")
    expect(page.locator("input[name=name]")).to_have_value("Szkoła Podstawowa nr 1 (demo)")
    assert_accessible(page)  # the page with errors too
    page.locator("input[name=postal_code]").fill("87-410")
    submit(page)
    expect(page).to_have_url(re.compile(r"/instytucje/\d+/$"))
    expect(page.locator("main")).to_contain_text("87-410")


def test_resource_cards_import_and_export_pages_are_accessible(page: Page, demo):
    log_in(page, demo["koordynator"])
    page.goto("/instytucje/karty/")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "resource-cards")
    page.goto("/instytucje/karty/040504/domestic_violence/")
    expect(page.locator("main")).to_contain_text("przemoc domowa")
    assert_accessible(page)
    screenshot(page, "resource-card")
    page.goto("/instytucje/import/")
    assert_accessible(page)
    page.goto("/instytucje/eksport/")
    assert_accessible(page)


def _csv_with_mistakes(path):
    """200 rows, as a coordinator's spreadsheet would have them: most good, a few wrong."""
    header = "name;kind;level;unit_teryt;street;postal_code;city;phones;email;regon\n"
    good = "Stowarzyszenie nr {n} (test);ngo;gmina;0405043;ul. Polna {n};87-410;Kowalewo Pomorskie;56 000 10 {n};;\n"
    rows = [good.format(n=n) for n in range(1, 198)]
    rows.append("Klub bez rodzaju (test);klub-nieznany;gmina;0405043;;87-410;Kowalewo Pomorskie;;;\n")
    rows.append("Fundacja zły kod (test);ngo;gmina;9999999;;87410;Kowalewo Pomorskie;;;\n")
    rows.append("Spółdzielnia zły REGON (test);social_cooperative;gmina;0405043;;87-410;Kowalewo;;x@y;123456780\n")
    path.write_text(header + "".join(rows), encoding="utf-8-sig")
    return path


def test_coordinator_imports_a_csv_with_mistakes_from_the_preview(page: Page, demo, tmp_path):
    from kooperacja.directory.models import Institution

    log_in(page, demo["koordynator"])
    page.goto("/instytucje/import/")
    page.locator("input[type=file]").set_input_files(str(_csv_with_mistakes(tmp_path / "instytucje.csv")))
    submit(page)
    expect(page).to_have_url(re.compile(r"/instytucje/import/[^/]+/$"))
    main = page.locator("main")
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Klub bez rodzaju (test)")
    expect(errors).to_contain_text("9999999")  # the row's values stay visible next to what is wrong
    expect(errors.locator("tbody tr")).to_have_count(3)
    assert_accessible(page)
    screenshot(page, "import-preview", full_page=False)
    assert not Institution.objects.filter(name__endswith="(test)").exists()  # nothing written before confirming

    # The coordinator corrects one row right in the preview instead of going back to the spreadsheet.
    row = errors.locator("tr#row-200")
    row.locator("summary").click()
    row.locator("input[name=unit_teryt]").fill("0405043")
    row.locator("input[name=postal_code]").fill("87-410")
    assert_accessible(page)
    row.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/instytucje/import/[^/]+/#row-200$"))
    expect(page.locator("#import-errors tbody tr")).to_have_count(2)
    # The file is saved whole or not at all: no confirmation while a row still has a mistake.
    expect(page.locator("#import-blocked")).to_contain_text("Nic nie zostanie zapisane")
    expect(page.locator("main button", has_text="Potwierdź i zapisz")).to_have_count(0)

    for line, values in ((199, {"kind": "ngo"}), (201, {"email": "", "regon": ""})):
        row = page.locator(f"#import-errors tr#row-{line}")
        row.locator("summary").click()
        for column, value in values.items():
            row.locator(f"input[name={column}]").fill(value)
        row.locator("button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/instytucje/import/[^/]+/#row-{line}$"))
    expect(page.locator("#import-errors")).to_have_count(0)
    assert not Institution.objects.filter(name__endswith="(test)").exists()  # still nothing written

    page.locator("main button", has_text="Potwierdź i zapisz").click()
    expect(main).to_contain_text("200")
    assert_accessible(page)
    assert Institution.objects.filter(name__startswith="Stowarzyszenie nr").count() == 197
    assert Institution.objects.filter(name__endswith="(test)").count() == 200
