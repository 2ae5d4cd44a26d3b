from django.core.management.base import BaseCommand

from kooperacja.notifications.models import OutboxMessage
from kooperacja.notifications.services import outbox_requeue


class Command(BaseCommand):
    help = (
        "Queue again the e-mails marked failed (after the retry window, OUTBOX_RETRY_HOURS), e.g. once the mail "
        "server works again. The worker sends them on its next rounds. Safe to run more than once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--id", type=int, action="append", dest="ids", help="Only this message (repeatable).")

    def handle(self, *args, ids: list[int] | None, **options):
        messages = OutboxMessage.objects.all()
        if ids:
            messages = messages.filter(pk__in=ids)
        result = outbox_requeue(messages=messages)
        self.stdout.write(f"Requeued {result.requeued} failed e-mail(s).")
        if result.purged:
            self.stdout.write(
                f"{result.purged} failed e-mail(s) held a one-time password link that has been removed and were "
                "left as they are: send those people a new link from their account page."
            )
