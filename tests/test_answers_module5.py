"""No wrong method passes module 5's checks, on three parameter sets.

The answers below are written the way a learner writes them - the right method and each listed
mistake - with plain pandas, independently of the answer key (``bsckit.answers.module5``). Each
mistake must fail its check *and* get its own diagnosis; the right method must pass.
"""

from __future__ import annotations

import itertools
from datetime import date

import pandas as pd
import pytest

from bsckit.answers import exercises
from bsckit.answers.module5 import EXERCISES, QUIZ_ITEMS
from bsckit.scorecard import Measure, Objective, add_objective
from bsckit.widgets import LeadingLaggingQuiz


@pytest.fixture(autouse=True)
def _fresh(fresh_checks):
    """Every test starts with no check history (tests/conftest.py)."""


def _people(t):
    p = t["kitchen_people_log"].copy()
    p["kitchen_id"] = p["kitchen_id"].astype(str)
    p = p.sort_values(["kitchen_id", "month"]).reset_index(drop=True)
    p["rate"] = p["remakes"] / p["plates"]
    p["tpc"] = p["cook_training_hours"] / p["cooks"].replace(0, float("nan"))
    return p


def _training_lead(t):
    p = _people(t)
    g = p.groupby("kitchen_id")
    return {
        "solution": g["tpc"].shift(1).corr(p["rate"]),
        "same_month": p["tpc"].corr(p["rate"]),
        "shift_across_kitchens": p["tpc"].shift(1).corr(p["rate"]),
        "total_hours": g["cook_training_hours"].shift(1).corr(p["rate"]),
    }


def _elearning(t):
    p = _people(t)
    p["el"] = p["elearning_hours"] / p["staff"]
    g = p.groupby("kitchen_id")
    return {
        "solution": g["el"].diff().corr(g["rate"].diff()),
        "levels": p["el"].corr(p["rate"]),
        "diff_across_kitchens": p["el"].diff().corr(p["rate"].diff()),
        "total_hours": g["elearning_hours"].diff().corr(g["rate"].diff()),
    }


def _live(t):
    s = t["kitchen_system_log"].copy()
    s["kitchen_id"] = s["kitchen_id"].astype(str)
    return s[s["system_live"]]


def _data_quality(t):
    s = _live(t)
    g = s.groupby("kitchen_id")
    s = s.assign(share=1 - (s.entries_missing + s.entries_late) / s.orders_in_system)
    return {
        "solution": 1 - (g.entries_missing.sum() + g.entries_late.sum()) / g.orders_in_system.sum(),
        "mean_of_monthly": s.groupby("kitchen_id")["share"].mean(),
        "all_orders": 1 - (g.entries_missing.sum() + g.entries_late.sum()) / g.orders.sum(),
        "missing_only": 1 - g.entries_missing.sum() / g.orders_in_system.sum(),
    }


def _decisions(t):
    s = _live(t)
    err = (s.entries_missing + s.entries_late) / s.orders_in_system
    miss = s.entries_missing / s.orders_in_system
    h = s.decision_hours_median
    hi, hm = err > err.median(), miss > miss.median()
    return {
        "solution": h[hi].mean() - h[~hi].mean(),
        "reversed": h[~hi].mean() - h[hi].mean(),
        "missing_only": h[hm].mean() - h[~hm].mean(),
        "median_hours": h[hi].median() - h[~hi].median(),
    }


def _gates(t):
    p = t["innovation_projects"]
    stages = ["idea", "concept", "prototype", "pilot", "launched"]
    right, waiting, ideas = {}, {}, {}
    for here, nxt in itertools.pairwise(stages):
        at = p[p[f"{here}_on"].notna()]
        passed = at[f"{nxt}_on"].notna().sum()
        failed = (at[f"{nxt}_on"].isna() & at["stopped_on"].notna()).sum()
        right[here] = passed / (passed + failed)
        waiting[here] = passed / len(at)
        ideas[here] = passed / p["idea_on"].notna().sum()
    return {
        "solution": pd.Series(right),
        "waiting_as_failed": pd.Series(waiting),
        "share_of_ideas": pd.Series(ideas),
    }


def _ttm(t):
    p = t["innovation_projects"]
    d = p[p["launched_on"].notna()]
    days = (d["launched_on"] - d["idea_on"]).dt.days
    return {
        "solution": days.median(),
        "mean": days.mean(),
        "from_concept": (d["launched_on"] - d["concept_on"]).dt.days.median(),
    }


def _engagement(t):
    e = t["engagement_survey"].copy()
    e["kitchen_id"] = e["kitchen_id"].astype(str)
    e = e.sort_values(["kitchen_id", "quarter_start"]).reset_index(drop=True)
    g = e.groupby("kitchen_id")
    return {
        "solution": g["engagement_score"].shift(1).corr(e["change_readiness"]),
        "same_quarter": e["engagement_score"].corr(e["change_readiness"]),
        "reversed": g["change_readiness"].shift(1).corr(e["engagement_score"]),
        "shift_across_kitchens": e["engagement_score"].shift(1).corr(e["change_readiness"]),
    }


def _backfill(t):
    p = _people(t)
    p["opc"] = p["orders"] / p["cooks"]
    cut = p.groupby("kitchen_id")["opc"].transform(lambda s: s.quantile(2 / 3))
    busy = p["opc"] > cut
    one_cut = p["opc"] > p["opc"].quantile(2 / 3)

    def plan(b, mean_shares=False):
        q = p[~b]
        if mean_shares:
            share = (q.backfill_hours / q.cook_training_hours).mean()
        else:
            share = q.backfill_hours.sum() / q.cook_training_hours.sum()
        return p[b].backfill_cost_gbp.sum() - p[b].cook_training_hours.sum() * share * 18.5

    return {
        "solution": plan(busy),
        "mean_of_shares": plan(busy, mean_shares=True),
        "one_cut_for_all": plan(one_cut),
        "whole_cost": p[busy].backfill_cost_gbp.sum(),
    }


def _documentation(t):
    p = _people(t)
    last = p[p["month"] == p["month"].max()].set_index("kitchen_id")
    g = p.groupby("kitchen_id")
    return {
        "solution": (last.recipes_documented + last.procedures_documented)
        / (last.recipes + last.procedures),
        "mean_of_ratios": (
            last.recipes_documented / last.recipes + last.procedures_documented / last.procedures
        )
        / 2,
        "recipes_only": last.recipes_documented / last.recipes,
        "whole_period": (g.recipes_documented.sum() + g.procedures_documented.sum())
        / (g.recipes.sum() + g.procedures.sum()),
    }


def _rampup(t):
    r = t["dish_rollouts"]
    med = r.groupby("recipe_card_complete")["days_to_standard"].median()
    mean = r.groupby("recipe_card_complete")["days_to_standard"].mean()
    reuse = r.groupby("practice_reused")["days_to_standard"].median()
    return {
        "solution": med[False] - med[True],
        "mean": mean[False] - mean[True],
        "reversed": med[True] - med[False],
        "by_reuse": reuse[False] - reuse[True],
    }


def _thresholds(t):
    s = t["kitchen_system_log"]
    m = s.groupby(s["month"].dt.to_period("M"))[
        ["entries_missing", "entries_late", "orders_in_system"]
    ].sum()
    m = m[m["orders_in_system"] > 0]
    pct = 100 * (1 - (m["entries_missing"] + m["entries_late"]) / m["orders_in_system"])
    last = pct.iloc[-12:]
    mean, sd = last.mean(), last.std()
    return {
        "solution": (mean + sd, mean),
        "whole_period": (pct.mean() + pct.std(), pct.mean()),
        "sd_subtracted": (mean - sd, mean),
        "swapped": (mean, mean + sd),
    }


LEARNER = {
    "5.1": _training_lead,
    "5.2": _elearning,
    "5.3": _data_quality,
    "5.4": _decisions,
    "5.5": _gates,
    "5.6": _ttm,
    "5.7": _engagement,
    "5.8": _backfill,
    "5.9": _documentation,
    "5.10": _rampup,
    "5.13": _thresholds,
}


def test_every_exercise_is_tested_and_minutes_add_up() -> None:
    assert {e.id for e in EXERCISES} == set(LEARNER) | {"5.11", "5.12"}
    assert len(EXERCISES) >= 8
    assert sum(e.minutes for e in EXERCISES) == 118


@pytest.mark.parametrize("exercise_id", list(LEARNER))
def test_each_mistake_fails_with_its_own_hint_and_the_solution_passes(tables, exercise_id) -> None:
    ex = exercises(5, tables=tables)
    answers = LEARNER[exercise_id](tables)
    solution = answers.pop("solution")
    result = ex.check(exercise_id, solution)
    assert result.status == "passed", result.message
    listed = {m.name for m in ex.key(exercise_id).mistakes}
    assert listed == set(answers), (exercise_id, listed, set(answers))
    assert len(answers) >= 2
    for name, wrong in answers.items():
        result = ex.check(exercise_id, wrong)
        assert result.status == "failed", (exercise_id, name)
        assert result.mistake == name, (exercise_id, name, result.message)
    assert ex.check(exercise_id, ...).status == "not_attempted"


def _objective(name, perspective="learning_growth", deadline=date(2027, 6, 30)):
    measure = Measure(
        name="documentation completeness",
        unit="%",
        direction="higher_is_better",
        baseline=0.7,
        target=0.9,
        owner="Head of Operations",
    )
    return Objective(name, perspective, (measure,), deadline=deadline)


def test_learning_objective_is_read_from_the_scorecard_file(tmp_path) -> None:
    card = tmp_path / "my_scorecard.yaml"
    ex = exercises(5, tables={}, scorecard=card)
    assert ex.check("5.11", "builder").status == "not_attempted"
    add_objective(card, _objective("Document every kitchen", perspective="financial"))
    assert ex.check("5.11", "builder").mistake == "wrong_perspective"
    add_objective(card, _objective("Document the kitchens", deadline=None))
    assert ex.check("5.11", "builder").mistake == "incomplete"
    add_objective(card, _objective("Document every recipe and procedure"))
    assert ex.check("5.11", "builder").status == "passed"


def test_quiz_answers() -> None:
    ex = exercises(5, tables={})
    quiz = LeadingLaggingQuiz(QUIZ_ITEMS)
    assert ex.check("5.12", quiz).status == "not_attempted"
    for answer in quiz.answers:
        answer.value = "leading"
    assert ex.check("5.12", quiz).mistake == "all_one_kind"
    for item, answer in zip(quiz.items, quiz.answers, strict=True):
        answer.value = "lagging" if item.answer == "leading" else "leading"
    assert ex.check("5.12", quiz).mistake == "reversed_meaning"
    for item, answer in zip(quiz.items, quiz.answers, strict=True):
        answer.value = item.answer
    assert ex.check("5.12", quiz).status == "passed"
