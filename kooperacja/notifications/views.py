"""The notification centre: a user's own notifications, newest first."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, allow
from kooperacja.notifications import services
from kooperacja.notifications.models import Notification


@allow(AUTHENTICATED)
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {
        "page": page, "unread": notifications.filter(read_at__isnull=True).exists(), "extra_query": "",
    })  # fmt: skip


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
