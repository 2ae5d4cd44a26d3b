"""Writes of the monthly reports and the monitoring information (annex 7), and the periodic reminders.

A member writes and corrects only their own report, until the coordinator reviews the monitoring information of
a period covering its month; the coordinator compiles, annotates and reviews that information. Audit entries and
notifications name ids and the case reference only (R-50)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AnalysisAccess, case_access_to
from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.cases.models import MonitoringInformation, MonthlyReport
from kooperacja.cases.reports import selectors
from kooperacja.core.concurrency import claim_version


def _require_open(case) -> None:
    if case.is_closed:
        raise ValidationError(_("The case is closed: it can be read, not changed."))


def _require_coordinator(actor, case) -> None:
    if case_access_to(actor, case) < AnalysisAccess.EDIT:
        raise PermissionDenied


def _require_unlocked(case, month: datetime.date) -> None:
    if selectors.month_is_locked(month, selectors.reviewed_periods(case)):
        raise ValidationError(
            _("The coordinator has already reviewed the monitoring information for this month: the report is locked.")
        )


@transaction.atomic
def monthly_report_submit(
    *,
    actor,
    case,
    month: datetime.date,
    progress: str,
    new_information: str,
    difficulties: str = "",
    today: datetime.date | None = None,
    edit_version: int | None = None,
) -> MonthlyReport:
    """Write — or correct — the actor's own report on ``month`` of ``case``. Only a current member of the case's
    group with an account reports; a month not begun yet, a closed case and a reviewed period are refused."""
    _require_open(case)
    today = today or timezone.localdate()
    month = selectors.month_start(month)
    memberships = list(selectors.current_memberships(case, actor).order_by("joined_on", "pk"))
    if not memberships or case_access_to(actor, case) < AnalysisAccess.READ:
        raise PermissionDenied
    if month > selectors.month_start(today):
        raise ValidationError({"month": _("A report can be written on the current month or an earlier one.")})
    _require_unlocked(case, month)
    if not progress.strip() or not new_information.strip():
        raise ValidationError(_("Describe the progress of your tasks and what is new."))
    data = {
        "progress": progress.strip(),
        "new_information": new_information.strip(),
        "difficulties": difficulties.strip(),
    }
    report = MonthlyReport.objects.select_for_update().filter(case=case, month=month, membership__user=actor).first()
    if report is None:
        report = MonthlyReport.objects.create(case=case, membership=memberships[0], month=month, **data)
        claim_version(report, edit_version=None, actor=actor)  # who wrote it first, for a tab opened before
        record(action=Action.CREATE, actor=actor, obj=report, details={"case": case.pk, "month": f"{month:%Y-%m}"})
        return report
    claim_version(report, edit_version=edit_version, actor=actor)
    fields = changed_fields(report, data)
    for name in fields:
        setattr(report, name, data[name])
    if fields:
        report.save(update_fields=[*fields, "updated_at"])
        record(action=Action.UPDATE, actor=actor, obj=report, details={"case": case.pk, "fields": fields})
    return report


@transaction.atomic
def monitoring_information_create(
    *, actor, case, period_start: datetime.date, period_end: datetime.date
) -> MonitoringInformation:
    """Start the monitoring information (annex 7) of a period: the members' reports are compiled into it as
    they are; the coordinator adds notes and conclusions, then reviews it."""
    _require_open(case)
    _require_coordinator(actor, case)
    if period_end < period_start:
        raise ValidationError({"period_end": _("The end of the period cannot be before its start.")})
    if MonitoringInformation.objects.filter(case=case, period_start=period_start, period_end=period_end).exists():
        raise ValidationError(_("The monitoring information for this period already exists."))
    information = MonitoringInformation.objects.create(
        case=case, period_start=period_start, period_end=period_end, created_by=actor
    )
    record(action=Action.CREATE, actor=actor, obj=information, details={"case": case.pk})
    return information


@transaction.atomic
def monitoring_information_update(
    *, actor, information: MonitoringInformation, notes: str, conclusions: str, edit_version: int | None = None
) -> MonitoringInformation:
    """The coordinator's notes (what the OPS knows, changes in the situation) and conclusions — on a draft."""
    _require_open(information.case)
    _require_coordinator(actor, information.case)
    if information.is_reviewed:
        raise ValidationError(_("The monitoring information has been reviewed: it can no longer be changed."))
    claim_version(information, edit_version=edit_version, actor=actor)
    data = {"notes": notes.strip(), "conclusions": conclusions.strip()}
    fields = changed_fields(information, data)
    for name in fields:
        setattr(information, name, data[name])
    if fields:
        information.save(update_fields=fields)
        record(
            action=Action.UPDATE, actor=actor, obj=information, details={"case": information.case_id, "fields": fields}
        )
    return information


@transaction.atomic
def monitoring_information_review(*, actor, information: MonitoringInformation) -> MonitoringInformation:
    """The coordinator has read the compiled reports and completed the information: it is final, and the
    members' reports on its months are locked."""
    _require_open(information.case)
    _require_coordinator(actor, information.case)
    if information.is_reviewed:
        raise ValidationError(_("The monitoring information has already been reviewed."))
    information.status = MonitoringInformation.Status.REVIEWED
    information.reviewed_by = actor
    information.reviewed_at = timezone.now()
    information.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    record(
        action=Action.UPDATE,
        actor=actor,
        obj=information,
        details={"case": information.case_id, "fields": ["status"], "status": information.status},
    )
    return information


def monthly_reports_remind(*, today: datetime.date) -> int:
    """Remind members of the reports they owe: once from ``REMINDER_DAYS_BEFORE`` days before the due day, and
    once more when overdue (the coordinator is told too). Idempotent — each notice has its key. The messages name
    the case reference and the month only. Returns how many notifications were created."""
    from kooperacja.notifications.models import Notification
    from kooperacja.notifications.services import notify

    sent = 0
    reminder_from = datetime.timedelta(days=selectors.REMINDER_DAYS_BEFORE)
    for owed in selectors.reports_owed(today=today):
        case, month = owed.case, f"{owed.month:%m.%Y}"
        url = reverse("cases:report_edit", args=[case.pk, owed.month.year, owed.month.month])
        key = f"case-report:{case.pk}:{owed.membership.user_id}:{owed.month:%Y-%m}"
        with transaction.atomic():
            if owed.overdue:
                sent += len(
                    notify(
                        recipients=[owed.membership.user],
                        kind=Notification.Kind.REPORT,
                        url=url,
                        key=f"{key}:overdue",
                        message=f"Sprawa {case.reference}: minął termin sprawozdania za {month} "
                        f"({owed.due_on:%d.%m.%Y}).",
                    )
                )
                sent += len(
                    notify(
                        recipients=[case.coordinator],
                        kind=Notification.Kind.REPORT,
                        url=reverse("cases:reports", args=[case.pk]),
                        key=f"{key}:overdue-coordinator",
                        message=f"Sprawa {case.reference}: członek grupy nie złożył sprawozdania za {month}.",
                    )
                )
            elif today >= owed.due_on - reminder_from:
                sent += len(
                    notify(
                        recipients=[owed.membership.user],
                        kind=Notification.Kind.REPORT,
                        url=url,
                        key=f"{key}:reminder",
                        message=f"Sprawa {case.reference}: sprawozdanie miesięczne za {month} — termin "
                        f"{owed.due_on:%d.%m.%Y}.",
                    )
                )
    return sent
