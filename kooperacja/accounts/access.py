"""Who may do what — the one place that answers it (SPEC R-04, R-50).

Every URL pattern wraps its view in ``allow(RULE)``; a test walks the URLconf and fails on a view without
one. Views never fetch a protected object directly: they call the ``<object>_for_user`` function here,
which answers 404 when the user may not see it (so the object's existence is not revealed).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from kooperacja.accounts.models import Membership, Role, User

# --- Roles ------------------------------------------------------------------------------------------


def memberships_of(user) -> list[Membership]:
    """Active memberships, loaded once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("institution__unit__parent__parent")
            .order_by("role", "institution__name")
        )
        user._memberships_cache = cached
    return cached


def forget_memberships(user) -> None:
    user.__dict__.pop("_memberships_cache", None)


def roles_of(user) -> set[str]:
    return {m.role for m in memberships_of(user)}


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_administrator(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or has_role(user, Role.ADMINISTRATOR)


def requires_second_factor(user) -> bool:
    """Every role may see personal data or manage those who do, so every account needs a second factor.

    Kept as a function so that a deployment may one day exempt a role that sees only aggregates.
    """
    return True


# --- Rules for URL patterns -------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    test: Callable[[User], bool]
    public: bool = False
    second_factor: bool = True


PUBLIC = Rule("public", lambda user: True, public=True)
PASSWORD_ONLY = Rule("password-only", lambda user: True, second_factor=False)
AUTHENTICATED = Rule("authenticated", lambda user: True)
ADMINISTRATOR = Rule("administrator", is_administrator)
DIRECTORY_KEEPER = Rule("directory-keeper", lambda user: is_administrator(user) or bool(directory_units_kept_by(user)))


def allow(rule: Rule):
    """Declare and enforce who may open a view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not rule.public:
                user = request.user
                if not user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if rule.second_factor and requires_second_factor(user) and not user.is_verified():
                    return redirect("accounts:second_factor")
                if not rule.test(user):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule
        return wrapped

    return decorator


# --- Objects ----------------------------------------------------------------------------------------


def account_for_user(*, user, account_id: int) -> User:
    """A user account as seen in user management: administrators only."""
    if not is_administrator(user):
        raise PermissionDenied
    return get_object_or_404(User.objects.prefetch_related("memberships__institution__unit"), pk=account_id)


# The directory is kept by the institutions that know their area: OPS staff for their gmina's
# institutions, PCPR staff for their county's, ROPS staff for their voivodeship's; administrators for all.
DIRECTORY_KEEPER_KINDS = {"ops", "pcpr", "rops"}
DIRECTORY_KEEPER_ROLES = {
    Role.ROPS_ANIMATOR, Role.PCPR_ANIMATOR, Role.OPS_ANIMATOR, Role.COORDINATOR, Role.DIRECTOR, Role.CASE_WORKER,
}  # fmt: skip


def directory_units_kept_by(user) -> set[str]:
    """TERYT codes of the units whose institutions ``user`` may add and change."""
    return {
        m.institution.unit.code
        for m in memberships_of(user)
        if m.institution_id and m.institution.kind in DIRECTORY_KEEPER_KINDS and m.role in DIRECTORY_KEEPER_ROLES
    }


def may_keep_directory_of(user, unit) -> bool:
    return is_administrator(user) or (unit is not None and unit.code in directory_units_kept_by(user))


def institution_for_user(*, user, institution_id: int, write: bool = False, queryset=None):
    """Institutions hold no clients' data: every signed-in worker reads them; their area's keepers change them.

    ``queryset`` lets a page load the institution with what it shows (selectors.institutions_with_details)."""
    from kooperacja.directory.models import Institution

    if queryset is None:
        queryset = Institution.objects.select_related("unit__parent__parent")
    institution = get_object_or_404(queryset, pk=institution_id)
    if write and not may_keep_directory_of(user, institution.unit):
        raise PermissionDenied
    return institution


def service_for_user(*, user, service_id: int, write: bool = False):
    from kooperacja.directory.models import Service

    service = get_object_or_404(Service.objects.select_related("institution__unit"), pk=service_id)
    if write and not may_keep_directory_of(user, service.institution.unit):
        raise PermissionDenied
    return service


def unit_for_user(*, user, code: str):
    """Territorial units are public register data, readable by every signed-in worker."""
    from kooperacja.territory.models import Unit

    return get_object_or_404(Unit.objects.select_related("parent__parent"), code=code)
