from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.concurrency import Versioned


class SurveyRound(models.Model):
    """One dated round of the cooperation survey (Karta oceny poziomu współpracy, part 2) among the
    institutions of a gmina and its powiat (R-13). Rounds before and after the cooperation compare."""

    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="survey_rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date of the round"))
    institutions = models.ManyToManyField(
        "directory.Institution", verbose_name=_("institutions surveyed"), related_name="survey_rounds"
    )
    is_closed = models.BooleanField(_("closed for answers"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["unit", "held_on"]

    def __str__(self) -> str:
        return self.title


def rating_field(label):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )


class SurveyAnswer(models.Model):
    """What ``respondent`` says of its cooperation with ``partner`` in one round."""

    class Level(models.IntegerChoices):
        # The intensity scale of inter-organisational network surveys (PARTNER).
        NONE = 0, _("we do not cooperate")
        AWARENESS = 1, _("awareness: we know what they do")
        COOPERATION = 2, _("cooperation: we exchange information")
        COORDINATION = 3, _("coordination: we synchronise actions and share data")
        INTEGRATION = 4, _("integration: binding agreements and pooled resources")

    class Initiator(models.TextChoices):
        WE = "we", _("we do")
        PARTNER = "partner", _("the partner does")
        BOTH = "both", _("both equally")
        OTHER = "other", _("someone else (e.g. the gmina)")

    class Frequency(models.TextChoices):
        RARELY = "rarely", _("less than once a year")
        YEARLY = "yearly", _("a few times a year")
        MONTHLY = "monthly", _("every month")
        WEEKLY = "weekly", _("every week or more often")

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="answers")
    respondent = models.ForeignKey("directory.Institution", on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey("directory.Institution", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("level of cooperation"), choices=Level.choices, default=Level.NONE)
    initiator = models.CharField(_("who initiates"), max_length=10, choices=Initiator.choices, blank=True)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, blank=True)
    staff_readiness = rating_field(_("readiness of our staff to cooperate (1–4)"))
    obstacles = models.TextField(_("obstacles"), blank=True)
    trust_reliability = rating_field(_("reliability"))
    trust_mission = rating_field(_("shared mission"))
    trust_openness = rating_field(_("openness to discussion"))
    value_resources = rating_field(_("resources contributed"))
    value_influence = rating_field(_("influence"))
    value_involvement = rating_field(_("level of involvement"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    on_behalf = models.BooleanField(_("entered by the coordinator on the institution's behalf"), default=False)
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    TRUST_FIELDS = ("trust_reliability", "trust_mission", "trust_openness")
    VALUE_FIELDS = ("value_resources", "value_influence", "value_involvement")

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["round", "respondent", "partner"]
        constraints = [
            models.UniqueConstraint(fields=["round", "respondent", "partner"], name="survey_answer_one_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(respondent=models.F("partner")), name="survey_answer_not_about_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.respondent_id} → {self.partner_id}: {self.level}"


class SurveySheet(Versioned):
    """One institution's answer sheet in a round: its edit version guards all its answers, saved together from
    one form by the institution's member or by the coordinator on its behalf. Created with the first save."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="sheets")
    respondent = models.ForeignKey("directory.Institution", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("survey answer sheet")
        verbose_name_plural = _("survey answer sheets")
        constraints = [models.UniqueConstraint(fields=["round", "respondent"], name="survey_sheet_one_per_round")]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.respondent_id}"
