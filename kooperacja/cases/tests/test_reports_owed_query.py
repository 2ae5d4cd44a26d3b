"""The monthly-report obligations computed by the database give what the rule says, on varied data.

The rule is written out below once more, the plain way (a loop over every current member and every month), as
the reference: on seeded random groups — members who joined late, left, lost their account, hold two
memberships, sit in a group of two cases; consents, withdrawn consents and overrides; reports, "missing" marks and
reviewed periods that overlap — ``reports_owed`` (all, per user, per case) and the regional count of overdue
reports per cooperation must agree with it exactly."""

import datetime
import random

import pytest

from kooperacja.cases import services as case_services
from kooperacja.cases.models import (
    Case,
    CaseGroup,
    Consent,
    ConsentOverride,
    GroupMembership,
    MissingReport,
    MonitoringInformation,
    MonthlyReport,
)
from kooperacja.cases.reports import selectors
from kooperacja.cases.reports.selectors import month_end, month_start, months_between, previous_month
from kooperacja.cooperation import services as cooperation_services
from kooperacja.cooperation.models import Cooperation
from tests.factories import InstitutionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
ACTIVE = (Case.Status.PLANNING, Case.Status.MONITORING)
TODAYS = [D(2026, 3, 5), D(2026, 3, 6), D(2026, 6, 1), D(2026, 9, 30)]


def rule(*, today, user=None, case=None) -> list[tuple]:
    """(case id, user id, month, overdue) owed, by the rule in words — loops over everything."""
    owed, seen = [], set()
    memberships = GroupMembership.objects.filter(user__isnull=False, user__is_active=True, left_on__isnull=True)
    current = [m for m in memberships.order_by("group", "joined_on", "pk") if m.group.cases.filter(status__in=ACTIVE)]
    for membership in current:
        if user is not None and membership.user_id != user.pk:
            continue
        for item in membership.group.cases.filter(status__in=ACTIVE):
            if case is not None and item.pk != case.pk:
                continue
            covered = set(
                Consent.objects.filter(case=item, withdrawn_on__isnull=True).values_list("institutions", flat=True)
            ) | set(ConsentOverride.objects.filter(case=item).values_list("institution_id", flat=True))
            if membership.user_id != item.coordinator_id and membership.institution_id not in covered - {None}:
                continue
            reporters = [m.pk for m in current if m.user_id == membership.user_id]
            if case is not None:
                reporters = [m for m in reporters if GroupMembership.objects.get(pk=m).group.cases.filter(pk=case.pk)]
            first = max(month_start(membership.joined_on), month_start(item.opened_on))
            for month in months_between(first, previous_month(today)):
                done = (
                    MonthlyReport.objects.filter(case=item, month=month, membership__in=reporters).exists()
                    or MissingReport.objects.filter(case=item, month=month, membership__in=reporters).exists()
                )
                locked = MonitoringInformation.objects.filter(
                    case=item,
                    status=MonitoringInformation.Status.REVIEWED,
                    period_start__lte=month_end(month),
                    period_end__gte=month,
                ).exists()
                key = (item.pk, membership.user_id, month)
                if done or locked or key in seen:
                    continue
                seen.add(key)
                owed.append((*key, today > selectors.report_due_on(month)))
    return sorted(owed)


def as_rows(owed) -> list[tuple]:
    return sorted((o.case.pk, o.membership.user_id, o.month, o.overdue) for o in owed)


def build(seed: int, territory, coordinator_ops) -> dict:
    """Three cooperations, about a dozen cases in every state, groups with members of every kind."""
    rng = random.Random(seed)  # noqa: S311 — test data, not a secret
    cooperations = [
        cooperation_services.cooperation_create(
            actor=coordinator_ops,
            unit=UnitFactory(code=f"04050{n + 5}", level="gmina", kind="wiejska", parent=territory["county"]),
            name=f"Kooperacja {n}",
            variant=Cooperation.Variant.RURAL,
            start_date=D(2025, 1, 1),
        )
        for n in range(3)
    ]
    institutions = [InstitutionFactory(unit=territory["gmina"]) for _ in range(4)]
    workers = [UserFactory() for _ in range(6)]
    cases = []
    for n in range(12):
        case = case_services.case_open(actor=coordinator_ops, cooperation=cooperations[n % 3])
        Case.objects.filter(pk=case.pk).update(
            status=rng.choice([*ACTIVE, *ACTIVE, Case.Status.INTAKE, Case.Status.CLOSED]),
            opened_on=D(2025, rng.randint(6, 12), rng.randint(1, 28)),
        )
        case.refresh_from_db()
        cases.append(case)
        consent = Consent.objects.create(
            case=case,
            given_on=D(2025, 6, 1),
            given_by="x",
            recorded_by=coordinator_ops,
            withdrawn_on=D(2026, 1, 1) if rng.random() < 0.2 else None,
        )
        consent.institutions.set(rng.sample(institutions, rng.randint(0, 3)))
        if rng.random() < 0.3:
            ConsentOverride.objects.create(case=case, institution=rng.choice(institutions), decided_by=coordinator_ops)
    groups = [c.groups.get() for c in cases]
    shared = CaseGroup.objects.create(cooperation=cooperations[0], coordinator=coordinator_ops)
    shared.cases.add(cases[0], cases[3])  # one group for two cases
    groups.append(shared)
    for group in groups:
        GroupMembership.objects.create(group=group, user=group.coordinator, joined_on=D(2025, 5, 1))
        for worker in rng.sample(workers, rng.randint(1, 4)):
            for _twice in range(rng.choice([1, 1, 1, 2])):  # sometimes two memberships of one user
                GroupMembership.objects.create(
                    group=group,
                    user=worker,
                    institution=rng.choice([*institutions, None]),
                    joined_on=D(2025, rng.randint(5, 12), rng.randint(1, 28)),
                    left_on=D(2026, 2, 1) if rng.random() < 0.15 else None,
                )
        GroupMembership.objects.create(group=group, name="Babcia", role=GroupMembership.Role.CLOSE_PERSON)
    workers[-1].is_active = False
    workers[-1].save(update_fields=["is_active"])
    memberships = list(GroupMembership.objects.filter(user__isnull=False))
    for _n in range(60):
        membership = rng.choice(memberships)
        case = rng.choice(list(membership.group.cases.all()))
        month = D(2025, rng.randint(6, 12), 1) if rng.random() < 0.6 else D(2026, rng.randint(1, 8), 1)
        model = MonthlyReport if rng.random() < 0.7 else MissingReport
        extra = {} if model is MonthlyReport else {"note": "urlop", "marked_by": coordinator_ops}
        model.objects.get_or_create(case=case, membership=membership, month=month, defaults=extra)
    for case in rng.sample(cases, 5):
        start = D(2025, rng.randint(6, 12), 1)
        for status in (MonitoringInformation.Status.REVIEWED, rng.choice(MonitoringInformation.Status.values)):
            end = month_end(D(start.year + (start.month + 1) // 12, (start.month + 1) % 12 + 1, 1))
            MonitoringInformation.objects.get_or_create(
                case=case,
                period_start=start,
                period_end=end,
                defaults={"status": status, "created_by": coordinator_ops},
            )
            start = D(start.year + start.month // 12, start.month % 12 + 1, 1)  # overlapping the first period
    return {"cooperations": cooperations, "cases": cases, "workers": workers}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_query_owes_what_the_rule_says(seed, territory, coordinator_ops):
    world = build(seed, territory, coordinator_ops)
    for today in TODAYS:
        everything = rule(today=today)
        assert as_rows(selectors.reports_owed(today=today)) == everything
        for user in [coordinator_ops, *world["workers"]]:
            assert as_rows(selectors.reports_owed(today=today, user=user)) == rule(today=today, user=user)
        for case in world["cases"][:6]:
            assert as_rows(selectors.reports_owed(today=today, case=case)) == rule(today=today, case=case)
        expected: dict[int, int] = {}
        cooperation_of = dict(Case.objects.values_list("pk", "cooperation_id"))
        for case_id, _user, _month, overdue in everything:
            if overdue:
                expected[cooperation_of[case_id]] = expected.get(cooperation_of[case_id], 0) + 1
        counted = selectors.overdue_reports_by_cooperation(today=today, cooperations=Cooperation.objects.all())
        assert counted == expected
        assert sum(counted.values()) > 0 or today == TODAYS[0]


def test_reports_owed_lists_the_members_first_membership_and_sorts_by_due_day(territory, coordinator_ops):
    world = build(4, territory, coordinator_ops)
    owed = selectors.reports_owed(today=D(2026, 6, 1))
    assert owed == sorted(owed, key=lambda r: (r.due_on, r.case.reference, r.membership.pk))
    for due in owed:
        candidates = GroupMembership.objects.filter(
            group__cases=due.case, user=due.membership.user, left_on__isnull=True
        ).order_by("group", "joined_on", "pk")
        assert due.membership in candidates
    assert world["cases"]


def test_the_count_reads_only_the_cooperations_asked_for(territory, coordinator_ops):
    world = build(5, territory, coordinator_ops)
    today = D(2026, 9, 30)
    every = selectors.overdue_reports_by_cooperation(today=today, cooperations=Cooperation.objects.all())
    first = world["cooperations"][0]
    only = selectors.overdue_reports_by_cooperation(today=today, cooperations=Cooperation.objects.filter(pk=first.pk))
    assert only == {first.pk: every[first.pk]}
