"""`make backup` / `make restore`: a case with encrypted values and an uploaded file goes through a backup and a
restore into a fresh database on the engine under test (PostgreSQL in CI, SQLite locally) — every table equal
(row count and checksum of its rows), every encrypted value readable, every file present, and no key in it."""

import datetime
import hashlib
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from kooperacja.audit import triggers as audit_triggers
from kooperacja.core import backup
from kooperacja.core.crypto import EncryptedTextField


def _raw(database: dict):
    if backup.is_postgres(database):
        import psycopg

        return psycopg.connect(
            dbname=database["NAME"],
            user=database.get("USER") or None,
            password=database.get("PASSWORD") or None,
            host=database.get("HOST") or None,
            port=database.get("PORT") or None,
        )
    return sqlite3.connect(database["NAME"], uri=True)


def _checksums(raw, database: dict) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of the rows (in a stable order) of every table."""
    result = {}
    cursor = raw.cursor()
    for table in backup.table_row_counts(raw, database):
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
        rows = sorted(repr(row) for row in cursor.fetchall())
        result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database on the engine under test; dropped afterwards."""
    source = connection.settings_dict
    if not backup.is_postgres(source):
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    import psycopg

    name = f"{source['NAME']}_restored"[:63]
    admin = _raw({**source, "NAME": "postgres"})
    admin.autocommit = True
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**source, "NAME": name}
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        assert psycopg  # the driver is a dependency on PostgreSQL


# The append-only triggers of the audit log refuse the row deletes by which SQLite empties the database after a
# transactional test (PostgreSQL truncates, which they do not see): dropped after the test, put back before it.
_AUDIT_GUARDS = audit_triggers


@pytest.fixture
def _flushable_audit_log(transactional_db):
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        with connection.cursor() as cursor:
            for sql in (*_AUDIT_GUARDS.SQLITE_DROP, *_AUDIT_GUARDS.SQLITE_CREATE):
                cursor.execute(sql)
    yield
    if sqlite:
        with connection.cursor() as cursor:
            for sql in _AUDIT_GUARDS.SQLITE_DROP:
                cursor.execute(sql)


@pytest.mark.django_db(transaction=True)  # pg_dump reads what is committed
@pytest.mark.usefixtures("_flushable_audit_log")
def test_backup_and_restore_round_trip(
    case, cooperation, territory, coordinator_ops, tmp_path, settings, fresh_database
):
    from kooperacja.cooperation.models import AuthorityConsent

    settings.MEDIA_ROOT = str(tmp_path / "media")
    upload = b"%PDF-1.4 decyzja burmistrza"
    AuthorityConsent.objects.create(
        cooperation=cooperation,
        authority="burmistrz",
        unit=territory["gmina"],
        person_name="Jan Burmistrz",
        decision="accepted",
        decided_on=datetime.date(2026, 3, 10),
        document=ContentFile(upload, name="decyzja.pdf"),
    )
    call_command("backup", "--dir", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    database_file = backup.POSTGRES_DUMP if backup.is_postgres(connection.settings_dict) else backup.SQLITE_COPY
    assert sorted(p.name for p in folder.iterdir()) == sorted([database_file, backup.MEDIA_ARCHIVE, backup.MANIFEST])
    with tarfile.open(folder / backup.MEDIA_ARCHIVE) as archive:  # uploads only: no key file, no settings
        assert all(name.startswith("consents/") for name in archive.getnames())

    restored_media = tmp_path / "restored-media"
    backup.backup_restore(folder=folder, database=fresh_database, media_root=restored_media)

    source = _raw(connection.settings_dict)
    target = _raw(fresh_database)
    try:
        before, after = _checksums(source, connection.settings_dict), _checksums(target, fresh_database)
        assert after == before and before["cases_person"][0] == 1
        checked = 0
        cursor = target.cursor()
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if not fields or not model.objects.exists():
                continue
            columns = ", ".join(f'"{f.column}"' for f in fields)
            cursor.execute(f'SELECT "{model._meta.pk.column}", {columns} FROM "{model._meta.db_table}"')  # noqa: S608
            for pk, *raw_values in cursor.fetchall():
                original = model.objects.get(pk=pk)
                for field, raw in zip(fields, raw_values, strict=True):
                    if raw:
                        assert field.from_db_value(raw, None, connection) == getattr(original, field.attname)
                        checked += 1
        assert checked >= 4  # the names and PESEL of the person, who gave the consent, ...
    finally:
        source.close()
        target.close()

    files = {
        p.relative_to(settings.MEDIA_ROOT): p.read_bytes() for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()
    }
    restored = {p.relative_to(restored_media): p.read_bytes() for p in restored_media.rglob("*") if p.is_file()}
    assert restored == files and upload in restored.values()


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(backup.BackupError, match="not a backup folder"):
        backup.backup_restore(folder=tmp_path, database=dict(settings.DATABASES["default"]), media_root=tmp_path)
