"""The statistics tab: who sees it, typing values in, own indicators, fetching from BDL, constant queries."""

import urllib.error
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils.html import escape
from django.utils.translation import gettext

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.diagnosis.models import Indicator, IndicatorValue
from kooperacja.diagnosis.statistics import bdl, services

pytestmark = pytest.mark.django_db

EXPORT_LINES = services.DEFAULT_EXPORT.read_text(encoding="utf-8-sig").splitlines()


@pytest.fixture
def kowalewo_values(tmp_path, territory):
    path = Path(tmp_path) / "kowalewo.csv"
    path.write_text(
        "\n".join([EXPORT_LINES[0], *[r for r in EXPORT_LINES if r.startswith("0405043;")]]), encoding="utf-8"
    )
    services.bdl_file_import(path=path)


def _url(analysis, tail=""):
    return f"/analiza/{analysis.pk}/statystyki/{tail}"


def test_teacher_reads_the_tables_with_changes_and_sources(client, teacher_school, analysis, kowalewo_values):
    login(client, teacher_school)
    response = client.get(_url(analysis))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ludność w wieku produkcyjnym" in html
    assert "7\u00a0117" in html or "7 117" in html  # working age 2019, Polish grouping
    assert "\u221260" in html  # 2019 − 2018 of the working age: 7117 − 7177
    assert "kowalewo.csv" in html and 'id="source-1"' in html  # the source, as a footnote
    assert html.count("<svg") >= 2  # population groups + total
    assert 'role="img"' in html
    assert "statistics_value" not in html and 'name="value"' not in html  # no forms for readers


def test_the_other_gmina_sees_nothing_and_readers_cannot_write(client, worker_other_gmina, teacher_school, analysis):
    login(client, worker_other_gmina)
    assert client.get(_url(analysis)).status_code == 404
    client.logout()
    login(client, teacher_school)
    indicator = Indicator.objects.get(code="births")
    for tail, data in [
        ("wartosc/", {"indicator": indicator.pk, "year": 2024, "value": "5"}),
        ("wskaznik/", {"name": "X", "measure": "osoba", "group": "other"}),
        ("gus-bdl/", {}),
    ]:
        assert client.post(_url(analysis, tail), data).status_code == 403
    assert not IndicatorValue.objects.exists()


def test_coordinator_types_a_value_in_and_corrects_it(client, coordinator_ops, analysis):
    login(client, coordinator_ops)
    births = Indicator.objects.get(code="births")
    data = {
        "indicator": births.pk,
        "year": 2024,
        "value": "61",
        "source_note": "USC Kowalewo Pomorskie",
        "source_date": "2025-01-15",
    }
    response = client.post(_url(analysis, "wartosc/"), data)
    assert response.status_code == 302 and response["Location"] == _url(analysis)
    value = IndicatorValue.objects.get(indicator=births)
    assert (value.value, value.source, value.recorded_by) == (61, "manual", coordinator_ops)
    # Corrected through the form opened for the value: it carries the value's edit version.
    page = client.get(_url(analysis) + f"?wskaznik={births.pk}&rok=2024").content.decode()
    assert 'name="version_of"' in page and f'value="{births.pk}:2024"' in page
    opened = {"edit_version": value.edit_version, "version_of": f"{births.pk}:2024"}
    response = client.post(_url(analysis, "wartosc/"), data | opened | {"value": "62,5"})
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == Decimal("62.5")
    assert AuditEvent.objects.filter(object_type="diagnosis.indicatorvalue", action="update").exists()
    html = client.get(_url(analysis)).content.decode()
    assert "USC Kowalewo Pomorskie" in html and "62,5" in html


def test_a_value_typed_into_the_blank_form_over_a_saved_one_is_shown_first(client, coordinator_ops, analysis):
    """The blank form has seen no value: the saved one is shown with who saved it, the typed one kept; the
    second save, made knowing it, replaces it."""
    login(client, coordinator_ops)
    births = Indicator.objects.get(code="births")
    services.indicator_value_save(
        actor=coordinator_ops, indicator=births, unit=analysis.unit, year=2024, value=Decimal(61), source_note="USC"
    )
    data = {"indicator": births.pk, "year": 2024, "value": "70", "source_note": "Urząd stanu cywilnego, 2025"}
    response = client.post(_url(analysis, "wartosc/"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ktoś zapisał te dane po otwarciu przez Ciebie formularza" in html
    assert coordinator_ops.get_full_name() in html and "Urząd stanu cywilnego, 2025" in html
    assert IndicatorValue.objects.get(indicator=births).value == 61
    resent = {
        "edit_version": IndicatorValue.objects.get(indicator=births).edit_version,
        "version_of": f"{births.pk}:2024",
    }  # what the page returned gives the form
    assert f'value="{births.pk}:2024"' in html
    assert client.post(_url(analysis, "wartosc/"), data | resent).status_code == 302
    assert IndicatorValue.objects.get(indicator=births).value == 70


def test_a_wrong_value_is_explained_and_what_was_typed_is_kept(client, coordinator_ops, analysis):
    login(client, coordinator_ops)
    births = Indicator.objects.get(code="births")
    response = client.post(
        _url(analysis, "wartosc/"), {"indicator": births.pk, "year": 2024, "value": "dużo", "source_note": "USC (test)"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert escape(gettext("Give the value as a number, e.g. 1234 or 12,5.")) in html
    assert 'value="USC (test)"' in html
    assert not IndicatorValue.objects.exists()


def test_coordinator_adds_an_indicator_of_the_gmina(client, coordinator_ops, analysis, territory):
    login(client, coordinator_ops)
    response = client.post(
        _url(analysis, "wskaznik/"), {"name": "Rodziny objęte wsparciem OPS", "measure": "rodzina", "group": "other"}
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(name="Rodziny objęte wsparciem OPS")
    assert indicator.unit == territory["gmina"] and indicator.code.startswith("040504-")
    again = client.post(
        _url(analysis, "wskaznik/"), {"name": "rodziny objęte wsparciem ops", "measure": "rodzina", "group": "other"}
    )
    assert again.status_code == 400
    assert gettext("The gmina already has an indicator with this name.") in again.content.decode()
    # another gmina's indicator cannot get values here
    other = services.indicator_create(actor=None, unit=territory["other_gmina"], name="Tylko Rypin", measure="osoba")
    response = client.post(_url(analysis, "wartosc/"), {"indicator": other.pk, "year": 2024, "value": "1"})
    assert response.status_code == 400 and not IndicatorValue.objects.exists()


def test_fetch_button_reports_an_unreachable_network(client, coordinator_ops, analysis, monkeypatch):
    def unreachable(url):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(bdl, "_get_json", unreachable)
    login(client, coordinator_ops)
    page = client.get(_url(analysis)).content.decode()
    assert f'action="{_url(analysis, "gus-bdl/")}"' in page
    response = client.post(_url(analysis, "gus-bdl/"), follow=True)
    assert response.status_code == 200
    assert (
        gettext(
            "The GUS Local Data Bank cannot be reached from this server now. Nothing has been changed; "
            "try again later or type the values in."
        )
        in response.content.decode()
    )
    assert not IndicatorValue.objects.exists()


def test_page_queries_do_not_grow_with_values(
    client, coordinator_ops, analysis, kowalewo_values, django_assert_max_num_queries
):
    login(client, coordinator_ops)
    client.get(_url(analysis))
    with django_assert_max_num_queries(12) as few:
        client.get(_url(analysis))
    for n in range(5):
        indicator = services.indicator_create(actor=None, unit=analysis.unit, name=f"Wskaźnik {n}", measure="osoba")
        for year in range(2015, 2025):
            services.indicator_value_save(actor=None, indicator=indicator, unit=analysis.unit, year=year, value=n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url(analysis))
