"""The demo gmina's analysis: filled sections, a problem map over four years, two survey rounds
(before and after the cooperation started) and a cost-of-inaction card. All numbers of the problem map, the
survey and the demo service costs are invented for the demonstration; the population comes from the real GUS
BDL file when it has been imported (``import_bdl``)."""

import datetime
from decimal import Decimal

from django.db import transaction

from kooperacja.diagnosis import services
from kooperacja.diagnosis.costs.seed import seed_unit_costs
from kooperacja.diagnosis.models import (
    Analysis,
    CostCard,
    CostCardLine,
    Enclave,
    Indicator,
    IndicatorValue,
    Need,
    RiskGroup,
    SurveyAnswer,
    SurveyRound,
    UnitCost,
)
from kooperacja.diagnosis.statistics.indicators import sync_indicator_rows
from kooperacja.diagnosis.statistics.services import bdl_file_import
from kooperacja.directory.models import Institution
from kooperacja.directory.selectors import institutions_serving

YEAR = 2026
PROBLEM_MAP = {  # category: persons in 2022, 2023, 2024, 2025
    "poverty": (212, 198, 187, 171),
    "unemployment": (160, 141, 122, 118),
    "disability": (96, 101, 108, 117),
    "long_illness": (120, 126, 131, 140),
    "helplessness": (58, 63, 71, 76),
    "alcoholism": (41, 44, 47, 52),
    "domestic_violence": (18, 21, 25, 27),
    "homelessness": (9, 8, 11, 12),
    "maternity": (37, 35, 33, 31),
    "after_prison": (6, 7, 5, 6),
    "foster_family": (14, 15, 17, 19),
    "foster_institutional": (5, 6, 8, 9),
    "pcpr_disability": (64, 70, 73, 79),
}
MANUAL_INDICATORS = {  # code: values 2021–2025
    "births": (118, 109, 101, 97, 92),
    "deaths": (149, 132, 127, 130, 126),
    "migration_balance": (-31, -24, -28, -19, -22),
    "unemployed": (402, 371, 345, 338, 329),
    "unemployed_long_term": (221, 204, 188, 176, 171),
    "employers": (1020, 1043, 1061, 1078, 1092),
}
# The institutions surveyed (by kind, the first of each kind serving the gmina) and the ties of each round:
# (respondent kind, partner kind, level). Round II, after a year of cooperation, is denser and deeper.
SURVEY_KINDS = [
    "ops",
    "pcpr",
    "school",
    "police",
    "counselling_centre",
    "health",
    "labour_office",
    "probation",
    "gkrpa",
    "ngo",
]
ROUND_I = [
    ("ops", "pcpr", 2),
    ("pcpr", "ops", 2),
    ("ops", "school", 2),
    ("school", "ops", 1),
    ("ops", "police", 2),
    ("police", "ops", 2),
    ("ops", "gkrpa", 3),
    ("gkrpa", "ops", 3),
    ("school", "counselling_centre", 2),
    ("counselling_centre", "school", 2),
    ("labour_office", "ops", 1),
    ("probation", "police", 1),
]
ROUND_II = ROUND_I + [
    ("ops", "school", 3),
    ("school", "ops", 3),
    ("ops", "police", 3),
    ("police", "ops", 3),
    ("ops", "health", 2),
    ("health", "ops", 2),
    ("ops", "labour_office", 2),
    ("labour_office", "ops", 2),
    ("ops", "probation", 2),
    ("probation", "ops", 2),
    ("ngo", "ops", 2),
    ("ops", "ngo", 2),
    ("police", "school", 2),
    ("pcpr", "school", 2),
    ("ops", "counselling_centre", 2),
]
DEMO_SERVICE_COSTS = [  # (name, per, amount, payer)
    ("Asystent rodziny — godzina pracy", "hour", Decimal("55.00"), "gmina"),
    ("Terapia rodzinna — sesja", "visit", Decimal("150.00"), "gmina"),
    ("Placówka wsparcia dziennego — miejsce dla dziecka", "month", Decimal("900.00"), "gmina"),
]
DEMO_SOURCE = "Kalkulacja demonstracyjna (dane przykładowe, nie do użytku poza demo)."


@transaction.atomic
def seed_demo_analysis(*, gmina, ops, author=None) -> Analysis:
    """Idempotent: an existing demo analysis is left as it is. ``author`` is the demo cost card's author."""
    existing = Analysis.objects.filter(unit=gmina, year=YEAR).first()
    if existing is not None:
        return existing
    sync_indicator_rows(Indicator)
    seed_unit_costs(UnitCost)
    if not IndicatorValue.objects.filter(unit=gmina, indicator__code="population_total").exists():
        bdl_file_import(only_units={gmina.code})  # the real population 2010–2019 (make run loads every gmina)
    analysis = services.analysis_create(
        actor=None, unit=gmina, year=YEAR, owner=ops, title=f"Analiza gminy Kowalewo Pomorskie {YEAR}"
    )
    services.analysis_update(
        actor=None,
        analysis=analysis,
        data={
            "transport": "Linia kolejowa Toruń–Brodnica (stacja w Kowalewie); autobusy PKS do Torunia i "
            "Golubia-Dobrzynia kilka razy dziennie, w weekendy rzadko. Wsie północnej części gminy bez komunikacji "
            "publicznej.",
            "access_to_services": "Szkoły podstawowe w mieście i w 3 wsiach, dowóz gimbusem. Najbliższy szpital i "
            "poradnia zdrowia psychicznego w Golubiu-Dobrzyniu (15 km) i Toruniu (25 km). "
            "Urząd miejski i OPS w Kowalewie Pomorskim.",
            "urban_area": "Miasto Kowalewo Pomorskie (ok. 4 tys. mieszkańców): usługi, szkoła, przychodnia, OPS.",
            "rural_area": "32 sołectwa, rolnictwo, dawne osiedla popegeerowskie; starzenie się mieszkańców wsi.",
            "other_information": "Ujemny przyrost naturalny od 2017 r.; odpływ młodych do Torunia.",
            "other_documents": "Strategia rozwiązywania problemów społecznych gminy na lata 2021–2030; gminny program "
            "profilaktyki i rozwiązywania problemów alkoholowych.",
        },
    )
    Enclave.objects.bulk_create(
        [
            Enclave(
                analysis=analysis,
                name="Osiedle popegeerowskie",
                location="Wieś Pluskowęsy, bloki przy dawnym PGR",
                isolation_reason="Brak komunikacji publicznej, 9 km do miasta, brak pracy na miejscu.",
                residents="Rodziny wielopokoleniowe, bezrobocie długotrwałe, osoby starsze.",
                residents_count=140,
            ),
            Enclave(
                analysis=analysis,
                name="Kolonia Frydrychowo",
                location="Północna część gminy",
                isolation_reason="Rozproszona zabudowa, drogi gruntowe nieprzejezdne zimą.",
                residents="Samotni seniorzy.",
                residents_count=45,
            ),
        ]
    )
    RiskGroup.objects.bulk_create(
        [
            RiskGroup(
                analysis=analysis,
                name="Samotni seniorzy na wsi",
                size=310,
                source="OPS, sołtysi",
                description="Ograniczony dostęp do usług opiekuńczych i lekarza.",
            ),
            RiskGroup(
                analysis=analysis,
                name="Rodziny z dziećmi z problemem alkoholowym",
                size=52,
                source="GKRPA, OPS",
                description="Dzieci zagrożone umieszczeniem w pieczy zastępczej.",
            ),
            RiskGroup(analysis=analysis, name="Osoby długotrwale bezrobotne", size=171, source="PUP"),
        ]
    )
    Need.objects.bulk_create(
        [
            Need(
                analysis=analysis,
                source=Need.Source.STAFF,
                description="Mieszkania chronione dla seniorów",
                how_collected="Spotkanie pracowników socjalnych",
                mentions=6,
            ),
            Need(
                analysis=analysis,
                source=Need.Source.STAFF,
                description="Dostęp do psychologa dziecięcego w gminie",
                how_collected="Ankieta wśród pedagogów szkolnych",
                mentions=5,
            ),
            Need(
                analysis=analysis,
                source=Need.Source.STAFF,
                description="Wspólny harmonogram dyżurów dzielnicowego i OPS",
                how_collected="Spotkanie zespołu interdyscyplinarnego",
                mentions=3,
            ),
        ]
    )
    rows = [
        {
            "year": year,
            "category": code,
            "persons": persons,
            "families": max(1, round(persons * 0.6)),
            "source": "pcpr" if code.startswith(("foster", "pcpr")) else "mrpips03",
        }
        for code, values in PROBLEM_MAP.items()
        for year, persons in zip((2022, 2023, 2024, 2025), values, strict=True)
    ]
    services.problem_map_save(actor=None, unit=gmina, rows=rows, source_note="Dane demonstracyjne")
    indicators = Indicator.objects.in_bulk(list(MANUAL_INDICATORS), field_name="code")
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicators[code],
                unit=gmina,
                year=year,
                value=value,
                source="manual",
                source_note="Dane demonstracyjne",
                source_date=datetime.date(year, 12, 31),
            )
            for code, values in MANUAL_INDICATORS.items()
            for year, value in zip(range(2021, 2026), values, strict=True)
        ],
        ignore_conflicts=True,
    )
    _seed_survey(gmina)
    _seed_cost_card(analysis, gmina, author)
    for code in ("living_conditions", "problems", "risk_groups", "enclaves", "infrastructure", "cooperation"):
        services.completeness_confirm(actor=None, analysis=analysis, question=code)
    return analysis


def _seed_survey(gmina) -> None:
    serving = institutions_serving(unit=gmina).filter(status=Institution.Status.ACTIVE).exclude(level="krajowy")
    by_kind = {}
    for institution in serving.order_by("level", "pk"):
        by_kind.setdefault(institution.kind, institution)
    chosen = {kind: by_kind[kind] for kind in SURVEY_KINDS if kind in by_kind}
    for title, held_on, ties in (
        ("Runda I — przed kooperacją", datetime.date(2025, 3, 18), ROUND_I),
        ("Runda II — po roku kooperacji", datetime.date(2026, 10, 20), ROUND_II),
    ):
        survey = SurveyRound.objects.create(unit=gmina, title=title, held_on=held_on, is_closed=True)
        survey.institutions.set(chosen.values())
        answers = {}
        for respondent, partner, level in ties:
            if respondent in chosen and partner in chosen:
                answers[(respondent, partner)] = level  # a later tie in the list deepens an earlier one
        bonus = 1 if survey.held_on.year == 2026 else 0
        SurveyAnswer.objects.bulk_create(
            [
                SurveyAnswer(
                    round=survey,
                    respondent=chosen[r],
                    partner=chosen[p],
                    level=level,
                    initiator="we" if r == "ops" else "partner",
                    frequency="monthly" if level >= 3 else "yearly",
                    staff_readiness=min(4, 2 + bonus),
                    trust_reliability=min(4, level + bonus),
                    trust_mission=3,
                    trust_openness=min(4, 2 + bonus),
                    value_resources=min(4, level),
                    value_influence=2 + bonus,
                    value_involvement=min(4, level + bonus),
                    obstacles="" if bonus else "Brak podstawy prawnej do wymiany informacji o rodzinie.",
                )
                for (r, p), level in answers.items()
            ]
        )


def _seed_cost_card(analysis, gmina, author) -> None:
    voivodeship = gmina.parent.parent
    costs = {}
    for name, per, amount, payer in DEMO_SERVICE_COSTS:
        defaults = {"kind": "service", "per": per, "amount": amount, "year": 2026, "payer": payer}
        defaults["source"] = DEMO_SOURCE
        costs[name], _created = UnitCost.objects.get_or_create(name=name, voivodeship=voivodeship, defaults=defaults)
    placement = UnitCost.objects.get(name__startswith="Pobyt dziecka w instytucjonalnej pieczy", voivodeship=None)
    card = CostCard.objects.create(
        analysis=analysis,
        created_by=author,
        title="Rodzina z dwojgiem dzieci i problemem alkoholowym",
        months=24,
        deadweight_percent=20,
        scenario="Matka z dwojgiem dzieci (8 i 11 lat), problem alkoholowy ojca, zaniedbania opiekuńcze. Bez wsparcia "
        "sąd rodzinny może umieścić dzieci w placówce opiekuńczo-wychowawczej.",
    )
    CostCardLine.objects.bulk_create(
        [
            CostCardLine(card=card, unit_cost=costs["Asystent rodziny — godzina pracy"], quantity=40, persons=1),
            CostCardLine(card=card, unit_cost=costs["Terapia rodzinna — sesja"], quantity=2, persons=1, months=12),
            CostCardLine(
                card=card, unit_cost=costs["Placówka wsparcia dziennego — miejsce dla dziecka"], quantity=1, persons=2
            ),
            CostCardLine(card=card, unit_cost=placement, quantity=1, persons=2, note="Dwoje dzieci przez 24 miesiące"),
        ]
    )
