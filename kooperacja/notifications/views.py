"""The notification centre: a user's own notifications, newest first; and, for administrators, the outgoing
e-mail that could not be sent, with a button to send it again."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import ADMINISTRATOR, AUTHENTICATED, allow
from kooperacja.notifications import selectors, services
from kooperacja.notifications.access import outbox_message_for_user
from kooperacja.notifications.models import Notification, OutboxMessage


@allow(AUTHENTICATED)
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "unread": notifications.filter(read_at__isnull=True).exists(),
            "extra_query": "",
        },
    )


@allow(AUTHENTICATED)
@require_POST
def notification_open(request, notification_id: int):
    notification = get_object_or_404(Notification, pk=notification_id, user=request.user)
    services.notification_read(user=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:list")


@allow(AUTHENTICATED)
@require_POST
def notifications_read_all(request):
    services.notifications_read_all(user=request.user)
    return redirect("notifications:list")


# --- Outgoing e-mail (administrators) ------------------------------------------------------------------


@allow(ADMINISTRATOR)
def outbox(request):
    page = Paginator(selectors.outbox_failed(), 50).get_page(request.GET.get("page"))
    purged = [m.to_email for m in page if m.one_time_link and not m.body]
    accounts = selectors.accounts_by_email(emails=purged)
    rows = [
        {"message": m, "purged": m.one_time_link and not m.body, "account_id": accounts.get(m.to_email.lower())}
        for m in page
    ]
    return render(
        request,
        "notifications/outbox.html",
        {
            "page": page,
            "rows": rows,
            "summary": services.outbox_summary(),
            "oldest_waiting": selectors.outbox_oldest_waiting(),
            "extra_query": "",
            "retry_hours": settings.OUTBOX_RETRY_HOURS,
            "max_backoff": settings.OUTBOX_MAX_BACKOFF_MINUTES,
        },
    )


def _report_requeue(request, result: services.RequeueResult) -> None:
    if result.requeued:
        messages.success(
            request,
            ngettext(
                "%(count)s e-mail is queued again and will be sent within a few minutes.",
                "%(count)s e-mails are queued again and will be sent within a few minutes.",
                result.requeued,
            )
            % {"count": result.requeued},
        )
    if result.purged:
        messages.warning(
            request,
            ngettext(
                "%(count)s e-mail held a one-time link that has been removed: send the person a new link to set a "
                "password from their account page.",
                "%(count)s e-mails held one-time links that have been removed: send the people new links to set a "
                "password from their account pages.",
                result.purged,
            )
            % {"count": result.purged},
        )
    if not result.requeued and not result.purged:
        messages.info(request, _("There is no failed e-mail to send again."))


@allow(ADMINISTRATOR)
@require_POST
def outbox_retry(request, message_id: int):
    message = outbox_message_for_user(user=request.user, message_id=message_id)
    result = services.outbox_requeue(messages=OutboxMessage.objects.filter(pk=message.pk), actor=request.user)
    _report_requeue(request, result)
    return redirect("notifications:outbox")


@allow(ADMINISTRATOR)
@require_POST
def outbox_retry_all(request):
    _report_requeue(request, services.outbox_requeue(messages=OutboxMessage.objects.all(), actor=request.user))
    return redirect("notifications:outbox")
