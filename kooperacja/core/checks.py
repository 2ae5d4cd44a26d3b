"""System checks of the encryption keys: they run for ``manage.py check`` and at the start of every management
command that runs system checks (``runserver``, ``run_worker``, ``migrate``…), so a wrong or malformed key stops
the process before it reads or writes a single encrypted value."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from kooperacja.core.key_check import MESSAGES, RUNBOOK, key_check_status
from kooperacja.core.keys import GENERATE_FERNET_KEY, GENERATE_SEARCH_HASH_KEY


def encryption_keys_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The configured keys are well-formed and decrypt the key-check value stored in the database."""
    try:
        status = key_check_status()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), hint=RUNBOOK, id="core.E001")]
    except DatabaseError as error:
        # No database here (an image build, a settings check): nothing encrypted can be read either.
        return [
            checks.Warning(
                f"Could not verify FIELD_ENCRYPTION_KEY against the database ({error.__class__.__name__}).",
                hint="The key is verified again when the server and the worker start.",
                id="core.W001",
            )
        ]
    if status in MESSAGES:
        return [checks.Error(MESSAGES[status], id="core.E002")]
    return []


def deployment_keys_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """In production the keys are set explicitly: never derived from SECRET_KEY."""
    errors = []
    if not settings.FIELD_ENCRYPTION_KEY:
        errors.append(
            checks.Error(
                "FIELD_ENCRYPTION_KEY is not set: the encryption key is derived from SECRET_KEY.",
                hint=f"Generate a key with: {GENERATE_FERNET_KEY} and keep a copy apart from the database backups.",
                id="core.E003",
            )
        )
    if not settings.SEARCH_HASH_KEY:
        errors.append(
            checks.Error(
                "SEARCH_HASH_KEY is not set: the key of the PESEL search hash is derived from SECRET_KEY.",
                hint=f"Generate a key with: {GENERATE_SEARCH_HASH_KEY} and keep a copy with the encryption key.",
                id="core.E004",
            )
        )
    return errors


def register() -> None:
    checks.register(encryption_keys_check)
    checks.register(deployment_keys_check, checks.Tags.security, deploy=True)
