"""The administrator sees the e-mail that could not be sent and sends it again."""

import pytest
from django.core import mail

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.notifications.models import OutboxMessage
from kooperacja.notifications.services import outbox_enqueue, outbox_process

pytestmark = pytest.mark.django_db


def _failed(*, to_email="osoba@test.example", subject="Zaproszenie", body="Treść", one_time_link=False):
    message = outbox_enqueue(to_email=to_email, subject=subject, body=body, one_time_link=one_time_link)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED, attempts=77, last_error="SMTPConnectError: (421, 'niedostępny')"
    )
    return message


def test_failed_messages_are_listed_with_a_resend_button(client, admin_user):
    message = _failed()
    outbox_enqueue(to_email="inna@test.example", subject="Czeka", body="x")
    login(client, admin_user)
    html = client.get("/powiadomienia/poczta/").content.decode()
    assert "Poczta wychodząca" in html and "osoba@test.example" in html and "Zaproszenie" in html
    assert "Wyślij ponownie" in html and f"/powiadomienia/poczta/{message.pk}/wyslij-ponownie/" in html
    assert "SMTPConnectError" in html and "Czeka na wysłanie" in html
    assert "Czeka</td>" not in html  # a waiting message is counted, not listed as failed


def test_resend_queues_the_message_and_the_worker_sends_it(client, admin_user):
    message = _failed()
    login(client, admin_user)
    response = client.post(f"/powiadomienia/poczta/{message.pk}/wyslij-ponownie/", follow=True)
    assert "wróciła do kolejki" in response.content.decode()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert AuditEvent.objects.filter(actor=admin_user, object_type="notifications.outboxmessage").exists()
    assert outbox_process() == 1
    assert mail.outbox[0].subject == "Zaproszenie"


def test_resend_all(client, admin_user):
    _failed(subject="a")
    _failed(subject="b")
    login(client, admin_user)
    response = client.post("/powiadomienia/poczta/wyslij-ponownie/", follow=True)
    assert "2 wiadomości wróciły do kolejki" in response.content.decode()
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).exists()


def test_a_removed_password_link_points_to_the_account_instead(client, admin_user, coordinator_ops):
    message = _failed(to_email=coordinator_ops.email, subject="Ustaw hasło", body="", one_time_link=True)
    login(client, admin_user)
    html = client.get("/powiadomienia/poczta/").content.decode()
    assert "Jednorazowy link z tej wiadomości został usunięty" in html
    assert f"/konto/uzytkownicy/{coordinator_ops.pk}/" in html
    response = client.post(f"/powiadomienia/poczta/{message.pk}/wyslij-ponownie/", follow=True)
    assert "wyślij tej osobie nowy link" in response.content.decode()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED


def test_only_administrators_open_the_outbox(client, coordinator_ops):
    message = _failed()
    login(client, coordinator_ops)
    assert client.get("/powiadomienia/poczta/").status_code == 403
    assert client.post(f"/powiadomienia/poczta/{message.pk}/wyslij-ponownie/").status_code == 403
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED


def test_the_dashboard_tells_the_administrator_what_was_not_sent(client, admin_user):
    _failed()
    login(client, admin_user)
    html = client.get("/pulpit/").content.decode()
    assert "/powiadomienia/poczta/" in html and "1 niewysłana wiadomość" in html
