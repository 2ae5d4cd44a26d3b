from django.db.models import Count, QuerySet

from kooperacja.territory.models import Unit, search_key


def unit_counts() -> dict[str, int]:
    by_level = dict(Unit.objects.values_list("level").annotate(n=Count("id")).values_list("level", "n"))
    by_kind = dict(
        Unit.objects.filter(level=Unit.Level.GMINA).values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    return {level: by_level.get(level, 0) for level in Unit.Level.values} | {
        kind: by_kind.get(kind, 0) for kind in ("miejska", "wiejska", "miejsko_wiejska")
    }


def unit_search(*, query: str = "", level: str = "") -> QuerySet[Unit]:
    """Units whose name contains ``query`` or whose TERYT code starts with it (7-digit codes too)."""
    units = Unit.objects.select_related("parent__parent")
    query = query.strip()
    if query:
        digits = query.replace(" ", "")
        if digits.isdigit():
            units = units.filter(code__startswith=digits[:6])
            if len(digits) == 7:
                units = units.filter(kind=Unit.GMINA_KIND_DIGIT.get(digits[6], "-"))
        else:
            units = units.filter(name_key__contains=search_key(query))
    if level:
        units = units.filter(level=level)
    return units.order_by("name_key", "code")  # diacritics-free key: Baćkowice before Batorz, on any database


def unit_children(*, unit: Unit) -> QuerySet[Unit]:
    return unit.children.order_by("name_key", "code")


def unit_institutions(*, unit: Unit):
    return unit.institutions.order_by("name")
