from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from kooperacja.notifications.models import OutboxMessage
from kooperacja.notifications.services import MAX_ATTEMPTS, outbox_enqueue, outbox_process

pytestmark = pytest.mark.django_db


def test_worker_sends_what_is_queued_once():
    outbox_enqueue(to_email="a@test.example", subject="Temat", body="Treść")
    call_command("run_worker", "--once")
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    call_command("run_worker", "--once")
    assert len(mail.outbox) == 1


def test_smtp_failure_keeps_the_message_for_a_later_try():
    message = outbox_enqueue(to_email="a@test.example", subject="Temat", body="Treść")
    with mock.patch("kooperacja.notifications.services.send_mail", side_effect=SMTPException("down")):
        assert outbox_process() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, 1)
    assert "SMTPException" in message.last_error
    assert outbox_process() == 0  # not due yet: retried later, with a growing pause


def test_message_fails_for_good_after_max_attempts():
    message = outbox_enqueue(to_email="a@test.example", subject="Temat", body="Treść")
    message.attempts = MAX_ATTEMPTS - 1
    message.save(update_fields=["attempts"])
    with mock.patch("kooperacja.notifications.services.send_mail", side_effect=SMTPException("down")):
        outbox_process()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED


def test_sent_message_keeps_no_body_that_could_hold_a_link():
    message = outbox_enqueue(to_email="a@test.example", subject="Temat", body="https://x/konto/haslo/ustaw/a/b/")
    outbox_process()
    message.refresh_from_db()
    assert message.body == "" and mail.outbox[0].body.startswith("https://x/")


def test_administrators_never_see_a_waiting_password_link(client, admin_user):
    from conftest import login

    message = outbox_enqueue(to_email="a@test.example", subject="Temat", body="https://x/konto/haslo/ustaw/SEKRET/")
    login(client, admin_user)
    response = client.get(f"/admin/notifications/outboxmessage/{message.pk}/change/")
    assert response.status_code == 200
    assert "a@test.example" in response.content.decode() and "SEKRET" not in response.content.decode()
