"""Homeats workforce: employees (cooks, drivers, support agents, office staff) and training.

Onboarding training shortens the time to competency (chain
``onboarding_training_to_competency``), and support agents' monthly training raises first-contact
resolution the following month (chain ``training_to_fcr``). Engaged staff and high performers leave
less often, which the retention exercises can find.

Examples
--------
>>> ROLE_DEPARTMENT["support agent"]
'Customer service'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .chains import CHAIN_BY_ID
from .company import NamePool
from .drivers import BURN_IN, Calendar

__all__ = ["ROLE_DEPARTMENT", "employees", "training"]

ROLE_DEPARTMENT = {
    "cook": "Kitchens",
    "driver": "Delivery",
    "support agent": "Customer service",
}
OFFICE_DEPARTMENTS = ("Finance", "IT", "HR", "Marketing", "R&D")
_SALARY = {"cook": 26500, "driver": 24500, "support agent": 25500, "office": 39000}
_TTC_OFFSET = {"cook": 10, "driver": -35, "support agent": 0, "office": 20}
_TRAIN_MEAN = {"cook": 4.0, "driver": 2.0, "office": 3.0}


def _initial_staff(scale: float, kitchen_ids: list[str]) -> list[tuple[str, str, str | None]]:
    staff: list[tuple[str, str, str | None]] = []
    per = max(1, round(4 * scale))
    for k in kitchen_ids:
        staff += [("cook", "Kitchens", k)] * per
        staff += [("driver", "Delivery", k)] * max(1, round(2 * scale))
    staff += [("support agent", "Customer service", None)] * max(2, round(5 * scale))
    for d in OFFICE_DEPARTMENTS:
        staff += [("office", d, None)] * max(1, round(scale))
    return staff


def employees(
    cal: Calendar,
    plan: pd.DataFrame,
    pool: NamePool,
    kitchen_ids: list[str],
    scale: float,
    hiring_factor: float,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Employees with hire and exit dates, onboarding, competency, engagement and pay."""
    staff = _initial_staff(scale, kitchen_ids)
    n0 = len(staff)
    months = len(plan)
    rows: list[tuple[str, str, str | None, int]] = [(*s, -1) for s in staff]  # hire month -1
    active = list(range(n0))
    exit_m: dict[int, int] = {}
    high = list(rng.random(n0) < 0.2)
    engagement = list(np.clip(rng.normal(3.7, 0.5, n0), 1, 5))
    target_growth = np.linspace(1.0, hiring_factor, months)
    base_n = n0
    for i in range(months):
        leaving = []
        for e in active:
            hazard = 0.02 * (0.5 if high[e] else 1.0) * np.exp(-0.6 * (engagement[e] - 3.7))
            if rng.random() < hazard:
                leaving.append(e)
        for e in leaving:
            active.remove(e)
            exit_m[e] = i
        hires = [rows[e][:3] for e in leaving if rng.random() < 0.95]
        gap = round(base_n * target_growth[i]) - (len(active) + len(hires))
        for _ in range(max(0, gap)):
            hires.append(staff[int(rng.integers(n0))])
        for h in hires:
            rows.append((*h, i))
            e = len(rows) - 1
            active.append(e)
            high.append(bool(rng.random() < 0.2))
            engagement.append(float(np.clip(rng.normal(3.7, 0.5), 1, 5)))
    n = len(rows)
    role = np.array([r[0] for r in rows], dtype=object)
    department = np.array([r[1] for r in rows], dtype=object)
    kitchen = pd.Series([r[2] for r in rows], dtype="str")
    hire_m = np.array([r[3] for r in rows])
    hired = np.empty(n, dtype="datetime64[D]")
    old = hire_m < 0
    back = rng.integers(60, 6 * 365, old.sum()).astype("timedelta64[D]")
    hired[old] = cal.all_starts[0] - back
    hired[~old] = cal.random_times(rng, hire_m[~old] - BURN_IN).astype("datetime64[D]")
    exited = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    for e, i in exit_m.items():
        day = cal.random_times(rng, np.array([i - BURN_IN]))[0].astype("datetime64[D]")
        exited[e] = max(day, hired[e] + np.timedelta64(1, "D"))
    onboarding_mean = np.where(
        old, 40.0, plan["onboarding_hours"].to_numpy()[np.clip(hire_m, 0, None)]
    )
    hours = np.clip(rng.normal(onboarding_mean, 10), 8, 90).round(1)
    link = CHAIN_BY_ID["onboarding_training_to_competency"]
    offset = np.array([_TTC_OFFSET[r] for r in role])
    ttc = 100 + offset + link.size * (hours - 40) + rng.normal(0, 12, n)
    ttc = np.clip(ttc, 14, 240).round().astype(int)
    high_a = np.array(high)
    eng = np.round(np.array(engagement) + 0.2 * high_a, 1).clip(1, 5)
    end = np.where(np.isnat(exited), cal.end, exited)
    tenure_years = np.maximum((end - hired).astype(int), 0) / 365.25
    moves = rng.poisson(0.12 * tenure_years)
    salary = np.array([_SALARY[r] for r in role]) * rng.normal(1, 0.08, n) * (1 + 0.05 * high_a)
    reason = np.where(
        np.isnat(exited), None, np.where(rng.random(n) < 0.75, "voluntary", "involuntary")
    )
    first, last = pool.people(rng, n)
    order = np.lexsort((np.arange(n), hired))
    out = (
        pd.DataFrame(
            {
                "name": pool.full_names(first, last),
                "email": pool.emails(rng, first, last, np.arange(1, n + 1)),
                "role": role,
                "department": department,
                "kitchen_id": kitchen,
                "hired_on": hired,
                "exited_on": exited,
                "exit_reason": pd.Series(reason, dtype="str"),
                "high_performer": high_a,
                "training_hours": hours,
                "time_to_competency_days": ttc,
                "engagement_score": eng,
                "internal_moves": moves,
                "salary_gbp": np.round(salary, -1),
            }
        )
        .iloc[order]
        .reset_index(drop=True)
    )
    out.insert(0, "employee_id", [f"E{i + 1:04d}" for i in range(n)])
    return out


def training(
    cal: Calendar, plan: pd.DataFrame, staff: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Ongoing (non-onboarding) training hours per employee and month, for months in post."""
    hired_m = cal.month_index(staff["hired_on"].to_numpy())
    exited = staff["exited_on"].to_numpy()
    exit_m = np.where(np.isnat(exited), cal.n - 1, cal.month_index(exited))
    lo = np.clip(hired_m, 0, None)
    hi = np.clip(exit_m, None, cal.n - 1)
    counts = np.clip(hi - lo + 1, 0, None)
    emp = np.repeat(np.arange(len(staff)), counts)
    month = np.concatenate(
        [np.arange(a, b + 1) for a, b in zip(lo, hi, strict=True) if b >= a] or [np.array([], int)]
    )
    role = staff["role"].to_numpy()[emp]
    agent_hours = plan["training_hours"].to_numpy()[BURN_IN:][month]
    mean = np.where(
        role == "support agent",
        agent_hours,
        pd.Series(role).map(_TRAIN_MEAN).fillna(0).to_numpy(float),
    )
    sigma = np.where(role == "support agent", 0.25, 0.5)
    hours = np.round(mean * np.exp(rng.normal(0, sigma)), 1)
    return pd.DataFrame(
        {
            "employee_id": staff["employee_id"].to_numpy()[emp],
            "month": cal.months[month],
            "training_hours": hours,
        }
    )
