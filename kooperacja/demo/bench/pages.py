"""What `make bench` measures, as whom, and at which address.

Every address is built from ``bench_subjects()`` (objects in the same position at every scale: the first gmina's
coordinator, one of its cases with a plan, ...) plus a few values read here from the same data set, so that the
one-gmina and the national runs ask for the same thing and their numbers can be divided.
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

# Kinds of item: an HTML page or search is judged against the floor; an export, a dashboard answer or a document
# with a limit of its own is judged by that limit (seconds); ``direct`` items are timed as a function call.
PAGE = "page"
SEARCH = "search"
LIMITED = "limited"
DIRECT = "direct"

# The role whose account opens the page: the key of ``bench_subjects()`` holding its e-mail.
ROLE_EMAILS = {
    "coordinator": "coordinator_email",
    "case_worker": "case_worker_email",
    "rops": "rops_animator_email",
}


@dataclass(frozen=True)
class Item:
    name: str
    label: str
    kind: str
    role: str = "coordinator"
    url: Callable[[dict], str] | None = None
    limit_seconds: float | None = None  # p95 limit of a LIMITED item (and of a search, a DIRECT item)
    load_weight: int = 0  # share in the load run's mixed workload (0: not in it)


def _strip_accents(text: str) -> str:
    # "ł" has no decomposition: it is mapped by hand, as people type it without the Polish keyboard.
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def search_queries(gmina_name: str, ops_name: str = "") -> list[tuple[str, str]]:
    """The five directory searches: (name, query). One is typed without diacritics, one with a typo."""
    ops_name = ops_name or f"Ośrodek Pomocy Społecznej w {gmina_name}"
    return [
        ("search_name", ops_name),
        ("search_no_diacritics", _strip_accents(ops_name).lower()),
        ("search_typo", "osrodek pomcy spolecznej"),
        ("search_prefix", "porad"),
        ("search_kind_place", f"szkoła {gmina_name}"),
    ]


def _search_url(query: str) -> Callable[[dict], str]:
    return lambda s: reverse("directory:list") + "?" + _query_string(q=query)


def _query_string(**params) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


ITEMS: list[Item] = [
    Item("floor", "floor: authenticated view, one indexed query", PAGE, url=lambda s: reverse("bench_floor")),
    Item("home", "home page", PAGE, url=lambda s: reverse("core:dashboard"), load_weight=10),
    Item("case_list", "case list", PAGE, url=lambda s: reverse("cases:list"), load_weight=10),
    Item("case_page", "case page", PAGE, url=lambda s: reverse("cases:detail", args=[s["case_id"]]), load_weight=10),
    Item("plan", "work plan", PAGE, url=lambda s: reverse("cases:plan", args=[s["plan_case_id"]]), load_weight=5),
    Item(
        "report_form",
        "monthly report form",
        PAGE,
        role="case_worker",
        url=lambda s: reverse("cases:report_edit", args=[s["plan_case_id"], s["report_year"], s["report_month"]]),
        load_weight=5,
    ),
    Item(
        "annex7",
        "annex 7 (monitoring information)",
        PAGE,
        url=lambda s: reverse("cases:monitoring", args=[s["plan_case_id"], s["monitoring_id"]]),
        load_weight=3,
    ),
    Item(
        "meeting", "meeting page", PAGE, url=lambda s: reverse("meetings:detail", args=[s["meeting_id"]]), load_weight=3
    ),
    Item(
        "cooperation",
        "cooperation page",
        PAGE,
        url=lambda s: reverse("cooperation:detail", args=[s["cooperation_id"]]),
        load_weight=3,
    ),
    # The five searches come from search_queries() (they depend on the gmina's name): see items().
    Item(
        "institution",
        "institution page",
        PAGE,
        url=lambda s: reverse("directory:detail", args=[s["institution_id"]]),
        load_weight=5,
    ),
    Item(
        "resource_card",
        "resource card",
        PAGE,
        url=lambda s: reverse("directory:card", args=[s["gmina_code"], s["problem_code"]]),
        load_weight=3,
    ),
    Item(
        "statistics",
        "diagnosis statistics",
        PAGE,
        url=lambda s: reverse("diagnosis:statistics", args=[s["analysis_id"]]),
        load_weight=2,
    ),
    Item(
        "problem_map",
        "problem map",
        PAGE,
        url=lambda s: reverse("diagnosis:problems", args=[s["analysis_id"]]),
        load_weight=2,
    ),
    Item(
        "network",
        "network page",
        PAGE,
        url=lambda s: reverse("diagnosis:network", args=[s["analysis_id"]]),
        load_weight=2,
    ),
    Item(
        "rops_dashboard",
        "ROPS dashboard (one voivodeship)",
        LIMITED,
        role="rops",
        url=lambda s: reverse("regional:dashboard"),
        limit_seconds=1.0,
        load_weight=3,
    ),
    Item(
        "api_summary",
        "regional API summary",
        LIMITED,
        role="rops",
        url=lambda s: reverse("regional_api:summary") + "?" + _query_string(voivodeship=s["voivodeship_code"]),
        limit_seconds=1.0,
        load_weight=1,
    ),
    Item(
        "export_csv",
        "regional export CSV",
        LIMITED,
        role="rops",
        url=lambda s: reverse("regional:export_csv"),
        limit_seconds=1.0,
        load_weight=1,
    ),
    Item(
        "export_xlsx",
        "regional export XLSX",
        LIMITED,
        role="rops",
        url=lambda s: reverse("regional:export_xlsx"),
        limit_seconds=1.0,
        load_weight=1,
    ),
    Item(
        "annex6_pdf",
        "annex 6 PDF (plan, the family's copy)",
        LIMITED,
        url=lambda s: reverse("cases:plan_pdf", args=[s["plan_case_id"], s["plan_version"], "rodzina"]),
        limit_seconds=1.0,
        load_weight=1,
    ),
    Item(
        "report_pdf",
        "analysis report PDF",
        LIMITED,
        url=lambda s: reverse("diagnosis:report", args=[s["analysis_id"]]),
        limit_seconds=2.0,
    ),
    Item("network_measures", "network measures + SVG, 300 institutions, ~5,000 answers", DIRECT, limit_seconds=0.5),
    Item("bdl_import", "BDL import of the shipped file (empty table, rolled back)", DIRECT, limit_seconds=10.0),
]

SEARCH_LIMIT_SECONDS = 0.150
SEARCH_LOAD_WEIGHT = 2


def items(subjects: dict | None = None) -> list[Item]:
    """Every item in the order of the table; the searches need the gmina's name (from ``subjects``)."""
    gmina_name = (subjects or {}).get("gmina_name", "")
    ops_name = (subjects or {}).get("ops_name", "")
    searches = [
        Item(
            name,
            f'directory search "{query}"',
            SEARCH,
            url=_search_url(query),
            limit_seconds=SEARCH_LIMIT_SECONDS,
            load_weight=SEARCH_LOAD_WEIGHT,
        )
        for name, query in search_queries(gmina_name, ops_name)
    ]
    at = next(i for i, item in enumerate(ITEMS) if item.name == "institution")
    return ITEMS[:at] + searches + ITEMS[at:]


def item_names() -> list[str]:
    return [item.name for item in items({"gmina_name": "x"})]


def select(all_items: list[Item], names: list[str] | None) -> list[Item]:
    """The items named (the floor always, as every ratio needs it); all when ``names`` is empty."""
    if not names:
        return all_items
    unknown = set(names) - {item.name for item in all_items}
    if unknown:
        raise ValueError(f"unknown item(s): {', '.join(sorted(unknown))}; known: {', '.join(item_names())}")
    return [item for item in all_items if item.name == "floor" or item.name in names]


def resolved_subjects() -> dict:
    """``bench_subjects()`` of the data set in the database, with the few values the addresses also need."""
    from kooperacja.cases.models import WorkPlan
    from kooperacja.demo.scale import bench_subjects
    from kooperacja.directory.models import Institution, Problem
    from kooperacja.territory.models import Unit

    subjects = dict(bench_subjects())
    today = timezone.localdate()
    subjects.setdefault("gmina_name", Unit.objects.get(code=subjects["gmina_code"]).name)
    subjects.setdefault("ops_name", Institution.objects.get(pk=subjects["institution_id"]).name)
    subjects.setdefault(
        "plan_version",
        WorkPlan.objects.filter(case_id=subjects["plan_case_id"])
        .order_by("-version")
        .values_list("version", flat=True)[0],
    )
    subjects.setdefault("problem_code", Problem.objects.order_by("order", "code").values_list("code", flat=True)[0])
    subjects.setdefault("report_year", today.year)
    subjects.setdefault("report_month", today.month)
    return subjects


def urls(selected: list[Item], subjects: dict) -> dict[str, str]:
    return {item.name: item.url(subjects) for item in selected if item.url is not None}
