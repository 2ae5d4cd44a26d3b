"""Fast writes of generated rows: PostgreSQL ``COPY`` (the fastest way in), ``executemany`` elsewhere.

Rows are tuples of database values in the order of a table's ``columns``; the table's other columns get one
value computed once (the field's default, "now" for auto dates, NULL). Ids are given by the generator, so a
child row can name its parent without a round trip. Values of encrypted fields are passed already encrypted
(``Tokens``): the writer never calls a field's ``get_prep_value``, so it cannot encrypt twice.
"""

import datetime
import decimal
import json
import uuid

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from kooperacja.audit import triggers


class Table:
    """The rows waiting to be written to one model's table."""

    def __init__(self, model, columns: list[str], *, now: datetime.datetime):
        self.model = model
        self.db_table = model._meta.db_table
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [c for c in columns if c not in by_attname]
        if unknown:
            raise ValueError(f"{model._meta.label}: no columns {unknown}")
        rest = [
            f
            for f in model._meta.concrete_fields
            if f.attname not in columns and not f.primary_key and not getattr(f, "generated", False)
        ]
        self.columns = [by_attname[c].column if c in by_attname else c for c in columns] + [f.column for f in rest]
        self.tail = tuple(_constant_default(f, now) for f in rest)
        self.rows: list[tuple] = []
        self.written = 0
        self.next_id = 1

    def add(self, *values) -> None:
        self.rows.append(values + self.tail)

    def new_id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value


def _constant_default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        value = field.get_default()
        if isinstance(field, models.JSONField):
            return json.dumps(value)
        if isinstance(field, models.UUIDField) and field.unique:
            raise ValueError(f"{field.model._meta.label}.{field.name} is unique: give it a value per row")
        return value
    if field.null:
        return None
    if isinstance(field, (models.CharField, models.TextField, models.FileField)):
        return ""
    raise ValueError(f"{field.model._meta.label}.{field.name} needs a value per row")


class Writer:
    """Tables in dependency order; ``flush`` writes every waiting row (parents first)."""

    def __init__(self, *, now: datetime.datetime | None = None, dry_run: bool = False):
        self.now = now or timezone.now()
        self.tables: dict[type, Table] = {}
        self.dry_run = dry_run
        self.postgres = connection.vendor == "postgresql"

    def table(self, model, columns: list[str]) -> Table:
        table = Table(model, columns, now=self.now)
        if not self.dry_run:
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT MAX("id") FROM "{table.db_table}"')  # noqa: S608 - a model's table name # nosec B608 — table and column names from the models
                table.next_id = (cursor.fetchone()[0] or 0) + 1
        self.tables[model] = table
        return table

    def flush(self) -> None:
        for table in self.tables.values():
            if not table.rows:
                continue
            if not self.dry_run:
                if self.postgres:
                    self._copy(table)
                else:
                    self._insert(table)
            table.written += len(table.rows)
            table.rows = []

    def _copy(self, table: Table) -> None:
        columns = ", ".join(f'"{c}"' for c in table.columns)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f'COPY "{table.db_table}" ({columns}) FROM STDIN') as copy,
        ):
            for row in table.rows:
                copy.write_row(row)

    def _insert(self, table: Table) -> None:
        columns = ", ".join(f'"{c}"' for c in table.columns)
        marks = ", ".join(["%s"] * len(table.columns))
        sql = f'INSERT INTO "{table.db_table}" ({columns}) VALUES ({marks})'  # noqa: S608 - model table names # nosec B608 — table and column names from the models
        with connection.cursor() as cursor:
            cursor.executemany(sql, [tuple(_sqlite_value(v) for v in row) for row in table.rows])

    def counts(self) -> dict[str, int]:
        return {t.model._meta.label: t.written for t in self.tables.values()}

    def reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _sqlite_value(value):
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


# --- Clearing what a previous run seeded ------------------------------------------------------------


def clear(seeded_models: list) -> None:
    """Empty the tables of ``seeded_models`` and of every table whose rows point at them with a required
    foreign key (the log of reads of seeded cases, the second-factor devices, …), or that is empty and points
    at them at all. A row of another table that points at them through an optional key (a unit cost's last
    editor) keeps its row, with the key emptied; the table it points at is then emptied by DELETE, as
    PostgreSQL truncates no table that a kept one references."""
    seeded: set = set()
    kept: dict = {}
    pending = list(seeded_models)
    while pending:
        for model in pending:
            seeded |= _with_historical(model)
        pending = []
        for model in apps.get_models(include_auto_created=True):
            if model in seeded or model in pending:
                continue
            refs = [f for f in model._meta.concrete_fields if f.is_relation and f.related_model in seeded]
            if not refs:
                continue
            if any(not f.null for f in refs) or not model._default_manager.exists():
                pending.append(model)
                kept.pop(model, None)
            else:
                kept[model] = refs
    with connection.cursor() as cursor:
        targets = set()
        for model, refs in kept.items():
            for field in refs:
                table, column = model._meta.db_table, field.column
                cursor.execute(f'UPDATE "{table}" SET "{column}" = NULL WHERE "{column}" IS NOT NULL')  # noqa: S608 # nosec B608 — table and column names from the models
                targets.add(field.related_model._meta.db_table)
        tables = sorted({m._meta.db_table for m in seeded})
        if connection.vendor == "postgresql":
            truncated = [t for t in tables if t not in targets]
            # TRUNCATE refuses a table with deferred key checks still queued in this transaction: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in truncated) + " RESTART IDENTITY")
            for table in sorted(targets):
                cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 - model table names # nosec B608 — table and column names from the models
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute("PRAGMA defer_foreign_keys = ON")
            # The audit log of the fictional data goes with it; SQLite's guard refuses row deletes (PostgreSQL's
            # is a row trigger, which TRUNCATE does not fire), so it is lifted for this statement only.
            for sql in triggers.SQLITE_DROP:
                cursor.execute(sql)
            for table in tables:
                cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 - model table names # nosec B608 — table and column names from the models
            for sql in triggers.SQLITE_CREATE:
                cursor.execute(sql)


def _with_historical(model) -> set:
    """A model with its simple-history table and its many-to-many tables."""
    result = {model}
    history = getattr(model, "history", None)
    if history is not None and hasattr(history, "model"):
        result.add(history.model)
    for field in model._meta.many_to_many:
        result.add(field.remote_field.through)
    return result
