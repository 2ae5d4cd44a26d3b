"""The social problems of taxonomy.PROBLEMS (art. 7 reasons and areas), kept in step by code."""

from django.db import migrations


def sync_problems(apps, schema_editor):
    from kooperacja.directory.taxonomy import PROBLEMS

    Problem = apps.get_model("directory", "Problem")
    for order, (code, name, group) in enumerate(PROBLEMS, start=1):
        Problem.objects.update_or_create(code=code, defaults={"name": name, "group": group, "order": order})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(sync_problems, migrations.RunPython.noop)]
