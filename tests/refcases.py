"""Load the published worked examples in ``shared/refcases/public.yaml`` for tests.

The file lives in the ``shared/`` folder beside the project root. Each case carries its inputs,
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

__all__ = ["REFCASES_PATH", "case", "cases_for_topic", "dataset", "load_refcases"]

REFCASES_PATH = Path(__file__).resolve().parents[1].parent / "shared" / "refcases" / "public.yaml"


@functools.lru_cache(maxsize=1)
def load_refcases() -> dict:
    """Return the whole reference-case file as a dict (read once, then cached)."""
    with REFCASES_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


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
