import logging
import signal
import time

from django.core.management.base import BaseCommand

from kooperacja.notifications.periodic import periodic_run
from kooperacja.notifications.services import outbox_process

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Background worker: sends queued e-mails from the outbox and, every few minutes, does the periodic work of "
        "send_reminders. Safe to run on several machines at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Process what is due once and exit.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between polls.")
        parser.add_argument(
            "--reminders-every",
            type=float,
            default=300.0,
            help="Seconds between runs of the periodic work (reminders, overdue steps); 0 turns it off.",
        )

    def handle(self, *args, once: bool, interval: float, reminders_every: float, **options):
        stopping = False
        last_periodic = None

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write("Worker started (outbox e-mails).")
        while True:
            if reminders_every and (last_periodic is None or time.monotonic() - last_periodic >= reminders_every):
                last_periodic = time.monotonic()
                try:
                    counts = periodic_run()
                except Exception:  # the e-mails must keep going even if the periodic work fails once
                    logger.exception("periodic work failed")
                else:
                    if any(counts.values()):
                        self.stdout.write(f"Periodic work: {counts}.")
            try:
                sent = outbox_process()
            except Exception:  # e.g. the database busy for a moment: the messages stay queued for the next poll
                logger.exception("sending e-mails failed")
                sent = 0
            if sent:
                self.stdout.write(f"Sent {sent} e-mail(s).")
            if once or stopping:
                break
            time.sleep(interval)
        self.stdout.write("Worker stopped.")
