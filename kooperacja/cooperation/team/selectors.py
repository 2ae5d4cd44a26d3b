"""Reads of the team: the current one with its members and plan of work, and which institutions are in it
(their directors and named representatives read the cooperation — accounts.access.cooperation_access_to)."""

from django.db.models import Prefetch

from kooperacja.cooperation.models import Team, TeamActivity, TeamGoal, TeamMember


def current_team(cooperation) -> Team | None:
    """The newest team of the cooperation (a continuation may establish a new one)."""
    return Team.objects.filter(cooperation=cooperation).order_by("-established_on", "-pk").first()


def team_with_details(cooperation) -> Team | None:
    """The current team with its members (active first), goals and activities, in a constant number of queries."""
    members = TeamMember.objects.select_related("institution__unit", "representative_user").order_by(
        "left_on", "membership", "institution__name"
    )
    return (
        Team.objects.filter(cooperation=cooperation)
        .select_related("agreement")
        .prefetch_related(
            Prefetch("members", queryset=members),
            Prefetch("goals", queryset=TeamGoal.objects.order_by("area", "pk")),
            Prefetch("activities", queryset=TeamActivity.objects.all()),
        )
        .order_by("-established_on", "-pk")
        .first()
    )


def team_institution_ids(cooperation) -> set[int]:
    """Ids of the institutions in the cooperation's team (e.g. to propose a case group). One query."""
    return set(
        TeamMember.objects.filter(team__cooperation=cooperation, left_on__isnull=True).values_list(
            "institution_id", flat=True
        )
    )


def cooperations_with_institutions(institution_ids) -> list[int]:
    """Ids of the cooperations whose team includes one of ``institution_ids`` (active members only)."""
    ids = list(institution_ids)
    if not ids:
        return []
    return sorted(
        set(
            TeamMember.objects.filter(institution_id__in=ids, left_on__isnull=True).values_list(
                "team__cooperation_id", flat=True
            )
        )
    )
