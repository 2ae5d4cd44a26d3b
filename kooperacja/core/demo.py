"""The demo municipality: a real gmina from TERYT with fictional institutions' workers.

Every person here is invented; e-mail addresses use the reserved domain kooperacja.example, which can
never receive mail. The TOTP secrets are published in the README so a tester adds them to an
authenticator app — the second factor is never bypassed, not even in the demo.
"""

import hashlib
from base64 import b32encode
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from kooperacja.accounts import services as account_services
from kooperacja.accounts.models import Membership, Role, User
from kooperacja.cases.demo import seed_demo_cases
from kooperacja.cooperation.demo import seed_demo_cooperation
from kooperacja.core.demo_directory import seed_demo_directory
from kooperacja.diagnosis.demo import seed_demo_analysis
from kooperacja.directory.models import Institution
from kooperacja.directory.services import institution_create
from kooperacja.regional.demo import seed_demo_region
from kooperacja.territory.models import Unit

DEMO_PASSWORD = "Demo-Kooperacja-2026"
VOIVODESHIP, COUNTY, GMINA = (
    "04",
    "0405",
    "040504",
)  # kujawsko-pomorskie / golubsko-dobrzyński / Kowalewo Pomorskie

INSTITUTIONS = [
    ("rops", "Regionalny Ośrodek Polityki Społecznej (demo)", "rops", VOIVODESHIP),
    ("pcpr", "Powiatowe Centrum Pomocy Rodzinie (demo)", "pcpr", COUNTY),
    ("ops", "Ośrodek Pomocy Społecznej w Kowalewie Pomorskim (demo)", "ops", GMINA),
    ("school", "Szkoła Podstawowa nr 1 (demo)", "school", GMINA),
    ("police", "Posterunek Policji (demo)", "police", GMINA),
    ("office", "Urząd Miejski (demo)", "gmina_office", GMINA),
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    institution: str | None
    role: str
    position: str

    @property
    def totp_secret(self) -> str:
        """Base32 secret to type into an authenticator app (stable, so the README can list it)."""
        return b32encode(self.totp_key).decode()

    @property
    def totp_key(self) -> bytes:
        return hashlib.sha256(f"kooperacja-demo-totp:{self.email}".encode()).digest()[:20]


ACCOUNTS = [
    DemoAccount(
        "admin@kooperacja.example",
        "Adam",
        "Administracyjny",
        None,
        Role.ADMINISTRATOR,
        "administrator platformy",
    ),
    DemoAccount(
        "rops@kooperacja.example",
        "Regina",
        "Regionalna",
        "rops",
        Role.ROPS_ANIMATOR,
        "regionalna animatorka współpracy",
    ),
    DemoAccount("ewaluator@kooperacja.example", "Edward", "Ewaluacyjny", "rops", Role.EVALUATOR, "ewaluator"),
    DemoAccount("pcpr@kooperacja.example", "Paweł", "Powiatowy", "pcpr", Role.PCPR_ANIMATOR, "animator powiatowy"),
    DemoAccount("ops@kooperacja.example", "Olga", "Gminna", "ops", Role.OPS_ANIMATOR, "animatorka gminna"),
    DemoAccount(
        "koordynator@kooperacja.example",
        "Katarzyna",
        "Koordynacyjna",
        "ops",
        Role.COORDINATOR,
        "pracownik socjalny, koordynatorka",
    ),
    DemoAccount("dyrektor@kooperacja.example", "Dorota", "Dyrektorska", "school", Role.DIRECTOR, "dyrektorka szkoły"),
    DemoAccount("pedagog@kooperacja.example", "Piotr", "Pedagogiczny", "school", Role.CASE_WORKER, "pedagog szkolny"),
    DemoAccount("policja@kooperacja.example", "Marek", "Dzielnicowy", "police", Role.CASE_WORKER, "dzielnicowy"),
    DemoAccount("burmistrz@kooperacja.example", "Bogdan", "Burmistrzowski", "office", Role.AUTHORITY, "burmistrz"),
]


@transaction.atomic
def seed_demo() -> list[DemoAccount]:
    units = {u.code: u for u in Unit.objects.filter(code__in=[VOIVODESHIP, COUNTY, GMINA])}
    if len(units) != 3:
        raise RuntimeError("Load the TERYT register first (python manage.py load_teryt).")
    institutions = {}
    for key, name, kind, code in INSTITUTIONS:
        institution = Institution.objects.filter(name=name, unit=units[code]).first()
        institutions[key] = institution or institution_create(actor=None, name=name, kind=kind, unit=units[code])
    seed_demo_directory()  # the demo directory: about 40 institutions with services (core/demo_directory.py)
    for demo in ACCOUNTS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            user = account_services.user_create(
                actor=None,
                email=demo.email,
                first_name=demo.first_name,
                last_name=demo.last_name,
                password=DEMO_PASSWORD,
                send_invitation=False,
            )
        institution = institutions.get(demo.institution) if demo.institution else None
        if not Membership.objects.filter(user=user, institution=institution, role=demo.role).exists():
            account_services.membership_add(
                actor=None, user=user, institution=institution, role=demo.role, position=demo.position
            )
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(
                user=user, name=account_services.TOTP_DEVICE_NAME, confirmed=True, key=demo.totp_key.hex()
            )
    users = {demo.email.split("@")[0]: User.objects.get(email=demo.email) for demo in ACCOUNTS}
    # diagnosis/demo.py; after the accounts, so that the demo cost card has an author
    seed_demo_analysis(gmina=units[GMINA], ops=institutions["ops"], author=users["koordynator"])
    cooperation = seed_demo_cooperation(gmina=units[GMINA], users=users)  # cooperation/demo.py
    seed_demo_cases(cooperation=cooperation, users=users)  # cases/demo.py
    seed_demo_region()  # regional/demo.py: cooperations of other gminas of the county
    return ACCOUNTS
