"""ROPS never sees a family (R-40): no name, PESEL, reference or text of a case in any regional output, and no
count from 1 to 4 — the dashboard, the drill-down, the cartogram, the animators' page, CSV, XLSX and the API."""

import io
import json
import zipfile

import pytest
from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns
from conftest import login
from kooperacja.cases.intake.services import referral_send
from kooperacja.cases.messages.services import message_post

urlpatterns = [*site_urlpatterns, path("api/v1/regional/", include("kooperacja.regional.api_urls"))]

MESSAGE = "Pani Kowalska zwierzyła się z długów męża"
REASON = "Dziecko Kowalskich opuszcza zajęcia"


@pytest.fixture
def family(case, cooperation, teacher_school, coordinator_ops, institutions):
    referral = referral_send(
        actor=teacher_school,
        cooperation=cooperation,
        from_institution=institutions["school"],
        kind="family",
        person_name="Anna Kowalska",
        reason=REASON,
    )
    message_post(actor=coordinator_ops, case=case, body=MESSAGE)
    return {"case": case, "referral": referral}


def secrets(family) -> list[str]:
    return [
        "Anna",
        "Kowalska",
        "Kowalskich",
        "85010112345",
        family["case"].reference,
        family["referral"].reference,
        MESSAGE,
        REASON,
    ]


def xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist())


@pytest.mark.urls("kooperacja.regional.tests.test_privacy")
def test_no_personal_data_reaches_rops(client, family, cooperation, animator_rops):
    login(client, animator_rops)
    outputs = {
        "dashboard": client.get("/region/").content.decode(),
        "drill-down": client.get(f"/region/kooperacje/{cooperation.pk}/").content.decode(),
        "cartogram": client.get("/region/kartogram/").content.decode(),
        "animators": client.get("/region/animatorzy/").content.decode(),
        "csv": client.get("/region/eksport.csv").content.decode("utf-8-sig"),
        "xlsx": xlsx_text(client.get("/region/eksport.xlsx").content),
        "api": client.get("/api/v1/regional/summary?voivodeship=04").content.decode(),
    }
    for name, text in outputs.items():
        assert "Kowalewo Pomorskie" in text, name  # the output is about the cooperation at all
        for secret in secrets(family):
            assert secret not in text, (name, secret)
    for name in ("dashboard", "drill-down"):  # hidden, said so, never "<5" ("under five days")
        assert '<span class="visually-hidden">ukryte</span>' in outputs[name], name
        assert "* ukryte: mniej niż 5 przypadków" in outputs[name] and "&lt;5" not in outputs[name], name
    assert "ukryte (<5 przypadków)" in outputs["csv"]
    assert "ukryte (&lt;5 przypadków)" in outputs["xlsx"]
    assert '"<5"' in outputs["api"]  # the API's documented marker


@pytest.mark.urls("kooperacja.regional.tests.test_privacy")
def test_one_open_case_is_never_a_one(client, family, cooperation, animator_rops):
    login(client, animator_rops)
    data = json.loads(client.get("/api/v1/regional/summary?voivodeship=04").content)
    (row,) = data["cooperations"]
    assert row["cases_open"] == "<5"
    assert data["totals"]["cases_open"] == "<5"
    assert data["counties"][0]["cases_open"] == "<5"

    def counts(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from counts(v)
        elif isinstance(value, list):
            for v in value:
                yield from counts(v)
        else:
            yield value

    suppressed_keys = ("team_size", "meetings_held", "cases_open", "cases_closed", "overdue_reports")
    for key in suppressed_keys:
        assert row[key] not in (1, 2, 3, 4), key
    assert not [v for v in counts(row["cases_closed_by_reason"]) if v in (1, 2, 3, 4)]
