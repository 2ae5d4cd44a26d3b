"""The import pages through HTTP: upload → preview (nothing written) → confirm; export for every signed-in user."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import login
from kooperacja.directory.exchange import hsds
from kooperacja.directory.models import Institution

HEADER = "name;kind;unit_teryt;postal_code;regon"
CONTENT = "\n".join(
    [
        HEADER,
        "Klub Seniora;self_help_club;040504;87-410;",  # row 2: ok
        "Klub Zły;nieznany rodzaj;040504;87410x;123",  # row 3: kind, postal code, REGON
        "Obca świetlica;community_room;041501;;",  # row 4: another gmina
    ]
).encode()


def upload(client, content=CONTENT, name="instytucje.csv"):
    return client.post("/instytucje/import/", {"file": SimpleUploadedFile(name, content), "default_unit": ""})


def test_non_keepers_get_403_on_import(client, teacher_school):
    login(client, teacher_school)
    assert client.get("/instytucje/import/").status_code == 403
    assert upload(client).status_code == 403
    assert client.get("/instytucje/eksport/").status_code == 200  # export: every signed-in user
    assert client.get("/instytucje/import/wzor.csv").status_code == 200


def test_upload_preview_with_mistakes_offers_no_confirmation(client, coordinator_ops):
    login(client, coordinator_ops)
    page = client.get("/instytucje/import/")
    assert page.status_code == 200 and b"/instytucje/import/wzor.csv" in page.content
    response = upload(client)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert [(r.record.line, r.action) for r in plan.rows] == [(2, "create"), (3, "skip"), (4, "skip")]
    assert sorted(plan.rows[1].record.error_codes) == ["kind_unknown", "postal_code_invalid", "regon_invalid"]
    assert plan.rows[2].record.error_codes == ["unit_forbidden"]
    html = preview.content.decode()
    for line in ("2", "3", "4"):
        assert f'data-row="{line}"' in html
    assert "87410x" in html and "nieznany rodzaj" in html  # what the user uploaded is shown back
    assert "Nic nie zostanie zapisane, dopóki wszystkie błędy nie zostaną poprawione" in html
    assert "2 wiersze mają błędy." in html
    confirm_url = response["Location"] + "zatwierdz/"
    assert confirm_url not in html  # no confirm button while any row has a mistake

    # Confirming anyway (an old page, a crafted request) is refused and writes nothing.
    refused = client.post(confirm_url)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Plik zawiera wiersze z błędami, dlatego nic nie zostało zapisane" in html
    assert 'data-row="3"' in html and 'data-row="4"' in html and 'data-row="2"' not in html
    assert not Institution.objects.filter(name="Klub Seniora").exists()
    assert client.get(response["Location"]).status_code == 200  # the import waits to be corrected


def test_upload_preview_confirm(client, coordinator_ops):
    login(client, coordinator_ops)
    response = upload(client, "\n".join([HEADER, "Klub Seniora;self_help_club;040504;87-410;"]).encode())
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert "Nic jeszcze nie zostało zapisane. Zatwierdź, aby zapisać cały plik" in html
    assert 'id="import-errors"' not in html
    assert not Institution.objects.filter(name="Klub Seniora").exists()  # nothing written before confirming

    confirm_url = response["Location"] + "zatwierdz/"
    assert confirm_url in html
    result = client.post(confirm_url)
    assert result.status_code == 200
    assert len(result.context["result"].created) == 1
    assert Institution.objects.filter(name="Klub Seniora", unit__code="040504").count() == 1
    # The pending import is gone: confirming twice writes nothing more.
    assert client.post(confirm_url).status_code == 302
    assert Institution.objects.filter(name="Klub Seniora").count() == 1


def test_a_row_refused_at_save_saves_nothing_and_names_the_row(client, coordinator_ops, territory, monkeypatch):
    from kooperacja.directory import services
    from tests.factories import InstitutionFactory

    login(client, coordinator_ops)
    rows = ["Klub A;ngo;040504;;", "Klub B;ngo;040504;;", "Klub C;ngo;040504;;"]
    response = upload(client, "\n".join([HEADER, *rows]).encode())
    assert 'id="import-errors"' not in client.get(response["Location"]).content.decode()
    real = services.institution_create

    def create(**kwargs):  # someone else adds "Klub C" after the preview, just before that row is saved
        if kwargs["name"] == "Klub C":
            InstitutionFactory(name="Klub C", unit=territory["gmina"])
        return real(**kwargs)

    monkeypatch.setattr(services, "institution_create", create)
    result = client.post(response["Location"] + "zatwierdz/")
    assert result.status_code == 409
    html = result.content.decode()
    assert "Nie udało się zapisać wiersza 4, dlatego nie zapisano niczego z tego pliku" in html
    assert 'data-row="4"' in html and "Nie udało się zapisać wiersza:" in html
    assert not Institution.objects.filter(name__startswith="Klub ").exists()


def test_unreadable_file_is_reported(client, coordinator_ops):
    login(client, coordinator_ops)
    response = upload(client, b"a;b\n1;2\n")
    assert response.status_code == 400 and response.context["file_error"]


def test_export_downloads(client, coordinator_ops):
    login(client, coordinator_ops)
    response = client.get("/instytucje/eksport/instytucje.csv?unit=040504")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "OPS testowy" in text and "OPS w Rypinie" not in text
    response = client.get("/instytucje/eksport/instytucje.json")
    organizations = json.loads(response.content)
    assert len(organizations) == Institution.objects.count()
    assert all(not list(hsds.validator().iter_errors(o)) for o in organizations)
    assert client.get("/instytucje/eksport/instytucje.json?unit=99").status_code == 404
    assert client.get("/instytucje/import/kolumny/").status_code == 200


def test_a_row_with_mistakes_is_corrected_in_the_preview_itself(client, coordinator_ops, territory):
    from conftest import login
    from kooperacja.directory.models import Institution

    login(client, coordinator_ops)
    content = (
        b"name;kind;unit_teryt;postal_code\n"
        b"Klub Seniora (test);ngo;0405043;87-410\n"
        b"Fundacja Pomocna (test);fundacja-nieznana;0405043;87410\n"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/instytucje/import/", {"file": SimpleUploadedFile("a.csv", content)})
    preview = response["Location"]
    html = client.get(preview).content.decode()
    assert 'action="' + preview + 'wiersz/3/"' in html  # the row with mistakes can be corrected here
    response = client.post(
        preview + "wiersz/3/",
        {"name": "Fundacja Pomocna (test)", "kind": "ngo", "unit_teryt": "0405043", "postal_code": "87-410"},
    )
    assert response["Location"] == preview + "#row-3"
    html = client.get(preview).content.decode()
    assert 'id="import-errors"' not in html  # no row has mistakes any more
    assert not Institution.objects.filter(name__endswith="(test)").exists()  # still nothing saved
    client.post(preview + "zatwierdz/")
    assert Institution.objects.filter(name__endswith="(test)").count() == 2


def test_correcting_a_row_of_another_import_is_refused(client, coordinator_ops, territory):
    from conftest import login

    login(client, coordinator_ops)
    response = client.post("/instytucje/import/nieznany-token/wiersz/2/", {"name": "X"})
    assert response.status_code == 302 and response["Location"] == "/instytucje/import/"
