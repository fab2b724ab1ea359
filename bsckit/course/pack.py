"""The instructor pack: one command that prepares a workshop, offline.

``bsckit pack --out DIR [--teams N] [--modules 3 ...] [--start 09:00]`` writes ``DIR/`` and
``DIR.zip`` beside it:

=========================  ========================================================================
``README.md``              what is where, and the teams' seeds
``agenda.md``              the timetable from the notebooks' minutes (:mod:`bsckit.course.agenda`)
``facilitator/``           per module, Markdown + printable HTML (+ PDF): timing tips, discussion
                           prompts, each exercise with the hints its check gives and the known
                           mistakes with what to say, the notebooks' ``instructor`` cells - kept
                           apart from learner text
``answer-keys/``           the executed solution notebooks, and a printable HTML copy of each
``handouts/``              the exercises as printable HTML + PDF (learner text only), and the
                           toolkit's blank worksheets
``teams/team-NN/``         one complete course build per team (:func:`bsckit.course.build.build`):
                           data, notebooks, exercises, solutions, each on its own seed
                           (``first_seed + team - 1``), and the toolkit (``toolkit/``: README,
                           worksheet notebooks and their specs); ``teams/teams.csv`` lists them
=========================  ========================================================================

Nothing is fetched (the builds generate their data; charts are inline SVG). An output folder
that already holds files, or an existing zip, is refused unless ``force`` (``--force``): the
pack may hold an instructor's edits. Progress goes to stderr, one line per step.

Known mistakes
--------------
The exercises' known mistakes, hints and success texts come from a *provider*:
``provider(module: int, data_dir: Path) -> dict`` mapping an exercise id (``"3.4"``) to
``{"title", "minutes", "mistakes": [{"mistake", "say"}], "hints": [...], "success"}``.
The default, :func:`answer_key_notes`, reads the answer keys of :mod:`bsckit.answers` (each
exercise's :class:`~bsckit.check.Check`: its ``mistakes`` with their hints, its general hints
and success text, computed on the kit's default data). When no answer key exists for a module,
the notes fall back to the solution notebook: each ``### Exercise N.k`` heading and the
``check(..., hints=[...], success=...)`` calls under it, and say that no known mistakes are
recorded. :func:`read_known_mistakes` is the one place that calls the provider.

Examples
--------
>>> md = "## Review questions\\n\\n1. Why?\\n2. How?\\n\\n## Key terms\\n"
>>> section(md, "Review questions")
'1. Why?\\n2. How?'
>>> exercise_minutes_stated("*About 6 minutes.* Do it.")
6
>>> team_seeds(3, first_seed=101)
[(1, 101), (2, 102), (3, 103)]
"""

from __future__ import annotations

import argparse
import ast
import csv
import importlib
import io
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

__all__ = [
    "KNOWN_MISTAKES_PROVIDER",
    "ExerciseNote",
    "ModuleNotes",
    "PackReport",
    "add_arguments",
    "answer_key_notes",
    "build_pack",
    "copy_toolkit",
    "exercise_minutes_stated",
    "facilitator_markdown",
    "module_notes",
    "read_known_mistakes",
    "run",
    "section",
    "team_seeds",
]

HELP = "write an instructor pack: agenda, facilitator notes, answer keys, team builds, handouts"

#: ``"module:function"`` giving known mistakes per exercise (see the module docstring).
KNOWN_MISTAKES_PROVIDER = "bsckit.course.pack:answer_key_notes"


@dataclass
class ExerciseNote:
    """One exercise as the facilitator sees it."""

    number: str
    title: str
    minutes: int | None = None
    checks: list[dict[str, Any]] = field(default_factory=list)  # name, hints, success
    mistakes: list[dict[str, str]] = field(default_factory=list)  # mistake, say
    note: str = ""


@dataclass
class ModuleNotes:
    """Everything the facilitator notes of one module hold."""

    module: int
    title: str
    teaching_minutes: int
    exercise_minutes: int
    instructor_cells: list[str] = field(default_factory=list)
    discussion: str = ""
    exercises: list[ExerciseNote] = field(default_factory=list)
    mistakes_source: str = ""


@dataclass
class PackReport:
    """What :func:`build_pack` wrote."""

    out_dir: Path
    zip_path: Path | None = None
    teams: list[tuple[int, int, str]] = field(default_factory=list)  # team, seed, status
    pdfs: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


# -- reading the notebooks ----------------------------------------------------------------------
def section(markdown: str, heading: str) -> str:
    """The text under ``## heading`` up to the next heading of the same or higher level."""
    match = re.search(
        rf"^(#+)\s*{re.escape(heading)}\s*$(.*?)(?=^#{{1,2}}\s|\Z)",
        markdown,
        re.MULTILINE | re.DOTALL | re.IGNORECASE,
    )
    return match.group(2).strip() if match else ""


def exercise_minutes_stated(text: str) -> int | None:
    """The minutes an exercise's text states (``*About 6 minutes.*``), or None."""
    match = re.search(r"about\s+(\d+)\s+min", text, re.IGNORECASE)
    return int(match.group(1)) if match else None


def team_seeds(teams: int, *, first_seed: int = 101) -> list[tuple[int, int]]:
    """(team number, seed) for each team: seeds ``first_seed``, ``first_seed + 1``, ..."""
    from bsckit._validation import check_count

    teams = check_count("teams", teams)
    first_seed = check_count("first_seed", first_seed)
    return [(k, first_seed + k - 1) for k in range(1, teams + 1)]


def _literal(node: ast.AST) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError):
        return None


def _checks_in(source: str) -> list[dict[str, Any]]:
    """The ``check(name, ..., hints=[...], success=...)`` calls in a code cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check" and node.args:
            name = _literal(node.args[0])
            keywords = {k.arg: _literal(k.value) for k in node.keywords if k.arg}
            found.append(
                {
                    "name": name if isinstance(name, str) else "",
                    "hints": [h for h in keywords.get("hints") or [] if isinstance(h, str)],
                    "success": keywords.get("success") or "",
                }
            )
    return found


def answer_key_notes(module: int, data_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    """Known mistakes, hints and success text of every exercise, from :mod:`bsckit.answers`.

    ``{}`` when the kit has no answer-key package or no key for ``module``. A key that cannot
    be computed alone (a part checked against the learner's earlier answer) keeps its title
    and minutes, with a note.
    """
    try:
        answers = importlib.import_module("bsckit.answers")
    except ImportError:
        return {}
    if module not in getattr(answers, "MODULES", {}):
        return {}
    bound = answers.exercises(module, data_dir=data_dir)
    out: dict[str, dict[str, Any]] = {}
    for item in bound.items.values():
        entry: dict[str, Any] = {"title": item.title, "minutes": item.minutes}
        try:
            check = bound.key(item.id)
        except Exception as error:  # any failure of one key must not stop the pack
            entry["note"] = (
                f"its check is computed from the learner's answer to {getattr(item, 'uses', None) or 'an earlier part'} ({type(error).__name__})"
            )
        else:
            entry["mistakes"] = [
                {"mistake": str(m.name).replace("_", " "), "say": str(m.hint)}
                for m in getattr(check, "mistakes", ())
            ]
            entry["hints"] = [str(h) for h in getattr(check, "hints", ())]
            entry["success"] = str(getattr(check, "success", ""))
        out[str(item.id)] = entry
    return out


def read_known_mistakes(
    module: int,
    provider: str | Callable[..., Any] | None = KNOWN_MISTAKES_PROVIDER,
    data_dir: Path | None = None,
) -> tuple[dict[str, dict[str, Any]], str]:
    """Per-exercise notes of ``module`` from ``provider``; and a label of where they came from.

    Returns ``({}, reason)`` when the provider is missing or has nothing for the module.
    Mistake entries without a ``mistake`` text are skipped, so the notes never show an
    empty line.
    """
    if provider is None:
        return {}, "no known-mistakes source configured"
    if isinstance(provider, str):
        module_name, _, attr = provider.partition(":")
        try:
            func = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError):
            return {}, f"known-mistakes source {provider} is not available"
        label = provider
    else:
        func, label = provider, getattr(provider, "__name__", "provider")
    raw = func(module, data_dir) or {}
    if not raw:
        return {}, f"{label} has no answer key for module {module}"
    out: dict[str, dict[str, Any]] = {}
    for number, entry in raw.items():
        entry = dict(entry or {})
        entry["mistakes"] = [
            {"mistake": str(e["mistake"]), "say": str(e.get("say", ""))}
            for e in entry.get("mistakes") or []
            if isinstance(e, dict) and e.get("mistake")
        ]
        out[str(number)] = entry
    return out, label


def module_notes(
    lesson: Path,
    solution: Path | None,
    *,
    provider: str | Callable[..., Any] | None = KNOWN_MISTAKES_PROVIDER,
    data_dir: Path | None = None,
) -> ModuleNotes:
    """Collect the facilitator notes of one module from its lesson and solution notebooks."""
    import nbformat

    nb = nbformat.read(lesson, as_version=4)
    meta = nb.metadata.get("bsckit", {})
    module = int(meta.get("module", int(lesson.name[:2])))
    notes = ModuleNotes(
        module=module,
        title=str(meta.get("title", lesson.stem)),
        teaching_minutes=int(meta.get("teaching_minutes", 0)),
        exercise_minutes=int(meta.get("exercise_minutes", 0)),
    )
    books = [nb]
    if solution is not None and solution.is_file():
        books.append(nbformat.read(solution, as_version=4))
    for book in books:
        for cell in book.cells:
            if "instructor" in cell.get("metadata", {}).get("tags", []):
                notes.instructor_cells.append(cell.source.strip())
    lesson_md = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    notes.discussion = section(lesson_md, "Review questions")
    keyed, notes.mistakes_source = read_known_mistakes(module, provider, data_dir)
    if keyed:  # the answer key is the one source of exercise ids, titles and minutes
        for number, entry in keyed.items():
            note = ExerciseNote(number, str(entry.get("title", "")), entry.get("minutes"))
            note.mistakes = entry["mistakes"]
            if entry.get("hints") or entry.get("success"):
                note.checks.append(
                    {
                        "name": number,
                        "hints": list(entry.get("hints") or []),
                        "success": str(entry.get("success") or ""),
                    }
                )
            note.note = str(entry.get("note", ""))
            notes.exercises.append(note)
    elif len(books) > 1:
        current: ExerciseNote | None = None
        for cell in books[1].cells:
            if cell.cell_type == "markdown":
                for match in re.finditer(
                    r"^###\s*Exercise\s+([\d.]+[a-z]?)\s*:?\s*(.*)$", cell.source, re.M
                ):
                    current = ExerciseNote(match.group(1), match.group(2).strip())
                    current.minutes = exercise_minutes_stated(cell.source[match.end() :])
                    notes.exercises.append(current)
            elif current is not None:
                current.checks.extend(_checks_in(cell.source))
    return notes


def facilitator_markdown(notes: ModuleNotes) -> str:
    """The facilitator notes of one module as Markdown (for the instructor only)."""
    lines = [
        f"# Facilitator notes - Module {notes.module}: {notes.title}",
        "",
        "*For the instructor. Not learner material: keep it out of the handouts.*",
        "",
        "## Timing",
        "",
        f"- Planned: {notes.teaching_minutes} min teaching, {notes.exercise_minutes} min exercises"
        f" ({notes.teaching_minutes + notes.exercise_minutes} min; the agenda adds breaks).",
    ]
    stated = [e.minutes for e in notes.exercises if e.minutes]
    if stated:
        spare = notes.exercise_minutes - sum(stated)
        lines.append(
            f"- The exercises state {sum(stated)} min of work for one learner; "
            + (
                f"{spare} min of the exercise block are left for questions and a debrief."
                if spare >= 0
                else f"that is {-spare} min more than the block: pick the exercises to skip before the day."
            )
        )
    lines += [
        "- Give a time check halfway through the exercise block and five minutes before its end.",
        "- If a room runs late, keep the debrief and drop the last exercise: teams can do it after.",
        "",
    ]
    if notes.discussion:
        lines += [
            "## Discussion prompts",
            "",
            "From the lesson's review questions:",
            "",
            notes.discussion,
            "",
        ]
    if notes.instructor_cells:
        lines += ["## Notes from the notebooks", ""]
        for text in notes.instructor_cells:
            lines += [text, ""]
    lines += ["## Exercises: what goes wrong and what to say", ""]
    if not notes.exercises:
        lines += ["No exercises found in the solution notebook.", ""]
    for ex in notes.exercises:
        head = f"### Exercise {ex.number}: {ex.title}"
        lines += [head + (f" (about {ex.minutes} min)" if ex.minutes else ""), ""]
        for m in ex.mistakes:
            say = f" **Say:** {m['say']}" if m["say"] else ""
            lines.append(f"- **Known mistake:** {m['mistake']}.{say}")
        if ex.note:
            lines.append(f"- *Not listed here: {ex.note}.*")
        for check in ex.checks:
            if check["hints"]:
                lines.append(f"- **If a team is stuck** (`{check['name']}`), in this order:")
                lines += [f"    {k}. {h}" for k, h in enumerate(check["hints"], 1)]
            if check["success"]:
                lines.append(f"- **When it is right, say why:** {check['success']}")
        lines.append("")
    if not any(ex.mistakes for ex in notes.exercises):
        lines += [f"*Known mistakes: none recorded ({notes.mistakes_source}).*", ""]
    return "\n".join(lines)


# -- writing the pack ---------------------------------------------------------------------------
def _md_to_html(markdown: str, title: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from bsckit.course.site import printable_page

    return printable_page(title, markdown2html_mistune(markdown))


def _modules_available(root: Path) -> dict[int, tuple[Path, Path | None]]:
    found: dict[int, tuple[Path, Path | None]] = {}
    for lesson in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        meta = json.loads(lesson.read_text(encoding="utf-8")).get("metadata", {}).get("bsckit", {})
        module = int(meta.get("module", int(lesson.name[:2])))
        if module == 0:
            continue
        solution = root / "solutions" / lesson.name
        found[module] = (lesson, solution if solution.is_file() else None)
    return found


def _refuse_if_taken(out: Path, zip_path: Path, force: bool) -> None:
    taken = []
    if out.exists() and any(out.iterdir()):
        taken.append(f"{out} already holds files")
    if zip_path.exists():
        taken.append(f"{zip_path} exists")
    if taken and not force:
        msg = (
            f"Not written: {' and '.join(taken)}, which may include an instructor's edits."
            " Choose a new --out folder, or pass --force to write over them."
        )
        raise FileExistsError(msg)


def _stage(root: Path, modules: Sequence[int], available: dict, staging: Path) -> None:
    """A kit folder holding only start-here and the chosen modules, for the team builds."""
    (staging / "notebooks").mkdir(parents=True)
    (staging / "solutions").mkdir()
    for start in (root / "notebooks").glob("00_*.ipynb"):
        shutil.copy2(start, staging / "notebooks" / start.name)
    for m in modules:
        lesson, solution = available[m]
        shutil.copy2(lesson, staging / "notebooks" / lesson.name)
        if solution is not None:
            shutil.copy2(solution, staging / "solutions" / solution.name)


def build_pack(
    out: str | Path,
    *,
    root: str | Path = ".",
    teams: int = 1,
    modules: Sequence[int] | None = None,
    start: str = "09:00",
    day_end: str = "17:00",
    lunch: str | None = None,
    lunch_minutes: int = 45,
    min_piece: int = 20,
    first_seed: int = 101,
    pdf: bool = True,
    force: bool = False,
    workers: int = 2,
    provider: str | Callable[..., Any] | None = KNOWN_MISTAKES_PROVIDER,
    progress: TextIO | None = sys.stderr,
    build_team: Callable[..., Any] | None = None,
) -> PackReport:
    """Write the instructor pack into ``out`` and ``out.zip`` (see the module docstring).

    Parameters
    ----------
    start, day_end, lunch, lunch_minutes, min_piece
        The working day of the agenda (:func:`bsckit.course.agenda.agenda`): the seven modules
        take several days, each from ``start`` to ``day_end`` with lunch.
    build_team : callable, optional
        ``build_team(root=, params=, out=, workers=, progress=)`` builds one team's course;
        default :func:`bsckit.course.build.build`.

    Raises
    ------
    ValueError
        For an unknown module, a bad start time or a negative team count (nothing written).
    FileExistsError
        When ``out`` holds files or ``out.zip`` exists, and not ``force``.
    """
    from bsckit._atomic import atomic_write_text
    from bsckit.course.agenda import agenda, read_sessions, to_markdown
    from bsckit.course.build import BuildParams, build
    from bsckit.course.export import PdfError, find_chromium, print_to_pdf

    root, out = Path(root).resolve(), Path(out)
    zip_path = out.with_name(out.name + ".zip")
    available = _modules_available(root)
    chosen = list(available) if modules is None else list(modules)
    unknown = [m for m in chosen if m not in available]
    if unknown or not chosen:
        msg = (
            f"`modules` asks for {unknown or chosen}, which have no lesson notebook in"
            f" {root / 'notebooks'}; available: {sorted(available)}."
        )
        raise ValueError(msg)
    seeds = team_seeds(teams, first_seed=first_seed)
    table = agenda(
        read_sessions(root / "notebooks", chosen),
        start=start,
        day_end=day_end,
        lunch=lunch,
        lunch_minutes=lunch_minutes,
        min_piece=min_piece,
    )
    _refuse_if_taken(out, zip_path, force)

    report = PackReport(out_dir=out)
    say = (lambda t: print(t, file=progress, flush=True)) if progress else (lambda _t: None)
    browser = find_chromium() if pdf else None
    if pdf and browser is None:
        note = "No Chromium found: PDFs skipped (print the HTML files from a browser)."
        report.notes.append(note)
        say(note)

    def to_pdf(html_file: Path) -> None:
        if browser is None:
            return
        try:
            print_to_pdf(html_file, html_file.with_suffix(".pdf"), chromium=browser)
            report.pdfs += 1
        except PdfError as error:
            report.notes.append(str(error))
            say(f"  {error}")

    clock = time.perf_counter()
    say(f"[1/5] Agenda for modules {', '.join(map(str, chosen))} from {start}")
    atomic_write_text(out / "agenda.md", to_markdown(table) + "\n")

    say("[2/5] Facilitator notes")
    for m in chosen:
        lesson, solution = available[m]
        notes = module_notes(lesson, solution, provider=provider, data_dir=root / "datasets")
        text = facilitator_markdown(notes)
        base = out / "facilitator" / f"module-{m:02d}"
        atomic_write_text(base.with_suffix(".md"), text + "\n")
        atomic_write_text(
            base.with_suffix(".html"), _md_to_html(text, f"Facilitator notes, module {m}")
        )
        to_pdf(base.with_suffix(".html"))
        say(
            f"  module {m}: {len(notes.exercises)} exercises, {len(notes.instructor_cells)} instructor notes"
        )
    report.seconds["notes"] = time.perf_counter() - clock

    clock = time.perf_counter()
    say("[3/5] Answer keys and handouts")
    _answer_keys_and_handouts(root, out, chosen, available, to_pdf, say)
    report.seconds["handouts"] = time.perf_counter() - clock

    clock = time.perf_counter()
    builder = build_team or build
    if seeds:
        with tempfile.TemporaryDirectory(prefix="bsckit-pack-") as tmp:
            staging = Path(tmp) / "kit"
            _stage(root, chosen, available, staging)
            for k, seed in seeds:
                say(f"[4/5] Team {k} of {len(seeds)}: course build with seed {seed}")
                folder = out / "teams" / f"team-{k:02d}"
                result = builder(
                    staging,
                    params=BuildParams(seed=seed),
                    out=folder,
                    workers=workers,
                    progress=progress,
                )
                copied = copy_toolkit(root, folder)
                if copied:
                    say(f"  team {k}: toolkit copied ({copied} files)")
                ok = bool(getattr(result, "ok", True))
                report.teams.append((k, seed, "ok" if ok else "FAILED"))
                if not ok:
                    failed = ", ".join(r.label for r in getattr(result, "failed", []))
                    report.notes.append(f"Team {k} (seed {seed}): build failed for {failed}")
                    say(f"  team {k}: FAILED ({failed})")
    else:
        say("[4/5] No team builds (--teams 0)")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["team", "seed", "folder", "status"])
    for k, seed, status in report.teams:
        writer.writerow([k, seed, f"teams/team-{k:02d}", status])
    if report.teams:
        atomic_write_text(out / "teams" / "teams.csv", buffer.getvalue())
    report.seconds["teams"] = time.perf_counter() - clock

    atomic_write_text(out / "README.md", _readme(chosen, report, start))
    say("[5/5] Zip")
    if zip_path.exists():
        zip_path.unlink()
    made = shutil.make_archive(
        str(out.with_name(out.name)), "zip", root_dir=out.parent, base_dir=out.name
    )
    report.zip_path = Path(made)
    return report


def _answer_keys_and_handouts(root, out, chosen, available, to_pdf, say) -> None:
    import nbformat

    from bsckit._atomic import atomic_write_text
    from bsckit.course.site import data_uri, notebook_body, prepare_notebook, printable_page

    for m in chosen:
        lesson, solution = available[m]
        if solution is not None:
            target = out / "answer-keys" / solution.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(solution, target)
            nb = nbformat.read(solution, as_version=4)
            prepare_notebook(nb, data_uri)
            atomic_write_text(
                target.with_suffix(".html"),
                printable_page(f"Answer key, module {m}", notebook_body(nb)),
            )
            say(f"  answer key: {solution.name}")
        exercise = root / "exercises" / lesson.name
        if exercise.is_file():
            nb = nbformat.read(exercise, as_version=4)
            prepare_notebook(nb, data_uri)
            page = out / "handouts" / f"exercises-{lesson.stem}.html"
            atomic_write_text(page, printable_page(f"Exercises, module {m}", notebook_body(nb)))
            to_pdf(page)
            say(f"  handout: {page.name}")
    sheets = _blank_worksheets(root)
    if sheets:
        page = out / "handouts" / "toolkit-worksheets.html"
        atomic_write_text(page, printable_page("Toolkit worksheets", sheets))
        to_pdf(page)
        say(f"  handout: {page.name}")


def _blank_worksheets(root: Path) -> str:
    """Every toolkit worksheet as a blank printable form, one per page."""
    from bsckit.widgets.worksheet import Worksheet, load_spec

    parts = []
    for path in sorted((root / "toolkit" / "worksheets").glob("*.yaml")):
        spec = load_spec(path)
        sheet = Worksheet(spec, path=None)
        purpose = f"<p>{spec.purpose}</p>" if spec.purpose else ""
        parts.append(
            f'<section class="page-break"><h2>{spec.title}</h2>{purpose}{sheet.summary_html()}</section>'
        )
    return "".join(parts)


def copy_toolkit(root: Path, folder: Path) -> int:
    """Copy the kit's toolkit into ``folder/toolkit``: README, notebooks and worksheet specs.

    A team folder then holds its worksheets beside its course (the notebooks find their specs
    in ``toolkit/worksheets/``, and the modules' links ``../toolkit/<name>.ipynb`` resolve).
    Returns the number of files copied (0 when the kit has no toolkit).
    """
    source = Path(root) / "toolkit"
    files = [source / "README.md", *sorted(source.glob("*.ipynb"))]
    files += sorted((source / "worksheets").glob("*.yaml"))
    count = 0
    for path in files:
        if not path.is_file():
            continue
        target = Path(folder) / "toolkit" / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        count += 1
    return count


def _readme(chosen: Sequence[int], report: PackReport, start: str) -> str:
    lines = [
        "# Instructor pack",
        "",
        f"Modules {', '.join(map(str, chosen))}; agenda from {start}. Made by `bsckit pack`; works offline.",
        "",
        "| where | what |",
        "| --- | --- |",
        "| `agenda.md` | the timetable, from the notebooks' teaching and exercise minutes |",
        "| `facilitator/` | per module: timing, discussion prompts, exercises with hints, known mistakes and what to say (instructor only) |",
        "| `answer-keys/` | executed solution notebooks and printable copies (instructor only) |",
        "| `handouts/` | the exercises and blank toolkit worksheets, printable (HTML, PDF) |",
        "| `teams/` | one complete course per team, each on its own seed (`teams.csv`), with the toolkit's worksheets in `toolkit/` |",
        "",
    ]
    if report.teams:
        lines += ["| team | seed | folder | build |", "| --- | --- | --- | --- |"]
        lines += [f"| {k} | {s} | `teams/team-{k:02d}/` | {st} |" for k, s, st in report.teams]
        lines += [
            "",
            "Give each team its folder: its exercises check answers against its own data, so"
            " teams cannot copy numbers.",
            "",
        ]
    if report.notes:
        lines += ["## Notes", "", *[f"- {n}" for n in report.notes], ""]
    return "\n".join(lines)


# -- command line -------------------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Attach the pack options to ``parser``."""
    from bsckit.course.agenda import add_day_arguments

    parser.add_argument("--out", required=True, help="output folder (a zip is written beside it)")
    parser.add_argument("--teams", type=int, default=1, help="number of team builds (0 for none)")
    parser.add_argument("--modules", type=int, nargs="+", help="module numbers (default: all)")
    parser.add_argument("--start", default="09:00", help="agenda: start of each day HH:MM")
    add_day_arguments(parser)
    parser.add_argument("--first-seed", type=int, default=101, help="seed of team 1 (team k: +k-1)")
    parser.add_argument("--root", default=".", help="the kit's folder (default: here)")
    parser.add_argument("--no-pdf", action="store_true", help="HTML only, no PDFs")
    parser.add_argument("--force", action="store_true", help="write over a folder that holds files")


def run(args: argparse.Namespace) -> int:
    """Build the pack; 0 on success, 1 if a team build failed, 2 on bad input."""
    started = time.perf_counter()
    try:
        report = build_pack(
            args.out,
            root=args.root,
            teams=args.teams,
            modules=args.modules,
            start=args.start,
            day_end=args.day_end,
            lunch=args.lunch,
            lunch_minutes=args.lunch_minutes,
            min_piece=args.min_piece,
            first_seed=args.first_seed,
            pdf=not args.no_pdf,
            force=args.force,
        )
    except (ValueError, TypeError, FileExistsError) as error:
        print(f"bsckit pack: {error}")
        return 2
    size = sum(p.stat().st_size for p in report.out_dir.rglob("*") if p.is_file()) / 1e6
    print(
        f"Pack written to {report.out_dir} ({size:.1f} MB) and {report.zip_path}"
        f" in {time.perf_counter() - started:.0f} s: {len(report.teams)} team build(s),"
        f" {report.pdfs} PDF(s)."
    )
    for note in report.notes:
        print(f"Note: {note}")
    return 1 if any(status != "ok" for _k, _s, status in report.teams) else 0
