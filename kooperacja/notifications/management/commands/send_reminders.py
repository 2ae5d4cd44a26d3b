from django.core.management.base import BaseCommand

from kooperacja.notifications.periodic import periodic_run


class Command(BaseCommand):
    help = (
        "Periodic work: meeting reminders (1–2 days before) and overdue steps of cooperations. Idempotent: safe "
        "to run every minute from cron; each person is told once."
    )

    def handle(self, *args, **options):
        counts = periodic_run()
        self.stdout.write(
            f"Reminders: {counts['meeting_reminders']} meeting reminder(s), "
            f"{counts['overdue_steps']} overdue-step notification(s), "
            f"{counts['monthly_reports']} monthly-report reminder(s), "
            f"{counts['directory_confirmations']} directory-confirmation reminder(s), "
            f"{counts['expired_sessions']} expired session(s) deleted."
        )
