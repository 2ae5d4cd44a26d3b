"""Writes of the intake (R-30, R-50, R-51): referrals and their decision, people, consent and sharing without it,
the qualification, break glass, the export of a person's data and retention.

Each is one transaction with an audit record naming ids only. Notifications name the reference of the case or
the referral, never a person."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import pesel as stdnum_pesel

from kooperacja.accounts.access import AnalysisAccess, case_access_to, is_administrator
from kooperacja.audit.services import Action, record
from kooperacja.cases.models import (
    BreakGlass,
    Case,
    Consent,
    ConsentOverride,
    Person,
    Referral,
)
from kooperacja.cases.services import case_open
from kooperacja.core.concurrency import claim_version
from kooperacja.core.crypto import keyed_hash
from kooperacja.core.validators import check_not_in_future
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import notify

PESEL_INVALID = gettext_lazy("This is not a valid PESEL number (11 digits with a check digit).")


def validate_pesel(value: str) -> None:
    try:
        stdnum_pesel.validate(value)
    except StdnumError:
        raise ValidationError(PESEL_INVALID, code="pesel") from None


def _require_open(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("The case is closed: it can be read, not changed."))


def _require_runs(actor, case: Case) -> None:
    """The coordinator of the case (or of its group) makes its decisions."""
    if case_access_to(actor, case) < AnalysisAccess.EDIT:
        raise ValidationError(_("Only the coordinator of the case may do this."))


def _case_url(case: Case) -> str:
    return f"/sprawy/{case.pk}/"


# --- Referrals --------------------------------------------------------------------------------------


def next_referral_reference(cooperation) -> str:
    """``Z/<gmina TERYT>/<year>/<number>``, e.g. Z/0405043/2026/004."""
    stem = f"Z/{cooperation.unit.teryt}/{datetime.date.today().year}/"
    taken = Referral.objects.filter(reference__startswith=stem).count()
    return f"{stem}{taken + 1:03d}"


def _ops_staff(cooperation):
    from kooperacja.accounts.access import ANALYSIS_EDIT_ROLES
    from kooperacja.accounts.models import User

    return list(
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=ANALYSIS_EDIT_ROLES,
            memberships__institution__kind="ops",
            memberships__institution__unit=cooperation.unit,
        ).distinct()
    )


@transaction.atomic
def referral_send(*, actor, cooperation, from_institution, kind: str, person_name: str, reason: str) -> Referral:
    """A worker of an institution serving the gmina refers a person or family to its OPS, with only the data
    needed (a name to find them, the reason). The OPS staff are told a referral waits."""
    from kooperacja.cases.intake.selectors import referral_targets

    allowed = {c.pk: {i.pk for i in institutions} for c, institutions in referral_targets(actor)}
    if from_institution.pk not in allowed.get(cooperation.pk, set()):
        raise ValidationError(_("Your institution does not serve the gmina of this cooperation."))
    if not person_name.strip() or not reason.strip():
        raise ValidationError(_("Give the name of the person or family and the reason for the referral."))
    referral = Referral.objects.create(
        cooperation=cooperation,
        from_institution=from_institution,
        sent_by=actor,
        kind=kind,
        person_name=person_name.strip(),
        reason=reason.strip(),
        reference=next_referral_reference(cooperation),
    )
    record(
        action=Action.CREATE,
        actor=actor,
        obj=referral,
        institution=from_institution,
        details={"cooperation": cooperation.pk},
    )
    notify(
        recipients=_ops_staff(cooperation),
        kind=Notification.Kind.CASE,
        url="/sprawy/",
        message=_("A new referral %(reference)s waits for the decision of the OPS.")
        % {"reference": referral.reference},
    )
    return referral


def _require_sent(referral: Referral) -> None:
    if referral.status != Referral.Status.SENT:
        raise ValidationError(_("This referral has already been decided or withdrawn."))


@transaction.atomic
def referral_withdraw(*, actor, referral: Referral) -> Referral:
    if referral.sent_by_id != actor.pk:
        raise ValidationError(_("Only the sender may withdraw a referral."))
    _require_sent(referral)
    referral.status = Referral.Status.WITHDRAWN
    referral.decided_at = timezone.now()
    referral.save(update_fields=["status", "decided_at"])
    record(action=Action.UPDATE, actor=actor, obj=referral, details={"status": referral.status})
    return referral


def _split_name(name: str) -> tuple[str, str]:
    parts = name.split()
    if len(parts) < 2:
        return name.strip(), ""
    return " ".join(parts[:-1]), parts[-1]


@transaction.atomic
def referral_accept(*, actor, referral: Referral) -> Case:
    """The OPS takes the referral: a case opens (coordinated by the actor) and the name referred becomes its
    first person. The sender learns the outcome — not the case: they see it only once they join its group and the
    consent covers their institution."""
    from kooperacja.cases.intake.selectors import is_ops_staff_of

    if not is_ops_staff_of(actor, referral.cooperation.unit):
        raise ValidationError(_("Only the OPS staff of the gmina decide referrals."))
    _require_sent(referral)
    case = case_open(actor=actor, cooperation=referral.cooperation, kind=referral.kind)
    first_name, last_name = _split_name(referral.person_name)
    person = Person.objects.create(case=case, first_name=first_name, last_name=last_name, relation=Person.Relation.MAIN)
    record(action=Action.CREATE, actor=actor, obj=person, details={"case": case.pk})
    referral.status = Referral.Status.ACCEPTED
    referral.decided_by = actor
    referral.decided_at = timezone.now()
    referral.case = case
    referral.save(update_fields=["status", "decided_by", "decided_at", "case"])
    record(action=Action.UPDATE, actor=actor, obj=referral, details={"status": referral.status, "case": case.pk})
    notify(
        recipients=[referral.sent_by],
        kind=Notification.Kind.CASE,
        url="/sprawy/",
        message=_("Your referral %(reference)s has been accepted by the OPS.") % {"reference": referral.reference},
    )
    return case


@transaction.atomic
def referral_decline(*, actor, referral: Referral, reason: str) -> Referral:
    from kooperacja.cases.intake.selectors import is_ops_staff_of

    if not is_ops_staff_of(actor, referral.cooperation.unit):
        raise ValidationError(_("Only the OPS staff of the gmina decide referrals."))
    _require_sent(referral)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason: the sender will read it.")})
    referral.status = Referral.Status.DECLINED
    referral.decided_by = actor
    referral.decided_at = timezone.now()
    referral.decline_reason = reason.strip()
    referral.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    record(action=Action.UPDATE, actor=actor, obj=referral, details={"status": referral.status})
    notify(
        recipients=[referral.sent_by],
        kind=Notification.Kind.CASE,
        url="/sprawy/",
        message=_("Your referral %(reference)s has been declined by the OPS; the reason is on the page.")
        % {"reference": referral.reference},
    )
    return referral


# --- The case ---------------------------------------------------------------------------------------


@transaction.atomic
def case_open_for_person(*, actor, cooperation, kind: str, first_name: str, last_name: str) -> Case:
    """The OPS opens a case directly (the person or family came to it): the case and its first person."""
    from kooperacja.cases.intake.selectors import is_ops_staff_of

    if not is_ops_staff_of(actor, cooperation.unit):
        raise ValidationError(_("Only the OPS staff of the gmina open cases."))
    case = case_open(actor=actor, cooperation=cooperation, kind=kind)
    person_save(actor=actor, case=case, data={"first_name": first_name, "last_name": last_name})
    return case


@transaction.atomic
def case_qualify(*, actor, case: Case, qualified: bool, decided_on: datetime.date, note: str = "") -> Case:
    """The OPS decision whether the person or family is taken into the work of the model (R-30). Qualified: the
    work goes on (planning); not qualified: the case ends."""
    _require_runs(actor, case)
    _require_open(case)
    case.qualified_on = decided_on
    case.qualified_by = actor
    case.qualification_note = note.strip()
    fields = ["qualified_on", "qualified_by", "qualification_note", "status", "updated_at"]
    if qualified:
        if case.status == Case.Status.INTAKE:
            case.status = Case.Status.PLANNING
    else:
        case.status = Case.Status.NOT_QUALIFIED
        case.closed_on = decided_on
        fields.append("closed_on")
    case.save(update_fields=fields)
    record(action=Action.UPDATE, actor=actor, obj=case, details={"status": case.status, "qualified": qualified})
    return case


@transaction.atomic
def case_interview_set(
    *,
    actor,
    case: Case,
    interview_date: datetime.date | None,
    interview_reference: str,
    edit_version: int | None = None,
) -> Case:
    """The family environmental interview is kept in the OPS system: the case holds its date and reference."""
    _require_runs(actor, case)
    _require_open(case)
    claim_version(case, edit_version=edit_version, actor=actor)
    case.interview_date = interview_date
    case.interview_reference = interview_reference.strip()
    case.save(update_fields=["interview_date", "interview_reference", "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=case, details={"fields": ["interview_date", "interview_reference"]})
    return case


# --- People -----------------------------------------------------------------------------------------

PERSON_FIELDS = ["first_name", "last_name", "pesel", "birth_date", "birth_year", "address", "relation", "notes"]


@transaction.atomic
def person_save(*, actor, case: Case, data: dict, person: Person | None = None) -> Person:
    """Add or change a person of the case. The PESEL is checked (python-stdnum) and gives the date of birth; its
    keyed hash is what the search matches. ``data`` may carry ``age`` instead of a date of birth."""
    _require_runs(actor, case)
    _require_open(case)
    if person is not None and person.case_id != case.pk:
        raise ValidationError(_("This person belongs to another case."))
    if person is not None:
        claim_version(person, edit_version=data.get("edit_version"), actor=actor)
    data = dict(data)
    age = data.pop("age", None)
    if "pesel" in data:
        number = "".join((data["pesel"] or "").split())
        if number:
            validate_pesel(number)
            data["birth_date"] = stdnum_pesel.get_birth_date(number)
        data["pesel"] = number
    if data.get("birth_date"):
        data["birth_year"] = None
    elif age is not None and age != "":
        data["birth_year"] = datetime.date.today().year - int(age)
    created = person is None
    person = person or Person(case=case)
    for name in PERSON_FIELDS:
        if name in data:
            value = data[name]
            setattr(person, name, "" if value is None and name not in ("birth_date", "birth_year") else value)
    person.pesel_hash = keyed_hash(person.pesel)
    if not person.first_name.strip():
        raise ValidationError({"first_name": _("Give the first name.")})
    person.save()
    record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=actor,
        obj=person,
        details={"case": case.pk, "fields": sorted(n for n in data if n in PERSON_FIELDS)},
    )
    return person


@transaction.atomic
def person_remove(*, actor, person: Person) -> None:
    _require_runs(actor, person.case)
    _require_open(person.case)
    record(action=Action.DELETE, actor=actor, obj=person, details={"case": person.case_id})
    person.delete()


# --- Consent ----------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *, actor, case: Case, given_on: datetime.date, given_by: str, institutions, all_team: bool = False
) -> Consent:
    """The consent of the person or family: when, who gave it, which institutions it covers. Only then do the
    group members of those institutions see the case. With ``all_team`` the family agreed to all the team's
    institutions (those serving the gmina) except the ones left out of ``institutions``: those are kept as its
    exceptions, so the sentence it signs can be rebuilt."""
    _require_runs(actor, case)
    _require_open(case)
    institutions = list(institutions)
    if not institutions:
        raise ValidationError({"institutions": _("Name at least one institution the consent covers.")})
    check_not_in_future(
        given_on,
        message=_("The date of the consent cannot be later than today — enter the day on which the consent was given."),
        field="given_on",
    )
    exceptions = []
    if all_team:
        from kooperacja.cases.intake.selectors import consent_institutions

        team = list(consent_institutions(case))
        outside = {i.pk for i in institutions} - {i.pk for i in team}
        if outside:
            raise ValidationError({"institutions": _("Choose among the institutions of the team.")})
        covered = {i.pk for i in institutions}
        exceptions = [i for i in team if i.pk not in covered]
    consent = Consent.objects.create(
        case=case, given_on=given_on, given_by=given_by.strip(), recorded_by=actor, all_team=all_team
    )
    consent.institutions.set(institutions)
    consent.exceptions.set(exceptions)
    record(
        action=Action.CREATE,
        actor=actor,
        obj=consent,
        details={
            "case": case.pk,
            "institutions": sorted(i.pk for i in institutions),
            "all_team": all_team,
            "exceptions": sorted(i.pk for i in exceptions),
        },
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent, withdrawn_on: datetime.date, note: str = "") -> Consent:
    """Withdrawal ends the joint work: the case stays as it is, but the group members it covered lose access."""
    _require_runs(actor, consent.case)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("A consent cannot be withdrawn before it was given.")})
    check_not_in_future(
        withdrawn_on,
        message=_(
            "The date of withdrawal cannot be later than today — enter the day on which the consent was withdrawn."
        ),
        field="withdrawn_on",
    )
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_note = note.strip()
    consent.save(update_fields=["withdrawn_on", "withdrawal_note"])
    record(action=Action.UPDATE, actor=actor, obj=consent, details={"case": consent.case_id, "withdrawn": True})
    return consent


@transaction.atomic
def consent_override_record(*, actor, case: Case, institution, legal_basis: str, reason: str) -> ConsentOverride:
    """Sharing the case with an institution the consent does not cover, on a legal basis (e.g. a child at risk:
    art. 12 of the act on counteracting domestic violence) — recorded with who decided and why."""
    _require_runs(actor, case)
    _require_open(case)
    if not legal_basis.strip() or not reason.strip():
        raise ValidationError(_("Give the legal basis and the reason."))
    override = ConsentOverride.objects.create(
        case=case, institution=institution, legal_basis=legal_basis.strip(), reason=reason.strip(), decided_by=actor
    )
    record(action=Action.CREATE, actor=actor, obj=override, details={"case": case.pk, "institution": institution.pk})
    return override


# --- Break glass ------------------------------------------------------------------------------------


@transaction.atomic
def break_glass_open(*, actor, case: Case, reason: str) -> BreakGlass:
    """An administrator opens a case for an hour with a written reason; logged, and the coordinator is told."""
    if not is_administrator(actor):
        raise ValidationError(_("Only an administrator may use emergency access."))
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": _("Write the reason (at least a sentence): the coordinator will read it.")})
    glass = BreakGlass.objects.create(case=case, user=actor, reason=reason.strip())
    record(action=Action.CREATE, actor=actor, obj=glass, details={"case": case.pk, "break_glass": True})
    notify(
        recipients=[case.coordinator],
        kind=Notification.Kind.CASE,
        url=_case_url(case),
        message=_("An administrator used emergency access to case %(reference)s; the reason is on its page.")
        % {"reference": case.reference},
    )
    case.__dict__.pop("_access_cache", None)
    return glass


# --- Data-subject rights (retention: intake/retention.py) ------------------------------------------


def person_export_record(*, actor, person: Person, file_format: str) -> None:
    """The export of a person's data is a read of personal data: logged with ids only."""
    record(action=Action.READ, actor=actor, obj=person, details={"case": person.case_id, "export": file_format})


@transaction.atomic
def case_staff_set(*, actor, case: Case, user, named: bool) -> None:
    """Name (or un-name) a worker of the gmina's OPS who may read the case without being in its group (R-50)."""
    _require_runs(actor, case)
    if case.is_closed:
        raise ValidationError(_("The case is closed: it can be read, not changed."))
    from kooperacja.cases.intake.selectors import ops_staff_candidates

    if named:
        if not ops_staff_candidates(case).filter(pk=user.pk).exists():
            raise ValidationError(_("Only a worker of the gmina's social assistance centre can be named."))
        case.ops_staff.add(user)
    else:
        case.ops_staff.remove(user)
    record(action=Action.UPDATE, actor=actor, obj=case, details={"ops_staff": user.pk, "named": named})
