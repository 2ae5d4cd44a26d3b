"""Reads of the tool base, support requests and recommendations, and who reaches them.

The tool base is read by every signed-in worker of an institution in the voivodeship (published items only) and
kept by the ROPS staff of that voivodeship (everything, drafts and proposals too). An object out of reach is a
404, so its existence is not revealed."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kooperacja.accounts.access import Rule, is_administrator, memberships_of, regional_units_of
from kooperacja.accounts.models import Membership, Role, User
from kooperacja.regional.models import Recommendation, SupportRequest, Tool, ToolVersion


def voivodeship_of(unit):
    """The voivodeship above (or at) ``unit``, through the parents already loaded."""
    while unit is not None and unit.parent_id is not None:
        unit = unit.parent
    return unit


def rops_animators_of(voivodeship) -> list[User]:
    """Who is told that a gmina of ``voivodeship`` sent ROPS something to handle: the ROPS's regional animators,
    or — where the ROPS has none on the platform — its directors, so that the notice reaches someone."""
    memberships = Membership.objects.filter(
        is_active=True,
        user__is_active=True,
        institution__kind="rops",
        institution__unit=voivodeship,
        role__in=(Role.ROPS_ANIMATOR, Role.DIRECTOR),
    ).select_related("user")
    by_role: dict[str, dict[int, User]] = {Role.ROPS_ANIMATOR: {}, Role.DIRECTOR: {}}
    for membership in memberships:
        by_role[membership.role][membership.user_id] = membership.user
    return list((by_role[Role.ROPS_ANIMATOR] or by_role[Role.DIRECTOR]).values())


def reader_voivodeships_of(user) -> list:
    """The voivodeships in which the user works for an institution (any role), ROPS included."""
    units = {}
    for m in memberships_of(user):
        if m.institution_id:
            voivodeship = voivodeship_of(m.institution.unit)
            if voivodeship is not None:
                units.setdefault(voivodeship.code, voivodeship)
    for unit in regional_units_of(user):
        units.setdefault(unit.code, unit)
    return list(units.values())


TOOL_READER = Rule("tool-reader", lambda user: is_administrator(user) or bool(reader_voivodeships_of(user)))


def may_manage_library(user, voivodeship) -> bool:
    return is_administrator(user) or any(u.pk == voivodeship.pk for u in regional_units_of(user))


def library_voivodeship_for(user, code: str | None = None):
    """The voivodeship whose tool base the user reads (the one named by ``code`` among them); 404 otherwise."""
    from kooperacja.accounts.access import regional_voivodeship_for

    if is_administrator(user):
        return regional_voivodeship_for(user, code)
    own = reader_voivodeships_of(user)
    if code:
        own = [u for u in own if u.code == code]
    if not own:
        raise Http404
    return own[0]


def _with_versions(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("voivodeship", "cooperation__unit").prefetch_related(
        Prefetch("versions", queryset=ToolVersion.objects.order_by("-number"))
    )


def latest_version(tool: Tool) -> ToolVersion | None:
    """The newest version among the prefetched ones (no query when ``_with_versions`` loaded them)."""
    versions = list(tool.versions.all())
    return versions[0] if versions else None


def tools_for_step(*, voivodeship, kind: str) -> QuerySet:
    """The published tools of ``voivodeship`` for steps of ``kind`` — what a cooperation's step page links to."""
    return _with_versions(Tool.objects.filter(voivodeship=voivodeship, step_kind=kind, status=Tool.Status.PUBLISHED))


def tools_list(*, voivodeship, manage: bool, query: str = "", step_kind: str = "", status: str = "") -> QuerySet:
    """The tools a reader (published only) or a keeper (all) sees, searched over titles and descriptions."""
    tools = Tool.objects.filter(voivodeship=voivodeship)
    if not manage:
        tools = tools.filter(status=Tool.Status.PUBLISHED)
    elif status:
        tools = tools.filter(status=status)
    if query:
        tools = tools.filter(Q(title__icontains=query) | Q(description__icontains=query))
    if step_kind:
        tools = tools.filter(step_kind=step_kind)
    return _with_versions(tools)


def tool_for_user(*, user, tool_id: int, manage: bool = False) -> Tool:
    """A tool the user may read (published, in one of the user's voivodeships) or, with ``manage``, keep."""
    tool = get_object_or_404(_with_versions(Tool.objects.all()), pk=tool_id)
    tool.manageable = may_manage_library(user, tool.voivodeship)
    if tool.manageable:
        return tool
    if manage or tool.status != Tool.Status.PUBLISHED:
        raise Http404
    if not any(u.pk == tool.voivodeship_id for u in reader_voivodeships_of(user)):
        raise Http404
    return tool


def tool_version_for_user(*, user, tool_id: int, number: int | None = None) -> ToolVersion:
    tool = tool_for_user(user=user, tool_id=tool_id)
    versions = list(tool.versions.all())
    if number is not None:
        versions = [v for v in versions if v.number == number]
    if not versions:
        raise Http404
    return versions[0]


def support_requests_of(*, voivodeship, status: str = "") -> QuerySet:
    requests = SupportRequest.objects.filter(voivodeship=voivodeship)
    if status:
        requests = requests.filter(status=status)
    return requests.select_related("cooperation__unit", "requested_by", "handled_by")


def support_requests_of_cooperation(cooperation) -> QuerySet:
    return SupportRequest.objects.filter(cooperation=cooperation).select_related("requested_by")


def support_request_for_user(*, user, request_id: int) -> SupportRequest:
    """A support request as ROPS handles it: only the staff of its voivodeship."""
    support_request = get_object_or_404(
        SupportRequest.objects.select_related("voivodeship", "cooperation__unit"), pk=request_id
    )
    if not may_manage_library(user, support_request.voivodeship):
        raise Http404
    return support_request


def recommendations_of(*, voivodeship, status: str = "", kind: str = "") -> QuerySet:
    recommendations = Recommendation.objects.filter(voivodeship=voivodeship)
    if status:
        recommendations = recommendations.filter(status=status)
    if kind:
        recommendations = recommendations.filter(kind=kind)
    return recommendations.select_related("cooperation__unit")


def recommendations_of_cooperation(cooperation) -> QuerySet:
    return Recommendation.objects.filter(cooperation=cooperation)


def recommendation_for_user(*, user, recommendation_id: int) -> Recommendation:
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("voivodeship", "cooperation__unit"), pk=recommendation_id
    )
    if not may_manage_library(user, recommendation.voivodeship):
        raise Http404
    return recommendation


def recommendation_summary(*, voivodeship) -> dict:
    """The summary report: counts by kind and status, and the texts of each kind (no personal data in them)."""
    counts = {
        (row["kind"], row["status"]): row["n"]
        for row in Recommendation.objects.filter(voivodeship=voivodeship)
        .values("kind", "status")
        .annotate(n=Count("pk"))
    }
    items = list(recommendations_of(voivodeship=voivodeship).order_by("kind", "status", "submitted_at", "pk"))
    statuses = Recommendation.Status
    kinds = []
    for kind, label in Recommendation.Kind.choices:
        row = [counts.get((kind, status), 0) for status in statuses.values]
        kinds.append(
            {
                "kind": kind,
                "label": label,
                "counts": row,
                "total": sum(row),
                "items": [r for r in items if r.kind == kind],
            }
        )
    totals = [sum(k["counts"][i] for k in kinds) for i in range(len(statuses.values))]
    return {"kinds": kinds, "statuses": statuses.labels, "totals": totals, "total": sum(totals)}
