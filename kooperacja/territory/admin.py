from django.contrib import admin

from kooperacja.core.admin import site
from kooperacja.territory.models import Unit


@admin.register(Unit, site=site)
class UnitAdmin(admin.ModelAdmin):
    """The register is loaded with load_teryt, never typed in: read-only here."""

    list_display = ["code", "name", "level", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
