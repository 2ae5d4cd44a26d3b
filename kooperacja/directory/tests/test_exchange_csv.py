"""CSV import and export: the parser's findings per row, the plan, writing, re-import, commands."""

import io

import pytest
from django.core.management import CommandError, call_command

from kooperacja.audit.models import AuditEvent
from kooperacja.directory.exchange import csv_format, importer
from kooperacja.directory.models import Institution
from kooperacja.directory.tests.exchange_helpers import build_directory, snapshot

HEADER = (
    "uid;name;short_name;kind;level;unit_teryt;street;postal_code;city;phones;email;regon;nip;krs;status;"
    "specialists;services"
)


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8-sig") -> bytes:
    return "\r\n".join([header, *rows]).encode(encoding)


MISTAKES = csv_bytes(
    ";OPS Nowy;;ops;gmina;0405043;ul. Długa 1;87-410;Kowalewo;56 111 22 33 (sekretariat)|600 000 000;ops@example.pl;"
    "871118879;8781766349;;active;psychologist:2|pedagog:1;Praca socjalna [poverty, przemoc domowa]|Porady",  # 2 ok
    ";Poradnia X;;poradnia czegoś;gmina;040504;;;;;;;;;;;",  # 3 unknown kind
    ";Klub Y;;ngo;gmina;12345;;;;;;;;;;;",  # 4 bad TERYT format
    ";Klub Z;;ngo;gmina;999999;;;;;;;;;;;",  # 5 unknown unit
    ";Ośrodek R;;ngo;gmina;040504;;;;;;123456789;1234567890;12345678901;;;",  # 6 REGON, NIP, KRS
    ";Dom kultury;;culture_centre;;040504;;87410x;;;nie-email;;;;;;",  # 7 postal code, e-mail
    ";;;ngo;gmina;040504;;;;;;;;;;;",  # 8 no name
    ";Rypińska Fundacja;;ngo;gmina;041501;;;;;;;;;;;",  # 9 other gmina: not kept by coordinator_ops
    ";Świetlica;;community_room;gmina;040504;;;;;;;;;zawieszona;psychoterapeuta:2;Zajęcia [smutek]",  # 10
)


def test_parser_reports_each_mistake_per_row(territory):
    records = csv_format.parse(MISTAKES)
    codes = {r.line: r.error_codes for r in records}
    assert codes[2] == []
    assert codes[3] == ["kind_unknown"]
    assert codes[4] == ["unit_bad_format"]
    assert codes[5] == []  # the register is checked when planning
    assert sorted(codes[6]) == ["krs_invalid", "nip_invalid", "regon_invalid"]
    assert sorted(codes[7]) == ["email_invalid", "postal_code_invalid"]
    assert codes[8] == ["name_missing"]
    assert sorted(codes[10]) == ["problem_unknown", "specialist_unknown", "status_unknown"]
    first = records[0]
    assert first.unit_code == "040504"
    assert first.phones == [["56 111 22 33", "sekretariat"], ["600 000 000", ""]]
    assert first.specialists == {"psychologist": 2, "pedagogue": 1}  # the Polish label is accepted
    assert first.services == [{"name": "Praca socjalna", "problems": ["poverty", "domestic_violence"]},
                              {"name": "Porady", "problems": None}]  # fmt: skip
    assert records[5].values["postal_code"] == "87410x"  # what the user wrote is kept for the preview


def test_plan_checks_register_and_area(coordinator_ops):
    plan = importer.plan(csv_format.parse(MISTAKES), user=coordinator_ops)
    by_line = {row.record.line: row for row in plan.rows}
    assert by_line[2].action == importer.CREATE
    assert "unit_unknown" in by_line[5].record.error_codes
    assert by_line[9].record.error_codes == ["unit_forbidden"]
    assert plan.to_create == 1 and plan.skipped == 8
    assert Institution.objects.filter(name="OPS Nowy").count() == 0  # planning writes nothing


def test_apply_writes_only_valid_rows_then_reimport_updates(coordinator_ops):
    before = Institution.objects.count()
    result = importer.apply(csv_format.parse(MISTAKES), actor=coordinator_ops)
    assert len(result.created) == 1 and len(result.skipped) == 8
    assert Institution.objects.count() == before + 1
    new = Institution.objects.get(name="OPS Nowy")
    assert new.unit.code == "040504" and new.level == "gmina" and new.regon == "871118879"
    assert list(new.phones.values_list("number", "description")) == [("56 111 22 33", "sekretariat"),
                                                                      ("600 000 000", "")]  # fmt: skip
    assert dict(new.specialists.values_list("kind", "count")) == {"psychologist": 2, "pedagogue": 1}
    social_work = new.services.get(name="Praca socjalna")
    assert sorted(social_work.problems.values_list("code", flat=True)) == ["domestic_violence", "poverty"]
    assert AuditEvent.objects.filter(actor=coordinator_ops, object_id=str(new.pk)).exists()

    # The same file again: found by REGON, updated, nothing duplicated.
    again = importer.apply(csv_format.parse(MISTAKES), actor=coordinator_ops)
    assert len(again.created) == 0 and len(again.updated) == 1
    assert Institution.objects.count() == before + 1
    assert new.services.count() == 2

    # An exported, edited file: found by uid.
    exported = csv_format.export(Institution.objects.filter(pk=new.pk))
    edited = exported.replace("OPS Nowy", "OPS Nowy (zmieniony)").encode()
    result = importer.apply(csv_format.parse(edited), actor=coordinator_ops)
    assert [i.pk for i in result.updated] == [new.pk]
    new.refresh_from_db()
    assert new.name == "OPS Nowy (zmieniony)"

    # Without uid and REGON: found by name and unit.
    result = importer.apply(csv_format.parse(csv_bytes(";OPS testowy;OT;ops;gmina;040504" + ";" * 11)),
                            actor=coordinator_ops)  # fmt: skip
    assert len(result.updated) == 1 and result.updated[0].short_name == "OT"


def test_export_and_reimport_changes_nothing(territory):
    institutions = build_directory(territory)
    before = snapshot(institutions)
    text = csv_format.export(Institution.objects.all().prefetch_related("phones", "services__problems"))
    assert text.startswith("\ufeffuid;name;")
    plan = importer.plan(csv_format.parse(text.encode()))
    assert plan.to_update == len(Institution.objects.all()) and not plan.error_rows
    importer.apply(csv_format.parse(text.encode()))
    assert snapshot(institutions) == before


def test_two_hundred_rows_in_one_transaction(coordinator_ops, django_assert_max_num_queries):
    rows = [f";Instytucja {n:03d};;ngo;gmina;040504;ul. Polna {n};87-410;Kowalewo;56 000 00 {n:02d};;;;;;;"
            for n in range(200)]  # fmt: skip
    rows[50] = ";Instytucja zła;;ngo;gmina;040504;;87-41;;;;;;;;;"
    records = csv_format.parse(csv_bytes(*rows))
    with django_assert_max_num_queries(20):  # the preview: a few queries, whatever the row count
        plan = importer.plan(records, user=coordinator_ops)
    assert plan.to_create == 199 and plan.skipped == 1
    assert plan.rows[50].record.line == 52
    assert Institution.objects.filter(name__startswith="Instytucja ").count() == 0  # not confirmed: nothing written
    result = importer.apply(records, actor=coordinator_ops)
    assert len(result.created) == 199
    assert Institution.objects.filter(name__startswith="Instytucja ").count() == 199


def test_a_failing_row_in_the_database_rolls_back_only_itself(territory, monkeypatch):
    from kooperacja.directory import services

    real = services.institution_create

    def failing(**kwargs):
        if kwargs["name"] == "B":
            raise RuntimeError("boom")
        return real(**kwargs)

    monkeypatch.setattr(services, "institution_create", failing)
    with pytest.raises(RuntimeError):
        importer.apply(csv_format.parse(csv_bytes(";A;;ngo;;040504" + ";" * 11, ";B;;ngo;;040504" + ";" * 11)))
    assert not Institution.objects.filter(name="A").exists()  # one transaction: nothing half-written


def test_duplicates_in_one_file_and_windows_1250(territory):
    content = csv_bytes(";Świetlica;;community_room;;040504" + ";" * 11, ";świetlica;;;;040504" + ";" * 11,
                        encoding="cp1250")  # fmt: skip
    plan = importer.plan(csv_format.parse(content))
    assert plan.rows[0].action == importer.CREATE and plan.rows[0].record.fields["name"] == "Świetlica"
    assert plan.rows[1].record.error_codes == ["duplicate_in_file"]


def test_unreadable_files():
    with pytest.raises(importer.ImportFileError) as error:
        importer.read_file(b"")
    assert error.value.code == "empty"
    with pytest.raises(importer.ImportFileError) as error:
        importer.read_file(b"a;b\n1;2\n")
    assert error.value.code == "no_name_column"
    with pytest.raises(importer.ImportFileError) as error:
        importer.read_file(b"[1, 2", "x.json")
    assert error.value.code == "json_syntax"


def test_template_has_every_column_and_a_valid_example(territory):
    text = csv_format.template()
    assert text.splitlines()[0].lstrip("\ufeff").split(";") == csv_format.COLUMN_NAMES
    [record] = csv_format.parse(text.encode())
    assert record.errors == []


def test_commands(territory, tmp_path):
    build_directory(territory)
    out = tmp_path / "directory.csv"
    call_command("export_directory", "--format", "csv", "--output", str(out))
    stdout = io.StringIO()
    call_command("export_directory", "--format", "csv", "--unit", "041501", stdout=stdout)
    assert "Powiatowe Centrum Pomocy Rodzinie" in stdout.getvalue()  # serves Rypin among other units
    assert "Szkoła Podstawowa nr 1" not in stdout.getvalue()

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(";Nowa;;ngo;;040504" + ";" * 11, ";Zła;;ngo;;99" + ";" * 11))
    count = Institution.objects.count()
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_directory", str(bad), "--dry-run", stdout=stdout, stderr=stderr)
    assert "created/utworzono 1" in stdout.getvalue() and "unit_unknown" in stderr.getvalue()
    assert Institution.objects.count() == count
    call_command("import_directory", str(bad), stdout=io.StringIO(), stderr=io.StringIO())
    assert Institution.objects.count() == count + 1
    assert AuditEvent.objects.filter(actor=None, object_type="directory.institution", action="create").exists()

    stdout = io.StringIO()
    call_command("import_directory", str(out), stdout=stdout, stderr=io.StringIO())
    assert "created/utworzono 0" in stdout.getvalue() and "errors/błędy 0" in stdout.getvalue()
    with pytest.raises(CommandError):
        call_command("import_directory", str(tmp_path / "missing.csv"))
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("import_directory", str(tmp_path / "empty.csv"))
