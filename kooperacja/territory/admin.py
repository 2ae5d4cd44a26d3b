from django.contrib import admin

from kooperacja.core.admin import ReadOnlyAdmin, site
from kooperacja.territory.models import Unit


@admin.register(Unit, site=site)
class UnitAdmin(ReadOnlyAdmin):
    """The register is loaded with load_teryt, never typed in: read-only here."""

    list_display = ["code", "name", "level", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]
