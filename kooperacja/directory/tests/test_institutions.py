import pytest

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.directory.models import Institution

pytestmark = pytest.mark.django_db


def test_administrator_adds_institution_with_unit_picker_value(client, admin_user, territory):
    login(client, admin_user)
    response = client.post(
        "/instytucje/nowa/", {"name": "Poradnia (test)", "kind": "health", "unit": territory["gmina"].pk}
    )
    assert response["Location"] == "/instytucje/"
    institution = Institution.objects.get(name="Poradnia (test)")
    assert institution.unit == territory["gmina"]
    assert AuditEvent.objects.filter(action="create", object_type="directory.institution").exists()


def test_missing_unit_keeps_typed_name_and_explains(client, admin_user, territory):
    login(client, admin_user)
    response = client.post("/instytucje/nowa/", {"name": "Poradnia (test)", "kind": "health", "unit": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Poradnia (test)"' in html
    assert "Wybierz jednostkę z podpowiedzi" in html


def test_edit_shows_chosen_unit_and_saves(client, admin_user, institutions, territory):
    login(client, admin_user)
    school = institutions["school"]
    html = client.get(f"/instytucje/{school.pk}/edycja/").content.decode()
    assert "Kowalewo Pomorskie" in html
    client.post(
        f"/instytucje/{school.pk}/edycja/", {"name": "Szkoła nowa", "kind": "school", "unit": territory["gmina"].pk}
    )
    school.refresh_from_db()
    assert school.name == "Szkoła nowa"


def test_every_worker_reads_the_list_but_only_administrators_edit(client, teacher_school, institutions):
    login(client, teacher_school)
    html = client.get("/instytucje/").content.decode()
    assert "OPS testowy" in html and "/edycja/" not in html
    assert client.get("/instytucje/nowa/").status_code == 403
