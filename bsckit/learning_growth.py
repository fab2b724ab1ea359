"""Module 5 analysis helpers: the learning-and-growth measures by kitchen and month.

The lesson, the answer key and the claims read the same figures from these functions, so a
number in a sentence and the number an exercise expects are computed once.

Examples
--------
>>> log = pd.DataFrame({"kitchen_id": ["K1", "K1", "K1", "K2", "K2", "K2"],
...                     "x": [1.0, 2.0, 3.0, 5.0, 4.0, 6.0], "y": [0, 0, 1, 0, 1, 0]})
>>> lagged_within(log, "x", 1).tolist()
[nan, 1.0, 2.0, nan, 5.0, 4.0]
>>> gate_pass_rates(pd.DataFrame({"idea_on": ["2024-01-01"] * 3,
...     "concept_on": ["2024-02-01", None, None], "prototype_on": [None] * 3,
...     "pilot_on": [None] * 3, "launched_on": [None] * 3,
...     "stopped_on": [None, "2024-02-03", None]})).to_dict()["idea"]
0.5
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

__all__ = [
    "GATES",
    "busy_months",
    "gate_pass_rates",
    "kitchen_month",
    "lagged_within",
    "months_to_adoption",
]

GATES = ("idea", "concept", "prototype", "pilot", "launched")
"""The innovation stage gates, in order (``innovation_projects`` has a date column for each)."""


def lagged_within(frame: pd.DataFrame, column: str, lag: int, by: str = "kitchen_id") -> pd.Series:
    """``column`` shifted ``lag`` rows down inside each ``by`` group (rows in time order).

    A shift of the whole column would carry one kitchen's last month into the next kitchen's
    first month; shifting inside each kitchen leaves that month missing instead.
    """
    return frame.groupby(by, sort=False)[column].shift(lag)


def kitchen_month(tables) -> pd.DataFrame:
    """One row per kitchen and month with the module's ratios (Homeats tables in ``tables``).

    Columns: ``remake_rate``, ``training_per_cook``, ``elearning_per_head``,
    ``late_dispatch_share``, ``orders_per_cook``, ``backfill_share`` (backfill hours over the
    cooks' training hours), ``documentation`` (documented recipes and procedures over all),
    from ``kitchen_people_log``; and ``adoption`` (orders in the system over all orders),
    ``entry_error_share`` (missing or late entries over entries; missing before go-live),
    ``automation_share`` and ``decision_hours`` from ``kitchen_system_log``. Months where a
    kitchen had no cook have no per-cook figures.
    """
    p = tables["kitchen_people_log"].copy()
    s = tables["kitchen_system_log"]
    p["kitchen_id"] = p["kitchen_id"].astype(str)
    p = p.sort_values(["kitchen_id", "month"], kind="stable").reset_index(drop=True)
    cooks = p["cooks"].where(p["cooks"] > 0)
    out = pd.DataFrame({"kitchen_id": p["kitchen_id"], "month": p["month"].dt.to_period("M")})
    out["remake_rate"] = p["remakes"] / p["plates"].where(p["plates"] > 0)
    out["training_per_cook"] = p["cook_training_hours"] / cooks
    out["elearning_per_head"] = p["elearning_hours"] / p["staff"].where(p["staff"] > 0)
    out["late_dispatch_share"] = p["dispatches_late"] / p["dispatches"].where(p["dispatches"] > 0)
    out["orders_per_cook"] = p["orders"] / cooks
    out["backfill_share"] = p["backfill_hours"] / p["cook_training_hours"].where(
        p["cook_training_hours"] > 0
    )
    out["documentation"] = (p["recipes_documented"] + p["procedures_documented"]) / (
        p["recipes"] + p["procedures"]
    )
    s = s.assign(kitchen_id=s["kitchen_id"].astype(str), month=s["month"].dt.to_period("M"))
    entries = s["orders_in_system"].where(s["orders_in_system"] > 0)
    sys = pd.DataFrame(
        {
            "kitchen_id": s["kitchen_id"],
            "month": s["month"],
            "system_live": s["system_live"].astype(bool),
            "adoption": s["orders_in_system"] / s["orders"].where(s["orders"] > 0),
            "entry_error_share": (s["entries_missing"] + s["entries_late"]) / entries,
            "automation_share": s["automated_orders"] / s["orders"].where(s["orders"] > 0),
            "decision_hours": s["decision_hours_median"],
        }
    )
    return out.merge(sys, on=["kitchen_id", "month"], how="left")


def busy_months(frame: pd.DataFrame, share: float = 1 / 3) -> pd.Series:
    """True for each kitchen's busiest months: orders per cook above the kitchen's
    ``1 - share`` quantile (``frame`` from :func:`kitchen_month`).

    Examples
    --------
    >>> f = pd.DataFrame({"kitchen_id": ["A"] * 3, "orders_per_cook": [10.0, 30.0, 20.0]})
    >>> busy_months(f).tolist()
    [False, True, False]
    """
    if not 0 < share < 1:
        msg = f"`share` must be between 0 and 1 (exclusive), got {share!r}; 1/3 is the default."
        raise ValueError(msg)
    cut = frame.groupby("kitchen_id")["orders_per_cook"].transform(lambda s: s.quantile(1 - share))
    return frame["orders_per_cook"] > cut


def gate_pass_rates(projects: pd.DataFrame) -> pd.Series:
    """Share of projects passing each gate among those decided at it (passed or stopped there).

    A project still waiting at a gate has no decision yet and is left out of that gate's rate.
    Indexed by the stage the project was in (``idea`` ... ``pilot``).
    """
    dates = {g: pd.to_datetime(projects[f"{g}_on"]) for g in GATES}
    stopped = pd.to_datetime(projects["stopped_on"]).notna()
    rates = {}
    for here, nxt in itertools.pairwise(GATES):
        reached = dates[here].notna()
        passed = reached & dates[nxt].notna()
        failed = reached & ~passed & stopped
        decided = int(passed.sum() + failed.sum())
        rates[here] = float(passed.sum() / decided) if decided else np.nan
    return pd.Series(rates, name="pass_rate")


def months_to_adoption(frame: pd.DataFrame, level: float = 0.8) -> pd.Series:
    """Months from each kitchen's go-live to the first month its adoption reached ``level``
    (missing if it has not yet), from :func:`kitchen_month`."""
    out = {}
    for k, g in frame[frame["system_live"].fillna(False).astype(bool)].groupby("kitchen_id"):
        g = g.sort_values("month")
        hit = np.flatnonzero(g["adoption"].to_numpy() >= level)
        out[k] = float(hit[0]) if len(hit) else np.nan
    return pd.Series(out, name="months_to_adoption", dtype=float)
