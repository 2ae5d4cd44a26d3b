"""`make bench`: times the foundation's heavy paths on the configured database; prints a Markdown table.

Run from the project root: loads TERYT into a fresh test database, then times the unit search that feeds the
picker. Results go into docs/benchmarks.md by hand, with the machine and database they were measured on.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
sys.path.insert(0, os.getcwd())

import django  # noqa: E402

django.setup()

from django.test.utils import get_runner, setup_test_environment  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    from django.conf import settings

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        from kooperacja.territory.models import Unit
        from kooperacja.territory.selectors import unit_search
        from kooperacja.territory.services import teryt_load

        first = timed(teryt_load, 1)[0]
        again = statistics.median(timed(teryt_load, 3))
        queries = ["kowalewo", "0405043", "zielona gora", "wola"]
        search = statistics.median(timed(lambda: [list(unit_search(query=q)[:15]) for q in queries], 20)) / 4
        vendor = django.db.connection.vendor
        print(f"| measure ({vendor}) | median ms |\n|---|---|")
        print(f"| load_teryt, empty database ({Unit.objects.count()} units) | {first:.0f} |")
        print(f"| load_teryt, second run (nothing changes) | {again:.0f} |")
        print(f"| unit search for the picker, one query | {search:.1f} |")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
