from django.contrib import admin

from kooperacja.core.admin import AuditedAdmin, site
from kooperacja.directory.models import Institution


@admin.register(Institution, site=site)
class InstitutionAdmin(AuditedAdmin):
    list_display = ["name", "kind", "unit"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
