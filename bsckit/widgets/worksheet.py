"""One editable table saved to the learner's workspace: the engine behind every toolkit notebook.

Each toolkit worksheet (``toolkit/*.ipynb``) is described by a small YAML file in
``toolkit/worksheets/``: its title, its columns (name, label, help, kind, choices), how many blank
rows it starts with, the Homeats example rows, and the modules that use it. This module reads
that description (:func:`load_spec`) and gives the learner a table to fill in
(:class:`Worksheet`):

- one row of input boxes per table row (text, number, a drop-down for ``choices``, a tick box
  for ``check``), *Add row*, *Fill with the Homeats example* and *Save*;
- *Save* writes ``<workspace>/toolkit/<key>.yaml`` (the rows, readable and editable) and a
  ``.csv`` twin for spreadsheets, atomically, keeping the previous version as ``<name>.bak``;
- opening the notebook again reloads what was saved; a saved file that cannot be read is
  reported and left exactly as it is, and Save refuses to replace it until it is fixed or moved;
- a static HTML table below the widget (a printable record, kept in executed and exported
  notebooks) is refreshed after every change.

Columns marked ``readonly`` hold the prompts of a form-like sheet (a field name and its
guidance); their values come from the spec and are never edited. A ``score`` block in the spec
(weight column and option columns) adds weighted totals, for decision matrices.

Examples
--------
>>> spec = WorksheetSpec.from_dict({
...     "key": "owners", "title": "Ownership", "rows": 2,
...     "columns": [{"name": "measure"}, {"name": "owner"}],
...     "example": [{"measure": "Cost per meal", "owner": "Head of kitchens"}]})
>>> [c.label for c in spec.columns]
['Measure', 'Owner']
>>> sheet = Worksheet(spec, path=None)
>>> len(sheet.rows), sheet.filled_rows()
(2, [])
>>> sheet.fill_example()
>>> sheet.filled_rows()
[{'measure': 'Cost per meal', 'owner': 'Head of kitchens'}]
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bsckit._atomic import atomic_write_text
from bsckit.widgets._summary import StaticSummary, esc
from bsckit.widgets.workspace import find_kit_root, workspace_dir

__all__ = [
    "COLUMN_KINDS",
    "EXAMPLE_SOURCES",
    "Column",
    "Worksheet",
    "WorksheetFileError",
    "WorksheetSpec",
    "find_spec",
    "load_rows",
    "load_spec",
    "rows_to_csv",
    "scorecard_from_rows",
    "worksheet_path",
]

#: What a column may hold: free text, a number (blank allowed), or a tick box.
COLUMN_KINDS = ("text", "number", "check")
#: Folder of the worksheet specs, relative to the kit root (and to ``toolkit/`` notebooks).
SPEC_FOLDER = Path("toolkit") / "worksheets"
_HEADER = (
    "# Saved by a bsckit toolkit worksheet. Edit it here or in the notebook;\n"
    "# the previous version is kept beside it as <name>.bak.\n"
)


def _scorecard_rows() -> list[dict[str, Any]]:
    from bsckit.scorecard import example_scorecard

    rows = []
    for objective, m in example_scorecard().iter_measures():
        rows.append(
            {
                "perspective": objective.perspective.label,
                "objective": objective.name,
                "measure": m.name,
                "unit": m.unit,
                "kind": m.kind,
                "direction": m.direction,
                "baseline": m.baseline,
                "target": m.target,
                "green": m.green,
                "amber": m.amber,
                "frequency": m.frequency,
                "owner": m.owner or "",
            }
        )
    return rows


def _strategy_map_rows() -> list[dict[str, Any]]:
    from bsckit.scorecard import example_scorecard

    card = example_scorecard()
    perspective = {o.name: o.perspective.label for o in card.objectives}
    return [
        {
            "cause": link.cause,
            "cause_perspective": perspective[link.cause],
            "effect": link.effect,
            "effect_perspective": perspective[link.effect],
            "why": link.reason,
        }
        for link in card.links
    ]


#: Named sources of example rows computed from the Homeats example scorecard.
EXAMPLE_SOURCES = {"scorecard": _scorecard_rows, "strategy_map": _strategy_map_rows}


class WorksheetFileError(ValueError):
    """A saved worksheet or a worksheet spec cannot be read; the file was not changed."""


@dataclass(frozen=True)
class Column:
    """One column of a worksheet.

    Examples
    --------
    >>> Column("lag_months", kind="number").label
    'Lag months'
    >>> Column("kind", kind="colour")
    Traceback (most recent call last):
    ...
    ValueError: Column 'kind': `kind` must be one of 'text', 'number', 'check'; got 'colour'. Fix the worksheet spec.
    """

    name: str
    label: str = ""
    help: str = ""
    kind: str = "text"
    choices: tuple[str, ...] = ()
    readonly: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            msg = f"A column `name` must be a word of letters, digits and _, got {self.name!r}. Fix the worksheet spec."
            raise ValueError(msg)
        if self.kind not in COLUMN_KINDS:
            allowed = ", ".join(repr(k) for k in COLUMN_KINDS)
            msg = f"Column {self.name!r}: `kind` must be one of {allowed}; got {self.kind!r}. Fix the worksheet spec."
            raise ValueError(msg)
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("_", " ").capitalize())
        object.__setattr__(self, "choices", tuple(str(c) for c in self.choices))

    def clean(self, value: Any) -> Any:
        """Return ``value`` as this column stores it (text, float or None, bool).

        Examples
        --------
        >>> Column("target", kind="number").clean(" 4,5 ")
        4.5
        >>> Column("target", kind="number").clean("")
        >>> Column("target", kind="number").clean("about five")
        Traceback (most recent call last):
        ...
        ValueError: Column 'target' must hold a number (or be left blank), got 'about five'. Write digits only, e.g. 4.5.
        """
        if self.kind == "check":
            if isinstance(value, str):
                return value.strip().lower() in {"true", "yes", "y", "1", "x", "done"}
            return bool(value)
        if self.kind == "number":
            if value is None or (isinstance(value, str) and not value.strip()):
                return None
            if isinstance(value, bool):
                value = str(value)
            try:
                number = float(str(value).strip().replace(",", "."))
            except ValueError:
                msg = f"Column {self.name!r} must hold a number (or be left blank), got {value!r}. Write digits only, e.g. 4.5."
                raise ValueError(msg) from None
            return int(number) if number.is_integer() and abs(number) < 1e15 else number
        return "" if value is None else str(value).strip()

    def blank(self) -> Any:
        """The value of an empty cell."""
        return False if self.kind == "check" else (None if self.kind == "number" else "")


@dataclass(frozen=True)
class WorksheetSpec:
    """What a worksheet holds: read from ``toolkit/worksheets/<key>.yaml``.

    Parameters
    ----------
    key : str
        File-name stem, also the saved file's name in the workspace.
    title, purpose : str
        Shown above the table.
    columns : tuple of Column
    rows : int
        Blank rows a new sheet starts with (readonly prompts fill these for form sheets).
    example : tuple of dict
        The Homeats example rows ("Fill with the Homeats example").
    prompts : tuple of dict
        Values of the readonly columns, one dict per row (form-like sheets).
    modules : tuple of int
        Course modules that use this worksheet.
    score : dict
        Optional ``{"weight": column, "options": [columns]}``: weighted totals per option.
    example_source : str
        Instead of ``example`` rows: one of :data:`EXAMPLE_SOURCES`, rows taken from the Homeats
        example scorecard (:func:`bsckit.scorecard.example_scorecard`), so it is defined once.
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    purpose: str = ""
    rows: int = 5
    example: tuple[dict[str, Any], ...] = ()
    prompts: tuple[dict[str, Any], ...] = ()
    modules: tuple[int, ...] = ()
    score: dict[str, Any] = field(default_factory=dict)
    example_source: str = ""

    @classmethod
    def from_dict(cls, data: Any) -> WorksheetSpec:
        """Build a spec from parsed YAML; errors name the key and what to do."""
        if not isinstance(data, dict):
            msg = (
                f"A worksheet spec must be a mapping (key: value lines), got {type(data).__name__}."
            )
            raise ValueError(msg)
        known = {
            "key",
            "title",
            "purpose",
            "columns",
            "rows",
            "example",
            "prompts",
            "modules",
            "score",
            "example_source",
        }
        unknown = sorted(set(data) - known)
        if unknown:
            msg = f"Unknown keys {unknown} in worksheet spec; allowed: {sorted(known)}."
            raise ValueError(msg)
        for required in ("key", "title", "columns"):
            if required not in data:
                msg = f"The worksheet spec needs `{required}`."
                raise ValueError(msg)
        columns = tuple(
            Column(**{**c, "choices": tuple(c.get("choices", ()))}) for c in data["columns"]
        )
        names = [c.name for c in columns]
        if len(set(names)) != len(names):
            msg = f"Column names must be unique, got {names}."
            raise ValueError(msg)
        spec = cls(
            key=str(data["key"]),
            title=str(data["title"]),
            purpose=str(data.get("purpose", "")).strip(),
            columns=columns,
            rows=int(data.get("rows", 5)),
            example=tuple(dict(r) for r in data.get("example", ()) or ()),
            prompts=tuple(dict(r) for r in data.get("prompts", ()) or ()),
            modules=tuple(int(m) for m in data.get("modules", ()) or ()),
            score=dict(data.get("score") or {}),
            example_source=str(data.get("example_source", "")),
        )
        if spec.example_source and spec.example_source not in EXAMPLE_SOURCES:
            msg = f"`example_source` of {spec.key!r} must be one of {sorted(EXAMPLE_SOURCES)}, got {spec.example_source!r}."
            raise ValueError(msg)
        for where, rows in (("example", spec.example), ("prompts", spec.prompts)):
            for row in rows:
                extra = sorted(set(row) - set(names))
                if extra:
                    msg = f"`{where}` of {spec.key!r} uses unknown columns {extra}; columns are {names}."
                    raise ValueError(msg)
        if spec.score:
            wanted = [spec.score.get("weight"), *spec.score.get("options", [])]
            missing = [w for w in wanted if w not in names]
            if missing or len(wanted) < 2:
                msg = f"`score` of {spec.key!r} must name a weight column and option columns among {names}; got {spec.score}."
                raise ValueError(msg)
        return spec

    @property
    def editable(self) -> tuple[Column, ...]:
        """The columns a learner fills in."""
        return tuple(c for c in self.columns if not c.readonly)

    def blank_rows(self) -> list[dict[str, Any]]:
        """The rows a new sheet starts with: the prompts, else ``rows`` empty rows."""
        count = max(self.rows, len(self.prompts))
        out = []
        for i in range(count):
            prompt = self.prompts[i] if i < len(self.prompts) else {}
            out.append({c.name: c.clean(prompt.get(c.name, c.blank())) for c in self.columns})
        return out

    def example_rows(self) -> list[dict[str, Any]]:
        """The Homeats example as full rows (prompts merged in, by position)."""
        example = EXAMPLE_SOURCES[self.example_source]() if self.example_source else self.example
        out = []
        for i, row in enumerate(example):
            prompt = self.prompts[i] if i < len(self.prompts) else {}
            merged = {**prompt, **row}
            out.append({c.name: c.clean(merged.get(c.name, c.blank())) for c in self.columns})
        return out


def find_spec(key: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """Return the spec file of worksheet ``key``.

    Looked up in ``folder`` if given, else ``worksheets/`` under the current directory (a
    toolkit notebook runs in ``toolkit/``), else ``toolkit/worksheets/`` of the kit root, else
    that of the kit the package was installed from.
    """
    candidates = []
    if folder is not None:
        candidates.append(Path(folder))
    candidates.append(Path("worksheets"))
    root = find_kit_root()
    if root is not None:
        candidates.append(root / SPEC_FOLDER)
    # the kit this package was installed from (a notebook run outside it: a pack's team folder)
    candidates.append(Path(__file__).resolve().parents[2] / SPEC_FOLDER)
    for base in candidates:
        path = base / f"{key}.yaml"
        if path.is_file():
            return path
    where = ", ".join(str(c) for c in candidates)
    msg = f"No worksheet spec {key!r} ({key}.yaml) in {where}. Run the notebook from toolkit/ or pass `spec_folder=`."
    raise FileNotFoundError(msg)


def load_spec(path: str | os.PathLike[str]) -> WorksheetSpec:
    """Read a worksheet spec YAML file.

    Raises
    ------
    WorksheetFileError
        When the YAML is malformed or breaks the spec rules.
    """
    path = Path(path)
    try:
        return WorksheetSpec.from_dict(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValueError, TypeError) as error:
        msg = f"Cannot read worksheet spec {str(path)!r}: {error}"
        raise WorksheetFileError(msg) from None


def worksheet_path(key: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """Where worksheet ``key`` is saved: ``<workspace>/toolkit/<key>.yaml`` (or under ``folder``).

    Examples
    --------
    >>> worksheet_path("ownership_matrix", folder="ws").as_posix()
    'ws/toolkit/ownership_matrix.yaml'
    """
    base = Path(folder) if folder is not None else workspace_dir()
    return base / "toolkit" / f"{key}.yaml"


def load_rows(spec: WorksheetSpec, path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read the rows saved at ``path`` for ``spec``; never writes.

    Unknown columns are an error (a file saved for another sheet); missing ones are blank;
    readonly columns take the spec's prompts again.

    Raises
    ------
    WorksheetFileError
        Naming the file, the problem and what to do; the file is left as it is.
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        msg = (
            f"Cannot read the saved worksheet {str(path)!r}: it is not valid YAML ({type(error).__name__})."
            " The file was not changed: fix it in a text editor, or restore the .bak copy."
        )
        raise WorksheetFileError(msg) from None
    rows = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        msg = (
            f"Cannot read the saved worksheet {str(path)!r}: it needs `rows:`, a list of"
            " `column: value` entries. The file was not changed: fix it, or restore the .bak copy."
        )
        raise WorksheetFileError(msg)
    names = {c.name for c in spec.columns}
    out = []
    for i, row in enumerate(rows):
        extra = sorted(set(row) - names)
        if extra:
            msg = (
                f"Cannot read the saved worksheet {str(path)!r}: row {i + 1} has columns {extra}"
                f" that {spec.key!r} does not have ({sorted(names)}). The file was not changed."
            )
            raise WorksheetFileError(msg)
        prompt = spec.prompts[i] if i < len(spec.prompts) else {}
        try:
            out.append(
                {
                    c.name: c.clean(prompt.get(c.name, "") if c.readonly else row.get(c.name))
                    for c in spec.columns
                }
            )
        except ValueError as error:
            msg = f"Cannot read the saved worksheet {str(path)!r}, row {i + 1}: {error} The file was not changed."
            raise WorksheetFileError(msg) from None
    return out


def rows_to_csv(spec: WorksheetSpec, rows: list[dict[str, Any]]) -> str:
    """The rows as CSV text (header = column names), for spreadsheets.

    Examples
    --------
    >>> spec = WorksheetSpec.from_dict({"key": "k", "title": "T", "columns": [{"name": "a"}]})
    >>> rows_to_csv(spec, [{"a": "x, y"}])
    'a\\n"x, y"\\n'
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c.name for c in spec.columns], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def _threshold(value: Any, where: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        msg = f"{where} must be a number (or blank), got {value!r}. Write digits only, e.g. 5.4."
        raise ValueError(msg) from None


def scorecard_from_rows(
    rows: list[dict[str, Any]],
    *,
    links: list[dict[str, Any]] = (),  # type: ignore[assignment]
    base: Any = None,
    name: str = "My scorecard",
) -> Any:
    """Turn scorecard-template rows (and strategy-map rows) into a :class:`~bsckit.scorecard.Scorecard`.

    One objective per distinct ``objective`` (in order of first appearance), one measure per
    row; the scorecard model validates everything (a target outside its scale, a threshold on
    the wrong side) and its error names the measure. With ``base`` (the learner's scorecard as
    it is), an objective of the same name keeps its description, owners, deadline and other
    fields and takes the sheet's perspective and measures (a measure of the same name keeps the
    fields the sheet has no column for: scale, weight, data steward...); objectives not on the
    sheet stay;
    links from ``links`` (``cause``, ``effect``, ``why``) are added when new.

    Examples
    --------
    >>> card = scorecard_from_rows([
    ...     {"perspective": "Financial", "objective": "Grow revenue", "measure": "Revenue growth",
    ...      "unit": "%", "baseline": 5, "target": 10, "green": "10", "amber": "7"}])
    >>> [(o.name, o.measures[0].green) for o in card.objectives]
    [('Grow revenue', 10.0)]
    """
    from dataclasses import replace

    from bsckit.scorecard import Link, Measure, Objective, Scorecard

    known = {(o.name, m.name): m for o, m in base.iter_measures()} if base is not None else {}
    grouped: dict[str, dict[str, Any]] = {}
    for i, row in enumerate(rows):
        objective = str(row.get("objective") or "").strip()
        measure = str(row.get("measure") or "").strip()
        if not objective or not measure:
            msg = f"Row {i + 1}: every row needs an `objective` and a `measure`, got {objective!r} and {measure!r}."
            raise ValueError(msg)
        entry = grouped.setdefault(
            objective, {"perspective": row.get("perspective"), "measures": []}
        )
        if row.get("perspective") and row.get("perspective") != entry["perspective"]:
            msg = f"Objective {objective!r} is on two perspectives ({entry['perspective']!r} and {row.get('perspective')!r}); give each objective one."
            raise ValueError(msg)
        kwargs: dict[str, Any] = {"name": measure}
        for key in ("unit", "kind", "direction", "frequency", "owner"):
            if row.get(key):
                kwargs[key] = str(row[key])
        for key in ("baseline", "target", "green", "amber"):
            value = _threshold(row.get(key), f"Row {i + 1} ({measure}), `{key}`")
            if value is not None:
                kwargs[key] = value
        previous = known.get((objective, measure))
        merged = {**previous.to_dict(), **kwargs} if previous is not None else kwargs
        entry["measures"].append(Measure.from_dict(merged))
    current = {o.name: o for o in base.objectives} if base is not None else {}
    objectives = []
    for objective, entry in grouped.items():
        if objective in current:
            objectives.append(replace(current.pop(objective), perspective=entry["perspective"],
                                      measures=tuple(entry["measures"])))  # fmt: skip
        else:
            objectives.append(Objective(name=objective, perspective=entry["perspective"],
                                        measures=tuple(entry["measures"])))  # fmt: skip
    kept = [o for o in (base.objectives if base is not None else ()) if o.name in current]
    all_links = list(base.links) if base is not None else []
    seen = {(link.cause, link.effect) for link in all_links}
    for row in links:
        cause, effect = str(row.get("cause") or "").strip(), str(row.get("effect") or "").strip()
        if cause and effect and (cause, effect) not in seen:
            all_links.append(Link(cause, effect, reason=str(row.get("why") or "")))
            seen.add((cause, effect))
    return Scorecard(
        name=base.name if base is not None else name,
        description=base.description if base is not None else "",
        objectives=(*kept, *objectives),
        links=tuple(all_links),
    )


def _is_blank(spec: WorksheetSpec, row: dict[str, Any]) -> bool:
    return all(row.get(c.name) in (None, "", False) for c in spec.editable)


class Worksheet(StaticSummary):
    """An editable table for one worksheet, saved to the learner's workspace.

    Parameters
    ----------
    spec : WorksheetSpec or str
        The spec, or a worksheet key looked up with :func:`find_spec`.
    path : path-like or None, default: the workspace
        Where Save writes (YAML; a ``.csv`` twin beside it). ``None`` keeps the sheet in memory
        only (tests, docs). By default ``<workspace>/toolkit/<key>.yaml``.
    example : bool, default False
        Start from the Homeats example instead of blank rows (or the learner's saved rows).
    spec_folder : path-like, optional
        Where to look for the spec when ``spec`` is a key.

    Attributes
    ----------
    rows : list of dict
        The table's current content (one dict per row, every column present).
    load_error : str
        Why the saved file could not be read ("" when it could, or there was none).
    """

    def __init__(
        self,
        spec: WorksheetSpec | str,
        *,
        path: str | os.PathLike[str] | type[Ellipsis] | None = ...,
        example: bool = False,
        spec_folder: str | os.PathLike[str] | None = None,
    ) -> None:
        if isinstance(spec, str):
            spec = load_spec(find_spec(spec, spec_folder))
        if not isinstance(spec, WorksheetSpec):
            msg = f"`spec` must be a WorksheetSpec or a worksheet key, got {type(spec).__name__}."
            raise TypeError(msg)
        self.spec = spec
        self.path: Path | None = worksheet_path(spec.key) if path is ... else (
            None if path is None else Path(path)
        )  # fmt: skip
        self.load_error = ""
        self.message = ""
        self.rows: list[dict[str, Any]] = spec.blank_rows()
        if example:
            self.rows = spec.example_rows()
        elif self.path is not None and self.path.is_file():
            try:
                self.rows = load_rows(spec, self.path)
                self.message = f"Loaded your saved sheet from {self.path}."
            except WorksheetFileError as error:
                self.load_error = str(error)
                self.message = self.load_error
        self.widget = None
        self._build_widget()

    # -- data -------------------------------------------------------------------------------
    def filled_rows(self) -> list[dict[str, Any]]:
        """The rows with at least one editable cell filled in."""
        return [dict(r) for r in self.rows if not _is_blank(self.spec, r)]

    def set(self, row: int, column: str, value: Any) -> None:
        """Set one cell (row from 0); adds rows as needed. Updates the widget and summary."""
        col = {c.name: c for c in self.spec.columns}.get(column)
        if col is None:
            msg = f"`column` must be one of {[c.name for c in self.spec.columns]}, got {column!r}."
            raise ValueError(msg)
        if col.readonly:
            msg = f"Column {column!r} holds the sheet's prompts and cannot be edited."
            raise ValueError(msg)
        while row >= len(self.rows):
            self.add_row()
        self.rows[row][column] = col.clean(value)
        self._sync_widgets()
        self.refresh_summary()

    def add_row(self) -> None:
        """Append one blank row."""
        self.rows.append({c.name: c.blank() for c in self.spec.columns})
        self._build_widget()
        self.refresh_summary()

    def fill_example(self) -> None:
        """Replace the table with the Homeats example (nothing is saved until Save)."""
        self.rows = self.spec.example_rows()
        self.message = "Filled with the Homeats example. Replace it with your own organisation's."
        self._build_widget()
        self.refresh_summary()

    def totals(self) -> dict[str, float]:
        """Weighted totals per option column (sheets with a ``score`` block), else ``{}``.

        Each option's total is the sum over filled rows of weight x score, divided by the
        sum of weights, so it reads on the same scale as the scores. ``{}`` until a row has
        a weight.
        """
        if not self.spec.score:
            return {}
        weight = self.spec.score["weight"]
        out = {}
        rows = [r for r in self.filled_rows() if r.get(weight) is not None]
        total_weight = sum(float(r[weight]) for r in rows)
        if not total_weight:
            return {}
        for option in self.spec.score["options"]:
            scored = sum(float(r[weight]) * float(r.get(option) or 0) for r in rows)
            out[option] = round(scored / total_weight, 2)
        return out

    def save(self) -> Path:
        """Write the filled rows to :attr:`path` (YAML + CSV twin), atomically, with ``.bak``.

        Raises
        ------
        WorksheetFileError
            When the saved file could not be read at start (it is left as it is), or the
            sheet has no path.
        """
        if self.path is None:
            msg = "This sheet has no file (path=None); create it with a path to save."
            raise WorksheetFileError(msg)
        if self.load_error and self.path.exists():
            msg = (
                f"Not saved: {self.path} could not be read when this sheet opened, and saving would"
                " replace it. Fix or rename that file, then run the notebook again."
            )
            raise WorksheetFileError(msg)
        self._read_widgets()
        rows = self.filled_rows()
        body = {"worksheet": self.spec.key, "title": self.spec.title, "rows": rows}
        text = _HEADER + yaml.safe_dump(body, sort_keys=False, allow_unicode=True)
        atomic_write_text(self.path, text, backup=True)
        atomic_write_text(self.path.with_suffix(".csv"), rows_to_csv(self.spec, rows), backup=True)
        self.message = f"Saved {len(rows)} row(s) to {self.path} (and .csv); the previous version is kept as .bak."
        self.refresh_summary()
        return self.path

    def save_as_scorecard(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        links: list[dict[str, Any]] = (),  # type: ignore[assignment]
    ) -> Path:
        """Make this scorecard-template sheet the learner's scorecard (``my_scorecard.yaml``).

        Merged into the scorecard file as it is (see :func:`scorecard_from_rows`), written
        atomically with the previous version kept as ``.bak``; ``bsckit export`` then prints
        it on one page. A scorecard file that cannot be read is left as it is (the error says
        why), and nothing is written.
        """
        from bsckit.scorecard import load_scorecard, save_scorecard
        from bsckit.widgets.workspace import scorecard_path

        target = scorecard_path(path)
        base = load_scorecard(target) if target.exists() else None
        self._read_widgets()
        card = scorecard_from_rows(self.filled_rows(), links=list(links), base=base)
        save_scorecard(card, target)
        self.message = f"Saved as your scorecard: {target} (the previous version is kept as .bak)."
        self.refresh_summary()
        return target

    # -- printable summary ----------------------------------------------------------------
    def summary_html(self) -> str:
        """The sheet as a printable HTML table (filled rows; blank rows when empty)."""
        rows = self.filled_rows() or self.rows
        head = "".join(f"<th>{esc(c.label)}</th>" for c in self.spec.columns)
        body = []
        for row in rows:
            cells = []
            for c in self.spec.columns:
                value = row.get(c.name)
                shown = ("yes" if value else "") if c.kind == "check" else value
                cells.append(f"<td>{esc('' if shown is None else shown)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        totals = self.totals()
        foot = ""
        if totals:
            labels = {c.name: c.label for c in self.spec.columns}
            shown = ", ".join(f"{esc(labels[k])}: {v:g}" for k, v in totals.items())
            foot = f"<p><strong>Weighted totals</strong> {shown}</p>"
        note = f"<p><em>{esc(self.message)}</em></p>" if self.message else ""
        return (
            f'<div class="bsckit-summary bsckit-worksheet"><h4>{esc(self.spec.title)}</h4>'
            '<table border="1" style="border-collapse:collapse">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{foot}{note}</div>"
        )

    def summary_text(self) -> str:
        """The sheet as plain text: one line per filled row."""
        rows = self.filled_rows()
        lines = [f"{self.spec.title}: {len(rows)} filled row(s)"]
        for row in rows:
            lines.append(
                " | ".join(
                    "" if row[c.name] is None else str(row[c.name]) for c in self.spec.columns
                )
            )
        if self.message:
            lines.append(self.message)
        return "\n".join(lines)

    # -- the live widget ------------------------------------------------------------------
    def _cell_widget(self, column: Column, value: Any) -> Any:
        import ipywidgets as w

        layout = w.Layout(width="auto")
        if column.readonly:
            return w.HTML(f"<span title='{esc(column.help)}'>{esc(value)}</span>", layout=layout)
        if column.kind == "check":
            return w.Checkbox(value=bool(value), indent=False, layout=layout)
        if column.choices:
            options = ["", *column.choices]
            if value not in options:
                options.append(value)
            return w.Dropdown(options=options, value=value or "", layout=layout)
        shown = "" if value is None else str(value)
        return w.Text(value=shown, placeholder=column.help[:40], layout=layout)

    def _build_widget(self) -> None:
        try:
            import ipywidgets as w
        except ImportError:  # pragma: no cover - ipywidgets is a dependency
            return
        columns = self.spec.columns
        header = [
            w.HTML(f"<b title='{esc(c.help)}'>{esc(c.label)}</b>", layout=w.Layout(width="auto"))
            for c in columns
        ]
        self.cells: list[list[Any]] = []
        flat = list(header)
        for row in self.rows:
            line = [self._cell_widget(c, row.get(c.name)) for c in columns]
            for c, cell in zip(columns, line, strict=True):
                if not c.readonly:
                    cell.observe(self._changed, names="value")
            self.cells.append(line)
            flat.extend(line)
        grid = w.GridBox(
            flat,
            layout=w.Layout(grid_template_columns=f"repeat({len(columns)}, minmax(90px, 1fr))"),
        )
        self.add_button = w.Button(description="Add row", icon="plus")
        self.example_button = w.Button(description="Fill with the Homeats example")
        self.save_button = w.Button(description="Save", button_style="primary", icon="save")
        self.status = w.HTML(esc(self.message))
        self.add_button.on_click(lambda _b: self._rebuild_after(self.add_row))
        self.example_button.on_click(lambda _b: self._rebuild_after(self.fill_example))
        self.save_button.on_click(self._save_clicked)
        help_lines = "".join(
            f"<li><b>{esc(c.label)}</b>: {esc(c.help)}</li>" for c in columns if c.help
        )
        helps = w.HTML(
            f"<details><summary>What goes in each column</summary><ul>{help_lines}</ul></details>"
        )
        buttons = w.HBox([self.add_button, self.example_button, self.save_button])
        children = [helps, grid, buttons, self.status]
        if self.widget is None:
            self.widget = w.VBox(children)
        else:
            self.widget.children = children

    def _rebuild_after(self, action: Any) -> None:
        self._read_widgets()
        action()
        self.status.value = esc(self.message)

    def _read_widgets(self) -> None:
        """Copy the input boxes' values into :attr:`rows` (bad numbers raise ValueError)."""
        for row, line in zip(self.rows, getattr(self, "cells", []), strict=False):
            for c, cell in zip(self.spec.columns, line, strict=True):
                if not c.readonly:
                    row[c.name] = c.clean(cell.value)

    def _sync_widgets(self) -> None:
        for row, line in zip(self.rows, getattr(self, "cells", []), strict=False):
            for c, cell in zip(self.spec.columns, line, strict=True):
                if not c.readonly:
                    value = row[c.name]
                    shown = (
                        bool(value) if c.kind == "check" else ("" if value is None else str(value))
                    )
                    if c.choices and shown not in cell.options:
                        cell.options = [*cell.options, shown]
                    cell.value = shown

    def _changed(self, _change: Any) -> None:
        try:
            self._read_widgets()
            self.message = ""
        except ValueError as error:
            self.message = str(error)
        self.status.value = esc(self.message)
        self.refresh_summary()

    def _save_clicked(self, _button: Any) -> None:
        try:
            self.save()
        except (WorksheetFileError, ValueError, OSError) as error:
            self.message = str(error)
        self.status.value = esc(self.message)
        self.refresh_summary()
