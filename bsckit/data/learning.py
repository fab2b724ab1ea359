"""Homeats learning and growth: the new kitchen system, the engagement survey, the kitchens'
monthly people log and the roll-outs of new dishes to the kitchens (module 5).

Four compact tables, by kitchen and month (or quarter), drawn from their own random generator
so that no other table changes. The effects planted in them (the lessons and
``tests/test_data_learning.py`` rely on these; :func:`learning_effects_section` prints them
into the data dictionary):

- ``training_leads_remakes``: the cooks' ongoing training hours per cook of a kitchen in month
  ``t`` (from the ``training`` table) lower the kitchen's remake rate in month ``t + 1``.
- ``elearning_trend`` (the look-alike): e-learning hours per employee rise over time and the
  remake rate falls over time for an unrelated reason (the kitchens' own learning curve), so the
  two correlate strongly, at every lag; month-on-month changes show no link.
- ``training_dip_when_busy``: training taken in a kitchen's busy months (top third of its
  orders per cook) raises that month's late dispatches and needs nearly every hour backfilled;
  in quiet months spare hands absorb it.
- ``data_quality_to_decisions``: once the new kitchen system is live, months with fewer
  missing or late entries have faster decisions (beyond what adoption alone explains), and
  automated orders need complete entries.
- ``engagement_leads_readiness``: a kitchen's engagement score in one quarter moves its
  readiness for change in the next quarter; the kitchen readier at go-live adopts the system
  faster.
- ``documentation_to_rampup``: a dish rolled out to a kitchen with a complete recipe card
  reaches standard in fewer days, and reusing the pilot kitchen's practice saves a few more.

Examples
--------
>>> go_live_months(24, 4)
[5, 9, 12, 16]
>>> round(AGENCY_RATE_GBP, 2)
18.5
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .drivers import Calendar

__all__ = [
    "AGENCY_RATE_GBP",
    "BUSY_SHARE",
    "DOC_EFFECT",
    "ELEARNING_RANGE",
    "PROCEDURES",
    "READINESS_PER_ENGAGEMENT",
    "REMAKE_PER_TRAINING_HOUR",
    "REUSE_EFFECT",
    "go_live_months",
    "learning_effects_section",
    "learning_tables",
]

AGENCY_RATE_GBP = 18.5
"""Hourly cost of an agency cook who covers for a cook in training (backfill)."""
BUSY_SHARE = 1 / 3
"""A kitchen's busy months: the top third of its months by orders per cook."""
REMAKE_PER_TRAINING_HOUR = 0.01
"""Fall of next month's remake rate per extra training hour per cook (0.01 = 1 point)."""
REMAKE_TREND = 0.045
"""Fall of the remake rate over the whole period from the kitchens' own learning curve."""
DIP_PER_TRAINING_HOUR = 0.016
"""Rise of the late-dispatch share per training hour per cook, in busy months only."""
ELEARNING_RANGE = (0.5, 3.0)
"""E-learning hours per employee and month at the start and at the end of the data."""
READINESS_PER_ENGAGEMENT = 0.35
"""Rise of next quarter's change readiness (share agreeing) per engagement point."""
DOC_EFFECT = 0.45
"""A complete recipe card multiplies the days to standard by exp(-DOC_EFFECT)."""
REUSE_EFFECT = 0.2
"""Reusing the pilot kitchen's practice multiplies the days to standard by exp(-REUSE_EFFECT)."""
PROCEDURES = 60
"""Kitchen procedures each kitchen should have documented."""
_DECISION_HOURS = 36.0
_ADOPTION_CEILING = 0.95


def go_live_months(months: int, kitchens: int) -> list[int]:
    """Month offsets (0 = first month) at which each kitchen's new kitchen system goes live.

    Staggered from a fifth to two thirds of the period, in kitchen order.

    Examples
    --------
    >>> go_live_months(12, 2)
    [2, 8]
    """
    if kitchens == 1:
        return [round(months * 0.2)]
    return [round(months * (0.2 + 0.47 * i / (kitchens - 1))) for i in range(kitchens)]


def _in_post(staff: pd.DataFrame, day: np.datetime64) -> pd.Series:
    hired = staff["hired_on"].to_numpy().astype("datetime64[D]")
    exited = staff["exited_on"].to_numpy().astype("datetime64[D]")
    return pd.Series((hired <= day) & (np.isnat(exited) | (exited > day)), index=staff.index)


def learning_tables(
    cal: Calendar,
    kitchen_ids: list[str],
    orders: pd.DataFrame,
    staff: pd.DataFrame,
    training: pd.DataFrame,
    projects: pd.DataFrame,
    rng: np.random.Generator,
) -> dict[str, pd.DataFrame]:
    """The four module-5 tables: kitchen_system_log, engagement_survey, kitchen_people_log and
    dish_rollouts."""
    n, nk = cal.n, len(kitchen_ids)
    months = cal.months
    mid = cal.starts + 14
    kitchen = orders["kitchen_id"].astype(str).to_numpy()
    o_month = cal.month_index(orders["ordered_at"].to_numpy().astype("datetime64[D]"))
    keep = (o_month >= 0) & (o_month < n)
    counts = pd.crosstab(kitchen[keep], o_month[keep]).reindex(
        index=kitchen_ids, columns=range(n), fill_value=0
    )
    n_orders = counts.to_numpy()
    portions = (
        pd.Series(orders["portions"].to_numpy()[keep])
        .groupby([kitchen[keep], o_month[keep]])
        .sum()
        .unstack(fill_value=0)
        .reindex(index=kitchen_ids, columns=range(n), fill_value=0)
        .to_numpy()
    )
    delivered = orders["status"].astype(str).to_numpy() == "delivered"
    dispatches = (
        pd.crosstab(kitchen[keep & delivered], o_month[keep & delivered])
        .reindex(index=kitchen_ids, columns=range(n), fill_value=0)
        .to_numpy()
    )

    # cooks in post and their training hours, by kitchen and month
    role = staff["role"].astype(str)
    cooks = np.zeros((nk, n), dtype=int)
    kitchen_staff = np.zeros((nk, n), dtype=int)
    for t in range(n):
        post = _in_post(staff, mid[t])
        for j, k in enumerate(kitchen_ids):
            here = post & (staff["kitchen_id"].astype(str) == k)
            cooks[j, t] = int((here & (role == "cook")).sum())
            kitchen_staff[j, t] = int(here.sum())
    tr = training.merge(staff[["employee_id", "role", "kitchen_id"]], on="employee_id")
    tr = tr[tr["role"].astype(str) == "cook"]
    tr_month = cal.month_index(pd.to_datetime(tr["month"]).to_numpy().astype("datetime64[D]"))
    cook_hours = (
        tr["training_hours"]
        .groupby([tr["kitchen_id"].astype(str).to_numpy(), tr_month])
        .sum()
        .unstack(fill_value=0.0)
        .reindex(index=kitchen_ids, columns=range(n), fill_value=0.0)
        .to_numpy(float)
    )
    per_cook = np.where(cooks > 0, cook_hours / np.maximum(cooks, 1), 0.0)
    mean_per_cook = float(per_cook[cooks > 0].mean()) if (cooks > 0).any() else 0.0

    # -- engagement survey, by kitchen and quarter ---------------------------------------
    n_q = -(-n // 3)
    level = rng.normal(3.7, 0.25, nk)
    eng = np.zeros((nk, n_q + 1))
    shock = np.zeros(nk)
    for q in range(n_q + 1):
        shock = 0.5 * shock + rng.normal(0, 0.2, nk)
        eng[:, q] = np.clip(level + shock, 1, 5)
    # column 0 is the quarter before the data; readiness follows the previous quarter
    ready = np.clip(
        0.55 + READINESS_PER_ENGAGEMENT * (eng[:, :-1] - 3.7) + rng.normal(0, 0.04, (nk, n_q)),
        0.02,
        0.98,
    )
    eng = eng[:, 1:]
    q_start = np.array([months[3 * q] for q in range(n_q)])
    survey_rows = []
    for j, k in enumerate(kitchen_ids):
        for q in range(n_q):
            staff_q = int(kitchen_staff[j, min(3 * q + 1, n - 1)])
            invited = max(staff_q, 1)
            survey_rows.append(
                {
                    "kitchen_id": k,
                    "quarter_start": q_start[q],
                    "invited": invited,
                    "responses": int(rng.binomial(invited, 0.75)),
                    "engagement_score": round(float(eng[j, q]), 2),
                    "change_readiness": round(float(ready[j, q]), 3),
                    "internal_moves": int(rng.poisson(0.25 * invited / 6)),
                }
            )
    survey = pd.DataFrame(survey_rows)
    survey["responses"] = np.maximum(survey["responses"], 1)

    # -- kitchen system log, by kitchen and month ----------------------------------------
    live_at = go_live_months(n, nk)
    system_rows = []
    for j, k in enumerate(kitchen_ids):
        g = live_at[j]
        readiness = float(ready[j, min(g // 3, n_q - 1)])
        tau = float(np.clip(2.5 * np.exp(-6.0 * (readiness - 0.55)), 0.8, 9.0))
        for t in range(n):
            total = int(n_orders[j, t])
            live = t >= g
            m = t - g
            if live:
                share = _ADOPTION_CEILING * (1 - np.exp(-(m + 0.5) / tau))
                share = float(np.clip(share + rng.normal(0, 0.02), 0.01, 0.99))
                in_sys = int(rng.binomial(total, share))
                miss_p = (0.03 + 0.12 * np.exp(-0.3 * m)) * np.exp(rng.normal(0, 0.35))
                late_p = (0.02 + 0.08 * np.exp(-0.3 * m)) * np.exp(rng.normal(0, 0.35))
                missing = int(rng.binomial(in_sys, min(miss_p, 0.9)))
                late = int(rng.binomial(in_sys - missing, min(late_p, 0.9)))
                err = (missing + late) / in_sys if in_sys else 0.2
                adopt = in_sys / total if total else 0.0
                hours = _DECISION_HOURS * np.exp(-0.9 * adopt + 4.0 * (err - 0.08))
                auto = int(rng.binomial(in_sys - missing - late, 0.9))
            else:
                in_sys = missing = late = auto = 0
                hours = _DECISION_HOURS * np.exp(0.3)
            hours *= np.exp(rng.normal(0, 0.12))
            system_rows.append(
                {
                    "kitchen_id": k,
                    "month": months[t],
                    "system_live": live,
                    "orders": total,
                    "orders_in_system": in_sys,
                    "entries_missing": missing,
                    "entries_late": late,
                    "automated_orders": auto,
                    "exceptions": int(rng.poisson(max(total, 1) / 60)),
                    "decision_hours_median": round(float(hours), 1),
                }
            )
    system = pd.DataFrame(system_rows)

    # -- kitchen people log, by kitchen and month ----------------------------------------
    ratio = np.where(cooks > 0, n_orders / np.maximum(cooks, 1), 0.0)
    busy = np.zeros((nk, n), dtype=bool)
    for j in range(nk):
        cut = np.quantile(ratio[j], 1 - BUSY_SHARE)
        busy[j] = ratio[j] > cut
    trend = np.linspace(0, 1, n)
    lo_e, hi_e = ELEARNING_RANGE
    doc0 = rng.uniform(0.45, 0.7, nk)
    doc_rate = rng.uniform(0.02, 0.1, nk)
    completeness = 1 - (1 - doc0[:, None]) * np.exp(-doc_rate[:, None] * np.arange(n))
    launched = pd.to_datetime(projects["launched_on"]).to_numpy().astype("datetime64[D]")
    people_rows = []
    for j, k in enumerate(kitchen_ids):
        for t in range(n):
            lagged = per_cook[j, t - 1] if t > 0 else mean_per_cook
            p_remake = (
                0.08
                - REMAKE_TREND * trend[t]
                - REMAKE_PER_TRAINING_HOUR * (lagged - mean_per_cook)
                + rng.normal(0, 0.002)
            )
            plates = int(portions[j, t])
            remakes = int(rng.binomial(plates, float(np.clip(p_remake, 0.005, 0.3))))
            p_late = 0.05 + (DIP_PER_TRAINING_HOUR * per_cook[j, t] if busy[j, t] else 0.0)
            late = int(rng.binomial(int(dispatches[j, t]), float(np.clip(p_late, 0.005, 0.5))))
            cover = 0.9 if busy[j, t] else 0.25
            cover = float(np.clip(cover + rng.normal(0, 0.05), 0.05, 1.0))
            backfill = round(float(cook_hours[j, t]) * cover, 1)
            recipes = int((launched < cal.starts[t] + 28).sum()) + 24
            docs = int(rng.binomial(recipes, completeness[j, t]))
            procs = int(rng.binomial(PROCEDURES, completeness[j, t]))
            people_rows.append(
                {
                    "kitchen_id": k,
                    "month": months[t],
                    "cooks": int(cooks[j, t]),
                    "staff": int(kitchen_staff[j, t]),
                    "orders": int(n_orders[j, t]),
                    "plates": plates,
                    "remakes": remakes,
                    "dispatches": int(dispatches[j, t]),
                    "dispatches_late": late,
                    "cook_training_hours": round(float(cook_hours[j, t]), 1),
                    "backfill_hours": backfill,
                    "backfill_cost_gbp": round(backfill * AGENCY_RATE_GBP, 2),
                    "elearning_hours": round(
                        max(
                            0.0,
                            (lo_e + (hi_e - lo_e) * trend[t] + rng.normal(0, 0.25))
                            * kitchen_staff[j, t],
                        ),
                        1,
                    ),
                    "recipes": recipes,
                    "recipes_documented": docs,
                    "procedures": PROCEDURES,
                    "procedures_documented": procs,
                    "practices_reused": int(rng.poisson(1.5 * completeness[j, t])),
                }
            )
    people = pd.DataFrame(people_rows)

    # -- roll-outs of launched dishes to the other kitchens ------------------------------
    pilot = projects["pilot_kitchen_id"].astype(str).to_numpy()
    roll_rows = []
    for i in np.flatnonzero(~np.isnat(launched)):
        if launched[i] < cal.begin:
            continue
        for j, k in enumerate(kitchen_ids):
            if k == pilot[i]:
                continue
            day = launched[i] + np.timedelta64(int(rng.integers(3, 25)), "D")
            if day >= cal.end:
                continue
            t = int(cal.month_index(np.array([day]))[0])
            card = bool(rng.random() < completeness[j, t])
            reused = bool(rng.random() < 0.5)
            days = 24 * np.exp(-DOC_EFFECT * card - REUSE_EFFECT * reused + rng.normal(0, 0.25))
            roll_rows.append(
                {
                    "project_id": projects["project_id"].iloc[i],
                    "kitchen_id": k,
                    "rolled_out_on": day,
                    "recipe_card_complete": card,
                    "practice_reused": reused,
                    "days_to_standard": int(max(2, round(float(days)))),
                }
            )
    rollouts = pd.DataFrame(
        roll_rows,
        columns=[
            "project_id",
            "kitchen_id",
            "rolled_out_on",
            "recipe_card_complete",
            "practice_reused",
            "days_to_standard",
        ],
    )
    rollouts = rollouts.sort_values(["rolled_out_on", "kitchen_id"], kind="stable")
    return {
        "kitchen_system_log": system,
        "engagement_survey": survey,
        "kitchen_people_log": people,
        "dish_rollouts": rollouts.reset_index(drop=True),
    }


def learning_effects_section(months: int) -> list[str]:
    """Markdown lines describing the module-5 plants for data of ``months`` months.

    Examples
    --------
    >>> learning_effects_section(24)[1]
    '## Learning and growth plants (module 5)'
    """
    lo, hi = ELEARNING_RANGE
    return [
        "",
        "## Learning and growth plants (module 5)",
        "",
        "All in `kitchen_system_log`, `engagement_survey`, `kitchen_people_log` and "
        "`dish_rollouts`, drawn from their own random generator (no other table changes).",
        "",
        "- `training_leads_remakes` (kitchen_people_log, training, employees): the cooks' "
        "ongoing training hours per cook of a kitchen in a month lower its remake rate "
        "(remakes / plates) the next month by about "
        f"{REMAKE_PER_TRAINING_HOUR:.0%} per hour. Found by: remake rate against last "
        "month's training hours per cook, kitchen by kitchen.",
        f"- `elearning_trend` (kitchen_people_log; a look-alike): e-learning hours per "
        f"employee rise from about {lo:g} to {hi:g} a month while the remake rate falls by "
        f"about {REMAKE_TREND:.0%} over the period for another reason (the kitchens' learning "
        "curve). The two correlate strongly at every lag; e-learning has no effect. How to "
        "tell: month-on-month changes of the two do not correlate.",
        "- `training_dip_when_busy` (kitchen_people_log): in a kitchen's busy months (top "
        f"{BUSY_SHARE:.0%} of its months by orders per cook) each training hour per cook adds "
        f"about {DIP_PER_TRAINING_HOUR:.1%} to the late-dispatch share and about 90 % of the "
        "training hours are backfilled at "
        f"GBP {AGENCY_RATE_GBP:g} an hour; in quiet months about 25 % are and there is no dip.",
        "- `data_quality_to_decisions` (kitchen_system_log): go-live months by kitchen are "
        f"{go_live_months(months, 4)} (four kitchens). Once live, the median decision time "
        "falls with the share of orders in the system and rises with the share of entries "
        "missing or late (about +4 % per point); automated orders are only those with "
        "complete, timely entries. Found by: decision hours against the error share of live "
        "months.",
        "- `engagement_leads_readiness` (engagement_survey, kitchen_system_log): change "
        "readiness in a quarter rises by about "
        f"{READINESS_PER_ENGAGEMENT:g} per engagement point of the previous quarter; a kitchen "
        "readier when its system goes live adopts faster. Internal moves are drawn with no "
        "link to anything.",
        "- `documentation_to_rampup` (dish_rollouts, kitchen_people_log): a roll-out whose "
        "recipe card was complete reaches standard in about "
        f"{1 - np.exp(-DOC_EFFECT):.0%} fewer days; reusing the pilot kitchen's practice "
        f"saves about {1 - np.exp(-REUSE_EFFECT):.0%} more. Cards are complete with the "
        "kitchen's documentation completeness that month.",
    ]
