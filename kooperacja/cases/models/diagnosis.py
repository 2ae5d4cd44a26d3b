"""Diagnosis of the situation of a person or family (R-31, 002 §4.1): per area of life, the needs, difficulties,
resources and help so far — free text about a family, so encrypted at rest. The family environmental interview
itself stays in the OPS system; the case keeps its date and reference (Case.interview_date/interview_reference)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.cases.models.evaluation import DiagnosisArea
from kooperacja.core.concurrency import Versioned
from kooperacja.core.crypto import EncryptedTextField


class DiagnosisEntry(Versioned):
    """One area of the diagnosis of a case (the areas are ``evaluation.DiagnosisArea``, shared with the
    evaluation's ratings)."""

    Area = DiagnosisArea

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="diagnosis_entries")
    area = models.CharField(_("area"), max_length=12, choices=DiagnosisArea.choices)
    needs = EncryptedTextField(_("needs"), blank=True)
    difficulties = EncryptedTextField(_("difficulties"), blank=True)
    resources = EncryptedTextField(_("resources"), blank=True)
    help_so_far = EncryptedTextField(_("help so far"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("area of the diagnosis")
        verbose_name_plural = _("areas of the diagnosis")
        ordering = ["case", "area"]
        constraints = [models.UniqueConstraint(fields=["case", "area"], name="diagnosis_entry_once")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.area}"

    @property
    def is_empty(self) -> bool:
        return not (self.needs or self.difficulties or self.resources or self.help_so_far)
