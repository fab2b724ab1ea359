"""Notebook parameters: read, validate and rewrite the cell tagged ``parameters``.

Every lesson and solution notebook has one code cell tagged ``parameters`` that holds plain
assignments of literal defaults (papermill's convention)::

    seed = 2024
    company = "Homeats"
    scenario = "baseline"
    data_dir = "../datasets"

papermill injects new values in a cell after it, and only *warns* about a name the notebook does
not define (papermill issue 667) - a typo such as ``sed=7`` would silently build the default
course. :func:`validate` turns that into an error that lists the allowed names, and the build
calls it before executing anything. Values *derived* from parameters (paths, labels, date
ranges) belong in a later cell: computed in the parameters cell they would keep the defaults'
value after injection. :func:`lint_parameters` reports both problems.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook()
>>> cell = nbformat.v4.new_code_cell('seed = 2024\\ncompany = "Homeats"  # the company')
>>> cell.metadata["tags"] = ["parameters"]
>>> nb.cells.append(cell)
>>> parameters_of(nb)
{'seed': 2024, 'company': 'Homeats'}
>>> validate(nb, {"seed": 7})
{'seed': 7}
>>> validate(nb, {"sed": 7})
Traceback (most recent call last):
...
ValueError: `params` has an unknown parameter name 'sed' (did you mean 'seed'?) for notebook <notebook>. Allowed names: company, seed. Fix the spelling, or add the name to the cell tagged `parameters`.
"""

from __future__ import annotations

import ast
import difflib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat

__all__ = [
    "PARAMETERS_TAG",
    "REQUIRED_PARAMETERS",
    "find_parameters_cell",
    "lint_parameters",
    "parameters_of",
    "set_parameter_defaults",
    "validate",
]

PARAMETERS_TAG = "parameters"
"""The cell tag papermill looks for."""

REQUIRED_PARAMETERS = ("seed", "company", "scenario", "data_dir")
"""Names every lesson and solution notebook must define in its parameters cell."""

_NotebookLike = str | os.PathLike[str] | nbformat.NotebookNode


def _load(notebook: _NotebookLike) -> tuple[nbformat.NotebookNode, str]:
    if isinstance(notebook, nbformat.NotebookNode):
        return notebook, "<notebook>"
    if not isinstance(notebook, str | os.PathLike):
        msg = (
            f"`notebook_path` must be a path to an .ipynb file or a NotebookNode, "
            f"got {type(notebook).__name__}."
        )
        raise TypeError(msg)
    path = Path(notebook)
    if not path.is_file():
        msg = f"`notebook_path` {str(path)!r} does not exist. Pass the path of an .ipynb file."
        raise FileNotFoundError(msg)
    return nbformat.read(path, as_version=4), str(path)


def find_parameters_cell(notebook: _NotebookLike) -> int | None:
    """Index of the first code cell tagged ``parameters``, or None when there is none.

    Examples
    --------
    >>> find_parameters_cell(nbformat.v4.new_notebook()) is None
    True
    """
    nb, _ = _load(notebook)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            return index
    return None


def _assignments(source: str, where: str) -> list[tuple[str, ast.AST, ast.stmt]]:
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        msg = f"The parameters cell of {where} is not valid Python: {error.msg} (line {error.lineno})."
        raise ValueError(msg) from None
    found = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                found.append((target.id, node.value, node))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            found.append((node.target.id, node.value, node))
    return found


def parameters_of(notebook: _NotebookLike) -> dict[str, Any]:
    """Names and default values defined in the notebook's ``parameters`` cell.

    A default that is not a Python literal is returned as its source text.

    Raises
    ------
    ValueError
        When the notebook has no cell tagged ``parameters``.

    Examples
    --------
    >>> parameters_of(nbformat.v4.new_notebook())
    Traceback (most recent call last):
    ...
    ValueError: Notebook <notebook> has no code cell tagged `parameters`. Add one holding seed, company, scenario and data_dir (see CONTRIBUTING.md).
    """
    nb, where = _load(notebook)
    return _parameters(nb, where)


def _parameters(nb: nbformat.NotebookNode, where: str) -> dict[str, Any]:
    index = find_parameters_cell(nb)
    if index is None:
        msg = (
            f"Notebook {where} has no code cell tagged `{PARAMETERS_TAG}`. Add one holding "
            f"{', '.join(REQUIRED_PARAMETERS[:-1])} and {REQUIRED_PARAMETERS[-1]} "
            "(see CONTRIBUTING.md)."
        )
        raise ValueError(msg)
    values: dict[str, Any] = {}
    for name, value, _node in _assignments(nb.cells[index].source, where):
        try:
            values[name] = ast.literal_eval(value)
        except ValueError:
            values[name] = ast.unparse(value)
    return values


def validate(notebook_path: _NotebookLike, params: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``params`` as a dict after checking every name is defined by the notebook.

    Parameters
    ----------
    notebook_path : path-like or NotebookNode
        The notebook to be executed.
    params : mapping
        Parameter names and values to inject.

    Raises
    ------
    ValueError
        Naming the unknown parameter(s), a close spelling when there is one, and the allowed
        names; also when the notebook has no ``parameters`` cell.
    """
    if not isinstance(params, Mapping):
        msg = (
            f"`params` must be a mapping of parameter names to values, got {type(params).__name__}."
        )
        raise TypeError(msg)
    nb, where = _load(notebook_path)
    allowed = _parameters(nb, where)
    unknown = [name for name in params if name not in allowed]
    if unknown:
        described = []
        for name in unknown:
            close = difflib.get_close_matches(str(name), list(allowed), n=1)
            described.append(f"{name!r} (did you mean {close[0]!r}?)" if close else repr(name))
        noun = "an unknown parameter name" if len(unknown) == 1 else "unknown parameter names"
        msg = (
            f"`params` has {noun} {', '.join(described)} for notebook {where}. "
            f"Allowed names: {', '.join(sorted(allowed))}. Fix the spelling, or add the name to "
            f"the cell tagged `{PARAMETERS_TAG}`."
        )
        raise ValueError(msg)
    return dict(params)


def lint_parameters(
    notebook_path: _NotebookLike, required: tuple[str, ...] = REQUIRED_PARAMETERS
) -> list[str]:
    """Problems with a notebook's parameters cell, as sentences; empty when all is well.

    Checks: the cell exists, defines every ``required`` name, and holds only literal values
    (anything computed belongs in a later cell, or it keeps the default's value after papermill
    injects new parameters).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook()
    >>> cell = nbformat.v4.new_code_cell('seed = 1\\npath = data_dir + "/orders.csv"')
    >>> cell.metadata["tags"] = ["parameters"]
    >>> nb.cells.append(cell)
    >>> for problem in lint_parameters(nb):
    ...     print(problem)
    missing required parameter(s): company, scenario, data_dir.
    `path` is computed (data_dir + '/orders.csv'); compute derived values in a later cell.
    """
    nb, where = _load(notebook_path)
    index = find_parameters_cell(nb)
    if index is None:
        return [f"no code cell tagged `{PARAMETERS_TAG}`."]
    problems = []
    found = _assignments(nb.cells[index].source, where)
    names = {name for name, _value, _node in found}
    missing = [name for name in required if name not in names]
    if missing:
        problems.append(f"missing required parameter(s): {', '.join(missing)}.")
    for name, value, _node in found:
        try:
            ast.literal_eval(value)
        except ValueError:
            problems.append(
                f"`{name}` is computed ({ast.unparse(value)}); compute derived values in a "
                "later cell."
            )
    return problems


def set_parameter_defaults(
    notebook: nbformat.NotebookNode, params: Mapping[str, Any]
) -> nbformat.NotebookNode:
    """Rewrite the defaults in the ``parameters`` cell (in place) and return the notebook.

    Used to hand out a clean notebook whose defaults are another build's parameters, without
    papermill's injected cell. Each ``name = value`` line is replaced by ``name = repr(new)``;
    a trailing comment on that line is kept.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook()
    >>> cell = nbformat.v4.new_code_cell('seed = 2024  # any whole number\\nscenario = "baseline"')
    >>> cell.metadata["tags"] = ["parameters"]
    >>> nb.cells.append(cell)
    >>> print(set_parameter_defaults(nb, {"seed": 7}).cells[0].source)
    seed = 7  # any whole number
    scenario = "baseline"
    """
    params = validate(notebook, params)
    index = find_parameters_cell(notebook)
    cell = notebook.cells[index]
    lines = cell.source.split("\n")
    for name, _value, node in _assignments(cell.source, "<notebook>"):
        if name not in params:
            continue
        first, last = node.lineno - 1, node.end_lineno - 1
        tail = lines[last][node.end_col_offset :]
        indent = lines[first][: node.col_offset]
        lines[first : last + 1] = [f"{indent}{name} = {params[name]!r}{tail}"]
        # Line numbers of later nodes shift when a multi-line value collapses; re-parse.
        return set_parameter_defaults(
            _with_source(notebook, index, "\n".join(lines)),
            {k: v for k, v in params.items() if k != name},
        )
    return notebook


def _with_source(nb: nbformat.NotebookNode, index: int, source: str) -> nbformat.NotebookNode:
    nb.cells[index].source = source
    return nb
