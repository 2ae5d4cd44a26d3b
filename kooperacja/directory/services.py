"""Writes to the directory. Each is one transaction with an audit record; django-simple-history keeps the values."""

from django.db import transaction

from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.core.concurrency import claim_version
from kooperacja.directory import taxonomy
from kooperacja.directory.models import (
    ContactPerson,
    Institution,
    Phone,
    Problem,
    ResourceCardNote,
    Service,
    Specialist,
)
from kooperacja.directory.search import SEARCHED_FIELDS, document_of, search_text_update

INSTITUTION_FIELDS = {
    "name",
    "short_name",
    "kind",
    "level",
    "unit",
    "street",
    "postal_code",
    "city",
    "email",
    "website",
    "opening_hours",
    "opens_at",
    "closes_at",
    "working_days",
    "regon",
    "nip",
    "krs",
    "status",
    "notes",
    *("confirmed_at", "confirmed_by", "confirmed_by_email"),  # given by an imported file (HSDS assured_date)
}
SERVICE_FIELDS = {"name", "description", "target_group", "legal_basis", "how_to_access"}
SERVICE_FIELDS |= {"confirmed_at", "confirmed_by", "confirmed_by_email"}


def _related(data: dict) -> dict:
    return {key: data.pop(key) for key in ("other_units", "phones", "contacts", "specialists") if key in data}


@transaction.atomic
def institution_create(*, actor, name: str, kind: str, unit, uid=None, **data) -> Institution:
    """Create an entry. ``data`` may hold any of INSTITUTION_FIELDS and the related lists:
    ``other_units`` (units), ``phones`` [(number, description)], ``contacts`` [(name, function, phone, email)],
    ``specialists`` {kind: count}. ``uid`` keeps an identifier given by an imported file."""
    related = _related(data)
    unknown = set(data) - INSTITUTION_FIELDS
    if unknown:
        raise TypeError(f"unknown institution fields: {sorted(unknown)}")
    institution = Institution(name=name, kind=kind, unit=unit, **data)
    if uid:
        institution.uid = uid
    institution._change_reason = "create"
    institution.full_clean()
    institution.search_text = document_of(institution)  # no services yet
    institution.save()
    _set_related(institution, related)
    record(action=Action.CREATE, actor=actor, obj=institution, institution=institution)
    return institution


@transaction.atomic
def institution_update(*, actor, institution: Institution, data: dict, edit_version: int | None = None) -> Institution:
    data = dict(data)
    claim_version(institution, edit_version=data.pop("edit_version", edit_version), actor=actor)
    related = _related(data)
    data = {k: v for k, v in data.items() if k in INSTITUTION_FIELDS}
    fields = changed_fields(institution, data)
    for name in fields:
        setattr(institution, name, data[name])
    if fields:
        institution.full_clean()
        institution.save(update_fields=[*fields, "updated_at"])
    if SEARCHED_FIELDS.intersection(fields):
        search_text_update(institution)
    related_changed = _set_related(institution, related)
    if fields or related_changed:
        record(
            action=Action.UPDATE,
            actor=actor,
            obj=institution,
            institution=institution,
            details={"fields": fields + related_changed},
        )
    return institution


def _set_related(institution: Institution, related: dict) -> list[str]:
    """Replace the related lists that are given; returns the names of those that changed."""
    changed = []
    if "other_units" in related:
        new = {u.pk for u in related["other_units"]}
        if new != set(institution.other_units.values_list("pk", flat=True)):
            institution.other_units.set(new)
            changed.append("other_units")
    if "phones" in related:
        new = [(n.strip(), d.strip()) for n, d in related["phones"] if n.strip()]
        if new != list(institution.phones.values_list("number", "description")):
            institution.phones.all().delete()
            Phone.objects.bulk_create([Phone(institution=institution, number=n, description=d) for n, d in new])
            changed.append("phones")
    if "contacts" in related:
        new = [tuple(v.strip() for v in c) for c in related["contacts"] if c[0].strip()]
        if new != list(institution.contacts.values_list("name", "function", "phone", "email")):
            institution.contacts.all().delete()
            ContactPerson.objects.bulk_create(
                [ContactPerson(institution=institution, name=n, function=f, phone=p, email=e) for n, f, p, e in new]
            )
            changed.append("contacts")
    if "specialists" in related:
        new = {k: c for k, c in related["specialists"].items() if c}
        if new != dict(institution.specialists.values_list("kind", "count")):
            institution.specialists.all().delete()
            Specialist.objects.bulk_create(
                [Specialist(institution=institution, kind=k, count=c) for k, c in sorted(new.items())]
            )
            changed.append("specialists")
    return changed


@transaction.atomic
def service_save(
    *,
    actor,
    institution: Institution,
    service: Service | None = None,
    problems=(),
    uid=None,
    edit_version: int | None = None,
    **data,
) -> Service:
    """Create (``service=None``, optionally with an imported ``uid``) or update a service with its problems."""
    data = {k: v for k, v in data.items() if k in SERVICE_FIELDS}
    created = service is None
    if not created:
        claim_version(service, edit_version=edit_version, actor=actor)
    if created:
        service = Service(institution=institution, **data)
        if uid:
            service.uid = uid
        fields = sorted(data)
    else:
        fields = changed_fields(service, data)
        for name in fields:
            setattr(service, name, data[name])
    service.full_clean()
    service.save()
    new_problems = {p.pk for p in problems}
    if created or new_problems != set(service.problems.values_list("pk", flat=True)):
        service.problems.set(new_problems)
        fields = [*fields, "problems"]
    if {"name", "description"}.intersection(fields):
        search_text_update(institution)
    record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=actor,
        obj=service,
        institution=institution,
        details={"fields": fields},
    )
    return service


@transaction.atomic
def service_delete(*, actor, service: Service) -> None:
    record(action=Action.DELETE, actor=actor, obj=service, institution=service.institution)
    service.delete()
    search_text_update(service.institution)


@transaction.atomic
def resource_card_note_save(*, actor, unit, problem, text: str, edit_version: int | None = None) -> ResourceCardNote:
    """``edit_version`` 0: the form was opened when the card had no commentary yet."""
    note, created = ResourceCardNote.objects.get_or_create(unit=unit, problem=problem, defaults={"updated_by": actor})
    claim_version(note, edit_version=None if created else edit_version, actor=actor)
    note.text = text
    note.updated_by = actor
    note.save()
    record(action=Action.UPDATE, actor=actor, obj=note, details={"unit": unit.code, "problem": problem.code})
    return note


@transaction.atomic
def problems_sync() -> int:
    """Make the Problem table match taxonomy.PROBLEMS (the initial migration does it too); returns rows changed."""
    changed = taxonomy.sync_problem_rows(Problem)
    if changed:
        record(action=Action.UPDATE, details={"taxonomy": "social problems", "changed": changed})
    return changed
