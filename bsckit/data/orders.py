"""Homeats orders: subscription boxes, one-off orders and business lunches.

Subscribers receive two deliveries a month (and sometimes skip one); households also place
one-off orders, whose rate follows post-sale satisfaction the month before (chain
``csat_to_repeat_orders``); offices order under a contract or for one-off catering. Whether a
customer picks a new dish follows the market research of three months before (chain
``research_to_new_dish_share``). A dish is *new* in the six calendar months after its launch
month.

Examples
--------
>>> ORDER_COLUMNS[:3]
('order_id', 'customer_id', 'ordered_at')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .drivers import (
    BURN_IN,
    BUSINESS_ORDERS,
    ONE_OFF_RATE,
    SUB_DELIVERIES,
    SUB_SKIP,
    Calendar,
    make_ids,
)

__all__ = ["NEW_DISH_MONTHS", "ORDER_COLUMNS", "customer_kind", "orders"]

NEW_DISH_MONTHS = 6
ORDER_COLUMNS = (
    "order_id",
    "customer_id",
    "ordered_at",
    "promised_at",
    "delivered_at",
    "status",
    "order_type",
    "segment",
    "city",
    "kitchen_id",
    "channel",
    "dish_id",
    "new_dish",
    "portions",
    "amount",
)


def customer_kind(customers: pd.DataFrame) -> np.ndarray:
    """``subscriber``, ``payg`` or ``business`` for each customer row."""
    plan = customers["plan"].astype(str).to_numpy()
    return np.select(
        [plan == "subscription", plan == "pay as you go"], ["subscriber", "payg"], "business"
    )


def _pick(
    rng: np.random.Generator,
    business: np.ndarray,
    p_business: list[float],
    p_household: list[float],
    options: list[str],
) -> np.ndarray:
    """One option per row, with the business or the household probabilities.

    Counting the cumulative probabilities below a uniform draw is a binary search in the
    (non-decreasing) cumulative sums, done for two rows instead of one row per order.
    """
    u = rng.random(len(business))
    idx = np.where(
        business,
        np.searchsorted(np.cumsum(p_business), u, side="left"),
        np.searchsorted(np.cumsum(p_household), u, side="left"),
    )
    return np.array(options, dtype=object)[idx.clip(0, len(options) - 1)]


def _by_time_then_customer(ordered: np.ndarray, customer: np.ndarray) -> np.ndarray:
    """``np.lexsort((customer, ordered))``, as one stable argsort of a combined integer key."""
    minutes = ordered.view(np.int64)
    if len(minutes) == 0:
        return np.lexsort((customer, ordered))
    span = int(minutes.max()) - int(minutes.min()) + 1
    width = int(customer.max()) + 1
    if customer.min() < 0 or span * width >= 2**62:
        return np.lexsort((customer, ordered))
    return np.argsort((minutes - minutes.min()) * width + customer, kind="stable")


def orders(
    cal: Calendar,
    plan: pd.DataFrame,
    customers: pd.DataFrame,
    dishes: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """All orders placed in the months reported."""
    rep = plan.iloc[BURN_IN:]
    kind = customer_kind(customers)
    is_payg = kind == "payg"
    is_business = kind == "business"
    signup = customers["signup_at"].to_numpy().astype("datetime64[m]")
    churned = customers["churned_at"].to_numpy().astype("datetime64[m]")
    first_m = np.clip(cal.month_index(signup), 0, None)
    last_m = np.where(np.isnat(churned), cal.n - 1, cal.month_index(churned))
    counts = np.clip(last_m - first_m + 1, 0, None)
    # One row per customer and month; flags are looked up per customer, not compared as text.
    cust = np.repeat(np.arange(len(customers)), counts)
    offsets = np.cumsum(counts) - counts
    month = first_m[cust] + (np.arange(len(cust)) - offsets[cust])
    factor = rep["one_off_factor"].to_numpy()[month]
    season = rep["business_season"].to_numpy()[month]
    sub = (kind == "subscriber")[cust]
    n_sub = np.where(sub, SUB_DELIVERIES - rng.binomial(SUB_DELIVERIES, SUB_SKIP, len(cust)), 0)
    one_rate = (
        np.select([sub, is_payg[cust]], [ONE_OFF_RATE["subscriber"], ONE_OFF_RATE["payg"]], 0.0)
        * factor
    )
    n_one = rng.poisson(one_rate)
    n_bus = np.where(is_business[cust], rng.poisson(BUSINESS_ORDERS * season), 0)
    bus_sub = rng.binomial(n_bus, 0.7)
    subs_total = n_sub + bus_sub
    ones_total = n_one + (n_bus - bus_sub)
    rows = np.arange(len(cust))
    pair = np.concatenate([np.repeat(rows, subs_total), np.repeat(rows, ones_total)])
    n = len(pair)
    # Subscription orders first, then one-off orders.
    is_sub = np.arange(n) < subs_total.sum()
    c = cust[pair]
    m = month[pair]
    # Order time: in the month, after sign-up; one-off orders before cancellation.
    lo = np.maximum(cal.starts.astype("datetime64[m]")[m], signup[c])
    hi = (cal.months + 1).astype("datetime64[D]").astype("datetime64[m]")[m]
    stop = churned[c]
    limit = ~is_sub & ~np.isnat(stop) & (stop < hi)
    hi = np.where(limit, np.maximum(stop, lo + np.timedelta64(1, "m")), hi)
    ordered = lo + (rng.random(n) * (hi - lo).astype(np.int64)).astype(np.int64)
    segment_of = customers["segment"].astype(str).to_numpy()
    business = (segment_of == "business")[c]
    # Dish: new with the month's probability, else an established dish.
    launch_m = cal.month_index(dishes["launched_on"].to_numpy())
    dish_idx = np.empty(n, dtype=np.int64)
    is_new = rng.random(n) < rep["new_share"].to_numpy()[m]
    by_month = np.argsort(m, kind="stable")
    bounds = np.searchsorted(m[by_month], np.arange(cal.n + 1))
    for i in range(cal.n):
        here = by_month[bounds[i] : bounds[i + 1]]
        new_pool = np.flatnonzero((launch_m >= i - NEW_DISH_MONTHS) & (launch_m < i))
        old_pool = np.flatnonzero(launch_m < i - NEW_DISH_MONTHS)
        new_here = is_new[here] & (len(new_pool) > 0)
        picks_new = here[new_here]
        picks_old = here[~new_here]
        if len(new_pool):
            dish_idx[picks_new] = new_pool[rng.integers(len(new_pool), size=len(picks_new))]
        dish_idx[picks_old] = old_pool[rng.integers(len(old_pool), size=len(picks_old))]
        is_new[here] = new_here
    # Portions and amount.
    plan_portions = customers["plan_portions"].to_numpy()[c]
    household_one = rng.choice([1, 2, 2, 3, 4], n)
    office = np.clip(np.round(rng.lognormal(np.log(28), 0.35, n)), 8, 200).astype(int)
    portions = np.where(business, office, np.where(is_sub, plan_portions, household_one))
    price = dishes["price_per_portion"].to_numpy()[dish_idx]
    discount = np.where(business, 0.95, np.where(is_sub, 0.92, 1.0))
    amount = np.round(portions * price * discount, 2)
    # Delivery promise and actual delivery.
    lead = np.where(
        business,
        rng.integers(1, 4, n),
        np.where(is_sub, rng.integers(2, 5, n), rng.integers(1, 3, n)),
    )
    slot_h = np.where(business, rng.choice([690, 720, 750], n), 1020 + 30 * rng.integers(0, 7, n))
    day = ordered.astype("datetime64[D]") + lead.astype("timedelta64[D]")
    promised = day.astype("datetime64[m]") + slot_h.astype("timedelta64[m]")
    late = rng.random(n) < rep["late_share"].to_numpy()[m]
    delay = np.where(
        late, 1 + rng.lognormal(np.log(30), 0.6, n), np.clip(rng.normal(-10, 9, n), -40, 0)
    )
    delivered = promised + np.round(delay).astype("timedelta64[m]")
    failed = rng.random(n) < 0.004
    delivered = np.where(failed, np.datetime64("NaT"), delivered)
    channel = _pick(
        rng,
        business,
        [0.5, 0.0, 0.2, 0.3],
        [0.35, 0.6, 0.05, 0.0],
        ["web", "app", "phone", "email"],
    )
    order = _by_time_then_customer(ordered, c)
    co = c[order]
    columns = {
        "order_id": make_ids("O", n, 7),
        "customer_id": customers["customer_id"].to_numpy()[co],
        "ordered_at": ordered[order],
        "promised_at": promised[order],
        "delivered_at": delivered[order],
        "status": np.array(["delivered", "failed delivery"], dtype=object)[
            failed[order].view(np.int8)
        ],
        "order_type": np.array(["one-off", "subscription"], dtype=object)[
            is_sub[order].view(np.int8)
        ],
        "segment": segment_of[co],
        "city": customers["city"].astype(str).to_numpy()[co],
        "kitchen_id": customers["kitchen_id"].astype(str).to_numpy()[co],
        "channel": channel[order],
        "dish_id": dishes["dish_id"].to_numpy()[dish_idx[order]],
        "new_dish": is_new[order],
        "portions": portions[order],
        "amount": amount[order],
    }
    out = pd.DataFrame(columns)
    return out
