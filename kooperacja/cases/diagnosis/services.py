"""Writes to the diagnosis of the situation (R-31): one transaction each, audited with ids only (R-50)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AnalysisAccess, case_access_to
from kooperacja.audit.services import Action, record
from kooperacja.cases.models import Case, DiagnosisEntry
from kooperacja.core.concurrency import claim_version

AREA_TEXT_FIELDS = ("needs", "difficulties", "resources", "help_so_far")


def require_case_runner(actor, case: Case) -> None:
    """Only who runs the case (its coordinator, a group's coordinator) writes; a closed case is read-only."""
    if case_access_to(actor, case) < AnalysisAccess.EDIT:
        raise PermissionDenied
    if case.is_closed:
        raise ValidationError(_("The case is closed: it can be read, not changed."))


@transaction.atomic
def case_interview_set(
    *,
    actor,
    case: Case,
    interview_date: datetime.date | None,
    interview_reference: str = "",
    edit_version: int | None = None,
) -> Case:
    """The date and reference of the family environmental interview (the interview stays in the OPS system)."""
    require_case_runner(actor, case)
    claim_version(case, edit_version=edit_version, actor=actor)
    case.interview_date = interview_date
    case.interview_reference = (interview_reference or "").strip()
    case.full_clean(exclude=["cooperation", "coordinator", "reference"])
    case.save(update_fields=["interview_date", "interview_reference", "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=case, details={"fields": ["interview_date", "interview_reference"]})
    return case


@transaction.atomic
def diagnosis_area_save(
    *,
    actor,
    case: Case,
    area: str,
    needs: str = "",
    difficulties: str = "",
    resources: str = "",
    help_so_far: str = "",
    edit_version: int | None = None,
) -> DiagnosisEntry:
    """Write one area of the diagnosis (its four texts, encrypted at rest)."""
    require_case_runner(actor, case)
    if area not in DiagnosisEntry.Area.values:
        raise ValidationError({"area": _("Choose an area of the diagnosis.")})
    item = DiagnosisEntry.objects.filter(case=case, area=area).first() or DiagnosisEntry(case=case, area=area)
    created = item.pk is None
    if not created:
        claim_version(item, edit_version=edit_version, actor=actor)
    values = {"needs": needs, "difficulties": difficulties, "resources": resources, "help_so_far": help_so_far}
    for name, value in values.items():
        setattr(item, name, (value or "").strip())
    item.updated_by = actor
    item.save()
    if created:
        claim_version(item, edit_version=None, actor=actor)  # who wrote it first, for a form opened before
    record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=actor,
        obj=item,
        details={"case": case.pk, "area": area},
    )
    return item
