"""Parsing of the key settings, importable from the settings modules (no model, no app registry).

``FIELD_ENCRYPTION_KEY`` is a comma-separated list of Fernet keys: the first encrypts, every one decrypts, so a
key can be rotated without a moment when old values are unreadable. ``SEARCH_HASH_KEY`` keys the hash that finds
a PESEL; it is separate so that rotating the encryption key never changes a hash."""

import base64
import binascii

from django.core.exceptions import ImproperlyConfigured

GENERATE_FERNET_KEY = "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
GENERATE_SEARCH_HASH_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
SEARCH_HASH_KEY_MIN_LENGTH = 32


def parse_fernet_keys(raw: str, *, name: str = "FIELD_ENCRYPTION_KEY") -> list[bytes]:
    """The keys of a comma-separated list, each checked to be a Fernet key (32 bytes, URL-safe base64).

    The message names the position of a bad key, never the key itself (it may sit in a log)."""
    items = [item.strip() for item in raw.split(",")]
    if not raw.strip() or any(not item for item in items):
        raise ImproperlyConfigured(
            f"{name} must be one Fernet key or a comma-separated list of them (the first encrypts, all decrypt), "
            f"with no empty item. Generate a key with: {GENERATE_FERNET_KEY}"
        )
    keys = []
    for position, item in enumerate(items, start=1):
        try:
            decoded = base64.urlsafe_b64decode(item.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            decoded = b""
        if len(decoded) != 32:
            raise ImproperlyConfigured(
                f"{name}: key number {position} is not a valid Fernet key (32 bytes in URL-safe base64, "
                f"44 characters ending with '='). Generate a key with: {GENERATE_FERNET_KEY}"
            )
        keys.append(item.encode("ascii"))
    if len(set(keys)) != len(keys):
        raise ImproperlyConfigured(f"{name} lists the same key twice.")
    return keys


def check_search_hash_key(raw: str) -> str:
    if raw and len(raw) < SEARCH_HASH_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"SEARCH_HASH_KEY must be a random string of at least {SEARCH_HASH_KEY_MIN_LENGTH} characters. "
            f"Generate one with: {GENERATE_SEARCH_HASH_KEY}"
        )
    return raw
