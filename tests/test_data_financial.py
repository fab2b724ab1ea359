"""The module-4 tables reconcile with the rest of the data, and their plants are found.

Reconciliation must hold on every seed; the plants (``bsckit.data.financial``) must be found in
at least 90 % of seeds, and the kitchens without a plant must show the same pattern no more often
than chance. The registered claims (``bsckit.claims.financial``) test the lesson's sentences on
20 seeds per scenario.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from bsckit.data import financial, generate
from bsckit.financial import budget_variances, review_flags

CASES = [(2024, "baseline"), (7, "cost_crisis"), (11, "growth")]
SEEDS = range(301, 321)


@functools.cache
def tables(seed: int, scenario: str = "baseline") -> dict[str, pd.DataFrame]:
    return generate(seed=seed, scenario=scenario)


def _offset(frame: pd.DataFrame) -> pd.Series:
    m = frame["month"].dt.year * 12 + frame["month"].dt.month
    return m - m.min()


@pytest.mark.parametrize(("seed", "scenario"), CASES)
def test_ledger_reconciles_with_orders_batches_and_costs(seed: int, scenario: str) -> None:
    t = tables(seed, scenario)
    led = t["kitchen_ledger"].assign(kitchen_id=lambda d: d["kitchen_id"].astype(str))
    o = t["orders"]
    d = o[o["status"] == "delivered"]
    rev = d.groupby([d["kitchen_id"].astype(str), d["ordered_at"].dt.to_period("M")])[
        "amount"
    ].sum()
    mine = led.set_index(["kitchen_id", led["month"].dt.to_period("M")])["revenue"]
    assert np.allclose(mine.sort_index(), rev.reindex(mine.sort_index().index), atol=0.02)
    b = t["production_batches"]
    food = b.groupby([b["kitchen_id"].astype(str), b["produced_on"].dt.to_period("M")])[
        "cost"
    ].sum()
    mine = led.set_index(["kitchen_id", led["month"].dt.to_period("M")])["food_cost"]
    assert np.allclose(mine.sort_index(), food.reindex(mine.sort_index().index), atol=0.05)
    op = t["operating_costs"]
    delivery = op[op["cost_centre"].astype(str) == "Delivery"].groupby("month")["amount"].sum()
    assert np.allclose(led.groupby("month")["delivery_cost"].sum(), delivery, atol=0.05)


@pytest.mark.parametrize(("seed", "scenario"), CASES)
def test_closed_figures_are_the_books(seed: int, scenario: str) -> None:
    t = tables(seed, scenario)
    f = t["flash_figures"].assign(figure=lambda d: d["figure"].astype(str))
    fin = t["finance_monthly"].set_index("month")
    for name in ("net_revenue", "cogs", "operating_costs", "ebit"):
        closed = f[f["figure"] == name].set_index("month")["closed_value"]
        assert np.allclose(closed, fin[name], atol=0.01), name
    counts = f[f["figure"].isin(["orders_delivered", "meals_made"])]
    assert (counts["flash_value"] == counts["closed_value"]).all()
    budget = t["sales_budget"]
    assert len(budget) == 4 * 24 * 3
    assert (budget["budget_orders"] >= 0).all() and (budget["budget_order_value"] > 0).all()


def test_same_seed_same_tables() -> None:
    a, b = generate(seed=5), tables(5)
    for name in ("kitchen_ledger", "sales_budget", "flash_figures"):
        pd.testing.assert_frame_equal(a[name], b[name])


def test_short_data_has_no_plants() -> None:
    t = generate(seed=1, months=6, scale=0.2)
    assert len(t["kitchen_ledger"]) == 4 * 6
    assert financial.plant_months(6) == {
        "waste_fault": (),
        "coaching_cut": (),
        "cut_aftermath": (),
        "budget_push": (),
    }


def _waste_step(t: dict) -> pd.Series:
    led = t["kitchen_ledger"].assign(kitchen_id=lambda d: d["kitchen_id"].astype(str))
    off = _offset(led)
    led = led[off <= 11].assign(late=off[off <= 11] >= 6)  # before the coaching cut's months
    w = led.groupby(["kitchen_id", "late"])[["waste_cost", "meals"]].sum()
    wpm = (w["waste_cost"] / w["meals"]).unstack()
    return wpm[True] / wpm[False]


def _coaching_dip(t: dict) -> pd.Series:
    led = t["kitchen_ledger"].assign(kitchen_id=lambda d: d["kitchen_id"].astype(str))
    off = _offset(led)
    cut = led[off.between(12, 14)].groupby("kitchen_id")["coaching_spend"].sum()
    before = led[off.between(9, 11)].groupby("kitchen_id")["coaching_spend"].sum()
    return cut / before


def _review_kitchens(t: dict) -> set:
    v = budget_variances(t["orders"], t["sales_budget"])
    flags = v.groupby("kitchen_id")["share"].transform(lambda s: review_flags(s))
    return set(v.loc[flags == "strategic review", "kitchen_id"])


def test_plants_are_found_and_unplanted_kitchens_do_not_show_them() -> None:
    found = {"waste": 0, "cut": 0, "push": 0}
    false = {"waste": 0, "cut": 0, "push": 0}
    for seed in SEEDS:
        t = tables(seed)
        step = _waste_step(t)
        found["waste"] += step.idxmax() == financial.WASTE_KITCHEN and step.max() > 2
        false["waste"] += int((step.drop(financial.WASTE_KITCHEN) > 1.5).sum())
        dip = _coaching_dip(t)
        found["cut"] += dip.idxmin() == financial.CUT_KITCHEN and dip.min() < 0.5
        false["cut"] += int((dip.drop(financial.CUT_KITCHEN) < 0.8).sum())
        hit = _review_kitchens(t)
        found["push"] += financial.PUSH_KITCHEN in hit
        false["push"] += len(hit - {financial.PUSH_KITCHEN})
    n = len(SEEDS)
    assert all(v >= 0.9 * n for v in found.values()), found
    # three unplanted kitchens per seed: a false signal in more than 5 % of them is not chance
    assert all(v <= 0.05 * 3 * n for v in false.values()), false
