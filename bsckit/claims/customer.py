"""Claims of module 2, customer (``notebooks/02_customer.ipynb``).

Each function checks one sentence the lesson states as fixed text, marked ``(claim 2.N)``.
The planted effects behind them are described in :mod:`bsckit.data.courier`,
:mod:`bsckit.data.voice`, :mod:`bsckit.data.journeys` and :mod:`bsckit.data.campaign`.

Examples
--------
>>> from bsckit.claims import get_claim
>>> get_claim("2.1").needs
('orders',)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bsckit.claims.registry import Evidence, Verdict, claim
from bsckit.customer import (
    delivery_offset_minutes,
    nps_at_mix,
    nps_by,
    relationship_answers,
    survey_burden,
)
from bsckit.data.courier import COURIER_KITCHEN, EARLY_LIMIT_MINUTES

__all__ = [
    "campaign_cohort_cancels_more",
    "campaign_cohort_tops_first_quarter_revenue",
    "campaign_lifts_business_revenue",
    "courier_kitchen_best_on_time",
    "courier_kitchen_drops_early",
    "courier_kitchen_nps_falls_most",
    "early_drops_score_lower",
    "mix_effect_hides_a_fall",
    "not_onboarded_cancel_more",
    "recent_invitation_lowers_response",
    "retention_condition_cuts_campaign_bonus",
    "subscriber_share_rises",
    "subscribers_fall_more_than_overall",
]


def _change(ev: Evidence) -> pd.Period:
    """First month after the courier change: the month the courier kitchen's early drops start."""

    def compute() -> pd.Period:
        o = ev.tables["orders"]
        early = delivery_offset_minutes(o) < -EARLY_LIMIT_MINUTES
        here = o[early & (o["kitchen_id"].astype(str) == COURIER_KITCHEN)]
        month = o["ordered_at"].dt.to_period("M")
        return here["ordered_at"].dt.to_period("M").min() if len(here) else month.max()

    return ev.cached("2:change", compute)


def _orders(ev: Evidence) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        o = ev.tables["orders"]
        o = o[o["status"] == "delivered"].copy()
        o["offset"] = delivery_offset_minutes(o)
        o["after"] = o["ordered_at"].dt.to_period("M") >= _change(ev)
        o["kitchen_id"] = o["kitchen_id"].astype(str)
        return o

    return ev.cached("2:orders", compute)


def _answers(ev: Evidence) -> pd.DataFrame:
    return ev.cached(
        "2:answers", lambda: relationship_answers(ev.tables["surveys"], ev.tables["customers"])
    )


@claim(
    "2.1",
    module=2,
    needs=("orders",),
    sentence="After the courier change, the kitchen that changed couriers has the best on-time "
    "rate of the four kitchens by the catalogue's rule (delivered by the promised time).",
)
def courier_kitchen_best_on_time(ev: Evidence) -> Verdict:
    o = _orders(ev)
    after = o[o["after"]]
    rate = (after["offset"] <= 0).groupby(after["kitchen_id"]).mean()
    gap = rate[COURIER_KITCHEN] - rate.drop(COURIER_KITCHEN).max()
    return Verdict(gap > 0, gap, "on-time rate of the courier kitchen minus the best other one")


@claim(
    "2.2",
    module=2,
    needs=("orders",),
    sentence="After the change, more than a quarter of that kitchen's deliveries arrive more than "
    "45 minutes before the slot starts; in every other kitchen fewer than 1 in 100 do.",
)
def courier_kitchen_drops_early(ev: Evidence) -> Verdict:
    o = _orders(ev)
    after = o[o["after"]]
    share = (after["offset"] < -EARLY_LIMIT_MINUTES).groupby(after["kitchen_id"]).mean()
    others = share.drop(COURIER_KITCHEN).max()
    return Verdict(
        share[COURIER_KITCHEN] > 0.25 and others < 0.01,
        share[COURIER_KITCHEN],
        f"early share in the courier kitchen (others at most {others:.3f})",
    )


@claim(
    "2.3",
    module=2,
    needs=("orders", "surveys", "customers"),
    sentence="The NPS of that kitchen's customers fell by more than 10 points from before the "
    "change to after it, more than any other kitchen's NPS.",
)
def courier_kitchen_nps_falls_most(ev: Evidence) -> Verdict:
    a = _answers(ev).assign(after=lambda d: d["month"] >= _change(ev))
    t = nps_by(a, ["kitchen_id", "after"])["nps"].unstack()
    fall = t[True] - t[False]
    own = fall[COURIER_KITCHEN]
    return Verdict(
        own < -10 and own < fall.drop(COURIER_KITCHEN).min(),
        own,
        "NPS change of the courier kitchen's customers, after minus before",
    )


@claim(
    "2.4",
    module=2,
    needs=("orders", "surveys"),
    sentence="Delivery CSAT of orders left more than 45 minutes early averages at least one point "
    "below that of the other delivered orders.",
)
def early_drops_score_lower(ev: Evidence) -> Verdict:
    o = _orders(ev)
    s = ev.tables["surveys"]
    d = s[(s["touchpoint"] == "delivery") & s["csat"].notna()]
    early = d["order_id"].map(o.set_index("order_id")["offset"]) < -EARLY_LIMIT_MINUTES
    scores = d["csat"].astype(float)
    gap = scores[~early].mean() - scores[early].mean()
    return Verdict(gap >= 1, gap, "mean delivery CSAT, other orders minus early drops")


def _years(ev: Evidence) -> pd.DataFrame:
    return _answers(ev)[lambda d: d["year"].isin([1, 2])]


@claim(
    "2.5",
    module=2,
    needs=("surveys", "customers"),
    sentence="From year 1 to year 2 the subscribers' share of the relationship-survey answers "
    "rose by more than 10 percentage points.",
)
def subscriber_share_rises(ev: Evidence) -> Verdict:
    a = _years(ev)
    share = (a["plan"] == "subscription").groupby(a["year"]).mean()
    rise = 100 * (share.get(2, np.nan) - share.get(1, np.nan))
    return Verdict(rise > 10, rise, "subscribers' share of answers, year 2 minus year 1, points")


@claim(
    "2.6",
    module=2,
    needs=("surveys", "customers"),
    sentence="At year 1's mix of respondents, year 2's NPS is at least 5 points below the NPS "
    "reported for year 2.",
)
def mix_effect_hides_a_fall(ev: Evidence) -> Verdict:
    t = nps_at_mix(_years(ev), "plan", "year", base=1)
    gap = t.loc[2, "reported"] - t.loc[2, "at_base_mix"]
    return Verdict(gap >= 5, gap, "year-2 NPS reported minus at year-1 mix")


@claim(
    "2.7",
    module=2,
    needs=("surveys", "customers"),
    sentence="Subscribers' NPS fell by at least 5 points more than the overall NPS did.",
)
def subscribers_fall_more_than_overall(ev: Evidence) -> Verdict:
    a = _years(ev)
    overall = nps_by(a, "year")["nps"]
    subs = nps_by(a[a["plan"] == "subscription"], "year")["nps"]
    gap = (subs[2] - subs[1]) - (overall[2] - overall[1])
    return Verdict(gap <= -5, gap, "subscribers' NPS change minus the overall change")


@claim(
    "2.8",
    module=2,
    needs=("surveys",),
    sentence="Touchpoint surveys sent to customers who already had a survey in the previous 30 "
    "days are answered at least 10 percentage points less often than the others.",
)
def recent_invitation_lowers_response(ev: Evidence) -> Verdict:
    s = ev.tables["surveys"]
    burden = survey_burden(s, 30)
    touch = s["touchpoint"] != "relationship"
    answered = s["responded_at"].notna()
    rate = answered[touch].groupby(burden[touch] > 0).mean()
    gap = 100 * (rate[False] - rate[True])
    return Verdict(gap >= 10, gap, "response rate, no recent survey minus recent survey, points")


@claim(
    "2.9",
    module=2,
    needs=("customers", "journey_events"),
    sentence="Customers who did not complete onboarding cancelled within 90 days at least three "
    "times as often as customers who did.",
)
def not_onboarded_cancel_more(ev: Evidence) -> Verdict:
    c = ev.tables["customers"]
    j = ev.tables["journey_events"]
    signed = j.loc[j["event"] == "signed_up", "customer_id"]
    done = set(j.loc[j["event"] == "onboarding_completed", "customer_id"])
    new = c[c["customer_id"].isin(set(signed))]
    end = j["occurred_at"].max()
    new = new[new["signup_at"] <= end - pd.Timedelta(days=90)]
    left = (new["churned_at"] - new["signup_at"]) < pd.Timedelta(days=90)
    onboarded = new["customer_id"].isin(done)
    ratio = left[~onboarded].mean() / max(left[onboarded].mean(), 1e-9)
    return Verdict(ratio >= 3, ratio, "90-day cancellation rate, not onboarded over onboarded")


def _business(ev: Evidence) -> dict:
    def compute() -> dict:
        camp = ev.tables["campaigns"]
        if camp.empty:
            return {}
        start = camp["starts_on"].iloc[0].to_period("M")
        c = ev.tables["customers"]
        bus = c[c["segment"] == "business"].copy()
        bus["cohort"] = bus["signup_at"].dt.to_period("M")
        o = ev.tables["orders"]
        o = o[(o["status"] == "delivered") & (o["segment"] == "business")].copy()
        o["month"] = o["ordered_at"].dt.to_period("M")
        return {"start": start, "bus": bus, "orders": o}

    return ev.cached("2:business", compute)


@claim(
    "2.10",
    module=2,
    needs=("campaigns", "orders"),
    sentence="In the campaign month and the two after, business revenue was at least 15 % above "
    "the three months before.",
)
def campaign_lifts_business_revenue(ev: Evidence) -> Verdict:
    b = _business(ev)
    if not b:
        return Verdict(False, float("nan"), "no campaign in this dataset")
    rev = b["orders"].groupby("month")["amount"].sum()
    s = b["start"]
    during = rev.reindex(pd.period_range(s, s + 2, freq="M")).mean()
    before = rev.reindex(pd.period_range(s - 3, s - 1, freq="M")).mean()
    lift = during / before - 1
    return Verdict(lift >= 0.15, lift, "business revenue, campaign quarter over the quarter before")


@claim(
    "2.11",
    module=2,
    needs=("campaigns", "customers"),
    sentence="Of the offices that signed up in the campaign month, a share at least 15 percentage "
    "points higher cancelled within six months than of the other offices that signed up in the "
    "data.",
)
def campaign_cohort_cancels_more(ev: Evidence) -> Verdict:
    b = _business(ev)
    if not b:
        return Verdict(False, float("nan"), "no campaign in this dataset")
    bus = b["bus"]
    first = ev.tables["orders"]["ordered_at"].min().to_period("M")
    last = ev.tables["orders"]["ordered_at"].max() - pd.Timedelta(days=183)
    new = bus[(bus["cohort"] >= first) & (bus["signup_at"] <= last)]
    left = (new["churned_at"] - new["signup_at"]) <= pd.Timedelta(days=183)
    in_campaign = new["cohort"] == b["start"]
    gap = 100 * (left[in_campaign].mean() - left[~in_campaign].mean())
    return Verdict(gap >= 15, gap, "six-month cancellation, campaign cohort minus others, points")


def _first_quarter_revenue(ev: Evidence, retained_months: int | None = None) -> pd.Series:
    b = _business(ev)
    bus, o = b["bus"], b["orders"]
    first = o["month"].min()
    bus = bus[bus["cohort"] >= first]
    if retained_months is not None:
        cutoff = bus["signup_at"] + pd.DateOffset(months=retained_months)
        bus = bus[bus["churned_at"].isna() | (bus["churned_at"] >= cutoff)]
    o = o.merge(bus[["customer_id", "cohort"]], on="customer_id")
    o = o[(o["month"] >= o["cohort"]) & (o["month"] <= o["cohort"] + 2)]
    return o.groupby("cohort")["amount"].sum()


@claim(
    "2.12",
    module=2,
    needs=("campaigns", "customers", "orders"),
    sentence="The offices won in the campaign month brought more revenue in their first three "
    "months than the offices won in any other month.",
)
def campaign_cohort_tops_first_quarter_revenue(ev: Evidence) -> Verdict:
    b = _business(ev)
    if not b:
        return Verdict(False, float("nan"), "no campaign in this dataset")
    rev = _first_quarter_revenue(ev)
    own = rev.get(b["start"], 0.0)
    ratio = own / rev.drop(b["start"], errors="ignore").max()
    return Verdict(ratio > 1, ratio, "campaign cohort's first-quarter revenue over the best other")


@claim(
    "2.13",
    module=2,
    needs=("campaigns", "customers", "orders"),
    sentence="Counting only offices still customers six months after signing up cuts the "
    "campaign cohort's first-quarter revenue by more than a third.",
)
def retention_condition_cuts_campaign_bonus(ev: Evidence) -> Verdict:
    b = _business(ev)
    if not b:
        return Verdict(False, float("nan"), "no campaign in this dataset")
    all_rev = _first_quarter_revenue(ev).get(b["start"], np.nan)
    kept = _first_quarter_revenue(ev, retained_months=6).get(b["start"], 0.0)
    cut = 1 - kept / all_rev
    return Verdict(cut > 1 / 3, cut, "share of the campaign cohort's revenue lost to the condition")
