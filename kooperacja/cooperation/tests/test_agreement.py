"""The agreement of cooperation (R-25): from the template to the signatures, the team it establishes, accessions,
and who may see and change it."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext
from pypdf import PdfReader

from conftest import login
from kooperacja.accounts.models import Role
from kooperacja.audit.models import AuditEvent
from kooperacja.cooperation.agreement import services
from kooperacja.cooperation.models import Agreement, AgreementParty, Step, Team, TeamMember
from kooperacja.notifications.models import Notification, OutboxMessage
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

TODAY = datetime.date.today()
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def messages_of(error: ValidationError) -> list[str]:
    return error.value.messages


@pytest.fixture
def agreement(cooperation, coordinator_ops):
    return services.agreement_create(actor=coordinator_ops, cooperation=cooperation)


@pytest.fixture
def two_parties(agreement, coordinator_ops, institutions):
    ops = services.party_add(
        actor=coordinator_ops,
        agreement=agreement,
        institution=institutions["ops"],
        signatory_name="Anna Kierownik",
        signatory_function="kierownik OPS",
    )
    school = services.party_add(
        actor=coordinator_ops,
        agreement=agreement,
        institution=institutions["school"],
        signatory_name="Jan Dyrektor",
        signatory_function="dyrektor szkoły",
    )
    return ops, school


@pytest.fixture
def signed(agreement, two_parties, coordinator_ops):
    for party in two_parties:
        services.party_sign(actor=coordinator_ops, party=party, signed_on=TODAY)
    team = services.agreement_sign(actor=coordinator_ops, agreement=agreement)
    agreement.refresh_from_db()
    return team


# --- Services ---------------------------------------------------------------------------------------


def test_the_agreement_is_prefilled_from_the_template_of_the_variant(agreement, cooperation):
    assert agreement.kind == Agreement.Kind.AGREEMENT
    assert agreement.status == Agreement.Status.DRAFT
    assert "Partnerski Zespół Kooperacji" in agreement.title and cooperation.unit.name in agreement.title
    assert "Gminnych Grup Kooperacji" in agreement.rules
    assert "raz w miesiącu" in agreement.meeting_frequency
    assert "art." not in " ".join(getattr(agreement, f) for f in Agreement.TEXT_FIELDS)  # no invented citations
    assert AuditEvent.objects.filter(object_type="cooperation.agreement", action="create").exists()


def test_a_rural_cooperation_gets_the_gpzk_agreement_and_a_gpzk_team(territory, coordinator_ops, institutions):
    from kooperacja.cooperation.services import cooperation_create

    rural = cooperation_create(actor=coordinator_ops, unit=territory["gmina"], name="G-PZK", variant="rural")
    agreement = services.agreement_create(actor=coordinator_ops, cooperation=rural)
    assert agreement.kind == Agreement.Kind.GPZK_AGREEMENT and "G-PZK" in agreement.title
    assert "Trzon zespołu" in agreement.rules
    for key in ("ops", "pcpr"):
        party = services.party_add(
            actor=coordinator_ops,
            agreement=agreement,
            institution=institutions[key],
            signatory_name="X Y",
            signatory_function="dyrektor",
        )
        services.party_sign(actor=coordinator_ops, party=party, signed_on=TODAY)
    team = services.agreement_sign(actor=coordinator_ops, agreement=agreement)
    assert team.kind == Team.Kind.GPZK


def test_a_declaration_can_be_chosen(cooperation, coordinator_ops):
    declaration = services.agreement_create(actor=coordinator_ops, cooperation=cooperation, kind="declaration")
    assert declaration.title.startswith("Deklaracja")


def test_only_one_agreement_is_prepared_at_a_time(agreement, cooperation, coordinator_ops):
    with pytest.raises(ValidationError) as error:
        services.agreement_create(actor=coordinator_ops, cooperation=cooperation)
    assert messages_of(error) == [gettext("The cooperation already has an agreement being prepared.")]


def test_status_goes_draft_negotiated_signed(agreement, two_parties, coordinator_ops):
    proposals = {"goals": "Wspólne cele", "proposed_changes": "Szkoła prosi o spotkania we wtorki."}
    services.agreement_update(actor=coordinator_ops, agreement=agreement, data=proposals)
    services.agreement_negotiate(actor=coordinator_ops, agreement=agreement)
    assert agreement.status == Agreement.Status.NEGOTIATED
    with pytest.raises(ValidationError) as error:
        services.agreement_negotiate(actor=coordinator_ops, agreement=agreement)
    assert messages_of(error) == [gettext("Only a draft can be passed to the parties for negotiation.")]
    services.agreement_update(actor=coordinator_ops, agreement=agreement, data={"rules": "Zasady po negocjacjach"})
    for party in two_parties:
        services.party_sign(actor=coordinator_ops, party=party, signed_on=TODAY)
    services.agreement_sign(actor=coordinator_ops, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED and agreement.signed_on == TODAY
    assert agreement.rules == "Zasady po negocjacjach"


def test_negotiation_needs_invited_parties(agreement, coordinator_ops):
    with pytest.raises(ValidationError) as error:
        services.agreement_negotiate(actor=coordinator_ops, agreement=agreement)
    assert messages_of(error) == [gettext("Add the institutions invited to the agreement first.")]


def test_signing_needs_two_signed_parties(agreement, two_parties, coordinator_ops):
    services.party_sign(actor=coordinator_ops, party=two_parties[0], signed_on=TODAY)
    with pytest.raises(ValidationError) as error:
        services.agreement_sign(actor=coordinator_ops, agreement=agreement)
    assert messages_of(error) == [gettext("At least two parties must sign before the agreement is concluded.")]
    assert not Team.objects.exists()


def test_signing_establishes_the_team_and_marks_the_step(signed, agreement, cooperation, institutions):
    team = signed
    assert team.kind == Team.Kind.PZK and team.agreement == agreement and team.established_on == TODAY
    members = {m.institution_id: m for m in team.members.all()}
    assert set(members) == {institutions["ops"].pk, institutions["school"].pk}
    assert all(m.membership == TeamMember.Membership.CORE for m in members.values())
    assert members[institutions["school"].pk].representative_name == "Jan Dyrektor"
    assert team.meeting_frequency == Team.Frequency.MONTHLY
    step = cooperation.steps.filter(kind="agreement").order_by("order").first()
    if step is not None:
        assert step.status == Step.Status.DONE
    assert set(agreement.parties.values_list("joined_on", flat=True)) == {TODAY}


def test_the_text_is_frozen_after_signing(signed, agreement, coordinator_ops):
    with pytest.raises(ValidationError) as error:
        services.agreement_update(actor=coordinator_ops, agreement=agreement, data={"goals": "Inne cele"})
    assert messages_of(error) == [gettext("The agreement has been signed: its text can no longer be changed.")]
    with pytest.raises(ValidationError) as error:
        services.agreement_sign(actor=coordinator_ops, agreement=agreement)
    assert messages_of(error) == [gettext("The agreement has already been signed.")]
    agreement.refresh_from_db()
    assert agreement.goals != "Inne cele"


def test_a_signature_needs_the_signatory_and_a_past_date(agreement, coordinator_ops, institutions):
    party = services.party_add(actor=coordinator_ops, agreement=agreement, institution=institutions["pcpr"])
    with pytest.raises(ValidationError) as error:
        services.party_sign(actor=coordinator_ops, party=party, signed_on=TODAY)
    assert messages_of(error) == [gettext("Give the name and function of the person who signed for the institution.")]
    with pytest.raises(ValidationError):
        services.party_sign(
            actor=coordinator_ops,
            party=party,
            signed_on=TODAY + datetime.timedelta(days=1),
            signatory_name="Ewa Nowak",
            signatory_function="dyrektor",
        )
    party.refresh_from_db()
    assert party.status == AgreementParty.Status.INVITED


def test_an_institution_from_elsewhere_cannot_be_a_party(agreement, coordinator_ops, institutions):
    with pytest.raises(ValidationError) as error:
        services.party_add(actor=coordinator_ops, agreement=agreement, institution=institutions["ops_other"])
    assert error.value.message_dict["institution"] == [
        gettext("The institution does not act in the cooperation's gminas.")
    ]


def test_a_declining_institution_is_recorded_with_its_reason(agreement, coordinator_ops, institutions):
    party = services.party_add(actor=coordinator_ops, agreement=agreement, institution=institutions["pcpr"])
    with pytest.raises(ValidationError):
        services.party_decline(actor=coordinator_ops, party=party, reason="  ")
    services.party_decline(actor=coordinator_ops, party=party, reason="Współpraca wynika z ustawy.")
    party.refresh_from_db()
    assert party.status == AgreementParty.Status.DECLINED and party.declined_reason == "Współpraca wynika z ustawy."
    with pytest.raises(ValidationError):
        services.party_remove(actor=coordinator_ops, party=party)


def test_an_accession_adds_a_supplementary_member_and_notifies_the_others(
    signed, agreement, coordinator_ops, institutions, cooperation, django_capture_on_commit_callbacks
):
    director_school = UserFactory(first_name="Jan", last_name="Dyrektor")
    MembershipFactory(user=director_school, institution=institutions["school"], role=Role.DIRECTOR)
    worker_school = UserFactory()
    MembershipFactory(user=worker_school, institution=institutions["school"], role=Role.CASE_WORKER)
    director_pcpr = UserFactory()
    MembershipFactory(user=director_pcpr, institution=institutions["pcpr"], role=Role.DIRECTOR)
    animator = UserFactory()
    from kooperacja.cooperation.services import cooperation_role_add

    cooperation_role_add(actor=coordinator_ops, cooperation=cooperation, user=animator, role="ops_animator")
    OutboxMessage.objects.all().delete()

    party = services.party_add(
        actor=coordinator_ops,
        agreement=agreement,
        institution=institutions["pcpr"],
        signatory_name="Paweł Powiatowy",
        signatory_function="dyrektor PCPR",
    )
    assert party.accession
    services.party_sign(actor=coordinator_ops, party=party, signed_on=TODAY)
    party.refresh_from_db()
    assert party.accession and party.joined_on == TODAY

    member = signed.members.get(institution=institutions["pcpr"])
    assert member.membership == TeamMember.Membership.SUPPLEMENTARY and member.representative_name == "Paweł Powiatowy"
    notified = set(Notification.objects.filter(kind=Notification.Kind.AGREEMENT).values_list("user_id", flat=True))
    assert notified == {director_school.pk, animator.pk}  # not the actor, not a worker, not the acceding institution
    message = Notification.objects.filter(user=animator).get().message
    assert "PCPR testowe" in message
    bodies = " ".join(OutboxMessage.objects.values_list("body", flat=True))
    subjects = " ".join(OutboxMessage.objects.values_list("subject", flat=True))
    assert OutboxMessage.objects.count() == 2
    for detail in ("PCPR testowe", "Paweł Powiatowy", "Szkoła testowa", agreement.title):
        assert detail not in bodies and detail not in subjects


# --- Scans ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("podpis.pdf", PDF, True),
        ("podpis.PNG", PNG, True),
        ("podpis.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, True),
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 40, False),  # an .exe renamed to .pdf
        ("podpis.png", PDF, False),  # the extension must match the content
        ("podpis.docx", b"PK\x03\x04", False),
        ("duzy.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), False),
    ],
)
def test_scans_are_checked(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    if ok:
        services.scan_validate(upload)
    else:
        with pytest.raises(ValidationError):
            services.scan_validate(upload)


# --- Pages ------------------------------------------------------------------------------------------


def url(cooperation, rest: str = "") -> str:
    return f"/kooperacja/{cooperation.pk}/porozumienie/{rest}"


def test_access_to_the_agreement(
    client, cooperation, agreement, two_parties, worker_other_gmina, teacher_school, director_school
):
    for stranger in (worker_other_gmina, teacher_school):  # a party's worker is not its signatory
        login(client, stranger)
        assert client.get(url(cooperation)).status_code == 404
        assert client.get(url(cooperation, "pdf/")).status_code == 404
        client.logout()
    login(client, director_school)  # the director of an invited party reads the draft it is asked to sign
    response = client.get(url(cooperation))
    assert response.status_code == 200 and agreement.title in response.content.decode()
    assert "porozumienie/tresc/" not in response.content.decode()
    assert client.post(url(cooperation, "tresc/"), {"title": "X"}).status_code == 403
    assert client.post(url(cooperation, "negocjacje/")).status_code == 403
    assert client.post(url(cooperation, "strony/nowa/"), {}).status_code == 403


def test_the_coordinator_runs_the_agreement_through_the_pages(client, cooperation, coordinator_ops, institutions):
    login(client, coordinator_ops)
    assert client.get(url(cooperation)).status_code == 200
    response = client.post(url(cooperation, "nowe/"), {"kind": "agreement"})
    assert response.status_code == 302
    agreement = Agreement.objects.get(cooperation=cooperation)
    data = {f: getattr(agreement, f) for f in Agreement.TEXT_FIELDS} | {
        "goals": "Cele uzgodnione",
        "proposed_changes": "",
    }
    assert client.post(url(cooperation, "tresc/"), data).status_code == 302
    for key, name in (("ops", "Anna Kierownik"), ("school", "Jan Dyrektor")):
        response = client.post(
            url(cooperation, "strony/nowa/"),
            {"institution": institutions[key].pk, "signatory_name": name, "signatory_function": "dyrektor"},
        )
        assert response.status_code == 302
    ops, school = agreement.parties.order_by("pk")
    response = client.post(
        url(cooperation, f"strony/{ops.pk}/podpis/"),
        {
            "signatory_name": "Anna Kierownik",
            "signatory_function": "kierownik",
            "signed_on": TODAY.isoformat(),
            "scan": SimpleUploadedFile("strona.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    response = client.post(
        url(cooperation, f"strony/{school.pk}/podpis/"),
        {
            "signatory_name": "Jan Dyrektor",
            "signatory_function": "dyrektor",
            "signed_on": TODAY.isoformat(),
            "scan": SimpleUploadedFile("strona.pdf", b"MZ\x90\x00" + b"\x00" * 60),
        },
    )
    assert response.status_code == 400
    assert gettext("The file is not a PDF, JPEG or PNG document, whatever its name says.") in response.content.decode()
    school.refresh_from_db()
    assert school.status == AgreementParty.Status.INVITED
    signature = {"signatory_name": "Jan Dyrektor", "signatory_function": "dyrektor", "signed_on": TODAY.isoformat()}
    response = client.post(url(cooperation, f"strony/{school.pk}/podpis/"), signature)
    assert response.status_code == 302
    assert client.post(url(cooperation, "podpisanie/")).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED and agreement.goals == "Cele uzgodnione"
    assert client.get(url(cooperation, "tresc/")).status_code == 302  # frozen: back to the overview

    ops.refresh_from_db()
    response = client.get(url(cooperation, f"strony/{ops.pk}/skan/"))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    team_page = client.get(f"/kooperacja/{cooperation.pk}/zespol/").content.decode()
    assert "Szkoła testowa" in team_page and "Jan Dyrektor" in team_page


def test_the_scan_is_served_only_to_those_who_read_the_cooperation(
    client, cooperation, signed, agreement, coordinator_ops, worker_other_gmina, institutions
):
    party = agreement.parties.first()
    party.scan.save("strona.pdf", io.BytesIO(PDF))
    login(client, worker_other_gmina)
    assert client.get(url(cooperation, f"strony/{party.pk}/skan/")).status_code == 404


def test_the_pdf_lists_the_parties(client, cooperation, signed, agreement, coordinator_ops, institutions):
    services.party_add(
        actor=coordinator_ops,
        agreement=agreement,
        institution=institutions["pcpr"],
        signatory_name="Paweł Powiatowy",
        signatory_function="dyrektor",
    )
    login(client, coordinator_ops)
    response = client.get(url(cooperation, "pdf/"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("OPS testowy", "Szkoła testowa", "PCPR testowe", "Anna Kierownik", "Paweł Powiatowy"):
        assert expected in text


def test_the_overview_query_count_does_not_grow_with_parties(
    client, cooperation, agreement, coordinator_ops, territory, django_assert_max_num_queries
):
    login(client, coordinator_ops)
    for _ in range(2):
        services.party_add(
            actor=coordinator_ops, agreement=agreement, institution=InstitutionFactory(unit=territory["gmina"])
        )
    with django_assert_max_num_queries(30) as few:
        client.get(url(cooperation))
    for _ in range(8):
        services.party_add(
            actor=coordinator_ops,
            agreement=agreement,
            institution=InstitutionFactory(unit=territory["gmina"]),
            signatory_name="A B",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(cooperation))
