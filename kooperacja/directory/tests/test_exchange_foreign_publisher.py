"""A valid HSDS 3.0 file written by another publisher (fixtures/hsds_inny_wydawca.json, fictional data): a CIS in
Dąbrowa (a name two gminas share), a PCPR in Brodnica (three gminas; the location carries the TERYT code) and a
foundation in Mogilno — imported through the command, against the real TERYT register."""

import copy
import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kooperacja.directory import taxonomy
from kooperacja.directory.exchange import hsds, importer, kinds
from kooperacja.directory.models import Institution, Service
from kooperacja.directory.selectors import institution_search
from kooperacja.territory.models import Unit
from kooperacja.territory.services import teryt_load
from tests.factories import InstitutionFactory

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hsds_inny_wydawca.json"
CIS, PCPR, FOUNDATION = (
    "Centrum Integracji Społecznej w Dąbrowie",
    "Powiatowe Centrum Pomocy Rodzinie w Brodnicy",
    "Fundacja Wspólna Sprawa",
)


@pytest.fixture
def register(db):
    teryt_load()


def organizations() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def run(path, *args) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_directory", str(path), *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def write(tmp_path, data, name="inny.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_fixture_is_valid_hsds_of_three_polish_institutions():
    data = organizations()
    assert [o["name"] for o in data] == [CIS, PCPR, FOUNDATION]
    assert all(hsds.schema_errors(o) == [] for o in data)


# --- Without --unit: nothing imported, a non-zero exit and a summary row by row -----------------------------


def test_without_unit_the_command_refuses_the_file_and_says_why_row_by_row(register):
    stderr = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_directory", str(FIXTURE), stdout=io.StringIO(), stderr=stderr)
    assert "imported/zaimportowano 0, refused/odrzucono 1 of/z 3" in str(refused.value)
    report = stderr.getvalue()
    assert f"hsds 1 ({CIS}): REFUSED/ODRZUCONO" in report
    assert "[unit_ambiguous]" in report and "0409012" in report and "1609022" in report
    assert f"hsds 2 ({PCPR}): correct, not written" in report
    assert f"hsds 3 ({FOUNDATION}): correct, not written" in report
    assert not Institution.objects.exists() and not Service.objects.exists()


def test_dry_run_without_unit_fails_the_same_way(register):
    with pytest.raises(CommandError):
        run(FIXTURE, "--dry-run")
    assert not Institution.objects.exists()


# --- The unit given, the TERYT code in the address or the postal code decides between gminas ------------------


def test_the_unit_given_decides_between_gminas_of_the_same_name(register):
    stdout, _stderr = run(FIXTURE, "--unit", "0409012")
    assert "imported/zaimportowano 3 (created/utworzono 3, updated/zaktualizowano 0), refused/odrzucono 0" in stdout
    assert Institution.objects.get(name=CIS).unit.code == "040901"  # Dąbrowa, powiat mogileński
    assert Institution.objects.get(name=PCPR).unit.code == "040201"  # the TERYT code on the location
    assert Institution.objects.get(name=FOUNDATION).unit.code == "040903"  # Mogilno: one gmina of the name
    assert "the unit chosen for the import" in stdout or "jednostka wybrana do importu" in stdout


def test_the_county_given_decides_too_and_a_unit_elsewhere_does_not(register):
    plan = importer.plan(hsds.parse(organizations()), default_unit=Unit.objects.get(code="0409"))
    assert plan.rows[0].unit.code == "040901" and not plan.error_rows
    elsewhere = importer.plan(hsds.parse(organizations()), default_unit=Unit.objects.get(code="1201"))
    assert elsewhere.rows[0].record.error_codes == ["unit_ambiguous"]


def test_the_postal_code_decides_when_the_directory_knows_it(register):
    InstitutionFactory(
        name="Szkoła w Dąbrowie", kind="school", unit=Unit.objects.get(code="040901"), postal_code="88-306"
    )
    plan = importer.plan(hsds.parse(organizations()))
    assert plan.rows[0].unit.code == "040901" and not plan.error_rows
    assert [w.code for w in plan.rows[0].warnings if w.code.startswith("unit")] == ["unit_ambiguity_resolved"]


def test_a_teryt_term_on_the_address_decides(register):
    data = organizations()
    address = data[0]["locations"][0]["addresses"][0]
    address["attributes"] = [
        {
            "id": "5f0c7a2e-1b6d-4c8a-9e31-2d7f4a6b8c11",
            "taxonomy_term": {
                "id": "5f0c7a2e-1b6d-4c8a-9e31-2d7f4a6b8c12",
                "code": "1609022",
                "name": "Dąbrowa",
                "description": "",
                "taxonomy": "TERYT",
            },
        }
    ]
    assert hsds.schema_errors(data[0]) == []
    plan = importer.plan(hsds.parse(data))
    assert plan.rows[0].unit.code == "160902" and not plan.error_rows


# --- Kinds recognised from the taxonomy terms and the names, shown in the summary -----------------------------


def test_kinds_are_recognised_from_terms_and_names_and_shown(register):
    stdout, _stderr = run(FIXTURE, "--unit", "0409012")
    assert {i.name: i.kind for i in Institution.objects.all()} == {CIS: "cis", PCPR: "pcpr", FOUNDATION: "ngo"}
    plan_rows = importer.plan(hsds.parse(organizations()), default_unit=Unit.objects.get(code="040901")).rows
    assert plan_rows[0].action == importer.UPDATE  # already imported: the kind of an existing entry is kept
    fresh = importer.plan(
        hsds.parse([{**o, "id": o["id"][:-1] + "f", "name": o["name"] + " II"} for o in organizations()]),
        default_unit=Unit.objects.get(code="040901"),
    )
    inferred = [next(w.value for w in r.warnings if w.code == "kind_inferred") for r in fresh.rows]
    assert "Centrum integracji społecznej" in inferred[0]  # from the file's own taxonomy term
    assert "powiatowe centrum pomocy rodzinie" in inferred[1]  # from the name
    assert "fundacja" in inferred[2]  # the foreign term "Food bank" says nothing: the name does
    assert stdout.count("Kind recognised") + stdout.count("Rozpoznany rodzaj") == 3


@pytest.mark.parametrize("code", [code for code, _label, _sector in taxonomy.KINDS if code != "other"])
def test_every_kind_has_keywords_that_lead_back_to_it(code):
    assert kinds.KEYWORDS[code], f"{code} has no keywords"
    for word in kinds.KEYWORDS[code]:
        assert kinds.by_keywords(f"{word.title()} w Dąbrowie")[0] == code, word


def test_associations_and_foundations_are_non_governmental_organisations():
    assert kinds.by_keywords("Stowarzyszenie Na Rzecz Dzieci")[0] == "ngo"
    assert kinds.by_keywords("FUNDACJA POMOCY")[0] == "ngo"
    assert kinds.by_keywords("Fundacja Nowy Start — Centrum Integracji Społecznej")[0] == "cis"
    assert kinds.by_keywords("Sklep spożywczy") is None
    assert set(kinds.KEYWORDS) == {code for code, _label, _sector in taxonomy.KINDS}


# --- Re-import updates and removes the services no longer in the file ---------------------------------------


def test_reimport_updates_and_removes_services_no_longer_in_the_file(register, tmp_path):
    run(FIXTURE, "--unit", "0409012")
    cis = Institution.objects.get(name=CIS)
    assert sorted(cis.services.values_list("name", flat=True)) == ["Reintegracja społeczna", "Reintegracja zawodowa"]
    data = organizations()
    data[0]["email"] = "nowy.adres@example.org"
    data[0]["services"] = [dict(data[0]["services"][0], description="Nowy opis.")]
    del data[0]["services"][0]["assured_date"]
    stdout, _stderr = run(write(tmp_path, data), "--unit", "0409012")
    assert "updated/zaktualizowano 3" in stdout and "services removed/usunięte usługi 1" in stdout
    assert "Reintegracja społeczna" in stdout
    cis.refresh_from_db()
    assert cis.email == "nowy.adres@example.org"
    assert list(cis.services.values_list("name", "description")) == [("Reintegracja zawodowa", "Nowy opis.")]
    assert Institution.objects.count() == 3 and Service.objects.count() == 3


def test_a_csv_reimport_never_removes_a_service(register, tmp_path):
    run(FIXTURE, "--unit", "0409012")
    path = tmp_path / "cis.csv"
    path.write_text(f"name;unit_teryt;services\n{CIS};0409012;Reintegracja zawodowa\n", encoding="utf-8")
    run(path)
    assert Institution.objects.get(name=CIS).services.count() == 2


def test_preview_plan_lists_the_services_to_remove(register):
    run(FIXTURE, "--unit", "0409012")
    data = organizations()
    data[0]["services"] = []
    plan = importer.plan(hsds.parse(data), default_unit=Unit.objects.get(code="040901"))
    assert plan.rows[0].removed_services == ["Reintegracja społeczna", "Reintegracja zawodowa"]
    assert plan.services_to_remove == 2 and "services" in plan.rows[0].changes


# --- Freshness read from and written to HSDS ---------------------------------------------------------------


def test_assured_date_and_assurer_email_are_read_and_exported(register):
    run(FIXTURE, "--unit", "0409012")
    service = Service.objects.get(name="Organizowanie pieczy zastępczej")
    assert service.confirmed_at == datetime.date(2026, 5, 11) and service.confirmed_by_email == "rejestr@example.org"
    assert Institution.objects.get(name=PCPR).confirmed_at is None  # the file says nothing of the organization
    exported = hsds.export(institution_search())
    assert all(hsds.schema_errors(o) == [] for o in exported)
    pcpr = next(o for o in exported if o["name"] == PCPR)
    assert pcpr["services"][0]["assured_date"] == "2026-05-11"
    assert pcpr["services"][0]["assurer_email"] == "rejestr@example.org"
    # An organization's own confirmation travels as kooperacja:field terms and comes back on import.
    Institution.objects.filter(name=PCPR).update(
        confirmed_at=datetime.date(2026, 6, 1), confirmed_by_email="a@example.org"
    )
    org = next(o for o in hsds.export(institution_search()) if o["name"] == PCPR)
    assert hsds.schema_errors(org) == []
    record = hsds.parse([copy.deepcopy(org)])[0]
    assert record.confirmed == {"confirmed_at": "2026-06-01", "confirmed_by_email": "a@example.org"}
