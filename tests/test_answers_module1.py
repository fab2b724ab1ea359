"""No wrong method passes module 1's checks, on three parameter sets.

For each parameter set (seed, scenario) the data is generated afresh. The answers below are
written the way a learner writes them - the right method and each listed mistake - with plain
pandas and the kit's public functions, independently of the answer key
(``bsckit.answers.module1``). Each mistake must fail its check *and* get its own diagnosis; the
right method must pass. The widget exercises (quiz, the saved scorecard) are driven the same way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bsckit.alignment import (
    cascade_findings,
    cascade_scorecard,
    check_proposals,
    escalation_routes,
    monthly_signals,
)
from bsckit.answers import exercises
from bsckit.answers.module1 import EXERCISES, quiz_items
from bsckit.processes import lagged_correlation
from bsckit.scorecard import Measure, Objective, add_link, add_objective
from bsckit.widgets import LeadingLaggingQuiz


@pytest.fixture(autouse=True)
def _fresh(fresh_checks):
    """Every test starts with no check history (tests/conftest.py)."""


def _findings(t):
    found = cascade_findings(cascade_scorecard(t["department_targets"]))
    red = set(found.loc[found["kind"] == "redundant", "measure"])
    con = set(found.loc[found["kind"] == "conflicting", "measure"])
    return found, red, con


def _duplicates(t):
    found, red, con = _findings(t)
    per_measure = t["department_targets"].groupby("measure")["objective"].nunique()
    differ = found[(found["kind"] == "redundant") & found["message"].str.contains("differ")]
    return {
        "solution": red - con,
        "all_redundant": red,
        "shared_measures": set(per_measure[per_measure > 1].index),
        "only_differing": set(differ["measure"]) - con,
    }


def _tug(t):
    targets = t["department_targets"]
    _, _, con = _findings(t)
    d = targets.groupby("measure")["direction"].nunique()
    u = targets.groupby("measure")["unit"].nunique()
    return {
        "solution": set(d[d > 1].index),
        "all_conflicts": con,
        "units_only": set(u[u > 1].index),
    }


def _warning(t):
    s = monthly_signals(t)
    return {
        "solution": lagged_correlation(s["nps"], s["subscription_growth"], max_lag=6, min_lag=1)[
            "correlation"
        ],
        "reversed": lagged_correlation(s["subscription_growth"], s["nps"], max_lag=6, min_lag=1)[
            "correlation"
        ],
        "revenue_level": lagged_correlation(
            s["nps"], s["subscription_revenue"], max_lag=6, min_lag=1
        )["correlation"],
        "lag_zero": lagged_correlation(s["nps"], s["subscription_growth"], max_lag=6)[
            "correlation"
        ],
    }


def _overlaps(t):
    c = t["accountability_claims"]
    acc = c[c["role"] == "accountable"]
    unique = acc.drop_duplicates(["metric_id", "department"])
    n = unique.groupby("metric_id")["department"].count()
    raw = acc.groupby("metric_id")["department"].count()
    every = c.drop_duplicates(["metric_id", "department"]).groupby("metric_id").size()
    return {
        "solution": n[n > 1],
        "duplicates_counted": raw[raw > 1],
        "all_roles": every[every > 1],
        "kept_single": n,
    }


def _owner(t):
    heads = t["departments"].set_index("head_role")["department"]
    owners = t["metric_catalogue"].set_index("metric_id")["owner"]
    c = t["accountability_claims"]
    acc = c[c["role"] == "accountable"]
    first = acc.sort_values("submitted_on", kind="stable").groupby("metric_id")["department"]
    return {
        "solution": owners.map(heads),
        "first_to_claim": first.first().reindex(owners.index),
        "alphabetical": acc.groupby("metric_id")["department"].min().reindex(owners.index),
    }


def _months(t):
    return pd.DatetimeIndex(t["finance_monthly"]["month"])


def _sales_monthly(t):
    o, months = t["orders"], _months(t)
    month = o["ordered_at"].dt.to_period("M").dt.start_time
    right = o.groupby(month)["amount"].sum().reindex(months)
    exports = t["dashboard_exports"]
    weekly = exports[exports["dashboard"] == "sales"]
    by_start = (
        weekly.groupby(weekly["period_start"].dt.to_period("M").dt.start_time)["value"]
        .sum()
        .reindex(months)
    )
    ok = o[o["status"] == "delivered"]
    delivered = ok.groupby(ok["ordered_at"].dt.to_period("M").dt.start_time)["amount"].sum()
    r = t["returns"]
    refunds = r.groupby(r["processed_at"].dt.to_period("M").dt.start_time)["refund_amount"].sum()
    return {
        "solution": right,
        "weeks_by_start_month": by_start,
        "delivered_only": delivered.reindex(months),
        "net": (right - refunds.reindex(months, fill_value=0)),
    }


def _gap_all_months(t):
    o, months = t["orders"], _months(t)
    net = t["finance_monthly"]["net_revenue"].to_numpy()
    done = o[o["status"] == "delivered"]
    ops = done.groupby(done["delivered_at"].dt.to_period("M").dt.start_time)["amount"].sum()
    ops = ops.reindex(months).to_numpy()
    return abs((ops - net) / net).max() * 100


def _gap(t):
    o, months = t["orders"], _months(t)[1:]
    net = t["finance_monthly"].set_index("month")["net_revenue"].iloc[1:]
    net.index = months
    done = o[o["status"] == "delivered"]
    ops = (
        done.groupby(done["delivered_at"].dt.to_period("M").dt.start_time)["amount"]
        .sum()
        .reindex(months)
    )
    gap = (ops - net) / net
    return {
        "solution": gap.abs().max() * 100,
        "first_month_included": _gap_all_months(t),
        "fraction": gap.abs().max(),
        "gbp": (ops - net).abs().max(),
    }


def _ebit(t):
    return t["finance_monthly"].set_index("month")["ebit"]


def _limits(t):
    ebit = _ebit(t)
    first = ebit.iloc[:12]
    d2 = 2 / np.sqrt(np.pi)  # d2 for moving ranges of two, exactly (1.128 in printed tables)
    sigma = first.diff().abs().mean() / d2
    every = ebit.diff().abs().mean() / d2
    return {
        "solution": (first.mean() - 3 * sigma, first.mean() + 3 * sigma),
        "standard_deviation": (first.mean() - 3 * first.std(), first.mean() + 3 * first.std()),
        "whole_period": (ebit.mean() - 3 * every, ebit.mean() + 3 * every),
    }


def _routes(t):
    f = t["finance_monthly"]
    ebit = _ebit(t)
    mat = 0.05 * f["net_revenue"].iloc[:12].mean()
    right = escalation_routes(ebit, materiality=mat, phase_one=12)
    either = np.where(right["material"] | right["signal"], "executives", "none")
    return {
        "solution": right["route"],
        "either_rule": pd.Series(either, index=right.index),
        "materiality_as_share": escalation_routes(ebit, materiality=0.05, phase_one=12)["route"],
    }


def _failing(t):
    p = t["measure_proposals"]
    share = p["controllable_share"] < 0.6
    data = p["history_months"] < 6
    high = p["gaming_risk"].astype(str) == "high"
    guarded = p["safeguard"].notna()
    medium = p["gaming_risk"].astype(str) == "medium"
    cost = p["collection_hours_per_month"] > 8
    ids = p["proposal_id"]
    return {
        "solution": set(ids[share | data | (high & ~guarded) | cost]),
        "medium_gaming_fails": set(ids[share | data | ((high & ~guarded) | medium) | cost]),
        "safeguard_ignored": set(ids[share | data | high | cost]),
        "cost_ignored": set(ids[share | data | (high & ~guarded)]),
    }


def _reasons(t):
    checked = check_proposals(t["measure_proposals"])
    crit = ["controllability", "data availability", "gaming risk", "cost of collection"]
    counts = checked[crit].sum()
    first = checked.loc[~checked["passes"], "fails"].str.split("; ").str[0].value_counts()
    return {
        "solution": counts,
        "first_reason_only": first.reindex(crit, fill_value=0),
        "share": counts / len(checked),
    }


LEARNER = {
    "1.1": _duplicates,
    "1.2": _tug,
    "1.4": _warning,
    "1.5a": _overlaps,
    "1.5b": _owner,
    "1.6a": _sales_monthly,
    "1.6b": _gap,
    "1.7a": _limits,
    "1.7b": _routes,
    "1.8a": _failing,
    "1.8b": _reasons,
}


def test_every_exercise_is_tested_here_or_below() -> None:
    widgets = {"1.3", "1.9"}
    assert {e.id for e in EXERCISES} == set(LEARNER) | widgets


@pytest.mark.parametrize("exercise_id", sorted(LEARNER))
def test_each_mistake_fails_with_its_own_hint_and_the_solution_passes(tables, exercise_id, capsys):
    ex = exercises(1, tables=tables)
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


def test_quiz_answers(capsys):
    ex = exercises(1, tables={})
    quiz = LeadingLaggingQuiz(quiz_items())
    assert ex.check("1.3", quiz).status == "not_attempted"
    for answer in quiz.answers:
        answer.value = "lagging"
    assert ex.check("1.3", quiz).mistake == "all_one_kind"
    for item, answer in zip(quiz.items, quiz.answers, strict=True):
        wrong = item.measure in ("Net Promoter Score", "Quality complaints per 1,000 orders")
        answer.value = "lagging" if wrong else item.answer
    assert ex.check("1.3", quiz).mistake == "customer_scores_lagging"
    for item, answer in zip(quiz.items, quiz.answers, strict=True):
        answer.value = item.answer
    assert ex.check("1.3", quiz).status == "passed"


def _objective(name, perspective, owner="Head of Delivery"):
    measure = Measure(name=f"{name} measure", unit="%", baseline=1.0, target=2.0)
    return Objective(name=name, perspective=perspective, measures=(measure,), owners=(owner,))


def test_first_scorecard_is_read_from_the_file(tmp_path, capsys):
    card = tmp_path / "my_scorecard.yaml"
    ex = exercises(1, tables={}, scorecard=card)
    assert ex.check("1.9", "my card").status == "not_attempted"
    add_objective(card, _objective("Grow revenue", "financial"))
    assert ex.check("1.9", "my card").mistake == "finance_only"
    names = {
        "customer": "Keep customers",
        "internal_processes": "Deliver on time",
        "learning_growth": "Train drivers",
    }
    for perspective, name in names.items():
        add_objective(card, _objective(name, perspective))
    assert ex.check("1.9", "my card").mistake == "no_links"
    add_link(card, "Train drivers", "Deliver on time")
    add_link(card, "Deliver on time", "Keep customers")
    result = ex.check("1.9", "my card")
    assert result.status == "failed" and result.mistake is None
    add_link(card, "Keep customers", "Grow revenue")
    assert ex.check("1.9", "my card").status == "passed"
