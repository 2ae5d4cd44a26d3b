"""Retention (R-51): the personal data of a closed case are erased once its period has passed, wherever the
platform wrote them; the case stays for the statistics (dates, status, kind, the number and relations of its
people).

Each case is erased in its own transaction and marked (``Case.anonymised_on``) in the same one, so a run killed
half-way leaves every case either untouched or fully erased, and the next run simply goes on. Files are removed
inside that transaction: a kill after a removal rolls the rows back, and removing a missing file again is
harmless. The platform keeps no generated document (annex PDFs, exports) on disk — they are produced per request
— so the uploaded attachments of the case's messages are the only files a case owns."""

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kooperacja.audit.services import Action, record
from kooperacja.cases.intake.selectors import case_models, encrypted_fields
from kooperacja.cases.models import (
    Case,
    CaseGroup,
    ClosureProposal,
    Consent,
    CoordinationHandover,
    GroupMembership,
    MessageAttachment,
    Person,
    Referral,
)
from kooperacja.meetings.models import Invitation, Meeting, RuleOverride

# What stays where a value is required (a check constraint or a non-empty column): no name, just a dash.
ERASED = "—"


def retention_years(years: int | None = None) -> int:
    """The retention period in whole years: ``years`` if given, else ``CASE_RETENTION_YEARS``. Never negative."""
    years = settings.CASE_RETENTION_YEARS if years is None else years
    if years < 0:
        raise ValidationError(
            _("The retention period cannot be negative (given: %(years)s years). Give 0 to erase every closed case.")
            % {"years": years}
        )
    return years


def retention_cutoff(years: int, today: datetime.date | None = None) -> datetime.date:
    """The last closing day whose cases are due: ``years`` years before ``today`` (0: today itself)."""
    today = today or datetime.date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def cases_due(*, years: int, today: datetime.date | None = None) -> list[int]:
    """Ids of the closed cases not yet anonymised that were closed at least ``years`` years ago; with 0 every
    closed case, one closed today included."""
    closed = Case.objects.filter(status__in=[Case.Status.CLOSED, Case.Status.NOT_QUALIFIED], anonymised_on__isnull=True)
    if years > 0:
        closed = closed.filter(closed_on__lte=retention_cutoff(retention_years(years), today))
    return list(closed.order_by("closed_on", "pk").values_list("pk", flat=True))


def _is_history(model: type[models.Model]) -> bool:
    """A django-simple-history table (``HistoricalRecords``), should a model of a case ever get one."""
    return hasattr(model, "instance_type") and model.__name__.startswith("Historical")


def _blank(model: type[models.Model]) -> dict[str, object]:
    return {f.name: None if f.null else "" for f in encrypted_fields(model)}


def _case_files(case_id: int) -> Iterator[Path]:
    """The folder of the case's message attachments (``messages.attachment_path``), orphans included."""
    folder = Path(settings.MEDIA_ROOT) / "case_messages" / str(case_id)
    if folder.is_dir():
        yield folder


def _groups_all_erased(case: Case) -> list[int]:
    """The case groups of ``case`` whose every case is erased (this one counting as erased): their close persons'
    names and handover reasons can go. A group serving another, still-kept case keeps them."""
    groups = CaseGroup.objects.filter(cases=case)
    kept = Case.objects.filter(groups__in=groups, anonymised_on__isnull=True).exclude(pk=case.pk)
    return list(groups.exclude(cases__in=kept).values_list("pk", flat=True))


@transaction.atomic
def case_anonymise(*, case_id: int, actor=None) -> bool:
    """Erase the personal data of one closed case: names, PESEL and its search hash, dates of birth, addresses,
    every encrypted text of every record of the case (consent, acknowledgements of the plan, messages and the
    names of their attachments, the agendas and minutes of its meetings, reports, evaluations, diagnosis …),
    what its meetings hold in plain text (place, reasons, names of invitees without an account), the close
    persons' names and the attachments' files. Returns False when there was nothing to do (not closed, or
    already erased): safe to call again."""
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None or not case.is_closed or case.anonymised_on is not None:
        return False
    Person.objects.filter(case=case).update(
        first_name="", last_name="", pesel="", pesel_hash="", birth_date=None, birth_year=None, address="", notes=""
    )
    Referral.objects.filter(case=case).update(person_name="", reason="", decline_reason="")
    Consent.objects.filter(case=case).update(given_by="", withdrawal_note="")
    # The justification of a proposal for "another reason" must not be empty (a check constraint).
    ClosureProposal.objects.filter(case=case, reason=ClosureProposal.Reason.OTHER).update(note=ERASED)
    for model, path in case_models():
        if _is_history(model):
            # A change-history table keeps every old value: its rows of the case go whole.
            model._default_manager.filter(**{path: case}).delete()
            continue
        if model is ClosureProposal:
            ClosureProposal.objects.filter(case=case).exclude(reason=ClosureProposal.Reason.OTHER).update(note="")
            continue
        blank = _blank(model)
        if blank:
            model._default_manager.filter(**{path: case}).update(**blank)
    # Plain text of the case's meetings: a place may be the family's home, a reason or an invitee may name them.
    meetings = Meeting.objects.filter(case=case)
    meetings.update(place=ERASED)
    meetings.exclude(cancel_reason="").update(cancel_reason=ERASED)
    RuleOverride.objects.filter(meeting__in=meetings).update(reason=ERASED)
    Invitation.objects.filter(meeting__in=meetings, user__isnull=True).update(person_name=ERASED)
    Invitation.objects.filter(meeting__in=meetings).exclude(deputy_name="").update(deputy_name=ERASED)
    groups = _groups_all_erased(case)
    GroupMembership.objects.filter(group__in=groups, user__isnull=True).update(name=ERASED)
    CoordinationHandover.objects.filter(group__in=groups).update(reason="")
    for attachment in MessageAttachment.objects.filter(message__case=case).exclude(file=""):
        attachment.file.delete(save=False)  # through the storage, wherever it keeps the files
    MessageAttachment.objects.filter(message__case=case).update(file="", original_name="")
    for folder in _case_files(case.pk):
        shutil.rmtree(folder, ignore_errors=True)  # orphans left by an interrupted upload
    case.qualification_note = ""
    case.interview_reference = ""
    case.anonymised_on = datetime.date.today()
    case.save(update_fields=["qualification_note", "interview_reference", "anonymised_on"])
    record(action=Action.UPDATE, actor=actor, obj=case, details={"anonymised": True})
    return True


def cases_anonymise(*, closed_before: datetime.date, actor=None) -> list[int]:
    """Erase every closed case closed before ``closed_before``, each in its own transaction. Returns the ids."""
    ids = Case.objects.filter(
        Q(closed_on__lt=closed_before),
        status__in=[Case.Status.CLOSED, Case.Status.NOT_QUALIFIED],
        anonymised_on__isnull=True,
    ).values_list("pk", flat=True)
    return [pk for pk in list(ids) if case_anonymise(case_id=pk, actor=actor)]


@transaction.atomic
def referrals_anonymise(*, years: int, actor=None, today: datetime.date | None = None) -> int:
    """Declined and withdrawn referrals keep no name or reason past the retention period (0: none at all)."""
    stale = Referral.objects.filter(status__in=[Referral.Status.DECLINED, Referral.Status.WITHDRAWN]).exclude(
        person_name="", reason="", decline_reason=""
    )
    if years > 0:
        stale = stale.filter(decided_at__date__lte=retention_cutoff(retention_years(years), today))
    return stale.update(person_name="", reason="", decline_reason="")
