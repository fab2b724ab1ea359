"""Innovation KPIs: stage-gate pipeline conversion, time to market, new-product revenue.

Shares are fractions in [0, 1]; durations are in days unless ``unit`` says otherwise.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from bsckit.kpi._common import count_share, elapsed, ratio, values

__all__ = [
    "StageGateConversion",
    "adoption_rate",
    "new_product_revenue_share",
    "stage_gate_conversion",
    "time_to_market",
]


@dataclass(frozen=True)
class StageGateConversion:
    """How a cohort of projects passed each gate of a stage-gate pipeline.

    Attributes
    ----------
    by_gate : pandas.Series
        Share passing each gate, indexed ``"<stage> -> <next stage>"``.
    overall : float
        Share of the projects entering the first stage that reached the last one.
    counts : pandas.Series
        The counts per stage, in pipeline order.
    """

    by_gate: pd.Series
    overall: float
    counts: pd.Series

    def __post_init__(self) -> None:
        values("by_gate", self.by_gate, low=0, high=1)
        values("overall", self.overall, low=0, high=1)
        if len(self.by_gate) != len(self.counts) - 1:
            msg = "`by_gate` must have one entry fewer than `counts` (one gate between stages)."
            raise ValueError(msg)


def stage_gate_conversion(counts_by_stage: Any) -> StageGateConversion:
    """Gate-by-gate and overall conversion of one cohort through a stage-gate pipeline.

    Parameters
    ----------
    counts_by_stage : Mapping, Series or sequence of int
        Number of projects (ideas) that entered each stage, in pipeline order, e.g.
        ``{"idea": 120, "scoping": 40, "business case": 18, "development": 9, "launch": 4}``.
        Counts must not increase along the pipeline (one cohort); at least two stages.

    Returns
    -------
    StageGateConversion

    Examples
    --------
    >>> r = stage_gate_conversion({"idea": 120, "scoping": 40, "development": 10, "launch": 4})
    >>> r.by_gate.round(4).tolist()
    [0.3333, 0.25, 0.4]
    >>> round(r.overall, 4)
    0.0333
    """
    if isinstance(counts_by_stage, pd.Series):
        series = counts_by_stage
    elif isinstance(counts_by_stage, Mapping):
        series = pd.Series(dict(counts_by_stage))
    elif isinstance(counts_by_stage, str | bytes) or np.ndim(counts_by_stage) != 1:
        msg = (
            "`counts_by_stage` must be a mapping, Series or list of counts per stage,"
            f" got {counts_by_stage!r}."
        )
        raise TypeError(msg)
    else:
        series = pd.Series(list(counts_by_stage))
        series.index = [f"stage {i + 1}" for i in range(len(series))]
    counts = values(
        "counts_by_stage",
        series,
        low=0,
        whole=True,
        min_size=2,
        hint="Give the number of projects entering each stage, in order.",
    )
    if counts[0] <= 0:
        msg = "`counts_by_stage` must start with at least 1 project in the first stage, got 0."
        raise ValueError(msg)
    rising = np.diff(counts) > 0
    if rising.any():
        pos = int(np.argwhere(rising)[0][0]) + 1
        msg = (
            f"`counts_by_stage` must not increase along the pipeline; stage {series.index[pos]!r}"
            f" has {counts[pos]:g} > {counts[pos - 1]:g}. Count one cohort of projects."
        )
        raise ValueError(msg)
    stages = [str(s) for s in series.index]
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(
            counts[:-1] > 0, counts[1:] / np.where(counts[:-1] > 0, counts[:-1], 1), 0
        )
    by_gate = pd.Series(
        shares,
        index=[f"{a} -> {b}" for a, b in itertools.pairwise(stages)],
        name="conversion",
    )
    return StageGateConversion(
        by_gate=by_gate,
        overall=float(counts[-1] / counts[0]),
        counts=pd.Series(counts.astype(int), index=stages, name="projects"),
    )


def time_to_market(
    start_dates: Any,
    launch_dates: Any,
    statistic: str | None = "median",
    unit: str = "days",
    missing: str = "error",
) -> Any:
    """Time from project start (idea approved) to market launch.

    Parameters
    ----------
    start_dates, launch_dates : sequence or Series of dates
        One pair per product, same length and order.
    statistic : {"median", "mean", None}, default "median"
        Summary across products; ``None`` returns one duration per product.
    unit : {"days", "weeks", "hours"}, default "days"
    missing : {"error", "drop"}, default "error"
        Products not yet launched: refuse them, or leave them out (understates the time).

    Examples
    --------
    >>> time_to_market(["2024-01-01", "2024-03-01"], ["2024-04-01", "2024-06-07"], unit="weeks")
    13.5
    """
    return elapsed(
        "start_dates",
        start_dates,
        "launch_dates",
        launch_dates,
        statistic=statistic,
        unit=unit,
        missing=missing,
    )


def new_product_revenue_share(
    revenue_new: Any, revenue_total: Any, *, as_percent: bool = False
) -> Any:
    """Share of revenue from new products (launched within the window you define, e.g. 12 months).

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> new_product_revenue_share(180_000, 1_200_000)
    0.15
    """
    return ratio(
        revenue_new,
        revenue_total,
        num_name="revenue_new",
        den_name="revenue_total",
        at_most_denominator=True,
        as_percent=as_percent,
    )


def adoption_rate(adopters: Any, eligible: Any, *, as_percent: bool = False) -> Any:
    """Adoption rate: customers (or users) who adopted a new product / those who could.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> adoption_rate(450, 3000)
    0.15
    """
    return count_share(adopters, eligible, "adopters", "eligible", as_percent)
