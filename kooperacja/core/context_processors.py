from django.conf import settings

from kooperacja.core.navigation import menu_for


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "menu": menu_for(user) if user is not None else [],
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
    }
