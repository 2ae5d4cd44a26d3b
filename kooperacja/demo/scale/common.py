"""Dates and identifiers the parts of the generator share."""

import datetime
import hashlib
from zoneinfo import ZoneInfo

WARSAW = ZoneInfo("Europe/Warsaw")
DAY = datetime.timedelta(days=1)
AREAS = ["material", "housing", "health", "addictions", "violence", "work", "care", "education", "social_ties"]


def totp_key(email: str) -> str:
    """The seeded account's TOTP secret (hex), derived from its address."""
    return hashlib.sha256(f"kooperacja-scale-totp:{email}".encode()).hexdigest()[:40]


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WARSAW)


def working_day(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += DAY
    return day


def pesel(birth: datetime.date, serial: int, female: bool) -> str:
    """A PESEL valid in form (date and checksum) for an invented person born on ``birth``."""
    month = birth.month + (20 if birth.year >= 2000 else 0)
    number = serial % 1000 * 10 + (1 if not female else 0) + (serial % 4) * 2
    digits = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{number % 10000:04d}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10) % 10
    return f"{digits}{check}"
