"""The key-check value: a known constant encrypted under FIELD_ENCRYPTION_KEY, kept in one row of the database.

Every process verifies at start that its keys decrypt it — management commands through the system check of
``core.checks`` (``manage.py check`` included, so a deploy script stops on a wrong key), the web server through
``config/wsgi.py`` (and ``runserver``'s own checks) — and refuses to run otherwise. The row is written when it is
absent (after ``migrate``, or at the first check), but only once the encrypted values already in the database
have been read with the same keys: a wrong key can never become the reference."""

import logging
from dataclasses import dataclass
from enum import Enum

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import Field, Model
from django.utils import timezone

from kooperacja.core import crypto

logger = logging.getLogger(__name__)

KEY_CHECK_PLAINTEXT = b"kooperacja-key-check:v1"
RUNBOOK = "See the key runbook in docs/operations.md (section 'Encryption keys')."


class KeyStatus(Enum):
    OK = "ok"
    CREATED = "created"  # absent, now written under the first key
    NOT_MIGRATED = "not_migrated"  # no table yet: nothing encrypted can exist
    WRONG_KEY = "wrong_key"  # the key-check value does not decrypt
    DATA_UNREADABLE = "data_unreadable"  # no key-check value yet, and the stored encrypted values do not decrypt


MESSAGES = {
    KeyStatus.WRONG_KEY: (
        "FIELD_ENCRYPTION_KEY cannot decrypt the key-check value stored in the database: this process has a "
        "different key from the one the data were encrypted with. It refuses to run so that no value is lost. "
        "Set FIELD_ENCRYPTION_KEY to the key in use (restore it from the key backup); while rotating, list the new "
        "key first and the old one after it (FIELD_ENCRYPTION_KEY=new,old). " + RUNBOOK
    ),
    KeyStatus.DATA_UNREADABLE: (
        "FIELD_ENCRYPTION_KEY cannot decrypt the encrypted values already stored in the database (checked before "
        "recording the key-check value). Set FIELD_ENCRYPTION_KEY to the key those values were encrypted with "
        "(restore it from the key backup) and start again. " + RUNBOOK
    ),
}


@dataclass(frozen=True)
class EncryptedColumn:
    model: type[Model]
    field: Field

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def column(self) -> str:
        return self.field.column

    @property
    def pk_column(self) -> str:
        return self.model._meta.pk.column


def encrypted_columns() -> list[EncryptedColumn]:
    """Every column of an ``EncryptedTextField``, found in the installed models (historical copies included),
    so a field converted tomorrow is covered without a list to keep."""
    columns = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.local_concrete_fields:
            if isinstance(field, crypto.EncryptedTextField):
                columns.append(EncryptedColumn(model=model, field=field))
    return sorted(columns, key=lambda column: column.label)


def _key_check_model():
    return apps.get_model("core", "KeyCheck")


def _unreadable_sample(using: str) -> str | None:
    """The label of the first encrypted column whose latest stored value no configured key reads, or None."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    quote = connection.ops.quote_name
    for column in encrypted_columns():
        if column.table not in tables:
            continue
        with connection.cursor() as cursor:
            # Identifiers come from the models and are quoted by the backend; there is no value in the query.
            sql = (
                f"SELECT {quote(column.column)} FROM {quote(column.table)} "  # noqa: S608  # nosec B608
                f"WHERE {quote(column.column)} IS NOT NULL AND {quote(column.column)} <> '' "
                f"ORDER BY {quote(column.pk_column)} DESC LIMIT 1"
            )
            cursor.execute(sql)
            row = cursor.fetchone()
        if row is None:
            continue
        try:
            crypto._fernet().decrypt(row[0].encode())
        except (InvalidToken, UnicodeError):
            return column.label
    return None


def key_check_status(*, using: str = DEFAULT_DB_ALIAS, create: bool = True) -> KeyStatus:
    """Whether the configured keys decrypt the key-check value; writes it when absent and ``create``.

    Raises ``ImproperlyConfigured`` for a malformed key and ``DatabaseError`` when the database is unreachable."""
    crypto.encryption_keys()  # a malformed key fails here, before the database is asked anything
    KeyCheck = _key_check_model()
    connection = connections[using]
    if KeyCheck._meta.db_table not in connection.introspection.table_names():
        return KeyStatus.NOT_MIGRATED
    row = KeyCheck.objects.using(using).filter(pk=1).first()
    if row is None:
        unreadable = _unreadable_sample(using)
        if unreadable:
            logger.error("Cannot decrypt the stored values of %s with FIELD_ENCRYPTION_KEY.", unreadable)
            return KeyStatus.DATA_UNREADABLE
        if not create:
            return KeyStatus.OK
        with transaction.atomic(using=using):
            _, created = KeyCheck.objects.using(using).get_or_create(
                pk=1, defaults={"token": crypto.primary_fernet().encrypt(KEY_CHECK_PLAINTEXT).decode()}
            )
        if created:
            logger.info("Recorded the encryption key-check value.")
            return KeyStatus.CREATED
        row = KeyCheck.objects.using(using).get(pk=1)
    try:
        plaintext = crypto._fernet().decrypt(row.token.encode())
    except (InvalidToken, UnicodeError):
        plaintext = b""
    if plaintext != KEY_CHECK_PLAINTEXT:
        logger.error("FIELD_ENCRYPTION_KEY does not decrypt the key-check value of the database.")
        return KeyStatus.WRONG_KEY
    return KeyStatus.OK


def key_check_or_raise(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """For a process that serves data (the WSGI application): refuse to start on a wrong or malformed key."""
    status = key_check_status(using=using)
    if status in MESSAGES:
        raise ImproperlyConfigured(MESSAGES[status])


def key_check_rotate(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Re-encrypt the key-check value under the first key; True when it changed."""
    KeyCheck = _key_check_model()
    with transaction.atomic(using=using):
        row = KeyCheck.objects.using(using).select_for_update().filter(pk=1).first()
        if row is None:
            return False
        try:
            token = crypto.rotate_token(row.token)
        except InvalidToken:
            raise ImproperlyConfigured(MESSAGES[KeyStatus.WRONG_KEY]) from None
        if token is None:
            return False
        row.token, row.rotated_at = token, timezone.now()
        row.save(update_fields=["token", "rotated_at"])
    return True


def ensure_key_check_after_migrate(*, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate: record the key-check value on a new database (a flushed test database included)."""
    try:
        status = key_check_status(using=using)
    except (DatabaseError, ImproperlyConfigured):
        logger.exception("Could not record the encryption key-check value.")
        return
    if status in MESSAGES:
        logger.error(MESSAGES[status])
