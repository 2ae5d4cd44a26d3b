import datetime

import pytest
from django.core import mail

from conftest import login
from kooperacja.cooperation import services as cooperation_services
from kooperacja.notifications.models import Notification
from kooperacja.notifications.periodic import overdue_steps_notify
from kooperacja.notifications.services import notify, outbox_process

pytestmark = pytest.mark.django_db


def test_notify_writes_the_centre_and_a_mail_without_details(coordinator_ops):
    notify(
        recipients=[coordinator_ops],
        kind="task",
        message="Zadanie: przygotować listę rodzin Kowalskich",
        url="/spotkania/zadania/",
    )
    assert outbox_process() == 1
    message = mail.outbox[0]
    assert "Kowalsk" not in message.body and "Kowalsk" not in message.subject
    assert "/spotkania/zadania/" in message.body and "zadanie" in message.subject.lower()
    assert Notification.objects.get(user=coordinator_ops).message.startswith("Zadanie")


def test_a_key_notifies_once(coordinator_ops):
    for _ in range(3):
        notify(recipients=[coordinator_ops], kind="other", message="x", key="once")
    assert Notification.objects.filter(user=coordinator_ops).count() == 1


def test_overdue_steps_are_told_once_to_those_who_run_the_cooperation(cooperation, coordinator_ops, teacher_school):
    today = datetime.date(2026, 6, 15)
    first = overdue_steps_notify(today=today)
    assert first == 5 and overdue_steps_notify(today=today) == 0
    assert not Notification.objects.filter(user=teacher_school).exists()
    cooperation_services.step_update(
        actor=coordinator_ops, step=cooperation.steps.get(code="3"), data={"planned_end": datetime.date(2026, 6, 1)}
    )
    assert overdue_steps_notify(today=today) == 1  # re-planned and late again


def test_notification_centre(client, coordinator_ops, teacher_school):
    notify(recipients=[coordinator_ops], kind="other", message="Nowy krok", url="/kooperacja/")
    notification = Notification.objects.get()
    login(client, teacher_school)
    assert client.post(f"/powiadomienia/{notification.pk}/").status_code == 404
    assert "Nowy krok" not in client.get("/powiadomienia/").content.decode()
    client.logout()
    login(client, coordinator_ops)
    page = client.get("/powiadomienia/").content.decode()
    assert "Nowy krok" in page
    response = client.post(f"/powiadomienia/{notification.pk}/")
    assert response.status_code == 302 and response["Location"] == "/kooperacja/"
    notification.refresh_from_db()
    assert notification.read_at is not None
