"""Who may do what — the one place that answers it (SPEC R-04, R-50).

Every URL pattern wraps its view in ``allow(RULE)``; a test walks the URLconf and fails on a view without
one. Views never fetch a protected object directly: they call the ``<object>_for_user`` function here,
which answers 404 when the user may not see it (so the object's existence is not revealed).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

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


def api_error(status: int, detail: str) -> JsonResponse:
    """The answer of a JSON endpoint that refuses: ``{"detail": "<Polish sentence>"}`` with the status."""
    response = JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})
    if status == 401:
        # RFC 9110 wants a challenge with 401; the only way in is the session of the two-step login.
        response["WWW-Authenticate"] = 'Session realm="Kooperacja"'
    return response


def allow_api(rule: Rule):
    """``allow`` for a JSON endpoint: a program gets JSON, never the HTML login page. 401 without a session
    that passed both steps of logging in (password and code), 403 when the rule refuses, and the 403/404 the
    view raises (``PermissionDenied``, ``Http404``) as JSON too."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not rule.public:
                if not user.is_authenticated:
                    return api_error(
                        401,
                        _(
                            "Log in first: the API answers only within a session of Kooperacja opened with the "
                            "password and the code from the authenticator app."
                        ),
                    )
                if rule.second_factor and requires_second_factor(user) and not user.is_verified():
                    return api_error(401, _("Finish logging in: enter the code from the authenticator app."))
                if not rule.test(user):
                    return api_error(403, _("You do not have access to this data."))
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                return api_error(403, _("You do not have access to this data."))
            except Http404:
                return api_error(404, _("Not found, or you do not have access to it."))

        wrapped.access_rule = rule
        wrapped.json_api = True
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
    Role.ROPS_ANIMATOR,
    Role.PCPR_ANIMATOR,
    Role.OPS_ANIMATOR,
    Role.COORDINATOR,
    Role.DIRECTOR,
    Role.CASE_WORKER,
}


def directory_units_kept_by(user) -> set[str]:
    """TERYT codes of the units whose institutions ``user`` may add and change."""
    return {
        m.institution.unit.code
        for m in memberships_of(user)
        if m.institution_id and m.institution.kind in DIRECTORY_KEEPER_KINDS and m.role in DIRECTORY_KEEPER_ROLES
    }


def may_keep_directory_of(user, unit) -> bool:
    return is_administrator(user) or (unit is not None and unit.code in directory_units_kept_by(user))


# Roles of an institution's own workers who confirm that its directory entry is still true (not read-only ones).
DIRECTORY_CONFIRMING_ROLES = set(Role) - {Role.EVALUATOR, Role.AUTHORITY}


def may_confirm_institution(user, institution) -> bool:
    """Its own workers and the keepers of its area confirm that an institution's entry is up to date."""
    own = any(m.institution_id == institution.pk and m.role in DIRECTORY_CONFIRMING_ROLES for m in memberships_of(user))
    return own or may_keep_directory_of(user, institution.unit)


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


# --- Municipality analysis (R-10 … R-15) ------------------------------------------------------------
# Owned by the gmina's OPS: its coordinator and animators write it. The gmina's cooperation team reads it —
# until the cooperation (and its team) exists, the members of the institutions of the gmina and of its county.
# ROPS reads it for its voivodeship, with small counts of the problem map suppressed (aggregates only).


class AnalysisAccess(IntEnum):
    NONE = 0
    AGGREGATES = 1
    READ = 2
    EDIT = 3


ANALYSIS_EDIT_ROLES = {Role.COORDINATOR, Role.OPS_ANIMATOR}


def analysis_access_to(user, unit) -> AnalysisAccess:
    """What ``user`` may do with the analysis data of gmina ``unit``."""
    if is_administrator(user):
        return AnalysisAccess.EDIT
    access = AnalysisAccess.NONE
    for m in memberships_of(user):
        institution = m.institution
        if institution is None:
            continue
        if institution.kind == "ops" and institution.unit_id == unit.pk and m.role in ANALYSIS_EDIT_ROLES:
            return AnalysisAccess.EDIT
        if institution.unit_id in (unit.pk, unit.parent_id):
            access = max(access, AnalysisAccess.READ)
        elif institution.kind == "rops" and unit.code.startswith(institution.unit.code):
            access = max(access, AnalysisAccess.AGGREGATES)
    if access < AnalysisAccess.READ and _in_a_team_of(user, unit):
        access = AnalysisAccess.READ
    return access


def _in_a_team_of(user, unit) -> bool:
    """Is one of the user's institutions in the team of a cooperation of ``unit`` (the gmina's cooperation
    team, e.g. a regional NGO that signed the agreement)? One query."""
    from kooperacja.cooperation.models import TeamMember

    mine = [m.institution_id for m in memberships_of(user) if m.institution_id]
    if not mine:
        return False
    return (
        TeamMember.objects.filter(institution__in=mine, left_on__isnull=True, team__cooperation__status="active")
        .filter(models.Q(team__cooperation__unit=unit) | models.Q(team__cooperation__other_units=unit))
        .exists()
    )


def _require(access: AnalysisAccess, *, write: bool) -> None:
    if access == AnalysisAccess.NONE:
        raise Http404
    if write and access < AnalysisAccess.EDIT:
        raise PermissionDenied


def analysis_for_user(*, user, analysis_id: int, write: bool = False, queryset=None):
    """An analysis the user may read (or write); ``analysis.access`` tells the page how much it may show."""
    from kooperacja.diagnosis.models import Analysis

    if queryset is None:
        queryset = Analysis.objects.all()
    analysis = get_object_or_404(queryset.select_related("unit__parent__parent", "owner"), pk=analysis_id)
    analysis.access = analysis_access_to(user, analysis.unit)
    _require(analysis.access, write=write)
    return analysis


def survey_round_for_user(*, user, round_id: int, write: bool = False):
    """A survey round of a gmina; ``write`` is for the coordinator who runs it (answering has its own rule:
    ``survey_respondents_for``)."""
    from kooperacja.diagnosis.models import SurveyRound

    survey_round = get_object_or_404(SurveyRound.objects.select_related("unit__parent__parent"), pk=round_id)
    survey_round.access = analysis_access_to(user, survey_round.unit)
    respondent = bool(survey_respondents_for(user, survey_round, access=survey_round.access))
    if survey_round.access == AnalysisAccess.NONE and not respondent:
        raise Http404
    if write and survey_round.access < AnalysisAccess.EDIT:
        raise PermissionDenied
    return survey_round


def survey_respondents_for(user, survey_round, *, access: AnalysisAccess | None = None) -> list[int]:
    """Ids of the institutions whose rows ``user`` answers: their own institutions in the round, or — for the
    coordinator, answering on an institution's behalf — every institution of the round."""
    if access is None:
        access = analysis_access_to(user, survey_round.unit)
    surveyed = set(survey_round.institutions.values_list("pk", flat=True))
    if access == AnalysisAccess.EDIT:
        return sorted(surveyed)
    return sorted({m.institution_id for m in memberships_of(user) if m.institution_id in surveyed})


def cost_card_for_user(*, user, card_id: int, write: bool = False):
    from kooperacja.diagnosis.models import CostCard

    card = get_object_or_404(CostCard.objects.select_related("analysis__unit__parent__parent"), pk=card_id)
    card.access = analysis_access_to(user, card.analysis.unit)
    _require(card.access, write=write)
    return card


def may_keep_unit_costs(user) -> bool:
    """The unit-cost table is kept by ROPS staff and administrators."""
    return is_administrator(user) or any(
        m.institution_id and m.institution.kind == "rops" and m.role in (Role.ROPS_ANIMATOR, Role.DIRECTOR)
        for m in memberships_of(user)
    )


UNIT_COST_KEEPER = Rule("unit-cost-keeper", may_keep_unit_costs)


# --- Cooperation (R-20 … R-26) ----------------------------------------------------------------------
# The least the model needs (docs/security.md, "cooperation"): its coordinator and animators (and the OPS of its
# gminas, the PCPR of their county in the rural variant) run it; its other people, the director of the gmina's
# OPS, the county's PCPR animator, the directors of the institutions in its team or party to its agreement, a
# team member's named representative and the regional staff of the voivodeship's ROPS read it. Nobody else — not
# the other workers of its gminas, county or team institutions, who see the meetings they are invited to and the
# cases they work on. It holds no client's data: cases have their own, stricter rule.

Access = AnalysisAccess  # the same four levels


def may_start_cooperation_in(user, unit) -> bool:
    """The gmina's OPS coordinator/animators, the county's PCPR animator, or an administrator."""
    if analysis_access_to(user, unit) >= AnalysisAccess.EDIT:
        return True
    return any(
        m.institution_id
        and m.institution.kind == "pcpr"
        and m.institution.unit_id == unit.parent_id
        and m.role in (Role.PCPR_ANIMATOR, Role.DIRECTOR)
        for m in memberships_of(user)
    )


def cooperation_access_to(user, cooperation) -> AnalysisAccess:
    """What ``user`` may do in ``cooperation``. Four queries at most, cached on the cooperation per user."""
    cache = cooperation.__dict__.setdefault("_access_cache", {})
    if user.pk in cache:
        return cache[user.pk]
    if is_administrator(user):
        access = AnalysisAccess.EDIT
    else:
        from kooperacja.cooperation.models import CooperationRole

        access = AnalysisAccess.NONE
        gminas = [cooperation.unit, *cooperation.other_units.all()]
        gmina_ids = {u.pk for u in gminas}
        county_ids = {u.parent_id for u in gminas}
        code = cooperation.unit.code
        for role in cooperation.roles.filter(user=user).values_list("role", flat=True):
            editor = role in CooperationRole.EDITOR_ROLES
            access = max(access, AnalysisAccess.EDIT if editor else AnalysisAccess.READ)
        directed = set()  # institutions the user heads: theirs read it if they are in the team or the agreement
        for m in memberships_of(user):
            institution = m.institution
            if institution is None:
                continue
            if m.role == Role.DIRECTOR:
                directed.add(institution.pk)
            if institution.kind == "ops" and institution.unit_id in gmina_ids:
                if m.role in ANALYSIS_EDIT_ROLES:
                    access = max(access, AnalysisAccess.EDIT)
                elif m.role == Role.DIRECTOR:
                    access = max(access, AnalysisAccess.READ)
            elif institution.kind == "pcpr" and institution.unit_id in county_ids and m.role == Role.PCPR_ANIMATOR:
                rural = cooperation.variant == "rural"
                access = max(access, AnalysisAccess.EDIT if rural else AnalysisAccess.READ)
            elif institution.kind == "rops" and m.role in REGIONAL_ROLES and code.startswith(institution.unit.code):
                access = max(access, AnalysisAccess.READ)
        if access < AnalysisAccess.READ and _signatory_or_representative(user, cooperation, directed):
            access = AnalysisAccess.READ
    cache[user.pk] = access
    return access


def _signatory_or_representative(user, cooperation, directed: set[int]) -> bool:
    """Does the user head an institution in the cooperation's team or party to its agreement (not declined), or
    represent one in the team? Two queries at most."""
    from kooperacja.cooperation.models import AgreementParty, TeamMember

    team = TeamMember.objects.filter(team__cooperation=cooperation, left_on__isnull=True)
    if team.filter(models.Q(representative_user=user) | models.Q(institution__in=directed)).exists():
        return True
    return bool(directed) and (
        AgreementParty.objects.filter(agreement__cooperation=cooperation, institution__in=directed)
        .exclude(status=AgreementParty.Status.DECLINED)
        .exists()
    )


def cooperation_for_user(*, user, cooperation_id: int, write: bool = False, queryset=None):
    """A cooperation the user may read (or run); ``cooperation.access`` tells pages how much to offer."""
    from kooperacja.cooperation.models import Cooperation

    if queryset is None:
        queryset = Cooperation.objects.all()
    cooperation = get_object_or_404(queryset.select_related("unit__parent__parent"), pk=cooperation_id)
    cooperation.access = cooperation_access_to(user, cooperation)
    _require(cooperation.access, write=write)
    return cooperation


def is_rops_staff_for(user, unit) -> bool:
    """A ROPS member (animator or director) of the voivodeship of ``unit``: answers applications (R-22)."""
    return any(
        m.institution_id
        and m.institution.kind == "rops"
        and unit.code.startswith(m.institution.unit.code)
        and m.role in (Role.ROPS_ANIMATOR, Role.DIRECTOR)
        for m in memberships_of(user)
    )


# --- Meetings -----------------------------------------------------------------------------
# A meeting of a cooperation is read by those who read the cooperation and run by those who run it; its organiser
# runs it too. Invitees (and owners of its action items) read their own meeting even without the cooperation.
# A meeting without a cooperation (a case group's) is read and run by its organiser (and administrators).


def meeting_access_to(user, meeting) -> AnalysisAccess:
    """What ``user`` may do with ``meeting``; a query or two beyond the cooperation's own. A case meeting
    is seen ONLY by who sees the case — an invitee, or its organiser, who no longer does sees nothing — and run by
    its organiser and by who runs the case."""
    if meeting.case_id is not None:
        case_access = case_access_to(user, meeting.case)
        if case_access == AnalysisAccess.NONE:
            return AnalysisAccess.NONE
        return AnalysisAccess.EDIT if meeting.organiser_id == user.pk else case_access
    if meeting.organiser_id == user.pk:
        return AnalysisAccess.EDIT
    if meeting.cooperation_id is not None:
        access = cooperation_access_to(user, meeting.cooperation)
    else:
        access = AnalysisAccess.EDIT if is_administrator(user) else AnalysisAccess.NONE
    if access < AnalysisAccess.READ and (
        meeting.invitations.filter(user=user).exists() or meeting.action_items.filter(owner=user).exists()
    ):
        access = AnalysisAccess.READ
    return access


def meeting_for_user(*, user, meeting_id: int, write: bool = False, queryset=None):
    """A meeting the user may read (or run); ``meeting.access`` tells the page how much to offer. 404 when the
    user may not see it, PermissionDenied when they may see but not change it."""
    from kooperacja.meetings.models import Meeting

    if queryset is None:
        queryset = Meeting.objects.all()
    meeting = get_object_or_404(
        queryset.select_related("cooperation__unit__parent__parent", "organiser"), pk=meeting_id
    )
    meeting.access = meeting_access_to(user, meeting)
    if meeting.cooperation_id is not None:
        meeting.cooperation.access = cooperation_access_to(user, meeting.cooperation)
    _require(meeting.access, write=write)
    return meeting


def action_item_for_user(*, user, item_id: int):
    """An action item its owner, or whoever runs its meeting, may mark done."""
    from kooperacja.meetings.models import ActionItem

    item = get_object_or_404(ActionItem.objects.select_related("meeting__cooperation__unit", "owner"), pk=item_id)
    if item.owner_id != user.pk:
        _require(meeting_access_to(user, item.meeting), write=True)
    return item


# --- Cases (R-30 …, R-50) ---------------------------------------------------------------------------
# Special-category data. A case is seen only by its coordinator, the coordinators and current members of its
# case groups — a member only once the family's consent (or a recorded override on a legal basis) covers their
# institution — and the OPS staff named on it. An administrator sees it only through "break glass" (a written
# reason, logged and shown to the coordinator, valid for an hour). ROPS, directors and the team see nothing
# of it. Every read is logged by ``case_for_user``.


def case_access_to(user, case) -> AnalysisAccess:
    """EDIT for who runs the case (its coordinator, a group's coordinator), READ for the others allowed."""
    cache = case.__dict__.setdefault("_access_cache", {})
    if user.pk in cache:
        return cache[user.pk]
    from django.utils import timezone

    from kooperacja.cases.models import BreakGlass, CaseGroup, GroupMembership

    access = AnalysisAccess.NONE
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        pass
    elif case.coordinator_id == user.pk or CaseGroup.objects.filter(cases=case, coordinator=user).exists():
        access = AnalysisAccess.EDIT
    elif case.ops_staff.filter(pk=user.pk).exists():
        access = AnalysisAccess.READ
    else:
        institutions = set(
            GroupMembership.objects.filter(group__cases=case, user=user, left_on__isnull=True).values_list(
                "institution_id", flat=True
            )
        )
        shared = bool(institutions & shared_institution_ids(case)) if institutions else False
        recent = timezone.now() - BreakGlass.VALID_FOR
        glass = is_administrator(user) and BreakGlass.objects.filter(case=case, user=user, at__gte=recent).exists()
        if shared or glass:
            access = AnalysisAccess.READ
    cache[user.pk] = access
    return access


def shared_institution_ids(case) -> set[int]:
    """Institutions the case may be shared with: covered by a consent not withdrawn, or by an override."""
    from kooperacja.cases.models import Consent, ConsentOverride

    covered = set(Consent.objects.filter(case=case, withdrawn_on__isnull=True).values_list("institutions", flat=True))
    covered |= set(ConsentOverride.objects.filter(case=case).values_list("institution_id", flat=True))
    covered.discard(None)
    return covered


def case_for_user(*, user, case_id: int, write: bool = False, queryset=None):
    """A case the user may see — and the read is logged (R-50). 404 for everyone else, whatever their role."""
    from kooperacja.audit.services import record_read
    from kooperacja.cases.models import Case

    if queryset is None:
        queryset = Case.objects.all()
    case = get_object_or_404(queryset.select_related("cooperation__unit__parent", "coordinator"), pk=case_id)
    case.access = case_access_to(user, case)
    _require(case.access, write=write)
    record_read(actor=user, obj=case)
    return case


# --- The regional level (R-40 … R-43) ---------------------------------------------------------------
# ROPS staff (animators, directors, evaluators) of a voivodeship see its cooperations as aggregates only —
# never a case — and keep its tool base, support, recommendations and evaluations.


REGIONAL_ROLES = (Role.ROPS_ANIMATOR, Role.DIRECTOR, Role.EVALUATOR)


def regional_units_of(user) -> list:
    """The voivodeships whose ROPS the user works for (animator, director or evaluator)."""
    units = {}
    for m in memberships_of(user):
        if m.institution_id and m.institution.kind == "rops" and m.role in REGIONAL_ROLES:
            units.setdefault(m.institution.unit.code, m.institution.unit)
    return list(units.values())


def regional_voivodeship_for(user, code: str | None = None):
    """The voivodeship a regional page shows: the user's own (the one named by ``code`` among them);
    administrators may name any. 404 when the user has none."""
    from kooperacja.territory.models import Unit

    if is_administrator(user):
        queryset = Unit.objects.filter(level=Unit.Level.VOIVODESHIP)
        if code:
            return get_object_or_404(queryset, code=code)
        own = regional_units_of(user)
        return own[0] if own else get_object_or_404(queryset.order_by("code")[:1])
    own = regional_units_of(user)
    if code:
        own = [u for u in own if u.code == code]
    if not own:
        raise Http404
    return own[0]


REGIONAL_STAFF = Rule("regional-staff", lambda user: is_administrator(user) or bool(regional_units_of(user)))
