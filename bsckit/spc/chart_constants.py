"""Shewhart control-chart constants (d2, d3, c4, A, A2, A3, B3-B6, D1-D4): computed or tabulated.

Printed tables of these factors are rounded to 3 or 4 decimals and differ in the last digit
between publishers. Two sources are offered, named by ``source``:

* ``"exact"`` (the default) - every constant computed from its definition (below), to full
  float precision. Use it for your own data.
* ``"table"`` - the values printed in Montgomery's *Introduction to Statistical Quality
  Control*, Appendix VI, read from the data file ``control_chart_constants.csv`` beside this
  module. Use it to reproduce a textbook example to the printed digit (the textbook computes
  ``UCL = x-double-bar + A2 R-bar`` with ``A2 = 0.577``, not 0.5768).

The exact definitions:

* ``c4(n)`` - the mean of the sample standard deviation of ``n`` standard normals,
  ``c4 = sqrt(2/(n-1)) * Gamma(n/2) / Gamma((n-1)/2)`` (evaluated through ``lgamma``).
* ``d2(n)`` - the mean of the range of ``n`` standard normals,
  ``d2 = integral of 1 - Phi(x)^n - (1 - Phi(x))^n over x``.
* ``d3(n)`` - the standard deviation of that range, from ``E[R^2] = 2 * integral of
  w * (1 - F_R(w)) dw`` with ``F_R(w) = n * integral of phi(x) * (Phi(x + w) - Phi(x))^(n-1) dx``.
  Both integrals are evaluated with Simpson's rule on a fine grid (the arithmetic of
  ``scipy.integrate.simpson``, which is not imported: it costs a kernel 0.2 s); the error is
  far below the 4th decimal of any table.
* The chart factors follow from those three (3-sigma limits):
  ``A2 = 3/(d2 sqrt n)``, ``A3 = 3/(c4 sqrt n)``, ``B3 = max(0, 1 - 3 sqrt(1-c4^2)/c4)``,
  ``B4 = 1 + 3 sqrt(1-c4^2)/c4``, ``D3 = max(0, 1 - 3 d3/d2)``, ``D4 = 1 + 3 d3/d2``
  (SAS/QC documentation, "Deriving Control Chart Constants"); for charts with a known
  (standard) sigma: ``A = 3/sqrt n``, ``B5 = max(0, c4 - 3 sqrt(1-c4^2))``,
  ``B6 = c4 + 3 sqrt(1-c4^2)``, ``D1 = max(0, d2 - 3 d3)``, ``D2 = d2 + 3 d3``.

Results are cached: each ``n`` is integrated once per Python session.

Examples
--------
>>> k = constants(5)
>>> round(k.d2, 3), round(k.A2, 3), round(k.D4, 3)
(2.326, 0.577, 2.114)
>>> round(k.c4, 9)
0.939985603
>>> constants(5, source="table").A2
0.577
"""

from __future__ import annotations

import csv
import functools
import math
import numbers
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
from scipy import special

from bsckit._validation import check_choice, check_number

__all__ = [
    "CONSTANT_SOURCES",
    "MAX_SUBGROUP_SIZE",
    "MIN_SUBGROUP_SIZE",
    "ControlChartConstants",
    "constants",
]

MIN_SUBGROUP_SIZE = 2
MAX_SUBGROUP_SIZE = 25
#: Where the constants come from: computed from their definitions, or Montgomery's table.
CONSTANT_SOURCES = ("exact", "table")
TABLE_PATH = Path(__file__).with_name("control_chart_constants.csv")

# Integration grid: x in [-_X_MAX, _X_MAX], range w in [0, _W_MAX], same step so that x + w
# falls on the x lattice and Phi(x + w) is a lookup, not a new evaluation.
_STEP = 0.01
_X_MAX = 9.0
_W_MAX = 14.0


def _check_size(name: str, n: Any, *, low: int = MIN_SUBGROUP_SIZE, high: int | None = None) -> int:
    """Return ``n`` as an int after checking it is a whole number in [low, high]."""
    if isinstance(n, bool) or not isinstance(n, numbers.Real):
        msg = (
            f"`{name}` must be a whole number (the subgroup size), got {n!r} "
            f"({type(n).__name__}). Pass an int such as 5."
        )
        raise TypeError(msg)
    hint = f"Published tables cover subgroup sizes {low} to {high}." if high else ""
    value = check_number(name, n, low=low, high=high, hint=hint)
    if not value.is_integer():
        msg = (
            f"`{name}` must be a whole number (the subgroup size), got {n!r}. "
            "Pass an int such as 5."
        )
        raise ValueError(msg)
    return int(value)


@functools.cache
def _c4(n: int) -> float:
    """c4 for any n >= 2 (no upper bound; used for pooled and overall sigmas)."""
    return math.sqrt(2.0 / (n - 1)) * math.exp(
        special.gammaln(n / 2) - special.gammaln((n - 1) / 2)
    )


@functools.lru_cache(maxsize=1)
def _grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.linspace(-_X_MAX, _X_MAX, round(2 * _X_MAX / _STEP) + 1)
    # Phi on the extended lattice x .. x + W_MAX so that Phi(x_i + w_j) = phi_ext[i + j].
    ext = np.linspace(-_X_MAX, _X_MAX + _W_MAX, round((2 * _X_MAX + _W_MAX) / _STEP) + 1)
    # The standard normal pdf and cdf, written as scipy.stats.norm.pdf and .cdf compute them.
    return x, np.exp(-(x**2) / 2.0) / np.sqrt(2 * np.pi), special.ndtr(ext)


def _simpson(y: np.ndarray, x: np.ndarray) -> np.ndarray | float:
    """Simpson's rule along the last axis of ``y`` sampled at ``x`` (an odd number of points).

    The arithmetic of ``scipy.integrate.simpson(y, x=x, axis=-1)`` for an odd number of
    samples (its formula for possibly uneven spacing), so the results are the same floats.
    """
    if x.size % 2 == 0 or y.shape[-1] != x.size:
        msg = f"`x` must have an odd number of points, one per value of `y`; got {x.size}."
        raise ValueError(msg)
    h = np.diff(x)
    h0, h1 = h[0::2], h[1::2]
    hsum, hprod = h0 + h1, h0 * h1
    h0divh1 = np.true_divide(h0, h1, out=np.zeros_like(h0), where=h1 != 0)
    first = 2.0 - np.true_divide(1.0, h0divh1, out=np.zeros_like(h0divh1), where=h0divh1 != 0)
    middle = hsum * np.true_divide(hsum, hprod, out=np.zeros_like(hsum), where=hprod != 0)
    last = 2.0 - h0divh1
    tmp = hsum / 6.0 * (y[..., 0:-2:2] * first + y[..., 1:-1:2] * middle + y[..., 2::2] * last)
    return np.sum(tmp, axis=-1)


@functools.cache
def _range_moments(n: int) -> tuple[float, float]:
    """Return (d2, d3) for subgroup size n by numerical integration."""
    x, pdf, cdf_ext = _grid()
    cdf = cdf_ext[: x.size]
    d2 = float(_simpson(1.0 - cdf**n - (1.0 - cdf) ** n, x))
    w = np.arange(round(_W_MAX / _STEP) + 1) * _STEP
    # rows: w_j, columns: x_i ; Phi(x_i + w_j) - Phi(x_i), row j of the window view being
    # cdf_ext[j : j + x.size] (a view: no copy of the 1401 x 1801 lattice)
    shifted = np.lib.stride_tricks.sliding_window_view(cdf_ext, x.size)[: w.size]
    inner = (shifted - cdf[None, :]) ** (n - 1) * pdf[None, :]
    cdf_range = np.clip(n * _simpson(inner, x), 0.0, 1.0)
    second_moment = 2.0 * float(_simpson(w * (1.0 - cdf_range), w))
    return d2, math.sqrt(second_moment - d2**2)


@dataclass(frozen=True)
class ControlChartConstants:
    """Shewhart constants for one subgroup size ``n`` (3-sigma chart factors).

    Attributes
    ----------
    n : int
        Subgroup size, 2 to 25.
    d2, d3 : float
        Mean and standard deviation of the range of ``n`` standard normal values.
    c4 : float
        Mean of the sample standard deviation (n-1 divisor) of ``n`` standard normal values.
    A2, A3 : float
        X-bar chart factors on the mean range and on the mean standard deviation.
    B3, B4 : float
        S chart factors (lower, upper) on the mean standard deviation.
    D3, D4 : float
        R chart factors (lower, upper) on the mean range.
    A, B5, B6, D1, D2 : float
        Factors for charts with a known (standard) sigma: X-bar limits ``mu +/- A sigma``,
        S chart ``B5 sigma .. B6 sigma``, R chart ``D1 sigma .. D2 sigma``. Computed from
        ``n``, ``c4``, ``d2`` and ``d3`` when not given.
    source : {"exact", "table"}
        Computed from the definitions, or read from Montgomery's Appendix VI.
    """

    n: int
    d2: float
    d3: float
    c4: float
    A2: float
    A3: float
    B3: float
    B4: float
    D3: float
    D4: float
    A: float | None = None
    B5: float | None = None
    B6: float | None = None
    D1: float | None = None
    D2: float | None = None
    source: str = "exact"

    def __post_init__(self) -> None:
        _check_size("n", self.n, high=MAX_SUBGROUP_SIZE)
        check_choice("source", self.source, CONSTANT_SOURCES)
        for name in ("d2", "d3", "c4", "A2", "A3", "B4", "D4"):
            check_number(name, getattr(self, name), low=0.0, low_open=True)
        for name in ("B3", "D3"):
            check_number(name, getattr(self, name), low=0.0)
        if not self.c4 < 1.0:
            msg = f"`c4` must be less than 1, got {self.c4!r}."
            raise ValueError(msg)
        spread = 3.0 * math.sqrt(1.0 - self.c4**2)
        derived = {
            "A": 3.0 / math.sqrt(self.n),
            "B5": max(0.0, self.c4 - spread),
            "B6": self.c4 + spread,
            "D1": max(0.0, self.d2 - 3.0 * self.d3),
            "D2": self.d2 + 3.0 * self.d3,
        }
        for name, value in derived.items():
            if getattr(self, name) is None:
                object.__setattr__(self, name, value)
            else:
                check_number(name, getattr(self, name), low=0.0)

    def to_dict(self) -> dict[str, Any]:
        """Return the constants as a plain dict (``n`` and ``source`` included).

        Examples
        --------
        >>> sorted(constants(2).to_dict())[:3]
        ['A', 'A2', 'A3']
        """
        return asdict(self)


@functools.cache
def _constants(n: int) -> ControlChartConstants:
    d2, d3 = _range_moments(n)
    c4 = _c4(n)
    spread_s = 3.0 * math.sqrt(1.0 - c4**2) / c4
    return ControlChartConstants(
        n=n,
        d2=d2,
        d3=d3,
        c4=c4,
        A2=3.0 / (d2 * math.sqrt(n)),
        A3=3.0 / (c4 * math.sqrt(n)),
        B3=max(0.0, 1.0 - spread_s),
        B4=1.0 + spread_s,
        D3=max(0.0, 1.0 - 3.0 * d3 / d2),
        D4=1.0 + 3.0 * d3 / d2,
    )


@functools.cache
def _table() -> dict[int, ControlChartConstants]:
    """Read Montgomery's Appendix VI from ``control_chart_constants.csv`` (once per session)."""
    names = {f.name for f in fields(ControlChartConstants)} - {"n", "source"}
    with TABLE_PATH.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        out = {}
        for row in rows:
            n = int(row["n"])
            out[n] = ControlChartConstants(
                n=n, source="table", **{k: float(v) for k, v in row.items() if k in names}
            )
    return out


def constants(n: int, source: str = "exact") -> ControlChartConstants:
    """Return the control-chart constants for subgroup size ``n``.

    Parameters
    ----------
    n : int
        Subgroup size, a whole number from 2 to 25 (the range of published tables).
    source : {"exact", "table"}, default "exact"
        ``"exact"``: computed from the definitions (then cached). ``"table"``: the three-decimal
        values printed in Montgomery's Appendix VI (c4, 1/c4 and 1/d2 to four), read from
        ``control_chart_constants.csv``; use it to reproduce a textbook example digit for digit.

    Returns
    -------
    ControlChartConstants
        Frozen record with ``d2, d3, c4, A2, A3, B3, B4, D3, D4``.

    Raises
    ------
    TypeError
        If ``n`` is not a number (e.g. the text ``"5"``).
    ValueError
        If ``n`` is not a whole number from 2 to 25.

    Examples
    --------
    >>> k = constants(2)
    >>> round(k.d2, 4), round(k.d3, 4), round(k.D4, 3)
    (1.1284, 0.8525, 3.267)
    >>> constants(3, source="table").D4  # printed; the exact value is 2.5746
    2.574
    >>> constants(1)
    Traceback (most recent call last):
    ...
    ValueError: `n` must be between 2 and 25 inclusive, got 1. Published tables cover subgroup sizes 2 to 25.
    """
    size = _check_size("n", n, high=MAX_SUBGROUP_SIZE)
    if check_choice("source", source, CONSTANT_SOURCES) == "table":
        return _table()[size]
    return _constants(size)
