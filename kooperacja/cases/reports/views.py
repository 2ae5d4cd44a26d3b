"""The "reports and monitoring" tab: the members' monthly reports (R-36) and the monitoring information of a
period (annex 7) — compiled from the reports, annotated and reviewed by the coordinator, printed as PDF.

Every view reaches the case through ``case_for_user`` (404 for anyone outside the case, the read logged); a
member writes only their own report. URLs carry the case id, a month and the information's id — nothing else."""

import copy
import datetime
import itertools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, AnalysisAccess, allow, case_for_user
from kooperacja.cases.intake.selectors import people_sorted
from kooperacja.cases.models import GroupMembership, MonitoringInformation, MonthlyReport, Person
from kooperacja.cases.reports import selectors, services
from kooperacja.cases.reports.forms import MissingReportForm, MonitoringNotesForm, MonthlyReportForm, PeriodForm
from kooperacja.cases.views import case_context
from kooperacja.core.forms import add_service_errors


def _month(year: int, month: int) -> datetime.date:
    try:
        return datetime.date(year, month, 1)
    except ValueError:
        raise Http404 from None


def _period_form(request, data=None) -> PeriodForm:
    today = timezone.localdate()
    start, end = (selectors.last_full_quarter if request.GET.get("okres") == "kwartal" else selectors.last_full_month)(
        today
    )
    return PeriodForm(data, initial={"period_start": start, "period_end": end})


def _overview(request, case, *, status: int = 200, period_form=None):
    today = timezone.localdate()
    is_member = selectors.current_memberships(case, request.user).exists()
    owed = selectors.reports_owed(today=today, case=case)
    periods = selectors.reviewed_periods(case)
    reports = list(selectors.case_reports(case))
    by_month = [
        {"month": month, "reports": list(items), "locked": selectors.month_is_locked(month, periods)}
        for month, items in itertools.groupby(reports, key=lambda r: r.month)
    ]
    this_month = selectors.month_start(today)
    context = case_context(
        case,
        "cases:reports",
        is_member=is_member,
        by_month=by_month,
        this_month=this_month,
        my_owed=[o for o in owed if o.membership.user_id == request.user.pk],
        overdue=[o for o in owed if o.overdue],
        informations=list(selectors.monitoring_informations(case)),
        my_this_month=any(r.month == this_month and r.membership.user_id == request.user.pk for r in reports),
        this_month_locked=selectors.month_is_locked(this_month, periods),
        due_day=selectors.REPORT_DUE_DAY,
    )
    if context["can_edit"]:
        context["period_form"] = period_form or _period_form(request)
    return render(request, "cases/reports/overview.html", context, status=status)


@allow(AUTHENTICATED)
def overview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    return _overview(request, case)


@allow(AUTHENTICATED)
def report_edit(request, case_id: int, year: int, month: int):
    """The member's own report on a month: written, corrected until the period is reviewed, read after."""
    case = case_for_user(user=request.user, case_id=case_id)
    month = _month(year, month)
    if not selectors.current_memberships(case, request.user).exists():
        raise PermissionDenied
    report = MonthlyReport.objects.filter(case=case, month=month, membership__user=request.user).first()
    locked = selectors.month_is_locked(month, selectors.reviewed_periods(case)) or case.is_closed
    tasks = selectors.member_tasks(case, request.user)
    form = MonthlyReportForm(
        request.POST or None,
        instance=copy.copy(report),
        initial=None if report else {"edit_version": 0},
        tasks=tasks,
    )
    if request.method == "POST" and not locked and form.is_valid():
        try:
            services.monthly_report_submit(actor=request.user, case=case, month=month, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your report has been saved."))
            return redirect(reverse("cases:reports", args=[case.pk]))
    if locked:
        for field in form.fields.values():
            field.disabled = True
    context = case_context(
        case,
        "cases:reports",
        form=form,
        report=report,
        month=month,
        locked=locked,
        tasks=tasks,
        tasks_with_fields=list(zip(tasks, form.task_fields, strict=True)),
        due_on=selectors.report_due_on(month),
        future=month > selectors.month_start(timezone.localdate()),
    )
    return render(request, "cases/reports/report_form.html", context, status=400 if form.errors else 200)


@allow(AUTHENTICATED)
@require_POST
def report_nothing_new(request, case_id: int, year: int, month: int):
    """One click from the dashboard, the reports tab or the form: "nothing new this month"."""
    case = case_for_user(user=request.user, case_id=case_id)
    month = _month(year, month)
    if not selectors.current_memberships(case, request.user).exists():
        raise PermissionDenied
    try:
        services.monthly_report_nothing_new(actor=request.user, case=case, month=month)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(reverse("cases:report_edit", args=[case.pk, month.year, month.month]))
    messages.success(
        request,
        _("Your report for %(month)s has been saved: nothing new, the tasks' statuses unchanged.")
        % {"month": f"{month:%m.%Y}"},
    )
    return redirect(_safe_next(request) or reverse("cases:reports", args=[case.pk]))


def _safe_next(request) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


@allow(AUTHENTICATED)
@require_POST
def missing_report_mark(request, case_id: int, information_id: int):
    """The coordinator marks a member's report on a month of the period missing, with a note."""
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    information = _information(case, information_id)
    form = MissingReportForm(request.POST)
    if form.is_valid():
        membership = GroupMembership.objects.filter(pk=form.cleaned_data["membership"], group__cases=case).first()
        if membership is None:
            raise Http404
        try:
            services.missing_report_mark(
                actor=request.user,
                case=case,
                membership=membership,
                month=form.cleaned_data["month"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The report has been marked missing."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(reverse("cases:monitoring", args=[case.pk, information.pk]))


@allow(AUTHENTICATED)
@require_POST
def monitoring_create(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = _period_form(request, request.POST)
    if form.is_valid():
        try:
            information = services.monitoring_information_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The monitoring information has been compiled from the reports."))
            return redirect(reverse("cases:monitoring", args=[case.pk, information.pk]))
    return _overview(request, case, status=400, period_form=form)


def _information(case, information_id: int) -> MonitoringInformation:
    queryset = MonitoringInformation.objects.select_related("created_by", "reviewed_by")
    return get_object_or_404(queryset, pk=information_id, case=case)


def _annex_context(case, information) -> dict:
    obligations = selectors.period_obligations(case, information.period_start, information.period_end)
    return {
        "information": information,
        "compiled": selectors.compiled_reports(case, information.period_start, information.period_end),
        "missing_marks": [row for row in obligations if row["missing"] and not row["report"]],
        "outstanding": [row for row in obligations if not row["report"] and not row["missing"]],
        "people": people_sorted(Person.objects.filter(case=case)),
    }


@allow(AUTHENTICATED)
def monitoring_detail(request, case_id: int, information_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    information = _information(case, information_id)
    editable = case.access >= AnalysisAccess.EDIT and not case.is_closed and not information.is_reviewed
    form = MonitoringNotesForm(request.POST or None, instance=copy.copy(information)) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.monitoring_information_update(actor=request.user, information=information, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(reverse("cases:monitoring", args=[case.pk, information.pk]))
    context = case_context(
        case,
        "cases:reports",
        form=form,
        editable=editable,
        period_ended=timezone.localdate() > information.period_end,
        **_annex_context(case, information),
    )
    return render(request, "cases/reports/monitoring.html", context, status=400 if form and form.errors else 200)


@allow(AUTHENTICATED)
@require_POST
def monitoring_review(request, case_id: int, information_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    information = _information(case, information_id)
    try:
        services.monitoring_information_review(actor=request.user, information=information)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The monitoring information has been reviewed; the reports of its period are locked.")
        )
    return redirect(reverse("cases:monitoring", args=[case.pk, information.pk]))


@allow(AUTHENTICATED)
def monitoring_pdf(request, case_id: int, information_id: int):
    from kooperacja.documents.pdf import render_pdf  # WeasyPrint is heavy: only this view needs it

    case = case_for_user(user=request.user, case_id=case_id)
    information = _information(case, information_id)
    pdf = render_pdf("cases/reports/monitoring_pdf.html", {"case": case, **_annex_context(case, information)})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="informacja-monitoring-{information.pk}.pdf"'
    return response
