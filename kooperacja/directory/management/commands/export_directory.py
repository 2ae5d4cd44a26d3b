"""python manage.py export_directory --format {csv,hsds} [--unit TERYT] [--output FILE]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kooperacja.directory.exchange import csv_format, hsds
from kooperacja.directory.selectors import institution_search
from kooperacja.territory.selectors import unit_by_teryt


class Command(BaseCommand):
    help = "Export the directory (or the institutions serving one unit) as CSV or HSDS 3.0 JSON."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "hsds"], default="csv")
        parser.add_argument("--unit", default="", help="TERYT code: only institutions serving this unit")
        parser.add_argument("--output", default="", help="file to write (default: standard output)")

    def handle(self, *args, format, unit, output, **options):
        selected = None
        if unit:
            selected = unit_by_teryt(unit)
            if selected is None:
                raise CommandError(f"No unit has the TERYT code {unit}.")
        institutions = institution_search(unit=selected)
        text = csv_format.export(institutions) if format == "csv" else hsds.dumps(hsds.export(institutions)) + "\n"
        if output:
            try:
                Path(output).write_text(text, encoding="utf-8", newline="")
            except OSError as exc:
                raise CommandError(f"Cannot write {output}: {exc.strerror}") from None
            self.stderr.write(f"{institutions.count()} institutions → {output}")
        else:
            (self.stdout if self.stdout else sys.stdout).write(text, ending="")
