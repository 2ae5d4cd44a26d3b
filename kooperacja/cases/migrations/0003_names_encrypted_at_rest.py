"""Names and other free text about a family member encrypted at rest: the columns become encrypted text and the
values already stored are encrypted in place (raw SQL, so that neither the field's decryption nor a historical
model stands in the way; a value already holding a Fernet token is left alone, so a rerun changes nothing)."""

from django.db import migrations

import kooperacja.core.crypto

# (table, column) of every column this migration encrypts.
COLUMNS = [
    ("cases_person", "first_name"),
    ("cases_person", "last_name"),
    ("cases_consent", "given_by"),
    ("cases_consentoverride", "legal_basis"),
    ("cases_groupmembership", "name"),
    ("cases_coordinationhandover", "reason"),
    ("cases_breakglass", "reason"),
    ("cases_planacknowledgement", "name"),
    ("cases_plantask", "schedule"),
]

# Every Fernet token starts with its version byte 0x80 and a timestamp: base64 "gAAAAA".
TOKEN_PREFIX = "gAAAAA"  # nosec B105: a format marker, not a secret


def _convert(schema_editor, transform) -> None:
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in COLUMNS:
            cursor.execute(f"SELECT id, {quote(column)} FROM {quote(table)}")  # noqa: S608  # nosec B608: names from COLUMNS
            for pk, value in cursor.fetchall():
                new = transform(value)
                if new is not None and new != value:
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608  # nosec B608
                        [new, pk],
                    )


def encrypt_values(apps, schema_editor) -> None:
    from kooperacja.core.crypto import encrypt

    _convert(schema_editor, lambda v: encrypt(v) if v and not v.startswith(TOKEN_PREFIX) else None)


def decrypt_values(apps, schema_editor) -> None:
    from kooperacja.core.crypto import decrypt

    _convert(schema_editor, lambda v: decrypt(v) if v and v.startswith(TOKEN_PREFIX) else None)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={"ordering": ["case", "relation", "pk"], "verbose_name": "person", "verbose_name_plural": "people"},
        ),
        migrations.AlterField(
            model_name="breakglass",
            name="reason",
            field=kooperacja.core.crypto.EncryptedTextField(verbose_name="reason"),
        ),
        migrations.AlterField(
            model_name="consent",
            name="given_by",
            field=kooperacja.core.crypto.EncryptedTextField(max_length=160, verbose_name="given by"),
        ),
        migrations.AlterField(
            model_name="consentoverride",
            name="legal_basis",
            field=kooperacja.core.crypto.EncryptedTextField(max_length=255, verbose_name="legal basis"),
        ),
        migrations.AlterField(
            model_name="coordinationhandover",
            name="reason",
            field=kooperacja.core.crypto.EncryptedTextField(blank=True, verbose_name="reason"),
        ),
        migrations.AlterField(
            model_name="groupmembership",
            name="name",
            field=kooperacja.core.crypto.EncryptedTextField(
                blank=True, help_text="For a close person.", max_length=160, verbose_name="name"
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="first_name",
            field=kooperacja.core.crypto.EncryptedTextField(max_length=80, verbose_name="first name"),
        ),
        migrations.AlterField(
            model_name="person",
            name="last_name",
            field=kooperacja.core.crypto.EncryptedTextField(max_length=120, verbose_name="surname"),
        ),
        migrations.AlterField(
            model_name="planacknowledgement",
            name="name",
            field=kooperacja.core.crypto.EncryptedTextField(blank=True, max_length=160, verbose_name="acknowledged by"),
        ),
        migrations.AlterField(
            model_name="plantask",
            name="schedule",
            field=kooperacja.core.crypto.EncryptedTextField(
                blank=True, help_text="E.g. every week, until June.", max_length=200, verbose_name="schedule"
            ),
        ),
        migrations.RunPython(encrypt_values, decrypt_values),
    ]
