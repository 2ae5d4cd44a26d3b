"""Evaluation of the work with a person or family — annex 6, part C (R-37) — and the joint decision to close
the case.

The degree a goal is reached is one of three words (reached / partly reached / not reached), not a percentage:
the group judges it together at a meeting and a percentage would pretend a precision it does not have. The
situation before and after is rated 1–5 (1 = a serious problem, 5 = no problem) in each area of the diagnosis.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kooperacja.core.crypto import EncryptedTextField


class DiagnosisArea(models.TextChoices):
    """The eleven areas of the diagnosis of a family's situation — data, reused by the diagnosis part."""

    MATERIAL = "material", _("material situation")
    HOUSING = "housing", _("housing")
    HEALTH = "health", _("health")
    DISABILITY = "disability", _("disability")
    ADDICTIONS = "addictions", _("addictions")
    VIOLENCE = "violence", _("violence")
    WORK = "work", _("work")
    CARE = "care", _("care and upbringing")
    EDUCATION = "education", _("education")
    LEGAL = "legal", _("legal matters")
    SOCIAL_TIES = "social_ties", _("social ties")


DIAGNOSIS_AREAS: list[tuple[str, str]] = list(DiagnosisArea.choices)

RATING_MIN, RATING_MAX = 1, 5


class Evaluation(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="evaluations")
    plan = models.ForeignKey(
        "cases.WorkPlan", verbose_name=_("plan version evaluated"), on_delete=models.PROTECT, related_name="evaluations"
    )
    held_on = models.DateField(_("date of the evaluation"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_final = models.BooleanField(_("final evaluation"), default=False)
    workers_comment = EncryptedTextField(_("comments of the workers"), blank=True)
    family_comment = EncryptedTextField(_("comments of the person or family"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["case", "-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.held_on}"


class GoalAssessment(models.Model):
    class Degree(models.TextChoices):
        REACHED = "reached", _("reached")
        PARTLY = "partly", _("partly reached")
        NOT_REACHED = "not_reached", _("not reached")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="goal_assessments")
    goal = models.ForeignKey("cases.PlanGoal", on_delete=models.PROTECT, related_name="assessments")
    degree = models.CharField(_("degree reached"), max_length=12, choices=Degree.choices)

    class Meta:
        verbose_name = _("assessment of a goal")
        verbose_name_plural = _("assessments of goals")
        ordering = ["evaluation", "goal__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "goal"], name="goal_assessment_once")]

    def __str__(self) -> str:
        return f"{self.evaluation} / {self.goal_id}"


class AreaRating(models.Model):
    """The situation in one area of the diagnosis before the work and now, 1 (serious problem) … 5 (none)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="area_ratings")
    area = models.CharField(_("area"), max_length=12, choices=DiagnosisArea.choices)
    before = models.PositiveSmallIntegerField(
        _("before"), validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    after = models.PositiveSmallIntegerField(
        _("after"), validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )

    class Meta:
        verbose_name = _("rating of an area")
        verbose_name_plural = _("ratings of areas")
        ordering = ["evaluation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "area"], name="area_rating_once"),
            models.CheckConstraint(
                condition=Q(
                    before__gte=RATING_MIN, before__lte=RATING_MAX, after__gte=RATING_MIN, after__lte=RATING_MAX
                ),
                name="area_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} / {self.area}"

    @property
    def change(self) -> int:
        return self.after - self.before


class ClosureProposal(models.Model):
    """The proposal to end the work with the family. The case closes when every current member of its group
    with an account has agreed and the coordinator confirms — a joint decision (002 §4.5)."""

    class Reason(models.TextChoices):
        GOALS_REACHED = "goals_reached", _("the goals have been reached")
        NO_COOPERATION = "no_cooperation", _("no cooperation from the person or family")
        RESIGNATION = "resignation", _("the person or family resigned")
        OTHER = "other", _("other")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="closure_proposals")
    reason = models.CharField(_("reason for closing"), max_length=16, choices=Reason.choices)
    note = EncryptedTextField(_("justification"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal to close the case")
        verbose_name_plural = _("proposals to close the case")
        ordering = ["case", "-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(confirmed_at__isnull=True, withdrawn_at__isnull=True),
                name="closure_one_open_proposal",
            ),
            models.CheckConstraint(condition=~Q(reason="other") | ~Q(note=""), name="closure_other_explained"),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.reason}"

    @property
    def is_open(self) -> bool:
        return self.confirmed_at is None and self.withdrawn_at is None


class ClosureAgreement(models.Model):
    proposal = models.ForeignKey(ClosureProposal, on_delete=models.CASCADE, related_name="agreements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "directory.Institution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("agreed"), auto_now_add=True)

    class Meta:
        verbose_name = _("agreement to close the case")
        verbose_name_plural = _("agreements to close the case")
        ordering = ["proposal", "at"]
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="closure_agreement_once")]

    def __str__(self) -> str:
        return f"{self.proposal} / {self.user_id}"
