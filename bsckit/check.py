"""Exercise checks that diagnose: known mistakes get their own hint, other answers a diagnosis.

Exercise notebooks do not call this module with an expected value: they call the module's
answer key (:mod:`bsckit.answers`), which computes the expected value, the known mistakes and
the hints from the data in use and runs a :class:`Check`::

    ex = bsckit.answers.exercises(3, tables=tables)
    ex.check("3.4", defect_rate)

Behaviour of a check:

- an untouched placeholder (``...``, ``None`` or ``NotImplemented``) prints "not attempted yet"
  and the notebook carries on: "Run All" on a fresh exercise notebook never raises;
- a wrong answer first says *how* it differs (shape, index, scale x100 / /100 / x1000, sign,
  closeness), never what the right value is;
- a wrong answer that matches a known :class:`Mistake` (the same data through the mistaken
  method) gets that mistake's hint ("you averaged the batch rates; ...");
- any other wrong answer gets the next general hint; general hints escalate only on such tries,
  and none of them is the solution. After the last one the learner may ask for the worked
  solution (:meth:`Check.show_solution`);
- a right answer shows the success message, which says *why* it is right.

The result is displayed through ``IPython.display`` as HTML with a plain-text fallback (so
executed and exported notebooks keep it), and returned as a :class:`CheckResult`. Every output
carries ``{"bsckit": {"check": name, "status": ...}}`` in its output metadata, so a build or a
test can read the statuses from an executed notebook. :func:`checks_summary` lists the status of
every check run in this kernel.

Examples
--------
>>> reset_checks()
>>> rate = Check(
...     "demo rate", expected=0.25, hints=["Divide the failures by all the tries."],
...     mistakes=[Mistake("wrong_total", "you divided by the successes, not by all tries.",
...                       answer=1 / 3)],
...     success="1 in 4 failed.")
>>> rate(...).status
[demo rate] not attempted yet - replace the `...` placeholder with your answer and run the cell again.
'not_attempted'
>>> rate(1 / 3).mistake
[demo rate] not right yet: got 0.3333333333333333: 10-50 % too big.
Diagnosis: you divided by the successes, not by all tries.
'wrong_total'
>>> rate(25).status
[demo rate] not right yet: got 25: 100 times too big: a percentage where a fraction is asked (0.25, not 25)?
Hint 1 of 1: Divide the failures by all the tries.
'failed'
>>> rate(0.25).status
[demo rate] correct! 1 in 4 failed.
'passed'
>>> checks_summary()
{'demo rate': 'passed'}

The plain function :func:`check` runs a one-off check with ``expected`` given (for tests and
for notebooks outside the course):

>>> check("demo", 3.0, expected=3, success="1 + 2 = 3.").status
[demo] correct! 1 + 2 = 3.
'passed'
"""

from __future__ import annotations

import contextlib
import html
import math
import numbers
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from bsckit._validation import check_number

__all__ = [
    "STATUSES",
    "Check",
    "CheckResult",
    "Mistake",
    "check",
    "checks_summary",
    "compare_answer",
    "is_placeholder",
    "reset_checks",
]

STATUSES = ("passed", "failed", "not_attempted")
"""The three outcomes of a check, in the order a learner hopes to meet them."""

_PLACEHOLDERS = (Ellipsis, None, NotImplemented)

# Kept in the kernel: failed tries per exercise and the latest status of every check run.
_FAILED_TRIES: dict[str, int] = {}
_LATEST: dict[str, CheckResult] = {}
_GENERAL_HINTS: dict[str, int] = {}


def is_placeholder(answer: Any) -> bool:
    """Whether ``answer`` is an untouched placeholder: ``...``, ``None`` or ``NotImplemented``.

    A tuple or list whose items are all placeholders (a two-part answer ``a, b = ..., ...``
    left untouched) counts as a placeholder too; one filled-in item makes it an attempt.

    Examples
    --------
    >>> is_placeholder(...), is_placeholder(None), is_placeholder(0)
    (True, True, False)
    >>> is_placeholder((..., ...)), is_placeholder((..., 3)), is_placeholder(())
    (True, False, False)
    """
    if isinstance(answer, tuple | list) and answer:
        return all(is_placeholder(item) for item in answer)
    return any(answer is p for p in _PLACEHOLDERS)


@dataclass(frozen=True)
class CheckResult:
    """What a check found.

    Attributes
    ----------
    name : str
        The exercise name given to :func:`check`.
    status : str
        One of :data:`STATUSES`.
    message : str
        The plain-text message shown to the learner.
    failed_tries : int
        Failed tries of this exercise so far in this kernel.
    mistake : str or None
        The name of the known mistake the wrong answer matched, if any.
    """

    name: str
    status: str
    message: str
    failed_tries: int = 0
    mistake: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            allowed = ", ".join(repr(s) for s in STATUSES)
            msg = f"`status` must be one of {allowed}; got {self.status!r}."
            raise ValueError(msg)

    @property
    def passed(self) -> bool:
        """True when the answer was right."""
        return self.status == "passed"

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return self.message

    def _ipython_display_(self) -> None:
        """Show nothing: the message was displayed when the check ran.

        Without this, a ``check(...)`` call as a cell's last line would show its message twice.
        Use ``print(result)`` to see it again.
        """


# --------------------------------------------------------------------------------------------
# Comparing answers
# --------------------------------------------------------------------------------------------


def _kind(value: Any) -> str:
    if isinstance(value, pd.DataFrame):
        return "a pandas DataFrame"
    if isinstance(value, pd.Series):
        return "a pandas Series"
    if isinstance(value, np.ndarray):
        return "a numpy array"
    if isinstance(value, bool | np.bool_):
        return "True/False"
    if isinstance(value, numbers.Number):
        return "a number"
    if isinstance(value, str):
        return "text (a str)"
    if isinstance(value, set | frozenset):
        return "a set"
    if isinstance(value, Mapping):
        return "a dict"
    if isinstance(value, list | tuple):
        return f"a {type(value).__name__}"
    return f"a {type(value).__name__}"


def _short(value: Any, limit: int = 60) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _normalise_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def compare_answer(
    answer: Any,
    expected: Any,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    ignore_case: bool = True,
    ignore_order: bool = False,
    check_names: bool = False,
) -> tuple[bool, str]:
    """Compare a learner's ``answer`` with ``expected``; return ``(ok, what differs)``.

    Parameters
    ----------
    answer, expected : Any
        Numbers, strings, sets, lists/tuples, dicts, numpy arrays, pandas Series or DataFrames.
    rtol, atol : float
        Relative and absolute tolerance for numbers (``math.isclose`` convention), default
        ``1e-6`` and ``1e-9``: a rounding in the last shown digit of a 2-decimal figure fails,
        on purpose; pass a looser ``rtol`` where the exercise asks for a rounded figure.
    ignore_case : bool, default True
        Compare text ignoring case and repeated spaces (``"On time"`` equals ``"on  time"``).
    ignore_order : bool, default False
        For Series and DataFrames: sort the index (and columns) before comparing, so the learner
        may return rows in any order. For lists: compare as multisets.
    check_names : bool, default False
        For Series and DataFrames: also require the same ``name`` / index names.

    Returns
    -------
    tuple of (bool, str)
        Whether it matches, and a one-line reason when it does not (``""`` when it does).

    Examples
    --------
    >>> compare_answer(0.1 + 0.2, 0.3)
    (True, '')
    >>> compare_answer("12", 12)
    (False, 'got text (a str), expected a number.')
    >>> compare_answer({"a", "b"}, {"a", "c"})
    (False, "1 missing; not expected ['b'].")
    >>> s = pd.Series([1.0, 2.0], index=["x", "y"])
    >>> compare_answer(s * 2, s)
    (False, 'the values differ at 2 of 2 positions, first at index x: got 2.0, too big by more than half.')
    """
    rtol = check_number("rtol", rtol, low=0.0)
    atol = check_number("atol", atol, low=0.0)
    options = {
        "rtol": rtol,
        "atol": atol,
        "ignore_case": ignore_case,
        "ignore_order": ignore_order,
        "check_names": check_names,
    }
    return _compare(answer, expected, **options)


def _compare(answer: Any, expected: Any, **opt: Any) -> tuple[bool, str]:
    if isinstance(expected, pd.DataFrame):
        return _compare_frame(answer, expected, **opt)
    if isinstance(expected, pd.Series):
        return _compare_series(answer, expected, **opt)
    if isinstance(expected, np.ndarray):
        return _compare_array(answer, expected, **opt)
    if isinstance(expected, bool | np.bool_):
        if not isinstance(answer, bool | np.bool_):
            return False, f"got {_kind(answer)}, expected True or False."
        same = bool(answer) == bool(expected)
        return same, "" if same else f"got {bool(answer)}, expected the opposite."
    if isinstance(expected, numbers.Number):
        return _compare_number(answer, expected, **opt)
    if isinstance(expected, str):
        if not isinstance(answer, str):
            return False, f"got {_kind(answer)}, expected text (a str)."
        same = (
            _normalise_text(answer) == _normalise_text(expected)
            if opt["ignore_case"]
            else answer == expected
        )
        return same, "" if same else f"got {_short(answer)}, expected different text."
    if isinstance(expected, set | frozenset):
        if not isinstance(answer, set | frozenset | list | tuple | pd.Index):
            return False, f"got {_kind(answer)}, expected a set."
        got = set(answer)
        missing, extra = set(expected) - got, got - set(expected)
        if not missing and not extra:
            return True, ""
        parts = []
        if missing:
            # how many, never which: naming them would give the answer away
            parts.append(f"{len(missing)} missing")
        if extra:
            parts.append(f"not expected {_short(_sorted_set(extra))}")
        return False, "; ".join(parts) + "."
    if isinstance(expected, Mapping):
        if not isinstance(answer, Mapping):
            return False, f"got {_kind(answer)}, expected a dict."
        if set(answer) != set(expected):
            missing = sorted(map(str, set(expected) - set(answer)))
            extra = sorted(map(str, set(answer) - set(expected)))
            return False, f"the keys differ: missing {missing}, not expected {extra}."
        for key in expected:
            ok, why = _compare(answer[key], expected[key], **opt)
            if not ok:
                return False, f"at key {key!r}: {why}"
        return True, ""
    if isinstance(expected, list | tuple):
        if not isinstance(answer, Sequence) or isinstance(answer, str):
            return False, f"got {_kind(answer)}, expected {_kind(expected)}."
        if len(answer) != len(expected):
            return False, f"got {len(answer)} items, expected {len(expected)}."
        if opt["ignore_order"]:
            with contextlib.suppress(TypeError):
                answer, expected = sorted(answer), sorted(expected)
        for i, (a, e) in enumerate(zip(answer, expected, strict=True)):
            ok, why = _compare(a, e, **opt)
            if not ok:
                return False, f"item {i}: {why}"
        return True, ""
    try:
        same = bool(answer == expected)
    except (TypeError, ValueError):
        same = False
    return same, "" if same else f"got {_short(answer)}, expected something else."


def _sorted_set(values: set) -> set | list:
    try:
        return sorted(values)
    except TypeError:
        return values


def _compare_number(answer: Any, expected: Any, **opt: Any) -> tuple[bool, str]:
    if isinstance(answer, pd.Series | pd.DataFrame | np.ndarray) and np.size(answer) == 1:
        answer = np.asarray(answer).reshape(-1)[0]
    if isinstance(answer, bool | np.bool_) or not isinstance(answer, numbers.Number):
        return False, f"got {_kind(answer)}, expected a number."
    if isinstance(expected, numbers.Complex) and not isinstance(expected, numbers.Real):
        same = answer == expected
        return same, "" if same else f"got {answer}, expected a different number."
    a, e = float(answer), float(expected)
    if math.isnan(e):
        return math.isnan(a), "" if math.isnan(a) else f"got {a}, expected NaN (no value)."
    if math.isclose(a, e, rel_tol=opt["rtol"], abs_tol=opt["atol"]):
        return True, ""
    return False, f"got {_short(answer)}: {_number_diagnosis(a, e, **opt)}"


_SCALES = (
    (100.0, "100 times too big: a percentage where a fraction is asked (0.25, not 25)?"),
    (0.01, "100 times too small: a fraction where a percentage is asked (25, not 0.25)?"),
    (1000.0, "1000 times too big: a unit slip (pence for pounds is x100, grams for kg x1000)?"),
    (0.001, "1000 times too small: a unit slip (kg for grams, thousands)?"),
)


def _number_diagnosis(a: float, e: float, **opt: Any) -> str:
    """One sentence on how ``a`` differs from the expected ``e``: scale, sign or closeness.

    Never states the expected value; it says *how* the answer is off.

    Examples
    --------
    >>> _number_diagnosis(25.0, 0.25, rtol=1e-6, atol=1e-9)
    '100 times too big: a percentage where a fraction is asked (0.25, not 25)?'
    >>> _number_diagnosis(-3.0, 3.0, rtol=1e-6, atol=1e-9)
    'the right size but the wrong sign: check which way round you subtracted.'
    >>> _number_diagnosis(3.004, 3.0, rtol=1e-6, atol=1e-9)
    'close (within 1 %) but not equal: did you round, or drop a few rows?'
    """
    close = {"rel_tol": opt["rtol"], "abs_tol": opt["atol"]}
    if e != 0:
        for factor, text in _SCALES:
            if math.isclose(a, e * factor, **close):
                return text
        if math.isclose(a, -e, **close):
            return "the right size but the wrong sign: check which way round you subtracted."
        return _ratio_words(a / e)
    return "expected a different number."


def _ratio_words(ratio: float) -> str:
    """Words for answer / expected, in coarse bands so the expected value is not given away."""
    if ratio < 0:
        return "the wrong sign, and a different size too."
    for factor, text in _SCALES:
        if abs(ratio / factor - 1) <= 0.1:
            return "roughly " + text + " (and something else differs too)"
    if abs(ratio - 1) <= 0.01:
        return "close (within 1 %) but not equal: did you round, or drop a few rows?"
    if abs(ratio - 1) <= 0.1:
        return "within 10 % but not equal: the method is near; check the filter or the grouping."
    if 1 < ratio <= 1.5:
        return "10-50 % too big."
    if 1 / 1.5 <= ratio < 1:
        return "10-50 % too small."
    if ratio > 1:
        return "too big by more than half." if ratio < 10 else "more than 10 times too big."
    return "too small by more than a third." if ratio > 0.1 else "more than 10 times too small."


def _compare_array(answer: Any, expected: np.ndarray, **opt: Any) -> tuple[bool, str]:
    if isinstance(answer, pd.Series | pd.Index | list | tuple):
        answer = np.asarray(answer)
    if not isinstance(answer, np.ndarray):
        return False, f"got {_kind(answer)}, expected a numpy array."
    if answer.shape != expected.shape:
        return False, f"got shape {answer.shape}, expected {expected.shape}."
    try:
        same = np.allclose(answer, expected, rtol=opt["rtol"], atol=opt["atol"], equal_nan=True)
    except TypeError:
        same = bool(np.array_equal(answer, expected))
    return same, "" if same else "the values differ."


def _compare_series(answer: Any, expected: pd.Series, **opt: Any) -> tuple[bool, str]:
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        return False, "got a one-column DataFrame, expected a Series: select the column with [...]."
    if not isinstance(answer, pd.Series):
        return False, f"got {_kind(answer)}, expected a pandas Series."
    if len(answer) != len(expected):
        return (
            False,
            f"got {len(answer)} rows, expected {len(expected)}: {_rows_diagnosis(answer, expected)}",
        )
    if opt["ignore_order"]:
        answer, expected = answer.sort_index(), expected.sort_index()
    if not answer.index.equals(expected.index):
        if set(answer.index) == set(expected.index):
            return False, "the rows are in a different order; sort them as asked."
        extra = [i for i in answer.index if i not in set(expected.index)]
        return False, f"the index differs, e.g. {_short(extra[:3])} is not expected."
    if opt["check_names"] and answer.name != expected.name:
        return False, f"the Series is named {answer.name!r}, expected {expected.name!r}."
    return _compare_values(answer, expected, "the values", **opt)


def _rows_diagnosis(answer: pd.Series | pd.DataFrame, expected: pd.Series | pd.DataFrame) -> str:
    """Why the number of rows may differ: the grouping, a filter, or duplicates."""
    got, want = len(answer), len(expected)
    if got < want and want % got == 0 and got in (4, 7, 12, 52, 53):
        return (
            f"{got} groups look like a calendar part (month of the year, weekday) shared by "
            "several periods; group by the full period instead."
        )
    if got > want:
        return "more rows than asked: a finer grouping, duplicates kept, or no aggregation?"
    return "fewer rows than asked: a filter too strict, or a coarser grouping?"


def _compare_values(
    answer: pd.Series, expected: pd.Series, what: str, **opt: Any
) -> tuple[bool, str]:
    a, e = answer.to_numpy(), expected.to_numpy()
    shown_a = a
    numeric = pd.api.types.is_numeric_dtype(expected.dtype) and not pd.api.types.is_bool_dtype(
        expected.dtype
    )
    if numeric:
        if not pd.api.types.is_numeric_dtype(answer.dtype):
            return False, f"{what} are {answer.dtype}, expected numbers."
        a, e = a.astype(float), e.astype(float)
        close = np.isclose(a, e, rtol=opt["rtol"], atol=opt["atol"], equal_nan=True)
    else:
        close = np.array(
            [(x == y) or (pd.isna(x) and pd.isna(y)) for x, y in zip(a, e, strict=True)]
        )
    if close.all():
        return True, ""
    if numeric:
        pattern = _values_pattern(a, e, **opt)
        if pattern:
            return False, f"{what}: {pattern}"
    first = int(np.flatnonzero(~close)[0])
    label = expected.index[first]
    if numeric:
        off = _ratio_words(float(a[first]) / float(e[first])) if e[first] else "not 0."
        detail = f"got {_short(shown_a[first])}, {off}"
    else:
        detail = f"got {_short(shown_a[first])}, expected something else."
    return False, (
        f"{what} differ at {int((~close).sum())} of {len(close)} positions, first at index "
        f"{label}: {detail}"
    )


def _values_pattern(a: np.ndarray, e: np.ndarray, **opt: Any) -> str:
    """How a whole column of numbers differs, when one pattern explains every value."""
    ok = ~(np.isnan(a) | np.isnan(e))
    if not ok.any():
        return ""
    a, e = a[ok], e[ok]
    close = {"rtol": opt["rtol"], "atol": opt["atol"]}
    for factor, text in _SCALES:
        if np.allclose(a, e * factor, **close):
            return "all " + text
    if np.allclose(a, -e, **close):
        return "all the right size but the wrong sign: check which way round you subtracted."
    if np.allclose(a, e, rtol=0.01, atol=opt["atol"]):
        return "every value close (within 1 %) but not equal: rounded, or a few rows dropped?"
    if np.allclose(a, e, rtol=0.1, atol=opt["atol"]):
        return "every value within 10 % but not equal: check the filter or the grouping."
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = a[e != 0] / e[e != 0]
    ratios = ratios[np.isfinite(ratios)]
    if len(ratios):
        typical = float(np.median(ratios))
        for factor, text in _SCALES:
            if abs(typical / factor - 1) <= 0.1:
                return "roughly " + text + " (and something else differs too)"
        if typical < 0:
            return "mostly the wrong sign: check which way round you subtracted."
    return ""


def _compare_frame(answer: Any, expected: pd.DataFrame, **opt: Any) -> tuple[bool, str]:
    if not isinstance(answer, pd.DataFrame):
        return False, f"got {_kind(answer)}, expected a pandas DataFrame."
    if answer.shape != expected.shape:
        why = f"got shape {answer.shape} (rows, columns), expected {expected.shape}"
        if len(answer) != len(expected):
            return False, f"{why}: {_rows_diagnosis(answer, expected)}"
        return False, why + "."
    if opt["ignore_order"]:
        answer = answer.sort_index().sort_index(axis=1)
        expected = expected.sort_index().sort_index(axis=1)
    if list(answer.columns) != list(expected.columns):
        if set(answer.columns) == set(expected.columns):
            return False, "the columns are in a different order; reorder them as asked."
        missing = [c for c in expected.columns if c not in set(answer.columns)]
        return False, f"the columns differ: missing {_short(missing)}."
    if not answer.index.equals(expected.index):
        if set(answer.index) == set(expected.index):
            return False, "the rows are in a different order; sort them as asked."
        return False, "the index (row labels) differs."
    if opt["check_names"] and list(answer.index.names) != list(expected.index.names):
        return (
            False,
            f"the index is named {list(answer.index.names)}, expected {list(expected.index.names)}.",
        )
    for column in expected.columns:
        ok, why = _compare_values(
            answer[column], expected[column], f"column {column!r} values", **opt
        )
        if not ok:
            return False, why
    return True, ""


# --------------------------------------------------------------------------------------------
# Showing the result
# --------------------------------------------------------------------------------------------

_STYLES = {
    "passed": ("#e7f5ea", "#1b7f3b", "\u2714"),
    "failed": ("#fdf1e6", "#b35900", "\u2718"),
    "not_attempted": ("#eef1f6", "#44546a", "\u25cb"),
}


def _inline_code(text: str) -> str:
    """Escape ``text`` for HTML and turn `backticks` into <code> spans."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def _render_html(result: CheckResult, lines: list[str]) -> str:
    background, colour, mark = _STYLES[result.status]
    head, *rest = lines
    body = "".join(f"<div style='margin-top:4px'>{_inline_code(line)}</div>" for line in rest)
    return (
        f"<div class='bsckit-check bsckit-{result.status}' style='border-left:4px solid {colour};"
        f"background:{background};padding:6px 10px;margin:4px 0;color:#222'>"
        f"<strong style='color:{colour}'>{mark} {_inline_code(head)}</strong>{body}</div>"
    )


def _show(result: CheckResult, lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython ships with the kit
        print(text)
        return
    if get_ipython() is None:
        print(text)
        return
    bundle = {"text/html": _render_html(result, lines), "text/plain": text}
    meta = {"bsckit": {"check": result.name, "status": result.status}}
    display(bundle, raw=True, metadata=meta)


# --------------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    """A known wrong method: its result on the data in use, and the hint that names it.

    Parameters
    ----------
    name : str
        A short identifier, e.g. ``"averaged_batch_rates"`` (tests and statistics use it).
    hint : str
        What the learner did and how to fix it, without giving the solution:
        "you averaged the batch rates; a month's rate is its total defects over its total units".
    answer : Any, optional
        What the mistaken method gives on the same data; compared with the learner's answer
        using the check's tolerances.
    matches : callable, optional
        ``matches(answer) -> bool`` instead of ``answer``, for mistakes that are a pattern
        rather than one value (a target above the baseline, a missing deadline).

    Examples
    --------
    >>> Mistake("percent", "you gave a percentage; give the fraction.", answer=25.0).name
    'percent'
    >>> Mistake("x", "a hint")
    Traceback (most recent call last):
    ...
    ValueError: Mistake 'x' needs `answer` (the mistaken result) or `matches` (a test), not neither.
    """

    name: str
    hint: str
    answer: Any = None
    matches: Any = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            msg = f"`name` must be non-empty text naming the mistake, got {self.name!r}."
            raise ValueError(msg)
        if not isinstance(self.hint, str) or not self.hint.strip():
            msg = f"`hint` of mistake {self.name!r} must be non-empty text, got {self.hint!r}."
            raise ValueError(msg)
        if self.matches is not None and not callable(self.matches):
            msg = f"`matches` of mistake {self.name!r} must be callable, got {self.matches!r}."
            raise TypeError(msg)
        if self.answer is None and self.matches is None:
            msg = (
                f"Mistake {self.name!r} needs `answer` (the mistaken result) or `matches` "
                "(a test), not neither."
            )
            raise ValueError(msg)

    def fits(self, answer: Any, **options: Any) -> bool:
        """Whether the learner's ``answer`` is what this mistake gives."""
        if self.matches is not None:
            try:
                return bool(self.matches(answer))
            except (TypeError, ValueError, KeyError, AttributeError):
                return False
        try:
            return compare_answer(answer, self.answer, **options)[0]
        except (TypeError, ValueError):
            return False


@dataclass(frozen=True)
class Check:
    """One exercise check, defined once and called with each try.

    Parameters
    ----------
    name : str
        Exercise name shown to the learner, e.g. ``"3.2 defect rate"``. Unique per notebook: the
        attempt counter and :func:`checks_summary` are keyed by it.
    expected : Any
        The right answer, computed from the data in use.
    hints : sequence of str
        Nudges from the gentlest to the most specific, shown one per failed try that matches
        no known mistake. None of them is the solution.
    success : str
        Why the right answer is right; shown on success.
    rtol, atol, ignore_case, ignore_order, check_names
        See :func:`compare_answer`.
    mistakes : sequence of Mistake
        Known wrong methods; a wrong answer that matches one gets that mistake's hint.
    reveal : str
        A worked solution the learner may ask for after the hints run out (shown by
        :meth:`show_solution`, never by a failed try).
    judge : callable, optional
        ``judge(answer) -> (ok, why)`` replacing the comparison with ``expected`` (for answers
        that are judged, not compared: a saved objective, a set of thresholds). ``ok`` None
        means nothing to judge yet: the check reports "not attempted yet - why".

    Examples
    --------
    >>> reset_checks()
    >>> share = Check("share", expected=0.25, hints=["Divide by the total."], success="1 of 4.")
    >>> share(25).status
    [share] not right yet: got 25: 100 times too big: a percentage where a fraction is asked (0.25, not 25)?
    Hint 1 of 1: Divide by the total.
    'failed'
    """

    name: str
    expected: Any
    hints: tuple[str, ...] = ()
    success: str = ""
    rtol: float = 1e-6
    atol: float = 1e-9
    ignore_case: bool = True
    ignore_order: bool = False
    check_names: bool = False
    mistakes: tuple[Mistake, ...] = ()
    reveal: str = ""
    judge: Any = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            msg = f"`name` must be a non-empty str naming the exercise, got {self.name!r}."
            raise ValueError(msg)
        mistakes = tuple(self.mistakes)
        for mistake in mistakes:
            if not isinstance(mistake, Mistake):
                msg = f"`mistakes` must hold Mistake objects; got {mistake!r}."
                raise TypeError(msg)
        object.__setattr__(self, "mistakes", mistakes)
        if self.judge is not None and not callable(self.judge):
            msg = f"`judge` must be callable (answer -> (ok, why)), got {self.judge!r}."
            raise TypeError(msg)
        hints = (self.hints,) if isinstance(self.hints, str) else tuple(self.hints)
        for i, hint in enumerate(hints):
            if not isinstance(hint, str):
                msg = f"`hints` must hold text only; hint {i} is {type(hint).__name__}."
                raise TypeError(msg)
        object.__setattr__(self, "hints", hints)
        if not isinstance(self.success, str):
            msg = (
                f"`success` must be a str explaining why the answer is right, got {self.success!r}."
            )
            raise TypeError(msg)
        check_number("rtol", self.rtol, low=0.0)
        check_number("atol", self.atol, low=0.0)

    def __call__(self, answer: Any) -> CheckResult:
        """Check ``answer``, show the message, record and return the result."""
        return self.run(answer)

    def _options(self) -> dict[str, Any]:
        return {
            "rtol": self.rtol,
            "atol": self.atol,
            "ignore_case": self.ignore_case,
            "ignore_order": self.ignore_order,
            "check_names": self.check_names,
        }

    def compare(self, answer: Any) -> tuple[bool | None, str]:
        """``(ok, what differs)`` for ``answer``, without showing or recording anything.

        ``ok`` is None when a ``judge`` finds nothing to judge yet (not attempted).
        """
        if self.judge is not None:
            ok, why = self.judge(answer)
            return (None if ok is None else bool(ok)), str(why)
        return compare_answer(answer, self.expected, **self._options())

    def diagnose(self, answer: Any) -> Mistake | None:
        """The first known mistake that ``answer`` matches, or None."""
        options = self._options()
        return next((m for m in self.mistakes if m.fits(answer, **options)), None)

    def run(self, answer: Any, *, show: bool = True) -> CheckResult:
        """Check ``answer``; display the message unless ``show`` is False."""
        mistake = None
        ok, why = (None, "") if is_placeholder(answer) else self.compare(answer)
        if ok is None:
            tries = _FAILED_TRIES.get(self.name, 0)
            lines = [
                f"[{self.name}] not attempted yet - "
                + (why or "replace the `...` placeholder with your answer and run the cell again.")
            ]
            result = CheckResult(self.name, "not_attempted", lines[0], tries)
        else:
            if ok:
                tries = _FAILED_TRIES.get(self.name, 0)
                lines = [f"[{self.name}] correct! {self.success}".rstrip()]
                result = CheckResult(self.name, "passed", lines[0], tries)
            else:
                tries = _FAILED_TRIES.get(self.name, 0) + 1
                _FAILED_TRIES[self.name] = tries
                mistake = self.diagnose(answer)
                lines = [f"[{self.name}] not right yet: {why}"]
                if mistake is not None:
                    lines.append(f"Diagnosis: {mistake.hint}")
                else:
                    lines.extend(self._next_hint())
                name = mistake.name if mistake is not None else None
                result = CheckResult(self.name, "failed", "\n".join(lines), tries, name)
        _LATEST[self.name] = result
        if show:
            _show(result, lines)
        return result

    def _next_hint(self) -> list[str]:
        """The next general hint; they escalate only on tries no known mistake explains."""
        if not self.hints:
            return ["Re-read the question and try again."]
        shown = min(_GENERAL_HINTS.get(self.name, 0) + 1, len(self.hints))
        _GENERAL_HINTS[self.name] = shown
        last = " (the most specific one)" if shown == len(self.hints) > 1 else ""
        lines = [f"Hint {shown} of {len(self.hints)}{last}: {self.hints[shown - 1]}"]
        if shown == len(self.hints) and self.reveal:
            lines.append(
                "No more hints. If you want to see a worked solution, ask for it with "
                f"`.reveal({self.name.split()[0]!r})`."
            )
        return lines

    def show_solution(self) -> str:
        """The worked solution, for a learner who asks for it; also displayed."""
        text = self.reveal or "No worked solution is stored for this exercise."
        print(f"[{self.name}] worked solution:\n{text}")
        return text


def check(
    name: str,
    answer: Any,
    expected: Any,
    *,
    hints: Sequence[str] = (),
    success: str = "",
    rtol: float = 1e-6,
    atol: float = 1e-9,
    ignore_case: bool = True,
    ignore_order: bool = False,
    check_names: bool = False,
) -> CheckResult:
    """Check a learner's ``answer`` against ``expected`` and show a message.

    See the module docstring for the behaviour and :class:`Check` for the parameters. Never
    raises on a wrong or missing answer, so "Run All" always reaches the end of the notebook.

    Returns
    -------
    CheckResult
        ``status`` is ``"passed"``, ``"failed"`` or ``"not_attempted"``.

    Examples
    --------
    >>> reset_checks()
    >>> check("total orders", 120, expected=120, success="Every row is one order.").status
    [total orders] correct! Every row is one order.
    'passed'
    >>> check("", 1, expected=1)
    Traceback (most recent call last):
    ...
    ValueError: `name` must be a non-empty str naming the exercise, got ''.
    """
    spec = Check(
        name,
        expected,
        hints=tuple(hints) if not isinstance(hints, str) else (hints,),
        success=success,
        rtol=rtol,
        atol=atol,
        ignore_case=ignore_case,
        ignore_order=ignore_order,
        check_names=check_names,
    )
    return spec.run(answer)


def checks_summary() -> dict[str, str]:
    """Latest status of every check run in this kernel, in the order first run.

    Examples
    --------
    >>> reset_checks()
    >>> _ = check("a", 1, expected=1)
    [a] correct!
    >>> _ = check("b", None, expected=2)
    [b] not attempted yet - replace the `...` placeholder with your answer and run the cell again.
    >>> checks_summary()
    {'a': 'passed', 'b': 'not_attempted'}
    """
    return {name: result.status for name, result in _LATEST.items()}


def reset_checks() -> None:
    """Forget every attempt and status recorded in this kernel (a fresh start)."""
    _FAILED_TRIES.clear()
    _LATEST.clear()
    _GENERAL_HINTS.clear()
