"""The office discount campaign: revenue now, cancellations later (module 2, topic 6).

In one month (:func:`campaign_month`) the sales team offers offices a quarter off their first
three months of catering. Many more offices sign up than usual, so business revenue jumps even
at the discount; when full prices return, most of the offices won by the offer cancel within
three months. A sales bonus paid on revenue alone rewards the campaign; a bonus on revenue kept
does not.

The plant, in numbers: ``EXTRA_SIGNUPS`` extra business sign-ups (times ``scale``) in the
campaign month; every business customer signing up that month gets ``DISCOUNT`` off its orders
in the campaign month and the two after; each of them cancels with probability
``CHURN_AFTER`` at a random time in the three months after the discount ends (months
``C + 3`` to ``C + 5``), unless it had already cancelled.

Examples
--------
>>> campaign_month(24), campaign_month(6)
(8, None)
>>> CAMPAIGN_COLUMNS
('campaign_id', 'name', 'segment', 'offer', 'discount_share', 'starts_on', 'ends_on', 'discount_months')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .drivers import BURN_IN, Calendar

__all__ = [
    "CAMPAIGN_COLUMNS",
    "CHURN_AFTER",
    "DISCOUNT",
    "DISCOUNT_MONTHS",
    "EXTRA_SIGNUPS",
    "REDEMPTION_COLUMNS",
    "add_signups",
    "apply_discount",
    "campaign_month",
    "campaign_tables",
    "cancel_after_discount",
]

EXTRA_SIGNUPS = 22.0
DISCOUNT = 0.25
DISCOUNT_MONTHS = 3
CHURN_AFTER = 0.6
MIN_MONTHS = 12
CAMPAIGN_COLUMNS = (
    "campaign_id",
    "name",
    "segment",
    "offer",
    "discount_share",
    "starts_on",
    "ends_on",
    "discount_months",
)
REDEMPTION_COLUMNS = ("order_id", "customer_id", "campaign_id", "list_amount", "discount")


def campaign_month(months: int) -> int | None:
    """Index of the campaign month (0 = first month), or None when the data is too short.

    The campaign runs a third of the way in, so that its after-effects fit in the data.
    """
    if months < MIN_MONTHS:
        return None
    return months // 3


def add_signups(plan: pd.DataFrame, cal: Calendar, scale: float) -> pd.DataFrame:
    """The plan with the campaign's extra business sign-ups added in the campaign month."""
    c = campaign_month(cal.n)
    if c is None:
        return plan
    out = plan.copy()
    col = out.columns.get_loc("signups_business")
    out.iloc[BURN_IN + c, col] += round(EXTRA_SIGNUPS * scale)
    return out


def _cohort(customers: pd.DataFrame, cal: Calendar) -> np.ndarray:
    """Positions of the business customers who signed up in the campaign month."""
    c = campaign_month(cal.n)
    if c is None:
        return np.array([], dtype=np.int64)
    signup_m = cal.month_index(customers["signup_at"].to_numpy())
    business = (customers["segment"].astype(str) == "business").to_numpy()
    return np.flatnonzero(business & (signup_m == c))


def cancel_after_discount(
    customers: pd.DataFrame, cal: Calendar, rng: np.random.Generator
) -> pd.DataFrame:
    """Customers with most of the campaign cohort cancelling when the discount ends."""
    who = _cohort(customers, cal)
    if len(who) == 0:
        return customers
    c = campaign_month(cal.n)
    leave = who[rng.random(len(who)) < CHURN_AFTER]
    month = c + DISCOUNT_MONTHS + rng.integers(0, 3, len(leave))
    month = np.minimum(month, cal.n - 1)
    when = cal.random_times(rng, month)
    churned = customers["churned_at"].to_numpy().astype("datetime64[m]").copy()
    current = churned[leave]
    churned[leave] = np.where(np.isnat(current) | (current > when), when, current)
    out = customers.copy()
    out["churned_at"] = churned
    return out


def apply_discount(
    orders: pd.DataFrame, customers: pd.DataFrame, cal: Calendar
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Orders with the campaign discount applied, and one redemption row per discounted order."""
    who = _cohort(customers, cal)
    empty = pd.DataFrame({name: [] for name in REDEMPTION_COLUMNS})
    if len(who) == 0:
        return orders, empty
    c = campaign_month(cal.n)
    ids = customers["customer_id"].to_numpy()[who]
    month = cal.month_index(orders["ordered_at"].to_numpy())
    hit = orders["customer_id"].isin(ids).to_numpy() & (month >= c) & (month < c + DISCOUNT_MONTHS)
    out = orders.copy()
    list_amount = out.loc[hit, "amount"].to_numpy()
    paid = np.round(list_amount * (1 - DISCOUNT), 2)
    out.loc[hit, "amount"] = paid
    red = pd.DataFrame(
        {
            "order_id": out.loc[hit, "order_id"].to_numpy(),
            "customer_id": out.loc[hit, "customer_id"].to_numpy(),
            "campaign_id": "CMP01",
            "list_amount": list_amount,
            "discount": np.round(list_amount - paid, 2),
        }
    )
    return out, red


def campaign_tables(cal: Calendar, redemptions: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The ``campaigns`` table (one row, or none when the data is too short) and redemptions."""
    c = campaign_month(cal.n)
    rows = []
    if c is not None:
        rows.append(
            {
                "campaign_id": "CMP01",
                "name": "First quarter at 25 % off",
                "segment": "business",
                "offer": "25 % off all orders in the first three months for offices signing "
                "up in the campaign month",
                "discount_share": DISCOUNT,
                "starts_on": cal.starts[c],
                "ends_on": cal.starts[c + 1] - np.timedelta64(1, "D"),
                "discount_months": DISCOUNT_MONTHS,
            }
        )
    camp = pd.DataFrame(rows, columns=list(CAMPAIGN_COLUMNS))
    return {"campaigns": camp, "campaign_redemptions": redemptions}
