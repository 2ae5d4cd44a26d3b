"""The demo municipality's directory: about 40 fictional institutions of every sector, created once."""

import pytest
from simple_history.utils import get_history_model_for_model

from kooperacja.audit.models import AuditEvent
from kooperacja.core.demo import seed_demo
from kooperacja.core.demo_directory import DIRECTORY, GAP_PROBLEMS
from kooperacja.directory import taxonomy
from kooperacja.directory.models import ContactPerson, Institution, Phone, Service
from kooperacja.directory.selectors import problem_coverage, resource_card

pytestmark = pytest.mark.django_db


def counts():
    return {
        "institutions": Institution.objects.count(),
        "services": Service.objects.count(),
        "phones": Phone.objects.count(),
        "contacts": ContactPerson.objects.count(),
        "problems": Service.problems.through.objects.count(),
        "audit": AuditEvent.objects.count(),
        "history": get_history_model_for_model(Institution).objects.count(),
    }


def test_seed_creates_about_forty_institutions_once(territory):
    seed_demo()
    first = counts()
    assert 38 <= first["institutions"] <= 50
    assert first["institutions"] == len(DIRECTORY)  # the six of core/demo.py are among them
    seed_demo()
    assert counts() == first  # a second run changes nothing


def test_directory_covers_every_sector_and_level_with_services(territory):
    seed_demo()
    institutions = list(Institution.objects.prefetch_related("services__problems", "contacts", "phones"))
    assert {i.sector for i in institutions} == set(taxonomy.SECTORS)
    assert {i.level for i in institutions} == {"gmina", "powiat", "wojewodztwo"}
    assert {i.unit.code for i in institutions} == {"040504", "0405", "04"}
    for institution in institutions:
        assert "(demo)" in institution.name
        assert institution.email.endswith(".example")
        assert institution.phones.all() and institution.contacts.all()
        assert all(c.email == "" or c.email.endswith("@kooperacja.example") for c in institution.contacts.all())
        assert institution.services.all(), institution.name
        for service in institution.services.all():
            assert service.problems.all() and service.legal_basis and service.how_to_access, service.name


def test_demo_six_keep_their_accounts_and_get_details(territory):
    seed_demo()
    ops = Institution.objects.get(name="Ośrodek Pomocy Społecznej w Kowalewie Pomorskim (demo)")
    assert ops.memberships.exists()
    assert ops.street and ops.services.count() >= 3
    assert Institution.objects.get(name="Powiatowe Centrum Pomocy Rodzinie (demo)").level == "powiat"


def test_cards_of_the_demo_gmina_show_institutions_and_a_gap(territory):
    seed_demo()
    coverage = {problem.code: count for problem, count in problem_coverage(unit=territory["gmina"])}
    assert {code for code, count in coverage.items() if count == 0} == set(GAP_PROBLEMS)
    assert coverage["domestic_violence"] >= 5
    card = resource_card(
        unit=territory["gmina"],
        problem=next(p for p, _ in problem_coverage(unit=territory["gmina"]) if p.code == "domestic_violence"),
    )
    levels = {row.institution.level for row in card.rows}
    assert {"gmina", "powiat"} <= levels
