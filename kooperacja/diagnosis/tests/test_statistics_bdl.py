"""The GUS BDL export import (checked against real rows of the bundled file) and the BDL API client (replayed
from recorded answers)."""

import json
import urllib.error
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.translation import gettext

from kooperacja.audit.models import AuditEvent
from kooperacja.diagnosis.models import Indicator, IndicatorValue
from kooperacja.diagnosis.statistics import bdl, services
from kooperacja.territory.models import Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

RESPONSES = Path(__file__).parent / "bdl_responses"
EXPORT = services.DEFAULT_EXPORT
UNREACHABLE = (
    "The GUS Local Data Bank cannot be reached from this server now. Nothing has been changed; "
    "try again later or type the values in."
)


def _slice(tmp_path, codes, *, name="slice.csv", header_extra="", row_extra=None) -> Path:
    """The header and the rows of ``codes`` of the real bundled export."""
    lines = EXPORT.read_text(encoding="utf-8-sig").splitlines()
    header, rows = lines[0], [line for line in lines[1:] if line.split(";")[0] in codes]
    path = tmp_path / name
    path.write_text(
        "\n".join([header + header_extra, *[r + (row_extra or {}).get(r[:7], "") for r in rows]]), encoding="utf-8-sig"
    )
    return path


def _value(code: str, unit, year: int) -> Decimal | None:
    value = IndicatorValue.objects.filter(indicator__code=code, unit=unit, year=year).first()
    return value.value if value else None


@pytest.fixture
def pieszyce(territory):
    county = UnitFactory(
        code="0202",
        level="powiat",
        kind="powiat",
        name="dzierżoniowski",
        parent=UnitFactory(code="02", level="wojewodztwo", kind="wojewodztwo", name="dolnośląskie", parent=None),
    )
    return UnitFactory(code="020203", level="gmina", kind="miejska", name="Pieszyce", parent=county)


def test_parse_reads_labels_years_and_measure():
    export = bdl.parse_export(EXPORT)
    assert export.labels == {
        "w wieku przedprodukcyjnym;ogółem": "osoba",
        "w wieku produkcyjnym;ogółem": "osoba",
        "w wieku produkcyjnym mobilnym;ogółem": "osoba",
        "w wieku produkcyjnym niemobilnym;ogółem": "osoba",
        "w wieku poprodukcyjnym;ogółem": "osoba",
    }
    assert export.last_year == 2019
    kowalewo = next(r for r in export.rows if r.teryt == "0405043")
    assert kowalewo.values[("w wieku przedprodukcyjnym;ogółem", 2010)] == 2503


def test_parse_refuses_a_file_that_is_not_an_export():
    with pytest.raises(bdl.ExportFormatError):
        bdl.parse_export(b"a;b;c\n1;2;3\n")


def test_import_of_real_rows_keeps_gminas_and_skips_their_parts(tmp_path, territory, pieszyce):
    path = _slice(tmp_path, {"0405043", "0405044", "0405045", "0202031", "0202033", "0202034", "1465028"})
    result = services.bdl_file_import(path=path)
    gmina = territory["gmina"]
    assert _value("population_pre_working", gmina, 2010) == 2503
    assert _value("population_pre_working", gmina, 2019) == 2160
    assert _value("population_working", gmina, 2010) == 7292
    assert _value("population_post_working", gmina, 2010) == 1754
    assert _value("population_total", gmina, 2010) == 2503 + 7292 + 1754
    assert _value("population_total", gmina, 2019) == 2160 + 7117 + 2176
    total = IndicatorValue.objects.get(indicator__code="population_total", unit=gmina, year=2019)
    assert "sum" in total.source_note or "suma" in total.source_note
    assert total.source == "bdl_file" and total.source_date.isoformat() == "2019-12-31"
    assert IndicatorValue.objects.filter(unit=gmina).count() == 6 * 10
    # the town and rural parts (4, 5) and a Warsaw district (8) are not gminas
    assert result.skipped_rows == {
        "town part of an urban-rural gmina": 2,
        "rural part of an urban-rural gmina": 1,
        "district or delegation of a city": 1,
    }
    assert result.unknown_units == []
    # Pieszyce was urban-rural (3) in 2010–2015 and is urban (1) since: both rows join the same gmina
    assert _value("population_pre_working", pieszyce, 2010) == 1764
    assert _value("population_pre_working", pieszyce, 2019) == 1560
    assert IndicatorValue.objects.filter(unit=pieszyce, indicator__code="population_working").count() == 10
    assert result.gminas == 2
    assert AuditEvent.objects.filter(action="import", details__what="bdl_file").exists()


def test_reimport_changes_nothing_and_typed_in_values_are_kept(tmp_path, territory, coordinator_ops):
    path = _slice(tmp_path, {"0405043"})
    first = services.bdl_file_import(path=path)
    assert first.created == 60
    services.indicator_value_save(
        actor=coordinator_ops,
        indicator=Indicator.objects.get(code="population_working"),
        unit=territory["gmina"],
        year=2019,
        value=Decimal("7000"),
    )
    second = services.bdl_file_import(path=path)
    assert (second.created, second.updated, second.unchanged, second.kept_typed_in) == (0, 0, 59, 1)
    assert _value("population_working", territory["gmina"], 2019) == 7000


def test_an_import_that_fails_stores_nothing(tmp_path, territory, monkeypatch):
    """All or nothing: values already written (on PostgreSQL by COPY) go when a later step fails."""
    path = _slice(tmp_path, {"0405043", "0405044"})

    def failing_record(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(services, "record", failing_record)
    with pytest.raises(RuntimeError):
        services.bdl_file_import(path=path)
    assert not IndicatorValue.objects.exists()


def test_new_values_carry_their_source_and_a_fresh_edit_version(tmp_path, territory, coordinator_ops):
    services.bdl_file_import(path=_slice(tmp_path, {"0405043"}), actor=coordinator_ops)
    value = IndicatorValue.objects.get(indicator__code="population_working", unit=territory["gmina"], year=2019)
    assert (value.source, value.source_date.isoformat(), value.recorded_by) == (
        IndicatorValue.Source.BDL_FILE,
        "2019-12-31",
        coordinator_ops,
    )
    assert value.source_note.startswith("GUS, Bank Danych Lokalnych") and value.recorded_at is not None
    assert (value.edit_version, value.edited_by, value.edited_at) == (1, None, None)


def test_changed_value_in_a_newer_export_is_updated(tmp_path, territory):
    services.bdl_file_import(path=_slice(tmp_path, {"0405043"}))
    lines = (tmp_path / "slice.csv").read_text(encoding="utf-8-sig").splitlines()
    lines[1] = lines[1].replace(";2503;", ";2504;", 1)
    (tmp_path / "slice.csv").write_text("\n".join(lines), encoding="utf-8")
    result = services.bdl_file_import(path=tmp_path / "slice.csv")
    assert (result.created, result.updated) == (0, 2)  # the group and the total
    assert _value("population_pre_working", territory["gmina"], 2010) == 2504


def test_unknown_label_creates_an_indicator_and_unknown_units_are_reported(tmp_path, territory):
    path = tmp_path / "other.csv"
    path.write_text(
        '"Kod";"Nazwa";"bezrobotni zarejestrowani;ogółem;2022;[osoba]";'
        '"bezrobotni zarejestrowani;ogółem;2023;[osoba]";\n'
        '0405043;"Kowalewo Pomorskie (3)";412;-;\n'
        '9999992;"Gmina spoza rejestru (2)";10;11;\n',
        encoding="utf-8",
    )
    result = services.bdl_file_import(path=path)
    indicator = Indicator.objects.get(code="bdl-bezrobotni-zarejestrowani-ogolem")
    assert (indicator.name, indicator.measure, indicator.group) == (
        "bezrobotni zarejestrowani;ogółem",
        "osoba",
        "other",
    )
    assert result.new_indicators == [indicator.code]
    assert list(IndicatorValue.objects.filter(indicator=indicator).values_list("year", "value")) == [(2022, 412)]
    assert result.unknown_units == [("9999992", "Gmina spoza rejestru (2)")]


def test_command_needs_the_register_and_reports(tmp_path, db, capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="load_teryt"):
        call_command("import_bdl", str(EXPORT))


def test_command_imports_a_file(tmp_path, territory, capsys):
    call_command("import_bdl", str(_slice(tmp_path, {"0405043", "0405044"})))
    out = capsys.readouterr().out
    assert "60 created" in out and "1 town part" in out


def test_whole_bundled_file_on_the_real_register_is_complete_and_idempotent():
    """Its speed is measured by `make bench`, not here: a timed assertion fails under load, not on a defect."""
    from kooperacja.territory.services import teryt_load

    teryt_load()
    result = services.bdl_file_import()
    assert result.gminas == Unit.objects.filter(level="gmina").count() == 2477
    assert result.created == IndicatorValue.objects.count() > 145_000
    assert {code for code, _name in result.unknown_units} == {"0221091", "0809102", "3203042"}  # merged, dissolved
    kowalewo = Unit.objects.get(code="040504")
    assert _value("population_pre_working", kowalewo, 2019) == 2160
    again = services.bdl_file_import()
    assert (again.created, again.updated) == (0, 0)


# --- The API client --------------------------------------------------------------------------------------


def _replay(monkeypatch, answers: dict[str, str]) -> list[str]:
    """Replace the HTTP request with recorded answers chosen by the path of the URL; returns the URLs asked."""
    asked = []

    def fake(url):
        asked.append(url)
        for fragment, name in answers.items():
            if fragment in url:
                return json.loads((RESPONSES / name).read_text(encoding="utf-8"))
        raise AssertionError(f"no recording for {url}")

    monkeypatch.setattr(bdl, "_get_json", fake)
    return asked


def test_bdl_unit_ids_map_to_teryt():
    assert bdl.bdl_unit_id_to_teryt("051011818032") == "1018032"
    assert bdl.bdl_unit_id_to_teryt("060411205043") == "0405043"
    assert bdl.bdl_unit_id_to_teryt("060411205000") is None  # a county
    assert bdl.bdl_unit_id_to_teryt("12") is None
    candidates = ["060411205044", "060411205045", "060411205043"]
    assert bdl.teryt_to_bdl_unit_id("0405043", candidates) == "060411205043"
    assert bdl.teryt_to_bdl_unit_id("0405041", candidates) == "060411205043"  # kind changed since
    assert bdl.teryt_to_bdl_unit_id("0405053", candidates) is None


def test_fetch_from_bdl_stores_values_with_their_source(monkeypatch, settings, territory, coordinator_ops):
    settings.BDL_API_URL = "https://bdl.example/api/v1/"
    asked = _replay(
        monkeypatch,
        {"/units/search": "units_search_kowalewo.json", "/data/by-unit/060411205043": "data_by_unit_kowalewo.json"},
    )
    result = services.indicators_fetch_from_bdl(
        actor=coordinator_ops, unit=territory["gmina"], years=[2016, 2017, 2018, 2019]
    )
    assert result.created == 4 and result.unit_id == "060411205043"
    assert asked[0].startswith("https://bdl.example/api/v1/units/search?name=Kowalewo+Pomorskie&level=6")
    assert "var-id=72305" in asked[1] and "year=2019" in asked[1] and "format=json" in asked[1]
    value = IndicatorValue.objects.get(indicator__code="population_total", unit=territory["gmina"], year=2019)
    assert (value.value, value.source, value.recorded_by) == (11453, "bdl_api", coordinator_ops)
    assert "72305" in value.source_note and value.source_date is not None
    again = services.indicators_fetch_from_bdl(actor=coordinator_ops, unit=territory["gmina"], years=[2019])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_fetch_replaces_export_values_but_keeps_typed_in_ones(monkeypatch, tmp_path, territory, coordinator_ops):
    services.bdl_file_import(path=_slice(tmp_path, {"0405043"}))
    total = Indicator.objects.get(code="population_total")
    services.indicator_value_save(
        actor=coordinator_ops, indicator=total, unit=territory["gmina"], year=2016, value=Decimal("11500")
    )
    _replay(
        monkeypatch, {"/units/search": "units_search_kowalewo.json", "/data/by-unit/": "data_by_unit_kowalewo.json"}
    )
    result = services.indicators_fetch_from_bdl(actor=coordinator_ops, unit=territory["gmina"], years=[2016, 2019])
    assert (result.updated, result.kept_typed_in) == (3, 1)
    assert _value("population_total", territory["gmina"], 2016) == 11500
    assert IndicatorValue.objects.get(indicator=total, unit=territory["gmina"], year=2019).source == "bdl_api"


def test_network_failure_is_explained_in_polish_and_changes_nothing(monkeypatch, territory, coordinator_ops):
    def unreachable(url):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(bdl, "_get_json", unreachable)
    with pytest.raises(bdl.BdlUnavailable) as error:
        services.indicators_fetch_from_bdl(actor=coordinator_ops, unit=territory["gmina"], years=[2019])
    # the message in the active language (Polish once the catalogue has it)
    assert str(error.value) == gettext(UNREACHABLE)
    assert not IndicatorValue.objects.exists()


def test_a_gmina_unknown_to_bdl_is_reported(monkeypatch, territory, coordinator_ops):
    monkeypatch.setattr(bdl, "_get_json", lambda url: {"totalRecords": 0, "results": []})
    with pytest.raises(bdl.BdlUnavailable, match="0405043"):
        services.indicators_fetch_from_bdl(actor=coordinator_ops, unit=territory["gmina"], years=[2019])
