"""Voice of the customer: who answers, survey fatigue, and what early drops do to scores.

Three effects on the ``surveys`` table, applied after :func:`bsckit.data.surveys.surveys` has
drawn it (module 2, topics 2 to 4). None of them changes a month's relationship NPS, so the
planted chains in :mod:`bsckit.data.chains` are untouched.

- **Who answers the relationship survey.** From :func:`app_survey_month` the survey moves from
  e-mail to an in-app prompt: subscribers, who use the app, answer ``APP_PROPENSITY`` times as
  often as before relative to pay-as-you-go households and offices. The month's number of
  answers stays as planned; who gives them changes.
- **Which score each respondent gives.** The month's scores (fixed by the plan) are handed out
  by rank of a latent satisfaction: subscribers sit higher than offices, pay-as-you-go
  households lower (``PLAN_LEVEL``), and a customer who had a delivery left on the doorstep
  well before the slot in the previous ``EARLY_MEMORY_DAYS`` days sits ``EARLY_PENALTY`` lower.
  Because scores go by rank, the shift towards subscribers in the answers pushes every client
  type's NPS down while the overall NPS stays where the plan put it: a Simpson-style mix effect.
- **Survey fatigue.** A touchpoint survey (not the relationship survey) is answered less often
  the more surveys the same customer was sent in the ``FATIGUE_DAYS`` days before: each earlier
  invitation keeps an answer with probability ``FATIGUE_KEEP``.
- Delivery CSAT of an order dropped early is redrawn around ``EARLY_DELIVERY_CSAT``.

Examples
--------
>>> app_survey_month(24), app_survey_month(2)
(12, None)
>>> sorted(PLAN_LEVEL)
['business contract', 'pay as you go', 'subscription']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .courier import EARLY_LIMIT_MINUTES
from .drivers import Calendar

__all__ = [
    "APP_PROPENSITY",
    "EARLY_DELIVERY_CSAT",
    "EARLY_MEMORY_DAYS",
    "EARLY_PENALTY",
    "FATIGUE_DAYS",
    "FATIGUE_KEEP",
    "PLAN_LEVEL",
    "app_survey_month",
    "invitations_before",
    "reshape",
]

APP_PROPENSITY = {"subscription": 3.0, "pay as you go": 0.7, "business contract": 0.7}
PLAN_LEVEL = {"subscription": 0.5, "pay as you go": -0.4, "business contract": 0.1}
EARLY_PENALTY = 1.3
EARLY_MEMORY_DAYS = 60
EARLY_DELIVERY_CSAT = 2.7
FATIGUE_DAYS = 30
FATIGUE_KEEP = 0.6
MIN_MONTHS = 4


def app_survey_month(months: int) -> int | None:
    """First month of the in-app relationship survey (0 = first month), or None if too short."""
    if months < MIN_MONTHS:
        return None
    return months // 2


def invitations_before(customer: np.ndarray, sent: np.ndarray, days: int) -> np.ndarray:
    """For each survey, how many surveys the same customer was sent in the ``days`` before.

    Surveys sent at the same minute are not counted as earlier.

    Examples
    --------
    >>> c = np.array(["a", "a", "b", "a"])
    >>> t = np.array(["2025-01-01", "2025-01-10", "2025-01-11", "2025-03-01"], dtype="datetime64[m]")
    >>> invitations_before(c, t, 30).tolist()
    [0, 1, 0, 0]
    """
    n = len(customer)
    out = np.zeros(n, dtype=np.int64)
    if n == 0:
        return out
    order = np.lexsort((sent, customer))
    c, t = customer[order], sent[order].astype("datetime64[m]").astype(np.int64)
    starts = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
    ends = np.r_[starts[1:], n]
    window = days * 1440
    counts = np.empty(n, dtype=np.int64)
    for s, e in zip(starts, ends, strict=True):
        times = t[s:e]
        lo = np.searchsorted(times, times - window, side="left")
        same = np.searchsorted(times, times, side="left")
        counts[s:e] = same - lo
    out[order] = counts
    return out


def _early_orders(orders: pd.DataFrame) -> pd.DataFrame:
    ahead = (orders["promised_at"] - orders["delivered_at"]).dt.total_seconds() / 60
    return orders.loc[ahead > EARLY_LIMIT_MINUTES, ["order_id", "customer_id", "delivered_at"]]


def reshape(
    surveys: pd.DataFrame,
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    cal: Calendar,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """The surveys with the response mix, score order, early-drop CSAT and fatigue applied."""
    out = surveys.copy()
    end = cal.end.astype("datetime64[m]")
    sent = out["sent_at"].to_numpy().astype("datetime64[m]")
    answered = out["responded_at"].notna().to_numpy().copy()
    resp_at = out["responded_at"].to_numpy().astype("datetime64[m]").copy()
    nps = out["nps"].to_numpy(dtype=float, na_value=np.nan).copy()
    csat = out["csat"].to_numpy(dtype=float, na_value=np.nan).copy()
    touch = out["touchpoint"].astype(str).to_numpy()
    cust = out["customer_id"].astype(str).to_numpy()
    plan_of = dict(
        zip(customers["customer_id"].astype(str), customers["plan"].astype(str), strict=True)
    )
    plan = np.array([plan_of.get(c, "pay as you go") for c in cust], dtype=object)

    # Delivery CSAT of early drops.
    early = _early_orders(orders)
    early_ids = set(early["order_id"].astype(str))
    oid = out["order_id"].astype(str).to_numpy()
    hit = (touch == "delivery") & answered & np.isin(oid, list(early_ids))
    draw = np.clip(np.round(EARLY_DELIVERY_CSAT + rng.normal(0, 0.8, len(out))), 1, 5)
    csat = np.where(hit, draw, csat)

    # Relationship survey: who answers, then who gets which score.
    rel = np.flatnonzero(touch == "relationship")
    month = cal.month_index(sent[rel])
    switch = app_survey_month(cal.n)
    e_cust = early["customer_id"].astype(str).to_numpy()
    e_time = early["delivered_at"].to_numpy().astype("datetime64[m]")
    e_order = np.lexsort((e_time, e_cust))
    e_cust, e_time = e_cust[e_order], e_time[e_order]
    memory = np.timedelta64(EARLY_MEMORY_DAYS * 1440, "m")
    for i in np.unique(month):
        rows = rel[month == i]
        done = answered[rows]
        k = int(done.sum())
        if k == 0:
            continue
        scores = np.sort(nps[rows[done]])
        if switch is not None and i >= switch:
            w = np.array([APP_PROPENSITY[p] for p in plan[rows]])
            chosen = rng.choice(len(rows), size=k, replace=False, p=w / w.sum())
            now = np.zeros(len(rows), dtype=bool)
            now[chosen] = True
            lag = np.round(rng.lognormal(np.log(18 * 60), 1.0, len(rows))).astype("timedelta64[m]")
            fresh = sent[rows] + lag
            keep_old = now & done
            resp_at[rows] = np.where(
                keep_old, resp_at[rows], np.where(now, fresh, np.datetime64("NaT"))
            )
            late = now & (resp_at[rows] >= end)
            resp_at[rows[late]] = np.datetime64("NaT")
            now &= ~late
            if now.sum() < k:
                scores = np.sort(rng.choice(scores, size=int(now.sum()), replace=False))
            done = now
        who = rows[done]
        lo = np.searchsorted(e_cust, cust[who], side="left")
        hi = np.searchsorted(e_cust, cust[who], side="right")
        recent = np.zeros(len(who), dtype=bool)
        for j in np.flatnonzero(hi > lo):
            times = e_time[lo[j] : hi[j]]
            t = sent[who[j]]
            recent[j] = bool(((times < t) & (times >= t - memory)).any())
        level = np.array([PLAN_LEVEL[p] for p in plan[who]])
        key = level - EARLY_PENALTY * recent + rng.normal(0, 1, len(who))
        ranked = np.empty(len(who))
        ranked[np.argsort(key, kind="stable")] = scores
        nps[rows] = np.nan
        nps[who] = ranked
        answered[rows] = done

    # Survey fatigue on touchpoint surveys.
    before = invitations_before(cust, sent, FATIGUE_DAYS)
    keep = rng.random(len(out)) < FATIGUE_KEEP ** before.astype(float)
    drop = (touch != "relationship") & answered & ~keep
    answered &= ~drop
    resp_at = np.where(answered, resp_at, np.datetime64("NaT"))
    csat = np.where(answered & (touch != "relationship"), csat, np.nan)
    nps = np.where(answered & (touch == "relationship"), nps, np.nan)
    out["responded_at"] = resp_at
    out["nps"] = pd.array(np.where(np.isnan(nps), -1, nps).astype(int), dtype="Int64")
    out["nps"] = out["nps"].mask(out["nps"] < 0)
    out["csat"] = pd.array(np.where(np.isnan(csat), -1, csat).astype(int), dtype="Int64")
    out["csat"] = out["csat"].mask(out["csat"] < 0)
    return out
