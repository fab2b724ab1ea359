"""Claims of module 5, learning and growth (``notebooks/05_learning_growth.ipynb``).

Each function checks one sentence the lesson states as fixed text, marked ``(claim 5.N)``.
The planted effects behind them are described in :mod:`bsckit.data.learning`.

Examples
--------
>>> from bsckit.claims import get_claim
>>> get_claim("5.1").needs
('kitchen_people_log', 'kitchen_system_log')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bsckit.claims.registry import Evidence, Verdict, claim
from bsckit.learning_growth import busy_months, kitchen_month, lagged_within

__all__ = [
    "busy_training_delays_dispatch",
    "complete_card_ramps_faster",
    "elearning_only_trends",
    "engagement_leads_readiness",
    "poor_entries_slow_decisions",
    "readiest_kitchen_adopts_faster",
    "training_leads_remakes",
]

_LOGS = ("kitchen_people_log", "kitchen_system_log")


def _km(ev: Evidence) -> pd.DataFrame:
    return ev.cached("5:km", lambda: kitchen_month(ev.tables))


def _corr(a: pd.Series, b: pd.Series) -> float:
    both = pd.concat([a, b], axis=1).dropna()
    return float(both.iloc[:, 0].corr(both.iloc[:, 1]))


@claim(
    "5.1",
    module=5,
    needs=_LOGS,
    sentence="Last month's training hours per cook and this month's remake rate correlate "
    "negatively, more strongly than -0.5.",
)
def training_leads_remakes(ev: Evidence) -> Verdict:
    km = _km(ev)
    r = _corr(lagged_within(km, "training_per_cook", 1), km["remake_rate"])
    return Verdict(r < -0.5, r, "r of last month's training per cook with the remake rate")


@claim(
    "5.2",
    module=5,
    needs=_LOGS,
    sentence="E-learning hours per head and the remake rate correlate strongly in levels, but "
    "their month-on-month changes less than half as strongly: e-learning only looks like a "
    "driver.",
)
def elearning_only_trends(ev: Evidence) -> Verdict:
    km = _km(ev)
    levels = _corr(km["elearning_per_head"], km["remake_rate"])
    g = km.groupby("kitchen_id")
    changes = _corr(g["elearning_per_head"].diff(), g["remake_rate"].diff())
    holds = levels < -0.5 and abs(changes) < abs(levels) / 2
    return Verdict(holds, changes, f"r of the changes (levels r = {levels:.2f})")


@claim(
    "5.3",
    module=5,
    needs=_LOGS,
    sentence="In each kitchen's busy months, more training per cook goes with more late "
    "dispatches; in its quiet months the slope is much flatter.",
)
def busy_training_delays_dispatch(ev: Evidence) -> Verdict:
    km = _km(ev).dropna(subset=["training_per_cook", "late_dispatch_share"])
    busy = busy_months(km)

    def slope(part: pd.DataFrame) -> float:
        return float(np.polyfit(part["training_per_cook"], part["late_dispatch_share"], 1)[0])

    b, q = slope(km[busy]), slope(km[~busy])
    return Verdict(b > 0 and b > q + 0.005, b - q, f"busy slope {b:.4f} minus quiet slope")


@claim(
    "5.4",
    module=5,
    needs=_LOGS,
    sentence="Among the months with the system live, months with more missing or late entries "
    "have slower decisions.",
)
def poor_entries_slow_decisions(ev: Evidence) -> Verdict:
    km = _km(ev)
    live = km[km["system_live"].astype(bool)]
    r = _corr(live["entry_error_share"], np.log(live["decision_hours"]))
    return Verdict(r > 0.3, r, "r of the entry error share with log decision hours")


def _survey(ev: Evidence) -> pd.DataFrame:
    e = ev.tables["engagement_survey"].copy()
    e["kitchen_id"] = e["kitchen_id"].astype(str)
    return e.sort_values(["kitchen_id", "quarter_start"], kind="stable").reset_index(drop=True)


@claim(
    "5.5",
    module=5,
    needs=("engagement_survey",),
    sentence="Engagement moves first: last quarter's engagement goes with this quarter's "
    "readiness more closely than last quarter's readiness goes with this quarter's engagement.",
)
def engagement_leads_readiness(ev: Evidence) -> Verdict:
    e = _survey(ev)
    ahead = _corr(lagged_within(e, "engagement_score", 1), e["change_readiness"])
    behind = _corr(lagged_within(e, "change_readiness", 1), e["engagement_score"])
    return Verdict(ahead > behind and ahead > 0.3, ahead - behind, "r ahead minus r behind")


@claim(
    "5.6",
    module=5,
    needs=(*_LOGS, "engagement_survey"),
    sentence="The kitchen readiest for change when its system went live had a higher adoption "
    "share two months later than the least ready kitchen.",
)
def readiest_kitchen_adopts_faster(ev: Evidence) -> Verdict:
    km = _km(ev)
    e = _survey(ev)
    e["quarter"] = e["quarter_start"].dt.to_period("M")
    rows = {}
    for k, g in km[km["system_live"].astype(bool)].groupby("kitchen_id"):
        start = g["month"].min()
        later = g[g["month"] == start + 2]
        if later.empty:
            continue
        ready = e[(e["kitchen_id"] == k) & (e["quarter"] <= start)]["change_readiness"]
        rows[k] = (float(ready.iloc[-1]), float(later["adoption"].iloc[0]))
    if len(rows) < 2:
        return Verdict(False, float("nan"), "fewer than two kitchens live for two months")
    frame = pd.DataFrame(rows, index=["ready", "adoption"]).T
    gap = (
        frame.loc[frame["ready"].idxmax(), "adoption"]
        - frame.loc[frame["ready"].idxmin(), "adoption"]
    )
    return Verdict(gap > 0, float(gap), "adoption of the readiest minus the least ready kitchen")


@claim(
    "5.7",
    module=5,
    needs=("dish_rollouts",),
    sentence="Roll-outs with a complete recipe card reached standard in fewer days (median) "
    "than roll-outs without one.",
)
def complete_card_ramps_faster(ev: Evidence) -> Verdict:
    r = ev.tables["dish_rollouts"]
    med = r.groupby(r["recipe_card_complete"].astype(bool))["days_to_standard"].median()
    gap = float(med.get(False, np.nan) - med.get(True, np.nan))
    return Verdict(gap > 0, gap, "median days without a complete card minus with one")
