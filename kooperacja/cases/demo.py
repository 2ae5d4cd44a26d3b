"""Families of the demo gmina at different points of the work. Every person here is invented;
PESEL numbers are valid in form only (checksums of made-up dates). Everything goes through the services, as the
workers would have done it; dates are relative to today."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kooperacja.cases.diagnosis.services import diagnosis_area_save
from kooperacja.cases.evaluation import services as evaluation
from kooperacja.cases.group import services as group
from kooperacja.cases.group.services import next_working_day
from kooperacja.cases.intake import services as intake
from kooperacja.cases.messages.services import message_post
from kooperacja.cases.models import Case, Referral
from kooperacja.cases.plan import services as plan
from kooperacja.cases.reports.selectors import member_tasks
from kooperacja.cases.reports.services import monthly_report_submit
from kooperacja.cooperation.demo import institution_of
from kooperacja.directory.models import Institution
from kooperacja.meetings.services import invitations_send
from kooperacja.notifications.models import OutboxMessage

WARSAW = ZoneInfo("Europe/Warsaw")


@transaction.atomic
def seed_demo_cases(*, cooperation, users: dict) -> None:
    """Idempotent: nothing is added when the demo cooperation already has cases or referrals."""
    if (
        Case.objects.filter(cooperation=cooperation).exists()
        or Referral.objects.filter(cooperation=cooperation).exists()
    ):
        return
    started = timezone.now()
    today = timezone.localdate()
    coordinator, pedagog, police = users["koordynator"], users["pedagog"], users["policja"]
    ops, school, station = institution_of(coordinator), institution_of(pedagog), institution_of(police)

    # 1. A referral from the school, waiting for the OPS to decide.
    intake.referral_send(
        actor=pedagog,
        cooperation=cooperation,
        from_institution=school,
        kind=Case.Kind.FAMILY,
        person_name="Rodzina Nowaków (demo)",
        reason="Dwoje dzieci opuszcza zajęcia; matka prosi szkołę o pomoc w sprawach opiekuńczych.",
    )

    # 2. A family qualified last week: diagnosis, group, the first group meeting ahead.
    referral = intake.referral_send(
        actor=pedagog,
        cooperation=cooperation,
        from_institution=school,
        kind=Case.Kind.FAMILY,
        person_name="Ewa Wiśniewska",
        reason="Przemoc w rodzinie zgłoszona przez córkę wychowawczyni.",
    )
    planning = intake.referral_accept(actor=coordinator, referral=referral)  # the referred name is the main person
    main = planning.people.get()
    intake.person_save(actor=coordinator, case=planning, person=main, data={"pesel": "88052312342"})
    _family(coordinator, planning, [("Zosia", "Wiśniewska", "", "child")], [ops, school, station])
    intake.case_qualify(
        actor=coordinator,
        case=planning,
        qualified=True,
        decided_on=today - datetime.timedelta(days=6),
        note="Rodzina wieloproblemowa; zgoda na współpracę grupy.",
    )
    for area, needs in (
        ("violence", "Bezpieczeństwo matki i córki; procedura Niebieskiej Karty."),
        ("care", "Wsparcie matki w opiece nad córką po powrocie ze szkoły."),
    ):
        diagnosis_area_save(actor=coordinator, case=planning, area=area, needs=needs)
    group.group_member_join(actor=coordinator, case=planning, user=pedagog, institution=school)
    group.group_member_join(actor=coordinator, case=planning, user=police, institution=station)
    day = next_working_day(today + datetime.timedelta(days=7))
    meeting = group.case_meeting_plan(
        actor=coordinator,
        case=planning,
        starts_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=WARSAW),
        place="OPS, pokój 12",
    )
    invitations_send(actor=coordinator, meeting=meeting)

    # 3. A family in monitoring: a plan agreed with the family, reports, messages.
    monitored = intake.case_open_for_person(
        actor=coordinator,
        cooperation=cooperation,
        kind=Case.Kind.FAMILY,
        first_name="Marek",
        last_name="Zieliński (demo)",
    )
    _family(
        coordinator,
        monitored,
        [("Marta", "Zielińska", "", "spouse"), ("Kuba", "Zieliński", "", "child")],
        [ops, school],
    )
    intake.case_qualify(
        actor=coordinator,
        case=monitored,
        qualified=True,
        decided_on=today - datetime.timedelta(days=70),
        note="Bezrobocie długotrwałe, zaległości czynszowe, trudności szkolne syna.",
    )
    group.group_member_join(
        actor=coordinator,
        case=monitored,
        user=pedagog,
        institution=school,
        joined_on=today - datetime.timedelta(days=65),
    )
    Case.objects.filter(pk=monitored.pk).update(opened_on=today - datetime.timedelta(days=75))
    work_plan = plan.work_plan_create(
        actor=coordinator,
        case=monitored,
        main_goal="Rodzina samodzielnie utrzymuje mieszkanie, a Kuba regularnie chodzi do szkoły.",
        goals=["Spłata zaległości czynszowych w ratach", "Frekwencja Kuby powyżej 90%"],
        agreed_on=today - datetime.timedelta(days=60),
    )
    goals = list(work_plan.goals.order_by("order"))
    plan.task_add(
        actor=coordinator,
        plan=work_plan,
        description="Pomoc w zawarciu ugody ratalnej z zarządcą",
        institution=ops,
        goal=goals[0],
        deadline=today + datetime.timedelta(days=30),
    )
    plan.task_add(
        actor=coordinator,
        plan=work_plan,
        description="Cotygodniowa informacja o frekwencji Kuby",
        institution=school,
        goal=goals[1],
        schedule="co piątek",
    )
    plan.task_add(
        actor=coordinator,
        plan=work_plan,
        description="Udział rodziców w zebraniu szkolnym",
        for_family=True,
        goal=goals[1],
        deadline=today + datetime.timedelta(days=20),
    )
    plan.acknowledgement_record(actor=pedagog, plan=work_plan, institution=school)
    plan.acknowledgement_record(actor=coordinator, plan=work_plan, for_family=True, name="Marek Zieliński")
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    monthly_report_submit(
        actor=pedagog,
        case=monitored,
        month=last_month,
        today=today,
        progress="Kuba opuścił 2 dni w miesiącu (wcześniej 6).",
        new_information="Wychowawczyni zauważa lepszy kontakt z rodzicami.",
        task_statuses={task.pk: "in_progress" for task in member_tasks(monitored, pedagog)},
    )
    message_post(
        actor=pedagog,
        case=monitored,
        body="Przesyłam zestawienie frekwencji za ostatni miesiąc; szczegóły omówimy na spotkaniu monitorującym.",
    )

    # 4. A closed case: goals reached, every member agreed.
    closed = intake.case_open_for_person(
        actor=coordinator, cooperation=cooperation, kind=Case.Kind.PERSON, first_name="Jan", last_name="Kamiński"
    )
    _family(coordinator, closed, [], [ops, station])
    intake.case_qualify(
        actor=coordinator,
        case=closed,
        qualified=True,
        decided_on=today - datetime.timedelta(days=200),
        note="Osoba po opuszczeniu zakładu karnego.",
    )
    group.group_member_join(actor=coordinator, case=closed, user=police, institution=station)
    closed_plan = plan.work_plan_create(
        actor=coordinator,
        case=closed,
        main_goal="Pan Jan ma pracę i mieszkanie.",
        goals=["Zatrudnienie w spółdzielni socjalnej"],
    )
    goal = closed_plan.goals.get()
    evaluation.evaluation_create(
        actor=coordinator,
        case=closed,
        held_on=today - datetime.timedelta(days=30),
        goal_degrees={goal.pk: "reached"},
        area_ratings={"work": (1, 4)},
        workers_comment="Cel osiągnięty.",
        family_comment="Dziękuję za pomoc.",
        is_final=True,
    )
    proposal = evaluation.closure_propose(actor=coordinator, case=closed, reason="goals_reached")
    evaluation.closure_agree(actor=police, proposal=proposal)
    evaluation.closure_confirm(actor=coordinator, proposal=proposal)

    # The history's e-mails to the reserved demo domain are dropped (the notifications stay).
    OutboxMessage.objects.filter(created_at__gte=started, status=OutboxMessage.Status.PENDING).delete()


def _family(actor, case, people, institutions: list[Institution]) -> None:
    for first, last, pesel, relation in people:
        intake.person_save(
            actor=actor, case=case, data={"first_name": first, "last_name": last, "pesel": pesel, "relation": relation}
        )
    intake.consent_record(
        actor=actor,
        case=case,
        given_on=timezone.localdate() - datetime.timedelta(days=5),
        given_by=str(case.people.filter(relation="main").first() or "osoba wspierana"),
        institutions=institutions,
    )
