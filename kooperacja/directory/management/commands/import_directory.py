"""python manage.py import_directory FILE [--unit TERYT] [--dry-run] — CSV or HSDS 3.0 JSON, whole or not at all.

A file with any row in error, or a row the database refuses, writes nothing: the rows are listed on stderr and the
command exits with an error (with ``--dry-run`` too, after the same report)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kooperacja.directory.exchange import importer
from kooperacja.territory.selectors import unit_by_teryt


class Command(BaseCommand):
    help = "Import institutions from a CSV file or an HSDS 3.0 JSON array of organizations (creates or updates)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (semicolon-separated, UTF-8) or HSDS 3.0 JSON file")
        parser.add_argument("--unit", default="", help="TERYT code of the unit for rows whose unit is unknown")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")

    def handle(self, *args, file, unit, dry_run, **options):
        path = Path(file)
        try:
            if path.stat().st_size > importer.MAX_FILE_MB * 1024 * 1024:  # refused before it is read
                too_large = importer.ImportFileError("too_large", str(importer.MAX_FILE_MB))
                raise CommandError(f"{path}: {too_large.message()}")
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from None
        default_unit = None
        if unit:
            default_unit = unit_by_teryt(unit)
            if default_unit is None:
                raise CommandError(f"No unit has the TERYT code {unit}.")
        try:
            file_format, records = importer.read_file(content, path.name)
        except importer.ImportFileError as exc:
            raise CommandError(f"{path}: {exc.message()} [{exc.code}]") from None
        prefix = "DRY RUN (nothing written): " if dry_run else ""
        try:
            result = importer.apply(records, actor=None, default_unit=default_unit, dry_run=dry_run)
        except importer.ImportRefused as refused:
            for row in refused.rows:
                name = row.record.values.get("name") or "—"
                for issue in row.errors:
                    self.stderr.write(f"{file_format} {row.record.line} ({name}): [{issue.code}] {issue.message()}")
            if refused.failed_row is not None:
                reason = f"row/wiersz {refused.failed_row.record.line} could not be saved/nie dał się zapisać"
            else:
                reason = f"errors/błędy {len(refused.rows)}"
            raise CommandError(
                f"{prefix}{path.name} ({file_format}): {reason}; nothing written/nic nie zapisano — "
                "correct the file and run again/popraw plik i uruchom ponownie"
            ) from None
        self.stdout.write(
            f"{prefix}{path.name} ({file_format}): created/utworzono {len(result.created)}, "
            f"updated/zaktualizowano {len(result.updated)}, errors/błędy 0"
        )
