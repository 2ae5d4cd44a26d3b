from django.contrib import admin

from kooperacja.accounts.models import Membership, User
from kooperacja.audit.services import record_read
from kooperacja.core.admin import AuditedAdmin, site


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["institution"]


@admin.register(User, site=site)
class UserAdmin(AuditedAdmin):
    list_display = ["email", "first_name", "last_name", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    list_filter = ["is_active", "memberships__role"]
    fields = ["email", "first_name", "last_name", "phone", "is_active", "last_login", "date_joined"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline]

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted: the audit log points at them

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and object_id.isdigit():
            user = User.objects.filter(pk=object_id).first()
            if user is not None:
                record_read(actor=request.user, obj=user)
        return super().change_view(request, object_id, form_url, extra_context)
