from django.conf import settings

from kooperacja.core.navigation import menu_for


def navigation(request):
    user = getattr(request, "user", None)
    menu = menu_for(user) if user is not None else []
    return {
        "menu": menu,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        # One query, only for pages with the menu (a signed-in, verified user).
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count() if menu else 0,
    }
