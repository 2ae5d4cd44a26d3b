"""python manage.py restore FOLDER --yes — replace the database and add the uploaded files from a backup."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from kooperacja.core.backup import KEY_REMINDER, BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup folder written by `manage.py backup` into the configured database and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder (e.g. backups/20260101-020000).")
        parser.add_argument("--yes", action="store_true", help="Confirm that the database's tables are replaced.")

    def handle(self, *args, **options):
        if not options["yes"]:
            raise CommandError("Restore replaces every table of the configured database: run it again with --yes.")
        connections.close_all()
        try:
            counts = backup_restore(
                folder=options["folder"], database=connections["default"].settings_dict, media_root=settings.MEDIA_ROOT
            )
        except (BackupError, OSError) as error:
            raise CommandError(f"Restore failed: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Restored {len(counts)} tables and the uploaded files."))
        self.stdout.write(self.style.WARNING(KEY_REMINDER + " Start the server with the key of this backup."))
