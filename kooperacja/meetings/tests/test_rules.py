"""Every rule of the seeds and each of its boundaries (rules.py)."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from kooperacja.meetings import rules
from kooperacja.meetings.tests.conftest import at


@pytest.fixture(autouse=True)
def polish():
    with translation.override("pl"):
        yield


def codes(results):
    return {r.code: r.level for r in results}


def institutions(starts_at, minutes=90):
    return codes(rules.meeting_rules(kind="institutions", starts_at=starts_at, duration_minutes=minutes))


def case_group(starts_at, minutes=60, sent=None, **kwargs):
    return codes(
        rules.meeting_rules(
            kind="case_group", starts_at=starts_at, duration_minutes=minutes, invitations_sent_at=sent, **kwargs
        )
    )


# --- Meetings with the institutions: warnings ------------------------------------------------------


def test_a_good_institutions_meeting_has_no_warnings():
    assert institutions(at(2026, 5, 5, 11), 120) == {}  # Tuesday, 11:00, two hours


@pytest.mark.parametrize(
    ("day", "warned"),
    [(4, True), (5, False), (6, False), (7, False), (8, True), (9, True), (10, True)],  # Mon … Sun
)
def test_institutions_meetings_belong_to_tuesday_to_thursday(day, warned):
    assert ("institutions_day" in institutions(at(2026, 5, day, 11))) is warned


@pytest.mark.parametrize(
    ("hour", "minute", "warned"),
    [(9, 59, True), (10, 0, False), (12, 0, False), (13, 0, False), (13, 1, True), (8, 0, True)],
)
def test_institutions_meetings_start_around_midday(hour, minute, warned):
    assert ("institutions_time" in institutions(at(2026, 5, 5, hour, minute))) is warned


@pytest.mark.parametrize(("minutes", "warned"), [(119, False), (120, False), (121, True), (180, True)])
def test_institutions_meetings_last_two_hours_at_most(minutes, warned):
    assert ("institutions_duration" in institutions(at(2026, 5, 5, 11), minutes)) is warned


def test_institutions_rules_are_warnings_with_polish_messages():
    results = rules.meeting_rules(kind="institutions", starts_at=at(2026, 5, 4, 8), duration_minutes=180)
    assert [r.code for r in results] == ["institutions_day", "institutions_time", "institutions_duration"]
    assert all(r.level == rules.WARNING for r in results) and rules.blocking(results) == []
    # Polish once the catalogue has these messages (the English msgid until then).
    assert results[0].message == _(
        "Meetings with the institutions should be held from Tuesday to Thursday: avoid the beginning and the end of "
        "the week (Monday, Friday)."
    )
    assert "10:00" in results[1].message and "13:00" in results[1].message


def test_times_are_read_in_warsaw_time_whatever_the_zone():
    utc = at(2026, 5, 5, 11).astimezone(datetime.UTC)  # 09:00 UTC is 11:00 in Warsaw (summer time)
    assert institutions(utc) == {}


def test_other_kinds_have_no_day_or_time_rules():
    for kind in ("authorities", "team", "other"):
        assert (
            rules.meeting_rules(
                kind=kind, starts_at=at(2026, 5, 9, 20), duration_minutes=300, invitations_sent_at=at(2026, 5, 9, 8)
            )
            == []
        )


# --- Case-group meetings: blocking -----------------------------------------------------------------


@pytest.mark.parametrize(("day", "blocked"), [(4, False), (8, False), (9, True), (10, True)])
def test_case_group_meetings_on_weekdays_only(day, blocked):
    assert ("case_group_weekday" in case_group(at(2026, 5, day, 9))) is blocked


@pytest.mark.parametrize(
    ("hour", "minute", "minutes", "blocked"),
    [
        (7, 29, 60, True),  # starts before the OPS opens
        (7, 30, 60, False),  # starts as it opens
        (14, 30, 60, False),  # ends at 15:30 exactly
        (14, 31, 60, True),  # ends at 15:31
        (15, 30, 15, True),  # starts at closing time, ends after it
        (23, 0, 120, True),  # ends the next day
    ],
)
def test_case_group_meetings_within_ops_working_hours(hour, minute, minutes, blocked):
    result = case_group(at(2026, 5, 5, hour, minute), minutes)
    assert ("case_group_hours" in result) is blocked
    if blocked:
        assert result["case_group_hours"] == rules.BLOCKING


def test_working_hours_can_be_given():
    hours = (datetime.time(8, 0), datetime.time(16, 0))
    assert "case_group_hours" not in case_group(at(2026, 5, 5, 15), 60, working_hours=hours)
    assert "case_group_hours" in case_group(at(2026, 5, 5, 7, 30), 60, working_hours=hours)


@pytest.mark.parametrize(
    ("sent", "blocked"),
    [
        (at(2026, 5, 6, 23, 59), False),  # 5 days before Monday 11 May: the last day allowed
        (at(2026, 5, 6, 8, 0), False),
        (at(2026, 5, 7, 0, 1), True),  # 4 days before
        (at(2026, 5, 11, 8, 0), True),  # the same day
        (at(2026, 4, 30, 12, 0), False),
    ],
)
def test_case_group_invitations_at_least_five_days_before(sent, blocked):
    result = case_group(at(2026, 5, 11, 10), 60, sent=sent)
    assert ("case_group_notice" in result) is blocked


def test_notice_rule_is_checked_only_with_a_sending_moment():
    assert "case_group_notice" not in case_group(at(2026, 5, 11, 10), 60, sent=None)


def test_case_group_notice_message_names_the_latest_day_in_polish():
    results = rules.meeting_rules(
        kind="case_group", starts_at=at(2026, 5, 11, 10), duration_minutes=60, invitations_sent_at=at(2026, 5, 9, 10)
    )
    (notice,) = results
    assert notice.is_blocking and "6 maja 2026" in notice.message  # the latest day, in Polish month names


# --- The analysis before the meeting with the authorities -----------------------------------------


def test_analysis_rule():
    assert rules.analysis_rule(SimpleNamespace(is_complete=True, percent=100)) == []
    (missing,) = rules.analysis_rule(None)
    assert missing.code == "analysis_missing" and missing.is_blocking
    (incomplete,) = rules.analysis_rule(SimpleNamespace(is_complete=False, percent=57))
    assert incomplete.code == "analysis_incomplete" and "57%" in incomplete.message


# --- Public holidays ---------------------------------------------------------------------------------


def test_case_group_meeting_cannot_fall_on_a_public_holiday():
    assert case_group(at(2026, 11, 11, 10)) == {"public_holiday": rules.BLOCKING}  # a Wednesday, 11 November
    assert case_group(at(2026, 11, 12, 10)) == {}
    message = rules.meeting_rules(kind="case_group", starts_at=at(2026, 11, 11, 10), duration_minutes=60)[0].message
    assert "Narodowe Święto Niepodległości" in message and "11 listopada 2026" in message


def test_other_meetings_on_a_public_holiday_are_warned():
    assert institutions(at(2026, 6, 4, 11)) == {"public_holiday": rules.WARNING}  # Corpus Christi, a Thursday
    assert institutions(at(2026, 6, 3, 11)) == {}


def test_monitoring_meetings_follow_the_case_group_rules():
    results = rules.meeting_rules(
        kind="monitoring", starts_at=at(2026, 5, 9, 20), duration_minutes=60, invitations_sent_at=at(2026, 5, 8, 8)
    )
    assert codes(results) == {
        "case_group_weekday": rules.BLOCKING,
        "case_group_hours": rules.BLOCKING,
        "case_group_notice": rules.BLOCKING,
    }
