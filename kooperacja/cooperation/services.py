"""Writes to the cooperation itself: starting it (its steps come from the template of its variant and cycle),
its timeline, steps and people. Each is one transaction with an audit record. The application to ROPS, the
agreement and the team have their own services (application/, agreement/, team/)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.cooperation import steps as templates
from kooperacja.cooperation.models import Cooperation, CooperationRole, Step
from kooperacja.core.concurrency import claim_version

COOPERATION_FIELDS = {
    "name",
    "variant",
    "scope",
    "scope_note",
    "start_date",
    "organisational_months",
    "work_months",
    "summary_months",
}
TIMELINE_FIELDS = {"start_date", "organisational_months", "work_months", "summary_months"}
STEP_FIELDS = {"status", "planned_start", "planned_end", "done_on", "responsible", "notes"}


@transaction.atomic
def cooperation_create(
    *,
    actor,
    unit,
    name: str,
    variant: str,
    cycle: str = Cooperation.Cycle.FIRST,
    other_units=(),
    previous=None,
    roles: dict | None = None,
    **data,
) -> Cooperation:
    """Start the model in ``unit`` (and ``other_units``). ``roles`` maps a CooperationRole.Role to users;
    the one who starts it becomes its coordinator unless ``roles`` names one."""
    data = {k: v for k, v in data.items() if k in COOPERATION_FIELDS}
    cooperation = Cooperation(
        unit=unit, name=name, variant=variant, cycle=cycle, previous=previous, created_by=actor, **data
    )
    cooperation.full_clean()
    cooperation.save()
    cooperation.other_units.set(other_units)
    roles = dict(roles or {})
    if actor is not None and not roles.get(CooperationRole.Role.COORDINATOR):
        roles[CooperationRole.Role.COORDINATOR] = [actor]
    for role, users in roles.items():
        for user in users:
            CooperationRole.objects.get_or_create(cooperation=cooperation, user=user, role=role)
    _create_steps(cooperation)
    record(action=Action.CREATE, actor=actor, obj=cooperation, details={"variant": variant, "cycle": cycle})
    return cooperation


def _create_steps(cooperation: Cooperation) -> None:
    Step.objects.bulk_create(
        [
            Step(
                cooperation=cooperation,
                stage=t.stage,
                code=t.code,
                kind=t.kind,
                title=t.title,
                order=order,
                documents=t.documents,
                planned_start=begin,
                planned_end=end,
            )
            for order, t in enumerate(templates.template_for(cooperation.variant, cooperation.cycle), start=1)
            for begin, end in [_dates(cooperation, t)]
        ]
    )


def _dates(cooperation: Cooperation, template) -> tuple[datetime.date, datetime.date]:
    return templates.planned_dates(
        template,
        start=cooperation.start_date,
        org=cooperation.organisational_months,
        work=cooperation.work_months,
        summary=cooperation.summary_months,
    )


@transaction.atomic
def cooperation_update(*, actor, cooperation: Cooperation, data: dict) -> Cooperation:
    """Change the name, scope or timeline; a changed timeline moves the planned dates of the steps not done."""
    claim_version(cooperation, edit_version=data.get("edit_version"), actor=actor)
    data = {k: v for k, v in data.items() if k in COOPERATION_FIELDS - {"variant"}}
    fields = changed_fields(cooperation, data)
    if not fields:
        return cooperation
    for name in fields:
        setattr(cooperation, name, data[name])
    cooperation.full_clean()
    cooperation.save(update_fields=[*fields, "updated_at"])
    if TIMELINE_FIELDS & set(fields):
        by_code = {t.code: t for t in templates.template_for(cooperation.variant, cooperation.cycle)}
        for step in cooperation.steps.exclude(status__in=[Step.Status.DONE, Step.Status.SKIPPED]):
            if step.code in by_code:
                step.planned_start, step.planned_end = _dates(cooperation, by_code[step.code])
                step.save(update_fields=["planned_start", "planned_end"])
    record(action=Action.UPDATE, actor=actor, obj=cooperation, details={"fields": fields})
    return cooperation


@transaction.atomic
def step_update(*, actor, step: Step, data: dict) -> Step:
    claim_version(step, edit_version=data.get("edit_version"), actor=actor)
    data = {k: v for k, v in data.items() if k in STEP_FIELDS}
    if data.get("status") == Step.Status.DONE and not data.get("done_on") and not step.done_on:
        data["done_on"] = datetime.date.today()
    if data.get("status") in (Step.Status.TODO, Step.Status.IN_PROGRESS):
        data["done_on"] = None
    fields = changed_fields(step, data)
    if not fields:
        return step
    for name in fields:
        setattr(step, name, data[name])
    if step.planned_end < step.planned_start:
        raise ValidationError({"planned_end": _("The planned end cannot be before the planned start.")})
    step.full_clean()
    step.save(update_fields=fields)
    record(action=Action.UPDATE, actor=actor, obj=step, details={"fields": fields, "cooperation": step.cooperation_id})
    return step


@transaction.atomic
def step_mark(*, actor, cooperation: Cooperation, kind: str, status: str = Step.Status.DONE) -> Step | None:
    """Mark the first open step of ``kind`` as ``status`` — what the other parts call when their work is done
    (an application sent, an agreement signed). Returns the step, or None when the template has no such step."""
    step = cooperation.steps.filter(kind=kind).exclude(status=Step.Status.DONE).order_by("order").first()
    if step is None:
        return None
    return step_update(actor=actor, step=step, data={"status": status})


@transaction.atomic
def cooperation_role_add(*, actor, cooperation: Cooperation, user, role: str) -> CooperationRole:
    assignment, created = CooperationRole.objects.get_or_create(cooperation=cooperation, user=user, role=role)
    if created:
        record(action=Action.CREATE, actor=actor, obj=assignment, details={"cooperation": cooperation.pk, "role": role})
    return assignment


@transaction.atomic
def cooperation_role_remove(*, actor, assignment: CooperationRole) -> None:
    record(action=Action.DELETE, actor=actor, obj=assignment, details={"cooperation": assignment.cooperation_id})
    assignment.delete()
