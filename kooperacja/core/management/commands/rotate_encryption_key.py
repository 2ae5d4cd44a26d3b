from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from kooperacja.core import crypto
from kooperacja.core.key_check import encrypted_columns, key_check_rotate
from kooperacja.core.key_rotation import DEFAULT_BATCH_SIZE, rotate_batches


class Command(BaseCommand):
    help = (
        "Re-encrypts every encrypted column (and the key-check value) under the first key of FIELD_ENCRYPTION_KEY. "
        "Run it with FIELD_ENCRYPTION_KEY=new,old; afterwards the new key alone reads everything. Works in batches, "
        "prints its progress, can be stopped and run again (it continues where it stopped), and does nothing the "
        "second time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="Rows per transaction (default 500)."
        )

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        keys = crypto.encryption_keys()
        columns = encrypted_columns()
        self.stdout.write(
            f"{len(columns)} encrypted column(s) in {len({c.table for c in columns})} table(s); "
            f"{len(keys)} key(s) configured, the first one encrypts."
        )
        if len(keys) == 1:
            self.stdout.write("Only one key is configured: values under any other key cannot be re-encrypted.")
        rotated_total = 0
        unreadable: dict[str, int] = {}
        for progress in rotate_batches(batch_size=batch_size):
            rotated_total += progress.rotated
            for label, count in progress.unreadable.items():
                unreadable[label] = unreadable.get(label, 0) + count
            self.stdout.write(
                f"  {progress.model_label}: {progress.rows_done}/{progress.rows_total} rows, "
                f"{progress.rotated} value(s) re-encrypted"
            )
        if unreadable:
            details = ", ".join(f"{label}: {count}" for label, count in sorted(unreadable.items()))
            raise CommandError(
                f"{sum(unreadable.values())} value(s) could not be decrypted with any configured key and were left "
                f"unchanged ({details}). Add the key they were encrypted with to FIELD_ENCRYPTION_KEY (after the new "
                "one) and run the command again; the key-check value still needs the old key."
            )
        try:
            key_check_changed = key_check_rotate()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {rotated_total} value(s) re-encrypted"
                + (", key-check value re-encrypted" if key_check_changed else "")
                + ". Every value is now under the first key; the other keys can be removed from "
                "FIELD_ENCRYPTION_KEY once every server and worker runs with the new setting."
            )
        )
