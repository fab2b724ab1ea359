"""Load and save scorecards as YAML files, safely.

* A load never writes: a malformed or schema-breaking file raises :class:`ScorecardFileError`
  naming the file, the key path (e.g. ``objectives[2].measures[0].target``), the problem and
  what to do, and leaves the file exactly as it was.
* A save is atomic and keeps the previous version beside the file as ``<name>.bak``.

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "homeats.yaml"
>>> card = add_objective(path, Objective(name="Grow revenue", perspective="financial"))
>>> load_scorecard(path) == card
True
>>> card.name
'Homeats'
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from bsckit._atomic import atomic_write_text
from bsckit.scorecard._paths import key_path_text
from bsckit.scorecard.objective import Objective
from bsckit.scorecard.scorecard import Scorecard
from bsckit.scorecard.strategy_map import Link

__all__ = [
    "ScorecardFileError",
    "add_link",
    "add_objective",
    "dump_scorecard",
    "load_scorecard",
    "parse_scorecard",
    "save_scorecard",
]

_HEADER = (
    "# Balanced scorecard (bsckit). Edit with care: keys are checked when the file is loaded.\n"
    "# bsckit keeps the previous version of this file beside it as <name>.bak.\n"
)


class ScorecardFileError(ValueError):
    """A scorecard file (or text) that cannot be read: malformed YAML or a schema error.

    Attributes
    ----------
    source : str
        The file name (or ``"<text>"``).
    key_path : str
        Where the problem is, e.g. ``objectives[2].measures[0].target`` (empty for a YAML
        syntax error or a problem with the whole file).
    problem : str
        What is wrong and what to do.
    """

    def __init__(self, source: str, key_path: str, problem: str) -> None:
        self.source = source
        self.key_path = key_path
        self.problem = problem
        where = f" at `{key_path}`" if key_path else ""
        super().__init__(
            f"Cannot read scorecard file {source!r}{where}: {problem} The file was not changed."
        )


def parse_scorecard(text: str, *, source: str = "<text>") -> Scorecard:
    """Build a scorecard from YAML text; errors are :class:`ScorecardFileError`.

    Examples
    --------
    >>> parse_scorecard("name: Homeats\\nobjectives:\\n- name: Grow revenue\\n  perspective: finance\\n").name
    'Homeats'
    >>> parse_scorecard("name: Homeats\\nobjectives:\\n- name: Grow revenue\\n  perspective: money\\n")
    Traceback (most recent call last):
    ...
    bsckit.scorecard.files.ScorecardFileError: Cannot read scorecard file '<text>' at `objectives[0].perspective`: `perspective` must be one of 'financial', 'customer', 'internal_processes', 'learning_growth' (or a friendly spelling such as 'Internal processes'); got 'money'. The file was not changed.
    """
    if not isinstance(text, str):
        msg = f"`text` must be str, got {type(text).__name__}. Decode bytes as UTF-8 first."
        raise TypeError(msg)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" near line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        msg = (
            f"The YAML is malformed{where}: {problem}. Check the indentation, the `key: value`"
            " colons and the quotes there (or restore the .bak copy)."
        )
        raise ScorecardFileError(source, "", msg) from None
    if data is None:
        msg = "The file is empty. It needs at least `name: ...` (or delete it to start afresh)."
        raise ScorecardFileError(source, "", msg)
    try:
        return Scorecard.from_dict(data)
    except (TypeError, ValueError) as err:
        path = key_path_text(getattr(err, "key_path", ()))
        raise ScorecardFileError(source, path, str(err)) from err


def dump_scorecard(scorecard: Scorecard) -> str:
    """The YAML text :func:`save_scorecard` writes (header comment + ``safe_dump``)."""
    if not isinstance(scorecard, Scorecard):
        msg = f"`scorecard` must be a Scorecard, got {type(scorecard).__name__}."
        raise TypeError(msg)
    body = yaml.safe_dump(
        scorecard.to_dict(), sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return _HEADER + body


def load_scorecard(path: str | os.PathLike[str]) -> Scorecard:
    """Read a scorecard YAML file. Never writes to the file.

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    ScorecardFileError
        When the YAML is malformed or breaks the schema; names the file and key path.
    """
    path = Path(path)
    if not path.is_file():
        msg = (
            f"No scorecard file at {str(path)!r}. Check the path, or save a scorecard there first."
        )
        raise FileNotFoundError(msg)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        msg = f"It is not UTF-8 text (byte {err.start}). Save it as UTF-8 from your editor."
        raise ScorecardFileError(path.name, "", msg) from None
    return parse_scorecard(text, source=str(path))


def save_scorecard(scorecard: Scorecard, path: str | os.PathLike[str]) -> Path:
    """Write ``scorecard`` to ``path`` atomically, keeping the old file as ``<name>.bak``.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    text = dump_scorecard(scorecard)
    return atomic_write_text(path, text, backup=True)


def add_objective(
    path: str | os.PathLike[str], objective: Objective, *, scorecard_name: str | None = None
) -> Scorecard:
    """Add ``objective`` to the scorecard file at ``path`` (or replace the one of that name).

    Loads the file (or starts a new scorecard when it does not exist), appends the objective
    or replaces the objective with the same name, and saves atomically with a ``.bak`` copy.
    Nothing else in the file is lost. If the existing file is corrupt,
    :class:`ScorecardFileError` is raised and the file is left untouched.

    Parameters
    ----------
    path : path-like
        The scorecard YAML file.
    objective : Objective
        The objective to store.
    scorecard_name : str, optional
        Name for a new scorecard; default: the file name without extension, in words
        (``my_scorecard.yaml`` -> "My scorecard"), the title of the take-home page.

    Returns
    -------
    Scorecard
        The scorecard as saved.
    """
    if not isinstance(objective, Objective):
        msg = f"`objective` must be an Objective, got {type(objective).__name__}."
        raise TypeError(msg)
    path = Path(path)
    exists = path.exists()
    if exists:
        card = load_scorecard(path)
    else:
        words = path.stem.replace("_", " ").replace("-", " ").strip()
        card = Scorecard(name=scorecard_name or words.capitalize() or path.stem)
    card = card.with_objective(objective)
    save_scorecard(card, path)
    return card


def add_link(path: str | os.PathLike[str], cause: str, effect: str) -> Scorecard:
    """Add the cause-and-effect link ``cause -> effect`` to the scorecard file at ``path``.

    Both objectives must already be in the file. Saved atomically with a ``.bak`` copy; a link
    that is already there is kept once. A corrupt file raises :class:`ScorecardFileError` and
    is left untouched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "card.yaml"
    >>> for name, p in (("Train agents", "learning_growth"), ("Resolve first time", "customer")):
    ...     _ = add_objective(path, Objective(name=name, perspective=p))
    >>> [(l.cause, l.effect) for l in add_link(path, "Train agents", "Resolve first time").links]
    [('Train agents', 'Resolve first time')]
    >>> add_link(path, "Train agents", "Grow revenue")
    Traceback (most recent call last):
    ...
    ValueError: `effect` 'Grow revenue' is not an objective in card.yaml; it has: 'Train agents', 'Resolve first time'. Save the objective first, or fix the spelling.
    """
    path = Path(path)
    card = load_scorecard(path)
    names = [o.name for o in card.objectives]
    for role, name in (("cause", cause), ("effect", effect)):
        if name not in names:
            known = ", ".join(repr(n) for n in names) or "none"
            msg = (
                f"`{role}` {name!r} is not an objective in {path.name}; it has: {known}."
                " Save the objective first, or fix the spelling."
            )
            raise ValueError(msg)
    if any(link.cause == cause and link.effect == effect for link in card.links):
        return card
    link = Link(cause=cause, effect=effect)
    card = Scorecard(
        name=card.name,
        objectives=card.objectives,
        links=(*card.links, link),
        description=card.description,
    )
    save_scorecard(card, path)
    return card
