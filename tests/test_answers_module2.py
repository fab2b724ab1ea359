"""No wrong method passes module 2's checks, on three parameter sets.

For each parameter set (seed, scenario) the data is generated afresh. The answers below are
written the way a learner writes them - the right method and each listed mistake - with plain
pandas and the kit's formulas, independently of the answer key (``bsckit.answers.module2``).
Each mistake must fail its check *and* get its own diagnosis; the right method must pass.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from bsckit import kpi
from bsckit.answers import exercises
from bsckit.answers.module2 import EXERCISES
from bsckit.scorecard import Measure, Objective, add_objective


@pytest.fixture(autouse=True)
def _fresh(fresh_checks):
    """Every test starts with no check history (tests/conftest.py)."""


# --------------------------------------------------------------------------------------------
# Learner answers: the right method first, then each mistake
# --------------------------------------------------------------------------------------------


def _delivered(t):
    o = t["orders"]
    d = o[o["status"] == "delivered"].copy()
    d["offset"] = (d["delivered_at"] - d["promised_at"]).dt.total_seconds() / 60
    d["month"] = d["ordered_at"].dt.to_period("M")
    d["kitchen_id"] = d["kitchen_id"].astype(str)
    return d


def _window(t):
    d = _delivered(t)
    right = kpi.on_time_delivery(
        d["promised_at"], d["delivered_at"], "15min", early_tolerance="45min"
    )
    in_window = (d["offset"] >= -45) & (d["offset"] <= 15)
    return {
        "solution": right,
        "no_early_limit": kpi.on_time_delivery(d["promised_at"], d["delivered_at"], "15min"),
        "catalogue_rule": kpi.on_time_delivery(d["promised_at"], d["delivered_at"]),
        "failed_in_denominator": in_window.sum() / len(t["orders"]),
    }


def _fcr(t):
    k = t["tickets"]
    fcr, reo = k["first_contact_resolved"], k["reopened"]
    return {
        "solution": (fcr & ~reo).sum() / len(k),
        "as_recorded": fcr.mean(),
        "dropped_conflicts": k.loc[~(fcr & reo), "first_contact_resolved"].mean(),
        "reopened_share": reo.mean(),
    }


def _change_month(t):
    d = _delivered(t)
    share = (d["offset"] < -45).groupby([d["kitchen_id"], d["month"]]).mean()
    return share[share > 0.2].index.get_level_values(1).min()


def _answers(t):
    s, c = t["surveys"], t["customers"]
    a = s[(s["touchpoint"] == "relationship") & s["nps"].notna()].merge(
        c[["customer_id", "plan", "kitchen_id"]], on="customer_id"
    )
    a["score"] = a["nps"].astype(int)
    a["month"] = a["sent_at"].dt.to_period("M")
    first = s["sent_at"].min().to_period("M")
    a["year"] = 1 + (a["month"] - first).map(lambda x: x.n) // 12
    a["kitchen_id"] = a["kitchen_id"].astype(str)
    return a


def _nps(scores):
    return 100 * ((scores >= 9).mean() - (scores <= 6).mean())


def _nps_fall(t):
    a = _answers(t)
    a["after"] = a["month"] >= _change_month(t)
    table = a.groupby(["kitchen_id", "after"])["score"].apply(_nps).unstack()
    change = table[True] - table[False]
    d = _delivered(t)
    after = d[d["month"] >= _change_month(t)]
    return {
        "solution": change.idxmin(),
        "largest_rise": change.idxmax(),
        "worst_on_time": (after["offset"] <= 0).groupby(after["kitchen_id"]).mean().idxmin(),
    }


def _early_share(t):
    d = _delivered(t)
    kitchen = _nps_fall(t)["solution"]
    after, here = d["month"] >= _change_month(t), d["kitchen_id"] == kitchen
    return {
        "solution": (d["offset"] < -45)[here & after].mean(),
        "all_kitchens": (d["offset"] < -45)[after].mean(),
        "whole_period": (d["offset"] < -45)[here].mean(),
        "any_early": (d["offset"] < 0)[here & after].mean(),
    }


def _two_years(t):
    a = _answers(t)
    return a[a["year"].isin([1, 2])]


def _subscribers(t):
    a = _two_years(t)
    subs = a[a["plan"] == "subscription"]
    by = subs.groupby("year")["score"].apply(_nps)
    overall = a.groupby("year")["score"].apply(_nps)
    mean = subs.groupby("year")["score"].mean()
    return {
        "solution": by[2] - by[1],
        "overall_change": overall[2] - overall[1],
        "mean_score": mean[2] - mean[1],
        "year1_minus_year2": by[1] - by[2],
    }


def _mix(t):
    a = _two_years(t)
    by = a.groupby(["year", "plan"])["score"].apply(_nps)
    weights = a[a["year"] == 1]["plan"].value_counts(normalize=True)
    overall = a.groupby("year")["score"].apply(_nps)
    return {
        "solution": (by.loc[2] * weights).sum(),
        "reported": overall[2],
        "unweighted": by.loc[2].mean(),
        "year1_reported": overall[1],
    }


def _margin(t):
    a = _answers(t)
    q = a["sent_at"].dt.to_period("Q")
    last = a[q == q.max()]["score"]
    pro, det = int((last >= 9).sum()), int((last <= 6).sum())
    pas = len(last) - pro - det
    s = t["surveys"]
    sent = s[(s["touchpoint"] == "relationship") & (s["sent_at"].dt.to_period("Q") == q.max())]
    month = a[a["month"] == a["month"].max()]["score"]
    mp, md = int((month >= 9).sum()), int((month <= 6).sum())
    # by hand: z * sqrt((p + d - (p - d)^2) / n), in points
    p, d, n = pro / len(last), det / len(last), len(last)
    return {
        "solution": 1.959963984540054 * 100 * np.sqrt((p + d - (p - d) ** 2) / n),
        "one_standard_error": 100 * np.sqrt((p + d - (p - d) ** 2) / n),
        "unanswered_as_passives": kpi.nps_margin_of_error(pro, pas + len(sent) - n, det),
        "last_month": kpi.nps_margin_of_error(mp, len(month) - mp - md, md),
    }


def _plan(t):
    s = t["surveys"].sort_values(["customer_id", "sent_at"])
    kept = 0
    all_gap_ok = 0
    for _, times in s.groupby("customer_id")["sent_at"]:
        last_sent = None
        previous = None
        for when in times:
            if last_sent is None or when - last_sent >= pd.Timedelta(days=30):
                kept += 1
                last_sent = when
            if previous is None or when - previous > pd.Timedelta(days=30):
                all_gap_ok += 1
            previous = when
    per_month = s.groupby([s["customer_id"], s["sent_at"].dt.to_period("M")]).ngroups
    return {
        "solution": kept,
        "filtered_on_all_invitations": all_gap_ok,
        "calendar_month": per_month,
    }


def _onboarding(t):
    j, c = t["journey_events"], t["customers"]
    signed = j[j["event"] == "signed_up"][["customer_id", "occurred_at"]]
    done = j.loc[j["event"] == "onboarding_completed", "customer_id"]
    new = signed.merge(c[["customer_id", "churned_at"]], on="customer_id")
    new["onboarded"] = new["customer_id"].isin(done)
    new["left"] = (new["churned_at"] - new["occurred_at"]).dt.days < 90
    full = new[new["occurred_at"] <= j["occurred_at"].max() - pd.Timedelta(days=90)]
    return {
        "solution": full.loc[~full["onboarded"], "left"].mean(),
        "onboarded_group": full.loc[full["onboarded"], "left"].mean(),
        "recent_signups_included": new.loc[~new["onboarded"], "left"].mean(),
        "everyone": full["left"].mean(),
    }


def _offices(t):
    c = t["customers"]
    bus = c[c["segment"] == "business"].copy()
    bus["cohort"] = bus["signup_at"].dt.to_period("M")
    bus["left"] = (bus["churned_at"] - bus["signup_at"]) <= pd.Timedelta(days=183)
    start = t["campaigns"]["starts_on"].iloc[0].to_period("M")
    return bus, start


def _cohort(t):
    bus, start = _offices(t)
    first = t["orders"]["ordered_at"].min().to_period("M")
    camp = bus["cohort"] == start
    return {
        "solution": bus.loc[camp, "left"].mean(),
        "all_offices": bus["left"].mean(),
        "other_cohorts": bus.loc[(bus["cohort"] >= first) & ~camp, "left"].mean(),
        "count_not_share": int(bus.loc[camp, "left"].sum()),
    }


def _bonus(t):
    bus, start = _offices(t)
    d = _delivered(t)
    cohort = bus[bus["cohort"] == start]
    own = d[d["customer_id"].isin(cohort["customer_id"])].merge(
        cohort[["customer_id", "signup_at", "churned_at"]], on="customer_id"
    )
    stays = own["churned_at"].isna() | (
        own["churned_at"] >= own["signup_at"] + pd.DateOffset(months=6)
    )
    first3 = own["month"] <= start + 2
    listed = (
        own["order_id"]
        .map(t["campaign_redemptions"].set_index("order_id")["list_amount"])
        .fillna(own["amount"])
    )
    return {
        "solution": 0.05 * own.loc[first3 & stays, "amount"].sum(),
        "revenue_only": 0.05 * own.loc[first3, "amount"].sum(),
        "list_price": 0.05 * listed[first3 & stays].sum(),
        "all_months": 0.05 * own.loc[stays, "amount"].sum(),
    }


LEARNER = {
    "2.1": _window,
    "2.2": _fcr,
    "2.3": _nps_fall,
    "2.4": _early_share,
    "2.5": _subscribers,
    "2.6": _mix,
    "2.7": _margin,
    "2.8": _plan,
    "2.9": _onboarding,
    "2.10": _cohort,
    "2.11": _bonus,
}


def test_every_exercise_is_tested_and_minutes_add_up() -> None:
    ids = {e.id for e in EXERCISES}
    assert ids == set(LEARNER) | {"2.12"}
    assert len(EXERCISES) >= 8
    assert sum(e.minutes for e in EXERCISES) == 100


@pytest.mark.parametrize("exercise_id", sorted(LEARNER))
def test_each_mistake_fails_with_its_own_hint_and_the_solution_passes(
    tables, exercise_id, capsys
) -> None:
    ex = exercises(2, tables=tables)
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


def _customer_objective(name, perspective="customer", deadline=date(2027, 6, 30), target=0.8):
    measure = Measure(
        name="First-contact resolution rate",
        unit="%",
        direction="higher_is_better",
        baseline=0.72,
        target=target,
        owner="Head of Customer Service",
    )
    return Objective(name, perspective, (measure,), deadline=deadline)


def test_customer_objective_is_read_from_the_scorecard_file(tmp_path, capsys) -> None:
    card = tmp_path / "my_scorecard.yaml"
    ex = exercises(2, tables={}, scorecard=card)
    assert ex.check("2.12", "builder").status == "not_attempted"
    add_objective(card, _customer_objective("Resolve first time", perspective="financial"))
    assert ex.check("2.12", "builder").mistake == "wrong_perspective"
    add_objective(card, _customer_objective("Resolve at once", deadline=None))
    assert ex.check("2.12", "builder").mistake == "incomplete"
    add_objective(card, _customer_objective("Resolve more tickets first time"))
    assert ex.check("2.12", "builder").status == "passed"
