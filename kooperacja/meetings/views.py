"""Pages of meetings: the cooperation's tab, the meeting, answers, attendance, minutes, the user's meetings and
tasks; PDFs (invitation letters, minutes, attendance list) and the .ics file. Thin: forms → services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import (
    AUTHENTICATED,
    AnalysisAccess,
    action_item_for_user,
    allow,
    cooperation_for_user,
    meeting_for_user,
)
from kooperacja.cooperation.views import section_context
from kooperacja.core.forms import add_service_errors
from kooperacja.meetings import selectors, services
from kooperacja.meetings.agendas import agenda_template
from kooperacja.meetings.forms import (
    ActionItemFormSet,
    AnswerForm,
    AttendanceForm,
    CancelForm,
    InvitationForm,
    MeetingForm,
    MinutesForm,
    SendForm,
)
from kooperacja.meetings.ics import meeting_ics
from kooperacja.meetings.models import Invitation, Meeting

# Kinds planned from a cooperation's tab; case-group and monitoring meetings are planned from a case.
COOPERATION_KINDS = [Meeting.Kind.AUTHORITIES, Meeting.Kind.INSTITUTIONS, Meeting.Kind.TEAM, Meeting.Kind.OTHER]
CASE_KINDS = [Meeting.Kind.CASE_GROUP, Meeting.Kind.MONITORING]


def _context(meeting: Meeting, **extra) -> dict:
    """Meeting pages sit in the cooperation's Meetings tab when the meeting has a cooperation."""
    # A meeting of a closed case is part of its record: read, not changed.
    case_closed = meeting.case_id is not None and meeting.case.is_closed
    context = {
        "meeting": meeting,
        "can_run": meeting.access >= AnalysisAccess.EDIT and not case_closed,
        "case_closed": case_closed,
        **extra,
    }
    if meeting.cooperation_id is not None:
        context |= section_context(meeting.cooperation, "meetings")
        context["base_template"] = "cooperation/_base.html"
    else:
        context["base_template"] = "meetings/_standalone.html"
    return context


def _status(form) -> int:
    return 400 if form is not None and form.errors else 200


# --- The cooperation's tab, planning ---------------------------------------------------------------


@allow(AUTHENTICATED)
def for_cooperation(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id)
    upcoming, past = selectors.cooperation_meetings(cooperation)
    kinds = [(k, Meeting.Kind(k).label) for k in COOPERATION_KINDS]
    return render(
        request,
        "meetings/for_cooperation.html",
        section_context(cooperation, "meetings", upcoming=upcoming, past=past, kinds=kinds),
    )


@allow(AUTHENTICATED)
def meeting_create(request, cooperation_id: int):
    cooperation = cooperation_for_user(user=request.user, cooperation_id=cooperation_id, write=True)
    kind = request.GET.get("rodzaj", Meeting.Kind.INSTITUTIONS)
    if kind not in COOPERATION_KINDS:
        kind = Meeting.Kind.INSTITUTIONS
    initial = {
        "kind": kind,
        "title": Meeting.Kind(kind).label.capitalize(),
        "agenda": agenda_template(kind),
        "duration_minutes": 120,
    }
    form = MeetingForm(request.POST or None, initial=initial, kinds=COOPERATION_KINDS)
    gate = services.authorities_gate(cooperation) if kind == Meeting.Kind.AUTHORITIES else []
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user,
                cooperation=cooperation,
                override_reason=form.cleaned_data["override_reason"],
                **form.meeting_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has been planned. Add the invitees and send the invitations."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        section_context(
            cooperation,
            "meetings",
            form=form,
            gate=gate,
            title=_("New meeting"),
        ),
        status=_status(form),
    )


@allow(AUTHENTICATED)
def meeting_edit(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id, write=True)
    kinds = COOPERATION_KINDS if meeting.cooperation_id else (CASE_KINDS if meeting.case_id else None)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting), kinds=kinds)
    if meeting.case_id is not None:  # generated from the kind and the case reference
        form.fields["title"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                data=form.meeting_data(),
                override_reason=form.cleaned_data["override_reason"],
                edit_version=form.cleaned_data.get("edit_version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        _context(meeting, form=form, title=_("Change the meeting")),
        status=_status(form),
    )


# --- The meeting -----------------------------------------------------------------------------------


def _detail_context(request, meeting: Meeting, **forms) -> dict:
    invitations = selectors.meeting_invitations(meeting)
    mine = next((i for i in invitations if i.user_id == request.user.pk), None)
    results = services.rule_results(meeting, now=timezone.now()) if meeting.status == Meeting.Status.PLANNED else []
    context = _context(
        meeting,
        invitations=invitations,
        mine=mine,
        minutes=selectors.meeting_minutes(meeting),
        action_items=selectors.meeting_action_items(meeting),
        results=results,
        has_blocking=any(r.is_blocking for r in results),
        overrides=list(meeting.overrides.select_related("created_by")),
        started=meeting.starts_at <= timezone.now(),
    )
    if context["can_run"]:
        institutions, users = selectors.invitation_choices(meeting)
        context |= {
            "invitation_form": forms.get("invitation_form") or InvitationForm(institutions=institutions, users=users),
            "send_form": forms.get("send_form") or SendForm(),
            "cancel_form": forms.get("cancel_form") or CancelForm(),
            "awaiting": list(services.minutes_awaiting_approval(meeting)),
        }
    return context


@allow(AUTHENTICATED)
def meeting_detail(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting))


@allow(AUTHENTICATED)
@require_POST
def meeting_cancel(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id, write=True)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_cancel(actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has been cancelled."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request, "meetings/meeting_detail.html", _detail_context(request, meeting, cancel_form=form), status=400
    )


@allow(AUTHENTICATED)
@require_POST
def invitation_add(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id, write=True)
    institutions, users = selectors.invitation_choices(meeting)
    form = InvitationForm(request.POST, institutions=institutions, users=users)
    if form.is_valid():
        try:
            services.invitation_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The person has been added to the invitees."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request, "meetings/meeting_detail.html", _detail_context(request, meeting, invitation_form=form), status=400
    )


@allow(AUTHENTICATED)
@require_POST
def invitation_remove(request, meeting_id: int, invitation_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id, write=True)
    invitation = get_object_or_404(Invitation, pk=invitation_id, meeting=meeting)
    services.invitation_remove(actor=request.user, invitation=invitation)
    messages.success(request, _("The invitation has been removed."))
    return redirect("meetings:detail", meeting.pk)


@allow(AUTHENTICATED)
@require_POST
def invitations_send(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id, write=True)
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            services.invitations_send(
                actor=request.user, meeting=meeting, override_reason=form.cleaned_data["override_reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The invitations have been sent. Print the letters for those without an account.")
            )
            return redirect("meetings:detail", meeting.pk)
    return render(
        request, "meetings/meeting_detail.html", _detail_context(request, meeting, send_form=form), status=400
    )


@allow(AUTHENTICATED)
def invitation_answer(request, meeting_id: int, invitation_id: int):
    """The invitee's own answer; whoever runs the meeting records an answer given by phone."""
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id)
    invitation = get_object_or_404(Invitation.objects.select_related("institution"), pk=invitation_id, meeting=meeting)
    if invitation.user_id != request.user.pk and meeting.access < AnalysisAccess.EDIT:
        raise Http404
    initial = {
        "answer": invitation.answer if invitation.answer != "pending" else None,
        "deputy_name": invitation.deputy_name,
        "edit_version": invitation.edit_version,
    }
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_answer(actor=request.user, invitation=invitation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The answer has been saved."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request, "meetings/answer_form.html", _context(meeting, form=form, invitation=invitation), status=_status(form)
    )


@allow(AUTHENTICATED)
def attendance(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id, write=True)
    invitations = selectors.meeting_invitations(meeting)
    form = AttendanceForm(request.POST or None, invitations=invitations, initial={"edit_version": meeting.edit_version})
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                actor=request.user,
                meeting=meeting,
                attended=form.attended(),
                edit_version=form.cleaned_data.get("edit_version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The attendance list has been saved."))
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/attendance.html", _context(meeting, form=form), status=_status(form))


# --- Minutes ---------------------------------------------------------------------------------------


@allow(AUTHENTICATED)
def minutes_edit(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id, write=True)
    minutes = selectors.meeting_minutes(meeting)
    if minutes is not None and minutes.is_approved:
        messages.info(request, _("These minutes have been approved and can no longer be changed."))
        return redirect("meetings:minutes", meeting.pk)
    owners = selectors.owner_choices(meeting)
    items = [i for i in selectors.meeting_action_items(meeting) if i.done_at is None]
    if request.method == "POST":
        form = MinutesForm(request.POST)
        formset = ActionItemFormSet(request.POST, prefix="items", form_kwargs={"owners": owners})
    else:
        form = MinutesForm(
            initial={
                "text": minutes.text if minutes else meeting.agenda,
                "decisions": "\n".join(d.text for d in minutes.decisions.all()) if minutes else "",
                "edit_version": minutes.edit_version if minutes else 0,
            }
        )
        formset = ActionItemFormSet(
            prefix="items",
            form_kwargs={"owners": owners},
            initial=[
                {"pk": i.pk, "description": i.description, "owner": i.owner_id, "deadline": i.deadline} for i in items
            ],
        )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.minutes_save(
                actor=request.user,
                meeting=meeting,
                text=form.cleaned_data["text"],
                decisions=form.decision_list(),
                action_items=formset.items(),
                edit_version=form.cleaned_data.get("edit_version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The minutes have been saved. Show them on the screen and read them out."))
            return redirect("meetings:minutes", meeting.pk)
    failed = request.method == "POST" and (form.errors or any(formset.errors) or formset.non_form_errors())
    return render(
        request,
        "meetings/minutes_form.html",
        _context(meeting, form=form, formset=formset),
        status=400 if failed else 200,
    )


@allow(AUTHENTICATED)
def minutes_detail(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id)
    minutes = selectors.meeting_minutes(meeting)
    return render(
        request,
        "meetings/minutes_detail.html",
        _context(
            meeting,
            minutes=minutes,
            action_items=selectors.meeting_action_items(meeting),
        ),
    )


@allow(AUTHENTICATED)
@require_POST
def minutes_approve(request, meeting_id: int):
    """At the start of a meeting: approve the minutes of an earlier meeting of the same cooperation."""
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id, write=True)
    minutes = next(
        (m for m in services.minutes_awaiting_approval(meeting) if str(m.pk) == request.POST.get("minutes")), None
    )
    if minutes is None:
        raise Http404
    try:
        services.minutes_approve(actor=request.user, minutes=minutes, at_meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The minutes of the earlier meeting have been approved."))
    return redirect("meetings:detail", meeting.pk)


# --- The user's meetings and tasks -----------------------------------------------------------------


@allow(AUTHENTICATED)
def my_meetings(request):
    upcoming, past = selectors.meetings_of_user(request.user)
    return render(request, "meetings/my_meetings.html", {"upcoming": upcoming, "past": past[:30]})


@allow(AUTHENTICATED)
def my_tasks(request):
    return render(
        request,
        "meetings/my_tasks.html",
        {
            "tasks": selectors.open_tasks_of(request.user),
            "done": selectors.recently_done_tasks_of(request.user),
            "today": timezone.localdate(),
        },
    )


@allow(AUTHENTICATED)
@require_POST
def action_item_done(request, item_id: int):
    item = action_item_for_user(user=request.user, item_id=item_id)
    services.action_item_done(actor=request.user, item=item)
    messages.success(request, _("The task is done."))
    if request.POST.get("next") == "meeting":
        return redirect("meetings:minutes", item.meeting_id)
    return redirect("meetings:my_tasks")


# --- Documents -------------------------------------------------------------------------------------


def _pdf(template: str, context: dict, filename: str) -> HttpResponse:
    from kooperacja.documents.pdf import render_pdf  # WeasyPrint is heavy: only these views need it

    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@allow(AUTHENTICATED)
def invitations_pdf(request, meeting_id: int, invitation_id: int | None = None):
    """Invitation letters: one per invitee, all in one document, or the one of ``invitation_id``."""
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id, write=True)
    invitations = selectors.meeting_invitations(meeting)
    if invitation_id is not None:
        invitations = [i for i in invitations if i.pk == invitation_id]
        if not invitations:
            raise Http404
    suffix = f"-{invitation_id}" if invitation_id else ""
    return _pdf(
        "meetings/pdf/invitations.html",
        {"meeting": meeting, "invitations": invitations},
        f"zaproszenie-{meeting.pk}{suffix}.pdf",
    )


@allow(AUTHENTICATED)
def minutes_pdf(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id)
    minutes = selectors.meeting_minutes(meeting)
    if minutes is None:
        raise Http404
    return _pdf(
        "meetings/pdf/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "action_items": selectors.meeting_action_items(meeting),
            "present": [i for i in selectors.meeting_invitations(meeting) if i.attended],
        },
        f"protokol-{meeting.pk}.pdf",
    )


@allow(AUTHENTICATED)
def attendance_pdf(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id, write=True)
    return _pdf(
        "meetings/pdf/attendance.html",
        {"meeting": meeting, "invitations": selectors.meeting_invitations(meeting)},
        f"lista-obecnosci-{meeting.pk}.pdf",
    )


@allow(AUTHENTICATED)
def meeting_calendar(request, meeting_id: int):
    meeting = meeting_for_user(user=request.user, meeting_id=meeting_id)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="spotkanie-{meeting.pk}.ics"'
    return response
