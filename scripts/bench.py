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
        bench_analysis()
    finally:
        runner.teardown_databases(old)


def bench_analysis() -> None:
    """The municipality analysis: the whole BDL file, network measures of a large network, the report PDF."""
    import random

    from kooperacja.accounts.access import AnalysisAccess
    from kooperacja.core.demo import seed_demo
    from kooperacja.diagnosis.models import Analysis, IndicatorValue
    from kooperacja.diagnosis.network.measures import Answer, Node, compute, network_svg
    from kooperacja.diagnosis.report import report_context
    from kooperacja.diagnosis.statistics.services import bdl_file_import
    from kooperacja.documents.pdf import render_pdf

    first = timed(bdl_file_import, 1)[0]
    again = timed(bdl_file_import, 1)[0]
    print(f"| import_bdl, whole file ({IndicatorValue.objects.count()} values) | {first:.0f} |")
    print(f"| import_bdl, second run (nothing changes) | {again:.0f} |")

    rng = random.Random(4)
    nodes = [Node(i, f"Instytucja {i}", f"s{i % 8}") for i in range(60)]
    answers = [
        Answer(a.id, b.id, rng.randint(1, 4), (3, 3, 2), (2, 3, 3))
        for a in nodes
        for b in nodes
        if a.id != b.id and rng.random() < 0.15
    ]
    network = statistics.median(timed(lambda: network_svg(compute(nodes, answers)), 5))
    print(f"| network measures + SVG, 60 institutions, {len(answers)} answers | {network:.0f} |")

    seed_demo()
    analysis = Analysis.objects.get(is_current=True)
    analysis.access = AnalysisAccess.EDIT
    pdf = statistics.median(timed(lambda: render_pdf("diagnosis/report.html", report_context(analysis)), 3))
    print(f"| analysis report PDF of the demo gmina | {pdf:.0f} |")


if __name__ == "__main__":
    main()
