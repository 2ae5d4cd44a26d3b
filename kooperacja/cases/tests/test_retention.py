"""Names at rest and retention (R-51): a family's surname and PESEL never reach the database file in plain text,
and `apply_retention` erases a closed case from everything the platform wrote — every column of every table and
every file of the media folder — with 0 years meaning every closed case, one closed today included."""

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from conftest import login
from kooperacja.cases.diagnosis.services import diagnosis_area_save
from kooperacja.cases.evaluation import services as evaluation
from kooperacja.cases.group import services as group
from kooperacja.cases.intake import services as intake
from kooperacja.cases.intake.retention import case_anonymise
from kooperacja.cases.messages.services import message_post
from kooperacja.cases.models import Case, Person, Referral
from kooperacja.cases.plan import services as plan_services
from kooperacja.cases.reports import services as reports
from kooperacja.cases.tools.content import CHECKLIST_CODES
from kooperacja.cases.tools.services import preparation_save
from kooperacja.meetings import services as meetings

pytestmark = pytest.mark.django_db

MARKER = "Markerowsk"  # Markerowski, Markerowska, Markerowskich …
PESEL = "15263012343"


def raw_database_hits(*needles: str) -> list[tuple[str, str]]:
    """(table, column) of every value of the raw database holding one of ``needles``: all tables, all columns."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    text = bytes(value).decode(errors="ignore") if isinstance(value, bytes | memoryview) else str(value)
                    if any(n.casefold() in text.casefold() for n in needles):
                        hits.append((table, column))
    return hits


def media_hits(root: Path, needle: str) -> list[str]:
    """Files under ``root`` whose name or content holds ``needle``."""
    return [
        str(path)
        for path in root.rglob("*")
        if needle.casefold() in path.name.casefold() or (path.is_file() and needle.encode() in path.read_bytes())
    ]


def at(days: int, hour: int = 10) -> datetime.datetime:
    day = group.next_working_day(timezone.localdate() + datetime.timedelta(days=days))
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def seed_family(case, *, coordinator, member, admin, institutions, cooperation, plain_meeting_text: bool):
    """The marker surname and PESEL in every field of a case that can name or describe its family, written
    through the services. ``plain_meeting_text`` also puts it where a case meeting keeps plain text (its place,
    the reason it was cancelled), which retention must reach too."""
    main = case.people.get()
    intake.person_save(
        actor=coordinator,
        case=case,
        person=main,
        data={
            "first_name": "Jan",
            "last_name": "Markerowski",
            "pesel": PESEL,
            "address": "ul. Markerowskich 1",
            "notes": "Jan Markerowski pracuje dorywczo",
        },
    )
    intake.person_save(
        actor=coordinator,
        case=case,
        data={"first_name": "Markerowska", "last_name": "Markerowska", "relation": "child", "age": 9},
    )
    intake.consent_record(
        actor=coordinator,
        case=case,
        given_on=datetime.date.today(),
        given_by="Jan Markerowski (ojciec)",
        institutions=[institutions["ops"]],
    )
    intake.consent_override_record(
        actor=coordinator,
        case=case,
        institution=institutions["pcpr"],
        legal_basis="art. 12 — dzieci Markerowskich",
        reason="Dziecko Markerowskich zagrożone",
    )
    intake.case_qualify(
        actor=coordinator,
        case=case,
        qualified=True,
        decided_on=datetime.date.today(),
        note="Rodzina Markerowskich w kryzysie",
    )
    intake.case_interview_set(
        actor=coordinator, case=case, interview_date=datetime.date.today(), interview_reference="WP.8230.17.2026"
    )
    referral = intake.referral_send(
        actor=member,
        cooperation=cooperation,
        from_institution=institutions["school"],
        kind="family",
        person_name="Rodzina Markerowskich",
        reason="Nieobecności Markerowskiej",
    )
    Referral.objects.filter(pk=referral.pk).update(case=case, status=Referral.Status.ACCEPTED)
    intake.break_glass_open(actor=admin, case=case, reason="Pilna sprawa rodziny Markerowskich")
    group.group_close_person_add(actor=coordinator, case=case, name="Babcia Markerowska")
    diagnosis_area_save(
        actor=coordinator,
        case=case,
        area="work",
        needs="Jan Markerowski szuka pracy",
        difficulties="Markerowska choruje",
        resources="Babcia Markerowska",
        help_so_far="Zasiłek dla Markerowskich",
    )
    preparation_save(
        actor=member,
        case=case,
        institution=institutions["school"],
        answers={CHECKLIST_CODES[0]: {"done": True, "note": "Markerowska w klasie 3"}},
    )

    plan = plan_services.work_plan_create(
        actor=coordinator,
        case=case,
        main_goal="Markerowscy utrzymują mieszkanie",
        goals=["Jan Markerowski spłaca czynsz"],
    )
    plan_services.task_add(
        actor=coordinator,
        plan=plan,
        description="Markerowska chodzi na terapię",
        for_family=True,
        schedule="u Markerowskich co piątek",
    )
    plan_services.acknowledgement_record(actor=coordinator, plan=plan, for_family=True, name="Jan Markerowski")

    message_post(
        actor=coordinator,
        case=case,
        body="Pani Markerowska prosi o kontakt",
        attachments=[SimpleUploadedFile("Markerowski-skan.pdf", b"%PDF-1.4 Markerowski")],
    )

    place = "Mieszkanie Markerowskich" if plain_meeting_text else "OPS, pokój 12"
    meeting = group.case_meeting_plan(
        actor=coordinator, case=case, starts_at=at(10), place=place, agenda="1. Sytuacja Jana Markerowskiego"
    )
    meetings.minutes_save(
        actor=coordinator,
        meeting=meeting,
        text="Markerowska zgodziła się na terapię",
        decisions=["Markerowscy dostaną zasiłek"],
    )
    group.family_participation_record(
        actor=coordinator, meeting=meeting, attended=True, note="Przyszła pani Markerowska"
    )
    group.extra_meeting_call(actor=member, case=case, reason="Markerowski stracił pracę", starts_at=at(12), place=place)
    if plain_meeting_text:
        other = group.case_meeting_plan(actor=coordinator, case=case, starts_at=at(14), place=place)
        meetings.meeting_cancel(actor=coordinator, meeting=other, reason="Markerowski w szpitalu")

    reports.monthly_report_submit(
        actor=member,
        case=case,
        month=timezone.localdate(),
        progress="Markerowska chodzi do szkoły",
        new_information="Markerowski pije",
        difficulties="Markerowscy nie otwierają",
    )
    month = timezone.localdate().replace(day=1)
    information = reports.monitoring_information_create(
        actor=coordinator, case=case, period_start=month, period_end=timezone.localdate()
    )
    reports.monitoring_information_update(
        actor=coordinator,
        information=information,
        notes="Markerowscy współpracują",
        conclusions="Wsparcie Markerowskich",
    )
    first_goal = plan.goals.get()
    evaluation.evaluation_create(
        actor=coordinator,
        case=case,
        held_on=datetime.date.today(),
        goal_degrees={first_goal.pk: "partly"},
        area_ratings={"work": (1, 3)},
        workers_comment="Markerowski się stara",
        family_comment="Markerowscy są zadowoleni",
    )
    return plan


def close(case, *, coordinator, member) -> None:
    proposal = evaluation.closure_propose(actor=coordinator, case=case, reason="other", note="Markerowscy wyjechali")
    evaluation.closure_agree(actor=member, proposal=proposal)
    evaluation.closure_confirm(actor=coordinator, proposal=proposal)


def test_a_raw_copy_of_the_database_holds_no_family_surname_or_pesel(
    case, coordinator_ops, teacher_school, admin_user, institutions, cooperation
):
    seed_family(
        case,
        coordinator=coordinator_ops,
        member=teacher_school,
        admin=admin_user,
        institutions=institutions,
        cooperation=cooperation,
        plain_meeting_text=False,
    )
    people = {(p.first_name, p.last_name) for p in Person.objects.filter(case=case)}
    assert ("Jan", "Markerowski") in people  # read back in the clear …
    assert raw_database_hits(MARKER, PESEL) == []  # … stored unreadable


def test_the_people_of_a_case_are_listed_by_relation_and_surname(client, case, coordinator_ops):
    for first, last in [("Zenon", "Żak"), ("Adam", "Abacki"), ("Ewa", "abacka")]:
        intake.person_save(
            actor=coordinator_ops, case=case, data={"first_name": first, "last_name": last, "relation": "child"}
        )
    login(client, coordinator_ops)
    page = client.get(f"/sprawy/{case.pk}/").content.decode()
    assert page.index("abacka") < page.index("Abacki") < page.index("Żak")


def test_retention_erases_a_closed_family_from_the_database_and_the_media_folder(
    client, case, coordinator_ops, teacher_school, admin_user, institutions, cooperation, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.CASE_RETENTION_YEARS = 10
    plan = seed_family(
        case,
        coordinator=coordinator_ops,
        member=teacher_school,
        admin=admin_user,
        institutions=institutions,
        cooperation=cooperation,
        plain_meeting_text=True,
    )
    close(case, coordinator=coordinator_ops, member=teacher_school)
    assert media_hits(tmp_path, MARKER)  # the attachment is there before …
    assert raw_database_hits(MARKER)  # … and so is the plain text of the meetings

    out = io.StringIO()
    call_command("apply_retention", "--years", "0", stdout=out)

    assert "[1/1]" in out.getvalue()
    assert raw_database_hits(MARKER, PESEL) == []
    assert media_hits(tmp_path, MARKER) == []
    case.refresh_from_db()
    assert case.anonymised_on == datetime.date.today() and case.status == Case.Status.CLOSED
    assert sorted(Person.objects.filter(case=case).values_list("relation", flat=True)) == ["child", "main"]
    # What the pages print from the case — the plan with the acknowledgement, its annex 6, the subject export.
    login(client, coordinator_ops)
    person = Person.objects.filter(case=case, relation="main").get()
    assert MARKER not in client.get(f"/sprawy/{case.pk}/plan/").content.decode()
    assert MARKER not in client.get(f"/sprawy/{case.pk}/osoby/{person.pk}/dane.json").content.decode()
    pdf = client.get(f"/sprawy/{case.pk}/plan/wersje/{plan.version}/pdf/rodzina/")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert case.reference in text and MARKER not in text  # the annex is there, without the name

    call_command("apply_retention", "--years", "0", stdout=io.StringIO())  # a rerun changes nothing
    assert raw_database_hits(MARKER, PESEL) == []


def test_zero_years_erases_a_case_closed_today_and_a_negative_period_is_refused(case, coordinator_ops, settings):
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_on=datetime.date.today())
    with pytest.raises(CommandError, match="0"):
        call_command("apply_retention", "--years", "-1", stdout=io.StringIO())
    assert Person.objects.get(case=case).last_name == "Kowalska"
    call_command("apply_retention", "--years", "1", stdout=io.StringIO())
    assert Person.objects.get(case=case).last_name == "Kowalska"  # closed today: not a year ago
    settings.CASE_RETENTION_YEARS = 0
    call_command("apply_retention", stdout=io.StringIO())
    assert Person.objects.get(case=case).last_name == ""


def test_a_negative_retention_setting_stops_the_start():
    def load(value: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "CASE_RETENTION_YEARS": value}
        return subprocess.run(  # noqa: S603 — our own interpreter and settings module
            [sys.executable, "-c", "import config.settings.test as s; print(s.CASE_RETENTION_YEARS)"],
            env=env,
            capture_output=True,
            text=True,
            cwd=django_settings.BASE_DIR,
            check=False,
        )

    refused = load("-1")
    assert refused.returncode != 0 and "ImproperlyConfigured" in refused.stderr
    assert "CASE_RETENTION_YEARS" in refused.stderr
    assert load("0").stdout.strip() == "0"


def test_erasing_a_case_twice_is_harmless_and_an_open_case_is_never_erased(case):
    assert case_anonymise(case_id=case.pk) is False  # still open
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_on=datetime.date.today())
    assert case_anonymise(case_id=case.pk) is True
    assert case_anonymise(case_id=case.pk) is False
