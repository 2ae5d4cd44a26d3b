from django.db import migrations

from kooperacja.diagnosis.statistics.indicators import sync_indicator_rows
from kooperacja.diagnosis.costs.seed import seed_unit_costs


def forwards(apps, schema_editor):
    sync_indicator_rows(apps.get_model("diagnosis", "Indicator"))
    seed_unit_costs(apps.get_model("diagnosis", "UnitCost"))


class Migration(migrations.Migration):
    dependencies = [("diagnosis", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
