"""Where the learner's own files live: the workspace folder and ``my_scorecard.yaml`` in it.

The rule, in order:

1. an explicit path passed by the caller wins;
2. else the ``BSCKIT_WORKSPACE`` environment variable, if set, names the workspace folder;
3. else ``workspace/`` in the **kit root** - the nearest folder, starting at the current
   directory and going up, that holds both ``pyproject.toml`` and a ``bsckit/`` package folder.
   Notebooks in ``notebooks/``, ``exercises/`` and ``solutions/`` therefore all share one
   workspace, and ``workspace/`` is ignored by git so learners' work never mixes with the kit;
4. else (the kit is installed elsewhere, e.g. ``pip install bsckit`` on a laptop)
   ``workspace/`` in the current directory.

Nothing is created until something is saved.

Examples
--------
>>> import os, tempfile
>>> saved = os.environ.get(WORKSPACE_ENV)
>>> folder = tempfile.mkdtemp()
>>> os.environ[WORKSPACE_ENV] = folder
>>> scorecard_path().name
'my_scorecard.yaml'
>>> scorecard_path().parent == Path(folder)
True
>>> _ = os.environ.pop(WORKSPACE_ENV) if saved is None else os.environ.update({WORKSPACE_ENV: saved})
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "SCORECARD_FILENAME",
    "WORKSPACE_ENV",
    "display_path",
    "find_kit_root",
    "scorecard_path",
    "workspace_dir",
]

#: Environment variable that names the workspace folder (overrides the default).
WORKSPACE_ENV = "BSCKIT_WORKSPACE"
#: File name of the learner's scorecard inside the workspace.
SCORECARD_FILENAME = "my_scorecard.yaml"
#: Folder name of the workspace inside the kit root (or the current directory).
WORKSPACE_FOLDER = "workspace"


def find_kit_root(start: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the nearest folder at or above ``start`` holding ``pyproject.toml`` and ``bsckit/``.

    Parameters
    ----------
    start : path-like, optional
        Where to start looking; defaults to the current directory.

    Returns
    -------
    pathlib.Path or None
        ``None`` when no folder above ``start`` looks like the kit.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "bsckit").mkdir(); (root / "pyproject.toml").write_text("")
    0
    >>> (root / "notebooks").mkdir()
    >>> find_kit_root(root / "notebooks") == root
    True
    """
    here = Path.cwd() if start is None else Path(start)
    here = here.resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "bsckit").is_dir():
            return folder
    return None


def workspace_dir(start: str | os.PathLike[str] | None = None) -> Path:
    """Return the workspace folder (see the module docstring for the rule); not created here.

    Parameters
    ----------
    start : path-like, optional
        Folder to search from for the kit root; defaults to the current directory.

    Examples
    --------
    >>> import tempfile
    >>> saved = os.environ.pop(WORKSPACE_ENV, None)
    >>> plain = Path(tempfile.mkdtemp())
    >>> workspace_dir(plain) == plain.resolve() / "workspace"
    True
    >>> if saved is not None:
    ...     os.environ[WORKSPACE_ENV] = saved
    """
    configured = os.environ.get(WORKSPACE_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    base = Path.cwd() if start is None else Path(start)
    root = find_kit_root(base)
    return (root if root is not None else base.resolve()) / WORKSPACE_FOLDER


def scorecard_path(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the learner's scorecard file: ``path`` if given, else ``<workspace>/my_scorecard.yaml``.

    Parameters
    ----------
    path : path-like, optional
        An explicit file; returned as a :class:`pathlib.Path` unchanged.

    Raises
    ------
    TypeError
        When ``path`` is not text or a path.

    Examples
    --------
    >>> scorecard_path("elsewhere/card.yaml").as_posix()
    'elsewhere/card.yaml'
    >>> scorecard_path(42)
    Traceback (most recent call last):
    ...
    TypeError: `scorecard_path` must be a file path (text or pathlib.Path) or None, got 42 (int).
    """
    if path is None:
        return workspace_dir() / SCORECARD_FILENAME
    if not isinstance(path, str | os.PathLike):
        msg = (
            f"`scorecard_path` must be a file path (text or pathlib.Path) or None, got {path!r}"
            f" ({type(path).__name__})."
        )
        raise TypeError(msg)
    if isinstance(path, str) and not path.strip():
        msg = "`scorecard_path` must not be empty text. Pass a file name such as 'my_scorecard.yaml', or None for the default."
        raise ValueError(msg)
    return Path(path)


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` as shown to the learner and stored in notebook outputs: no machine-specific prefix.

    Inside the folder named by ``BSCKIT_WORKSPACE`` it reads ``$BSCKIT_WORKSPACE/<name>``; inside
    the kit it is relative to the kit root (``workspace/my_scorecard.yaml``); anywhere else it is
    the path as given. So an executed notebook holds the same text on every machine.

    Examples
    --------
    >>> import tempfile
    >>> saved = os.environ.get(WORKSPACE_ENV)
    >>> folder = tempfile.mkdtemp()
    >>> os.environ[WORKSPACE_ENV] = folder
    >>> display_path(Path(folder) / SCORECARD_FILENAME)
    '$BSCKIT_WORKSPACE/my_scorecard.yaml'
    >>> _ = os.environ.pop(WORKSPACE_ENV) if saved is None else os.environ.update({WORKSPACE_ENV: saved})
    >>> display_path("card.yaml")
    'card.yaml'
    """
    target = Path(path)
    try:
        resolved = target.expanduser().resolve()
    except OSError:  # pragma: no cover - unreadable path
        return str(path)
    configured = os.environ.get(WORKSPACE_ENV, "").strip()
    if configured:
        base = Path(configured).expanduser().resolve()
        if resolved.is_relative_to(base):
            rest = resolved.relative_to(base).as_posix()
            return f"${WORKSPACE_ENV}/{rest}" if rest != "." else f"${WORKSPACE_ENV}"
    if target.is_absolute():
        root = find_kit_root(resolved.parent if resolved.parent.exists() else None)
        if root is not None and resolved.is_relative_to(root):
            return resolved.relative_to(root).as_posix()
    return str(path)
