"""Writes to the team (R-26, R-39): established by signing the agreement, its members (core and supplementary),
the schedule of its meetings and its plan of work — goals by area and activities. One transaction and one audit
record each; refusals are ValidationErrors with Polish messages."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.cooperation.models import (
    Agreement,
    AgreementParty,
    Area,
    Cooperation,
    Team,
    TeamActivity,
    TeamGoal,
    TeamMember,
)
from kooperacja.core.concurrency import claim_version
from kooperacja.core.validators import check_not_in_future

SCHEDULE_FIELDS = {"meeting_frequency", "meeting_weekday", "meeting_time"}
MEMBER_FIELDS = {"representative_name", "representative_user", "membership", "joined_on", "left_on"}
ACTIVITY_FIELDS = {"area", "kind", "title", "planned_on", "done_on", "participants", "hours", "outcome"}


def kind_for(cooperation: Cooperation) -> str:
    return Team.Kind.GPZK if cooperation.variant == Cooperation.Variant.RURAL else Team.Kind.PZK


@transaction.atomic
def team_create(
    *, actor, cooperation: Cooperation, agreement: Agreement | None = None, established_on: datetime.date | None = None
) -> Team:
    """A team of the cooperation's variant (PZK or G-PZK); usually through ``team_create_from_agreement``."""
    team = Team(
        cooperation=cooperation,
        agreement=agreement,
        kind=kind_for(cooperation),
        established_on=established_on or datetime.date.today(),
    )
    team.full_clean()
    team.save()
    record(action=Action.CREATE, actor=actor, obj=team, details={"cooperation": cooperation.pk})
    return team


@transaction.atomic
def team_create_from_agreement(*, actor, agreement: Agreement) -> Team:
    """Signing establishes the team: the signed parties' institutions are its core, their signatories its
    representatives."""
    team = team_create(
        actor=actor, cooperation=agreement.cooperation, agreement=agreement, established_on=agreement.signed_on
    )
    parties = agreement.parties.filter(status=AgreementParty.Status.SIGNED).order_by("pk")
    TeamMember.objects.bulk_create(
        [
            TeamMember(
                team=team,
                institution_id=p.institution_id,
                representative_name=p.signatory_name,
                membership=TeamMember.Membership.CORE,
                joined_on=p.signed_on or team.established_on,
            )
            for p in parties
        ]
    )
    record(action=Action.UPDATE, actor=actor, obj=team, details={"members": [p.institution_id for p in parties]})
    return team


@transaction.atomic
def team_schedule_update(*, actor, team: Team, data: dict) -> Team:
    """The recurring meetings: monthly by default, every two months or quarterly — never rarer."""
    claim_version(team, edit_version=data.get("edit_version"), actor=actor)
    data = {k: v for k, v in data.items() if k in SCHEDULE_FIELDS}
    if "meeting_frequency" in data and data["meeting_frequency"] not in Team.Frequency.values:
        raise ValidationError({"meeting_frequency": _("The team meets at least once a quarter.")})
    fields = changed_fields(team, data)
    if fields:
        for name in fields:
            setattr(team, name, data[name])
        team.full_clean()
        team.save(update_fields=fields)
        record(action=Action.UPDATE, actor=actor, obj=team, details={"fields": fields})
    return team


@transaction.atomic
def team_member_add(
    *,
    actor,
    team: Team,
    institution,
    representative_name: str = "",
    representative_user=None,
    membership: str = TeamMember.Membership.SUPPLEMENTARY,
    joined_on: datetime.date | None = None,
) -> TeamMember:
    """Add an institution to the team — supplementary unless said otherwise."""
    if team.members.filter(institution=institution, left_on__isnull=True).exists():
        raise ValidationError({"institution": _("The institution is already a member of the team.")})
    member = TeamMember(
        team=team,
        institution=institution,
        representative_name=representative_name,
        representative_user=representative_user,
        membership=membership,
        joined_on=joined_on or datetime.date.today(),
    )
    member.full_clean()
    member.save()
    record(action=Action.CREATE, actor=actor, obj=member, details={"team": team.pk, "membership": membership})
    return member


@transaction.atomic
def team_member_update(*, actor, member: TeamMember, data: dict) -> TeamMember:
    """Change the representative, core/supplementary, or record that the institution left (``left_on``)."""
    claim_version(member, edit_version=data.get("edit_version"), actor=actor)
    data = {k: v for k, v in data.items() if k in MEMBER_FIELDS}
    fields = changed_fields(member, data)
    if not fields:
        return member
    for name in fields:
        setattr(member, name, data[name])
    if member.left_on and member.left_on < member.joined_on:
        raise ValidationError({"left_on": _("An institution cannot leave before it joined.")})
    member.full_clean()
    member.save(update_fields=fields)
    record(action=Action.UPDATE, actor=actor, obj=member, details={"fields": fields})
    return member


@transaction.atomic
def team_goal_add(*, actor, team: Team, area: str, text: str) -> TeamGoal:
    if area not in Area.values:
        raise ValidationError({"area": _("Choose the area of the goal.")})
    goal = TeamGoal(team=team, area=area, text=text.strip())
    goal.full_clean()
    goal.save()
    record(action=Action.CREATE, actor=actor, obj=goal, details={"team": team.pk, "area": area})
    return goal


@transaction.atomic
def team_goal_remove(*, actor, goal: TeamGoal) -> None:
    record(action=Action.DELETE, actor=actor, obj=goal, details={"team": goal.team_id})
    goal.delete()


def _check_activity(activity: TeamActivity) -> None:
    check_not_in_future(
        activity.done_on,
        message=_(
            "The date of completion cannot be later than today — enter the day on which the activity was carried "
            "out; a date still ahead goes in the planned date."
        ),
        field="done_on",
    )
    if activity.outcome and not activity.done_on:
        raise ValidationError({"done_on": _("Give the date the activity was done to record its outcome.")})


@transaction.atomic
def team_activity_add(
    *,
    actor,
    team: Team,
    area: str,
    kind: str,
    title: str,
    planned_on: datetime.date | None = None,
    done_on: datetime.date | None = None,
    participants: str = "",
    hours=None,
    outcome: str = "",
) -> TeamActivity:
    """An activity of the plan of work: training, supervision, a study visit, coaching (for the institutions),
    a local project (for groups and communities) and others, with its outcome once done."""
    activity = TeamActivity(
        team=team,
        area=area,
        kind=kind,
        title=title,
        planned_on=planned_on,
        done_on=done_on,
        participants=participants,
        hours=hours,
        outcome=outcome,
    )
    _check_activity(activity)
    activity.full_clean()
    activity.save()
    record(action=Action.CREATE, actor=actor, obj=activity, details={"team": team.pk, "kind": kind})
    return activity


@transaction.atomic
def team_activity_update(*, actor, activity: TeamActivity, data: dict) -> TeamActivity:
    claim_version(activity, edit_version=data.get("edit_version"), actor=actor)
    data = {k: v for k, v in data.items() if k in ACTIVITY_FIELDS}
    fields = changed_fields(activity, data)
    if not fields:
        return activity
    for name in fields:
        setattr(activity, name, data[name])
    _check_activity(activity)
    activity.full_clean()
    activity.save(update_fields=fields)
    record(action=Action.UPDATE, actor=actor, obj=activity, details={"fields": fields})
    return activity


@transaction.atomic
def team_activity_remove(*, actor, activity: TeamActivity) -> None:
    record(action=Action.DELETE, actor=actor, obj=activity, details={"team": activity.team_id})
    activity.delete()
