from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from kooperacja.directory import taxonomy
from kooperacja.directory.freshness import stale_institutions
from kooperacja.directory.models import Institution, Problem, ResourceCardNote, Service
from kooperacja.directory.search import apply_text_search
from kooperacja.territory.models import Unit


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
    """The gmina and the units above it: whoever serves any of them serves the gmina."""
    units = [gmina]
    while units[-1].parent_id:
        units.append(units[-1].parent)
    return units


def institutions_serving(*, unit: Unit) -> QuerySet[Institution]:
    """Institutions acting in ``unit``: its own, those of the units above it (a county's institutions serve all
    its gminas), those naming it among other units served, and national ones; for a county or voivodeship also
    the institutions of the units inside it."""
    above = [u.pk for u in units_around(unit)]
    condition = (
        Q(unit__in=above)
        | Q(other_units__in=above)
        | Q(level=Institution.Level.NATIONAL)
        | Q(unit__code__startswith=unit.code)
    )
    return Institution.objects.filter(condition).distinct()


def institution_search(
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
    """One search box over names, services and addresses, with filters. Constant queries per page.
    ``not_confirmed``: only institutions whose data or a service's are not confirmed (``freshness``)."""
    institutions = institutions_serving(unit=unit) if unit is not None else Institution.objects.all()
    institutions = apply_text_search(institutions, query)
    if sector:
        institutions = institutions.filter(kind__in=[c for c, s in taxonomy.KIND_SECTOR.items() if s == sector])
    if kind:
        institutions = institutions.filter(kind=kind)
    if problem:
        institutions = institutions.filter(services__problems__code=problem)
    if level:
        institutions = institutions.filter(level=level)
    if status:
        institutions = institutions.filter(status=status)
    if not_confirmed:
        institutions = stale_institutions(institutions)
    ids = institutions.values("pk")
    return institutions_with_details(Institution.objects.filter(pk__in=ids)).order_by("name", "pk")


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


def resource_card(*, unit: Unit, problem: Problem) -> ResourceCard:
    """Karta zasobów instytucjonalnych: who acts on ``problem`` in ``unit``, what they do, on what legal basis."""
    services = (
        Service.objects.filter(problems=problem, institution__in=institutions_serving(unit=unit))
        .filter(institution__status=Institution.Status.ACTIVE)
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
    serving = institutions_serving(unit=unit).filter(status=Institution.Status.ACTIVE).values("pk")
    pairs = set(Service.objects.filter(institution__in=serving).values_list("problems", "institution").distinct())
    counts: dict[int, int] = {}
    for problem_id, _institution in pairs:
        if problem_id is not None:
            counts[problem_id] = counts.get(problem_id, 0) + 1
    return [(p, counts.get(p.pk, 0)) for p in Problem.objects.order_by("order")]
