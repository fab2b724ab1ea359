"""Module-4 financial tables: kitchen management accounts, a sales budget and flash figures.

Three small tables that the company-level ledger (:mod:`bsckit.data.finance`) does not hold:

``kitchen_ledger``
    The kitchens' monthly management accounts. Revenue, meals and food cost are read from the
    delivered orders and the production batches, delivery cost is the Delivery cost centre
    spread over the kitchens by orders dispatched, so those columns reconcile with the other
    tables. Waste, chef coaching, euro-invoiced ingredients and the hygiene-and-taste audit
    score are the kitchens' own lines; two effects are planted in them (see
    :func:`financial_effects_section`).
``sales_budget``
    Budgeted orders and average order value per kitchen, month and sales line (household
    subscription, household one-off, business), for price, quantity and mix variances.
``flash_figures``
    Each month's figures as shown on working day 3 (flash) and after the close on working
    day 8.

Every draw comes from the generator's own stream (``rng_for(seed, "financial")``), so no other
table changes.

Examples
--------
>>> LINES
('subscription', 'one_off', 'business')
>>> plant_months(24)["coaching_cut"]
(12, 13, 14)
>>> plant_months(6)["coaching_cut"]
()
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .drivers import BURN_IN, Calendar

__all__ = [
    "AUDIT_DROP",
    "BUDGET_PUSH",
    "COACHING_CUT",
    "CUT_KITCHEN",
    "FLASH_REVISION",
    "LINES",
    "PUSH_KITCHEN",
    "WASTE_KITCHEN",
    "WASTE_RISE",
    "financial_effects_section",
    "financial_tables",
    "plant_months",
    "sales_line",
]

LINES = ("subscription", "one_off", "business")
"""Sales lines of the budget, as in finance_monthly's revenue columns."""

WASTE_KITCHEN = "K04"
"""Kitchen whose waste per meal rises (an over-producing forecast) from month 6 on."""
WASTE_RISE = 3.8
"""Multiplier on that kitchen's waste per meal while the fault lasts."""
CUT_KITCHEN = "K02"
"""Kitchen that cuts its chef coaching for one quarter (months 12-14)."""
COACHING_CUT = 0.1
"""Share of the usual coaching spend left during the cut."""
AUDIT_DROP = 7.0
"""Audit points lost by the cutting kitchen in the six months after the cut (months 15-20)."""
CUT_WASTE = 2.2
"""Multiplier on the cutting kitchen's waste per meal in those six months."""
PUSH_KITCHEN = "K03"
"""Kitchen whose year-2 budget assumed an office-sales push that never came."""
BUDGET_PUSH = 1.35
"""Multiplier on that kitchen's budgeted business orders from month 12 on."""

FLASH_REVISION: dict[str, tuple[float, float]] = {
    "net_revenue": (0.002, 0.004),
    "cogs": (-0.04, 0.012),
    "operating_costs": (-0.015, 0.015),
}
"""Mean and standard deviation of (flash - closed) / closed per P&L line: the flash books
revenue almost in full, misses supplier invoices that arrive after working day 3 (COGS) and
estimates accruals (operating costs). EBIT is derived from them, and the flash knows no
exceptional item; orders and meals come from the operational systems and do not move."""

_WASTE_PER_MEAL = 0.32  # GBP per meal, at January-2024 prices
_COACHING = 1800.0  # GBP per kitchen and month, times the scale
_IMPORTED_EUR = 0.42  # euros of euro-invoiced ingredients per meal
_AUDIT = 88.0


def plant_months(months: int) -> dict[str, tuple[int, ...]]:
    """Month offsets (0 = first month) of each planted effect that fits in ``months`` months."""

    def span(a: int, b: int) -> tuple[int, ...]:
        return tuple(range(a, b)) if months >= b else ()

    return {
        "waste_fault": tuple(range(6, months)) if months > 12 else (),
        "coaching_cut": span(12, 15),
        "cut_aftermath": span(15, 21),
        "budget_push": tuple(range(12, months)) if months > 12 else (),
    }


def sales_line(orders: pd.DataFrame) -> np.ndarray:
    """Sales line of each order: business if the customer is a business, else its order type.

    Examples
    --------
    >>> o = pd.DataFrame({"segment": ["business", "household"], "order_type": ["one-off", "one-off"]})
    >>> sales_line(o).tolist()
    ['business', 'one_off']
    """
    return np.where(
        orders["segment"].astype(str) == "business",
        "business",
        np.where(orders["order_type"].astype(str) == "subscription", "subscription", "one_off"),
    )


def _ledger(cal, plan, scale, orders, batches, op_costs, kitchen_ids, rng) -> pd.DataFrame:
    n, nk = cal.n, len(kitchen_ids)
    rep = plan.iloc[BURN_IN:]
    cpi = rep["cpi"].to_numpy() / 100
    food = rep["food_cost_index"].to_numpy() / 100
    eur = rep["eur_per_gbp"].to_numpy()
    kx = {k: i for i, k in enumerate(kitchen_ids)}
    ok = (orders["status"] == "delivered").to_numpy()
    m_o = cal.month_index(orders["ordered_at"].to_numpy())
    k_o = orders["kitchen_id"].astype(str).map(kx).to_numpy()
    cell = k_o * n + m_o
    revenue = np.bincount(
        cell[ok], weights=orders["amount"].to_numpy()[ok], minlength=nk * n
    ).reshape(nk, n)
    dispatched = np.bincount(cell, minlength=nk * n).reshape(nk, n)
    m_b = cal.month_index(batches["produced_on"].to_numpy())
    k_b = batches["kitchen_id"].astype(str).map(kx).to_numpy()
    cell_b = k_b * n + m_b
    meals = np.bincount(cell_b, weights=batches["units_made"].to_numpy(), minlength=nk * n).reshape(
        nk, n
    )
    food_cost = np.bincount(cell_b, weights=batches["cost"].to_numpy(), minlength=nk * n).reshape(
        nk, n
    )
    delivery = (
        op_costs[op_costs["cost_centre"].astype(str) == "Delivery"]
        .groupby("month")["amount"]
        .sum()
        .to_numpy()
    )
    share = dispatched / np.maximum(dispatched.sum(axis=0, keepdims=True), 1)
    delivery_cost = share * delivery[None, :]
    plants = plant_months(n)
    waste_rate = np.full((nk, n), _WASTE_PER_MEAL) * rng.uniform(0.9, 1.1, (nk, 1))
    waste_rate *= rng.normal(1, 0.08, (nk, n))
    coaching = _COACHING * scale * cpi[None, :] * rng.normal(1, 0.06, (nk, n))
    audit = _AUDIT + rng.normal(0, 1.5, (nk, n))
    if WASTE_KITCHEN in kx and plants["waste_fault"]:
        waste_rate[kx[WASTE_KITCHEN], list(plants["waste_fault"])] *= WASTE_RISE
    if CUT_KITCHEN in kx and plants["coaching_cut"]:
        c = kx[CUT_KITCHEN]
        coaching[c, list(plants["coaching_cut"])] *= COACHING_CUT
        after = list(plants["cut_aftermath"])
        audit[c, after] -= AUDIT_DROP
        waste_rate[c, after] *= CUT_WASTE
    waste = meals * waste_rate * food[None, :]
    imported = meals * _IMPORTED_EUR * food[None, :] / eur[None, :]
    months = np.tile(cal.months, nk)
    return pd.DataFrame(
        {
            "kitchen_id": np.repeat(np.array(kitchen_ids, dtype=object), n),
            "month": months,
            "meals": meals.ravel().astype(int),
            "revenue": np.round(revenue.ravel(), 2),
            "food_cost": np.round(food_cost.ravel(), 2),
            "imported_ingredients": np.round(imported.ravel(), 2),
            "waste_cost": np.round(waste.ravel(), 2),
            "delivery_cost": np.round(delivery_cost.ravel(), 2),
            "coaching_spend": np.round(coaching.ravel(), 2),
            "audit_score": np.round(np.clip(audit, 0, 100).ravel(), 1),
        }
    )


def _budget(cal, orders, kitchen_ids, rng) -> pd.DataFrame:
    n = cal.n
    ok = orders[orders["status"] == "delivered"]
    frame = pd.DataFrame(
        {
            "kitchen_id": ok["kitchen_id"].astype(str).to_numpy(),
            "m": cal.month_index(ok["ordered_at"].to_numpy()),
            "line": sales_line(ok),
            "amount": ok["amount"].to_numpy(),
        }
    )
    grid = pd.MultiIndex.from_product(
        [list(kitchen_ids), range(n), list(LINES)], names=["kitchen_id", "m", "line"]
    )
    g = frame.groupby(["kitchen_id", "m", "line"])["amount"].agg(["size", "sum"])
    g = g.reindex(grid, fill_value=0)
    count = g["size"].to_numpy(dtype=float).reshape(len(kitchen_ids), n, len(LINES))
    amount = g["sum"].to_numpy(dtype=float).reshape(len(kitchen_ids), n, len(LINES))
    # The budget: a three-month moving level of orders (the planners' trend) with planning
    # error, priced at the year's average order value plus a planned 3 % rise in year 2.
    pad = np.concatenate([count[:, :1], count, count[:, -1:]], axis=1)
    level = (pad[:, :-2] + pad[:, 1:-1] + pad[:, 2:]) / 3
    orders_b = np.round(level * rng.normal(1, 0.035, level.shape))
    year = np.arange(n) // 12
    price = np.zeros_like(amount)
    first = slice(0, min(n, 12))
    aov = amount[:, first].sum(axis=1) / np.maximum(count[:, first].sum(axis=1), 1)
    for y in np.unique(year):
        price[:, year == y] = (aov * 1.03**y)[:, None, :]
    price *= rng.normal(1, 0.01, price.shape)
    push = plant_months(n)["budget_push"]
    if PUSH_KITCHEN in kitchen_ids and push:
        k = list(kitchen_ids).index(PUSH_KITCHEN)
        orders_b[k, list(push), LINES.index("business")] = np.round(
            orders_b[k, list(push), LINES.index("business")] * BUDGET_PUSH
        )
    return pd.DataFrame(
        {
            "kitchen_id": np.repeat(np.array(kitchen_ids, dtype=object), n * len(LINES)),
            "month": np.tile(np.repeat(cal.months, len(LINES)), len(kitchen_ids)),
            "line": np.tile(np.array(LINES, dtype=object), len(kitchen_ids) * n),
            "budget_orders": orders_b.ravel().astype(int),
            "budget_order_value": np.round(price.ravel(), 2),
        }
    )


def _flash(cal, fin: pd.DataFrame, batches: pd.DataFrame, orders: pd.DataFrame, rng):
    n = cal.n
    closed = {k: fin[k].to_numpy(dtype=float) for k in ("net_revenue", "cogs", "operating_costs")}
    flash = {}
    for k, (mean, sd) in FLASH_REVISION.items():
        flash[k] = np.round(closed[k] * (1 + rng.normal(mean, sd, n)), 2)
    other = (fin["depreciation"]).to_numpy(dtype=float)
    flash["ebit"] = np.round(
        flash["net_revenue"] - flash["cogs"] - flash["operating_costs"] - other, 2
    )
    closed["ebit"] = fin["ebit"].to_numpy(dtype=float)
    ok = orders["status"] == "delivered"
    m_o = cal.month_index(orders.loc[ok, "ordered_at"].to_numpy())
    closed["orders_delivered"] = np.bincount(m_o, minlength=n)[:n].astype(float)
    m_b = cal.month_index(batches["produced_on"].to_numpy())
    closed["meals_made"] = np.bincount(m_b, weights=batches["units_made"].to_numpy(), minlength=n)[
        :n
    ]
    flash["orders_delivered"] = closed["orders_delivered"]
    flash["meals_made"] = closed["meals_made"]
    names = ("net_revenue", "cogs", "operating_costs", "ebit", "orders_delivered", "meals_made")
    return pd.DataFrame(
        {
            "month": np.tile(cal.months, len(names)),
            "figure": np.repeat(np.array(names, dtype=object), n),
            "flash_value": np.concatenate([flash[k] for k in names]),
            "closed_value": np.round(np.concatenate([closed[k] for k in names]), 2),
        }
    )


def financial_tables(
    cal: Calendar,
    plan: pd.DataFrame,
    scale: float,
    orders: pd.DataFrame,
    batches: pd.DataFrame,
    fin: dict[str, pd.DataFrame],
    kitchen_ids: list[str],
    rng: np.random.Generator,
) -> dict[str, pd.DataFrame]:
    """``kitchen_ledger``, ``sales_budget`` and ``flash_figures`` (draws in that order)."""
    ledger = _ledger(cal, plan, scale, orders, batches, fin["operating_costs"], kitchen_ids, rng)
    budget = _budget(cal, orders, kitchen_ids, rng)
    flash = _flash(cal, fin["finance_monthly"], batches, orders, rng)
    return {"kitchen_ledger": ledger, "sales_budget": budget, "flash_figures": flash}


def _month(months: tuple[int, ...]) -> str:
    return f"month offsets {months[0]}-{months[-1]}" if months else "not present (too few months)"


def financial_effects_section(months: int) -> list[str]:
    """Markdown lines describing the module-4 plants for data of ``months`` months.

    Examples
    --------
    >>> financial_effects_section(24)[1]
    '## Financial plants (module 4)'
    """
    p = plant_months(months)
    rev = ", ".join(f"{k} {m:+.1%} (sd {s:.1%})" for k, (m, s) in FLASH_REVISION.items())
    return [
        "",
        "## Financial plants (module 4)",
        "",
        "Months are counted from the first month of the data (0 = first month). These tables "
        "draw from their own random stream; no other table changes.",
        "",
        f"- `waste_fault` (kitchen_ledger; {_month(p['waste_fault'])}): kitchen {WASTE_KITCHEN}'s "
        f"demand forecast over-produces and its waste per meal runs x{WASTE_RISE:g}. Found by: "
        "the driver tree of the kitchens' contribution margin, waste per meal by kitchen.",
        f"- `coaching_cut` (kitchen_ledger; {_month(p['coaching_cut'])}): kitchen {CUT_KITCHEN} "
        f"keeps {COACHING_CUT:.0%} of its chef-coaching spend for one quarter; in the six months "
        f"after ({_month(p['cut_aftermath'])}) its audit score is {AUDIT_DROP:g} points lower and "
        f"its waste per meal x{CUT_WASTE:g}. Found by: the kitchen's contribution margin in the "
        "cut quarter against the next two quarters, beside the other kitchens.",
        f"- `budget_push` (sales_budget; {_month(p['budget_push'])}): kitchen {PUSH_KITCHEN}'s "
        f"budget assumes business orders x{BUDGET_PUSH:g} (an office-sales push that was never "
        "staffed). Found by: quantity and mix variances by kitchen and month; they stay adverse "
        "month after month, which the threshold rule sends to a strategic review.",
        f"- `flash_revisions` (flash_figures): (flash - closed) / closed is drawn with mean and "
        f"sd {rev}; EBIT is derived from the flash lines and depreciation, and the flash knows "
        "no exceptional item. Orders and meals are final at the flash. Found by: revision by "
        "figure and month.",
    ]
