"""Module 4 analysis helpers: kitchen driver trees, variances against budget, flash revisions.

One function per question the module asks of the Homeats data; the lesson, the answer key and
the claims all call them, so the three can never disagree.

Examples
--------
>>> COST_LINES[:2]
('food_cost', 'imported_ingredients')
>>> review_flags(pd.Series([-0.12, -0.11, -0.13, 0.02]), threshold=0.08, run=3).tolist()
['strategic review', 'strategic review', 'strategic review', 'on track']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bsckit._validation import check_count, check_number
from bsckit.data.financial import LINES, sales_line
from bsckit.kpi.variance import sales_variances

__all__ = [
    "COST_LINES",
    "LINES",
    "actual_sales",
    "budget_variances",
    "contribution_margin",
    "flash_revisions",
    "margin_gap",
    "review_flags",
]

COST_LINES = (
    "food_cost",
    "imported_ingredients",
    "waste_cost",
    "delivery_cost",
    "coaching_spend",
)
"""The kitchen ledger's cost lines, in the order of the driver tree."""


def contribution_margin(ledger: pd.DataFrame, by: str | list[str] = "kitchen_id") -> pd.DataFrame:
    """Contribution margin and each cost line per pound of revenue, summed ``by`` first.

    Sums the money first and divides after (a margin of a group is its total contribution over
    its total revenue, never the mean of monthly margins).

    Examples
    --------
    >>> led = pd.DataFrame({"kitchen_id": ["A", "A"], "revenue": [100.0, 300.0],
    ...     "food_cost": [50.0, 90.0], "imported_ingredients": [0.0, 0.0],
    ...     "waste_cost": [10.0, 10.0], "delivery_cost": [0.0, 0.0], "coaching_spend": [0.0, 0.0]})
    >>> contribution_margin(led)["margin"].round(3).tolist()
    [0.6]
    """
    cols = ["revenue", *COST_LINES]
    g = ledger.groupby(by, observed=True)[cols].sum()
    out = g[list(COST_LINES)].div(g["revenue"], axis=0)
    out.insert(0, "margin", 1 - out.sum(axis=1))
    return out


def margin_gap(ledger: pd.DataFrame, kitchen: str) -> pd.Series:
    """How much each cost line adds to ``kitchen``'s contribution-margin gap to the others.

    The gap (the other kitchens' margin minus this kitchen's, in margin points as a fraction)
    is the sum of the entries: each is this kitchen's cost per pound of revenue minus the
    others'. The largest entry is where to look for the root cause.

    Examples
    --------
    >>> led = pd.DataFrame({"kitchen_id": ["A", "B"], "revenue": [100.0, 100.0],
    ...     "food_cost": [40.0, 40.0], "imported_ingredients": [0.0, 0.0],
    ...     "waste_cost": [12.0, 4.0], "delivery_cost": [10.0, 9.0], "coaching_spend": [0.0, 0.0]})
    >>> margin_gap(led, "A").round(2).to_dict()["waste_cost"]
    0.08
    """
    if kitchen not in set(ledger["kitchen_id"].astype(str)):
        known = sorted(set(ledger["kitchen_id"].astype(str)))
        msg = f"`kitchen` must be one of {known}; got {kitchen!r}."
        raise ValueError(msg)
    group = np.where(ledger["kitchen_id"].astype(str) == kitchen, "this", "others")
    m = contribution_margin(ledger.assign(_g=group), by="_g")
    return (m.loc["this", list(COST_LINES)] - m.loc["others", list(COST_LINES)]).rename(kitchen)


def actual_sales(orders: pd.DataFrame) -> pd.DataFrame:
    """Delivered orders and revenue per kitchen, month ordered and sales line.

    Columns ``kitchen_id``, ``month`` (first day), ``line``, ``orders``, ``revenue``.
    """
    d = orders[orders["status"] == "delivered"]
    frame = pd.DataFrame(
        {
            "kitchen_id": d["kitchen_id"].astype(str).to_numpy(),
            "month": d["ordered_at"].dt.to_period("M").dt.to_timestamp().to_numpy(),
            "line": sales_line(d),
            "amount": d["amount"].to_numpy(),
        }
    )
    out = frame.groupby(["kitchen_id", "month", "line"])["amount"].agg(["size", "sum"])
    return out.rename(columns={"size": "orders", "sum": "revenue"}).reset_index()


def budget_variances(orders: pd.DataFrame, budget: pd.DataFrame) -> pd.DataFrame:
    """Price, quantity and mix variances of revenue against ``sales_budget``, per kitchen
    and month (the mix is the mix of the kitchen's three sales lines).

    Columns ``kitchen_id``, ``month``, ``budget_revenue``, ``actual_revenue``, ``price``,
    ``quantity``, ``mix``, ``total`` (= actual - budget revenue), ``share`` (total over budget
    revenue). Positive is favourable.
    """
    b = budget.assign(
        kitchen_id=budget["kitchen_id"].astype(str), line=budget["line"].astype(str)
    ).set_index(["kitchen_id", "month", "line"])
    a = actual_sales(orders).set_index(["kitchen_id", "month", "line"])
    j = b.join(a, how="left").fillna({"orders": 0, "revenue": 0.0})
    rows = []
    for (k, m), g in j.groupby(level=[0, 1], sort=True):
        aov = (g["revenue"] / g["orders"].where(g["orders"] > 0)).fillna(g["budget_order_value"])
        v = sales_variances(g["orders"], g["budget_orders"], g["budget_order_value"], aov).sum()
        budget_rev = float((g["budget_orders"] * g["budget_order_value"]).sum())
        actual = float(g["revenue"].sum())
        rows.append(
            {
                "kitchen_id": k,
                "month": m,
                "budget_revenue": budget_rev,
                "actual_revenue": actual,
                "price": v["price"],
                "quantity": v["quantity"],
                "mix": v["mix"],
                "total": actual - budget_rev,
            }
        )
    out = pd.DataFrame(rows)
    out["share"] = out["total"] / out["budget_revenue"]
    return out


def review_flags(
    share: pd.Series,
    threshold: float = 0.08,
    run: int = 3,
    operational: float = 0.03,
) -> pd.Series:
    """Classify each month of one series of variances (as a share of budget).

    A month is ``"strategic review"`` when it belongs to a run of at least ``run`` consecutive
    months with ``|share| > threshold`` in the same direction; ``"operational variance"`` when
    ``|share| > operational`` otherwise; else ``"on track"``.

    Examples
    --------
    >>> review_flags(pd.Series([0.05, -0.1, -0.1, 0.2]), run=2).tolist()
    ['operational variance', 'strategic review', 'strategic review', 'operational variance']
    """
    check_number("threshold", threshold, low=0.0, high=1.0, low_open=True)
    check_number("operational", operational, low=0.0, high=threshold)
    run = check_count("run", run)
    s = pd.Series(share, dtype=float).reset_index(drop=True)
    sign = np.sign(s).where(s.abs() > threshold, 0)
    block = (sign != sign.shift()).cumsum()
    length = sign.groupby(block).transform("size")
    strategic = (sign != 0) & (length >= run)
    out = np.where(
        strategic,
        "strategic review",
        np.where(s.abs() > operational, "operational variance", "on track"),
    )
    return pd.Series(out, index=pd.Series(share).index)


def flash_revisions(flash: pd.DataFrame) -> pd.DataFrame:
    """Revision from flash to close per figure and month: ``(closed - flash) / |closed|``.

    Returns a month x figure table of relative revisions (0 where both are 0).
    """
    f = flash.assign(figure=flash["figure"].astype(str))
    rel = (f["closed_value"] - f["flash_value"]) / f["closed_value"].abs().where(
        f["closed_value"] != 0
    )
    return f.assign(revision=rel.fillna(0.0)).pivot(
        index="month", columns="figure", values="revision"
    )
