"""Erase the personal data of cases closed at least CASE_RETENTION_YEARS years ago (R-51).

Run it daily or monthly (cron, or the worker's periodic jobs). The cases stay for the statistics — their dates,
status and kind, the number and relations of their people — without names, PESEL numbers, addresses, notes,
messages, attachments or any other text about the family. Declined and withdrawn referrals lose their names and
reasons after the same period. ``--years 0`` (or the setting 0) erases every closed case, one closed today
included; a negative value is refused.

Each case is erased in its own transaction, with one progress line per case: a run killed half-way is simply
run again."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kooperacja.cases.intake.retention import case_anonymise, cases_due, referrals_anonymise, retention_years


class Command(BaseCommand):
    help = "Erase the personal data of cases closed at least CASE_RETENTION_YEARS years ago (0: every closed case)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--years", type=int, default=None, help="Override CASE_RETENTION_YEARS (0: every closed case)."
        )

    def handle(self, *args, years=None, **options):
        try:
            years = retention_years(years)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        due = cases_due(years=years)
        total = len(due)
        self.stdout.write(f"{total} closed case(s) due for erasure (retention: {years} year(s)).")
        erased = 0
        for number, case_id in enumerate(due, start=1):
            done = case_anonymise(case_id=case_id)
            erased += done
            self.stdout.write(f"[{number}/{total}] case #{case_id}: {'erased' if done else 'already erased'}")
        referrals = referrals_anonymise(years=years)
        self.stdout.write(self.style.SUCCESS(f"erased {erased} case(s), {referrals} referral(s)."))
