from dataclasses import dataclass

from django.db.models import Count, Q

from kooperacja.territory.models import Unit


@dataclass(frozen=True)
class Area:
    unit: Unit
    counties: int
    gminas: int
    urban: int
    rural: int
    urban_rural: int


def dashboard_areas(*, memberships) -> list[Area]:
    """The territorial units the user's institutions serve, with how many gminas of each kind they hold."""
    units = {m.institution.unit.code: m.institution.unit for m in memberships if m.institution_id}
    if not units:
        return []
    areas = []
    for code, unit in sorted(units.items()):
        gminas = Q(level=Unit.Level.GMINA, code__startswith=code)
        counts = Unit.objects.aggregate(
            counties=Count("id", filter=Q(level=Unit.Level.COUNTY, code__startswith=code)),
            gminas=Count("id", filter=gminas),
            urban=Count("id", filter=gminas & Q(kind=Unit.Kind.URBAN)),
            rural=Count("id", filter=gminas & Q(kind=Unit.Kind.RURAL)),
            urban_rural=Count("id", filter=gminas & Q(kind=Unit.Kind.URBAN_RURAL)),
        )
        areas.append(Area(unit=unit, **counts))
    return areas
