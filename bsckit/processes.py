"""Testing cause-and-effect claims between monthly process measures.

A strategy map claims that a leading measure drives a lagging one *some months later*
("more market research, more sales of new dishes three months on"). With monthly data the
ordinary first test is a **lagged correlation**: correlate the cause in month ``t`` with the
effect in month ``t + lag`` for several lags and see where (and whether) the relation peaks.
A second test, the **lagged regression**, puts two candidate causes side by side at their own
lags, which exposes a distractor: a measure that moves with the outcome only because it shares
a cause with it.

Both are screening tools, not proof. Monthly business series are short (24 points) and
autocorrelated, so p-values printed here are optimistic; a relation that only shows at one odd
lag, or whose sign contradicts the story, deserves doubt.

Conventions
-----------
- Lag ``k`` pairs ``cause[t]`` with ``effect[t + k]``: a positive lag means the cause *leads*.
  A negative lag means the effect leads (the classic sign of reverse causation).
- Series are aligned on their index (inner join) and must then be consecutive periods; plain
  sequences must have the same length and are taken as consecutive.

Examples
--------
>>> cause = [1, 3, 2, 5, 4, 6, 8, 7]
>>> effect = [0, 0, 1, 3, 2, 5, 4, 6]      # the cause, two months later
>>> table = lagged_correlation(cause, effect, max_lag=3)
>>> table["correlation"].round(3).tolist()
[0.889, 0.768, 1.0, 0.3]
>>> int(table["correlation"].abs().idxmax())
2
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from bsckit._validation import check_choice, check_count

__all__ = [
    "CORRELATION_METHODS",
    "PROCESS_MEASURES",
    "lagged_correlation",
    "lagged_regression",
    "month_of",
    "partial_correlation",
    "process_measures",
]

CORRELATION_METHODS = ("pearson", "spearman")
"""Correlation coefficients :func:`lagged_correlation` can compute."""

_MIN_PAIRS = 3


def month_of(dates: Any) -> pd.Series | pd.PeriodIndex:
    """The calendar month (a pandas monthly Period) of each date, for grouping by month.

    Parameters
    ----------
    dates : pandas Series or DatetimeIndex of datetimes (time-zone aware or naive)
        Time-zone aware values are converted to their local month as they stand (the time zone
        is dropped, not converted to UTC).

    Examples
    --------
    >>> month_of(pd.Series(pd.to_datetime(["2024-01-31 23:00", "2024-02-01 08:00"]))).astype(str).tolist()
    ['2024-01', '2024-02']
    >>> month_of(pd.Series([1, 2]))
    Traceback (most recent call last):
    ...
    TypeError: `dates` must hold datetimes (e.g. a column parsed with pd.to_datetime); got dtype int64.
    """
    if isinstance(dates, pd.DatetimeIndex):
        values = dates.tz_localize(None) if dates.tz is not None else dates
        return values.to_period("M")
    if not isinstance(dates, pd.Series) or not pd.api.types.is_datetime64_any_dtype(dates):
        dtype = getattr(dates, "dtype", type(dates).__name__)
        msg = (
            "`dates` must hold datetimes (e.g. a column parsed with pd.to_datetime); "
            f"got dtype {dtype}."
        )
        raise TypeError(msg)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates.dt.to_period("M")


def _as_series(name: str, values: Any) -> pd.Series:
    if isinstance(values, pd.DataFrame):
        msg = f"`{name}` must be one series of numbers, got a DataFrame; select one column with [...]."
        raise TypeError(msg)
    if isinstance(values, pd.Series):
        series = values
    elif isinstance(values, np.ndarray | Sequence | pd.Index) and not isinstance(values, str):
        series = pd.Series(np.asarray(values))
    else:
        msg = f"`{name}` must be a pandas Series or a sequence of numbers, got {type(values).__name__}."
        raise TypeError(msg)
    try:
        return pd.to_numeric(series, errors="raise").astype(float)
    except (TypeError, ValueError):
        msg = f"`{name}` must hold numbers only; got dtype {series.dtype}."
        raise TypeError(msg) from None


def _align(cause: Any, effect: Any) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    both_series = isinstance(cause, pd.Series) and isinstance(effect, pd.Series)
    x, y = _as_series("cause", cause), _as_series("effect", effect)
    if both_series:
        frame = pd.concat([x.rename("cause"), y.rename("effect")], axis=1, join="inner")
        if frame.empty:
            msg = (
                "`cause` and `effect` share no index values (months); give both the same "
                "monthly index, e.g. a PeriodIndex from month_of()."
            )
            raise ValueError(msg)
        frame = frame.sort_index()
        return frame["cause"].to_numpy(), frame["effect"].to_numpy(), frame.index
    if len(x) != len(y):
        msg = (
            f"`cause` has {len(x)} values and `effect` has {len(y)}; pass sequences of the same "
            "length (one value per month), or pandas Series with a shared monthly index."
        )
        raise ValueError(msg)
    return x.to_numpy(), y.to_numpy(), pd.RangeIndex(len(x))


def _pearson(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Pearson's r and its two-sided p-value, computed as ``scipy.stats.pearsonr`` computes them.

    The same arithmetic, step by step, so the results are the same floats, without importing
    ``scipy.stats`` (half a second per kernel). ``a`` and ``b`` have at least 3 values and
    neither is constant (the caller checks).
    """
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    xm, ym = x - np.mean(x, keepdims=True), y - np.mean(y, keepdims=True)
    xmax, ymax = np.max(np.abs(xm), keepdims=True), np.max(np.abs(ym), keepdims=True)
    normxm = xmax * np.linalg.norm(xm / xmax, axis=-1, keepdims=True)
    normym = ymax * np.linalg.norm(ym / ymax, axis=-1, keepdims=True)
    r = np.clip(np.vecdot(xm / normxm, ym / normym, axis=-1), -1.0, 1.0)
    # Under independence r follows a beta(n/2 - 1, n/2 - 1) distribution on (-1, 1).
    ab = len(x) / 2 - 1
    p = 2 * special.betaincc(ab, ab, (np.abs(r) + 1) / 2)
    return float(r), float(p)


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ties sharing their mean rank (``scipy.stats.rankdata``'s default)."""
    order = np.argsort(values, kind="mergesort")
    ordered = values[order]
    first = np.r_[True, ordered[1:] != ordered[:-1]]
    starts = np.flatnonzero(first)
    ends = np.r_[starts[1:], len(values)]  # one past the last position of each tie group
    group_rank = (starts + 1 + ends) / 2  # mean of ranks starts+1 .. ends
    ranks = np.empty(len(values), dtype=float)
    ranks[order] = np.repeat(group_rank, ends - starts)
    return ranks


def _spearman(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Spearman's rho and its two-sided p-value, as ``scipy.stats.spearmanr`` computes them.

    Pearson's correlation of the ranks (``numpy.corrcoef``) and a t test with ``n - 2``
    degrees of freedom, the same arithmetic as scipy, without importing ``scipy.stats``.
    """
    ranked = np.column_stack([_average_ranks(np.asarray(v, dtype=float)) for v in (a, b)])
    rs = np.corrcoef(ranked, rowvar=False)
    dof = len(ranked) - 2
    with np.errstate(divide="ignore"):
        t = rs * np.sqrt((dof / ((rs + 1.0) * (1.0 - rs))).clip(0))
    p = 2 * special.stdtr(dof, -np.abs(t))
    return float(rs[1, 0]), float(p[1, 0])


def _pairs(x: np.ndarray, y: np.ndarray, lag: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(x)
    if lag >= 0:
        a, b = x[: n - lag], y[lag:]
    else:
        a, b = x[-lag:], y[: n + lag]
    keep = ~(np.isnan(a) | np.isnan(b))
    return a[keep], b[keep]


def lagged_correlation(
    cause: Any,
    effect: Any,
    max_lag: int = 6,
    *,
    min_lag: int = 0,
    method: str = "pearson",
) -> pd.DataFrame:
    """Correlation of ``cause[t]`` with ``effect[t + lag]`` for each lag from min to max.

    Parameters
    ----------
    cause, effect : pandas Series or sequence of numbers
        Monthly values. Two Series are aligned on their index (inner join, sorted); sequences
        must have the same length. Missing values drop the pairs they belong to.
    max_lag : int, default 6
        Largest lag in months (the cause leads the effect by this many months).
    min_lag : int, default 0
        Smallest lag; pass a negative number (e.g. ``-max_lag``) to also test whether the
        *effect* leads the cause, the sign of reverse causation.
    method : {"pearson", "spearman"}, default "pearson"
        Pearson measures a straight-line relation; Spearman (ranks) resists outliers.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``lag``, with columns ``correlation`` (NaN when fewer than 3 pairs or a
        constant series), ``pairs`` (months used) and ``p_value`` (two-sided, assuming
        independent months - optimistic for autocorrelated business series).

    Raises
    ------
    ValueError
        If ``min_lag > max_lag``, a lag is as long as the series, or ``method`` is unknown.

    Examples
    --------
    >>> months = pd.period_range("2024-01", periods=6, freq="M")
    >>> research = pd.Series([2.0, 4, 3, 5, 4, 6], index=months)
    >>> sales = pd.Series([1.0, 1, 2, 4, 3, 5], index=months)  # research, two months later
    >>> lagged_correlation(research, sales, max_lag=2).round(2)
         correlation  pairs  p_value
    lag
    0           0.87      6     0.03
    1           0.42      5     0.49
    2           1.00      4     0.00
    >>> lagged_correlation(research, sales, max_lag=1, min_lag=2)
    Traceback (most recent call last):
    ...
    ValueError: `min_lag` (2) must not exceed `max_lag` (1); e.g. min_lag=-6, max_lag=6 tests both directions.
    """
    max_lag = int(max_lag) if isinstance(max_lag, int | np.integer) else max_lag
    if not isinstance(max_lag, int) or isinstance(max_lag, bool):
        msg = f"`max_lag` must be a whole number of months, got {max_lag!r}."
        raise TypeError(msg)
    if not isinstance(min_lag, int | np.integer) or isinstance(min_lag, bool):
        msg = f"`min_lag` must be a whole number of months, got {min_lag!r}."
        raise TypeError(msg)
    min_lag = int(min_lag)
    if min_lag > max_lag:
        msg = (
            f"`min_lag` ({min_lag}) must not exceed `max_lag` ({max_lag}); e.g. min_lag=-6, "
            "max_lag=6 tests both directions."
        )
        raise ValueError(msg)
    method = check_choice("method", method, CORRELATION_METHODS)
    x, y, _index = _align(cause, effect)
    longest = max(abs(min_lag), abs(max_lag))
    if longest >= len(x):
        msg = (
            f"`max_lag` reaches {longest} months but the series have only {len(x)} shared "
            f"months; use a lag below {len(x)} (at most about a third of the months is sensible)."
        )
        raise ValueError(msg)
    rows = []
    for lag in range(min_lag, max_lag + 1):
        a, b = _pairs(x, y, lag)
        r = p = np.nan
        if len(a) >= _MIN_PAIRS and np.ptp(a) > 0 and np.ptp(b) > 0:
            r, p = _pearson(a, b) if method == "pearson" else _spearman(a, b)
        rows.append({"lag": lag, "correlation": r, "pairs": len(a), "p_value": p})
    return pd.DataFrame(rows).set_index("lag")


def lagged_regression(
    effect: Any,
    causes: Mapping[str, Any],
    lags: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Ordinary least squares of ``effect[t]`` on each ``cause[t - lag]``, side by side.

    Putting two candidate causes in one regression shows which one carries the relation: a
    distractor that only shares a cause with the outcome keeps a coefficient near zero (with a
    large p-value) once the real cause is in the model.

    Parameters
    ----------
    effect : pandas Series or sequence of numbers
        The outcome, one value per month.
    causes : mapping of name -> Series or sequence
        The candidate causes, aligned with ``effect`` like in :func:`lagged_correlation`.
    lags : mapping of name -> int, optional
        Months each cause leads the effect (default 0 for every cause).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``term`` (``"intercept"`` then each cause), with columns ``coefficient``
        (effect units per cause unit), ``std_error``, ``t_value``, ``p_value``; ``attrs`` hold
        ``r_squared`` and ``months`` (rows used).

    Examples
    --------
    >>> studies = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
    >>> noise = [0.1, -0.2, 0.0, 0.2, -0.1, 0.1, 0.0, -0.1, 0.2, -0.2]
    >>> share = [10 + 2 * s + e for s, e in zip([0, *studies[:-1]], noise)]
    >>> fit = lagged_regression(share, {"studies": studies, "noise": noise}, lags={"studies": 1})
    >>> fit["coefficient"].round(1).tolist()
    [10.0, 2.0, 1.0]
    >>> fit.attrs["months"]
    9
    >>> lagged_regression(share, {"studies": studies}, lags={"research": 1})
    Traceback (most recent call last):
    ...
    ValueError: `lags` names 'research', which is not in `causes` (['studies']).
    """
    if not isinstance(causes, Mapping) or not causes:
        msg = "`causes` must be a non-empty dict of name -> monthly series, e.g. {'studies': s}."
        raise TypeError(msg)
    lags = dict(lags or {})
    for name in lags:
        if name not in causes:
            msg = f"`lags` names {name!r}, which is not in `causes` ({list(causes)})."
            raise ValueError(msg)
    y_series = _as_series("effect", effect)
    columns = {}
    for name, values in causes.items():
        lag = check_count(f"lags[{name!r}]", lags.get(name, 0))
        x_series = _as_series(f"causes[{name!r}]", values)
        if isinstance(effect, pd.Series) and isinstance(values, pd.Series):
            x_series = x_series.reindex(y_series.index)
        elif len(x_series) != len(y_series):
            msg = (
                f"`causes[{name!r}]` has {len(x_series)} values and `effect` has "
                f"{len(y_series)}; pass one value per month for both."
            )
            raise ValueError(msg)
        else:
            x_series.index = y_series.index
        columns[name] = x_series.shift(lag)
    frame = pd.DataFrame({"__effect__": y_series, **columns}).dropna()
    k = len(columns) + 1
    if len(frame) <= k:
        msg = (
            f"Only {len(frame)} complete months remain after lagging, for {k} coefficients; "
            "use shorter lags, fewer causes or a longer history."
        )
        raise ValueError(msg)
    y = frame.pop("__effect__").to_numpy()
    design = np.column_stack([np.ones(len(frame)), frame.to_numpy()])
    coef, _res, rank, _sv = np.linalg.lstsq(design, y, rcond=None)
    if rank < k:
        msg = (
            "The causes are perfectly collinear (one is a copy or a multiple of another); drop one."
        )
        raise ValueError(msg)
    fitted = design @ coef
    resid = y - fitted
    dof = len(y) - k
    sigma2 = float(resid @ resid) / dof
    cov = sigma2 * np.linalg.inv(design.T @ design)
    se = np.sqrt(np.diag(cov))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = coef / se
    p = 2 * special.stdtr(dof, -np.abs(t))  # two-sided, as 2 * scipy.stats.t.sf(|t|, dof)
    total = float(((y - y.mean()) ** 2).sum())
    table = pd.DataFrame(
        {"coefficient": coef, "std_error": se, "t_value": t, "p_value": p},
        index=pd.Index(["intercept", *columns], name="term"),
    )
    table.attrs["r_squared"] = 1 - float(resid @ resid) / total if total > 0 else float("nan")
    table.attrs["months"] = len(y)
    return table


def partial_correlation(x: Any, y: Any, controls: Mapping[str, Any]) -> pd.Series:
    """Correlation of ``x`` and ``y`` once the ``controls`` are held fixed (a common-cause test).

    Two measures can move together only because a third one drives both. The partial
    correlation removes from ``x`` and ``y`` what a straight line in the controls explains, and
    correlates what is left: if it falls close to zero, the raw correlation was mostly the
    common cause.

    Parameters
    ----------
    x, y : pandas Series or sequence of numbers
        The two measures, one value per month (aligned like in :func:`lagged_regression`).
    controls : mapping of name -> Series or sequence
        The suspected common causes, already shifted to the lag at which they act
        (e.g. ``{"improvements 2 months earlier": s.shift(2)}``).

    Returns
    -------
    pandas.Series
        ``correlation`` (partial r), ``p_value`` (two-sided, t-test with n - 2 - k degrees of
        freedom for k controls, assuming independent months) and ``pairs`` (months used).

    Examples
    --------
    The worked example of Wikipedia's "Partial correlation" article (x, y controlled for z):

    >>> r = partial_correlation([2, 4, 15, 20], [1, 2, 3, 4], {"z": [0, 0, 1, 1]})
    >>> round(float(r["correlation"]), 6), int(r["pairs"])
    (0.919145, 4)
    >>> partial_correlation([1, 2, 3], [3, 2, 1], {})
    Traceback (most recent call last):
    ...
    ValueError: `controls` must name at least one common cause, e.g. {"volume": orders_per_month}.
    """
    if not isinstance(controls, Mapping) or not controls:
        msg = '`controls` must name at least one common cause, e.g. {"volume": orders_per_month}.'
        raise ValueError(msg)
    xs, ys = _as_series("x", x), _as_series("y", y)
    if isinstance(x, pd.Series) and isinstance(y, pd.Series):
        frame = pd.concat([xs.rename("__x__"), ys.rename("__y__")], axis=1, join="inner")
    elif len(xs) != len(ys):
        msg = f"`x` has {len(xs)} values and `y` has {len(ys)}; pass one value per month for both."
        raise ValueError(msg)
    else:
        frame = pd.DataFrame({"__x__": xs.to_numpy(), "__y__": ys.to_numpy()})
    for name, values in controls.items():
        z = _as_series(f"controls[{name!r}]", values)
        if isinstance(values, pd.Series) and isinstance(x, pd.Series):
            frame[name] = z.reindex(frame.index)
        elif len(z) != len(frame):
            msg = f"`controls[{name!r}]` has {len(z)} values and `x` has {len(frame)}."
            raise ValueError(msg)
        else:
            frame[name] = z.to_numpy()
    frame = frame.dropna()
    k = len(controls)
    if len(frame) < k + 3:
        msg = f"Only {len(frame)} complete months for {k} controls; need at least {k + 3}."
        raise ValueError(msg)
    design = np.column_stack([np.ones(len(frame)), frame.drop(columns=["__x__", "__y__"])])
    residuals = []
    for column in ("__x__", "__y__"):
        target = frame[column].to_numpy()
        coef, *_ = np.linalg.lstsq(design, target, rcond=None)
        residuals.append(target - design @ coef)
    rx, ry = residuals
    if np.ptp(rx) <= 1e-12 or np.ptp(ry) <= 1e-12:
        return pd.Series({"correlation": np.nan, "p_value": np.nan, "pairs": len(frame)})
    r = float(np.clip(np.dot(rx, ry) / np.sqrt(np.dot(rx, rx) * np.dot(ry, ry)), -1.0, 1.0))
    dof = len(frame) - 2 - k
    if dof > 0 and abs(r) < 1:
        t = r * np.sqrt(dof / (1 - r * r))
        p = float(2 * special.stdtr(dof, -abs(t)))
    else:
        p = 0.0 if abs(r) == 1 else np.nan
    return pd.Series({"correlation": r, "p_value": p, "pairs": len(frame)})


# --------------------------------------------------------------------------------------------
# Monthly process measures from the Homeats tables
# --------------------------------------------------------------------------------------------

PROCESS_MEASURES: dict[str, tuple[str, str, str]] = {
    "market_studies": ("innovation", "leading", "market research studies completed"),
    "prototypes": ("innovation", "leading", "projects reaching the prototype gate"),
    "marketing_spend": ("innovation", "distractor", "marketing spend, GBP"),
    "new_dishes_launched": ("innovation", "lagging", "new dishes launched"),
    "new_dish_revenue_share": (
        "innovation",
        "lagging",
        "share of delivered revenue from new dishes",
    ),
    "improvements_started": ("operations", "leading", "process improvements started"),
    "quality_checks_per_batch": ("operations", "distractor", "quality checks per batch"),
    "cycle_time_s": ("operations", "leading", "run time per unit made, seconds"),
    "throughput_per_hour": ("operations", "lagging", "units made per run hour"),
    "oee": ("operations", "lagging", "overall equipment effectiveness"),
    "defect_rate": ("operations", "lagging", "defects / units made"),
    "cost_per_good_unit": ("operations", "lagging", "production cost / good units, GBP"),
    "real_cost_per_good_unit": ("operations", "lagging", "cost per good unit at constant prices"),
    "quality_complaints_per_1000": (
        "operations",
        "lagging",
        "food-quality complaints per 1,000 orders",
    ),
    "median_response_hours": ("post-sale", "leading", "median first-response time, hours"),
    "first_contact_resolution": ("post-sale", "leading", "tickets resolved at first contact"),
    "billing_error_rate": ("post-sale", "leading", "invoices issued with an error"),
    "return_processing_days": ("post-sale", "leading", "median days to process a return"),
    "support_csat": ("post-sale", "lagging", "mean CSAT (1-5) of support surveys"),
    "dso": ("post-sale", "lagging", "days sales outstanding at month end"),
}
"""Column name -> (process, role, description) of :func:`process_measures`."""


def _count(frame: pd.DataFrame, column: str) -> pd.Series:
    dates = frame[column].dropna()
    return dates.groupby(month_of(dates)).size()


def _innovation(t: Mapping[str, pd.DataFrame], out: dict[str, pd.Series]) -> None:
    if "market_studies" in t:
        out["market_studies"] = _count(t["market_studies"], "completed_on")
    if "innovation_projects" in t:
        out["prototypes"] = _count(t["innovation_projects"], "prototype_on")
    if "dishes" in t:
        launched = t["dishes"].dropna(subset=["project_id"])
        launched = launched[launched["project_id"].astype(str).str.len() > 0]
        out["new_dishes_launched"] = _count(launched, "launched_on")
    if "operating_costs" in t:
        costs = t["operating_costs"]
        marketing = costs[costs["cost_centre"] == "Marketing"]
        out["marketing_spend"] = marketing.groupby(month_of(marketing["month"]))["amount"].sum()
    if "orders" in t:
        orders = t["orders"]
        done = orders[orders["status"] == "delivered"]
        month = month_of(done["ordered_at"])
        total = done.groupby(month)["amount"].sum()
        new = done["amount"].where(done["new_dish"].astype(bool), 0.0).groupby(month).sum()
        out["new_dish_revenue_share"] = new / total


def _operations(t: Mapping[str, pd.DataFrame], out: dict[str, pd.Series]) -> None:
    if "initiatives" in t:
        out["improvements_started"] = _count(t["initiatives"], "started_on")
    if "production_batches" in t:
        b = t["production_batches"]
        run_s = (b["planned_minutes"] - b["downtime_minutes"]) * 60.0
        frame = pd.DataFrame(
            {
                "units": b["units_made"],
                "good": b["good_units"],
                "defects": b["defects"],
                "cost": b["cost"],
                "checks": b["quality_checks"],
                "run_s": run_s,
                "planned_s": b["planned_minutes"] * 60.0,
                "ideal_good_s": b["ideal_cycle_time_s"] * b["good_units"],
            }
        )
        m = frame.groupby(month_of(b["produced_on"])).sum()
        out["quality_checks_per_batch"] = (
            b["quality_checks"].groupby(month_of(b["produced_on"])).mean()
        )
        out["cycle_time_s"] = m["run_s"] / m["units"]
        out["throughput_per_hour"] = m["units"] / (m["run_s"] / 3600.0)
        out["oee"] = m["ideal_good_s"] / m["planned_s"]
        out["defect_rate"] = m["defects"] / m["units"]
        out["cost_per_good_unit"] = m["cost"] / m["good"]
        if "price_index" in t:
            index = t["price_index"]
            cpi = pd.Series(index["cpi"].to_numpy(), index=month_of(index["month"]))
            out["real_cost_per_good_unit"] = out["cost_per_good_unit"] / (cpi / 100.0)
    if "tickets" in t and "orders" in t:
        tickets, orders = t["tickets"], t["orders"]
        quality = tickets[(tickets["type"] == "complaint") & (tickets["topic"] == "food quality")]
        placed = orders.set_index("order_id")["ordered_at"]
        concern = quality["order_id"].map(placed).dropna()
        complaints = concern.groupby(month_of(concern)).size()
        volume = orders.groupby(month_of(orders["ordered_at"])).size()
        out["quality_complaints_per_1000"] = (
            complaints.reindex(volume.index, fill_value=0) / volume * 1000.0
        )


def _post_sale(t: Mapping[str, pd.DataFrame], out: dict[str, pd.Series]) -> None:
    if "tickets" in t:
        tickets = t["tickets"]
        month = month_of(tickets["opened_at"])
        hours = (tickets["first_response_at"] - tickets["opened_at"]).dt.total_seconds() / 3600
        out["median_response_hours"] = hours.groupby(month).median()
        out["first_contact_resolution"] = (
            tickets["first_contact_resolved"].astype(float).groupby(month).mean()
        )
        if "surveys" in t:
            surveys = t["surveys"]
            support = surveys[(surveys["touchpoint"] == "support") & surveys["csat"].notna()]
            opened = tickets.set_index("ticket_id")["opened_at"]
            when = support["ticket_id"].map(opened)
            keep = when.notna()
            scores = support.loc[keep, "csat"].astype(float)
            out["support_csat"] = scores.groupby(month_of(when[keep])).mean()
    if "returns" in t:
        returns = t["returns"].dropna(subset=["processed_at"])
        days = (returns["processed_at"] - returns["requested_at"]).dt.total_seconds() / 86400
        out["return_processing_days"] = days.groupby(month_of(returns["requested_at"])).median()
    if "invoices" in t:
        invoices = t["invoices"]
        month = month_of(invoices["issued_on"])
        out["billing_error_rate"] = invoices["billing_error"].astype(float).groupby(month).mean()
        if "payments" in t:
            paid = invoices["invoice_id"].map(t["payments"].groupby("invoice_id")["paid_on"].max())
            billed = invoices["amount"].groupby(month).sum()
            dso = {}
            for period, amount in billed.items():
                end = period.end_time.normalize()
                issued = invoices["issued_on"] <= end
                still_open = paid.isna() | (paid > end)
                receivable = invoices.loc[issued & still_open, "amount"].sum()
                dso[period] = receivable / amount * period.days_in_month if amount else np.nan
            out["dso"] = pd.Series(dso)


def process_measures(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Monthly leading and lagging measures of the three Homeats processes.

    Each measure is computed the way the data dictionary's cause-and-effect chains define it
    (see :data:`PROCESS_MEASURES` for the list and :mod:`bsckit.data.chains` for the exact
    definitions). Measures whose tables are missing are left out; months with no event get 0
    for counts and NaN for rates.

    Parameters
    ----------
    tables : mapping of table name -> DataFrame
        As returned by ``bsckit.data.generate()`` or loaded with ``bsckit.data.load``. Uses
        ``orders``, ``dishes``, ``market_studies``, ``innovation_projects``,
        ``operating_costs``, ``initiatives``, ``production_batches``, ``price_index``,
        ``tickets``, ``surveys``, ``returns``, ``invoices`` and ``payments`` when present.

    Returns
    -------
    pandas.DataFrame
        One row per month (a monthly ``PeriodIndex`` named ``month``) from the first to the
        last month of ``orders`` (or of the tables given), one column per measure.

    Examples
    --------
    >>> batches = pd.DataFrame({
    ...     "produced_on": pd.to_datetime(["2024-01-05", "2024-01-06", "2024-02-01"]),
    ...     "planned_minutes": [480, 480, 480], "downtime_minutes": [30, 50, 20],
    ...     "ideal_cycle_time_s": [20.0, 20.0, 20.0], "units_made": [1000, 900, 1100],
    ...     "good_units": [980, 870, 1089], "defects": [20, 30, 11], "cost": [4000.0, 3800, 4300],
    ...     "quality_checks": [3, 5, 4]})
    >>> m = process_measures({"production_batches": batches})
    >>> m["defect_rate"].round(4).tolist()   # 50 / 1900 and 11 / 1100
    [0.0263, 0.01]
    >>> process_measures({"orders": [1, 2]})
    Traceback (most recent call last):
    ...
    TypeError: `tables['orders']` must be a pandas DataFrame, got list.
    """
    if not isinstance(tables, Mapping):
        msg = f"`tables` must be a dict of table name -> DataFrame, got {type(tables).__name__}."
        raise TypeError(msg)
    for name, frame in tables.items():
        if not isinstance(frame, pd.DataFrame):
            msg = f"`tables[{name!r}]` must be a pandas DataFrame, got {type(frame).__name__}."
            raise TypeError(msg)
    out: dict[str, pd.Series] = {}
    _innovation(tables, out)
    _operations(tables, out)
    _post_sale(tables, out)
    if not out:
        msg = (
            "`tables` holds none of the tables the process measures need (e.g. orders, "
            "production_batches, tickets); pass the dict from bsckit.data.generate()."
        )
        raise ValueError(msg)
    if "orders" in tables:
        span = month_of(tables["orders"]["ordered_at"])
        first, last = span.min(), span.max()
    else:
        known = [s.index for s in out.values() if len(s)]
        first, last = min(i.min() for i in known), max(i.max() for i in known)
    months = pd.period_range(first, last, freq="M", name="month")
    counts = {"market_studies", "prototypes", "new_dishes_launched", "improvements_started"}
    columns = {}
    for name in PROCESS_MEASURES:
        if name in out:
            series = out[name].reindex(months)
            columns[name] = series.fillna(0).astype(int) if name in counts else series
    return pd.DataFrame(columns, index=months)
