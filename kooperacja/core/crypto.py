"""Encryption at rest of the most sensitive fields (PESEL, addresses, notes about families, agendas and minutes
of meetings) and the keyed hash that lets a PESEL be found without being readable (issue 6 §2).

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) with the key of ``FIELD_ENCRYPTION_KEY``; development
and tests derive a key from SECRET_KEY (production refuses to start without its own key). The hash is
HMAC-SHA256 under a second key derived from the encryption key, so the database alone does not allow a
dictionary attack over the 10^11 possible PESEL numbers."""

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models


@functools.cache
def _key() -> bytes:
    if settings.FIELD_ENCRYPTION_KEY:
        return settings.FIELD_ENCRYPTION_KEY.encode()
    digest = hashlib.sha256(("kooperacja-field-key:" + settings.SECRET_KEY).encode()).digest()
    return base64.urlsafe_b64encode(digest)


@functools.cache
def _fernet() -> Fernet:
    return Fernet(_key())


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode() if text else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # Never fail a page over one unreadable value (e.g. a key rotated without re-encryption); say so.
        return "[nieczytelne — sprawdź klucz szyfrowania]"


def keyed_hash(value: str) -> str:
    """A stable, keyed fingerprint of ``value`` (e.g. a PESEL) for exact-match search."""
    if not value:
        return ""
    hash_key = hmac.new(_key(), b"kooperacja-keyed-hash", hashlib.sha256).digest()
    return hmac.new(hash_key, value.strip().encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; Python code sees plain text. Not searchable or orderable by design."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value
