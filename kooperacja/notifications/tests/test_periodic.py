"""The worker's periodic work also keeps the session table to the people logged in now."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from kooperacja.notifications.periodic import periodic_run

pytestmark = pytest.mark.django_db


def test_expired_sessions_are_deleted_and_live_ones_kept():
    now = timezone.now()
    live, expired = SessionStore(), SessionStore()
    live["x"], expired["x"] = 1, 2
    live.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=now - datetime.timedelta(minutes=1))
    assert periodic_run(now=now)["expired_sessions"] == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert periodic_run(now=now)["expired_sessions"] == 0
