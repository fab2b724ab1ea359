"""The delivery partner's API feed (module 7): a third-party source in two schema versions.

From :func:`bsckit.data.courier.change_month` on, kitchen ``COURIER_KITCHEN`` hands its
deliveries to an outside courier partner, which pushes one event per delivery to Homeats' API.
The feed covers the last ``FEED_MONTHS`` months of the data: the partner sent schema version 1
until ``V2_MONTHS`` months before the end, then version 2, in which one field changed - the fee
``fee_gbp`` (pounds, decimals) became ``fee_pence`` (whole pence). A loader that maps fields by
position or coerces them silently reads every v2 fee 100 times too high.

Timestamps are UTC (suffix ``Z``, minute precision), like every outside API; ``orders`` holds UK
local time. ``received_at`` is when the event reached Homeats: usually minutes after the drop,
but on ``OUTAGE_DAYS`` days of the v1 period the partner's push failed and the day's events were
replayed ``OUTAGE_DELAY_HOURS`` hours later. A few rows break the contract on purpose
(``BAD_ROWS``): a negative fee, a drop before the pick-up, an order reference Homeats does not
know, a delivery sent twice.

Examples
--------
>>> sorted(BAD_ROWS)
['drop_before_pickup', 'duplicate_delivery', 'negative_fee', 'unknown_order']
>>> FEE_BASE_GBP + FEE_PER_KM_GBP * 4
4.9
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .courier import COURIER_KITCHEN, change_month
from .drivers import Calendar

__all__ = [
    "BAD_ROWS",
    "FEED_MONTHS",
    "FEE_BASE_GBP",
    "FEE_PER_KM_GBP",
    "LAG_MEDIAN_MINUTES",
    "OUTAGE_DAYS",
    "OUTAGE_DELAY_HOURS",
    "PARTNER",
    "V2_MONTHS",
    "partner_effects_section",
    "partner_feeds",
]

PARTNER = "DropRun"
"""The delivery partner's (fictional) name."""
FEED_MONTHS = 4
"""Months of partner events in the datasets (the last ones of the data)."""
V2_MONTHS = 2
"""The last this-many of them arrive in schema version 2."""
FEE_BASE_GBP = 2.5
FEE_PER_KM_GBP = 0.6
"""The partner's fee per delivery: base + per km driven (failed deliveries pay the base only)."""
LAG_MEDIAN_MINUTES = 3.0
"""Median minutes from the drop to the event reaching Homeats (lognormal, sigma 0.8)."""
OUTAGE_DAYS = 2
OUTAGE_DELAY_HOURS = (6, 10)
"""On this many days of the v1 period the push failed; events arrived this many hours late."""
BAD_ROWS = {
    "negative_fee": 3,
    "drop_before_pickup": 3,
    "unknown_order": 2,
    "duplicate_delivery": 2,
}
"""Rows planted in each feed version that a validation rule must catch."""
_FMT = "%Y-%m-%dT%H:%MZ"


def _utc(local: np.ndarray) -> pd.Series:
    s = pd.Series(pd.to_datetime(local)).dt.tz_localize(
        "Europe/London", nonexistent="shift_forward", ambiguous=False
    )
    return s.dt.tz_convert("UTC").dt.tz_localize(None)


def _text(ts: pd.Series) -> np.ndarray:
    return ts.dt.strftime(_FMT).fillna("").to_numpy(dtype=object)


def partner_feeds(
    cal: Calendar, orders: pd.DataFrame, rng: np.random.Generator
) -> dict[str, pd.DataFrame]:
    """``partner_feed_v1`` and ``partner_feed_v2``: the partner's events, raw as the API sent them.

    Empty tables (with their columns) when the data is too short to have the partner.
    """
    start = max(cal.n - FEED_MONTHS, change_month(cal.n) or cal.n)
    month = cal.month_index(orders["ordered_at"].to_numpy())
    mine = orders[
        (orders["kitchen_id"].astype(str) == COURIER_KITCHEN).to_numpy() & (month >= start)
    ]
    mine = mine.sort_values("promised_at", kind="stable")
    n = len(mine)
    ok = (mine["status"] == "delivered").to_numpy()
    dropped = _utc(mine["delivered_at"].to_numpy())
    km = np.round(rng.gamma(4.0, 1.1, n) + 0.5, 1)
    ride = rng.integers(12, 45, n).astype("timedelta64[m]")
    promised = _utc(mine["promised_at"].to_numpy())
    picked = dropped.where(ok, promised + pd.Timedelta(minutes=30)) - pd.to_timedelta(ride)
    event = dropped.where(ok, picked + pd.Timedelta(minutes=50))
    lag = np.exp(np.log(LAG_MEDIAN_MINUTES) + 0.8 * rng.standard_normal(n))
    received = event + pd.to_timedelta(np.ceil(lag), unit="min")
    v2_from = cal.months[cal.n - V2_MONTHS] if cal.n >= V2_MONTHS else cal.months[0]
    in_v2 = (mine["ordered_at"].dt.to_period("M") >= pd.Period(str(v2_from), "M")).to_numpy()
    days = event.dt.normalize()
    v1_days = np.unique(days[~in_v2].dropna().to_numpy())
    if len(v1_days) > OUTAGE_DAYS:
        out = rng.choice(v1_days[1:-1], size=OUTAGE_DAYS, replace=False)
        delay = rng.integers(OUTAGE_DELAY_HOURS[0], OUTAGE_DELAY_HOURS[1] + 1, size=OUTAGE_DAYS)
        for d, h in zip(out, delay, strict=True):
            sel = (days == d).to_numpy()
            # the replay: every event of the day reaches Homeats at once, h hours after midnight
            replay = pd.Timestamp(d) + pd.Timedelta(hours=24 + int(h))
            received = received.where(~sel, replay)
    fee = np.round(np.where(ok, FEE_BASE_GBP + FEE_PER_KM_GBP * km, FEE_BASE_GBP), 2)
    feed = pd.DataFrame(
        {
            "delivery_id": [f"DR-{i + 1:06d}" for i in range(n)],
            "order_ref": mine["order_id"].astype(str).to_numpy(),
            "status": np.where(ok, "DELIVERED", "FAILED"),
            "picked_up_at": _text(picked),
            "dropped_at": _text(dropped.where(ok)),
            "received_at": _text(received),
            "distance_km": km,
            "fee_gbp": fee,
        }
    )
    out: dict[str, pd.DataFrame] = {}
    for version, part in ((1, ~in_v2), (2, in_v2)):
        f = feed[part].reset_index(drop=True)
        f = _plant_bad_rows(f, rng)
        if version == 2:
            pence = np.round(f.pop("fee_gbp").to_numpy() * 100).astype(np.int64)
            f.insert(len(f.columns), "fee_pence", pence)
        out[f"partner_feed_v{version}"] = f
    return out


def _plant_bad_rows(f: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Break ``BAD_ROWS`` rows of a feed version, each on its own distinct delivered row."""
    delivered = np.flatnonzero((f["status"] == "DELIVERED").to_numpy())
    need = sum(BAD_ROWS.values())
    if len(delivered) < need + 2:
        return f
    f = f.copy()
    rows = rng.choice(delivered, size=need, replace=False)
    k = 0
    for kind, count in BAD_ROWS.items():
        for r in rows[k : k + count]:
            if kind == "negative_fee":
                f.loc[r, "fee_gbp"] = -f.loc[r, "fee_gbp"]
            elif kind == "drop_before_pickup":
                picked = pd.Timestamp(f.loc[r, "picked_up_at"].rstrip("Z"))
                f.loc[r, "dropped_at"] = (picked - pd.Timedelta(minutes=20)).strftime(_FMT)
            elif kind == "unknown_order":
                f.loc[r, "order_ref"] = f"O9{int(rng.integers(100000, 999999)):06d}"
        k += count
    dups = rows[k - BAD_ROWS["duplicate_delivery"] : k]
    f = pd.concat([f, f.iloc[np.sort(dups)]], ignore_index=True)
    return f.sort_values(["received_at", "delivery_id"], kind="stable").reset_index(drop=True)


def partner_effects_section() -> list[str]:
    """Markdown lines describing the module-7 plants, for the data dictionary.

    Examples
    --------
    >>> partner_effects_section()[1]
    '## Delivery partner feed (module 7)'
    """
    bad = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in BAD_ROWS.items())
    lo, hi = OUTAGE_DELAY_HOURS
    return [
        "",
        "## Delivery partner feed (module 7)",
        "",
        f"- `partner_feed_v1`, `partner_feed_v2`: the courier partner {PARTNER} of kitchen "
        f"{COURIER_KITCHEN} (see `courier_early_drops`) pushes one event per delivery for the "
        f"last {FEED_MONTHS} months of the data; the last {V2_MONTHS} arrive in schema version 2, "
        "where `fee_gbp` (pounds) became `fee_pence` (whole pence). `order_ref` and `dropped_at` "
        "are the order's `order_id` and `delivered_at` (in UTC).",
        f"- Fees: {FEE_BASE_GBP:g} GBP + {FEE_PER_KM_GBP:g} GBP per km for a delivery, the base "
        "only for a failed one.",
        f"- Arrival lag (`received_at` - drop): lognormal, median {LAG_MEDIAN_MINUTES:g} minutes; "
        f"on {OUTAGE_DAYS} days of the version-1 period the push failed and the whole day arrived "
        f"{lo}-{hi} hours after midnight.",
        f"- Contract breaks planted in each version: {bad} (a second copy of a row).",
    ]
