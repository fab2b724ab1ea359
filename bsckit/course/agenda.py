"""Workshop agenda computed from the notebooks' own timings.

Every lesson notebook declares ``teaching_minutes`` and ``exercise_minutes`` in its
``metadata.bsckit`` (see CONTRIBUTING.md); for a module with an answer key
(:mod:`bsckit.answers`) the exercise minutes are the sum of its exercises' minutes there. An instructor picks the modules and a start time;
the agenda lays the blocks out one after another and inserts a break whenever a stretch of work
reaches ``break_after`` minutes (a break never splits a block). Change a notebook's minutes and
every agenda follows, as in the Carpentries lesson template.

Examples
--------
>>> sessions = [Session(3, "Internal processes", teaching_minutes=90, exercise_minutes=60)]
>>> table = agenda(sessions, start="09:00", break_minutes=15, break_after=90)
>>> table[["start", "end", "activity"]].values.tolist()
[['09:00', '10:30', 'Module 3: Internal processes - teaching'], ['10:30', '10:45', 'Break'], ['10:45', '11:45', 'Module 3: Internal processes - exercises']]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from bsckit._atomic import atomic_write_text
from bsckit._validation import check_count

__all__ = ["Session", "add_arguments", "agenda", "read_sessions", "run", "to_markdown"]

HELP = "print a workshop agenda from the notebooks' teaching and exercise minutes"


@dataclass(frozen=True)
class Session:
    """One module as the agenda sees it: its number, title and minutes.

    Examples
    --------
    >>> Session(3, "Internal processes", 90, 60).total_minutes
    150
    >>> Session(3, "Internal processes", -5, 60)
    Traceback (most recent call last):
    ...
    ValueError: `teaching_minutes` must be at least 0, got -5. Fix metadata.bsckit of the module's notebook.
    """

    module: int
    title: str
    teaching_minutes: int
    exercise_minutes: int

    def __post_init__(self) -> None:
        hint = "Fix metadata.bsckit of the module's notebook."
        object.__setattr__(self, "module", check_count("module", self.module, hint=hint))
        for name in ("teaching_minutes", "exercise_minutes"):
            object.__setattr__(self, name, check_count(name, getattr(self, name), hint=hint))
        if not isinstance(self.title, str) or not self.title.strip():
            msg = f"`title` must be a non-empty text, got {self.title!r}. {hint}"
            raise ValueError(msg)

    @property
    def total_minutes(self) -> int:
        """Teaching plus exercise minutes."""
        return self.teaching_minutes + self.exercise_minutes


def read_sessions(
    folder: str | Path = "notebooks", modules: Iterable[int] | None = None
) -> list[Session]:
    """Read the sessions from the lesson notebooks in ``folder``, ordered by module number.

    Parameters
    ----------
    folder : path-like, default "notebooks"
        Folder of lesson notebooks (``NN_name.ipynb``).
    modules : iterable of int, optional
        Only these module numbers; default every module with minutes to teach.

    Raises
    ------
    ValueError
        When a requested module has no notebook, or a notebook lacks ``metadata.bsckit``.
    """
    folder = Path(folder)
    found: dict[int, Session] = {}
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("bsckit")
        if not isinstance(meta, dict) or "teaching_minutes" not in meta:
            msg = (
                f"{path}: metadata.bsckit with teaching_minutes and exercise_minutes is missing. "
                "Add it as CONTRIBUTING.md shows."
            )
            raise ValueError(msg)
        module = meta.get("module", int(path.name[:2]))
        # A module's answer key is the source of its exercise minutes; the notebook metadata holds
        # their sum (tests/test_agenda.py keeps the two equal), so a kit read from another folder
        # (a team build, a test kit) is scheduled from its own notebooks.
        session = Session(
            module=module,
            title=meta.get("title", path.stem),
            teaching_minutes=meta["teaching_minutes"],
            exercise_minutes=meta.get("exercise_minutes", 0),
        )
        found[session.module] = session
    if modules is None:
        return [s for _, s in sorted(found.items()) if s.module > 0 and s.total_minutes > 0]
    wanted = list(modules)
    missing = [m for m in wanted if m not in found]
    if missing:
        msg = (
            f"`modules` asks for {missing}, which have no notebook in {folder}; "
            f"available: {sorted(found)}."
        )
        raise ValueError(msg)
    return [found[m] for m in wanted]


def agenda(
    sessions: Sequence[Session],
    *,
    start: str = "09:00",
    break_minutes: int = 15,
    break_after: int = 90,
) -> pd.DataFrame:
    """Lay the sessions out in time, with breaks; return one row per block.

    Parameters
    ----------
    sessions : sequence of Session
        In the order they will be taught.
    start : str, default "09:00"
        Start time, ``HH:MM`` (24-hour clock).
    break_minutes : int, default 15
        Length of each break; 0 for none.
    break_after : int, default 90
        A break is inserted before a block once this many minutes of work have run since the
        last break. Blocks are never split.

    Returns
    -------
    pandas.DataFrame
        Columns ``start``, ``end`` (``HH:MM``), ``minutes``, ``activity``, ``module``.
    """
    if not sessions:
        msg = "`sessions` is empty: pick at least one module (see read_sessions)."
        raise ValueError(msg)
    if not isinstance(start, str) or not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", start):
        msg = f"`start` must be a time written HH:MM between 00:00 and 23:59, got {start!r}."
        raise ValueError(msg)
    break_minutes = check_count("break_minutes", break_minutes)
    break_after = check_count("break_after", break_after)
    if break_after == 0:
        msg = "`break_after` must be at least 1 minute, got 0. Use break_minutes=0 for no breaks."
        raise ValueError(msg)
    clock = datetime.strptime(start, "%H:%M")
    rows: list[dict[str, object]] = []
    since_break = 0

    def add(minutes: int, activity: str, module: int | None) -> None:
        nonlocal clock
        end = clock + timedelta(minutes=minutes)
        rows.append(
            {
                "start": clock.strftime("%H:%M"),
                "end": end.strftime("%H:%M"),
                "minutes": minutes,
                "activity": activity,
                "module": module,
            }
        )
        clock = end

    for session in sessions:
        for part, minutes in (
            ("teaching", session.teaching_minutes),
            ("exercises", session.exercise_minutes),
        ):
            if minutes == 0:
                continue
            if break_minutes and since_break and since_break + minutes > break_after:
                add(break_minutes, "Break", None)
                since_break = 0
            add(minutes, f"Module {session.module}: {session.title} - {part}", session.module)
            since_break += minutes
    table = pd.DataFrame(rows, columns=["start", "end", "minutes", "activity", "module"])
    return table.astype({"module": "Int64"})


def to_markdown(table: pd.DataFrame, title: str = "Workshop agenda") -> str:
    """Render an :func:`agenda` table as a Markdown document an instructor can hand out.

    Examples
    --------
    >>> t = agenda([Session(3, "Internal processes", 30, 0)], start="13:00")
    >>> print(to_markdown(t))
    # Workshop agenda
    <BLANKLINE>
    | time | minutes | activity |
    | --- | --- | --- |
    | 13:00-13:30 | 30 | Module 3: Internal processes - teaching |
    <BLANKLINE>
    Total: 30 minutes (13:00 to 13:30).
    """
    lines = [f"# {title}", "", "| time | minutes | activity |", "| --- | --- | --- |"]
    for row in table.itertuples(index=False):
        lines.append(f"| {row.start}-{row.end} | {row.minutes} | {row.activity} |")
    total = int(table["minutes"].sum())
    lines += ["", f"Total: {total} minutes ({table['start'].iloc[0]} to {table['end'].iloc[-1]})."]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Attach the agenda options to ``parser``."""
    parser.add_argument("--notebooks", default="notebooks", help="folder of lesson notebooks")
    parser.add_argument(
        "--modules", type=int, nargs="+", help="module numbers in teaching order (default: all)"
    )
    parser.add_argument("--start", default="09:00", help="start time HH:MM (default 09:00)")
    parser.add_argument("--break-minutes", type=int, default=15, help="length of a break")
    parser.add_argument(
        "--break-after", type=int, default=90, help="minutes of work between breaks"
    )
    parser.add_argument("--out", help="also write the agenda to this Markdown file")


def run(args: argparse.Namespace) -> int:
    """Print the agenda (and write it with ``--out``); return 2 on a bad option."""
    try:
        sessions = read_sessions(args.notebooks, args.modules)
        table = agenda(
            sessions,
            start=args.start,
            break_minutes=args.break_minutes,
            break_after=args.break_after,
        )
    except (TypeError, ValueError) as error:
        print(f"bsckit agenda: {error}")
        return 2
    text = to_markdown(table)
    print(text)
    if args.out:
        atomic_write_text(args.out, text + "\n")
        print(f"\nWritten to {args.out}")
    return 0
