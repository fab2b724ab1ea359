"""Process capability: Cp, Cpk, Cpm (within-subgroup sigma) and Pp, Ppk, Ppm (overall sigma).

Capability compares the voice of the customer (the specification limits LSL and USL) with the
voice of the process (its spread). Two sigmas are used and sources name them differently:

* **within** (short-term, "potential") sigma - estimated from variation inside subgroups
  (mean range / d2, mean s / c4, pooled s) or, for individual values, from the moving range.
  It gives Cp, Cpl, Cpu, Cpk and Cpm.
* **overall** (long-term, "performance") sigma - the sample standard deviation of all values.
  It gives Pp, Ppl, Ppu, Ppk and Ppm.

Formulas (k = 3): ``Cp = (USL - LSL) / (6 sigma)``, ``Cpu = (USL - mean) / (3 sigma)``,
``Cpl = (mean - LSL) / (3 sigma)``, ``Cpk = min(Cpl, Cpu)``, and, as in R's qcc package,
``Cpm = Cp / sqrt(1 + ((mean - target) / sigma)^2)``.
With a one-sided specification only the indices of that side exist; the others are ``None``
and ``result.missing`` says why.

Conventions on which sources disagree, each a named parameter:

* ``sigma_within`` - which within-subgroup estimator (default: mean range / d2 for subgroups,
  moving range / d2 for individual values).
* ``overall_c4`` - divide the overall standard deviation by c4(N)? Default ``False``, as qcc
  and Minitab do by default.
* ``d2_decimals`` - use d2 as computed (``None``, default) or rounded like a printed table
  (``3`` reproduces qcc and hand calculations with d2(4) = 2.059).
* ``unbias_pooled`` - divide the pooled standard deviation by c4(d + 1), d = its degrees of
  freedom (Minitab's default, ``True``).
* ``confidence`` - level of the confidence intervals in ``result.intervals`` (qcc's formulas:
  chi-square for Cp/Pp (Chou et al. 1990) and Cpm/Ppm (Boyles 1991), Bissell (1990) for
  Cpl/Cpu/Cpk; like qcc, Cpl/Cpu use the one-sided normal quantile and Cpk the two-sided one).
  ``None`` skips them.

Examples
--------
>>> res = capability_from_summary(mean=16, sigma_within=2, lsl=8, usl=20)
>>> round(res.Cp, 4), round(res.Cpk, 4)
(1.0, 0.6667)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from scipy import special

from bsckit._validation import as_values, check_choice, check_number
from bsckit.spc._data import as_measurements, d2_value
from bsckit.spc.chart_constants import (
    CONSTANT_SOURCES,
    MAX_SUBGROUP_SIZE,
    _c4,
    _check_size,
)
from bsckit.spc.chart_constants import constants as _constants

__all__ = [
    "INDEX_NAMES",
    "SIGMA_METHODS",
    "CapabilityResult",
    "capability",
    "capability_from_summary",
    "ppm_bounds_from_cpk",
    "ppm_out_of_spec",
]

SIGMA_METHODS = ("rbar_d2", "sbar_c4", "pooled", "moving_range")
INDEX_NAMES = ("Cp", "Cpl", "Cpu", "Cpk", "Cpm", "Pp", "Ppl", "Ppu", "Ppk", "Ppm")


def _optional_number(name: str, value: Any) -> float | None:
    return None if value is None else check_number(name, value)


def _check_d2_decimals(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not 0 <= value <= 9:
        msg = (
            f"`d2_decimals` must be None (exact d2) or a whole number from 0 to 9, got {value!r}. "
            "Pass 3 to round d2 like printed tables and qcc."
        )
        raise ValueError(msg)
    return int(value)


def _check_specs(
    lsl: Any, usl: Any, target: Any
) -> tuple[float | None, float | None, float | None]:
    lsl = _optional_number("lsl", lsl)
    usl = _optional_number("usl", usl)
    target = _optional_number("target", target)
    if lsl is None and usl is None:
        msg = "`lsl` and `usl` are both None; give at least one specification limit."
        raise ValueError(msg)
    if lsl is not None and usl is not None and not lsl < usl:
        msg = f"`lsl` must be less than `usl`, got lsl={lsl:g} and usl={usl:g}. Swap them?"
        raise ValueError(msg)
    below = target is not None and lsl is not None and target < lsl
    above = target is not None and usl is not None and target > usl
    if below or above:
        low = "-inf" if lsl is None else f"{lsl:g}"
        high = "+inf" if usl is None else f"{usl:g}"
        msg = f"`target` must lie within the specification limits [{low}, {high}], got {target:g}."
        raise ValueError(msg)
    return lsl, usl, target


def _chisq_interval(index: float, df: float, alpha: float) -> tuple[float, float]:
    # chi-square quantiles, computed as scipy.stats.chi2.ppf computes them (without importing
    # scipy.stats, half a second per kernel)
    quantiles = 2 * special.gammaincinv(df / 2, np.array([alpha / 2, 1 - alpha / 2]))
    low, high = (float(q) for q in quantiles)
    return index * math.sqrt(low / df), index * math.sqrt(high / df)


def _bissell_interval(index: float, z: float, n: int) -> tuple[float, float]:
    half = z * math.sqrt(1.0 / (9.0 * n * index**2) + 1.0 / (2.0 * (n - 1)))
    return index * (1 - half), index * (1 + half)


@dataclass(frozen=True)
class CapabilityResult:
    """Capability indices of one process characteristic.

    Index attributes (``Cp`` ... ``Ppm``) are floats, or ``None`` where they do not exist
    (one-sided specification, or no overall sigma given); ``missing`` maps each absent index
    to the reason. ``intervals`` maps index names to ``(low, high)`` confidence bounds.
    """

    mean: float
    sigma_within: float
    lsl: float | None = None
    usl: float | None = None
    target: float | None = None
    sigma_overall: float | None = None
    n_obs: int | None = None
    sigma_method: str = "given"
    confidence: float | None = None
    Cp: float | None = field(init=False)
    Cpl: float | None = field(init=False)
    Cpu: float | None = field(init=False)
    Cpk: float | None = field(init=False)
    Cpm: float | None = field(init=False)
    Pp: float | None = field(init=False)
    Ppl: float | None = field(init=False)
    Ppu: float | None = field(init=False)
    Ppk: float | None = field(init=False)
    Ppm: float | None = field(init=False)
    missing: Mapping[str, str] = field(init=False)
    intervals: Mapping[str, tuple[float, float]] = field(init=False)

    def __post_init__(self) -> None:
        check_number("mean", self.mean)
        check_number("sigma_within", self.sigma_within, low=0.0, low_open=True)
        if self.sigma_overall is not None:
            check_number("sigma_overall", self.sigma_overall, low=0.0, low_open=True)
        lsl, usl, target = _check_specs(self.lsl, self.usl, self.target)
        if self.n_obs is not None:
            _check_size("n_obs", self.n_obs)
        if self.confidence is not None:
            check_number(
                "confidence",
                self.confidence,
                low=0.0,
                high=1.0,
                low_open=True,
                high_open=True,
                hint="Pass e.g. 0.95, or None for no intervals.",
            )
            if self.n_obs is None:
                msg = "`confidence` needs `n_obs` (the number of observations); pass both."
                raise ValueError(msg)
        if target is None and lsl is not None and usl is not None:
            target = (lsl + usl) / 2  # qcc's default; documented on capability()
            object.__setattr__(self, "target", target)

        values: dict[str, float | None] = {}
        missing: dict[str, str] = {}
        for prefix, sigma in (("C", self.sigma_within), ("P", self.sigma_overall)):
            names = {k: f"{prefix}{k[1:]}" for k in ("Cp", "Cpl", "Cpu", "Cpk", "Cpm")}
            if sigma is None:
                for name in names.values():
                    values[name] = None
                    missing[name] = "needs the overall sigma (sigma_overall)"
                continue
            upper = None if usl is None else (usl - self.mean) / (3 * sigma)
            lower = None if lsl is None else (self.mean - lsl) / (3 * sigma)
            both = upper is not None and lower is not None
            spread = (usl - lsl) / (6 * sigma) if both else None
            values[names["Cpu"]] = upper
            values[names["Cpl"]] = lower
            values[names["Cpk"]] = min(v for v in (upper, lower) if v is not None)
            values[names["Cp"]] = spread
            values[names["Cpm"]] = (
                spread / math.sqrt(1 + ((self.mean - target) / sigma) ** 2) if both else None
            )
            if usl is None:
                missing[names["Cpu"]] = "needs an upper specification limit (usl)"
            if lsl is None:
                missing[names["Cpl"]] = "needs a lower specification limit (lsl)"
            if not both:
                reason = "needs both specification limits (lsl and usl)"
                missing[names["Cp"]] = reason
                missing[names["Cpm"]] = reason
        for name, value in values.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "missing", MappingProxyType(missing))
        object.__setattr__(self, "intervals", MappingProxyType(self._intervals(values, target)))

    def _intervals(
        self, values: dict[str, float | None], target: float | None
    ) -> dict[str, tuple[float, float]]:
        if self.confidence is None or self.n_obs is None:
            return {}
        n, alpha = self.n_obs, 1 - self.confidence
        # standard normal quantiles (scipy.stats.norm.ppf computes them with ndtri too)
        z_one = float(special.ndtri(self.confidence))
        z_two = float(special.ndtri(1 - alpha / 2))
        out: dict[str, tuple[float, float]] = {}
        for prefix, sigma in (("C", self.sigma_within), ("P", self.sigma_overall)):
            if sigma is None:
                continue
            p = f"{prefix}p"
            if values[p] is not None:
                out[p] = _chisq_interval(values[p], n - 1, alpha)
            for side in ("l", "u"):
                if values[p + side] is not None:
                    out[p + side] = _bissell_interval(values[p + side], z_one, n)
            out[p + "k"] = _bissell_interval(values[p + "k"], z_two, n)
            if values[p + "m"] is not None and target is not None:
                shift = ((self.mean - target) / sigma) ** 2
                df = n * (1 + shift) / (1 + 2 * shift)
                out[p + "m"] = _chisq_interval(values[p + "m"], df, alpha)
        return out

    def expected_ppm(self, sigma: str = "within") -> dict[str, float]:
        """Expected parts per million outside the specification, assuming a normal process.

        What Minitab prints as "Exp. Within Performance" (``sigma="within"``, from Cpl and
        Cpu) and "Exp. Overall Performance" (``sigma="overall"``, from Ppl and Ppu):
        ``below_lsl = 1e6 Phi(-3 Cpl)``, ``above_usl = 1e6 Phi(-3 Cpu)`` and their ``total``.
        A side with no specification limit contributes 0.

        Examples
        --------
        >>> r = capability_from_summary(mean=16, sigma_within=2, lsl=8, usl=20)
        >>> {k: round(v, 1) for k, v in r.expected_ppm().items()}
        {'below_lsl': 31.7, 'above_usl': 22750.1, 'total': 22781.8}
        """
        prefix = {"within": "C", "overall": "P"}[
            check_choice("sigma", sigma, ["within", "overall"])
        ]
        if sigma == "overall" and self.sigma_overall is None:
            msg = "`sigma`='overall' needs the overall sigma; pass sigma_overall, or use 'within'."
            raise ValueError(msg)
        low, high = getattr(self, f"{prefix}pl"), getattr(self, f"{prefix}pu")
        below = 0.0 if low is None else float(special.ndtr(-3.0 * low)) * 1e6
        above = 0.0 if high is None else float(special.ndtr(-3.0 * high)) * 1e6
        return {"below_lsl": below, "above_usl": above, "total": below + above}

    def to_dict(self) -> dict[str, Any]:
        """Return indices, inputs, ``missing`` and ``intervals`` as plain Python values.

        Examples
        --------
        >>> d = capability_from_summary(mean=16, sigma_within=2, usl=20).to_dict()
        >>> d["Cp"] is None, d["missing"]["Cp"]
        (True, 'needs both specification limits (lsl and usl)')
        """
        keys = (
            "mean",
            "sigma_within",
            "sigma_overall",
            "lsl",
            "usl",
            "target",
            "n_obs",
            "sigma_method",
            "confidence",
            *INDEX_NAMES,
        )
        out: dict[str, Any] = {k: getattr(self, k) for k in keys}
        out["missing"] = dict(self.missing)
        out["intervals"] = {k: list(v) for k, v in self.intervals.items()}
        return out


def capability_from_summary(
    mean: float,
    sigma_within: float,
    lsl: float | None = None,
    usl: float | None = None,
    target: float | None = None,
    *,
    sigma_overall: float | None = None,
    n_obs: int | None = None,
    confidence: float | None = None,
) -> CapabilityResult:
    """Capability indices from a known mean and sigma(s) instead of raw data.

    Parameters
    ----------
    mean : float
        Process mean.
    sigma_within : float
        Within-subgroup (short-term) standard deviation, > 0.
    lsl, usl : float, optional
        Specification limits; at least one, and ``lsl < usl``.
    target : float, optional
        Target value for Cpm; defaults to the midpoint when both limits are given (as qcc).
    sigma_overall : float, optional
        Overall (long-term) standard deviation; without it the P indices are ``None``.
    n_obs : int, optional
        Number of observations behind the estimates (needed for intervals).
    confidence : float, optional
        Confidence level for ``intervals`` (needs ``n_obs``); ``None`` = no intervals.

    Returns
    -------
    CapabilityResult

    Examples
    --------
    >>> r = capability_from_summary(16, 2, lsl=8, usl=20)
    >>> round(r.Cpl, 4), round(r.Cpu, 4), r.Pp
    (1.3333, 0.6667, None)
    >>> capability_from_summary(16, 0, lsl=8, usl=20)
    Traceback (most recent call last):
    ...
    ValueError: `sigma_within` must be greater than 0, got 0.
    """
    return CapabilityResult(
        mean=check_number("mean", mean),
        sigma_within=check_number("sigma_within", sigma_within, low=0.0, low_open=True),
        lsl=lsl,
        usl=usl,
        target=target,
        sigma_overall=sigma_overall,
        n_obs=n_obs,
        confidence=confidence,
    )


def _moving_range_sigma(
    values: np.ndarray, span: int, d2_decimals: int | None, source: str = "exact"
) -> float:
    windows = np.lib.stride_tricks.sliding_window_view(values, span)
    mr_bar = float(np.mean(windows.max(axis=1) - windows.min(axis=1)))
    return mr_bar / d2_value(_constants(span, source).d2, d2_decimals)


def _within_sigma(
    data: np.ndarray,
    method: str,
    *,
    span: int = 2,
    d2_decimals: int | None = None,
    unbias_pooled: bool = True,
    source: str = "exact",
) -> float:
    """Estimate the within-subgroup sigma of checked ``data`` (1-D or 2-D) by ``method``."""
    if method == "moving_range":
        return _moving_range_sigma(data.ravel(), span, d2_decimals, source)
    if data.ndim == 1:
        msg = (
            f"`sigma_within`={method!r} needs subgrouped data (2-D: one row per subgroup); got "
            "individual values. Use sigma_within='moving_range' for individual values."
        )
        raise ValueError(msg)
    size = data.shape[1]
    if method == "rbar_d2":
        r_bar = float(np.mean(data.max(axis=1) - data.min(axis=1)))
        return r_bar / d2_value(_constants(size, source).d2, d2_decimals)
    if method == "sbar_c4":
        return float(np.mean(data.std(axis=1, ddof=1))) / _constants(size, source).c4
    dof = data.shape[0] * (size - 1)
    pooled = math.sqrt(float(np.sum(data.var(axis=1, ddof=1) * (size - 1))) / dof)
    return pooled / _c4(dof + 1) if unbias_pooled else pooled


def capability(
    data: Any,
    lsl: float | None = None,
    usl: float | None = None,
    target: float | None = None,
    *,
    sigma_within: str | float | None = None,
    span: int = 2,
    overall_c4: bool = False,
    d2_decimals: int | None = None,
    unbias_pooled: bool = True,
    confidence: float | None = 0.95,
    constants: str = "exact",
) -> CapabilityResult:
    """Capability indices (Cp, Cpk, Cpm, Pp, Ppk, Ppm ...) of measured data.

    Parameters
    ----------
    data : array-like
        Subgrouped data (2-D array, list of equal-length lists or DataFrame: one row per
        subgroup, in time order) or individual values (1-D, in time order).
    lsl, usl : float, optional
        Lower and upper specification limits; at least one, and ``lsl < usl``.
    target : float, optional
        Target for Cpm/Ppm; must lie within the limits. Default: the midpoint of two-sided
        limits (qcc's default, which flatters Cpm when the true target is off-centre).
    sigma_within : {"rbar_d2", "sbar_c4", "pooled", "moving_range"} or float, optional
        Within-subgroup sigma estimator, or a known sigma. Default ``None`` means
        ``"rbar_d2"`` for subgrouped data and ``"moving_range"`` for individual values.
        ``"moving_range"`` on subgrouped data reads the values row by row.
    span : int, default 2
        Number of consecutive values in each moving range.
    overall_c4 : bool, default False
        Divide the overall standard deviation by c4(N) (qcc and Minitab: no, by default).
    d2_decimals : int, optional
        Round d2 to this many decimals, like printed tables (3 reproduces qcc); ``None`` = exact.
    unbias_pooled : bool, default True
        For ``"pooled"``: divide by c4(d + 1) as Minitab does by default.
    confidence : float or None, default 0.95
        Level of the confidence intervals in ``result.intervals``; ``None`` skips them.
    constants : {"exact", "table"}, default "exact"
        d2 and c4 computed exactly, or as printed in Montgomery's Appendix VI (``"table"``:
        d2 to three decimals, c4 to four), to reproduce a textbook's sigma-hat digit for digit.
        The pooled estimator's c4(d + 1) is always exact (d is beyond the table).

    Returns
    -------
    CapabilityResult

    Raises
    ------
    ValueError
        For ``lsl >= usl``, a target outside the limits, too little data (fewer than 2
        values per subgroup or 2 values in all), or data with no spread.

    Examples
    --------
    >>> subgroups = [[10.00, 10.02, 9.98, 10.01], [10.03, 9.99, 10.01, 10.00],
    ...              [9.97, 10.04, 10.02, 9.99]]
    >>> r = capability(subgroups, lsl=9.9, usl=10.1, target=10.0, d2_decimals=3)
    >>> round(r.Cp, 6), round(r.Ppk, 6)
    (1.372667, 1.531968)
    >>> [round(x, 6) for x in r.intervals["Cp"]]
    [0.80846, 1.937713]
    >>> capability([1, 2, 3], lsl=5, usl=4)
    Traceback (most recent call last):
    ...
    ValueError: `lsl` must be less than `usl`, got lsl=5 and usl=4. Swap them?
    """
    lsl, usl, target = _check_specs(lsl, usl, target)
    values = as_measurements("data", data)
    d2_decimals = _check_d2_decimals(d2_decimals)
    source = check_choice("constants", constants, CONSTANT_SOURCES)
    if source == "table" and d2_decimals is not None:
        msg = (
            "`d2_decimals` rounds the exact d2; with `constants`='table' d2 is already the "
            "printed 3-decimal value. Leave d2_decimals out."
        )
        raise ValueError(msg)
    span = _check_size("span", span, high=MAX_SUBGROUP_SIZE)
    if values.ndim == 2 and values.shape[1] < 2:
        msg = (
            f"`data` subgroups must hold at least 2 values each, got subgroups of "
            f"{values.shape[1]}. Pass individual values as a 1-D list instead."
        )
        raise ValueError(msg)
    if values.ndim == 2 and values.shape[1] > MAX_SUBGROUP_SIZE:
        msg = (
            f"`data` subgroups hold {values.shape[1]} values; at most {MAX_SUBGROUP_SIZE} are "
            "supported. Split the subgroups or pass a known sigma_within."
        )
        raise ValueError(msg)
    n_obs = values.size
    if n_obs < max(2, span if values.ndim == 1 else 2):
        msg = f"`data` must hold at least {max(2, span)} values, got {n_obs}. Collect more data."
        raise ValueError(msg)

    if sigma_within is None:
        method = "rbar_d2" if values.ndim == 2 else "moving_range"
    elif isinstance(sigma_within, str):
        method = check_choice("sigma_within", sigma_within, SIGMA_METHODS)
    else:
        method = "given"
        sigma = check_number(
            "sigma_within",
            sigma_within,
            low=0.0,
            low_open=True,
            hint=f"Or pass one of {', '.join(SIGMA_METHODS)}.",
        )
    if method != "given":
        sigma = _within_sigma(
            values,
            method,
            span=span,
            d2_decimals=d2_decimals,
            unbias_pooled=bool(unbias_pooled),
            source=source,
        )
    overall = float(np.std(values, ddof=1))
    if overall_c4:
        overall /= _c4(n_obs)
    if not (sigma > 0 and overall > 0):
        msg = (
            "`data` has no spread (all values equal or no variation within subgroups); "
            "capability is undefined."
        )
        raise ValueError(msg)
    return CapabilityResult(
        mean=float(np.mean(values)),
        sigma_within=sigma,
        lsl=lsl,
        usl=usl,
        target=target,
        sigma_overall=overall,
        n_obs=n_obs,
        sigma_method=method,
        confidence=confidence,
    )


def _index(name: str, value: Any) -> np.ndarray | None:
    return None if value is None else np.asarray(as_values(name, value, ndim=(0, 1)))


def ppm_out_of_spec(cpl: Any = None, cpu: Any = None) -> Any:
    """Expected parts per million outside the specification from the one-sided indices.

    ``ppm = 1e6 (Phi(-3 Cpl) + Phi(-3 Cpu))`` for a normally distributed process: each
    one-sided index says how many process sigmas (divided by 3) the mean sits from that limit.
    Give one index for a one-sided specification, both for a two-sided one. For a centred
    process ``Cpl = Cpu = Cp`` (Montgomery's table of process fallout: Cp = 1 gives 2700 ppm
    two-sided, 1350 one-sided). Works the same with Ppl and Ppu (overall performance).

    Parameters
    ----------
    cpl, cpu : float or array-like, optional
        Lower and upper one-sided capability indices (may be negative: mean beyond the limit).

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(ppm_out_of_spec(cpl=1.0, cpu=1.0))
    2700
    >>> round(ppm_out_of_spec(cpu=1.0))
    1350
    >>> ppm_out_of_spec()
    Traceback (most recent call last):
    ...
    ValueError: `cpl` and `cpu` are both None; give the index of at least one side (e.g. cpu=1.33).
    """
    low, high = _index("cpl", cpl), _index("cpu", cpu)
    if low is None and high is None:
        msg = "`cpl` and `cpu` are both None; give the index of at least one side (e.g. cpu=1.33)."
        raise ValueError(msg)
    total = sum(special.ndtr(-3.0 * side) for side in (low, high) if side is not None)
    total = np.asarray(total) * 1e6
    return float(total) if total.ndim == 0 else total


def ppm_bounds_from_cpk(cpk: Any) -> tuple[Any, Any]:
    """Bounds on the expected ppm out of specification when only Cpk is known.

    Cpk is the index of the nearer limit, so that tail alone, ``1e6 Phi(-3 Cpk)``, is the
    lower bound (the far limit infinitely far away). The upper bound is twice that: both
    limits as near as the nearer one (a centred process, ``Cp = Cpk``). With two-sided limits
    the true value lies between; pass Cpl and Cpu to :func:`ppm_out_of_spec` for it.

    Examples
    --------
    >>> [round(b, 1) for b in ppm_bounds_from_cpk(1.0)]
    [1349.9, 2699.8]
    """
    nearer = np.asarray(special.ndtr(-3.0 * _index("cpk", cpk))) * 1e6
    if nearer.ndim == 0:
        return float(nearer), 2.0 * float(nearer)
    return nearer, 2.0 * nearer
