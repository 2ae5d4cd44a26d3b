"""A family's case, the steps of the group and the plan: the diagnosis says why each institution is proposed
(never the ROPS or a care home); the member picker offers the proposed institutions first with the people who
work there and their position — never the ROPS animator or the mayor — and the member's function is named with
the field's words; the coordinator's OPS takes a task and acknowledges the plan; the family is listed in one
order; a closed case offers no form that would change it."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.accounts.models import User
from kooperacja.cases.models import Case, Consent, Person
from kooperacja.cases.services import case_open
from kooperacja.cooperation.models import Cooperation
from kooperacja.directory.models import Institution
from tests.e2e.helpers import assert_accessible, log_in

pytestmark = pytest.mark.e2e

OPS = "Ośrodek Pomocy Społecznej w Kowalewie Pomorskim (demo)"
POLICE = "Posterunek Policji (demo)"


def _case(demo) -> Case:
    coordinator = User.objects.get(email=demo["koordynator"].email)
    cooperation = Cooperation.objects.get(name="Kooperacja w Kowalewie Pomorskim (demo)")
    case = case_open(actor=coordinator, cooperation=cooperation)
    consent = Consent.objects.create(
        case=case, given_on=datetime.date.today(), given_by="rodzina", recorded_by=coordinator
    )
    consent.institutions.set(Institution.objects.filter(name__in=[OPS, POLICE]))
    return case


def test_proposals_say_why_and_the_picker_offers_people_under_their_institutions(page: Page, demo):
    case = _case(demo)
    log_in(page, demo["koordynator"])
    page.goto(f"/sprawy/{case.pk}/diagnoza/violence/")
    page.locator("textarea[name=needs]").fill("Bezpieczeństwo matki i córki")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/sprawy/{case.pk}/diagnoza/$"))
    proposals = page.locator("#proposals")
    expect(proposals.locator(".proposal-reasons").first).to_contain_text("odpowiada na potrzebę")
    expect(proposals).not_to_contain_text("Regionalny Ośrodek Polityki Społecznej")
    expect(proposals).not_to_contain_text("Dom Pomocy Społecznej")
    assert_accessible(page)

    page.goto(f"/sprawy/{case.pk}/grupa/")
    page.locator("#member-form").evaluate("form => form.closest('details').open = true")
    picker = page.locator("#member-form select[name=user]")
    labels = picker.locator("optgroup").evaluate_all("groups => groups.map(g => g.label)")
    assert labels and all(label for label in labels)
    proposed = [i for i, label in enumerate(labels) if "zaproponowana w diagnozie" in label]
    assert proposed == list(range(len(proposed))), labels  # the proposed institutions come first
    for outsider in ("rops", "burmistrz", "ewaluator", "admin"):
        account = User.objects.get(email=demo[outsider].email)
        expect(picker.locator(f"option[value='{account.pk}']")).to_have_count(0)
    police = User.objects.get(email=demo["policja"].email)
    expect(picker.locator(f"option[value='{police.pk}']")).to_contain_text("(dzielnicowy)")
    picker.select_option(str(police.pk))
    page.locator("#member-form button[type=submit]").click()
    expect(page.locator("#members")).to_contain_text(police.get_full_name())
    expect(page.locator("#members")).to_contain_text("dzielnicowy")
    assert_accessible(page)


def test_the_ops_takes_a_task_and_acknowledges_the_plan(page: Page, demo):
    case = _case(demo)
    log_in(page, demo["koordynator"])
    page.goto(f"/sprawy/{case.pk}/plan/nowy/")
    page.locator("textarea[name=main_goal]").fill("Rodzina jest bezpieczna")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/sprawy/{case.pk}/plan/$"))
    form = page.locator("form[action$='/plan/zadania/dodaj/']")
    form.evaluate("form => { const d = form.closest('details'); if (d) d.open = true; }")
    form.locator("textarea[name=description]").fill("Wywiad środowiskowy i praca socjalna")
    form.locator("select[name=party]").select_option(label=OPS)
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Wywiad środowiskowy i praca socjalna")
    page.locator("form[action$='/plan/potwierdz/']", has=page.locator(f"input[value='{_ops_pk()}']")).locator(
        "button[type=submit]"
    ).click()
    expect(page.locator("main")).to_contain_text(OPS)
    assert case.work_plans.get().acknowledgements.filter(institution__name=OPS).exists()
    assert_accessible(page)


def _ops_pk() -> int:
    return Institution.objects.get(name=OPS).pk


def test_the_family_is_listed_main_person_first(page: Page, demo):
    case = _case(demo)
    year = datetime.date.today().year
    for first, relation, born in (("Zosia", "child", year - 6), ("Helena", "parent", 1950), ("Anna", "main", 1985)):
        Person.objects.create(case=case, first_name=first, last_name="Nowak", relation=relation, birth_year=born)
    Person.objects.create(case=case, first_name="Bartek", last_name="Nowak", relation="child", birth_year=year - 14)
    log_in(page, demo["koordynator"])
    page.goto(f"/sprawy/{case.pk}/")
    rows = page.locator("tr[data-person]").all_inner_texts()
    assert [row.split()[0] for row in rows] == ["Anna", "Bartek", "Zosia", "Helena"]


def test_a_closed_case_reads_as_a_record(page: Page, demo):
    case = Case.objects.get(status=Case.Status.CLOSED)
    log_in(page, demo["koordynator"])
    for path in ("", "diagnoza/", "grupa/", "plan/", "sprawozdania/", "ocena/", "wiadomosci/", "narzedzia/"):
        page.goto(f"/sprawy/{case.pk}/{path}")
        expect(page.locator("main form[method=post]")).to_have_count(0)
        expect(page.locator("main")).to_contain_text("Sprawa jest zamknięta")
    assert_accessible(page)
