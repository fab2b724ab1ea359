"""Average run length (ARL): how many points a Shewhart chart plots, on average, before it signals.

For a chart of subgroup means with limits ``mu0 +/- L sigma / sqrt(n)``, a sustained shift of
the process mean by ``k`` process sigmas moves the plotted mean by ``k sqrt(n)`` standard
errors. Each point then falls beyond a limit with probability

    p = Phi(-L - k sqrt(n)) + 1 - Phi(L - k sqrt(n))

independently of the others, so the run length is geometric and ``ARL = 1 / p``
(Montgomery, *Introduction to Statistical Quality Control*, "average run length";
NIST/SEMATECH e-Handbook 6.3.2). With no shift this is the in-control ARL0 (370.4 for 3-sigma
limits: one false alarm in about 370 points); with a shift it is ARL1, the expected delay
before the shift is noticed (43.9 points for a 1-sigma shift on an individuals chart).

For attribute charts (p, np, c, u) the plotted counts are binomial or Poisson, not normal:
:func:`attribute_run_length` uses the exact distribution, as Montgomery's operating-
characteristic curves for the p and c charts do.

Which rules are covered: **rule 1 only** - a point beyond a control limit. Run rules (Western
Electric 2-4, Nelson 2-8) make a chart signal sooner, both for real shifts and as false alarms
(the four Western Electric rules together give an ARL0 of about 92, Champ and Woodall 1987);
their run lengths are not geometric and are not computed here.

Examples
--------
>>> round(average_run_length(0.0), 1)
370.4
>>> round(average_run_length(1.0), 2)
43.89
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from bsckit._validation import as_values, check_choice, check_number, restore_like
from bsckit.spc.chart_constants import _check_size

__all__ = [
    "ATTRIBUTE_KINDS",
    "attribute_run_length",
    "attribute_signal_probability",
    "average_run_length",
    "signal_probability",
]

#: Attribute charts whose run length :func:`attribute_run_length` computes.
ATTRIBUTE_KINDS = ("p", "np", "c", "u")


def signal_probability(shift: Any = 0.0, n: int = 1, nsigmas: float = 3.0) -> Any:
    """Probability that one point falls beyond the limits after a shift of ``shift`` sigmas.

    ``Phi(-L - k sqrt(n)) + 1 - Phi(L - k sqrt(n))``; ``1 - signal_probability`` is the
    ``beta`` risk of Montgomery's operating-characteristic curve.

    Parameters
    ----------
    shift : float or array-like, default 0
        Shift of the process mean in process standard deviations (k); either sign.
    n : int, default 1
        Subgroup size (1 for an individuals chart).
    nsigmas : float, default 3
        Width of the control limits (L) in standard errors.

    Examples
    --------
    >>> round(signal_probability(0.0), 5)
    0.0027
    >>> round(1 - signal_probability(1.0, n=5), 4)  # beta for a 1-sigma shift, n = 5
    0.7775
    """
    k = np.asarray(_shift(shift))
    size = _check_size("n", n, low=1)
    width = check_number("nsigmas", nsigmas, low=0.0, low_open=True, hint="Usually 3.")
    moved = k * np.sqrt(size)
    p = special.ndtr(-width - moved) + special.ndtr(-width + moved)
    return restore_like(shift, p)


def average_run_length(shift: Any = 0.0, n: int = 1, nsigmas: float = 3.0) -> Any:
    """Average run length of a Shewhart chart (rule 1: a point beyond a limit) after a shift.

    ``ARL = 1 / signal_probability(shift, n, nsigmas)``. ``shift=0`` gives ARL0, the average
    number of points between false alarms; a shift gives ARL1, the average delay to detection
    (multiply by the sampling interval for the average time to signal).

    Parameters
    ----------
    shift, n, nsigmas
        As for :func:`signal_probability`: the shift in process sigmas, the subgroup size
        and the width of the limits.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Shaped like ``shift``.

    Examples
    --------
    >>> average_run_length([0.5, 1.5, 2.0]).round(2).tolist()
    [155.22, 14.97, 6.3]
    >>> round(average_run_length(1.0, n=5), 2)
    4.5
    >>> round(average_run_length(0.0, nsigmas=2), 1)
    22.0
    """
    p = np.asarray(signal_probability(shift, n=n, nsigmas=nsigmas), dtype=float)
    return restore_like(shift, 1.0 / p)


def _shift(shift: Any) -> Any:
    if np.ndim(shift) == 0 and not isinstance(shift, str):
        return check_number("shift", shift, hint="Give the shift in process sigmas, e.g. 1.0.")
    return as_values("shift", shift, ndim=1, hint="Give shifts in process sigmas, e.g. [0, 1, 2].")


def attribute_signal_probability(
    kind: str, lcl: float, ucl: float, rate: float, n: float = 1.0
) -> float:
    """Probability that one sample of an attribute chart plots beyond its limits.

    The count behind the plotted point is binomial (p and np charts: ``n`` units, each
    defective with probability ``rate``) or Poisson (c chart: mean ``rate`` per inspection
    unit; u chart: mean ``n x rate`` in ``n`` units). "Beyond" is strict, as on the chart:
    ``P(count > UCL) + P(count < LCL)`` with the limits turned into counts.

    Parameters
    ----------
    kind : {"p", "np", "c", "u"}
        The chart.
    lcl, ucl : float
        Its control limits, on the chart's own scale (a fraction for p, a count for np and c,
        defects per unit for u); ``lcl`` may be 0.
    rate : float
        The true fraction defective (p, np) or defects per unit (c, u) after the shift.
    n : float, default 1
        Sample size (units per sample) for p, np and u; leave 1 for c.

    Examples
    --------
    Montgomery's p chart (n = 50, LCL 0.0303, UCL 0.3697): if the fraction defective rises to
    0.30, beta = P(D <= 18) - P(D <= 1) = 0.8594.

    >>> round(1 - attribute_signal_probability("p", 0.0303, 0.3697, rate=0.30, n=50), 4)
    0.8594
    """
    chosen = check_choice("kind", kind, ATTRIBUTE_KINDS)
    low = check_number("lcl", lcl, low=0.0)
    high = check_number("ucl", ucl, low=low, low_open=True)
    size = check_number("n", n, low=0.0, low_open=True, hint="Units per sample, e.g. 50.")
    if chosen == "c" and size != 1.0:
        msg = f"`n` is not used by kind='c' (one inspection unit per point); got {n!r}."
        raise ValueError(msg)
    if chosen in ("p", "np"):
        p = check_number("rate", rate, low=0.0, high=1.0, hint="The true fraction defective.")
        if not float(size).is_integer():
            msg = f"`n` must be a whole number of units for kind={chosen!r}, got {n!r}."
            raise ValueError(msg)
        scale = size if chosen == "p" else 1.0

        def cdf(k: float) -> float:
            return float(special.bdtr(k, int(size), p)) if k >= 0 else 0.0

    else:
        mean = check_number("rate", rate, low=0.0, hint="The true defects per unit.") * size
        scale = size if chosen == "u" else 1.0

        def cdf(k: float) -> float:
            return float(special.pdtr(k, mean)) if k >= 0 else 0.0

    # limits as counts; the tiny nudge keeps 18.0000000001 from counting 18 as beyond 18
    above = 1.0 - cdf(np.floor(high * scale + 1e-9))
    below = cdf(np.ceil(low * scale - 1e-9) - 1.0)
    return above + below


def attribute_run_length(kind: str, lcl: float, ucl: float, rate: float, n: float = 1.0) -> float:
    """Average run length of a p, np, c or u chart: ``1 / attribute_signal_probability``.

    Parameters are those of :func:`attribute_signal_probability`.

    Examples
    --------
    >>> round(attribute_run_length("p", 0.0303, 0.3697, rate=0.30, n=50), 2)
    7.11
    """
    return 1.0 / attribute_signal_probability(kind, lcl, ucl, rate, n)
