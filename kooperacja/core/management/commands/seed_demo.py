from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kooperacja.core.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the demo municipality (fictional people, published passwords). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (a test instance — never production).",
        )

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with published passwords and is meant for a "
                "development machine (DEBUG=true). Use --force only on a test instance."
            )
        try:
            accounts = seed_demo()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Demo municipality ready: Kowalewo Pomorskie (TERYT 0405043)."))
        self.stdout.write(f"Password of every demo account: {DEMO_PASSWORD}")
        self.stdout.write("Add the TOTP secret of an account to an authenticator app (time-based, 6 digits):")
        for demo in accounts:
            self.stdout.write(f"  {demo.email:34} {demo.role:14} {demo.totp_secret}")
