"""Named actors of the model's story, shared by every test (ARCHITECTURE §7).

``coordinator_ops`` and ``teacher_school`` work in the demo gmina; ``worker_other_gmina`` works elsewhere
and must see nothing of it; ``animator_rops`` sees aggregates only; ``admin_user`` manages accounts.
Each actor has a confirmed TOTP device; ``login(client, actor)`` logs in with password and a real code.
"""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import settings as hypothesis_settings

from kooperacja.accounts.models import Role
from tests.factories import PASSWORD, InstitutionFactory, MembershipFactory, UnitFactory, UserFactory

# Property-based tests: no per-example time limit (a wall-clock deadline fails under load, not on a defect), and
# a fixed seed so a run in CI explores the same examples as the run on a developer's machine.
hypothesis_settings.register_profile("kooperacja", deadline=None, derandomize=True, database=None)
hypothesis_settings.load_profile("kooperacja")


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def login(client, user, *, password: str = PASSWORD):
    """Log in through the real two-step form, as a person does."""
    response = client.post("/konto/logowanie/", {"username": user.email, "password": password})
    assert response.status_code == 302, response.content[:500]
    response = client.post("/konto/weryfikacja/", {"token": current_code(user)})
    assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture
def territory(db):
    """A small slice of the register: voivodeship → county → two gminas, and another county's gmina."""
    voivodeship = UnitFactory(
        code="04", level="wojewodztwo", kind="wojewodztwo", name="kujawsko-pomorskie", parent=None
    )
    county = UnitFactory(code="0405", level="powiat", kind="powiat", name="golubsko-dobrzyński", parent=voivodeship)
    gmina = UnitFactory(code="040504", level="gmina", kind="miejsko_wiejska", name="Kowalewo Pomorskie", parent=county)
    other_county = UnitFactory(code="0415", level="powiat", kind="powiat", name="rypiński", parent=voivodeship)
    other_gmina = UnitFactory(code="041501", level="gmina", kind="miejska", name="Rypin", parent=other_county)
    return {"voivodeship": voivodeship, "county": county, "gmina": gmina, "other_gmina": other_gmina}


@pytest.fixture
def institutions(territory):
    return {
        "rops": InstitutionFactory(name="ROPS testowy", kind="rops", unit=territory["voivodeship"]),
        "pcpr": InstitutionFactory(name="PCPR testowe", kind="pcpr", unit=territory["county"]),
        "ops": InstitutionFactory(name="OPS testowy", kind="ops", unit=territory["gmina"]),
        "school": InstitutionFactory(name="Szkoła testowa", kind="school", unit=territory["gmina"]),
        "ops_other": InstitutionFactory(name="OPS w Rypinie", kind="ops", unit=territory["other_gmina"]),
    }


def _actor(institution, role, **kwargs):
    user = UserFactory(**kwargs)
    MembershipFactory(user=user, institution=institution, role=role)
    return user


@pytest.fixture
def coordinator_ops(institutions):
    return _actor(institutions["ops"], Role.COORDINATOR, first_name="Katarzyna", last_name="Koordynatorka")


@pytest.fixture
def teacher_school(institutions):
    return _actor(institutions["school"], Role.CASE_WORKER, first_name="Piotr", last_name="Pedagog")


@pytest.fixture
def director_school(institutions):
    """The school's director: reads a cooperation once the school is in its team or party to its agreement."""
    return _actor(institutions["school"], Role.DIRECTOR, first_name="Jan", last_name="Dyrektor")


@pytest.fixture
def worker_other_gmina(institutions):
    return _actor(institutions["ops_other"], Role.CASE_WORKER, first_name="Ewa", last_name="Obca")


@pytest.fixture
def animator_rops(institutions):
    return _actor(institutions["rops"], Role.ROPS_ANIMATOR, first_name="Regina", last_name="Regionalna")


@pytest.fixture
def animator_pcpr(institutions):
    return _actor(institutions["pcpr"], Role.PCPR_ANIMATOR, first_name="Paweł", last_name="Powiatowy")


@pytest.fixture
def admin_user(db):
    return _actor(None, Role.ADMINISTRATOR, first_name="Adam", last_name="Admin")


@pytest.fixture
def cooperation(territory, coordinator_ops):
    """An urban-rural cooperation of the demo gmina, started on 1 March 2026 by its OPS coordinator."""
    import datetime

    from kooperacja.cooperation import services

    return services.cooperation_create(
        actor=coordinator_ops,
        unit=territory["gmina"],
        name="Kooperacja w Kowalewie Pomorskim",
        variant="urban_rural",
        start_date=datetime.date(2026, 3, 1),
    )


@pytest.fixture
def case(cooperation, coordinator_ops, teacher_school, institutions):
    """A family case of the demo cooperation: coordinated by the OPS coordinator, the school's pedagogue in its
    group, the family's consent covering the OPS and the school."""
    import datetime

    from kooperacja.cases import services
    from kooperacja.cases.models import Consent, Person

    case = services.case_open(actor=coordinator_ops, cooperation=cooperation)
    Person.objects.create(
        case=case, first_name="Anna", last_name="Kowalska", pesel="85010112345", relation=Person.Relation.MAIN
    )
    consent = Consent.objects.create(
        case=case, given_on=datetime.date(2026, 3, 2), given_by="Anna Kowalska", recorded_by=coordinator_ops
    )
    consent.institutions.set([institutions["ops"], institutions["school"]])
    services.group_member_add(
        actor=coordinator_ops, group=case.groups.get(), user=teacher_school, institution=institutions["school"]
    )
    return case
