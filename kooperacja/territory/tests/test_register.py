from pathlib import Path

import pytest
from django.core.management import call_command

from kooperacja.audit.models import AuditEvent
from kooperacja.territory.models import Unit
from kooperacja.territory.selectors import unit_counts, unit_search
from kooperacja.territory.services import DEFAULT_REGISTER, RegisterError, teryt_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    return teryt_load()


def test_real_register_gives_every_unit_of_poland(register):
    counts = unit_counts()
    assert (counts["wojewodztwo"], counts["powiat"], counts["gmina"]) == (16, 380, 2477)
    assert (counts["miejska"], counts["wiejska"], counts["miejsko_wiejska"]) == (302, 1464, 711)
    assert register.created == 16 + 380 + 2477


def test_second_run_changes_nothing(register):
    events = AuditEvent.objects.count()
    again = teryt_load()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 16 + 380 + 2477)
    assert AuditEvent.objects.count() == events  # nothing changed, nothing to record


def test_gmina_keeps_teryt_code_kind_and_hierarchy(register):
    gmina = Unit.objects.get(code="040504")
    assert gmina.teryt == "0405043"
    assert gmina.kind == Unit.Kind.URBAN_RURAL
    assert gmina.parent.name == "golubsko-dobrzyński"
    assert gmina.parent.parent.name == "kujawsko-pomorskie"
    assert Unit.objects.get(code="1465").kind == Unit.Kind.CITY_COUNTY  # Warszawa
    assert Unit.objects.get(code="146501").teryt == "1465011"


def test_city_districts_and_parts_of_urban_rural_gminas_are_not_gminas(register):
    # Kowalewo Pomorskie appears three times in the register (gmina, town, rural area): one unit.
    assert Unit.objects.filter(name="Kowalewo Pomorskie").count() == 1
    assert not Unit.objects.filter(name="Mokotów").exists()


def test_newer_register_updates_names_and_kinds_by_code(register, tmp_path):
    text = DEFAULT_REGISTER.read_text(encoding="utf-8")
    text = text.replace(
        "04;05;04;3;Kowalewo Pomorskie;gmina miejsko-wiejska;2024-01-01", "04;05;04;2;Kowalewo;gmina wiejska;2025-01-01"
    )
    newer = tmp_path / "TERC_2025.csv"
    newer.write_text(text, encoding="utf-8")
    result = teryt_load(path=newer)
    assert (result.created, result.updated) == (0, 1)
    gmina = Unit.objects.get(code="040504")
    assert (gmina.name, gmina.kind, gmina.teryt) == ("Kowalewo", Unit.Kind.RURAL, "0405042")
    assert unit_search(query="kowalewo").filter(pk=gmina.pk).exists()


def test_file_that_is_not_a_register_is_refused_with_polish_message_and_nothing_saved(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    with pytest.raises(RegisterError, match="nie jest rejestrem TERC"):
        teryt_load(path=bad)
    broken = tmp_path / "broken.csv"
    broken.write_text(
        "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n02;;;;DOLNOŚLĄSKIE;województwo;2024-01-01\n"
        "02;1X;;;zły;powiat;2024-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(RegisterError, match="Wiersz 3"):
        teryt_load(path=broken)
    assert Unit.objects.count() == 0  # the voivodeship of line 2 was rolled back with the rest


def test_command_loads_and_reports_counts(capsys):
    call_command("load_teryt")
    out = capsys.readouterr().out
    assert "16 voivodeships, 380 counties, 2477 gminas" in out


def test_command_reports_missing_file_as_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("load_teryt", str(Path("/nonexistent/TERC.csv")))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Łódź", "Łódź"),
        ("lodz", "Łódź"),
        ("ŁÓDŹ", "Łódź"),
        ("zielona gora", "Zielona Góra"),
        ("1061011", "Łódź"),
        ("106101", "Łódź"),
    ],
)
def test_search_by_name_without_diacritics_or_by_code(register, query, expected):
    names = set(unit_search(query=query, level="gmina").values_list("name", flat=True))
    assert expected in names


def test_seven_digit_code_matches_kind_digit(register):
    assert unit_search(query="0405043").get().name == "Kowalewo Pomorskie"
    assert not unit_search(query="0405041").exists()


def test_results_follow_polish_alphabet_not_byte_order(register):
    names = list(unit_search(query="ba", level="gmina").values_list("name", flat=True))
    assert names.index("Baćkowice") < names.index("Batorz")
