import re

from django.core.management.base import BaseCommand, CommandError

from kooperacja.demo.scale import SeedRefused, seed_scale


def scale_argument(value: str) -> str:
    if value == "national" or re.fullmatch(r"[1-9]\d*", value):
        return value
    raise ValueError(value)


class Command(BaseCommand):
    help = (
        "Seed a fictional, deterministic data set on top of the TERYT register: --scale 1 (one gmina), N (the "
        "first N gminas) or national (every gmina). Refuses a database with data it did not make."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=scale_argument, required=True, help="1, N or national")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
        parser.add_argument("--gmina", default="", help="TERYT code (6 digits) of the first gmina seeded")
        parser.add_argument(
            "--replace", action="store_true", help="clear another data set made by seed_scale and seed this one"
        )

    def handle(self, *args, scale: str, seed: int, gmina: str, replace: bool, **options):
        try:
            seed_scale(scale=scale, seed=seed, first=gmina, replace=replace, say=self.stdout.write)
        except SeedRefused as exc:
            raise CommandError(str(exc)) from exc
