"""The social problems of taxonomy.PROBLEMS (art. 7 reasons and areas), kept in step by code."""

from django.db import migrations


def sync_problems(apps, schema_editor):
    from kooperacja.directory.taxonomy import sync_problem_rows

    sync_problem_rows(apps.get_model("directory", "Problem"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(sync_problems, migrations.RunPython.noop)]
