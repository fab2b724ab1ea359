"""Load the published worked examples in ``shared/refcases/public.yaml`` for tests.

The file is maintained in the ``shared/`` folder beside the project root. A copy is kept in
``tests/data/refcases_public.yaml`` so that a clone without ``shared/`` beside it still runs
every test; when both exist they must be identical (a changed ``shared/`` file is an error that
asks for the copy to be refreshed, never silently ignored). Each case carries its inputs,
expected values with tolerances, source and convention; tests cite the case id.

Examples
--------
>>> case("CAP-01")["topic"]
'process_capability'
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

__all__ = ["REFCASES_PATH", "SHARED_PATH", "case", "cases_for_topic", "dataset", "load_refcases"]

SHARED_PATH = Path(__file__).resolve().parents[1].parent / "shared" / "refcases" / "public.yaml"
REFCASES_PATH = Path(__file__).resolve().parent / "data" / "refcases_public.yaml"


@functools.lru_cache(maxsize=1)
def load_refcases() -> dict:
    """Return the whole reference-case file as a dict (read once, then cached)."""
    text = REFCASES_PATH.read_text(encoding="utf-8")
    if SHARED_PATH.exists() and SHARED_PATH.read_text(encoding="utf-8") != text:
        msg = (
            f"{SHARED_PATH} differs from the copy in {REFCASES_PATH}. "
            "Copy the shared file over the test copy and re-run the tests."
        )
        raise RuntimeError(msg)
    return yaml.safe_load(text)


def case(case_id: str) -> dict:
    """Return the case with id ``case_id`` (e.g. ``"CAP-01"``); KeyError names the known ids."""
    for item in load_refcases()["cases"]:
        if item["id"] == case_id:
            return item
    known = ", ".join(item["id"] for item in load_refcases()["cases"])
    msg = f"no reference case {case_id!r}; known ids: {known}"
    raise KeyError(msg)


def dataset(name: str) -> Any:
    """Return the shared dataset ``name`` (e.g. ``"pistonrings"``) from the file's datasets."""
    datasets = load_refcases()["datasets"]
    if name not in datasets:
        msg = f"no reference dataset {name!r}; known: {', '.join(datasets)}"
        raise KeyError(msg)
    return datasets[name]


def cases_for_topic(topic: str) -> list[dict]:
    """Return every case whose ``topic`` equals ``topic``."""
    return [item for item in load_refcases()["cases"] if item["topic"] == topic]
