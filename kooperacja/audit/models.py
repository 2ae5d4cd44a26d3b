from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditError(Exception):
    """Raised on any attempt to change or remove an audit record."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditError("The audit log is append-only.")

    def delete(self):
        raise AuditError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One append-only entry: who did what to which object, when, from where (SPEC R-50).

    Holds identifiers, never personal data of the object itself (no names, PESEL or descriptions).
    On PostgreSQL and SQLite a trigger also refuses UPDATE and DELETE (audit/triggers.py, installed by migration).
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("login")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOCKOUT = "lockout", _("account locked")
        LOGOUT = "logout", _("logout")
        SECOND_FACTOR_FAILED = "otp_failed", _("wrong second-factor code")
        SECOND_FACTOR_ENROLLED = "otp_enrolled", _("second factor set up")
        SECOND_FACTOR_RESET = "otp_reset", _("second factor reset")
        BACKUP_CODES_ISSUED = "backup_codes", _("backup codes issued")
        PASSWORD_CHANGED = "password_changed", _("password changed")
        PASSWORD_RESET_REQUESTED = "password_reset", _("password reset requested")
        CREATE = "create", _("create")
        UPDATE = "update", _("update")
        DELETE = "delete", _("delete")
        READ = "read", _("read of personal data")
        IMPORT = "import", _("import")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_email = models.CharField(_("who (e-mail at the time)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    institution = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_email} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditError("The audit log is append-only.")

    @property
    def object_type_label(self) -> str:
        """The object's kind in the user's language ("użytkownik"), or the stored code if it is gone."""
        from django.apps import apps

        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type
