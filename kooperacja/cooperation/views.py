"""Pages of the cooperation itself: the list, starting one, the overview with the timeline, steps and people.
The application to ROPS and consents (application/), the agreement (agreement/) and the team (team/) have
their own packages; meetings are an app of their own."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import (
    AUTHENTICATED,
    AnalysisAccess,
    allow,
    cooperation_for_user,
    is_administrator,
    may_start_cooperation_in,
    memberships_of,
)
from kooperacja.cooperation import services
from kooperacja.cooperation.forms import CooperationEditForm, CooperationForm, RoleForm, StepForm
from kooperacja.cooperation.models import CooperationRole, Step
from kooperacja.cooperation.selectors import cooperation_timeline, cooperations_visible_to
from kooperacja.cooperation.timeline import timeline_svg
from kooperacja.core.forms import add_service_errors
from kooperacja.diagnosis.selectors import gminas_editable_by


def section_context(cooperation, section: str, **extra) -> dict:
    """What every page of a cooperation needs: the cooperation, the active tab, whether the user runs it."""
    return {
        "cooperation": cooperation,
        "section": section,
        "can_edit": cooperation.access >= AnalysisAccess.EDIT,
        **extra,
    }


@allow(AUTHENTICATED)
def cooperation_list(request):
    return render(
        request,
        "cooperation/list.html",
        {
            "cooperations": cooperations_visible_to(request.user).order_by("-start_date", "name"),
            "can_start": bool(gminas_editable_by(request.user))
            or is_administrator(request.user)
            or any(m.institution_id and m.institution.kind == "pcpr" for m in memberships_of(request.user)),
        },
    )


@allow(AUTHENTICATED)
def cooperation_create(request):
    mine = gminas_editable_by(request.user)
    form = CooperationForm(request.POST or None, initial={"unit": mine[0].pk if mine else None})
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        if not may_start_cooperation_in(request.user, unit):
            form.add_error("unit", _("You may start the cooperation of your own gmina or county only."))
        else:
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("unit", "other_gminas")}
            cooperation = services.cooperation_create(
                actor=request.user, unit=unit, other_units=form.cleaned_data["other_gminas"], **data
            )
            messages.success(request, _("The cooperation has started. Its steps are on the timeline below."))
            return redirect("cooperation:detail", cooperation.pk)
    return render(
        request,
        "cooperation/form.html",
        {"form": form, "title": _("Start the Model Kooperacji")},
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
def cooperation_detail(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    timeline = cooperation_timeline(cooperation)
    roles = cooperation.roles.select_related("user").order_by("role", "user__last_name")
    return render(
        request,
        "cooperation/detail.html",
        section_context(
            cooperation,
            "overview",
            timeline=timeline,
            timeline_svg=timeline_svg(timeline),
            roles=roles,
            other_units=cooperation.other_units.all(),
            role_form=RoleForm(),
        ),
    )


@allow(AUTHENTICATED)
def cooperation_edit(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    form = CooperationEditForm(request.POST or None, instance=copy.copy(cooperation))
    if request.method == "POST" and form.is_valid():
        try:
            services.cooperation_update(actor=request.user, cooperation=cooperation, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("cooperation:detail", cooperation.pk)
    return render(
        request,
        "cooperation/form.html",
        section_context(cooperation, "overview", form=form, title=_("Name, scope and timeline")),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
def step_edit(request, cooperation_id: int, step_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    step = get_object_or_404(Step, pk=step_id, cooperation=cooperation)
    form = StepForm(request.POST or None, instance=copy.copy(step))
    if request.method == "POST" and form.is_valid():
        try:
            services.step_update(actor=request.user, step=step, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The step has been saved."))
            return redirect("cooperation:detail", cooperation.pk)
    from kooperacja.regional.library.selectors import tools_for_step, voivodeship_of

    step_tools = tools_for_step(voivodeship=voivodeship_of(cooperation.unit), kind=step.kind)
    return render(
        request,
        "cooperation/step_form.html",
        section_context(cooperation, "overview", form=form, step=step, step_tools=step_tools),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
@require_POST
def role_add(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    form = RoleForm(request.POST)
    if form.is_valid():
        services.cooperation_role_add(
            actor=request.user, cooperation=cooperation, user=form.cleaned_data["email"], role=form.cleaned_data["role"]
        )
        messages.success(request, _("The person has been added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("cooperation:detail", cooperation.pk)


@allow(AUTHENTICATED)
@require_POST
def role_remove(request, cooperation_id: int, role_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    assignment = get_object_or_404(CooperationRole, pk=role_id, cooperation=cooperation)
    services.cooperation_role_remove(actor=request.user, assignment=assignment)
    messages.success(request, _("The person has been removed from the role."))
    return redirect("cooperation:detail", cooperation.pk)
