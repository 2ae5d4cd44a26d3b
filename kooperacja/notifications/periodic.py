"""Periodic work (R-50): meeting reminders, overdue steps, monthly reports of cases. Idempotent — every
notification has a key, so running it every minute from cron (or from the worker) tells each person once."""

import datetime
import logging

from django.utils import timezone

logger = logging.getLogger(__name__)


def overdue_steps_notify(*, today: datetime.date) -> int:
    """Tell the people who run each active cooperation about its steps that passed their planned end."""
    from django.urls import reverse

    from kooperacja.cooperation.models import Cooperation, CooperationRole, Step
    from kooperacja.notifications.models import Notification
    from kooperacja.notifications.services import notify

    late = (
        Step.objects.filter(
            cooperation__status=Cooperation.Status.ACTIVE,
            status__in=[Step.Status.TODO, Step.Status.IN_PROGRESS],
            planned_end__lt=today,
        )
        .select_related("cooperation")
        .order_by("cooperation_id", "order")
    )
    editors: dict[int, list] = {}
    for role in CooperationRole.objects.filter(
        cooperation__in={s.cooperation_id for s in late}, role__in=CooperationRole.EDITOR_ROLES
    ).select_related("user"):
        editors.setdefault(role.cooperation_id, []).append(role.user)
    sent = 0
    for step in late:
        # The step's planned end is in the key: a step re-planned and late again is told again.
        sent += len(
            notify(
                recipients=editors.get(step.cooperation_id, []),
                kind=Notification.Kind.STEP_OVERDUE,
                message=f"{step.cooperation.name}: krok {step.code} „{step.title}” miał się zakończyć "
                f"{step.planned_end:%d.%m.%Y}.",
                url=reverse("cooperation:detail", args=[step.cooperation_id]),
                key=f"step-overdue:{step.pk}:{step.planned_end.isoformat()}",
            )
        )
    return sent


def expired_sessions_delete(*, now: datetime.datetime) -> int:
    """Delete the sessions past their expiry (what ``manage.py clearsessions`` does), so the session table holds
    only the people logged in now. Returns how many were deleted."""
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=now).delete()[0]


def periodic_run(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Everything periodic, once. Returns how many notifications each part created (and how many expired sessions
    were deleted)."""
    from kooperacja.cases.reports.services import monthly_reports_remind
    from kooperacja.directory.freshness import confirmation_reminders_send
    from kooperacja.meetings.services import meetings_send_reminders

    now = now or timezone.now()
    today = timezone.localdate(now)
    return {
        "meeting_reminders": meetings_send_reminders(now=now),
        "overdue_steps": overdue_steps_notify(today=today),
        "monthly_reports": monthly_reports_remind(today=today),
        "directory_confirmations": confirmation_reminders_send(today=today),
        "expired_sessions": expired_sessions_delete(now=now),
    }
