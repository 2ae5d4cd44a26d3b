"""The arithmetic of a cost-of-inaction card against figures computed by hand (no database)."""

from decimal import Decimal as D

import pytest

from kooperacja.diagnosis.costs.calculation import LineInput, card_totals, line_figures


def assistant(**kw):
    return LineInput(kind="service", per="hour", amount=D("60"), quantity=D("40"), persons=1, payer="gmina", **kw)


def placement(**kw):
    return LineInput(
        kind="consequence", per="month", amount=D("7500"), quantity=D("1"), persons=2, payer="powiat", **kw
    )


def test_family_assistant_against_two_children_placed_with_deadweight():
    # 40 h × 60 zł = 2 400 zł a month × 24 = 57 600 zł; 2 × 7 500 = 15 000 zł a month × 24 = 360 000 zł;
    # 20% deadweight = 72 000 zł, net 288 000 zł; saving 230 400 zł; 288 000 / 57 600 = 5.
    totals = card_totals([assistant(), placement()], card_months=24, deadweight_percent=20)
    assert totals.services.monthly == D("2400.00")
    assert totals.services.yearly == D("28800.00")
    assert totals.services.whole == D("57600.00")
    assert totals.consequences_gross.whole == D("360000.00")
    assert totals.consequences_gross.monthly == D("15000.00")
    assert totals.deadweight.whole == D("72000.00")
    assert totals.consequences_net.whole == D("288000.00")
    assert totals.consequences_net.yearly == D("144000.00")
    assert totals.difference.whole == D("230400.00")
    assert totals.difference.monthly == D("9600.00")
    assert totals.ratio == D("5.00")
    assert totals.is_saving
    by_payer = {p.payer: (p.pays, p.saves, p.balance) for p in totals.payers}
    assert by_payer["gmina"] == (D("57600.00"), D("0.00"), D("-57600.00"))
    assert by_payer["powiat"] == (D("0.00"), D("288000.00"), D("288000.00"))
    assert by_payer["state"] == by_payer["nfz"] == by_payer["other"] == (D("0.00"), D("0.00"), D("0.00"))


def test_one_off_cost_is_spread_over_its_months():
    line = LineInput(kind="service", per="once", amount=D("1000"), quantity=D("2"), persons=3, payer="gmina", months=12)
    figures = line_figures(line, card_months=24)
    assert figures.whole == D("6000.00")
    assert figures.monthly == D("500.00")
    totals = card_totals([line], card_months=24, deadweight_percent=0)
    assert totals.services.whole == D("6000.00")
    assert totals.services.monthly == D("250.00")  # the average month of the card's 24
    assert totals.services.yearly == D("3000.00")
    assert totals.ratio == D("0.00")


def test_yearly_cost_is_divided_by_twelve_and_rounded_only_at_the_end():
    line = LineInput(kind="consequence", per="year", amount=D("1000"), quantity=D("1"), persons=1, payer="nfz")
    figures = line_figures(line, card_months=7)
    assert figures.monthly == D("83.33")
    assert figures.whole == D("583.33")  # 1000 / 12 × 7 = 583.333…, not 83.33 × 7 = 583.31
    totals = card_totals([line], card_months=7, deadweight_percent=0)
    assert totals.ratio is None
    assert totals.difference.whole == D("583.33")
    assert {p.payer: p.saves for p in totals.payers}["nfz"] == D("583.33")


def test_line_months_default_to_the_card_and_never_exceed_it():
    assert line_figures(assistant(months=None), card_months=10).months == 10
    assert line_figures(assistant(months=6), card_months=10).whole == D("14400.00")
    assert line_figures(assistant(months=30), card_months=10).months == 10


def test_day_and_visit_units_are_units_a_month_and_persons_multiply():
    line = LineInput(kind="service", per="visit", amount=D("150"), quantity=D("4"), persons=2, payer="nfz")
    assert line_figures(line, card_months=12).monthly == D("1200.00")
    assert line_figures(line, card_months=12).whole == D("14400.00")


def test_half_up_rounding_and_full_deadweight():
    line = LineInput(kind="consequence", per="month", amount=D("0.005"), quantity=D("1"), persons=1, payer="gmina")
    assert line_figures(line, card_months=1).monthly == D("0.01")
    totals = card_totals([assistant(), placement()], card_months=24, deadweight_percent=100)
    assert totals.consequences_net.whole == D("0.00")
    assert totals.difference.whole == D("-57600.00")
    assert totals.ratio == D("0.00")
    assert not totals.is_saving


@pytest.mark.parametrize("pct", [-1, 101])
def test_deadweight_outside_0_to_100_is_refused(pct):
    with pytest.raises(ValueError):
        card_totals([], card_months=12, deadweight_percent=pct)
