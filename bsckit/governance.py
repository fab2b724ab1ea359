"""Module 6, governance: review routines computed on the Homeats data.

One function per question the module asks:

- :func:`exception_measures`, :func:`measure_history`, :func:`plant_deviations`,
  :func:`measure_exceptions`, :func:`exception_rates`: the executive exception report over the
  catalogue's measures (those the Homeats scorecard sets thresholds for, with a monthly history
  from :func:`bsckit.measures.monthly_measures`), by a threshold rule or an SPC rule, and its
  false-alarm and miss rates on deviations planted in the review window.
- :func:`subgroup_summary`, :func:`exception_flags`, :func:`alarm_rates`: the same two rules on
  the kitchens' daily portion checks, against the planted special causes
  (``bsckit.data.chains.QUALITY_EPISODES``, the known deviations).
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
    "BASELINE_MONTHS",
    "CADENCES",
    "COST_LIMIT_GBP",
    "DRILL_SEED",
    "EXCEPTION_RULES",
    "PLANTED_PER_MEASURE",
    "PLANT_SIGMAS",
    "REVIEW_MONTHS",
    "THRESHOLD_TOLERANCE",
    "alarm_rates",
    "catalogue_names",
    "decide_change",
    "detection_lag",
    "episode_starts",
    "exception_flags",
    "exception_measures",
    "exception_rates",
    "measure_exceptions",
    "measure_history",
    "measures_per_holder",
    "new_dish_share",
    "plant_deviations",
    "review_dates",
    "role_gaps",
    "save_review_rules",
    "subgroup_summary",
]

CADENCES = ("weekly", "monthly", "quarterly")
"""Review cadences :func:`review_dates` knows."""

COST_LIMIT_GBP = 5000.0
"""Change control: a new measure costing more than this a year needs a business case first."""


# ---------------------------------------------------------------------------------------------
# The executive exception report over the catalogue's measures
# ---------------------------------------------------------------------------------------------

EXCEPTION_RULES = ("threshold", "spc")
"""The two rules of the exception report (see :func:`measure_exceptions`)."""
BASELINE_MONTHS = 12
"""Months at the start of the history that set each measure's baseline and control limits."""
REVIEW_MONTHS = 12
"""The review window: the report covers the last this-many months."""
THRESHOLD_TOLERANCE = 0.10
"""Threshold rule: a month more than this share worse than the baseline year's mean."""
PLANT_SIGMAS = 4.0
"""Size of each planted deviation, in the measure's own sigma (baseline moving ranges / d2)."""
PLANTED_PER_MEASURE = 2
"""Deviations planted in each measure's review window."""
DRILL_SEED = 6
"""Seed of the months :func:`plant_deviations` picks when no generator is given (the lesson's
drill, and the claims that check it)."""


def exception_measures(tables: Mapping[str, pd.DataFrame] | None = None) -> list[str]:
    """The catalogue measures the executive exception report covers, in catalogue order.

    Those the Homeats scorecard (``bsckit/scorecard/example.yaml``) sets green and amber
    thresholds for, which the catalogue knows by name or synonym, which are reviewed at least
    monthly (catalogue frequency weekly or monthly) and which the monthly-measures layer computes
    with a full monthly history (not :data:`bsckit.measures.SHORT_HISTORY`). With ``tables``,
    only those whose tables are given.

    Examples
    --------
    >>> "on_time_delivery" in exception_measures()
    True
    """
    from bsckit.catalogue import MEASURES
    from bsckit.measures import RECORDED, SHORT_HISTORY, needed_tables
    from bsckit.scorecard.example import example_scorecard

    names: dict[str, str] = {}
    for m in MEASURES.values():
        for word in (m.id, m.name, *m.synonyms):
            names[word.strip().lower()] = m.id
    with_thresholds = {
        names.get(measure.name.strip().lower())
        for objective in example_scorecard().objectives
        for measure in objective.measures
        if measure.green is not None and measure.amber is not None
    }
    return [
        m
        for m in RECORDED
        if m in with_thresholds
        and m not in SHORT_HISTORY
        and MEASURES[m].frequency in ("weekly", "monthly")
        and (tables is None or all(t in tables for t in needed_tables(m)))
    ]


def measure_history(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The exception report's measures per month, from :func:`bsckit.measures.monthly_measures`
    (months without a value are left out)."""
    from bsckit.measures import monthly_measures

    ids = exception_measures(tables)
    if not ids:
        msg = "`tables` holds none of the tables the exception report's measures need."
        raise ValueError(msg)
    return monthly_measures(tables, ids).dropna(how="all")


def _better(measure_id: str) -> str:
    from bsckit.catalogue import MEASURES

    return MEASURES[measure_id].better


def _baseline(history: pd.DataFrame, baseline_months: int) -> pd.DataFrame:
    if len(history) < baseline_months + 2:
        msg = (
            f"`history` has {len(history)} months; the report needs the {baseline_months} "
            "baseline months and a review window after them."
        )
        raise ValueError(msg)
    return history.iloc[:baseline_months]


def plant_deviations(
    history: pd.DataFrame,
    rng: np.random.Generator | None = None,
    *,
    per_measure: int = PLANTED_PER_MEASURE,
    sigmas: float = PLANT_SIGMAS,
    review_months: int = REVIEW_MONTHS,
    baseline_months: int = BASELINE_MONTHS,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A copy of ``history`` with known deviations planted, and where they are.

    In each measure's review window (the last ``review_months`` months), ``per_measure`` months
    drawn with ``rng`` (default: seeded with :data:`DRILL_SEED`) are moved ``sigmas`` of the measure's own sigma (the individuals chart's
    estimate from the baseline months: mean moving range / 1.128) in its worse direction (the
    catalogue's ``better``), kept inside the measure's bounds (a count does not fall below 0).
    Nothing else changes.

    Returns
    -------
    (planted history, truth)
        ``truth`` is a boolean frame like ``history``: True where a deviation was planted.

    Examples
    --------
    >>> h = pd.DataFrame({"on_time_delivery": [0.9, 0.92] * 8},
    ...                  index=pd.period_range("2024-01", periods=16, freq="M"))
    >>> moved, truth = plant_deviations(h, np.random.default_rng(1), review_months=4,
    ...                                 baseline_months=12)
    >>> int(truth.to_numpy().sum()), round(float((h - moved).to_numpy().max()), 4)
    (2, 0.0709)
    """
    from bsckit.catalogue import MEASURES

    _baseline(history, baseline_months)
    rng = np.random.default_rng(DRILL_SEED) if rng is None else rng
    moved = history.astype(float)
    truth = pd.DataFrame(False, index=history.index, columns=history.columns)
    window = np.arange(len(history) - review_months, len(history))
    for measure_id in history.columns:
        base = history[measure_id].iloc[:baseline_months].dropna().to_numpy()
        sigma = float(np.abs(np.diff(base)).mean() / 1.128) if len(base) > 1 else 0.0
        sign = -1.0 if _better(measure_id) == "higher" else 1.0
        months = rng.choice(window, size=per_measure, replace=False)
        col = history.columns.get_loc(measure_id)
        shifted = history.iloc[months, col].to_numpy(dtype=float) + sign * sigmas * sigma
        low, high = MEASURES[measure_id].low, MEASURES[measure_id].high
        low, high = -np.inf if low is None else low, np.inf if high is None else high
        moved.iloc[months, col] = np.clip(shifted, low, high)  # no count below 0, share above 1
        truth.iloc[months, col] = True
    return moved, truth


def measure_exceptions(
    history: pd.DataFrame,
    rule: str,
    *,
    baseline_months: int = BASELINE_MONTHS,
    tolerance: float = THRESHOLD_TOLERANCE,
) -> pd.DataFrame:
    """Which months of which measures the exception report shows, by ``rule`` (all months; cut
    the review window with ``.iloc[-REVIEW_MONTHS:]``).

    Parameters
    ----------
    history : DataFrame
        One column per catalogue measure, one row per month (:func:`measure_history`).
    rule : {"threshold", "spc"}
        ``"threshold"``: the month is worse than the mean of the first ``baseline_months``
        months by more than ``tolerance`` of it (in the catalogue's worse direction).
        ``"spc"``: the month is beyond the worse-side 3-sigma limit of the measure's individuals
        chart (:func:`bsckit.spc.control_chart`), its limits from the first ``baseline_months``.

    Examples
    --------
    >>> h = pd.DataFrame({"on_time_delivery": [0.90, 0.92, 0.91, 0.93, 0.80]},
    ...                  index=pd.period_range("2024-01", periods=5, freq="M"))
    >>> measure_exceptions(h, "threshold", baseline_months=3)["on_time_delivery"].tolist()
    [False, False, False, False, True]
    >>> measure_exceptions(h, "spc", baseline_months=3)["on_time_delivery"].tolist()
    [False, False, False, False, True]
    """
    if rule not in EXCEPTION_RULES:
        msg = f"`rule` must be one of {EXCEPTION_RULES}, got {rule!r}."
        raise ValueError(msg)
    base = _baseline(history, baseline_months)
    flags = pd.DataFrame(False, index=history.index, columns=history.columns)
    for measure_id in history.columns:
        values = history[measure_id]
        ok = values.notna().to_numpy()
        higher = _better(measure_id) == "higher"
        if rule == "threshold":
            mean = float(base[measure_id].mean())
            limit = mean - tolerance * abs(mean) if higher else mean + tolerance * abs(mean)
        else:
            in_base = np.zeros(ok.sum(), dtype=bool)
            in_base[: int(base[measure_id].notna().sum())] = True
            chart = control_chart(values[ok].to_numpy(), "individuals", limits_from=in_base)
            limit = float(chart.lcl if higher else chart.ucl)
        flags[measure_id] = (values < limit) if higher else (values > limit)
    return flags


def exception_rates(
    flags: pd.DataFrame, truth: pd.DataFrame, *, review_months: int = REVIEW_MONTHS
) -> dict[str, float]:
    """False-alarm and miss rates of an exception report over the review window (the last
    ``review_months`` months): flagged among the measure-months with nothing planted, and not
    flagged among those with a planted deviation (:func:`alarm_rates`)."""
    window = slice(len(flags) - review_months, None)
    return alarm_rates(
        pd.Series(flags.iloc[window].to_numpy().ravel()),
        pd.Series(truth.iloc[window].to_numpy().ravel()),
    )


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
