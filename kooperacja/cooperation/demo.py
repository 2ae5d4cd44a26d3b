"""The demo gmina's cooperation: urban-rural, started nine months ago, now in stage III — with the
application answered by ROPS, the burmistrz's consent, the meetings with the authorities and the institutions
(approved minutes), a signed agreement, a team with its plan of work, monthly team meetings, and the next
ones ahead. Everything goes through the services, as a user would have done it; dates are relative to today."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kooperacja.cooperation import services
from kooperacja.cooperation.agreement import services as agreement_services
from kooperacja.cooperation.application import services as application_services
from kooperacja.cooperation.models import Cooperation, CooperationRole, Step
from kooperacja.cooperation.steps import add_months
from kooperacja.cooperation.team import services as team_services
from kooperacja.diagnosis.models import Analysis
from kooperacja.directory.models import Institution
from kooperacja.meetings import services as meeting_services
from kooperacja.notifications.models import OutboxMessage

NAME = "Kooperacja w Kowalewie Pomorskim (demo)"
WARSAW = ZoneInfo("Europe/Warsaw")
# Parties of the agreement: (institution name in the demo directory or demo institutions, signatory, function)
PARTIES = [
    ("Ośrodek Pomocy Społecznej w Kowalewie Pomorskim (demo)", "Olga Gminna", "kierowniczka OPS"),
    ("Szkoła Podstawowa nr 1 (demo)", "Dorota Dyrektorska", "dyrektorka szkoły"),
    ("Posterunek Policji (demo)", "Marek Dzielnicowy", "kierownik posterunku"),
    ("Powiatowe Centrum Pomocy Rodzinie (demo)", "Paweł Powiatowy", "dyrektor PCPR"),
    ("Poradnia Psychologiczno-Pedagogiczna w Golubiu-Dobrzyniu (demo)", "Anna Poradnia", "dyrektorka poradni"),
    ("Gminna Komisja Rozwiązywania Problemów Alkoholowych (demo)", "Jan Komisyjny", "przewodniczący GKRPA"),
]
GOALS = [
    ("institutions", "Wspólne szkolenie z pracy zespołowej i superwizja dla członków zespołu."),
    ("families", "Objęcie wsparciem Gminnych Grup Kooperacji 5 rodzin wieloproblemowych."),
    ("groups", "Projekt lokalny dla mieszkańców osiedla popegeerowskiego."),
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WARSAW)


def _weekday_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


@transaction.atomic
def seed_demo_cooperation(*, gmina, users: dict) -> Cooperation:
    """Idempotent: an existing demo cooperation is left as it is. ``users`` maps the demo account keys
    (koordynator, ops, rops, burmistrz, pcpr, dyrektor, pedagog, policja) to users."""
    existing = Cooperation.objects.filter(unit=gmina, name=NAME).first()
    if existing is not None:
        return existing
    seeding_started = timezone.now()
    coordinator = users["koordynator"]
    today = timezone.localdate()
    start = add_months(today.replace(day=1), -9)
    cooperation = services.cooperation_create(
        actor=coordinator,
        unit=gmina,
        name=NAME,
        variant=Cooperation.Variant.URBAN_RURAL,
        start_date=start,
        roles={
            CooperationRole.Role.COORDINATOR: [coordinator],
            CooperationRole.Role.OPS_ANIMATOR: [users["ops"]],
            CooperationRole.Role.AUTHORITY: [users["burmistrz"]],
        },
    )

    # Step 2: the application to ROPS, answered.
    analysis = Analysis.objects.filter(unit=gmina, is_current=True).first()
    application = application_services.application_create(
        actor=coordinator,
        cooperation=cooperation,
        data={
            "contact_name": "Katarzyna Koordynacyjna",
            "contact_function": "koordynatorka, pracownik socjalny OPS",
            "contact_phone": "56 000 00 01",
            "contact_email": "koordynator@kooperacja.example",
            "support": ["moderation", "agreement", "training"],
            "analysis": analysis,
            "description": "Gmina chce wdrożyć Model Kooperacji w wariancie miejsko-wiejskim; prosimy o moderowanie "
            "spotkań z władzami i instytucjami oraz pomoc przy porozumieniu.",
        },
    )
    application_services.application_submit(actor=coordinator, application=application)
    application_services.application_assign(actor=users["rops"], application=application, animator=users["rops"])
    application_services.application_answer(
        actor=users["rops"],
        application=application,
        agreed_support=["moderation", "agreement"],
        answer="ROPS zapewni moderację obu spotkań i konsultacje przy porozumieniu; animatorka regionalna: "
        "Regina Regionalna.",
    )

    # Step 3: the meeting with the authorities, and the burmistrz's decision.
    authorities = _past_meeting(
        cooperation,
        coordinator,
        kind="authorities",
        title="Spotkanie z Burmistrzem Kowalewa Pomorskiego",
        day=_weekday_on_or_after(add_months(start, 1) + datetime.timedelta(days=10), 1),
        hour=10,
        minutes=90,
        place="Urząd Miejski, gabinet Burmistrza",
        invitees=[users["burmistrz"], users["rops"], users["ops"]],
        text="Koordynatorka przedstawiła analizę gminy i karty kosztów zaniechania. Burmistrz poparł wdrożenie Modelu.",
        decisions=["Gmina przystępuje do wdrażania Modelu Kooperacji."],
        tasks=[("Przygotować spotkanie z instytucjami", coordinator, 14)],
    )
    application_services.consent_record(
        actor=coordinator,
        cooperation=cooperation,
        data={
            "authority": "burmistrz",
            "unit": gmina,
            "person_name": "Bogdan Burmistrzowski",
            "decision": "accepted",
            "decided_on": authorities.starts_at.date(),
            "reference": "Zarządzenie nr 0050.12.2026 (demo)",
        },
    )

    # Step 4: the meeting with the institutions (scenario of annex 2).
    institutions = _past_meeting(
        cooperation,
        coordinator,
        kind="institutions",
        title="Spotkanie z instytucjami gminy i powiatu",
        day=_weekday_on_or_after(add_months(start, 2), 2),
        hour=11,
        minutes=120,
        place="Sala narad Urzędu Miejskiego",
        invitees=[users["dyrektor"], users["pedagog"], users["policja"], users["pcpr"], users["rops"]],
        text="Przedstawiono wyniki diagnozy i założenia Modelu. Instytucje zgłosiły gotowość podpisania porozumienia.",
        decisions=["Projekt porozumienia zostanie rozesłany do instytucji w ciągu 7 dni."],
        tasks=[("Rozesłać projekt porozumienia", coordinator, 7)],
        approve=authorities,
    )

    # Step 5: the agreement, signed by six institutions: the team (PZK) is established.
    agreement = agreement_services.agreement_create(actor=coordinator, cooperation=cooperation)
    signed_on = institutions.starts_at.date() + datetime.timedelta(days=21)
    for name, signatory, function in PARTIES:
        institution = Institution.objects.filter(name=name).first()
        if institution is None:
            continue
        party = agreement_services.party_add(
            actor=coordinator,
            agreement=agreement,
            institution=institution,
            signatory_name=signatory,
            signatory_function=function,
        )
        agreement_services.party_sign(actor=coordinator, party=party, signed_on=signed_on)
    team = agreement_services.agreement_sign(actor=coordinator, agreement=agreement, signed_on=signed_on)
    for area, text in GOALS:
        team_services.team_goal_add(actor=coordinator, team=team, area=area, text=text)
    team_services.team_activity_add(
        actor=coordinator,
        team=team,
        area="institutions",
        kind="training",
        title="Szkolenie: praca zespołowa",
        planned_on=signed_on + datetime.timedelta(days=30),
        done_on=signed_on + datetime.timedelta(days=30),
        participants="członkowie PZK (12 osób)",
        hours=8,
        outcome="Uzgodnione zasady pracy zespołu.",
    )
    team_services.team_activity_add(
        actor=coordinator,
        team=team,
        area="institutions",
        kind="supervision",
        title="Superwizja zespołu",
        planned_on=today + datetime.timedelta(days=40),
        participants="członkowie PZK",
        hours=4,
    )

    # Monthly team meetings since the agreement, each approving the previous minutes; the next ones ahead.
    previous = institutions
    day = _weekday_on_or_after(signed_on + datetime.timedelta(days=14), 2)
    while day < today - datetime.timedelta(days=3):
        previous = _past_meeting(
            cooperation,
            coordinator,
            kind="team",
            title=f"Spotkanie zespołu PZK — {day:%m.%Y}",
            day=day,
            hour=11,
            minutes=90,
            place="OPS, sala konferencyjna",
            invitees=[users["dyrektor"], users["policja"], users["pcpr"]],
            text="Omówiono postęp pracy z rodzinami i plan działań na kolejny miesiąc.",
            decisions=[],
            tasks=[],
            approve=previous,
        )
        day = _weekday_on_or_after(add_months(day, 1), 2)
    _upcoming_meeting(
        cooperation,
        coordinator,
        users,
        day=_weekday_on_or_after(today + datetime.timedelta(days=2), 2),
        title="Spotkanie zespołu PZK — najbliższe",
        approve=previous,
    )

    for step in cooperation.steps.filter(order__lte=5):
        services.step_update(
            actor=coordinator, step=step, data={"status": Step.Status.DONE, "done_on": min(step.planned_end, today)}
        )
    for step in cooperation.steps.filter(kind__in=["cases", "team_plan"]):
        services.step_update(actor=coordinator, step=step, data={"status": Step.Status.IN_PROGRESS})
    # The demo's history produced notifications (kept, to show the centre) and e-mails to the reserved demo
    # domain: drop those e-mails rather than print dozens of them at the first `make run`.
    OutboxMessage.objects.filter(created_at__gte=seeding_started, status=OutboxMessage.Status.PENDING).delete()
    return cooperation


def institution_of(user):
    membership = (
        user.memberships.filter(is_active=True, institution__isnull=False).select_related("institution").first()
    )
    return membership.institution if membership else None


def _past_meeting(
    cooperation, organiser, *, kind, title, day, hour, minutes, place, invitees, text, decisions, tasks, approve=None
):
    starts_at = _at(day, hour)
    meeting = meeting_services.meeting_create(
        actor=organiser,
        cooperation=cooperation,
        kind=kind,
        title=title,
        starts_at=starts_at,
        duration_minutes=minutes,
        place=place,
        override_reason="Spotkanie z historii demonstracyjnej.",
    )
    invitations = [
        meeting_services.invitation_add(actor=organiser, meeting=meeting, user=user, institution=institution_of(user))
        for user in invitees
    ]
    meeting_services.invitations_send(
        actor=organiser,
        meeting=meeting,
        now=starts_at - datetime.timedelta(days=10),
        override_reason="Spotkanie z historii demonstracyjnej.",
    )
    for invitation in invitations:
        meeting_services.invitation_answer(actor=invitation.user, invitation=invitation, answer="accepts")
    meeting_services.attendance_record(actor=organiser, meeting=meeting, attended={i.pk: True for i in invitations})
    items = [
        {"description": d, "owner": owner, "deadline": day + datetime.timedelta(days=after)}
        for d, owner, after in tasks
    ]
    meeting_services.minutes_save(actor=organiser, meeting=meeting, text=text, decisions=decisions, action_items=items)
    if approve is not None and hasattr(approve, "minutes"):
        meeting_services.minutes_approve(actor=organiser, minutes=approve.minutes, at_meeting=meeting)
    return meeting


def _upcoming_meeting(cooperation, organiser, users, *, day, title, approve):
    meeting = meeting_services.meeting_create(
        actor=organiser,
        cooperation=cooperation,
        kind="team",
        title=title,
        starts_at=_at(day, 11),
        duration_minutes=90,
        place="OPS, sala konferencyjna",
    )
    for key in ("dyrektor", "policja", "pcpr", "pedagog"):
        meeting_services.invitation_add(
            actor=organiser, meeting=meeting, user=users[key], institution=institution_of(users[key])
        )
    meeting_services.invitations_send(actor=organiser, meeting=meeting)
    return meeting
