"""Writes of the tools (R-38): opening a dated round of the cooperation rating, a member's rating, an
institution's preparation for the joint diagnosis. Each is one transaction with an audit record of ids only;
a closed case refuses them all."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AnalysisAccess, case_access_to
from kooperacja.audit.services import Action, record
from kooperacja.cases.messages.selectors import thread_recipients
from kooperacja.cases.models import PreparationAnswer, PreparationChecklist, Rating, RatingAnswer, RatingRound
from kooperacja.cases.tools.content import CHECKLIST_CODES, FACTOR_OF
from kooperacja.cases.tools.selectors import may_rate, member_institutions
from kooperacja.core.concurrency import claim_version
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import notify


def _refuse_if_closed(case) -> None:
    if case.is_closed:
        raise ValidationError(_("The case is closed: it can be read, not changed."))


@transaction.atomic
def rating_round_open(*, actor, case, held_on: datetime.date | None = None) -> RatingRound:
    """The coordinator opens a dated round; the group's members are told (the case reference only)."""
    _refuse_if_closed(case)
    if case_access_to(actor, case) < AnalysisAccess.EDIT:
        raise ValidationError(_("Only the coordinator of the case opens a rating of the cooperation."))
    held_on = held_on or datetime.date.today()
    if RatingRound.objects.filter(case=case, held_on=held_on).exists():
        raise ValidationError({"held_on": _("A rating with this date already exists.")})
    rating_round = RatingRound.objects.create(case=case, held_on=held_on, opened_by=actor)
    record(action=Action.CREATE, actor=actor, obj=rating_round, details={"case": case.pk})
    notify(
        recipients=thread_recipients(case, exclude=actor),
        kind=Notification.Kind.SURVEY,
        message=_("Rate the cooperation of the group in case %(reference)s.") % {"reference": case.reference},
        url=reverse("cases:rating", args=[case.pk, rating_round.pk]),
    )
    return rating_round


@transaction.atomic
def rating_submit(
    *, actor, rating_round: RatingRound, scores: dict[str, int], edit_version: int | None = None
) -> Rating:
    """A member's scores (1–5) for every statement; a second submission in the same round replaces the first."""
    case = rating_round.case
    _refuse_if_closed(case)
    if not may_rate(case, actor):
        raise ValidationError(_("Only the coordinator and the current members of the case group rate it."))
    missing = sorted(set(FACTOR_OF) - set(scores))
    unknown = sorted(set(scores) - set(FACTOR_OF))
    if missing or unknown:
        raise ValidationError(_("Give a score to every statement."))
    for value in scores.values():
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError(_("A score is a whole number from 1 to 5."))
    institutions = member_institutions(case, actor)
    earlier = Rating.objects.filter(round=rating_round, user=actor).first()
    if earlier is not None:
        claim_version(earlier, edit_version=edit_version, actor=actor)
    rating, created = Rating.objects.update_or_create(
        round=rating_round, user=actor, defaults={"institution": institutions[0] if institutions else None}
    )
    if created:
        claim_version(rating, edit_version=None, actor=actor)  # who rated first, for a form opened before
    rating.answers.all().delete()
    RatingAnswer.objects.bulk_create(
        RatingAnswer(rating=rating, factor=FACTOR_OF[code], statement=code, score=value)
        for code, value in sorted(scores.items())
    )
    record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=actor,
        obj=rating,
        details={"case": case.pk, "round": rating_round.pk},
    )
    return rating


@transaction.atomic
def preparation_save(
    *, actor, case, institution, answers: dict[str, dict], edit_version: int | None = None
) -> PreparationChecklist:
    """The invited institution's preparation for the joint diagnosis: ``answers`` maps an item code to
    ``{"done": bool, "note": str}``. Filled in by the institution's member in the case group."""
    _refuse_if_closed(case)
    if institution not in member_institutions(case, actor):
        raise ValidationError(_("Only a member of the case group from this institution fills in its preparation."))
    unknown = set(answers) - set(CHECKLIST_CODES)
    if unknown:
        raise ValidationError(_("Unknown item of the checklist."))
    checklist, created = PreparationChecklist.objects.get_or_create(
        case=case, institution=institution, defaults={"filled_by": actor}
    )
    claim_version(checklist, edit_version=None if created else edit_version, actor=actor)
    if not created:
        checklist.filled_by = actor
        checklist.save(update_fields=["filled_by", "updated_at"])
    checklist.answers.all().delete()
    PreparationAnswer.objects.bulk_create(
        PreparationAnswer(
            checklist=checklist,
            item=code,
            done=bool(answers.get(code, {}).get("done")),
            note=(answers.get(code, {}).get("note") or "").strip(),
        )
        for code in CHECKLIST_CODES
    )
    record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=actor,
        obj=checklist,
        details={"case": case.pk, "institution": institution.pk},
    )
    return checklist
