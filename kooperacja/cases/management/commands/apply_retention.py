"""Anonymise the personal data of cases closed more than CASE_RETENTION_YEARS years ago (R-51).

Idempotent: run it daily or monthly (cron, or the worker's periodic jobs). The cases stay for the statistics —
their dates, status and kind, the number and relations of their people — without names, PESEL numbers,
addresses or notes. Declined and withdrawn referrals lose their names and reasons after the same period."""

from django.conf import settings
from django.core.management.base import BaseCommand

from kooperacja.cases.intake.services import cases_anonymise, referrals_anonymise, retention_cutoff


class Command(BaseCommand):
    help = "Anonymise the personal data of cases closed more than CASE_RETENTION_YEARS years ago."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None, help="Override CASE_RETENTION_YEARS.")

    def handle(self, *args, years=None, **options):
        years = years if years is not None else getattr(settings, "CASE_RETENTION_YEARS", 10)
        cutoff = retention_cutoff(years)
        cases = cases_anonymise(closed_before=cutoff)
        referrals = referrals_anonymise(decided_before=cutoff)
        self.stdout.write(f"anonymised {len(cases)} case(s), {referrals} referral(s); cut-off {cutoff.isoformat()}")
