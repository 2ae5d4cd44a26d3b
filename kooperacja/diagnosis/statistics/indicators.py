"""The built-in yearly indicators of a gmina (R-10). Names are data, in Polish as GUS names them; the data
migration keeps the Indicator table in step with BUILTIN (by code)."""

# (code, name, group, measure, BDL variable id or "", label of the BDL export column or "")
BUILTIN = [
    ("population_total", "Ludność ogółem", "demography", "osoba", "72305", ""),
    (
        "population_pre_working",
        "Ludność w wieku przedprodukcyjnym",
        "demography",
        "osoba",
        "",
        "w wieku przedprodukcyjnym;ogółem",
    ),
    ("population_working", "Ludność w wieku produkcyjnym", "demography", "osoba", "", "w wieku produkcyjnym;ogółem"),
    (
        "population_working_mobile",
        "Ludność w wieku produkcyjnym mobilnym",
        "demography",
        "osoba",
        "",
        "w wieku produkcyjnym mobilnym;ogółem",
    ),
    (
        "population_working_nonmobile",
        "Ludność w wieku produkcyjnym niemobilnym",
        "demography",
        "osoba",
        "",
        "w wieku produkcyjnym niemobilnym;ogółem",
    ),
    (
        "population_post_working",
        "Ludność w wieku poprodukcyjnym",
        "demography",
        "osoba",
        "",
        "w wieku poprodukcyjnym;ogółem",
    ),
    ("births", "Urodzenia żywe", "demography", "osoba", "", ""),
    ("deaths", "Zgony", "demography", "osoba", "", ""),
    ("migration_balance", "Saldo migracji", "demography", "osoba", "", ""),
    ("unemployed", "Bezrobotni zarejestrowani", "labour", "osoba", "", ""),
    ("unemployed_long_term", "Bezrobotni długotrwale", "labour", "osoba", "", ""),
    ("employers", "Podmioty gospodarki narodowej w rejestrze REGON", "labour", "podmiot", "", ""),
]


def sync_indicator_rows(indicator_model) -> int:
    """Make the built-in rows of the Indicator table match BUILTIN; takes the (historical) model class."""
    changed = 0
    for order, (code, name, group, measure, variable, _column) in enumerate(BUILTIN, start=1):
        values = {"name": name, "group": group, "measure": measure, "bdl_variable": variable, "order": order}
        row, created = indicator_model.objects.get_or_create(code=code, defaults=values)
        outdated = not created and any(getattr(row, k) != v for k, v in values.items())
        if outdated:
            indicator_model.objects.filter(pk=row.pk).update(**values)
        changed += created or outdated
    return changed
