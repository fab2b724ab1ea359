"""Input checks shared by every bsckit module.

Each check either returns the cleaned value or raises ``TypeError`` / ``ValueError`` with a
message that names the parameter, the value received, the allowed range and what to do.
Use these instead of writing ad-hoc checks, so that every error in the kit reads the same way.

Examples
--------
>>> check_fraction("availability", 0.9)
0.9
>>> check_fraction("availability", 1.2)
Traceback (most recent call last):
...
ValueError: `availability` must be between 0 and 1 inclusive, got 1.2. Pass a fraction, e.g. 0.92 for 92%.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "as_values",
    "check_choice",
    "check_count",
    "check_flag",
    "check_fraction",
    "check_number",
    "check_positive",
    "check_today",
    "check_workers",
    "restore_like",
]


def _show(value: Any) -> str:
    """Short, readable form of a received value for an error message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _range_text(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    if low is not None and high is not None:
        if not low_open and not high_open:
            return f"between {low:g} and {high:g} inclusive"
        left = "greater than" if low_open else "at least"
        right = "less than" if high_open else "at most"
        return f"{left} {low:g} and {right} {high:g}"
    if low is not None:
        return f"greater than {low:g}" if low_open else f"at least {low:g}"
    if high is not None:
        return f"less than {high:g}" if high_open else f"at most {high:g}"
    return "a finite number"


def _position(where: tuple[int, ...]) -> str:
    """Describe an array position: ``position 3``, ``position (1, 2)`` or ``the value``."""
    if not where:
        return "the value"
    return f"position {where[0]}" if len(where) == 1 else f"position {where}"


def check_number(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    hint: str = "",
) -> float:
    """Return ``value`` as a float after checking it is a finite real number in range.

    Parameters
    ----------
    name : str
        Parameter name, quoted in the error message.
    value : Any
        The value to check. ``bool`` is refused (``True`` is not a quantity).
    low, high : float, optional
        Allowed bounds; ``None`` means unbounded on that side.
    low_open, high_open : bool, default False
        Whether the bound itself is excluded.
    hint : str, optional
        What the caller should do instead; appended to the message.

    Returns
    -------
    float

    Examples
    --------
    >>> check_number("units", 3, low=0)
    3.0
    >>> check_number("units", -1, low=0, hint="Count units made, never negative.")
    Traceback (most recent call last):
    ...
    ValueError: `units` must be at least 0, got -1. Count units made, never negative.
    >>> check_number("units", "ten")
    Traceback (most recent call last):
    ...
    TypeError: `units` must be a real number, got 'ten' (str).
    """
    suffix = f" {hint}" if hint else ""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = (
            f"`{name}` must be a real number, got {_show(value)} ({type(value).__name__}).{suffix}"
        )
        raise TypeError(msg)
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        msg = f"`{name}` must be a finite number, got {_show(value)}.{suffix}"
        raise ValueError(msg)
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        allowed = _range_text(low, high, low_open, high_open)
        msg = f"`{name}` must be {allowed}, got {_show(value)}.{suffix}"
        raise ValueError(msg)
    return number


def check_fraction(name: str, value: Any, *, hint: str = "") -> float:
    """Return ``value`` after checking it is a ratio in [0, 1].

    Examples
    --------
    >>> check_fraction("quality", 0.5)
    0.5
    """
    return check_number(
        name, value, low=0.0, high=1.0, hint=hint or "Pass a fraction, e.g. 0.92 for 92%."
    )


def check_positive(name: str, value: Any, *, hint: str = "") -> float:
    """Return ``value`` after checking it is a finite number greater than zero.

    Examples
    --------
    >>> check_positive("days", 365)
    365.0
    >>> check_positive("days", 0)
    Traceback (most recent call last):
    ...
    ValueError: `days` must be greater than 0, got 0.
    """
    return check_number(name, value, low=0.0, low_open=True, hint=hint)


def check_count(name: str, value: Any, *, hint: str = "") -> int:
    """Return ``value`` as an int after checking it is a whole number >= 0.

    Examples
    --------
    >>> check_count("defects", 4)
    4
    >>> check_count("defects", 2.5)
    Traceback (most recent call last):
    ...
    ValueError: `defects` must be a whole number (0, 1, 2, ...), got 2.5.
    """
    number = check_number(name, value, low=0.0, hint=hint)
    if not number.is_integer():
        suffix = f" {hint}" if hint else ""
        msg = f"`{name}` must be a whole number (0, 1, 2, ...), got {_show(value)}.{suffix}"
        raise ValueError(msg)
    return int(number)


def check_choice(name: str, value: Any, allowed: Iterable[str]) -> str:
    """Return ``value`` after checking it is one of ``allowed``.

    Examples
    --------
    >>> check_choice("ruleset", "nelson", ["western_electric", "nelson"])
    'nelson'
    >>> check_choice("ruleset", "nelsen", ["western_electric", "nelson"])
    Traceback (most recent call last):
    ...
    ValueError: `ruleset` must be one of 'western_electric', 'nelson'; got 'nelsen'.
    """
    options = list(allowed)
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        msg = f"`{name}` must be one of {listed}; got {_show(value)}."
        raise ValueError(msg)
    return value


def as_values(
    name: str,
    values: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    ndim: int | tuple[int, ...] | None = None,
    min_size: int = 1,
    hint: str = "",
) -> np.ndarray:
    """Return ``values`` (scalar, list, numpy array or pandas object) as a float array, checked.

    Refuses non-numeric entries, NaN, infinities, entries outside the bounds and arrays with
    fewer than ``min_size`` entries. The message names the first offending position.

    Examples
    --------
    >>> as_values("scores", [9, 10, 6]).tolist()
    [9.0, 10.0, 6.0]
    >>> as_values("scores", [9, float("nan")])
    Traceback (most recent call last):
    ...
    ValueError: `scores` must not contain NaN or infinite values; position 1 holds nan. Drop or fill missing values first.
    >>> as_values("scores", [])
    Traceback (most recent call last):
    ...
    ValueError: `scores` must hold at least 1 value, got an empty input.
    """
    suffix = f" {hint}" if hint else ""
    if isinstance(values, str | bytes):
        msg = (
            f"`{name}` must be numbers (a number, list, array or Series), got the text "
            f"{_show(values)}. Pass numbers, e.g. [50, 50, 48] or 50, not text.{suffix}"
        )
        raise TypeError(msg)
    raw = values.to_numpy() if isinstance(values, pd.DataFrame | pd.Series | pd.Index) else values
    _refuse_text_entries(name, raw, suffix)
    try:
        array = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        msg = (
            f"`{name}` must hold real numbers only, got {_show(values)}."
            f" Convert text or dates to numbers first.{suffix}"
        )
        raise TypeError(msg) from None
    if np.asarray(raw).dtype == bool:
        msg = f"`{name}` must hold numbers, not True/False flags.{suffix}"
        raise TypeError(msg)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if array.ndim not in allowed:
            dims = " or ".join(f"{d}-D" for d in allowed)
            msg = f"`{name}` must be {dims}, got a {array.ndim}-D input of shape {array.shape}.{suffix}"
            raise ValueError(msg)
    if array.size < min_size:
        got = "an empty input" if array.size == 0 else f"{array.size}"
        msg = f"`{name}` must hold at least {min_size} value{'s' if min_size != 1 else ''}, got {got}.{suffix}"
        raise ValueError(msg)
    bad = ~np.isfinite(array)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        pos = _position(where)
        msg = (
            f"`{name}` must not contain NaN or infinite values; {pos} holds "
            f"{array[where]}. Drop or fill missing values first.{suffix}"
        )
        raise ValueError(msg)
    too_low = (
        (array <= low)
        if (low is not None and low_open)
        else ((array < low) if low is not None else np.zeros(array.shape, bool))
    )
    too_high = (
        (array >= high)
        if (high is not None and high_open)
        else ((array > high) if high is not None else np.zeros(array.shape, bool))
    )
    out = too_low | too_high
    if out.any():
        where = tuple(int(i) for i in np.argwhere(out)[0])
        pos = _position(where)
        allowed_text = _range_text(low, high, low_open, high_open)
        msg = f"`{name}` values must be {allowed_text}; {pos} holds {array[where]:g}.{suffix}"
        raise ValueError(msg)
    return array


def _first_text(raw: Any, where: tuple[int, ...] = ()) -> tuple[tuple[int, ...], Any] | None:
    """Position and value of the first text entry of a (nested) list, tuple or array."""
    if isinstance(raw, str | bytes):  # np.str_ and np.bytes_ are subclasses
        return where, raw.item() if isinstance(raw, np.generic) else raw
    if isinstance(raw, list | tuple) or (isinstance(raw, np.ndarray) and raw.dtype.kind in "USO"):
        for i, item in enumerate(raw):
            found = _first_text(item, (*where, i))
            if found is not None:
                return found
    return None


def _refuse_text_entries(name: str, raw: Any, suffix: str) -> None:
    """Raise if ``raw`` holds text entries: numpy would read ``"9"`` as 9.0 without a word."""
    if isinstance(raw, list | tuple):
        try:
            if np.asarray(raw).dtype.kind not in "USO":
                return  # numbers only: nothing to walk
        except (TypeError, ValueError):
            pass  # ragged: walk it
    found = _first_text(raw)
    if found is not None:
        where, shown = found
        msg = (
            f"`{name}` must hold numbers, not text; {_position(where)} holds "
            f"{_show(shown)}. Convert text to numbers first, e.g. with "
            f"pandas.to_numeric.{suffix}"
        )
        raise TypeError(msg)


def check_flag(name: str, value: Any) -> bool:
    """Return ``value`` after checking it is ``True`` or ``False`` (not 0/1, not text).

    Examples
    --------
    >>> check_flag("as_percent", True)
    True
    >>> check_flag("as_percent", "yes")
    Traceback (most recent call last):
    ...
    TypeError: `as_percent` must be True or False, got 'yes' (str).
    """
    if not isinstance(value, bool | np.bool_):
        msg = f"`{name}` must be True or False, got {_show(value)} ({type(value).__name__})."
        raise TypeError(msg)
    return bool(value)


def check_today(today: Any, name: str = "today") -> date:
    """Return the reference date for deadlines: ``today`` itself, or the real date if ``None``.

    A ``datetime`` is cut to its date. Every place that takes a ``today`` argument (SMART
    parser and checker, objective builder) reads it through this one function. With ``None``,
    the environment variable ``SOURCE_DATE_EPOCH`` (seconds since 1970-01-01 UTC, the
    reproducible-builds.org convention) stands for today when it is set: ``bsckit build`` sets
    it, so a rebuild writes the same bytes on any day; in JupyterLab it is unset.

    Examples
    --------
    >>> check_today(date(2026, 11, 1))
    datetime.date(2026, 11, 1)
    >>> check_today(datetime(2026, 11, 1, 9, 30))
    datetime.date(2026, 11, 1)
    >>> check_today("2026-11-01")
    Traceback (most recent call last):
    ...
    TypeError: `today` must be a datetime.date or None, got '2026-11-01' (str). Pass e.g. datetime.date(2026, 11, 1).
    """
    if today is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch is None:
            return date.today()
        if not epoch.strip().isdigit():
            msg = (
                f"The environment variable SOURCE_DATE_EPOCH must be whole seconds since"
                f" 1970-01-01 UTC, got {epoch!r}. Unset it, or set it like 1767225600"
                " (2026-01-01)."
            )
            raise ValueError(msg)
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    if isinstance(today, datetime):
        return today.date()
    if not isinstance(today, date):
        msg = (
            f"`{name}` must be a datetime.date or None, got {_show(today)} "
            f"({type(today).__name__}). Pass e.g. datetime.date(2026, 11, 1)."
        )
        raise TypeError(msg)
    return today


def check_workers(workers: Any, name: str = "workers") -> int:
    """Return the number of worker processes after checking it is a whole number >= 1.

    Examples
    --------
    >>> check_workers(2)
    2
    >>> check_workers(0)
    Traceback (most recent call last):
    ...
    ValueError: `workers` must be at least 1, got 0. Pass 1 to run one notebook at a time.
    """
    hint = "Pass 1 to run one notebook at a time."
    number = check_number(name, workers, low=1.0, hint=hint)
    if not number.is_integer():
        msg = f"`{name}` must be a whole number of processes, got {_show(workers)}. {hint}"
        raise ValueError(msg)
    return int(number)


def restore_like(template: Any, result: np.ndarray | float) -> Any:
    """Give ``result`` the shape of ``template``: float for scalars, Series for Series.

    Lets a formula accept a scalar or a pandas Series and answer in kind.

    Examples
    --------
    >>> restore_like(2, np.array(0.5))
    0.5
    >>> restore_like(pd.Series([1, 2], index=["a", "b"]), np.array([0.1, 0.2])).to_dict()
    {'a': 0.1, 'b': 0.2}
    """
    if isinstance(template, pd.Series):
        return pd.Series(np.asarray(result, dtype=float), index=template.index, name=template.name)
    array = np.asarray(result, dtype=float)
    if array.ndim == 0:
        return float(array)
    return array
