"""The development log: an expected refusal is one line, a server error keeps its traceback."""

import logging

import pytest
from django.test import Client

from conftest import login


def _request_records(caplog):
    return [r for r in caplog.records if r.name == "django.request"]


@pytest.mark.django_db
def test_403_and_404_are_one_line_without_traceback(client, caplog, coordinator_ops, worker_other_gmina, cooperation):
    caplog.set_level(logging.WARNING, logger="django.request")
    login(client, coordinator_ops)
    assert client.get("/konto/uzytkownicy/").status_code == 403  # PermissionDenied raised by the rule
    client.logout()
    login(client, worker_other_gmina)
    assert client.get(f"/kooperacja/{cooperation.pk}/").status_code == 404  # Http404 raised by the access function
    records = _request_records(caplog)
    assert [r.status_code for r in records] == [403, 404]
    assert all(r.exc_info is None and not r.exc_text for r in records)
    text = caplog.text
    assert "Forbidden (Permission denied): /konto/uzytkownicy/" in text and "Traceback" not in text


@pytest.mark.django_db
def test_a_server_error_keeps_its_traceback(caplog, coordinator_ops, monkeypatch):
    def broken(user, **kwargs):
        raise RuntimeError("a real bug")

    monkeypatch.setattr("kooperacja.core.views.cooperation_summaries", broken)
    client = Client(raise_request_exception=False)
    login(client, coordinator_ops)
    caplog.set_level(logging.WARNING, logger="django.request")
    assert client.get("/pulpit/").status_code == 500
    (record,) = _request_records(caplog)
    assert record.status_code == 500 and record.exc_info is not None
    assert "Traceback" in caplog.text and "RuntimeError: a real bug" in caplog.text
