from django.contrib import admin

from kooperacja.audit.models import AuditEvent
from kooperacja.core.admin import ReadOnlyAdmin, site


@admin.register(AuditEvent, site=site)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the audit log is searched, never edited."""

    list_display = ["at", "actor_email", "action", "object_type", "object_id", "institution", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_email", "object_id"]
    date_hierarchy = "at"
    list_select_related = ["institution"]
