from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned


class Role(models.TextChoices):
    """Roles named by the seeds (SPEC R-04). A person may hold several roles in several institutions."""

    ROPS_ANIMATOR = "rops_animator", _("ROPS regional cooperation animator")
    PCPR_ANIMATOR = "pcpr_animator", _("PCPR county animator")
    OPS_ANIMATOR = "ops_animator", _("OPS/GOPS municipal animator")
    COORDINATOR = "coordinator", _("coordinator")
    DIRECTOR = "director", _("institution director")
    CASE_WORKER = "case_worker", _("case group member (worker)")
    AUTHORITY = "authority", _("authority (wójt/burmistrz/starosta)")
    EVALUATOR = "evaluator", _("evaluator (read-only)")
    ADMINISTRATOR = "administrator", _("administrator")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email):
        """Log in whatever case the address is typed in (addresses are stored lower-case)."""
        return self.get(email__iexact=email)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(Versioned, AbstractBaseUser, PermissionsMixin):
    """A worker of an institution. Logs in by e-mail; what they may do comes from their memberships."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    phone = models.CharField(_("work phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("created"), auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    # Django admin asks for model permissions; an administrator (by membership) has them all, others none.
    def has_perm(self, perm, obj=None) -> bool:
        from kooperacja.accounts.access import is_administrator

        return is_administrator(self)

    def has_module_perms(self, app_label) -> bool:
        from kooperacja.accounts.access import is_administrator

        return is_administrator(self)


class Membership(models.Model):
    """A user's role in an institution. The administrator role may stand without an institution."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    institution = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.CharField(_("position"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "institution__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "institution", "role"], name="membership_unique_role"),
            models.CheckConstraint(
                name="membership_institution_required",
                condition=models.Q(role="administrator") | models.Q(institution__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        if self.institution_id:
            return f"{self.get_role_display()} — {self.institution}"
        return str(self.get_role_display())
