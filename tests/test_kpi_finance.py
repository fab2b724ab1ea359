"""Finance KPIs: hand-computed cases, conventions, Series handling and bad input."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bsckit import kpi
from bsckit.kpi import finance

FAST = settings(max_examples=60, deadline=None)


def test_module_all_is_public_names():
    for name in finance.__all__:
        assert getattr(kpi, name) is getattr(finance, name)


def test_working_capital_hand():
    avg = kpi.average_balance(40_000, 60_000)
    assert avg == pytest.approx(50_000)
    turnover = kpi.receivables_turnover(600_000, avg)
    assert turnover == pytest.approx(12.0)
    assert kpi.dso_from_turnover(turnover) == pytest.approx(365 / 12)
    assert kpi.dso_from_turnover(turnover, days=360) == pytest.approx(30.0)
    assert kpi.dso(avg, 600_000, days=360) == pytest.approx(30.0)
    # A month: 31,000 receivables on 93,000 of March credit sales -> 10.33 days.
    assert kpi.dso(31_000, 93_000, days=31) == pytest.approx(31 / 3)


def test_dso_series_per_month():
    receivables = pd.Series([30_000.0, 45_000.0], index=["Jan", "Feb"])
    out = kpi.dso(receivables, pd.Series([90_000.0, 90_000.0], index=["Jan", "Feb"]), days=30)
    assert out.to_dict() == pytest.approx({"Jan": 10.0, "Feb": 15.0})


def test_cei_hand():
    # B 100, S 300, T 120, C 100: collected 280, collectible 300.
    assert kpi.collection_effectiveness_index(100, 300, 120, 100) == pytest.approx(280 / 300)
    # Everything collected that was due: T == C -> 1.
    assert kpi.collection_effectiveness_index(100, 300, 90, 90) == pytest.approx(1.0)


def test_profitability_hand():
    assert kpi.cogs(10, 50, 15) == pytest.approx(45)
    assert kpi.gross_profit(100, 120) == pytest.approx(-20)  # a loss is allowed
    assert kpi.gross_margin(100, 120) == pytest.approx(-0.2)
    assert kpi.operating_margin(-5, 100) == pytest.approx(-0.05)
    assert kpi.net_margin(7, 140) == pytest.approx(0.05)


def test_nopat_roic_invested_capital_hand():
    assert kpi.nopat(200, 0.25) == pytest.approx(150)
    assert kpi.nopat(-40, 0.25) == pytest.approx(-30)
    capital = kpi.invested_capital(400, 700, 100)
    assert capital == pytest.approx(1_000)
    assert kpi.roic(kpi.nopat(200, 0.25), capital) == pytest.approx(0.15)
    avg_capital = kpi.average_balance(900, 1_100)
    assert kpi.roic(150, avg_capital) == pytest.approx(0.15)


def test_real_terms_base_and_series():
    assert kpi.real_terms(110, 110) == pytest.approx(100)
    assert kpi.real_terms(110, 1.1, base=1) == pytest.approx(100)
    cpi = pd.Series([100.0, 104.0, 108.16], index=[2023, 2024, 2025])
    out = kpi.real_terms(pd.Series([50.0, 52.0, 54.08], index=cpi.index), cpi)
    assert out.tolist() == pytest.approx([50.0, 50.0, 50.0])


def test_convert_currency_round_trip_hand():
    # 250 GBP -> EUR at 1.16 EUR per GBP = 290 EUR; back with the same quote read the other way.
    eur = kpi.convert_currency(250, 1.16)
    assert eur == pytest.approx(290)
    assert kpi.convert_currency(eur, 1.16, quote="per_unit_of_target") == pytest.approx(250)


@FAST
@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.floats(min_value=1e-3, max_value=1e3),
)
def test_property_currency_round_trip(amount, rate):
    there = kpi.convert_currency(amount, rate)
    back = kpi.convert_currency(there, rate, quote="per_unit_of_target")
    assert back == pytest.approx(amount, rel=1e-9, abs=1e-6)


def test_inflation_adjusted_target_hand():
    assert kpi.inflation_adjusted_target(200, 0.05) == pytest.approx(210)
    assert kpi.inflation_adjusted_target(200, 0.05, periods=0) == pytest.approx(200)
    assert kpi.inflation_adjusted_target(200, -0.02, periods=2) == pytest.approx(200 * 0.98**2)
    out = kpi.inflation_adjusted_target(pd.Series([10.0, 20.0], index=["a", "b"]), 0.1)
    assert out.to_dict() == pytest.approx({"a": 11.0, "b": 22.0})


@FAST
@given(
    st.floats(min_value=1, max_value=1e6),
    st.floats(min_value=0.01, max_value=0.5),
    st.floats(min_value=0, max_value=20),
)
def test_property_inflated_target_deflates_back(target, rate, years):
    inflated = kpi.inflation_adjusted_target(target, rate, periods=years)
    assert kpi.real_terms(inflated, 100 * (1 + rate) ** years) == pytest.approx(target)


def test_inflation_rate_hand():
    # CPI 250 -> 257.5 is 3% inflation; its target restated with inflation_adjusted_target.
    rate = kpi.inflation_rate(250, 257.5)
    assert rate == pytest.approx(0.03)
    assert kpi.inflation_adjusted_target(100, rate) == pytest.approx(103)
    assert kpi.inflation_rate(pd.Series([100.0, 104.0]), pd.Series([104.0, 104.0])).tolist() == (
        pytest.approx([0.04, 0.0])
    )


BAD = [
    (kpi.inflation_rate, (0, 100), {}, ValueError, "price_index_start"),
    (kpi.inflation_rate, (100, float("nan")), {}, ValueError, "price_index_end"),
    (finance.average_balance, (-1, 10), {}, ValueError, "begin"),
    (finance.average_balance, (1, "10"), {}, TypeError, "end"),
    (kpi.receivables_turnover, (100, 0), {}, ValueError, "average_receivables"),
    (kpi.receivables_turnover, (float("nan"), 10), {}, ValueError, "net_credit_sales"),
    (kpi.dso, (10, 100), {"days": 0}, ValueError, "days"),
    (kpi.dso, (10, 0), {}, ValueError, "credit_sales"),
    (kpi.dso, (-10, 100), {}, ValueError, "receivables"),
    (kpi.dso_from_turnover, (0,), {}, ValueError, "turnover"),
    (kpi.dso_from_turnover, (5,), {"days": "365"}, TypeError, "days"),
    (
        kpi.collection_effectiveness_index,
        (100, 300, 120, 130),
        {},
        ValueError,
        "ending_current_receivables",
    ),
    (
        kpi.collection_effectiveness_index,
        (100, 300, 500, 100),
        {},
        ValueError,
        "ending_total_receivables",
    ),
    (
        kpi.collection_effectiveness_index,
        (100, 300, 120, 100),
        {"periods": 0},
        ValueError,
        "periods",
    ),
    (
        kpi.collection_effectiveness_index,
        (0, 0, 0, 0),
        {},
        ValueError,
        "ending_current_receivables",
    ),
    (kpi.cogs, (10, 5, 20), {}, ValueError, "ending_inventory"),
    (kpi.cogs, (10, -5, 2), {}, ValueError, "purchases"),
    (kpi.gross_profit, (None, 5), {}, TypeError, "revenue"),
    (kpi.gross_margin, (0, 5), {}, ValueError, "revenue"),
    (kpi.gross_margin, (100, -5), {}, ValueError, "cost_of_goods_sold"),
    (kpi.operating_margin, (10, 0), {}, ValueError, "revenue"),
    (kpi.operating_margin, ([], 10), {}, ValueError, "operating_income"),
    (kpi.net_margin, (float("inf"), 10), {}, ValueError, "net_income"),
    (kpi.nopat, (100, 25), {}, ValueError, "tax_rate"),
    (kpi.nopat, ("100", 0.2), {}, TypeError, "operating_income"),
    (kpi.invested_capital, (-1, 10), {}, ValueError, "total_debt"),
    (kpi.invested_capital, (1, 10, float("nan")), {}, ValueError, "non_operating_cash"),
    (kpi.roic, (10, 0), {}, ValueError, "invested_capital"),
    (kpi.roic, (10, -100), {}, ValueError, "invested_capital"),
    (kpi.real_terms, (100, 0), {}, ValueError, "price_index"),
    (kpi.real_terms, (100, 120), {"base": -100}, ValueError, "base"),
    (kpi.convert_currency, (100, 0), {}, ValueError, "rate"),
    (kpi.convert_currency, (100, 1.1), {"quote": "direct"}, ValueError, "quote"),
    (kpi.convert_currency, ([1, float("nan")], 1.1), {}, ValueError, "amount"),
    (kpi.inflation_adjusted_target, (100, -1), {}, ValueError, "inflation_rate"),
    (kpi.inflation_adjusted_target, (100, 3), {"periods": -1}, ValueError, "periods"),
    (kpi.inflation_adjusted_target, (True, 0.03), {}, TypeError, "target"),
]


@pytest.mark.parametrize(("func", "args", "kwargs", "error", "name"), BAD)
def test_bad_input_names_the_parameter(func, args, kwargs, error, name):
    with pytest.raises(error, match=f"`{name}"):
        func(*args, **kwargs)
