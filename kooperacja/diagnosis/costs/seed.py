"""Publicly documented Polish unit costs the cost-of-inaction cards start from (R-15). ROPS and administrators
keep the table afterwards; the data migration adds these rows once (by name), never overwriting later edits.

Consequence costs are taken at the conservative end of a published range: a card should not overstate what
not helping costs."""

from decimal import Decimal

# (name, kind, per, amount, year, payer, source)
SEED = [
    (
        "Pobyt dziecka w instytucjonalnej pieczy zastępczej (placówka opiekuńczo-wychowawcza)",
        "consequence",
        "month",
        Decimal("7500.00"),
        2025,
        "powiat",
        "Średni miesięczny koszt utrzymania dziecka w placówkach opiekuńczo-wychowawczych powiatu świeckiego "
        "w 2025 r., ogłoszony zarządzeniem Starosty Świeckiego: ok. 7 500–10 200 zł; przyjęto dolną granicę. "
        "Gmina współfinansuje pobyt (10%, 30%, 50% w kolejnych latach — art. 191 ust. 9 ustawy o wspieraniu "
        "rodziny i systemie pieczy zastępczej).",
    ),
    (
        "Pobyt mieszkańca w domu pomocy społecznej (DPS)",
        "consequence",
        "month",
        Decimal("6800.00"),
        2025,
        "gmina",
        "Średni miesięczny koszt utrzymania mieszkańca DPS ogłaszany przez starostów i marszałków województw "
        "na lata 2024–2026: ok. 6 800 zł. Gmina pokrywa różnicę ponad 70% dochodu mieszkańca i wpłaty rodziny "
        "(art. 61 ustawy o pomocy społecznej).",
    ),
    (
        "Utrzymanie dziecka w zawodowej rodzinie zastępczej",
        "consequence",
        "month",
        Decimal("2200.00"),
        2019,
        "powiat",
        "Średni miesięczny koszt utrzymania dziecka w zawodowej rodzinie zastępczej w 2019 r.: ok. 2 200 zł "
        "(dane powiatowych centrów pomocy rodzinie).",
    ),
]


def seed_unit_costs(unit_cost_model) -> int:
    created = 0
    for name, kind, per, amount, year, payer, source in SEED:
        _row, was_created = unit_cost_model.objects.get_or_create(
            name=name,
            voivodeship=None,
            defaults={"kind": kind, "per": per, "amount": amount, "year": year, "payer": payer, "source": source},
        )
        created += was_created
    return created
