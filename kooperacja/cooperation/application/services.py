"""Writes of the application to ROPS (R-22), the notice of an independent start (002 §3.5) and the consent
of the authorities (R-23). Each is one transaction with an audit record; a refusal is a ValidationError with a
Polish message (or PermissionDenied for someone who may not act at all), and nothing is half-written.

The lifecycle: draft → submitted → assigned → answered for an application, draft → submitted → acknowledged
for a notice; an open one may be withdrawn. A cooperation has one that is not withdrawn at most."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.accounts.access import is_rops_staff_for
from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.cooperation.application.selectors import coordinators_of, rops_staff_of
from kooperacja.cooperation.models import AuthorityConsent, CooperationRole, RopsApplication, Step
from kooperacja.cooperation.services import cooperation_role_add, step_mark
from kooperacja.core.concurrency import claim_version
from kooperacja.documents.uploads import check_document

Status = RopsApplication.Status
Kind = RopsApplication.Kind

CONTACT_FIELDS = {"contact_name", "contact_function", "contact_phone", "contact_email"}
KIND_FIELDS = {
    Kind.APPLICATION: CONTACT_FIELDS | {"support", "description", "analysis"},
    Kind.NOTICE: CONTACT_FIELDS | {"actions_taken", "agreement_file", "agreement_in_platform", "description"},
}
CONSENT_FIELDS = {"authority", "unit", "person_name", "decision", "decided_on", "reference", "document"}


def document_check(upload) -> None:
    """A scan of a decision or an agreement: see documents.uploads.check_document."""
    check_document(upload)


def _link(application: RopsApplication) -> str:
    return reverse("cooperation:application", args=[application.cooperation_id])


def _clean_support(codes, field: str) -> list[str]:
    codes = list(dict.fromkeys(codes or []))
    unknown = [c for c in codes if c not in RopsApplication.Support.values]
    if unknown:
        raise ValidationError({field: _("Unknown form of support.")})
    return codes


def _check_analysis(cooperation, analysis) -> None:
    if analysis is not None and analysis.unit_id != cooperation.unit_id:
        raise ValidationError({"analysis": _("Attach an analysis of the gmina of this cooperation.")})


def _check_institutions(cooperation, institutions) -> None:
    gminas = [cooperation.unit, *cooperation.other_units.all()]
    allowed = {u.pk for u in gminas} | {u.parent_id for u in gminas}
    if any(i.unit_id not in allowed for i in institutions):
        raise ValidationError({"institutions": _("Choose institutions of the gmina or its county.")})


def _apply(application: RopsApplication, data: dict) -> list[str]:
    data = {k: v for k, v in data.items() if k in KIND_FIELDS[application.kind]}
    if "support" in data:
        data["support"] = _clean_support(data["support"], "support")
    if "analysis" in data:
        _check_analysis(application.cooperation, data["analysis"])
    upload = data.get("agreement_file")
    if upload and not isinstance(upload, FieldFile):  # a new file, not the one kept from before
        document_check(upload)
    fields = changed_fields(application, data)
    for name in fields:
        setattr(application, name, data[name])
    return fields


@transaction.atomic
def application_create(
    *, actor, cooperation, kind: str = Kind.APPLICATION, data: dict | None = None, institutions=None
) -> RopsApplication:
    """Start a draft of the application (or notice) of ``cooperation``; one that is not withdrawn at a time."""
    if kind not in Kind.values:
        raise ValidationError(_("Unknown kind of application."))
    if cooperation.rops_applications.exclude(status=Status.WITHDRAWN).exists():
        raise ValidationError(_("This cooperation already has an application or notice to ROPS."))
    application = RopsApplication(cooperation=cooperation, kind=kind, created_by=actor)
    _apply(application, data or {})
    application.full_clean(exclude=["institutions"])
    application.save()
    if institutions is not None and kind == Kind.NOTICE:
        _check_institutions(cooperation, institutions)
        application.institutions.set(institutions)
    record(action=Action.CREATE, actor=actor, obj=application, details={"cooperation": cooperation.pk, "kind": kind})
    return application


def _locked(application: RopsApplication) -> RopsApplication:
    """The row again, locked: two clicks on "send" run one after the other and the second is refused."""
    fresh = RopsApplication.objects.select_for_update().get(pk=application.pk)
    for name in ("status", "submitted_at", "animator_id", "answered_at", "acknowledged_at", "withdrawn_at"):
        setattr(application, name, getattr(fresh, name))
    return application


@transaction.atomic
def application_update(*, actor, application: RopsApplication, data: dict, institutions=None) -> RopsApplication:
    """Change a draft; once sent, it is ROPS's to read and the gmina's only to withdraw."""
    claim_version(application, edit_version=data.get("edit_version"), actor=actor)
    _locked(application)
    if application.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed: this one has been sent to ROPS."))
    fields = _apply(application, data)
    if fields:
        application.full_clean(exclude=["institutions"])
        application.save(update_fields=[*fields, "updated_at"])
    if institutions is not None and application.kind == Kind.NOTICE:
        _check_institutions(application.cooperation, institutions)
        before = set(application.institutions.values_list("pk", flat=True))
        if before != {i.pk for i in institutions}:
            application.institutions.set(institutions)
            fields.append("institutions")
    if fields:
        record(action=Action.UPDATE, actor=actor, obj=application, details={"fields": fields})
    return application


def _check_contact(application: RopsApplication) -> dict:
    errors = {}
    if not application.contact_name.strip():
        errors["contact_name"] = [_("Give the contact person.")]
    if not (application.contact_phone.strip() or application.contact_email.strip()):
        errors["contact_phone"] = [_("Give a phone number or an e-mail address of the contact person.")]
    return errors


def _send(*, actor, application: RopsApplication, kind: str, errors: dict) -> None:
    _locked(application)
    if application.kind != kind:
        raise ValidationError(_("This is not the right kind of document for this action."))
    if application.status != Status.DRAFT:
        raise ValidationError(_("It has already been sent to ROPS."))
    errors = _check_contact(application) | errors
    if errors:
        raise ValidationError(errors)
    application.status = Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.submitted_by = actor
    application.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=application, details={"status": Status.SUBMITTED})


@transaction.atomic
def application_submit(*, actor, application: RopsApplication) -> RopsApplication:
    """Send the application to the ROPS of the voivodeship. Needs a contact and at least one form of support;
    an incomplete analysis is only a warning (selectors.application_warnings)."""
    errors = {}
    if not application.support:
        errors["support"] = [_("Choose at least one form of support.")]
    _send(actor=actor, application=application, kind=Kind.APPLICATION, errors=errors)
    unit = application.cooperation.unit
    notify_users(
        recipients=rops_staff_of(unit),
        message=_("The gmina %(gmina)s applies for the support of ROPS in the Model Kooperacji.")
        % {"gmina": unit.name},
        url=reverse("cooperation:rops_inbox"),
        key=f"rops-application-{application.pk}-submitted",
    )
    step_mark(actor=actor, cooperation=application.cooperation, kind="application", status=Step.Status.IN_PROGRESS)
    return application


@transaction.atomic
def notice_submit(*, actor, application: RopsApplication) -> RopsApplication:
    """Tell ROPS that the gmina has started the cooperation on its own (002 §3.5): the step is then done."""
    errors = {}
    if not application.actions_taken.strip():
        errors["actions_taken"] = [_("Describe the actions taken to start the cooperation.")]
    if not application.institutions.exists():
        errors["institutions"] = [_("Choose the institutions that joined the cooperation.")]
    _send(actor=actor, application=application, kind=Kind.NOTICE, errors=errors)
    unit = application.cooperation.unit
    notify_users(
        recipients=rops_staff_of(unit),
        message=_("The gmina %(gmina)s informs ROPS that it has started the Model Kooperacji on its own.")
        % {"gmina": unit.name},
        url=reverse("cooperation:rops_inbox"),
        key=f"rops-application-{application.pk}-submitted",
    )
    step_mark(actor=actor, cooperation=application.cooperation, kind="application", status=Step.Status.DONE)
    return application


@transaction.atomic
def application_withdraw(*, actor, application: RopsApplication) -> RopsApplication:
    """Withdraw a draft, or one ROPS has not answered yet; a new one may then be started."""
    _locked(application)
    if application.status not in RopsApplication.OPEN_STATUSES:
        raise ValidationError(_("An answered or acknowledged application cannot be withdrawn."))
    was_sent = application.status != Status.DRAFT
    application.status = Status.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["status", "withdrawn_at", "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=application, details={"status": Status.WITHDRAWN})
    if was_sent:
        recipients = (
            [application.animator] if application.animator_id else list(rops_staff_of(application.cooperation.unit))
        )
        notify_users(
            recipients=recipients,
            message=_("The gmina %(gmina)s has withdrawn its application to ROPS.")
            % {"gmina": application.cooperation.unit.name},
            url=reverse("cooperation:rops_inbox"),
        )
    return application


def _require_rops(actor, application: RopsApplication) -> None:
    if not is_rops_staff_for(actor, application.cooperation.unit):
        raise PermissionDenied


@transaction.atomic
def application_assign(*, actor, application: RopsApplication, animator) -> RopsApplication:
    """ROPS names the regional animator who will accompany the gmina: they get the role in the cooperation."""
    _require_rops(actor, application)
    _locked(application)
    if application.kind != Kind.APPLICATION or application.status not in (Status.SUBMITTED, Status.ASSIGNED):
        raise ValidationError(_("A regional animator is assigned to a sent application that has not been answered."))
    cooperation = application.cooperation
    if animator is None or not is_rops_staff_for(animator, cooperation.unit):
        raise ValidationError({"animator": _("Choose a worker of the ROPS of this voivodeship.")})
    previous = application.animator
    if previous is not None and previous.pk == animator.pk and application.status == Status.ASSIGNED:
        return application
    if previous is not None and previous.pk != animator.pk:
        old = cooperation.roles.filter(user=previous, role=CooperationRole.Role.ROPS_ANIMATOR).first()
        if old is not None:
            record(action=Action.DELETE, actor=actor, obj=old, details={"cooperation": cooperation.pk})
            old.delete()
    application.status = Status.ASSIGNED
    application.animator = animator
    application.assigned_at = timezone.now()
    application.assigned_by = actor
    application.save(update_fields=["status", "animator", "assigned_at", "assigned_by", "updated_at"])
    cooperation_role_add(actor=actor, cooperation=cooperation, user=animator, role=CooperationRole.Role.ROPS_ANIMATOR)
    record(
        action=Action.UPDATE,
        actor=actor,
        obj=application,
        details={"status": Status.ASSIGNED, "animator": animator.pk},
    )
    if animator.pk != getattr(actor, "pk", None):
        notify_users(
            recipients=[animator],
            message=_("You are the regional animator for the cooperation in the gmina %(gmina)s.")
            % {"gmina": cooperation.unit.name},
            url=_link(application),
        )
    notify_users(
        recipients=coordinators_of(cooperation),
        message=_("ROPS has assigned a regional animator to your application."),
        url=_link(application),
    )
    return application


@transaction.atomic
def application_answer(*, actor, application: RopsApplication, agreed_support, answer: str) -> RopsApplication:
    """ROPS answers with the agreed forms of support: the step "application to ROPS" is then done."""
    _require_rops(actor, application)
    _locked(application)
    if application.kind != Kind.APPLICATION:
        raise ValidationError(_("A notice is acknowledged, not answered."))
    if application.status == Status.SUBMITTED:
        raise ValidationError(_("Assign a regional animator first."))
    if application.status != Status.ASSIGNED:
        raise ValidationError(_("Only an application with an assigned animator can be answered."))
    agreed_support = _clean_support(agreed_support, "agreed_support")
    answer = (answer or "").strip()
    if not agreed_support and not answer:
        raise ValidationError({"agreed_support": _("Choose the agreed forms of support or write an answer.")})
    application.status = Status.ANSWERED
    application.agreed_support = agreed_support
    application.answer = answer
    application.answered_at = timezone.now()
    application.answered_by = actor
    application.save(update_fields=["status", "agreed_support", "answer", "answered_at", "answered_by", "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=application, details={"status": Status.ANSWERED})
    notify_users(
        recipients=coordinators_of(application.cooperation),
        message=_("ROPS has answered your application: see the agreed forms of support."),
        url=_link(application),
        key=f"rops-application-{application.pk}-answered",
    )
    step_mark(actor=actor, cooperation=application.cooperation, kind="application", status=Step.Status.DONE)
    return application


@transaction.atomic
def notice_acknowledge(*, actor, application: RopsApplication) -> RopsApplication:
    """ROPS confirms it has taken note of the independent start."""
    _require_rops(actor, application)
    _locked(application)
    if application.kind != Kind.NOTICE or application.status != Status.SUBMITTED:
        raise ValidationError(_("Only a sent notice can be acknowledged."))
    application.status = Status.ACKNOWLEDGED
    application.acknowledged_at = timezone.now()
    application.acknowledged_by = actor
    application.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "updated_at"])
    record(action=Action.UPDATE, actor=actor, obj=application, details={"status": Status.ACKNOWLEDGED})
    notify_users(
        recipients=coordinators_of(application.cooperation),
        message=_("ROPS has acknowledged the notice of your independent start."),
        url=_link(application),
        key=f"rops-application-{application.pk}-acknowledged",
    )
    return application


def notify_users(*, recipients, message: str, url: str, key: str = "") -> None:
    from kooperacja.notifications.models import Notification
    from kooperacja.notifications.services import notify

    notify(recipients=list(recipients), kind=Notification.Kind.APPLICATION, message=message, url=url, key=key)


# --- Consent of the authorities (R-23) ----------------------------------------------------------------


@transaction.atomic
def consent_record(*, actor, cooperation, data: dict) -> AuthorityConsent:
    """Record the decision of the wójt/burmistrz/prezydent (of one of the cooperation's gminas) or of the
    starosta (of their county). An acceptance marks the step "consent" done where the template has one
    (the rural variant); the urban-rural template decides at the meeting with the authorities instead."""
    data = {k: v for k, v in data.items() if k in CONSENT_FIELDS}
    consent = AuthorityConsent(cooperation=cooperation, recorded_by=actor, **data)
    errors = {}
    unit, authority = data.get("unit"), data.get("authority")
    gminas = [cooperation.unit, *cooperation.other_units.all()]
    if unit is not None and authority:
        if authority == AuthorityConsent.Authority.STAROSTA:
            if unit.pk not in {g.parent_id for g in gminas}:
                errors["unit"] = [_("The starosta decides for the county of the cooperation's gmina.")]
        elif unit.pk not in {g.pk for g in gminas}:
            errors["unit"] = [_("The wójt, burmistrz or prezydent decides for a gmina of the cooperation.")]
    decided_on = data.get("decided_on")
    if decided_on is not None and decided_on > timezone.localdate():
        errors["decided_on"] = [
            _("The date of the decision cannot be later than today — enter the day on which the authority decided.")
        ]
    if data.get("document"):
        try:
            document_check(data["document"])
        except ValidationError as error:
            errors["document"] = error.messages
    if errors:
        raise ValidationError(errors)
    consent.full_clean()
    consent.save()
    record(
        action=Action.CREATE,
        actor=actor,
        obj=consent,
        details={"cooperation": cooperation.pk, "authority": consent.authority, "decision": consent.decision},
    )
    if consent.decision == AuthorityConsent.Decision.ACCEPTED:
        step_mark(actor=actor, cooperation=cooperation, kind="consent", status=Step.Status.DONE)
    return consent
