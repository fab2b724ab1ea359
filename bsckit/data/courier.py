"""The Leeds courier change: on time by the book, unhappy customers (module 2, topic 2).

From :func:`change_month` the kitchen serving Leeds and Bradford (``COURIER_KITCHEN``) hands its
deliveries to a new courier partner that batches its drops. Fewer orders arrive after the start
of the promised slot, so the on-time rate *improves*; but about ``EARLY_SHARE`` of the orders are
left on the doorstep one to three hours before the slot starts, when nobody is home. An on-time
measure that only looks at lateness cannot see it; delivery CSAT and the relationship NPS of the
region's customers fall (the survey side is in :mod:`bsckit.data.voice`).

Examples
--------
>>> change_month(24), change_month(3)
(10, None)
>>> EARLY_MINUTES
(60, 180)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .drivers import Calendar

__all__ = [
    "COURIER_KITCHEN",
    "EARLY_LIMIT_MINUTES",
    "EARLY_MINUTES",
    "EARLY_SHARE",
    "LATE_CUT",
    "change_month",
    "early_drops",
]

COURIER_KITCHEN = "K04"
EARLY_SHARE = 0.35
EARLY_MINUTES = (60, 180)
EARLY_LIMIT_MINUTES = 45
"""Deliveries more than this many minutes before the promised slot are *early drops*."""
LATE_CUT = 0.6
MIN_MONTHS = 6


def change_month(months: int) -> int | None:
    """Index of the first month with the new courier (0 = first month), or None if too short."""
    if months < MIN_MONTHS:
        return None
    return (5 * months) // 12


def early_drops(orders: pd.DataFrame, cal: Calendar, rng: np.random.Generator) -> pd.DataFrame:
    """Orders with the new courier's delivery times in the courier kitchen's region."""
    c = change_month(cal.n)
    if c is None:
        return orders
    month = cal.month_index(orders["ordered_at"].to_numpy())
    promised = orders["promised_at"].to_numpy().astype("datetime64[m]")
    delivered = orders["delivered_at"].to_numpy().astype("datetime64[m]").copy()
    region = (orders["kitchen_id"].astype(str) == COURIER_KITCHEN).to_numpy()
    here = region & (month >= c) & ~np.isnat(delivered)
    n = len(orders)
    late = here & (delivered > promised)
    fixed = late & (rng.random(n) < LATE_CUT)
    on_time = np.round(np.clip(rng.normal(-10, 9, n), -40, 0)).astype("timedelta64[m]")
    delivered = np.where(fixed, promised + on_time, delivered)
    early = here & ~(delivered > promised) & (rng.random(n) < EARLY_SHARE)
    lo, hi = EARLY_MINUTES
    ahead = rng.integers(lo, hi + 1, n).astype("timedelta64[m]")
    delivered = np.where(early, promised - ahead, delivered)
    out = orders.copy()
    out["delivered_at"] = delivered
    return out
