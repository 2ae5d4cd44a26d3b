"""Django admin for administrators only, with the same second factor and audit trail as the rest."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kooperacja.audit.services import Action, record


class KooperacjaAdminSite(admin.AdminSite):
    site_header = _("Kooperacja — administration")
    site_title = _("Kooperacja administration")
    index_title = _("Administration")

    def has_permission(self, request):
        from kooperacja.accounts.access import is_administrator

        user = request.user
        return user.is_active and user.is_authenticated and user.is_verified() and is_administrator(user)

    def login(self, request, extra_context=None):
        """One login for the whole platform (with the second factor): the admin has no login form of its own."""
        if request.user.is_authenticated and request.user.is_verified():
            raise PermissionDenied  # signed in, but not an administrator
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))

    def logout(self, request, extra_context=None):
        """The platform's own logout, so that it is audited like any other."""
        from kooperacja.accounts.views import logout_view

        return logout_view(request)

    def password_change(self, request, extra_context=None):
        return redirect("accounts:password_change")


site = KooperacjaAdminSite(name="admin")


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that are never typed in or changed by hand: the audit log, the TERYT register, the outbox."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Writes through the admin leave the same audit records as writes through services."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record(
            action=Action.UPDATE if change else Action.CREATE,
            actor=request.user,
            obj=obj,
            details={"fields": sorted(form.changed_data), "via": "admin"},
        )

    def delete_model(self, request, obj):
        record(action=Action.DELETE, actor=request.user, obj=obj, details={"via": "admin"})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(action=Action.DELETE, actor=request.user, obj=obj, details={"via": "admin"})
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record(action=Action.DELETE, actor=request.user, obj=obj, details={"via": "admin"})
            obj.delete()
        for obj in instances:
            created = obj.pk is None
            obj.save()
            record(
                action=Action.CREATE if created else Action.UPDATE,
                actor=request.user,
                obj=obj,
                details={"via": "admin"},
            )
        formset.save_m2m()
