"""Reads of the analysis: which analyses a user sees, and the sections drawn from other apps."""

from django.db.models import Q, QuerySet

from kooperacja.accounts.access import ANALYSIS_EDIT_ROLES, is_administrator, memberships_of
from kooperacja.diagnosis.models import Analysis
from kooperacja.territory.models import Unit


def analyses_visible_to(user) -> QuerySet[Analysis]:
    """Analyses of the gminas the user works in or for: their gmina, the gminas of their county, the gminas whose
    cooperation team includes their institution, and for ROPS the gminas of their voivodeship (the same reach as
    ``access.analysis_access_to``)."""
    analyses = Analysis.objects.select_related("unit__parent__parent", "owner")
    if is_administrator(user):
        return analyses
    from kooperacja.cooperation.models import Cooperation
    from kooperacja.cooperation.team.selectors import cooperations_with_institutions

    condition = Q(pk__in=[])
    teams = cooperations_with_institutions([m.institution_id for m in memberships_of(user) if m.institution_id])
    if teams:  # the gminas whose cooperation team the user's institution is in
        team_units = Cooperation.objects.filter(pk__in=teams)
        condition |= Q(unit__in=team_units.values("unit")) | Q(unit__in=team_units.values("other_units"))
    for m in memberships_of(user):
        unit = m.institution.unit if m.institution_id else None
        if unit is None:
            continue
        if unit.level == Unit.Level.GMINA:
            condition |= Q(unit=unit)
        elif unit.level == Unit.Level.COUNTY:
            condition |= Q(unit__parent=unit)
        elif m.institution.kind == "rops":
            condition |= Q(unit__code__startswith=unit.code)
    return analyses.filter(condition)


def gminas_editable_by(user) -> list[Unit]:
    """The gminas whose analysis the user prepares (their OPS's gmina)."""
    return [
        m.institution.unit
        for m in memberships_of(user)
        if m.institution_id and m.institution.kind == "ops" and m.role in ANALYSIS_EDIT_ROLES
    ]


def ops_of(unit: Unit):
    """The gmina's social assistance centre, which owns its analysis."""
    from kooperacja.directory.models import Institution

    return Institution.objects.filter(unit=unit, kind="ops", status=Institution.Status.ACTIVE).order_by("pk").first()


def gmina_resources(unit: Unit) -> dict:
    """R-12: the institutions acting in the gmina by sector, the specialists they employ, and housing.
    A constant number of queries."""
    from kooperacja.directory import taxonomy
    from kooperacja.directory.models import Institution, Specialist
    from kooperacja.directory.selectors import institutions_serving

    serving = (
        institutions_serving(unit=unit)
        .filter(status=Institution.Status.ACTIVE)
        .exclude(level=Institution.Level.NATIONAL)
        .select_related("unit")
        .order_by("name")
    )
    institutions = list(serving)
    by_sector = []
    for code, label in taxonomy.SECTORS.items():
        members = [i for i in institutions if i.sector == code]
        if members:
            by_sector.append({"code": code, "label": label, "institutions": members})
    totals: dict[str, int] = {}
    for kind, count in Specialist.objects.filter(institution__in=[i.pk for i in institutions]).values_list(
        "kind", "count"
    ):
        totals[kind] = totals.get(kind, 0) + count
    labels = dict(taxonomy.SPECIALISTS)
    specialists = [{"label": labels.get(k, k), "count": n} for k, n in sorted(totals.items(), key=lambda kv: -kv[1])]
    housing_kinds = {"communal_housing", "social_housing", "supported_housing", "sheltered_housing"}
    housing = [i for i in institutions if i.kind in housing_kinds]
    return {"by_sector": by_sector, "count": len(institutions), "specialists": specialists, "housing": housing}
