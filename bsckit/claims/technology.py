"""Claims of module 7, technology (``notebooks/07_technology.ipynb``).

Each function checks one sentence the lesson states as fixed text, marked ``(claim 7.N)``.
The partner feed behind them is described in :mod:`bsckit.data.partner`; the courier change in
:mod:`bsckit.data.courier`.

Examples
--------
>>> from bsckit.claims import get_claim
>>> get_claim("7.1").needs
('partner_feed_v1',)
"""

from __future__ import annotations

import pandas as pd

from bsckit.claims.registry import Evidence, Verdict, claim
from bsckit.data.courier import COURIER_KITCHEN
from bsckit.technology import arrival_lag_minutes, data_age_minutes, revenue_timing_gap

__all__ = [
    "courier_kitchen_drops_early_recently",
    "erp_gap_has_both_signs",
    "fast_refresh_misses_only_outages",
    "quarter_hour_refresh_is_enough",
]


def _within_hour(ev: Evidence, interval: float) -> float:
    feed = ev.tables["partner_feed_v1"]
    return ev.cached(
        f"7:within{interval}", lambda: float((data_age_minutes(feed, interval) <= 60).mean())
    )


@claim(
    "7.1",
    module=7,
    needs=("partner_feed_v1",),
    sentence="A refresh every 15 minutes shows within the hour nearly as many events as one "
    "every 5 minutes (within two points); a four-hourly or daily refresh shows fewer than half",
)
def quarter_hour_refresh_is_enough(ev: Evidence) -> Verdict:
    five, quarter = _within_hour(ev, 5), _within_hour(ev, 15)
    slow = max(_within_hour(ev, 240), _within_hour(ev, 1440))
    return Verdict(
        five - quarter <= 0.02 and slow < 0.5,
        five - quarter,
        f"share within the hour: 5 min {five:.3f}, 15 min {quarter:.3f}, slowest {slow:.3f}",
    )


@claim(
    "7.2",
    module=7,
    needs=("partner_feed_v1",),
    sentence="Almost all the events that even a 5-minute refresh misses arrived hours late, "
    "on the days the partner's push failed",
)
def fast_refresh_misses_only_outages(ev: Evidence) -> Verdict:
    feed = ev.tables["partner_feed_v1"]
    missed = data_age_minutes(feed, 5) > 60
    late = arrival_lag_minutes(feed) > 300
    share = float(late[missed].mean()) if missed.any() else 0.0
    return Verdict(share >= 0.9, share, f"share of {int(missed.sum())} missed events over 5 h late")


@claim(
    "7.3",
    module=7,
    needs=("orders", "erp_sales_daily"),
    sentence="The ERP's month is above the catalogue's in some months and below it in others",
)
def erp_gap_has_both_signs(ev: Evidence) -> Verdict:
    gap = revenue_timing_gap(ev.tables["orders"], ev.tables["erp_sales_daily"])["gap"]
    up, down = int((gap > 0).sum()), int((gap < 0).sum())
    return Verdict(up >= 2 and down >= 2, min(up, down), f"{up} months above, {down} below")


@claim(
    "7.4",
    module=7,
    needs=("orders",),
    sentence="The on-time rate counts them as on time; the shift lead's minutes against the "
    "slot show them (the courier partner's early drops of module 2)",
)
def courier_kitchen_drops_early_recently(ev: Evidence) -> Verdict:
    o = ev.tables["orders"]
    recent = o[o["ordered_at"] >= o["ordered_at"].max() - pd.Timedelta(days=28)]
    done = recent[recent["status"] == "delivered"]
    early = (
        ((done["promised_at"] - done["delivered_at"]).dt.total_seconds() > 45 * 60)
        .groupby(done["kitchen_id"].astype(str) == COURIER_KITCHEN)
        .mean()
    )
    here, others = float(early.get(True, 0.0)), float(early.get(False, 0.0))
    return Verdict(
        here > 2 * others and here > 0,
        here,
        f"early share in the last four weeks: courier kitchen {here:.3f}, others {others:.3f}",
    )
