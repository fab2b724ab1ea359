"""Monthly history of a SMART-vocabulary measure, computed from the Homeats tables.

The SMART objective builder fills in a measure's baseline and draws its history from here, and
passes the history to :func:`bsckit.smart.check_smart` for the Achievable check. Each recipe
below is the plain pandas a learner would write; the definitions follow the data dictionary
(``datasets/README.md``) and :mod:`bsckit.data.chains`.

========================  ===============================================================
measure id                monthly value (month of the date column named)
========================  ===============================================================
on_time_delivery          % of delivered orders with ``delivered_at <= promised_at``
                          (``ordered_at``)
new_product_revenue_share % of delivered-order revenue from new dishes (``ordered_at``)
revenue                   sum of delivered-order ``amount``, GBP (``ordered_at``)
average_order_value       mean delivered-order ``amount``, GBP (``ordered_at``)
defect_rate               sum ``defects`` / sum ``units_made`` x 100 (``produced_on``)
cost_per_unit             sum ``cost`` / sum ``good_units``, GBP (``produced_on``)
production_cost           sum ``cost``, GBP (``produced_on``)
quality_checks            mean ``quality_checks`` per batch (``produced_on``)
market_research_studies   count of ``market_studies`` rows (``completed_on``)
process_improvements      count of ``initiatives`` rows (``started_on``)
quality_complaints        count of tickets of type complaint, topic food quality
                          (``opened_at``)
first_contact_resolution  % of tickets with ``first_contact_resolved`` (``opened_at``)
response_time             median hours from ``opened_at`` to ``first_response_at``
billing_error_rate        % of invoices with ``billing_error`` (``issued_on``)
training_hours            training hours per employee trained (``training.month``)
nps                       relationship surveys: % scoring 9-10 minus % scoring 0-6
                          (``sent_at``)
csat                      % of CSAT answers (any touchpoint) that are 4 or 5 (``sent_at``)
operating_margin          ``ebit`` / ``net_revenue`` x 100 (``finance_monthly.month``)
========================  ===============================================================

Counts are 0 in a month with no rows; ratios are missing (NaN) in a month with no
denominator. Tables are read with :func:`bsckit.data.load` once per folder and kept in memory.

Examples
--------
>>> "on_time_delivery" in HISTORY_MEASURES
True
>>> measure_history("nps_of_the_moon")
Traceback (most recent call last):
...
KeyError: "`measure_id` 'nps_of_the_moon' has no Homeats history recipe; known: average_order_value, billing_error_rate, cost_per_unit, csat, defect_rate, first_contact_resolution, market_research_studies, new_product_revenue_share, nps, on_time_delivery, operating_margin, process_improvements, production_cost, quality_checks, quality_complaints, response_time, revenue, training_hours."
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

__all__ = ["HISTORY_MEASURES", "clear_cache", "measure_history"]

_Loader = Callable[[str], pd.DataFrame]
_CACHE: dict[tuple[str, str], pd.DataFrame] = {}


def _month(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_datetime(frame[column]).dt.to_period("M")


def _ratio(num: pd.Series, den: pd.Series, scale: float = 1.0) -> pd.Series:
    return (num / den.where(den != 0)) * scale


def _delivered(get: _Loader) -> pd.DataFrame:
    orders = get("orders")
    return orders[orders["status"] == "delivered"]


def _on_time_delivery(get: _Loader) -> pd.Series:
    orders = _delivered(get)
    on_time = pd.to_datetime(orders["delivered_at"]) <= pd.to_datetime(orders["promised_at"])
    return on_time.groupby(_month(orders, "ordered_at")).mean() * 100


def _new_product_revenue_share(get: _Loader) -> pd.Series:
    orders = _delivered(get)
    month = _month(orders, "ordered_at")
    new = orders["amount"].where(orders["new_dish"].astype(bool), 0.0)
    return _ratio(new.groupby(month).sum(), orders["amount"].groupby(month).sum(), 100)


def _revenue(get: _Loader) -> pd.Series:
    orders = _delivered(get)
    return orders["amount"].groupby(_month(orders, "ordered_at")).sum()


def _average_order_value(get: _Loader) -> pd.Series:
    orders = _delivered(get)
    return orders["amount"].groupby(_month(orders, "ordered_at")).mean()


def _batches_by_month(get: _Loader) -> pd.core.groupby.DataFrameGroupBy:
    batches = get("production_batches")
    return batches.groupby(_month(batches, "produced_on"))


def _defect_rate(get: _Loader) -> pd.Series:
    sums = _batches_by_month(get)[["defects", "units_made"]].sum()
    return _ratio(sums["defects"], sums["units_made"], 100)


def _cost_per_unit(get: _Loader) -> pd.Series:
    sums = _batches_by_month(get)[["cost", "good_units"]].sum()
    return _ratio(sums["cost"], sums["good_units"])


def _production_cost(get: _Loader) -> pd.Series:
    return _batches_by_month(get)["cost"].sum()


def _quality_checks(get: _Loader) -> pd.Series:
    return _batches_by_month(get)["quality_checks"].mean()


def _count(table: str, column: str) -> Callable[[_Loader], pd.Series]:
    def recipe(get: _Loader) -> pd.Series:
        rows = get(table)
        counts = rows.groupby(_month(rows, column)).size()
        return _fill_months(counts)

    return recipe


def _fill_months(counts: pd.Series) -> pd.Series:
    if counts.empty:
        return counts.astype(float)
    months = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    return counts.reindex(months, fill_value=0).astype(float)


def _quality_complaints(get: _Loader) -> pd.Series:
    tickets = get("tickets")
    month = _month(tickets, "opened_at")
    quality = (tickets["type"] == "complaint") & (tickets["topic"] == "food quality")
    return quality.groupby(month).sum().astype(float)


def _first_contact_resolution(get: _Loader) -> pd.Series:
    tickets = get("tickets")
    return (
        tickets["first_contact_resolved"].astype(bool).groupby(_month(tickets, "opened_at")).mean()
        * 100
    )


def _response_time(get: _Loader) -> pd.Series:
    tickets = get("tickets")
    hours = (
        pd.to_datetime(tickets["first_response_at"]) - pd.to_datetime(tickets["opened_at"])
    ).dt.total_seconds() / 3600
    return hours.groupby(_month(tickets, "opened_at")).median()


def _billing_error_rate(get: _Loader) -> pd.Series:
    invoices = get("invoices")
    return (
        invoices["billing_error"].astype(bool).groupby(_month(invoices, "issued_on")).mean() * 100
    )


def _training_hours(get: _Loader) -> pd.Series:
    training = get("training")
    grouped = training.groupby(_month(training, "month"))
    return _ratio(grouped["training_hours"].sum(), grouped["employee_id"].nunique())


def _nps(get: _Loader) -> pd.Series:
    surveys = get("surveys")
    answers = surveys[(surveys["touchpoint"] == "relationship") & surveys["nps"].notna()]
    score = pd.to_numeric(answers["nps"])
    month = _month(answers, "sent_at")
    promoters = (score >= 9).groupby(month).mean()
    detractors = (score <= 6).groupby(month).mean()
    return (promoters - detractors) * 100


def _csat(get: _Loader) -> pd.Series:
    surveys = get("surveys")
    answers = surveys[surveys["csat"].notna()]
    satisfied = pd.to_numeric(answers["csat"]) >= 4
    return satisfied.groupby(_month(answers, "sent_at")).mean() * 100


def _operating_margin(get: _Loader) -> pd.Series:
    finance = get("finance_monthly")
    month = pd.PeriodIndex(finance["month"].astype(str), freq="M")
    margin = _ratio(finance["ebit"].astype(float), finance["net_revenue"].astype(float), 100)
    return pd.Series(margin.to_numpy(), index=month)


#: Measure id (see :data:`bsckit.smart.MEASURES`) -> recipe computing its monthly series.
HISTORY_MEASURES: dict[str, Callable[[_Loader], pd.Series]] = {
    "on_time_delivery": _on_time_delivery,
    "new_product_revenue_share": _new_product_revenue_share,
    "revenue": _revenue,
    "average_order_value": _average_order_value,
    "defect_rate": _defect_rate,
    "cost_per_unit": _cost_per_unit,
    "production_cost": _production_cost,
    "quality_checks": _quality_checks,
    "market_research_studies": _count("market_studies", "completed_on"),
    "process_improvements": _count("initiatives", "started_on"),
    "quality_complaints": _quality_complaints,
    "first_contact_resolution": _first_contact_resolution,
    "response_time": _response_time,
    "billing_error_rate": _billing_error_rate,
    "training_hours": _training_hours,
    "nps": _nps,
    "csat": _csat,
    "operating_margin": _operating_margin,
}


def _loader(data_dir: str | os.PathLike[str] | None) -> _Loader:
    from bsckit import data

    key_dir = "<default>" if data_dir is None else str(Path(data_dir).resolve())

    def get(name: str) -> pd.DataFrame:
        key = (key_dir, name)
        if key not in _CACHE:
            _CACHE[key] = data.load(name, data_dir=data_dir)
        return _CACHE[key]

    return get


def clear_cache() -> None:
    """Forget the tables read so far (e.g. after regenerating the data)."""
    _CACHE.clear()


def measure_history(
    measure_id: str,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    tables: dict[str, pd.DataFrame] | None = None,
) -> pd.Series:
    """Return the monthly history of ``measure_id`` from the Homeats tables.

    Parameters
    ----------
    measure_id : str
        A key of :data:`HISTORY_MEASURES` (an id of the SMART vocabulary).
    data_dir : path-like, optional
        Folder of the tables; default: the kit's ``datasets/`` (see :func:`bsckit.data.load`).
    tables : dict of str to DataFrame, optional
        Tables to use instead of reading files (e.g. in tests); ``data_dir`` is then ignored.

    Returns
    -------
    pandas.Series
        Float values in the measure's unit, indexed by a monthly ``PeriodIndex`` in time order,
        named ``measure_id``.

    Raises
    ------
    KeyError
        When there is no recipe for ``measure_id``; the message lists the known ids.

    Examples
    --------
    >>> orders = pd.DataFrame({"status": ["delivered"] * 3,
    ...     "ordered_at": ["2026-01-05 10:00", "2026-01-09 10:00", "2026-02-02 10:00"],
    ...     "promised_at": ["2026-01-05 12:00", "2026-01-09 12:00", "2026-02-02 12:00"],
    ...     "delivered_at": ["2026-01-05 11:50", "2026-01-09 12:30", "2026-02-02 11:00"]})
    >>> measure_history("on_time_delivery", tables={"orders": orders}).round(1).to_dict()
    {Period('2026-01', 'M'): 50.0, Period('2026-02', 'M'): 100.0}
    """
    recipe = HISTORY_MEASURES.get(measure_id) if isinstance(measure_id, str) else None
    if recipe is None:
        known = ", ".join(sorted(HISTORY_MEASURES))
        msg = f"`measure_id` {measure_id!r} has no Homeats history recipe; known: {known}."
        raise KeyError(msg)
    if tables is not None:
        if not isinstance(tables, dict):
            msg = (
                f"`tables` must be a dict of table name -> DataFrame, got {type(tables).__name__}."
            )
            raise TypeError(msg)

        def get(name: str) -> pd.DataFrame:
            if name not in tables:
                msg = f"`tables` has no table {name!r}, which {measure_id!r} needs."
                raise KeyError(msg)
            return tables[name]

    else:
        get = _loader(data_dir)
    series = recipe(get).astype(float).sort_index()
    series.index.name = "month"
    return series.rename(measure_id)
