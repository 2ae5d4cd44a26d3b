import pytest
from django.db import DatabaseError, connection, transaction

from conftest import login
from kooperacja.audit.models import AuditError, AuditEvent
from kooperacja.audit.services import record

pytestmark = pytest.mark.django_db


def test_entries_cannot_be_changed_or_removed_through_the_application(admin_user):
    event = record(action="login", actor=admin_user)
    event.action = "logout"
    with pytest.raises(AuditError):
        event.save()
    with pytest.raises(AuditError):
        event.delete()
    with pytest.raises(AuditError):
        AuditEvent.objects.filter(pk=event.pk).update(action="logout")
    with pytest.raises(AuditError):
        AuditEvent.objects.all().delete()


def test_database_refuses_changes_even_with_raw_sql(admin_user):
    event = record(action="login", actor=admin_user)
    for sql in (
        "UPDATE audit_auditevent SET action = 'logout' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "login"


def test_administrator_searches_the_log(client, admin_user, coordinator_ops):
    login(client, coordinator_ops)
    client.post("/konto/wyloguj/")
    login(client, admin_user)
    response = client.post("/dziennik/", {"text": coordinator_ops.email, "action": "logout"})
    assert response["Location"] == "/dziennik/"  # the e-mail searched for never goes into a URL
    html = client.get("/dziennik/").content.decode()
    assert coordinator_ops.email in html
    assert "wylogowanie" in html
    html = client.post("/dziennik/", {"text": "nobody@test.example"}, follow=True).content.decode()
    assert "Brak pasujących wpisów" in html


def test_search_with_reversed_dates_explains_in_polish(client, admin_user):
    login(client, admin_user)
    response = client.post("/dziennik/", {"date_from": "2026-02-01", "date_to": "2026-01-01"}, follow=True)
    html = response.content.decode()
    assert "Data końcowa jest wcześniejsza" in html


def test_audit_page_query_count_is_flat(client, admin_user, django_assert_max_num_queries):
    for _ in range(50):
        record(action="read", actor=admin_user, obj=admin_user)
    login(client, admin_user)
    with django_assert_max_num_queries(12):
        client.get("/dziennik/")


def test_audit_admin_is_read_only(client, admin_user):
    event = record(action="login", actor=admin_user)
    login(client, admin_user)
    assert client.get(f"/admin/audit/auditevent/{event.pk}/change/").status_code == 200
    response = client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_log_names_objects_in_polish_and_system_actions_as_system(client, admin_user, coordinator_ops):
    record(action="read", actor=admin_user, obj=coordinator_ops)
    record(action="import", details={"register": "TERYT TERC"})
    login(client, admin_user)
    html = client.get("/dziennik/").content.decode()
    assert f"użytkownik #{coordinator_ops.pk}" in html
    assert "<td>system</td>" in html
