"""Backup and restore of what the platform cannot recreate: the database and the uploaded files.

A backup is a timestamped folder: ``database.dump`` (pg_dump, custom format) on PostgreSQL or ``database.sqlite3``
(a consistent copy through SQLite's online backup API) on SQLite, ``media.tar.gz`` (every file under MEDIA_ROOT)
and ``manifest.json`` (engine, time, row count of every table). It NEVER holds the encryption key: the encrypted
columns are useless without it, and the key is kept apart (docs/operations.md, "backup" and the key runbook).
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess  # pg_dump/pg_restore with an argument list, never a shell  # nosec B404
import tarfile
from pathlib import Path

from django.db import connections

POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
MANIFEST = "manifest.json"
KEY_REMINDER = (
    "The encryption key (FIELD_ENCRYPTION_KEY, SEARCH_HASH_KEY) is NOT in this backup: keep its own copy "
    "apart from the backups — without it the encrypted data cannot be read."
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def is_postgres(database: dict) -> bool:
    return "postgresql" in database["ENGINE"]


def is_sqlite(database: dict) -> bool:
    return database["ENGINE"].endswith("sqlite3")


def _pg_env(database: dict) -> dict:
    env = dict(os.environ)
    for setting, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(setting):
            env[variable] = str(database[setting])
    return env


def _run(command: list[str], database: dict) -> None:
    # The programs are fixed (pg_dump, pg_restore); the arguments are the configured database's, no shell.
    env = _pg_env(database)
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def table_row_counts(raw, database: dict) -> dict[str, int]:
    """Row count of every table, through a raw DB-API connection (``raw``) to ``database``."""
    cursor = raw.cursor()
    if is_postgres(database):
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        # The table names come from the database's own catalogue just above, not from a user.
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608  # nosec B608
        counts[table] = cursor.fetchone()[0]
    return counts


def _new_folder(backup_dir: Path, now: datetime.datetime) -> Path:
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    folder, n = backup_dir / stamp, 1
    while folder.exists():
        folder, n = backup_dir / f"{stamp}-{n}", n + 1
    folder.mkdir(mode=0o700)
    return folder


def backup_create(*, backup_dir: Path, media_root: Path, alias: str = "default") -> Path:
    """Write a new backup folder under ``backup_dir`` and return it."""
    connection = connections[alias]
    database = connection.settings_dict
    now = datetime.datetime.now(tz=datetime.UTC)
    folder = _new_folder(Path(backup_dir), now)
    try:
        if is_postgres(database):
            dump = folder / POSTGRES_DUMP
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={dump}",
                    f"--dbname={database['NAME']}",
                ],
                database,
            )
        elif is_sqlite(database):
            connection.ensure_connection()  # the online backup API copies a consistent state, even while in use
            with sqlite3.connect(folder / SQLITE_COPY) as target:
                connection.connection.backup(target)
            target.close()
        else:
            raise BackupError(f"Unsupported database engine: {database['ENGINE']}")
        media_root = Path(media_root)
        with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        archive.add(path, arcname=str(path.relative_to(media_root)))
        connection.ensure_connection()
        counts = table_row_counts(connection.connection, database)
        manifest = {
            "created_at": now.isoformat(),
            "engine": "postgresql" if is_postgres(database) else "sqlite",
            "database": POSTGRES_DUMP if is_postgres(database) else SQLITE_COPY,
            "media": MEDIA_ARCHIVE,
            "tables": counts,
            "encryption_key": "not included - kept separately",
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # never leave a half-written backup that looks complete
        raise
    return folder


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} is not a backup folder (no {MANIFEST}).")
    return json.loads(path.read_text(encoding="utf-8"))


def backup_restore(*, folder: Path, database: dict, media_root: Path) -> dict[str, int]:
    """Restore the backup in ``folder`` into ``database`` (a settings dict; its tables are replaced) and its files
    into ``media_root``. Returns the row counts found after the restore, which must equal the manifest's."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    expected = "postgresql" if is_postgres(database) else "sqlite"
    if manifest["engine"] != expected:
        raise BackupError(f"The backup is of {manifest['engine']}, the target database is {expected}.")
    if is_postgres(database):
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={database['NAME']}",
                str(folder / POSTGRES_DUMP),
            ],
            database,
        )
        import psycopg

        raw = psycopg.connect(
            dbname=database["NAME"],
            user=database.get("USER") or None,
            password=database.get("PASSWORD") or None,
            host=database.get("HOST") or None,
            port=database.get("PORT") or None,
        )
    else:
        name = str(database["NAME"])
        if ":memory:" in name or "mode=memory" in name:
            raise BackupError("Restore needs a database file, not an in-memory database.")
        with sqlite3.connect(folder / SQLITE_COPY) as source, sqlite3.connect(name) as target:
            source.backup(target)
        source.close()
        raw = sqlite3.connect(name)
    try:
        counts = table_row_counts(raw, database)
    finally:
        raw.close()
    if counts != manifest["tables"]:
        differing = sorted(
            t for t in set(counts) | set(manifest["tables"]) if counts.get(t) != manifest["tables"].get(t)
        )
        raise BackupError(f"The restored tables differ from the backup: {', '.join(differing)}")
    media_root = Path(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
        archive.extractall(media_root, filter="data")  # no absolute paths, no "..", no links out
    return counts
