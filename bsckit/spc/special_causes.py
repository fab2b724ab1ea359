"""Run rules: patterns on a control chart that signal special causes even inside the limits.

Two rule sets are offered (numbers as in the sources):

Western Electric (``ruleset="western_electric"``, the qcc default)
    1. One point beyond 3 sigma.
    2. Two of three consecutive points beyond 2 sigma on the same side.
    3. Four of five consecutive points beyond 1 sigma on the same side.
    4. Eight consecutive points on the same side of the centre line.

Nelson (``ruleset="nelson"``; Minitab's "tests for special causes" 1-8)
    1. One point beyond 3 sigma.
    2. Nine points in a row on the same side of the centre line.
    3. Six points in a row steadily increasing or decreasing (6 points, 5 rises).
    4. Fourteen points in a row alternating up and down.
    5. Two of three points beyond 2 sigma on the same side.
    6. Four of five points beyond 1 sigma on the same side.
    7. Fifteen points in a row within 1 sigma of the centre line (either side).
    8. Eight points in a row beyond 1 sigma, on both sides of the centre line.

Conventions (those of R's qcc package, refcases RULES-01 and RULES-03):

* "Beyond" is strict: a point exactly at 3 sigma does not break rule 1. "Within 1 sigma"
  (Nelson 7) includes the boundary.
* A point on the centre line breaks a same-side run; a tie between neighbours breaks a
  trend and an alternation.
* Runs (WE 4, Nelson 2, 3, 4, 7): every point from the k-th point of a qualifying run
  onward is flagged. Windows (WE 2-3, Nelson 5, 6, 8): the last point of a qualifying
  window is flagged, and for "m of k beyond" that last point must itself be beyond.
* Where a point breaks several rules, ``result.rule`` reports the lowest rule number;
  ``result.violations`` lists every (point, rule) pair.
* Positions are 0-based (R's qcc and the refcases count from 1).
* NaN values (e.g. the undefined first moving range) are never flagged and break runs.

``sigma`` is the standard error of the plotted statistic (for an X-bar chart
``sigma_process / sqrt(n)``), a scalar or one value per point.

Examples
--------
>>> res = run_rules([0, 3.2, -3.5, 2.9], center=0, sigma=1)
>>> res.flagged(1)
(1, 2)
>>> res.rule.tolist()  # 3.2 and 2.9: two of three beyond 2 sigma above the centre
[0, 1, 1, 2]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from bsckit._validation import as_values, check_choice, check_number

__all__ = ["RULESETS", "RULE_DESCRIPTIONS", "RunRulesResult", "Violation", "run_rules"]

RULE_DESCRIPTIONS: dict[str, dict[int, str]] = {
    "western_electric": {
        1: "1 point beyond 3 sigma",
        2: "2 of 3 points beyond 2 sigma on one side",
        3: "4 of 5 points beyond 1 sigma on one side",
        4: "8 points in a row on one side of the centre",
    },
    "nelson": {
        1: "1 point beyond 3 sigma",
        2: "9 points in a row on one side of the centre",
        3: "6 points in a row steadily increasing or decreasing",
        4: "14 points in a row alternating up and down",
        5: "2 of 3 points beyond 2 sigma on one side",
        6: "4 of 5 points beyond 1 sigma on one side",
        7: "15 points in a row within 1 sigma of the centre",
        8: "8 points in a row beyond 1 sigma on both sides",
    },
}
RULESETS = tuple(RULE_DESCRIPTIONS)


class Violation(NamedTuple):
    """One broken rule at one point (``position`` is 0-based)."""

    position: int
    rule: int
    description: str


def _run(condition: np.ndarray, length: int) -> np.ndarray:
    """Flag every point from the ``length``-th of a run of True values onward."""
    flags = np.zeros(condition.size, dtype=bool)
    count = 0
    for i, value in enumerate(condition):
        count = count + 1 if value else 0
        flags[i] = count >= length
    return flags


def _window(condition: np.ndarray, hits: int, width: int) -> np.ndarray:
    """Flag the last point of each window of ``width`` with >= ``hits`` True, itself True."""
    flags = np.zeros(condition.size, dtype=bool)
    if condition.size >= width:
        counts = np.lib.stride_tricks.sliding_window_view(condition, width).sum(axis=1)
        flags[width - 1 :] = (counts >= hits) & condition[width - 1 :]
    return flags


def _shifted(flags_on_diffs: np.ndarray, offset: int, size: int) -> np.ndarray:
    out = np.zeros(size, dtype=bool)
    out[offset : offset + flags_on_diffs.size] = flags_on_diffs
    return out


def _rule_flags(values: np.ndarray, center: Any, sigma: Any, ruleset: str) -> dict[int, np.ndarray]:
    size = values.size
    dev = values - center
    with np.errstate(invalid="ignore"):
        above = {k: dev > k * sigma for k in (0, 1, 2, 3)}
        below = {k: dev < -k * sigma for k in (0, 1, 2, 3)}
        inside_1 = np.abs(dev) <= sigma
        diffs = np.diff(values)
        rising, falling = diffs > 0, diffs < 0
        alternating = diffs[1:] * diffs[:-1] < 0
    beyond_3 = above[3] | below[3]
    two_of_three = _window(above[2], 2, 3) | _window(below[2], 2, 3)
    four_of_five = _window(above[1], 4, 5) | _window(below[1], 4, 5)
    if ruleset == "western_electric":
        return {
            1: beyond_3,
            2: two_of_three,
            3: four_of_five,
            4: _run(above[0], 8) | _run(below[0], 8),
        }
    mixed = np.zeros(size, dtype=bool)
    if size >= 8:
        out_windows = np.lib.stride_tricks.sliding_window_view(above[1] | below[1], 8)
        up_windows = np.lib.stride_tricks.sliding_window_view(above[1], 8)
        down_windows = np.lib.stride_tricks.sliding_window_view(below[1], 8)
        mixed[7:] = out_windows.all(axis=1) & up_windows.any(axis=1) & down_windows.any(axis=1)
    return {
        1: beyond_3,
        2: _run(above[0], 9) | _run(below[0], 9),
        3: _shifted(_run(rising, 5) | _run(falling, 5), 1, size),
        4: _shifted(_run(alternating, 12), 2, size),
        5: two_of_three,
        6: four_of_five,
        7: _run(inside_1, 15),
        8: mixed,
    }


@dataclass(frozen=True, eq=False)
class RunRulesResult:
    """Which points break which run rules.

    Attributes
    ----------
    ruleset : str
        ``"western_electric"`` or ``"nelson"``.
    values : numpy.ndarray
        The values checked.
    rule : numpy.ndarray
        Per point, the lowest rule number broken there, 0 where none.
    violations : tuple of Violation
        Every (position, rule, description) broken, sorted by position then rule.
    rules_checked : tuple of int
        The rule numbers that were applied.
    """

    ruleset: str
    values: np.ndarray
    violations: tuple[Violation, ...]
    rules_checked: tuple[int, ...]
    rule: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        check_choice("ruleset", self.ruleset, RULESETS)
        values = np.array(self.values, dtype=float)
        values.setflags(write=False)
        object.__setattr__(self, "values", values)
        rule = np.zeros(values.size, dtype=int)
        for violation in sorted(self.violations, key=lambda v: (v.position, -v.rule)):
            if not 0 <= violation.position < values.size:
                msg = f"violation position {violation.position} is outside 0..{values.size - 1}."
                raise ValueError(msg)
            rule[violation.position] = violation.rule
        rule.setflags(write=False)
        object.__setattr__(self, "rule", rule)

    @property
    def any(self) -> bool:
        """Whether any rule is broken anywhere."""
        return bool(self.violations)

    def flagged(self, rule: int) -> tuple[int, ...]:
        """0-based positions breaking ``rule`` (whatever other rules they also break).

        Examples
        --------
        >>> run_rules([0.5] * 8 + [-0.5], 0, 1).flagged(4)
        (7,)
        """
        if rule not in RULE_DESCRIPTIONS[self.ruleset]:
            allowed = ", ".join(str(r) for r in RULE_DESCRIPTIONS[self.ruleset])
            msg = f"`rule` must be one of {allowed} for ruleset {self.ruleset!r}; got {rule!r}."
            raise ValueError(msg)
        return tuple(v.position for v in self.violations if v.rule == rule)

    def to_frame(self) -> pd.DataFrame:
        """One row per point: ``point`` (0-based), ``value``, ``rule`` (0 = none), ``description``.

        Examples
        --------
        >>> run_rules([0, 3.5], 0, 1).to_frame()["rule"].tolist()
        [0, 1]
        """
        names = RULE_DESCRIPTIONS[self.ruleset]
        return pd.DataFrame(
            {
                "point": np.arange(self.values.size),
                "value": self.values,
                "rule": self.rule,
                "description": [names.get(int(r), "") for r in self.rule],
            }
        )


def _per_point(name: str, value: Any, size: int, *, positive: bool) -> float | np.ndarray:
    low = 0.0 if positive else None
    hint = "Pass the standard error of the plotted statistic." if positive else ""
    if np.ndim(value) == 0:
        if isinstance(value, np.generic):
            value = value.item()
        return check_number(name, value, low=low, low_open=positive, hint=hint)
    array = as_values(name, value, ndim=1, low=low, low_open=positive, hint=hint)
    if array.size != size:
        msg = f"`{name}` must be a single number or one value per point ({size}), got {array.size}."
        raise ValueError(msg)
    return array


def run_rules(
    values: Any,
    center: Any,
    sigma: Any,
    ruleset: str = "western_electric",
    *,
    rules: Iterable[int] | None = None,
) -> RunRulesResult:
    """Find the points of a control chart that break Western Electric or Nelson run rules.

    Parameters
    ----------
    values : array-like
        Plotted statistic in time order (1-D). NaN entries are allowed and never flagged.
    center : float or array-like
        Centre line (one number, or one per point).
    sigma : float or array-like
        Standard error of the plotted statistic (> 0; one number, or one per point).
    ruleset : {"western_electric", "nelson"}, default "western_electric"
        Which numbered rule set.
    rules : iterable of int, optional
        Only apply these rule numbers (default: all rules of the set).

    Returns
    -------
    RunRulesResult
        ``rule`` per point (lowest broken rule, 0 for none) and every violation.

    Examples
    --------
    >>> res = run_rules([1, 2, 3, 4, 5, 6, 7, 7], center=4, sigma=3, ruleset="nelson")
    >>> res.flagged(3)
    (5, 6)
    >>> run_rules([1, 2], 0, 0)
    Traceback (most recent call last):
    ...
    ValueError: `sigma` must be greater than 0, got 0. Pass the standard error of the plotted statistic.
    """
    ruleset = check_choice("ruleset", ruleset, RULESETS)
    raw = np.asarray(values.to_numpy() if isinstance(values, pd.Series) else values)
    try:
        array = raw.astype(float)
    except (TypeError, ValueError):
        msg = f"`values` must hold real numbers only, got {values!r:.60}."
        raise TypeError(msg) from None
    if raw.dtype == bool or array.ndim != 1 or array.size == 0:
        msg = f"`values` must be a non-empty 1-D sequence of numbers, got shape {array.shape}."
        raise ValueError(msg)
    if np.isinf(array).any():
        where = int(np.flatnonzero(np.isinf(array))[0])
        msg = f"`values` must not contain infinite values; position {where} holds {array[where]}."
        raise ValueError(msg)
    center_v = _per_point("center", center, array.size, positive=False)
    sigma_v = _per_point("sigma", sigma, array.size, positive=True)
    known = RULE_DESCRIPTIONS[ruleset]
    if rules is None:
        chosen = tuple(known)
    else:
        chosen = tuple(sorted({int(r) for r in rules}))
        bad = [r for r in chosen if r not in known]
        if bad or not chosen:
            allowed = ", ".join(str(r) for r in known)
            msg = (
                f"`rules` must be numbers among {allowed} for ruleset {ruleset!r}; "
                f"got {list(rules)!r}."
            )
            raise ValueError(msg)
    flags = _rule_flags(array, center_v, sigma_v, ruleset)
    violations = sorted(
        (
            Violation(int(pos), rule, known[rule])
            for rule in chosen
            for pos in np.flatnonzero(flags[rule])
        ),
        key=lambda v: (v.position, v.rule),
    )
    return RunRulesResult(
        ruleset=ruleset, values=array, violations=tuple(violations), rules_checked=chosen
    )
