import io

import pytest
from pypdf import PdfReader

from conftest import login
from kooperacja.diagnosis import services

pytestmark = pytest.mark.django_db


def test_report_is_a_pdf_with_every_section(client, analysis, coordinator_ops):
    services.problem_map_save(
        actor=coordinator_ops,
        unit=analysis.unit,
        rows=[
            {"year": 2024, "category": "poverty", "persons": 120, "families": 60},
            {"year": 2025, "category": "poverty", "persons": 100, "families": 52},
        ],
    )
    services.analysis_update(actor=coordinator_ops, analysis=analysis, data={"transport": "Kolej do Torunia"})
    login(client, coordinator_ops)
    response = client.get(f"/analiza/{analysis.pk}/raport.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Kowalewo Pomorskie" in text and "Kolej do Torunia" in text and "ubóstwo" in text


def test_other_gmina_cannot_download_the_report(client, analysis, worker_other_gmina):
    login(client, worker_other_gmina)
    assert client.get(f"/analiza/{analysis.pk}/raport.pdf").status_code == 404
