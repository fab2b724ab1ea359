"""Customer journey events: from sign-up to recommending Homeats (module 2, topic 5).

For every customer who signed up in the period, one row per journey milestone reached:

=============  ========================  ==================================================
stage          event                     when
=============  ========================  ==================================================
acquisition    ``signed_up``             the sign-up time
onboarding     ``onboarding_completed``  taste profile and delivery instructions set up
                                         (households) or the kick-off call held (offices)
first order    ``first_order``           the customer's first order
repeat         ``repeat_order``          the customer's second order
advocacy       ``referral_sent``         a referral link shared (after the third order)
=============  ========================  ==================================================

The plant: customers who complete onboarding stay. A customer still a customer 90 days after
signing up completed onboarding with probability ``ONBOARDED_IF_STAYED``; one who cancelled
within 90 days with probability ``ONBOARDED_IF_LEFT``. The generator draws it that way round
(stay first, onboarding second), so the data show an association, and the story (customers who
set up their profile get meals they like and stay) is the causal reading a lesson may offer but
the data alone cannot prove.

Examples
--------
>>> JOURNEY_STAGES
('acquisition', 'onboarding', 'first order', 'repeat', 'advocacy')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .drivers import Calendar, make_ids

__all__ = [
    "JOURNEY_EVENTS",
    "JOURNEY_STAGES",
    "ONBOARDED_IF_LEFT",
    "ONBOARDED_IF_STAYED",
    "REFERRAL_SHARE",
    "journey_events",
]

JOURNEY_STAGES = ("acquisition", "onboarding", "first order", "repeat", "advocacy")
JOURNEY_EVENTS = {
    "signed_up": "acquisition",
    "onboarding_completed": "onboarding",
    "first_order": "first order",
    "repeat_order": "repeat",
    "referral_sent": "advocacy",
}
ONBOARDED_IF_STAYED = 0.8
ONBOARDED_IF_LEFT = 0.3
REFERRAL_SHARE = 0.12
STAY_DAYS = 90


def journey_events(
    cal: Calendar, customers: pd.DataFrame, orders: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """One row per journey event of the customers who signed up in the period."""
    begin = cal.begin.astype("datetime64[m]")
    end = cal.end.astype("datetime64[m]")
    cust = customers[customers["signup_at"].to_numpy() >= begin]
    ids = cust["customer_id"].astype(str).to_numpy()
    signup = cust["signup_at"].to_numpy().astype("datetime64[m]")
    churned = cust["churned_at"].to_numpy().astype("datetime64[m]")
    stay = np.timedelta64(STAY_DAYS * 1440, "m")
    left_early = ~np.isnat(churned) & (churned < signup + stay)
    p = np.where(left_early, ONBOARDED_IF_LEFT, ONBOARDED_IF_STAYED)
    onboarded = rng.random(len(cust)) < p
    days = np.clip(rng.lognormal(np.log(2.5), 0.9, len(cust)), 0.05, 40)
    onboard_at = signup + np.round(days * 1440).astype("timedelta64[m]")
    onboarded &= onboard_at < end
    if not np.isnat(churned).all():
        onboarded &= np.isnat(churned) | (onboard_at < churned)
    frames = [
        pd.DataFrame({"customer_id": ids, "event": "signed_up", "occurred_at": signup}),
        pd.DataFrame(
            {
                "customer_id": ids[onboarded],
                "event": "onboarding_completed",
                "occurred_at": onboard_at[onboarded],
            }
        ),
    ]
    own = orders[orders["customer_id"].isin(set(ids))].sort_values(
        ["customer_id", "ordered_at", "order_id"], kind="stable"
    )
    rank = own.groupby("customer_id", sort=False).cumcount().to_numpy()
    for event, r in (("first_order", 0), ("repeat_order", 1)):
        rows = own[rank == r]
        frames.append(
            pd.DataFrame(
                {
                    "customer_id": rows["customer_id"].astype(str).to_numpy(),
                    "event": event,
                    "occurred_at": rows["ordered_at"].to_numpy().astype("datetime64[m]"),
                    "order_id": rows["order_id"].astype(str).to_numpy(),
                }
            )
        )
    third = own[rank == 2]
    refer = third[rng.random(len(third)) < REFERRAL_SHARE]
    ref_at = refer["ordered_at"].to_numpy().astype("datetime64[m]") + np.round(
        rng.uniform(1, 30, len(refer)) * 1440
    ).astype("timedelta64[m]")
    ok = ref_at < end
    frames.append(
        pd.DataFrame(
            {
                "customer_id": refer["customer_id"].astype(str).to_numpy()[ok],
                "event": "referral_sent",
                "occurred_at": ref_at[ok],
            }
        )
    )
    out = pd.concat(frames, ignore_index=True)
    out["stage"] = out["event"].map(JOURNEY_EVENTS)
    out["order_id"] = out["order_id"].astype(object).where(out["order_id"].notna(), None)
    rank_event = out["event"].map({e: i for i, e in enumerate(JOURNEY_EVENTS)})
    order = np.lexsort(
        (rank_event.to_numpy(), out["customer_id"].to_numpy(), out["occurred_at"].to_numpy())
    )
    out = out.iloc[order].reset_index(drop=True)
    out.insert(0, "event_id", make_ids("J", len(out), 6))
    out["order_id"] = out["order_id"].astype("str")
    return out[["event_id", "customer_id", "stage", "event", "occurred_at", "order_id"]]
