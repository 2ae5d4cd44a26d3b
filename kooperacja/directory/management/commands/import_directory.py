"""python manage.py import_directory FILE [--unit TERYT] [--dry-run] — CSV or HSDS 3.0 JSON, whole or not at all.

The summary says how many institutions were imported and refused and, row by row, what happened: the kind
recognised, the unit found, the services removed, and why a row was refused. A file with any row refused (or a
row the database refuses) writes nothing and the command exits with status 1 (with ``--dry-run`` too, after the
same summary). ``--unit`` is the unit served by rows whose unit is not in the file, and it decides between
gminas of the same name."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kooperacja.directory.exchange import importer
from kooperacja.territory.selectors import unit_by_teryt


class Command(BaseCommand):
    help = "Import institutions from a CSV file or an HSDS 3.0 JSON array of organizations (creates or updates)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (semicolon-separated, UTF-8) or HSDS 3.0 JSON file")
        parser.add_argument(
            "--unit",
            default="",
            help="TERYT code of the unit served by rows whose unit is unknown; it also decides between gminas "
            "that share a town's name",
        )
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
        prefix = "DRY RUN (nothing written/nic nie zapisano): " if dry_run else ""
        try:
            result = importer.apply(records, actor=None, default_unit=default_unit, dry_run=dry_run)
        except importer.ImportRefused as refused:
            refused_rows = {id(row) for row in refused.rows}
            if refused.failed_row is not None:
                refused_rows.add(id(refused.failed_row))
            for row in refused.plan.rows:
                self._row(row, file_format, refused=id(row) in refused_rows, written=False, write=self.stderr.write)
            at_save = ""
            if refused.failed_row is not None:
                line = refused.failed_row.record.line
                at_save = f" (row/wiersz {line} could not be saved/nie dał się zapisać)"
            raise CommandError(
                f"{prefix}{path.name} ({file_format}): imported/zaimportowano 0, "
                f"refused/odrzucono {len(refused_rows)} of/z {len(refused.plan.rows)}{at_save}; "
                "nothing written/nic nie zapisano: the file is imported whole or not at all/plik jest importowany "
                "w całości albo wcale — correct the refused rows and run again/popraw odrzucone wiersze i uruchom "
                "ponownie"
            ) from None
        for row in result.plan.rows:
            self._row(row, file_format, refused=False, written=True, write=self.stdout.write)
        self.stdout.write(
            f"{prefix}{path.name} ({file_format}): imported/zaimportowano {len(result.created) + len(result.updated)} "
            f"(created/utworzono {len(result.created)}, updated/zaktualizowano {len(result.updated)}), "
            f"refused/odrzucono 0, services removed/usunięte usługi {len(result.removed_services)}"
        )

    def _row(self, row, file_format: str, *, refused: bool, written: bool, write) -> None:
        """One row of the summary: what happened to it, why it was refused, what was recognised in it."""
        name = row.record.values.get("name") or "—"
        if refused:
            state = "REFUSED/ODRZUCONO"
        elif not written:  # the file was refused: this row was correct but is not written either
            state = "correct, not written/poprawny, niezapisany"
        else:
            state = {"create": "created/utworzono", "update": "updated/zaktualizowano"}.get(row.action, row.action)
        write(f"{file_format} {row.record.line} ({name}): {state}")
        for issue in row.errors:
            write(f"    [{issue.code}] {issue.message()}")
        for issue in row.warnings:
            write(f"    {issue.message()}")
