"""The module-6 governance tables keep their planted facts on every seed, and nothing else.

Planted (``bsckit.data.governance``): how the review minutes handled the four portion-weight
special causes, two vacant roles, two unfunded objectives and three unlinked budget lines a year,
two targets the budget states differently, and the change requests. Each is checked on 30 seeds
(found on every one), and each "nothing else" on the same seeds: no other role is ever vacant,
no other objective unfunded, no other target differs, no routine item is about portion weight.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from bsckit.data import generate
from bsckit.data.chains import QUALITY_EPISODES
from bsckit.data.drivers import rng_for
from bsckit.data.governance import VACANCIES, governance_tables
from bsckit.governance import new_dish_share
from bsckit.measures import monthly_measures

SEEDS = range(100, 130)


@functools.cache
def _base() -> dict[str, pd.DataFrame]:
    return generate(seed=5, scenario="baseline")


def _tables(seed: int, months: int = 24) -> dict[str, pd.DataFrame]:
    b = _base()
    return governance_tables(
        "2024-01",
        months,
        rng_for(seed, "governance"),
        b["operating_costs"],
        b["department_targets"],
    )


def _starts() -> dict[str, pd.Timestamp]:
    first = pd.Period("2024-01", "M")
    return {
        e.kitchen_id: (first + e.month_offset).start_time + pd.Timedelta(days=e.first_day - 1)
        for e in QUALITY_EPISODES
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_review_minutes_handle_the_episodes_as_planted(seed: int) -> None:
    m = _tables(seed)["review_minutes"]
    portion = m[m["topic"] == "portion weight"]
    by_kitchen = {k: g for k, g in portion.groupby(portion["kitchen_id"].astype(str))}
    kitchens = {e.id: e.kitchen_id for e in QUALITY_EPISODES}
    assert kitchens["new_cook"] not in by_kitchen  # never raised
    drift = by_kitchen[kitchens["scale_drift"]]
    assert list(drift["decision"]) == ["escalate", "action"]  # escalated at its first review
    ladle = by_kitchen[kitchens["worn_ladle"]]
    assert list(ladle["decision"]) == ["watch", "close"] and ladle["escalated_from"].isna().all()
    dep = by_kitchen[kitchens["faulty_depositor"]]
    assert list(dep["decision"]) == ["watch", "escalate", "action"]
    esc = m[m["escalated_from"].notna()]
    assert (esc["forum"] == "strategic").all() and len(esc) == 2
    assert set(esc["escalated_from"]) <= set(m.loc[m["decision"] == "escalate", "item_id"])
    days = (esc["held_on"] - esc["kitchen_id"].astype(str).map(_starts())).dt.days
    assert days.min() > 0 and days.max() > 92
    routine = m[m["kitchen_id"].isna()]
    assert (routine["topic"] != "portion weight").all()
    assert (m["held_on"] > m["period"]).all()  # a review is held after the period it reads


@pytest.mark.parametrize("seed", SEEDS)
def test_only_the_planted_roles_fall_vacant(seed: int) -> None:
    rh = _tables(seed)["role_holders"]
    end = pd.Timestamp("2025-12-31")
    for role, rows in rh.groupby("role"):
        rows = rows.sort_values("held_from")
        # successions leave no gap: each holder starts the day after the previous one left
        gaps = rows["held_from"].iloc[1:].to_numpy() - rows["held_to"].iloc[:-1].to_numpy()
        assert (gaps == np.timedelta64(1, "D")).all(), role
        last = rows.iloc[-1]
        vacant = pd.notna(last["held_to"]) and last["held_to"] < end
        assert vacant == (role in VACANCIES), role


@pytest.mark.parametrize("seed", SEEDS)
def test_budget_gaps_are_the_planted_ones(seed: int) -> None:
    b = _tables(seed)["budget_lines"]
    t = _base()["department_targets"]
    assert sorted(set(t["target_id"]) - set(b["target_id"].dropna())) == ["T09", "T13"]
    assert b.groupby("year")["target_id"].apply(lambda s: s.isna().sum()).eq(3).all()
    target = b["target_id"].map(t.set_index("target_id")["target"])
    differs = b.loc[(b["assumed_target"] - target).abs() > 1e-6, "target_id"]
    assert set(differs) == {"T05", "T16"}
    assert (b["budget_gbp"] > 0).all() and b["line_id"].is_unique


def test_same_seed_same_tables_and_short_data() -> None:
    a, b = _tables(3), _tables(3)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    short = _tables(3, months=6)["review_minutes"]
    assert (short["topic"] == "portion weight").sum() == 2  # only scale_drift (month 5) is inside


@pytest.mark.parametrize("seed", [2024, 7])
def test_six_month_window_is_the_catalogue_measure(seed: int) -> None:
    t = generate(seed=seed, scenario="baseline")
    layer = monthly_measures({"orders": t["orders"]})["new_product_revenue_share"]
    mine = new_dish_share(t["orders"], t["dishes"], 6)
    assert np.allclose(mine.to_numpy(), layer.to_numpy())
