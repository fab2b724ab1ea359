"""The course build: datasets, then every notebook executed with papermill, then exercises.

``bsckit build`` (see :mod:`bsckit.course.build_cli`) calls :func:`build`, which

1. starts ``workers`` processes (:func:`start_workers`), which get ready while it generates the
   datasets for the build parameters (an injectable ``prepare_data`` step that by default calls
   :mod:`bsckit.data`);
2. checks every notebook's parameter names (:func:`bsckit.course.notebook_params.validate`; papermill
   would only warn), then executes every notebook in ``notebooks/`` and ``solutions/`` with
   ``papermill.execute_notebook`` on those processes, the costliest first
   (:func:`estimated_cost`), the working directory set to the folder the executed notebook is
   written to, so relative paths such as ``../datasets`` hold;
3. writes ``exercises/`` from ``solutions/`` (:func:`bsckit.course.exercises.write_exercises`);
4. returns a :class:`BuildReport` (a table of notebook, status, seconds, checks, where written).

Where things go
---------------
- Default parameters, no ``out``: in place. The executed notebooks replace ``notebooks/*.ipynb``
  and ``solutions/*.ipynb`` (they are the committed, executed course), datasets go to
  ``datasets/``.
- Other parameters, no ``out``: ``build/<seed>-<scenario>-<company-slug>/`` with the same layout
  (``notebooks/``, ``solutions/``, ``exercises/``, ``datasets/``), so ``data_dir="../datasets"``
  holds there too and the folder can be handed out as it is.
- ``out=DIR``: that layout under ``DIR``.

Reproducible output
-------------------
papermill's timing metadata (``metadata.papermill``, cell ``metadata.execution``) is removed, the
injected-parameters cell gets a fixed id, and widget model ids are renumbered, so the same
parameters give the same bytes. Parameters equal to a notebook's own defaults are not injected,
so the committed notebooks carry no injected cell.

A learner's edits are never overwritten: each executed notebook records the hash of what was
written in ``metadata.bsckit.build_hash``. When a file about to be replaced no longer matches its
hash, it was edited after the build; the new output goes to ``build/variants/<folder>/<name>``
(``<out>/variants/...`` for a separate build) and the report says so. Authors who edited
``notebooks/`` or ``solutions/`` on purpose pass ``accept_edits=True`` (``--accept-edits``).

Examples
--------
>>> BuildParams().slug
'2024-baseline-homeats'
>>> BuildParams(seed=7, company="Café Noël & Co", scenario="growth").slug
'7-growth-cafe-noel-co'
>>> BuildParams(scenario="boom")
Traceback (most recent call last):
...
ValueError: `scenario` must be one of 'baseline', 'cost_crisis', 'growth'; got 'boom'.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import re
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bsckit._atomic import atomic_write_text

if TYPE_CHECKING:
    import nbformat

    from bsckit.course.exercises import ExerciseFile

# This module is imported by every worker process before it runs a notebook, so it imports only
# the standard library at the top; nbformat, pandas (via _validation) and papermill are imported
# where they are used. See _init_worker for why that matters.

__all__ = [
    "BUILD_HASH_KEY",
    "KERNEL_START_ATTEMPTS",
    "NOTEBOOK_FOLDERS",
    "SCENARIOS",
    "BuildError",
    "BuildParams",
    "BuildReport",
    "NotebookResult",
    "NotebookTask",
    "build",
    "default_prepare_data",
    "estimated_cost",
    "execute_notebooks",
    "normalise_executed",
    "reference_epoch",
    "slugify",
    "start_workers",
]

SCENARIOS = ("baseline", "cost_crisis", "growth")
NOTEBOOK_FOLDERS = ("notebooks", "solutions")
BUILD_HASH_KEY = "build_hash"
INJECTED_CELL_ID = "injected-parameters"


class BuildError(RuntimeError):
    """The build could not start or could not prepare its data."""


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, for folder names.

    Examples
    --------
    >>> slugify("  Homeats Ltd. (UK) ")
    'homeats-ltd-uk'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "company"


@dataclass(frozen=True)
class BuildParams:
    """The parameters a build injects into every notebook.

    Parameters
    ----------
    seed : int, default 2024
        Random seed of the generated datasets.
    company : str, default "Homeats"
        Company name shown in the data and the text.
    scenario : str, default "baseline"
        One of :data:`SCENARIOS`.
    """

    seed: int = 2024
    company: str = "Homeats"
    scenario: str = "baseline"

    def __post_init__(self) -> None:
        from bsckit._validation import check_choice, check_count

        object.__setattr__(self, "seed", check_count("seed", self.seed))
        if not isinstance(self.company, str) or not self.company.strip():
            msg = f"`company` must be a non-empty name, got {self.company!r}."
            raise ValueError(msg)
        check_choice("scenario", self.scenario, SCENARIOS)

    @property
    def slug(self) -> str:
        """Folder name of a build with these parameters: ``<seed>-<scenario>-<company-slug>``."""
        return f"{self.seed}-{self.scenario}-{slugify(self.company)}"

    @property
    def is_default(self) -> bool:
        """Whether these are the parameters of the committed course."""
        return self == BuildParams()

    def as_dict(self) -> dict[str, Any]:
        """The parameters as a plain dict."""
        return asdict(self)


@dataclass(frozen=True)
class NotebookTask:
    """One notebook to execute (plain data, so it crosses to a worker process).

    ``cost`` is an estimate of how long the notebook runs, in any unit: the costliest tasks are
    started first (:func:`estimated_cost` is what the build uses).
    """

    source: str
    label: str
    cwd: str
    parameters: dict[str, Any]
    record: dict[str, Any] = field(default_factory=dict)
    kernel_name: str | None = None
    timeout: float = 600.0
    pythonpath: str = ""
    cost: float = 0.0


@dataclass(frozen=True)
class NotebookResult:
    """How one notebook went.

    Attributes
    ----------
    label : str
        The notebook, relative to the build root (``notebooks/00_start_here.ipynb``).
    status : str
        ``"ok"`` or ``"failed"``.
    seconds : float
        Execution time (kernel start to last cell).
    written_to : str
        Where the executed notebook was written ("" when nothing was written).
    note : str
        What happened to the file (``written``, ``unchanged``, ``kept learner copy ...``).
    error : str
        For a failure: the cell, the error type and message.
    checks : dict
        Number of checks per status found in the outputs (see :mod:`bsckit.check`).
    """

    label: str
    status: str
    seconds: float
    written_to: str = ""
    note: str = ""
    error: str = ""
    checks: dict[str, int] = field(default_factory=dict)


@dataclass
class BuildReport:
    """Everything a build did; ``ok`` is False when any notebook failed."""

    params: BuildParams
    root: Path
    out_dir: Path
    data_dir: Path
    results: list[NotebookResult] = field(default_factory=list)
    exercises: list[ExerciseFile] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every notebook ran and every solution check passed."""
        return all(r.status == "ok" for r in self.results)

    @property
    def failed(self) -> list[NotebookResult]:
        """The notebooks that failed."""
        return [r for r in self.results if r.status != "ok"]

    def table(self) -> str:
        """The per-notebook table printed at the end of a build."""
        rows = [("notebook", "status", "seconds", "checks", "output")]
        for r in self.results:
            checks = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(r.checks.items()))
            rows.append((r.label, r.status, f"{r.seconds:.1f}", checks or "-", r.note))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = []
        for i, row in enumerate(rows):
            cells = [
                row[j].ljust(widths[j]) if j != 2 else row[j].rjust(widths[j]) for j in range(4)
            ]
            lines.append("  ".join([*cells, row[4]]).rstrip())
            if i == 0:
                lines.append("  ".join("-" * w for w in widths) + "  ------")
        total = sum(self.seconds.values())
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
        lines.append(f"total {total:.1f} s ({parts})")
        for r in self.failed:
            lines.append(f"FAILED {r.label}: {r.error}")
        for e in self.exercises:
            if e.status == "kept_learner_copy":
                lines.append(e.describe())
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def default_prepare_data(params: BuildParams, data_dir: Path) -> Path:
    """Generate the datasets for ``params`` with :mod:`bsckit.data` and write them to ``data_dir``."""
    try:
        from bsckit import data
    except ImportError as error:  # pragma: no cover - depends on the data module being present
        msg = (
            f"The build needs bsckit.data to generate datasets, but it cannot be imported: {error}"
        )
        raise BuildError(msg) from error
    chosen = {"seed": params.seed, "company": params.company, "scenario": params.scenario}
    tables = data.generate(**chosen)
    return Path(data.write(tables, data_dir, chosen))


# --------------------------------------------------------------------------------------------
# Executing notebooks (in worker processes)
# --------------------------------------------------------------------------------------------

_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def normalise_executed(
    nb: nbformat.NotebookNode, record: dict[str, Any] | None = None
) -> nbformat.NotebookNode:
    """Remove what changes from run to run, record ``record`` and the build hash; return ``nb``.

    Drops ``metadata.papermill`` and each cell's ``papermill`` / ``execution`` metadata, gives the
    injected-parameters cell a fixed id, renumbers widget model ids, removes papermill's error
    banner cells, then sets ``metadata.bsckit.parameters`` to ``record`` and
    ``metadata.bsckit.build_hash`` (other ``metadata.bsckit`` keys, such as the teaching
    minutes, are kept).

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.metadata["papermill"] = {"duration": 1.5}
    >>> nb = normalise_executed(nb, {"seed": 1})
    >>> sorted(nb.metadata), sorted(nb.metadata["bsckit"])
    (['bsckit'], ['build_hash', 'parameters'])
    """
    from bsckit.course.exercises import content_hash

    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    nb.cells = [
        c
        for c in nb.cells
        if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", [])
    ]
    widget_ids: dict[str, str] = {}
    for cell in nb.cells:
        for key in ("papermill", "execution"):
            cell.metadata.pop(key, None)
        if cell.metadata.get("tags") == []:
            cell.metadata.pop("tags")
        if INJECTED_CELL_ID in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_CELL_ID
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(_WIDGET_MIME)
            if isinstance(view, dict) and "model_id" in view:
                old = view["model_id"]
                view["model_id"] = widget_ids.setdefault(old, f"{len(widget_ids) + 1:032x}")
    kept = {k: v for k, v in nb.metadata.get("bsckit", {}).items() if k != BUILD_HASH_KEY}
    nb.metadata["bsckit"] = {**kept, "parameters": dict(record or {})}
    nb.metadata["bsckit"][BUILD_HASH_KEY] = content_hash(nb, BUILD_HASH_KEY)
    return nb


def _count_checks(nb: nbformat.NotebookNode) -> dict[str, int]:
    latest: dict[str, str] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            info = output.get("metadata", {}).get("bsckit", {})
            if isinstance(info, dict) and "check" in info:
                latest[str(info["check"])] = str(info.get("status"))
    counts: dict[str, int] = {}
    for status in latest.values():
        counts[status] = counts.get(status, 0) + 1
    return counts


_KERNEL_NOISE = (
    b"Kernel is running over TCP without encryption",
    b"KeyboardInterrupt caught in kernel",  # papermill interrupting a failed notebook
)


def _drop_kernel_noise() -> None:
    """Filter this worker's stderr (inherited by its kernels) of known harmless warnings.

    ipykernel 7 warns on every start that a local kernel talks TCP without encryption; on a
    build of many notebooks that line would bury the progress display. Every other line passes.
    """
    try:
        read_fd, write_fd = os.pipe()
        original = os.dup(2)
        os.dup2(write_fd, 2)
        os.close(write_fd)
    except OSError:  # pragma: no cover - no usable stderr
        return

    def pump() -> None:
        with os.fdopen(read_fd, "rb") as source, os.fdopen(original, "wb", buffering=0) as sink:
            for line in source:
                if not any(noise in line for noise in _KERNEL_NOISE):
                    sink.write(line)

    threading.Thread(target=pump, name="bsckit-stderr-filter", daemon=True).start()


def reference_epoch() -> int:
    """Return ``SOURCE_DATE_EPOCH`` for a build: midnight UTC on the day after the data ends.

    The kit's data covers ``months`` months from ``start`` (:class:`bsckit.data.generate.Params`);
    a build executes the notebooks as on the next day, so a deadline written "a year from today"
    is the same on every rebuild.

    Examples
    --------
    >>> from datetime import UTC, datetime
    >>> datetime.fromtimestamp(reference_epoch(), tz=UTC).date()
    datetime.date(2026, 1, 1)
    """
    from datetime import UTC, datetime

    from bsckit.data.generate import Params

    defaults = Params()
    year, month = map(int, defaults.start.split("-"))
    year, month = year + (month - 1 + defaults.months) // 12, (month - 1 + defaults.months) % 12 + 1
    return int(datetime(year, month, 1, tzinfo=UTC).timestamp())


def _init_worker(pythonpath: str) -> None:
    """Import papermill once per worker and prepare the kernels' environment.

    ``import nbformat`` pulls in jsonschema, whose optional IRI format checker would import
    ``rfc3987_syntax`` (about 1.2 s). The worker unpickled this function from ``bsckit.course.build``,
    so ``bsckit/__init__.py`` has already marked that import absent (the one place where it is
    done, see :data:`bsckit.SKIPPED_OPTIONAL_IMPORTS`): a worker starts in about 0.4 s. Spawned
    workers first re-import the script that started the build: a script that imports nbformat or
    jsonschema before bsckit makes every worker pay the 1.2 s again (``bsckit build`` does not).

    Each notebook's kernel gets ``BSCKIT_WORKSPACE`` pointing at a fresh temporary folder
    (:func:`_execute_task`), so a solution that saves to the learner's scorecard writes there
    and never into a learner's ``workspace/``.
    """
    import logging

    import papermill  # noqa: F401  (imported once, reused by every task of this worker)

    logging.getLogger("papermill").setLevel(logging.WARNING)
    _drop_kernel_noise()
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    # Deadlines the solutions set from "today" are the same on any day: today is the day after
    # the data ends (bsckit._validation.check_today), unless the author set another.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(reference_epoch()))
    if pythonpath:
        parts = [pythonpath, *os.environ.get("PYTHONPATH", "").split(os.pathsep)]
        os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(p for p in parts if p))


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:80]
    return ""


KERNEL_START_ATTEMPTS = 3
"""How often a notebook's kernel is started when it dies before its first reply.

Starting many kernels at once on a busy machine can hit a known race in Jupyter: the client
picks free ports, closes them and hands them to the kernel, and another process takes one in
between (``zmq.error.ZMQError: Address already in use``; jupyter/jupyter_client issue 154).
The kernel then exits before it answers, and no cell has run, so the build starts it again.
"""

_KERNEL_START_FAILURE = "Kernel died before replying to kernel_info"


def _execute_task(task: NotebookTask) -> dict[str, Any]:
    """Execute one notebook in its own empty workspace; return plain data (never raises).

    A solution that saves to the learner's scorecard writes into ``BSCKIT_WORKSPACE``; a fresh
    folder per notebook keeps what one solution saved from reaching another, so an output never
    depends on which notebooks the same worker happened to run before.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bsckit-build-workspace-") as workspace:
        os.environ["BSCKIT_WORKSPACE"] = workspace
        return _execute(task)


def _execute(task: NotebookTask) -> dict[str, Any]:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    try:
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                nb = papermill.execute_notebook(
                    task.source,
                    None,
                    parameters=task.parameters or None,
                    cwd=task.cwd,
                    kernel_name=task.kernel_name,
                    progress_bar=False,
                    execution_timeout=task.timeout,
                )
                break
            except RuntimeError as error:
                # No cell has run yet, so starting again is safe (see KERNEL_START_ATTEMPTS).
                if _KERNEL_START_FAILURE not in str(error) or attempt == KERNEL_START_ATTEMPTS:
                    raise
    except PapermillExecutionError as error:
        where = f"cell {error.cell_index} (In [{error.exec_count}]: {_first_line(error.source)})"
        evalue = str(error.evalue).strip().splitlines()
        return {
            "label": task.label,
            "ok": False,
            "seconds": time.perf_counter() - start,
            "error": f"{where}: {error.ename}: {evalue[0] if evalue else ''}".rstrip(": "),
        }
    except Exception as error:  # kernel died, timeout, bad notebook: report, never crash the build
        return {
            "label": task.label,
            "ok": False,
            "seconds": time.perf_counter() - start,
            "error": f"{type(error).__name__}: {str(error).strip()[:300]}",
        }
    seconds = time.perf_counter() - start
    from bsckit.course.exercises import dumps_notebook

    nb = normalise_executed(nb, task.record)
    return {
        "label": task.label,
        "ok": True,
        "seconds": seconds,
        "text": dumps_notebook(nb),
        "checks": _count_checks(nb),
    }


def _ready() -> int:
    """A task that does nothing: submitted once per worker so the process starts now."""
    return os.getpid()


def start_workers(workers: int = 2, *, pythonpath: str = "") -> cf.ProcessPoolExecutor:
    """Start ``workers`` spawned processes for :func:`execute_notebooks`, without waiting for them.

    A spawned pool starts a process only when a task is submitted; this submits one empty task
    per worker, so the processes start (and import papermill, see ``_init_worker``) at once. The
    build calls it before generating the datasets, so that start-up runs alongside the data
    step instead of after it. Shut the pool down with ``with`` or ``.shutdown()``.

    Parameters
    ----------
    workers : int, default 2
        Number of processes, at least 1.
    pythonpath : str, default ""
        Folder put first on the kernels' ``PYTHONPATH`` (the one holding ``bsckit``).

    Returns
    -------
    concurrent.futures.ProcessPoolExecutor
    """
    from bsckit._validation import check_workers

    workers = check_workers(workers)
    pool = cf.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(pythonpath,),
    )
    for _ in range(workers):
        pool.submit(_ready)
    return pool


def execute_notebooks(
    tasks: Sequence[NotebookTask],
    *,
    workers: int = 2,
    progress: TextIO | None = sys.stderr,
    pool: cf.Executor | None = None,
) -> list[dict[str, Any]]:
    """Execute ``tasks`` on ``workers`` spawned processes; results in the order of ``tasks``.

    The tasks with the highest ``cost`` are started first (longest job first: the last notebook
    to start is a short one, so workers finish close together). Each result is a dict with
    ``label``, ``ok``, ``seconds`` and either ``text`` (the normalised executed notebook) and
    ``checks``, or ``error``. A line per finished notebook is written to ``progress`` (None for
    silence).

    ``pool`` is a pool from :func:`start_workers` to run on (it is left running; ``workers``
    then only sizes the message); by default a pool of ``workers`` processes is started here,
    with ``tasks[0].pythonpath``, and shut down at the end.
    """
    from bsckit._validation import check_workers

    workers = check_workers(workers)
    if not tasks:
        return []
    results: dict[int, dict[str, Any]] = {}
    width = len(str(len(tasks)))

    def report(done: int, result: dict[str, Any]) -> None:
        if progress is None:
            return
        status = "ok" if result["ok"] else "FAILED"
        line = f"[{done:>{width}}/{len(tasks)}] {status:<6} {result['label']}  {result['seconds']:.1f} s"
        print(line, file=progress, flush=True)

    if progress is not None:
        noun = "notebook" if len(tasks) == 1 else "notebooks"
        print(f"Executing {len(tasks)} {noun} on {workers} worker(s)...", file=progress, flush=True)
    owned = pool is None
    if pool is None:
        pool = start_workers(min(workers, len(tasks)), pythonpath=tasks[0].pythonpath)
    try:
        order = sorted(range(len(tasks)), key=lambda i: -tasks[i].cost)  # stable: ties keep order
        futures = {pool.submit(_execute_task, tasks[i]): i for i in order}
        for done, future in enumerate(cf.as_completed(futures), start=1):
            index = futures[future]
            try:
                result = future.result()
            except Exception as error:  # a worker process died
                result = {
                    "label": tasks[index].label,
                    "ok": False,
                    "seconds": 0.0,
                    "error": f"worker process failed: {type(error).__name__}: {error}",
                }
            results[index] = result
            report(done, result)
    finally:
        if owned:
            pool.shutdown(wait=True, cancel_futures=True)
    return [results[i] for i in range(len(tasks))]


def estimated_cost(notebook: str | os.PathLike[str]) -> float:
    """How long ``notebook`` may run, relative to others: the characters of its code cells.

    A crude but free estimate (the committed notebooks keep no timings): in this course the
    notebooks with more code load more data and draw more charts. Only the order matters: it
    decides which notebook starts first (:func:`execute_notebooks`). A notebook that cannot be
    read costs 0.

    Examples
    --------
    >>> import nbformat, tempfile, pathlib
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
    ...                                      nbformat.v4.new_markdown_cell("# Long title")])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "n.ipynb"
    >>> nbformat.write(nb, path)
    >>> estimated_cost(path)
    5.0
    """
    import json

    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return 0.0
    code = (c.get("source", "") for c in cells if c.get("cell_type") == "code")
    return float(sum(len(s if isinstance(s, str) else "".join(s)) for s in code))


# --------------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------------


def _notebooks(root: Path, folders: Iterable[str]) -> list[Path]:
    found = []
    for folder in folders:
        base = root / folder
        if base.is_dir():
            found.extend(sorted(p for p in base.glob("*.ipynb") if not p.name.startswith(".")))
    return found


def _write_decision(target: Path, text: str, *, in_place: bool, accept_edits: bool) -> str:
    """'unchanged', 'write' or 'variant' for an executed notebook about to go to ``target``."""
    from bsckit.course.exercises import recorded_hash_matches

    if not target.exists():
        return "write"
    if target.read_text(encoding="utf-8") == text:
        return "unchanged"
    if accept_edits:
        return "write"
    untouched = recorded_hash_matches(target, BUILD_HASH_KEY)
    if untouched is True or (untouched is None and in_place):
        # In place, a notebook never built before is the author's new source: replace it.
        return "write"
    return "variant"


def build(
    root: str | os.PathLike[str] = ".",
    *,
    params: BuildParams | None = None,
    out: str | os.PathLike[str] | None = None,
    workers: int = 2,
    prepare_data: Callable[[BuildParams, Path], Any] | None = None,
    folders: Sequence[str] = NOTEBOOK_FOLDERS,
    exercises: bool = True,
    accept_edits: bool = False,
    kernel_name: str | None = None,
    timeout: float = 600.0,
    progress: TextIO | None = sys.stderr,
) -> BuildReport:
    """Build the course: datasets, executed notebooks, exercises. See the module docstring.

    Parameters
    ----------
    root : path-like, default "."
        The kit's folder (holding ``notebooks/`` and ``solutions/``).
    params : BuildParams, optional
        Seed, company and scenario; default :class:`BuildParams()` (the committed course).
    out : path-like, optional
        Output folder; default in place for default parameters, else ``build/<slug>``.
    workers : int, default 2
        Worker processes executing notebooks.
    prepare_data : callable, optional
        ``prepare_data(params, data_dir)`` writes the datasets; default
        :func:`default_prepare_data`. Tests pass a fake.
    folders : sequence of str, default ("notebooks", "solutions")
        Folders under ``root`` whose ``*.ipynb`` are executed.
    exercises : bool, default True
        Write ``exercises/`` from ``solutions/`` at the end.
    accept_edits : bool, default False
        Overwrite notebooks even when they were edited after the last build (authors).
    kernel_name : str, optional
        Kernel to run every notebook with; default the notebook's own.
    timeout : float, default 600
        Seconds a single cell may run.
    progress : text stream or None, default sys.stderr
        Where progress lines go.

    Returns
    -------
    BuildReport
    """
    from bsckit._validation import check_number, check_workers
    from bsckit.course.exercises import write_exercises
    from bsckit.course.notebook_params import parameters_of, validate

    root = Path(root).resolve()
    params = BuildParams() if params is None else params
    if not isinstance(params, BuildParams):
        msg = f"`params` must be a BuildParams, got {type(params).__name__}."
        raise TypeError(msg)
    check_number("timeout", timeout, low=0.0, low_open=True)
    workers = check_workers(workers)
    in_place = out is None and params.is_default
    if out is None:
        out_dir = root if in_place else root / "build" / params.slug
    else:
        out_dir = Path(out).resolve()
        in_place = out_dir == root
    data_dir = out_dir / "datasets"
    variants_dir = (root / "build" / "variants") if out_dir == root else out_dir / "variants"
    report = BuildReport(params=params, root=root, out_dir=out_dir, data_dir=data_dir)
    say = (lambda text: print(text, file=progress, flush=True)) if progress else (lambda _t: None)

    sources = _notebooks(root, folders)
    if not sources:
        say(f"No notebooks found in {', '.join(folders)} under {root}.")

    # The workers start now and get ready (papermill imported) while the data is generated.
    pool = (
        start_workers(max(1, min(workers, len(sources))), pythonpath=_kit_path())
        if sources
        else None
    )
    try:
        start = time.perf_counter()
        say(f"Preparing datasets in {data_dir} ({params.slug})...")
        try:
            (prepare_data or default_prepare_data)(params, data_dir)
        except BuildError:
            raise
        except Exception as error:
            msg = (
                f"Preparing the datasets for {params.slug} failed: {type(error).__name__}: {error}"
            )
            raise BuildError(msg) from error
        report.seconds["data"] = time.perf_counter() - start

        tasks, planned, failures = [], [], []
        for source in sources:
            relative = source.relative_to(root)
            target = out_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            wanted = {
                **params.as_dict(),
                "data_dir": Path(os.path.relpath(data_dir, target.parent)).as_posix(),
            }
            try:
                validate(source, wanted)
                defaults = parameters_of(source)
            except (ValueError, OSError) as error:
                failures.append(
                    NotebookResult(relative.as_posix(), "failed", 0.0, error=str(error))
                )
                continue
            inject = {k: v for k, v in wanted.items() if defaults.get(k) != v}
            tasks.append(
                NotebookTask(
                    source=str(source),
                    label=relative.as_posix(),
                    cwd=str(target.parent),
                    parameters=inject,
                    record=params.as_dict(),
                    kernel_name=kernel_name,
                    timeout=float(timeout),
                    pythonpath=_kit_path(),
                    cost=estimated_cost(source),
                )
            )
            planned.append((relative, target))

        start = time.perf_counter()
        outcomes = execute_notebooks(tasks, workers=max(1, workers), progress=progress, pool=pool)
        report.seconds["notebooks"] = time.perf_counter() - start
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    for (relative, target), outcome in zip(planned, outcomes, strict=True):
        label = relative.as_posix()
        if not outcome["ok"]:
            report.results.append(
                NotebookResult(label, "failed", outcome["seconds"], error=outcome["error"])
            )
            continue
        checks = outcome["checks"]
        error = ""
        if relative.parts[0] == "solutions" and set(checks) - {"passed"}:
            shown = ", ".join(f"{n} {s}" for s, n in sorted(checks.items()) if s != "passed")
            error = f"solution checks do not all pass ({shown})"
        decision = _write_decision(
            target, outcome["text"], in_place=in_place, accept_edits=accept_edits
        )
        if decision == "write":
            atomic_write_text(target, outcome["text"])
            written, note = target, "written"
        elif decision == "unchanged":
            written, note = target, "unchanged"
        else:
            written = variants_dir / relative
            atomic_write_text(written, outcome["text"])
            note = f"{label} was edited by hand; kept it, wrote {written}"
            say(f"Note: {note}")
        report.results.append(
            NotebookResult(
                label,
                "failed" if error else "ok",
                outcome["seconds"],
                written_to=str(written),
                note=note if decision != "write" else _display(written, root),
                error=error,
                checks=checks,
            )
        )
    report.results.extend(failures)
    report.results.sort(key=lambda r: r.label)

    if exercises and (root / "solutions").is_dir():
        start = time.perf_counter()
        report.exercises = write_exercises(
            root / "solutions",
            out_dir / "exercises",
            parameters=None if in_place else _exercise_defaults(params),
        )
        for item in report.exercises:
            if item.status == "kept_learner_copy":
                say(f"Note: {item.describe()}")
        report.seconds["exercises"] = time.perf_counter() - start
    return report


def _kit_path() -> str:
    """The folder holding the ``bsckit`` package this build runs, for the kernels' PYTHONPATH."""
    return str(Path(__file__).resolve().parents[2])


def _exercise_defaults(params: BuildParams) -> dict[str, Any]:
    return params.as_dict()


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
