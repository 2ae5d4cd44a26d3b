"""Login throttling: what django-axes counts, and when a throttle ends.

django-axes keeps one row per failed (e-mail, address, browser) and refuses a login once the rows of one e-mail
add up to ``AXES_FAILURE_LIMIT`` within ``AXES_COOLOFF_TIME`` — whatever the address or browser, which are in
an attacker's hands. The e-mail is counted as typed (normalised), whether or not an account has it, so the
answers never reveal which accounts exist. On top of that the login view refuses an address whose failures,
over any e-mails, reach ``LOGIN_ADDRESS_FAILURE_LIMIT``: that stops spraying one password over many accounts,
with a limit high enough for an office whose computers share one public address.

Refused attempts are not counted (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``), so a throttle's
rows do not change while it lasts: its end, computed here, is fixed and identifies it.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

ACCOUNT = "account"
ADDRESS = "address"


def login_username(request, credentials: dict | None = None) -> str | None:
    """The key axes counts failures under: the e-mail from the login form, trimmed and in lower case.

    Used as ``AXES_USERNAME_CALLABLE``: the form's field is ``username`` while the user model's is ``email``,
    and ``Jan@X.pl`` must count against the same account as ``jan@x.pl``.
    """
    value = None
    if credentials:
        value = credentials.get("username") or credentials.get("email")
    if not value and request is not None:
        value = getattr(request, "POST", {}).get("username")
    value = str(value or "").strip().lower()
    return value or None


@dataclass(frozen=True)
class Throttle:
    scope: str  # ACCOUNT or ADDRESS
    until: datetime

    @property
    def minutes_left(self) -> int:
        return max(1, math.ceil((self.until - timezone.now()).total_seconds() / 60))


def _until(rows: list[tuple[datetime, int]], limit: int) -> datetime | None:
    """When the failures still inside the window drop below the limit, or None if they are below it now.

    A row counts while its last failure is younger than the cool-off time, so the throttle ends when enough of
    the oldest rows have aged out.
    """
    total = sum(failures for _, failures in rows)
    if total < limit:
        return None
    for attempt_time, failures in sorted(rows):
        total -= failures
        if total < limit:
            return attempt_time + settings.AXES_COOLOFF_TIME
    raise AssertionError("unreachable: the total reaches zero")


def _recent_failures(**filters) -> list[tuple[datetime, int]]:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return list(
        AccessAttempt.objects.filter(attempt_time__gte=since, **filters).values_list(
            "attempt_time", "failures_since_start"
        )
    )


def account_throttle(*, username: str | None) -> Throttle | None:
    """The throttle on one e-mail (existing account or not), if it is on now."""
    if not username:
        return None
    until = _until(_recent_failures(username=username), settings.AXES_FAILURE_LIMIT)
    return Throttle(scope=ACCOUNT, until=until) if until else None


def address_throttle(*, ip_address: str | None) -> Throttle | None:
    """The throttle on one network address, over failures for any e-mail, if it is on now."""
    if not ip_address:
        return None
    until = _until(_recent_failures(ip_address=ip_address), settings.LOGIN_ADDRESS_FAILURE_LIMIT)
    return Throttle(scope=ADDRESS, until=until) if until else None
