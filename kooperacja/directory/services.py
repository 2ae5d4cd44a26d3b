from django.db import transaction

from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.directory.models import Institution


@transaction.atomic
def institution_create(*, actor, name: str, kind: str, unit) -> Institution:
    institution = Institution.objects.create(name=name, kind=kind, unit=unit)
    record(action=Action.CREATE, actor=actor, obj=institution, institution=institution)
    return institution


@transaction.atomic
def institution_update(*, actor, institution: Institution, data: dict) -> Institution:
    data = {k: v for k, v in data.items() if k in {"name", "kind", "unit"}}
    fields = changed_fields(institution, data)
    for name in fields:
        setattr(institution, name, data[name])
    if fields:
        institution.save(update_fields=fields)
        record(
            action=Action.UPDATE,
            actor=actor,
            obj=institution,
            institution=institution,
            details={"fields": fields},
        )
    return institution
