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


def stored_code(value: str) -> str | None:
    """A unit's stored code (2, 4 or 6 digits) from what people type ("0405 043", "0405043"); a gmina's
    7th TERYT digit (its kind) is dropped. None when it cannot be a TERYT code."""
    digits = (value or "").replace(" ", "").replace("-", "")
    if not digits.isdigit() or len(digits) not in (2, 4, 6, 7):
        return None
    return digits[:6]


def unit_by_teryt(value: str) -> Unit | None:
    """The unit a typed TERYT code names, with its county and voivodeship; None if there is none."""
    code = stored_code(value)
    return Unit.objects.select_related("parent__parent").filter(code=code).first() if code else None
