"""Workshop agenda computed from the notebooks' own timings.

Every lesson notebook declares ``teaching_minutes`` and ``exercise_minutes`` in its
``metadata.bsckit`` (see CONTRIBUTING.md); for a module with an answer key
(:mod:`bsckit.answers`) the exercise minutes are the sum of its exercises' minutes there. An instructor picks the modules and a start time;
the agenda lays the blocks out one after another and inserts a break whenever a stretch of work
reaches ``break_after`` minutes (a break never splits a block). The seven modules take about
1,170 minutes, more than a day: the agenda runs over as many days as it needs, each from
``start`` to ``day_end`` with a lunch break; a block stops for lunch or at the end of a day and
goes on after it. Change a notebook's minutes and
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
from pathlib import Path

import pandas as pd

from bsckit._atomic import atomic_write_text
from bsckit._validation import check_count

__all__ = [
    "Session",
    "add_arguments",
    "add_day_arguments",
    "agenda",
    "read_sessions",
    "run",
    "to_markdown",
]

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


_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def _clock(name: str, option: str, value: object) -> int:
    """Minutes since midnight of an ``HH:MM`` text; the error names the parameter and option."""
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        msg = (
            f"`{name}` must be a time written HH:MM between 00:00 and 23:59 (option {option}),"
            f" got {value!r}. Write it like 09:00 or 17:30."
        )
        raise ValueError(msg)
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


DEFAULT_LUNCH = "12:30"


def agenda(
    sessions: Sequence[Session],
    *,
    start: str = "09:00",
    break_minutes: int = 15,
    break_after: int = 90,
    day_end: str = "17:00",
    lunch: str | None = None,
    lunch_minutes: int = 45,
    min_piece: int = 20,
) -> pd.DataFrame:
    """Lay the sessions out in time over as many days as they need; one row per block.

    Each day runs from ``start`` to ``day_end`` with a lunch break at ``lunch``. A block that
    reaches lunch stops there and goes on after lunch; a block that reaches ``day_end`` goes on
    the next day at ``start`` (its later parts say "(continued)"). Short breaks fall between
    blocks, never inside one: a break comes before a block when the work since the last pause
    (break, lunch, start of the day) would pass ``break_after`` minutes with it and at least
    half of ``break_after`` has already run; never right before lunch or the end of the day
    (when the break would end at or after it). A block is not split into a piece shorter than
    ``min_piece`` minutes: when less than that is left before lunch or the end of the day,
    lunch comes early or the day ends early; when a split would leave less than that after the
    pause, the piece before it is shortened (except right after a pause, where the time is used).

    Parameters
    ----------
    sessions : sequence of Session
        In the order they will be taught.
    start : str, default "09:00"
        Start of each day, ``HH:MM`` (24-hour clock).
    break_minutes : int, default 15
        Length of each short break; 0 for none.
    break_after : int, default 90
        Minutes of work after which a break comes before the next block (see above).
    day_end : str, default "17:00"
        End of each day, ``HH:MM``, later than ``start``.
    lunch : str, optional
        Lunch time, ``HH:MM``, after ``start``, with the lunch over by ``day_end``. Default
        12:30 when the day starts before it (and no lunch when the day starts later).
    lunch_minutes : int, default 45
        Length of lunch; 0 for no lunch.
    min_piece : int, default 20
        Shortest piece a block is split into at lunch or the end of a day; 0 splits anywhere.

    Returns
    -------
    pandas.DataFrame
        Columns ``day`` (1, 2, ...), ``start``, ``end`` (``HH:MM``), ``minutes``,
        ``activity``, ``module``.

    Examples
    --------
    >>> t = agenda([Session(1, "Alignment", 120, 200)], start="09:00", day_end="13:00",
    ...            lunch="11:30", lunch_minutes=30, break_minutes=0)
    >>> t[["day", "start", "end", "activity"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [[1, '09:00', '11:00', 'Module 1: Alignment - teaching'],
     [1, '11:00', '11:30', 'Module 1: Alignment - exercises'],
     [1, '11:30', '12:00', 'Lunch'],
     [1, '12:00', '13:00', 'Module 1: Alignment - exercises (continued)'],
     [2, '09:00', '10:50', 'Module 1: Alignment - exercises (continued)']]
    >>> agenda([Session(1, "Alignment", 60, 0)], day_end="5pm")
    Traceback (most recent call last):
    ...
    ValueError: `day_end` must be a time written HH:MM between 00:00 and 23:59 (option --day-end), got '5pm'. Write it like 09:00 or 17:30.
    """
    if not sessions:
        msg = "`sessions` is empty: pick at least one module (see read_sessions)."
        raise ValueError(msg)
    first = _clock("start", "--start", start)
    last = _clock("day_end", "--day-end", day_end)
    if last <= first:
        msg = (
            f"`day_end` must be later than `start` ({start}) (option --day-end), got {day_end!r}."
            " Set --day-end to the time the day ends, HH:MM, after --start."
        )
        raise ValueError(msg)
    break_minutes = check_count("break_minutes", break_minutes)
    break_after = check_count("break_after", break_after)
    lunch_minutes = check_count("lunch_minutes", lunch_minutes)
    min_piece = check_count("min_piece", min_piece)
    if break_after == 0:
        msg = "`break_after` must be at least 1 minute, got 0. Use break_minutes=0 for no breaks."
        raise ValueError(msg)
    lunch_at: int | None
    if lunch_minutes == 0:
        lunch_at = None
    elif lunch is None:
        default = _clock("lunch", "--lunch", DEFAULT_LUNCH)
        lunch_at = default if first < default and default + lunch_minutes <= last else None
    else:
        lunch_at = _clock("lunch", "--lunch", lunch)
        if not first < lunch_at or lunch_at + lunch_minutes > last:
            msg = (
                f"`lunch` must fall inside the day, after `start` ({start}) and over by `day_end`"
                f" ({day_end}) with lunch_minutes={lunch_minutes} (option --lunch), got {lunch!r}."
                " Set --lunch to a time HH:MM in that span, or --lunch-minutes 0 for no lunch."
            )
            raise ValueError(msg)
    rows: list[dict[str, object]] = []
    day, clock, since_break = 1, first, 0
    lunch_today = lunch_at  # when today's lunch starts; None once it is over (or no lunch)
    lunch_end = None  # when today's lunch ended

    def add(minutes: int, activity: str, module: int | None) -> None:
        nonlocal clock
        rows.append(
            {
                "day": day,
                "start": _hhmm(clock),
                "end": _hhmm(clock + minutes),
                "minutes": minutes,
                "activity": activity,
                "module": module,
            }
        )
        clock += minutes

    for session in sessions:
        for part, minutes in (
            ("teaching", session.teaching_minutes),
            ("exercises", session.exercise_minutes),
        ):
            label = f"Module {session.module}: {session.title} - {part}"
            left, continued = minutes, False
            while left > 0:
                if lunch_today is not None and clock >= lunch_today:
                    add(lunch_minutes, "Lunch", None)
                    lunch_today, lunch_end, since_break = None, clock, 0
                    continue
                if clock >= last:
                    day, clock, since_break = day + 1, first, 0
                    lunch_today, lunch_end = lunch_at, None
                    continue
                stop = last if lunch_today is None else lunch_today
                piece = min(left, stop - clock)
                if (
                    break_minutes
                    and 2 * since_break >= break_after
                    and since_break + piece > break_after
                    and clock + break_minutes + min(left, min_piece) <= stop
                ):
                    add(break_minutes, "Break", None)
                    since_break = 0
                    piece = min(left, stop - clock)
                if piece < left:  # the block is split here: no scrap on either side
                    shorter = min(piece, left - min_piece)
                    if shorter >= min_piece:
                        piece = shorter
                    elif clock not in (
                        first,
                        lunch_end,
                    ):  # lunch comes early, or the day ends early
                        if lunch_today is None:
                            clock = last
                        else:
                            lunch_today = clock
                        continue
                add(piece, label + (" (continued)" if continued else ""), session.module)
                since_break += piece
                left -= piece
                continued = True
    table = pd.DataFrame(rows, columns=["day", "start", "end", "minutes", "activity", "module"])
    return table.astype({"module": "Int64", "day": "int64"})


def to_markdown(table: pd.DataFrame, title: str = "Workshop agenda") -> str:
    """Render an :func:`agenda` table as a Markdown document an instructor can hand out.

    One table per day, under ``## Day N``, when the agenda takes more than one day.

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
    days = sorted(table["day"].unique()) if "day" in table else [1]
    lines = [f"# {title}"]
    for day in days:
        part = table[table["day"] == day] if "day" in table else table
        if len(days) > 1:
            lines += ["", f"## Day {day}"]
        lines += ["", "| time | minutes | activity |", "| --- | --- | --- |"]
        for row in part.itertuples(index=False):
            lines.append(f"| {row.start}-{row.end} | {row.minutes} | {row.activity} |")
    if len(days) == 1:
        total = int(table["minutes"].sum())
        lines += [
            "",
            f"Total: {total} minutes ({table['start'].iloc[0]} to {table['end'].iloc[-1]}).",
        ]
    else:
        work = int(table.loc[table["module"].notna(), "minutes"].sum())
        lines += [
            "",
            f"Total: {len(days)} days, {work} minutes of teaching and exercises"
            f" (day 1 starts {table['start'].iloc[0]}; day {days[-1]} ends {table['end'].iloc[-1]}).",
        ]
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
    add_day_arguments(parser)
    parser.add_argument("--out", help="also write the agenda to this Markdown file")


def add_day_arguments(parser: argparse.ArgumentParser) -> None:
    """Attach the options of the working day (``--day-end``, ``--lunch``, ``--lunch-minutes``)."""
    parser.add_argument("--day-end", default="17:00", help="end of each day HH:MM (default 17:00)")
    parser.add_argument(
        "--lunch",
        default=None,
        help=f"lunch time HH:MM (default {DEFAULT_LUNCH} when the day starts before it)",
    )
    parser.add_argument(
        "--lunch-minutes", type=int, default=45, help="length of lunch (default 45; 0 for none)"
    )
    parser.add_argument(
        "--min-piece",
        type=int,
        default=20,
        help="shortest piece a block is split into at lunch or the day's end (default 20)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the agenda (and write it with ``--out``); return 2 on a bad option."""
    try:
        sessions = read_sessions(args.notebooks, args.modules)
        table = agenda(
            sessions,
            start=args.start,
            break_minutes=args.break_minutes,
            break_after=args.break_after,
            day_end=args.day_end,
            lunch=args.lunch,
            lunch_minutes=args.lunch_minutes,
            min_piece=args.min_piece,
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
