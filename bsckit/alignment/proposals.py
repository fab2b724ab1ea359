"""The fairness and feasibility check of proposed measures, with its criteria as data.

The criteria live in ``proposal_criteria.csv`` beside this module (criterion, column, rule,
threshold, why), so a workshop can read and change them: controllability, data
availability, gaming risk and cost of collection.

Examples
--------
>>> import pandas as pd
>>> proposals = pd.DataFrame({
...     "proposal_id": ["P1", "P2"], "controllable_share": [0.9, 0.3],
...     "history_months": [24, 24], "gaming_risk": ["high", "low"],
...     "safeguard": [None, None], "collection_hours_per_month": [1.0, 1.0]})
>>> check_proposals(proposals)[["passes", "fails"]].values.tolist()
[[False, 'gaming risk'], [False, 'controllability']]
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

__all__ = ["check_proposals", "proposal_criteria"]

_RULES = ("below", "above", "high without safeguard")


def proposal_criteria() -> pd.DataFrame:
    """The four criteria of the check, read from ``proposal_criteria.csv``."""
    with resources.files("bsckit.alignment").joinpath("proposal_criteria.csv").open() as f:
        return pd.read_csv(f)


def check_proposals(proposals: pd.DataFrame, criteria: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which criteria each proposed measure fails.

    Rules: ``below`` fails when the column is under the threshold; ``above`` when it is over;
    ``high without safeguard`` when the column is ``"high"`` and ``safeguard`` is empty.
    A value equal to the threshold passes.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``proposal_id``: one True/False column per criterion (True = fails),
        ``passes`` (fails none) and ``fails`` (the failed criteria, "; "-separated).
    """
    criteria = proposal_criteria() if criteria is None else criteria
    out = pd.DataFrame(index=pd.Index(proposals["proposal_id"].astype(str), name="proposal_id"))
    for c in criteria.itertuples(index=False):
        if c.column not in proposals.columns:
            msg = f"`proposals` lacks the column {c.column!r} that criterion {c.criterion!r} reads."
            raise ValueError(msg)
        column = proposals[c.column]
        if c.fails_when == "below":
            failed = column.astype(float) < float(c.threshold)
        elif c.fails_when == "above":
            failed = column.astype(float) > float(c.threshold)
        elif c.fails_when == "high without safeguard":
            failed = (column.astype(str) == "high") & proposals["safeguard"].isna()
        else:
            msg = f"criterion {c.criterion!r}: `fails_when` must be one of {_RULES}, got {c.fails_when!r}."
            raise ValueError(msg)
        out[c.criterion] = failed.to_numpy()
    names = list(criteria["criterion"])
    out["passes"] = ~out[names].any(axis=1)
    out["fails"] = ["; ".join(n for n in names if row[n]) for _, row in out.iterrows()]
    return out
