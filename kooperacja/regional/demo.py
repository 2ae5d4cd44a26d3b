"""More cooperations in the demo voivodeship, so the ROPS dashboard has a region to show: gminas
of the demo county at different stages — one just started, one at work, one at the end of its cycle and
evaluated. Their coordinators are fictional accounts without a password (they cannot log in); everything goes
through the services. No families are seeded there: the dashboard counts the demo gmina's."""

import datetime

from django.db import transaction
from django.utils import timezone

from kooperacja.accounts import services as account_services
from kooperacja.accounts.models import Role, User
from kooperacja.cooperation import services as cooperation_services
from kooperacja.cooperation.models import Cooperation, Step
from kooperacja.cooperation.steps import add_months
from kooperacja.directory.models import Institution
from kooperacja.directory.services import institution_create
from kooperacja.territory.models import Unit

# (gmina code, OPS name, coordinator's first and last name, variant, months since the start)
GMINAS = [
    ("040505", "Gminny Ośrodek Pomocy Społecznej w Radominie (demo)", "Renata", "Radomińska", "rural", 2),
    ("040506", "Gminny Ośrodek Pomocy Społecznej w Zbójnie (demo)", "Zenon", "Zbójeński", "urban_rural", 10),
    ("040502", "Gminny Ośrodek Pomocy Społecznej w Ciechocinie (demo)", "Cecylia", "Ciechocińska", "rural", 17),
]


@transaction.atomic
def seed_demo_region() -> list[Cooperation]:
    """Idempotent: a gmina that already has a cooperation is left as it is. Returns the cooperations."""
    today = timezone.localdate()
    created = []
    for code, ops_name, first, last, variant, months in GMINAS:
        gmina = Unit.objects.filter(code=code).first()
        if gmina is None:  # a partial register (tests): only the gminas present
            continue
        existing = Cooperation.objects.filter(unit=gmina).first()
        if existing is not None:
            created.append(existing)
            continue
        ops = Institution.objects.filter(name=ops_name, unit=gmina).first() or institution_create(
            actor=None, name=ops_name, kind="ops", unit=gmina
        )
        email = f"{last.lower().replace('ń', 'n').replace('ó', 'o')}@kooperacja.example"
        coordinator = User.objects.filter(email=email).first()
        if coordinator is None:
            coordinator = account_services.user_create(
                actor=None, email=email, first_name=first, last_name=last, send_invitation=False
            )
            account_services.membership_add(actor=None, user=coordinator, institution=ops, role=Role.COORDINATOR)
        cooperation = cooperation_services.cooperation_create(
            actor=coordinator,
            unit=gmina,
            name=f"Kooperacja w gminie {gmina.name} (demo)",
            variant=variant,
            start_date=add_months(today.replace(day=1), -months),
        )
        for step in cooperation.steps.filter(planned_end__lt=today).order_by("order"):
            done = {"status": Step.Status.DONE, "done_on": step.planned_end}
            cooperation_services.step_update(actor=coordinator, step=step, data=done)
        for step in cooperation.steps.filter(planned_start__lte=today, planned_end__gte=today):
            cooperation_services.step_update(actor=coordinator, step=step, data={"status": Step.Status.IN_PROGRESS})
        created.append(cooperation)
        if months >= 17:  # the end of its cycle: evaluated, and the authorities decided to continue
            _evaluate(cooperation, coordinator, today)
    return created


def _evaluate(cooperation, coordinator, today: datetime.date) -> None:
    from kooperacja.regional.evaluation.services import evaluation_decide, evaluation_save

    evaluation_save(
        actor=coordinator,
        cooperation=cooperation,
        data={
            "what_worked": "Comiesięczne spotkania zespołu G-PZK; wspólne szkolenie z pracy zespołowej.",
            "what_did_not": "Wymiana informacji z ochroną zdrowia pozostała incydentalna.",
            "recommendations": "Zaprosić POZ do zespołu; superwizja co kwartał.",
        },
    )
    evaluation_decide(
        actor=coordinator,
        cooperation=cooperation,
        decision="continue",
        decided_on=today - datetime.timedelta(days=7),
        document_reference="Zarządzenie Wójta (demo)",
        next_start_date=today.replace(day=1),
    )
