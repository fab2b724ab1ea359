"""Answer key of module 2, customer: every exercise computed from the data in use.

Each ``_key_*`` function receives the module's :class:`~bsckit.answers.ExerciseData` and
returns a :class:`~bsckit.check.Check`: the expected answer, the mistakes learners make (each
computed from the same data with the mistaken method), hints that never give the answer away,
a success text worded from the computed result, and a worked solution shown only on request.
:data:`EXERCISES` lists them in notebook order with their minutes (the one source of the
exercise timings).

Task material the exercise notebook uses: :func:`courier_change_month` (the month the early
drops began, without saying where), :func:`journey_stage_of` (which stage each catalogue
measure describes) and the constants of the tasks.

Examples
--------
>>> [e.id for e in EXERCISES][:3]
['2.1', '2.2', '2.3']
>>> sum(e.minutes for e in EXERCISES)
100
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from bsckit import kpi
from bsckit.answers import Exercise, ExerciseData
from bsckit.answers.objective import perspective_objective_check
from bsckit.check import Check, Mistake
from bsckit.customer import (
    apply_reopen_rule,
    cap_invitations,
    delivery_offset_minutes,
    nps_at_mix,
    nps_by,
    relationship_answers,
)

__all__ = [
    "BONUS_RATE",
    "EARLY_MINUTES",
    "EXERCISES",
    "JOURNEY_STAGES",
    "LATE_MINUTES",
    "courier_change_month",
    "journey_stage_of",
]

EARLY_MINUTES = 45
"""The promised window of exercise 2.1 starts this many minutes before the slot start."""
LATE_MINUTES = 15
"""... and ends this many minutes after it."""
BONUS_RATE = 0.05
"""The sales bonus of exercise 2.11: this share of a new office's first three months' revenue."""
JOURNEY_STAGES = ("acquisition", "onboarding", "first order", "repeat", "advocacy")


def courier_change_month(orders: pd.DataFrame) -> pd.Period:
    """The first month in which some kitchen left over 20 % of its deliveries more than
    ``EARLY_MINUTES`` minutes before the slot (the courier change), as a monthly Period."""
    done = orders[orders["status"] == "delivered"]
    early = delivery_offset_minutes(done) < -EARLY_MINUTES
    month = done["ordered_at"].dt.to_period("M")
    share = early.groupby([done["kitchen_id"].astype(str), month]).mean()
    hit = share[share > 0.2]
    return hit.index.get_level_values(1).min() if len(hit) else month.max()


def journey_stage_of() -> dict[str, str]:
    """Which journey stage each customer measure of the catalogue describes (a judgement,
    written down as data; measures of the whole relationship are left out).

    Examples
    --------
    >>> journey_stage_of()["nps"]
    'advocacy'
    """
    return {
        "new_customers": "acquisition",
        "market_share": "acquisition",
        "first_order_conversion": "first order",
        "on_time_delivery": "first order",
        "delivery_time": "first order",
        "repeat_order_rate": "repeat",
        "churn": "repeat",
        "customer_retention": "repeat",
        "active_subscribers": "repeat",
        "new_product_adoption": "repeat",
        "nps": "advocacy",
    }


# ---------------------------------------------------------------------------------------------
# Shared data helpers
# ---------------------------------------------------------------------------------------------


def _delivered(data: ExerciseData) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        o = data.table("orders")
        d = o[o["status"] == "delivered"].copy()
        d["offset"] = delivery_offset_minutes(d)
        d["month"] = d["ordered_at"].dt.to_period("M")
        d["kitchen_id"] = d["kitchen_id"].astype(str)
        return d

    return data.cached("delivered", compute)


def _answers(data: ExerciseData) -> pd.DataFrame:
    return data.cached(
        "answers", lambda: relationship_answers(data.table("surveys"), data.table("customers"))
    )


def _change(data: ExerciseData) -> pd.Period:
    return data.cached("change", lambda: courier_change_month(data.table("orders")))


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %"


# ---------------------------------------------------------------------------------------------
# 2.1 on-time delivery in the promised window
# ---------------------------------------------------------------------------------------------


def _key_window(data: ExerciseData, using: Any) -> Check:
    d = _delivered(data)
    o = data.table("orders")
    window = d["offset"].between(-EARLY_MINUTES, LATE_MINUTES)
    expected = float(window.mean())
    late_only = float((d["offset"] <= LATE_MINUTES).mean())
    return Check(
        "2.1 on time in the window",
        expected=expected,
        mistakes=(
            Mistake(
                "no_early_limit",
                "you counted every early delivery as on time. The window also has a start: "
                f"a meal more than {EARLY_MINUTES} minutes before the slot is not on time either.",
                answer=late_only,
            ),
            Mistake(
                "catalogue_rule",
                "you used the catalogue's rule (delivered by the slot start). The task's window "
                f"runs from {EARLY_MINUTES} minutes early to {LATE_MINUTES} minutes late.",
                answer=float((d["offset"] <= 0).mean()),
            ),
            Mistake(
                "failed_in_denominator",
                "you divided by all orders, failed deliveries included. A failed delivery has "
                "no arrival time; the rate is over delivered orders.",
                answer=float(window.sum() / len(o)),
            ),
        ),
        hints=(
            "Work on delivered orders; the offset is delivered_at - promised_at in minutes.",
            "kpi.on_time_delivery takes a late `tolerance` and an `early_tolerance`.",
        ),
        success=f"{_pct(expected)} of deliveries land in the window, against {_pct(late_only)} if "
        "early drops counted as on time: the window is the customer's definition of reliable.",
        reveal="kpi.on_time_delivery(delivered['promised_at'], delivered['delivered_at'], "
        "tolerance='15min', early_tolerance='45min')",
    )


# ---------------------------------------------------------------------------------------------
# 2.2 first-contact resolution under the reopen rule
# ---------------------------------------------------------------------------------------------


def _key_fcr(data: ExerciseData, using: Any) -> Check:
    t = data.table("tickets")
    fixed = apply_reopen_rule(t)
    expected = float(fixed.mean())
    recorded = t["first_contact_resolved"].astype(bool)
    conflict = recorded & t["reopened"].astype(bool)
    return Check(
        "2.2 first-contact resolution, reopen rule",
        expected=expected,
        mistakes=(
            Mistake(
                "as_recorded",
                "that is the rate as the agents ticked it. Apply the rule: a reopened ticket "
                "was not resolved at the first contact.",
                answer=float(recorded.mean()),
            ),
            Mistake(
                "dropped_conflicts",
                "you removed the conflicting tickets from the data. They are real contacts that "
                "the first answer failed: keep them in the denominator, as not resolved.",
                answer=float(recorded[~conflict].mean()),
            ),
            Mistake(
                "reopened_share",
                "you computed the share of tickets reopened, not of tickets resolved first time.",
                answer=float(t["reopened"].astype(bool).mean()),
            ),
        ),
        hints=(
            "A ticket counts as resolved at the first contact only if it was ticked so *and* "
            "not reopened.",
            "Divide by all tickets.",
        ),
        success=f"Under the reopen rule first-contact resolution is {_pct(expected)}, "
        f"{(recorded.mean() - expected) * 100:.1f} points below the recorded figure: "
        f"{int(conflict.sum())} customers had to come back.",
        reveal="(tickets['first_contact_resolved'] & ~tickets['reopened']).mean()",
    )


# ---------------------------------------------------------------------------------------------
# 2.3 the kitchen whose customers' NPS fell most
# ---------------------------------------------------------------------------------------------


def _key_nps_fall(data: ExerciseData, using: Any) -> Check:
    a = _answers(data).assign(after=lambda x: x["month"] >= _change(data))
    t = nps_by(a, ["kitchen_id", "after"])["nps"].unstack()
    change = t[True] - t[False]
    expected = str(change.idxmin())
    d = _delivered(data)
    after = d[d["month"] >= _change(data)]
    on_time = (after["offset"] <= 0).groupby(after["kitchen_id"]).mean()
    return Check(
        "2.3 kitchen with the largest NPS fall",
        expected=expected,
        mistakes=(
            Mistake(
                "largest_rise",
                "that kitchen's NPS rose the most. Look for the most negative change "
                "(after minus before).",
                answer=str(change.idxmax()),
            ),
            Mistake(
                "worst_on_time",
                "you picked the kitchen with the worst on-time rate. The question is about what "
                "customers say (NPS), which here does not follow the delivery measure.",
                answer=str(on_time.idxmin()),
            ),
        ),
        hints=(
            "Split the relationship answers at change_month, then compute NPS per kitchen "
            "before and after.",
            "nps_by(answers, ['kitchen_id', 'period']) gives one NPS per kitchen and period.",
        ),
        success=f"Kitchen {expected}'s customers went from {t.loc[expected, False]:+.0f} to "
        f"{t.loc[expected, True]:+.0f} NPS, while its on-time rate by the catalogue rule was "
        f"{on_time[expected]:.1%} after the change: perceived and actual quality parted.",
        reveal="nps_by(answers.assign(after=answers['month'] >= change_month), "
        "['kitchen_id', 'after'])['nps'].unstack().pipe(lambda t: t[True] - t[False]).idxmin()",
    )


# ---------------------------------------------------------------------------------------------
# 2.4 early drops in that kitchen
# ---------------------------------------------------------------------------------------------


def _key_early_share(data: ExerciseData, using: Any) -> Check:
    d = _delivered(data)
    after = d["month"] >= _change(data)
    kitchen = _key_nps_fall(data, None).expected
    here = d["kitchen_id"] == kitchen
    early = d["offset"] < -EARLY_MINUTES
    expected = float(early[here & after].mean())
    return Check(
        "2.4 early drops after the change",
        expected=expected,
        mistakes=(
            Mistake(
                "all_kitchens",
                "you took every kitchen's deliveries. The question is about the kitchen you "
                "found in 2.3.",
                answer=float(early[after].mean()),
            ),
            Mistake(
                "whole_period",
                "you included the months before the change, which dilutes the share.",
                answer=float(early[here].mean()),
            ),
            Mistake(
                "any_early",
                "you counted every early delivery. Most deliveries arrive a little before the "
                f"slot; an early drop is more than {EARLY_MINUTES} minutes early.",
                answer=float((d["offset"] < 0)[here & after].mean()),
            ),
        ),
        hints=(
            "Keep delivered orders of that kitchen, ordered in or after change_month.",
            f"An early drop: delivered more than {EARLY_MINUTES} minutes before promised_at.",
        ),
        success=f"{_pct(expected)} of that kitchen's deliveries after the change were left over "
        f"{EARLY_MINUTES} minutes before the slot: on time by the book, not by the customer.",
        reveal="(offset < -45)[(kitchen == k) & (month >= change_month)].mean()",
    )


# ---------------------------------------------------------------------------------------------
# 2.5 and 2.6 segments and mix
# ---------------------------------------------------------------------------------------------


def _years(data: ExerciseData) -> pd.DataFrame:
    return _answers(data)[lambda x: x["year"].isin([1, 2])]


def _key_subscriber_change(data: ExerciseData, using: Any) -> Check:
    a = _years(data)
    subs = a[a["plan"] == "subscription"]
    by_year = nps_by(subs, "year")["nps"]
    expected = float(by_year[2] - by_year[1])
    overall = nps_by(a, "year")["nps"]
    mean_score = subs.groupby("year")["nps"].mean()
    return Check(
        "2.5 subscribers' NPS change",
        expected=expected,
        rtol=0,
        atol=0.05,
        mistakes=(
            Mistake(
                "overall_change",
                "that is the change of all customers together. Filter the subscribers first.",
                answer=float(overall[2] - overall[1]),
            ),
            Mistake(
                "mean_score",
                "you compared mean scores (0-10). NPS is % promoters minus % detractors.",
                answer=float(mean_score[2] - mean_score[1]),
            ),
            Mistake(
                "year1_minus_year2",
                "you subtracted the wrong way round: the change is year 2 minus year 1.",
                answer=-expected,
            ),
        ),
        hints=(
            "Keep answers of customers on the subscription plan, years 1 and 2.",
            "nps_by(..., 'year') gives one NPS per year; subtract.",
        ),
        success=f"Subscribers' NPS changed by {expected:+.1f} points while the overall NPS "
        f"changed by {overall[2] - overall[1]:+.1f}: the total hid the fall.",
        reveal="s = nps_by(answers[answers['plan'] == 'subscription'], 'year')['nps']; s[2] - s[1]",
    )


def _key_at_mix(data: ExerciseData, using: Any) -> Check:
    a = _years(data)
    mix = nps_at_mix(a, "plan", "year", base=1)
    expected = float(mix.loc[2, "at_base_mix"])
    by = nps_by(a, ["year", "plan"])["nps"]
    return Check(
        "2.6 year 2 at year 1's mix",
        expected=expected,
        rtol=0,
        atol=0.05,
        mistakes=(
            Mistake(
                "reported",
                "that is the NPS as reported for year 2, at year 2's own mix. Weight year 2's "
                "plan NPS by year 1's shares of the answers.",
                answer=float(mix.loc[2, "reported"]),
            ),
            Mistake(
                "unweighted",
                "you averaged the plans' NPS with equal weights. Use each plan's share of "
                "year 1's answers as its weight.",
                answer=float(by.loc[2].mean()),
            ),
            Mistake(
                "year1_reported",
                "that is year 1's NPS. Keep year 1's mix, but year 2's NPS per plan.",
                answer=float(mix.loc[1, "reported"]),
            ),
        ),
        hints=(
            "Two ingredients: each plan's NPS in year 2, and each plan's share of year 1's "
            "answers.",
            "The weighted sum of the first with the second is the NPS at year 1's mix.",
        ),
        success=f"At year 1's mix year 2 scores {expected:+.1f}, against "
        f"{mix.loc[2, 'reported']:+.1f} reported: the difference is the mix effect, who "
        "answered rather than how customers felt.",
        reveal="nps_at_mix(answers[answers['year'].isin([1, 2])], 'plan', 'year', base=1)"
        ".loc[2, 'at_base_mix']",
    )


# ---------------------------------------------------------------------------------------------
# 2.7 margin of error and 2.8 the sampling plan
# ---------------------------------------------------------------------------------------------


def _key_margin(data: ExerciseData, using: Any) -> Check:
    a = _answers(data)
    quarter = a["sent_at"].dt.to_period("Q")
    last = a[quarter == quarter.max()]
    counts = nps_by(last.assign(q=1), "q").iloc[0]
    expected = float(counts["margin"])
    pro, pas, det = (int(counts[c]) for c in ("promoters", "passives", "detractors"))
    s = data.table("surveys")
    sent_q = s[
        (s["touchpoint"] == "relationship") & (s["sent_at"].dt.to_period("Q") == quarter.max())
    ]
    unanswered = len(sent_q) - (pro + pas + det)
    last_month = a[a["month"] == a["month"].max()]
    lm = nps_by(last_month.assign(q=1), "q").iloc[0]
    return Check(
        "2.7 margin of error, last quarter",
        expected=expected,
        rtol=0,
        atol=0.05,
        mistakes=(
            Mistake(
                "one_standard_error",
                "that is one standard error (about 68 % confidence). The task asks for 95 %.",
                answer=float(kpi.nps_margin_of_error(pro, pas, det, confidence=0.6826894921370859)),
            ),
            Mistake(
                "unanswered_as_passives",
                "you counted the unanswered invitations as passives. Only answers count.",
                answer=float(kpi.nps_margin_of_error(pro, pas + max(unanswered, 0), det)),
            ),
            Mistake(
                "last_month",
                "you took the last month only. The task asks for the last quarter.",
                answer=float(lm["margin"]),
            ),
        ),
        hints=(
            "Count promoters, passives and detractors among the answers of the last quarter.",
            "kpi.nps_margin_of_error(promoters, passives, detractors) gives the 95 % margin.",
        ),
        success=f"The last quarter's NPS is good to about ±{expected:.1f} points: a change "
        "smaller than that is not news.",
        reveal="kpi.nps_margin_of_error(promoters, passives, detractors) on the last quarter's "
        "answers",
    )


def _key_plan(data: ExerciseData, using: Any) -> Check:
    s = data.table("surveys")
    keep = cap_invitations(s, limit=1, days=30)
    expected = int(keep.sum())
    ordered = s.sort_values(["customer_id", "sent_at"], kind="stable")
    gap = ordered.groupby("customer_id", observed=True)["sent_at"].diff()
    alone = int((gap.isna() | (gap > pd.Timedelta(days=30))).sum())
    month = s["sent_at"].dt.to_period("M")
    per_month = int(s.groupby([s["customer_id"].astype(str), month]).ngroups)
    return Check(
        "2.8 invitations under the cap",
        expected=expected,
        rtol=0,
        atol=0,
        mistakes=(
            Mistake(
                "filtered_on_all_invitations",
                "you dropped every invitation that had another one in the 30 days before. But "
                "the earlier one may itself have been dropped: count only invitations the plan "
                "keeps (cap_invitations does this in time order).",
                answer=alone,
            ),
            Mistake(
                "calendar_month",
                "you kept one invitation per customer and calendar month. Two invitations on "
                "31 March and 1 April are one day apart: the cap is any 30 days.",
                answer=per_month,
            ),
        ),
        hints=(
            "Go through each customer's invitations in time order; send one if nothing was "
            "sent to that customer in the 30 days before.",
            "cap_invitations(surveys, limit=1, days=30) returns True for the ones sent.",
        ),
        success=f"The plan sends {expected:,} of {len(s):,} invitations "
        f"({expected / len(s):.0%}); nobody is asked twice within 30 days.",
        reveal="int(cap_invitations(surveys, limit=1, days=30).sum())",
    )


# ---------------------------------------------------------------------------------------------
# 2.9 onboarding
# ---------------------------------------------------------------------------------------------


def _onboarding(data: ExerciseData) -> pd.DataFrame:
    j = data.table("journey_events")
    c = data.table("customers")
    signed = j.loc[j["event"] == "signed_up", ["customer_id", "occurred_at"]]
    done = set(j.loc[j["event"] == "onboarding_completed", "customer_id"])
    new = signed.merge(c[["customer_id", "churned_at"]], on="customer_id")
    new["onboarded"] = new["customer_id"].isin(done)
    new["left90"] = (new["churned_at"] - new["occurred_at"]) < pd.Timedelta(days=90)
    new["complete"] = new["occurred_at"] <= j["occurred_at"].max() - pd.Timedelta(days=90)
    return new


def _key_onboarding(data: ExerciseData, using: Any) -> Check:
    n = _onboarding(data)
    full = n[n["complete"]]
    expected = float(full.loc[~full["onboarded"], "left90"].mean())
    onboarded = float(full.loc[full["onboarded"], "left90"].mean())
    return Check(
        "2.9 early cancellations without onboarding",
        expected=expected,
        mistakes=(
            Mistake(
                "onboarded_group",
                "that is the rate of customers who *did* complete onboarding.",
                answer=onboarded,
            ),
            Mistake(
                "recent_signups_included",
                "you kept customers who signed up less than 90 days before the data ends: "
                "they have not had 90 days to cancel yet.",
                answer=float(n.loc[~n["onboarded"], "left90"].mean()),
            ),
            Mistake(
                "everyone",
                "you took all new customers. Compare the group that did not complete onboarding.",
                answer=float(full["left90"].mean()),
            ),
        ),
        hints=(
            "Start from the signed_up events; a customer is onboarded if an "
            "onboarding_completed event exists.",
            "Keep sign-ups at least 90 days before the last event; cancelled within 90 days: "
            "churned_at - signup < 90 days.",
        ),
        success=f"{_pct(expected)} of customers without onboarding cancelled within 90 days, "
        f"against {_pct(onboarded)} of those with it: the stage nobody measured matters.",
        reveal="new[~new['onboarded']]['left90'].mean() on sign-ups with 90 days of data",
    )


# ---------------------------------------------------------------------------------------------
# 2.10 and 2.11 the discount campaign
# ---------------------------------------------------------------------------------------------


def _offices(data: ExerciseData) -> dict:
    def compute() -> dict:
        camp = data.table("campaigns")
        start = camp["starts_on"].iloc[0].to_period("M")
        c = data.table("customers")
        bus = c[c["segment"] == "business"].copy()
        bus["cohort"] = bus["signup_at"].dt.to_period("M")
        d = _delivered(data)
        orders = d[d["segment"] == "business"]
        return {"start": start, "bus": bus, "orders": orders}

    return data.cached("offices", compute)


def _key_cohort(data: ExerciseData, using: Any) -> Check:
    o = _offices(data)
    bus, start = o["bus"], o["start"]
    half_year = pd.Timedelta(days=183)
    left = (bus["churned_at"] - bus["signup_at"]) <= half_year
    cohort = bus["cohort"] == start
    expected = float(left[cohort].mean())
    first = o["orders"]["month"].min()
    others = bus[(bus["cohort"] >= first) & ~cohort]
    return Check(
        "2.10 campaign cohort cancellations",
        expected=expected,
        mistakes=(
            Mistake(
                "all_offices",
                "you took every office. The cohort is the offices that signed up in the "
                "campaign month.",
                answer=float(left.mean()),
            ),
            Mistake(
                "other_cohorts",
                "that is the rate of the other offices signing up in the data, the comparison "
                "group. The task asks for the campaign cohort.",
                answer=float(left[others.index].mean()),
            ),
            Mistake(
                "count_not_share",
                "you gave a count. The task asks for the share of the cohort.",
                answer=int(left[cohort].sum()),
            ),
        ),
        hints=(
            "The cohort: business customers whose signup_at falls in the campaign month.",
            "Cancelled within six months: churned_at - signup_at <= 183 days.",
        ),
        success=f"{_pct(expected)} of the offices won by the offer cancelled within six months, "
        f"against {_pct(float(left[others.index].mean()))} of the other new offices.",
        reveal="left = (bus['churned_at'] - bus['signup_at']) <= pd.Timedelta(days=183); "
        "left[bus['cohort'] == campaign_month].mean()",
    )


def _key_bonus(data: ExerciseData, using: Any) -> Check:
    o = _offices(data)
    bus, start, orders = o["bus"], o["start"], o["orders"]
    cohort = bus[bus["cohort"] == start]
    own = orders.merge(
        cohort[["customer_id", "cohort", "signup_at", "churned_at"]], on="customer_id"
    )
    first3 = own[own["month"] <= own["cohort"] + 2]
    kept = first3["churned_at"].isna() | (
        first3["churned_at"] >= first3["signup_at"] + pd.DateOffset(months=6)
    )
    expected = float(BONUS_RATE * first3.loc[kept, "amount"].sum())
    revenue_only = float(BONUS_RATE * first3["amount"].sum())
    red = data.table("campaign_redemptions").set_index("order_id")["list_amount"]
    list_amount = first3["order_id"].map(red).fillna(first3["amount"])
    return Check(
        "2.11 bonus on offices kept",
        expected=expected,
        rtol=0,
        atol=0.5,
        mistakes=(
            Mistake(
                "revenue_only",
                "that is the revenue-only bonus. Count only offices still customers six months "
                "after signing up.",
                answer=revenue_only,
            ),
            Mistake(
                "list_price",
                "you used the list price from campaign_redemptions. The bonus is on the revenue "
                "actually invoiced (orders.amount, after the discount).",
                answer=float(BONUS_RATE * list_amount[kept].sum()),
            ),
            Mistake(
                "all_months",
                "you counted the offices' revenue over all months. The bonus is on their first "
                "three months (the campaign month and the two after).",
                answer=float(
                    BONUS_RATE
                    * own.loc[
                        own["churned_at"].isna()
                        | (own["churned_at"] >= own["signup_at"] + pd.DateOffset(months=6)),
                        "amount",
                    ].sum()
                ),
            ),
        ),
        hints=(
            "The cohort's delivered orders in its first three months, then keep the offices "
            "still customers six months after signup_at.",
            f"The bonus is {BONUS_RATE:.0%} of that revenue, in pounds.",
        ),
        success=f"Paid on offices kept, the campaign earns £{expected:,.0f} instead of "
        f"£{revenue_only:,.0f}: the incentive now rewards customers who stay.",
        reveal="0.05 * first_quarter.loc[stayed, 'amount'].sum() for the campaign cohort",
    )


# ---------------------------------------------------------------------------------------------
# 2.12 a customer objective in your scorecard
# ---------------------------------------------------------------------------------------------


def _key_objective(data: ExerciseData, using: Any) -> Check:
    return perspective_objective_check(
        data,
        "2.12 a customer objective",
        "customer",
        label="customer",
        choice="Customer",
        hints=(
            "Perspective Customer; a measure from this module (on-time delivery rate, "
            "first-contact resolution rate, NPS, repeat-order rate).",
            "Fill in target, deadline and owner until the five criteria pass, then Save.",
        ),
        success="Your scorecard file now holds a customer objective with a target, a deadline "
        "and an owner - the customer perspective of the scorecard you take home.",
        reveal="Perspective Customer, measure first-contact resolution rate, Increase to 80 %, "
        "deadline in 12 months, owner Head of Customer Service. Then Save.",
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "2.1", "on time in the promised window", 9, "value propositions to measures", _key_window
    ),
    Exercise(
        "2.2",
        "first-contact resolution, reopen rule",
        7,
        "value propositions to measures",
        _key_fcr,
    ),
    Exercise(
        "2.3", "where perceived quality fell", 10, "perceived versus actual quality", _key_nps_fall
    ),
    Exercise(
        "2.4",
        "early drops after the change",
        7,
        "perceived versus actual quality",
        _key_early_share,
    ),
    Exercise(
        "2.5", "subscribers' NPS change", 8, "segments by client type", _key_subscriber_change
    ),
    Exercise("2.6", "NPS at last year's mix", 10, "segments by client type", _key_at_mix),
    Exercise("2.7", "margin of error of an NPS", 8, "voice of the customer", _key_margin),
    Exercise("2.8", "a sampling plan that caps the burden", 8, "voice of the customer", _key_plan),
    Exercise(
        "2.9", "the unmeasured journey stage", 10, "journey stages and measures", _key_onboarding
    ),
    Exercise("2.10", "the campaign cohort", 8, "revenue versus loyalty", _key_cohort),
    Exercise("2.11", "a bonus on revenue that stays", 9, "revenue versus loyalty", _key_bonus),
    Exercise("2.12", "a customer objective in your scorecard", 6, "your scorecard", _key_objective),
)
"""Module 2's exercises in notebook order, with their minutes (the one source of timings)."""
