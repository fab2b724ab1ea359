"""What every answer key needs to judge a RAG-threshold exercise (:class:`~bsckit.widgets.ThresholdEditor`).

A module's key computes the expected (green, amber) pair and the pairs its known mistakes give,
and builds the check with :func:`threshold_check`; reading the editor (or a plain pair), the
tolerance of what a learner can set and the "not moved yet" state live here once.

Examples
--------
>>> from types import SimpleNamespace as NS
>>> read_thresholds(NS(green=2.0, amber=3.5))
(2.0, 3.5)
>>> read_thresholds((1, "x")) is None
True
>>> check = threshold_check("9.1 thresholds", expected=(2.0, 3.0), tolerance=0.005,
...     mistakes=(("swapped", "green and amber are swapped.", (3.0, 2.0)),),
...     hints=("a", "b"), success="ok", reveal="r")
>>> check.judge(NS(green=2.001, amber=3.0, start=(1.0, 1.0)))
(True, '')
>>> check.judge(NS(green=1.0, amber=1.0, start=(1.0, 1.0)))[0] is None
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from bsckit.check import Check, Mistake

__all__ = ["read_thresholds", "threshold_check"]


def _number(value: Any) -> float | None:
    if isinstance(value, bool | np.bool_):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def read_thresholds(editor: Any) -> tuple[float, float] | None:
    """(green, amber) of a threshold editor or of a two-item pair; None if it holds no numbers."""
    if isinstance(editor, tuple | list) and len(editor) == 2:
        values = (_number(editor[0]), _number(editor[1]))
    else:
        values = (_number(getattr(editor, "green", None)), _number(getattr(editor, "amber", None)))
    return None if None in values else values  # type: ignore[return-value]


def threshold_check(
    name: str,
    *,
    expected: tuple[float, float],
    tolerance: float,
    mistakes: Sequence[tuple[str, str, tuple[float, float]]],
    hints: Sequence[str],
    success: str,
    reveal: str,
    unit: str = " %",
) -> Check:
    """The check of a threshold exercise: the editor's (green, amber) within ``tolerance`` of
    ``expected``; each mistake is ``(name, hint, the pair the mistaken method gives)``."""

    def near(values: tuple[float, float], target: tuple[float, float]) -> bool:
        return all(abs(a - b) <= tolerance for a, b in zip(values, target, strict=True))

    def judge(editor: Any) -> tuple[bool | None, str]:
        values = read_thresholds(editor)
        if values is None:
            return False, "pass the threshold editor (or a (green, amber) pair)."
        start = getattr(editor, "start", None)
        if start is not None and near(values, start):
            return None, "move the two sliders (or type in their boxes) first."
        if near(values, expected):
            return True, ""
        return False, (
            f"green {values[0]:.3g}{unit} and amber {values[1]:.3g}{unit} are not the "
            "thresholds asked for."
        )

    def pair_mistake(target: tuple[float, float]) -> Any:
        return lambda editor: (v := read_thresholds(editor)) is not None and near(v, target)

    return Check(
        name,
        expected=expected,
        judge=judge,
        mistakes=tuple(
            Mistake(mistake, hint, matches=pair_mistake(pair)) for mistake, hint, pair in mistakes
        ),
        hints=tuple(hints),
        success=success,
        reveal=reveal,
    )
