import signal
import time

from django.core.management.base import BaseCommand

from kooperacja.notifications.services import outbox_process


class Command(BaseCommand):
    help = "Background worker: sends queued e-mails from the outbox. Safe to run on several machines at once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Process what is due once and exit.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between polls.")

    def handle(self, *args, once: bool, interval: float, **options):
        stopping = False

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write("Worker started (outbox e-mails).")
        while True:
            sent = outbox_process()
            if sent:
                self.stdout.write(f"Sent {sent} e-mail(s).")
            if once or stopping:
                break
            time.sleep(interval)
        self.stdout.write("Worker stopped.")
