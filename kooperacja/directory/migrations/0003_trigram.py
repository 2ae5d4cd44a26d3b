"""Trigram search on PostgreSQL: the pg_trgm extension and a GIN index on institution names.

Only on PostgreSQL (see directory/search.py); on SQLite and other databases this migration does nothing.
The index is not declared in the model's Meta because SQLite cannot build it.
"""

from django.db import migrations

INDEX = "directory_institution_name_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_institution USING gin (name gin_trgm_ops)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")  # the extension stays: others may use it


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_problems")]
    operations = [migrations.RunPython(create_index, drop_index)]
