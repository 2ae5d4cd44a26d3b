"""Reads of the applications to ROPS and the consents, and the one access function for an application."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kooperacja.accounts.access import (
    AnalysisAccess,
    cooperation_access_to,
    is_rops_staff_for,
    memberships_of,
)
from kooperacja.accounts.models import Membership, Role, User
from kooperacja.cooperation.models import AuthorityConsent, CooperationRole, RopsApplication

ROPS_STAFF_ROLES = (Role.ROPS_ANIMATOR, Role.DIRECTOR)


def is_rops_staff(user) -> bool:
    """A member of some ROPS as its animator or director: may open the inbox."""
    return any(
        m.institution_id and m.institution.kind == "rops" and m.role in ROPS_STAFF_ROLES for m in memberships_of(user)
    )


def rops_voivodeship_codes(user) -> set[str]:
    """TERYT codes of the voivodeships whose ROPS ``user`` works for (as an animator or director)."""
    return {
        m.institution.unit.code
        for m in memberships_of(user)
        if m.institution_id and m.institution.kind == "rops" and m.role in ROPS_STAFF_ROLES
    }


def rops_staff_of(unit) -> QuerySet[User]:
    """The ROPS animators and directors of the voivodeship of ``unit``: who receives an application."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=ROPS_STAFF_ROLES,
            memberships__institution__kind="rops",
            memberships__institution__unit__code=unit.code[:2],
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def regional_animators_of(unit) -> QuerySet[User]:
    """Who may be assigned as the regional animator: the ROPS staff of the voivodeship of ``unit``."""
    return rops_staff_of(unit)


def coordinators_of(cooperation) -> list[User]:
    users = [
        r.user
        for r in cooperation.roles.filter(role=CooperationRole.Role.COORDINATOR, user__is_active=True).select_related(
            "user"
        )
    ]
    return users or ([cooperation.created_by] if cooperation.created_by_id else [])


APPLICATION_RELATED = (
    "cooperation__unit__parent__parent",
    "analysis__unit",
    "submitted_by",
    "animator",
    "assigned_by",
    "answered_by",
    "acknowledged_by",
)


def application_for_user(*, user, application_id: int, write: bool = False, as_rops: bool = False):
    """An application (or notice) the user may read: who reads its cooperation, and the ROPS staff of its
    voivodeship — 404 for everyone else. ``write``: the cooperation's editors (the rules of its status are the
    services'); ``as_rops``: the ROPS staff of its voivodeship, who assign and answer. ``application.access``
    and ``application.rops`` tell pages what to offer."""
    application = get_object_or_404(RopsApplication.objects.select_related(*APPLICATION_RELATED), pk=application_id)
    cooperation = application.cooperation
    access = cooperation_access_to(user, cooperation)
    rops = is_rops_staff_for(user, cooperation.unit)
    if rops and application.status == RopsApplication.Status.DRAFT and access < AnalysisAccess.READ:
        rops = False  # a draft is the gmina's own until it is sent
    if access == AnalysisAccess.NONE and not rops:
        raise Http404
    cooperation.access = access
    application.access, application.rops = access, rops
    if write and access < AnalysisAccess.EDIT:
        raise PermissionDenied
    if as_rops and not rops:
        raise PermissionDenied
    return application


def applications_of(cooperation) -> list[RopsApplication]:
    """Every application and notice of ``cooperation``, the newest first, ready for the tab."""
    return list(
        cooperation.rops_applications.select_related(*APPLICATION_RELATED[1:]).prefetch_related(
            Prefetch("institutions", to_attr="institution_list")
        )
    )


def consents_of(cooperation) -> QuerySet[AuthorityConsent]:
    return cooperation.consents.select_related("unit", "recorded_by").order_by("decided_on", "pk")


def rops_inbox(user, *, status: str = "") -> QuerySet[RopsApplication]:
    """Applications and notices sent to the ROPS of ``user`` (drafts stay with the gmina)."""
    codes = rops_voivodeship_codes(user)
    if not codes:
        return RopsApplication.objects.none()
    applications = RopsApplication.objects.exclude(status=RopsApplication.Status.DRAFT).filter(
        cooperation__unit__parent__parent__code__in=codes
    )
    if status:
        applications = applications.filter(status=status)
    return applications.select_related("cooperation__unit__parent__parent", "animator", "submitted_by").order_by(
        "-submitted_at", "-pk"
    )


def inbox_animators(user) -> dict[str, list[User]]:
    """For each voivodeship of ``user``'s ROPS, who may be assigned: one query for the whole inbox."""
    codes = rops_voivodeship_codes(user)
    memberships = (
        Membership.objects.filter(
            is_active=True,
            user__is_active=True,
            role__in=ROPS_STAFF_ROLES,
            institution__kind="rops",
            institution__unit__code__in=codes,
        )
        .select_related("user", "institution__unit")
        .order_by("user__last_name", "user__first_name")
    )
    animators: dict[str, dict[int, User]] = {code: {} for code in codes}
    for m in memberships:
        animators[m.institution.unit.code][m.user.pk] = m.user
    return {code: list(users.values()) for code, users in animators.items()}


def application_warnings(application: RopsApplication, completeness=None) -> list[str]:
    """What ROPS would miss — said before and after sending, never blocking it (002 §3.1 recommends the
    analysis). ``completeness`` may be passed when the page has computed it already."""
    if not application.is_application:
        return []
    if application.analysis_id is None:
        return [_("No municipality analysis is attached: ROPS will know less about the gmina.")]
    if completeness is None:
        from kooperacja.diagnosis.completeness import analysis_completeness

        completeness = analysis_completeness(application.analysis)
    if not completeness.is_complete:
        return [
            _("The attached analysis is complete in %(percent)d%% only: ROPS will see what is missing.")
            % {"percent": completeness.percent}
        ]
    return []
