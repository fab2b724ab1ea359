"""The module-5 tables (``bsckit.data.learning``) keep their plants over many seeds.

Each planted effect is recomputed here with plain pandas and scipy (independently of
``bsckit.learning_growth``, which the lesson uses) and must be found in at least 90 % of 24
generated datasets (8 seeds of each scenario); the links that are *not* planted (remakes leading
training, e-learning changes, internal moves) may be significant at the 5 % level no more often
than chance allows (at most 4 of 24: the 97th percentile of a binomial(24, 0.05)). Also: the
tables are reproducible, consistent with the other tables, and small.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from bsckit.data import generate
from bsckit.data.learning import AGENCY_RATE_GBP, go_live_months

CASES = [(seed, s) for s in ("baseline", "cost_crisis", "growth") for seed in range(8)]
FOUND = 0.9
CHANCE_MAX = 4
NEW = ("kitchen_system_log", "engagement_survey", "kitchen_people_log", "dish_rollouts")


@functools.cache
def tables(seed: int, scenario: str) -> dict[str, pd.DataFrame]:
    return generate(seed=seed, scenario=scenario)


def _people(t) -> pd.DataFrame:
    p = t["kitchen_people_log"].sort_values(["kitchen_id", "month"]).reset_index(drop=True)
    p["rate"] = p["remakes"] / p["plates"]
    p["per_cook"] = p["cook_training_hours"] / p["cooks"].replace(0, np.nan)
    p["per_head"] = p["elearning_hours"] / p["staff"].replace(0, np.nan)
    p["late"] = p["dispatches_late"] / p["dispatches"]
    p["opc"] = p["orders"] / p["cooks"].replace(0, np.nan)
    return p


def _r(a, b) -> tuple[float, float]:
    both = pd.concat([a, b], axis=1).dropna()
    return stats.pearsonr(both.iloc[:, 0], both.iloc[:, 1])


def _properties(seed: int, scenario: str) -> dict[str, bool]:
    t = tables(seed, scenario)
    p = _people(t)
    g = p.groupby("kitchen_id")
    lead, lead_p = _r(g["per_cook"].shift(1), p["rate"])
    _, back_p = _r(g["rate"].shift(1), p["per_cook"])
    levels, _ = _r(p["per_head"], p["rate"])
    _, change_p = _r(g["per_head"].diff(), g["rate"].diff())
    busy = p["opc"] > g["opc"].transform(lambda s: s.quantile(2 / 3))
    fit = p.dropna(subset=["per_cook", "late"])
    b = fit[busy[fit.index]]
    q = fit[~busy[fit.index]]
    slope_b = np.polyfit(b["per_cook"], b["late"], 1)[0]
    slope_q = np.polyfit(q["per_cook"], q["late"], 1)[0]
    cover_b = b["backfill_hours"].sum() / b["cook_training_hours"].sum()
    cover_q = q["backfill_hours"].sum() / q["cook_training_hours"].sum()
    s = t["kitchen_system_log"]
    live = s[s["system_live"]]
    err = (live["entries_missing"] + live["entries_late"]) / live["orders_in_system"]
    dq, _ = _r(err, np.log(live["decision_hours_median"]))
    auto, _ = _r(
        live["orders_in_system"] / live["orders"], live["automated_orders"] / live["orders"]
    )
    e = t["engagement_survey"].sort_values(["kitchen_id", "quarter_start"]).reset_index(drop=True)
    ge = e.groupby("kitchen_id")
    ahead, _ = _r(ge["engagement_score"].shift(1), e["change_readiness"])
    _, moves_p = _r(ge["internal_moves"].shift(1), e["change_readiness"])
    r = t["dish_rollouts"]
    with_card = r.loc[r["recipe_card_complete"], "days_to_standard"]
    without = r.loc[~r["recipe_card_complete"], "days_to_standard"]
    card_p = stats.mannwhitneyu(without, with_card, alternative="greater").pvalue
    return {
        "training_leads_remakes": lead < -0.5 and lead_p < 0.01,
        "remakes_lead_training (unplanted)": back_p < 0.05,
        "elearning_levels_correlate": levels < -0.5,
        "elearning_changes_correlate (unplanted)": change_p < 0.05,
        "busy_training_dips_service": slope_b > slope_q + 0.005,
        "busy_training_is_backfilled": cover_b > cover_q + 0.4,
        "poor_entries_slow_decisions": dq > 0.3,
        "adoption_goes_with_automation": auto > 0.8,
        "engagement_leads_readiness": ahead > 0.3,
        "moves_lead_readiness (unplanted)": moves_p < 0.05,
        "complete_card_ramps_faster": card_p < 0.05,
    }


@pytest.fixture(scope="module")
def found() -> pd.DataFrame:
    return pd.DataFrame([_properties(*case) for case in CASES])


PLANTED = [
    "training_leads_remakes",
    "elearning_levels_correlate",
    "busy_training_dips_service",
    "busy_training_is_backfilled",
    "poor_entries_slow_decisions",
    "adoption_goes_with_automation",
    "engagement_leads_readiness",
    "complete_card_ramps_faster",
]
UNPLANTED = [
    "remakes_lead_training (unplanted)",
    "elearning_changes_correlate (unplanted)",
    "moves_lead_readiness (unplanted)",
]


@pytest.mark.parametrize("effect", PLANTED)
def test_each_planted_effect_is_found_in_most_seeds(found, effect) -> None:
    rate = found[effect].mean()
    print(f"{effect}: found in {rate:.0%} of {len(found)} datasets")
    assert rate >= FOUND, (effect, rate)


@pytest.mark.parametrize("link", UNPLANTED)
def test_unplanted_links_are_significant_no_more_often_than_chance(found, link) -> None:
    assert found[link].sum() <= CHANCE_MAX, (link, found[link].sum())


@pytest.mark.parametrize(("seed", "scenario"), CASES[:: len(CASES) // 3])
def test_tables_agree_with_the_rest_of_the_data(seed, scenario) -> None:
    t = tables(seed, scenario)
    s, p = t["kitchen_system_log"], t["kitchen_people_log"]
    o = t["orders"]
    counts = o.groupby([o["kitchen_id"].astype(str), o["ordered_at"].dt.to_period("M")]).size()
    key = list(zip(s["kitchen_id"].astype(str), s["month"].dt.to_period("M"), strict=True))
    assert (counts.reindex(key).fillna(0).to_numpy() == s["orders"].to_numpy()).all()
    assert (s["orders"].to_numpy() == p["orders"].to_numpy()).all()
    assert (s["orders_in_system"] <= s["orders"]).all()
    assert (
        s["entries_missing"] + s["entries_late"] + s["automated_orders"] <= s["orders_in_system"]
    ).all()
    assert (s.loc[~s["system_live"], "orders_in_system"] == 0).all()
    months = s["month"].sort_values().unique()
    first_live = s[s["system_live"]].groupby("kitchen_id")["month"].min().sort_index()
    offsets = [int(np.flatnonzero(months == m)[0]) for m in first_live]
    assert offsets == go_live_months(len(months), len(first_live))
    assert np.allclose(p["backfill_cost_gbp"], p["backfill_hours"] * AGENCY_RATE_GBP, atol=0.01)
    assert (p["remakes"] <= p["plates"]).all() and (p["dispatches_late"] <= p["dispatches"]).all()
    assert (p["recipes_documented"] <= p["recipes"]).all()
    e = t["engagement_survey"]
    assert (e["responses"] <= e["invited"]).all()
    r = t["dish_rollouts"]
    launched = t["innovation_projects"].set_index("project_id")
    assert (r["rolled_out_on"] > launched.loc[r["project_id"], "launched_on"].to_numpy()).all()
    assert (
        r["kitchen_id"].to_numpy() != launched.loc[r["project_id"], "pilot_kitchen_id"].to_numpy()
    ).all()


def test_same_seed_same_tables() -> None:
    a = generate(seed=5, months=12, scale=0.3)
    b = generate(seed=5, months=12, scale=0.3)
    for name in NEW:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_the_new_tables_stay_inside_their_size_budget() -> None:
    folder = Path(__file__).resolve().parents[1] / "datasets"
    size = sum((folder / f"{name}.csv").stat().st_size for name in NEW)
    assert size < 350_000, size
