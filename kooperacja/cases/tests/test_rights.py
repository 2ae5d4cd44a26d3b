"""Data-subject rights and retention (R-51): the coordinator exports everything held about a person (JSON, PDF),
logged; `apply_retention` anonymises the personal data of cases closed more than CASE_RETENTION_YEARS ago and keeps
the statistics."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import connection

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.cases.intake import retention, services
from kooperacja.cases.models import Case, Consent, Person, Referral

pytestmark = pytest.mark.django_db


def test_the_export_holds_everything_about_the_person_and_is_logged(
    client, case, coordinator_ops, teacher_school, institutions
):
    person = case.people.get()
    services.person_save(
        actor=coordinator_ops, case=case, person=person, data={"address": "ul. Polna 1", "notes": "Pracuje dorywczo"}
    )
    services.consent_override_record(
        actor=coordinator_ops,
        case=case,
        institution=institutions["pcpr"],
        legal_basis="art. 12",
        reason="dziecko zagrożone",
    )
    login(client, coordinator_ops)
    response = client.get(f"/sprawy/{case.pk}/osoby/{person.pk}/dane.json")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"]["pesel"] == "85010112345" and data["person"]["address"] == "ul. Polna 1"
    assert data["person"]["notes"] == "Pracuje dorywczo" and "pesel_hash" not in data["person"]
    assert data["case"]["reference"] == case.reference
    assert data["records"]["cases.consent"][0]["given_by"] == "Anna Kowalska"
    assert data["records"]["cases.consentoverride"][0]["reason"] == "dziecko zagrożone"
    assert "cases.groupmembership" in data["records"]
    pdf = client.get(f"/sprawy/{case.pk}/osoby/{person.pk}/dane.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    exports = AuditEvent.objects.filter(object_type="cases.person", object_id=str(person.pk), action="read")
    assert sorted(e.details["export"] for e in exports) == ["json", "pdf"]
    assert all(set(e.details) == {"case", "export"} for e in exports)


def _close(case, years_ago: int):
    closed = datetime.date.today() - datetime.timedelta(days=365 * years_ago + 5)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_on=closed)


def test_retention_anonymises_old_closed_cases_and_keeps_the_statistics(
    case, cooperation, coordinator_ops, teacher_school, institutions, settings
):
    settings.CASE_RETENTION_YEARS = 10
    services.person_save(
        actor=coordinator_ops,
        case=case,
        person=case.people.get(),
        data={"address": "ul. Polna 1", "notes": "Notatka", "pesel": "85010112345"},
    )
    services.person_save(
        actor=coordinator_ops,
        case=case,
        data={"first_name": "Ola", "last_name": "Kowalska", "relation": "child", "age": 8},
    )
    services.case_qualify(
        actor=coordinator_ops,
        case=case,
        qualified=True,
        decided_on=datetime.date(2026, 3, 5),
        note="Rodzina w kryzysie",
    )
    referral = services.referral_send(
        actor=teacher_school,
        cooperation=cooperation,
        from_institution=institutions["school"],
        kind="family",
        person_name="Anna Kowalska",
        reason="Nieobecności",
    )
    Referral.objects.filter(pk=referral.pk).update(case=case, status="accepted")
    recent = services.case_open_for_person(
        actor=coordinator_ops, cooperation=cooperation, kind="person", first_name="Zofia", last_name="Świeża"
    )
    _close(case, 11)
    _close(recent, 2)
    call_command("apply_retention")
    case.refresh_from_db()
    assert case.anonymised_on == datetime.date.today()
    assert (case.status, case.kind, case.reference) == (Case.Status.CLOSED, Case.Kind.FAMILY, case.reference)
    assert case.qualification_note == "" and case.qualified_on == datetime.date(2026, 3, 5)
    people = list(Person.objects.filter(case=case))
    assert len(people) == 2 and {p.relation for p in people} == {"main", "child"}
    for p in people:
        assert (p.first_name, p.last_name, p.pesel, p.pesel_hash, p.address, p.notes, p.birth_date) == (
            "",
            "",
            "",
            "",
            "",
            "",
            None,
        )
    assert Consent.objects.get(case=case).given_by == ""
    referral.refresh_from_db()
    assert referral.person_name == "" and referral.reason == ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, last_name FROM cases_person WHERE case_id = %s", [case.pk])
        assert all(row == ("", "") for row in cursor.fetchall())
    assert Person.objects.get(case=recent).last_name == "Świeża"  # closed two years ago: kept
    call_command("apply_retention")  # idempotent
    assert (
        AuditEvent.objects.filter(object_type="cases.case", object_id=str(case.pk), details__anonymised=True).count()
        == 1
    )


def test_retention_years_come_from_the_setting(case, settings):
    _close(case, 3)
    settings.CASE_RETENTION_YEARS = 5
    call_command("apply_retention")
    assert Person.objects.get(case=case).last_name == "Kowalska"
    settings.CASE_RETENTION_YEARS = 2
    call_command("apply_retention")
    assert Person.objects.get(case=case).last_name == ""


def test_retention_reaches_plans_meeting_minutes_and_attachments(case, coordinator_ops):
    """What belongs to a case through another record (a plan's goals, a case meeting's minutes, a message's
    file) is erased too."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from kooperacja.cases.messages.services import message_post
    from kooperacja.cases.models import CaseMessage, MessageAttachment, PlanGoal
    from kooperacja.cases.plan.services import work_plan_create
    from kooperacja.meetings.models import Meeting, Minutes

    work_plan_create(
        actor=coordinator_ops,
        case=case,
        main_goal="Anna utrzymuje mieszkanie",
        goals=["Anna spłaca zaległości czynszowe"],
    )
    message = message_post(
        actor=coordinator_ops,
        case=case,
        body="Anna prosi o kontakt",
        attachments=[SimpleUploadedFile("skan.pdf", b"%PDF-1.4 test")],
    )
    stored = message.attachments.get().file.path
    meeting = Meeting.objects.create(
        case=case,
        kind="case_group",
        title=f"Spotkanie GGK — sprawa {case.reference}",
        starts_at=timezone.now(),
        duration_minutes=60,
        place="OPS",
        organiser=coordinator_ops,
    )
    Minutes.objects.create(
        meeting=meeting, text="Anna zgodziła się na terapię", drafted_by=coordinator_ops, drafted_at=timezone.now()
    )
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_on=datetime.date(2010, 1, 1))

    retention.cases_anonymise(closed_before=datetime.date(2020, 1, 1))

    assert PlanGoal.objects.get().text == "" and CaseMessage.objects.get().body == ""
    assert Minutes.objects.get().text == ""
    assert not MessageAttachment.objects.get().file
    import os

    assert not os.path.exists(stored)
