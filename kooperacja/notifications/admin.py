from django.contrib import admin

from kooperacja.core.admin import ReadOnlyAdmin, site
from kooperacja.notifications.models import OutboxMessage


@admin.register(OutboxMessage, site=site)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to_email", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    # The body is never shown: a waiting message may hold someone's one-time password link.
    fields = readonly_fields = [
        "to_email",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "sent_at",
        "last_error",
    ]
