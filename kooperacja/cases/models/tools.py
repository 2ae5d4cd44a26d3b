"""The tools of the model (R-38): the rating of the group's cooperation (*Ocena dotychczasowej współpracy*) and
the institutions' preparation for the joint diagnosis (*Przygotowanie instytucji do wspólnej diagnozy*). The
statements and checklist items are data in ``kooperacja.cases.tools.content``; rows keep only their codes."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned
from kooperacja.core.crypto import EncryptedTextField


class RatingRound(models.Model):
    """A dated round of rating a case group's cooperation, opened by the coordinator; each member rates once
    (and may correct their answers while the case is open)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="rating_rounds")
    held_on = models.DateField(_("date of the rating"), default=datetime.date.today)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("rating round of the cooperation")
        verbose_name_plural = _("rating rounds of the cooperation")
        ordering = ["case", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.held_on}"


class Rating(Versioned):
    """One member's answers in a round."""

    round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "directory.Institution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now=True)

    class Meta:
        verbose_name = _("rating of the cooperation")
        verbose_name_plural = _("ratings of the cooperation")
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="rating_once_per_member")]

    def __str__(self) -> str:
        return f"{self.round} #{self.user_id}"


class RatingAnswer(models.Model):
    """A score (1–5) given to one statement; ``factor`` is kept with it so that means per factor are one query."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="answers")
    factor = models.CharField(_("factor"), max_length=20)
    statement = models.CharField(_("statement"), max_length=30)
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("answer of a rating")
        verbose_name_plural = _("answers of a rating")
        constraints = [
            models.UniqueConstraint(fields=["rating", "statement"], name="rating_answer_once_per_statement"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_answer_score_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.statement}={self.score}"


class PreparationChecklist(Versioned):
    """An invited institution's preparation for the joint diagnosis of a case, filled in by its member."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="preparation_checklists")
    institution = models.ForeignKey("directory.Institution", on_delete=models.PROTECT, related_name="+")
    filled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("preparation for the joint diagnosis")
        verbose_name_plural = _("preparations for the joint diagnosis")
        constraints = [models.UniqueConstraint(fields=["case", "institution"], name="preparation_once_per_institution")]

    def __str__(self) -> str:
        return f"{self.case} {self.institution_id}"


class PreparationAnswer(models.Model):
    """One item of the checklist: done or not, and a note — about the family, hence encrypted."""

    checklist = models.ForeignKey(PreparationChecklist, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(_("item"), max_length=30)
    done = models.BooleanField(_("done"), default=False)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("item of the preparation")
        verbose_name_plural = _("items of the preparation")
        constraints = [models.UniqueConstraint(fields=["checklist", "item"], name="preparation_answer_once_per_item")]

    def __str__(self) -> str:
        return self.item
