"""The cooperation and ROPS (R-22), and the consent of the authorities (R-23).

A gmina either asks ROPS for support (annex 1: the application) or starts on its own and tells ROPS
(002 §3.5: the notice). Either way the authorities — the wójt, burmistrz or prezydent miasta, and optionally
the starosta — agree to their institutions taking part (002 §3.2; 000 step 1). The rules of the lifecycle
live in ``cooperation/application/services.py``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned


class RopsApplication(Versioned):
    """An application to ROPS for support, or the notice of an independent start, with ROPS's answer."""

    class Kind(models.TextChoices):
        APPLICATION = "application", _("application for the support of ROPS (annex 1)")
        NOTICE = "notice", _("notice of an independent start")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("sent to ROPS")
        ASSIGNED = "assigned", _("regional animator assigned")
        ANSWERED = "answered", _("answered by ROPS")
        ACKNOWLEDGED = "acknowledged", _("acknowledged by ROPS")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Support(models.TextChoices):
        """The forms of support ROPS offers (002 §3.1, §3.2)."""

        MODERATION = "moderation", _("moderating meetings (with the authorities, with the institutions)")
        ADVICE = "advice", _("advice for the coordinator at every step")
        AGREEMENT = "agreement", _("help with the declaration or agreement on cooperation")
        MEDIATION = "mediation", _("mediation, when needed")
        TRAINING = "training", _("training of the animators of the model")
        EVALUATION = "evaluation", _("accompanying the gmina in the evaluation")

    OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.ASSIGNED)

    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="rops_applications"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.APPLICATION)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)

    # The worker ROPS should call: a business contact, not a client's data.
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_function = models.CharField(_("function"), max_length=150, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)

    # The application (annex 1).
    support = models.JSONField(_("support wanted"), default=list, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Why the gmina needs cooperation, what it has done so far.")
    )
    analysis = models.ForeignKey(
        "diagnosis.Analysis",
        verbose_name=_("municipality analysis attached"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The notice of an independent start (002 §3.5).
    actions_taken = models.TextField(_("actions taken to start the cooperation"), blank=True)
    institutions = models.ManyToManyField(
        "directory.Institution", verbose_name=_("institutions that joined"), blank=True, related_name="+"
    )
    agreement_file = models.FileField(_("signed agreement (scan)"), upload_to="rops_notices/%Y/", blank=True)
    agreement_in_platform = models.BooleanField(_("the signed agreement is kept in the platform"), default=False)

    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    animator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("regional animator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_support = models.JSONField(_("agreed forms of support"), default=list, blank=True)
    answer = models.TextField(_("answer of ROPS"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("application to ROPS")
        verbose_name_plural = _("applications to ROPS")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation"],
                condition=~models.Q(status="withdrawn"),
                name="rops_application_one_per_cooperation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.cooperation}"

    @property
    def is_application(self) -> bool:
        return self.kind == self.Kind.APPLICATION

    @property
    def support_labels(self) -> list[str]:
        return [str(self.Support(code).label) for code in self.support if code in self.Support.values]

    @property
    def support_checklist(self) -> list[tuple[str, bool]]:
        """Every form of support with whether it is wanted: the tick boxes of annex 1."""
        return [(str(label), code in self.support) for code, label in self.Support.choices]

    @property
    def agreed_support_labels(self) -> list[str]:
        return [str(self.Support(code).label) for code in self.agreed_support if code in self.Support.values]


class AuthorityConsent(models.Model):
    """The decision of the wójt/burmistrz/prezydent (and optionally the starosta) to take part (R-23)."""

    class Authority(models.TextChoices):
        WOJT = "wojt", _("wójt")
        BURMISTRZ = "burmistrz", _("burmistrz")
        PREZYDENT = "prezydent", _("prezydent miasta")
        STAROSTA = "starosta", _("starosta")

    GMINA_AUTHORITIES = (Authority.WOJT, Authority.BURMISTRZ, Authority.PREZYDENT)

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        REFUSED = "refused", _("refused")

    cooperation = models.ForeignKey("cooperation.Cooperation", on_delete=models.CASCADE, related_name="consents")
    authority = models.CharField(_("authority"), max_length=10, choices=Authority.choices)
    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("gmina or county"), on_delete=models.PROTECT, related_name="+"
    )
    person_name = models.CharField(_("name of the person"), max_length=150)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    decided_on = models.DateField(_("date of the decision"))
    reference = models.CharField(
        _("reference"), max_length=200, blank=True, help_text=_("For example: zarządzenie nr 12/2026 z dnia …")
    )
    document = models.FileField(_("document"), upload_to="consents/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent of the authorities")
        verbose_name_plural = _("consents of the authorities")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_authority_display()}: {self.get_decision_display()}"
