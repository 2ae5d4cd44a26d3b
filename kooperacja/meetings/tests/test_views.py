"""The pages through HTTP: who opens what, forms with errors, PDFs, .ics, constant query counts."""

import datetime
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from pypdf import PdfReader

from conftest import login
from kooperacja.meetings import services
from kooperacja.meetings.models import ActionItem, Invitation, Meeting
from kooperacja.meetings.tests.conftest import WARSAW, at


@pytest.fixture
def polish():
    with translation.override("pl"):
        yield


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


# --- Access ----------------------------------------------------------------------------------------


def test_tab_lists_meetings_and_offers_planning_to_editors(client, cooperation, coordinator_ops, meeting):
    login(client, coordinator_ops)
    response = client.get(f"/spotkania/kooperacja/{cooperation.pk}/")
    assert response.status_code == 200
    assert meeting.title in response.text and f"/spotkania/kooperacja/{cooperation.pk}/nowe/" in response.text


def test_reader_sees_the_meeting_but_cannot_plan_or_change(client, cooperation, animator_pcpr, meeting):
    login(client, animator_pcpr)  # the county's animator reads an urban-rural cooperation, does not run it
    response = client.get(f"/spotkania/kooperacja/{cooperation.pk}/")
    assert response.status_code == 200 and "/nowe/" not in response.text
    assert client.get(f"/spotkania/{meeting.pk}/").status_code == 200
    assert client.get(f"/spotkania/kooperacja/{cooperation.pk}/nowe/").status_code == 403
    assert client.get(f"/spotkania/{meeting.pk}/zmien/").status_code == 403
    assert client.post(f"/spotkania/{meeting.pk}/wyslij/").status_code == 403
    assert client.get(f"/spotkania/{meeting.pk}/zaproszenia.pdf").status_code == 403


def test_a_stranger_gets_404(client, cooperation, worker_other_gmina, meeting):
    login(client, worker_other_gmina)
    assert client.get(f"/spotkania/kooperacja/{cooperation.pk}/").status_code == 404
    for url in ("", "protokol/", "spotkanie.ics", "obecnosc/"):
        assert client.get(f"/spotkania/{meeting.pk}/{url}").status_code == 404


def test_an_invitee_from_elsewhere_sees_their_own_meeting(client, meeting, coordinator_ops, worker_other_gmina):
    invitation = services.invitation_add(actor=coordinator_ops, meeting=meeting, user=worker_other_gmina)
    login(client, worker_other_gmina)
    assert client.get(f"/spotkania/{meeting.pk}/").status_code == 200
    assert client.get(f"/spotkania/{meeting.pk}/zaproszeni/{invitation.pk}/odpowiedz/").status_code == 200
    assert meeting.title in client.get("/spotkania/").text


def test_anonymous_is_sent_to_login(client, meeting):
    response = client.get(f"/spotkania/{meeting.pk}/")
    assert response.status_code == 302 and "/konto/logowanie/" in response["Location"]


# --- Planning --------------------------------------------------------------------------------------


def test_new_meeting_form_prefills_the_agenda_template(client, cooperation, coordinator_ops, polish):
    login(client, coordinator_ops)
    response = client.get(f"/spotkania/kooperacja/{cooperation.pk}/nowe/?rodzaj=authorities")
    assert response.status_code == 200 and "Koncentracja na potrzebie" in response.text
    # The analysis gate is shown before saving.
    assert (
        _(
            "The gmina has no current analysis yet. Prepare the municipality analysis before the meeting with the "
            "authorities, or give the reason for meeting without it."
        )
        in response.text
    )


def test_planning_with_warnings_saves_and_shows_them(client, cooperation, coordinator_ops, polish):
    login(client, coordinator_ops)
    response = client.post(
        f"/spotkania/kooperacja/{cooperation.pk}/nowe/",
        {
            "kind": "institutions",
            "title": "Spotkanie z instytucjami",
            "date": "2026-05-04",
            "time": "08:00",
            "duration_minutes": "180",
            "place": "Urząd",
            "agenda": "",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/spotkania/{meeting.pk}/"
    assert meeting.starts_at == datetime.datetime(2026, 5, 4, 8, tzinfo=WARSAW)
    page = client.get(response["Location"]).text
    assert page.count("alert-warning") >= 3
    assert _("A meeting with the institutions should not last longer than two hours.") in page


def test_authorities_meeting_without_analysis_shows_the_polish_reason_field(
    client, cooperation, coordinator_ops, polish
):
    login(client, coordinator_ops)
    data = {
        "kind": "authorities",
        "title": "Spotkanie z burmistrzem",
        "date": "2026-05-05",
        "time": "11:00",
        "duration_minutes": "60",
        "place": "Urząd",
        "agenda": "",
    }
    response = client.post(f"/spotkania/kooperacja/{cooperation.pk}/nowe/", data)
    assert response.status_code == 400 and not Meeting.objects.exists()
    assert _("To go on anyway, give the reason for setting these rules aside; it is recorded with your name.") in (
        response.content.decode()
    )
    assert 'value="Spotkanie z burmistrzem"' in response.text  # nothing lost
    response = client.post(f"/spotkania/kooperacja/{cooperation.pk}/nowe/", data | {"override_reason": "Termin."})
    assert response.status_code == 302 and Meeting.objects.get().overrides.get().reason == "Termin."


# --- Invitations, answers, attendance --------------------------------------------------------------


def test_invite_send_and_answer_through_pages(client, meeting, coordinator_ops, teacher_school, institutions):
    login(client, coordinator_ops)
    response = client.post(
        f"/spotkania/{meeting.pk}/zaproszeni/dodaj/",
        {"institution": institutions["school"].pk, "user": teacher_school.pk},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.person_name == teacher_school.get_full_name()
    response = client.post(f"/spotkania/{meeting.pk}/zaproszeni/dodaj/", {"function": "dyrektor"})
    assert response.status_code == 400
    assert _("Give the name of the person invited, or choose their account.") in response.text
    assert client.post(f"/spotkania/{meeting.pk}/wyslij/").status_code == 302
    client.logout()
    login(client, teacher_school)
    url = f"/spotkania/{meeting.pk}/zaproszeni/{invitation.pk}/odpowiedz/"
    response = client.post(url, {"answer": "deputy", "deputy_name": ""})
    assert response.status_code == 400
    assert _("Give the name of the person who will come instead.") in response.text
    assert client.post(url, {"answer": "accepts"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == "accepts" and invitation.answered_by == teacher_school


def test_an_invitee_cannot_open_anothers_answer_form(client, meeting, coordinator_ops, teacher_school, invited_teacher):
    other = services.invitation_add(actor=coordinator_ops, meeting=meeting, person_name="Jan Nowak")
    login(client, teacher_school)
    assert client.get(f"/spotkania/{meeting.pk}/zaproszeni/{other.pk}/odpowiedz/").status_code == 404


def test_attendance_page(client, coordinator_ops, cooperation, institutions):
    past = services.meeting_create(
        actor=coordinator_ops,
        cooperation=cooperation,
        kind="team",
        title="Zespół",
        starts_at=at(2026, 3, 10, 11),
        duration_minutes=60,
        place="OPS",
    )
    invitation = services.invitation_add(
        actor=coordinator_ops, meeting=past, person_name="Jan Nowak", institution=institutions["school"]
    )
    login(client, coordinator_ops)
    assert client.get(f"/spotkania/{past.pk}/obecnosc/").status_code == 200
    response = client.post(f"/spotkania/{past.pk}/obecnosc/", {f"attended-{invitation.pk}": "yes"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    past.refresh_from_db()
    assert invitation.attended is True and past.status == Meeting.Status.HELD
    assert "Jan Nowak" in pdf_text(client.get(f"/spotkania/{past.pk}/lista-obecnosci.pdf"))


# --- Minutes and tasks -----------------------------------------------------------------------------


def test_minutes_editor_keeps_everything_on_error_and_saves(
    client, meeting, coordinator_ops, teacher_school, invited_teacher
):
    login(client, coordinator_ops)
    url = f"/spotkania/{meeting.pk}/protokol/edycja/"
    assert client.get(url).status_code == 200
    data = {
        "text": "Treść protokołu",
        "decisions": "Powołać zespół\nSpotkać się w czerwcu",
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-description": "Przygotować porozumienie",
        "items-0-owner": str(teacher_school.pk),
        "items-0-deadline": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Przygotować porozumienie" in response.text and "Spotkać się w czerwcu" in response.text
    assert _("Give the deadline.") in response.text
    response = client.post(url, data | {"items-0-deadline": "2026-05-20"})
    assert response.status_code == 302 and response["Location"] == f"/spotkania/{meeting.pk}/protokol/"
    page = client.get(response["Location"]).text
    assert "Treść protokołu" in page and "Powołać zespół" in page
    text = pdf_text(client.get(f"/spotkania/{meeting.pk}/protokol.pdf"))
    assert meeting.title in text and "Przygotować porozumienie" in text


def test_my_tasks_lists_and_marks_done(client, meeting, coordinator_ops, teacher_school):
    task = {"description": "Zadanie pedagoga", "owner": teacher_school, "deadline": datetime.date(2026, 5, 20)}
    services.minutes_save(actor=coordinator_ops, meeting=meeting, text="P.", action_items=[task])
    item = ActionItem.objects.get()
    login(client, teacher_school)
    assert "Zadanie pedagoga" in client.get("/spotkania/zadania/").text
    assert client.post(f"/spotkania/zadania/{item.pk}/wykonane/").status_code == 302
    item.refresh_from_db()
    assert item.done_at is not None


def test_a_stranger_cannot_mark_a_task_done(client, meeting, coordinator_ops, teacher_school, worker_other_gmina):
    services.minutes_save(
        actor=coordinator_ops,
        meeting=meeting,
        text="P.",
        action_items=[{"description": "Zadanie", "owner": teacher_school, "deadline": datetime.date(2026, 5, 20)}],
    )
    login(client, worker_other_gmina)
    assert client.post(f"/spotkania/zadania/{ActionItem.objects.get().pk}/wykonane/").status_code == 404


def test_next_meeting_offers_to_approve_the_previous_minutes(client, meeting, coordinator_ops, cooperation):
    minutes = services.minutes_save(actor=coordinator_ops, meeting=meeting, text="Protokół pierwszy.")
    later = services.meeting_create(
        actor=coordinator_ops,
        cooperation=cooperation,
        kind="team",
        title="Drugie",
        starts_at=at(2026, 6, 2, 11),
        duration_minutes=60,
        place="OPS",
    )
    login(client, coordinator_ops)
    page = client.get(f"/spotkania/{later.pk}/").text
    assert f'name="minutes" value="{minutes.pk}"' in page
    assert client.post(f"/spotkania/{later.pk}/zatwierdz-protokol/", {"minutes": "999999"}).status_code == 404
    assert client.post(f"/spotkania/{later.pk}/zatwierdz-protokol/", {"minutes": minutes.pk}).status_code == 302
    minutes.refresh_from_db()
    assert minutes.approved_at_meeting == later and minutes.approved_by == coordinator_ops


# --- Documents -------------------------------------------------------------------------------------


def test_invitation_letters_pdf(client, meeting, coordinator_ops, invited_teacher):
    other = services.invitation_add(actor=coordinator_ops, meeting=meeting, person_name="Jan Nowak")
    login(client, coordinator_ops)
    text = pdf_text(client.get(f"/spotkania/{meeting.pk}/zaproszenia.pdf"))
    assert meeting.title in text and "Jan Nowak" in text and invited_teacher.person_name in text
    one = pdf_text(client.get(f"/spotkania/{meeting.pk}/zaproszeni/{other.pk}/zaproszenie.pdf"))
    assert "Jan Nowak" in one and invited_teacher.person_name not in one


def test_ics_parses_back(client, meeting, coordinator_ops):
    login(client, coordinator_ops)
    response = client.get(f"/spotkania/{meeting.pk}/spotkanie.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == meeting.title
    assert str(event["uid"]) == f"meeting-{meeting.pk}@127.0.0.1"
    start = event.decoded("dtstart")
    assert start == at(2026, 5, 5, 11) and str(start.tzinfo) == "Europe/Warsaw"
    assert event.decoded("dtend") == at(2026, 5, 5, 12, 30)
    assert calendar.walk("VTIMEZONE")
    again = Calendar.from_ical(client.get(f"/spotkania/{meeting.pk}/spotkanie.ics").content)
    assert str(again.walk("VEVENT")[0]["uid"]) == str(event["uid"])  # stable


# --- Query counts ----------------------------------------------------------------------------------


def _grow(meeting, coordinator_ops, n):
    for i in range(n):
        services.invitation_add(actor=coordinator_ops, meeting=meeting, person_name=f"Osoba {i}")


@pytest.mark.parametrize("rows", [1, 8])
def test_meeting_page_query_count_does_not_grow(
    client, meeting, coordinator_ops, cooperation, rows, django_assert_max_num_queries
):
    _grow(meeting, coordinator_ops, rows)
    for i in range(rows):
        services.meeting_create(
            actor=coordinator_ops,
            cooperation=cooperation,
            kind="team",
            title=f"Z{i}",
            starts_at=at(2026, 6, 1 + i, 11),
            duration_minutes=60,
            place="OPS",
        )
    login(client, coordinator_ops)
    with django_assert_max_num_queries(22):
        assert client.get(f"/spotkania/{meeting.pk}/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(f"/spotkania/kooperacja/{cooperation.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/spotkania/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/spotkania/zadania/").status_code == 200
