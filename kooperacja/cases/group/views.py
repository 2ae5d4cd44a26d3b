"""The case group (GGK) and its meetings: members over time, coordination, cases served, meetings (planned by
the coordinator, extra ones called by any member), the monitoring frequency, the family's participation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, AnalysisAccess, allow, case_access_to, case_for_user
from kooperacja.cases.group import selectors, services
from kooperacja.cases.group.forms import (
    AttachForm,
    CaseMeetingForm,
    ClosePersonForm,
    ExtraMeetingForm,
    HandoverForm,
    MemberForm,
    MonitoringForm,
    ParticipationForm,
)
from kooperacja.cases.models import FamilyParticipation, GroupMembership
from kooperacja.cases.views import case_context
from kooperacja.core.forms import add_service_errors
from kooperacja.meetings.models import Meeting


def _current_users(group):
    from kooperacja.accounts.models import User

    return (
        User.objects.filter(
            case_group_memberships__group=group, case_group_memberships__left_on__isnull=True, is_active=True
        )
        .exclude(pk=group.coordinator_id)
        .distinct()
    )


def _page(request, case, *, status: int = 200, **forms):
    group = selectors.group_with_details(case)
    members = selectors.memberships(group)
    context = case_context(
        case,
        "cases:group",
        group=group,
        members=members,
        handovers=selectors.handovers(group),
        meetings=selectors.case_meetings(case),
        plan=selectors.monitoring_plan(case),
    )
    is_member = any(m.user_id == request.user.pk and m.left_on is None for m in members)
    context["can_call_extra"] = not case.is_closed and (context["can_edit"] or is_member)
    if context["can_edit"]:
        context |= {
            "member_form": forms.get("member_form") or MemberForm(candidates=selectors.member_candidates(case)),
            "close_person_form": forms.get("close_person_form") or ClosePersonForm(),
            "handover_form": forms.get("handover_form") or HandoverForm(users=_current_users(group)),
            "attach_form": forms.get("attach_form") or AttachForm(cases=selectors.other_cases_to_attach(case, group)),
            "meeting_form": forms.get("meeting_form") or CaseMeetingForm(),
            "monitoring_form": forms.get("monitoring_form") or MonitoringForm(initial=_monitoring_initial(context)),
        }
    if context["can_call_extra"]:
        context["extra_form"] = forms.get("extra_form") or ExtraMeetingForm()
    return render(request, "cases/group/overview.html", context, status=status)


def _monitoring_initial(context) -> dict:
    plan = context["plan"]
    if plan is None:
        return {"edit_version": 0}
    return {"every_weeks": plan.every_weeks, "edit_version": plan.edit_version}


@allow(AUTHENTICATED)
def overview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    return _page(request, case)


def _handle(request, case, form, name: str, action, success: str, redirect_to=None):
    """Validate ``form``, run ``action(form)`` (a service call), redirect back or show the page with errors."""
    if form.is_valid():
        try:
            result = action(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect_to(result) if redirect_to else redirect("cases:group", case.pk)
    return _page(request, case, status=400, **{name: form})


@allow(AUTHENTICATED)
@require_POST
def member_add(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = MemberForm(request.POST, candidates=selectors.member_candidates(case))

    def action(form):
        membership = services.group_member_join(actor=request.user, case=case, **form.member_data())
        from kooperacja.accounts.access import shared_institution_ids

        if membership.institution_id not in shared_institution_ids(case):
            messages.warning(
                request,
                _(
                    "The family's consent does not cover this member's institution yet: they "
                    "will see the case once it does."
                ),
            )
        return membership

    return _handle(request, case, form, "member_form", action, _("The member has been added to the group."))


@allow(AUTHENTICATED)
@require_POST
def close_person_add(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = ClosePersonForm(request.POST)
    return _handle(
        request,
        case,
        form,
        "close_person_form",
        lambda f: services.group_close_person_add(actor=request.user, case=case, name=f.cleaned_data["name"]),
        _("The close person has been added."),
    )


@allow(AUTHENTICATED)
@require_POST
def member_leave(request, case_id: int, membership_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    membership = get_object_or_404(GroupMembership.objects.select_related("group"), pk=membership_id, group__cases=case)
    try:
        services.group_member_leave(actor=request.user, case=case, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The member has left the group."))
    return redirect("cases:group", case.pk)


@allow(AUTHENTICATED)
@require_POST
def handover(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = HandoverForm(request.POST, users=_current_users(selectors.group_with_details(case)))
    return _handle(
        request,
        case,
        form,
        "handover_form",
        lambda f: services.coordination_hand_over(actor=request.user, case=case, **f.cleaned_data),
        _("The coordination has been handed over."),
    )


@allow(AUTHENTICATED)
@require_POST
def attach(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    group = selectors.group_with_details(case)
    form = AttachForm(request.POST, cases=selectors.other_cases_to_attach(case, group))

    def action(form):
        other = form.cleaned_data["other"]
        if case_access_to(request.user, other) < AnalysisAccess.EDIT:
            raise ValidationError({"other": _("You do not run this case.")})
        return services.group_case_attach(actor=request.user, case=case, other=other)

    return _handle(request, case, form, "attach_form", action, _("The group now serves this case too."))


@allow(AUTHENTICATED)
@require_POST
def meeting_plan(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = CaseMeetingForm(request.POST)
    return _handle(
        request,
        case,
        form,
        "meeting_form",
        lambda f: services.case_meeting_plan(
            actor=request.user,
            case=case,
            kind=f.cleaned_data["kind"],
            starts_at=f.starts_at(),
            duration_minutes=f.cleaned_data["duration_minutes"],
            place=f.cleaned_data["place"],
            agenda=f.cleaned_data["agenda"],
            override_reason=f.cleaned_data["override_reason"],
        ),
        _("The meeting has been planned and the members invited. Send the invitations."),
        redirect_to=lambda meeting: redirect("meetings:detail", meeting.pk),
    )


@allow(AUTHENTICATED)
@require_POST
def extra_meeting(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    form = ExtraMeetingForm(request.POST)
    return _handle(
        request,
        case,
        form,
        "extra_form",
        lambda f: services.extra_meeting_call(
            actor=request.user,
            case=case,
            reason=f.cleaned_data["reason"],
            starts_at=f.starts_at(),
            duration_minutes=f.cleaned_data["duration_minutes"],
            place=f.cleaned_data["place"],
            override_reason=f.cleaned_data["override_reason"],
        ),
        _(
            "The extra meeting has been called: the coordinator and every member are invited and have been told. "
            "Send the invitations."
        ),
        redirect_to=lambda meeting: redirect("meetings:detail", meeting.pk),
    )


@allow(AUTHENTICATED)
@require_POST
def monitoring(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = MonitoringForm(request.POST)
    return _handle(
        request,
        case,
        form,
        "monitoring_form",
        lambda f: services.monitoring_schedule(actor=request.user, case=case, **f.cleaned_data),
        _("The monitoring meetings have been planned."),
    )


@allow(AUTHENTICATED)
def participation(request, case_id: int, meeting_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    meeting = get_object_or_404(Meeting, pk=meeting_id, case=case)
    meeting.case = case
    item = FamilyParticipation.objects.filter(meeting=meeting).first()
    initial = (
        {
            k: getattr(item, k)
            for k in ("attended", "consulted_how", "consulted_on", "informed_how", "informed_on", "note")
        }
        if item
        else {}
    )
    initial["edit_version"] = item.edit_version if item else 0
    form = ParticipationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_participation_record(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The family's participation has been recorded."))
            return redirect("cases:group", case.pk)
    return render(
        request,
        "cases/group/participation.html",
        case_context(case, "cases:group", form=form, meeting=meeting),
        status=400 if form.errors else 200,
    )
