"""Model the minutes a learner new to the kit needs, per lesson and per exercise.

Not a timed test: a script that reads the committed notebooks and answer keys and prints, for
every lesson notebook and every exercise, the stated minutes (``metadata.bsckit`` and
``bsckit/answers/moduleN.py``) beside the minutes this model gives, flagging differences over
30 %. It also drives every known mistake of every exercise through the exercise's check and
counts how many get their own diagnosis.

Run from the repository root::

    .venv/bin/python benchmarks/bench_learner_minutes.py              # modules 1-7
    .venv/bin/python benchmarks/bench_learner_minutes.py --modules 3 4
    .venv/bin/python benchmarks/bench_learner_minutes.py --think 4   # another thinking time

The model (figures and sources; benchmarks/README.md has the same table)
-------------------------------------------------------------------------
Reading prose
    238 words per minute: the average silent reading rate of adults for English non-fiction,
    meta-analysis of 190 studies (Brysbaert, M. 2019, "How many words do we read per minute? A
    review and meta-analysis of reading rate", Journal of Memory and Language 109, 104047).
Reading code and technical output
    200 words per minute: Carver's "learning" process, slower than ordinary reading (rauding)
    (Carver, R. P. 1992, "Reading rate: Theory, research, and practical implications", Journal
    of Reading 36(2), 84-95). Code has no words, so it is counted in Carver's standard-length
    words of 6 characters (letters, spaces and symbols).
Typing code
    130 characters per minute (0.46 s a character). An assumption: no published rate for
    learners typing pandas code was found. It lies between the keystroke-level model's K for an
    average non-secretary typist (0.28 s, 214 characters a minute) and for typing random
    letters (0.50 s, 120 a minute): code is full of brackets, quotes and names a newcomer
    copies letter by letter. Comment lines of a solution are not typed.
Running cells, widgets and charts: keystroke-level model (KLM)
    Card, S. K., Moran, T. P. and Newell, A. 1980, "The keystroke-level model for user
    performance time with interactive systems", Communications of the ACM 23(7), 396-410:
    K 0.28 s (average non-secretary typist), P 1.1 s (point with the mouse), B 0.1 s (mouse
    button down or up), H 0.4 s (hand between mouse and keyboard), M 1.35 s (mental
    preparation). Running a cell is M P B B H K K (decide, point at the cell, click, move to the
    keyboard, Shift+Enter): 3.61 s. Setting one widget field is M H P B B H + 6 K (a short
    value typed or a slider moved): 5.13 s; each quiz item adds reading its text.
Reading output
    Text output (tables, check messages) at the code rate, at most 150 standard words per
    output: a learner scans a long table rather than reading every cell (an assumption). A chart
    costs 6 M (8.1 s: title, axes, the pattern, the outliers, the legend, the reading it
    supports; an assumption in KLM units); its alt text is read as prose.
Thinking (an assumption)
    2 minutes per checked part before the first try: choosing the table, the grouping and the
    function. No source measures this for the kit; it is named here so it can be changed.
One wrong attempt per checked part (CONTRIBUTING.md: "wrong attempts first")
    Read the diagnosis the check prints for a known mistake (prose rate), 1 minute to think
    again (an assumption), retype 30 % of the solution (an assumption: one expression of it) and
    run the cell again. The diagnosis is the real text: every known mistake with a computed
    answer is driven through the check, and the mean length of the diagnoses is used.

The lesson model counts a learner reading the lesson alone: prose and code read, every cell
run, every output read and every chart looked at; instructor-tagged cells are left out.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

__all__ = [
    "CHART_SECONDS",
    "CODE_CPM",
    "CODE_WPM",
    "KLM",
    "PROSE_WPM",
    "RUN_CELL_SECONDS",
    "WIDGET_INPUT_SECONDS",
    "ExerciseModel",
    "code_words",
    "differs",
    "drive_mistakes",
    "lesson_minutes",
    "model_exercises",
    "prose_words",
    "reading_minutes",
    "solution_code",
    "split_parts",
    "typing_minutes",
    "wrong_attempt_minutes",
]

PROSE_WPM = 238.0
"""Silent reading of English non-fiction, words a minute (Brysbaert 2019)."""
CODE_WPM = 200.0
"""Reading to learn, technical text and code, standard words a minute (Carver 1992)."""
STANDARD_WORD_CHARS = 6
"""Characters of one standard-length word (Carver): code is counted in these."""
CODE_CPM = 130.0
"""Typing code, characters a minute (an assumption; see the module docstring)."""

KLM = {"K": 0.28, "P": 1.1, "B": 0.1, "H": 0.4, "M": 1.35}
"""Keystroke-level model operators in seconds (Card, Moran and Newell 1980)."""
RUN_CELL_SECONDS = KLM["M"] + KLM["P"] + 2 * KLM["B"] + KLM["H"] + 2 * KLM["K"]
"""Decide, point at the cell, click, hand to the keyboard, Shift+Enter (M P B B H K K)."""
WIDGET_INPUT_SECONDS = KLM["M"] + 2 * KLM["H"] + KLM["P"] + 2 * KLM["B"] + 6 * KLM["K"]
"""One widget field: M H P B B H and six keystrokes."""
CHART_SECONDS = 6 * KLM["M"]
"""Looking at one chart (an assumption in KLM units: six mental operators)."""
OUTPUT_WORDS_CAP = 150
"""At most this many standard words of one output are read (an assumption)."""

THINK_MINUTES_PER_PART = 2.0
"""Planning the method before the first try, per checked part (an assumption)."""
RETHINK_MINUTES = 1.0
"""Thinking again after a diagnosis (an assumption)."""
REWORK_SHARE = 0.3
"""Share of the solution retyped after a wrong attempt (an assumption)."""
FLAG_SHARE = 0.30
"""Differences over this share of the stated minutes are flagged."""

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*")
_CHECK_ID = re.compile(r"""ex\.check\(\s*["']([0-9]+\.[0-9]+[a-z]?)["']""")
_HEADING = re.compile(r"^###\s+Exercise\s+([0-9]+\.[0-9]+)\b", re.MULTILINE)


# -- the pieces -------------------------------------------------------------------------------
def prose_words(markdown: str) -> int:
    """Words of a markdown text a reader reads: markup, links' targets and tags left out.

    Examples
    --------
    >>> prose_words("## Exercise 3.4: the *monthly* defect rate [link](https://x.org/a-b)")
    7
    >>> prose_words("It's a 2-part task.")
    4
    """
    text = re.sub(r"\]\([^)]*\)", "]", markdown)  # a link's target is not read
    text = re.sub(r"<[^>]+>", " ", text)  # html tags (claim tags keep their words)
    return len(_WORD.findall(text))


def code_words(code: str) -> float:
    """Standard-length words (6 characters, Carver) of code, leading indentation left out.

    Examples
    --------
    >>> code_words("x = 1")
    0.8333333333333334
    >>> code_words("    abcdef\\n")
    1.0
    """
    chars = sum(len(line.strip()) for line in code.splitlines())
    return chars / STANDARD_WORD_CHARS


def reading_minutes(words: float, wpm: float = PROSE_WPM) -> float:
    """Minutes to read ``words`` at ``wpm`` words a minute.

    Examples
    --------
    >>> reading_minutes(476)
    2.0
    >>> reading_minutes(100, wpm=200)
    0.5
    """
    if wpm <= 0:
        msg = f"`wpm` must be above 0, got {wpm!r}; use a reading rate such as 238."
        raise ValueError(msg)
    return words / wpm


def typing_minutes(code: str, cpm: float = CODE_CPM) -> float:
    """Minutes to type ``code``: its characters without indentation, blank or comment lines.

    Examples
    --------
    >>> typing_minutes("# a comment\\n    total = a + b\\n")
    0.1
    """
    lines = [line.strip() for line in code.splitlines()]
    chars = sum(len(line) for line in lines if line and not line.startswith("#"))
    return chars / cpm


def solution_code(source: str) -> str:
    """The lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (what the learner types).

    Examples
    --------
    >>> solution_code("a = 1\\n### BEGIN SOLUTION\\nb = a\\n### END SOLUTION\\nex.check('1.1', b)")
    'b = a'
    """
    return _code_of(source, "solution")


def _given_code(source: str) -> str:
    """The code of a cell outside the solution block (the learner reads it)."""
    return _code_of(source, "code")


def _code_of(source: str, kind: str) -> str:
    """The ``kind`` pieces of a cell, split the way ``bsckit exercises`` splits it."""
    from bsckit.course.exercises import _split_blocks

    return "\n".join(text for k, _indent, text in _split_blocks(source) if k == kind and text)


def wrong_attempt_minutes(diagnosis_words: float, solution_chars: int) -> float:
    """One wrong attempt: read the diagnosis, think again, retype part of the solution, rerun.

    Examples
    --------
    >>> round(wrong_attempt_minutes(119, 0) - RUN_CELL_SECONDS / 60, 6)  # 0.5 min + 1 min
    1.5
    """
    return (
        reading_minutes(diagnosis_words, PROSE_WPM)
        + RETHINK_MINUTES
        + REWORK_SHARE * solution_chars / CODE_CPM
        + RUN_CELL_SECONDS / 60
    )


def differs(stated: float, modelled: float, share: float = FLAG_SHARE) -> bool:
    """Whether ``modelled`` is more than ``share`` of ``stated`` away from it.

    Examples
    --------
    >>> differs(10, 13), differs(10, 13.5), differs(10, 6.9)
    (False, True, True)
    """
    return abs(modelled - stated) > share * stated


def split_parts(total: int, stated: list[int], floor: int = 3) -> list[int]:
    """Share whole ``total`` minutes among parts in proportion to their ``stated`` minutes.

    Largest remainders get the spare minutes; no part gets fewer than ``floor``.

    Examples
    --------
    >>> split_parts(15, [6, 5])
    [8, 7]
    >>> split_parts(6, [5, 5])
    [3, 3]
    >>> sum(split_parts(19, [7, 6]))
    19
    """
    if len(stated) == 1:
        return [max(total, floor)]
    raw = [total * s / sum(stated) for s in stated]
    shares = [max(int(r), floor) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    for i in order:
        if sum(shares) >= total:
            break
        shares[i] += 1
    return shares


# -- output of executed cells -----------------------------------------------------------------
def _is_chart(output: dict) -> bool:
    return any("vegalite" in kind or kind.startswith("image/") for kind in output.get("data", {}))


def _output_seconds(cell: dict) -> float:
    """Seconds to read a cell's outputs: text at the code rate (capped), charts in KLM units."""
    seconds = 0.0
    for output in cell.get("outputs", []):
        if _is_chart(output):
            seconds += CHART_SECONDS
            continue
        if output.get("output_type") == "stream":
            text = "".join(output.get("text", ""))
        else:
            text = "".join(output.get("data", {}).get("text/plain", ""))
            if "application/vnd.jupyter.widget-view+json" in output.get("data", {}):
                text = ""  # a widget: its fields are counted as inputs
        words = min(code_words(text), OUTPUT_WORDS_CAP)
        seconds += 60 * reading_minutes(words, CODE_WPM)
    return seconds


def _tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def lesson_minutes(notebook: dict) -> dict[str, float]:
    """Minutes a learner needs to work through a lesson notebook alone, by activity.

    Markdown is read at the prose rate, code at the code rate, every code cell is run and its
    outputs read; cells tagged ``instructor`` are left out.
    """
    parts = {"read prose": 0.0, "read code": 0.0, "run cells": 0.0, "read output": 0.0}
    for cell in notebook["cells"]:
        if "instructor" in _tags(cell):
            continue
        if cell["cell_type"] == "markdown":
            parts["read prose"] += reading_minutes(prose_words(_source(cell)))
        elif cell["cell_type"] == "code":
            parts["read code"] += reading_minutes(code_words(_source(cell)), CODE_WPM)
            parts["run cells"] += RUN_CELL_SECONDS / 60
            parts["read output"] += _output_seconds(cell) / 60
    return parts


# -- exercises --------------------------------------------------------------------------------
@dataclass
class ExerciseModel:
    """One ``### Exercise N.k`` section of a solution notebook and its modelled minutes."""

    number: str
    parts: list[str]
    stated: int
    minutes: dict[str, float] = field(default_factory=dict)
    solution_chars: int = 0
    driven: int = 0
    diagnosed: int = 0
    pattern_only: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def modelled(self) -> float:
        """Total modelled minutes."""
        return sum(self.minutes.values())


def _widget_inputs(source: str, counts: dict[str, int]) -> float:
    """Widget fields a learner sets by hand, read off a ``solution-only`` cell.

    Each ``x.value = ...`` is one field (a text longer than six characters adds its extra
    keystrokes, as a share of a field); inside a loop over ``quiz.items`` it counts once per
    item of that quiz (``counts``: widget variable -> number of items).

    Examples
    --------
    >>> _widget_inputs("a.value = 1\\nb.value = 'x'", {})
    2.0
    >>> _widget_inputs("for i, a in zip(quiz.items, quiz.answers):\\n    a.value = i.answer", {"quiz": 10})
    10.0
    """
    tree = ast.parse(source)
    total = 0.0

    def fields(nodes: list[ast.stmt]) -> float:
        n = 0.0
        for node in nodes:
            for sub in ast.walk(node):
                if isinstance(sub, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr == "value" for t in sub.targets
                ):
                    n += 1
                    # a typed text (an objective's name) costs a keystroke a character beyond
                    # the six of WIDGET_INPUT_SECONDS
                    if isinstance(sub.value, ast.Constant) and isinstance(sub.value.value, str):
                        extra = max(len(sub.value.value) - 6, 0)
                        n += extra * KLM["K"] / WIDGET_INPUT_SECONDS
        return n

    for node in tree.body:
        if isinstance(node, ast.For):
            names = {
                n.value.id
                for n in ast.walk(node.iter)
                if isinstance(n, ast.Attribute)
                and n.attr == "items"
                and isinstance(n.value, ast.Name)
            }
            times = max((counts.get(name, 1) for name in names), default=1)
            total += times * fields(node.body)
        else:
            total += fields([node])
    return total


def _quizzes(notebook: dict) -> dict[str, Any]:
    """Quiz variable -> the quiz, built as the notebook builds it (with the kit's imports)."""
    from bsckit.widgets import LeadingLaggingQuiz

    namespace: dict[str, Any] = {}
    code = [_source(c) for c in notebook["cells"] if c["cell_type"] == "code"]
    for line in "\n".join(code).splitlines():
        if line.startswith(("from bsckit", "import bsckit")):
            try:
                exec(line, namespace)  # the kit's own import lines
            except (ImportError, SyntaxError):
                continue
    found: dict[str, Any] = {}
    for src in code:
        for match in re.finditer(r"^(\w+) = (LeadingLaggingQuiz\(.*\))$", src, re.M):
            quiz = eval(match.group(2), namespace)  # the kit's own notebook code
            if isinstance(quiz, LeadingLaggingQuiz):
                found[match.group(1)] = quiz
    return found


def _sections(notebook: dict) -> dict[str, list[dict]]:
    """Exercise number -> the cells from its ``### Exercise`` heading to the next one."""
    sections: dict[str, list[dict]] = {}
    current: str | None = None
    for cell in notebook["cells"]:
        src = _source(cell)
        if cell["cell_type"] == "markdown":
            heading = _HEADING.search(src)
            if heading:
                current = heading.group(1)
                sections[current] = []
                # text of the cell before the heading (a topic's introduction) belongs to
                # the topic; the task starts at the heading
                cell = {**cell, "source": src[heading.start() :]}
            elif re.match(r"^##\s+(Key points|Review questions|Key terms)", src):
                current = None
        if current is not None:
            sections[current].append(cell)
    return sections


def drive_mistakes(ex: Any, part: str, using: Any = None) -> tuple[int, int, int, list[float]]:
    """Drive each known mistake of ``part`` with a computed answer through its check.

    Returns ``(driven, diagnosed, pattern_only, diagnosis_words)``: mistakes with an answer
    that were run, those whose result named that mistake and printed its hint, mistakes given
    only as a pattern (``matches=``; the tests drive them with a widget state), and the
    prose words of each diagnosis printed.
    """
    from bsckit.check import reset_checks

    key = ex.key(part, using)
    driven = diagnosed = pattern_only = 0
    words: list[float] = []
    for mistake in key.mistakes:
        if mistake.answer is None:
            pattern_only += 1
            continue
        reset_checks()
        result = key.run(mistake.answer, show=False)
        driven += 1
        if result.mistake == mistake.name and mistake.hint in result.message:
            diagnosed += 1
            words.append(prose_words(result.message))
    reset_checks()
    return driven, diagnosed, pattern_only, words


def model_exercises(module: int, root: Path = ROOT) -> list[ExerciseModel]:
    """Model every exercise of a module from its solution notebook and answer key."""
    import importlib

    from bsckit.answers import MODULES, exercises

    (path,) = sorted((root / "solutions").glob(f"{module:02d}_*.ipynb"))
    notebook = json.loads(path.read_text(encoding="utf-8"))
    key_module = importlib.import_module(MODULES[module])
    stated = {e.id: e.minutes for e in key_module.EXERCISES}
    uses = {e.id: e.uses for e in key_module.EXERCISES}
    ex = exercises(module)  # the committed datasets/, default parameters
    quizzes = _quizzes(notebook)
    sizes = {name: len(quiz.items) for name, quiz in quizzes.items()}
    models = []
    for number, cells in _sections(notebook).items():
        parts = [p for p in stated if re.fullmatch(re.escape(number) + r"[a-z]?", p)]
        model = ExerciseModel(number, parts, sum(stated[p] for p in parts))
        m = dict.fromkeys(
            ["read task", "read code", "type", "widgets", "run", "read output", "think", "wrong"],
            0.0,
        )
        for cell in cells:
            src = _source(cell)
            tags = _tags(cell)
            if "instructor" in tags:
                continue
            if cell["cell_type"] == "markdown":
                if "solution" not in tags:
                    m["read task"] += reading_minutes(prose_words(src))
                continue
            if "solution-only" in tags:
                m["widgets"] += _widget_inputs(src, sizes) * WIDGET_INPUT_SECONDS / 60
                continue
            typed = src if "solution" in tags else solution_code(src)
            model.solution_chars += round(typing_minutes(typed) * CODE_CPM)
            m["type"] += typing_minutes(typed)
            if "solution" not in tags:
                m["read code"] += reading_minutes(code_words(_given_code(src)), CODE_WPM)
            m["run"] += RUN_CELL_SECONDS / 60
            m["read output"] += _output_seconds(cell) / 60
        # a quiz's items (measure, process, the why shown after) are read as prose
        for name, quiz in quizzes.items():
            if any(re.search(rf"^{name} = ", _source(c), re.M) for c in cells):
                words = sum(prose_words(f"{i.measure} {i.process} {i.why}") for i in quiz.items)
                m["read task"] += reading_minutes(words)
        m["think"] = THINK_MINUTES_PER_PART * len(parts)
        per_part_chars = model.solution_chars / max(len(parts), 1)
        for part in parts:
            using = None
            if uses[part]:
                using = ex.key(uses[part]).expected
            driven, diagnosed, pattern_only, words = drive_mistakes(ex, part, using)
            model.driven += driven
            model.diagnosed += diagnosed
            model.pattern_only += pattern_only
            if diagnosed < driven:
                model.problems.append(f"{part}: {driven - diagnosed} mistake(s) not diagnosed")
            mean_words = sum(words) / len(words) if words else _hint_words(ex, part, using)
            m["wrong"] += wrong_attempt_minutes(mean_words, int(per_part_chars))
        model.minutes = m
        models.append(model)
    return models


def _hint_words(ex: Any, part: str, using: Any) -> float:
    """Mean prose words of a part's mistake hints (for parts with pattern mistakes only)."""
    hints = [prose_words(m.hint) for m in ex.key(part, using).mistakes]
    return sum(hints) / len(hints)


# -- the report -------------------------------------------------------------------------------
def _flag(stated: float, modelled: float) -> str:
    if not differs(stated, modelled):
        return ""
    return "**over 30 %**"


def main(argv: list[str] | None = None) -> int:
    """Print the lesson and exercise tables; return 0."""
    global THINK_MINUTES_PER_PART  # a what-if run of the script, not a library
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, nargs="*", default=list(range(1, 8)))
    parser.add_argument(
        "--think",
        type=float,
        default=THINK_MINUTES_PER_PART,
        help="thinking minutes per checked part, the assumption the verdict leans on most "
        f"(default {THINK_MINUTES_PER_PART})",
    )
    args = parser.parse_args(argv)
    THINK_MINUTES_PER_PART = args.think
    os.environ.setdefault("BSCKIT_WORKSPACE", tempfile.mkdtemp(prefix="bench-minutes-"))

    print("## Lessons: stated teaching minutes against a learner reading alone\n")
    print("| module | stated | modelled | prose | code | run | output | flag |")
    print("|---|---|---|---|---|---|---|---|")
    for module in args.modules:
        (path,) = sorted((ROOT / "notebooks").glob(f"{module:02d}_*.ipynb"))
        notebook = json.loads(path.read_text(encoding="utf-8"))
        stated = notebook["metadata"]["bsckit"]["teaching_minutes"]
        parts = lesson_minutes(notebook)
        total = sum(parts.values())
        print(
            f"| {module} | {stated} | {total:.1f} | {parts['read prose']:.1f} | "
            f"{parts['read code']:.1f} | {parts['run cells']:.1f} | {parts['read output']:.1f} "
            f"| {_flag(stated, total)} |"
        )

    print("\n## Exercises: stated minutes against the model\n")
    print(
        "| exercise | parts | stated | modelled | task | code | type | widgets | run | output "
        "| think | wrong | mistakes driven / diagnosed (pattern-only) | flag |"
    )
    print("|" + "---|" * 14)
    driven = diagnosed = pattern = 0
    problems: list[str] = []
    for module in args.modules:
        for e in model_exercises(module):
            m = e.minutes
            print(
                f"| {e.number} | {' '.join(e.parts)} | {e.stated} | {e.modelled:.1f} | "
                f"{m['read task']:.1f} | {m['read code']:.1f} | {m['type']:.1f} | "
                f"{m['widgets']:.1f} | {m['run']:.1f} | {m['read output']:.1f} | "
                f"{m['think']:.1f} | {m['wrong']:.1f} | {e.driven} / {e.diagnosed} "
                f"({e.pattern_only}) | {_flag(e.stated, e.modelled)} |"
            )
            driven += e.driven
            diagnosed += e.diagnosed
            pattern += e.pattern_only
            problems.extend(e.problems)
    print(
        f"\nKnown mistakes driven through their checks: {driven}, diagnosed with their own hint: "
        f"{diagnosed}; {pattern} more are patterns (matches=) driven by the answer-key tests "
        "with widget states."
    )
    for problem in problems:
        print(f"- {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
