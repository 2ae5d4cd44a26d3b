from django.contrib import admin

from kooperacja.core.admin import site
from kooperacja.notifications.models import OutboxMessage


@admin.register(OutboxMessage, site=site)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to_email", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
