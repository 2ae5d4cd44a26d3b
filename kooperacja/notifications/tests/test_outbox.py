"""The outbox delivers every e-mail once, through a mail-server outage of days and with several workers."""

import datetime
import logging
import smtplib
import threading
import time
from collections import Counter
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import OperationalError
from django.db import connection as db_connection
from django.test import override_settings

from kooperacja.notifications.models import OutboxMessage
from kooperacja.notifications.services import (
    SMTP_STEPS_PER_MESSAGE,
    outbox_claim,
    outbox_enqueue,
    outbox_process,
    outbox_requeue,
)
from kooperacja.notifications.tests.smtp_server import SMTPTestServer

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


class OutageBackend(BaseEmailBackend):
    """A mail server that refuses every connection until ``up_at`` (on the simulated clock), then delivers."""

    def __init__(self, *, up_at: datetime.datetime | None = None, **kwargs):
        super().__init__(**kwargs)
        self.up_at = up_at
        self.now = T0
        self.delivered: list[tuple[datetime.datetime, str]] = []
        self.tried_at: list[datetime.datetime] = []

    @property
    def attempts(self) -> int:
        return len(self.tried_at)

    def send_messages(self, email_messages):
        self.tried_at.append(self.now)
        if self.up_at is None or self.now < self.up_at:
            raise smtplib.SMTPConnectError(421, "service not available")
        self.delivered += [(self.now, m.subject) for m in email_messages]
        return len(email_messages)


def run_worker(backend: OutageBackend, *, until: datetime.datetime, step=MINUTE, start=T0) -> None:
    """The worker polling every ``step`` of simulated time."""
    clock = start
    while clock <= until:
        backend.now = clock
        outbox_process(now=clock, connection=backend)
        clock += step


def queue(subject: str, *, at=T0, **kwargs) -> OutboxMessage:
    return outbox_enqueue(to_email="osoba@test.example", subject=subject, body="Treść", now=at, **kwargs)


# --- Sending ----------------------------------------------------------------------------------------


def test_worker_sends_what_is_queued_once():
    outbox_enqueue(to_email="a@test.example", subject="Temat", body="Treść")
    call_command("run_worker", "--once", "--reminders-every", "0", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    call_command("run_worker", "--once", "--reminders-every", "0", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_due_messages_go_out_oldest_first():
    for n in range(5):
        queue(f"m{n}", at=T0 + n * MINUTE)
    backend = OutageBackend(up_at=T0)
    backend.now = T0 + HOUR
    assert outbox_process(now=T0 + HOUR, connection=backend) == 5
    assert [subject for _, subject in backend.delivered] == ["m0", "m1", "m2", "m3", "m4"]


def test_a_message_not_yet_due_waits():
    queue("later", at=T0 + HOUR)
    backend = OutageBackend(up_at=T0)
    assert outbox_process(now=T0, connection=backend) == 0
    assert backend.attempts == 0


# --- Outages --------------------------------------------------------------------------------------------


def test_smtp_failure_keeps_the_message_for_a_later_try():
    message = queue("Temat")
    backend = OutageBackend(up_at=None)
    assert outbox_process(now=T0, connection=backend) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, 1)
    assert "SMTPConnectError" in message.last_error and message.body == "Treść"
    assert outbox_process(now=T0 + MINUTE, connection=backend) == 0  # not due yet: a pause first
    assert backend.attempts == 1


def test_pause_between_attempts_doubles_up_to_an_hour():
    queue("Temat")
    backend = OutageBackend(up_at=None)
    run_worker(backend, until=T0 + 12 * HOUR)
    pauses = [int((b - a) / MINUTE) for a, b in zip(backend.tried_at, backend.tried_at[1:], strict=False)]
    assert pauses[:6] == [2, 4, 8, 16, 32, 60]
    assert set(pauses[5:]) == {60}


@override_settings(OUTBOX_RETRY_HOURS=72)
def test_retries_go_on_for_72_hours_before_the_message_is_marked_failed():
    message = queue("Zaproszenie")
    backend = OutageBackend(up_at=None)
    run_worker(backend, until=T0 + 71 * HOUR, step=5 * MINUTE)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    run_worker(backend, start=T0 + 71 * HOUR + 5 * MINUTE, until=T0 + 74 * HOUR, step=5 * MINUTE)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.last_attempt_at >= T0 + 72 * HOUR
    assert message.body == "Treść"  # no one-time link: kept, so it can be sent again


def test_48_hour_outage_loses_no_message_and_sends_each_once():
    # 40 e-mails queued over the first day of an outage that lasts 48 hours.
    for n in range(40):
        queue(f"m{n:02}", at=T0 + n * 36 * MINUTE)
    backend = OutageBackend(up_at=T0 + 48 * HOUR)
    clock = T0
    while clock <= T0 + 50 * HOUR:
        backend.now = clock
        outbox_process(now=clock, connection=backend)
        clock += MINUTE
    subjects = Counter(subject for _, subject in backend.delivered)
    assert subjects == Counter(f"m{n:02}" for n in range(40))  # every one, once
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists()
    # Within an hour of the server coming back (the longest pause), everything is out.
    assert max(at for at, _ in backend.delivered) <= T0 + 49 * HOUR


def test_a_down_server_costs_one_attempt_per_round_not_one_per_message():
    for n in range(5):
        queue(f"m{n}")
    backend = OutageBackend(up_at=None)
    outbox_process(now=T0, connection=backend)
    assert backend.attempts == 1
    assert sorted(OutboxMessage.objects.values_list("attempts", flat=True)) == [0, 0, 0, 0, 1]


def test_a_refused_recipient_fails_at_once_and_the_others_still_go():
    class RefusingBackend(OutageBackend):
        def send_messages(self, email_messages):
            if email_messages[0].to == ["nikt@test.example"]:
                raise smtplib.SMTPRecipientsRefused({"nikt@test.example": (550, b"no such user")})
            return super().send_messages(email_messages)

    refused = outbox_enqueue(to_email="nikt@test.example", subject="r", body="x", now=T0)
    queue("ok")
    backend = RefusingBackend(up_at=T0)
    assert outbox_process(now=T0, connection=backend) == 1
    refused.refresh_from_db()
    assert refused.status == OutboxMessage.Status.FAILED and "550" in refused.last_error


# --- One-time links ---------------------------------------------------------------------------------


def test_sent_message_keeps_no_body_that_could_hold_a_link():
    message = queue("Link", one_time_link=True)
    message.body = "https://x/konto/haslo/ustaw/a/b/"
    message.save(update_fields=["body"])
    outbox_process()
    message.refresh_from_db()
    assert message.body == "" and mail.outbox[0].body.startswith("https://x/")
    assert (message.subject, message.to_email, message.status) == ("Link", "osoba@test.example", "sent")


@override_settings(OUTBOX_RETRY_HOURS=72)
def test_failed_message_with_a_one_time_link_keeps_no_body_and_is_not_sent_again():
    message = outbox_enqueue(
        to_email="osoba@test.example",
        subject="Ustaw hasło",
        body="https://x/konto/haslo/ustaw/SEKRET/",
        one_time_link=True,
        now=T0,
    )
    run_worker(OutageBackend(up_at=None), until=T0 + 74 * HOUR, step=10 * MINUTE)
    message.refresh_from_db()
    assert (message.status, message.body, message.subject) == (OutboxMessage.Status.FAILED, "", "Ustaw hasło")
    assert outbox_requeue(messages=OutboxMessage.objects.all()).requeued == 0


def test_password_links_are_queued_as_one_time_links(coordinator_ops):
    from kooperacja.accounts.services import password_link_send

    password_link_send(user=coordinator_ops)
    assert OutboxMessage.objects.get().one_time_link


# --- Sending again ------------------------------------------------------------------------------------


def _failed(subject: str, **kwargs) -> OutboxMessage:
    message = queue(subject, **kwargs)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED, attempts=40, last_attempt_at=T0 + 72 * HOUR
    )
    message.refresh_from_db()
    return message


def test_outbox_retry_requeues_failed_messages_and_says_how_many():
    _failed("a")
    _failed("b")
    purged = _failed("link", one_time_link=True)
    OutboxMessage.objects.filter(pk=purged.pk).update(body="")
    queue("waiting")
    out = StringIO()
    call_command("outbox_retry", stdout=out)
    assert "Requeued 2 failed e-mail(s)." in out.getvalue()
    assert "1 failed e-mail(s) held a one-time password link" in out.getvalue()
    assert outbox_process() == 3  # the two requeued and the one that was waiting
    assert sorted(m.subject for m in mail.outbox) == ["a", "b", "waiting"]
    out = StringIO()
    call_command("outbox_retry", stdout=out)  # nothing left to requeue: safe to run again
    assert "Requeued 0 failed e-mail(s)." in out.getvalue()


def test_a_requeued_message_gets_a_fresh_retry_window():
    message = _failed("a")
    now = T0 + 100 * HOUR
    outbox_requeue(messages=OutboxMessage.objects.filter(pk=message.pk), now=now)
    run_worker(OutageBackend(up_at=None), start=now, until=now + 71 * HOUR, step=10 * MINUTE)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING


# --- Two workers --------------------------------------------------------------------------------------


@override_settings(EMAIL_TIMEOUT=20)
def test_a_claim_lasts_longer_than_sending_can_take():
    queue("one")
    assert outbox_claim(now=T0) is not None
    # However slowly the server answers, each SMTP step is cut at EMAIL_TIMEOUT: another worker polling at any
    # moment until the longest send could end finds nothing to take.
    longest_send = datetime.timedelta(seconds=SMTP_STEPS_PER_MESSAGE * 20)
    assert outbox_claim(now=T0 + longest_send) is None
    # A worker that died mid-send releases the message: it is claimed again later, not lost.
    assert outbox_claim(now=T0 + 2 * longest_send + MINUTE) is not None


def test_a_worker_whose_claim_ran_out_does_not_overwrite_the_new_claim(caplog):
    message = queue("one")
    first = outbox_claim(now=T0)
    second = outbox_claim(now=T0 + 2 * HOUR)  # the first worker is presumed dead
    backend = OutageBackend(up_at=T0)
    from kooperacja.notifications.services import outbox_send

    with caplog.at_level(logging.WARNING):
        outbox_send(message=first, connection=backend, now=T0 + 2 * HOUR)
    message.refresh_from_db()
    assert message.claim_token == second.claim_token and message.status == OutboxMessage.Status.PENDING
    assert f"outbox message {message.pk}: the claim ran out" in caplog.text


def _two_workers(rounds: int = 20) -> None:
    """Two workers polling at the same time, each in its own thread with its own database connection; each
    does ``rounds`` rounds (fewer once nothing waits)."""
    start = threading.Barrier(2)
    errors = []

    def worker():
        done = busy = 0
        try:
            start.wait()
            while done < rounds and busy < 400:
                try:
                    outbox_process(limit=3)
                except OperationalError:  # SQLite's shared in-memory test database was busy: poll again
                    busy += 1
                    time.sleep(0.05)
                    continue
                done += 1
                if not OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists():
                    break
        except Exception as exc:  # reported to the test below
            errors.append(exc)
        finally:
            db_connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors


@pytest.mark.django_db(transaction=True)
def test_two_workers_and_a_slow_smtp_server_send_each_message_once():
    with SMTPTestServer(delay=0.05) as server:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.port,
            EMAIL_TIMEOUT=5,
        ):
            for n in range(8):
                outbox_enqueue(to_email="osoba@test.example", subject=f"m{n}", body="x")
            _two_workers()
        assert Counter(server.subjects) == Counter(f"m{n}" for n in range(8))
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.SENT}


class HangingBackend(BaseEmailBackend):
    """A mail server that takes each connection and then never answers: the send of each worker stays open until
    both workers are inside one at the same time (the barrier), then ends as a socket time-out does. No clock is
    involved: the barrier is released by the second worker's arrival, not by time passing."""

    barrier: threading.Barrier
    tried: list[str] = []

    def send_messages(self, email_messages):
        HangingBackend.tried.extend(message.subject for message in email_messages)
        HangingBackend.barrier.wait(timeout=60)  # a guard against a deadlock only: a broken barrier fails the test
        raise TimeoutError("timed out")


@pytest.mark.django_db(transaction=True)
def test_two_workers_and_a_hanging_smtp_server_never_take_the_same_message():
    HangingBackend.barrier, HangingBackend.tried = threading.Barrier(2), []
    with override_settings(EMAIL_BACKEND=f"{__name__}.HangingBackend"):
        for n in range(4):
            outbox_enqueue(to_email="osoba@test.example", subject=f"m{n}", body="x")
        _two_workers(rounds=1)
    # Both workers hung on the server at the same moment, each with its own message, and gave up on the time-out
    # leaving the rest for later: two different messages were tried once each, none twice, none lost.
    assert len(HangingBackend.tried) == 2 and len(set(HangingBackend.tried)) == 2
    attempts = sorted(OutboxMessage.objects.values_list("attempts", flat=True))
    assert attempts == [0, 0, 1, 1]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.PENDING}
    errors = OutboxMessage.objects.exclude(last_error="").values_list("last_error", flat=True)
    assert sorted(errors) == ["TimeoutError: timed out", "TimeoutError: timed out"]


# --- Logs -----------------------------------------------------------------------------------------------


def test_log_lines_name_the_message_not_the_person(caplog):
    message = outbox_enqueue(to_email="jan.kowalski@test.example", subject="Temat", body="x", now=T0)
    with caplog.at_level(logging.INFO, logger="kooperacja.notifications"):
        outbox_process(now=T0, connection=OutageBackend(up_at=None))
        outbox_process(now=T0 + HOUR, connection=OutageBackend(up_at=T0))
    assert f"outbox message {message.pk}" in caplog.text
    assert "kowalski" not in caplog.text.lower()


# --- The administrator -------------------------------------------------------------------------------


def test_administrators_never_see_a_waiting_password_link(client, admin_user):
    from conftest import login

    message = outbox_enqueue(to_email="a@test.example", subject="Temat", body="https://x/konto/haslo/ustaw/SEKRET/")
    login(client, admin_user)
    response = client.get(f"/admin/notifications/outboxmessage/{message.pk}/change/")
    assert response.status_code == 200
    assert "a@test.example" in response.content.decode() and "SEKRET" not in response.content.decode()
