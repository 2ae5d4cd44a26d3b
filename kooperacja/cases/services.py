"""Writes to the case itself: opening it (from a referral or a need reported to the OPS), its group. Each is one
transaction with an audit record naming ids only — never a person's data (R-50). The parts of the work with a
family have their own packages (intake/, diagnosis/, group/, plan/, reports/, evaluation/, messages/, tools/)."""

import datetime

from django.db import transaction

from kooperacja.audit.services import Action, record
from kooperacja.cases.models import Case, CaseGroup, GroupMembership


def next_reference(cooperation, *, prefix: str = "") -> str:
    """``<gmina TERYT>/<year>/<number>``, e.g. 0405043/2026/007 — what lists, URLs and e-mails show."""
    year = datetime.date.today().year
    stem = f"{prefix}{cooperation.unit.teryt}/{year}/"
    taken = Case.objects.filter(reference__startswith=stem).count()
    return f"{stem}{taken + 1:03d}"


@transaction.atomic
def case_open(*, actor, cooperation, kind: str = Case.Kind.FAMILY, coordinator=None) -> Case:
    """Open a case in ``cooperation``, coordinated by ``coordinator`` (an OPS worker; by default the actor), with
    its case group (the coordinator heads it)."""
    coordinator = coordinator or actor
    case = Case.objects.create(
        cooperation=cooperation,
        kind=kind,
        coordinator=coordinator,
        created_by=actor,
        reference=next_reference(cooperation),
    )
    group = CaseGroup.objects.create(cooperation=cooperation, coordinator=coordinator)
    group.cases.add(case)
    record(action=Action.CREATE, actor=actor, obj=case, details={"cooperation": cooperation.pk, "kind": kind})
    return case


@transaction.atomic
def group_member_add(
    *,
    actor,
    group: CaseGroup,
    user=None,
    institution=None,
    name: str = "",
    role: str = GroupMembership.Role.MEMBER,
    joined_on=None,
    function: str = "",
    function_other: str = "",
) -> GroupMembership:
    membership = GroupMembership(
        group=group,
        user=user,
        institution=institution,
        name=name,
        role=role,
        function=function,
        function_other=function_other,
        joined_on=joined_on or datetime.date.today(),
    )
    membership.full_clean()
    membership.save()
    record(action=Action.CREATE, actor=actor, obj=membership, details={"group": group.pk})
    return membership
