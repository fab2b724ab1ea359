"""Module 6, governance: review routines computed on the Homeats data.

One function per question the module asks:

- :func:`subgroup_summary`, :func:`exception_flags`, :func:`alarm_rates`: an exception report of
  the kitchens' daily portion checks, and how often it raises a false alarm or misses one of the
  planted special causes (``bsckit.data.chains.QUALITY_EPISODES``, the known deviations).
- :func:`review_dates`, :func:`detection_lag`: replay a review cadence on the signals.
- :func:`role_gaps`, :func:`measures_per_holder`: the catalogue's roles against who holds them.
- :func:`new_dish_share`: recompute the share of revenue from new dishes under a definition's
  window (the metric's old and new versions).
- :func:`decide_change`: the change-control criteria applied to a change request.

Examples
--------
>>> review_dates("2024-01-01", "2024-03-31", "monthly").strftime("%Y-%m-%d").tolist()
['2024-02-05', '2024-03-05', '2024-04-05']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from bsckit.data.chains import QUALITY_EPISODES, episode_days
from bsckit.spc import control_chart

__all__ = [
    "CADENCES",
    "COST_LIMIT_GBP",
    "alarm_rates",
    "catalogue_names",
    "decide_change",
    "detection_lag",
    "episode_starts",
    "exception_flags",
    "measures_per_holder",
    "new_dish_share",
    "review_dates",
    "role_gaps",
    "save_review_rules",
    "subgroup_summary",
]

CADENCES = ("weekly", "monthly", "quarterly")
"""Review cadences :func:`review_dates` knows."""

COST_LIMIT_GBP = 5000.0
"""Change control: a new measure costing more than this a year needs a business case first."""


def episode_starts(first_day: Any) -> pd.Series:
    """First day of each planted special cause (the kitchens' incident log), by episode id, for
    data starting on ``first_day``.

    Examples
    --------
    >>> str(episode_starts("2024-01-01")["scale_drift"].date())
    '2024-06-10'
    """
    first = pd.Timestamp(first_day).to_period("M")
    return pd.Series(
        {
            e.id: (first + e.month_offset).start_time + pd.Timedelta(days=e.first_day - 1)
            for e in QUALITY_EPISODES
        }
    )


def subgroup_summary(samples: pd.DataFrame) -> pd.DataFrame:
    """One row per portion-weight subgroup: kitchen, day, mean, range and ``planted`` (True on
    the days a planted special cause hit the kitchen - the incident log).

    Examples
    --------
    >>> s = pd.DataFrame({"subgroup_id": [1, 1, 2, 2], "kitchen_id": ["K01"] * 4,
    ...     "sampled_at": pd.to_datetime(["2024-01-01 10:00"] * 2 + ["2024-01-02 10:00"] * 2),
    ...     "portion_weight_g": [349.0, 351.0, 350.0, 354.0]})
    >>> subgroup_summary(s)[["mean", "range"]].to_numpy().tolist()
    [[350.0, 2.0], [352.0, 4.0]]
    """
    g = samples.groupby("subgroup_id").agg(
        kitchen_id=("kitchen_id", "first"),
        sampled_at=("sampled_at", "first"),
        mean=("portion_weight_g", "mean"),
        high=("portion_weight_g", "max"),
        low=("portion_weight_g", "min"),
    )
    g["kitchen_id"] = g["kitchen_id"].astype(str)
    g["day"] = g["sampled_at"].dt.normalize()
    g["range"] = g["high"] - g["low"]
    g = g.drop(columns=["high", "low", "sampled_at"]).sort_values(["kitchen_id", "day"])
    first = g["day"].min()
    planted = pd.Series(False, index=g.index)
    for kitchen, part in g.groupby("kitchen_id"):
        days = pd.concat([pd.Series([first]), part["day"]], ignore_index=True)
        planted.loc[part.index] = episode_days(kitchen, days)[1:]
    g["planted"] = planted
    return g


def exception_flags(
    summary: pd.DataFrame,
    rule: str,
    *,
    target: float = 350.0,
    tolerance: float = 5.0,
    baseline_months: int = 3,
    samples: pd.DataFrame | None = None,
) -> pd.Series:
    """Which subgroups an exception report shows, by ``rule``.

    Parameters
    ----------
    summary : DataFrame
        From :func:`subgroup_summary`.
    rule : {"threshold", "spc"}
        ``"threshold"``: the mean is more than ``tolerance`` grams from ``target``.
        ``"spc"``: the mean or the range is beyond its kitchen's 3-sigma X-bar/R limits,
        computed from the kitchen's first ``baseline_months`` months (needs ``samples``).

    Examples
    --------
    >>> summ = pd.DataFrame({"mean": [350.0, 356.0], "range": [2.0, 2.0]})
    >>> exception_flags(summ, "threshold").tolist()
    [False, True]
    """
    if rule == "threshold":
        return (summary["mean"] - target).abs() > tolerance
    if rule != "spc":
        msg = f"`rule` must be 'threshold' or 'spc', got {rule!r}."
        raise ValueError(msg)
    if samples is None:
        msg = "`samples` (the quality_samples table) is needed for rule='spc'."
        raise ValueError(msg)
    flags = pd.Series(False, index=summary.index)
    wide = samples.pivot(index="subgroup_id", columns="sample_no", values="portion_weight_g")
    for _, part in summary.groupby("kitchen_id"):
        base = (part["day"] < part["day"].min() + pd.DateOffset(months=baseline_months)).to_numpy()
        chart = control_chart(wide.loc[part.index].to_numpy(), "xbar_r", limits_from=base)
        out = np.zeros(len(part), dtype=bool)
        out[list(chart.out_of_limits)] = True
        out[list(chart.secondary.out_of_limits)] = True
        flags.loc[part.index] = out
    return flags


def alarm_rates(flags: pd.Series, truth: pd.Series) -> dict[str, float]:
    """False-alarm rate (flagged among days with no planted cause) and miss rate (not flagged
    among days with one).

    Examples
    --------
    >>> alarm_rates(pd.Series([True, False, True, False]), pd.Series([True, True, False, False]))
    {'false_alarm_rate': 0.5, 'miss_rate': 0.5, 'shown': 2}
    """
    flags, truth = flags.astype(bool), truth.astype(bool)
    return {
        "false_alarm_rate": float((flags & ~truth).sum() / max((~truth).sum(), 1)),
        "miss_rate": float((~flags & truth).sum() / max(truth.sum(), 1)),
        "shown": int(flags.sum()),
    }


def review_dates(first_day: Any, last_day: Any, cadence: str) -> pd.DatetimeIndex:
    """Review dates that cover ``first_day`` to ``last_day``: weekly on the Monday after each
    week, monthly on the 5th of the next month, quarterly on the 10th after the quarter."""
    first, last = pd.Timestamp(first_day), pd.Timestamp(last_day)
    if cadence == "weekly":
        return pd.date_range(first, last + pd.Timedelta(days=7), freq="W-MON")[1:]
    if cadence == "monthly":
        ends = pd.period_range(first, last, freq="M")
        return pd.DatetimeIndex([(p + 1).start_time + pd.Timedelta(days=4) for p in ends])
    if cadence == "quarterly":
        ends = pd.period_range(first, last, freq="Q")
        return pd.DatetimeIndex([(p + 1).start_time + pd.Timedelta(days=9) for p in ends])
    msg = f"`cadence` must be one of {CADENCES}, got {cadence!r}."
    raise ValueError(msg)


_COVERS = {"weekly": 1, "monthly": 5, "quarterly": 10}


def detection_lag(
    signal_day: Any, episode_start: Any, reviews: pd.DatetimeIndex, cadence: str
) -> float:
    """Days from a deviation's start to the first review whose period includes its first signal
    (NaN when there is no signal or no such review). A review reads the period that ended
    before it: the week to Sunday, the month, the quarter (see :func:`review_dates`).

    Examples
    --------
    >>> reviews = review_dates("2024-06-01", "2024-07-31", "monthly")
    >>> detection_lag("2024-06-12", "2024-06-10", reviews, "monthly")
    25.0
    >>> detection_lag("2024-07-03", "2024-07-03", reviews, "monthly")
    33.0
    """
    if cadence not in _COVERS:
        msg = f"`cadence` must be one of {CADENCES}, got {cadence!r}."
        raise ValueError(msg)
    if pd.isna(signal_day):
        return float("nan")
    covers_to = reviews - pd.Timedelta(days=_COVERS[cadence])
    later = reviews[covers_to >= pd.Timestamp(signal_day).normalize()]
    if len(later) == 0:
        return float("nan")
    return float((later[0] - pd.Timestamp(episode_start)).days)


def _holders_on(role_holders: pd.DataFrame, day: Any) -> pd.Series:
    day = pd.Timestamp(day)
    held = role_holders[
        (role_holders["held_from"] <= day)
        & (role_holders["held_to"].isna() | (role_holders["held_to"] >= day))
    ]
    return held.set_index("role")["holder"]


def role_gaps(catalogue: pd.DataFrame, role_holders: pd.DataFrame, day: Any) -> pd.DataFrame:
    """The catalogue's measures whose owner or steward role nobody holds on ``day``, with
    ``owner_holder`` and ``steward_holder`` (empty when vacant)."""
    holders = _holders_on(role_holders, day)
    out = catalogue[["metric_id", "owner", "steward"]].copy()
    out["owner_holder"] = out["owner"].map(holders)
    out["steward_holder"] = out["steward"].map(holders)
    gap = out["owner_holder"].isna() | out["steward_holder"].isna()
    return out[gap].reset_index(drop=True)


def measures_per_holder(catalogue: pd.DataFrame, kind: str = "owner") -> pd.Series:
    """Measures per owner (or steward) role, most first.

    Examples
    --------
    >>> measures_per_holder(pd.DataFrame({"owner": ["A", "B", "A"]})).to_dict()
    {'A': 2, 'B': 1}
    """
    return catalogue[kind].value_counts().rename("measures")


def new_dish_share(orders: pd.DataFrame, dishes: pd.DataFrame, window: int) -> pd.Series:
    """Monthly share of delivered revenue from dishes launched 1 to ``window`` calendar months
    before the order's month (``window=6`` is the catalogue's current definition)."""
    d = orders[orders["status"] == "delivered"]
    month = d["ordered_at"].dt.to_period("M")
    launched = pd.to_datetime(d["dish_id"].map(dishes.set_index("dish_id")["launched_on"]))
    age = (month - launched.dt.to_period("M")).map(lambda x: x.n)
    new = d["amount"].where((age >= 1) & (age <= window), 0.0)
    share = new.groupby(month).sum() / d["amount"].groupby(month).sum()
    return share.rename(f"share_{window}m")


def catalogue_names(catalogue: pd.DataFrame) -> dict[str, str]:
    """Every name and synonym of the catalogue (lower case) to its ``metric_id``.

    Examples
    --------
    >>> cat = pd.DataFrame({"metric_id": ["nps"], "name": ["Net Promoter Score"],
    ...     "synonyms": ["NPS; net promoter"]})
    >>> catalogue_names(cat)["nps"]
    'nps'
    """
    names: dict[str, str] = {}
    for metric_id, name, synonyms in catalogue[["metric_id", "name", "synonyms"]].itertuples(
        index=False
    ):
        for word in [name, *str(synonyms if pd.notna(synonyms) else "").split(";")]:
            if word.strip():
                names[word.strip().lower()] = metric_id
    return names


def decide_change(
    request: Mapping[str, Any],
    catalogue: pd.DataFrame,
    used_by_objectives: set[str],
    *,
    cost_limit: float = COST_LIMIT_GBP,
) -> str:
    """The change-control decision on one request: ``approve``, ``reject`` or ``business case``.

    Criteria: an added measure must serve an objective (strategic relevance), must not be a
    measure the catalogue already has under a name or synonym (overlap), and costing more than
    ``cost_limit`` a year it needs a business case; a measure that an objective still uses is
    not retired; a changed definition is approved when it serves an objective.
    """
    change = request["change"]
    if change == "add":
        if pd.isna(request.get("target_id")):
            return "reject"
        if str(request["proposed_name"]).strip().lower() in catalogue_names(catalogue):
            return "reject"
        return "business case" if float(request["annual_cost_gbp"]) > cost_limit else "approve"
    if change == "retire":
        return "reject" if request["measure_id"] in used_by_objectives else "approve"
    return "approve" if pd.notna(request.get("target_id")) else "reject"


def save_review_rules(
    editor: Any,
    *,
    objective: str,
    perspective: str,
    owner: str,
    steward: str,
    source: str,
    frequency: str = "monthly",
    path: Any = None,
) -> Any:
    """Add the measure of a :class:`~bsckit.widgets.ThresholdEditor` to the learner's scorecard
    with its review rules: green and amber thresholds (from the editor), owner, data steward,
    source system and review frequency. Returns the path written (``my_scorecard.yaml`` in the
    workspace unless ``path`` is given); an objective of the same name is replaced.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from bsckit.widgets import ThresholdEditor
    >>> from bsckit.scorecard import load_scorecard
    >>> card = pathlib.Path(tempfile.mkdtemp()) / "my_scorecard.yaml"
    >>> editor = ThresholdEditor([2.5, 3.0, 3.5], direction="lower_is_better", green=2.8,
    ...     amber=3.2, name="Defect rate", unit="%")
    >>> _ = save_review_rules(editor, objective="Serve meals right first time",
    ...     perspective="internal_processes", owner="Head of Operations",
    ...     steward="Quality manager", source="production system", frequency="weekly", path=card)
    >>> m = load_scorecard(card).objectives[0].measures[0]
    >>> (m.green, m.amber, m.owner, m.data_steward, m.source_system, m.frequency)
    (2.8, 3.2, 'Head of Operations', 'Quality manager', 'production system', 'weekly')
    """
    from dataclasses import replace

    from bsckit.scorecard import Objective, add_objective
    from bsckit.widgets.workspace import scorecard_path

    for name, value in (("owner", owner), ("steward", steward), ("source", source)):
        if not isinstance(value, str) or not value.strip():
            msg = f"`{name}` must name a role or system (non-empty text), got {value!r}."
            raise ValueError(msg)
    measure = replace(
        editor.measure(),
        owner=owner.strip(),
        data_steward=steward.strip(),
        source_system=source.strip(),
        frequency=frequency,
    )
    target = scorecard_path(path)
    add_objective(target, Objective(name=objective, perspective=perspective, measures=(measure,)))
    return target
