"""Meetings of the case group (R-33): the seeds' rules, invitations naming the case reference only, who sees a
case meeting, monitoring meetings at a set frequency, extra meetings, the family's participation."""

import datetime
import io

import pypdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from conftest import _actor, login
from kooperacja.accounts.access import AnalysisAccess, meeting_access_to
from kooperacja.accounts.models import Role
from kooperacja.cases.group import services
from kooperacja.cases.models import FamilyParticipation, GroupMembership, MonitoringPlan
from kooperacja.meetings import services as meetings
from kooperacja.meetings.ics import meeting_ics
from kooperacja.meetings.models import Meeting, RuleOverride
from kooperacja.notifications.models import Notification, OutboxMessage

pytestmark = pytest.mark.django_db
SURNAME = "Kowalsk"  # Kowalska, Kowalskiej, …


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def working_day_after(days: int) -> datetime.date:
    return services.next_working_day(timezone.localdate() + datetime.timedelta(days=days))


def plan(case, actor, *, days: int = 10, **kwargs) -> Meeting:
    return services.case_meeting_plan(
        actor=actor, case=case, starts_at=at(working_day_after(days)), place="OPS, pokój 12", **kwargs
    )


def test_title_names_the_case_reference_and_members_are_invited(case, coordinator_ops, teacher_school):
    meeting = plan(case, coordinator_ops)
    assert meeting.title == meetings.case_meeting_title("case_group", case.reference)
    assert case.reference in meeting.title and meeting.case == case and meeting.cooperation is None
    invitation = meeting.invitations.get(user=teacher_school)
    assert invitation.institution.name == "Szkoła testowa"
    assert set(meeting.invitations.values_list("user", flat=True)) == {teacher_school.pk, coordinator_ops.pk}
    monitoring = plan(case, coordinator_ops, kind="monitoring", days=20)
    assert monitoring.title == meetings.case_meeting_title("monitoring", case.reference)
    meetings.meeting_update(actor=coordinator_ops, meeting=meeting, data={"title": "Kowalska"})
    assert SURNAME not in meeting.title  # the title stays generated


def test_blocking_rules_of_a_case_group_meeting(case, coordinator_ops):
    saturday = timezone.localdate() + datetime.timedelta(days=(5 - timezone.localdate().weekday()) % 7 + 7)
    with pytest.raises(ValidationError):
        services.case_meeting_plan(actor=coordinator_ops, case=case, starts_at=at(saturday), place="OPS")
    with pytest.raises(ValidationError):  # 16:00 is after the OPS hours
        services.case_meeting_plan(
            actor=coordinator_ops, case=case, starts_at=at(working_day_after(10), 16), place="OPS"
        )
    assert not Meeting.objects.exists()


def test_five_day_rule_blocks_sending_three_days_before_unless_a_reason_is_given(case, coordinator_ops):
    meeting = plan(case, coordinator_ops, days=10)
    three_days_before = meeting.starts_at - datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        meetings.invitations_send(actor=coordinator_ops, meeting=meeting, now=three_days_before)
    assert "override_reason" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is None
    reason = "Pilna sytuacja dziecka: członkowie zgodzili się telefonicznie"
    meetings.invitations_send(actor=coordinator_ops, meeting=meeting, now=three_days_before, override_reason=reason)
    assert meeting.invitations_sent_at == three_days_before
    assert RuleOverride.objects.get(meeting=meeting).codes == ["case_group_notice"]


def test_no_family_name_in_notifications_emails_invitations_or_calendar(case, coordinator_ops, teacher_school):
    meeting = plan(case, coordinator_ops)
    meetings.invitations_send(actor=coordinator_ops, meeting=meeting)
    notification = Notification.objects.get(user=teacher_school)
    texts = [notification.message, notification.url]
    texts += [f"{m.subject} {m.body}" for m in OutboxMessage.objects.all()]
    invitations = list(meeting.invitations.select_related("institution", "user"))
    html = render_to_string("meetings/pdf/invitations.html", {"meeting": meeting, "invitations": invitations})
    texts += [html, meeting_ics(meeting).decode()]
    for text in texts:
        assert SURNAME not in text and "Anna" not in text and "85010112345" not in text
    assert case.reference in html
    assert "informacj" in html.lower() or "information" in html.lower()  # the request to gather information
    client = login(Client(), coordinator_ops)
    response = client.get(f"/spotkania/{meeting.pk}/zaproszenia.pdf")
    assert response.status_code == 200
    pdf_text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert case.reference in pdf_text and SURNAME not in pdf_text


def test_a_case_meeting_is_seen_only_by_who_sees_the_case(case, coordinator_ops, teacher_school, institutions):
    meeting = plan(case, coordinator_ops)
    other_teacher = _actor(institutions["school"], Role.CASE_WORKER, first_name="Tomasz", last_name="Nauczyciel")
    meetings.invitation_add(
        actor=coordinator_ops, meeting=meeting, user=other_teacher, institution=institutions["school"]
    )
    assert meeting_access_to(other_teacher, meeting) == AnalysisAccess.NONE  # invited, but not in the group
    assert meeting_access_to(teacher_school, meeting) == AnalysisAccess.READ
    assert meeting_access_to(coordinator_ops, meeting) == AnalysisAccess.EDIT
    client = login(Client(), other_teacher)
    for url in (
        f"/spotkania/{meeting.pk}/",
        f"/spotkania/{meeting.pk}/spotkanie.ics",
        f"/spotkania/{meeting.pk}/protokol/",
    ):
        assert client.get(url).status_code == 404


def test_a_member_who_left_no_longer_sees_the_meeting(case, coordinator_ops, teacher_school):
    meeting = plan(case, coordinator_ops)
    services.group_member_leave(
        actor=coordinator_ops, case=case, membership=GroupMembership.objects.get(user=teacher_school)
    )
    case.__dict__.pop("_access_cache", None)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting_access_to(teacher_school, meeting) == AnalysisAccess.NONE


def test_monitoring_frequency_plans_the_next_meetings(case, coordinator_ops, teacher_school):
    first = plan(case, coordinator_ops, days=10)
    plan_ = services.monitoring_schedule(actor=coordinator_ops, case=case, every_weeks=4, plan_next=3)
    assert plan_.set_at_meeting == first and MonitoringPlan.objects.get(case=case).every_weeks == 4
    planned = list(Meeting.objects.filter(case=case, kind="monitoring").order_by("starts_at"))
    assert len(planned) == 3
    previous = first.starts_at
    for meeting in planned:
        local = timezone.localtime(meeting.starts_at)
        assert local.weekday() < 5 and local.time() == datetime.time(10, 0)
        assert 28 <= (local.date() - timezone.localtime(previous).date()).days <= 31
        assert meeting.invitations.filter(user=teacher_school).exists() and meeting.place == "OPS, pokój 12"
        previous = meeting.starts_at
    services.monitoring_schedule(actor=coordinator_ops, case=case, every_weeks=2, plan_next=3)
    moved = list(Meeting.objects.filter(case=case, kind="monitoring").order_by("starts_at"))
    assert [m.pk for m in moved] == [m.pk for m in planned]  # re-dated, not duplicated
    assert (timezone.localtime(moved[0].starts_at).date() - timezone.localtime(first.starts_at).date()).days <= 17
    with pytest.raises(PermissionDenied):
        services.monitoring_schedule(actor=teacher_school, case=case, every_weeks=4)


def test_any_member_calls_an_extra_meeting_with_a_reason(case, coordinator_ops, teacher_school, worker_other_gmina):
    with pytest.raises(ValidationError):
        services.extra_meeting_call(
            actor=teacher_school, case=case, reason="", place="Szkoła", starts_at=at(working_day_after(8))
        )
    meeting = services.extra_meeting_call(
        actor=teacher_school,
        case=case,
        reason="Syn przestał chodzić do szkoły",
        place="Szkoła",
        starts_at=at(working_day_after(8)),
    )
    assert meeting.kind == "monitoring" and meeting.extra_call.reason == "Syn przestał chodzić do szkoły"
    assert meeting.organiser == teacher_school and meeting_access_to(teacher_school, meeting) == AnalysisAccess.EDIT
    assert set(meeting.invitations.values_list("user", flat=True)) == {teacher_school.pk, coordinator_ops.pk}
    with pytest.raises(PermissionDenied):
        services.extra_meeting_call(
            actor=worker_other_gmina, case=case, reason="x", place="x", starts_at=at(working_day_after(8))
        )


def test_an_extra_meeting_invites_and_tells_the_coordinator_and_every_member(
    case, coordinator_ops, teacher_school, institutions
):
    from kooperacja.cases.models import Consent
    from kooperacja.cases.services import group_member_add
    from tests.factories import InstitutionFactory

    police = InstitutionFactory(name="Komisariat testowy", kind="police", unit=institutions["school"].unit)
    officer = _actor(police, Role.CASE_WORKER, first_name="Paweł", last_name="Dzielnicowy")
    Consent.objects.get(case=case).institutions.add(police)
    group_member_add(actor=coordinator_ops, group=case.groups.get(), user=officer, institution=police)
    OutboxMessage.objects.all().delete()
    meeting = services.extra_meeting_call(
        actor=teacher_school,
        case=case,
        reason="Syn przestał chodzić do szkoły",
        place="Szkoła",
        starts_at=at(working_day_after(8)),
    )
    invitations = {i.user_id: i for i in meeting.invitations.select_related("institution")}
    assert set(invitations) == {coordinator_ops.pk, teacher_school.pk, officer.pk}
    assert invitations[coordinator_ops.pk].institution == institutions["ops"]
    told = Notification.objects.filter(url=f"/spotkania/{meeting.pk}/")
    assert set(told.values_list("user", flat=True)) == {coordinator_ops.pk, officer.pk}  # not the caller
    for notification in told:
        assert "Syn" not in notification.message and SURNAME not in notification.message
    for message in OutboxMessage.objects.all():
        assert "Syn" not in message.body and SURNAME not in message.body and "Szkoła" not in message.body


def test_family_participation_records(case, coordinator_ops, teacher_school):
    meeting = plan(case, coordinator_ops)
    with pytest.raises(ValidationError):  # absent, and nothing recorded about consulting or informing
        services.family_participation_record(actor=coordinator_ops, meeting=meeting, attended=False)
    with pytest.raises(ValidationError):  # how without when
        services.family_participation_record(
            actor=coordinator_ops, meeting=meeting, attended=False, consulted_how="phone"
        )
    item = services.family_participation_record(
        actor=coordinator_ops,
        meeting=meeting,
        attended=False,
        consulted_how="home_visit",
        consulted_on=datetime.date(2026, 3, 10),
        informed_how="phone",
        informed_on=datetime.date(2026, 3, 20),
    )
    assert FamilyParticipation.objects.get(meeting=meeting) == item and not item.attended
    item = services.family_participation_record(actor=coordinator_ops, meeting=meeting, attended=True)
    assert FamilyParticipation.objects.count() == 1 and item.attended
    with pytest.raises(PermissionDenied):
        services.family_participation_record(actor=teacher_school, meeting=meeting, attended=True)


def test_planning_through_the_pages(case, coordinator_ops, django_assert_max_num_queries):
    client = login(Client(), coordinator_ops)
    day = working_day_after(9)
    response = client.post(
        f"/sprawy/{case.pk}/grupa/spotkania/nowe/",
        {
            "kind": "case_group",
            "date": day.isoformat(),
            "time": "10:00",
            "duration_minutes": 90,
            "place": "OPS, pokój 12",
            "agenda": "",
        },
    )
    meeting = Meeting.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == f"/spotkania/{meeting.pk}/"
    detail = client.get(f"/spotkania/{meeting.pk}/")
    assert detail.status_code == 200 and case.reference in detail.content.decode()
    assert SURNAME not in detail.content.decode()
    response = client.post(f"/sprawy/{case.pk}/grupa/spotkania/{meeting.pk}/rodzina/", {"attended": "on"})
    assert response.status_code == 302 and FamilyParticipation.objects.get().attended
    response = client.post(f"/sprawy/{case.pk}/grupa/monitoring/", {"every_weeks": 6, "plan_next": 2})
    assert response.status_code == 302 and Meeting.objects.filter(case=case, kind="monitoring").count() == 2
    with django_assert_max_num_queries(50) as captured:
        client.get(f"/sprawy/{case.pk}/grupa/")
    services.monitoring_schedule(actor=coordinator_ops, case=case, every_weeks=6, plan_next=6)
    with django_assert_max_num_queries(len(captured)):
        assert client.get(f"/sprawy/{case.pk}/grupa/").status_code == 200
    bad = client.post(
        f"/sprawy/{case.pk}/grupa/spotkania/nowe/",
        {
            "kind": "case_group",
            "date": day.isoformat(),
            "time": "17:00",
            "duration_minutes": 90,
            "place": "OPS",
        },
    )
    assert bad.status_code == 400
