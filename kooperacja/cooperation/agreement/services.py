"""Writes to the declaration/agreement of cooperation (R-25): creating it from the template of its kind, editing
its text while the parties negotiate, its parties and their signatures, and signing it — which establishes the
team. After signing the agreement stays open: a later signature is an accession, added to the team and told to
the other parties. Each function is one transaction with an audit record; refusals are ValidationErrors."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.cooperation.agreement import texts
from kooperacja.cooperation.models import Agreement, AgreementParty, Cooperation
from kooperacja.core.concurrency import claim_version
from kooperacja.core.validators import check_not_in_future
from kooperacja.documents.uploads import check_document

EDITABLE_FIELDS = set(Agreement.TEXT_FIELDS) | {"proposed_changes"}
MIN_SIGNED_PARTIES = 2


def default_kind(cooperation: Cooperation) -> str:
    """Annex 5 (the G-PZK agreement) for the rural variant, annex 4 (the agreement) for the urban-rural one."""
    if cooperation.variant == Cooperation.Variant.RURAL:
        return Agreement.Kind.GPZK_AGREEMENT
    return Agreement.Kind.AGREEMENT


def scan_validate(file) -> None:
    """A scan of a signed page: see documents.uploads.check_document."""
    check_document(file, field="scan")


def _refuse_if_frozen(agreement: Agreement) -> None:
    if agreement.is_frozen:
        raise ValidationError(_("The agreement has been signed: its text can no longer be changed."))


@transaction.atomic
def agreement_create(*, actor, cooperation: Cooperation, kind: str | None = None) -> Agreement:
    """Start the declaration or agreement of ``cooperation``; its text comes from the template of ``kind``
    (by default the kind of the cooperation's variant). A cooperation has one current agreement (the newest)."""
    kind = kind or default_kind(cooperation)
    if kind not in Agreement.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    if cooperation.agreements.exclude(status=Agreement.Status.SIGNED).exists():
        raise ValidationError(_("The cooperation already has an agreement being prepared."))
    agreement = Agreement(
        cooperation=cooperation, kind=kind, created_by=actor, **texts.template_for(kind, gmina=cooperation.unit.name)
    )
    agreement.full_clean()
    agreement.save()
    record(action=Action.CREATE, actor=actor, obj=agreement, details={"cooperation": cooperation.pk, "kind": kind})
    return agreement


@transaction.atomic
def agreement_update(*, actor, agreement: Agreement, data: dict) -> Agreement:
    """Change the text while the agreement is a draft or negotiated; a signed agreement is frozen."""
    claim_version(agreement, edit_version=data.get("edit_version"), actor=actor)
    _refuse_if_frozen(agreement)
    data = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    fields = changed_fields(agreement, data)
    if not fields:
        return agreement
    for name in fields:
        setattr(agreement, name, data[name])
    agreement.full_clean()
    agreement.save(update_fields=[*fields, "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=agreement, details={"fields": fields})
    return agreement


@transaction.atomic
def agreement_negotiate(*, actor, agreement: Agreement) -> Agreement:
    """draft → negotiated: the text has gone to the parties for their proposals."""
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError(_("Only a draft can be passed to the parties for negotiation."))
    if not agreement.parties.exists():
        raise ValidationError(_("Add the institutions invited to the agreement first."))
    agreement.status = Agreement.Status.NEGOTIATED
    agreement.save(update_fields=["status", "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=agreement, details={"fields": ["status"], "status": "negotiated"})
    return agreement


@transaction.atomic
def agreement_sign(*, actor, agreement: Agreement, signed_on: datetime.date | None = None):
    """draft/negotiated → signed, once at least two parties have signed (002 §3.4: the parties may sign at the
    meeting itself). The text is frozen, the team is established from the signed parties (their institutions as
    core members, their signatories as representatives) and the cooperation's "agreement" step is done.
    Returns the team."""
    from kooperacja.cooperation.services import step_mark
    from kooperacja.cooperation.team.services import team_create_from_agreement

    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == Agreement.Status.SIGNED:
        raise ValidationError(_("The agreement has already been signed."))
    signed = list(agreement.parties.filter(status=AgreementParty.Status.SIGNED))
    if len(signed) < MIN_SIGNED_PARTIES:
        raise ValidationError(_("At least two parties must sign before the agreement is concluded."))
    signed_on = signed_on or max(p.signed_on for p in signed)
    agreement.status = Agreement.Status.SIGNED
    agreement.signed_on = signed_on
    agreement.save(update_fields=["status", "signed_on", "updated_at"])
    AgreementParty.objects.filter(pk__in=[p.pk for p in signed], joined_on__isnull=True).update(joined_on=signed_on)
    record(action=Action.UPDATE, actor=actor, obj=agreement, details={"fields": ["status"], "status": "signed"})
    team = team_create_from_agreement(actor=actor, agreement=agreement)
    step_mark(actor=actor, cooperation=agreement.cooperation, kind="agreement")
    return team


@transaction.atomic
def party_add(
    *, actor, agreement: Agreement, institution, signatory_name: str = "", signatory_function: str = ""
) -> AgreementParty:
    """Invite ``institution`` (one serving a gmina of the cooperation) to the agreement. After signing, this is
    the start of an accession: the party joins when its signature is recorded."""
    from kooperacja.cooperation.agreement.selectors import institutions_for

    if not institutions_for(agreement.cooperation).filter(pk=institution.pk).exists():
        raise ValidationError({"institution": _("The institution does not act in the cooperation's gminas.")})
    if agreement.parties.filter(institution=institution).exists():
        raise ValidationError({"institution": _("The institution is already a party to the agreement.")})
    party = AgreementParty(
        agreement=agreement,
        institution=institution,
        signatory_name=signatory_name,
        signatory_function=signatory_function,
        accession=agreement.is_frozen,
    )
    party.full_clean()
    party.save()
    record(action=Action.CREATE, actor=actor, obj=party, details={"agreement": agreement.pk})
    return party


@transaction.atomic
def party_update(*, actor, party: AgreementParty, signatory_name: str, signatory_function: str) -> AgreementParty:
    """Correct the signatory of a party that has not signed yet."""
    if party.status == AgreementParty.Status.SIGNED:
        raise ValidationError(_("The party has signed: its signatory can no longer be changed."))
    data = {"signatory_name": signatory_name, "signatory_function": signatory_function}
    fields = changed_fields(party, data)
    if fields:
        for name in fields:
            setattr(party, name, data[name])
        party.save(update_fields=fields)
        record(action=Action.UPDATE, actor=actor, obj=party, details={"fields": fields})
    return party


@transaction.atomic
def party_sign(
    *,
    actor,
    party: AgreementParty,
    signed_on: datetime.date,
    scan=None,
    signatory_name: str | None = None,
    signatory_function: str | None = None,
) -> AgreementParty:
    """Record the party's signature: the date and, optionally, the scan of the signed page. When the agreement
    is already signed this is an accession: the institution joins the team (as a supplementary member) and the
    other parties are notified."""
    if party.status == AgreementParty.Status.SIGNED:
        raise ValidationError(_("The party has already signed."))
    if signatory_name is not None:
        party.signatory_name = signatory_name
    if signatory_function is not None:
        party.signatory_function = signatory_function
    if not party.signatory_name.strip() or not party.signatory_function.strip():
        raise ValidationError(_("Give the name and function of the person who signed for the institution."))
    if signed_on is None:
        raise ValidationError({"signed_on": _("Give the date of the signature.")})
    check_not_in_future(
        signed_on,
        message=_("The date of signing cannot be later than today — enter the day on which the agreement was signed."),
        field="signed_on",
    )
    if scan:
        scan_validate(scan)
        party.scan = scan
    agreement = party.agreement
    party.status = AgreementParty.Status.SIGNED
    party.signed_on = signed_on
    party.declined_reason = ""
    if agreement.is_frozen:
        party.accession = True
        party.joined_on = signed_on
    party.full_clean(exclude=["scan"])
    party.save()
    details = {"agreement": agreement.pk, "accession": party.accession, "scan": bool(scan)}
    record(action=Action.UPDATE, actor=actor, obj=party, details={"fields": ["status"], "status": "signed", **details})
    if agreement.is_frozen:
        _accede(actor=actor, party=party)
    return party


def _accede(*, actor, party: AgreementParty) -> None:
    from kooperacja.cooperation.team.selectors import current_team
    from kooperacja.cooperation.team.services import team_member_add
    from kooperacja.notifications.models import Notification
    from kooperacja.notifications.services import notify

    agreement = party.agreement
    team = current_team(agreement.cooperation)
    if team is not None and not team.members.filter(institution=party.institution, left_on__isnull=True).exists():
        team_member_add(
            actor=actor,
            team=team,
            institution=party.institution,
            representative_name=party.signatory_name,
            joined_on=party.signed_on,
        )
    from kooperacja.cooperation.agreement.selectors import accession_recipients

    notify(
        recipients=[u for u in accession_recipients(party) if actor is None or u.pk != actor.pk],
        kind=Notification.Kind.AGREEMENT,
        message=_("%(institution)s has joined the agreement “%(title)s”.")
        % {"institution": party.institution.name, "title": agreement.title},
        url=reverse("cooperation:agreement", args=[agreement.cooperation_id]),
        key=f"agreement-accession-{party.pk}",
    )


@transaction.atomic
def party_decline(*, actor, party: AgreementParty, reason: str) -> AgreementParty:
    """Record that the institution does not join, with its reason (002 §3.4: some say cooperation is already
    their duty by law)."""
    if party.status == AgreementParty.Status.SIGNED:
        raise ValidationError(_("The party has signed: it cannot decline now."))
    if not reason.strip():
        raise ValidationError({"declined_reason": _("Give the reason the institution gave for declining.")})
    party.status = AgreementParty.Status.DECLINED
    party.declined_reason = reason.strip()
    party.save(update_fields=["status", "declined_reason"])
    record(action=Action.UPDATE, actor=actor, obj=party, details={"fields": ["status"], "status": "declined"})
    return party


@transaction.atomic
def party_remove(*, actor, party: AgreementParty) -> None:
    """Take an invited institution off the list (a mistake); signatures and refusals stay on record."""
    if party.status != AgreementParty.Status.INVITED:
        raise ValidationError(_("Only an institution that has neither signed nor declined can be removed."))
    record(action=Action.DELETE, actor=actor, obj=party, details={"agreement": party.agreement_id})
    party.delete()
