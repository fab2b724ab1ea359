"""Single source for exercises: write ``exercises/`` from the solved notebooks in ``solutions/``.

Authors edit only ``solutions/*.ipynb``. Inside a code cell the solution is marked::

    ### BEGIN SOLUTION
    cycle_time = orders["cycle_minutes"].median()
    ### END SOLUTION
    check("3.1 cycle time", cycle_time, expected=...)

and the exercise copy gets, at the same indentation::

    cycle_time = ...  # YOUR CODE HERE

``...`` (Ellipsis) is the placeholder that :func:`bsckit.check.check` reports as "not attempted
yet", so "Run All" on an untouched exercise notebook runs to the end.

Rules (also in CONTRIBUTING.md):

- Names assigned at the block's own indentation that are used *after* the block (later in the
  cell or in a later cell) become ``name = ...  # YOUR CODE HERE``; helpers used only inside the
  block disappear. When no assigned name is used later, the last assigned name is kept.
- A ``def`` in the block that is used later keeps its signature (and docstring), with the body
  ``return ...  # YOUR CODE HERE``; a ``return`` at the block's indentation becomes
  ``return ...  # YOUR CODE HERE``.
- A whole code cell tagged ``solution`` is treated as one block; a markdown cell tagged
  ``solution`` is left out; any cell tagged ``solution-only`` is left out (e.g. the cell that
  fills in a widget the learner fills in by hand); a marked block inside a markdown cell becomes "*Your answer here.*"
- Outputs, execution counts and papermill metadata are cleared; the output is nbformat JSON with
  sorted keys and a trailing newline, so writing twice gives identical bytes.
- A learner's edits are never overwritten: the exercise records the hash of what was written in
  ``metadata.bsckit.exercise_hash``; when an existing file no longer matches its hash, the new
  version goes to ``<out>/updated/<name>.ipynb`` instead, and the result says so.

Examples
--------
>>> print(exercise_source('''x = 1
... ### BEGIN SOLUTION
... total = x + 1
... ### END SOLUTION
... check("total", total, expected=2)'''))
x = 1
total = ...  # YOUR CODE HERE
check("total", total, expected=2)
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import os
import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from bsckit._atomic import atomic_write_text

__all__ = [
    "EXERCISE_STATUSES",
    "PLACEHOLDER",
    "SOLUTION_BEGIN",
    "SOLUTION_END",
    "SOLUTION_ONLY_TAG",
    "SOLUTION_TAG",
    "UPDATED_FOLDER",
    "ExerciseFile",
    "content_hash",
    "dumps_notebook",
    "exercise_notebook",
    "exercise_source",
    "read_notebook",
    "recorded_hash_matches",
    "write_exercises",
]

SOLUTION_BEGIN = "### BEGIN SOLUTION"
SOLUTION_END = "### END SOLUTION"
SOLUTION_TAG = "solution"
SOLUTION_ONLY_TAG = "solution-only"
"""Tag of a cell left out of the exercises altogether (a widget the learner fills in by hand)."""
PLACEHOLDER = "...  # YOUR CODE HERE"
MARKDOWN_PLACEHOLDER = "*Your answer here.*"
UPDATED_FOLDER = "updated"
HASH_KEY = "exercise_hash"

EXERCISE_STATUSES = ("written", "unchanged", "kept_learner_copy", "stale", "up_to_date")
"""What :func:`write_exercises` did with each file."""

_DROP_CELL_METADATA = ("papermill", "execution")
_DROP_TAGS = (SOLUTION_TAG,)


# --------------------------------------------------------------------------------------------
# Deterministic notebook I/O (shared with the build)
# --------------------------------------------------------------------------------------------


def read_notebook(path: str | os.PathLike[str]) -> nbformat.NotebookNode:
    """Read a notebook as nbformat 4.5, giving cells without an id a *deterministic* one.

    ``nbformat.read`` invents random ids for older notebooks, which would change the bytes of
    every generated file on each run; here a missing id is derived from the cell's position and
    source instead.
    """
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    if raw.get("nbformat") == 4:
        for index, cell in enumerate(raw.get("cells", [])):
            if not cell.get("id"):
                source = cell.get("source", "")
                text = "".join(source) if isinstance(source, list) else source
                digest = hashlib.sha1(f"{index}:{text}".encode()).hexdigest()[:8]
                cell["id"] = f"c{index:03d}-{digest}"
        raw["nbformat_minor"] = max(raw.get("nbformat_minor", 5), 5)
    return nbformat.reads(json.dumps(raw), as_version=4)


def dumps_notebook(nb: nbformat.NotebookNode) -> str:
    """The notebook as nbformat JSON (sorted keys, 1-space indent) with a trailing newline."""
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def content_hash(nb: nbformat.NotebookNode, key: str) -> str:
    """SHA-256 of the notebook's content with ``metadata.bsckit[key]`` left out.

    The hash is taken over the normalised nbformat JSON, so it does not depend on how an editor
    formatted the file, only on what it holds.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.metadata["bsckit"] = {"exercise_hash": "anything"}
    >>> a = content_hash(nb, "exercise_hash")
    >>> nb.metadata["bsckit"]["exercise_hash"] = "something else"
    >>> content_hash(nb, "exercise_hash") == a
    True
    """
    bare = copy.deepcopy(nb)
    meta = bare.metadata.get("bsckit")
    if isinstance(meta, dict):
        meta.pop(key, None)
        if not meta:
            bare.metadata.pop("bsckit")
    return hashlib.sha256(dumps_notebook(bare).encode("utf-8")).hexdigest()


def recorded_hash_matches(path: Path, key: str) -> bool | None:
    """Whether the file at ``path`` still holds exactly what was written (its recorded hash).

    Returns None when the file carries no recorded hash (never written by the kit), False when
    it was edited or cannot be read as a notebook.
    """
    try:
        nb = read_notebook(path)
    except (OSError, ValueError, nbformat.reader.NotJSONError, KeyError):
        return False
    recorded = nb.metadata.get("bsckit", {}).get(key)
    if not recorded:
        return None
    return recorded == content_hash(nb, key)


# --------------------------------------------------------------------------------------------
# From solution source to exercise source
# --------------------------------------------------------------------------------------------

_BEGIN_RE = re.compile(r"^(?P<indent>[ \t]*)" + re.escape(SOLUTION_BEGIN) + r"\b.*$")
_END_RE = re.compile(r"^[ \t]*" + re.escape(SOLUTION_END) + r"\b.*$")


def _split_blocks(source: str) -> list[tuple[str, str, str]]:
    """Split ``source`` into (kind, indent, text) pieces; kind is 'code' or 'solution'."""
    pieces: list[tuple[str, str, str]] = []
    lines = source.split("\n")
    current: list[str] = []
    i = 0
    while i < len(lines):
        begin = _BEGIN_RE.match(lines[i])
        if not begin:
            if _END_RE.match(lines[i]):
                msg = f"`{SOLUTION_END}` on line {i + 1} has no matching `{SOLUTION_BEGIN}`."
                raise ValueError(msg)
            current.append(lines[i])
            i += 1
            continue
        if current:
            pieces.append(("code", "", "\n".join(current)))
            current = []
        j = i + 1
        while j < len(lines) and not _END_RE.match(lines[j]):
            if _BEGIN_RE.match(lines[j]):
                msg = f"`{SOLUTION_BEGIN}` on line {j + 1} is nested inside another solution block."
                raise ValueError(msg)
            j += 1
        if j == len(lines):
            msg = f"`{SOLUTION_BEGIN}` on line {i + 1} has no matching `{SOLUTION_END}` line."
            raise ValueError(msg)
        pieces.append(("solution", begin.group("indent"), "\n".join(lines[i + 1 : j])))
        i = j + 1
    if current or not pieces:
        pieces.append(("code", "", "\n".join(current)))
    return pieces


def _top_level(block: str) -> tuple[list[tuple[str, str]], bool]:
    """Names defined at the block's base level, as (name, stub kind/text), and any return."""
    dedented = textwrap.dedent(block)
    try:
        tree = ast.parse(dedented)
    except SyntaxError:
        names = re.findall(r"^([A-Za-z_]\w*)\s*(?::[^=]+)?=(?!=)", dedented, flags=re.M)
        has_return = re.search(r"^return\b", dedented, flags=re.M) is not None
        return [(name, "") for name in names], has_return
    lines = dedented.split("\n")
    found: list[tuple[str, str]] = []
    has_return = False
    for node in tree.body:
        if isinstance(node, ast.Return):
            has_return = True
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                elements = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
                found.extend((t.id, "") for t in elements if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
            if isinstance(node, ast.AnnAssign):
                found.append((node.target.id, ""))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.append((node.name, _def_stub(node, lines)))
    return found, has_return


def _def_stub(node: ast.AST, lines: list[str]) -> str:
    """The def's decorators, signature and docstring, with a placeholder body."""
    if isinstance(node, ast.ClassDef):
        return ""
    start = min([d.lineno for d in node.decorator_list] + [node.lineno]) - 1
    first_body = node.body[0]
    has_doc = (
        isinstance(first_body, ast.Expr)
        and isinstance(first_body.value, ast.Constant)
        and isinstance(first_body.value.value, str)
    )
    if first_body.lineno - 1 <= node.lineno - 1:  # one-line def: cannot split cleanly
        return ""
    stop = first_body.end_lineno if has_doc else first_body.lineno - 1
    header = lines[start:stop]
    body_indent = re.match(r"[ \t]*", lines[first_body.lineno - 1]).group(0)
    return "\n".join([*header, f"{body_indent}return {PLACEHOLDER}"])


def _used_after(name: str, later: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(name)}\b", later) is not None


def _placeholder(block: str, indent: str, later: str) -> str:
    names, has_return = _top_level(block)
    unique: dict[str, str] = {}
    for name, stub in names:
        unique.pop(name, None)
        unique[name] = stub
    wanted = {n: s for n, s in unique.items() if _used_after(n, later)}
    if not wanted and unique and not has_return:
        last = next(reversed(unique))
        wanted = {last: unique[last]}
    out = []
    for name, stub in wanted.items():
        if stub:
            out.extend(indent + line for line in stub.split("\n"))
        else:
            out.append(f"{indent}{name} = {PLACEHOLDER}")
    if has_return:
        out.append(f"{indent}return {PLACEHOLDER}")
    if not out:
        out.append(f"{indent}{PLACEHOLDER}")
    return "\n".join(out)


def exercise_source(source: str, later: str = "") -> str:
    """Replace every marked solution block in a code cell's ``source`` with its placeholder.

    Parameters
    ----------
    source : str
        The code cell's source.
    later : str, optional
        Code of the cells that follow, to find which names the rest of the notebook uses.

    Examples
    --------
    >>> src = '''def share(part, whole):
    ...     \"\"\"Part over whole.\"\"\"
    ...     ### BEGIN SOLUTION
    ...     ratio = part / whole
    ...     return ratio
    ...     ### END SOLUTION'''
    >>> print(exercise_source(src))
    def share(part, whole):
        \"\"\"Part over whole.\"\"\"
        return ...  # YOUR CODE HERE
    >>> exercise_source("### BEGIN SOLUTION\\nx = 1")
    Traceback (most recent call last):
    ...
    ValueError: `### BEGIN SOLUTION` on line 1 has no matching `### END SOLUTION` line.
    """
    pieces = _split_blocks(source)
    out = []
    for index, (kind, indent, text) in enumerate(pieces):
        if kind == "code":
            out.append(text)
            continue
        rest = "\n".join(t for _k, _i, t in pieces[index + 1 :])
        out.append(_placeholder(text, indent, rest + "\n" + later))
    return "\n".join(out)


def _markdown_source(source: str) -> str:
    pieces = _split_blocks(source)
    return "\n".join(
        text if kind == "code" else indent + MARKDOWN_PLACEHOLDER for kind, indent, text in pieces
    )


def exercise_notebook(
    solution: nbformat.NotebookNode,
    *,
    generated_from: str = "",
    parameters: Mapping[str, Any] | None = None,
) -> nbformat.NotebookNode:
    """The exercise version of a solution notebook (a new object; ``solution`` is untouched).

    Parameters
    ----------
    solution : NotebookNode
        The solved notebook.
    generated_from : str, optional
        Where it came from, recorded in ``metadata.bsckit.generated_from``.
    parameters : mapping, optional
        New defaults for the ``parameters`` cell (for a build with other parameters).

    Returns
    -------
    NotebookNode
        With ``metadata.bsckit.exercise_hash`` set to the hash of its content.
    """
    nb = copy.deepcopy(solution)
    cells = []
    for cell in nb.cells:
        tags = list(cell.get("metadata", {}).get("tags", []))
        if "injected-parameters" in tags:
            continue
        if SOLUTION_TAG in tags and cell.cell_type != "code":
            continue
        if SOLUTION_ONLY_TAG in tags:
            continue
        cells.append(cell)
    code_sources = [c.source if c.cell_type == "code" else "" for c in cells]
    for index, cell in enumerate(cells):
        tags = list(cell.get("metadata", {}).get("tags", []))
        later = "\n".join(code_sources[index + 1 :])
        if cell.cell_type == "code":
            if SOLUTION_TAG in tags:
                cell.source = _placeholder(cell.source, "", later)
            else:
                cell.source = exercise_source(cell.source, later)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            cell.source = _markdown_source(cell.source)
        for key in _DROP_CELL_METADATA:
            cell.metadata.pop(key, None)
        kept = [t for t in tags if t not in _DROP_TAGS]
        if kept:
            cell.metadata["tags"] = kept
        else:
            cell.metadata.pop("tags", None)
    nb.cells = cells
    nb.metadata.pop("papermill", None)
    drop = {HASH_KEY, "build_hash", "parameters"}
    kept = {k: v for k, v in nb.metadata.get("bsckit", {}).items() if k not in drop}
    nb.metadata["bsckit"] = {**kept, "generated_from": generated_from} if generated_from else kept
    if parameters:
        from bsckit.course.notebook_params import set_parameter_defaults

        set_parameter_defaults(nb, parameters)
    nb.metadata["bsckit"][HASH_KEY] = content_hash(nb, HASH_KEY)
    return nb


# --------------------------------------------------------------------------------------------
# Writing the folder
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseFile:
    """What happened to one exercise notebook.

    Attributes
    ----------
    source : Path
        The solution notebook.
    target : Path
        Where the exercise belongs (``<out>/<name>.ipynb``).
    status : str
        One of :data:`EXERCISE_STATUSES`: ``written`` / ``unchanged`` / ``kept_learner_copy``
        when writing, ``stale`` / ``up_to_date`` with ``check=True``.
    written_to : Path or None
        The file actually written (the target, or ``<out>/updated/<name>.ipynb`` beside a
        learner's edited copy); None when nothing was written.
    """

    source: Path
    target: Path
    status: str
    written_to: Path | None = None

    def __post_init__(self) -> None:
        if self.status not in EXERCISE_STATUSES:
            msg = f"`status` must be one of {', '.join(EXERCISE_STATUSES)}; got {self.status!r}."
            raise ValueError(msg)

    def describe(self) -> str:
        """One line for the terminal."""
        if self.status == "kept_learner_copy":
            return (
                f"{self.target} was edited by hand, so it was left as it is; the new version is "
                f"{self.written_to}"
            )
        if self.status == "stale":
            why = "missing" if not self.target.exists() else "differs from its solution"
            return f"{self.target} is stale ({why}); run `bsckit exercises`"
        return f"{self.target}: {self.status.replace('_', ' ')}"


def _solution_files(solutions_dir: Path) -> list[Path]:
    if not solutions_dir.is_dir():
        msg = (
            f"`solutions_dir` {str(solutions_dir)!r} is not a folder. Pass the folder holding the "
            "solved notebooks (default: solutions)."
        )
        raise FileNotFoundError(msg)
    return sorted(p for p in solutions_dir.glob("*.ipynb") if not p.name.startswith("."))


def write_exercises(
    solutions_dir: str | os.PathLike[str] = "solutions",
    out_dir: str | os.PathLike[str] = "exercises",
    *,
    check: bool = False,
    parameters: Mapping[str, Any] | None = None,
    names: Iterable[str] | None = None,
) -> list[ExerciseFile]:
    """Write (or, with ``check=True``, only compare) the exercise notebooks.

    Parameters
    ----------
    solutions_dir : path-like, default "solutions"
        Folder of solved notebooks (``*.ipynb``, not recursive).
    out_dir : path-like, default "exercises"
        Folder for the exercise notebooks.
    check : bool, default False
        Write nothing; report each file as ``up_to_date`` or ``stale`` (missing, or different
        from what would be written).
    parameters : mapping, optional
        New defaults for every notebook's ``parameters`` cell.
    names : iterable of str, optional
        Only these notebook file names.

    Returns
    -------
    list of ExerciseFile
    """
    solutions_dir, out_dir = Path(solutions_dir), Path(out_dir)
    sources = _solution_files(solutions_dir)
    if names is not None:
        wanted = set(names)
        sources = [p for p in sources if p.name in wanted]
    results = []
    for source in sources:
        target = out_dir / source.name
        exercise = exercise_notebook(
            read_notebook(source),
            generated_from=f"{solutions_dir.name}/{source.name}",
            parameters=parameters,
        )
        text = dumps_notebook(exercise)
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if check:
            status = "up_to_date" if current == text else "stale"
            results.append(ExerciseFile(source, target, status))
            continue
        if current == text:
            results.append(ExerciseFile(source, target, "unchanged"))
            continue
        if current is None or recorded_hash_matches(target, HASH_KEY):
            atomic_write_text(target, text)
            results.append(ExerciseFile(source, target, "written", target))
            continue
        beside = out_dir / UPDATED_FOLDER / source.name
        if not (beside.is_file() and beside.read_text(encoding="utf-8") == text):
            atomic_write_text(beside, text)
        results.append(ExerciseFile(source, target, "kept_learner_copy", beside))
    return results
