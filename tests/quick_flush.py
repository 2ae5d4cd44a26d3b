"""A quicker way to empty the PostgreSQL test database after a transactional test, with the same result.

pytest-django empties the database after every transactional test (the browser tests are all such) with one
TRUNCATE of every table. On PostgreSQL a TRUNCATE replaces the files of each table and index, which over a hundred
and more tables takes seconds each time, mostly for tables that are already empty. Here only the tables that hold
rows are emptied, by DELETE (deferred foreign keys are checked at the end of the flush's transaction); a table with
a trigger of its own (the append-only audit log refuses DELETE) is truncated. Sequences are left as TRUNCATE
leaves them, untouched; a flush that asks for them to be reset is done the ordinary way.
"""

from collections.abc import Callable

from django.db.backends.base.base import BaseDatabaseWrapper


def install(connection: BaseDatabaseWrapper) -> Callable[[], None]:
    """Replace the connection's flush SQL; returns the function that puts the original back."""
    if connection.vendor != "postgresql":
        return lambda: None
    original = connection.ops.sql_flush

    def sql_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return original(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                " UNION ALL ".join(f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})" for table in tables),  # noqa: S608
                list(tables),
            )
            filled = [table for (table,) in cursor.fetchall()]
            cursor.execute("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal")
            guarded = {name.strip('"') for (name,) in cursor.fetchall()}
        statements = [f"DELETE FROM {quote(table)}" for table in filled if table not in guarded]  # noqa: S608
        truncated = [quote(table) for table in filled if table in guarded]
        if truncated:
            statements.append(f"TRUNCATE {', '.join(truncated)} CASCADE")
        return statements

    connection.ops.sql_flush = sql_flush
    return lambda: delattr(connection.ops, "sql_flush")
