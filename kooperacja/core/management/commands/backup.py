"""python manage.py backup [--dir DIR] — a timestamped folder with the database and the uploaded files."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kooperacja.core.backup import KEY_REMINDER, BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump custom format, or an SQLite copy) and MEDIA_ROOT; never the key."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=None, help="Where to write the backup folder (default: BACKUP_DIR).")

    def handle(self, *args, **options):
        backup_dir = Path(options["dir"] or settings.BACKUP_DIR)
        try:
            folder = backup_create(backup_dir=backup_dir, media_root=settings.MEDIA_ROOT)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed, nothing was written: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        self.stdout.write(self.style.WARNING(KEY_REMINDER))
