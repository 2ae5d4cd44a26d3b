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
    assert first.services == [
        {"name": "Praca socjalna", "problems": ["poverty", "domestic_violence"]},
        {"name": "Porady", "problems": None},
    ]
    assert records[5].values["postal_code"] == "87410x"  # what the user wrote is kept for the preview


def test_plan_checks_register_and_area(coordinator_ops):
    plan = importer.plan(csv_format.parse(MISTAKES), user=coordinator_ops)
    by_line = {row.record.line: row for row in plan.rows}
    assert by_line[2].action == importer.CREATE
    assert "unit_unknown" in by_line[5].record.error_codes
    assert by_line[9].record.error_codes == ["unit_forbidden"]
    assert plan.to_create == 1 and plan.skipped == 8
    assert [r.record.line for r in plan.error_rows] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert Institution.objects.filter(name="OPS Nowy").count() == 0  # planning writes nothing


def test_a_file_with_mistakes_writes_nothing(coordinator_ops):
    before = Institution.objects.count()
    with pytest.raises(importer.ImportRefused) as refused:
        importer.apply(csv_format.parse(MISTAKES), actor=coordinator_ops)
    assert refused.value.failed_row is None
    assert [r.record.line for r in refused.value.rows] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert Institution.objects.count() == before
    assert not Institution.objects.filter(name="OPS Nowy").exists()  # the valid row waits for the others


def test_three_valid_rows_and_one_invalid_write_nothing(coordinator_ops):
    content = csv_bytes(
        ";Klub Seniora;;self_help_club;;040504" + ";" * 11,
        ";Świetlica Promyk;;community_room;;040504" + ";" * 11,
        ";Fundacja Zła;;ngo;;040504;;87410x" + ";" * 9,
        ";Stowarzyszenie Razem Dalej;;ngo;;040504" + ";" * 11,
    )
    names = ["Klub Seniora", "Świetlica Promyk", "Fundacja Zła", "Stowarzyszenie Razem Dalej"]
    with pytest.raises(importer.ImportRefused) as refused:
        importer.apply(csv_format.parse(content), actor=coordinator_ops)
    [row] = refused.value.rows
    assert row.record.line == 4 and row.record.error_codes == ["postal_code_invalid"]
    assert [issue.message() for issue in row.errors] == [
        "„87410x” nie jest kodem pocztowym: wpisz go w postaci 00-000."
    ]
    assert not Institution.objects.filter(name__in=names).exists()
    assert not AuditEvent.objects.filter(actor=coordinator_ops, action="create").exists()


def test_apply_writes_a_valid_file_then_reimport_updates(coordinator_ops):
    before = Institution.objects.count()
    valid = csv_bytes(MISTAKES.decode("utf-8-sig").splitlines()[1])
    result = importer.apply(csv_format.parse(valid), actor=coordinator_ops)
    assert len(result.created) == 1 and not result.updated
    assert Institution.objects.count() == before + 1
    new = Institution.objects.get(name="OPS Nowy")
    assert new.unit.code == "040504" and new.level == "gmina" and new.regon == "871118879"
    assert list(new.phones.values_list("number", "description")) == [
        ("56 111 22 33", "sekretariat"),
        ("600 000 000", ""),
    ]
    assert dict(new.specialists.values_list("kind", "count")) == {"psychologist": 2, "pedagogue": 1}
    social_work = new.services.get(name="Praca socjalna")
    assert sorted(social_work.problems.values_list("code", flat=True)) == ["domestic_violence", "poverty"]
    assert AuditEvent.objects.filter(actor=coordinator_ops, object_id=str(new.pk)).exists()

    # The same file again: found by REGON, updated, nothing duplicated.
    again = importer.apply(csv_format.parse(valid), actor=coordinator_ops)
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
    result = importer.apply(
        csv_format.parse(csv_bytes(";OPS testowy;OT;ops;gmina;040504" + ";" * 11)), actor=coordinator_ops
    )
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
    rows = [
        f";Instytucja {n:03d};;ngo;gmina;040504;ul. Polna {n};87-410;Kowalewo;56 000 00 {n:02d};;;;;;;"
        for n in range(200)
    ]
    good = rows[50]
    rows[50] = ";Instytucja zła;;ngo;gmina;040504;;87-41;;;;;;;;;"
    records = csv_format.parse(csv_bytes(*rows))
    with django_assert_max_num_queries(20):  # the preview: a few queries, whatever the row count
        plan = importer.plan(records, user=coordinator_ops)
    assert plan.to_create == 199 and plan.skipped == 1
    assert plan.rows[50].record.line == 52
    with pytest.raises(importer.ImportRefused) as refused:
        importer.apply(records, actor=coordinator_ops)
    assert [r.record.line for r in refused.value.rows] == [52]
    assert Institution.objects.filter(name__startswith="Instytucja ").count() == 0  # one bad row: nothing written
    rows[50] = good
    result = importer.apply(csv_format.parse(csv_bytes(*rows)), actor=coordinator_ops)
    assert len(result.created) == 200
    assert Institution.objects.filter(name__startswith="Instytucja ").count() == 200


def test_a_failing_row_in_the_database_rolls_back_the_whole_file(territory, monkeypatch):
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


THREE_ROWS = csv_bytes(*(f";{name};;ngo;;040504" + ";" * 11 for name in ("Klub A", "Klub B", "Klub C")))


def _taken_while_saving(monkeypatch, territory, name: str):
    """Someone else adds ``name`` in the same gmina after the preview, just before that row is saved."""
    from kooperacja.directory import services
    from tests.factories import InstitutionFactory

    real = services.institution_create

    def create(**kwargs):
        if kwargs["name"] == name:
            InstitutionFactory(name=name, unit=territory["gmina"])
        return real(**kwargs)

    monkeypatch.setattr(services, "institution_create", create)


def test_a_row_refused_at_save_writes_nothing(territory, monkeypatch):
    _taken_while_saving(monkeypatch, territory, "Klub C")
    with pytest.raises(importer.ImportRefused) as refused:
        importer.apply(csv_format.parse(THREE_ROWS))
    failed = refused.value.failed_row
    assert failed.record.line == 4 and failed.record.error_codes == ["save_failed"]
    assert refused.value.rows == [failed]
    assert not Institution.objects.filter(name__startswith="Klub ").exists()  # rows 2 and 3 are undone too


def test_a_database_constraint_at_save_writes_nothing(territory, monkeypatch):
    # Without the model's own check the database itself refuses the duplicate (unique name in the unit).
    monkeypatch.setattr(Institution, "validate_constraints", lambda self, exclude=None: None)
    _taken_while_saving(monkeypatch, territory, "Klub C")
    with pytest.raises(importer.ImportRefused) as refused:
        importer.apply(csv_format.parse(THREE_ROWS))
    failed = refused.value.failed_row
    assert failed.record.line == 4
    assert [issue.message() for issue in failed.errors] == [
        "Nie udało się zapisać wiersza: w bazie jest już wpis z tymi samymi danymi (np. ta sama nazwa w tej samej "
        "jednostce)"
    ]  # the database's own text (tables, keys) is not shown
    assert not Institution.objects.filter(name__startswith="Klub ").exists()
    assert not AuditEvent.objects.filter(object_type="directory.institution", action="create").exists()


def test_duplicates_in_one_file_and_windows_1250(territory):
    content = csv_bytes(
        ";Świetlica;;community_room;;040504" + ";" * 11, ";świetlica;;;;040504" + ";" * 11, encoding="cp1250"
    )
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
    for dry_run in (["--dry-run"], []):
        stderr = io.StringIO()
        with pytest.raises(CommandError) as error:
            call_command("import_directory", str(bad), *dry_run, stdout=io.StringIO(), stderr=stderr)
        assert "nothing written/nic nie zapisano" in str(error.value) and "refused/odrzucono 1 of/z 2" in str(
            error.value
        )
        assert "csv 3 (Zła): REFUSED/ODRZUCONO\n    [unit_unknown]" in stderr.getvalue()
        assert "csv 2 (Nowa): correct, not written" in stderr.getvalue()
        assert Institution.objects.count() == count  # the valid row is not written either

    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(";Nowa;;ngo;;040504" + ";" * 11))
    stdout = io.StringIO()
    call_command("import_directory", str(good), "--dry-run", stdout=stdout, stderr=io.StringIO())
    assert "DRY RUN" in stdout.getvalue() and "created/utworzono 1" in stdout.getvalue()
    assert Institution.objects.count() == count
    call_command("import_directory", str(good), stdout=io.StringIO(), stderr=io.StringIO())
    assert Institution.objects.count() == count + 1
    assert AuditEvent.objects.filter(actor=None, object_type="directory.institution", action="create").exists()

    stdout = io.StringIO()
    call_command("import_directory", str(out), stdout=stdout, stderr=io.StringIO())
    assert "created/utworzono 0" in stdout.getvalue() and "refused/odrzucono 0" in stdout.getvalue()
    with pytest.raises(CommandError):
        call_command("import_directory", str(tmp_path / "missing.csv"))
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("import_directory", str(tmp_path / "empty.csv"))


def test_command_writes_nothing_when_a_row_is_refused_at_save(territory, monkeypatch, tmp_path):
    _taken_while_saving(monkeypatch, territory, "Klub C")
    path = tmp_path / "three.csv"
    path.write_bytes(THREE_ROWS)
    stderr = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_directory", str(path), stdout=io.StringIO(), stderr=stderr)
    assert "row/wiersz 4 could not be saved" in str(error.value) and "nothing written" in str(error.value)
    assert "csv 4 (Klub C): REFUSED/ODRZUCONO\n    [save_failed]" in stderr.getvalue()
    assert not Institution.objects.filter(name__startswith="Klub ").exists()
