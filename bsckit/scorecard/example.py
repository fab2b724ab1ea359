"""The Homeats example scorecard, read from the data files beside this module.

``example.yaml`` holds the scorecard in the same format as a learner's
``workspace/my_scorecard.yaml``: the three internal-process objectives of the curriculum's
deep-dive (innovation, operations, post-sale service, each with its SMART statement) and one
objective for each other perspective. ``example_values.yaml`` holds one month's invented actuals.

Examples
--------
>>> card = example_scorecard()
>>> [o.perspective.value for o in card.objectives].count("internal_processes")
3
>>> card.problems()
[]
>>> round(card.rollup(example_values()).overall, 3)
0.586
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from bsckit.scorecard.files import parse_scorecard
from bsckit.scorecard.scorecard import Scorecard

__all__ = ["example_scorecard", "example_values"]


def _text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def example_scorecard() -> Scorecard:
    """Return the Homeats example scorecard (6 objectives, 17 measures, 8 links).

    Examples
    --------
    >>> example_scorecard().objective("Cut production cost").description
    'Cut production cost per meal by 10% within 6 months.'
    >>> example_scorecard().objective("Cut production cost").measures[2].unit
    'GBP'
    """
    return parse_scorecard(_text("example.yaml"), source="bsckit/scorecard/example.yaml")


def example_values() -> dict[str, float]:
    """Invented actual values for every measure of :func:`example_scorecard` (one month).

    Examples
    --------
    >>> example_values()["Cost per meal"]
    5.75
    """
    return {
        name: float(value) for name, value in yaml.safe_load(_text("example_values.yaml")).items()
    }
