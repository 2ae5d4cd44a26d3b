"""Reads of the work plan: a version with its goals, tasks and acknowledgements in a fixed number of queries."""

from django.db.models import Prefetch

from kooperacja.cases.models import PlanAcknowledgement, PlanGoal, PlanTask, SocialContract, WorkPlan


def plan_queryset():
    return WorkPlan.objects.select_related("meeting", "created_by", "previous").prefetch_related(
        Prefetch("goals", queryset=PlanGoal.objects.select_related("replaces")),
        Prefetch("tasks", queryset=PlanTask.objects.select_related("institution", "goal", "status_changed_by")),
        Prefetch("acknowledgements", queryset=PlanAcknowledgement.objects.select_related("institution", "recorded_by")),
    )


def current_plan(case) -> WorkPlan | None:
    return plan_queryset().filter(case=case, superseded_at__isnull=True).first()


def plan_version(case, version: int) -> WorkPlan | None:
    return plan_queryset().filter(case=case, version=version).first()


def plan_versions(case) -> list[WorkPlan]:
    return list(WorkPlan.objects.filter(case=case).order_by("-version"))


def social_contracts(case) -> list[SocialContract]:
    return list(SocialContract.objects.filter(case=case))


def group_institutions(case) -> list:
    """Institutions represented in the case group now — the coordinator's own (the OPS) included — the parties
    a task can be given to, by name."""
    from kooperacja.accounts.models import Membership
    from kooperacja.cases.models import CaseGroup, GroupMembership
    from kooperacja.directory.models import Institution

    # The rule of ``services.represented_institution_ids``, as one query: a UNION of the two sets of ids (an OR of
    # two subqueries would make the database read every institution in the country).
    members = (
        GroupMembership.objects.filter(group__cases=case, left_on__isnull=True).order_by().values("institution_id")
    )
    coordinators = CaseGroup.objects.filter(cases=case).values("coordinator_id")
    coordinators_own = (
        Membership.objects.filter(user__in=coordinators, is_active=True).order_by().values("institution_id")
    )
    return list(Institution.objects.filter(pk__in=members.union(coordinators_own)).order_by("name"))


def parties(plan: WorkPlan, institutions: list) -> list[dict]:
    """Each party of the plan — the institutions with a task or in the group, then the person/family — with its
    acknowledgement, if given. Uses the prefetched tasks and acknowledgements."""
    by_pk = {i.pk: i for i in institutions}
    for task in plan.tasks.all():
        if task.institution_id:
            by_pk.setdefault(task.institution_id, task.institution)
    acks = list(plan.acknowledgements.all())
    rows = [
        {"institution": inst, "key": str(inst.pk), "ack": next((a for a in acks if a.institution_id == inst.pk), None)}
        for inst in sorted(by_pk.values(), key=lambda i: i.name)
    ]
    rows.append({"institution": None, "key": "rodzina", "ack": next((a for a in acks if a.for_family), None)})
    return rows
