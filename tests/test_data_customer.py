"""The module-2 additions to the data keep their promises on every seed.

Properties that must always hold (not the planted effects' strength, which the registered
claims in ``bsckit.claims.customer`` test on 20 seeds per scenario): the discount is what the
redemption rows say, journeys run in order and agree with the orders, early drops happen only
where and when the courier changed, and reshaping the surveys leaves every month's relationship
NPS as the plan made it.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from bsckit.data import campaign, courier, generate, surveys, voice
from bsckit.data.drivers import Calendar, monthly_plan, rng_for
from bsckit.data.scenarios import get_scenario

CASES = [(2024, "baseline"), (7, "cost_crisis"), (11, "growth"), (3, "baseline")]


@functools.cache
def tables(seed: int, scenario: str) -> dict[str, pd.DataFrame]:
    return generate(seed=seed, scenario=scenario)


@pytest.mark.parametrize(("seed", "scenario"), CASES)
def test_redemptions_are_the_discount_on_campaign_orders(seed: int, scenario: str) -> None:
    t = tables(seed, scenario)
    red = t["campaign_redemptions"].merge(t["orders"], on=["order_id", "customer_id"])
    assert len(red) == len(t["campaign_redemptions"]) > 0
    assert np.allclose(red["list_amount"] - red["amount"], red["discount"], atol=0.011)
    assert np.allclose(red["discount"], red["list_amount"] * campaign.DISCOUNT, atol=0.011)
    camp = t["campaigns"].iloc[0]
    start = camp["starts_on"].to_period("M")
    months = red["ordered_at"].dt.to_period("M")
    assert months.between(start, start + campaign.DISCOUNT_MONTHS - 1).all()
    signed = t["customers"].set_index("customer_id")["signup_at"].dt.to_period("M")
    assert (signed.reindex(red["customer_id"]).to_numpy() == start).all()
    assert (red["segment"] == "business").all()


@pytest.mark.parametrize(("seed", "scenario"), CASES)
def test_journeys_run_in_order_and_agree_with_the_orders(seed: int, scenario: str) -> None:
    t = tables(seed, scenario)
    j, o, c = t["journey_events"], t["orders"], t["customers"]
    when = j.pivot_table(
        index="customer_id", columns="event", values="occurred_at", aggfunc="min", observed=True
    )
    assert j.groupby(["customer_id", "event"], observed=True).size().max() == 1
    assert (
        when["onboarding_completed"].dropna()
        >= when["signed_up"].reindex(when["onboarding_completed"].dropna().index)
    ).all()
    both = when[["first_order", "repeat_order"]].dropna()
    assert (both["repeat_order"] >= both["first_order"]).all()
    first = o.groupby("customer_id")["ordered_at"].min()
    fo = when["first_order"].dropna()
    assert (first.reindex(fo.index) == fo).all()
    new = c[c["signup_at"] >= o["ordered_at"].min().normalize().replace(day=1)]
    assert set(when.index) == set(new["customer_id"])
    stage = (
        j["event"]
        .astype(str)
        .map(
            {
                "signed_up": "acquisition",
                "onboarding_completed": "onboarding",
                "first_order": "first order",
                "repeat_order": "repeat",
                "referral_sent": "advocacy",
            }
        )
    )
    assert (stage == j["stage"].astype(str)).all()


@pytest.mark.parametrize(("seed", "scenario"), CASES)
def test_early_drops_only_where_and_when_the_courier_changed(seed: int, scenario: str) -> None:
    t = tables(seed, scenario)
    o = t["orders"]
    ahead = (o["promised_at"] - o["delivered_at"]).dt.total_seconds() / 60
    early = o[ahead > courier.EARLY_LIMIT_MINUTES]
    assert (early["kitchen_id"].astype(str) == courier.COURIER_KITCHEN).all()
    first = o["ordered_at"].min().to_period("M")
    change = first + courier.change_month(24)
    assert (early["ordered_at"].dt.to_period("M") >= change).all()
    lo, hi = courier.EARLY_MINUTES
    assert ahead[early.index].between(lo, hi).all()


@pytest.mark.parametrize(("seed", "scenario"), CASES[:3])
def test_reshaping_the_surveys_keeps_each_months_relationship_nps(seed: int, scenario: str) -> None:
    # Rebuild the survey table with and without voice.reshape from the same generated tables;
    # every month's promoters, passives and detractors are the plan's (the last month may lose
    # answers that would arrive after the data ends, as in the generator itself).
    t = tables(seed, scenario)
    cal = Calendar("2024-01", 24)
    plan = campaign.add_signups(monthly_plan(cal, get_scenario(scenario), 1.0, seed), cal, 1.0)
    raw = surveys.surveys(
        cal,
        plan,
        t["customers"],
        t["orders"],
        t["tickets"],
        t["returns"],
        t["invoices"],
        rng_for(seed, "surveys"),
    )
    shaped = voice.reshape(raw, t["customers"], t["orders"], cal, rng_for(seed, "voice"))

    def counts(s: pd.DataFrame) -> pd.DataFrame:
        rel = s[(s["touchpoint"] == "relationship") & s["nps"].notna()]
        score = rel["nps"].astype(int)
        month = rel["sent_at"].dt.to_period("M")
        return pd.DataFrame(
            {
                "promoters": (score >= 9).groupby(month).sum(),
                "detractors": (score <= 6).groupby(month).sum(),
                "answers": score.groupby(month).size(),
            }
        )

    before, after = counts(raw), counts(shaped)
    assert len(before) == len(after) == 24
    assert before.iloc[:-1].equals(after.iloc[:-1])
    assert after.iloc[-1]["answers"] <= before.iloc[-1]["answers"]


def test_plants_are_absent_from_short_data() -> None:
    t = generate(seed=1, months=4, scale=0.2)
    assert t["campaigns"].empty and t["campaign_redemptions"].empty
    o = t["orders"]
    ahead = (o["promised_at"] - o["delivered_at"]).dt.total_seconds() / 60
    assert not (ahead > courier.EARLY_LIMIT_MINUTES).any()
