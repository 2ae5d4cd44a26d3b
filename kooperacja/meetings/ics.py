"""A meeting as an iCalendar file (RFC 5545) for Outlook and Thunderbird: a stable UID, times in Europe/Warsaw
with its VTIMEZONE, a cancelled meeting marked CANCELLED. Downloaded after login, never sent by e-mail."""

import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Kooperacja//Spotkania//PL"


def meeting_uid(meeting) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "kooperacja"
    return f"meeting-{meeting.pk}@{host}"


def meeting_ics(meeting) -> bytes:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", meeting.title)
    event.add("location", meeting.place)
    if meeting.agenda and meeting.case_id is None:  # a case meeting's details stay on the platform
        event.add("description", meeting.agenda)
    event.add("url", settings.SITE_URL.rstrip("/") + reverse("meetings:detail", args=[meeting.pk]))
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    # Grows with every change (minutes since 2020), so calendars replace an earlier copy of the event.
    event.add("sequence", max(0, int(meeting.updated_at.timestamp() - 1_577_836_800) // 60))
    event.add("last-modified", meeting.updated_at)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
