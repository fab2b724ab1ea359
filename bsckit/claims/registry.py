"""The claims registry: sentences of a lesson that read a pattern off the data, made testable.

A lesson sentence that states a number or a pattern of the Homeats data ("defects lead checks by
two months") must hold for *every* dataset a build can generate, not only the default seed. There
are two honest ways to write one:

1. **Worded from the result.** The notebook computes the figure and prints the sentence from it
   (an f-string shown with ``IPython.display.Markdown``), choosing the wording from the result.
   Nothing to register.
2. **A registered claim.** The sentence is fixed text, so it is registered here with a function
   that checks it on any set of tables. A test (``tests/test_claims.py``) evaluates every
   registered claim on at least 20 generated seeds per scenario; each must hold in at least 95 %
   of them. The lesson marks the sentence with its tag, ``<sup>(claim 3.4)</sup>`` (from
   :func:`claim_tag`), so a reviewer can trace it to its check.

One file per course module holds that module's claims (``internal_processes.py`` for module 3),
each written as a decorated function::

    @claim("3.4", module=3, needs=("production_batches",),
           sentence="Checks per batch rise about two months after the defect rate does.")
    def checks_follow_defects(evidence):
        r = lagged_correlation(evidence.measures["defect_rate"], ...)
        return Verdict(holds=..., figure=..., detail=...)

The function receives an :class:`Evidence` (the tables plus cached derived values, so that
claims sharing a computation pay for it once) and returns a :class:`Verdict`: whether the
sentence holds, the figure it rests on, and a short explanation.

Examples
--------
>>> from bsckit.claims import get_claim
>>> get_claim("3.1").module
3
>>> get_claim("9.9")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
KeyError: "No claim '9.9'; registered: ...3.1...; see bsckit.claims.claims()."
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = [
    "CLAIM_MODULES",
    "Claim",
    "Evidence",
    "Verdict",
    "claim",
    "claim_tag",
    "claims",
    "evaluate",
    "evaluate_all",
    "get_claim",
]

CLAIM_MODULES: dict[int, str] = {
    1: "alignment",
    2: "customer",
    3: "internal_processes",
    4: "financial",
    5: "learning_growth",
    6: "governance",
    7: "technology",
}
"""Course module number -> the file of ``bsckit.claims`` holding its claims.

Add a row when a module registers its first claim (e.g. ``1: "alignment"``, ``2: "customer"``,
``4: "financial"``, ``5: "learning_growth"``, ``6: "governance"``, ``7: "technology"``).
"""

_ID = re.compile(r"[1-7]\.\d+[a-z]?")
_REGISTRY: dict[str, Claim] = {}
_LOADED: set[int] = set()


@dataclass(frozen=True)
class Verdict:
    """The result of checking one claim on one dataset.

    Parameters
    ----------
    holds : bool
        Whether the sentence is true of these tables.
    figure : float
        The number the verdict rests on (a correlation, a count, a p-value ...).
    detail : str
        One line saying what was computed, for test reports.

    Examples
    --------
    >>> Verdict(holds=True, figure=0.61, detail="r at lag 2")
    Verdict(holds=True, figure=0.61, detail='r at lag 2')
    """

    holds: bool
    figure: float
    detail: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "holds", bool(self.holds))
        object.__setattr__(self, "figure", float(self.figure))


class Evidence:
    """The tables a claim is checked on, with a per-dataset cache for derived values.

    Parameters
    ----------
    tables : mapping of table name -> DataFrame
        As returned by ``bsckit.data.generate()`` or loaded with ``bsckit.data.load``.

    Examples
    --------
    >>> ev = Evidence({"x": pd.DataFrame({"a": [1, 2]})})
    >>> ev.cached("total", lambda: int(ev.tables["x"]["a"].sum()))
    3
    >>> ev.cached("total", lambda: 0)  # computed once, then reused
    3
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        if not isinstance(tables, Mapping):
            msg = (
                f"`tables` must be a dict of table name -> DataFrame, got {type(tables).__name__}."
            )
            raise TypeError(msg)
        self.tables = tables
        self._cache: dict[str, Any] = {}

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """Return the value stored under ``key``, computing it with ``compute()`` the first time."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def measures(self) -> pd.DataFrame:
        """The monthly process measures (:func:`bsckit.processes.process_measures`), cached."""
        from bsckit.processes import process_measures

        return self.cached("measures", lambda: process_measures(self.tables))


@dataclass(frozen=True)
class Claim:
    """One registered lesson sentence and the function that checks it.

    Parameters
    ----------
    id : str
        ``"<module>.<number>"``, e.g. ``"3.4"``; the lesson shows it as ``(claim 3.4)``, in
        superscript.
    module : int
        Course module (1-7) whose lesson states the claim.
    sentence : str
        The sentence as the lesson prints it (without the tag).
    needs : tuple of str
        Tables the check reads (so a test can generate or load only those).
    check : callable
        ``check(evidence) -> Verdict``.
    """

    id: str
    module: int
    sentence: str
    needs: tuple[str, ...]
    check: Callable[[Evidence], Verdict] = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.fullmatch(self.id):
            msg = f"Claim `id` must look like '3.4' (module.number), got {self.id!r}."
            raise ValueError(msg)
        if int(self.id.split(".")[0]) != self.module:
            msg = f"Claim {self.id!r} must start with its module number {self.module}."
            raise ValueError(msg)
        if not self.sentence.strip():
            msg = f"Claim {self.id!r} needs the sentence the lesson states."
            raise ValueError(msg)

    @property
    def tag(self) -> str:
        """The mark the lesson puts after the sentence."""
        return claim_tag(self.id)

    def evaluate(self, tables: Mapping[str, pd.DataFrame] | Evidence) -> Verdict:
        """Check the claim on ``tables`` (or an :class:`Evidence` to share its cache)."""
        evidence = tables if isinstance(tables, Evidence) else Evidence(tables)
        verdict = self.check(evidence)
        if not isinstance(verdict, Verdict):
            msg = f"The check of claim {self.id!r} must return a Verdict, got {type(verdict).__name__}."
            raise TypeError(msg)
        if math.isnan(verdict.figure):
            return Verdict(False, verdict.figure, f"not computable: {verdict.detail}")
        return verdict


def claim(
    id: str, *, module: int, sentence: str, needs: Iterable[str] = ()
) -> Callable[[Callable[[Evidence], Verdict]], Callable[[Evidence], Verdict]]:
    """Register the decorated function as the check of a lesson sentence.

    Examples
    --------
    >>> claim("3.1", module=3, sentence="again")(lambda ev: Verdict(True, 1.0))
    Traceback (most recent call last):
    ...
    ValueError: Claim '3.1' is registered twice; give the new one the next free number.
    """

    def register(check: Callable[[Evidence], Verdict]) -> Callable[[Evidence], Verdict]:
        if id in _REGISTRY:
            msg = f"Claim {id!r} is registered twice; give the new one the next free number."
            raise ValueError(msg)
        _REGISTRY[id] = Claim(id, module, " ".join(sentence.split()), tuple(needs), check)
        return check

    return register


def claim_tag(id: str) -> str:
    """The tag that marks a registered sentence in a lesson.

    Examples
    --------
    >>> claim_tag("3.4")
    '<sup>(claim 3.4)</sup>'
    """
    return f"<sup>(claim {id})</sup>"


def _load(module: int | None = None) -> None:
    wanted = CLAIM_MODULES if module is None else {module: CLAIM_MODULES.get(module)}
    for number, name in wanted.items():
        if number in _LOADED or name is None:
            continue
        importlib.import_module(f"bsckit.claims.{name}")
        _LOADED.add(number)


def _key(claim_id: str) -> tuple[int, int, str]:
    module, rest = claim_id.split(".")
    digits = re.match(r"\d+", rest).group()
    return int(module), int(digits), rest[len(digits) :]


def claims(module: int | None = None) -> tuple[Claim, ...]:
    """All registered claims (of one course module if given), in id order.

    Examples
    --------
    >>> [c.id for c in claims(3)][:1]
    ['3.1']
    >>> claims(9)
    ()
    """
    _load(module)
    found = [c for c in _REGISTRY.values() if module is None or c.module == module]
    return tuple(sorted(found, key=lambda c: _key(c.id)))


def get_claim(id: str) -> Claim:
    """The claim registered as ``id`` (e.g. ``"3.4"``)."""
    _load()
    if id not in _REGISTRY:
        known = [c.id for c in claims()]
        msg = f"No claim {id!r}; registered: {', '.join(known)}; see bsckit.claims.claims()."
        raise KeyError(msg)
    return _REGISTRY[id]


def evaluate(id: str, tables: Mapping[str, pd.DataFrame] | Evidence) -> Verdict:
    """Check the claim ``id`` on ``tables``."""
    return get_claim(id).evaluate(tables)


def evaluate_all(
    tables: Mapping[str, pd.DataFrame], module: int | None = None
) -> dict[str, Verdict]:
    """Check every registered claim (of one module) on ``tables``, sharing one cache.

    Returns
    -------
    dict of claim id -> Verdict
    """
    evidence = Evidence(tables)
    return {c.id: c.evaluate(evidence) for c in claims(module)}
