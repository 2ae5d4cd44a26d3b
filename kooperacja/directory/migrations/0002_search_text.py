"""The search document of institutions and its vocabulary (directory/search.py, decision 79).

On PostgreSQL: GIN trigram indexes on the document and on the vocabulary (not in the models' Meta: SQLite cannot
build them), and the trigram index on names goes (the search no longer reads names). The pg_trgm extension comes
from 0001_initial; unaccent is not needed, the text is normalised in Python. Documents of existing rows are
computed here with the same function the application uses.
"""

from django.db import migrations, models

SEARCH_INDEX = "directory_institution_search_trgm"
WORD_INDEX = "directory_searchword_word_trgm"
NAME_INDEX = "directory_institution_name_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON directory_institution USING gin (search_text gin_trgm_ops)"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {WORD_INDEX} ON directory_searchword USING gin (word gin_trgm_ops)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME_INDEX}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {WORD_INDEX}")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME_INDEX} ON directory_institution USING gin (name gin_trgm_ops)"
    )


def fill_documents(apps, schema_editor):
    from kooperacja.directory.search import search_document, vocabulary_words

    Institution = apps.get_model("directory", "Institution")
    Service = apps.get_model("directory", "Service")
    SearchWord = apps.get_model("directory", "SearchWord")
    services: dict[int, list[tuple[str, str]]] = {}
    for institution_id, name, description in Service.objects.order_by("pk").values_list(
        "institution_id", "name", "description"
    ):
        services.setdefault(institution_id, []).append((name, description))
    words: set[str] = set()
    for institution in Institution.objects.select_related("unit").iterator():
        text = search_document(
            name=institution.name,
            short_name=institution.short_name,
            kind=institution.kind,
            street=institution.street,
            city=institution.city,
            unit_name=institution.unit.name,
            services=services.get(institution.pk, []),
        )
        Institution.objects.filter(pk=institution.pk).update(search_text=text)
        words |= vocabulary_words(text)
    SearchWord.objects.bulk_create([SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("territory", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=60, unique=True)),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
            },
        ),
        migrations.AddField(
            model_name="institution",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="search text"),
        ),
        migrations.AddIndex(
            model_name="institution",
            index=models.Index(fields=["level"], name="institution_level"),
        ),
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
    ]
