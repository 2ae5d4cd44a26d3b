"""Reads that may come from a PostgreSQL streaming replica, and the database router that sends them there.

Only the pages that aggregate a whole voivodeship (the ROPS dashboard, its exports and the regional API) read
from the replica: their figures may be a few seconds old, and they are the heaviest reads of the platform. A
view opts in with ``@reading_from_replica`` (or a block with ``with reading_from_replica():``); everything else,
and every write, goes to ``default``.

The replica is used only when ``DATABASE_REPLICA_ALIAS`` names a configured alias (``DATABASE_REPLICA_URL`` sets
both, config/settings/base.py). Inside a transaction the reads stay on ``default``: a service that writes and
then reads must see its own writes, which a replica has not received yet. The alias is never migrated (a standby
is read-only; it receives the schema by replication)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)

F = TypeVar("F", bound=Callable[..., Any])


class _ReadingFromReplica:
    """A context manager and a decorator: the reads inside it go to the replica when one is configured."""

    def __enter__(self) -> None:
        self._tokens = [*getattr(self, "_tokens", []), _replica_reads.set(True)]

    def __exit__(self, *exc_info) -> None:
        _replica_reads.reset(self._tokens.pop())

    def __call__(self, func: F) -> F:
        @functools.wraps(func)
        def inner(*args, **kwargs):
            token = _replica_reads.set(True)
            try:
                return func(*args, **kwargs)
            finally:
                _replica_reads.reset(token)

        return inner  # type: ignore[return-value]


def reading_from_replica(func: F | None = None) -> Any:
    """``@reading_from_replica`` on a view, or ``with reading_from_replica():`` around a block of reads."""
    if func is not None:
        return _ReadingFromReplica()(func)
    return _ReadingFromReplica()


def replica_alias() -> str | None:
    """The alias reads go to inside ``reading_from_replica`` now, or None when they go to ``default``."""
    alias = getattr(settings, "DATABASE_REPLICA_ALIAS", "")
    if not alias or not _replica_reads.get() or alias not in connections:
        return None
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return None  # a transaction reads what it wrote: only the primary has it
    return alias


class ReplicaRouter:
    """``DATABASE_ROUTERS`` entry: reads inside ``reading_from_replica`` to the replica, all the rest to default."""

    def db_for_read(self, model, **hints) -> str | None:
        return replica_alias()

    def db_for_write(self, model, **hints) -> str:
        # Explicit: without it Django writes an object back to the database it was read from — the replica.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replica is a copy of the primary: an object read from one may point to an object of the other.
        same = {DEFAULT_DB_ALIAS, getattr(settings, "DATABASE_REPLICA_ALIAS", "") or DEFAULT_DB_ALIAS}
        if obj1._state.db in same and obj2._state.db in same:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        if db != DEFAULT_DB_ALIAS and db == getattr(settings, "DATABASE_REPLICA_ALIAS", ""):
            return False
        return None
