"""A meeting that breaks a blocking rule is not created: the rules (the 5-day notice, the working days and hours of
the organising OPS, public holidays) are checked before saving, and the earliest start they allow is proposed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from conftest import login
from kooperacja.directory.services import institution_update
from kooperacja.meetings import rules, services
from kooperacja.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def at(y, m, d, hour=10, minute=0) -> datetime.datetime:
    return datetime.datetime(y, m, d, hour, minute, tzinfo=timezone.get_current_timezone())


def test_a_case_meeting_too_soon_for_the_notice_is_not_created_and_the_earliest_date_is_proposed(case, coordinator_ops):
    now = at(2026, 12, 7, 9)  # Monday
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            actor=coordinator_ops,
            case=case,
            kind="case_group",
            title="GGK",
            starts_at=at(2026, 12, 9, 10),  # Wednesday: two days' notice only
            duration_minutes=90,
            place="OPS",
            now=now,
        )
    assert not Meeting.objects.exists()
    assert any("5" in m for m in error.value.message_dict["override_reason"])
    assert error.value.proposal == at(2026, 12, 14, 10)  # five days after, at the time chosen


def test_the_proposal_skips_public_holidays_and_keeps_the_working_hours():
    # Friday 6 November: five days later is 11 November (a holiday); the time chosen (16:00) is after hours.
    proposal = rules.earliest_start(
        kind="case_group",
        after=at(2026, 11, 6, 9),
        duration_minutes=90,
        preferred_time=datetime.time(16, 0),
    )
    assert proposal == at(2026, 11, 12, 7, 30)


def test_a_warning_does_not_stop_a_meeting_with_the_institutions(cooperation, coordinator_ops):
    meeting = services.meeting_create(
        actor=coordinator_ops,
        cooperation=cooperation,
        kind="institutions",
        title="Spotkanie",
        starts_at=at(2026, 12, 14, 8),  # Monday morning: two warnings
        duration_minutes=60,
        place="Urząd",
        now=at(2026, 12, 7, 9),
    )
    assert meeting.status == Meeting.Status.PLANNED
    assert {r.code for r in services.rule_results(meeting)} == {"institutions_day", "institutions_time"}


def test_the_rules_use_the_working_time_of_the_organising_ops(case, coordinator_ops, institutions):
    ops = institutions["ops"]
    institution_update(
        actor=coordinator_ops,
        institution=ops,
        data={"opens_at": datetime.time(8, 0), "closes_at": datetime.time(17, 0), "working_days": "0123"},
    )
    now = at(2026, 12, 1, 9)
    friday = at(2026, 12, 11, 10)
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            actor=coordinator_ops,
            case=case,
            kind="case_group",
            title="GGK",
            starts_at=friday,
            duration_minutes=90,
            place="OPS",
            now=now,
        )
    assert "poniedziałek, wtorek, środa, czwartek" in error.value.messages[0]  # this OPS does not work on Fridays
    assert error.value.proposal == at(2026, 12, 7, 10)  # the first working day five days after
    late = services.meeting_create(
        actor=coordinator_ops,
        case=case,
        kind="case_group",
        title="GGK",
        starts_at=at(2026, 12, 10, 15, 30),  # ends at 17:00, this OPS's closing time
        duration_minutes=90,
        place="OPS",
        now=now,
    )
    assert late.status == Meeting.Status.PLANNED and not late.overrides.exists()


def test_the_default_hours_stay_7_30_to_15_30_monday_to_friday(institutions):
    ops = institutions["ops"]
    assert ops.working_hours == (datetime.time(7, 30), datetime.time(15, 30))
    assert ops.working_weekdays == frozenset({0, 1, 2, 3, 4})


def test_the_group_page_comes_back_with_the_input_the_reason_and_the_proposal(case, coordinator_ops):
    client = login(Client(), coordinator_ops)
    soon = timezone.localdate() + datetime.timedelta(days=1)
    data = {
        "kind": "case_group",
        "date": soon.isoformat(),
        "time": "10:00",
        "duration_minutes": 90,
        "place": "OPS, pokój 12",
        "agenda": "Plan pracy",
    }
    response = client.post(f"/sprawy/{case.pk}/grupa/spotkania/nowe/", data)
    page = response.content.decode()
    assert response.status_code == 400 and not Meeting.objects.exists()
    assert "OPS, pokój 12" in page and "najpóźniej 5 dni przed posiedzeniem GGK" in page
    assert "Użyj najbliższego możliwego terminu" in page
    proposal = response.context["meeting_form"].proposal
    response = client.post(
        f"/sprawy/{case.pk}/grupa/spotkania/nowe/",
        data | {"proposed_start": timezone.localtime(proposal).strftime("%Y-%m-%dT%H:%M")},
    )
    meeting = Meeting.objects.get(case=case)
    assert response.status_code == 302 and meeting.starts_at == proposal
    assert meeting.agenda == "Plan pracy" and not meeting.overrides.exists()


def test_moving_a_meeting_not_yet_announced_too_close_is_refused_with_the_proposal(case, coordinator_ops):
    far = timezone.localtime(timezone.now()).replace(hour=10, minute=0, second=0, microsecond=0)
    far = far + datetime.timedelta(days=30)
    while far.weekday() >= 5 or rules.public_holiday(far.date()):
        far += datetime.timedelta(days=1)
    meeting = services.meeting_create(
        actor=coordinator_ops,
        case=case,
        kind="case_group",
        title="GGK",
        starts_at=far,
        duration_minutes=90,
        place="OPS",
    )
    with pytest.raises(ValidationError) as error:
        services.meeting_update(
            actor=coordinator_ops,
            meeting=meeting,
            data={"starts_at": far - datetime.timedelta(days=29)},
            edit_version=meeting.edit_version,
        )
    assert error.value.proposal is not None and error.value.proposal > timezone.now() + datetime.timedelta(days=4)
    meeting.refresh_from_db()
    assert meeting.starts_at == far
