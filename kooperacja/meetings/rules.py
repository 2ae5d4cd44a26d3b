"""The rules of the seeds for meetings, as pure functions (no database): each returns a list of results.

- Meetings with the institutions (002 §3.3, "Warto pamiętać!"): not on Monday or Friday, "around midday",
  at most two hours. Advice, so **warnings**: they are shown and stop nothing.
- Case-group meetings (GGK, 002 §4.2): on a weekday, within the OPS working hours, invitations "at the latest
  5 days before the date of the meeting". Requirements, so **blocking**: set aside only with a recorded reason.
- Meeting with the authorities: the gmina's analysis should be complete first (blocking).
- Public holidays (statutory days off work in Poland, from the ``holidays`` library): a case-group meeting cannot
  be held on one (blocking: the OPS is closed); any other meeting on one gets a warning.

Times are read in the local time zone (settings.TIME_ZONE, Europe/Warsaw), whatever zone the datetime carries.
"""

import datetime
from dataclasses import dataclass

import holidays
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WEEKDAY_NAMES = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]
WARNING = "warning"
BLOCKING = "blocking"

# Working hours of the OPS (002 §4.2: GGK meetings "w godzinach pracy Ośrodka Pomocy Społecznej"). Polish OPS
# usually work 7:30–15:30, Monday to Friday (the 8-hour day of local-government employees): these are the
# defaults; each OPS keeps its own hours and days in the directory and the services pass them in. A meeting must
# start and end inside them: ending at closing time is fine.
OPS_WORKING_HOURS = (datetime.time(7, 30), datetime.time(15, 30))
OPS_WORKING_DAYS = frozenset({0, 1, 2, 3, 4})

# "Around midday" (§3.3): a start between 10:00 and 13:00, both included.
MIDDAY = (datetime.time(10, 0), datetime.time(13, 0))
INSTITUTIONS_DAYS = (1, 2, 3)  # Tuesday, Wednesday, Thursday (Monday = 0)
INSTITUTIONS_MAX_MINUTES = 120
CASE_GROUP_NOTICE_DAYS = 5
CASE_GROUP_KINDS = frozenset({"case_group", "monitoring"})  # monitoring meetings are the case group's too
POLISH_HOLIDAYS = holidays.Poland(language="pl")  # computed per year on first use


def public_holiday(day: datetime.date) -> str | None:
    """The name of the statutory day off work in Poland falling on ``day``, or None."""
    return POLISH_HOLIDAYS.get(day)


@dataclass(frozen=True)
class RuleResult:
    code: str
    level: str  # WARNING or BLOCKING
    message: str

    @property
    def is_blocking(self) -> bool:
        return self.level == BLOCKING


def blocking(results: list[RuleResult]) -> list[RuleResult]:
    return [r for r in results if r.is_blocking]


def _hm(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def meeting_rules(
    *,
    kind: str,
    starts_at: datetime.datetime,
    duration_minutes: int,
    invitations_sent_at: datetime.datetime | None = None,
    working_hours: tuple[datetime.time, datetime.time] = OPS_WORKING_HOURS,
    working_days: frozenset[int] = OPS_WORKING_DAYS,
) -> list[RuleResult]:
    """The results of the rules for a meeting of ``kind``. The notice rule is checked only when
    ``invitations_sent_at`` is given (the moment the invitations go, or would go, out)."""
    start = timezone.localtime(starts_at)
    end = start + datetime.timedelta(minutes=duration_minutes)
    results: list[RuleResult] = []
    if kind == "institutions":
        if start.weekday() not in INSTITUTIONS_DAYS:
            results.append(
                RuleResult(
                    "institutions_day",
                    WARNING,
                    _(
                        "Meetings with the institutions should be held from Tuesday to Thursday: avoid the beginning "
                        "and the end of the week (Monday, Friday)."
                    ),
                )
            )
        if not MIDDAY[0] <= start.time() <= MIDDAY[1]:
            results.append(
                RuleResult(
                    "institutions_time",
                    WARNING,
                    _("Meetings with the institutions should start around midday (between %(from)s and %(to)s).")
                    % {"from": _hm(MIDDAY[0]), "to": _hm(MIDDAY[1])},
                )
            )
        if duration_minutes > INSTITUTIONS_MAX_MINUTES:
            results.append(
                RuleResult(
                    "institutions_duration",
                    WARNING,
                    _("A meeting with the institutions should not last longer than two hours."),
                )
            )
    holiday = public_holiday(start.date())
    if holiday:
        level = BLOCKING if kind in CASE_GROUP_KINDS else WARNING
        results.append(
            RuleResult(
                "public_holiday",
                level,
                _("%(date)s is a public holiday (%(holiday)s): institutions are closed.")
                % {"date": date_format(start.date(), "j E Y"), "holiday": holiday},
            )
        )
    if kind in CASE_GROUP_KINDS:
        if start.weekday() not in working_days:
            if set(working_days) == set(OPS_WORKING_DAYS):
                message = _("Case group meetings are held on weekdays only (Monday to Friday).")
            else:
                message = _("Case group meetings are held on the working days of the OPS: %(days)s.") % {
                    "days": ", ".join(str(WEEKDAY_NAMES[d]) for d in sorted(working_days))
                }
            results.append(RuleResult("case_group_weekday", BLOCKING, message))
        opens, closes = working_hours
        if start.time() < opens or end.date() != start.date() or end.time() > closes:
            results.append(
                RuleResult(
                    "case_group_hours",
                    BLOCKING,
                    _("A case group meeting must start and end within the working hours of the OPS (%(from)s–%(to)s).")
                    % {"from": _hm(opens), "to": _hm(closes)},
                )
            )
        if invitations_sent_at is not None:
            sent = timezone.localtime(invitations_sent_at)
            if (start.date() - sent.date()).days < CASE_GROUP_NOTICE_DAYS:
                latest = start.date() - datetime.timedelta(days=CASE_GROUP_NOTICE_DAYS)
                results.append(
                    RuleResult(
                        "case_group_notice",
                        BLOCKING,
                        _(
                            "The institutions must be invited at least %(days)d days before a case group meeting: for "
                            "this date, by %(latest)s at the latest."
                        )
                        % {"days": CASE_GROUP_NOTICE_DAYS, "latest": date_format(latest, "j E Y")},
                    )
                )
    return results


def earliest_start(
    *,
    kind: str,
    after: datetime.datetime,
    duration_minutes: int,
    preferred_time: datetime.time | None = None,
    working_hours: tuple[datetime.time, datetime.time] = OPS_WORKING_HOURS,
    working_days: frozenset[int] = OPS_WORKING_DAYS,
    horizon_days: int = 366,
) -> datetime.datetime | None:
    """The earliest start later than ``after`` that no blocking rule stops, the invitations going out at ``after``
    (the notice, the working days and hours of the OPS, public holidays). On each day ``preferred_time`` (the time
    the user chose) is tried first, then the opening hour. None when nothing fits within ``horizon_days``."""
    tz = timezone.get_current_timezone()
    local_after = timezone.localtime(after)
    times = [t for t in (preferred_time, working_hours[0]) if t is not None]
    for offset in range(horizon_days + 1):
        day = local_after.date() + datetime.timedelta(days=offset)
        for at in times:
            candidate = datetime.datetime.combine(day, at.replace(second=0, microsecond=0), tzinfo=tz)
            if candidate <= after:
                continue
            results = meeting_rules(
                kind=kind,
                starts_at=candidate,
                duration_minutes=duration_minutes,
                invitations_sent_at=after,
                working_hours=working_hours,
                working_days=working_days,
            )
            if not blocking(results):
                return candidate
    return None


def analysis_rule(completeness) -> list[RuleResult]:
    """Before the meeting with the authorities the gmina's analysis should be complete (``completeness`` is
    ``diagnosis.completeness.analysis_completeness(...)`` of the current analysis, or None when there is none)."""
    if completeness is None:
        return [
            RuleResult(
                "analysis_missing",
                BLOCKING,
                _(
                    "The gmina has no current analysis yet. Prepare the municipality analysis before the meeting with "
                    "the authorities, or give the reason for meeting without it."
                ),
            )
        ]
    if not completeness.is_complete:
        return [
            RuleResult(
                "analysis_incomplete",
                BLOCKING,
                _(
                    "The municipality analysis is not complete (%(percent)d%%). Complete it before the meeting with "
                    "the authorities, or give the reason for meeting without it."
                )
                % {"percent": completeness.percent},
            )
        ]
    return []
