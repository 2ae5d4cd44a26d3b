import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kooperacja.diagnosis.statistics.bdl import ExportFormatError
from kooperacja.diagnosis.statistics.services import DEFAULT_EXPORT, bdl_file_import
from kooperacja.territory.models import Unit


class Command(BaseCommand):
    help = (
        "Load yearly indicators of gminas from a GUS BDL (Bank Danych Lokalnych) CSV export. Idempotent: "
        "a second run of the same file changes nothing; values typed in by people are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            default=str(DEFAULT_EXPORT),
            help="BDL CSV export (default: the bundled population by economic age groups 2010-2019).",
        )

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if not Unit.objects.filter(level=Unit.Level.GMINA).exists():
            raise CommandError(
                "No gminas in the database: load the TERYT register first (python manage.py load_teryt)."
            )
        self.stdout.write(f"Loading GUS BDL export {path.name} ...")
        started = time.monotonic()
        try:
            result = bdl_file_import(path=path)
        except ExportFormatError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.monotonic() - started
        skipped = ", ".join(f"{count} {reason}" for reason, count in sorted(result.skipped_rows.items())) or "none"
        self.stdout.write(
            self.style.SUCCESS(
                f"BDL: {result.gminas} gminas; values {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged, {result.kept_typed_in} typed in kept ({seconds:.1f} s)."
            )
        )
        self.stdout.write(f"Rows skipped: {skipped}.")
        if result.new_indicators:
            self.stdout.write(f"New indicators: {', '.join(result.new_indicators)}.")
        if result.unknown_units:
            shown = ", ".join(f"{code} {name}" for code, name in result.unknown_units[:10])
            more = f" and {len(result.unknown_units) - 10} more" if len(result.unknown_units) > 10 else ""
            self.stdout.write(
                self.style.WARNING(f"{len(result.unknown_units)} gminas not in the TERYT register: {shown}{more}.")
            )
