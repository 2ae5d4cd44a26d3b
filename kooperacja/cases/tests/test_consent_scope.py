"""The consent form: institutions grouped by sector, "all the team's institutions" with the refused ones left out,
and one plain sentence of what the family agreed to — on the case page and in the PDF to sign."""

import datetime
import io

import pypdf
import pytest
from django.test import Client

from conftest import login
from kooperacja.cases.intake import services
from kooperacja.cases.models import Consent
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(territory):
    return InstitutionFactory(name="Komisariat Policji", kind="police", unit=territory["gmina"])


def test_all_the_team_except_the_refused_keeps_who_may_share_and_the_sentence(
    case, coordinator_ops, institutions, police
):
    consent = services.consent_record(
        actor=coordinator_ops,
        case=case,
        given_on=datetime.date(2026, 12, 1),
        given_by="Anna Kowalska",
        institutions=[institutions["ops"], institutions["school"], institutions["pcpr"], institutions["rops"]],
        all_team=True,
    )
    assert set(consent.institutions.all()) == {
        institutions["ops"],
        institutions["school"],
        institutions["pcpr"],
        institutions["rops"],
    }
    assert list(consent.exceptions.all()) == [police]
    assert consent.summary == (
        "Rodzina zgadza się na wymianę informacji ze wszystkimi instytucjami zespołu z wyjątkiem: Komisariat Policji."
    )


def test_a_listed_consent_names_the_institutions(case, coordinator_ops, institutions):
    consent = services.consent_record(
        actor=coordinator_ops,
        case=case,
        given_on=datetime.date(2026, 12, 1),
        given_by="Anna Kowalska",
        institutions=[institutions["school"], institutions["ops"]],
    )
    assert consent.summary == (
        "Rodzina zgadza się na wymianę informacji z następującymi instytucjami: OPS testowy, Szkoła testowa."
    )


def test_the_form_groups_institutions_by_sector_ticked_and_records_the_exceptions(
    case, coordinator_ops, institutions, police
):
    client = login(Client(), coordinator_ops)
    page = client.get(f"/sprawy/{case.pk}/zgody/nowa/").content.decode()
    assert page.count("<fieldset") >= 3  # social assistance, education, security
    assert "<legend" in page and "Edukacja" in page and "Bezpieczeństwo" in page
    assert page.count("checked") >= 5  # every institution of the team ticked to begin with
    kept = [institutions[k].pk for k in ("ops", "school", "pcpr", "rops")]
    response = client.post(
        f"/sprawy/{case.pk}/zgody/nowa/",
        {"given_on": "2026-12-01", "given_by": "Anna Kowalska", "scope": "all", "institutions": kept},
    )
    assert response.status_code == 302
    consent = Consent.objects.filter(case=case).latest("pk")
    assert consent.all_team and list(consent.exceptions.all()) == [police]
    overview = client.get(f"/sprawy/{case.pk}/").content.decode()
    assert "ze wszystkimi instytucjami zespołu z wyjątkiem: Komisariat Policji" in overview
    pdf = client.get(f"/sprawy/{case.pk}/zgody/{consent.pk}/zgoda.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "z wyjątkiem: Komisariat Policji" in " ".join(text.split())
