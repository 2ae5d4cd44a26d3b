"""Encryption keys: a wrong key stops every process instead of losing values; an unreadable value is an error
page, never a placeholder a form could save; keys rotate without a moment when values are unreadable, and the
PESEL search hash never changes with them."""

import importlib
import io
import logging
import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError
from django.db import connection, transaction
from django.test import override_settings

from conftest import login
from kooperacja.cases.models import Person
from kooperacja.core import crypto
from kooperacja.core.checks import deployment_keys_check, encryption_keys_check
from kooperacja.core.key_check import KeyStatus, encrypted_columns, key_check_or_raise, key_check_status
from kooperacja.core.key_rotation import rotate_batches
from kooperacja.core.keys import parse_fernet_keys
from kooperacja.core.models import KeyCheck

pytestmark = pytest.mark.django_db

PESEL = "85010112345"


@pytest.fixture(autouse=True)
def _fresh_keys():
    crypto.reset_keys()
    yield
    crypto.reset_keys()


@pytest.fixture
def old_key() -> str:
    """The key the test database was encrypted with (derived from SECRET_KEY, as in development)."""
    return crypto.encryption_keys()[0].decode()


@pytest.fixture
def new_key() -> str:
    return Fernet.generate_key().decode()


@pytest.fixture
def family(case, coordinator_ops):
    """The case's main person with a PESEL, an address and notes, plus three children: several encrypted rows."""
    from kooperacja.cases.intake import services

    person = case.people.get()
    services.person_save(
        actor=coordinator_ops,
        case=case,
        person=person,
        data={"pesel": PESEL, "address": "ul. Tajna 7, Kowalewo", "notes": "Choroba przewlekła"},
    )
    for number in range(3):
        Person.objects.create(
            case=case,
            first_name=f"Dziecko{number}",
            last_name="K",
            relation="child",
            address=f"ul. Tajna 7/{number}",
            notes=f"Notatka {number}",
        )
    return case


def raw_tokens() -> dict[tuple[str, object], str]:
    """Every stored encrypted value, read past the field (as a database dump shows it)."""
    tokens = {}
    quote = connection.ops.quote_name
    tables = set(connection.introspection.table_names())
    for column in encrypted_columns():
        if column.table not in tables:
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote(column.pk_column)}, {quote(column.column)} FROM {quote(column.table)}"  # noqa: S608
            )
            for pk, token in cursor.fetchall():
                if token:
                    tokens[(column.label, pk)] = token
    return tokens


def readable_by(key: str, token: str) -> bool:
    try:
        Fernet(key.encode()).decrypt(token.encode())
    except Exception:
        return False
    return True


def people_values(case) -> list[tuple]:
    return sorted(Person.objects.filter(case=case).values_list("pk", "pesel", "pesel_hash", "address", "notes"))


# --- Malformed keys ------------------------------------------------------------------------------------------


# A valid key cut short (fixed, so that every test worker collects the same ids).
TRUNCATED_KEY = "Bv-wvHAHk3mKfHeHLeXpO4ze9qDlSfzCI0BdDDRFFH"


@pytest.mark.parametrize("raw", ["not-a-key", "abc=", TRUNCATED_KEY, "KEY,", ",KEY"])
def test_a_malformed_key_is_refused_with_how_to_make_one(raw):
    raw = raw.replace("KEY", Fernet.generate_key().decode())
    with pytest.raises(ImproperlyConfigured) as error:
        parse_fernet_keys(raw)
    assert "Fernet.generate_key()" in str(error.value)
    assert raw not in str(error.value)  # the key itself is never echoed (messages end up in logs)


def test_a_list_of_keys_is_accepted_the_first_encrypts(new_key, old_key):
    assert parse_fernet_keys(f"{new_key}, {old_key}") == [new_key.encode(), old_key.encode()]
    with override_settings(FIELD_ENCRYPTION_KEY=f"{new_key},{old_key}"):
        token = crypto.encrypt("tekst")
        assert readable_by(new_key, token) and not readable_by(old_key, token)


def test_the_settings_refuse_a_malformed_key_at_load():
    env = {**os.environ, "FIELD_ENCRYPTION_KEY": "to-nie-jest-klucz"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import config.settings.test"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY" in result.stderr and "Fernet.generate_key()" in result.stderr


def test_check_refuses_a_malformed_key():
    with override_settings(FIELD_ENCRYPTION_KEY="to-nie-jest-klucz"):
        assert [message.id for message in encryption_keys_check()] == ["core.E001"]
        with pytest.raises(SystemCheckError, match="FIELD_ENCRYPTION_KEY"):
            call_command("check")


def test_check_deploy_requires_both_keys_set(new_key):
    with override_settings(FIELD_ENCRYPTION_KEY="", SEARCH_HASH_KEY=""):
        assert {message.id for message in deployment_keys_check()} == {"core.E003", "core.E004"}
    with override_settings(FIELD_ENCRYPTION_KEY=new_key, SEARCH_HASH_KEY="s" * 40):
        assert deployment_keys_check() == []


# --- The key check at start ----------------------------------------------------------------------------------


def test_a_new_database_records_the_key_check_and_the_right_key_passes():
    assert KeyCheck.objects.filter(pk=1).exists()
    assert key_check_status() == KeyStatus.OK
    assert encryption_keys_check() == []


def test_check_and_the_server_refuse_a_wrong_key(family, new_key):
    before = raw_tokens()
    with override_settings(FIELD_ENCRYPTION_KEY=new_key):
        with pytest.raises(SystemCheckError) as error:
            call_command("check")
        assert "FIELD_ENCRYPTION_KEY cannot decrypt the key-check value" in str(error.value)
        assert "docs/operations.md" in str(error.value)
        with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEY=new,old"):
            key_check_or_raise()  # what config/wsgi.py runs before serving
    assert raw_tokens() == before


def test_the_wsgi_application_refuses_to_load_with_a_wrong_key(new_key):
    sys.modules.pop("config.wsgi", None)
    with override_settings(FIELD_ENCRYPTION_KEY=new_key), pytest.raises(ImproperlyConfigured, match="key-check"):
        importlib.import_module("config.wsgi")
    sys.modules.pop("config.wsgi", None)
    assert importlib.import_module("config.wsgi").application


def test_a_missing_key_check_is_written_only_if_the_stored_values_decrypt(family, new_key):
    KeyCheck.objects.all().delete()
    with override_settings(FIELD_ENCRYPTION_KEY=new_key):
        assert key_check_status() == KeyStatus.DATA_UNREADABLE
        assert [message.id for message in encryption_keys_check()] == ["core.E002"]
    assert not KeyCheck.objects.exists()
    assert key_check_status() == KeyStatus.CREATED
    assert key_check_status() == KeyStatus.OK


# --- An unreadable value -------------------------------------------------------------------------------------


def test_an_unreadable_value_raises_and_is_logged_without_the_value(family, new_key, caplog):
    with (
        override_settings(FIELD_ENCRYPTION_KEY=new_key),
        caplog.at_level(logging.ERROR),
        pytest.raises(crypto.DecryptionError) as error,
    ):
        Person.objects.get(pesel_hash=crypto.keyed_hash(PESEL))
    assert error.value.model == "cases.Person" and error.value.field
    assert "cases.Person." in caplog.text and PESEL not in caplog.text and "Tajna" not in caplog.text


def test_the_page_shows_a_polish_error_and_a_save_cannot_overwrite(client, family, coordinator_ops, new_key):
    person = Person.objects.get(pesel_hash=crypto.keyed_hash(PESEL))
    before = raw_tokens()
    login(client, coordinator_ops)
    url = f"/sprawy/{family.pk}/osoby/{person.pk}/"
    with override_settings(FIELD_ENCRYPTION_KEY=new_key):
        for response in (
            client.get(url),
            client.get(f"/sprawy/{family.pk}/"),
            client.post(
                url,
                {
                    "first_name": "Anna",
                    "last_name": "Kowalska",
                    "relation": "main",
                    "pesel": "",
                    "address": "[nieczytelne — sprawdź klucz szyfrowania]",
                },
            ),
        ):
            page = response.content.decode()
            assert response.status_code == 500
            assert "Nie można odczytać danych" in page and "Traceback" not in page
            assert PESEL not in page and "Tajna" not in page
    assert raw_tokens() == before
    person.refresh_from_db()
    assert person.pesel == PESEL and person.address == "ul. Tajna 7, Kowalewo"


def test_the_old_placeholder_can_never_be_stored(family):
    person = Person.objects.get(pesel_hash=crypto.keyed_hash(PESEL))
    person.address = "[nieczytelne — sprawdź klucz szyfrowania]"
    with pytest.raises(crypto.DecryptionError), transaction.atomic():
        person.save()
    person.refresh_from_db()
    assert person.address == "ul. Tajna 7, Kowalewo"


# --- Rotation ------------------------------------------------------------------------------------------------


def test_every_encrypted_field_is_found_without_a_list():
    labels = {column.label for column in encrypted_columns()}
    assert {"cases.Person.pesel", "cases.Person.address", "cases.Person.notes"} <= labels
    assert any(label.startswith("meetings.") for label in labels)


def test_rotation_then_the_new_key_alone_reads_every_value_and_the_hash_stays(family, old_key, new_key):
    values = people_values(family)
    hash_before = crypto.keyed_hash(PESEL)
    output = io.StringIO()
    with override_settings(FIELD_ENCRYPTION_KEY=f"{new_key},{old_key}"):
        call_command("rotate_encryption_key", batch_size=2, stdout=output)
    assert "cases.Person: 2/4 rows" in output.getvalue() and "cases.Person: 4/4 rows" in output.getvalue()
    tokens = raw_tokens()
    assert tokens and all(readable_by(new_key, token) for token in tokens.values())
    assert readable_by(new_key, KeyCheck.objects.get().token)
    with override_settings(FIELD_ENCRYPTION_KEY=new_key):
        assert encryption_keys_check() == []
        call_command("check")
        assert people_values(family) == values
        assert crypto.keyed_hash(PESEL) == hash_before
        assert Person.objects.filter(pesel_hash=hash_before).count() == 1
    with override_settings(FIELD_ENCRYPTION_KEY=old_key), pytest.raises(SystemCheckError):
        call_command("check")


def test_rotation_is_idempotent(family, old_key, new_key):
    with override_settings(FIELD_ENCRYPTION_KEY=f"{new_key},{old_key}"):
        call_command("rotate_encryption_key", stdout=io.StringIO())
        rotated = raw_tokens()
        again = io.StringIO()
        call_command("rotate_encryption_key", stdout=again)
    assert "Done: 0 value(s) re-encrypted." in again.getvalue()
    assert raw_tokens() == rotated


def test_rotation_resumes_after_a_kill(family, old_key, new_key):
    values = people_values(family)
    with override_settings(FIELD_ENCRYPTION_KEY=f"{new_key},{old_key}"):
        batches = rotate_batches(batch_size=1)
        for progress in batches:
            if progress.rotated:
                break  # killed after the first batch that changed something
        batches.close()
        tokens = raw_tokens()
        assert any(readable_by(new_key, token) for token in tokens.values())
        assert any(not readable_by(new_key, token) for token in tokens.values())
        output = io.StringIO()
        call_command("rotate_encryption_key", batch_size=1, stdout=output)
        assert people_values(family) == values
    assert all(readable_by(new_key, token) for token in raw_tokens().values())
    with override_settings(FIELD_ENCRYPTION_KEY=new_key):
        assert people_values(family) == values


def test_rotation_stops_on_a_value_no_key_reads(family, new_key):
    other = Fernet.generate_key().decode()
    with (
        override_settings(FIELD_ENCRYPTION_KEY=f"{new_key},{other}"),
        pytest.raises(CommandError, match="could not be decrypted with any configured key") as error,
    ):
        call_command("rotate_encryption_key", stdout=io.StringIO())
    assert "cases.Person.pesel" in str(error.value) and PESEL not in str(error.value)


def test_a_value_saved_during_rotation_is_not_overwritten(family, old_key, new_key, monkeypatch):
    person = Person.objects.get(pesel_hash=crypto.keyed_hash(PESEL))
    rotate_token = crypto.rotate_token
    stored_address = raw_tokens()[("cases.Person.address", person.pk)]

    def a_user_saves_meanwhile(token):
        # Between the batch's read and its write, a user saves a new address (under the new key).
        if token == stored_address:
            Person.objects.filter(pk=person.pk).update(address="ul. Nowa 1")
        return rotate_token(token)

    monkeypatch.setattr(crypto, "rotate_token", a_user_saves_meanwhile)
    with override_settings(FIELD_ENCRYPTION_KEY=f"{new_key},{old_key}"):
        for _ in rotate_batches(batch_size=10):
            pass
        person.refresh_from_db()
    assert person.address == "ul. Nowa 1" and person.pesel == PESEL


# --- The search hash has its own key --------------------------------------------------------------------------


def test_the_search_hash_depends_on_its_own_key_only(new_key):
    default = crypto.keyed_hash(PESEL)
    with override_settings(FIELD_ENCRYPTION_KEY=new_key):
        assert crypto.keyed_hash(PESEL) == default
    with override_settings(SEARCH_HASH_KEY="x" * 40):
        assert crypto.keyed_hash(PESEL) != default
    with override_settings(SEARCH_HASH_KEY="za-krotki"), pytest.raises(ImproperlyConfigured, match="32"):
        crypto.keyed_hash(PESEL)
