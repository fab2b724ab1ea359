"""Claims of module 6, governance (``notebooks/06_governance.ipynb``).

Each function checks one sentence the lesson states as fixed text, marked ``(claim 6.N)``.
The known deviations are the portion-weight special causes of
:data:`bsckit.data.chains.QUALITY_EPISODES` and, for the executive exception report over the
catalogue's measures, the deviations :func:`bsckit.governance.plant_deviations` plants in the
review window; the governance records are planted by :mod:`bsckit.data.governance`.

Examples
--------
>>> from bsckit.claims import get_claim
>>> get_claim("6.1").needs
('quality_samples',)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bsckit.claims.registry import Evidence, Verdict, claim
from bsckit.data.chains import QUALITY_EPISODES
from bsckit.governance import (
    EXCEPTION_RULES,
    alarm_rates,
    detection_lag,
    episode_starts,
    exception_flags,
    exception_measures,
    exception_rates,
    measure_exceptions,
    measure_history,
    new_dish_share,
    plant_deviations,
    review_dates,
    subgroup_summary,
)

__all__ = [
    "escalation_outlasts_the_fault",
    "exception_report_spc_fewer_false_alarms",
    "old_definition_always_higher",
    "spc_misses_less_more_false_alarms",
    "spc_sees_the_spread",
    "weekly_sees_first",
]


def _summary(ev: Evidence) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        q = ev.tables["quality_samples"]
        s = subgroup_summary(q)
        s["spc"] = exception_flags(s, "spc", samples=q)
        s["threshold"] = exception_flags(s, "threshold")
        return s

    return ev.cached("6:summary", compute)


def _episodes(ev: Evidence) -> dict:
    s = _summary(ev)
    starts = episode_starts(s["day"].min())
    out = {}
    for e in QUALITY_EPISODES:
        start = starts[e.id]
        end = start + pd.Timedelta(days=e.last_day - e.first_day)
        mask = (s["kitchen_id"] == e.kitchen_id) & s["day"].between(start, end)
        if mask.any():
            flagged = s.loc[mask & s["spc"], "day"]
            out[e.id] = (start, mask, flagged.min() if len(flagged) else pd.NaT)
    return out


@claim(
    "6.1",
    module=6,
    needs=("quality_samples",),
    sentence="For every deviation the charts flag, a weekly review sees it sooner than a monthly "
    "review, and a monthly review no later than a quarterly one.",
)
def weekly_sees_first(ev: Evidence) -> Verdict:
    s = _summary(ev)
    lags = {}
    for cadence in ("weekly", "monthly", "quarterly"):
        reviews = review_dates(s["day"].min(), s["day"].max(), cadence)
        lags[cadence] = np.array(
            [detection_lag(sig, st, reviews, cadence) for st, _, sig in _episodes(ev).values()]
        )
    seen = ~np.isnan(lags["weekly"])
    w, m, q = (lags[c][seen] for c in ("weekly", "monthly", "quarterly"))
    holds = bool(seen.any()) and bool((w < m).all() and (m <= q).all())
    return Verdict(holds, float(np.nanmax(m - w)), "largest monthly minus weekly lag (days)")


@claim(
    "6.2",
    module=6,
    needs=("review_minutes", "quality_samples"),
    sentence="The slowest escalation in the minutes reached the strategic review more than three "
    "months after its deviation began, although the fault itself lasted about a week.",
)
def escalation_outlasts_the_fault(ev: Evidence) -> Verdict:
    m = ev.tables["review_minutes"]
    esc = m[m["escalated_from"].notna()]
    by_id = episode_starts(ev.tables["quality_samples"]["sampled_at"].min().normalize())
    starts = {e.kitchen_id: by_id[e.id] for e in QUALITY_EPISODES}
    days = (esc["held_on"] - esc["kitchen_id"].astype(str).map(starts)).dt.days
    slowest = esc.loc[days.idxmax(), "kitchen_id"] if len(days) else None
    length = {e.kitchen_id: e.last_day - e.first_day + 1 for e in QUALITY_EPISODES}
    holds = len(days) > 0 and days.max() > 92 and length.get(str(slowest), 99) <= 10
    return Verdict(bool(holds), float(days.max()) if len(days) else float("nan"), "slowest (days)")


@claim(
    "6.3",
    module=6,
    needs=("quality_samples",),
    sentence="The threshold report misses most of the faulty depositor's days; the SPC report, "
    "with its range chart, shows at least twice as many of them.",
)
def spc_sees_the_spread(ev: Evidence) -> Verdict:
    s = _summary(ev)
    ep = _episodes(ev).get("faulty_depositor")
    if ep is None:
        return Verdict(False, float("nan"), "episode outside the data")
    mask = ep[1]
    thr_shown = float(s.loc[mask, "threshold"].mean())
    spc_shown = float(s.loc[mask, "spc"].mean())
    holds = thr_shown < 0.5 and spc_shown > 0 and spc_shown >= 2 * thr_shown
    return Verdict(holds, spc_shown, f"SPC share shown (threshold {thr_shown:.3f})")


@claim(
    "6.4",
    module=6,
    needs=("quality_samples",),
    sentence="SPC misses less and pays for it with more false alarms.",
)
def spc_misses_less_more_false_alarms(ev: Evidence) -> Verdict:
    s = _summary(ev)
    thr = alarm_rates(s["threshold"], s["planted"])
    spc = alarm_rates(s["spc"], s["planted"])
    holds = (
        spc["miss_rate"] < thr["miss_rate"] and spc["false_alarm_rate"] > thr["false_alarm_rate"]
    )
    return Verdict(bool(holds), thr["miss_rate"] - spc["miss_rate"], "miss-rate gain of SPC")


@claim(
    "6.5",
    module=6,
    needs=("orders", "dishes"),
    sentence="In every month the twelve-month definition gives a higher share than the six-month "
    "one.",
)
def old_definition_always_higher(ev: Evidence) -> Verdict:
    o, d = ev.tables["orders"], ev.tables["dishes"]
    gap = new_dish_share(o, d, 12) - new_dish_share(o, d, 6)
    return Verdict(bool((gap > 0).all()), float(gap.min()), "smallest monthly gap")


def _exception_tables() -> tuple[str, ...]:
    from bsckit.measures import needed_tables

    return tuple(sorted({t for m in exception_measures() for t in needed_tables(m)}))


@claim(
    "6.6",
    module=6,
    needs=_exception_tables(),
    sentence="The SPC rule raises far fewer false alarms - less than half the threshold's rate - "
    "and so shows fewer items.",
)
def exception_report_spc_fewer_false_alarms(ev: Evidence) -> Verdict:
    """The executive exception report over the catalogue's measures, on the planted drill."""
    drill, planted = plant_deviations(measure_history(ev.tables))
    rates = {
        rule: exception_rates(measure_exceptions(drill, rule), planted) for rule in EXCEPTION_RULES
    }
    thr, spc = rates["threshold"], rates["spc"]
    holds = spc["false_alarm_rate"] < thr["false_alarm_rate"] / 2 and spc["shown"] < thr["shown"]
    ratio = spc["false_alarm_rate"] / max(thr["false_alarm_rate"], 1e-12)
    return Verdict(bool(holds), float(ratio), "SPC false-alarm rate / threshold's")
