"""Health, error pages, Polish formats, settings parsing, demo data."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.template import Context, Template
from django.test import override_settings
from django.urls import path

from config import env
from kooperacja.accounts.access import PUBLIC, allow
from kooperacja.accounts.models import User
from kooperacja.territory.services import teryt_load


@pytest.mark.django_db
def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_database_is_unreachable(client, monkeypatch):
    from kooperacja.core import views

    def broken_cursor():
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


@allow(PUBLIC)
def _crash(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("crash/", _crash)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_page_is_polish_without_stack_trace(client):
    client.raise_request_exception = False
    response = client.get("/crash/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Coś poszło nie tak" in html
    assert "secret internal detail" not in html and "Traceback" not in html


@pytest.mark.django_db
def test_not_found_page_is_polish(client):
    response = client.get("/konto/logowanie/nie-ma/")
    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.content.decode()


def test_money_dates_and_numbers_in_polish_format():
    rendered = Template(
        "{% load pl_format humanize %}{{ amount|pln }}|{{ day|date:'j E Y' }}|{{ count|intcomma }}"
    ).render(Context({"amount": 12345.5, "day": __import__("datetime").date(2026, 3, 5), "count": 2477}))
    money, day, count = rendered.split("|")
    assert money == "12\xa0345,50\xa0zł"
    assert day == "5 marca 2026"
    assert count.replace("\xa0", " ") == "2 477"


@pytest.mark.parametrize("value, expected", [("true", True), ("0", False), ("Yes", True), ("off", False)])
def test_env_bool_accepts_only_clear_values(monkeypatch, value, expected):
    monkeypatch.setenv("X_FLAG", value)
    assert env.env_bool("X_FLAG") is expected


@pytest.mark.parametrize(
    "name, value, parser",
    [
        ("X_FLAG", "flase", env.env_bool),
        ("X_NUM", "12a", env.env_int),
        ("X_LIST", "a,,b", env.env_list),
    ],
)
def test_env_typos_stop_start_up(monkeypatch, name, value, parser):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        parser(name)


def test_required_variable_missing_is_an_error(monkeypatch):
    monkeypatch.delenv("X_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="X_REQUIRED"):
        env.env_str("X_REQUIRED")


def test_settings_defaults(settings):
    assert settings.LANGUAGE_CODE == "pl" and settings.TIME_ZONE == "Europe/Warsaw"
    assert settings.PASSWORD_HASHERS[0].endswith("MD5PasswordHasher")  # tests only; base uses Argon2
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_fictional(settings):
    teryt_load()
    call_command("seed_demo", "--force")
    count = User.objects.count()
    call_command("seed_demo", "--force")
    # The ten published demo accounts, plus the coordinators of the other demo gminas (no password: no login).
    assert User.objects.count() == count == 13
    assert User.objects.filter(password__startswith="!").count() == 3
    assert all(email.endswith("@kooperacja.example") for email in User.objects.values_list("email", flat=True))


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_production_settings_demand_their_environment(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "kooperacja.example.org")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("DEBUG", "false")
    sys.modules.pop("config.settings.prod", None)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        importlib.import_module("config.settings.prod")
    sys.modules.pop("config.settings.prod", None)
