"""Key paths for error messages: where in a scorecard file a bad value sits.

A validation error raised while a nested structure is built gets a ``key_path`` attribute
(a tuple of parts such as ``("objectives", "[2]", "measures", "[0]", "target")``) so that the
file loader can say *where* the problem is. The exception keeps its type and message.

Examples
--------
>>> try:
...     with at("objectives"), at("[2]"), at("target"):
...         raise ValueError("bad")
... except ValueError as err:
...     key_path_text(err.key_path)
'objectives[2].target'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

__all__ = ["at", "key_path_text", "read_mapping"]


@contextmanager
def at(part: str) -> Iterator[None]:
    """Prefix ``part`` to the ``key_path`` of any TypeError / ValueError raised inside."""
    try:
        yield
    except (TypeError, ValueError) as err:
        err.key_path = (part, *getattr(err, "key_path", ()))  # type: ignore[attr-defined]
        raise


def key_path_text(parts: tuple[str, ...] | list[str]) -> str:
    """Join key-path parts: ``("objectives", "[2]", "name")`` -> ``objectives[2].name``."""
    text = ""
    for part in parts:
        if part.startswith("[") or not text:
            text += part
        else:
            text += "." + part
    return text


def read_mapping(
    what: str, data: Any, allowed: tuple[str, ...], required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Check ``data`` is a mapping with string keys from ``allowed`` and all of ``required``.

    Examples
    --------
    >>> read_mapping("measure", {"name": "x"}, ("name", "target"), ("name",))
    {'name': 'x'}
    >>> read_mapping("measure", {"name": "x", "targte": 1}, ("name", "target"))
    Traceback (most recent call last):
    ...
    ValueError: Unknown key 'targte' in a measure. Did you mean 'target'? Allowed keys: name, target.
    """
    if not isinstance(data, Mapping):
        msg = (
            f"{_a(what)} must be a mapping of keys to values, got {type(data).__name__}"
            f" ({data!r:.60}). Write it as `key: value` lines."
        )
        raise TypeError(msg)
    for key in data:
        if not isinstance(key, str) or key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            msg = f"Unknown key {key!r} in {_a(what).lower()}.{hint} Allowed keys: {', '.join(allowed)}."
            with at(str(key)):
                raise ValueError(msg)
    for key in required:
        if key not in data:
            msg = f"{_a(what)} needs the key {key!r}; it is missing. Add `{key}: ...`."
            with at(key):
                raise ValueError(msg)
    return dict(data)


def _a(what: str) -> str:
    """``'A measure'`` / ``'An objective'``."""
    return ("An " if what[:1] in "aeiou" else "A ") + what
