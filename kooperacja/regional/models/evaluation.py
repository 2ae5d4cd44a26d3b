"""The evaluation of the model at the end of a cycle, the authorities' decision on continuation (R-42) and the
team's costs (R-43). The indicators are computed from the platform each time (regional/evaluation/indicators.py);
only the team's own assessment, the decision and the costs are kept."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned


class ModelEvaluation(Versioned):
    """The team's evaluation of one cycle of a cooperation, and the decision of the authorities that ends it."""

    class Decision(models.TextChoices):
        CONTINUE = "continue", _("continue the model (next cycle)")
        END = "end", _("end the model")

    cooperation = models.OneToOneField(
        "cooperation.Cooperation",
        on_delete=models.CASCADE,
        related_name="model_evaluation",
        verbose_name=_("cooperation"),
    )
    what_worked = models.TextField(_("what worked"), blank=True)
    what_did_not = models.TextField(_("what did not work"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    decision = models.CharField(_("decision of the authorities"), max_length=8, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_reference = models.CharField(_("document reference"), max_length=200, blank=True)
    next_cooperation = models.ForeignKey(
        "cooperation.Cooperation",
        verbose_name=_("next cycle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("evaluation of the model")
        verbose_name_plural = _("evaluations of the model")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="") | models.Q(decided_on__isnull=False), name="evaluation_decided_on"
            ),
        ]

    def __str__(self) -> str:
        return str(self.cooperation)


class TeamCost(models.Model):
    """A cost of the team's work (R-43): travel, symbolic remuneration, training, other."""

    class Kind(models.TextChoices):
        TRAVEL = "travel", _("travel")
        REMUNERATION = "remuneration", _("symbolic remuneration")
        TRAINING = "training", _("training")
        OTHER = "other", _("other")

    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="team_costs", verbose_name=_("cooperation")
    )
    kind = models.CharField(_("kind of cost"), max_length=12, choices=Kind.choices)
    amount = models.DecimalField(_("amount (PLN)"), max_digits=10, decimal_places=2)
    spent_on = models.DateField(_("date"), default=datetime.date.today)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cost of the team")
        verbose_name_plural = _("costs of the team")
        ordering = ["cooperation", "-spent_on", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="team_cost_amount")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount}"
