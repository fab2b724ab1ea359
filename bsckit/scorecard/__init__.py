"""The Balanced Scorecard domain model: perspectives, measures, objectives, strategy map, files.

Contributor rules for this folder:

* one business concept per module; small frozen dataclasses validated in ``__post_init__``,
  each with ``to_dict`` / ``from_dict`` that round-trip exactly;
* validation errors name the field, the value, the allowed range and what to do, and carry a
  ``key_path`` (see ``_paths.py``) so that file errors can say where the problem is;
* every convention (RAG threshold meaning, default scoring function, weight normalisation,
  cascade rules) is documented in the docstring of the function that applies it.

Examples
--------
>>> card = example_scorecard()
>>> card.status_table(example_values()).groupby("status").size().to_dict()
{'amber': 12, 'green': 2, 'red': 3}
"""

from __future__ import annotations

from bsckit.scorecard.example import example_scorecard, example_values
from bsckit.scorecard.files import (
    ScorecardFileError,
    add_link,
    add_objective,
    dump_scorecard,
    load_scorecard,
    parse_scorecard,
    save_scorecard,
)
from bsckit.scorecard.measure import DIRECTIONS, FREQUENCIES, KINDS, SCORING_METHODS, Measure
from bsckit.scorecard.objective import Objective, measure_key
from bsckit.scorecard.perspective import CAUSAL_ORDER, Perspective
from bsckit.scorecard.scorecard import RollUp, Scorecard
from bsckit.scorecard.scoring import (
    RAG_STATUSES,
    binary,
    keep_in_range,
    linear_maximise,
    linear_minimise,
    performance,
    progress,
    rag_status,
)
from bsckit.scorecard.strategy_map import Link, StrategyMap

__all__ = [
    "CAUSAL_ORDER",
    "DIRECTIONS",
    "FREQUENCIES",
    "KINDS",
    "RAG_STATUSES",
    "SCORING_METHODS",
    "Link",
    "Measure",
    "Objective",
    "Perspective",
    "RollUp",
    "Scorecard",
    "ScorecardFileError",
    "StrategyMap",
    "add_link",
    "add_objective",
    "binary",
    "dump_scorecard",
    "example_scorecard",
    "example_values",
    "keep_in_range",
    "linear_maximise",
    "linear_minimise",
    "load_scorecard",
    "measure_key",
    "parse_scorecard",
    "performance",
    "progress",
    "rag_status",
    "save_scorecard",
]
