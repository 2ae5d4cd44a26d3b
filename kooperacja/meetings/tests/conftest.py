import datetime
import zoneinfo

import pytest

from kooperacja.meetings import services

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def at(year, month, day, hour=10, minute=0) -> datetime.datetime:
    """An aware datetime in Warsaw time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=WARSAW)


@pytest.fixture
def complete_analysis(monkeypatch):
    """Pretend the gmina's analysis is complete (the gate itself is tested on its own)."""
    monkeypatch.setattr(services, "authorities_gate", lambda cooperation: [])


@pytest.fixture
def meeting(cooperation, coordinator_ops):
    """A meeting with the institutions on Tuesday 5 May 2026, 11:00, 90 minutes."""
    return services.meeting_create(
        actor=coordinator_ops,
        cooperation=cooperation,
        kind="institutions",
        title="Spotkanie z instytucjami",
        starts_at=at(2026, 5, 5, 11),
        duration_minutes=90,
        place="Urząd Miejski, sala 12",
        agenda="1. Otwarcie\n2. Tajny punkt agendy XYZ",
    )


@pytest.fixture
def invited_teacher(meeting, coordinator_ops, teacher_school, institutions):
    return services.invitation_add(
        actor=coordinator_ops,
        meeting=meeting,
        institution=institutions["school"],
        user=teacher_school,
        function="pedagog",
    )
