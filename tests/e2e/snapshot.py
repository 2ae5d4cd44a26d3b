"""A copy of the live-server database, taken once and put back before each browser test.

Loading the TERYT register and the demo municipality through the services takes seconds; every browser test
needs both, and pytest-django empties the database after each test. So the first test loads them and copies
every table; each later test gets the same rows back by a plain copy: on SQLite (an in-memory database shared
with the live server) with SQLite's backup API, on PostgreSQL from a schema of its own in the test database.
The rows put back are exactly those the services wrote, ids and sequences included.
"""

import sqlite3

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "e2e_snapshot"


class DatabaseSnapshot:
    def __init__(self) -> None:
        self.taken = False
        self._sqlite_copy: sqlite3.Connection | None = None
        self._all_tables: list[str] = []  # every table of the project (PostgreSQL)
        self._tables: dict[str, str] = {}  # table with rows -> quoted list of its writable columns (PostgreSQL)

    # --- take ----------------------------------------------------------------------------------------------

    def take(self) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite_copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._sqlite_copy)
        elif connection.vendor == "postgresql":
            self._take_postgresql()
        else:
            return  # other engines: every test loads the data itself
        self.taken = True

    def _take_postgresql(self) -> None:
        quote = connection.ops.quote_name
        tables = sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            for table in tables:
                # Generated columns are computed again on insert; they cannot be written.
                cursor.execute(
                    "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
                    "AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
                    [quote(table)],
                )
                columns = ", ".join(quote(name) for (name,) in cursor.fetchall())
                cursor.execute(f"CREATE TABLE {SCHEMA}.{quote(table)} AS SELECT {columns} FROM {quote(table)}")  # noqa: S608
                if cursor.rowcount:
                    self._tables[table] = columns
        self._all_tables = tables

    # --- restore -------------------------------------------------------------------------------------------

    def restore(self) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self._sqlite_copy.backup(connection.connection)
        else:
            self._restore_postgresql()
        ContentType.objects.clear_cache()  # ids as in the copy, not as after the flush

    def _restore_postgresql(self) -> None:
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            # After the flush only a few tables hold rows (content types, permissions…): emptying just those is
            # far quicker than truncating every table again.
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608
                    for table in self._all_tables
                ),
                self._all_tables,
            )
            filled = [quote(table) for (table,) in cursor.fetchall()]
            if filled:
                cursor.execute(f"TRUNCATE {', '.join(filled)} CASCADE")
            for table, columns in self._tables.items():
                cursor.execute(
                    f"INSERT INTO {quote(table)} ({columns}) OVERRIDING SYSTEM VALUE "  # noqa: S608
                    f"SELECT {columns} FROM {SCHEMA}.{quote(table)}"
                )
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
                cursor.execute(sql)
