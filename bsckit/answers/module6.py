"""Answer key of module 6, governance: every exercise computed from the data in use.

Each ``_key_*`` function receives the module's :class:`~bsckit.answers.ExerciseData` and returns
a :class:`~bsckit.check.Check`: the expected answer, the mistakes learners make (each computed
from the same data with the mistaken method), hints that never give the answer away, a success
text worded from the computed result, and a worked solution shown only on request.
:data:`EXERCISES` lists them in notebook order with their minutes.

Examples
--------
>>> [e.id for e in EXERCISES][:3]
['6.1', '6.2', '6.3']
>>> sum(e.minutes for e in EXERCISES)
85
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bsckit.answers import Exercise, ExerciseData
from bsckit.check import Check, Mistake
from bsckit.data.chains import QUALITY_EPISODES
from bsckit.governance import (
    BASELINE_MONTHS,
    COST_LIMIT_GBP,
    REVIEW_MONTHS,
    THRESHOLD_TOLERANCE,
    alarm_rates,
    catalogue_names,
    decide_change,
    detection_lag,
    episode_starts,
    exception_flags,
    exception_measures,
    measure_exceptions,
    measure_history,
    new_dish_share,
    plant_deviations,
    review_dates,
    subgroup_summary,
)

__all__ = ["EXERCISES", "SPAN_OF_CONTROL", "TOLERANCE_G"]

SPAN_OF_CONTROL = 10
"""Exercise 6.4: an owner with more measures than this cannot review each one monthly."""
TOLERANCE_G = 5.0
"""Exercise 6.6: the executive threshold, grams either side of the 350 g target."""


# ---------------------------------------------------------------------------------------------
# Shared data
# ---------------------------------------------------------------------------------------------


def _summary(data: ExerciseData) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        q = data.table("quality_samples")
        s = subgroup_summary(q)
        s["spc"] = exception_flags(s, "spc", samples=q)
        s["threshold"] = exception_flags(s, "threshold", tolerance=TOLERANCE_G)
        return s

    return data.cached("summary", compute)


def _episodes(data: ExerciseData) -> pd.DataFrame:
    """Per planted episode: kitchen, start, last day and first SPC-signal day."""

    def compute() -> pd.DataFrame:
        s = _summary(data)
        starts = episode_starts(s["day"].min())
        rows = {}
        for e in QUALITY_EPISODES:
            if starts[e.id] > s["day"].max():
                continue
            end = starts[e.id] + pd.Timedelta(days=e.last_day - e.first_day)
            part = s[(s["kitchen_id"] == e.kitchen_id) & s["day"].between(starts[e.id], end)]
            flagged = part.loc[part["spc"], "day"]
            rows[e.id] = {
                "kitchen_id": e.kitchen_id,
                "start": starts[e.id],
                "end": end,
                "signal": flagged.min() if len(flagged) else pd.NaT,
            }
        return pd.DataFrame(rows).T

    return data.cached("episodes", compute)


def _lags(data: ExerciseData, cadence: str, *, from_signal: bool = False) -> pd.Series:
    s, ep = _summary(data), _episodes(data)
    reviews = review_dates(s["day"].min(), s["day"].max(), cadence)
    out = {}
    for eid, row in ep.iterrows():
        start = row["signal"] if from_signal and pd.notna(row["signal"]) else row["start"]
        out[eid] = detection_lag(row["signal"], start, reviews, cadence)
    return pd.Series(out, dtype=float)


def _day(data: ExerciseData) -> pd.Timestamp:
    return data.cached("last_day", lambda: data.table("orders")["ordered_at"].max().normalize())


def _gaps(data: ExerciseData, day: Any, *, owner: bool = True, steward: bool = True) -> list:
    cat = data.table("metric_catalogue")
    rh = data.table("role_holders")
    day = pd.Timestamp(day)
    held = rh[(rh["held_from"] <= day) & (rh["held_to"].isna() | (rh["held_to"] >= day))]
    roles = set(held["role"])
    gap = pd.Series(False, index=cat.index)
    if owner:
        gap |= ~cat["owner"].isin(roles)
    if steward:
        gap |= ~cat["steward"].isin(roles)
    return sorted(cat.loc[gap, "metric_id"])


# ---------------------------------------------------------------------------------------------
# 6.1 detection lag of a weekly cadence
# ---------------------------------------------------------------------------------------------


def _key_cadence(data: ExerciseData, using: Any) -> Check:
    weekly = _lags(data, "weekly")
    monthly = _lags(data, "monthly")
    caught = weekly.dropna()
    return Check(
        "6.1 days to a weekly review",
        expected=weekly,
        mistakes=(
            Mistake(
                "monthly_cadence",
                "those are the lags of the monthly review. The task replays a weekly review: "
                "one every Monday, reading the week before.",
                answer=monthly,
            ),
            Mistake(
                "from_signal",
                "you counted from the first signal, not from the start of the deviation. The "
                "lag the business suffers runs from the day the portions went wrong.",
                answer=_lags(data, "weekly", from_signal=True),
            ),
            Mistake(
                "quarterly_cadence",
                "those are the lags of the quarterly review; the task asks for a weekly one.",
                answer=_lags(data, "quarterly"),
            ),
        ),
        hints=(
            "For each episode: find its first flagged day, then the first Monday after it.",
            "review_dates(first_day, last_day, 'weekly') gives the Mondays; detection_lag(signal, "
            "start, reviews, 'weekly') the days from the start.",
        ),
        success=f"A weekly review would see {len(caught)} of the {len(weekly)} deviations, "
        f"after {caught.min():.0f} to {caught.max():.0f} days; the monthly review took "
        f"{monthly.dropna().min():.0f} to {monthly.dropna().max():.0f}. An episode with no "
        "signal is missed at any cadence: the cadence sets the delay, the rule sets what is seen.",
        reveal="reviews = review_dates(summary['day'].min(), summary['day'].max(), 'weekly')\n"
        "pd.Series({e: detection_lag(r['signal'], r['start'], reviews, 'weekly') for e, r in "
        "episodes.iterrows()})",
    )


# ---------------------------------------------------------------------------------------------
# 6.2 how fast escalations reached the strategic review
# ---------------------------------------------------------------------------------------------


def _escalations(data: ExerciseData) -> pd.DataFrame:
    m = data.table("review_minutes")
    strat = m[m["escalated_from"].notna()]
    ops = m.set_index("item_id")
    out = strat[["item_id", "kitchen_id", "held_on"]].copy()
    out["raised_on"] = strat["escalated_from"].map(ops["held_on"]).to_numpy()
    return out


def _key_escalation(data: ExerciseData, using: Any) -> Check:
    esc = _escalations(data)
    ep = _episodes(data)
    start = esc["kitchen_id"].astype(str).map(ep.set_index("kitchen_id")["start"])
    idx = esc["kitchen_id"].astype(str).to_numpy()
    expected = pd.Series((esc["held_on"] - start).dt.days.to_numpy(), index=idx, dtype=float)
    from_raise = pd.Series((esc["held_on"] - esc["raised_on"]).dt.days.to_numpy(), index=idx)
    to_raise = pd.Series((esc["raised_on"] - start).dt.days.to_numpy(), index=idx)
    return Check(
        "6.2 days to the strategic review",
        expected=expected,
        mistakes=(
            Mistake(
                "from_operational_review",
                "you counted from the operational review that escalated it. The question is how "
                "long the deviation ran before the executives saw it: count from its start.",
                answer=from_raise.astype(float),
            ),
            Mistake(
                "to_operational_review",
                "you stopped at the operational review. Escalation ends at the strategic review "
                "(the item whose `escalated_from` is set).",
                answer=to_raise.astype(float),
            ),
        ),
        hints=(
            "Strategic items with `escalated_from` set are the escalations; each is about one "
            "kitchen's planted deviation.",
            "Subtract the episode's start (episode_starts) from the strategic review's held_on.",
        ),
        success="Escalations reached the executives after "
        + ", ".join(f"{k}: {v:.0f} days" for k, v in expected.items())
        + ". A path that waits for two bad operational reviews and then for the quarter's "
        "strategic review is slow; the faster one was escalated at its first review.",
        reveal="esc = minutes[minutes['escalated_from'].notna()]\n"
        "(esc['held_on'] - esc['kitchen_id'].map(starts_by_kitchen)).dt.days",
    )


# ---------------------------------------------------------------------------------------------
# 6.3 measures with no owner or no steward
# ---------------------------------------------------------------------------------------------


def _key_gaps(data: ExerciseData, using: Any) -> Check:
    day = _day(data)
    expected = _gaps(data, day)
    return Check(
        "6.3 measures nobody owns or looks after",
        expected=expected,
        ignore_order=True,
        mistakes=(
            Mistake(
                "owners_only",
                "you checked the owners only. A measure with an owner but no data steward is a "
                "gap too.",
                answer=_gaps(data, day, steward=False),
            ),
            Mistake(
                "stewards_only",
                "you checked the stewards only; look at the owner roles as well.",
                answer=_gaps(data, day, owner=False),
            ),
            Mistake(
                "ignored_held_to",
                "you counted everyone who ever held a role. A holder whose `held_to` is before "
                "the day no longer holds it.",
                answer=[],  # every role was held at some time, so nothing looks vacant
            ),
        ),
        hints=(
            "A role is held on a day when held_from <= day and held_to is empty or >= day.",
            "Compare the catalogue's owner and steward roles with the roles held on the last day; "
            "give the metric_ids as a list.",
        ),
        success=f"{len(expected)} measures have a vacant owner or steward role on {day.date()}: "
        "nobody answers for their figures or their data until the roles are filled.",
        reveal="held = role_holders[(role_holders['held_from'] <= day) & (role_holders['held_to']"
        ".isna() | (role_holders['held_to'] >= day))]\ncatalogue.loc[~catalogue['owner'].isin("
        "held['role']) | ~catalogue['steward'].isin(held['role']), 'metric_id']",
    )


# ---------------------------------------------------------------------------------------------
# 6.4 owners with too many measures
# ---------------------------------------------------------------------------------------------


def _key_span(data: ExerciseData, using: Any) -> Check:
    cat = data.table("metric_catalogue")
    per_owner = cat["owner"].value_counts()
    per_steward = cat["steward"].value_counts()
    expected = per_owner[per_owner > SPAN_OF_CONTROL].sort_index()
    return Check(
        "6.4 owners with too many measures",
        expected=expected,
        ignore_order=True,
        mistakes=(
            Mistake(
                "at_least",
                f"you kept owners with {SPAN_OF_CONTROL} measures or more; the limit is more "
                f"than {SPAN_OF_CONTROL}.",
                answer=per_owner[per_owner >= SPAN_OF_CONTROL].sort_index(),
            ),
            Mistake(
                "stewards",
                "you counted the data stewards. The question is about metric owners.",
                answer=per_steward[per_steward > SPAN_OF_CONTROL].sort_index(),
            ),
        ),
        hints=(
            "Count the catalogue's measures per owner role.",
            f"Keep the owners with more than {SPAN_OF_CONTROL}.",
        ),
        success="Over the limit: "
        + ", ".join(f"{k} ({v})" for k, v in expected.items())
        + ". An owner cannot review that many every month: hand some to a deputy or let the "
        "monthly review show them only by exception.",
        reveal=f"n = catalogue['owner'].value_counts()\nn[n > {SPAN_OF_CONTROL}]",
    )


# ---------------------------------------------------------------------------------------------
# 6.5 false-alarm and miss rates of the executive SPC exception report
# ---------------------------------------------------------------------------------------------


def _drill(data: ExerciseData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The exception report's measure history with the planted deviations, and where they are."""

    def compute() -> tuple[pd.DataFrame, pd.DataFrame]:
        from bsckit.measures import needed_tables

        names = sorted({t for m in exception_measures() for t in needed_tables(m)})
        return plant_deviations(measure_history({n: data.table(n) for n in names}))

    return data.cached("exception_drill", compute)


def _rates_of(flags: pd.DataFrame, truth: pd.DataFrame) -> pd.Series:
    r = alarm_rates(pd.Series(flags.to_numpy().ravel()), pd.Series(truth.to_numpy().ravel()))
    return pd.Series({"false_alarm_rate": r["false_alarm_rate"], "miss_rate": r["miss_rate"]})


def _key_rates(data: ExerciseData, using: Any) -> Check:
    drill, planted = _drill(data)
    window = slice(len(drill) - REVIEW_MONTHS, None)
    spc = measure_exceptions(drill, "spc")
    expected = _rates_of(spc.iloc[window], planted.iloc[window])
    base = drill.iloc[:BASELINE_MONTHS].mean()
    from bsckit.catalogue import MEASURES

    higher = pd.Series({m: MEASURES[m].better == "higher" for m in drill.columns})
    worse = drill.lt(base).where(higher, drill.gt(base), axis=1)
    candidates = (
        Mistake(
            "over_flags",
            "you showed every month on the worse side of the baseline: every deviation, not "
            "the significant ones. Show a month only when it is beyond its SPC limit.",
            answer=_rates_of(worse.iloc[window], planted.iloc[window]),
        ),
        Mistake(
            "over_all_months",
            "you counted over all the months, the baseline year included. The report covers "
            f"the review window only: the last {REVIEW_MONTHS} months.",
            answer=_rates_of(spc, planted),
        ),
        Mistake(
            "threshold_rule",
            "those are the rates of the threshold rule (a month more than "
            f"{THRESHOLD_TOLERANCE:.0%} worse than the baseline year). The task asks for the "
            "SPC rule: beyond the individuals chart's limit.",
            answer=_rates_of(
                measure_exceptions(drill, "threshold").iloc[window], planted.iloc[window]
            ),
        ),
    )
    # A mistake that gives the right rates on some data (e.g. no SPC flag in the baseline year,
    # so counting all months changes nothing) is listed only where it differs.
    mistakes = tuple(
        m for m in candidates if not np.allclose(m.answer.to_numpy(), expected.to_numpy())
    )
    shown = int(spc.iloc[window].to_numpy().sum())
    cells = int(drill.iloc[window].notna().to_numpy().sum())
    return Check(
        "6.5 false alarms and misses",
        expected=expected,
        mistakes=mistakes,
        hints=(
            "False alarm: flagged and not planted. Miss: planted and not flagged. Each rate has "
            "its own denominator: the measure-months that could have produced it.",
            "Flag a month when it is beyond its measure's SPC limit, then count only the review "
            "window (the last REVIEW_MONTHS rows); ex.reveal('6.5') shows a worked solution.",
        ),
        success=f"The SPC report raises a false alarm on {expected['false_alarm_rate']:.1%} of "
        f"the quiet measure-months and misses {expected['miss_rate']:.1%} of the planted "
        f"deviations: {shown} items in the review window instead of {cells} figures.",
        reveal="flags = measure_exceptions(drill, 'spc').iloc[-REVIEW_MONTHS:]\n"
        "truth = planted.iloc[-REVIEW_MONTHS:]\n"
        "alarm_rates(pd.Series(flags.to_numpy().ravel()), pd.Series(truth.to_numpy().ravel()))",
    )


# ---------------------------------------------------------------------------------------------
# 6.6 what the threshold report misses, per episode
# ---------------------------------------------------------------------------------------------


def _per_episode_miss(data: ExerciseData, flags: pd.Series) -> pd.Series:
    s, ep = _summary(data), _episodes(data)
    out = {}
    for eid, row in ep.iterrows():
        part = (s["kitchen_id"] == row["kitchen_id"]) & s["day"].between(row["start"], row["end"])
        out[eid] = float((~flags[part]).mean())
    return pd.Series(out)


def _key_threshold(data: ExerciseData, using: Any) -> Check:
    s = _summary(data)
    q = data.table("quality_samples")
    expected = _per_episode_miss(data, s["threshold"])
    single = (q["portion_weight_g"] - 350).abs().gt(TOLERANCE_G).groupby(q["subgroup_id"]).any()
    return Check(
        "6.6 what the threshold misses",
        expected=expected,
        mistakes=(
            Mistake(
                "spc_flags",
                "those are the misses of the SPC report. The task is the fixed threshold: "
                f"a day's mean more than {TOLERANCE_G:g} g from 350 g.",
                answer=_per_episode_miss(data, s["spc"]),
            ),
            Mistake(
                "single_portions",
                "you flagged a day when any single portion was out by more than "
                f"{TOLERANCE_G:g} g. The report reads the day's mean of five portions.",
                answer=_per_episode_miss(data, single.reindex(s.index).fillna(False)),
            ),
        ),
        hints=(
            "Flag a subgroup when its mean is more than the tolerance from 350 g.",
            "Per episode: the share of its days in its kitchen that are not flagged.",
        ),
        success="Missed share per episode: "
        + ", ".join(f"{k} {v:.0%}" for k, v in expected.items())
        + ". A fixed threshold sees a large shift and an outlier; a creeping trend and a "
        "wider spread stay inside it - that is what the range chart and the limits are for.",
        reveal="flags = (summary['mean'] - 350).abs() > 5\nfor each episode: "
        "(~flags[its days]).mean()",
    )


# ---------------------------------------------------------------------------------------------
# 6.7 restating new-dish revenue under the old definition
# ---------------------------------------------------------------------------------------------


def _key_restate(data: ExerciseData, using: Any) -> Check:
    o, d = data.table("orders"), data.table("dishes")
    expected = new_dish_share(o, d, 12)
    month = o["ordered_at"].dt.to_period("M")
    launched = pd.to_datetime(o["dish_id"].map(d.set_index("dish_id")["launched_on"]))
    age = (month - launched.dt.to_period("M")).map(lambda x: x.n)
    all_orders = (
        o["amount"].where((age >= 1) & (age <= 12), 0.0).groupby(month).sum()
        / o["amount"].groupby(month).sum()
    )
    return Check(
        "6.7 the old definition restated",
        expected=expected,
        mistakes=(
            Mistake(
                "launch_month_counted",
                "you counted the launch month itself as month 1. Both versions count the "
                "calendar months *after* the launch month.",
                answer=_launch_month_counted(o, d),
            ),
            Mistake(
                "current_window",
                "that is the current six-month definition. Restate the history under the old "
                "one: twelve months.",
                answer=new_dish_share(o, d, 6).rename(expected.name),
            ),
            Mistake(
                "all_orders",
                "you included orders that were not delivered. Both definitions count the "
                "revenue of delivered orders.",
                answer=all_orders.rename(expected.name),
            ),
        ),
        hints=(
            "A dish's age in an order is the order's month minus the launch month.",
            "new_dish_share(orders, dishes, window) takes the window in months.",
        ),
        success=f"Under the old definition the share averaged {expected.mean():.1%}, under the "
        f"new one {new_dish_share(o, d, 6).mean():.1%}: the change is a break in the series, "
        "not a fall in innovation. Report both across the change, or restate the past.",
        reveal="new_dish_share(orders, dishes, 12)",
    )


def _launch_month_counted(o: pd.DataFrame, d: pd.DataFrame) -> pd.Series:
    done = o[o["status"] == "delivered"]
    month = done["ordered_at"].dt.to_period("M")
    launched = pd.to_datetime(done["dish_id"].map(d.set_index("dish_id")["launched_on"]))
    age = (month - launched.dt.to_period("M")).map(lambda x: x.n)
    new = done["amount"].where((age >= 0) & (age <= 11), 0.0)
    return (new.groupby(month).sum() / done["amount"].groupby(month).sum()).rename("share_12m")


# ---------------------------------------------------------------------------------------------
# 6.8 objectives with no budget and budget with no objective
# ---------------------------------------------------------------------------------------------


def _key_unfunded(data: ExerciseData, using: Any) -> Check:
    b, t = data.table("budget_lines"), data.table("department_targets")
    expected = sorted(set(t["target_id"]) - set(b["target_id"].dropna()))
    top = t[t["parent"].isna()]
    return Check(
        "6.8 objectives with no budget",
        expected=expected,
        ignore_order=True,
        mistakes=(
            Mistake(
                "lines_instead",
                "those are budget lines with no objective - the other half of the gap. The "
                "question asks for objectives that no line funds.",
                answer=sorted(b.loc[b["target_id"].isna(), "line_id"]),
            ),
            Mistake(
                "top_level_only",
                "you checked the executive objectives only; department objectives need money too.",
                answer=sorted(set(top["target_id"]) - set(b["target_id"].dropna())),
            ),
        ),
        hints=(
            "Every objective is a row of department_targets; budget_lines.target_id says which "
            "it funds.",
            "Take the set difference (objectives minus the objectives funded) and give it as a "
            "sorted list.",
        ),
        success=f"{', '.join(expected)} {'has' if len(expected) == 1 else 'have'} targets and "
        "no money: either the plan funds them or the scorecard drops them - a target with no "
        "budget is a wish.",
        reveal="sorted(set(targets['target_id']) - set(budget['target_id'].dropna()))",
    )


# ---------------------------------------------------------------------------------------------
# 6.9 the same target in the budget and the scorecard
# ---------------------------------------------------------------------------------------------


def _key_mismatch(data: ExerciseData, using: Any) -> Check:
    b, t = data.table("budget_lines"), data.table("department_targets")
    target = b["target_id"].map(t.set_index("target_id")["target"])
    stated = b["assumed_target"].notna()
    gap = (b["assumed_target"] / target - 1)[stated]
    gap.index = b.loc[stated, "line_id"]
    expected = gap[gap.abs() > 1e-9]
    absolute = (b["assumed_target"] - target)[stated]
    absolute.index = gap.index
    reverse = (target / b["assumed_target"] - 1)[stated]
    reverse.index = gap.index
    return Check(
        "6.9 budget and scorecard disagree",
        expected=expected,
        mistakes=(
            Mistake(
                "absolute_difference",
                "you gave the difference in the targets' own units; the task asks for it "
                "relative to the scorecard's target (a fraction).",
                answer=absolute[absolute.abs() > 1e-9],
            ),
            Mistake(
                "wrong_base",
                "you divided by the budget's figure. The scorecard's target is the reference: "
                "budget / scorecard - 1.",
                answer=reverse[reverse.abs() > 1e-9],
            ),
        ),
        hints=(
            "Join each line's target_id to department_targets.target.",
            "Keep the lines that state an assumed target and differ from the scorecard's.",
        ),
        success="Disagreeing lines: "
        + ", ".join(f"{k} {v:+.0%}" for k, v in expected.items())
        + ". Two numbers for one target mean the review and the budget will argue about "
        "which was 'the' target: set it once and let both read it.",
        reveal="gap = budget['assumed_target'] / budget['target_id'].map(targets.set_index("
        "'target_id')['target']) - 1\ngap[gap.abs() > 0] indexed by line_id",
    )


# ---------------------------------------------------------------------------------------------
# 6.10 change control on the requests
# ---------------------------------------------------------------------------------------------


def _used(data: ExerciseData) -> set[str]:
    names = catalogue_names(data.table("metric_catalogue"))
    t = data.table("department_targets")
    return {names[m.lower()] for m in t["measure"] if m.lower() in names}


def _key_change(data: ExerciseData, using: Any) -> Check:
    r, cat = data.table("change_requests"), data.table("metric_catalogue")
    used = _used(data)

    def decisions(frame_cat=cat, used=used, cost=COST_LIMIT_GBP) -> pd.Series:
        return pd.Series(
            {
                row["request_id"]: decide_change(row, frame_cat, used, cost_limit=cost)
                for _, row in r.iterrows()
            }
        )

    expected = decisions()
    no_overlap = decisions(frame_cat=cat.iloc[0:0])
    no_cost = decisions(cost=np.inf)
    retire_all = expected.copy()
    retire_all[r.loc[r["change"] == "retire", "request_id"].to_numpy()] = "approve"
    return Check(
        "6.10 change-control decisions",
        expected=expected,
        mistakes=(
            Mistake(
                "no_overlap_check",
                "you approved measures the catalogue already has under another name. Look "
                "each proposed name up in the catalogue's names and synonyms.",
                answer=no_overlap,
            ),
            Mistake(
                "no_cost_limit",
                f"a new measure costing more than GBP {COST_LIMIT_GBP:,.0f} a year needs a "
                "business case before it is approved.",
                answer=no_cost,
            ),
            Mistake(
                "retired_what_is_used",
                "you retired a measure that a department objective still targets. Retire only "
                "measures no objective uses.",
                answer=retire_all,
            ),
        ),
        hints=(
            "Go through the criteria in order: strategic relevance (an objective), overlap "
            "(already in the catalogue), cost.",
            "decide_change(request, catalogue, used_by_objectives) applies them to one row.",
        ),
        success=f"{(expected == 'approve').sum()} approved, {(expected == 'reject').sum()} "
        f"rejected, {(expected == 'business case').sum()} sent back for a business case: "
        "the log shows why each measure entered, stayed or left.",
        reveal="pd.Series({row['request_id']: decide_change(row, catalogue, used) for _, row in "
        "requests.iterrows()})",
    )


# ---------------------------------------------------------------------------------------------
# 6.11 review rules in the learner's scorecard
# ---------------------------------------------------------------------------------------------


def _ruled(data: ExerciseData) -> list:
    """Measures of the learner's scorecard file that carry green and amber thresholds."""
    from bsckit.scorecard import load_scorecard

    path = data.scorecard_path
    if not path.is_file():
        return []
    card = load_scorecard(path)
    return [
        m
        for o in card.objectives
        for m in o.measures
        if m.green is not None and m.amber is not None
    ]


def _key_rules(data: ExerciseData, using: Any) -> Check:
    def complete(m: Any) -> bool:
        roles = (m.owner, m.data_steward, m.source_system)
        return all(roles) and m.owner.strip().lower() != m.data_steward.strip().lower()

    def judge(_answer: Any) -> tuple[bool | None, str]:
        ruled = _ruled(data)
        if not ruled:
            return None, "set the thresholds in the editor, then save them with save_review_rules."
        if any(complete(m) for m in ruled):
            return True, ""
        return False, "no saved measure has thresholds, an owner, a data steward and a source."

    def no_steward(_answer: Any) -> bool:
        ruled = _ruled(data)
        return bool(ruled) and all(not m.data_steward for m in ruled)

    def same_person(_answer: Any) -> bool:
        ruled = _ruled(data)
        return bool(ruled) and all(
            m.data_steward and m.owner and m.owner.strip().lower() == m.data_steward.strip().lower()
            for m in ruled
        )

    return Check(
        "6.11 review rules in your scorecard",
        expected=None,
        judge=judge,
        mistakes=(
            Mistake(
                "no_steward",
                "your measure has an owner but no data steward. Name the role that keeps its "
                "definition and data right (the catalogue has one for every measure).",
                matches=no_steward,
            ),
            Mistake(
                "owner_is_steward",
                "the owner and the data steward are the same role. The steward checks the data "
                "the owner is judged on: give the role to someone else.",
                matches=same_person,
            ),
        ),
        hints=(
            "Move the editor's sliders to the thresholds you want the review to act on.",
            "save_review_rules(editor, objective=..., perspective=..., owner=..., steward=..., "
            "source=..., frequency=...) writes them to your scorecard file.",
        ),
        success="Your scorecard file now holds a measure with its exception thresholds, owner, "
        "data steward, source system and review frequency - the review rules of your card.",
        reveal="save_review_rules(editor, objective='Serve meals right first time', "
        "perspective='internal_processes', owner='Head of Operations', steward='Quality "
        "manager', source='production system', frequency='weekly')",
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise("6.1", "days to a weekly review", 9, "review cadence", _key_cadence),
    Exercise("6.2", "days to the strategic review", 8, "escalation paths", _key_escalation),
    Exercise("6.3", "measures nobody owns or looks after", 8, "roles", _key_gaps),
    Exercise("6.4", "owners with too many measures", 5, "roles", _key_span),
    Exercise("6.5", "false alarms and misses", 9, "exception-based reporting", _key_rates),
    Exercise("6.6", "what the threshold misses", 8, "exception-based reporting", _key_threshold),
    Exercise("6.7", "the old definition restated", 10, "version control", _key_restate),
    Exercise("6.8", "objectives with no budget", 6, "planning and budgeting", _key_unfunded),
    Exercise("6.9", "budget and scorecard disagree", 6, "planning and budgeting", _key_mismatch),
    Exercise("6.10", "change-control decisions", 10, "change control", _key_change),
    Exercise("6.11", "review rules in your scorecard", 6, "your scorecard", _key_rules),
)
"""Module 6's exercises in notebook order, with their minutes (the one source of timings)."""
