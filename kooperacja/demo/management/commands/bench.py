"""`make bench`: build or reuse the two bench data sets, measure every key page against the floor, run the load,
write the table to docs/benchmarks.md and exit non-zero when a target is missed (docs/benchmarks.md)."""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kooperacja.demo.bench import datasets, load, pages, report, targets


class Command(BaseCommand):
    help = "Measure the key pages on a one-gmina and a national data set against the floor (docs/benchmarks.md)."
    # The parent only starts processes; each child connects to its own bench database.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=sorted(datasets.DATASETS), help="measure one data set only")
        parser.add_argument("--pages", default="", help="comma-separated item names (the floor is always measured)")
        parser.add_argument("--skip-load", action="store_true", help="no load run")
        parser.add_argument("--rebuild", action="store_true", help="build the data sets again even if reusable")
        parser.add_argument("--repeat", type=int, default=30, help="timed requests per item (default 30)")
        parser.add_argument(
            "--budget", type=float, default=60, help="seconds per item after which sampling stops (at least 3 taken)"
        )
        parser.add_argument("--load-users", type=int, default=50)
        parser.add_argument("--load-seconds", type=int, default=60)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "benchmarks.md"))
        parser.add_argument("--no-write", action="store_true", help="print the table, leave docs/benchmarks.md")
        parser.add_argument("--list", action="store_true", help="list the item names and stop")
        # Internal: what the child processes run against one bench database.
        parser.add_argument("--worker", choices=["status", "measure"], help=argparse.SUPPRESS)
        parser.add_argument("--result-file", help=argparse.SUPPRESS)
        parser.add_argument("--skip-direct", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if options["worker"] == "status":
            return self._status()
        if options["worker"] == "measure":
            return self._measure(options)
        if options["list"]:
            self.stdout.write("\n".join(pages.item_names()))
            return None
        return self._run(options)

    # --- The parent: data sets, measurements, load, report -------------------------------------------

    def _run(self, options) -> None:
        names = [n.strip() for n in options["pages"].split(",") if n.strip()]
        try:
            pages.select(pages.items({"gmina_name": "x"}), names)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        chosen = [datasets.DATASETS[options["only"]]] if options["only"] else list(datasets.DATASETS.values())
        info = report.machine() | {"postgresql": datasets.server_version()}
        results, builds, measured = {}, {}, {}
        for dataset in chosen:
            try:
                builds[dataset.name] = datasets.ensure(dataset, rebuild=options["rebuild"], log=self._log)
            except datasets.BuildFailed as exc:
                raise CommandError(f"the data set could not be built: {exc}") from None
            self._log(f"==> {dataset.label}: measuring")
            # The direct items do not read the data set: timed once, on the data set judged (the last).
            direct = dataset is chosen[-1]
            measured[dataset.name] = self._measure_child(dataset, names, options, direct=direct)
            results[dataset.name] = measured[dataset.name]["items"]
        last = chosen[-1]
        subjects = measured[last.name]["subjects"]
        items = pages.select(pages.items(subjects), names)
        load_result = None
        if not options["skip_load"]:
            self._log(f"==> load run on the {last.label} data set")
            child = measured[last.name]
            plan = load.plan(items, child["urls"], child["sessions"], child["cookie"])
            load_result = load.run(
                last, plan, users=options["load_users"], seconds=options["load_seconds"], log=self._log
            )
        misses = targets.check(items, results, load_result)
        text = report.section(
            items=items,
            results=results,
            load=load_result,
            misses=misses,
            info=info,
            builds=builds,
            options=_options_text(options),
        )
        self.stdout.write("\n" + text)
        if not options["no_write"]:
            report.write(Path(options["output"]), text)
            self._log(f"==> written to {options['output']}")
        if misses:
            self.stderr.write(f"{len(misses)} target(s) missed:\n" + "\n".join(f"  - {m}" for m in misses))
            sys.exit(1)

    def _measure_child(self, dataset, names: list[str], options, *, direct: bool) -> dict:
        with tempfile.TemporaryDirectory(prefix="kooperacja-bench-") as folder:
            result_file = Path(folder) / "result.json"
            args = ["bench", "--worker", "measure", "--result-file", str(result_file)]
            args += ["--repeat", str(options["repeat"]), "--budget", str(options["budget"])]
            if names:
                args += ["--pages", ",".join(names)]
            if not direct:
                args.append("--skip-direct")
            datasets.manage(dataset, *args)
            return json.loads(result_file.read_text())

    def _log(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    # --- The children, each on one bench database ---------------------------------------------------

    def _status(self) -> None:
        from django.db import DatabaseError, connection
        from django.db.migrations.executor import MigrationExecutor

        from kooperacja.demo.models import ScaleDataset

        executor = MigrationExecutor(connection)
        current = not executor.migration_plan(executor.loader.graph.leaf_nodes())
        try:
            row = ScaleDataset.objects.order_by("-started_at").first()
        except DatabaseError:
            row = None
        state = {
            "finished": bool(row and row.finished_at),
            "migrations_current": current,
            "scale": row.scale if row else None,
        }
        self.stdout.write(json.dumps(state))

    def _measure(self, options) -> None:
        from kooperacja.demo.bench import measure

        names = [n.strip() for n in options["pages"].split(",") if n.strip()]
        subjects = pages.resolved_subjects()
        selected = pages.select(pages.items(subjects), names)
        if options["skip_direct"]:
            selected = [item for item in selected if item.kind != pages.DIRECT]
        outcome = measure.measure_all(
            selected, subjects, repeat=options["repeat"], budget=options["budget"], log=self._log
        )
        outcome["subjects"] = {k: v for k, v in subjects.items() if isinstance(v, str | int | float)}
        outcome["cookie"] = settings.SESSION_COOKIE_NAME
        Path(options["result_file"]).write_text(json.dumps(outcome, default=str))


def _options_text(options) -> str:
    parts = []
    if options["only"]:
        parts.append(f"`--only {options['only']}`")
    if options["pages"]:
        parts.append(f"`--pages {options['pages']}`")
    if options["skip_load"]:
        parts.append("`--skip-load`")
    if options["repeat"] != 30:
        parts.append(f"`--repeat {options['repeat']}`")
    return ", ".join(parts)
