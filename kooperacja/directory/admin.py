from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from kooperacja.core.admin import AuditedAdmin, ReadOnlyAdmin, site
from kooperacja.directory.models import ContactPerson, Institution, Phone, Problem, Service, Specialist
from kooperacja.directory.search import search_text_update


class PhoneInline(admin.TabularInline):
    model = Phone
    extra = 0


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class SpecialistInline(admin.TabularInline):
    model = Specialist
    extra = 0


@admin.register(Institution, site=site)
class InstitutionAdmin(AuditedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "level", "unit", "status"]
    list_filter = ["kind", "level", "status"]
    search_fields = ["name", "short_name", "regon", "nip"]
    autocomplete_fields = ["unit", "other_units"]
    list_select_related = ["unit"]
    inlines = [PhoneInline, ContactInline, SpecialistInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search_text_update(form.instance)  # what the service functions do after a write (search.py)


@admin.register(Service, site=site)
class ServiceAdmin(AuditedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "institution"]
    search_fields = ["name", "institution__name"]
    autocomplete_fields = ["institution"]
    filter_horizontal = ["problems"]
    list_select_related = ["institution"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search_text_update(form.instance.institution)

    def delete_model(self, request, obj):
        institution = obj.institution
        super().delete_model(request, obj)
        search_text_update(institution)


@admin.register(Problem, site=site)
class ProblemAdmin(ReadOnlyAdmin):
    """Kept by migrations from taxonomy.PROBLEMS (statutory wording), not typed in."""

    list_display = ["order", "name", "code", "group"]
