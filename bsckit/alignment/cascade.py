"""Build a scorecard from departmental targets and list what its cascade checks find.

Examples
--------
>>> import pandas as pd
>>> targets = pd.DataFrame({
...     "objective": ["Deliver reliably", "Deliver on time", "Keep promises"],
...     "department": ["Executive team", "Delivery", "Customer service"],
...     "parent": [None, "Deliver reliably", None],
...     "perspective": ["customer"] * 3,
...     "measure": ["On-time delivery rate"] * 3, "unit": ["%"] * 3,
...     "direction": ["higher_is_better"] * 3,
...     "baseline": [92.0] * 3, "target": [95.0, 95.0, 97.0], "min": [None] * 3, "max": [None] * 3,
...     "owner": ["CEO", "Head of Delivery", "Head of Customer Service"]})
>>> card = cascade_scorecard(targets)
>>> cascade_findings(card)[["kind", "measure"]].values.tolist()
[['redundant', 'On-time delivery rate']]
"""

from __future__ import annotations

import math
import re

import pandas as pd

from bsckit.scorecard import Measure, Objective, Scorecard

__all__ = ["cascade_findings", "cascade_scorecard"]

_COLUMNS = (
    "objective",
    "department",
    "parent",
    "perspective",
    "measure",
    "unit",
    "direction",
    "baseline",
    "target",
    "min",
    "max",
    "owner",
)
_MEASURE = re.compile(r"^Measure '(?P<name>[^']+)'")


def _number(value: object) -> float | None:
    if value is None:
        return None
    value = float(value)  # type: ignore[arg-type]
    return None if math.isnan(value) else value


def cascade_scorecard(targets: pd.DataFrame, *, name: str = "Homeats cascade") -> Scorecard:
    """A :class:`~bsckit.scorecard.Scorecard` with one objective per row group of ``targets``.

    Parameters
    ----------
    targets : pandas.DataFrame
        One row per objective and measure, with the columns of the ``department_targets``
        table (objective, department, parent, perspective, measure, unit, direction, baseline,
        target, min, max, owner).
    name : str, default "Homeats cascade"
        Name of the scorecard.

    Notes
    -----
    Revenue measures (unit ``GBP`` and a name containing "revenue") are marked ``additive``:
    children split the parent's figure, so their targets must add up to it. Every other
    measure is a ratio or a level that each child must meet on its own.
    """
    missing = [c for c in _COLUMNS if c not in targets.columns]
    if missing:
        msg = (
            f"`targets` lacks the columns {missing}; pass the department_targets table "
            "(load('department_targets'))."
        )
        raise ValueError(msg)
    objectives = []
    for objective, rows in targets.groupby("objective", sort=False):
        first = rows.iloc[0]
        measures = tuple(
            Measure(
                name=str(r["measure"]),
                unit=str(r["unit"]),
                direction=str(r["direction"]),
                baseline=_number(r["baseline"]),
                target=_number(r["target"]),
                min=_number(r["min"]),
                max=_number(r["max"]),
                owner=str(r["owner"]),
                additive=str(r["unit"]) == "GBP" and "revenue" in str(r["measure"]).lower(),
            )
            for _, r in rows.iterrows()
        )
        parent = first["parent"]
        objectives.append(
            Objective(
                name=str(objective),
                perspective=str(first["perspective"]),
                measures=measures,
                owners=(str(first["owner"]),),
                parent=None if pd.isna(parent) else str(parent),
                description=f"{first['department']}",
            )
        )
    return Scorecard(name=name, objectives=tuple(objectives))


def cascade_findings(card: Scorecard) -> pd.DataFrame:
    """The card's redundant and conflicting targets as a table: kind, measure, message.

    ``kind`` is ``"redundant"`` (:meth:`~bsckit.scorecard.Scorecard.redundant_targets`) or
    ``"conflicting"`` (:meth:`~bsckit.scorecard.Scorecard.conflicting_targets`); ``measure`` is
    the measure each message names.
    """
    rows = []
    for kind, messages in (
        ("redundant", card.redundant_targets()),
        ("conflicting", card.conflicting_targets()),
    ):
        for message in messages:
            found = _MEASURE.match(message)
            rows.append((kind, found.group("name") if found else "", message))
    return pd.DataFrame(rows, columns=["kind", "measure", "message"])
