"""Shewhart control charts: limits that separate common-cause from special-cause variation.

One function, :func:`control_chart`, builds any of the classic charts:

=============== ====================================== ==========================================
``kind``        data                                   plotted statistic (secondary chart)
=============== ====================================== ==========================================
"individuals"   1-D measurements in time order         each value (moving range, "MR")
"xbar_r"        2-D, one row per subgroup (n = 2..25)  subgroup mean (subgroup range, "R")
"xbar_s"        2-D, one row per subgroup              subgroup mean (subgroup std dev, "S")
"r", "s"        2-D, as for "xbar_r" / "xbar_s"        the R or S chart on its own
"mr"            1-D, as for "individuals"              the moving-range chart on its own
"p"             defectives per sample + ``sizes``      fraction defective
"np"            defectives per sample + one ``sizes``  number defective
"c"             defects per inspection unit            number of defects
"u"             defects per sample + ``sizes``         defects per unit
=============== ====================================== ==========================================

Limits are ``center +/- nsigmas * se`` where ``se`` is the standard error of the plotted
statistic: ``sigma / sqrt(n)`` for subgroup means (sigma = mean range / d2 or mean s / c4),
``sigma`` for individuals (sigma = mean moving range / d2(span)), ``sqrt(p(1-p)/n_i)`` for p,
``sqrt(n p (1-p))`` for np, ``sqrt(c)`` for c and ``sqrt(u / n_i)`` for u. With variable
sample sizes (p, u) the limits differ per point and are returned as arrays.

Constants: by default d2, d3 and c4 are exact (computed); ``constants="table"`` uses the
values printed in Montgomery's Appendix VI and the textbook's factor formulas
(``x-double-bar +/- A2 R-bar`` ...), to reproduce a worked example to the printed digit.
``result.std_dev`` is the chart's standard deviation as qcc prints it (``sqrt(n p (1-p))``
for an np chart, for example); ``result.sigma`` the process sigma behind the limits.

Limits that would fall outside the possible range of the statistic are clipped: a negative
lower limit becomes 0 (R, S, MR and every attribute chart), and p-chart limits stay within
[0, 1] and np-chart limits within [0, n]. Such a clipped lower limit can never be crossed.

Phase I / phase II: by default the limits are computed from all points (phase I). Pass
``limits_from`` (a slice, a list of 0-based positions or a boolean mask) to compute them from
a baseline only and judge the remaining points against them (phase II), or pass a known
``center`` (and, for variables charts, ``sigma``).

All positions (``out_of_limits``, ``limits_from``, the ``point`` column of ``to_frame()``)
are 0-based.

Examples
--------
>>> chart = control_chart([12, 15, 8, 10, 4, 7, 16, 9, 14, 10], "p", sizes=50)
>>> round(chart.center, 3), round(chart.lcl, 4), round(chart.ucl, 4)
(0.21, 0.0372, 0.3828)
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from bsckit._validation import as_values, check_choice, check_number
from bsckit.spc._data import as_measurements, d2_value
from bsckit.spc.chart_constants import (
    CONSTANT_SOURCES,
    MAX_SUBGROUP_SIZE,
    ControlChartConstants,
    _c4,
    _check_size,
)
from bsckit.spc.chart_constants import constants as _constants_for
from bsckit.spc.process_capability import _check_d2_decimals
from bsckit.spc.special_causes import RunRulesResult, run_rules

__all__ = ["CHART_KINDS", "ControlChartResult", "control_chart"]

CHART_KINDS = ("individuals", "xbar_r", "xbar_s", "r", "s", "mr", "p", "np", "c", "u")
_VARIABLES_KINDS = ("individuals", "xbar_r", "xbar_s", "r", "s", "mr")


def _frozen(value: Any) -> Any:
    """Return floats as float, arrays as read-only float arrays."""
    if isinstance(value, np.ndarray):
        array = np.array(value, dtype=float)
        array.setflags(write=False)
        return array
    return None if value is None else float(value)


def _scalar_if_constant(values: np.ndarray) -> float | np.ndarray:
    return float(values[0]) if np.all(values == values[0]) else values


@dataclass(frozen=True, eq=False)
class ControlChartResult:
    """One control chart: plotted statistic, centre line and limits per point.

    Attributes
    ----------
    chart : str
        Short label of the plotted statistic ("X", "MR", "Xbar", "R", "S", "p", "np", "c", "u").
    statistic : numpy.ndarray
        The plotted value per point (NaN where undefined, e.g. the first moving range).
    center, lcl, ucl : float or numpy.ndarray
        Centre line and control limits; arrays when they differ per point (p, u charts with
        variable sample sizes).
    sigma : float
        Process standard deviation behind the limits (for attribute charts qcc 2.7's
        convention: ``sqrt(p(1-p))``, ``sqrt(c)``, ``sqrt(u)``).
    std_dev : float or numpy.ndarray
        The chart's standard deviation as qcc 3.0 prints it ("Standard deviation" in its
        summary): the process sigma for X, X-bar, R, S and MR charts; ``sqrt(p(1-p)/n)`` for
        p (one value per point when sizes vary), ``sqrt(n p(1-p))`` for np, ``sqrt(c)`` for c
        and ``sqrt(u)`` for u (per unit, not divided by n).
    se : float or numpy.ndarray
        Standard error of the plotted statistic (what ``nsigmas`` multiplies).
    nsigmas : float
        Width of the control limits in standard errors.
    out_of_limits : tuple of int
        0-based positions of points strictly above ``ucl`` or below ``lcl``.
    baseline : tuple of int
        0-based positions whose data set the limits (phase I); the others are phase II.
    warning_nsigmas : float or None
        Width of the optional warning limits ``lwl`` / ``uwl``.
    secondary : ControlChartResult or None
        The companion dispersion chart (MR, R or S) for variables charts.
    """

    chart: str
    statistic: np.ndarray
    center: float | np.ndarray
    lcl: float | np.ndarray
    ucl: float | np.ndarray
    sigma: float
    se: float | np.ndarray
    nsigmas: float = 3.0
    baseline: tuple[int, ...] = ()
    warning_nsigmas: float | None = None
    lwl: float | np.ndarray | None = None
    uwl: float | np.ndarray | None = None
    secondary: ControlChartResult | None = None
    std_dev: float | np.ndarray | None = None
    out_of_limits: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        stat = np.asarray(self.statistic, dtype=float)
        if stat.ndim != 1 or stat.size == 0:
            msg = f"`statistic` must be a non-empty 1-D array, got shape {stat.shape}."
            raise ValueError(msg)
        object.__setattr__(self, "statistic", _frozen(stat))
        if self.std_dev is None:
            object.__setattr__(self, "std_dev", self.sigma)
        for name in ("center", "lcl", "ucl", "se", "lwl", "uwl", "std_dev"):
            value = getattr(self, name)
            if isinstance(value, np.ndarray | list | tuple):
                value = np.asarray(value, dtype=float)
                if value.shape != stat.shape:
                    msg = (
                        f"`{name}` must have one value per point ({stat.size}), got {value.shape}."
                    )
                    raise ValueError(msg)
            object.__setattr__(self, name, _frozen(value))
        check_number("sigma", self.sigma, low=0.0, low_open=True)
        check_number("nsigmas", self.nsigmas, low=0.0, low_open=True)
        if np.any(np.asarray(self.lcl) > np.asarray(self.ucl)):
            msg = "`lcl` must not exceed `ucl` at any point."
            raise ValueError(msg)
        with np.errstate(invalid="ignore"):
            out = (stat > self.ucl) | (stat < self.lcl)
        object.__setattr__(self, "out_of_limits", tuple(int(i) for i in np.flatnonzero(out)))
        object.__setattr__(self, "baseline", tuple(int(i) for i in self.baseline))

    def __len__(self) -> int:
        return int(self.statistic.size)

    def run_rules(self, ruleset: str = "western_electric", **kwargs: Any) -> RunRulesResult:
        """Apply run rules to the plotted statistic with this chart's centre and standard error.

        Examples
        --------
        >>> chart = control_chart([0, 3.2, 0, 0], "individuals", center=0, sigma=1)
        >>> chart.run_rules().flagged(1)
        (1,)
        """
        return run_rules(self.statistic, self.center, self.se, ruleset=ruleset, **kwargs)

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame, one row per point, ready for charting.

        Columns: ``point`` (0-based), ``chart``, ``value``, ``center``, ``lcl``, ``ucl``,
        ``lwl`` and ``uwl`` (only with warning limits), ``out`` (beyond a control limit) and
        ``phase`` ("I" for baseline points, "II" for the others).

        Examples
        --------
        >>> frame = control_chart([5, 7, 6, 30], "c", limits_from=slice(0, 3)).to_frame()
        >>> frame["out"].tolist(), frame["phase"].tolist()
        ([False, False, False, True], ['I', 'I', 'I', 'II'])
        """
        size = len(self)
        columns: dict[str, Any] = {
            "point": np.arange(size),
            "chart": [self.chart] * size,
            "value": self.statistic,
            "center": np.broadcast_to(self.center, size),
            "lcl": np.broadcast_to(self.lcl, size),
            "ucl": np.broadcast_to(self.ucl, size),
        }
        if self.lwl is not None and self.uwl is not None:
            columns["lwl"] = np.broadcast_to(self.lwl, size)
            columns["uwl"] = np.broadcast_to(self.uwl, size)
        out = np.zeros(size, dtype=bool)
        out[list(self.out_of_limits)] = True
        columns["out"] = out
        in_baseline = np.zeros(size, dtype=bool)
        in_baseline[list(self.baseline)] = True
        columns["phase"] = np.where(in_baseline, "I", "II")
        return pd.DataFrame(columns)


def _baseline(limits_from: Any, count: int) -> np.ndarray:
    """Return sorted unique 0-based positions selected by ``limits_from``."""
    if limits_from is None:
        return np.arange(count)
    if isinstance(limits_from, slice):
        positions = np.arange(count)[limits_from]
    else:
        raw = np.asarray(limits_from)
        if raw.dtype == bool:
            if raw.shape != (count,):
                msg = (
                    f"`limits_from` as a True/False mask must have one entry per point ({count}), "
                    f"got {raw.size}."
                )
                raise ValueError(msg)
            positions = np.flatnonzero(raw)
        else:
            values = as_values(
                "limits_from",
                raw,
                ndim=1,
                low=0,
                high=count - 1,
                hint="Give 0-based positions of the baseline points.",
            )
            if not np.all(values == np.round(values)):
                msg = "`limits_from` positions must be whole numbers (0-based)."
                raise ValueError(msg)
            positions = np.unique(values.astype(int))
    if positions.size < 2:
        msg = (
            f"`limits_from` must select at least 2 points to estimate limits, got "
            f"{positions.size}. Widen the baseline or pass a known center and sigma."
        )
        raise ValueError(msg)
    return positions


def _limits(
    center: float | np.ndarray,
    se: float | np.ndarray,
    k: float,
    low: float | np.ndarray | None,
    high: float | np.ndarray | None,
) -> tuple[Any, Any]:
    lower = np.asarray(center - k * se, dtype=float)
    upper = np.asarray(center + k * se, dtype=float)
    if low is not None:
        lower = np.maximum(lower, low)
    if high is not None:
        upper = np.minimum(upper, high)
    if lower.ndim == 0:
        return float(lower), float(upper)
    return lower, upper


def _make(
    chart: str,
    statistic: np.ndarray,
    center: Any,
    sigma: float,
    se: Any,
    nsigmas: float,
    warning: float | None,
    baseline: np.ndarray,
    low: Any = 0.0,
    high: Any = None,
    secondary: ControlChartResult | None = None,
    limits: tuple[float, float] | None = None,
    std_dev: Any = None,
) -> ControlChartResult:
    if limits is None:
        lcl, ucl = _limits(center, se, nsigmas, low, high)
    else:  # printed-table factors: limits as the textbook computes them
        lcl, ucl = float(limits[0]), float(limits[1])
        if low is not None:
            lcl = max(lcl, low)
    lwl = uwl = None
    if warning is not None:
        lwl, uwl = _limits(center, se, warning, low, high)
    return ControlChartResult(
        chart=chart,
        statistic=statistic,
        center=center,
        lcl=lcl,
        ucl=ucl,
        sigma=sigma,
        se=se,
        nsigmas=nsigmas,
        baseline=tuple(baseline),
        warning_nsigmas=warning,
        lwl=lwl,
        uwl=uwl,
        secondary=secondary,
        std_dev=std_dev,
    )


def _known(name: str, value: Any, *, positive: bool = False) -> float | None:
    if value is None:
        return None
    if positive:
        return check_number(name, value, low=0.0, low_open=True)
    return check_number(name, value)


def _sigma_option(kind: str, sigma: Any) -> float | str | None:
    if isinstance(sigma, str):
        if sigma != "sd" or kind not in ("individuals", "mr"):
            msg = (
                f"`sigma` must be a number (a known process sigma) or, for individuals and MR "
                f"charts, 'sd' (sample standard deviation / c4); got {sigma!r} for kind={kind!r}."
            )
            raise ValueError(msg)
        return sigma
    return _known("sigma", sigma, positive=True)


def _check_table_mode(nsigmas: float, warning: float | None, d2_decimals: int | None) -> None:
    if nsigmas != 3.0 or warning is not None:
        msg = (
            f"`constants`='table' gives 3-sigma limits only (the printed factors A2, D3, D4 ... "
            f"are for 3 sigma); got nsigmas={nsigmas:g}, warning_nsigmas={warning!r}. Use "
            "constants='exact' for other widths."
        )
        raise ValueError(msg)
    if d2_decimals is not None:
        msg = (
            "`d2_decimals` rounds the exact d2; with `constants`='table' d2 is already the "
            "printed 3-decimal value. Leave d2_decimals out."
        )
        raise ValueError(msg)


def _spread_chart(
    label: str,
    spread: np.ndarray,
    sigma: float,
    known: bool,
    k: ControlChartConstants,
    d2: float,
    options: dict[str, Any],
) -> ControlChartResult:
    """The R, S or MR chart of ``spread`` (one value per point, NaN where undefined)."""
    unbias, spread_sd = (k.c4, math.sqrt(1 - k.c4**2)) if label == "S" else (d2, k.d3)
    center = unbias * sigma
    limits = None
    if k.source == "table":
        if label == "S":
            low, high = (k.B5, k.B6) if known else (k.B3 * k.c4, k.B4 * k.c4)
        else:
            low, high = (k.D1, k.D2) if known else (k.D3 * d2, k.D4 * d2)
        limits = (low * sigma, high * sigma)
    return _make(label, spread, center, sigma, spread_sd * sigma, limits=limits, **options)


def _variables_chart(
    kind: str,
    values: np.ndarray,
    *,
    nsigmas: float,
    warning: float | None,
    limits_from: Any,
    center: float | None,
    sigma: float | str | None,
    span: int,
    d2_decimals: int | None,
    source: str,
) -> ControlChartResult:
    if source == "table":
        _check_table_mode(nsigmas, warning, d2_decimals)
    known = isinstance(sigma, float)
    if kind in ("individuals", "mr"):
        if values.ndim != 1:
            msg = (
                f"`data` for kind={kind!r} must be 1-D (one value per point), got shape "
                f"{values.shape}. Use kind='xbar_r' or 'xbar_s' for subgroups."
            )
            raise ValueError(msg)
        if values.size < span:
            msg = (
                f"`data` must hold at least {span} values (the moving-range span), "
                f"got {values.size}."
            )
            raise ValueError(msg)
        base = _baseline(limits_from, values.size)
        k = _constants_for(span, source)
        d2 = d2_value(k.d2, d2_decimals)
        windows = np.lib.stride_tricks.sliding_window_view(values, span)
        spread = np.full(values.size, np.nan)
        spread[span - 1 :] = windows.max(axis=1) - windows.min(axis=1)
        if sigma == "sd":  # qcc's std.dev = "SD": sample standard deviation / c4(N)
            sigma = float(np.std(values[base], ddof=1)) / _c4(base.size)
        elif sigma is None:
            in_base = np.zeros(values.size, dtype=bool)
            in_base[base] = True
            full = np.lib.stride_tricks.sliding_window_view(in_base, span).all(axis=1)
            usable = np.flatnonzero(full) + span - 1
            if usable.size == 0:
                msg = (
                    f"`limits_from` must include at least {span} consecutive points to form a "
                    "moving range. Widen the baseline or pass a known sigma."
                )
                raise ValueError(msg)
            sigma = float(np.mean(spread[usable])) / d2
        label, means, size, factor = "MR", values, 1, 3.0  # X limits: mean +/- 3 sigma
    else:
        if values.ndim != 2:
            msg = (
                f"`data` for kind={kind!r} must be 2-D (one row per subgroup), got a 1-D input. "
                "Use kind='individuals' (or 'mr') for single values."
            )
            raise ValueError(msg)
        size = values.shape[1]
        if not 2 <= size <= MAX_SUBGROUP_SIZE:
            msg = (
                f"`data` subgroups must hold 2 to {MAX_SUBGROUP_SIZE} values for kind={kind!r}, "
                f"got {size}."
            )
            raise ValueError(msg)
        base = _baseline(limits_from, values.shape[0])
        means = values.mean(axis=1)
        k = _constants_for(size, source)
        d2 = d2_value(k.d2, d2_decimals)
        if kind in ("xbar_r", "r"):
            label, unbias = "R", d2
            spread = values.max(axis=1) - values.min(axis=1)
            factor = k.A2 * d2  # A2 R-bar = A2 d2 sigma
        else:
            label, unbias = "S", k.c4
            spread = values.std(axis=1, ddof=1)
            factor = k.A3 * k.c4  # A3 s-bar = A3 c4 sigma
        if sigma is None:
            sigma = float(np.mean(spread[base])) / unbias
    options = {"nsigmas": nsigmas, "warning": warning, "baseline": base}
    secondary = _spread_chart(label, spread, sigma, known, k, d2, options)
    if kind in ("r", "s", "mr"):
        return secondary
    if center is None:
        center = float(np.mean(means[base]))
    se = sigma / math.sqrt(size)
    limits = None
    if source == "table":
        # the printed factor (A2, A3; A with a known sigma) times the same spread estimate
        width = (k.A if known and size > 1 else factor) * sigma
        limits = (center - width, center + width)
    return _make(
        "X" if size == 1 else "Xbar",
        means,
        center,
        sigma,
        se,
        low=None,
        secondary=secondary,
        limits=limits,
        **options,
    )


def _sizes(kind: str, sizes: Any, count: int) -> np.ndarray:
    if sizes is None:
        msg = f"`sizes` is required for kind={kind!r}: the number inspected in each sample."
        raise ValueError(msg)
    if isinstance(sizes, numbers.Real) and not isinstance(sizes, bool):
        sizes = [sizes] * count
    values = as_values(
        "sizes",
        sizes,
        ndim=1,
        low=0.0,
        low_open=True,
        hint="Give the number of units inspected per sample.",
    )
    if values.size != count:
        msg = f"`sizes` must have one entry per sample ({count}), got {values.size}."
        raise ValueError(msg)
    return values


def _attribute_chart(
    kind: str,
    data: Any,
    *,
    sizes: Any,
    nsigmas: float,
    warning: float | None,
    limits_from: Any,
    center: float | None,
) -> ControlChartResult:
    counts = as_values(
        "data",
        data,
        ndim=1,
        low=0.0,
        hint="Give counts of defectives or defects per sample, never negative.",
    )
    if not np.all(counts == np.round(counts)):
        where = int(np.flatnonzero(counts != np.round(counts))[0])
        msg = (
            f"`data` must hold whole counts for kind={kind!r}; position {where} holds "
            f"{counts[where]:g}."
        )
        raise ValueError(msg)
    base = _baseline(limits_from, counts.size)
    if kind == "c":
        if sizes is not None:
            msg = "`sizes` is not used by kind='c' (one inspection unit per point); use kind='u'."
            raise ValueError(msg)
        cbar = float(np.mean(counts[base])) if center is None else center
        _check_rate(kind, cbar)
        sigma = math.sqrt(cbar)
        return _make("c", counts, cbar, sigma, sigma, nsigmas, warning, base)

    n = _sizes(kind, sizes, counts.size)
    if kind in ("p", "np") and np.any(counts > n):
        where = int(np.flatnonzero(counts > n)[0])
        msg = (
            f"`data` must not exceed `sizes` for kind={kind!r}; position {where} has "
            f"{counts[where]:g} defectives out of {n[where]:g}."
        )
        raise ValueError(msg)
    if kind == "u":
        ubar = float(counts[base].sum() / n[base].sum()) if center is None else center
        _check_rate(kind, ubar)
        sigma = math.sqrt(ubar)
        return _make(
            "u",
            counts / n,
            ubar,
            sigma,
            _scalar_if_constant(sigma / np.sqrt(n)),
            nsigmas,
            warning,
            base,
        )

    pbar = float(counts[base].sum() / n[base].sum()) if center is None else center
    if center is not None and not 0 < center < 1:
        msg = (
            f"`center` for kind={kind!r} is the known fraction defective; it must be "
            f"between 0 and 1 (exclusive), got {center:g}."
        )
        raise ValueError(msg)
    _check_rate(kind, pbar)
    sigma = math.sqrt(pbar * (1 - pbar))
    if kind == "p":
        se = _scalar_if_constant(sigma / np.sqrt(n))
        return _make("p", counts / n, pbar, sigma, se, nsigmas, warning, base, high=1.0, std_dev=se)
    if not np.all(n == n[0]):
        msg = (
            "`sizes` must be the same for every sample for kind='np'; "
            "use kind='p' for varying sizes."
        )
        raise ValueError(msg)
    size = float(n[0])
    se = math.sqrt(size) * sigma
    return _make(
        "np", counts, size * pbar, sigma, se, nsigmas, warning, base, high=size, std_dev=se
    )


def _check_rate(kind: str, rate: float) -> None:
    if not rate > 0 or (kind in ("p", "np") and not rate < 1):
        msg = (
            f"the baseline of the {kind} chart has a centre line of {rate:g}, so its limits "
            "collapse to a single line. Use a longer baseline (`limits_from`) or pass a known "
            "`center`."
        )
        raise ValueError(msg)


def control_chart(
    data: Any,
    kind: str,
    *,
    sizes: Any = None,
    nsigmas: float = 3.0,
    warning_nsigmas: float | None = None,
    limits_from: Any = None,
    center: float | None = None,
    sigma: float | str | None = None,
    span: int = 2,
    d2_decimals: int | None = None,
    constants: str = "exact",
) -> ControlChartResult:
    """Build a Shewhart control chart (limits, plotted statistic, points beyond the limits).

    Parameters
    ----------
    data : array-like
        Measurements (1-D for ``"individuals"``; 2-D, one row per subgroup, for ``"xbar_r"``
        and ``"xbar_s"``) or counts per sample (``"p"``, ``"np"``, ``"c"``, ``"u"``).
    kind : {"individuals", "xbar_r", "xbar_s", "r", "s", "mr", "p", "np", "c", "u"}
        Which chart (case does not matter: ``"R"`` is ``"r"``). ``"r"``, ``"s"`` and ``"mr"`` return the range, standard-deviation or
        moving-range chart on its own (the same chart as ``secondary`` of ``"xbar_r"``,
        ``"xbar_s"`` and ``"individuals"``).
    sizes : int or array-like, optional
        Units inspected per sample, required for ``"p"``, ``"np"`` (one size) and ``"u"``.
    nsigmas : float, default 3
        Width of the control limits in standard errors.
    warning_nsigmas : float, optional
        Also compute warning limits ``lwl`` / ``uwl`` at this width (e.g. 2).
    limits_from : slice, sequence of int or boolean mask, optional
        Baseline points (0-based) whose data set the limits (phase I); default all points.
    center : float, optional
        Known centre instead of estimating it: the process mean (variables charts), the
        fraction defective p (``"p"`` and ``"np"``), defects per unit (``"c"``, ``"u"``).
    sigma : float or "sd", optional
        Known process sigma for variables charts (attribute charts derive it from ``center``).
        For ``"individuals"`` and ``"mr"``, ``"sd"`` estimates it as the sample standard
        deviation of the baseline divided by c4(N) (qcc's ``std.dev = "SD"``) instead of the
        default mean moving range / d2.
    span : int, default 2
        Points per moving range for ``"individuals"``.
    d2_decimals : int, optional
        Round d2 like printed tables (3 reproduces qcc); ``None`` = exact.
    constants : {"exact", "table"}, default "exact"
        Control-chart constants for variables charts: computed exactly (the default), or
        Montgomery's printed Appendix VI (``"table"``), with limits computed as the textbook
        does (``x-double-bar +/- A2 R-bar``, ``D3 R-bar .. D4 R-bar``, ``B3 s-bar .. B4 s-bar``;
        ``A``, ``D1``/``D2`` and ``B5``/``B6`` with a known sigma), so that a textbook example
        is reproduced to the printed digit. ``"table"`` gives 3-sigma limits only.

    Returns
    -------
    ControlChartResult
        For variables charts ``result.secondary`` holds the MR, R or S chart.

    Examples
    --------
    >>> chart = control_chart([[1, 2, 3], [2, 3, 4], [3, 4, 5]], "xbar_r")
    >>> chart.center, chart.secondary.center
    (3.0, 2.0)
    >>> control_chart([[1, 2, 3], [2, 3, 4], [3, 4, 6]], "r", constants="table").ucl
    6.006
    >>> control_chart([1, 2, 3], "x")
    Traceback (most recent call last):
    ...
    ValueError: `kind` must be one of 'individuals', 'xbar_r', 'xbar_s', 'r', 's', 'mr', 'p', 'np', 'c', 'u'; got 'x'.
    """
    if isinstance(kind, str) and kind.lower() in CHART_KINDS:
        kind = kind.lower()  # "R", "S", "MR" as printed on charts
    kind = check_choice("kind", kind, CHART_KINDS)
    nsigmas = check_number("nsigmas", nsigmas, low=0.0, low_open=True)
    warning = _known("warning_nsigmas", warning_nsigmas, positive=True)
    center = _known("center", center)
    source = check_choice("constants", constants, CONSTANT_SOURCES)
    if kind in _VARIABLES_KINDS:
        if sizes is not None:
            msg = (
                f"`sizes` is only for attribute charts; kind={kind!r} reads subgroup sizes "
                "from `data`."
            )
            raise ValueError(msg)
        return _variables_chart(
            kind,
            as_measurements("data", data),
            nsigmas=nsigmas,
            warning=warning,
            limits_from=limits_from,
            center=center,
            sigma=_sigma_option(kind, sigma),
            span=_check_size("span", span, high=MAX_SUBGROUP_SIZE),
            d2_decimals=_check_d2_decimals(d2_decimals),
            source=source,
        )
    if sigma is not None:
        msg = f"`sigma` is not used by kind={kind!r}: attribute charts derive it from `center`."
        raise ValueError(msg)
    if source != "exact":
        msg = (
            f"`constants`={source!r} is for variables charts; kind={kind!r} uses no "
            "control-chart constants. Leave `constants` out."
        )
        raise ValueError(msg)
    if center is not None and kind in ("c", "u") and center <= 0:
        msg = f"`center` for kind={kind!r} must be greater than 0, got {center:g}."
        raise ValueError(msg)
    return _attribute_chart(
        kind,
        data,
        sizes=sizes,
        nsigmas=nsigmas,
        warning=warning,
        limits_from=limits_from,
        center=center,
    )
