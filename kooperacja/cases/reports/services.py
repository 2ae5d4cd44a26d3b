"""Writes of the monthly reports and the monitoring information (annex 7), and the periodic reminders.

A member writes and corrects only their own report, until the coordinator reviews the monitoring information of
a period covering its month; the coordinator compiles, annotates and reviews that information — once the period
has ended and every member's report on it is in or marked missing by the coordinator, with a note. A report
states the status of each of the member's tasks (required) and, optionally, the progress, what is new and the
difficulties; "nothing new" submits the statuses as they are with a standard text. Audit entries name ids only;
the in-app notices name the case reference, and the coordinator's overdue notice the member and institution
(workers, not the family); e-mails say only what kind of thing is new (R-50)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AnalysisAccess, case_access_to
from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.cases.models import GroupMembership, MissingReport, MonitoringInformation, MonthlyReport, PlanTask
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


def _task_statuses(actor, case, tasks: list[PlanTask], task_statuses: dict | None) -> dict[str, str]:
    """The status of each of the member's tasks as reported: every task needs one of the known statuses."""
    given = {str(k): v for k, v in (task_statuses or {}).items()}
    statuses = {}
    for task in tasks:
        status = given.get(str(task.pk), "")
        if status not in PlanTask.Status.values:
            raise ValidationError({"task_statuses": _("Give the status of each of your tasks.")})
        statuses[str(task.pk)] = status
    return statuses


@transaction.atomic
def monthly_report_submit(
    *,
    actor,
    case,
    month: datetime.date,
    progress: str = "",
    new_information: str = "",
    difficulties: str = "",
    task_statuses: dict | None = None,
    nothing_new: bool = False,
    today: datetime.date | None = None,
    edit_version: int | None = None,
) -> MonthlyReport:
    """Write — or correct — the actor's own report on ``month`` of ``case``: the status of each of the actor's
    tasks of the current plan (required; a changed status is set on the task), and optional texts. Only a
    current member of the case's group with an account reports; a month not begun yet, a closed case and a
    reviewed period are refused. A member without tasks says something in the texts."""
    from kooperacja.cases.plan.services import task_status_set

    _require_open(case)
    today = today or timezone.localdate()
    month = selectors.month_start(month)
    memberships = list(selectors.current_memberships(case, actor).order_by("joined_on", "pk"))
    if not memberships or case_access_to(actor, case) < AnalysisAccess.READ:
        raise PermissionDenied
    if month > selectors.month_start(today):
        raise ValidationError({"month": _("A report can be written on the current month or an earlier one.")})
    _require_unlocked(case, month)
    tasks = selectors.member_tasks(case, actor)
    statuses = _task_statuses(actor, case, tasks, task_statuses)
    data = {
        "progress": progress.strip(),
        "new_information": new_information.strip(),
        "difficulties": difficulties.strip(),
        "task_statuses": statuses,
        "nothing_new": nothing_new,
    }
    if not tasks and not (data["progress"] or data["new_information"] or data["difficulties"]):
        raise ValidationError(_("You have no task in the work plan: describe the progress or what is new."))
    for task in tasks:
        if task.status != statuses[str(task.pk)]:
            task_status_set(actor=actor, task=task, status=statuses[str(task.pk)])
    report = MonthlyReport.objects.select_for_update().filter(case=case, month=month, membership__user=actor).first()
    details = {"case": case.pk, "month": f"{month:%Y-%m}", "nothing_new": nothing_new}
    if report is None:
        report = MonthlyReport.objects.create(case=case, membership=memberships[0], month=month, **data)
        claim_version(report, edit_version=None, actor=actor)  # who wrote it first, for a tab opened before
        record(action=Action.CREATE, actor=actor, obj=report, details=details)
        return report
    claim_version(report, edit_version=edit_version, actor=actor)
    fields = changed_fields(report, data)
    for name in fields:
        setattr(report, name, data[name])
    if fields:
        report.save(update_fields=[*fields, "updated_at"])
        record(action=Action.UPDATE, actor=actor, obj=report, details={**details, "fields": fields})
    return report


@transaction.atomic
def monthly_report_nothing_new(
    *, actor, case, month: datetime.date, today: datetime.date | None = None
) -> MonthlyReport:
    """One click: the actor's report on ``month`` with every task's status as it is and a standard text. Only
    when the actor has not reported on that month yet (a written report is corrected, not replaced)."""
    month = selectors.month_start(month)
    if MonthlyReport.objects.filter(case=case, month=month, membership__user=actor).exists():
        raise ValidationError(_("You have already reported on this month: correct that report instead."))
    tasks = selectors.member_tasks(case, actor)
    return monthly_report_submit(
        actor=actor,
        case=case,
        month=month,
        progress=_("Nothing new this month: the tasks continue as planned and the situation has not changed."),
        task_statuses={t.pk: t.status for t in tasks},
        nothing_new=True,
        today=today,
    )


@transaction.atomic
def missing_report_mark(
    *, actor, case, membership: GroupMembership, month: datetime.date, note: str, today: datetime.date | None = None
) -> MissingReport:
    """The coordinator records that a member's report on a month will not come, saying why: the monitoring
    information of a period covering the month can then be reviewed, and the member is no longer reminded."""
    _require_open(case)
    _require_coordinator(actor, case)
    today = today or timezone.localdate()
    month = selectors.month_start(month)
    if not GroupMembership.objects.filter(pk=membership.pk, group__cases=case, user__isnull=False).exists():
        raise ValidationError(_("This person is not a member of the case group."))
    if month > selectors.month_start(today):
        raise ValidationError({"month": _("A report can be marked missing for the current month or an earlier one.")})
    if not selectors.member_owes_month(membership, case, month):
        raise ValidationError(_("This member owes no report on this month."))
    _require_unlocked(case, month)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say why the report is missing.")})
    if MonthlyReport.objects.filter(case=case, month=month, membership__user_id=membership.user_id).exists():
        raise ValidationError(_("This member has already reported on this month."))
    if MissingReport.objects.filter(case=case, month=month, membership__user_id=membership.user_id).exists():
        raise ValidationError(_("This report is already marked missing."))
    mark = MissingReport.objects.create(case=case, membership=membership, month=month, note=note, marked_by=actor)
    record(
        action=Action.CREATE,
        actor=actor,
        obj=mark,
        details={"case": case.pk, "membership": membership.pk, "month": f"{month:%Y-%m}"},
    )
    return mark


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
def monitoring_information_review(
    *, actor, information: MonitoringInformation, today: datetime.date | None = None
) -> MonitoringInformation:
    """The coordinator has read the compiled reports and completed the information: it is final, and the
    members' reports on its months are locked. Only once the period has ended and every report owed on it is
    in or marked missing."""
    case = information.case
    _require_open(case)
    _require_coordinator(actor, case)
    today = today or timezone.localdate()
    if information.is_reviewed:
        raise ValidationError(_("The monitoring information has already been reviewed."))
    if today <= information.period_end:
        raise ValidationError(
            _("The period has not ended yet: the information can be reviewed from %(date)s.")
            % {"date": f"{information.period_end + datetime.timedelta(days=1):%d.%m.%Y}"}
        )
    outstanding = selectors.period_outstanding(case, information.period_start, information.period_end)
    if outstanding:
        names = "; ".join(
            f"{row['membership'].user.get_full_name() or row['membership'].user.email} ({row['month']:%m.%Y})"
            for row in outstanding
        )
        raise ValidationError(
            _(
                "Some reports of the period are neither in nor marked missing: %(names)s. Wait for them or mark "
                "them missing with a note."
            )
            % {"names": names}
        )
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


def _overdue_for_coordinator(owed) -> str:
    """Whose report is overdue — the member and their institution (workers, named inside the platform only)."""
    user = owed.membership.user
    who = user.get_full_name() or user.email
    if owed.membership.institution is not None:
        who = f"{who} ({owed.membership.institution.name})"
    return (
        f"Sprawa {owed.case.reference}: brak sprawozdania za {owed.month:%m.%Y} — {who}; "
        f"termin minął {owed.due_on:%d.%m.%Y}."
    )


def monthly_reports_remind(*, today: datetime.date) -> int:
    """Remind members of the reports they owe: once from ``REMINDER_DAYS_BEFORE`` days before the due day, and
    once more when overdue (the coordinator is told too, with whose report it is: the member and institution).
    Idempotent — each notice has its key. The messages name the case reference, the month and, for the
    coordinator, the worker — never the family; the e-mails only the kind of notice. The member's notice links
    straight to the report form of that case and month. Returns how many notifications were created."""
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
                        message=_overdue_for_coordinator(owed),
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
