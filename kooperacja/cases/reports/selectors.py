"""Reads of the monthly reports and the monitoring information (annex 7): the calendar of reports (which month is
due when), who still owes which report, the reports of a case and the information compiled for a period.

The calendar: the report on a month is due by the ``REPORT_DUE_DAY``-th day of the next month (the seeds ask
for "not less than once a month"; five days leave time to write about a whole month). A member is reminded
``REMINDER_DAYS_BEFORE`` days before that and told once more when it is overdue. A member owes a report on
every month that has ended since they joined the group (a member who joins on a month's last day owes that
month too), while the case is worked on (planning or monitoring), unless the coordinator has already reviewed
the monitoring information covering that month or marked that member's report on it as missing."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from kooperacja.cases.models import (
    Case,
    Consent,
    ConsentOverride,
    GroupMembership,
    MissingReport,
    MonitoringInformation,
    MonthlyReport,
)
from kooperacja.cases.reports.obligations import overdue_counts, owed_rows

REPORT_DUE_DAY = 5  # the report on a month is due by the 5th day of the next month
REMINDER_DAYS_BEFORE = 3


# --- The calendar --------------------------------------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def next_month(month: datetime.date) -> datetime.date:
    return month_end(month) + datetime.timedelta(days=1)


def previous_month(month: datetime.date) -> datetime.date:
    return month_start(month_start(month) - datetime.timedelta(days=1))


def report_due_on(month: datetime.date) -> datetime.date:
    """The day by which the report on ``month`` is due (inclusive)."""
    return next_month(month_start(month)).replace(day=REPORT_DUE_DAY)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """First days of the months from ``first``'s month to ``last``'s month, both included."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def last_full_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    start = previous_month(today)
    return start, month_end(start)


def last_full_quarter(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    quarter_start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = quarter_start - datetime.timedelta(days=1)
    return datetime.date(end.year, end.month - 2, 1), end


# --- Members and their reports ---------------------------------------------------------------------------


def current_memberships(case, user):
    """The user's current memberships in the case's groups (a worker with an account, not a close person)."""
    return GroupMembership.objects.filter(group__cases=case, user=user, left_on__isnull=True)


def reporting_members(case) -> list[GroupMembership]:
    """Current members with an account, in the order they joined: who writes monthly reports."""
    return list(
        GroupMembership.objects.filter(group__cases=case, user__isnull=False, left_on__isnull=True)
        .select_related("user", "institution")
        .order_by("joined_on", "pk")
    )


def case_reports(case):
    """The case's reports, newest month first, with their authors — one query whatever their number."""
    reports = MonthlyReport.objects.filter(case=case).select_related("membership__user", "membership__institution")
    return reports.order_by("-month", "membership__joined_on", "membership_id")


def reviewed_periods(case) -> list[tuple[datetime.date, datetime.date]]:
    return list(
        MonitoringInformation.objects.filter(case=case, status=MonitoringInformation.Status.REVIEWED).values_list(
            "period_start", "period_end"
        )
    )


def month_is_locked(month: datetime.date, periods) -> bool:
    """Whether ``month`` overlaps a reviewed period: its reports can no longer change."""
    start, end = month_start(month), month_end(month)
    return any(p_start <= end and p_end >= start for p_start, p_end in periods)


def monitoring_informations(case):
    return MonitoringInformation.objects.filter(case=case).select_related("created_by", "reviewed_by")


def compiled_reports(case, period_start: datetime.date, period_end: datetime.date) -> list[dict]:
    """Annex 7 compiled: per member (current ones, and those who reported in the period), their reports of the
    period in month order. Two queries."""
    reports = list(
        MonthlyReport.objects.filter(case=case, month__gte=month_start(period_start), month__lte=period_end)
        .select_related("membership__user", "membership__institution")
        .order_by("month", "pk")
    )
    members = {m.pk: m for m in reporting_members(case)}
    for report in reports:
        members.setdefault(report.membership_id, report.membership)
    return [
        {"member": member, "reports": [r for r in reports if r.membership_id == member.pk]}
        for member in members.values()
    ]


def member_owes_month(membership: GroupMembership, case: Case, month: datetime.date) -> bool:
    """Whether ``membership`` owes a report on ``month`` of ``case``: it was in the group on some day of the
    month (joined by its last day, not left before its first) and the case was open by then."""
    start, end = month_start(month), month_end(month)
    if membership.joined_on > end or (membership.left_on is not None and membership.left_on < start):
        return False
    return case.opened_on <= end


def period_obligations(case, period_start: datetime.date, period_end: datetime.date) -> list[dict]:
    """Per member with an account who was in the group during the period, and per month of the period they owe:
    the report, or the coordinator's mark that it is missing, or neither (what still stops the review). Those
    the family's consent does not cover cannot report and owe nothing. Four queries."""
    months = months_between(period_start, period_end)
    memberships = list(
        GroupMembership.objects.filter(group__cases=case, user__isnull=False, joined_on__lte=month_end(period_end))
        .exclude(left_on__lt=month_start(period_start))
        .select_related("user", "institution")
        .order_by("joined_on", "pk")
    )
    covered = _covered_institutions([case.pk]).get(case.pk, set())
    reports = {
        (r.membership.user_id, r.month): r
        for r in MonthlyReport.objects.filter(case=case, month__in=months).select_related("membership")
    }
    marks = {
        (m.membership.user_id, m.month): m
        for m in MissingReport.objects.filter(case=case, month__in=months).select_related("membership", "marked_by")
    }
    rows, seen = [], set()
    for membership in memberships:
        if membership.user_id != case.coordinator_id and membership.institution_id not in covered:
            continue
        for month in months:
            key = (membership.user_id, month)
            if key in seen or not member_owes_month(membership, case, month):
                continue
            seen.add(key)
            rows.append(
                {"membership": membership, "month": month, "report": reports.get(key), "missing": marks.get(key)}
            )
    return rows


def period_outstanding(case, period_start: datetime.date, period_end: datetime.date) -> list[dict]:
    """The obligations of the period with neither a report nor a mark that it is missing."""
    return [r for r in period_obligations(case, period_start, period_end) if not r["report"] and not r["missing"]]


# --- Who owes what ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportDue:
    case: Case
    membership: GroupMembership
    month: datetime.date
    due_on: datetime.date
    overdue: bool


def _covered_institutions(case_ids) -> dict[int, set[int]]:
    """Per case, the institutions its consent (or an override) covers — the members who may see the case."""
    covered: dict[int, set[int]] = {}
    consents = Consent.objects.filter(case__in=case_ids, withdrawn_on__isnull=True).values_list(
        "case_id", "institutions"
    )
    overrides = ConsentOverride.objects.filter(case__in=case_ids).values_list("case_id", "institution_id")
    for case_id, institution_id in [*consents, *overrides]:
        if institution_id is not None:
            covered.setdefault(case_id, set()).add(institution_id)
    return covered


def reports_owed(*, today: datetime.date, user=None, case=None) -> list[ReportDue]:
    """Reports not yet written on months that have ended, by current members with an account who may see the
    case, in cases being worked on — all of them, or the user's, or the case's. The obligations come from one
    query (``obligations.owed_rows``: the database generates the months and leaves out what was reported, marked
    missing or reviewed); then the cases and memberships named — three queries at most, whatever the number."""
    rows = owed_rows(
        last_month=previous_month(today),
        user_id=user.pk if user is not None else None,
        case_id=case.pk if case is not None else None,
    )
    if not rows:
        return []
    cases = Case.objects.in_bulk({case_id for case_id, _membership, _month in rows})
    memberships = GroupMembership.objects.select_related("user", "institution", "group").in_bulk(
        {membership for _case, membership, _month in rows}
    )
    owed = []
    for case_id, membership_id, month in rows:
        due_on = report_due_on(month)
        owed.append(
            ReportDue(
                case=cases[case_id],
                membership=memberships[membership_id],
                month=month,
                due_on=due_on,
                overdue=today > due_on,
            )
        )
    return sorted(owed, key=lambda r: (r.due_on, r.case.reference, r.membership.pk))


def overdue_reports_by_cooperation(*, today: datetime.date, cooperations: QuerySet) -> dict[int, int]:
    """Per cooperation of the ``cooperations`` queryset, the number of overdue reports (as ``reports_owed`` would
    list them with ``overdue``), counted by the database in one query — for the regional figures."""
    last_month = previous_month(today)
    if today <= report_due_on(last_month):  # the last ended month is not overdue yet
        last_month = previous_month(last_month)
    return overdue_counts(last_month=last_month, cooperations=cooperations)


def reports_due_for(user, *, today: datetime.date) -> list[ReportDue]:
    """The monthly reports ``user`` still owes — for the dashboard: each has ``case``, ``month``, ``due_on`` and
    ``overdue``."""
    return reports_owed(today=today, user=user)


def case_overdue_reports(case, *, today: datetime.date) -> list[ReportDue]:
    """The case's overdue reports (who, which month): flagged on the case's pages."""
    return [r for r in reports_owed(today=today, case=case) if r.overdue]


def member_tasks(case, user) -> list:
    """The tasks of the current work plan given to the user's institutions in the group — what the report is
    about. One query."""
    from kooperacja.cases.models import PlanTask

    institutions = current_memberships(case, user).exclude(institution=None).values("institution_id")
    return list(
        PlanTask.objects.filter(plan__case=case, plan__superseded_at__isnull=True, institution__in=institutions)
        .select_related("goal")
        .order_by("deadline", "pk")
    )
