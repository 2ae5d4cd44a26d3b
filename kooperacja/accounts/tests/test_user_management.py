import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import login
from kooperacja.accounts.models import Membership, Role, User
from kooperacja.audit.models import AuditEvent
from kooperacja.notifications.services import outbox_process

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    return login(client, admin_user)


def test_administrator_creates_account_with_role_and_invitation(admin_client, admin_user, institutions):
    response = admin_client.post(
        "/konto/uzytkownicy/nowy/",
        {
            "email": "Nowa.Osoba@Test.example",
            "first_name": "Nowa",
            "last_name": "Osoba",
            "phone": "",
            "m-institution": institutions["school"].pk,
            "m-role": Role.DIRECTOR,
            "m-position": "dyrektorka",
        },
    )
    user = User.objects.get(email="nowa.osoba@test.example")
    assert response["Location"] == f"/konto/uzytkownicy/{user.pk}/"
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, institution=institutions["school"], role=Role.DIRECTOR).exists()
    assert AuditEvent.objects.filter(
        action="create", actor=admin_user, object_type="accounts.user", object_id=str(user.pk)
    ).exists()
    outbox_process()
    assert mail.outbox[0].to == ["nowa.osoba@test.example"]
    assert "Osoba" not in mail.outbox[0].body  # the e-mail carries a link, not the person's data


def test_invalid_new_account_keeps_what_was_typed(admin_client, institutions):
    response = admin_client.post(
        "/konto/uzytkownicy/nowy/",
        {"email": "nie-adres", "first_name": "Zofia", "last_name": "Zapisana", "m-role": Role.COORDINATOR},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Zofia"' in html and 'value="Zapisana"' in html
    assert "Wybierz instytucję" in html
    assert not User.objects.filter(first_name="Zofia").exists()


def test_duplicate_email_is_refused(admin_client, coordinator_ops):
    response = admin_client.post(
        "/konto/uzytkownicy/nowy/",
        {"email": coordinator_ops.email, "first_name": "A", "last_name": "B", "m-role": Role.ADMINISTRATOR},
    )
    assert "Konto z tym adresem e-mail już istnieje" in response.content.decode()


def test_reading_a_user_is_audited(admin_client, admin_user, coordinator_ops):
    response = admin_client.get(f"/konto/uzytkownicy/{coordinator_ops.pk}/")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="read", actor=admin_user, object_id=str(coordinator_ops.pk)).exists()


def test_edit_user_records_changed_fields(admin_client, admin_user, coordinator_ops):
    response = admin_client.post(
        f"/konto/uzytkownicy/{coordinator_ops.pk}/",
        {
            "email": coordinator_ops.email,
            "first_name": "Kasia",
            "last_name": coordinator_ops.last_name,
            "phone": "56 123 45 67",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    coordinator_ops.refresh_from_db()
    assert coordinator_ops.first_name == "Kasia"
    event = AuditEvent.objects.get(action="update", object_type="accounts.user")
    assert event.details == {"fields": ["first_name", "phone"]}


def test_add_and_end_membership(admin_client, coordinator_ops, institutions):
    admin_client.post(
        f"/konto/uzytkownicy/{coordinator_ops.pk}/role/",
        {"m-institution": institutions["ops"].pk, "m-role": Role.OPS_ANIMATOR, "m-position": ""},
    )
    membership = Membership.objects.get(user=coordinator_ops, role=Role.OPS_ANIMATOR)
    assert membership.is_active
    admin_client.post(f"/konto/uzytkownicy/{coordinator_ops.pk}/role/{membership.pk}/koniec/")
    membership.refresh_from_db()
    assert not membership.is_active


def test_deactivated_user_cannot_log_in(admin_client, client, coordinator_ops):
    admin_client.post(
        f"/konto/uzytkownicy/{coordinator_ops.pk}/",
        {"email": coordinator_ops.email, "first_name": "K", "last_name": "K", "phone": ""},
    )
    coordinator_ops.refresh_from_db()
    assert not coordinator_ops.is_active
    from django.test import Client

    other = Client()
    response = other.post("/konto/logowanie/", {"username": coordinator_ops.email, "password": "Haslo-testowe-2026!"})
    assert response.status_code == 200


def test_second_factor_reset_forces_enrolment(admin_client, coordinator_ops):
    admin_client.post(f"/konto/uzytkownicy/{coordinator_ops.pk}/reset-2fa/")
    assert not TOTPDevice.objects.filter(user=coordinator_ops).exists()
    assert AuditEvent.objects.filter(action="otp_reset", object_id=str(coordinator_ops.pk)).exists()


def test_user_list_searches_and_keeps_query_count_flat(admin_client, institutions, django_assert_max_num_queries):
    from tests.factories import MembershipFactory

    for _ in range(30):
        MembershipFactory(institution=institutions["ops"])
    with django_assert_max_num_queries(12):
        response = admin_client.get("/konto/uzytkownicy/")
    assert response.status_code == 200
    response = admin_client.post("/konto/uzytkownicy/", {"q": "Admin"})
    assert response["Location"] == "/konto/uzytkownicy/"  # the name searched for never goes into a URL
    html = admin_client.get("/konto/uzytkownicy/").content.decode()
    assert "Adam Admin" in html and "Koordynatorka" not in html and 'value="Admin"' in html


def test_unknown_user_is_404(admin_client):
    assert admin_client.get("/konto/uzytkownicy/999999/").status_code == 404


def test_reading_a_user_in_django_admin_is_audited_too(admin_client, admin_user, coordinator_ops):
    assert admin_client.get(f"/admin/accounts/user/{coordinator_ops.pk}/change/").status_code == 200
    assert AuditEvent.objects.filter(action="read", actor=admin_user, object_id=str(coordinator_ops.pk)).exists()


def test_saving_in_django_admin_is_audited(admin_client, admin_user, institutions):
    from kooperacja.directory.models import Institution

    school = institutions["school"]
    response = admin_client.post(
        f"/admin/directory/institution/{school.pk}/change/",
        {"name": "Szkoła po zmianie", "kind": "school", "unit": school.unit_id, "level": "gmina", "status": "active"}
        | {"opens_at": "07:30", "closes_at": "15:30", "working_days": "01234", "edit_version": school.edit_version}
        | {f"{p}-{k}": "0" for p in ("phones", "contacts", "specialists") for k in ("TOTAL_FORMS", "INITIAL_FORMS")},
    )
    assert response.status_code == 302
    assert Institution.objects.get(pk=school.pk).name == "Szkoła po zmianie"
    event = AuditEvent.objects.get(action="update", object_type="directory.institution")
    assert event.details == {"fields": ["name"], "via": "admin"}
