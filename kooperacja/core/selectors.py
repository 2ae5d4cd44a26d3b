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
    # One query for all areas: five conditional counts per area.
    counts = {}
    for code in units:
        gminas = Q(level=Unit.Level.GMINA, code__startswith=code)
        counts |= {
            f"{code}_counties": Count("id", filter=Q(level=Unit.Level.COUNTY, code__startswith=code)),
            f"{code}_gminas": Count("id", filter=gminas),
            f"{code}_urban": Count("id", filter=gminas & Q(kind=Unit.Kind.URBAN)),
            f"{code}_rural": Count("id", filter=gminas & Q(kind=Unit.Kind.RURAL)),
            f"{code}_urban_rural": Count("id", filter=gminas & Q(kind=Unit.Kind.URBAN_RURAL)),
        }
    totals = Unit.objects.aggregate(**counts)
    fields = ("counties", "gminas", "urban", "rural", "urban_rural")
    return [Area(unit=unit, **{f: totals[f"{code}_{f}"] for f in fields}) for code, unit in sorted(units.items())]
