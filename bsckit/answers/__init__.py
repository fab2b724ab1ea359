"""Answer keys: one per course module, computing every exercise's answer from the data in use.

An exercise notebook never holds an expected value, a solution or a hint that gives it away.
It makes one module object in its setup cell and passes each answer with the exercise's id::

    from bsckit.answers import exercises

    ex = exercises(3, tables=tables)   # or data_dir=data_dir
    ...
    ex.check("3.4", defect_rate)

The key for module ``N`` lives in ``bsckit/answers/moduleN.py`` and is a tuple ``EXERCISES`` of
:class:`Exercise`: an id, a title, its minutes (the one source of the exercise timings), the
curriculum topic it practises, and a ``key`` function that builds a :class:`bsckit.check.Check`
from the data - the expected value, the known mistakes (each computed from the same data with
the mistaken method), general hints that never give the answer, the success text (worded from
the computed result where it states a figure) and a worked solution the learner may ask for
with :meth:`Exercises.reveal`. Because every key is computed from the tables in use, a build
with another seed, company or scenario checks correctly.

A part that depends on an earlier part (a gap to *your* benchmark) is checked against the
learner's own earlier answer, passed as ``using=``: a wrong first part is then not punished
twice, and the second part's hints talk about the second part only.

Examples
--------
>>> import pandas as pd
>>> from bsckit.check import Check, reset_checks
>>> def key(data, using):
...     total = data.tables["sales"]["amount"].sum()
...     return Check("demo 1", expected=total, success=f"Sales add up to {total:g}.")
>>> demo = Exercises(
...     "demo", (Exercise("demo 1", "total sales", 3, "adding up", key),),
...     tables={"sales": pd.DataFrame({"amount": [1.0, 2.5]})})
>>> reset_checks()
>>> demo.check("demo 1", 3.5).status
[demo 1] correct! Sales add up to 3.5.
'passed'
>>> demo.minutes
3
>>> demo.check("demo 2", 1)
Traceback (most recent call last):
...
KeyError: "No exercise 'demo 2' in demo; the ids are: 'demo 1'."
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from bsckit.catalogue import read_data_file
from bsckit.check import Check, CheckResult

__all__ = [
    "MODULES",
    "Exercise",
    "ExerciseData",
    "Exercises",
    "exercise_minutes",
    "exercises",
    "material",
]

MODULES: dict[int, str] = {
    1: "bsckit.answers.module1",
    2: "bsckit.answers.module2",
    3: "bsckit.answers.module3",
    4: "bsckit.answers.module4",
    5: "bsckit.answers.module5",
    6: "bsckit.answers.module6",
    7: "bsckit.answers.module7",
}
"""Course module number -> the Python module holding its answer key."""


def material(name: str) -> list:
    """The rows of task material ``name`` in ``bsckit/answers/material.yaml`` (quiz items, tables).

    Examples
    --------
    >>> material("module3_leadership_roles")[0]
    ['Head of Kitchens', 'Kitchens']
    """
    return read_data_file("bsckit.answers", "material.yaml")[name]


@dataclass(frozen=True)
class Exercise:
    """One exercise of a module's answer key.

    Parameters
    ----------
    id : str
        What the learner passes to :meth:`Exercises.check`, e.g. ``"3.4"`` or ``"3.5b"``.
    title : str
        Short title, shown in the overview and in every message.
    minutes : int
        Honest minutes for a learner working alone, wrong attempts included (the one source;
        the notebook metadata's ``exercise_minutes`` is their sum, a test keeps them equal).
    topic : str
        The curriculum topic it practises.
    key : callable
        ``key(data, using) -> Check``: the check for the data in use. ``using`` is the
        learner's own answer to the part named in ``uses`` (or None).
    uses : str, optional
        Id of an earlier part whose answer this part is checked against.
    """

    id: str
    title: str
    minutes: int
    topic: str
    key: Callable[[ExerciseData, Any], Check] = field(repr=False)
    uses: str | None = None

    def __post_init__(self) -> None:
        for name in ("id", "title", "topic"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                msg = f"`{name}` of an exercise must be non-empty text, got {value!r}."
                raise ValueError(msg)
        if isinstance(self.minutes, bool) or not isinstance(self.minutes, int) or self.minutes < 1:
            msg = f"`minutes` of exercise {self.id} must be a whole number >= 1, got {self.minutes!r}."
            raise ValueError(msg)
        if not callable(self.key):
            msg = f"`key` of exercise {self.id} must be callable (data, using) -> Check."
            raise TypeError(msg)


class ExerciseData:
    """The tables an answer key reads, kept apart from the learner's own variables.

    The learner's frames are copied on first use, so an exercise that changes a table in place
    (``erp["doc_date"] = pd.to_datetime(...)``) cannot change the expected answers. Derived
    values (the monthly process measures) are computed once and cached.

    Parameters
    ----------
    tables : mapping of name -> DataFrame, optional
        The tables already loaded in the notebook.
    data_dir : path-like, optional
        Where to load missing tables from (:func:`bsckit.data.load`); default the kit's
        ``datasets/``.
    scorecard : path-like, optional
        The learner's scorecard file; default ``<workspace>/my_scorecard.yaml`` (see
        :func:`bsckit.widgets.workspace.scorecard_path`; ``BSCKIT_WORKSPACE`` overrides).
    """

    def __init__(
        self,
        tables: Mapping[str, pd.DataFrame] | None = None,
        data_dir: str | os.PathLike[str] | None = None,
        scorecard: str | os.PathLike[str] | None = None,
    ) -> None:
        if tables is not None and not isinstance(tables, Mapping):
            msg = (
                f"`tables` must be a dict of table name -> DataFrame, got {type(tables).__name__}."
            )
            raise TypeError(msg)
        if data_dir is not None and not isinstance(data_dir, str | os.PathLike):
            msg = f"`data_dir` must be a folder path or None, got {data_dir!r}."
            raise TypeError(msg)
        self._given = dict(tables or {})
        self._copies: dict[str, pd.DataFrame] = {}
        self.data_dir = data_dir
        self._scorecard = scorecard
        self._cache: dict[str, Any] = {}

    @property
    def tables(self) -> _Tables:
        """Table name -> a private copy of the DataFrame (loaded if not given)."""
        return _Tables(self)

    def table(self, name: str) -> pd.DataFrame:
        """A private copy of table ``name``."""
        if name not in self._copies:
            if name in self._given:
                frame = self._given[name]
                if not isinstance(frame, pd.DataFrame):
                    msg = f"`tables[{name!r}]` must be a pandas DataFrame, got {type(frame).__name__}."
                    raise TypeError(msg)
                self._copies[name] = frame.copy()
            else:
                from bsckit.data import load

                self._copies[name] = load(name, data_dir=self.data_dir)
        return self._copies[name]

    def cached(self, name: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once, then the stored value."""
        if name not in self._cache:
            self._cache[name] = compute()
        return self._cache[name]

    @property
    def scorecard_path(self) -> Path:
        """The learner's scorecard file (it may not exist yet)."""
        from bsckit.widgets.workspace import scorecard_path

        return scorecard_path(self._scorecard)


class _Tables(Mapping):
    """Read-only mapping view of :class:`ExerciseData` tables (loaded on access)."""

    def __init__(self, data: ExerciseData) -> None:
        self._data = data

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._data.table(name)

    def __iter__(self):  # pragma: no cover - mapping protocol
        return iter(dict.fromkeys([*self._data._given, *self._data._copies]))

    def __len__(self) -> int:  # pragma: no cover - mapping protocol
        return len(dict.fromkeys([*self._data._given, *self._data._copies]))


class Exercises:
    """A module's exercises bound to the data in use: check answers, show the overview.

    Parameters
    ----------
    module : str
        Name shown in messages, e.g. ``"module 3"``.
    items : sequence of Exercise
        The module's answer key.
    tables, data_dir, scorecard
        See :class:`ExerciseData`.
    """

    def __init__(
        self,
        module: str,
        items: tuple[Exercise, ...],
        *,
        tables: Mapping[str, pd.DataFrame] | None = None,
        data_dir: str | os.PathLike[str] | None = None,
        scorecard: str | os.PathLike[str] | None = None,
    ) -> None:
        self.module = str(module)
        self.items = {item.id: item for item in items}
        if len(self.items) != len(items):
            msg = f"Exercise ids in {module} must be unique; got {[i.id for i in items]}."
            raise ValueError(msg)
        self.data = ExerciseData(tables, data_dir, scorecard)
        self._checks: dict[tuple[str, Any], Check] = {}

    # -- the key ---------------------------------------------------------------------------------
    def exercise(self, exercise_id: str) -> Exercise:
        """The :class:`Exercise` with this id (a clear error naming the ids otherwise)."""
        if exercise_id not in self.items:
            ids = ", ".join(repr(i) for i in self.items)
            msg = f"No exercise {exercise_id!r} in {self.module}; the ids are: {ids}."
            raise KeyError(msg)
        return self.items[exercise_id]

    def key(self, exercise_id: str, using: Any = None) -> Check:
        """The :class:`~bsckit.check.Check` of an exercise for the data in use.

        Authors and tests use it; learners call :meth:`check`.
        """
        item = self.exercise(exercise_id)
        return item.key(self.data, using)

    @property
    def minutes(self) -> int:
        """Total exercise minutes of the module (the sum of each exercise's minutes)."""
        return sum(item.minutes for item in self.items.values())

    def overview(self) -> pd.DataFrame:
        """Id, title, topic and minutes of every exercise, in order (a table to display)."""
        rows = [(i.id, i.title, i.topic, i.minutes) for i in self.items.values()]
        table = pd.DataFrame(rows, columns=["exercise", "title", "topic", "minutes"])
        return table.set_index("exercise")

    # -- the learner's side ------------------------------------------------------------------------
    def check(self, exercise_id: str, answer: Any, *, using: Any = None) -> CheckResult:
        """Check ``answer`` to exercise ``exercise_id`` and show the result.

        Parameters
        ----------
        exercise_id : str
            E.g. ``"3.4"``.
        answer : Any
            Your answer; ``...`` (untouched) reports "not attempted yet".
        using : Any, optional
            For a part that builds on an earlier one: your answer to that earlier part.
        """
        item = self.exercise(exercise_id)
        if item.uses is not None and using is None:
            msg = (
                f"Exercise {exercise_id} is checked against your answer to {item.uses}: pass it "
                f"as using=..., e.g. ex.check({exercise_id!r}, answer, using=your_{item.uses})."
            )
            raise TypeError(msg)
        return self.key(exercise_id, using).run(answer)

    def reveal(self, exercise_id: str) -> str:
        """Show a worked solution of an exercise, once its hints have run out.

        It opens after as many failed tries as the exercise has hints; before that it says how
        many more tries it takes.
        """
        return self.key(exercise_id).show_solution()

    def __repr__(self) -> str:
        return f"<{self.module} exercises: {len(self.items)}, about {self.minutes} min>"


def exercises(
    module: int,
    *,
    tables: Mapping[str, pd.DataFrame] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    scorecard: str | os.PathLike[str] | None = None,
) -> Exercises:
    """The exercises of course module ``module``, bound to the data in use.

    Parameters
    ----------
    module : int
        The course module number (see :data:`MODULES`).
    tables : mapping of name -> DataFrame, optional
        Tables already loaded in the notebook (copied, so your changes do not reach the key).
    data_dir : path-like, optional
        Folder to load other tables from; default the kit's ``datasets/``.
    scorecard : path-like, optional
        Your scorecard file; default ``<workspace>/my_scorecard.yaml``.

    Examples
    --------
    >>> exercises(9)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: `module` must be one of the modules with an answer key (1, 2, ...); got 9.
    """
    if module not in MODULES:
        known = ", ".join(str(m) for m in MODULES)
        msg = f"`module` must be one of the modules with an answer key ({known}); got {module!r}."
        raise ValueError(msg)
    key_module = importlib.import_module(MODULES[module])
    return Exercises(
        f"module {module}",
        key_module.EXERCISES,
        tables=tables,
        data_dir=data_dir,
        scorecard=scorecard,
    )


def exercise_minutes(module: int) -> int | None:
    """Total exercise minutes of ``module`` from its answer key, or None when it has no key.

    The one source of a module's exercise time: the agenda, the course map and the notebook
    metadata read (or are checked against) this sum.

    Examples
    --------
    >>> exercise_minutes(3) == sum(e.minutes for e in importlib.import_module(MODULES[3]).EXERCISES)
    True
    >>> exercise_minutes(99) is None
    True
    """
    if module not in MODULES:
        return None
    return sum(item.minutes for item in importlib.import_module(MODULES[module]).EXERCISES)
