"""Homeats synthetic datasets: generate, write, load and check.

Rules for contributors: one module per business area (``orders``, ``production``, ...); every
number from ``numpy.random.default_rng`` via :func:`bsckit.data.drivers.rng_for` (one
independent stream per table), every name from the seeded :class:`~bsckit.data.company.NamePool`;
planted cause-and-effect links live only in :mod:`bsckit.data.chains`; every column is declared in
:mod:`bsckit.data.schema`. Bump :data:`GENERATOR_VERSION` whenever output bytes change.

Examples
--------
>>> import bsckit.data as data
>>> "orders" in data.tables()
True
"""

from __future__ import annotations

from .chains import CHAINS, DISTRACTORS, QUALITY_EPISODES, Chain, Distractor, QualityEpisode
from .generate import GENERATOR_VERSION, Params, generate
from .io import DataFileError, check, default_data_dir, load, load_all, tables, write
from .scenarios import SCENARIOS, Scenario
from .schema import SCHEMA

__all__ = [
    "CHAINS",
    "DISTRACTORS",
    "GENERATOR_VERSION",
    "QUALITY_EPISODES",
    "SCENARIOS",
    "SCHEMA",
    "Chain",
    "DataFileError",
    "Distractor",
    "Params",
    "QualityEpisode",
    "Scenario",
    "check",
    "default_data_dir",
    "generate",
    "load",
    "load_all",
    "tables",
    "write",
]
