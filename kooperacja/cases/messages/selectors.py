"""Reads of a case's thread: a fixed number of queries whatever the number of messages and attachments."""

from django.db.models import Prefetch

from kooperacja.accounts.access import AnalysisAccess, case_access_to, shared_institution_ids
from kooperacja.cases.models import CaseGroup, CaseMessage, GroupMembership, MessageAttachment


def case_thread(case):
    """The messages of ``case``, oldest first, with their authors and attachments."""
    return (
        CaseMessage.objects.filter(case=case)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=MessageAttachment.objects.order_by("pk")))
        .order_by("created_at", "pk")
    )


def is_current_member(case, user) -> bool:
    return GroupMembership.objects.filter(group__cases=case, user=user, left_on__isnull=True).exists()


def may_post(case, user) -> bool:
    """Who writes in the thread: who runs the case and its group's current members the consent covers. A
    break-glass administrator or OPS staff only read."""
    access = case_access_to(user, case)
    if access >= AnalysisAccess.EDIT:
        return True
    return access >= AnalysisAccess.READ and is_current_member(case, user)


def thread_recipients(case, *, exclude=None) -> list:
    """The group as it is now — the case's coordinator, its groups' coordinators and current members whose
    institution the consent covers — without ``exclude`` (the author)."""
    users = {case.coordinator_id: case.coordinator}
    for group in CaseGroup.objects.filter(cases=case).select_related("coordinator"):
        users[group.coordinator_id] = group.coordinator
    shared = shared_institution_ids(case)
    members = GroupMembership.objects.filter(
        group__cases=case, user__isnull=False, left_on__isnull=True, institution_id__in=shared
    ).select_related("user")
    for membership in members:
        users[membership.user_id] = membership.user
    if exclude is not None:
        users.pop(exclude.pk, None)
    return [user for user in users.values() if user is not None]
