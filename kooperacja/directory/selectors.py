from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Exists, F, Lookup, OuterRef, Prefetch, Q, QuerySet

from kooperacja.directory import freshness, taxonomy
from kooperacja.directory.models import Institution, Problem, ResourceCardNote, Service
from kooperacja.directory.search import apply_text_search, search_order
from kooperacja.territory.models import Unit

RESULT_LIMIT = 1000  # the list page counts and pages at most this many matches: beyond, the user narrows


def institutions_with_details(institutions: QuerySet[Institution] | None = None) -> QuerySet[Institution]:
    """Institutions with everything their page and exports show, in a constant number of queries."""
    if institutions is None:
        institutions = Institution.objects.all()
    return institutions.select_related("unit__parent__parent").prefetch_related(
        "phones",
        "contacts",
        "specialists",
        "other_units",
        Prefetch("services", queryset=Service.objects.prefetch_related("problems").order_by("name")),
    )


def units_around(gmina: Unit) -> list[Unit]:
    """The gmina and the units above it: whoever serves any of them serves the gmina. Parents already loaded
    (``select_related("parent__parent")``) cost nothing; otherwise one query loads them all (the register has
    three levels), never one query per level."""
    units = [gmina]
    while units[-1].parent_id:
        unit = units[-1]
        if not Unit.parent.is_cached(unit):
            unit.parent = Unit.objects.select_related("parent__parent").get(pk=unit.parent_id)
        units.append(unit.parent)
    return units


class _AnyOf(Lookup):
    """``column = ANY(ARRAY(SELECT ...))``: PostgreSQL computes the small subquery once and serves the comparison
    from the column's index, also inside an OR (where ``IN (SELECT ...)`` forces a scan of every row)."""

    lookup_name = "kooperacja_any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def _in_subquery(field: str, subquery: QuerySet) -> Q:
    if connections[subquery.db].vendor == "postgresql":
        return Q(_AnyOf(F(field), ArraySubquery(subquery)))
    return Q(**{f"{field}__in": subquery})


def serving_q(unit: Unit) -> Q:
    """The condition "acts in ``unit``" on institutions: their own unit or one above it, naming one of those
    among other units served, national, or — for a county or voivodeship — of a unit inside it. Without joins,
    so rows are never duplicated; every part served by an index."""
    above = [u.pk for u in units_around(unit)]
    named = Institution.other_units.through.objects.filter(unit_id__in=above).values("institution_id")
    condition = Q(unit_id__in=above) | _in_subquery("pk", named) | Q(level=Institution.Level.NATIONAL)
    if unit.level != Unit.Level.GMINA:
        condition |= _in_subquery("unit_id", Unit.objects.filter(code__startswith=unit.code).values("pk"))
    return condition


def institutions_serving(*, unit: Unit) -> QuerySet[Institution]:
    """Institutions acting in ``unit``: its own, those of the units above it (a county's institutions serve all
    its gminas), those naming it among other units served, and national ones; for a county or voivodeship also
    the institutions of the units inside it."""
    return Institution.objects.filter(serving_q(unit))


def _filtered(
    *,
    query: str = "",
    sector: str = "",
    kind: str = "",
    problem: str = "",
    unit: Unit | None = None,
    level: str = "",
    status: str = "",
    not_confirmed: bool = False,
) -> QuerySet[Institution]:
    """Every filter is a condition on the institution's own row (no joins, no ``pk IN`` wrapper around the
    result), so the database serves it from its indexes."""
    institutions = Institution.objects.all()
    if unit is not None:
        institutions = institutions.filter(serving_q(unit))
    institutions = apply_text_search(institutions, query)
    if sector:
        institutions = institutions.filter(kind__in=[c for c, s in taxonomy.KIND_SECTOR.items() if s == sector])
    if kind:
        institutions = institutions.filter(kind=kind)
    if problem:
        offered = Service.problems.through.objects.filter(service__institution=OuterRef("pk"), problem__code=problem)
        institutions = institutions.filter(Exists(offered))
    if level:
        institutions = institutions.filter(level=level)
    if status:
        institutions = institutions.filter(status=status)
    if not_confirmed:
        institutions = institutions.filter(_not_confirmed_q())
    return institutions


def institution_search(**filters) -> QuerySet[Institution]:
    """Every institution matching the search box and the filters (see ``_filtered``; ``not_confirmed``: only
    those whose data or a service's are not confirmed, ``freshness``), by name, with everything the
    institution's page and the exports show. The list page uses ``institution_search_page``."""
    return institutions_with_details(_filtered(**filters).order_by("name", "pk"))


@dataclass
class SearchPage:
    page: Page
    more: bool  # more than RESULT_LIMIT institutions match: only the first are listed


def institution_search_page(*, page_number: int | str | None = 1, per_page: int = 50, **filters) -> SearchPage:
    """One page of the directory's list: the matches counted up to ``RESULT_LIMIT`` (one bounded query), best
    matches first when they are that few (``search.search_order``), by name otherwise; phones and services
    for each row. The same number of queries for 1 and for 60,000 institutions."""
    institutions = _filtered(**filters)
    matches = institutions.order_by()[: RESULT_LIMIT + 1].count()
    ordered = search_order(institutions, filters.get("query", ""), ranked=matches <= RESULT_LIMIT)
    ordered = ordered.select_related("unit").prefetch_related(
        "phones", Prefetch("services", queryset=Service.objects.order_by("name"))
    )
    paginator = Paginator(ordered, per_page)
    paginator.count = min(matches, RESULT_LIMIT)  # known: the paginator need not count again
    return SearchPage(page=paginator.get_page(page_number), more=matches > RESULT_LIMIT)


def _not_confirmed_q() -> Q:
    """``freshness.stale_institutions`` as a condition on the row: its own data or a service's not confirmed."""
    stale_service = Service.objects.filter(freshness.not_confirmed_q(), institution=OuterRef("pk"))
    return freshness.not_confirmed_q() | Q(Exists(stale_service))


def stale_ids(institutions: Iterable[Institution]) -> set[int]:
    """Which of the listed institutions (services prefetched) are not confirmed, without a query."""
    return {i.pk for i in institutions if freshness.is_stale(i) or any(freshness.is_stale(s) for s in i.services.all())}


@dataclass
class CardRow:
    institution: Institution
    services: list[Service] = field(default_factory=list)


@dataclass
class ResourceCard:
    unit: Unit
    problem: Problem
    rows: list[CardRow]
    note: ResourceCardNote | None

    @property
    def is_gap(self) -> bool:
        return not self.rows


def _active_serving(unit: Unit) -> Q:
    """Services of the active institutions acting in ``unit``: the institutions are found first (a few hundred at
    most, from their indexes), then their services by ``institution_id`` — not every service of the country
    joined to its institution and filtered."""
    active = Institution.objects.filter(serving_q(unit), status=Institution.Status.ACTIVE).values("pk")
    return _in_subquery("institution_id", active)


def resource_card(*, unit: Unit, problem: Problem) -> ResourceCard:
    """Karta zasobów instytucjonalnych: who acts on ``problem`` in ``unit``, what they do, on what legal basis."""
    services = (
        Service.objects.filter(_active_serving(unit), problems=problem)
        .select_related("institution__unit")
        .prefetch_related("institution__phones")
        .order_by("institution__level", "institution__name", "name")
    )
    rows: dict[int, CardRow] = {}
    for service in services:
        rows.setdefault(service.institution_id, CardRow(service.institution)).services.append(service)
    note = ResourceCardNote.objects.filter(unit=unit, problem=problem).first()
    return ResourceCard(unit=unit, problem=problem, rows=list(rows.values()), note=note)


def problem_coverage(*, unit: Unit) -> list[tuple[Problem, int]]:
    """Every problem with the number of active institutions acting on it in ``unit`` (0 = a gap)."""
    pairs = set(Service.objects.filter(_active_serving(unit)).values_list("problems", "institution").distinct())
    counts: dict[int, int] = {}
    for problem_id, _institution in pairs:
        if problem_id is not None:
            counts[problem_id] = counts.get(problem_id, 0) + 1
    return [(p, counts.get(p.pk, 0)) for p in Problem.objects.order_by("order")]
