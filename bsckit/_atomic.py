"""Write files so that a crash never leaves a half-written file behind.

Every file the kit writes for a learner or an author (scorecards, datasets, manifests) goes
through these helpers: the bytes go to a temporary file in the same folder, are flushed to disk,
and only then replace the target in one ``os.replace`` step. A reader sees either the old file or
the new one, never a mix.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> target = atomic_write_text(folder / "note.txt", "hello\\n")
>>> target.read_text()
'hello\\n'
>>> backup = atomic_write_text(folder / "note.txt", "hello again\\n", backup=True)
>>> (folder / "note.txt.bak").read_text()
'hello\\n'
>>> oct(target.stat().st_mode & 0o777)
'0o644'
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text", "backup_path"]


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Return where the previous version of ``path`` is kept: ``<name>.bak`` beside it.

    Examples
    --------
    >>> backup_path("work/my_scorecard.yaml").name
    'my_scorecard.yaml.bak'
    """
    path = Path(path)
    return path.with_name(path.name + ".bak")


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, backup: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; optionally keep the old file as ``<name>.bak``.

    Parameters
    ----------
    path : path-like
        Target file. Its folder is created if missing.
    data : bytes
        The complete new content.
    backup : bool, default False
        Copy the existing file to :func:`backup_path` first (the copy is atomic too).

    Returns
    -------
    pathlib.Path
        The target path.
    """
    if not isinstance(data, bytes | bytearray):
        msg = f"`data` must be bytes, got {type(data).__name__}. Encode text first, or use atomic_write_text."
        raise TypeError(msg)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if backup and path.exists():
        _copy_atomic(path, backup_path(path))
    # mkstemp creates files readable by the owner only; keep the old file's mode, else 0o644.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(
    path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", backup: bool = False
) -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8, ``\\n`` line ends on every platform)."""
    if not isinstance(text, str):
        msg = f"`text` must be str, got {type(text).__name__}."
        raise TypeError(msg)
    return atomic_write_bytes(path, text.encode(encoding), backup=backup)


def _copy_atomic(source: Path, target: Path) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp_name)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
