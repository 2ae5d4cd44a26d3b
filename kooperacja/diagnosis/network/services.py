"""Writes of the cooperation survey (R-13): rounds and the answers of one institution. One transaction and one
audit record each (ids and counts only)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AnalysisAccess, analysis_access_to, memberships_of, survey_respondents_for
from kooperacja.audit.services import Action, record
from kooperacja.core.concurrency import claim_version
from kooperacja.diagnosis.models import SurveyAnswer, SurveyRound, SurveySheet
from kooperacja.directory.selectors import institutions_serving

DETAIL_FIELDS = (
    "initiator",
    "frequency",
    "staff_readiness",
    "obstacles",
    *SurveyAnswer.TRUST_FIELDS,
    *SurveyAnswer.VALUE_FIELDS,
)
RATING_FIELDS = ("staff_readiness", *SurveyAnswer.TRUST_FIELDS, *SurveyAnswer.VALUE_FIELDS)
OBSTACLES_MAX_LENGTH = 2000


def _require_edit(actor, unit) -> None:
    if analysis_access_to(actor, unit) < AnalysisAccess.EDIT:
        raise PermissionDenied


@transaction.atomic
def survey_round_create(*, actor, unit, title: str, held_on: datetime.date, institutions) -> SurveyRound:
    """A new round among ``institutions``: at least two, all serving the gmina ``unit``."""
    _require_edit(actor, unit)
    ids = {getattr(i, "pk", i) for i in institutions}
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the round a title.")
    if len(ids) < 2:
        errors["institutions"] = _("Choose at least two institutions.")
    elif set(institutions_serving(unit=unit).filter(pk__in=ids).values_list("pk", flat=True)) != ids:
        errors["institutions"] = _("Only institutions serving the gmina may take part.")
    if errors:
        raise ValidationError(errors)
    survey_round = SurveyRound.objects.create(unit=unit, title=title, held_on=held_on, created_by=actor)
    survey_round.institutions.set(ids)
    record(action=Action.CREATE, actor=actor, obj=survey_round, details={"institutions": sorted(ids)})
    return survey_round


def _set_closed(*, actor, survey_round: SurveyRound, closed: bool) -> SurveyRound:
    _require_edit(actor, survey_round.unit)
    if survey_round.is_closed != closed:
        survey_round.is_closed = closed
        survey_round.save(update_fields=["is_closed"])
        record(
            action=Action.UPDATE, actor=actor, obj=survey_round, details={"fields": ["is_closed"], "is_closed": closed}
        )
    return survey_round


@transaction.atomic
def survey_round_close(*, actor, survey_round: SurveyRound) -> SurveyRound:
    return _set_closed(actor=actor, survey_round=survey_round, closed=True)


@transaction.atomic
def survey_round_reopen(*, actor, survey_round: SurveyRound) -> SurveyRound:
    return _set_closed(actor=actor, survey_round=survey_round, closed=False)


def _clean_row(row: dict, partners: set[int]) -> dict:
    partner = row.get("partner_id")
    if partner not in partners:
        raise ValidationError(_("An answer names an institution that is not in the round."))
    level = row.get("level")
    if level not in SurveyAnswer.Level.values:
        raise ValidationError(_("Choose the level of cooperation."))
    clean = {"partner_id": partner, "level": level}
    if level == SurveyAnswer.Level.NONE:
        # No cooperation: whatever else was typed means nothing.
        clean.update({name: None for name in RATING_FIELDS})
        clean.update(initiator="", frequency="", obstacles="")
        return clean
    for name in RATING_FIELDS:
        value = row.get(name)
        if value in ("", None):
            value = None
        elif value not in (1, 2, 3, 4):
            raise ValidationError(_("Ratings are whole numbers from 1 to 4."))
        clean[name] = value
    for name, choices in (("initiator", SurveyAnswer.Initiator), ("frequency", SurveyAnswer.Frequency)):
        value = row.get(name) or ""
        if value and value not in choices.values:
            raise ValidationError(_("Choose one of the answers offered."))
        clean[name] = value
    obstacles = (row.get("obstacles") or "").strip()
    if len(obstacles) > OBSTACLES_MAX_LENGTH:
        raise ValidationError(_("The description of obstacles is too long."))
    clean["obstacles"] = obstacles
    return clean


@transaction.atomic
def survey_answers_save(
    *,
    actor,
    survey_round: SurveyRound,
    respondent,
    answers: list[dict],
    on_behalf: bool = False,
    edit_version: int | None = None,
) -> dict:
    """Save what ``respondent`` says of its partners in the round, each row a dict with ``partner_id``,
    ``level`` and the details (DETAIL_FIELDS). Rows are upserted by (round, respondent, partner); rows not
    given stay as they are. Refused for a closed round and for an institution the actor may not answer for.
    Answers entered by someone who is not a member of ``respondent`` are always marked ``on_behalf``.
    Returns the counts {"created": n, "updated": n}. The institution's sheet (``SurveySheet``) moves to the next
    edit version; ``edit_version`` is the version the sheet was opened with (0: no answers saved yet), refused
    when someone (the institution or the coordinator on its behalf) saved the sheet since."""
    locked = SurveyRound.objects.select_for_update().get(pk=survey_round.pk)
    if locked.is_closed:
        raise ValidationError(_("The round is closed: answers can no longer be changed."))
    respondent_id = getattr(respondent, "pk", respondent)
    if respondent_id not in survey_respondents_for(actor, survey_round):
        raise PermissionDenied
    own = any(m.institution_id == respondent_id for m in memberships_of(actor))
    on_behalf = bool(on_behalf) or not own
    partners = set(survey_round.institutions.values_list("pk", flat=True)) - {respondent_id}
    rows = [_clean_row(row, partners) for row in answers]
    sheet, created = SurveySheet.objects.get_or_create(round=survey_round, respondent_id=respondent_id)
    claim_version(sheet, edit_version=None if created else edit_version, actor=actor)
    existing = {a.partner_id: a for a in SurveyAnswer.objects.filter(round=survey_round, respondent_id=respondent_id)}
    created, updated = [], []
    for row in rows:
        answer = existing.get(row["partner_id"])
        if answer is None:
            created.append(
                SurveyAnswer(
                    round=survey_round, respondent_id=respondent_id, answered_by=actor, on_behalf=on_behalf, **row
                )
            )
            continue
        changed = [name for name, value in row.items() if getattr(answer, name) != value]
        if changed:
            for name in changed:
                setattr(answer, name, row[name])
            answer.answered_by = actor
            answer.on_behalf = on_behalf
            updated.append(answer)
    SurveyAnswer.objects.bulk_create(created)
    if updated:
        # bulk_update bypasses auto_now: set the time here.
        now = timezone.now()
        for answer in updated:
            answer.answered_at = now
        SurveyAnswer.objects.bulk_update(updated, ["level", *DETAIL_FIELDS, "answered_by", "on_behalf", "answered_at"])
    counts = {"created": len(created), "updated": len(updated)}
    if created or updated:
        record(
            action=Action.UPDATE,
            actor=actor,
            obj=survey_round,
            details={"respondent": respondent_id, "on_behalf": on_behalf, **counts},
        )
    return counts
