"""Homeats innovation: dish projects through stage gates, and market research studies.

Every project starts as an idea and passes gates idea -> concept -> prototype -> pilot ->
launch; at each gate it may be stopped. A launched project becomes a dish (see
:func:`bsckit.data.company.dishes`). Market studies are the leading measure of the innovation
chain: their monthly count drives the share of revenue from new dishes three months later.

Examples
--------
>>> GATES
('idea', 'concept', 'prototype', 'pilot', 'launched')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .company import NEW_DISH_WORDS
from .drivers import BURN_IN, Calendar
from .facts import HOMEATS

__all__ = ["GATES", "market_studies", "projects"]

GATES = ("idea", "concept", "prototype", "pilot", "launched")
_PASS = (0.7, 0.75, 0.7, 0.8)
_DAYS = ((20, 60), (30, 75), (30, 90), (20, 60))
_HISTORY_MONTHS = 18
METHODS = tuple(HOMEATS["research_methods"])


def projects(
    cal: Calendar, scale: float, research_rate: float, rng: np.random.Generator
) -> pd.DataFrame:
    """Innovation projects with their gate dates (missing once stopped or not yet reached)."""
    n_months = cal.n + _HISTORY_MONTHS
    first = cal.first - _HISTORY_MONTHS
    months = first + np.arange(n_months)
    rate = 6.5 * np.sqrt(scale) * (research_rate / 3.0) ** 0.5
    per_month = rng.poisson(rate, n_months)
    idea_month = np.repeat(months, per_month)
    n = len(idea_month)
    starts = idea_month.astype("datetime64[D]")
    idea_on = starts + rng.integers(0, 28, n).astype("timedelta64[D]")
    dates = np.full((n, len(GATES)), np.datetime64("NaT"), dtype="datetime64[D]")
    dates[:, 0] = idea_on
    alive = np.ones(n, dtype=bool)
    stopped_on = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    stage = np.zeros(n, dtype=int)
    for g in range(4):
        lo, hi = _DAYS[g]
        decision = dates[:, g] + rng.integers(lo, hi, n).astype("timedelta64[D]")
        passed = rng.random(n) < _PASS[g]
        within = decision < cal.end
        go = alive & passed & within
        stop = alive & ~passed & within
        dates[go, g + 1] = decision[go]
        stopped_on[stop] = decision[stop]
        stage[go] = g + 1
        alive = go
    status = np.where(
        stage == 4, "launched", np.where(~np.isnat(stopped_on), "stopped", "in progress")
    )
    words, bases = NEW_DISH_WORDS
    w = rng.integers(len(words), size=n)
    b = rng.integers(len(bases), size=n)
    names = np.array([f"{words[i]} {bases[j][0]}" for i, j in zip(w, b, strict=True)], dtype=object)
    # Make names unique by numbering repeats ("... II").
    seen: dict[str, int] = {}
    for k, name in enumerate(names):
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[k] = f"{name} {'I' * seen[name]}" if seen[name] <= 3 else f"{name} {seen[name]}"
    diet = np.array([bases[j][1] for j in b], dtype=object)
    prototypes = np.where(stage >= 2, 1 + rng.poisson(1.2, n), 0)
    close = np.where(
        np.isnat(stopped_on), np.where(np.isnat(dates[:, 4]), cal.end, dates[:, 4]), stopped_on
    )
    duration = (close - idea_on).astype(np.int64)
    spend = prototypes * rng.uniform(1500, 3500, n) + np.maximum(duration, 0) * rng.uniform(
        20, 40, n
    )
    order = np.lexsort((names, idea_on))
    out = (
        pd.DataFrame(
            {
                "name": names,
                "diet": diet,
                "idea_on": dates[:, 0],
                "concept_on": dates[:, 1],
                "prototype_on": dates[:, 2],
                "pilot_on": dates[:, 3],
                "launched_on": dates[:, 4],
                "stopped_on": stopped_on,
                "stage": np.array(GATES)[stage],
                "status": status,
                "prototypes": prototypes,
                "rnd_spend_gbp": np.round(spend, 2),
            }
        )
        .iloc[order]
        .reset_index(drop=True)
    )
    out.insert(0, "project_id", [f"P{i + 1:04d}" for i in range(len(out))])
    out.insert(
        3,
        "pilot_kitchen_id",
        np.array(["K01", "K02", "K03", "K04"])[rng.integers(4, size=len(out))],
    )
    return out


def market_studies(
    cal: Calendar,
    plan: pd.DataFrame,
    project_rows: pd.DataFrame,
    scale: float,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Market research studies: the monthly counts of the plan, linked to open projects."""
    counts = plan["market_studies"].to_numpy()[BURN_IN:]
    month_idx = np.repeat(np.arange(cal.n), counts)
    n = len(month_idx)
    completed = cal.random_times(rng, month_idx).astype("datetime64[D]")
    completed.sort()
    idea = project_rows["idea_on"].to_numpy()
    close = project_rows["launched_on"].fillna(project_rows["stopped_on"]).to_numpy()
    ids = project_rows["project_id"].to_numpy()
    project = np.full(n, None, dtype=object)
    for k in range(n):
        day = completed[k]
        open_ = (idea <= day) & (np.isnat(close) | (close > day))
        if open_.any() and rng.random() < 0.8:
            project[k] = ids[rng.choice(np.flatnonzero(open_))]
    method = np.array(METHODS)[rng.integers(len(METHODS), size=n)]
    respondents = rng.integers(8, 400, n)
    cost = np.round(1500 + respondents * rng.uniform(8, 15, n), 2)
    out = pd.DataFrame(
        {
            "study_id": [f"MS{i + 1:04d}" for i in range(n)],
            "completed_on": completed,
            "project_id": pd.Series(project, dtype="str"),
            "method": method,
            "respondents": respondents,
            "cost_gbp": cost,
        }
    )
    return out
