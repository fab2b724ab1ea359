"""Sales variances against budget: price, quantity and mix.

For products (or sales lines) ``i`` with actual quantity ``q_i`` at actual unit value ``p_i``
and budgeted quantity ``Q_i`` at budgeted unit value ``P_i`` (a price for revenue variances, a
contribution per unit for margin variances):

    price variance_i    = (p_i - P_i) x q_i
    volume variance_i   = (q_i - Q_i) x P_i                   = quantity_i + mix_i
    quantity variance_i = (sum q - sum Q) x (Q_i / sum Q) x P_i   (budgeted mix)
    mix variance_i      = (q_i - sum q x Q_i / sum Q) x P_i       (actual total, budgeted mix)

Positive is favourable for revenue and contribution. Price + volume is the whole difference
between actual and budget revenue when ``P`` is the budgeted price. The quantity/mix split is
the textbook one (Drury, *Management and Cost Accounting*, sales margin mix and quantity
variances).

Examples
--------
>>> v = sales_variances([6000, 7000, 9000], [8000, 7000, 5000], [20, 12, 9])
>>> v.sum().round(2).to_dict()
{'price': 0.0, 'quantity': 28900.0, 'mix': -32900.0, 'volume': -4000.0}
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bsckit.kpi._common import values

__all__ = [
    "sales_mix_variance",
    "sales_price_variance",
    "sales_quantity_variance",
    "sales_variances",
]


def _inputs(**named: Any) -> tuple[dict[str, np.ndarray], pd.Index | None]:
    arrays = {k: np.atleast_1d(values(k, v, low=0.0)).astype(float) for k, v in named.items()}
    sizes = {k: a.size for k, a in arrays.items()}
    if len(set(sizes.values())) != 1:
        msg = (
            f"the inputs must have one entry per product; got sizes {sizes}. "
            "Align them on the same products first."
        )
        raise ValueError(msg)
    index = next((v.index for v in named.values() if isinstance(v, pd.Series)), None)
    return arrays, index


def _out(result: np.ndarray, index: pd.Index | None) -> pd.Series:
    return pd.Series(result, index=index)


def sales_price_variance(actual_qty: Any, actual_value: Any, budget_value: Any) -> pd.Series:
    """Price variance per product: ``(actual value - budget value) x actual quantity``.

    Examples
    --------
    >>> sales_price_variance([100, 50], [10.5, 8.0], [10.0, 8.2]).round(2).tolist()
    [50.0, -10.0]
    """
    a, index = _inputs(actual_qty=actual_qty, actual_value=actual_value, budget_value=budget_value)
    return _out((a["actual_value"] - a["budget_value"]) * a["actual_qty"], index)


def sales_quantity_variance(actual_qty: Any, budget_qty: Any, budget_value: Any) -> pd.Series:
    """Quantity variance per product: the change in total quantity, sold at the budgeted mix.

    Examples
    --------
    >>> sales_quantity_variance([6000, 7000, 9000], [8000, 7000, 5000], [20, 12, 9]).tolist()
    [16000.0, 8400.0, 4500.0]
    """
    a, index = _inputs(actual_qty=actual_qty, budget_qty=budget_qty, budget_value=budget_value)
    total_b = a["budget_qty"].sum()
    if total_b <= 0:
        msg = "`budget_qty` must add up to more than 0; a budget with no sales has no mix."
        raise ValueError(msg)
    mix = a["budget_qty"] / total_b
    return _out((a["actual_qty"].sum() - total_b) * mix * a["budget_value"], index)


def sales_mix_variance(actual_qty: Any, budget_qty: Any, budget_value: Any) -> pd.Series:
    """Mix variance per product: actual quantity against the actual total at the budgeted mix.

    Examples
    --------
    >>> sales_mix_variance([6000, 7000, 9000], [8000, 7000, 5000], [20, 12, 9]).tolist()
    [-56000.0, -8400.0, 31500.0]
    """
    a, index = _inputs(actual_qty=actual_qty, budget_qty=budget_qty, budget_value=budget_value)
    total_b = a["budget_qty"].sum()
    if total_b <= 0:
        msg = "`budget_qty` must add up to more than 0; a budget with no sales has no mix."
        raise ValueError(msg)
    at_budget_mix = a["actual_qty"].sum() * a["budget_qty"] / total_b
    return _out((a["actual_qty"] - at_budget_mix) * a["budget_value"], index)


def sales_variances(
    actual_qty: Any,
    budget_qty: Any,
    budget_value: Any,
    actual_value: Any = None,
) -> pd.DataFrame:
    """Price, quantity, mix and volume variances per product in one table.

    Parameters
    ----------
    actual_qty, budget_qty : array-like or Series
        Units sold and budgeted, one entry per product (the same order, or the same index).
    budget_value : array-like or Series
        Budgeted price per unit (revenue variances) or contribution per unit (margin
        variances).
    actual_value : array-like or Series, optional
        Actual value per unit; default the budgeted one (no price variance).

    Returns
    -------
    pandas.DataFrame
        Columns ``price``, ``quantity``, ``mix``, ``volume`` (= quantity + mix); positive is
        favourable.

    Examples
    --------
    >>> v = sales_variances([6000, 6000], [5500, 4500], [4.5, 10.0])
    >>> float(v["mix"].sum()), float(v["volume"].sum())
    (3300.0, 17250.0)
    """
    if actual_value is None:
        actual_value = budget_value
    quantity = sales_quantity_variance(actual_qty, budget_qty, budget_value)
    mix = sales_mix_variance(actual_qty, budget_qty, budget_value)
    price = sales_price_variance(actual_qty, actual_value, budget_value)
    index = quantity.index
    return pd.DataFrame(
        {
            "price": price.to_numpy(),
            "quantity": quantity.to_numpy(),
            "mix": mix.to_numpy(),
            "volume": quantity.to_numpy() + mix.to_numpy(),
        },
        index=index,
    )
