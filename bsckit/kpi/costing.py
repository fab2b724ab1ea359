"""Overhead costing: activity-based costing (ABC) beside a single plant-wide rate.

A plant-wide rate spreads all overhead over the cost objects (products, customers, meal
lines) in proportion to one base, usually direct labour hours. Activity-based costing
(Kaplan and Cooper, *Cost and Effect*) first groups overhead into activity cost pools
(design, set-ups, deliveries...), then charges each pool at its own rate:

    activity rate = pool cost / total quantity of the pool's cost driver
    cost allocated to an object = sum over pools of rate x the object's driver quantity

Objects that use many set-ups or deliveries per unit then carry the cost they cause, which a
labour-hour rate hides. :func:`costing_comparison` puts both allocations side by side.

Examples
--------
>>> pools = {"setups": 300.0, "machining": 600.0}
>>> usage = {"soup": {"setups": 2, "machining": 50}, "stew": {"setups": 8, "machining": 50}}
>>> abc = activity_based_costing(pools, usage, units={"soup": 100, "stew": 100})
>>> abc.rates.to_dict()
{'setups': 30.0, 'machining': 6.0}
>>> abc.total.to_dict()
{'soup': 360.0, 'stew': 540.0}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from bsckit._validation import check_number
from bsckit.kpi._common import values

__all__ = [
    "CostAllocation",
    "activity_based_costing",
    "activity_rates",
    "costing_comparison",
    "plantwide_rate_costing",
]

_RELATIVE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class CostAllocation:
    """Overhead allocated to cost objects by activity-based costing or a plant-wide rate.

    Attributes
    ----------
    rates : pandas.Series
        Cost per unit of driver, one entry per pool (one entry, ``"plantwide"``, for a
        plant-wide rate).
    allocated : pandas.DataFrame
        Cost allocated to each object (rows) from each pool (columns).
    total : pandas.Series
        Overhead allocated to each object (the row sums of ``allocated``).
    per_unit : pandas.Series or None
        ``total`` divided by the units of each object, when ``units`` was given.
    method : str
        ``"activity_based"`` or ``"plantwide"``.
    """

    rates: pd.Series
    allocated: pd.DataFrame
    total: pd.Series
    per_unit: pd.Series | None
    method: str


def _amounts(name: str, mapping: Any, *, what: str) -> pd.Series:
    """Return a Mapping or Series of non-negative amounts as a float Series, checked."""
    if isinstance(mapping, pd.Series):
        series = mapping
    elif isinstance(mapping, Mapping):
        series = pd.Series(dict(mapping), dtype=object)
    else:
        msg = (
            f"`{name}` must be a mapping or Series of {what}, e.g. "
            f"{{'setups': 300000, 'deliveries': 81000}}; got {type(mapping).__name__}."
        )
        raise TypeError(msg)
    if series.empty:
        msg = f"`{name}` is empty; give at least one entry of {what}."
        raise ValueError(msg)
    if not series.index.is_unique:
        msg = f"`{name}` names {series.index[series.index.duplicated()][0]!r} twice."
        raise ValueError(msg)
    checked = values(name, list(series.to_numpy()), low=0.0, hint=f"Give {what}, never negative.")
    return pd.Series(np.atleast_1d(checked), index=[str(i) for i in series.index], name=name)


def activity_rates(pool_costs: Any, driver_totals: Any) -> pd.Series:
    """Activity rate of each cost pool: pool cost / total quantity of its cost driver.

    Parameters
    ----------
    pool_costs : Mapping or Series
        Overhead cost of each activity pool, e.g. ``{"setups": 300000}``.
    driver_totals : Mapping or Series
        Total driver quantity of each pool (set-up hours, deliveries...), same pools.

    Returns
    -------
    pandas.Series
        Cost per driver unit, indexed by pool.

    Examples
    --------
    >>> activity_rates({"setups": 300_000}, {"setups": 2_000}).to_dict()
    {'setups': 150.0}
    """
    costs = _amounts("pool_costs", pool_costs, what="pool costs")
    totals = _amounts("driver_totals", driver_totals, what="driver quantities")
    _same_pools("driver_totals", totals.index, costs.index)
    totals = totals.reindex(costs.index)
    empty = totals[(totals == 0) & (costs > 0)]
    if not empty.empty:
        pool = empty.index[0]
        msg = (
            f"`driver_totals` for pool {pool!r} is 0, but the pool costs {costs[pool]:g}: a "
            "cost with no driver quantity cannot be charged. Count the driver, or merge the "
            "pool into another."
        )
        raise ValueError(msg)
    rates = costs / totals.where(totals > 0, 1.0)
    return rates.rename("rate")


def _same_pools(name: str, got: pd.Index, pools: pd.Index) -> None:
    unknown = [p for p in got if p not in pools]
    if unknown:
        msg = (
            f"`{name}` names pool {unknown[0]!r}, which is not in `pool_costs` (pools: "
            f"{', '.join(map(repr, pools))}). Check the spelling or add the pool's cost."
        )
        raise ValueError(msg)
    missing = [p for p in pools if p not in got]
    if missing:
        msg = (
            f"`{name}` has no entry for pool {missing[0]!r}. Give a driver quantity for every "
            "pool in `pool_costs`."
        )
        raise ValueError(msg)


def _usage_frame(driver_usage: Any) -> pd.DataFrame:
    """Driver usage as a float DataFrame: rows = cost objects, columns = pools."""
    if isinstance(driver_usage, pd.DataFrame):
        frame = driver_usage.copy()
    elif isinstance(driver_usage, Mapping) and all(
        isinstance(v, Mapping) for v in driver_usage.values()
    ):
        frame = pd.DataFrame.from_dict(dict(driver_usage), orient="index")
    else:
        msg = (
            "`driver_usage` must be a DataFrame (rows: cost objects, columns: pools) or a "
            "mapping of object -> {pool: driver quantity}; got "
            f"{type(driver_usage).__name__}."
        )
        raise TypeError(msg)
    if frame.empty:
        msg = "`driver_usage` is empty; give the driver quantity of each object in each pool."
        raise ValueError(msg)
    frame.index = [str(i) for i in frame.index]
    frame.columns = [str(c) for c in frame.columns]
    if frame.isna().to_numpy().any():
        row, col = (int(k[0]) for k in np.nonzero(frame.isna().to_numpy()))
        obj, pool = frame.index[row], frame.columns[col]
        msg = (
            f"`driver_usage` has no quantity for object {obj!r} in pool {pool!r}. "
            "Put 0 where an object does not use a pool."
        )
        raise ValueError(msg)
    checked = values(
        "driver_usage",
        list(frame.to_numpy(dtype=object).ravel()),
        low=0.0,
        hint="Driver quantities are counts or hours, never negative.",
    )
    return pd.DataFrame(
        np.asarray(checked).reshape(frame.shape), index=frame.index, columns=frame.columns
    )


def _per_unit(units: Any, total: pd.Series) -> pd.Series | None:
    if units is None:
        return None
    counts = _amounts("units", units, what="units of each cost object")
    _same_objects("units", counts.index, total.index)
    counts = counts.reindex(total.index)
    if (counts <= 0).any():
        obj = counts.index[counts <= 0][0]
        msg = f"`units` of object {obj!r} must be greater than 0 to give a cost per unit."
        raise ValueError(msg)
    return (total / counts).rename("per_unit")


def _same_objects(name: str, got: pd.Index, objects: pd.Index) -> None:
    if set(got) != set(objects):
        extra = sorted(set(got) ^ set(objects))
        msg = (
            f"`{name}` must name the same cost objects ({', '.join(objects)}); "
            f"{extra[0]!r} is in one but not the other."
        )
        raise ValueError(msg)


def activity_based_costing(
    pool_costs: Any,
    driver_usage: Any,
    *,
    driver_totals: Any = None,
    units: Any = None,
) -> CostAllocation:
    """Allocate overhead to cost objects through activity cost pools and their drivers.

    Parameters
    ----------
    pool_costs : Mapping or Series
        Overhead cost of each activity pool.
    driver_usage : DataFrame or Mapping
        Driver quantity each cost object uses in each pool: a DataFrame (rows: objects,
        columns: pools) or ``{object: {pool: quantity}}``. Every pool needs a column.
    driver_totals : Mapping or Series, optional
        Total driver quantity per pool, when the source states it. The usage of each pool
        must add up to it (an error names the first pool that does not); by default the
        totals are the sums of the usage.
    units : Mapping or Series, optional
        Units of each cost object (meals, orders), for a cost per unit.

    Returns
    -------
    CostAllocation

    Raises
    ------
    ValueError
        For a pool in the usage that has no cost (unknown pool), a pool with no usage, a
        pool whose driver total is 0, or usage that does not add up to ``driver_totals``.

    Examples
    --------
    >>> r = activity_based_costing({"setups": 300.0}, {"a": {"setups": 1}, "b": {"setups": 2}})
    >>> r.total.to_dict()
    {'a': 100.0, 'b': 200.0}
    >>> activity_based_costing({"setups": 300.0}, {"a": {"setup": 1}})
    Traceback (most recent call last):
    ...
    ValueError: `driver_usage` names pool 'setup', which is not in `pool_costs` (pools: 'setups'). Check the spelling or add the pool's cost.
    """
    costs = _amounts("pool_costs", pool_costs, what="pool costs")
    usage = _usage_frame(driver_usage)
    _same_pools("driver_usage", usage.columns, costs.index)
    usage = usage[list(costs.index)]
    used = usage.sum(axis=0)
    if driver_totals is None:
        totals = used
    else:
        totals = _amounts("driver_totals", driver_totals, what="driver quantities")
        _same_pools("driver_totals", totals.index, costs.index)
        totals = totals.reindex(costs.index)
        off = ~np.isclose(used, totals, rtol=_RELATIVE_TOLERANCE, atol=0.0)
        if off.any():
            pool = costs.index[np.flatnonzero(off)[0]]
            msg = (
                f"`driver_usage` for pool {pool!r} adds up to {used[pool]:g}, but "
                f"`driver_totals` says {totals[pool]:g}. Correct the quantities, or leave "
                "driver_totals out to use the sum of the usage."
            )
            raise ValueError(msg)
    rates = activity_rates(costs, totals)
    allocated = usage * rates
    total = allocated.sum(axis=1).rename("total")
    return CostAllocation(
        rates=rates,
        allocated=allocated,
        total=total,
        per_unit=_per_unit(units, total),
        method="activity_based",
    )


def plantwide_rate_costing(
    total_overhead: Any, base_usage: Any, *, units: Any = None
) -> CostAllocation:
    """Allocate all overhead with one plant-wide rate: overhead / total of one base.

    Parameters
    ----------
    total_overhead : float
        All the overhead to allocate (> 0).
    base_usage : Mapping or Series
        Quantity of the allocation base (e.g. direct labour hours) each cost object uses.
    units : Mapping or Series, optional
        Units of each cost object, for a cost per unit.

    Examples
    --------
    >>> r = plantwide_rate_costing(900.0, {"soup": 50, "stew": 100})
    >>> float(r.rates["plantwide"]), r.total.to_dict()
    (6.0, {'soup': 300.0, 'stew': 600.0})
    """
    overhead = check_number("total_overhead", total_overhead, low=0.0, low_open=True)
    base = _amounts("base_usage", base_usage, what="allocation-base quantities")
    if base.sum() <= 0:
        msg = (
            "`base_usage` adds up to 0: a plant-wide rate needs some allocation base "
            "(e.g. labour hours) to divide the overhead by."
        )
        raise ValueError(msg)
    rate = overhead / float(base.sum())
    allocated = (base * rate).to_frame("plantwide")
    total = allocated["plantwide"].rename("total")
    return CostAllocation(
        rates=pd.Series({"plantwide": rate}, name="rate"),
        allocated=allocated,
        total=total,
        per_unit=_per_unit(units, total),
        method="plantwide",
    )


def costing_comparison(activity_based: CostAllocation, plantwide: CostAllocation) -> pd.DataFrame:
    """Both allocations side by side, per cost object (per unit when both have units).

    ``difference = plantwide - activity_based``: positive means the plant-wide rate
    over-costs the object (it subsidises the others), negative means it under-costs it.

    Examples
    --------
    >>> abc = activity_based_costing({"setups": 900.0}, {"soup": {"setups": 1}, "stew": {"setups": 2}})
    >>> pw = plantwide_rate_costing(900.0, {"soup": 50, "stew": 100})
    >>> costing_comparison(abc, pw)["difference"].to_dict()
    {'soup': 0.0, 'stew': 0.0}
    """
    for name, value in (("activity_based", activity_based), ("plantwide", plantwide)):
        if not isinstance(value, CostAllocation):
            msg = f"`{name}` must be a CostAllocation, got {type(value).__name__}."
            raise TypeError(msg)
    _same_objects("plantwide", plantwide.total.index, activity_based.total.index)
    both_units = activity_based.per_unit is not None and plantwide.per_unit is not None
    pick = (lambda r: r.per_unit) if both_units else (lambda r: r.total)
    abc = pick(activity_based)
    pw = pick(plantwide).reindex(abc.index)
    return pd.DataFrame({"activity_based": abc, "plantwide": pw, "difference": pw - abc})
