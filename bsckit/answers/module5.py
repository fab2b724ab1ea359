"""Answer key of module 5, learning and growth: every exercise computed from the data in use.

Each ``_key_*`` function receives the module's :class:`~bsckit.answers.ExerciseData` and
returns a :class:`~bsckit.check.Check`: the expected answer, the mistakes learners make (each
computed from the same data with the mistaken method), hints that never give the answer away,
a success text worded from the computed result, and a worked solution shown only on request.
:data:`EXERCISES` lists them in notebook order with their minutes (the one source of the
exercise timings).

Examples
--------
>>> [e.id for e in EXERCISES][:3]
['5.1', '5.2', '5.3']
>>> sum(e.minutes for e in EXERCISES)
118
>>> len(QUIZ_ITEMS), sorted({item.answer for item in QUIZ_ITEMS})
(8, ['lagging', 'leading'])
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd

from bsckit.answers import Exercise, ExerciseData, material
from bsckit.answers.objective import perspective_objective_check
from bsckit.answers.quiz import all_one_kind, quiz_check, reversed_meaning
from bsckit.answers.thresholds import threshold_check
from bsckit.check import Check, Mistake
from bsckit.data.learning import AGENCY_RATE_GBP
from bsckit.learning_growth import busy_months, gate_pass_rates, kitchen_month
from bsckit.measures import measure_series
from bsckit.widgets.classifier import QuizItem

__all__ = ["EXERCISES", "QUIZ_ITEMS", "THRESHOLD_MONTHS"]


def _km(data: ExerciseData) -> pd.DataFrame:
    return data.cached("km", lambda: kitchen_month(data.tables))


def _corr(a: pd.Series, b: pd.Series) -> float:
    both = pd.concat([a, b], axis=1).dropna()
    return float(both.iloc[:, 0].corr(both.iloc[:, 1]))


def _people(data: ExerciseData) -> pd.DataFrame:
    p = data.table("kitchen_people_log")
    p["kitchen_id"] = p["kitchen_id"].astype(str)
    return p.sort_values(["kitchen_id", "month"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# 5.1 training hours per cook lead the remake rate
# ---------------------------------------------------------------------------------------------


def _key_training_lead(data: ExerciseData, using: Any) -> Check:
    p = _people(data)
    rate = p["remakes"] / p["plates"]
    per_cook = p["cook_training_hours"] / p["cooks"].where(p["cooks"] > 0)
    lagged = per_cook.groupby(p["kitchen_id"]).shift(1)
    expected = _corr(lagged, rate)
    return Check(
        "5.1 training leads remakes",
        expected=expected,
        mistakes=(
            Mistake(
                "same_month",
                "you paired each month's training with the same month's remakes. The question "
                "is whether training leads: pair last month's training with this month's "
                "remake rate.",
                answer=_corr(per_cook, rate),
            ),
            Mistake(
                "shift_across_kitchens",
                "you shifted the whole column, so each kitchen's first month got the previous "
                "kitchen's last month. Shift inside each kitchen (groupby, then shift).",
                answer=_corr(per_cook.shift(1), rate),
            ),
            Mistake(
                "total_hours",
                "you used the kitchen's total training hours. A kitchen with more cooks trains "
                "more hours in total: divide by the cooks in post.",
                answer=_corr(p["cook_training_hours"].groupby(p["kitchen_id"]).shift(1), rate),
            ),
        ),
        hints=(
            "Two ratios per kitchen-month: remakes / plates, and cook training hours / cooks.",
            "Lag the training one month inside each kitchen, then one Pearson correlation "
            "over all kitchen-months.",
        ),
        success=f"r = {expected:.2f}: "
        + (
            "kitchen-months after more training per cook have fewer remakes - a leading "
            "measure of quality you can act on a month ahead."
            if expected < -0.3
            else "the lead is weak on this data; read it with the scatter before acting."
        ),
        reveal="p['rate'] = p.remakes / p.plates; p['tpc'] = p.cook_training_hours / p.cooks; "
        "p['lagged'] = p.groupby('kitchen_id').tpc.shift(1); p.lagged.corr(p.rate)",
    )


# ---------------------------------------------------------------------------------------------
# 5.2 the e-learning look-alike
# ---------------------------------------------------------------------------------------------


def _key_elearning(data: ExerciseData, using: Any) -> Check:
    p = _people(data)
    rate = p["remakes"] / p["plates"]
    per_head = p["elearning_hours"] / p["staff"].where(p["staff"] > 0)
    by = p["kitchen_id"]
    expected = _corr(per_head.groupby(by).diff(), rate.groupby(by).diff())
    levels = _corr(per_head, rate)
    return Check(
        "5.2 e-learning: changes, not levels",
        expected=expected,
        mistakes=(
            Mistake(
                "levels",
                "you correlated the levels. Both drift over the two years, so levels correlate "
                "whatever the cause: correlate the month-on-month changes.",
                answer=levels,
            ),
            Mistake(
                "diff_across_kitchens",
                "you took differences down the whole column, so one kitchen's first month was "
                "compared with another kitchen's last. Difference inside each kitchen.",
                answer=_corr(per_head.diff(), rate.diff()),
            ),
            Mistake(
                "total_hours",
                "you used the kitchen's total e-learning hours; put them per head (staff) "
                "first, then take the changes.",
                answer=_corr(p["elearning_hours"].groupby(by).diff(), rate.groupby(by).diff()),
            ),
        ),
        hints=(
            "A trend in both series makes any two trending measures correlate. Remove it.",
            "groupby('kitchen_id').diff() on e-learning hours per head and on the remake rate.",
        ),
        success=f"The levels correlate at r = {levels:.2f}, the changes at r = {expected:.2f}: "
        + (
            "e-learning only looks like a driver because both move with time."
            if abs(expected) < abs(levels) / 2
            else "the changes keep part of the link on this data; test it further."
        ),
        reveal="g = p.groupby('kitchen_id'); (p.elearning_hours / p.staff).groupby(p.kitchen_id)"
        ".diff().corr(g.rate.diff())",
    )


# ---------------------------------------------------------------------------------------------
# 5.3 data quality by kitchen
# ---------------------------------------------------------------------------------------------


def _system(data: ExerciseData) -> pd.DataFrame:
    s = data.table("kitchen_system_log")
    s["kitchen_id"] = s["kitchen_id"].astype(str)
    return s[s["system_live"].astype(bool)]


def _key_data_quality(data: ExerciseData, using: Any) -> Check:
    s = _system(data)
    g = s.groupby("kitchen_id")
    bad = s["entries_missing"] + s["entries_late"]
    expected = 1 - bad.groupby(s["kitchen_id"]).sum() / g["orders_in_system"].sum()
    monthly = 1 - bad / s["orders_in_system"].where(s["orders_in_system"] > 0)
    return Check(
        "5.3 data quality by kitchen",
        expected=expected,
        mistakes=(
            Mistake(
                "mean_of_monthly",
                "you averaged the monthly shares, so a month with few orders in the system "
                "counts as much as a full one. Sum the entries, then divide.",
                answer=monthly.groupby(s["kitchen_id"]).mean(),
            ),
            Mistake(
                "all_orders",
                "you divided by all orders. Data quality is about the entries made: divide by "
                "the orders in the system.",
                answer=1 - bad.groupby(s["kitchen_id"]).sum() / g["orders"].sum(),
            ),
            Mistake(
                "missing_only",
                "you counted only missing entries. A late entry fails the rule too: it was "
                "keyed after the dish was plated.",
                answer=1 - g["entries_missing"].sum() / g["orders_in_system"].sum(),
            ),
        ),
        hints=(
            "Live months only; an entry passes when it is neither missing a field nor late.",
            "Per kitchen: 1 - (missing + late) summed / orders_in_system summed.",
        ),
        success=f"From {expected.min():.1%} ({expected.idxmin()}) to {expected.max():.1%} "
        f"({expected.idxmax()}): the kitchen with the weakest entries is where automation and "
        "fast decisions are held back.",
        reveal="live = s[s.system_live]; g = live.groupby('kitchen_id'); "
        "1 - (g.entries_missing.sum() + g.entries_late.sum()) / g.orders_in_system.sum()",
    )


# ---------------------------------------------------------------------------------------------
# 5.4 decision time in months with poor entries
# ---------------------------------------------------------------------------------------------


def _key_decisions(data: ExerciseData, using: Any) -> Check:
    s = _system(data)
    err = (s["entries_missing"] + s["entries_late"]) / s["orders_in_system"]
    hours = s["decision_hours_median"]
    high = err > err.median()
    expected = float(hours[high].mean() - hours[~high].mean())
    miss = s["entries_missing"] / s["orders_in_system"]
    high_m = miss > miss.median()
    return Check(
        "5.4 decision time and data quality",
        expected=expected,
        mistakes=(
            Mistake(
                "reversed",
                "you subtracted the high-error months from the low-error ones: the task asks "
                "for high minus low.",
                answer=-expected,
            ),
            Mistake(
                "missing_only",
                "your error share counts only missing entries; late ones are errors too.",
                answer=float(hours[high_m].mean() - hours[~high_m].mean()),
            ),
            Mistake(
                "median_hours",
                "you compared medians of the monthly medians; the task asks for the mean "
                "decision hours of each group.",
                answer=float(hours[high].median() - hours[~high].median()),
            ),
        ),
        hints=(
            "Live months only. Error share = (missing + late) / orders in the system; split "
            "at its median (above = high).",
            "Mean decision_hours_median of the high months minus that of the others.",
        ),
        success=f"Decisions took {abs(expected):.1f} hours "
        + (
            "longer in months with poor entries: managers wait for figures they can trust, so "
            "data quality buys decision speed."
            if expected > 0
            else "less in months with poor entries; on this data the split shows no slow-down."
        ),
        reveal="err = (live.entries_missing + live.entries_late) / live.orders_in_system; "
        "high = err > err.median(); h = live.decision_hours_median; h[high].mean() - "
        "h[~high].mean()",
    )


# ---------------------------------------------------------------------------------------------
# 5.5 stage-gate pass rates, 5.6 time to market
# ---------------------------------------------------------------------------------------------


def _key_gates(data: ExerciseData, using: Any) -> Check:
    proj = data.table("innovation_projects")
    expected = gate_pass_rates(proj)
    gates = [*list(expected.index), "launched"]
    reached = {g: proj[f"{g}_on"].notna() for g in gates}
    waiting = pd.Series(
        {
            g: float((reached[g] & reached[n]).sum() / reached[g].sum())
            for g, n in itertools.pairwise(gates)
        }
    )
    ideas = float(reached["idea"].sum())
    of_ideas = pd.Series({g: float(reached[n].sum() / ideas) for g, n in itertools.pairwise(gates)})
    low = expected.idxmin()
    return Check(
        "5.5 stage-gate pass rates",
        expected=expected,
        mistakes=(
            Mistake(
                "waiting_as_failed",
                "you counted projects still waiting at a gate as failures. A project with no "
                "decision yet belongs in neither the numerator nor the denominator.",
                answer=waiting,
            ),
            Mistake(
                "share_of_ideas",
                "you divided by all ideas, which gives how far the pipeline gets (cumulative), "
                "not how each gate decides. Divide by the projects decided at that gate.",
                answer=of_ideas,
            ),
        ),
        hints=(
            "For each gate: passed = reached this stage and the next; failed = reached this "
            "stage, not the next, and stopped.",
            "Rate = passed / (passed + failed), one value per stage idea ... pilot.",
        ),
        success=f"The lowest pass rate is at the {low} gate ({expected[low]:.0%}): that is "
        "where the pipeline loses the most of what it decides on.",
        reveal="bsckit.learning_growth.gate_pass_rates(projects)",
    )


def _key_time_to_market(data: ExerciseData, using: Any) -> Check:
    proj = data.table("innovation_projects")
    done = proj[proj["launched_on"].notna()]
    days = (done["launched_on"] - done["idea_on"]).dt.days
    expected = float(days.median())
    return Check(
        "5.6 time to market",
        expected=expected,
        mistakes=(
            Mistake(
                "mean",
                "that is the mean: a few slow projects pull it up. Use the median, as the "
                "catalogue's time to market does.",
                answer=float(days.mean()),
            ),
            Mistake(
                "from_concept",
                "you started the clock at the concept gate. Time to market runs from the idea.",
                answer=float((done["launched_on"] - done["concept_on"]).dt.days.median()),
            ),
        ),
        hints=(
            "Launched projects only; days from idea_on to launched_on.",
            "One median over those projects.",
        ),
        success=f"Half the launched dishes took longer than {expected:.0f} days from idea to "
        "launch.",
        reveal="d = proj[proj.launched_on.notna()]; (d.launched_on - d.idea_on).dt.days.median()",
    )


# ---------------------------------------------------------------------------------------------
# 5.7 engagement moves ahead of readiness
# ---------------------------------------------------------------------------------------------


def _key_engagement(data: ExerciseData, using: Any) -> Check:
    e = data.table("engagement_survey")
    e["kitchen_id"] = e["kitchen_id"].astype(str)
    e = e.sort_values(["kitchen_id", "quarter_start"], kind="stable").reset_index(drop=True)
    g = e.groupby("kitchen_id")
    expected = _corr(g["engagement_score"].shift(1), e["change_readiness"])
    return Check(
        "5.7 engagement leads readiness",
        expected=expected,
        mistakes=(
            Mistake(
                "same_quarter",
                "you paired the same quarter's engagement and readiness. To see which moves "
                "first, pair last quarter's engagement with this quarter's readiness.",
                answer=_corr(e["engagement_score"], e["change_readiness"]),
            ),
            Mistake(
                "reversed",
                "you lagged readiness instead: that asks whether readiness leads engagement.",
                answer=_corr(g["change_readiness"].shift(1), e["engagement_score"]),
            ),
            Mistake(
                "shift_across_kitchens",
                "you shifted the whole column, so one kitchen's last quarter became the next "
                "kitchen's first. Shift inside each kitchen.",
                answer=_corr(e["engagement_score"].shift(1), e["change_readiness"]),
            ),
        ),
        hints=(
            "Sort by kitchen and quarter; lag engagement one quarter inside each kitchen.",
            "One Pearson correlation of lagged engagement with change_readiness.",
        ),
        success=f"r = {expected:.2f} with engagement a quarter ahead: "
        + (
            "a change of kitchen system can be timed by the engagement survey."
            if expected > 0.3
            else "too weak on this data to time a roll-out by."
        ),
        reveal="e['lag'] = e.groupby('kitchen_id').engagement_score.shift(1); "
        "e.lag.corr(e.change_readiness)",
    )


# ---------------------------------------------------------------------------------------------
# 5.8 backfill saved by moving training out of busy months
# ---------------------------------------------------------------------------------------------


def _key_backfill(data: ExerciseData, using: Any) -> Check:
    p = _people(data)
    p["opc"] = p["orders"] / p["cooks"].where(p["cooks"] > 0)
    busy = busy_months(p.rename(columns={"opc": "orders_per_cook"}))

    def saving(busy: pd.Series, share_fn) -> float:
        quiet = p[~busy]
        share = share_fn(quiet)
        return float(
            p.loc[busy, "backfill_cost_gbp"].sum()
            - p.loc[busy, "cook_training_hours"].sum() * share * AGENCY_RATE_GBP
        )

    def ratio_of_sums(q: pd.DataFrame) -> float:
        return q["backfill_hours"].sum() / q["cook_training_hours"].sum()

    def mean_of_shares(q: pd.DataFrame) -> float:
        return float(
            (q["backfill_hours"] / q["cook_training_hours"].where(q["cook_training_hours"] > 0))
            .dropna()
            .mean()
        )

    expected = saving(busy, ratio_of_sums)
    overall = p["opc"] > p["opc"].quantile(2 / 3)
    return Check(
        "5.8 backfill saved by moving training",
        expected=expected,
        atol=0.5,
        rtol=1e-4,
        mistakes=(
            Mistake(
                "mean_of_shares",
                "you averaged the monthly cover shares; a month with two training hours then "
                "weighs as much as one with forty. Divide summed backfill hours by summed "
                "training hours.",
                answer=saving(busy, mean_of_shares),
            ),
            Mistake(
                "one_cut_for_all",
                "you took one cut-off over all kitchens, so the kitchen with the most orders "
                "per cook is 'busy' every month. Busy is the top third of each kitchen's own "
                "months.",
                answer=saving(overall, ratio_of_sums),
            ),
            Mistake(
                "whole_cost",
                "that is the whole backfill cost of the busy months. Moved to quiet months "
                "the hours still need some cover: subtract what they would cost there.",
                answer=float(p.loc[busy, "backfill_cost_gbp"].sum()),
            ),
        ),
        hints=(
            "Busy: orders per cook above the kitchen's 2/3 quantile. Quiet cover share: "
            "backfill hours / training hours of the quiet months (summed).",
            "Saving = busy months' backfill cost - their training hours x quiet share x the "
            "agency rate.",
        ),
        success=f"Moving the busy months' training to quiet months would save about "
        f"GBP {expected:,.0f} of backfill over the period - and the late dispatches that "
        "training in busy months causes.",
        reveal="see the solution notebook: busy_months(...) then the formula of the hint",
    )


# ---------------------------------------------------------------------------------------------
# 5.9 documentation completeness, 5.10 ramp-up
# ---------------------------------------------------------------------------------------------


def _key_documentation(data: ExerciseData, using: Any) -> Check:
    p = _people(data)
    last = p[p["month"] == p["month"].max()].set_index("kitchen_id")
    expected = (last["recipes_documented"] + last["procedures_documented"]) / (
        last["recipes"] + last["procedures"]
    )
    g = p.groupby("kitchen_id")
    whole = (g["recipes_documented"].sum() + g["procedures_documented"].sum()) / (
        g["recipes"].sum() + g["procedures"].sum()
    )
    return Check(
        "5.9 documentation completeness",
        expected=expected,
        mistakes=(
            Mistake(
                "mean_of_ratios",
                "you averaged the recipe share and the procedure share; there are more "
                "procedures than recipes. Add documented items, divide by all items.",
                answer=(
                    last["recipes_documented"] / last["recipes"]
                    + last["procedures_documented"] / last["procedures"]
                )
                / 2,
            ),
            Mistake(
                "recipes_only",
                "you left out the procedures: the measure covers recipes and procedures.",
                answer=last["recipes_documented"] / last["recipes"],
            ),
            Mistake(
                "whole_period",
                "you summed over all months; the task asks for the position in the last month.",
                answer=whole,
            ),
        ),
        hints=(
            "Last month only, one value per kitchen.",
            "(recipes documented + procedures documented) / (recipes + procedures).",
        ),
        success=f"{expected.idxmax()} is best documented ({expected.max():.0%}), "
        f"{expected.idxmin()} least ({expected.min():.0%}): the model for a new kitchen's "
        "binder is the first one.",
        reveal="last = p[p.month == p.month.max()]; (last.recipes_documented + "
        "last.procedures_documented) / (last.recipes + last.procedures)",
    )


def _key_rampup(data: ExerciseData, using: Any) -> Check:
    r = data.table("dish_rollouts")
    card = r.groupby("recipe_card_complete")["days_to_standard"]
    med = card.median()
    expected = float(med.get(False, np.nan) - med.get(True, np.nan))
    mean = card.mean()
    reuse = r.groupby("practice_reused")["days_to_standard"].median()
    return Check(
        "5.10 days saved by a complete recipe card",
        expected=expected,
        mistakes=(
            Mistake(
                "mean",
                "you compared means; one slow roll-out moves a mean a lot. Compare medians.",
                answer=float(mean.get(False, np.nan) - mean.get(True, np.nan)),
            ),
            Mistake(
                "reversed",
                "you subtracted the wrong way round: days without a card minus days with one.",
                answer=-expected,
            ),
            Mistake(
                "by_reuse",
                "you split by practice_reused. The question is about the recipe card.",
                answer=float(reuse.get(False, np.nan) - reuse.get(True, np.nan)),
            ),
        ),
        hints=(
            "Group dish_rollouts by recipe_card_complete.",
            "Median days_to_standard without a complete card minus with one.",
        ),
        success=f"A complete recipe card saves a median {expected:.1f} days per dish; a new "
        "kitchen that starts with dozens of dishes saves that on each of them.",
        reveal="m = r.groupby('recipe_card_complete').days_to_standard.median(); "
        "m[False] - m[True]",
    )


# ---------------------------------------------------------------------------------------------
# 5.11 a learning-and-growth objective in your scorecard
# ---------------------------------------------------------------------------------------------


def _key_objective(data: ExerciseData, using: Any) -> Check:
    return perspective_objective_check(
        data,
        "5.11 a learning-and-growth objective",
        "learning_growth",
        label="learning-and-growth",
        choice="Learning and growth",
        hints=(
            "Perspective Learning and growth; a measure of this module (system adoption "
            "rate, data quality score, documentation completeness, training hours).",
            "Fill in target, deadline and owner until the criteria pass, then Save.",
        ),
        success="Your scorecard now holds a learning-and-growth objective with a target, a "
        "deadline and an owner: the foundation layer of your strategy map.",
        reveal="Perspective Learning and growth, measure documentation completeness, increase "
        "to 90 %, deadline in 12 months, owner Head of Operations. Then Save.",
    )


# ---------------------------------------------------------------------------------------------
# 5.12 leading or lagging in learning and growth (the quiz widget)
# ---------------------------------------------------------------------------------------------

QUIZ_ITEMS: tuple[QuizItem, ...] = tuple(QuizItem(*item) for item in material("module5_quiz"))
"""The measures of quiz 5.12, with the answer the lesson supports for the process named."""


def _key_quiz(data: ExerciseData, using: Any) -> Check:
    return quiz_check(
        "5.12 leading or lagging in learning and growth",
        mistakes=(
            Mistake(
                "all_one_kind",
                "you gave every measure the same answer. Learning and growth has both: what "
                "you invest in now (leading) and the result it produces later (lagging).",
                matches=all_one_kind,
            ),
            Mistake(
                "reversed_meaning",
                "most of your answers are the opposite. A *leading* measure moves first "
                "(training, entries, engagement, cards); a *lagging* one records the result "
                "(remakes, decision time, days to standard, retention).",
                matches=reversed_meaning,
            ),
        ),
        hints=(
            "For each row read the process it serves, then ask: does this move before the "
            "result (leading) or is it the result (lagging)?",
            "The lesson's lag tests say which moved first; the feedback under each row says why.",
        ),
        success="Half the measures drive, half record: a learning-and-growth objective needs "
        "a leading measure to steer and a lagging one to show it worked.",
        reveal="Leading: training hours per cook, data quality score, engagement score, "
        "documentation completeness. Lagging: remake rate, decision time, days to standard, "
        "retention of high performers.",
    )


# ---------------------------------------------------------------------------------------------
# 5.13 RAG thresholds for the data quality score (the threshold editor)
# ---------------------------------------------------------------------------------------------

THRESHOLD_MONTHS = 12
"""Exercise 5.13 takes its thresholds from this many last months (the system bedded in)."""


def _key_thresholds(data: ExerciseData, using: Any) -> Check:
    quality = (
        measure_series("data_quality", {"kitchen_system_log": data.table("kitchen_system_log")})
        * 100
    ).dropna()
    recent = quality.iloc[-THRESHOLD_MONTHS:]
    mean, sd = float(recent.mean()), float(recent.std())
    green, amber = mean + sd, mean
    span = float(quality.max() - quality.min())
    step = float(10 ** np.floor(np.log10(span / 100))) if span > 0 else 0.01
    return threshold_check(
        "5.13 RAG thresholds for the data quality score",
        expected=(green, amber),
        tolerance=step / 2,  # half the editor's slider step: what a learner can set
        mistakes=(
            (
                "whole_period",
                "you used every month since the first go-live. The early months of a new "
                f"system are not the standard to hold it to: use the last {THRESHOLD_MONTHS}.",
                (float(quality.mean() + quality.std()), float(quality.mean())),
            ),
            (
                "sd_subtracted",
                "your green is one standard deviation *below* the mean. Data quality is "
                "higher-is-better: better than usual means above the mean.",
                (mean - sd, mean),
            ),
            (
                "swapped",
                "green and amber are swapped: for a higher-is-better measure green is the "
                "higher threshold.",
                (amber, green),
            ),
        ),
        hints=(
            f"Take the last {THRESHOLD_MONTHS} monthly values of the data quality score (in %), "
            "work out the two thresholds, then set the sliders to them.",
            "Amber: their mean; green: one standard deviation (pandas' .std()) better.",
        ),
        success=f"Green from {green:.1f} %, amber from {amber:.1f} %: a month below "
        f"{amber:.1f} % is worse than the system's own recent standard and goes to the kitchen "
        "managers who own the entries.",
        reveal=f"recent = quality_pct.iloc[-{THRESHOLD_MONTHS}:]; green at recent.mean() + "
        "recent.std(), amber at recent.mean()",
    )


_W = "workforce measures and outcomes"
_S = "system adoption and data quality"
_I = "innovation pipeline"
_C = "culture indicators"
_L = "development versus operational load"
_K = "knowledge management"

EXERCISES: tuple[Exercise, ...] = (
    Exercise("5.1", "training leads remakes", 12, _W, _key_training_lead),
    Exercise("5.2", "e-learning: changes, not levels", 10, _W, _key_elearning),
    Exercise("5.3", "data quality by kitchen", 8, _S, _key_data_quality),
    Exercise("5.4", "decision time and data quality", 10, _S, _key_decisions),
    Exercise("5.5", "stage-gate pass rates", 12, _I, _key_gates),
    Exercise("5.6", "time to market", 6, _I, _key_time_to_market),
    Exercise("5.7", "engagement leads readiness", 10, _C, _key_engagement),
    Exercise("5.8", "backfill saved by moving training", 14, _L, _key_backfill),
    Exercise("5.9", "documentation completeness", 8, _K, _key_documentation),
    Exercise("5.10", "days saved by a complete recipe card", 6, _K, _key_rampup),
    Exercise(
        "5.11",
        "a learning-and-growth objective in your scorecard",
        8,
        "your scorecard",
        _key_objective,
    ),
    Exercise("5.12", "leading or lagging in learning and growth", 6, "your scorecard", _key_quiz),
    Exercise("5.13", "RAG thresholds for the data quality score", 8, _S, _key_thresholds),
)
"""Module 5's exercises in notebook order, with their minutes (the one source of timings)."""
