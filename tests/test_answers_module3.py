"""No wrong method passes module 3's checks, on three parameter sets.

For each parameter set (seed, scenario) the data is generated afresh. The answers below are
written the way a learner writes them - the right method and each listed mistake - with plain
pandas and the kit's formulas, independently of the answer key (``bsckit.answers.module3``).
Each mistake must fail its check *and* get its own diagnosis; the right method must pass.
Widget exercises (quiz, thresholds, saved objectives) are driven the same way.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from bsckit.answers import exercises
from bsckit.answers.module3 import (
    EXERCISES,
    candidate_processes,
    order_to_door_steps,
)
from bsckit.data import generate
from bsckit.processes import lagged_correlation, lagged_regression, month_of, process_measures
from bsckit.scorecard import Measure, Objective, add_objective
from bsckit.spc import capability, control_chart
from bsckit.widgets import LeadingLaggingQuiz


@pytest.fixture(scope="module")
def course(tables):
    """One parameter set's tables (tests/conftest.py) and their monthly process measures."""
    return tables, process_measures(tables)


@pytest.fixture(autouse=True)
def _fresh(fresh_checks):
    """Every test starts with no check history (tests/conftest.py)."""


# --------------------------------------------------------------------------------------------
# Learner answers: the right method first, then each mistake, by exercise id
# --------------------------------------------------------------------------------------------


def _defect_rate(t, m):
    b = t["production_batches"]
    month = month_of(b["produced_on"])
    per = b.groupby(month)[["defects", "units_made", "good_units"]].sum()
    right = per["defects"] / per["units_made"]
    cal = b.groupby(b["produced_on"].dt.month)[["defects", "units_made"]].sum()
    return {
        "solution": right,
        "month_of_year": cal["defects"] / cal["units_made"],
        "averaged_batch_rates": (b["defects"] / b["units_made"]).groupby(month).mean(),
        "good_units_denominator": per["defects"] / per["good_units"],
        "percent": right * 100,
    }


def _claim(t, m):
    def table(min_lag=1, swap=(False, False)):
        links = [
            (m["improvements_started"], m["defect_rate"]),
            (m["defect_rate"], m["quality_complaints_per_1000"]),
        ]
        cols = {}
        for name, (cause, effect), s in zip(
            ["improvements_to_defects", "defects_to_complaints"], links, swap, strict=True
        ):
            x, y = (effect, cause) if s else (cause, effect)
            cols[name] = lagged_correlation(x, y, max_lag=6, min_lag=min_lag)["correlation"]
        return pd.DataFrame(cols)

    return {
        "solution": table(),
        "lag_zero_included": table(min_lag=0),
        "cause_and_effect_swapped": table(swap=(True, True)),
        "one_link_swapped": table(swap=(False, True)),
    }


def _marketing(t, m):
    lag = int(
        lagged_correlation(m["market_studies"], m["new_dish_revenue_share"], min_lag=1)[
            "correlation"
        ].idxmax()
    )
    share = m["new_dish_revenue_share"]
    both = {"market_studies": m["market_studies"], "marketing_spend": m["marketing_spend"]}
    fit = lagged_regression(share, both, lags={"market_studies": lag})
    return {
        "solution": fit.loc["marketing_spend", "p_value"],
        "research_not_lagged": lagged_regression(share, both).loc["marketing_spend", "p_value"],
        "research_row": fit.loc["market_studies", "p_value"],
        "marketing_alone": lagged_regression(share, {"marketing_spend": m["marketing_spend"]}).loc[
            "marketing_spend", "p_value"
        ],
    }


def _benchmark(t, m):
    tp = m["throughput_per_hour"]
    return {
        "solution": tp.iloc[:12].quantile(0.75),
        "whole_period": tp.quantile(0.75),
        "lower_quartile": tp.iloc[:12].quantile(0.25),
        "median": tp.iloc[:12].median(),
        "last_year": tp.iloc[-12:].quantile(0.75),
    }


def _gap(t, m, bench):
    tp = m["throughput_per_hour"]
    recent = tp.iloc[-6:].mean()
    right = (bench - recent) / bench * 100
    return {
        "solution": right,
        "wrong_sign": (recent - bench) / bench * 100,
        "fraction": (bench - recent) / bench,
        "last_twelve": (bench - tp.iloc[-12:].mean()) / bench * 100,
        "divided_by_recent": (bench - recent) / recent * 100,
    }


def _thresholds(t, m):
    base = m["defect_rate"].iloc[:12] * 100
    whole = m["defect_rate"] * 100
    mean, sd = base.mean(), base.std()
    return {
        "solution": (mean - sd, mean),
        "whole_period": (whole.mean() - whole.std(), whole.mean()),
        "sd_added": (mean + sd, mean),
        "swapped": (mean, mean - sd),
        "population_sd": (mean - base.std(ddof=0), mean),
    }


def _shares(t, m):
    steps = order_to_door_steps()
    tickets = t["tickets"]

    def share(frame, billing=False, percent=False, counts=False):
        keep = steps if billing else steps[steps["process"] == "order to door"]
        dept = frame["topic"].astype(str).map(keep.set_index("topic")["department"]).dropna()
        n = dept.value_counts()
        if counts:
            return n
        return n / n.sum() * (100 if percent else 1)

    return {
        "solution": share(tickets),
        "billing_included": share(tickets, billing=True),
        "counts": share(tickets, counts=True),
        "complaints_only": share(tickets[tickets["type"].astype(str) == "complaint"]),
        "percent": share(tickets, percent=True),
    }


def _owner(t, m):
    shares = _shares(t, m)["solution"]
    head = {
        "Kitchens": "Head of Kitchens",
        "Delivery": "Head of Delivery",
        "Customer service": "Head of Customer Service",
    }
    return {
        "solution": "Chief Operating Officer",
        "head_of_biggest_step": head[shares.idxmax()],
        "whoever_hears_it": "Head of Customer Service",
        "top_of_the_tree": "Chief Executive Officer",
    }


def _daily(t):
    q = t["quality_samples"]
    kitchen = sorted(q["kitchen_id"].astype(str).unique())[0]
    own = q[q["kitchen_id"].astype(str) == kitchen]
    day = pd.to_datetime(own["sampled_at"]).dt.normalize()
    return own, day, own.groupby(day)["portion_weight_g"].mean()


def _phase_one(t, m):
    own, _, daily = _daily(t)
    values = daily.to_numpy()
    base = np.asarray(daily.index < daily.index[0] + pd.DateOffset(months=6))
    first = control_chart(values, "individuals", limits_from=base)
    keep = base.copy()
    keep[[i for i in first.out_of_limits if base[i]]] = False
    revised = control_chart(values, "individuals", limits_from=keep)
    sub = own.pivot(index="subgroup_id", columns="sample_no", values="portion_weight_g")
    xbar = control_chart(sub.to_numpy(), "xbar_r", limits_from=base)
    whole = control_chart(values, "individuals")
    answers = {
        "solution": (revised.lcl, revised.ucl),
        "within_day_limits": (xbar.lcl, xbar.ucl),
        "whole_period": (whole.lcl, whole.ucl),
    }
    if keep.sum() < base.sum():  # the key lists this mistake only when it changes the limits
        answers["not_revised"] = (first.lcl, first.ucl)
    return answers


def _ppk(t, m):
    own, day, _ = _daily(t)
    later = own[day >= day.min() + pd.DateOffset(months=6)]
    spec = {"lsl": 340.0, "usl": 360.0, "target": 350.0}
    sub = later.pivot(index="subgroup_id", columns="sample_no", values="portion_weight_g")
    r = capability(sub, **spec)
    everything = own.pivot(index="subgroup_id", columns="sample_no", values="portion_weight_g")
    return {
        "solution": r.Ppk,
        "cpk_for_ppk": r.Cpk,
        "pp_for_ppk": r.Pp,
        "daily_means": capability(sub.mean(axis=1).to_numpy(), **spec).Ppk,
        "with_phase_one": capability(everything, **spec).Ppk,
    }


def _kitchen_cost(t, m):
    b = t["production_batches"]
    g = b.groupby("kitchen_id", observed=True)[["cost", "good_units", "units_made"]].sum()
    right = g["cost"] / g["good_units"]
    return {
        "solution": right,
        "units_made_denominator": g["cost"] / g["units_made"],
        "averaged_batch_ratios": (b["cost"] / b["good_units"])
        .replace(np.inf, np.nan)
        .groupby(b["kitchen_id"], observed=True)
        .mean(),
        "pence": right * 100,
    }


def _copq(t, m):
    b = t["production_batches"]
    k = b["kitchen_id"]
    g = b.groupby(k, observed=True)[["cost", "units_made", "defects"]].sum()
    return {
        "solution": (b["cost"] / b["units_made"] * b["defects"]).groupby(k, observed=True).sum(),
        "good_unit_cost": (b["cost"] / b["good_units"] * b["defects"])
        .replace(np.inf, np.nan)
        .groupby(k, observed=True)
        .sum(),
        "kitchen_average_cost": g["cost"] / g["units_made"] * g["defects"],
        "rate_not_money": g["defects"] / g["units_made"],
    }


def _erp(t, m):
    erp = t["erp_invoices"]
    clean = erp.drop_duplicates()
    day = pd.to_datetime(clean["doc_date"], format="%d/%m/%Y")
    pounds = clean["net_amount_pence"] / 100
    all_days = pd.to_datetime(erp["doc_date"], format="%d/%m/%Y")
    us = pd.to_datetime(clean["doc_date"], format="mixed", dayfirst=False)
    return {
        "solution": pounds.groupby(month_of(day)).sum(),
        "duplicates_kept": (erp["net_amount_pence"] / 100).groupby(month_of(all_days)).sum(),
        "pence": clean["net_amount_pence"].groupby(month_of(day)).sum(),
        "month_first_dates": pounds.groupby(month_of(us)).sum(),
    }


def _core(t, m):
    c = candidate_processes()
    feels, diff = c["customer_feels_it"], c["differentiator"]
    return {
        "solution": set(c.loc[feels | diff, "process"]),
        "both_required": set(c.loc[feels & diff, "process"]),
        "customer_only": set(c.loc[feels, "process"]),
        "differentiators_only": set(c.loc[diff, "process"]),
    }


LEARNER = {
    "3.1": _core,
    "3.4": _defect_rate,
    "3.5": _claim,
    "3.6": _marketing,
    "3.7a": _benchmark,
    "3.8": _thresholds,
    "3.9a": _shares,
    "3.9b": _owner,
    "3.10": _phase_one,
    "3.11": _ppk,
    "3.12a": _kitchen_cost,
    "3.12b": _copq,
    "3.13": _erp,
}


def _assert_mistakes(ex, exercise_id, answers, using=None):
    solution = answers.pop("solution")
    result = ex.check(exercise_id, solution, using=using)
    assert result.status == "passed", result.message
    listed = {m.name for m in ex.key(exercise_id, using).mistakes}
    assert listed == set(answers), (exercise_id, listed, set(answers))
    for name, wrong in answers.items():
        result = ex.check(exercise_id, wrong, using=using)
        assert result.status == "failed", (exercise_id, name)
        assert result.mistake == name, (exercise_id, name, result.message)
    return len(answers)


@pytest.mark.parametrize("exercise_id", sorted(LEARNER))
def test_each_mistake_fails_with_its_own_hint_and_the_solution_passes(course, exercise_id, capsys):
    tables, measures = course
    ex = exercises(3, tables=tables)
    count = _assert_mistakes(ex, exercise_id, LEARNER[exercise_id](tables, measures))
    assert count >= 2


def test_the_gap_is_checked_against_the_learners_own_benchmark(course, capsys):
    tables, measures = course
    ex = exercises(3, tables=tables)
    right = measures["throughput_per_hour"].iloc[:12].quantile(0.75)
    _assert_mistakes(ex, "3.7b", _gap(tables, measures, right), using=right)
    # A wrong benchmark (the whole period) carried into a right method passes 3.7b, and says so.
    mine = measures["throughput_per_hour"].quantile(0.75)
    result = ex.check("3.7b", _gap(tables, measures, mine)["solution"], using=mine)
    assert result.status == "passed"
    assert "not right yet" in result.message
    assert ex.check("3.7b", 1.0, using=...).status == "not_attempted"


def test_quiz_answers(capsys):
    ex = exercises(3, tables=generate(seed=2024, months=3, scale=0.2))
    quiz = LeadingLaggingQuiz()
    assert ex.check("3.2", quiz).status == "not_attempted"
    for answer in quiz.answers:
        answer.value = "leading"
    assert ex.check("3.2", quiz).mistake == "all_one_kind"
    for item, answer in zip(quiz.items, quiz.answers, strict=True):
        answer.value = "lagging" if item.answer == "leading" else "leading"
    assert ex.check("3.2", quiz).mistake == "reversed_meaning"
    for item, answer in zip(quiz.items, quiz.answers, strict=True):
        answer.value = item.answer
    assert ex.check("3.2", quiz).status == "passed"


def _objective(name, perspective="internal_processes", target=2.7, deadline=date(2027, 6, 30)):
    measure = Measure(
        name="Cost per unit",
        definition="SMART vocabulary measure 'cost_per_unit'",
        unit="GBP",
        direction="lower_is_better",
        baseline=3.0,
        target=target,
        owner="Head of Operations",
    )
    return Objective(
        name=name,
        perspective=perspective,
        measures=(measure,),
        owners=("Head of Operations",),
        deadline=deadline,
    )


@pytest.mark.parametrize(
    ("objective", "mistake"),
    [
        (_objective("Cut cost", target=2.85), "target_not_ten_percent"),
        (_objective("Cut cost", perspective="financial"), "wrong_perspective"),
        (_objective("Cut cost", deadline=None), "no_deadline"),
    ],
)
def test_operations_objective_is_read_from_the_scorecard_file(tmp_path, objective, mistake):
    card = tmp_path / "my_scorecard.yaml"
    ex = exercises(3, tables={}, scorecard=card)
    assert ex.check("3.3a", None).status == "not_attempted"
    assert ex.check("3.3a", "the builder").status == "not_attempted"  # no file yet
    add_objective(card, objective)
    assert ex.check("3.3a", "the builder").mistake == mistake
    add_objective(card, _objective("Cut production cost by 10 %"))
    assert ex.check("3.3a", "the builder").status == "passed"


def test_second_objective(tmp_path):
    card = tmp_path / "card.yaml"
    ex = exercises(3, tables={}, scorecard=card)
    add_objective(card, _objective("Cut cost"))
    assert ex.check("3.3b", "b").status == "not_attempted"
    add_objective(card, _objective("Cut cost again"))
    assert ex.check("3.3b", "b").mistake == "same_measure_again"
    response = Measure(
        name="Response time", unit="hours", direction="lower_is_better", baseline=5.0, target=4.0
    )
    add_objective(card, Objective("Answer faster", "internal_processes", (response,)))
    assert ex.check("3.3b", "b").mistake == "incomplete"
    add_objective(
        card,
        Objective(
            "Answer sooner",
            "internal_processes",
            (response,),
            owners=("Head of Customer Service",),
            deadline=date(2027, 6, 30),
        ),
    )
    assert ex.check("3.3b", "b").status == "passed"


def test_every_exercise_names_at_least_two_mistakes_and_has_minutes():
    ex = exercises(3)
    for item in EXERCISES:
        assert item.minutes >= 3, item.id
        using = 11.0 if item.uses else None
        assert len(ex.key(item.id, using).mistakes) >= 2, item.id


def test_no_hint_is_the_solution():
    # The general hints and mistake hints never hold the code the reveal shows.
    ex = exercises(3)
    for item in EXERCISES:
        key = ex.key(item.id, 11.0 if item.uses else None)
        solution_lines = [line.strip() for line in key.reveal.splitlines() if "=" in line]
        texts = [*key.hints, *(m.hint for m in key.mistakes)]
        for line in solution_lines:
            assert not any(line in text for text in texts), (item.id, line)
