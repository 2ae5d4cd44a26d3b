"""The tool base, support requests and recommendations of a voivodeship: lifecycles, refusals,
versions, who sees what, files, search, the summary report."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from conftest import _actor, login
from kooperacja.accounts.models import Role
from kooperacja.notifications.models import Notification, OutboxMessage
from kooperacja.regional.library import selectors, services
from kooperacja.regional.models import Recommendation, SupportRequest, Tool
from tests.factories import InstitutionFactory, MembershipFactory, UnitFactory, UserFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="narzedzie.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name="wzor.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def voivodeship(territory):
    return territory["voivodeship"]


@pytest.fixture
def published_tool(voivodeship, animator_rops):
    tool = services.tool_create(
        actor=animator_rops,
        voivodeship=voivodeship,
        title="Wzór porozumienia G-P",
        step_kind="agreement",
        category=Tool.Category.TEMPLATE,
        description="Szablon porozumienia gminno-powiatowego",
        upload=pdf(),
    )
    return services.tool_publish(actor=animator_rops, tool=tool)


@pytest.fixture
def worker_elsewhere(db):
    """A worker of an OPS in another voivodeship (mazowieckie): must see nothing of kujawsko-pomorskie."""
    region = UnitFactory(code="14", level="wojewodztwo", kind="wojewodztwo", name="mazowieckie", parent=None)
    county = UnitFactory(code="1401", level="powiat", kind="powiat", name="białobrzeski", parent=region)
    gmina = UnitFactory(code="140101", level="gmina", kind="miejska", name="Białobrzegi", parent=county)
    user = UserFactory(first_name="Marek", last_name="Mazowiecki")
    MembershipFactory(
        user=user, institution=InstitutionFactory(name="OPS Białobrzegi", kind="ops", unit=gmina), role=Role.CASE_WORKER
    )
    return user


# --- Tools: services ------------------------------------------------------------------------------------------


def test_each_upload_is_a_new_version_and_the_latest_is_shown(voivodeship, animator_rops):
    tool = services.tool_create(
        actor=animator_rops,
        voivodeship=voivodeship,
        title="Scenariusz spotkania",
        step_kind="meeting_institutions",
        upload=pdf(),
    )
    second = services.tool_version_add(actor=animator_rops, tool=tool, upload=docx(), note="poprawki")
    assert second.number == 2
    assert second.content_type.endswith("wordprocessingml.document")
    [loaded] = selectors.tools_list(voivodeship=voivodeship, manage=True)
    assert selectors.latest_version(loaded).number == 2
    assert [v.number for v in loaded.versions.all()] == [2, 1]


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("program.exe", b"MZ\x90\x00"),
        SimpleUploadedFile("udaje.pdf", b"MZ\x90\x00" + b"\x00" * 60),
        SimpleUploadedFile("duzy.pdf", PDF + b"\x00" * (10 * 1024 * 1024)),
    ],
    ids=["extension", "content", "size"],
)
def test_files_are_checked(voivodeship, animator_rops, upload):
    tool = services.tool_create(actor=animator_rops, voivodeship=voivodeship, title="T", step_kind="analysis")
    with pytest.raises(ValidationError):
        services.tool_version_add(actor=animator_rops, tool=tool, upload=upload)
    assert not tool.versions.exists()


def test_publishing_needs_a_file_and_withdrawing_hides_it(voivodeship, animator_rops, coordinator_ops):
    tool = services.tool_create(actor=animator_rops, voivodeship=voivodeship, title="T", step_kind="analysis")
    with pytest.raises(ValidationError):
        services.tool_publish(actor=animator_rops, tool=tool)
    services.tool_version_add(actor=animator_rops, tool=tool, upload=pdf())
    services.tool_publish(actor=animator_rops, tool=tool)
    assert list(selectors.tools_list(voivodeship=voivodeship, manage=False)) == [tool]
    services.tool_withdraw(actor=animator_rops, tool=tool)
    assert not selectors.tools_list(voivodeship=voivodeship, manage=False).exists()
    with pytest.raises(ValidationError):
        services.tool_withdraw(actor=animator_rops, tool=tool)


def test_tools_for_step_gives_the_published_tools_of_the_kind(voivodeship, animator_rops, published_tool):
    services.tool_create(actor=animator_rops, voivodeship=voivodeship, title="Szkic", step_kind="agreement")
    assert list(selectors.tools_for_step(voivodeship=voivodeship, kind="agreement")) == [published_tool]
    assert not selectors.tools_for_step(voivodeship=voivodeship, kind="analysis").exists()


def test_search_over_titles_and_descriptions(voivodeship, published_tool):
    assert list(selectors.tools_list(voivodeship=voivodeship, manage=False, query="gminno-powiat")) == [published_tool]
    assert list(selectors.tools_list(voivodeship=voivodeship, manage=False, query="POROZUMIENIA")) == [published_tool]
    assert not selectors.tools_list(voivodeship=voivodeship, manage=False, query="superwizja").exists()
    assert not selectors.tools_list(voivodeship=voivodeship, manage=False, step_kind="cases").exists()


def test_good_practice_is_reviewed_then_published(cooperation, coordinator_ops, animator_rops, voivodeship):
    tool = services.good_practice_submit(
        actor=coordinator_ops,
        cooperation=cooperation,
        title="Kawiarenka",
        step_kind="cases",
        description="Przy kawie",
        upload=pdf(),
    )
    assert tool.status == Tool.Status.SUBMITTED and tool.voivodeship == voivodeship
    assert not selectors.tools_list(voivodeship=voivodeship, manage=False).exists()
    services.tool_publish(actor=animator_rops, tool=tool)
    assert list(selectors.tools_list(voivodeship=voivodeship, manage=False)) == [tool]
    with pytest.raises(ValidationError):
        services.good_practice_submit(
            actor=coordinator_ops,
            cooperation=cooperation,
            title="X",
            step_kind="cases",
            description="Pan o numerze 85010112345",
        )


# --- Tools: pages and access ----------------------------------------------------------------------------------


def test_gmina_worker_reads_published_tools_and_downloads_the_file(
    client, coordinator_ops, animator_rops, published_tool, voivodeship
):
    draft = services.tool_create(
        actor=animator_rops, voivodeship=voivodeship, title="Tajny szkic", step_kind="agreement"
    )
    login(client, coordinator_ops)
    page = client.get("/region/narzedzia/?q=porozumienia").content.decode()
    assert "Wzór porozumienia G-P" in page and "Tajny szkic" not in page
    assert client.get(f"/region/narzedzia/{draft.pk}/").status_code == 404
    response = client.get(f"/region/narzedzia/{published_tool.pk}/plik/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(f"/region/narzedzia/{published_tool.pk}/wersje/1/plik/").status_code == 200
    assert client.get(f"/region/narzedzia/{published_tool.pk}/wersje/7/plik/").status_code == 404


def test_a_worker_of_another_voivodeship_sees_nothing(client, worker_elsewhere, published_tool):
    login(client, worker_elsewhere)
    page = client.get("/region/narzedzia/").content.decode()
    assert "Wzór porozumienia" not in page
    assert client.get(f"/region/narzedzia/{published_tool.pk}/").status_code == 404
    assert client.get(f"/region/narzedzia/{published_tool.pk}/plik/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/region/narzedzia/nowe/",
        "/region/wsparcie/",
        "/region/rekomendacje/",
        "/region/rekomendacje/raport/",
        "/region/rekomendacje/raport.pdf",
    ],
)
def test_management_pages_are_for_rops_staff(client, coordinator_ops, url):
    login(client, coordinator_ops)
    assert client.get(url).status_code == 403


def test_management_posts_are_for_rops_staff(client, coordinator_ops, published_tool):
    login(client, coordinator_ops)
    assert client.post(f"/region/narzedzia/{published_tool.pk}/wycofanie/").status_code == 403
    assert client.get(f"/region/narzedzia/{published_tool.pk}/edycja/").status_code == 403


def test_rops_adds_a_tool_uploads_a_version_and_publishes(client, animator_rops, coordinator_ops):
    login(client, animator_rops)
    response = client.post(
        "/region/narzedzia/nowe/",
        {
            "title": "Karta oceny współpracy",
            "description": "",
            "category": "tool",
            "step_kind": "analysis",
            "file": pdf("karta.pdf"),
        },
    )
    assert response.status_code == 302
    tool = Tool.objects.get()
    response = client.post(f"/region/narzedzia/{tool.pk}/wersje/nowa/", {"file": docx(), "note": "nowa wersja"})
    assert response.status_code == 302
    bad = client.post(f"/region/narzedzia/{tool.pk}/wersje/nowa/", {"file": SimpleUploadedFile("x.pdf", b"MZ")})
    assert bad.status_code == 200 and bad.context["form"].errors
    assert tool.versions.count() == 2
    client.post(f"/region/narzedzia/{tool.pk}/publikacja/")
    tool.refresh_from_db()
    assert tool.status == Tool.Status.PUBLISHED
    page = client.get(f"/region/narzedzia/{tool.pk}/").content.decode()
    assert "karta.pdf" in page and "wzor.docx" in page


def test_tool_list_query_count_is_constant(client, animator_rops, voivodeship, django_assert_max_num_queries):
    for number in range(2):
        services.tool_create(
            actor=animator_rops, voivodeship=voivodeship, title=f"T{number}", step_kind="analysis", upload=pdf()
        )
    login(client, animator_rops)
    with django_assert_max_num_queries(20) as few:
        client.get("/region/narzedzia/")
    for number in range(6):
        services.tool_create(
            actor=animator_rops, voivodeship=voivodeship, title=f"U{number}", step_kind="cases", upload=pdf()
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/region/narzedzia/")


# --- Support requests -----------------------------------------------------------------------------------------


def test_support_request_lifecycle(cooperation, coordinator_ops, animator_rops, voivodeship):
    import datetime

    item = services.support_request_create(actor=coordinator_ops, cooperation=cooperation, kind="supervision")
    assert item.status == SupportRequest.Status.REQUESTED and item.voivodeship == voivodeship
    with pytest.raises(ValidationError):  # not planned yet
        services.support_request_record(
            actor=animator_rops, support_request=item, held_on=datetime.date(2026, 5, 4), participants=8, hours=4
        )
    services.support_request_plan(actor=animator_rops, support_request=item, planned_on=datetime.date(2026, 5, 4))
    services.support_request_record(
        actor=animator_rops, support_request=item, held_on=datetime.date(2026, 5, 5), participants=8, hours=4
    )
    item.refresh_from_db()
    assert (item.status, item.participants, item.hours, item.planned_on) == ("done", 8, 4, datetime.date(2026, 5, 5))
    with pytest.raises(ValidationError):
        services.support_request_decline(actor=animator_rops, support_request=item, reason="za późno")


def test_declining_needs_a_reason(cooperation, coordinator_ops, animator_rops):
    item = services.support_request_create(actor=coordinator_ops, cooperation=cooperation, kind="study_visit")
    with pytest.raises(ValidationError):
        services.support_request_decline(actor=animator_rops, support_request=item, reason="  ")
    services.support_request_decline(actor=animator_rops, support_request=item, reason="Brak środków w tym roku")
    assert item.status == SupportRequest.Status.DECLINED


def test_editors_request_support_and_rops_plans_it(client, cooperation, coordinator_ops, animator_rops):
    login(client, coordinator_ops)
    url = f"/region/kooperacja/{cooperation.pk}/wsparcie/nowe/"
    assert client.post(url, {"kind": "team_training", "description": "Szkolenie z pracy w GGK"}).status_code == 302
    assert "Szkolenie drużyny" not in client.get(url).content.decode()
    item = SupportRequest.objects.get()
    client.logout()
    login(client, animator_rops)
    assert "Kooperacja w Kowalewie" in client.get("/region/wsparcie/").content.decode()
    response = client.post(
        f"/region/wsparcie/{item.pk}/plan/", {"plan-planned_on": "2026-06-01", "plan-participants": "12"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "planned" and item.participants == 12
    response = client.post(f"/region/wsparcie/{item.pk}/odmowa/", {"decline-reason": ""})
    assert response.status_code == 400


def test_readers_without_write_cannot_request(client, cooperation, worker_other_gmina):
    login(client, worker_other_gmina)
    assert client.get(f"/region/kooperacja/{cooperation.pk}/wsparcie/nowe/").status_code in (403, 404)
    assert client.get(f"/region/kooperacja/{cooperation.pk}/rekomendacje/nowa/").status_code in (403, 404)


def test_rops_of_another_voivodeship_cannot_handle_a_request(cooperation, coordinator_ops, worker_elsewhere):
    item = services.support_request_create(actor=coordinator_ops, cooperation=cooperation, kind="moderation")
    with pytest.raises(Exception):  # noqa: B017 — Http404
        selectors.support_request_for_user(user=worker_elsewhere, request_id=item.pk)


def test_support_list_query_count_is_constant(
    client, cooperation, coordinator_ops, animator_rops, django_assert_max_num_queries
):
    services.support_request_create(actor=coordinator_ops, cooperation=cooperation, kind="moderation")
    login(client, animator_rops)
    with django_assert_max_num_queries(20) as few:
        client.get("/region/wsparcie/")
    for _ in range(5):
        services.support_request_create(actor=coordinator_ops, cooperation=cooperation, kind="supervision")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/region/wsparcie/")


# --- Recommendations ------------------------------------------------------------------------------------------


def test_recommendation_lifecycle(cooperation, coordinator_ops, animator_rops):
    item = services.recommendation_submit(
        actor=coordinator_ops,
        cooperation=cooperation,
        kind="legislative",
        text="Ustawowy obowiązek powołania zespołu kooperacji",
    )
    with pytest.raises(ValidationError):  # forwarded only once accepted
        services.recommendation_decide(actor=animator_rops, recommendation=item, status="forwarded")
    services.recommendation_decide(actor=animator_rops, recommendation=item, status="accepted")
    services.recommendation_decide(actor=animator_rops, recommendation=item, status="forwarded", note="Do MRPiPS")
    assert item.status == Recommendation.Status.FORWARDED
    with pytest.raises(ValidationError):
        services.recommendation_decide(actor=animator_rops, recommendation=item, status="rejected")


@pytest.mark.parametrize("text", ["Sprawa 85010112345", "PESEL 850 101 123 45", "x 85-01-01-12-345 y"])
def test_a_recommendation_with_a_pesel_like_number_is_refused(cooperation, coordinator_ops, text):
    with pytest.raises(ValidationError) as error:
        services.recommendation_submit(actor=coordinator_ops, cooperation=cooperation, kind="organisational", text=text)
    assert "PESEL" in error.value.messages[0]
    assert not Recommendation.objects.exists()


def test_the_pesel_refusal_is_shown_in_polish(client, cooperation, coordinator_ops):
    login(client, coordinator_ops)
    response = client.post(
        f"/region/kooperacja/{cooperation.pk}/rekomendacje/nowa/",
        {"kind": "methodological", "text": "Dotyczy 85010112345"},
    )
    assert response.status_code == 200
    assert "11-cyfrowy" in response.content.decode() or "PESEL" in response.content.decode()
    assert not Recommendation.objects.exists()


def test_summary_report_and_pdf(client, cooperation, coordinator_ops, animator_rops):
    services.recommendation_submit(
        actor=coordinator_ops, cooperation=cooperation, kind="methodological", text="Wspólne szkolenia dla szkół i OPS"
    )
    rejected = services.recommendation_submit(
        actor=coordinator_ops, cooperation=cooperation, kind="legislative", text="Zmiana ustawy o pomocy społecznej"
    )
    services.recommendation_decide(actor=animator_rops, recommendation=rejected, status="rejected")
    summary = selectors.recommendation_summary(voivodeship=cooperation.unit.parent.parent)
    assert summary["total"] == 2
    legislative = next(k for k in summary["kinds"] if k["kind"] == "legislative")
    assert legislative["counts"] == [0, 0, 0, 1]
    login(client, animator_rops)
    assert "Wspólne szkolenia" in client.get("/region/rekomendacje/raport/").content.decode()
    response = client.get("/region/rekomendacje/raport.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Wspólne szkolenia dla szkół i OPS" in text


def test_rops_decides_through_the_page(client, cooperation, coordinator_ops, animator_rops):
    item = services.recommendation_submit(
        actor=coordinator_ops, cooperation=cooperation, kind="organisational", text="Stały dyżur koordynatora"
    )
    login(client, animator_rops)
    assert "Stały dyżur" in client.get("/region/rekomendacje/").content.decode()
    client.post(f"/region/rekomendacje/{item.pk}/decyzja/", {"status": "accepted", "note": ""})
    item.refresh_from_db()
    assert item.status == "accepted" and item.decided_by == animator_rops


def test_recommendations_query_count_is_constant(
    client, cooperation, coordinator_ops, animator_rops, django_assert_max_num_queries
):
    services.recommendation_submit(actor=coordinator_ops, cooperation=cooperation, kind="legislative", text="A")
    login(client, animator_rops)
    with django_assert_max_num_queries(20) as few:
        client.get("/region/rekomendacje/raport/")
    for _ in range(5):
        services.recommendation_submit(actor=coordinator_ops, cooperation=cooperation, kind="organisational", text="B")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/region/rekomendacje/raport/")


def test_editors_propose_a_good_practice(client, cooperation, coordinator_ops):
    login(client, coordinator_ops)
    response = client.post(
        f"/region/kooperacja/{cooperation.pk}/dobre-praktyki/nowa/",
        {"title": "Wspólne dyżury", "step_kind": "team_plan", "description": "Dyżury OPS w szkole", "file": pdf()},
    )
    assert response.status_code == 302
    tool = Tool.objects.get()
    assert (tool.status, tool.category, tool.cooperation) == ("submitted", "good_practice", cooperation)
    assert client.get(f"/region/narzedzia/{tool.pk}/").status_code == 404  # not published yet


def test_step_tools_fragment_links_to_the_tools(published_tool, voivodeship):
    from django.template.loader import render_to_string

    html = render_to_string(
        "regional/library/_step_tools.html",
        {"tools": selectors.tools_for_step(voivodeship=voivodeship, kind="agreement")},
    )
    assert f"/region/narzedzia/{published_tool.pk}/" in html and "Wzór porozumienia G-P" in html
    assert render_to_string("regional/library/_step_tools.html", {"tools": []}).strip() == ""


# --- ROPS is told ---------------------------------------------------------------------------------------------


@pytest.fixture
def rops_people(institutions, worker_elsewhere):
    """A second animator and a director of the same ROPS, and an animator of another voivodeship's ROPS."""
    region = UnitFactory(code="02", level="wojewodztwo", kind="wojewodztwo", name="dolnośląskie", parent=None)
    return {
        "animator": _actor(institutions["rops"], Role.ROPS_ANIMATOR, first_name="Adam", last_name="Drugi"),
        "director": _actor(institutions["rops"], Role.DIRECTOR, first_name="Dorota", last_name="Dyrektorka"),
        "elsewhere": _actor(InstitutionFactory(kind="rops", unit=region), Role.ROPS_ANIMATOR, last_name="Obcy"),
    }


def _told(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user))


def test_a_support_request_tells_the_rops_animators_of_the_voivodeship(
    cooperation, coordinator_ops, animator_rops, rops_people
):
    OutboxMessage.objects.all().delete()
    item = services.support_request_create(
        actor=coordinator_ops, cooperation=cooperation, kind="supervision", description="Superwizja GGK"
    )
    for animator in (animator_rops, rops_people["animator"]):
        (notice,) = _told(animator)
        assert notice.message == "Gmina Kowalewo Pomorskie prosi ROPS o wsparcie: superwizja."
        assert notice.url == f"/region/wsparcie/{item.pk}/" and notice.kind == Notification.Kind.APPLICATION
    assert not _told(rops_people["director"]) and not _told(rops_people["elsewhere"]) and not _told(coordinator_ops)
    mails = {m.to_email: m for m in OutboxMessage.objects.all()}
    assert set(mails) == {animator_rops.email, rops_people["animator"].email}
    for mail in mails.values():  # the e-mail says only that something awaits: no gmina, no text
        assert "zgłoszenie do ROPS" in mail.subject
        assert "Kowalewo" not in mail.body + mail.subject and "Superwizja" not in mail.body


def test_a_recommendation_tells_the_rops_animators(cooperation, coordinator_ops, animator_rops, rops_people):
    services.recommendation_submit(
        actor=coordinator_ops, cooperation=cooperation, kind="legislative", text="Zmienić art. 110 ustawy"
    )
    (notice,) = _told(animator_rops)
    assert notice.message == "Gmina Kowalewo Pomorskie przesyła do ROPS rekomendację (rodzaj: legislacyjna)."
    assert notice.url == "/region/rekomendacje/?status=submitted"
    assert "art. 110" not in notice.message
    assert not _told(rops_people["elsewhere"])


def test_a_good_practice_tells_the_rops_animators(cooperation, coordinator_ops, animator_rops):
    tool = services.good_practice_submit(
        actor=coordinator_ops, cooperation=cooperation, title="Karta spotkania", step_kind="agreement", description=""
    )
    (notice,) = _told(animator_rops)
    assert notice.url == f"/region/narzedzia/{tool.pk}/"


def test_without_animators_the_rops_director_is_told(cooperation, coordinator_ops, animator_rops, rops_people):
    for animator in (animator_rops, rops_people["animator"]):
        animator.memberships.update(is_active=False)
    services.support_request_create(actor=coordinator_ops, cooperation=cooperation, kind="moderation")
    assert len(_told(rops_people["director"])) == 1 and not _told(animator_rops)


def test_the_gmina_is_told_that_rops_was_notified(client, cooperation, coordinator_ops, animator_rops):
    login(client, coordinator_ops)
    url = f"/region/kooperacja/{cooperation.pk}/wsparcie/nowe/"
    page = client.post(url, {"kind": "supervision"}, follow=True).content.decode()
    assert "Zgłoszenie przesłano do ROPS; animatorzy regionalni ROPS dostali powiadomienie." in page
    assert len(_told(animator_rops)) == 1
