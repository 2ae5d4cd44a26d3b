"""Encryption at rest of the most sensitive fields (PESEL, addresses, notes about families, agendas and minutes
of meetings) and the keyed hash that lets a PESEL be found without being readable.

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) under the keys of ``FIELD_ENCRYPTION_KEY``: a
comma-separated list where the first key encrypts and every key decrypts (``MultiFernet``), so a key is rotated
with ``manage.py rotate_encryption_key`` without a moment when values are unreadable. Development and tests
derive a key from SECRET_KEY when none is set; production refuses to start without one.

A value that cannot be decrypted raises ``DecryptionError``: it is never replaced by a readable placeholder,
because a form showing the placeholder would save it over the real value. The error is logged with the model
and field (never the value) and shown as one Polish error page by ``core.middleware``.

The hash is HMAC-SHA256 under ``SEARCH_HASH_KEY`` (its own setting, derived from SECRET_KEY in development), so
the database alone does not allow a dictionary attack over the 10^11 possible PESEL numbers and rotating the
encryption key never changes a hash."""

import base64
import functools
import hashlib
import hmac
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver

from kooperacja.core.keys import check_search_hash_key, parse_fernet_keys

logger = logging.getLogger(__name__)

# What an unreadable value used to be turned into. A form that still holds it (a page opened before the upgrade)
# must not store it over the real value.
LEGACY_UNREADABLE_PLACEHOLDER = "[nieczytelne — sprawdź klucz szyfrowania]"


class DecryptionError(Exception):
    """An encrypted value cannot be read with the configured keys (a wrong or missing FIELD_ENCRYPTION_KEY).

    Carries where it happened (``model`` label and ``field`` name), never the value."""

    def __init__(self, message: str = "", *, model: str = "", field: str = ""):
        self.model = model
        self.field = field
        where = f"{model}.{field}" if model and field else "an encrypted value"
        super().__init__(message or f"Cannot decrypt {where} with the keys of FIELD_ENCRYPTION_KEY.")


def _derived_from_secret_key(label: str) -> str:
    digest = hashlib.sha256(f"{label}:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


@functools.cache
def encryption_keys() -> tuple[bytes, ...]:
    """The configured keys, the encrypting one first."""
    if settings.FIELD_ENCRYPTION_KEY:
        return tuple(parse_fernet_keys(settings.FIELD_ENCRYPTION_KEY))
    return (_derived_from_secret_key("kooperacja-field-key").encode(),)


@functools.cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in encryption_keys()])


@functools.cache
def primary_fernet() -> Fernet:
    """The encrypting key alone: a token it reads needs no rotation."""
    return Fernet(encryption_keys()[0])


@functools.cache
def _hash_key() -> bytes:
    # Unset (development, tests): the material the hash was keyed with before it had its own setting, so a
    # developer's existing database still finds its PESEL numbers. Still independent of FIELD_ENCRYPTION_KEY.
    material = check_search_hash_key(settings.SEARCH_HASH_KEY) or _derived_from_secret_key("kooperacja-field-key")
    return hmac.new(material.encode(), b"kooperacja-keyed-hash", hashlib.sha256).digest()


def reset_keys() -> None:
    """Forget the cached keys (after the settings changed: tests, a reloaded configuration)."""
    for cached in (encryption_keys, _fernet, primary_fernet, _hash_key):
        cached.cache_clear()


@receiver(setting_changed)
def _keys_setting_changed(*, setting: str, **kwargs) -> None:
    if setting in {"FIELD_ENCRYPTION_KEY", "SEARCH_HASH_KEY", "SECRET_KEY"}:
        reset_keys()


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode() if text else ""


def decrypt(token: str, *, model: str = "", field: str = "") -> str:
    """The plain text of ``token``; ``DecryptionError`` (logged, without the value) when no key reads it."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, UnicodeError):
        error = DecryptionError(model=model, field=field)
        logger.error("%s Check FIELD_ENCRYPTION_KEY (see the key runbook in docs/operations.md).", error)
        raise error from None


def rotate_token(token: str) -> str | None:
    """``token`` re-encrypted under the first key, or None when it already is (idempotent rotation).

    Raises ``InvalidToken`` when no configured key reads it."""
    try:
        primary_fernet().decrypt(token.encode())
    except InvalidToken:
        return _fernet().rotate(token.encode()).decode()
    return None


def keyed_hash(value: str) -> str:
    """A stable, keyed fingerprint of ``value`` (e.g. a PESEL) for exact-match search."""
    if not value:
        return ""
    return hmac.new(_hash_key(), value.strip().encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; Python code sees plain text. Not searchable or orderable by design.

    Loading a row whose value cannot be decrypted raises ``DecryptionError``, so such an object never reaches a
    form or a service that could save it back."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        model = getattr(self, "model", None)
        return decrypt(value, model=model._meta.label if model else "", field=self.name or "")

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value and value.strip() == LEGACY_UNREADABLE_PLACEHOLDER:
            model = getattr(self, "model", None)
            raise DecryptionError(
                "Refusing to store the placeholder of an unreadable value over the real one.",
                model=model._meta.label if model else "",
                field=self.name or "",
            )
        return encrypt(value) if value else value
