from django.contrib import admin

from kooperacja.accounts.models import Membership, User
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
