"""The user and the device that verified them come in one query, and every check of a signed-in session still
holds: a second factor reset, a password changed elsewhere or a deactivated account ends what the session
allowed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import login
from kooperacja.accounts.models import User

pytestmark = pytest.mark.django_db


def identity_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/pulpit/").status_code == 200
    return [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "accounts_user"' in q["sql"] or 'FROM "otp_' in q["sql"]  # reading the account or the device
    ]


def test_the_user_and_the_device_are_read_in_one_query(client, coordinator_ops):
    login(client, coordinator_ops)
    found = identity_queries(client)
    assert len(found) == 1 and '"accounts_user"' in found[0] and "otp_totp_totpdevice" in found[0]


def test_a_reset_second_factor_sends_the_session_back_to_the_code(client, coordinator_ops):
    login(client, coordinator_ops)
    TOTPDevice.objects.filter(user=coordinator_ops).delete()
    assert client.get("/pulpit/")["Location"] == "/konto/weryfikacja/"


def test_a_password_changed_elsewhere_ends_the_session(client, coordinator_ops):
    login(client, coordinator_ops)
    user = User.objects.get(pk=coordinator_ops.pk)
    user.set_password("Zupelnie-nowe-haslo-2026")
    user.save(update_fields=["password"])
    assert client.get("/pulpit/")["Location"].startswith("/konto/logowanie/")


def test_a_deactivated_account_is_logged_out(client, coordinator_ops):
    login(client, coordinator_ops)
    User.objects.filter(pk=coordinator_ops.pk).update(is_active=False)
    assert client.get("/pulpit/")["Location"].startswith("/konto/logowanie/")


def test_an_unconfirmed_device_does_not_verify(client, coordinator_ops):
    login(client, coordinator_ops)
    TOTPDevice.objects.filter(user=coordinator_ops).update(confirmed=False)
    assert client.get("/pulpit/")["Location"] == "/konto/weryfikacja/"
