"""Re-encryption of every encrypted column under the first key of FIELD_ENCRYPTION_KEY.

Reads the stored tokens directly (never through the field, which would decrypt them) in batches by primary key,
and writes back only the tokens not yet under the first key, each with a compare-and-set UPDATE so a value a
user saved meanwhile is never overwritten. A token the first key already reads is left alone: running it again
does nothing, and after a kill it picks up where it stopped."""

from collections.abc import Iterator
from dataclasses import dataclass

from cryptography.fernet import InvalidToken
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from kooperacja.core import crypto
from kooperacja.core.key_check import EncryptedColumn, encrypted_columns

DEFAULT_BATCH_SIZE = 500


@dataclass
class BatchProgress:
    model_label: str
    rows_done: int
    rows_total: int
    rotated: int  # values re-encrypted in this batch
    unreadable: dict[str, int]  # column label -> values no key reads (left unchanged), in this batch


def _table_models(columns: list[EncryptedColumn]) -> dict[str, list[EncryptedColumn]]:
    by_table: dict[str, list[EncryptedColumn]] = {}
    for column in columns:
        by_table.setdefault(column.table, []).append(column)
    return by_table


def rotate_batches(*, batch_size: int = DEFAULT_BATCH_SIZE, using: str = DEFAULT_DB_ALIAS) -> Iterator[BatchProgress]:
    """Re-encrypt, one batch (one transaction) at a time; yields after each batch so a caller can report."""
    connection = connections[using]
    quote = connection.ops.quote_name
    tables = set(connection.introspection.table_names())
    for table, columns in sorted(_table_models(encrypted_columns()).items()):
        if table not in tables:
            continue
        model_label = columns[0].model._meta.label
        pk = quote(columns[0].pk_column)
        names = ", ".join(quote(column.column) for column in columns)
        # Identifiers come from the models and are quoted by the backend; every value is a query parameter.
        count_sql = f"SELECT COUNT(*) FROM {quote(table)}"  # noqa: S608  # nosec B608
        first_sql = f"SELECT {pk}, {names} FROM {quote(table)} ORDER BY {pk} LIMIT %s"  # noqa: S608  # nosec B608
        next_sql = f"SELECT {pk}, {names} FROM {quote(table)} WHERE {pk} > %s ORDER BY {pk} LIMIT %s"  # noqa: S608  # nosec B608
        updates = {
            column.column: (
                f"UPDATE {quote(table)} SET {quote(column.column)} = %s "  # noqa: S608  # nosec B608
                f"WHERE {pk} = %s AND {quote(column.column)} = %s"
            )
            for column in columns
        }
        with connection.cursor() as cursor:
            cursor.execute(count_sql)
            total = cursor.fetchone()[0]
        done, last_pk = 0, None
        while True:
            with transaction.atomic(using=using), connection.cursor() as cursor:
                if last_pk is None:
                    cursor.execute(first_sql, [batch_size])
                else:
                    cursor.execute(next_sql, [last_pk, batch_size])
                rows = cursor.fetchall()
                rotated, unreadable = 0, {}
                for row in rows:
                    for column, token in zip(columns, row[1:], strict=True):
                        if not token:
                            continue
                        try:
                            new_token = crypto.rotate_token(token)
                        except (InvalidToken, UnicodeError):
                            unreadable[column.label] = unreadable.get(column.label, 0) + 1
                            continue
                        if new_token is not None:
                            cursor.execute(updates[column.column], [new_token, row[0], token])
                            rotated += cursor.rowcount
            if not rows:
                break
            done += len(rows)
            last_pk = rows[-1][0]
            yield BatchProgress(model_label, min(done, max(total, done)), max(total, done), rotated, unreadable)
            if len(rows) < batch_size:
                break
