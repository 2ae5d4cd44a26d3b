"""The declaration or agreement of cooperation (002 §3.3–3.4, annexes 3–5; SPEC R-25) and its parties.

The text is edited by the parties while it is a draft or negotiated and frozen once signed. The agreement stays
open: an institution may accede later (002 §3.4), or decline with its reason."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kooperacja.core.concurrency import Versioned


class Agreement(Versioned):
    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("declaration of cooperation (annex 3)")
        AGREEMENT = "agreement", _("agreement of cooperation (annex 4)")
        GPZK_AGREEMENT = "gpzk_agreement", _("G-PZK agreement, rural variant (annex 5)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        NEGOTIATED = "negotiated", _("negotiated with the parties")
        SIGNED = "signed", _("signed")

    TEXT_FIELDS = ("title", "preamble", "goals", "rules", "communication", "meeting_frequency", "final_provisions")

    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="agreements", verbose_name=_("cooperation")
    )
    kind = models.CharField(_("kind of document"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    preamble = models.TextField(_("preamble"), blank=True)
    goals = models.TextField(_("goals of the cooperation"), blank=True)
    rules = models.TextField(_("rules of cooperation"), blank=True)
    communication = models.TextField(_("communication"), blank=True)
    meeting_frequency = models.TextField(_("meetings and their frequency"), blank=True)
    final_provisions = models.TextField(_("final provisions"), blank=True)
    proposed_changes = models.TextField(
        _("changes proposed by the parties"),
        blank=True,
        help_text=_("What the parties asked to change before signing, and what was agreed."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("agreement of cooperation")
        verbose_name_plural = _("agreements of cooperation")
        ordering = ["cooperation", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="signed") | models.Q(signed_on__isnull=False), name="agreement_signed_on"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.SIGNED


class AgreementParty(models.Model):
    """An institution invited to the agreement, with the person who signs for it (a director or manager)."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        SIGNED = "signed", _("signed")
        DECLINED = "declined", _("declined")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    institution = models.ForeignKey(
        "directory.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_function = models.CharField(_("signatory's function"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    scan = models.FileField(_("scan of the signed page"), upload_to="agreements/%Y/", blank=True)
    declined_reason = models.TextField(_("reason for declining"), blank=True)
    accession = models.BooleanField(_("joined by accession"), default=False)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["scan"])

    class Meta:
        verbose_name = _("party to the agreement")
        verbose_name_plural = _("parties to the agreement")
        ordering = ["agreement", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "institution"], name="agreement_party_once"),
            models.CheckConstraint(
                condition=~models.Q(status="signed") | models.Q(signed_on__isnull=False),
                name="agreement_party_signed_on",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(declined_reason=""), name="agreement_party_reason"
            ),
        ]

    def __str__(self) -> str:
        return str(self.institution)
