"""Monthly customer and financial signals for the leading/lagging test of module 1.

Examples
--------
>>> from bsckit.data import generate
>>> signals = monthly_signals(generate(seed=1, months=6, scale=0.2))
>>> list(signals.columns)
['complaints_per_1000', 'nps', 'churn_rate', 'subscription_revenue', 'subscription_growth', 'net_revenue', 'ebit']
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from bsckit.measures import measure_series
from bsckit.processes import month_of

__all__ = ["monthly_signals"]


def monthly_signals(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per month: complaints, NPS, churn, subscription revenue and its growth, P&L.

    Definitions (as in the data dictionary's planted chains): ``complaints_per_1000`` counts
    food-quality complaint tickets by the month of the order they concern per 1,000 orders
    placed; ``nps`` is % promoters (9-10) minus % detractors (0-6) of the relationship survey
    by month sent; ``churn_rate`` is household subscribers cancelling in the month over those
    active at its start (a fraction); ``subscription_growth`` is the month-on-month relative
    change of ``finance_monthly.revenue_subscription`` (a fraction; empty in the first month).
    """
    customers = tables["customers"]
    finance = tables["finance_monthly"]
    months = month_of(finance["month"])
    # complaints and NPS are catalogue measures: computed once, by the measures layer
    complaints = measure_series("quality_complaints", tables)
    nps = measure_series("nps", tables)
    subs = customers[customers["plan"] == "subscription"]
    churn = []
    for month in months:
        start, end = month.start_time, (month + 1).start_time
        active = subs[
            (subs["signup_at"] < start)
            & (subs["churned_at"].isna() | (subs["churned_at"] >= start))
        ]
        left = ((active["churned_at"] >= start) & (active["churned_at"] < end)).sum()
        churn.append(left / len(active) if len(active) else np.nan)
    revenue = finance["revenue_subscription"].to_numpy(dtype=float)
    out = pd.DataFrame(
        {
            "complaints_per_1000": complaints.reindex(months),
            "nps": nps.reindex(months),
            "churn_rate": pd.Series(churn, index=months),
            "subscription_revenue": pd.Series(revenue, index=months),
            "subscription_growth": pd.Series(revenue, index=months).pct_change(),
            "net_revenue": pd.Series(finance["net_revenue"].to_numpy(dtype=float), index=months),
            "ebit": pd.Series(finance["ebit"].to_numpy(dtype=float), index=months),
        },
        index=months,
    )
    return out.rename_axis("month")
