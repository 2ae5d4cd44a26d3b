"""Running ``seed_scale``: the guard against real data, the clearing of an interrupted run, the gminas in
blocks (one transaction each, so memory and the database's queue of deferred checks stay small), and the
record of what was made."""

import time
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from kooperacja.accounts.models import User
from kooperacja.audit.models import AuditEvent
from kooperacja.audit.services import record
from kooperacja.cases.models import Case
from kooperacja.cooperation.models import Cooperation
from kooperacja.demo.models import ScaleDataset
from kooperacja.demo.scale import texts
from kooperacja.demo.scale.generate import Generator
from kooperacja.demo.scale.texts import Tokens
from kooperacja.demo.scale.writer import Writer, clear
from kooperacja.directory.models import Institution
from kooperacja.directory.search import vocabulary_add
from kooperacja.territory.models import Unit

BLOCK = 25  # gminas a transaction
SUMMARY = [  # what the progress lines count
    ("institutions", "directory.Institution"),
    ("services", "directory.Service"),
    ("users", "accounts.User"),
    ("cooperations", "cooperation.Cooperation"),
    ("cases", "cases.Case"),
    ("people", "cases.Person"),
    ("tasks", "cases.PlanTask"),
    ("monthly reports", "cases.MonthlyReport"),
    ("meetings", "meetings.Meeting"),
]


class SeedRefused(Exception):
    """The database holds data that seed_scale did not make (or another data set): nothing was touched."""


def gminas_for(scale: str, *, first: str = "") -> list[Unit]:
    """The gminas of a scale: ``national`` all of them, ``N`` the first N in TERYT order (from ``first``)."""
    gminas = Unit.objects.filter(level=Unit.Level.GMINA).select_related("parent__parent").order_by("code")
    if first:
        gminas = gminas.filter(code__gte=first)
    if scale == "national":
        return list(gminas)
    return list(gminas[: int(scale)])


def check_database(*, scale: str, seed: int, replace: bool) -> str:
    """What to do: "seed" (empty), "rerun" (an interrupted run or ``replace``: clear and seed again) or
    "present" (the same data set is already there). Raises ``SeedRefused`` over data not made by seed_scale."""
    dataset = ScaleDataset.objects.order_by("pk").first()
    if dataset is None:
        for model in (User, Institution, Cooperation, Case):
            if model.objects.exists():
                raise SeedRefused(
                    f"The database holds {model._meta.verbose_name_plural} not made by seed_scale: refusing to run."
                )
        return "seed"
    if User.objects.exclude(email__endswith=f"@{texts.DOMAIN}").exists():
        raise SeedRefused("The database holds accounts not made by seed_scale: refusing to run.")
    if not dataset.is_finished:
        return "rerun"
    if dataset.scale == scale and dataset.seed == seed and not replace:
        return "present"
    if not replace:
        raise SeedRefused(
            f"The database holds another data set ({dataset}); add --replace to clear it and seed this one."
        )
    return "rerun"


def seeded_models() -> list:
    """Every model the generator writes (the tables a rerun clears)."""
    writer = Writer(dry_run=True)
    Generator(seed=0, today=timezone.localdate(), password_hash="", writer=writer, tokens=Tokens(dry_run=True))
    return list(writer.tables)


def seed_scale(
    *, scale: str, seed: int = 1, first: str = "", replace: bool = False, say: Callable[[str], None] = print
) -> ScaleDataset:
    """Seed the fictional data set of ``scale`` (see docs/operations.md). Not one transaction: each block of
    gminas commits, and a run that stops half-way leaves its ScaleDataset unfinished; the next run clears
    everything it seeded and starts again."""
    started = time.monotonic()

    def progress(message: str) -> None:
        say(f"[{time.monotonic() - started:7.1f} s] {message}")

    action = check_database(scale=scale, seed=seed, replace=replace)
    if action == "present":
        dataset = ScaleDataset.objects.get()
        progress(f"The data set is already there ({dataset}, finished {dataset.finished_at:%Y-%m-%d %H:%M}).")
        return dataset
    gminas = gminas_for(scale, first=first)
    if not gminas:
        raise SeedRefused("No gminas to seed: load the TERYT register first (manage.py load_teryt), or check --gmina.")
    if action == "rerun":
        with transaction.atomic():
            clear(seeded_models() + [ScaleDataset, AuditEvent])
        progress("Cleared the data of the previous run.")
    dataset = ScaleDataset.objects.create(
        scale=scale, seed=seed, gminas=len(gminas), first_gmina=gminas[0].code, started_at=timezone.now()
    )
    _speed_up()
    try:
        password_hash = make_password(texts.PASSWORD)  # once: every account shares it
        writer = Writer()
        generator = Generator(
            seed=seed, today=timezone.localdate(), password_hash=password_hash, writer=writer, tokens=Tokens()
        )
        progress(f"Seeding {len(gminas)} gminas (scale {scale}, seed {seed}).")
        generator.administrator()
        for begin in range(0, len(gminas), BLOCK):
            block = gminas[begin : begin + BLOCK]
            with transaction.atomic():
                for unit in block:
                    generator.gmina(unit, first=unit is gminas[0])
                writer.flush()
                vocabulary_add(generator.search_texts)  # the words typos are corrected to
                generator.search_texts = []
            counts = writer.counts()
            summary = ", ".join(f"{counts[label]:,} {name}" for name, label in SUMMARY)
            progress(f"gminas {begin + len(block):,}/{len(gminas):,}: {summary}")
        writer.reset_sequences()
    finally:
        _slow_down()
    _analyze(writer)
    counts = writer.counts()
    with transaction.atomic():
        dataset.finished_at = timezone.now()
        dataset.counts = counts
        dataset.save(update_fields=["finished_at", "counts"])
        record(action=AuditEvent.Action.CREATE, obj=dataset, details={"scale": scale, "seed": seed})
    progress(f"Finished: {sum(counts.values()):,} rows in {len(counts)} tables.")
    return dataset


def _speed_up() -> None:
    """PostgreSQL: commits need not wait for the disk (a crash loses the last block, which a rerun clears
    anyway), and a superuser skips the per-row foreign-key triggers — the generator makes every key itself,
    and the SQLite tests, which keep the checks, prove it does it right."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if row and row[0]:
            cursor.execute("SET session_replication_role = replica")


def _slow_down() -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("SET synchronous_commit = DEFAULT")


def _analyze(writer: Writer) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in writer.tables.values():
            cursor.execute(f'ANALYZE "{table.db_table}"')
