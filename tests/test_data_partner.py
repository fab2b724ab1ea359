"""The delivery partner's feed (module 7) keeps its promises on every seed.

Properties that must always hold - the feed is the courier kitchen's orders in UTC, version 2
differs from version 1 only in the fee field, each version carries exactly the planted contract
breaks - and the planted effects, found over 20 seeds: the outage days stand out in the arrival
lag, and the lag outside them is unrelated to the delivery (no more often than chance).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from bsckit.data import generate, partner
from bsckit.data.courier import COURIER_KITCHEN
from bsckit.technology import arrival_lag_minutes, failing_rows, feed_schema

CASES = [(2024, "baseline"), (7, "cost_crisis"), (11, "growth")]
SEEDS = [(s, ("baseline", "cost_crisis", "growth")[s % 3]) for s in range(301, 321)]


@functools.cache
def tables(seed: int, scenario: str) -> dict[str, pd.DataFrame]:
    return generate(seed=seed, scenario=scenario)


def _utc(text: pd.Series) -> pd.Series:
    return pd.to_datetime(text.replace("", None), format="%Y-%m-%dT%H:%MZ")


@pytest.mark.parametrize(("seed", "scenario"), CASES)
def test_feed_is_the_courier_kitchens_orders_in_utc(seed: int, scenario: str) -> None:
    t = tables(seed, scenario)
    o = t["orders"].set_index("order_id")
    for v in (1, 2):
        f = t[f"partner_feed_v{v}"]
        known = f[f["order_ref"].isin(o.index)]
        assert len(f) - len(known) == partner.BAD_ROWS["unknown_order"]
        rows = o.loc[known["order_ref"]]
        assert (rows["kitchen_id"].astype(str) == COURIER_KITCHEN).all()
        ok = known["status"].eq("DELIVERED").to_numpy()
        assert (rows["status"].eq("delivered").to_numpy() == ok).all()
        local = (
            _utc(known["dropped_at"])[ok]
            .dt.tz_localize("UTC")
            .dt.tz_convert("Europe/London")
            .dt.tz_localize(None)
        )
        expected = rows["delivered_at"][ok].dt.floor("min")
        # a planted "drop before pick-up" row moved its drop time; every other row matches
        diff = (local.to_numpy() != expected.to_numpy()).sum()
        assert diff <= partner.BAD_ROWS["drop_before_pickup"]


@pytest.mark.parametrize(("seed", "scenario"), CASES)
def test_version_two_changes_only_the_fee_field(seed: int, scenario: str) -> None:
    t = tables(seed, scenario)
    v1, v2 = t["partner_feed_v1"], t["partner_feed_v2"]
    assert set(v1.columns) ^ set(v2.columns) == {"fee_gbp", "fee_pence"}
    fee1, fee2 = v1["fee_gbp"].abs(), v2["fee_pence"].abs() / 100
    tariff = lambda f: partner.FEE_BASE_GBP + partner.FEE_PER_KM_GBP * f["distance_km"]  # noqa: E731
    ok1, ok2 = v1["status"] == "DELIVERED", v2["status"] == "DELIVERED"
    assert np.allclose(fee1[ok1], tariff(v1)[ok1], atol=0.006)
    assert np.allclose(fee2[ok2], tariff(v2)[ok2], atol=0.006)
    assert np.allclose(fee1[~ok1], partner.FEE_BASE_GBP)
    assert set(v1["delivery_id"]).isdisjoint(v2["delivery_id"])


@pytest.mark.parametrize(("seed", "scenario"), CASES)
def test_each_version_carries_exactly_the_planted_breaks(seed: int, scenario: str) -> None:
    t = tables(seed, scenario)
    for v in (1, 2):
        f = t[f"partner_feed_v{v}"]
        bad = failing_rows(f, feed_schema(v, t["orders"]["order_id"]))
        assert bad["row"].nunique() == sum(partner.BAD_ROWS.values())
        counts = bad.groupby("rule").size()
        fee = "fee_gbp" if v == 1 else "fee_pence"
        assert counts[f"{fee}: greater_than_or_equal_to"] == partner.BAD_ROWS["negative_fee"]
        assert counts["drop_after_pickup"] == partner.BAD_ROWS["drop_before_pickup"]
        assert counts["order_ref: isin"] == partner.BAD_ROWS["unknown_order"]
        assert counts["delivery_id: unique"] == partner.BAD_ROWS["duplicate_delivery"]


def test_same_seed_same_bytes() -> None:
    a, b = generate(seed=5), generate(seed=5)
    for name in ("partner_feed_v1", "partner_feed_v2"):
        assert a[name].to_csv(index=False) == b[name].to_csv(index=False)


def _outage_found(t: dict) -> bool:
    f = t["partner_feed_v1"]
    lag = arrival_lag_minutes(f)
    day = _utc(f["dropped_at"]).fillna(_utc(f["picked_up_at"])).dt.normalize()
    late_days = day[lag > 5 * 60].nunique()
    return late_days == partner.OUTAGE_DAYS


def _lag_unrelated_to_distance(t: dict) -> bool:
    f = t["partner_feed_v1"]
    lag = arrival_lag_minutes(f)
    normal = lag < 120
    r = np.corrcoef(lag[normal], f.loc[normal, "distance_km"])[0, 1]
    return abs(r) < 2.6 / np.sqrt(normal.sum())  # |r| inside the 99 % band of no link


def test_outage_days_are_found_on_most_seeds() -> None:
    found = [_outage_found(tables(*s)) for s in SEEDS]
    assert np.mean(found) >= 0.9, found


def test_lag_is_not_linked_to_the_delivery_more_often_than_chance() -> None:
    unrelated = [_lag_unrelated_to_distance(tables(*s)) for s in SEEDS]
    assert np.mean(unrelated) >= 0.9, unrelated
