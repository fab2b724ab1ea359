"""Progress, performance functions and RAG status for scorecard measures.

Two different questions:

* **progress** - how far from the baseline towards the target? ``(value - baseline) /
  (target - baseline)``: 0 at the baseline, 1 at the target, whichever the direction.
* **performance** - how good is the value on the measure's scale ``min..max``? The
  performance functions below are the ones BSC software commonly offers ("optimisation
  functions"): linear maximise, linear minimise, binary and keep in range.

Every function takes a number, a list, a numpy array or a pandas Series and answers in kind.
Results are clipped to [0, 1] by default; pass ``clip=False`` to see over-achievement (above 1)
and under-performance (below 0).

Examples
--------
>>> progress(92, baseline=88, target=96)
0.5
>>> linear_maximise(95, minimum=80, maximum=100)
0.75
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bsckit._validation import as_values, check_choice, check_number, restore_like
from bsckit.scorecard.measure import Measure

__all__ = [
    "RAG_STATUSES",
    "binary",
    "keep_in_range",
    "linear_maximise",
    "linear_minimise",
    "performance",
    "progress",
    "rag_status",
]

RAG_STATUSES: tuple[str, ...] = ("green", "amber", "red")


def _finish(template: Any, raw: np.ndarray, clip: bool) -> Any:
    if not isinstance(clip, bool):
        msg = f"`clip` must be True or False, got {clip!r}."
        raise TypeError(msg)
    return restore_like(template, np.clip(raw, 0.0, 1.0) if clip else raw)


def _scale(minimum: Any, maximum: Any) -> tuple[float, float]:
    low = check_number("minimum", minimum)
    high = check_number("maximum", maximum)
    if not low < high:
        msg = (
            f"`maximum` ({high:g}) must be greater than `minimum` ({low:g}): they are the ends"
            " of the performance scale. Swap them or widen the scale."
        )
        raise ValueError(msg)
    return low, high


def progress(value: Any, baseline: float, target: float) -> Any:
    """Share of the way from ``baseline`` to ``target``: ``(value - baseline) / (target - baseline)``.

    Works for both directions: for a cost cut from 6.00 to 5.40, a value of 5.70 is halfway.
    Not clipped: beyond the target gives more than 1, worse than the baseline less than 0.

    Parameters
    ----------
    value : float, array-like or pandas Series
        Actual value(s).
    baseline, target : float
        Start and goal; they must differ.

    Returns
    -------
    float, numpy array or pandas Series

    Examples
    --------
    >>> progress(5.7, baseline=6.0, target=5.4)  # cost per meal, halfway to the target
    0.5
    >>> progress([88, 95, 99], baseline=88, target=95).tolist()
    [0.0, 1.0, 1.5714285714285714]
    >>> progress(90, baseline=95, target=95)
    Traceback (most recent call last):
    ...
    ValueError: `target` (95) equals `baseline` (95): progress (value - baseline) / (target - baseline) is undefined. Set a target that differs from the baseline.
    """
    base = check_number("baseline", baseline)
    goal = check_number("target", target)
    if base == goal:
        msg = (
            f"`target` ({goal:g}) equals `baseline` ({base:g}): progress (value - baseline) /"
            " (target - baseline) is undefined. Set a target that differs from the baseline."
        )
        raise ValueError(msg)
    values = as_values("value", value, ndim=(0, 1))
    return restore_like(value, (values - base) / (goal - base))


def linear_maximise(value: Any, minimum: float, maximum: float, *, clip: bool = True) -> Any:
    """Performance when more is better: ``(value - minimum) / (maximum - minimum)``.

    0 at ``minimum`` (the worst value on the scale), 1 at ``maximum`` (the best).

    Examples
    --------
    On-time delivery on a scale from 80% to 100%, actual 95%: (95 - 80) / (100 - 80) = 0.75.

    >>> linear_maximise(95, minimum=80, maximum=100)
    0.75
    >>> linear_maximise(104, minimum=80, maximum=100), linear_maximise(104, 80, 100, clip=False)
    (1.0, 1.2)
    """
    low, high = _scale(minimum, maximum)
    values = as_values("value", value, ndim=(0, 1))
    return _finish(value, (values - low) / (high - low), clip)


def linear_minimise(value: Any, minimum: float, maximum: float, *, clip: bool = True) -> Any:
    """Performance when less is better: ``(maximum - value) / (maximum - minimum)``.

    1 at ``minimum`` (the best value on the scale), 0 at ``maximum`` (the worst).

    Examples
    --------
    Cost per meal on a scale from 5.00 to 7.00 EUR, actual 5.50: (7 - 5.5) / (7 - 5) = 0.75.

    >>> linear_minimise(5.5, minimum=5.0, maximum=7.0)
    0.75
    >>> linear_minimise(7.5, minimum=5.0, maximum=7.0, clip=False)
    -0.25
    """
    low, high = _scale(minimum, maximum)
    values = as_values("value", value, ndim=(0, 1))
    return _finish(value, (high - values) / (high - low), clip)


def binary(value: Any, target: float, *, direction: str = "higher_is_better") -> Any:
    """Met (1.0) or not met (0.0) against ``target``.

    ``higher_is_better``: met when ``value >= target``; ``lower_is_better``: met when
    ``value <= target``. (For an in-range measure use :func:`keep_in_range` with a tiny
    tolerance, or :func:`performance`, which treats "inside [min, max]" as met.)

    Examples
    --------
    Order fulfilment target 98%: 98.4% is met, 97.9% is not.

    >>> binary([98.4, 97.9], target=98).tolist()
    [1.0, 0.0]
    >>> binary(2.1, target=2.0, direction="lower_is_better")  # defect rate 2.1% vs 2.0% target
    0.0
    """
    goal = check_number("target", target)
    check_choice("direction", direction, ("higher_is_better", "lower_is_better"))
    values = as_values("value", value, ndim=(0, 1))
    met = values >= goal if direction == "higher_is_better" else values <= goal
    return restore_like(value, met.astype(float))


def keep_in_range(
    value: Any, minimum: float, maximum: float, tolerance: float, *, clip: bool = True
) -> Any:
    """Performance when the value should stay inside ``[minimum, maximum]``.

    1 inside the band; outside it falls linearly, reaching 0 at ``tolerance`` beyond the
    nearer edge: ``1 - distance / tolerance`` (with ``clip=False`` it keeps falling below 0).

    Examples
    --------
    Kitchen utilisation should stay between 75% and 90%, tolerance 10 points: at 95% the
    value is 5 points out, so 1 - 5/10 = 0.5; at 70% also 0.5; at 82% it is 1.

    >>> keep_in_range([95, 70, 82, 105], minimum=75, maximum=90, tolerance=10).tolist()
    [0.5, 0.5, 1.0, 0.0]
    """
    low, high = _scale(minimum, maximum)
    tol = check_number(
        "tolerance",
        tolerance,
        low=0.0,
        low_open=True,
        hint="It is how far outside the band performance falls to 0.",
    )
    values = as_values("value", value, ndim=(0, 1))
    distance = np.maximum(np.maximum(low - values, values - high), 0.0)
    return _finish(value, 1.0 - distance / tol, clip)


def _need_scale(measure: Measure) -> tuple[float, float]:
    if measure.min is None or measure.max is None:
        missing = "min" if measure.min is None else "max"
        msg = (
            f"Measure {measure.name!r} has no `{missing}`, so it has no performance scale for"
            f" {measure.scoring_method!r}. Set `min` and `max` (worst and best plausible values),"
            " or use progress() against baseline and target instead."
        )
        raise ValueError(msg)
    return measure.min, measure.max


def performance(measure: Measure, value: Any, *, clip: bool = True) -> Any:
    """Performance of ``value`` for ``measure`` with its scoring method on its ``min..max`` scale.

    The method is ``measure.scoring_method``: ``linear_maximise`` / ``linear_minimise`` on
    ``[min, max]``; ``keep_in_range`` on ``[min, max]`` with ``measure.tolerance`` (default
    ``max - min``); ``binary`` against ``target`` (for ``in_range``: met inside
    ``[min, max]``).

    Examples
    --------
    >>> m = Measure(name="On-time delivery", unit="%", min=80, max=100, target=95)
    >>> performance(m, 95)
    0.75
    >>> performance(Measure(name="Late orders", direction="lower_is_better"), 3)
    Traceback (most recent call last):
    ...
    ValueError: Measure 'Late orders' has no `min`, so it has no performance scale for 'linear_minimise'. Set `min` and `max` (worst and best plausible values), or use progress() against baseline and target instead.
    """
    if not isinstance(measure, Measure):
        msg = f"`measure` must be a Measure, got {type(measure).__name__}."
        raise TypeError(msg)
    method = measure.scoring_method
    if method == "binary":
        if measure.direction == "in_range":
            low, high = _need_scale(measure)
            values = as_values("value", value, ndim=(0, 1))
            return restore_like(value, ((values >= low) & (values <= high)).astype(float))
        return binary(value, measure.target, direction=measure.direction)  # type: ignore[arg-type]
    low, high = _need_scale(measure)
    if method == "linear_maximise":
        return linear_maximise(value, low, high, clip=clip)
    if method == "linear_minimise":
        return linear_minimise(value, low, high, clip=clip)
    tolerance = measure.tolerance if measure.tolerance is not None else high - low
    return keep_in_range(value, low, high, tolerance, clip=clip)


def rag_status(measure: Measure, value: float) -> str | None:
    """``'green'``, ``'amber'`` or ``'red'`` for ``value`` from the measure's thresholds.

    Direction-aware: for ``higher_is_better`` green when ``value >= green``, amber when
    ``value >= amber``; for ``lower_is_better`` green when ``value <= green``, amber when
    ``value <= amber``; for ``in_range`` green inside the green band, amber inside the amber
    band; red otherwise. ``None`` when the measure has no thresholds.

    Examples
    --------
    >>> nps = Measure(name="NPS", green=40, amber=30)
    >>> rag_status(nps, 40), rag_status(nps, 35), rag_status(nps, 29)
    ('green', 'amber', 'red')
    >>> cost = Measure(name="Cost per meal", direction="lower_is_better", green=5.4, amber=5.8)
    >>> rag_status(cost, 5.4), rag_status(cost, 5.6), rag_status(cost, 6.0)
    ('green', 'amber', 'red')
    """
    if not isinstance(measure, Measure):
        msg = f"`measure` must be a Measure, got {type(measure).__name__}."
        raise TypeError(msg)
    number = check_number("value", value)
    if not measure.has_thresholds:
        return None
    if measure.direction == "in_range":
        (g_lo, g_hi), (a_lo, a_hi) = measure.green, measure.amber  # type: ignore[misc]
        if g_lo <= number <= g_hi:
            return "green"
        return "amber" if a_lo <= number <= a_hi else "red"
    green, amber = measure.green, measure.amber
    if measure.direction == "higher_is_better":
        if number >= green:  # type: ignore[operator]
            return "green"
        return "amber" if number >= amber else "red"  # type: ignore[operator]
    if number <= green:  # type: ignore[operator]
        return "green"
    return "amber" if number <= amber else "red"  # type: ignore[operator]
