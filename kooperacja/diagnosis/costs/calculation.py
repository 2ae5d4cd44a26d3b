"""The arithmetic of a cost-of-inaction card (R-15): pure functions on Decimals, no database.

A card sets services (the cost of helping) against the consequences they avoid (the cost of not helping)
over a period of ``card months``. Every line is a unit cost × quantity × persons:

* monthly cost of a line
    - per month:                 amount × quantity × persons
    - per hour, day or visit:    amount × quantity × persons   (quantity = units a month, e.g. 40 hours)
    - per year:                  amount ÷ 12 × quantity × persons
    - one-off:                   (amount × quantity × persons) ÷ line months   (quantity = units in total)
* line months = the line's own months, or the card's period when empty; never more than the card's period
* whole-period cost of a line = monthly × line months (for a one-off: amount × quantity × persons)

Card totals (each for services and for consequences):

* whole period = Σ whole-period costs of the lines
* monthly = whole period ÷ card months (the average month of the period), yearly = monthly × 12
* deadweight = consequences gross × deadweight % (what would be avoided anyway, without the services)
* consequences net = consequences gross × (1 − deadweight %)
* difference (the saving) = consequences net − services
* ratio = consequences net ÷ services (none when the services cost nothing): every złoty spent saves this much
* per budget (gmina, powiat, state, NFZ, other; as in the GMCA cost-benefit model): what the budget pays for
  the services, what it saves (its net consequences), and the balance = saves − pays

Nothing is rounded along the way; totals are rounded to grosze (half up) once, at the end, and the ratio to
two decimal places.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SERVICE = "service"
CONSEQUENCE = "consequence"
PAYERS = ("gmina", "powiat", "state", "nfz", "other")

GROSZ = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
TWELVE = Decimal(12)


def to_grosze(value: Decimal) -> Decimal:
    return Decimal(value).quantize(GROSZ, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineInput:
    """What the calculation needs of one line (the unit cost's values and the line's own)."""

    kind: str  # SERVICE or CONSEQUENCE
    per: str  # month, hour, day, visit, year, once
    amount: Decimal
    quantity: Decimal
    persons: int
    payer: str  # the line's payer, or the unit cost's when the line has none
    months: int | None = None  # None: the card's period


@dataclass(frozen=True)
class LineFigures:
    months: int
    monthly: Decimal  # rounded to grosze
    whole: Decimal  # rounded to grosze
    exact_monthly: Decimal
    exact_whole: Decimal


@dataclass(frozen=True)
class Amounts:
    """One figure over the three spans of time, rounded to grosze."""

    monthly: Decimal
    yearly: Decimal
    whole: Decimal


@dataclass(frozen=True)
class PayerBalance:
    payer: str
    pays: Decimal
    saves: Decimal
    balance: Decimal


@dataclass(frozen=True)
class CardTotals:
    months: int
    deadweight_percent: int
    services: Amounts
    consequences_gross: Amounts
    deadweight: Amounts
    consequences_net: Amounts
    difference: Amounts
    ratio: Decimal | None
    payers: list[PayerBalance]

    @property
    def is_saving(self) -> bool:
        return self.difference.whole > 0


def line_months(line_months: int | None, card_months: int) -> int:
    """The months a line lasts: its own, or the card's period; never longer than the card's period."""
    if not line_months:
        return card_months
    return min(line_months, card_months)


def line_figures(line: LineInput, card_months: int) -> LineFigures:
    months = line_months(line.months, card_months)
    units = Decimal(line.amount) * Decimal(line.quantity) * line.persons
    if line.per == "once":
        whole = units
        monthly = whole / months
    else:
        monthly = units / TWELVE if line.per == "year" else units
        whole = monthly * months
    return LineFigures(
        months=months, monthly=to_grosze(monthly), whole=to_grosze(whole), exact_monthly=monthly, exact_whole=whole
    )


def _amounts(whole: Decimal, card_months: int) -> Amounts:
    monthly = whole / card_months
    return Amounts(monthly=to_grosze(monthly), yearly=to_grosze(monthly * TWELVE), whole=to_grosze(whole))


def card_totals(lines: Iterable[LineInput], *, card_months: int, deadweight_percent: int) -> CardTotals:
    """The totals of a card; ``lines`` in any order."""
    if card_months < 1:
        raise ValueError("a card lasts at least one month")
    if not 0 <= deadweight_percent <= 100:
        raise ValueError("deadweight is a percentage from 0 to 100")
    kept = (HUNDRED - deadweight_percent) / HUNDRED
    services = gross = ZERO
    pays = dict.fromkeys(PAYERS, ZERO)
    saves_gross = dict.fromkeys(PAYERS, ZERO)
    for line in lines:
        whole = line_figures(line, card_months).exact_whole
        payer = line.payer if line.payer in PAYERS else "other"
        if line.kind == SERVICE:
            services += whole
            pays[payer] += whole
        else:
            gross += whole
            saves_gross[payer] += whole
    net = gross * kept
    payers = []
    for payer in PAYERS:
        saved = saves_gross[payer] * kept
        payers.append(
            PayerBalance(
                payer=payer, pays=to_grosze(pays[payer]), saves=to_grosze(saved), balance=to_grosze(saved - pays[payer])
            )
        )
    return CardTotals(
        months=card_months,
        deadweight_percent=deadweight_percent,
        services=_amounts(services, card_months),
        consequences_gross=_amounts(gross, card_months),
        deadweight=_amounts(gross - net, card_months),
        consequences_net=_amounts(net, card_months),
        difference=_amounts(net - services, card_months),
        ratio=(net / services).quantize(GROSZ, rounding=ROUND_HALF_UP) if services else None,
        payers=payers,
    )
