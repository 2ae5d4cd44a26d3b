"""The services of meetings: permissions, the rules at each moment, answers, minutes, tasks, reminders, e-mails."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kooperacja.audit.models import AuditEvent
from kooperacja.cooperation.models import Step
from kooperacja.meetings import agendas, services
from kooperacja.meetings.models import ActionItem, Invitation, Meeting, RuleOverride
from kooperacja.meetings.tests.conftest import at
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import outbox_process


def create(actor, cooperation, **kwargs):
    data = {
        "kind": "team",
        "title": "Zespół",
        "starts_at": at(2026, 5, 5, 11),
        "duration_minutes": 60,
        "place": "OPS",
        "cooperation": cooperation,
        "now": at(2026, 4, 1, 9),  # planned well ahead: the notice of a case group can be kept
    } | kwargs
    return services.meeting_create(actor=actor, **data)


# --- Planning --------------------------------------------------------------------------------------


def test_coordinator_plans_a_meeting_with_the_kinds_agenda(cooperation, coordinator_ops):
    meeting = create(coordinator_ops, cooperation, kind="institutions", agenda="")
    assert meeting.organiser == coordinator_ops and meeting.status == Meeting.Status.PLANNED
    assert meeting.agenda == agendas.INSTITUTIONS
    events = AuditEvent.objects.filter(object_type="meetings.meeting", object_id=str(meeting.pk), action="create")
    assert events.exists()


def test_a_reader_of_the_cooperation_cannot_plan_invite_or_send(cooperation, teacher_school, meeting):
    with pytest.raises(PermissionDenied):
        create(teacher_school, cooperation)
    with pytest.raises(PermissionDenied):
        services.invitation_add(actor=teacher_school, meeting=meeting, person_name="Jan Nowak")
    with pytest.raises(PermissionDenied):
        services.invitations_send(actor=teacher_school, meeting=meeting)
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(actor=teacher_school, meeting=meeting, reason="x")


def test_a_worker_of_another_gmina_cannot_plan(cooperation, worker_other_gmina):
    with pytest.raises(PermissionDenied):
        create(worker_other_gmina, cooperation)


def test_naive_start_is_refused(cooperation, coordinator_ops):
    with pytest.raises(ValueError):
        create(coordinator_ops, cooperation, starts_at=datetime.datetime(2026, 5, 5, 11))


def test_authorities_meeting_needs_a_complete_analysis_or_a_reason(cooperation, coordinator_ops):
    with pytest.raises(ValidationError) as error:
        create(coordinator_ops, cooperation, kind="authorities")
    assert "override_reason" in error.value.message_dict
    assert not Meeting.objects.exists()  # the transaction rolled back
    meeting = create(coordinator_ops, cooperation, kind="authorities", override_reason="Burmistrz ma czas tylko teraz.")
    assert meeting.agenda == agendas.AUTHORITIES
    (override,) = RuleOverride.objects.filter(meeting=meeting)
    assert override.codes == ["analysis_missing"] and override.created_by == coordinator_ops
    assert override.reason == "Burmistrz ma czas tylko teraz."


def test_an_incomplete_current_analysis_blocks_too(cooperation, coordinator_ops, territory):
    from kooperacja.diagnosis.models import Analysis

    Analysis.objects.create(unit=territory["gmina"], year=2026, is_current=True)
    with pytest.raises(ValidationError) as error:
        create(coordinator_ops, cooperation, kind="authorities")
    assert any("%" in m for m in error.value.message_dict["override_reason"])


def test_authorities_meeting_with_a_complete_analysis_needs_no_reason(cooperation, coordinator_ops, complete_analysis):
    meeting = create(coordinator_ops, cooperation, kind="authorities")
    assert not meeting.overrides.exists()


def test_institutions_warnings_do_not_stop_planning(cooperation, coordinator_ops):
    meeting = create(
        coordinator_ops, cooperation, kind="institutions", starts_at=at(2026, 5, 4, 8), duration_minutes=180
    )
    assert {r.code for r in services.rule_results(meeting)} == {
        "institutions_day",
        "institutions_time",
        "institutions_duration",
    }
    assert not meeting.overrides.exists()


def test_case_group_on_saturday_is_blocked_unless_a_reason_is_recorded(coordinator_ops):
    with pytest.raises(ValidationError):
        create(coordinator_ops, None, kind="case_group", starts_at=at(2026, 5, 9, 10))
    meeting = create(
        coordinator_ops, None, kind="case_group", starts_at=at(2026, 5, 9, 10), override_reason="Interwencja kryzysowa."
    )
    assert meeting.overrides.get().codes == ["case_group_weekday"]
    assert AuditEvent.objects.filter(object_type="meetings.ruleoverride").exists()


# --- Invitations -----------------------------------------------------------------------------------


def test_invitations_send_notifies_accounts_and_starts_the_step(
    meeting, invited_teacher, coordinator_ops, teacher_school, cooperation
):
    services.invitation_add(actor=coordinator_ops, meeting=meeting, person_name="Jan Nowak", function="dyrektor")
    services.invitations_send(actor=coordinator_ops, meeting=meeting, now=at(2026, 4, 20, 9))
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at == at(2026, 4, 20, 9)
    (notice,) = Notification.objects.filter(kind=Notification.Kind.MEETING_INVITATION)
    assert notice.user == teacher_school and notice.url == f"/spotkania/{meeting.pk}/"
    assert cooperation.steps.get(kind="meeting_institutions").status == Step.Status.IN_PROGRESS


def test_sending_needs_invitees(meeting, coordinator_ops):
    with pytest.raises(ValidationError):
        services.invitations_send(actor=coordinator_ops, meeting=meeting)


def test_case_group_invitations_less_than_five_days_before_need_a_reason(coordinator_ops):
    meeting = create(coordinator_ops, None, kind="case_group", starts_at=at(2026, 5, 11, 10))
    services.invitation_add(actor=coordinator_ops, meeting=meeting, person_name="Kurator")
    with pytest.raises(ValidationError) as error:
        services.invitations_send(actor=coordinator_ops, meeting=meeting, now=at(2026, 5, 7, 9))
    assert "override_reason" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is None
    services.invitations_send(actor=coordinator_ops, meeting=meeting, now=at(2026, 5, 6, 9))  # exactly 5 days
    assert not meeting.overrides.exists()


def test_case_group_late_invitation_with_reason_is_recorded(coordinator_ops):
    meeting = create(coordinator_ops, None, kind="case_group", starts_at=at(2026, 5, 11, 10))
    services.invitation_add(actor=coordinator_ops, meeting=meeting, person_name="Kurator")
    services.invitations_send(
        actor=coordinator_ops, meeting=meeting, now=at(2026, 5, 8, 9), override_reason="Pilna sytuacja dziecka."
    )
    override = meeting.overrides.get()
    assert override.codes == ["case_group_notice"] and override.moment == "send"


def test_the_same_account_is_invited_once(meeting, invited_teacher, coordinator_ops, teacher_school):
    with pytest.raises(ValidationError):
        services.invitation_add(actor=coordinator_ops, meeting=meeting, user=teacher_school)


def test_invitee_answers_only_their_own_invitation(
    meeting, invited_teacher, teacher_school, worker_other_gmina, coordinator_ops
):
    other = services.invitation_add(actor=coordinator_ops, meeting=meeting, person_name="Jan Nowak")
    with pytest.raises(PermissionDenied):
        services.invitation_answer(actor=teacher_school, invitation=other, answer="accepts")
    with pytest.raises(PermissionDenied):
        services.invitation_answer(actor=worker_other_gmina, invitation=invited_teacher, answer="accepts")
    services.invitation_answer(
        actor=teacher_school, invitation=invited_teacher, answer="deputy", deputy_name="Anna Zastępcza"
    )
    invited_teacher.refresh_from_db()
    assert invited_teacher.answer == "deputy" and invited_teacher.answered_by == teacher_school
    # The organiser records an answer given by phone.
    services.invitation_answer(actor=coordinator_ops, invitation=other, answer="declines")
    other.refresh_from_db()
    assert other.answer == "declines" and other.answered_by == coordinator_ops


def test_a_deputy_needs_a_name(invited_teacher, teacher_school):
    with pytest.raises(ValidationError) as error:
        services.invitation_answer(actor=teacher_school, invitation=invited_teacher, answer="deputy")
    assert "deputy_name" in error.value.message_dict


def test_changes_and_cancelling_notify_invitees_after_sending(
    meeting, invited_teacher, coordinator_ops, teacher_school
):
    services.meeting_update(actor=coordinator_ops, meeting=meeting, data={"place": "Inna sala"})
    assert not Notification.objects.filter(kind=Notification.Kind.MEETING_CHANGED).exists()  # not sent yet
    services.invitations_send(actor=coordinator_ops, meeting=meeting, now=at(2026, 4, 20, 9))
    services.meeting_update(actor=coordinator_ops, meeting=meeting, data={"starts_at": at(2026, 5, 6, 11)})
    services.meeting_cancel(actor=coordinator_ops, meeting=meeting, reason="Choroba prowadzącej")
    assert Notification.objects.filter(kind=Notification.Kind.MEETING_CHANGED, user=teacher_school).count() == 2
    with pytest.raises(ValidationError):
        services.meeting_update(actor=coordinator_ops, meeting=meeting, data={"place": "x"})


def test_cancelling_needs_a_reason(meeting, coordinator_ops):
    with pytest.raises(ValidationError):
        services.meeting_cancel(actor=coordinator_ops, meeting=meeting, reason=" ")


# --- E-mails carry nothing about the meeting -------------------------------------------------------


def test_emails_name_no_place_agenda_title_or_person(meeting, invited_teacher, coordinator_ops, teacher_school):
    services.invitation_add(actor=coordinator_ops, meeting=meeting, person_name="Zenobia Tajemnicza")
    services.invitations_send(actor=coordinator_ops, meeting=meeting, now=at(2026, 4, 20, 9))
    services.meeting_update(actor=coordinator_ops, meeting=meeting, data={"place": "Sala Tajna 7"})
    services.meetings_send_reminders(now=at(2026, 5, 4, 9))
    outbox_process()
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        text = message.subject + message.body
        for secret in (
            "Tajny punkt agendy XYZ",
            "Sala Tajna",
            "Urząd Miejski",
            "Zenobia",
            "Tajemnicza",
            "Spotkanie z instytucjami",
            "pedagog",
        ):
            assert secret not in text
        assert message.to == [teacher_school.email]


# --- Attendance, minutes, approval, tasks ----------------------------------------------------------


def test_attendance_after_the_meeting_marks_it_held(meeting, invited_teacher, coordinator_ops):
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=coordinator_ops, meeting=meeting, attended={invited_teacher.pk: True}, now=at(2026, 5, 5, 10)
        )
    services.attendance_record(
        actor=coordinator_ops, meeting=meeting, attended={invited_teacher.pk: True}, now=at(2026, 5, 5, 13)
    )
    invited_teacher.refresh_from_db()
    meeting.refresh_from_db()
    assert invited_teacher.attended is True and meeting.status == Meeting.Status.HELD


def test_minutes_with_decisions_and_tasks_notify_owners(meeting, coordinator_ops, teacher_school, invited_teacher):
    minutes = services.minutes_save(
        actor=coordinator_ops,
        meeting=meeting,
        text="Ustalono skład zespołu.",
        decisions=["Powołać PZK", " "],
        action_items=[
            {"description": "Przygotować porozumienie", "owner": teacher_school, "deadline": datetime.date(2026, 5, 20)}
        ],
    )
    assert [d.text for d in minutes.decisions.all()] == ["Powołać PZK"]
    item = ActionItem.objects.get()
    assert item.owner == teacher_school
    notice = Notification.objects.get(kind=Notification.Kind.TASK)
    assert notice.user == teacher_school and "Przygotować" not in notice.message
    # Saving again with the same item keeps it and notifies nobody anew.
    services.minutes_save(
        actor=coordinator_ops,
        meeting=meeting,
        text="Poprawione.",
        decisions=[],
        action_items=[
            {
                "pk": item.pk,
                "description": "Przygotować porozumienie (wzór)",
                "owner": teacher_school,
                "deadline": datetime.date(2026, 5, 21),
            }
        ],
    )
    assert ActionItem.objects.get().pk == item.pk
    assert Notification.objects.filter(kind=Notification.Kind.TASK).count() == 1
    # Left out: removed.
    services.minutes_save(actor=coordinator_ops, meeting=meeting, text="Bez zadań.")
    assert not ActionItem.objects.exists()


def test_minutes_need_text(meeting, coordinator_ops):
    with pytest.raises(ValidationError):
        services.minutes_save(actor=coordinator_ops, meeting=meeting, text="  ")


def test_minutes_are_approved_at_a_later_meeting_and_the_step_is_done(meeting, coordinator_ops, cooperation):
    minutes = services.minutes_save(actor=coordinator_ops, meeting=meeting, text="Protokół.")
    earlier = create(coordinator_ops, cooperation, starts_at=at(2026, 5, 1, 11))
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=coordinator_ops, minutes=minutes, at_meeting=earlier)
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=coordinator_ops, minutes=minutes, at_meeting=meeting)
    other = create(coordinator_ops, None, starts_at=at(2026, 6, 2, 11))
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=coordinator_ops, minutes=minutes, at_meeting=other)
    later = create(coordinator_ops, cooperation, starts_at=at(2026, 6, 2, 11))
    assert list(services.minutes_awaiting_approval(later)) == [minutes]
    services.minutes_approve(actor=coordinator_ops, minutes=minutes, at_meeting=later)
    minutes.refresh_from_db()
    assert minutes.approved_by == coordinator_ops and minutes.approved_at_meeting == later
    assert cooperation.steps.get(kind="meeting_institutions").status == Step.Status.DONE
    with pytest.raises(ValidationError):
        services.minutes_save(actor=coordinator_ops, meeting=meeting, text="Zmiana po zatwierdzeniu.")
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=coordinator_ops, minutes=minutes, at_meeting=later)


def test_a_reader_cannot_approve_minutes(meeting, coordinator_ops, teacher_school, cooperation):
    minutes = services.minutes_save(actor=coordinator_ops, meeting=meeting, text="Protokół.")
    later = create(coordinator_ops, cooperation, starts_at=at(2026, 6, 2, 11))
    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=teacher_school, minutes=minutes, at_meeting=later)


def test_action_item_done_by_its_owner_or_the_organiser_only(
    meeting, coordinator_ops, teacher_school, worker_other_gmina
):
    services.minutes_save(
        actor=coordinator_ops,
        meeting=meeting,
        text="P.",
        action_items=[{"description": "Zadanie", "owner": teacher_school, "deadline": datetime.date(2026, 5, 20)}],
    )
    item = ActionItem.objects.get()
    with pytest.raises(PermissionDenied):
        services.action_item_done(actor=worker_other_gmina, item=item)
    services.action_item_done(actor=teacher_school, item=item)
    item.refresh_from_db()
    assert item.done_by == teacher_school and item.done_at is not None


# --- Reminders -------------------------------------------------------------------------------------


def _sent(meeting, coordinator_ops):
    services.invitations_send(actor=coordinator_ops, meeting=meeting, now=at(2026, 4, 20, 9))


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2026, 5, 3, 11, 0), 1),  # exactly 48 h before
        (at(2026, 5, 4, 11, 0), 1),  # exactly 24 h before
        (at(2026, 5, 3, 10, 59), 0),  # 48 h and a minute
        (at(2026, 5, 4, 11, 1), 0),  # less than 24 h
        (at(2026, 4, 25, 9, 0), 0),
    ],
)
def test_reminders_only_24_to_48_hours_before(meeting, invited_teacher, coordinator_ops, now, expected):
    _sent(meeting, coordinator_ops)
    assert services.meetings_send_reminders(now=now) == expected
    assert Notification.objects.filter(kind=Notification.Kind.MEETING_REMINDER).count() == expected


def test_reminders_are_sent_once(meeting, invited_teacher, coordinator_ops):
    _sent(meeting, coordinator_ops)
    now = at(2026, 5, 4, 9)
    assert services.meetings_send_reminders(now=now) == 1
    assert services.meetings_send_reminders(now=now) == 0
    assert services.meetings_send_reminders(now=now + datetime.timedelta(hours=1)) == 0
    invited_teacher.refresh_from_db()
    assert invited_teacher.reminded_at == now
    assert Notification.objects.filter(kind=Notification.Kind.MEETING_REMINDER).count() == 1


def test_no_reminders_before_sending_for_cancelled_meetings_or_those_who_declined(
    meeting, invited_teacher, coordinator_ops, teacher_school
):
    now = at(2026, 5, 4, 9)
    assert services.meetings_send_reminders(now=now) == 0  # invitations not sent
    _sent(meeting, coordinator_ops)
    services.invitation_answer(actor=teacher_school, invitation=invited_teacher, answer="declines")
    assert services.meetings_send_reminders(now=now) == 0
    Invitation.objects.update(answer="accepts")
    services.meeting_cancel(actor=coordinator_ops, meeting=meeting, reason="Odwołane")
    assert services.meetings_send_reminders(now=now) == 0
