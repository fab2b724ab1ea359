"""Exercise checks with escalating hints, for learners working through a notebook.

Each exercise ends with one call::

    check(
        "3.1 median cycle time",
        answer,
        expected=orders["cycle_minutes"].median(),
        hints=["Use the `cycle_minutes` column.", "Call `.median()` on it, not `.mean()`."],
        success="The median resists the few orders stuck for hours.",
    )

The expected value is computed from the data in use, so a notebook built with another seed,
company or scenario still checks correctly. Behaviour:

- an untouched placeholder (``...``, ``None`` or ``NotImplemented``) prints "not attempted yet"
  and the notebook carries on: "Run All" on a fresh exercise notebook never raises;
- a wrong answer shows what differs, then hint 1; the next failed try shows hint 2, and so on,
  ending with the most specific hint (the attempt counter lives in the kernel);
- a right answer shows the success message, which says *why* it is right.

The result is displayed through ``IPython.display`` as HTML with a plain-text fallback (so
executed and exported notebooks keep it), and returned as a :class:`CheckResult`. Every output
carries ``{"bsckit": {"check": name, "status": ...}}`` in its output metadata, so a build or a
test can read the statuses from an executed notebook. :func:`checks_summary` lists the status of
every check run in this kernel.

Examples
--------
>>> reset_checks()
>>> check("demo", ..., expected=3).status
[demo] not attempted yet - replace the `...` placeholder with your answer and run the cell again.
'not_attempted'
>>> check("demo", 4, expected=3, hints=["Count again.", "It is 1 + 2."]).status
[demo] not right yet: got 4, expected a different number.
Hint 1 of 2: Count again.
'failed'
>>> check("demo", 5, expected=3, hints=["Count again.", "It is 1 + 2."]).status
[demo] not right yet: got 5, expected a different number.
Hint 2 of 2 (the most specific one): It is 1 + 2.
'failed'
>>> check("demo", 3.0, expected=3, success="1 + 2 = 3.").status
[demo] correct! 1 + 2 = 3.
'passed'
>>> checks_summary()
{'demo': 'passed'}
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
    """

    name: str
    status: str
    message: str
    failed_tries: int = 0

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
    (False, "missing ['c']; not expected ['b'].")
    >>> s = pd.Series([1.0, 2.0], index=["x", "y"])
    >>> compare_answer(s * 2, s)
    (False, 'the values differ at 2 of 2 positions, first at index x: got 2.0, expected 1.0.')
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
            parts.append(f"missing {_short(_sorted_set(missing))}")
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
    if e != 0 and math.isclose(a, e * 100, rel_tol=opt["rtol"], abs_tol=opt["atol"]):
        return False, f"got {_short(answer)}: a percentage? Give the fraction (0.25, not 25)."
    if e != 0 and math.isclose(a * 100, e, rel_tol=opt["rtol"], abs_tol=opt["atol"]):
        return False, f"got {_short(answer)}: a fraction? This one is asked in percent."
    return False, f"got {_short(answer)}, expected a different number."


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
        return False, f"got {len(answer)} rows, expected {len(expected)}."
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


def _compare_values(
    answer: pd.Series, expected: pd.Series, what: str, **opt: Any
) -> tuple[bool, str]:
    a, e = answer.to_numpy(), expected.to_numpy()
    shown_a, shown_e = a, e
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
    first = int(np.flatnonzero(~close)[0])
    label = expected.index[first]
    return False, (
        f"{what} differ at {int((~close).sum())} of {len(close)} positions, first at index "
        f"{label}: got {_short(shown_a[first])}, expected {_short(shown_e[first])}."
    )


def _compare_frame(answer: Any, expected: pd.DataFrame, **opt: Any) -> tuple[bool, str]:
    if not isinstance(answer, pd.DataFrame):
        return False, f"got {_kind(answer)}, expected a pandas DataFrame."
    if answer.shape != expected.shape:
        return False, f"got shape {answer.shape} (rows, columns), expected {expected.shape}."
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
        From the gentlest to the most specific; one more is shown on each failed try.
    success : str
        Why the right answer is right; shown on success.
    rtol, atol, ignore_case, ignore_order, check_names
        See :func:`compare_answer`.

    Examples
    --------
    >>> reset_checks()
    >>> share = Check("share", expected=0.25, hints=["Divide by the total."], success="1 of 4.")
    >>> share(25).status
    [share] not right yet: got 25: a percentage? Give the fraction (0.25, not 25).
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

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            msg = f"`name` must be a non-empty str naming the exercise, got {self.name!r}."
            raise ValueError(msg)
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

    def run(self, answer: Any, *, show: bool = True) -> CheckResult:
        """Check ``answer``; display the message unless ``show`` is False."""
        if is_placeholder(answer):
            tries = _FAILED_TRIES.get(self.name, 0)
            lines = [
                f"[{self.name}] not attempted yet - replace the `...` placeholder with your "
                "answer and run the cell again."
            ]
            result = CheckResult(self.name, "not_attempted", lines[0], tries)
        else:
            ok, why = compare_answer(
                answer,
                self.expected,
                rtol=self.rtol,
                atol=self.atol,
                ignore_case=self.ignore_case,
                ignore_order=self.ignore_order,
                check_names=self.check_names,
            )
            if ok:
                tries = _FAILED_TRIES.get(self.name, 0)
                lines = [f"[{self.name}] correct! {self.success}".rstrip()]
                result = CheckResult(self.name, "passed", lines[0], tries)
            else:
                tries = _FAILED_TRIES.get(self.name, 0) + 1
                _FAILED_TRIES[self.name] = tries
                lines = [f"[{self.name}] not right yet: {why}"]
                if self.hints:
                    shown = min(tries, len(self.hints))
                    last = " (the most specific one)" if shown == len(self.hints) > 1 else ""
                    lines.append(
                        f"Hint {shown} of {len(self.hints)}{last}: {self.hints[shown - 1]}"
                    )
                else:
                    lines.append("Re-read the question and try again.")
                result = CheckResult(self.name, "failed", "\n".join(lines), tries)
        _LATEST[self.name] = result
        if show:
            _show(result, lines)
        return result


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
