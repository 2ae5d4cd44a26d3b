from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from kooperacja.accounts.access import AUTHENTICATED, PUBLIC, allow, is_administrator, memberships_of
from kooperacja.cases.reports.selectors import reports_due_for
from kooperacja.cooperation.selectors import cooperation_summaries
from kooperacja.core.selectors import dashboard_areas
from kooperacja.diagnosis.network.selectors import rounds_to_answer
from kooperacja.meetings.selectors import open_tasks_of, upcoming_meetings_of
from kooperacja.notifications.selectors import outbox_failed


@allow(PUBLIC)
@never_cache
def healthz(request):
    """For load balancers: 200 when the app can reach its database, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@allow(AUTHENTICATED)
def dashboard(request):
    memberships = memberships_of(request.user)
    return render(
        request,
        "core/dashboard.html",
        {
            "memberships": memberships,
            "areas": dashboard_areas(memberships=memberships),
            "is_administrator": is_administrator(request.user),
            "outbox_failed": outbox_failed().count() if is_administrator(request.user) else 0,
            "surveys": rounds_to_answer(request.user),
            "cooperations": cooperation_summaries(request.user),
            "meetings": upcoming_meetings_of(request.user)[:5],
            "tasks": open_tasks_of(request.user)[:5],
            "reports_due": reports_due_for(request.user, today=timezone.localdate())[:5],
        },
    )


def csrf_failure(request, reason=""):
    """A form sent after the session ended: explain in Polish instead of Django's English page."""
    return render(request, "403_csrf.html", status=403)
