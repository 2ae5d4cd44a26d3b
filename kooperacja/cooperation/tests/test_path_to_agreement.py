"""From nothing to an agreement: a coordinator takes a gmina from no cooperation to a signed agreement with a team,
through an application answered by ROPS, a meeting with the burmistrz and one with the institutions — each with
invitations, answers, reminders and approved minutes — every document a PDF, the timeline showing where the
cooperation stands; and no outgoing e-mail carries a name, a PESEL, an address or a place."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from conftest import _actor, login
from kooperacja.accounts.models import Role
from kooperacja.cooperation.agreement import services as agreement_services
from kooperacja.cooperation.application import services as application_services
from kooperacja.cooperation.models import Cooperation, Step
from kooperacja.cooperation.selectors import cooperation_timeline
from kooperacja.cooperation.services import step_mark
from kooperacja.meetings import services as meetings
from kooperacja.notifications.services import outbox_process
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db
WARSAW = ZoneInfo("Europe/Warsaw")


def at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=WARSAW)


def held(meeting, organiser, invitations, *, minutes_text, approve=None):
    """Reminders 36 h before (twice: one each), the meeting held, its minutes drafted, earlier ones approved."""
    reminded = meetings.meetings_send_reminders(now=meeting.starts_at - datetime.timedelta(hours=36))
    assert reminded == sum(1 for i in invitations if i.user_id and i.answer != "declines")
    assert meetings.meetings_send_reminders(now=meeting.starts_at - datetime.timedelta(hours=30)) == 0
    meetings.attendance_record(actor=organiser, meeting=meeting, attended={i.pk: True for i in invitations})
    meetings.minutes_save(actor=organiser, meeting=meeting, text=minutes_text, decisions=["Decyzja"])
    if approve is not None:
        meetings.minutes_approve(actor=organiser, minutes=approve.minutes, at_meeting=meeting)


def test_from_no_cooperation_to_a_signed_agreement(client, territory, institutions, coordinator_ops, animator_rops):
    gmina = territory["gmina"]
    mayor = _actor(
        InstitutionFactory(name="Urząd Miejski", kind="gmina_office", unit=gmina),
        Role.AUTHORITY,
        first_name="Bogdan",
        last_name="Burmistrzowski",
    )
    director = _actor(institutions["school"], Role.DIRECTOR, first_name="Dorota", last_name="Dyrektorska")
    login(client, coordinator_ops)

    # The cooperation starts from the platform.
    client.post(
        "/kooperacja/nowa/",
        {
            "unit": gmina.pk,
            "name": "Kooperacja w Kowalewie",
            "variant": "urban_rural",
            "cycle": "first",
            "scope": "whole",
            "start_date": "2026-03-01",
            "organisational_months": 3,
            "work_months": 13,
            "summary_months": 2,
        },
    )
    cooperation = Cooperation.objects.get()
    step_mark(actor=coordinator_ops, cooperation=cooperation, kind="analysis")  # done in the previous issue's pages

    # The application to ROPS, answered by the ROPS animator.
    application = application_services.application_create(
        actor=coordinator_ops,
        cooperation=cooperation,
        data={
            "contact_name": "Katarzyna Koordynatorka",
            "contact_email": "k@example.org",
            "support": ["moderation"],
            "description": "Prosimy o moderację spotkań.",
        },
    )
    application_services.application_submit(actor=coordinator_ops, application=application)
    application_services.application_assign(actor=animator_rops, application=application, animator=animator_rops)
    application_services.application_answer(
        actor=animator_rops, application=application, agreed_support=["moderation"], answer="Zgoda."
    )

    # The meeting with the burmistrz: the analysis is not complete, so it needs a recorded reason.
    day = datetime.date(2026, 3, 17)  # a Tuesday
    with pytest.raises(ValidationError):
        meetings.meeting_create(
            actor=coordinator_ops,
            cooperation=cooperation,
            kind="authorities",
            title="Spotkanie z Burmistrzem",
            starts_at=at(day, 10),
            duration_minutes=90,
            place="ul. Główna 1, gabinet Burmistrza",
        )
    authorities = meetings.meeting_create(
        actor=coordinator_ops,
        cooperation=cooperation,
        kind="authorities",
        title="Spotkanie z Burmistrzem",
        starts_at=at(day, 10),
        duration_minutes=90,
        place="ul. Główna 1, gabinet Burmistrza",
        override_reason="Analiza uzupełniana równolegle; Burmistrz prosi o spotkanie teraz.",
    )
    invitation = meetings.invitation_add(actor=coordinator_ops, meeting=authorities, user=mayor)
    meetings.invitations_send(actor=coordinator_ops, meeting=authorities, now=at(day, 10) - datetime.timedelta(days=7))
    meetings.invitation_answer(actor=mayor, invitation=invitation, answer="accepts")
    held(authorities, coordinator_ops, [invitation], minutes_text="Burmistrz poparł wdrożenie Modelu.")

    # The meeting with the institutions (Wednesday, 11:00, two hours: no warning); it approves the earlier minutes.
    day = datetime.date(2026, 4, 1)
    assert not meetings.rules.meeting_rules(kind="institutions", starts_at=at(day, 11), duration_minutes=120)
    institutions_meeting = meetings.meeting_create(
        actor=coordinator_ops,
        cooperation=cooperation,
        kind="institutions",
        title="Spotkanie z instytucjami",
        starts_at=at(day, 11),
        duration_minutes=120,
        place="Sala narad, ul. Główna 1",
    )
    school = meetings.invitation_add(
        actor=coordinator_ops, meeting=institutions_meeting, user=director, institution=institutions["school"]
    )
    police_station = InstitutionFactory(name="Policja", kind="police", unit=gmina)
    police = meetings.invitation_add(
        actor=coordinator_ops, meeting=institutions_meeting, person_name="Jan Dzielnicowy", institution=police_station
    )
    meetings.invitations_send(
        actor=coordinator_ops, meeting=institutions_meeting, now=at(day, 11) - datetime.timedelta(days=10)
    )
    meetings.invitation_answer(actor=director, invitation=school, answer="deputy", deputy_name="Piotr Pedagog")
    meetings.invitation_answer(actor=coordinator_ops, invitation=police, answer="accepts")  # answered by phone
    held(
        institutions_meeting,
        coordinator_ops,
        [school, police],
        minutes_text="Instytucje chcą porozumienia.",
        approve=authorities,
    )

    # The agreement, signed by three institutions: the team is established.
    agreement = agreement_services.agreement_create(actor=coordinator_ops, cooperation=cooperation)
    for key in ("ops", "school", "pcpr"):
        party = agreement_services.party_add(
            actor=coordinator_ops,
            agreement=agreement,
            institution=institutions[key],
            signatory_name=f"Dyrektor {key}",
            signatory_function="dyrektor",
        )
        agreement_services.party_sign(actor=coordinator_ops, party=party, signed_on=datetime.date(2026, 4, 22))
    team = agreement_services.agreement_sign(
        actor=coordinator_ops, agreement=agreement, signed_on=datetime.date(2026, 4, 22)
    )
    assert team.members.count() == 3

    # The first team meeting approves the minutes of the meeting with the institutions.
    team_meeting = meetings.meeting_create(
        actor=coordinator_ops,
        cooperation=cooperation,
        kind="team",
        title="Zespół PZK",
        starts_at=at(datetime.date(2026, 5, 6), 11),
        duration_minutes=90,
        place="OPS",
    )
    meetings.minutes_approve(actor=coordinator_ops, minutes=institutions_meeting.minutes, at_meeting=team_meeting)

    # The timeline: every organisational step done, the work with families is next.
    steps = dict(cooperation.steps.values_list("kind", "status"))
    for kind in ("analysis", "application", "meeting_authorities", "meeting_institutions", "agreement"):
        assert steps[kind] == Step.Status.DONE, kind
    timeline = cooperation_timeline(cooperation, today=datetime.date(2026, 5, 10))
    assert timeline.current.kind == "cases" and not timeline.late

    # Every document of the path is a PDF.
    for url in (
        f"/kooperacja/zgloszenia/{application.pk}/zgloszenie.pdf",
        f"/spotkania/{authorities.pk}/zaproszenia.pdf",
        f"/spotkania/{authorities.pk}/protokol.pdf",
        f"/spotkania/{institutions_meeting.pk}/zaproszenia.pdf",
        f"/spotkania/{institutions_meeting.pk}/protokol.pdf",
        f"/spotkania/{institutions_meeting.pk}/lista-obecnosci.pdf",
        f"/kooperacja/{cooperation.pk}/porozumienie/pdf/",
        f"/kooperacja/{cooperation.pk}/zespol/pdf/",
    ):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
        assert b"".join(response.streaming_content if response.streaming else [response.content])[:5] == b"%PDF-"
    assert client.get(f"/spotkania/{authorities.pk}/spotkanie.ics").status_code == 200

    # No outgoing e-mail carries a name, a PESEL, an address or a place.
    outbox_process(limit=500)
    assert len(mail.outbox) >= 5  # invitations, reminders, the ROPS exchange
    forbidden = [
        "Burmistrzowski",
        "Dyrektorska",
        "Pedagog",
        "Dzielnicowy",
        "Koordynatorka",
        "Główna",
        "Sala narad",
        "Burmistrz poparł",
        "Instytucje chcą",
        "Spotkanie z Burmistrzem",
    ]
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        body_without_greeting = text.split("\n", 2)[-1]
        for word in forbidden:
            assert word not in body_without_greeting, (word, text)
        assert not re.search(r"\b\d{11}\b", text)  # no PESEL
