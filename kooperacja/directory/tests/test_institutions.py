import datetime

import pytest

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.directory import services
from kooperacja.directory.models import Institution, Problem, Service
from kooperacja.directory.selectors import institution_search, institutions_serving

pytestmark = pytest.mark.django_db


def _form(unit, **overrides):
    data = {
        "name": "Poradnia Psychologiczno-Pedagogiczna (test)",
        "short_name": "PPP",
        "kind": "counselling_centre",
        "level": "gmina",
        "unit": unit.pk,
        "street": "ul. Szkolna 1",
        "postal_code": "87-410",
        "city": "Kowalewo Pomorskie",
        "email": "ppp@test.example",
        "website": "",
        "opening_hours": "pn–pt 8–16",
        "opens_at": "07:30",
        "closes_at": "15:30",
        "working_days": ["0", "1", "2", "3", "4"],
        "regon": "",
        "nip": "",
        "krs": "",
        "status": "active",
        "notes": "",
        "phones-TOTAL_FORMS": "2",
        "phones-INITIAL_FORMS": "0",
        "phones-0-number": "56 684 10 00",
        "phones-0-description": "sekretariat",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Anna Testowa",
        "contacts-0-function": "dyrektorka",
        "contacts-0-phone": "",
        "contacts-0-email": "",
        "specialists-psychologist": "2",
        "specialists-pedagogue": "1",
    }
    return data | overrides


def test_ops_coordinator_adds_an_institution_of_her_gmina_with_contacts(client, coordinator_ops, territory):
    login(client, coordinator_ops)
    response = client.post("/instytucje/nowa/", _form(territory["gmina"]))
    institution = Institution.objects.get(name="Poradnia Psychologiczno-Pedagogiczna (test)")
    assert response["Location"] == f"/instytucje/{institution.pk}/"
    assert list(institution.phones.values_list("number", "description")) == [("56 684 10 00", "sekretariat")]
    assert dict(institution.specialists.values_list("kind", "count")) == {"psychologist": 2, "pedagogue": 1}
    assert institution.contacts.get().function == "dyrektorka"
    assert institution.sector == "education"
    assert AuditEvent.objects.filter(action="create", object_type="directory.institution").exists()
    assert institution.history.count() == 1  # who, when, what: django-simple-history


def test_ops_staff_cannot_add_institutions_of_another_area(client, coordinator_ops, territory):
    login(client, coordinator_ops)
    response = client.post("/instytucje/nowa/", _form(territory["other_gmina"]))
    html = response.content.decode()
    assert response.status_code == 400
    assert "tylko instytucje swojego obszaru" in html
    assert 'value="Poradnia Psychologiczno-Pedagogiczna (test)"' in html  # nothing typed is lost


def test_invalid_identifiers_and_postal_code_are_explained(client, admin_user, territory):
    login(client, admin_user)
    response = client.post(
        "/instytucje/nowa/", _form(territory["gmina"], regon="123456780", nip="123-456-32-19", postal_code="87410")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "nieprawidłowy numer REGON" in html
    assert "nieprawidłowy numer NIP" in html
    assert "00-000" in html
    assert not Institution.objects.filter(name__startswith="Poradnia").exists()


def test_valid_identifiers_are_stored_compact(client, admin_user, territory):
    login(client, admin_user)
    client.post("/instytucje/nowa/", _form(territory["gmina"], regon="123456785", nip="123-456-32-18", krs="12345"))
    institution = Institution.objects.get(name__startswith="Poradnia")
    assert (institution.regon, institution.nip, institution.krs) == ("123456785", "1234563218", "0000012345")


def test_edit_records_history_and_changed_fields(client, coordinator_ops, institutions, territory):
    school = institutions["school"]
    login(client, coordinator_ops)
    data = _form(territory["gmina"], name="Szkoła nowa", kind="school")
    response = client.post(f"/instytucje/{school.pk}/edycja/", data)
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.name == "Szkoła nowa"
    event = AuditEvent.objects.filter(action="update", object_type="directory.institution").latest("id")
    assert "name" in event.details["fields"] and "phones" in event.details["fields"]
    assert school.history.first().history_user == coordinator_ops


def test_readers_see_everything_but_cannot_edit(client, teacher_school, institutions):
    login(client, teacher_school)
    html = client.get(f"/instytucje/{institutions['ops'].pk}/").content.decode()
    assert "OPS testowy" in html and "/edycja/" not in html
    assert client.get("/instytucje/nowa/").status_code == 403
    assert client.get(f"/instytucje/{institutions['ops'].pk}/edycja/").status_code == 403


def test_pcpr_keeps_county_institutions_rops_the_voivodeship(client, animator_pcpr, animator_rops, institutions):
    login(client, animator_pcpr)
    assert client.get(f"/instytucje/{institutions['pcpr'].pk}/edycja/").status_code == 200
    assert client.get(f"/instytucje/{institutions['ops'].pk}/edycja/").status_code == 403
    client.post("/konto/wyloguj/")
    login(client, animator_rops)
    assert client.get(f"/instytucje/{institutions['rops'].pk}/edycja/").status_code == 200
    assert client.get(f"/instytucje/{institutions['pcpr'].pk}/edycja/").status_code == 403


def test_service_with_problems_is_added_edited_and_removed(client, coordinator_ops, institutions):
    ops = institutions["ops"]
    login(client, coordinator_ops)
    violence = Problem.objects.get(code="domestic_violence")
    response = client.post(
        f"/instytucje/{ops.pk}/uslugi/nowa/",
        {
            "name": "Procedura Niebieskiej Karty",
            "description": "Wsparcie osób doznających przemocy",
            "problems": [violence.pk],
            "target_group": "rodziny",
            "legal_basis": "ustawa o przeciwdziałaniu przemocy",
            "how_to_access": "zgłoszenie w OPS",
        },
    )
    assert response["Location"] == f"/instytucje/{ops.pk}/"
    service = Service.objects.get(name="Procedura Niebieskiej Karty")
    assert list(service.problems.all()) == [violence]
    client.post(f"/instytucje/uslugi/{service.pk}/edycja/", {"name": "Niebieska Karta", "problems": []})
    service.refresh_from_db()
    assert service.name == "Niebieska Karta" and not service.problems.exists()
    client.post(f"/instytucje/uslugi/{service.pk}/usun/")
    assert not Service.objects.filter(pk=service.pk).exists()
    assert AuditEvent.objects.filter(object_type="directory.service", action="delete").exists()


def test_county_institutions_serve_every_gmina_of_the_county(institutions, territory):
    serving = set(institutions_serving(unit=territory["gmina"]).values_list("name", flat=True))
    assert {"OPS testowy", "Szkoła testowa", "PCPR testowe", "ROPS testowy"} <= serving
    assert "OPS w Rypinie" not in serving


def test_search_filters_by_sector_kind_problem_and_unit(institutions, territory, admin_user):
    services.service_save(
        actor=admin_user,
        institution=institutions["school"],
        name="Świetlica szkolna",
        problems=[Problem.objects.get(code="education")],
    )
    names = lambda **f: set(institution_search(**f).values_list("name", flat=True))  # noqa: E731
    assert names(query="świetlica") == {"Szkoła testowa"}
    assert names(sector="education") == {"Szkoła testowa"}
    assert names(kind="ops") == {"OPS testowy", "OPS w Rypinie"}
    assert names(problem="education") == {"Szkoła testowa"}
    assert "OPS w Rypinie" not in names(unit=territory["gmina"])


def test_list_page_query_count_is_flat(client, coordinator_ops, territory, django_assert_max_num_queries):
    from tests.factories import InstitutionFactory

    for _ in range(30):
        institution = InstitutionFactory(unit=territory["gmina"])
        services.service_save(actor=None, institution=institution, name="Usługa", problems=[Problem.objects.first()])
    login(client, coordinator_ops)
    with django_assert_max_num_queries(20):
        response = client.get("/instytucje/")
    assert response.status_code == 200


def test_other_units_served_are_kept_and_explained(client, admin_user, territory):
    login(client, admin_user)
    response = client.post("/instytucje/nowa/", _form(territory["gmina"], other_units="0415011, 123"))
    assert response.status_code == 400
    assert "Żadna jednostka rejestru TERYT nie ma kodu 123" in response.content.decode()
    client.post("/instytucje/nowa/", _form(territory["gmina"], other_units="0415011"))
    institution = Institution.objects.get(name__startswith="Poradnia")
    assert list(institution.other_units.all()) == [territory["other_gmina"]]
    assert institution in institutions_serving(unit=territory["other_gmina"])
    html = client.get(f"/instytucje/{institution.pk}/edycja/").content.decode()
    assert 'value="0415011"' in html


def test_the_ops_sets_its_own_working_hours_and_days(client, coordinator_ops, institutions, territory):
    ops = institutions["ops"]
    login(client, coordinator_ops)
    form = client.get(f"/instytucje/{ops.pk}/edycja/").content.decode()
    assert 'value="07:30"' in form and 'value="15:30"' in form  # the defaults, Monday to Friday
    data = _form(territory["gmina"], name=ops.name, kind="ops", opens_at="08:00", closes_at="16:00")
    data["working_days"] = ["0", "1", "2", "3"]
    data["edit_version"] = ops.edit_version
    assert client.post(f"/instytucje/{ops.pk}/edycja/", data).status_code == 302
    ops.refresh_from_db()
    assert ops.working_hours == (datetime.time(8, 0), datetime.time(16, 0))
    assert ops.working_weekdays == frozenset({0, 1, 2, 3})
    page = client.get(f"/instytucje/{ops.pk}/").content.decode()
    assert "poniedziałek, wtorek, środa, czwartek; 08:00–16:00" in page


def test_working_hours_that_close_before_they_open_are_refused(client, coordinator_ops, institutions, territory):
    ops = institutions["ops"]
    login(client, coordinator_ops)
    data = _form(territory["gmina"], name=ops.name, kind="ops", opens_at="16:00", closes_at="08:00")
    data["working_days"] = []
    data["edit_version"] = ops.edit_version
    response = client.post(f"/instytucje/{ops.pk}/edycja/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Godzina otwarcia musi być wcześniejsza" in html and "Zaznacz co najmniej jeden dzień pracy" in html
    ops.refresh_from_db()
    assert ops.opens_at == datetime.time(7, 30)


def test_a_new_institution_form_starts_with_monday_to_friday_ticked(db):
    from kooperacja.directory.forms import InstitutionForm

    assert InstitutionForm()["working_days"].value() == ["0", "1", "2", "3", "4"]
