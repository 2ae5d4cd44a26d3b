"""The idle timeout holds without a session write on every page: a user who stops working is logged out once
SESSION_IDLE_MINUTES have passed, one who keeps working never is, and pages opened in quick succession leave
the session row alone."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import login

pytestmark = pytest.mark.django_db

IDLE = datetime.timedelta(minutes=settings.SESSION_IDLE_MINUTES)
REFRESH = datetime.timedelta(seconds=settings.SESSION_REFRESH_SECONDS)


class Clock:
    """Moves Django's clock (session expiry, the refresh stamp) forward without waiting."""

    def __init__(self):
        self.offset = datetime.timedelta()
        self._real_now = timezone.now

    def now(self):
        return self._real_now() + self.offset

    def advance(self, delta: datetime.timedelta) -> None:
        self.offset += delta


@pytest.fixture
def clock():
    moving = Clock()
    with mock.patch("django.utils.timezone.now", moving.now):
        yield moving


def expiry(client) -> datetime.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def session_writes(client, url: str = "/pulpit/") -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(
        1
        for q in captured.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_an_idle_user_is_logged_out_after_the_timeout(client, coordinator_ops, clock):
    login(client, coordinator_ops)
    assert client.get("/pulpit/").status_code == 200
    clock.advance(IDLE + datetime.timedelta(seconds=1))
    response = client.get("/pulpit/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logowanie/")


def test_pages_opened_within_the_interval_do_not_write_the_session(client, coordinator_ops, clock):
    login(client, coordinator_ops)
    client.get("/pulpit/")
    before = expiry(client)
    clock.advance(REFRESH / 2)
    assert session_writes(client) == 0
    assert session_writes(client, "/sprawy/") == 0
    assert expiry(client) == before


def test_a_page_opened_after_the_interval_pushes_the_timeout_ahead(client, coordinator_ops, clock):
    login(client, coordinator_ops)
    client.get("/pulpit/")
    before = expiry(client)
    clock.advance(REFRESH + datetime.timedelta(seconds=1))
    assert session_writes(client) == 1
    assert expiry(client) >= before + REFRESH


def test_a_user_who_keeps_working_stays_logged_in_and_is_logged_out_once_idle(client, coordinator_ops, clock):
    login(client, coordinator_ops)
    step = REFRESH * 0.8  # a page now and then, more often than the refresh interval
    for _ in range(int(IDLE * 1.5 / step)):
        clock.advance(step)
        assert client.get("/pulpit/").status_code == 200
    # Idle for less than the timeout minus the refresh interval: still in.
    clock.advance(IDLE - REFRESH - datetime.timedelta(seconds=1))
    assert client.get("/pulpit/").status_code == 200
    # Idle for the whole timeout after the last page: out.
    clock.advance(IDLE + datetime.timedelta(seconds=1))
    assert client.get("/pulpit/").status_code == 302


def test_logging_out_still_ends_the_session(client, coordinator_ops):
    login(client, coordinator_ops)
    client.post("/konto/wyloguj/")
    assert client.get("/pulpit/").status_code == 302
    assert not Session.objects.exists() or client.session.is_empty()
