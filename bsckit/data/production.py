"""Homeats production: batches per kitchen and shift, portion-weight samples, improvements.

Batches carry everything OEE, first-pass yield, throughput and cost per unit need. The defect
rate follows the process improvements started two months earlier (chain
``improvements_to_defects``), and so does the real cost per unit (``improvements_to_cost``).
``quality_checks`` is a distractor: the quality team adds checks two months after the defect
rate rises (reverse causation).
Portion weights are sampled in subgroups of five against a 340-360 g specification with target
350 g; the special causes in :data:`bsckit.data.chains.QUALITY_EPISODES` are planted in them.

Examples
--------
>>> SPEC
{'target_g': 350.0, 'lsl_g': 340.0, 'usl_g': 360.0}
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .chains import QUALITY_EPISODES
from .drivers import BURN_IN, Calendar, make_ids

__all__ = ["SPEC", "batches", "initiatives", "quality_samples"]

SPEC = {"target_g": 350.0, "lsl_g": 340.0, "usl_g": 360.0}
PLANNED_MINUTES = 450
_MATERIALS = 1.60
_LABOUR = 0.70
_SHIFT_FIXED = 40.0
INITIATIVE_TITLES = (
    ("Quick changeover between dishes", "labour"),
    ("Recalibrate portioning scales weekly", "quality"),
    ("5S in the cold store", "waste"),
    ("Standard work for sauce preparation", "quality"),
    ("Batch-size review with demand forecast", "waste"),
    ("Preventive maintenance of ovens", "downtime"),
    ("Supplier delivery window agreement", "waste"),
    ("Visual defect checklist at packing", "quality"),
    ("Energy-saving blast chiller schedule", "energy"),
    ("Allergen labelling double check", "quality"),
    ("Prep-station layout redesign", "labour"),
    ("Root-cause review of packing leaks", "quality"),
)


def batches(
    cal: Calendar,
    plan: pd.DataFrame,
    orders: pd.DataFrame,
    kitchen_ids: list[str],
    rng: np.random.Generator,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Production batches (two shifts a day per kitchen) and each kitchen's ideal cycle time.

    Output follows the portions to deliver the next day, levelled over a week; busy shifts get
    planned overtime (``planned_minutes`` above 450).
    """
    rep = plan.iloc[BURN_IN:]
    days = np.arange(cal.begin, cal.end, dtype="datetime64[D]")
    nk, nd = len(kitchen_ids), len(days)
    # Demand: portions to deliver the next day, by kitchen.
    prod_day = orders["promised_at"].to_numpy().astype("datetime64[D]") - np.timedelta64(1, "D")
    day_idx = (prod_day - cal.begin).astype(np.int64)
    inside = (day_idx >= 0) & (day_idx < nd)
    k_idx = pd.Index(kitchen_ids).get_indexer(orders["kitchen_id"].astype(str))
    demand = np.zeros((nk, nd))
    np.add.at(demand, (k_idx[inside], day_idx[inside]), orders["portions"].to_numpy()[inside])
    # Production levels the load over a week (meals are chilled and kept up to three days).
    kernel = np.ones(7) / 7
    padded = np.pad(demand, ((0, 0), (3, 3)), mode="edge")
    demand = np.stack([np.convolve(row, kernel, mode="valid") for row in padded])
    demand = np.repeat(demand[:, :, None], 2, axis=2) * np.array([0.55, 0.45])
    units = np.maximum(1, np.round(demand * rng.normal(1.03, 0.02, demand.shape))).astype(np.int64)
    mean_units = units.reshape(nk, -1).mean(axis=1)
    ideal = np.round(
        0.75 * (PLANNED_MINUTES - 30) * 60 / mean_units * rng.uniform(0.95, 1.05, nk), 1
    )
    shape = units.shape
    downtime = rng.gamma(2.0, 12.0, shape) + np.where(
        rng.random(shape) < 0.03, rng.uniform(60, 180, shape), 0
    )
    need = units * ideal[:, None, None] / 60 / 0.98
    downtime = np.round(downtime).astype(int)
    # Busy shifts are planned with overtime so the line can make what was ordered.
    planned = np.maximum(PLANNED_MINUTES, np.ceil(need + downtime)).astype(int)
    month = cal.month_index(days)
    rate = rep["defect_rate"].to_numpy()[month]
    k_factor = rng.uniform(0.8, 1.2, nk)
    k_factor /= k_factor.mean()
    p = np.clip(rate[None, :, None] * k_factor[:, None, None], 0, 0.5)
    defects = rng.binomial(units, np.broadcast_to(p, shape))
    rework = rng.binomial(units - defects, 0.02)
    checks = rng.poisson(
        np.broadcast_to(rep["quality_checks"].to_numpy()[month][None, :, None], shape)
    )
    real = rep["real_cost_factor"].to_numpy()[month][None, :, None]
    food = (rep["food_cost_index"].to_numpy()[month] / 100)[None, :, None]
    cpi = (rep["cpi"].to_numpy()[month] / 100)[None, :, None]
    cost = real * (
        units * (_MATERIALS * food + _LABOUR * cpi) * rng.normal(1, 0.01, shape)
        + _SHIFT_FIXED * cpi
    )
    kk, dd, ss = np.meshgrid(np.arange(nk), np.arange(nd), np.arange(2), indexing="ij")
    flat = np.lexsort((kk.ravel(), ss.ravel(), dd.ravel()))

    def col(a: np.ndarray) -> np.ndarray:
        return np.asarray(a).ravel()[flat]

    out = pd.DataFrame(
        {
            "batch_id": make_ids("B", units.size, 6),
            "kitchen_id": np.array(kitchen_ids, dtype=object)[col(kk)],
            "produced_on": days[col(dd)],
            "shift": np.array(["early", "late"], dtype=object)[col(ss)],
            "planned_minutes": col(planned),
            "downtime_minutes": col(downtime),
            "ideal_cycle_time_s": ideal[col(kk)],
            "units_made": col(units),
            "good_units": col(units - defects),
            "defects": col(defects),
            "rework": col(rework),
            "quality_checks": col(checks),
            "cost": np.round(col(cost), 2),
        }
    )
    return out, ideal


def quality_samples(
    cal: Calendar, kitchen_ids: list[str], rng: np.random.Generator, subgroup_size: int = 5
) -> pd.DataFrame:
    """Portion weights: one subgroup of five per kitchen and day, with the planted episodes."""
    days = np.arange(cal.begin, cal.end, dtype="datetime64[D]")
    nk, nd = len(kitchen_ids), len(days)
    bias = rng.normal(0.5, 0.4, nk)
    sigma = np.full((nk, nd), 2.3)
    mean = 350 + bias[:, None] + rng.normal(0, 0.6, (nk, nd))
    month = cal.month_index(days)
    dom = (days - days.astype("datetime64[M]").astype("datetime64[D]")).astype(int) + 1
    for ep in QUALITY_EPISODES:
        if ep.kitchen_id not in kitchen_ids or ep.month_offset >= cal.n:
            continue
        k = kitchen_ids.index(ep.kitchen_id)
        hit = (month == ep.month_offset) & (dom >= ep.first_day) & (dom <= ep.last_day)
        if ep.kind in ("shift", "outlier"):
            mean[k, hit] += ep.size
        elif ep.kind == "trend":
            mean[k, hit] += ep.size * (dom[hit] - ep.first_day + 1)
        else:
            sigma[k, hit] *= ep.size
    weights = mean[:, :, None] + sigma[:, :, None] * rng.standard_normal((nk, nd, subgroup_size))
    kk, dd, ss = np.meshgrid(np.arange(nk), np.arange(nd), np.arange(subgroup_size), indexing="ij")
    flat = np.lexsort((ss.ravel(), kk.ravel(), dd.ravel()))
    minute = rng.integers(0, 120, (nk, nd))
    sampled = (
        days[None, :].astype("datetime64[m]")
        + np.timedelta64(10 * 60, "m")
        + minute.astype("timedelta64[m]")
    )
    subgroup = (dd * nk + kk) + 1
    out = pd.DataFrame(
        {
            "subgroup_id": subgroup.ravel()[flat],
            "kitchen_id": np.array(kitchen_ids, dtype=object)[kk.ravel()[flat]],
            "sampled_at": np.repeat(sampled[:, :, None], subgroup_size, axis=2).ravel()[flat],
            "sample_no": (ss + 1).ravel()[flat],
            "portion_weight_g": np.round(weights.ravel()[flat], 1),
            **{k: v for k, v in SPEC.items()},
        }
    )
    return out


def initiatives(
    cal: Calendar,
    plan: pd.DataFrame,
    kitchen_ids: list[str],
    scale: float,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Process-improvement initiatives: the plan's monthly count, each at one kitchen."""
    counts = plan["improvements"].to_numpy()[BURN_IN:]
    month = np.repeat(np.arange(cal.n), counts)
    n = len(month)
    started = np.sort(cal.random_times(rng, month).astype("datetime64[D]"))
    pick = rng.integers(len(INITIATIVE_TITLES), size=n)
    duration = rng.integers(14, 90, n).astype("timedelta64[D]")
    done = started + duration
    status = np.where(done < cal.end, "completed", "in progress")
    return pd.DataFrame(
        {
            "initiative_id": [f"IN{i + 1:03d}" for i in range(n)],
            "kitchen_id": np.array(kitchen_ids, dtype=object)[
                rng.integers(len(kitchen_ids), size=n)
            ],
            "title": np.array([t[0] for t in INITIATIVE_TITLES], dtype=object)[pick],
            "category": np.array([t[1] for t in INITIATIVE_TITLES], dtype=object)[pick],
            "started_on": started,
            "completed_on": np.where(done < cal.end, done, np.datetime64("NaT")),
            "status": status,
            "expected_saving_gbp": np.round(rng.lognormal(np.log(6000 * scale), 0.5, n), -1),
        }
    )
