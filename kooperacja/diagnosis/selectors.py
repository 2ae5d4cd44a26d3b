"""Reads of the analysis: which analyses a user sees, and the sections drawn from other apps."""

from django.db.models import Q, QuerySet

from kooperacja.accounts.access import ANALYSIS_EDIT_ROLES, is_administrator, memberships_of
from kooperacja.diagnosis.models import Analysis
from kooperacja.territory.models import Unit


def analyses_visible_to(user) -> QuerySet[Analysis]:
    """Analyses of the gminas the user works in or for: their gmina, the gminas of their county, and for ROPS
    the gminas of their voivodeship (the same reach as ``access.analysis_access_to``)."""
    analyses = Analysis.objects.select_related("unit__parent__parent", "owner")
    if is_administrator(user):
        return analyses
    condition = Q(pk__in=[])
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
