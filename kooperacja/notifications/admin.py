from django.contrib import admin

from kooperacja.core.admin import ReadOnlyAdmin, site
from kooperacja.notifications.models import OutboxMessage


@admin.register(OutboxMessage, site=site)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to_email", "subject", "status", "attempts", "sent_at"]
    # Sending again is done on the platform's own page (notifications:outbox), through the service.
    list_filter = ["status"]
    # The body is never shown: a waiting message may hold someone's one-time password link.
    fields = readonly_fields = [
        "to_email",
        "subject",
        "status",
        "one_time_link",
        "attempts",
        "queued_at",
        "last_attempt_at",
        "next_attempt_at",
        "created_at",
        "sent_at",
        "last_error",
    ]
