"""The tab "ROPS and authorities" and the ROPS inbox through HTTP: who sees what, who may act, the PDF."""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from conftest import login
from kooperacja.accounts.models import Role
from kooperacja.cooperation.application import services
from kooperacja.cooperation.models import RopsApplication
from kooperacja.notifications.models import Notification
from tests.factories import InstitutionFactory, MembershipFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTACT = {
    "contact_name": "Katarzyna Koordynatorka",
    "contact_function": "koordynatorka",
    "contact_phone": "56 000 00 00",
    "contact_email": "kk@ops.example",
}


@pytest.fixture
def rops_elsewhere(db, territory):
    voivodeship = UnitFactory(code="14", level="wojewodztwo", kind="wojewodztwo", name="mazowieckie", parent=None)
    rops = InstitutionFactory(name="ROPS mazowiecki", kind="rops", unit=voivodeship)
    user = UserFactory(first_name="Marek", last_name="Mazowiecki")
    MembershipFactory(user=user, institution=rops, role=Role.ROPS_ANIMATOR)
    return user


@pytest.fixture
def submitted(cooperation, coordinator_ops):
    application = services.application_create(
        actor=coordinator_ops, cooperation=cooperation, data={**CONTACT, "support": ["moderation", "training"]}
    )
    return services.application_submit(actor=coordinator_ops, application=application)


def test_coordinator_writes_and_sends_the_application_through_the_pages(client, cooperation, coordinator_ops):
    login(client, coordinator_ops)
    url = f"/kooperacja/{cooperation.pk}/zgloszenie/"
    page = client.get(url)
    assert page.status_code == 200
    assert f"/kooperacja/{cooperation.pk}/zgloszenie/nowe/wniosek/" in page.content.decode()

    response = client.post(f"/kooperacja/{cooperation.pk}/zgloszenie/nowe/wniosek/", {**CONTACT, "support": []})
    assert response.status_code == 302
    application = RopsApplication.objects.get()
    response = client.post(f"/kooperacja/zgloszenia/{application.pk}/wyslij/")
    application.refresh_from_db()
    assert application.status == "draft"  # no form of support chosen: refused, with a message

    response = client.post(
        f"/kooperacja/zgloszenia/{application.pk}/edycja/",
        {**CONTACT, "support": ["advice", "mediation"], "description": "Potrzebna mediacja."},
    )
    assert response.status_code == 302
    client.post(f"/kooperacja/zgloszenia/{application.pk}/wyslij/")
    application.refresh_from_db()
    assert application.status == "submitted" and application.support == ["advice", "mediation"]
    assert client.get(f"/kooperacja/zgloszenia/{application.pk}/edycja/").status_code == 302  # no longer a draft
    assert client.post(f"/kooperacja/zgloszenia/{application.pk}/wyslij/").status_code == 302
    assert RopsApplication.objects.get().submitted_at == application.submitted_at


def test_a_bad_form_keeps_what_was_typed(client, cooperation, coordinator_ops):
    login(client, coordinator_ops)
    response = client.post(
        f"/kooperacja/{cooperation.pk}/zgloszenie/nowe/wniosek/", {**CONTACT, "contact_email": "nie-adres"}
    )
    assert response.status_code == 400
    assert "Katarzyna Koordynatorka" in response.content.decode()
    assert client.get(f"/kooperacja/{cooperation.pk}/zgloszenie/nowe/cos/").status_code == 404


def test_reader_sees_but_may_not_write(client, cooperation, animator_pcpr, submitted):
    login(client, animator_pcpr)  # the county's animator reads an urban-rural cooperation, does not run it
    assert client.get(f"/kooperacja/{cooperation.pk}/zgloszenie/").status_code == 200
    assert client.get(f"/kooperacja/zgloszenia/{submitted.pk}/zgloszenie.pdf").status_code == 200
    assert client.post(f"/kooperacja/{cooperation.pk}/zgloszenie/nowe/wniosek/", CONTACT).status_code == 403
    assert client.post(f"/kooperacja/zgloszenia/{submitted.pk}/wycofaj/").status_code == 403
    assert client.post(f"/kooperacja/zgloszenia/{submitted.pk}/edycja/", CONTACT).status_code == 403
    assert client.get("/kooperacja/rops/zgloszenia/").status_code == 403
    assert client.post(f"/kooperacja/zgloszenia/{submitted.pk}/przydziel/").status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_worker_of_another_gmina_and_rops_of_another_voivodeship_see_nothing(
    client, cooperation, worker_other_gmina, rops_elsewhere, submitted
):
    for user in (worker_other_gmina, rops_elsewhere):
        client.logout()
        login(client, user)
        assert client.get(f"/kooperacja/{cooperation.pk}/zgloszenie/").status_code == 404
        assert client.get(f"/kooperacja/zgloszenia/{submitted.pk}/zgloszenie.pdf").status_code == 404
    # The ROPS of another voivodeship opens its inbox, but our gmina is not in it; acting on it: 404.
    assert client.get("/kooperacja/rops/zgloszenia/").status_code == 200
    assert "Kowalewo" not in client.get("/kooperacja/rops/zgloszenia/").content.decode()
    assert client.post(f"/kooperacja/zgloszenia/{submitted.pk}/przydziel/").status_code == 404
    assert client.get(f"/kooperacja/zgloszenia/{submitted.pk}/odpowiedz/").status_code == 404


def test_rops_assigns_itself_and_answers_from_the_inbox(client, cooperation, coordinator_ops, animator_rops, submitted):
    login(client, animator_rops)
    inbox = client.get("/kooperacja/rops/zgloszenia/")
    assert inbox.status_code == 200 and "Kowalewo Pomorskie" in inbox.content.decode()
    response = client.post(
        f"/kooperacja/zgloszenia/{submitted.pk}/przydziel/", {"animator": animator_rops.pk, "next": "inbox"}
    )
    assert response.status_code == 302 and response["Location"] == "/kooperacja/rops/zgloszenia/"
    assert client.get(f"/kooperacja/zgloszenia/{submitted.pk}/odpowiedz/").status_code == 200
    response = client.post(f"/kooperacja/zgloszenia/{submitted.pk}/odpowiedz/", {"agreed_support": [], "answer": ""})
    assert response.status_code == 400
    response = client.post(
        f"/kooperacja/zgloszenia/{submitted.pk}/odpowiedz/",
        {"agreed_support": ["moderation"], "answer": "Poprowadzę spotkanie z instytucjami."},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "answered" and submitted.animator == animator_rops
    assert Notification.objects.filter(user=coordinator_ops, kind="application").count() == 2

    client.logout()
    login(client, coordinator_ops)
    page = client.get(f"/kooperacja/{cooperation.pk}/zgloszenie/").content.decode()
    assert "Poprowadzę spotkanie z instytucjami." in page
    assert str(RopsApplication.Status.ANSWERED.label) in page or "answered" in page


def test_the_pdf_follows_annex_1(client, cooperation, coordinator_ops, submitted):
    login(client, coordinator_ops)
    response = client.get(f"/kooperacja/zgloszenia/{submitted.pk}/zgloszenie.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Kowalewo Pomorskie" in text and "Katarzyna Koordynatorka" in text
    with translation.override("pl"):
        label = " ".join(str(RopsApplication.Support.TRAINING.label).split())
    assert label in text


def test_pages_run_a_constant_number_of_queries(
    client, territory, coordinator_ops, animator_rops, django_assert_max_num_queries
):
    from kooperacja.cooperation.services import cooperation_create

    def one_more(n):
        gmina = UnitFactory(
            code=f"0405{10 + n:02d}", level="gmina", kind="wiejska", name=f"Gmina {n}", parent=territory["county"]
        )
        cooperation = cooperation_create(actor=coordinator_ops, unit=gmina, name=f"K{n}", variant="rural")
        application = services.application_create(
            actor=coordinator_ops, cooperation=cooperation, data={**CONTACT, "support": ["advice"]}
        )
        services.application_submit(actor=coordinator_ops, application=application)
        if n % 2:
            services.application_assign(actor=animator_rops, application=application, animator=animator_rops)

    one_more(0)
    login(client, animator_rops)
    with django_assert_max_num_queries(14) as few:
        assert client.get("/kooperacja/rops/zgloszenia/").status_code == 200
    for n in range(1, 6):
        one_more(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/kooperacja/rops/zgloszenia/").status_code == 200


def test_tab_query_count_does_not_grow_with_consents(
    client, cooperation, coordinator_ops, submitted, django_assert_max_num_queries
):
    import datetime

    login(client, coordinator_ops)
    url = f"/kooperacja/{cooperation.pk}/zgloszenie/"
    data = {
        "authority": "burmistrz",
        "unit": cooperation.unit,
        "person_name": "Jan Burmistrz",
        "decision": "accepted",
        "decided_on": datetime.date(2026, 3, 10),
    }
    services.consent_record(actor=coordinator_ops, cooperation=cooperation, data=data)
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    for _ in range(4):
        services.consent_record(actor=coordinator_ops, cooperation=cooperation, data=data)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
