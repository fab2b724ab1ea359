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

Which rules are covered: rule 1 (a point beyond a control limit) by default, and any of the
Western Electric rules 2-4 with it (``rules=(1, 2, 3, 4)``), as the kit's
:func:`~bsckit.spc.run_rules` applies them. With run rules the run length is no longer
geometric; it is computed exactly with the Markov chain of Champ and Woodall (1987,
*Technometrics* 29, "Exact results for Shewhart control charts with supplementary runs
rules"): each state remembers the last four points' zones and the current run on one side.
Run rules make a chart signal sooner, for real shifts and as false alarms alike: all four
Western Electric rules give an ARL0 of 91.75 instead of 370.4. Nelson's rules 5-8 and the
trend rules are not covered.

Examples
--------
>>> round(average_run_length(0.0), 1)
370.4
>>> round(average_run_length(1.0), 2)
43.89
"""

from __future__ import annotations

import functools
import math
import numbers
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


def average_run_length(
    shift: Any = 0.0, n: int = 1, nsigmas: float = 3.0, rules: Any = (1,)
) -> Any:
    """Average run length of a Shewhart chart (rule 1: a point beyond a limit) after a shift.

    ``ARL = 1 / signal_probability(shift, n, nsigmas)``. ``shift=0`` gives ARL0, the average
    number of points between false alarms; a shift gives ARL1, the average delay to detection
    (multiply by the sampling interval for the average time to signal).

    Parameters
    ----------
    shift, n, nsigmas
        As for :func:`signal_probability`: the shift in process sigmas, the subgroup size
        and the width of the limits.
    rules : sequence of int, default (1,)
        Western Electric rules in use, always with rule 1: ``(1,)`` (points beyond the
        limits only), or rule 1 with any of 2 (2 of 3 beyond 2 sigma), 3 (4 of 5 beyond
        1 sigma) and 4 (8 in a row on one side). Rules 2-4 need ``nsigmas=3`` (the zones).

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
    >>> round(average_run_length(0.0, rules=(1, 2, 3, 4)), 2)  # Champ and Woodall (1987)
    91.75
    """
    chosen = _check_rules(rules)
    if chosen == (1,):
        p = np.asarray(signal_probability(shift, n=n, nsigmas=nsigmas), dtype=float)
        return restore_like(shift, 1.0 / p)
    if check_number("nsigmas", nsigmas, low=0.0, low_open=True) != 3.0:
        msg = (
            f"`rules`={chosen} needs nsigmas=3: the Western Electric zones sit at 1, 2 and 3 "
            f"sigma; got nsigmas={nsigmas!r}. Use rules=(1,) for other widths."
        )
        raise ValueError(msg)
    moved = np.atleast_1d(np.asarray(_shift(shift), dtype=float)) * math.sqrt(
        _check_size("n", n, low=1)
    )
    arl = np.array([_markov_run_length(float(k), chosen) for k in moved])
    return restore_like(shift, arl if np.ndim(shift) else arl[0])


def _check_rules(rules: Any) -> tuple[int, ...]:
    hint = "Pass Western Electric rule numbers with rule 1, e.g. (1,) or (1, 2, 3, 4)."
    ok = not isinstance(rules, str | bytes)
    try:
        given = tuple(rules)
        ok = ok and all(isinstance(r, numbers.Integral) and not isinstance(r, bool) for r in given)
        chosen = tuple(sorted({int(r) for r in given})) if ok else ()
        ok = ok and len(chosen) == len(given) and 1 in chosen and set(chosen) <= {1, 2, 3, 4}
    except TypeError:
        ok = False
    if not ok:
        msg = f"`rules` must hold distinct rule numbers from 1 to 4 including 1, got {rules!r}. {hint}"
        raise ValueError(msg)
    return chosen


# One point of a 3-sigma chart falls in a zone: side (+1 above, -1 below the centre) and
# zone 1 (within 1 sigma), 2 (1-2 sigma) or 3 (2-3 sigma); beyond 3 sigma is a rule-1 signal.
_CELLS = tuple((side, zone) for side in (1, -1) for zone in (1, 2, 3))


@functools.cache
def _markov_chain(rules: tuple[int, ...]) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """Transient states and transitions (from, to, cell) of the run-rules Markov chain.

    A state is (the zones of the last four points, the signed run on one side, capped at
    7); a new point either signals (no transition: absorbed) or moves to a new state.
    """
    start: tuple[tuple[tuple[int, int], ...], int] = ((), 0)
    index = {start: 0}
    queue = [start]
    rows, cols, cells = [], [], []
    for state in queue:  # the queue grows while it is read: a breadth-first walk
        history, run = state
        for cell, (side, zone) in enumerate(_CELLS):
            window = (*history, (side, zone))
            run_now = run + side if run * side >= 0 else side
            signal = (
                (2 in rules and zone == 3 and _count(window[-3:], side, 3) >= 2)
                or (3 in rules and zone >= 2 and _count(window[-5:], side, 2) >= 4)
                or (4 in rules and abs(run_now) >= 8)
            )
            if signal:
                continue
            following = (window[-4:], max(-7, min(7, run_now)))
            if following not in index:
                index[following] = len(queue)
                queue.append(following)
            rows.append(index[state])
            cols.append(index[following])
            cells.append(cell)
    return len(queue), np.array(rows), np.array(cols), np.array(cells)


def _count(points: tuple[tuple[int, int], ...], side: int, zone: int) -> int:
    return sum(1 for s, z in points if s == side and z >= zone)


def _markov_run_length(moved: float, rules: tuple[int, ...]) -> float:
    """Expected steps to a signal from the empty start, for a shift of ``moved`` std errors."""
    from scipy import sparse  # here: only run rules need it
    from scipy.sparse.linalg import spsolve

    size, rows, cols, cells = _markov_chain(rules)
    edges = np.array([0.0, 1.0, 2.0, 3.0])
    upper = np.diff(special.ndtr(edges - moved))  # zones 1-3 above the centre
    lower = np.diff(special.ndtr(-edges[::-1] - moved))[::-1]  # zones 1-3 below
    probability = np.concatenate([upper, lower])[cells]
    transient = sparse.csc_matrix((probability, (rows, cols)), shape=(size, size))
    steps = spsolve(sparse.identity(size, format="csc") - transient, np.ones(size))
    return float(steps[0])


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
