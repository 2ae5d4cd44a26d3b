"""The consent of the authorities (R-23): the decision recorded with its date and document, the step it marks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import login
from kooperacja.cooperation.application import services
from kooperacja.cooperation.models import AuthorityConsent
from kooperacja.cooperation.services import cooperation_create

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def decision(unit, **extra):
    return {
        "authority": "burmistrz",
        "unit": unit,
        "person_name": "Jan Burmistrz",
        "decision": "accepted",
        "decided_on": datetime.date(2026, 3, 10),
        "reference": "zarządzenie nr 12/2026",
        **extra,
    }


def test_an_acceptance_marks_the_consent_step_in_the_rural_variant(territory, coordinator_ops):
    rural = cooperation_create(actor=coordinator_ops, unit=territory["gmina"], name="G-PZK", variant="rural")
    document = SimpleUploadedFile("zarzadzenie.pdf", PDF, content_type="application/pdf")
    consent = services.consent_record(
        actor=coordinator_ops, cooperation=rural, data=decision(territory["gmina"], document=document)
    )
    assert consent.document.name.startswith("consents/") and consent.recorded_by == coordinator_ops
    assert rural.steps.get(kind="consent").status == "done"


def test_a_refusal_marks_nothing_and_the_urban_rural_template_has_no_consent_step(
    territory, cooperation, coordinator_ops
):
    rural = cooperation_create(actor=coordinator_ops, unit=territory["gmina"], name="G-PZK", variant="rural")
    services.consent_record(
        actor=coordinator_ops, cooperation=rural, data=decision(territory["gmina"], decision="refused")
    )
    assert rural.steps.get(kind="consent").status == "todo"
    before = list(cooperation.steps.values_list("status", flat=True))
    services.consent_record(actor=coordinator_ops, cooperation=cooperation, data=decision(territory["gmina"]))
    assert list(cooperation.steps.values_list("status", flat=True)) == before
    assert cooperation.consents.count() == 1


def test_the_starosta_decides_for_the_county_the_burmistrz_for_the_gmina(territory, cooperation, coordinator_ops):
    services.consent_record(
        actor=coordinator_ops, cooperation=cooperation, data=decision(territory["county"], authority="starosta")
    )
    with pytest.raises(ValidationError) as error:
        services.consent_record(actor=coordinator_ops, cooperation=cooperation, data=decision(territory["county"]))
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.consent_record(actor=coordinator_ops, cooperation=cooperation, data=decision(territory["other_gmina"]))
    with pytest.raises(ValidationError) as error:
        services.consent_record(
            actor=coordinator_ops,
            cooperation=cooperation,
            data=decision(territory["gmina"], decided_on=datetime.date.today() + datetime.timedelta(days=3)),
        )
    assert "decided_on" in error.value.message_dict
    assert AuthorityConsent.objects.count() == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("decyzja.pdf", b"MZ\x90\x00\x03\x00\x00\x00 a program renamed"),  # a .exe renamed .pdf
        ("decyzja.exe", b"MZ\x90\x00"),
        ("decyzja.png", PDF),
        ("decyzja.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)),
    ],
)
def test_only_real_pdf_jpeg_png_up_to_5_mb_are_accepted(territory, cooperation, coordinator_ops, name, content):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as error:
        services.consent_record(
            actor=coordinator_ops, cooperation=cooperation, data=decision(territory["gmina"], document=upload)
        )
    assert "document" in error.value.message_dict
    assert not AuthorityConsent.objects.exists()


def test_recording_through_the_page_and_downloading_the_document(
    client, territory, cooperation, coordinator_ops, animator_pcpr, worker_other_gmina
):
    login(client, coordinator_ops)
    url = f"/kooperacja/{cooperation.pk}/zgody/"
    form = {**decision(territory["gmina"]), "unit": territory["gmina"].pk, "decided_on": "2026-03-10"}
    exe = SimpleUploadedFile("decyzja.pdf", b"MZ\x90\x00 program", content_type="application/pdf")
    response = client.post(url, {**form, "document": exe})
    assert response.status_code == 400 and "Jan Burmistrz" in response.content.decode()
    assert not AuthorityConsent.objects.exists()

    pdf = SimpleUploadedFile("decyzja.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {**form, "document": pdf})
    assert response.status_code == 302
    consent = AuthorityConsent.objects.get()
    download = f"/kooperacja/{cooperation.pk}/zgody/{consent.pk}/dokument/"
    assert download in client.get(f"/kooperacja/{cooperation.pk}/zgloszenie/").content.decode()

    client.logout()
    login(client, animator_pcpr)  # reads the cooperation, does not run it
    response = client.get(download)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert client.post(url, {**form, "document": SimpleUploadedFile("d.pdf", PDF)}).status_code == 403

    client.logout()
    login(client, worker_other_gmina)
    assert client.get(download).status_code == 404
    assert AuthorityConsent.objects.count() == 1
