"""HSDS 3.0: every export is valid against compiled/organization.json; the round trip loses nothing."""

import io
import json
import uuid

import pytest
from django.core.management import call_command
from django.db import transaction

from kooperacja.directory.exchange import hsds, importer
from kooperacja.directory.models import Institution, Service
from kooperacja.directory.selectors import institution_search
from kooperacja.directory.tests.exchange_helpers import build_directory, snapshot


def test_export_is_valid_hsds(territory, institutions):
    build_directory(territory)
    organizations = hsds.export(institution_search())
    assert len(organizations) == Institution.objects.count()
    validator = hsds.validator()
    for organization in organizations:
        assert list(validator.iter_errors(organization)) == []
    ops = next(o for o in organizations if o["name"].startswith("Gminny"))
    assert ops["locations"][0]["addresses"][0] | {"id": "", "location_id": ""} == {
        "id": "",
        "location_id": "",
        "address_1": "ul. Szkolna 12",
        "city": "Kowalewo Pomorskie",
        "state_province": "kujawsko-pomorskie",
        "region": "golubsko-dobrzyński",
        "postal_code": "87-410",
        "country": "PL",
        "address_type": "physical",
    }
    terms = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in ops["attributes"]}
    assert {("kooperacja:kind", "ops"), ("kooperacja:sector", "social"), ("TERYT", "0405043")} <= terms
    service = next(s for s in ops["services"] if s["name"] == "Praca socjalna")
    problems = {a["taxonomy_term"]["code"] for a in service["attributes"] if a["link_type"] == "problem"}
    assert problems == {"poverty", "helplessness"}
    # A second export is the same file (derived ids are stable).
    assert hsds.export(institution_search()) == organizations


def test_round_trip_into_an_empty_directory_loses_nothing(territory):
    class Undo(Exception):
        pass

    # The directory is built and exported in a savepoint that is then rolled back: an empty directory (the audit
    # log is append-only, so deleting would not do) — as another instance receiving the file.
    try:
        with transaction.atomic():
            institutions = build_directory(territory)
            before = snapshot(institutions)
            stdout = io.StringIO()
            call_command("export_directory", "--format", "hsds", stdout=stdout)
            raise Undo
    except Undo:
        pass
    data = json.loads(stdout.getvalue())
    assert not Institution.objects.exists() and not Service.objects.exists()

    result = importer.apply(hsds.parse(data))
    assert len(result.created) == len(institutions) and not result.updated
    assert snapshot(Institution.objects.all()) == before
    # Importing the same file again updates, never duplicates.
    again = importer.apply(hsds.parse(data))
    assert len(again.created) == 0 and len(again.updated) == len(institutions)
    assert Institution.objects.count() == len(institutions) and Service.objects.count() == 4


def foreign_organization(**extra) -> dict:
    org_id = str(uuid.uuid4())
    return {
        "id": org_id,
        "name": "Fundacja Pomocna Dłoń",
        "description": "Pomoc sąsiedzka",
        "email": "biuro@example.org",
        "phones": [{"id": str(uuid.uuid4()), "number": "+48 56 123 45 67"}],
        "locations": [
            {
                "id": str(uuid.uuid4()),
                "location_type": "physical",
                "addresses": [
                    {
                        "id": str(uuid.uuid4()),
                        "address_1": "ul. Toruńska 3",
                        "city": "Kowalewo Pomorskie",
                        "state_province": "kujawsko-pomorskie",
                        "postal_code": "87-410",
                        "country": "PL",
                        "address_type": "physical",
                    }
                ],
            }
        ],
        "services": [
            {
                "id": str(uuid.uuid4()),
                "name": "Pomoc żywnościowa",
                "status": "active",
                "attributes": [
                    {
                        "id": str(uuid.uuid4()),
                        "taxonomy_term": {
                            "id": str(uuid.uuid4()),
                            "name": "ubóstwo",
                            "description": "",
                            "taxonomy": "other-system",
                        },
                    },
                ],
            }
        ],
        "attributes": [
            {
                "id": str(uuid.uuid4()),
                "taxonomy_term": {
                    "id": str(uuid.uuid4()),
                    "code": "food-bank",
                    "name": "Food bank",
                    "description": "",
                    "taxonomy": "kooperacja:kind",
                },
            }
        ],
        **extra,
    }


def test_import_of_a_foreign_hsds_file(territory):
    gmina_by_address = foreign_organization()
    no_address = foreign_organization(name="Fundacja bez adresu", locations=[])
    invalid = {"id": "not-a-uuid", "name": "X"}
    records = hsds.parse([gmina_by_address, no_address, invalid])
    plan = importer.plan(records)
    assert plan.rows[0].action == importer.CREATE and plan.rows[0].unit == territory["gmina"]
    # "food-bank" is no kind of ours, but the name says "Fundacja": a non-governmental organisation.
    assert plan.rows[0].record.fields["kind"] == "ngo"
    assert {w.code for w in plan.rows[0].warnings} == {"kind_inferred", "unit_from_address", "uid_not_found"}
    nameless = importer.plan(hsds.parse([foreign_organization(name="Pomocna Dłoń")]))
    assert "kind" not in nameless.rows[0].record.fields  # saved as "other", and the preview says why
    assert "kind_mapped_other" in {w.code for w in nameless.rows[0].warnings}
    assert plan.rows[1].record.error_codes == ["unit_undetermined"]
    assert plan.rows[2].record.error_codes == ["hsds_invalid"]
    # With a default unit the organization without an address can be imported.
    plan = importer.plan(records, default_unit=territory["other_gmina"])
    assert plan.rows[1].action == importer.CREATE and plan.rows[1].unit == territory["other_gmina"]
    # One organization that cannot be read: nothing of the file is written.
    with pytest.raises(importer.ImportRefused) as refused:
        importer.apply(records, default_unit=territory["other_gmina"])
    assert [row.record.line for row in refused.value.rows] == [3]
    assert not Institution.objects.filter(name__startswith="Fundacja").exists()
    result = importer.apply(records[:1])
    [created] = result.created
    service = created.services.get()
    assert list(service.problems.values_list("code", flat=True)) == ["poverty"]  # matched by its Polish name
    assert created.phones.get().number == "+48 56 123 45 67"


def test_import_command_reads_json(territory, tmp_path):
    path = tmp_path / "foreign.json"
    path.write_text(json.dumps([foreign_organization(locations=[])]), encoding="utf-8")
    stdout = io.StringIO()
    call_command("import_directory", str(path), "--unit", "0405043", stdout=stdout, stderr=io.StringIO())
    assert "(hsds): imported/zaimportowano 1 (created/utworzono 1" in stdout.getvalue()
    assert Institution.objects.get(name="Fundacja Pomocna Dłoń").unit == territory["gmina"]
