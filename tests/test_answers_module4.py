"""No wrong method passes module 4's checks, on three parameter sets.

The answers below are written the way a learner writes them - the right method and each listed
mistake - with plain pandas and the kit's formulas, independently of the answer key
(``bsckit.answers.module4``). Each mistake must fail its check *and* get its own diagnosis; the
right method must pass.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from bsckit.answers import exercises
from bsckit.answers.module4 import EXERCISES
from bsckit.scorecard import Measure, Objective, add_objective

LINES = ["food_cost", "imported_ingredients", "waste_cost", "delivery_cost", "coaching_spend"]


@pytest.fixture(autouse=True)
def _fresh(fresh_checks):
    """Every test starts with no check history (tests/conftest.py)."""


def _offset(s: pd.Series) -> pd.Series:
    m = s.dt.year * 12 + s.dt.month
    return m - m.min()


def _ledger(t):
    led = t["kitchen_ledger"].copy()
    led["kitchen_id"] = led["kitchen_id"].astype(str)
    led["offset"] = _offset(led["month"])
    return led


def _margin(frame, by="kitchen_id"):
    s = frame.groupby(by)[["revenue", *LINES]].sum()
    return 1 - s[LINES].sum(axis=1) / s["revenue"]


def _ex_margin(t):
    led = _ledger(t)
    y2 = led[led["offset"] >= 12]
    monthly = _margin(y2, ["kitchen_id", "month"]).groupby(level=0).mean()
    food = y2.groupby("kitchen_id")[["revenue", "food_cost"]].sum()
    return {
        "solution": _margin(y2),
        "mean_of_monthly": monthly,
        "whole_period": _margin(led),
        "food_cost_only": 1 - food["food_cost"] / food["revenue"],
    }


def _ratios(f):
    return f[LINES].sum() / f["revenue"].sum()


def _ex_gap(t):
    led = _ledger(t)
    y2 = led[led["offset"] >= 12]
    m = _margin(y2)
    worst, best = m.idxmin(), m.idxmax()
    this, others = y2[y2["kitchen_id"] == worst], y2[y2["kitchen_id"] != worst]
    right = _ratios(this) - _ratios(others)
    return {
        "solution": right,
        "reversed": _ratios(others) - _ratios(this),
        "pounds_not_ratios": this[LINES].sum() - others[LINES].sum(),
        "against_best": _ratios(this) - _ratios(y2[y2["kitchen_id"] == best]),
    }


def _ex_cut(t):
    led = _ledger(t)
    q = led[led["offset"].between(12, 14)].groupby("kitchen_id")["coaching_spend"].sum()
    cut = q.idxmin()
    k, o = led[led["kitchen_id"] == cut], led[led["kitchen_id"] != cut]

    def wpm(f, a, b):
        w = f[f["offset"].between(a, b)]
        return w["waste_cost"].sum() / w["meals"].sum()

    saved = (
        k.loc[k["offset"].between(9, 11), "coaching_spend"].sum()
        - k.loc[k["offset"].between(12, 14), "coaching_spend"].sum()
    )
    after = k[k["offset"].between(15, 20)]
    extra = (
        after["waste_cost"].sum()
        - wpm(k, 0, 11) / wpm(o, 0, 11) * wpm(o, 15, 20) * after["meals"].sum()
    )
    raw = after["waste_cost"].sum() - wpm(k, 0, 11) * after["meals"].sum()
    return {
        "solution": extra - saved,
        "quarter_only": -saved,
        "no_comparison": raw - saved,
        "sign": saved - extra,
    }


def _ex_abc(t):
    op = t["operating_costs"]
    op = op[(_offset(op["month"]) >= 12) & op["cost_centre"].astype(str).isin(["IT", "HR"])]
    pools = op.groupby(op["cost_centre"].astype(str))["amount"].sum()
    d = t["shared_cost_drivers"]
    d = (
        d[_offset(d["month"]) >= 12]
        .groupby(d["business_unit"].astype(str))[["it_tickets", "headcount", "devices"]]
        .sum()
    )

    def alloc(it_driver):
        it = pools["IT"] * it_driver / it_driver.sum()
        hr = pools["HR"] * d["headcount"] / d["headcount"].sum()
        return it + hr

    right = alloc(d["it_tickets"])
    return {
        "solution": right,
        "plantwide": pools.sum() * d["headcount"] / d["headcount"].sum(),
        "devices": alloc(d["devices"]),
        "monthly": right / 12,
    }


def _ex_real(t):
    led = _ledger(t)
    per = led.groupby("month")[["food_cost", "imported_ingredients", "meals"]].sum()
    food = t["price_index"].set_index("month")["food_cost_index"] / 100
    fx = t["exchange_rates"].set_index("month")["eur_per_gbp"]
    imp = per["imported_ingredients"] * fx / fx.iloc[0]
    led["real"] = (
        (led["food_cost"] + led["imported_ingredients"] * led["month"].map(fx) / fx.iloc[0])
        / led["month"].map(food)
        / led["meals"]
    )
    return {
        "solution": (per["food_cost"] + imp) / food / per["meals"],
        "kitchen_mean": led.groupby("month")["real"].mean(),
        "no_currency": (per["food_cost"] + per["imported_ingredients"]) / food / per["meals"],
        "multiplied": (per["food_cost"] + imp) * food / per["meals"],
        "fx_inverted": (per["food_cost"] + per["imported_ingredients"] * fx.iloc[0] / fx)
        / food
        / per["meals"],
    }


def _monthly_lines(t):
    o = t["orders"]
    d = o[o["status"] == "delivered"].copy()
    d["line"] = np.where(
        d["segment"].astype(str) == "business",
        "business",
        np.where(d["order_type"].astype(str) == "subscription", "subscription", "one_off"),
    )
    d["month"] = d["ordered_at"].dt.to_period("M").dt.to_timestamp()
    d["kitchen_id"] = d["kitchen_id"].astype(str)
    a = d.groupby(["kitchen_id", "month", "line"])["amount"].agg(orders="size", revenue="sum")
    b = t["sales_budget"].assign(
        kitchen_id=lambda x: x["kitchen_id"].astype(str), line=lambda x: x["line"].astype(str)
    )
    j = b.merge(a.reset_index(), on=["kitchen_id", "month", "line"], how="left").fillna(
        {"orders": 0, "revenue": 0.0}
    )
    j["offset"] = _offset(j["month"])
    return j


def _pvm(g):
    aq, bq, bp = g["orders"], g["budget_orders"], g["budget_order_value"]
    ap = (g["revenue"] / aq.where(aq > 0)).fillna(bp)
    mix_b = bq / bq.sum()
    return pd.Series(
        {
            "price": ((ap - bp) * aq).sum(),
            "quantity": ((aq.sum() - bq.sum()) * mix_b * bp).sum(),
            "mix": ((aq - aq.sum() * mix_b) * bp).sum(),
        }
    )


def _ex_pvm(t):
    j = _monthly_lines(t)
    k = j[(j["kitchen_id"] == "K03") & (j["offset"] >= 12)]
    right = pd.DataFrame([_pvm(g) for _, g in k.groupby("month")]).sum()
    own = ((k["orders"] - k["budget_orders"]) * k["budget_order_value"]).sum()
    return {
        "solution": right,
        "reversed": -right,
        "no_mix": pd.Series({"price": right["price"], "quantity": own, "mix": 0.0}),
    }


def _runs(share, threshold, run):
    sign = np.sign(share).where(share.abs() > threshold, 0)
    block = (sign != sign.shift()).cumsum()
    size = sign.groupby(block).transform("size")
    return ((sign != 0) & (size >= run)).sum()


def _ex_flags(t):
    j = _monthly_lines(t)
    j["budget_revenue"] = j["budget_orders"] * j["budget_order_value"]
    qty = {key: _pvm(g)["quantity"] for key, g in j.groupby(["kitchen_id", "month"])}
    m = j.groupby(["kitchen_id", "month"])[["revenue", "budget_revenue"]].sum()
    m["qty"] = pd.Series(qty).reindex(m.index)
    m["share"] = (m["revenue"] - m["budget_revenue"]) / m["budget_revenue"]
    m["qshare"] = m["qty"] / m["budget_revenue"]

    def count(col, run):
        return m.groupby(level=0)[col].apply(lambda s: _runs(s.reset_index(drop=True), 0.08, run))

    return {
        "solution": count("share", 3),
        "single_month": count("share", 1),
        "quantity_only": count("qshare", 3),
    }


def _ex_flash(t):
    f = t["flash_figures"].assign(figure=lambda d: d["figure"].astype(str))
    diff = f["closed_value"] - f["flash_value"]
    rel = diff / f["closed_value"].abs()
    return {
        "solution": rel.abs().groupby(f["figure"]).median(),
        "signed": rel.groupby(f["figure"]).median(),
        "pounds": diff.abs().groupby(f["figure"]).median(),
        "over_flash": (diff / f["flash_value"].abs()).abs().groupby(f["figure"]).median(),
    }


LEARNER = {
    "4.1": _ex_margin,
    "4.2": _ex_gap,
    "4.3": _ex_cut,
    "4.4": _ex_abc,
    "4.5": _ex_real,
    "4.6": _ex_pvm,
    "4.7": _ex_flags,
    "4.8": _ex_flash,
}


def test_every_exercise_is_tested_and_minutes_add_up() -> None:
    assert {e.id for e in EXERCISES} == set(LEARNER) | {"4.9"}
    assert len(EXERCISES) >= 8
    assert sum(e.minutes for e in EXERCISES) == 78


@pytest.mark.parametrize("exercise_id", sorted(LEARNER))
def test_each_mistake_fails_with_its_own_hint_and_the_solution_passes(tables, exercise_id) -> None:
    ex = exercises(4, tables=tables)
    answers = LEARNER[exercise_id](tables)
    solution = answers.pop("solution")
    result = ex.check(exercise_id, solution)
    assert result.status == "passed", result.message
    listed = {m.name for m in ex.key(exercise_id).mistakes}
    assert listed == set(answers), (exercise_id, listed, set(answers))
    assert len(answers) >= 2
    for name, wrong in answers.items():
        result = ex.check(exercise_id, wrong)
        assert result.status == "failed", (exercise_id, name)
        assert result.mistake == name, (exercise_id, name, result.message)
    assert ex.check(exercise_id, ...).status == "not_attempted"


def _objective(name, perspective="financial", deadline=date(2027, 6, 30), target=0.12):
    measure = Measure(
        name="Operating margin",
        unit="%",
        direction="higher_is_better",
        baseline=0.09,
        target=target,
        owner="Chief Financial Officer",
    )
    return Objective(name, perspective, (measure,), deadline=deadline)


def test_financial_objective_is_read_from_the_scorecard_file(tmp_path) -> None:
    card = tmp_path / "my_scorecard.yaml"
    ex = exercises(4, tables={}, scorecard=card)
    assert ex.check("4.9", "builder").status == "not_attempted"
    add_objective(card, _objective("Lift margin", perspective="customer"))
    assert ex.check("4.9", "builder").mistake == "wrong_perspective"
    add_objective(card, _objective("Lift margin soon", deadline=None))
    assert ex.check("4.9", "builder").mistake == "incomplete"
    add_objective(card, _objective("Lift operating margin"))
    assert ex.check("4.9", "builder").status == "passed"


def test_variance_rule_counts_runs_not_months() -> None:
    share = pd.Series([0.1, 0.1, 0.1, -0.1, 0.1, 0.1])
    assert _runs(share, 0.08, 3) == 3
