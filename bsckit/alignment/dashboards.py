"""One revenue figure, several definitions: recompute a dashboard's figure from the orders.

Departmental dashboards often report "revenue" with their own choices: gross or net of
refunds, by order or by delivery date, all orders or delivered ones only, weekly or monthly.
:func:`revenue_by_definition` makes each choice a named parameter, so every dashboard can be
recomputed at one grain and compared with the catalogue definition (net, order date,
delivered orders, monthly).

Examples
--------
>>> import pandas as pd
>>> orders = pd.DataFrame({
...     "ordered_at": pd.to_datetime(["2024-01-30", "2024-01-31", "2024-02-02"]),
...     "delivered_at": pd.to_datetime(["2024-02-01", None, "2024-02-03"]),
...     "status": ["delivered", "failed delivery", "delivered"],
...     "amount": [10.0, 20.0, 30.0]})
>>> returns = pd.DataFrame({"processed_at": pd.to_datetime(["2024-02-10"]),
...                         "refund_amount": [5.0]})
>>> revenue_by_definition(orders, returns).tolist()
[10.0, 25.0]
>>> revenue_by_definition(orders, returns, amounts="gross", orders_counted="all orders placed",
...                       date_basis="order date").tolist()
[30.0, 30.0]
>>> revenue_by_definition(orders, returns, amounts="gross", date_basis="delivery date").tolist()
[40.0]
"""

from __future__ import annotations

import pandas as pd

from bsckit._validation import check_choice

__all__ = ["DATE_BASES", "revenue_by_definition"]

DATE_BASES = ("order date", "delivery date")
"""Which date books an order's amount: when it was placed, or when it was delivered."""
_AMOUNTS = ("net", "gross")
_COUNTED = ("delivered orders", "all orders placed")
_FREQ = {"monthly": "M", "weekly": "W-SUN"}


def _period(times: pd.Series, frequency: str) -> pd.Series:
    if frequency == "monthly":
        return times.dt.to_period("M").dt.start_time
    days = times.dt.normalize()
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def revenue_by_definition(
    orders: pd.DataFrame,
    returns: pd.DataFrame,
    *,
    amounts: str = "net",
    date_basis: str = "order date",
    orders_counted: str = "delivered orders",
    frequency: str = "monthly",
) -> pd.Series:
    """Revenue per period under one definition; the defaults are the catalogue's net revenue.

    Parameters
    ----------
    orders, returns : pandas.DataFrame
        The ``orders`` and ``returns`` tables.
    amounts : {"net", "gross"}, default "net"
        ``net`` deducts refunds in the period they are processed; ``gross`` does not.
    date_basis : {"order date", "delivery date"}, default "order date"
        Book each order by ``ordered_at`` or by ``delivered_at``.
    orders_counted : {"delivered orders", "all orders placed"}, default "delivered orders"
        ``all orders placed`` also counts failed deliveries (only with the order date: a
        failed delivery has no delivery date).
    frequency : {"monthly", "weekly"}, default "monthly"
        Periods are calendar months, or weeks starting on Monday.

    Returns
    -------
    pandas.Series
        GBP per period, indexed by the period's first day (``period_start``).
    """
    check_choice("amounts", amounts, _AMOUNTS)
    check_choice("date_basis", date_basis, DATE_BASES)
    check_choice("orders_counted", orders_counted, _COUNTED)
    check_choice("frequency", frequency, tuple(_FREQ))
    if date_basis == "delivery date" and orders_counted == "all orders placed":
        msg = (
            "`orders_counted='all orders placed'` needs `date_basis='order date'`: a failed "
            "delivery has no delivery date. Use orders_counted='delivered orders'."
        )
        raise ValueError(msg)
    counted = (
        orders if orders_counted == "all orders placed" else orders[orders["status"] == "delivered"]
    )
    when = counted["ordered_at"] if date_basis == "order date" else counted["delivered_at"]
    revenue = counted["amount"].groupby(_period(when, frequency)).sum()
    if amounts == "net":
        done = returns.dropna(subset=["processed_at"])
        refunds = done["refund_amount"].groupby(_period(done["processed_at"], frequency)).sum()
        revenue = revenue.sub(refunds, fill_value=0.0)
    return revenue.rename("revenue").rename_axis("period_start")
