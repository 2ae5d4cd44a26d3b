from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyCheck(models.Model):
    """One row: a known constant encrypted under FIELD_ENCRYPTION_KEY. Every process reads it at start and
    refuses to run when the configured keys cannot decrypt it (core.checks), so a wrong key stops the server
    instead of making the encrypted fields unreadable. Stored as the raw token, not as an encrypted field."""

    token = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("encryption key check")
        verbose_name_plural = _("encryption key checks")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="core_keycheck_single_row")]

    def __str__(self) -> str:
        return "key check"
