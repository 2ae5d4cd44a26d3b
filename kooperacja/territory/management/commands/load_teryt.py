from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kooperacja.territory.services import DEFAULT_REGISTER, RegisterError, teryt_load


class Command(BaseCommand):
    help = "Load (or update) voivodeships, counties and gminas from a TERYT TERC file in the GUS layout."

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            default=str(DEFAULT_REGISTER),
            help="TERC CSV (default: the bundled register of 2024-01-01).",
        )

    def handle(self, *args, file: str, **options):
        self.stdout.write(f"Loading TERYT register from {file} ...")
        try:
            result = teryt_load(path=Path(file))
        except RegisterError as exc:
            raise CommandError(str(exc)) from exc
        from kooperacja.territory.selectors import unit_counts

        counts = unit_counts()
        self.stdout.write(
            self.style.SUCCESS(
                f"TERYT: {result.created} created, {result.updated} updated, {result.unchanged} unchanged. "
                f"Now {counts['wojewodztwo']} voivodeships, {counts['powiat']} counties, {counts['gmina']} gminas "
                f"({counts['miejska']} urban, {counts['wiejska']} rural, {counts['miejsko_wiejska']} urban-rural)."
            )
        )
