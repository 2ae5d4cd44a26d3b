"""Resource cards (R-03): who acts on a problem in the gmina and its county, gaps, commentary, PDF."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pypdf import PdfReader

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.directory import services
from kooperacja.directory.models import Problem, ResourceCardNote
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

CARD = "/instytucje/karty/040504/domestic_violence/"


def msg(text: str) -> str:
    """The interface text as the user sees it (Polish once the catalogue has it)."""
    with translation.override("pl"):
        return translation.gettext(text)


def offer(institution, *problem_codes, name="Wsparcie", **data):
    problems = list(Problem.objects.filter(code__in=problem_codes))
    return services.service_save(actor=None, institution=institution, name=name, problems=problems, **data)


@pytest.fixture
def violence_services(institutions):
    offer(
        institutions["ops"],
        "domestic_violence",
        "poverty",
        name="Praca socjalna z rodziną",
        description="Plan pomocy dla rodziny.",
        target_group="rodziny",
        legal_basis="art. 7 ustawy o pomocy społecznej",
        how_to_access="Wniosek w OPS.",
    )
    offer(
        institutions["pcpr"],
        "domestic_violence",
        name="Poradnictwo specjalistyczne",
        legal_basis="art. 19 pkt 12 ustawy o pomocy społecznej",
    )
    offer(institutions["ops_other"], "domestic_violence", name="Praca socjalna w Rypinie")
    offer(institutions["school"], "education", name="Pedagog szkolny")
    return institutions


def test_card_lists_gmina_and_county_institutions_acting_on_the_problem(client, teacher_school, violence_services):
    login(client, teacher_school)
    response = client.get(CARD)
    html = response.content.decode()
    assert response.status_code == 200
    assert "przemoc domowa" in html
    assert "OPS testowy" in html and "PCPR testowe" in html
    assert "Plan pomocy dla rodziny." in html and "art. 7 ustawy o pomocy społecznej" in html
    assert "Wniosek w OPS." in html and "art. 19 pkt 12 ustawy o pomocy społecznej" in html
    assert "OPS w Rypinie" not in html  # another gmina's institution
    assert "Szkoła testowa" not in html  # acts on other problems only
    assert 'data-gap="true"' not in html


def test_card_of_a_problem_nobody_acts_on_is_a_gap(client, teacher_school, violence_services):
    login(client, teacher_school)
    html = client.get("/instytucje/karty/040504/trafficking/").content.decode()
    assert 'data-gap="true"' in html
    assert msg("no institution — a gap") in html


def test_closed_institution_is_not_on_the_card(client, teacher_school, violence_services, institutions):
    institutions["pcpr"].status = "closed"
    institutions["pcpr"].save(update_fields=["status"])
    login(client, teacher_school)
    assert "PCPR testowe" not in client.get(CARD).content.decode()


def test_overview_defaults_to_the_users_gmina_and_marks_gaps_in_words(client, coordinator_ops, violence_services):
    login(client, coordinator_ops)
    response = client.get("/instytucje/karty/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kowalewo Pomorskie" in html
    assert f'href="{CARD}"' in html
    assert html.count('data-gap="true"') == Problem.objects.count() - 3  # violence, poverty, education covered
    assert msg("no institution — a gap") in html


def test_overview_for_another_unit_and_a_wrong_code(client, teacher_school, violence_services):
    login(client, teacher_school)
    html = client.get("/instytucje/karty/?unit=0415").content.decode()  # the other county, by its code
    assert "/instytucje/karty/0415/domestic_violence/" in html
    assert client.get("/instytucje/karty/?unit=0405043").status_code == 200  # 7-digit TERYT of the gmina
    assert client.get("/instytucje/karty/?unit=99").status_code == 400
    assert client.get("/instytucje/karty/?unit=04").status_code == 400  # a voivodeship has no cards


def test_unknown_unit_or_problem_is_not_found(client, teacher_school, institutions):
    login(client, teacher_school)
    assert client.get("/instytucje/karty/999999/domestic_violence/").status_code == 404
    assert client.get("/instytucje/karty/040504/no_such_problem/").status_code == 404
    assert client.get("/instytucje/karty/04/domestic_violence/").status_code == 404


def test_keeper_writes_the_commentary_and_it_is_audited(client, coordinator_ops, violence_services):
    login(client, coordinator_ops)
    assert "/komentarz/" in client.get(CARD).content.decode()  # the keeper sees the form
    response = client.post(CARD + "komentarz/", {"text": "Najpierw dzwonić do OPS."})
    assert response.status_code == 302 and response["Location"].startswith(CARD)
    note = ResourceCardNote.objects.get(unit__code="040504", problem__code="domestic_violence")
    assert note.text == "Najpierw dzwonić do OPS." and note.updated_by == coordinator_ops
    event = AuditEvent.objects.get(object_type="directory.resourcecardnote", actor=coordinator_ops)
    assert event.details == {"unit": "040504", "problem": "domestic_violence"}
    assert "Najpierw dzwonić do OPS." in client.get(CARD).content.decode()


@pytest.mark.parametrize("actor", ["teacher_school", "worker_other_gmina", "animator_pcpr"])
def test_others_read_the_commentary_but_may_not_change_it(client, request, actor, coordinator_ops, violence_services):
    services.resource_card_note_save(
        actor=coordinator_ops,
        unit=violence_services["ops"].unit,
        problem=Problem.objects.get(code="domestic_violence"),
        text="Komentarz koordynatorki.",
    )
    login(client, request.getfixturevalue(actor))
    html = client.get(CARD).content.decode()
    assert "Komentarz koordynatorki." in html and "/komentarz/" not in html
    assert client.post(CARD + "komentarz/", {"text": "Zmiana"}).status_code == 403
    assert ResourceCardNote.objects.get().text == "Komentarz koordynatorki."


def test_commentary_too_long_is_refused_with_the_form(client, coordinator_ops, violence_services):
    login(client, coordinator_ops)
    response = client.post(CARD + "komentarz/", {"text": "x" * 5001})
    assert response.status_code == 400
    assert not ResourceCardNote.objects.exists()


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_card_prints_as_pdf_with_polish_letters(client, teacher_school, coordinator_ops, violence_services):
    services.resource_card_note_save(
        actor=coordinator_ops,
        unit=violence_services["ops"].unit,
        problem=Problem.objects.get(code="domestic_violence"),
        text="Zażółć gęślą jaźń.",
    )
    login(client, teacher_school)
    response = client.get(CARD + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "przemoc domowa" in text
    assert "OPS testowy" in text and "PCPR testowe" in text and "OPS w Rypinie" not in text
    assert "Zażółć gęślą jaźń." in text


def test_gap_card_prints_the_gap(client, teacher_school, violence_services):
    login(client, teacher_school)
    text = pdf_text(client.get("/instytucje/karty/040504/trafficking/pdf/").content)
    assert "potrzeba ochrony ofiar handlu ludźmi" in text
    assert msg("no institution — a gap") in text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [CARD, "/instytucje/karty/?unit=040504", "/instytucje/karty/"])
def test_pages_make_a_constant_number_of_queries(
    client, coordinator_ops, coordinator_ops_note, violence_services, territory, url, django_assert_max_num_queries
):
    login(client, coordinator_ops)
    few = _queries(client, url)
    for n in range(15):
        institution = InstitutionFactory(name=f"Poradnia {n}", kind="ngo", unit=territory["gmina"])
        offer(institution, "domestic_violence", "poverty", name="Porady")
        offer(institution, "domestic_violence", name="Grupa wsparcia")
    with django_assert_max_num_queries(few):
        assert client.get(url).status_code == 200


@pytest.fixture
def coordinator_ops_note(coordinator_ops, institutions):
    return services.resource_card_note_save(
        actor=coordinator_ops,
        unit=institutions["ops"].unit,
        problem=Problem.objects.get(code="domestic_violence"),
        text="Uwagi.",
    )
