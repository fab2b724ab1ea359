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

from bsckit._validation import as_values, check_number, restore_like
from bsckit.spc.chart_constants import _check_size

__all__ = ["average_run_length", "signal_probability"]


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
