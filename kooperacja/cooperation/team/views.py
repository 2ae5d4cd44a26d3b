"""The team tab: members (core and supplementary), the meeting schedule and the plan of work; a printable PDF."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, AnalysisAccess, allow, cooperation_for_user
from kooperacja.accounts.models import User
from kooperacja.cooperation.agreement.selectors import institutions_for
from kooperacja.cooperation.models import Area, TeamActivity, TeamGoal, TeamMember
from kooperacja.cooperation.team import selectors, services
from kooperacja.cooperation.team.forms import ActivityForm, GoalForm, MemberAddForm, MemberForm, ScheduleForm
from kooperacja.cooperation.views import section_context
from kooperacja.core.forms import add_service_errors


def _team(cooperation):
    team = selectors.current_team(cooperation)
    if team is None:
        raise Http404
    return team


def _back(cooperation, anchor: str = ""):
    return redirect(reverse("cooperation:team", args=[cooperation.pk]) + anchor)


def _plan(team) -> list[dict]:
    goals, activities = list(team.goals.all()), list(team.activities.all())
    return [
        {
            "area": value,
            "label": label,
            "goals": [g for g in goals if g.area == value],
            "activities": [a for a in activities if a.area == value],
        }
        for value, label in Area.choices
    ]


def _context(cooperation, team, **forms) -> dict:
    context = {"team": team}
    if team is not None:
        members = list(team.members.all())
        context |= {
            "members": [m for m in members if m.is_active],
            "former": [m for m in members if not m.is_active],
            "plan": _plan(team),
        }
        if cooperation.access >= AnalysisAccess.EDIT:
            taken = {m.institution_id for m in members if m.is_active}
            context |= {
                "schedule_form": forms.get("schedule_form") or ScheduleForm(instance=copy.copy(team)),
                "member_form": forms.get("member_form")
                or MemberAddForm(institutions=institutions_for(cooperation).exclude(pk__in=taken)),
                "goal_form": forms.get("goal_form") or GoalForm(),
                "activity_form": forms.get("activity_form") or ActivityForm(),
            }
    return section_context(cooperation, "team", **context)


def _render(request, cooperation, status: int = 200, **forms):
    team = selectors.team_with_details(cooperation)
    return render(request, "cooperation/team/overview.html", _context(cooperation, team, **forms), status=status)


@allow(AUTHENTICATED)
def overview(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    return _render(request, cooperation)


@allow(AUTHENTICATED)
@require_POST
def schedule(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    team = _team(cooperation)
    form = ScheduleForm(request.POST, instance=copy.copy(team))
    if form.is_valid():
        try:
            services.team_schedule_update(actor=request.user, team=team, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting schedule has been saved."))
            return _back(cooperation, "#schedule")
    return _render(request, cooperation, status=400, schedule_form=form)


@allow(AUTHENTICATED)
@require_POST
def member_add(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    team = _team(cooperation)
    form = MemberAddForm(request.POST, institutions=institutions_for(cooperation))
    if form.is_valid():
        try:
            services.team_member_add(actor=request.user, team=team, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The institution has joined the team."))
            return _back(cooperation, "#members")
    return _render(request, cooperation, status=400, member_form=form)


@allow(AUTHENTICATED)
def member_edit(request, cooperation_id: int, member_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    member = get_object_or_404(
        TeamMember.objects.select_related("institution"), pk=member_id, team__cooperation=cooperation
    )
    users = (
        User.objects.filter(memberships__institution=member.institution_id, memberships__is_active=True, is_active=True)
        .distinct()
        .order_by("last_name", "first_name")
    )
    form = MemberForm(request.POST or None, instance=copy.copy(member), users=users)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_update(actor=request.user, member=member, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return _back(cooperation, "#members")
    return render(
        request,
        "cooperation/team/form.html",
        section_context(cooperation, "team", form=form, title=member.institution.name),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
@require_POST
def goal_add(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    team = _team(cooperation)
    form = GoalForm(request.POST)
    if form.is_valid():
        services.team_goal_add(actor=request.user, team=team, **form.cleaned_data)
        messages.success(request, _("The goal has been added to the plan of work."))
        return _back(cooperation, "#plan")
    return _render(request, cooperation, status=400, goal_form=form)


@allow(AUTHENTICATED)
@require_POST
def goal_remove(request, cooperation_id: int, goal_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    goal = get_object_or_404(TeamGoal, pk=goal_id, team__cooperation=cooperation)
    services.team_goal_remove(actor=request.user, goal=goal)
    messages.success(request, _("The goal has been removed."))
    return _back(cooperation, "#plan")


@allow(AUTHENTICATED)
@require_POST
def activity_add(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    team = _team(cooperation)
    form = ActivityForm(request.POST)
    if form.is_valid():
        try:
            services.team_activity_add(actor=request.user, team=team, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity has been added to the plan of work."))
            return _back(cooperation, "#plan")
    return _render(request, cooperation, status=400, activity_form=form)


@allow(AUTHENTICATED)
def activity_edit(request, cooperation_id: int, activity_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    activity = get_object_or_404(TeamActivity, pk=activity_id, team__cooperation=cooperation)
    form = ActivityForm(request.POST or None, instance=copy.copy(activity))
    if request.method == "POST" and form.is_valid():
        try:
            services.team_activity_update(actor=request.user, activity=activity, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return _back(cooperation, "#plan")
    context = section_context(cooperation, "team", form=form, title=activity.title, activity=activity)
    return render(request, "cooperation/team/form.html", context, status=400 if form.errors else 200)


@allow(AUTHENTICATED)
@require_POST
def activity_remove(request, cooperation_id: int, activity_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    activity = get_object_or_404(TeamActivity, pk=activity_id, team__cooperation=cooperation)
    services.team_activity_remove(actor=request.user, activity=activity)
    messages.success(request, _("The activity has been removed."))
    return _back(cooperation, "#plan")


@allow(AUTHENTICATED)
def pdf(request, cooperation_id: int):
    from kooperacja.documents.pdf import render_pdf  # WeasyPrint is heavy; only this view needs it

    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    team = selectors.team_with_details(cooperation)
    if team is None:
        raise Http404
    context = _context(cooperation, team) | {"can_edit": False}
    response = HttpResponse(render_pdf("cooperation/team/team_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="zespol-{cooperation.pk}.pdf"'
    return response
