"""Private helpers shared by the KPI modules: checked inputs, broadcasting and safe ratios.

Every public KPI accepts a scalar, a list/array or a pandas Series for each quantity and
answers in kind (float for scalars, Series for Series). These helpers do the checking so that
each formula stays a few readable lines.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from bsckit._validation import as_values, check_choice, check_flag, check_number, restore_like

__all__ = [
    "STATISTICS",
    "TIME_UNITS",
    "broadcast",
    "count_share",
    "elapsed",
    "finish",
    "ratio",
    "share",
    "template_of",
    "values",
]

#: Units accepted wherever a duration is reported, with their length in days.
TIME_UNITS: dict[str, float] = {"days": 1.0, "weeks": 7.0, "hours": 1.0 / 24.0}
#: Summary statistics accepted by duration KPIs (``None`` returns one value per item).
STATISTICS = ("median", "mean", None)


def values(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    whole: bool = False,
    min_size: int = 1,
    hint: str = "",
) -> np.ndarray:
    """Return ``value`` as a checked float array (0-D for a scalar).

    ``whole=True`` also requires whole numbers (counts).

    Examples
    --------
    >>> values("units", [3, 4], low=0, whole=True).tolist()
    [3.0, 4.0]
    >>> values("units", 2.5, low=0, whole=True)
    Traceback (most recent call last):
    ...
    ValueError: `units` must be a whole number (0, 1, 2, ...), got 2.5.
    >>> values("units", [1, 2.5], low=0, whole=True)
    Traceback (most recent call last):
    ...
    ValueError: `units` must hold whole numbers (0, 1, 2, ...); position 1 holds 2.5.
    """
    suffix = f" {hint}" if hint else ""
    if value is None:
        msg = f"`{name}` is required, got None.{suffix}"
        raise TypeError(msg)
    if isinstance(value, str | bytes):
        msg = f"`{name}` must be a number or numbers, got {value!r} (text).{suffix}"
        raise TypeError(msg)
    if isinstance(value, pd.DataFrame):
        msg = (
            f"`{name}` must be a scalar, a list/array or a pandas Series, got a DataFrame."
            f" Pick one column, e.g. df['{name}'].{suffix}"
        )
        raise TypeError(msg)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if np.ndim(value) == 0 and not isinstance(value, pd.Series | pd.Index):
        number = check_number(
            name, value, low=low, high=high, low_open=low_open, high_open=high_open, hint=hint
        )
        if whole and not number.is_integer():
            msg = f"`{name}` must be a whole number (0, 1, 2, ...), got {value!r}.{suffix}"
            raise ValueError(msg)
        return np.asarray(number)
    array = as_values(
        name,
        value,
        low=low,
        high=high,
        low_open=low_open,
        high_open=high_open,
        ndim=(0, 1),
        min_size=min_size,
        hint=hint,
    )
    if whole:
        fractional = array != np.floor(array)
        if fractional.any():
            pos = int(np.argwhere(np.atleast_1d(fractional))[0][0])
            shown = np.atleast_1d(array)[pos]
            msg = (
                f"`{name}` must hold whole numbers (0, 1, 2, ...); position {pos} holds"
                f" {shown:g}.{suffix}"
            )
            raise ValueError(msg)
    return array


def template_of(**named: Any) -> Any:
    """Return the input whose type the answer should take; check Series indexes agree.

    The first pandas Series wins; failing that the first list/array; failing that a scalar.

    Examples
    --------
    >>> template_of(a=2, b=[1, 2])
    [1, 2]
    """
    series = [(name, v) for name, v in named.items() if isinstance(v, pd.Series)]
    if series:
        first_name, first = series[0]
        for name, other in series[1:]:
            if not first.index.equals(other.index):
                msg = (
                    f"`{name}` and `{first_name}` are Series with different indexes."
                    " Align them first, e.g. with `a, b = a.align(b, join='inner')`."
                )
                raise ValueError(msg)
        return first
    for v in named.values():
        if np.ndim(v) > 0:
            return v
    return next(iter(named.values()))


def broadcast(**arrays: np.ndarray) -> list[np.ndarray]:
    """Broadcast checked arrays to one shape, naming the parameters when lengths differ.

    Examples
    --------
    >>> [a.tolist() for a in broadcast(x=np.array(2.0), y=np.array([1.0, 3.0]))]
    [[2.0, 2.0], [1.0, 3.0]]
    """
    try:
        return list(np.broadcast_arrays(*arrays.values()))
    except ValueError:
        sizes = ", ".join(f"`{n}` has {np.size(a)}" for n, a in arrays.items())
        msg = f"inputs must have the same length (or be single numbers): {sizes} values."
        raise ValueError(msg) from None


def finish(template: Any, result: np.ndarray) -> Any:
    """Shape ``result`` like ``template`` (float, ndarray or Series)."""
    return restore_like(template, result)


def share(result: Any, as_percent: Any) -> Any:
    """Return ``result`` (a fraction) as it is, or times 100 when ``as_percent`` is True.

    Every share-returning KPI offers the same keyword, ``as_percent`` (default ``False``:
    fractions, so that 0.25 means a quarter everywhere in the kit).

    Examples
    --------
    >>> share(0.25, False), share(0.25, True)
    (0.25, 25.0)
    """
    return result * 100.0 if check_flag("as_percent", as_percent) else result


def ratio(
    numerator: Any,
    denominator: Any,
    *,
    num_name: str,
    den_name: str,
    num_low: float | None = 0.0,
    whole: bool = False,
    at_most_denominator: bool = False,
    hint: str = "",
    as_percent: bool = False,
) -> Any:
    """Return ``numerator / denominator`` checked, elementwise, shaped like the inputs.

    The denominator must be greater than zero. ``whole`` requires counts for both;
    ``at_most_denominator`` requires a share (numerator not above denominator);
    ``as_percent`` multiplies the answer by 100.

    Examples
    --------
    >>> ratio(3, 4, num_name="defects", den_name="units")
    0.75
    >>> ratio(5, 4, num_name="defects", den_name="units", at_most_denominator=True)
    Traceback (most recent call last):
    ...
    ValueError: `defects` must not exceed `units`; position 0 holds 5 > 4.
    """
    num = values(num_name, numerator, low=num_low, whole=whole, hint=hint)
    den = values(
        den_name,
        denominator,
        low=0.0,
        low_open=True,
        whole=whole,
        hint=hint or _zero_hint(den_name),
    )
    n, d = broadcast(**{num_name: num, den_name: den})
    if at_most_denominator:
        check_not_above(num_name, n, den_name, d, hint=hint)
    template = template_of(**{num_name: numerator, den_name: denominator})
    return share(finish(template, n / d), as_percent)


def count_share(
    part: Any, total: Any, part_name: str, total_name: str, as_percent: bool = False
) -> Any:
    """Return the share ``part / total`` of two counts, checked: whole numbers, part <= total.

    The one formula behind the KPIs that count the cases meeting a condition (on time, resolved
    at first contact, returned, ...) among all cases.

    Examples
    --------
    >>> count_share(941, 1000, "on_time", "deliveries")
    0.941
    >>> count_share(3, 12, "lost", "start", as_percent=True)
    25.0
    >>> count_share(13, 12, "lost", "start")
    Traceback (most recent call last):
    ...
    ValueError: `lost` must not exceed `start`; position 0 holds 13 > 12.
    """
    return ratio(
        part,
        total,
        num_name=part_name,
        den_name=total_name,
        whole=True,
        at_most_denominator=True,
        as_percent=as_percent,
    )


def _zero_hint(name: str) -> str:
    return f"A rate needs a positive `{name}`; leave out periods with none."


def check_not_above(
    name: str, value: np.ndarray, other_name: str, other: np.ndarray, *, hint: str = ""
) -> None:
    """Raise if any ``value`` exceeds ``other`` (a part larger than its whole)."""
    above = np.atleast_1d(value > other)
    if above.any():
        pos = int(np.argwhere(above)[0][0])
        v, o = np.atleast_1d(value)[pos], np.atleast_1d(other)[pos]
        suffix = f" {hint}" if hint else ""
        msg = (
            f"`{name}` must not exceed `{other_name}`; position {pos} holds {v:g} > {o:g}.{suffix}"
        )
        raise ValueError(msg)


def _datetimes(name: str, value: Any, *, allow_missing: bool) -> pd.Series:
    """Return ``value`` as a datetime64 Series (index kept), refusing numbers and bad text."""
    if value is None or np.ndim(value) == 0:
        msg = (
            f"`{name}` must be a list, array or Series of dates/timestamps, got {value!r}."
            " Pass one date per item."
        )
        raise TypeError(msg)
    series = value if isinstance(value, pd.Series) else pd.Series(list(value))
    if len(series) == 0:
        msg = f"`{name}` must hold at least 1 date, got an empty input."
        raise ValueError(msg)
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        msg = (
            f"`{name}` must hold dates or timestamps, got numbers ({series.dtype})."
            " Convert with pandas.to_datetime, or use the *_from_counts variant for counts."
        )
        raise TypeError(msg)
    if not pd.api.types.is_datetime64_any_dtype(series):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # "could not infer format"
                series = pd.to_datetime(series)
        except (TypeError, ValueError) as err:
            msg = f"`{name}` must hold dates or timestamps; could not read them as dates ({err})."
            raise TypeError(msg) from None
    missing = series.isna().to_numpy()
    if missing.any() and not allow_missing:
        pos = int(np.argwhere(missing)[0][0])
        msg = (
            f"`{name}` must not contain missing dates (NaT); position {pos} is missing."
            " Drop those items first, or pass missing='drop' where offered."
        )
        raise ValueError(msg)
    return series


def paired_datetimes(
    start_name: str, start: Any, end_name: str, end: Any, *, allow_missing_end: bool = False
) -> tuple[pd.Series, pd.Series, Any]:
    """Return two aligned datetime Series of equal length plus the template for the answer."""
    s = _datetimes(start_name, start, allow_missing=False)
    e = _datetimes(end_name, end, allow_missing=allow_missing_end)
    if len(s) != len(e):
        msg = (
            f"`{start_name}` and `{end_name}` must have the same length, got {len(s)} and {len(e)}."
        )
        raise ValueError(msg)
    both_series = isinstance(start, pd.Series) and isinstance(end, pd.Series)
    if both_series and not start.index.equals(end.index):
        msg = (
            f"`{start_name}` and `{end_name}` are Series with different indexes."
            " Align them first, e.g. with `a, b = a.align(b, join='inner')`."
        )
        raise ValueError(msg)
    template = start if isinstance(start, pd.Series) else end
    return s.reset_index(drop=True), e.reset_index(drop=True), template


def elapsed(
    start_name: str,
    start: Any,
    end_name: str,
    end: Any,
    *,
    statistic: str | None,
    unit: str,
    missing: str,
) -> Any:
    """Durations from ``start`` to ``end`` in ``unit``, summarised by ``statistic``.

    ``missing="error"`` refuses items with no end date; ``"drop"`` leaves them out (which
    biases the answer towards the faster items: they are the ones that have finished).
    ``statistic=None`` returns one duration per item (NaN where the end is missing and dropped).

    Examples
    --------
    >>> elapsed("start", ["2024-01-01", "2024-01-03"], "end", ["2024-01-11", "2024-01-04"],
    ...         statistic="mean", unit="days", missing="error")
    5.5
    """
    check_choice("statistic", statistic, STATISTICS)
    check_choice("unit", unit, list(TIME_UNITS))
    check_choice("missing", missing, ["error", "drop"])
    s, e, template = paired_datetimes(
        start_name, start, end_name, end, allow_missing_end=missing == "drop"
    )
    try:
        delta = e - s
    except TypeError as err:
        msg = (
            f"`{start_name}` and `{end_name}` cannot be subtracted ({err})."
            " Use the same time zone for both (or none)."
        )
        raise TypeError(msg) from None
    days = delta / pd.Timedelta(days=1)
    negative = (days < 0).to_numpy()
    if negative.any():
        pos = int(np.argwhere(negative)[0][0])
        msg = (
            f"`{end_name}` must not be before `{start_name}`; position {pos} ends"
            f" {e.iloc[pos]} but starts {s.iloc[pos]}. Check for swapped columns."
        )
        raise ValueError(msg)
    result = (days / TIME_UNITS[unit]).to_numpy(dtype=float)
    if statistic is None:
        if isinstance(template, pd.Series):
            return pd.Series(result, index=template.index, name=f"elapsed_{unit}")
        return result
    kept = result[~np.isnan(result)]
    if kept.size == 0:
        msg = (
            f"`{end_name}` holds no dates at all after dropping missing ones; nothing to summarise."
        )
        raise ValueError(msg)
    return float(np.median(kept) if statistic == "median" else np.mean(kept))
