"""No wrong method passes module 6's checks, on three parameter sets.

The answers below are written the way a learner writes them - the right method and each listed
mistake - with plain pandas, independently of the answer key (``bsckit.answers.module6``) and
of :mod:`bsckit.governance` where the key uses it (6.2-6.4, 6.7-6.9 are plain pandas; 6.5 and
6.6 recount the flags by hand - 6.5 on the drill the learner is given).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bsckit.answers import exercises
from bsckit.answers.module6 import EXERCISES
from bsckit.governance import (
    alarm_rates,
    detection_lag,
    episode_starts,
    exception_flags,
    review_dates,
    subgroup_summary,
)


@pytest.fixture(autouse=True)
def _fresh(fresh_checks):
    """Every test starts with no check history (tests/conftest.py)."""


def _summary(t):
    q = t["quality_samples"]
    s = subgroup_summary(q)
    s["spc"] = exception_flags(s, "spc", samples=q)
    s["thr"] = (s["mean"] - 350).abs() > 5
    return s


def _episodes(t):
    s = _summary(t)
    starts = episode_starts(s["day"].min())
    from bsckit.data.chains import QUALITY_EPISODES

    rows = {}
    for e in QUALITY_EPISODES:
        end = starts[e.id] + pd.Timedelta(days=e.last_day - e.first_day)
        mask = (s["kitchen_id"] == e.kitchen_id) & s["day"].between(starts[e.id], end)
        flagged = s.loc[mask & s["spc"], "day"]
        rows[e.id] = (e.kitchen_id, starts[e.id], mask, flagged.min() if len(flagged) else pd.NaT)
    return s, rows


def _cadence(t):
    s, rows = _episodes(t)

    def lags(cadence, from_signal=False):
        rev = review_dates(s["day"].min(), s["day"].max(), cadence)
        return pd.Series(
            {
                k: detection_lag(sig, sig if from_signal else start, rev, cadence)
                for k, (_, start, _, sig) in rows.items()
            }
        )

    return {
        "solution": lags("weekly"),
        "monthly_cadence": lags("monthly"),
        "from_signal": lags("weekly", True),
        "quarterly_cadence": lags("quarterly"),
    }


def _escalation(t):
    _, rows = _episodes(t)
    start = {k: st for k, st, _, _ in rows.values()}
    m = t["review_minutes"]
    esc = m[m["escalated_from"].notna()]
    raised = esc["escalated_from"].map(m.set_index("item_id")["held_on"])
    k = esc["kitchen_id"].astype(str)
    idx = k.to_numpy()
    return {
        "solution": pd.Series((esc["held_on"] - k.map(start)).dt.days.to_numpy(), index=idx),
        "from_operational_review": pd.Series((esc["held_on"] - raised).dt.days.to_numpy(), idx),
        "to_operational_review": pd.Series((raised - k.map(start)).dt.days.to_numpy(), idx),
    }


def _gaps(t):
    c, r = t["metric_catalogue"], t["role_holders"]
    day = t["orders"]["ordered_at"].max().normalize()
    now = r[(r["held_from"] <= day) & (r["held_to"].isna() | (r["held_to"] >= day))]
    no_owner = ~c["owner"].isin(now["role"])
    no_steward = ~c["steward"].isin(now["role"])
    ever = ~c["owner"].isin(r["role"]) | ~c["steward"].isin(r["role"])
    return {
        "solution": list(c.loc[no_owner | no_steward, "metric_id"]),
        "owners_only": list(c.loc[no_owner, "metric_id"]),
        "stewards_only": list(c.loc[no_steward, "metric_id"]),
        "ignored_held_to": list(c.loc[ever, "metric_id"]),
    }


def _span(t):
    c = t["metric_catalogue"]
    n, st = c.groupby("owner").size(), c.groupby("steward").size()
    return {"solution": n[n > 10], "at_least": n[n >= 10], "stewards": st[st > 10]}


def _rates(t):
    # The learner gets `drill` and `planted` from the setup cell (the lesson's drill, through the
    # measures layer); the flags and the rates are recounted here by hand.
    from bsckit.catalogue import MEASURES
    from bsckit.governance import measure_history, plant_deviations

    drill, planted = plant_deviations(measure_history(t))
    base = drill.iloc[:12]

    def flags(rule):
        out = pd.DataFrame(False, index=drill.index, columns=drill.columns)
        for m in drill.columns:
            higher = MEASURES[m].better == "higher"
            mean = base[m].mean()
            if rule == "threshold":  # more than 10 % (of its size) worse than the baseline mean
                limit = mean - 0.1 * abs(mean) if higher else mean + 0.1 * abs(mean)
            elif rule == "spc":  # individuals chart: 3 sigma, sigma = mean moving range / 1.128
                sigma = base[m].dropna().diff().abs().mean() / 1.128
                limit = mean - 3 * sigma if higher else mean + 3 * sigma
            else:  # every deviation: any month on the worse side of the baseline mean
                limit = mean
            out[m] = drill[m] < limit if higher else drill[m] > limit
        return out

    def rates(f, p):
        f, p = f.to_numpy(), p.to_numpy()
        return pd.Series(
            {"false_alarm_rate": (f & ~p).sum() / (~p).sum(), "miss_rate": (~f & p).sum() / p.sum()}
        )

    last = slice(len(drill) - 12, None)
    spc = flags("spc")
    solution = rates(spc.iloc[last], planted.iloc[last])
    wrong = {
        "over_flags": rates(flags("every").iloc[last], planted.iloc[last]),
        "over_all_months": rates(spc, planted),
        "threshold_rule": rates(flags("threshold").iloc[last], planted.iloc[last]),
    }
    # the key lists a mistake only where it gives a different answer on this data
    wrong = {k: v for k, v in wrong.items() if not np.allclose(v, solution)}
    return {"solution": solution, **wrong}


def _threshold(t):
    s, rows = _episodes(t)
    q = t["quality_samples"]
    single = (q["portion_weight_g"] - 350).abs().gt(5).groupby(q["subgroup_id"]).any()
    single = single.reindex(s.index).fillna(False)

    def missed(flags):
        return pd.Series({k: float((~flags[mask]).mean()) for k, (_, _, mask, _) in rows.items()})

    return {
        "solution": missed(s["thr"]),
        "spc_flags": missed(s["spc"]),
        "single_portions": missed(single),
    }


def _restate(t):
    o, d = t["orders"], t["dishes"]
    launch = pd.to_datetime(o["dish_id"].map(d.set_index("dish_id")["launched_on"]))
    month = o["ordered_at"].dt.to_period("M")
    age = (month.dt.year - launch.dt.year) * 12 + (month.dt.month - launch.dt.month)
    done = o["status"] == "delivered"

    def share(lo, hi, keep):
        new = o["amount"].where(keep & age.between(lo, hi), 0.0)
        return new.groupby(month).sum() / o["amount"].where(keep, 0.0).groupby(month).sum()

    everything = pd.Series(True, index=o.index)
    return {
        "solution": share(1, 12, done),
        "launch_month_counted": share(0, 11, done),
        "current_window": share(1, 6, done),
        "all_orders": share(1, 12, everything),
    }


def _unfunded(t):
    b, tg = t["budget_lines"], t["department_targets"]
    funded = set(b["target_id"].dropna())
    return {
        "solution": [x for x in tg["target_id"] if x not in funded],
        "lines_instead": list(b.loc[b["target_id"].isna(), "line_id"]),
        "top_level_only": [x for x in tg.loc[tg["parent"].isna(), "target_id"] if x not in funded],
    }


def _mismatch(t):
    b, tg = t["budget_lines"], t["department_targets"]
    j = b.merge(tg[["target_id", "target"]], on="target_id").dropna(subset=["assumed_target"])
    j = j.set_index("line_id")
    rel = j["assumed_target"] / j["target"] - 1
    return {
        "solution": rel[rel != 0],
        "absolute_difference": (j["assumed_target"] - j["target"])[rel != 0],
        "wrong_base": (j["target"] / j["assumed_target"] - 1)[rel != 0],
    }


def _change(t):
    r, c, tg = t["change_requests"], t["metric_catalogue"], t["department_targets"]
    names = {n.lower(): m for m, n in zip(c["metric_id"], c["name"], strict=True)}
    for m, syn in zip(c["metric_id"], c["synonyms"], strict=True):
        for w in str(syn).split(";"):
            names[w.strip().lower()] = m
    used = {names[x.lower()] for x in tg["measure"] if x.lower() in names}

    def decide(overlap=True, cost=True, retire_check=True):
        out = {}
        for _, q in r.iterrows():
            if q["change"] == "add":
                relevant = pd.notna(q["target_id"])
                if not relevant or (overlap and q["proposed_name"].lower() in names):
                    out[q["request_id"]] = "reject"
                elif cost and q["annual_cost_gbp"] > 5000:
                    out[q["request_id"]] = "business case"
                else:
                    out[q["request_id"]] = "approve"
            elif q["change"] == "retire":
                keep = retire_check and q["measure_id"] in used
                out[q["request_id"]] = "reject" if keep else "approve"
            else:
                out[q["request_id"]] = "approve" if pd.notna(q["target_id"]) else "reject"
        return pd.Series(out)

    return {
        "solution": decide(),
        "no_overlap_check": decide(overlap=False),
        "no_cost_limit": decide(cost=False),
        "retired_what_is_used": decide(retire_check=False),
    }


LEARNER = {
    "6.1": _cadence,
    "6.2": _escalation,
    "6.3": _gaps,
    "6.4": _span,
    "6.5": _rates,
    "6.6": _threshold,
    "6.7": _restate,
    "6.8": _unfunded,
    "6.9": _mismatch,
    "6.10": _change,
}


def test_every_exercise_is_tested_and_minutes_add_up() -> None:
    assert {e.id for e in EXERCISES} == set(LEARNER) | {"6.11"}
    assert len(EXERCISES) >= 8
    assert sum(e.minutes for e in EXERCISES) == 85


@pytest.mark.parametrize("exercise_id", sorted(LEARNER, key=lambda x: int(x.split(".")[1])))
def test_each_mistake_fails_with_its_own_hint_and_the_solution_passes(tables, exercise_id) -> None:
    ex = exercises(6, tables=tables)
    answers = LEARNER[exercise_id](tables)
    solution = answers.pop("solution")
    result = ex.check(exercise_id, solution)
    assert result.status == "passed", result.message
    listed = {m.name for m in ex.key(exercise_id).mistakes}
    assert listed == set(answers), (exercise_id, listed, set(answers))
    for name, wrong in answers.items():
        result = ex.check(exercise_id, wrong)
        assert result.status == "failed", (exercise_id, name)
        assert result.mistake == name, (exercise_id, name, result.message)
    assert ex.check(exercise_id, ...).status == "not_attempted"


def _rules(card, owner, steward, source="production system"):
    from bsckit.governance import save_review_rules
    from bsckit.widgets import ThresholdEditor

    editor = ThresholdEditor([2.5, 3.0, 3.5], direction="lower_is_better", green=2.8, amber=3.2)
    save_review_rules(
        editor,
        objective="Serve meals right first time",
        perspective="internal_processes",
        owner=owner,
        steward=steward,
        source=source,
        path=card,
    )


def test_review_rules_are_read_from_the_scorecard_file(tmp_path) -> None:
    from dataclasses import replace

    from bsckit.scorecard import add_objective, load_scorecard

    card = tmp_path / "my_scorecard.yaml"
    ex = exercises(6, tables={}, scorecard=card)
    assert ex.check("6.11", "saved").status == "not_attempted"
    _rules(card, "Head of Operations", "Quality manager")
    # the same measure without a steward: written through the model, as an edited file would be
    obj = load_scorecard(card).objectives[0]
    bare = replace(obj, measures=(replace(obj.measures[0], data_steward=None),))
    add_objective(card, bare)
    assert ex.check("6.11", "saved").mistake == "no_steward"
    _rules(card, "Head of Operations", "head of operations")
    assert ex.check("6.11", "saved").mistake == "owner_is_steward"
    _rules(card, "Head of Operations", "Quality manager")
    assert ex.check("6.11", "saved").status == "passed"


def test_alarm_rates_by_hand() -> None:
    flags = pd.Series([True, True, False, False, True])
    truth = pd.Series([True, False, True, False, False])
    # 2 false alarms among 3 quiet days; 1 miss among 2 planted days
    assert alarm_rates(flags, truth) == {"false_alarm_rate": 2 / 3, "miss_rate": 0.5, "shown": 3}
