"""Homeats voice of the customer: relationship NPS and touchpoint CSAT surveys.

Each row is one survey sent; ``responded_at``, ``nps`` and ``csat`` are empty when the customer
did not answer, so response rates can be measured. The monthly relationship survey goes to a
random sample (16 %) of active customers and realises the plan's promoters, passives and detractors
(chain ``complaints_to_nps``). Support surveys follow each ticket: their CSAT rises when the
ticket was resolved at first contact (``fcr_to_csat``) and falls as the first response takes
longer (``response_time_to_csat``).

Examples
--------
>>> TOUCHPOINTS
('relationship', 'delivery', 'food quality', 'support', 'returns', 'billing')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .chains import CHAIN_BY_ID
from .drivers import _CSAT_BASE, _RESPONSE0, BURN_IN, Calendar, make_ids

__all__ = ["TOUCHPOINTS", "surveys"]

TOUCHPOINTS = ("relationship", "delivery", "food quality", "support", "returns", "billing")


def _csat(rng: np.random.Generator, mean: np.ndarray) -> np.ndarray:
    return np.clip(np.round(mean + rng.normal(0, 0.8, len(mean))), 1, 5).astype(int)


def surveys(
    cal: Calendar,
    plan: pd.DataFrame,
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    ticket_rows: pd.DataFrame,
    return_rows: pd.DataFrame,
    invoice_rows: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """All surveys sent, with the answers of those who responded."""
    rep = plan.iloc[BURN_IN:]
    frames = []
    end = cal.end.astype("datetime64[m]")
    # Relationship NPS.
    signup = customers["signup_at"].to_numpy()
    churned = customers["churned_at"].to_numpy()
    ids = customers["customer_id"].to_numpy()
    nps_sent = rep["nps_sent"].to_numpy()
    nps_counts = rep[["nps_promoters", "nps_passives", "nps_detractors"]].to_numpy()
    who_all, sent_all, nps_all = [], [], []
    for i in range(cal.n):
        start = cal.starts[i].astype("datetime64[m]")
        stop = (cal.months[i] + 1).astype("datetime64[D]").astype("datetime64[m]")
        active = np.flatnonzero((signup < start) & (np.isnat(churned) | (churned >= stop)))
        sent_n = min(int(nps_sent[i]), len(active))
        who = rng.choice(active, size=sent_n, replace=False)
        counts = nps_counts[i]
        counts = np.minimum(counts, sent_n)
        k = min(int(counts.sum()), sent_n)
        scores = np.concatenate(
            [
                rng.choice([9, 10], counts[0], p=[0.45, 0.55]),
                rng.choice([7, 8], counts[1], p=[0.45, 0.55]),
                rng.choice(np.arange(7), counts[2], p=np.array([1, 1, 1, 2, 3, 5, 7]) / 20),
            ]
        )[:k]
        rng.shuffle(scores)
        nps = np.full(sent_n, -1)
        nps[:k] = scores
        who_all.append(who)
        sent_all.append(start + rng.integers(0, 3 * 1440, sent_n).astype("timedelta64[m]"))
        nps_all.append(nps)
    nps = np.concatenate(nps_all)
    frames.append(
        pd.DataFrame(
            {
                "touchpoint": "relationship",
                "customer_id": ids[np.concatenate(who_all)],
                "order_id": None,
                "ticket_id": None,
                "sent_at": np.concatenate(sent_all),
                "responded": nps >= 0,
                "nps": nps,
                "csat": -1,
            }
        )
    )
    # Delivery and food-quality CSAT after a sample of orders.
    delivered = orders["delivered_at"].to_numpy().astype("datetime64[m]")
    ok = ~np.isnat(delivered)
    late_min = (delivered - orders["promised_at"].to_numpy().astype("datetime64[m]")).astype(float)
    month = np.clip(cal.month_index(orders["ordered_at"].to_numpy()), 0, cal.n - 1)
    for touch, share, rate in (("delivery", 0.04, 0.3), ("food quality", 0.03, 0.3)):
        pick = np.flatnonzero(ok & (rng.random(len(orders)) < share))
        if touch == "delivery":
            mean = 4.4 - 1.3 * (late_min[pick] > 0) - 0.01 * np.clip(late_min[pick], 0, 120)
        else:
            mean = 4.2 - 25 * (rep["defect_rate"].to_numpy()[month[pick]] - 0.03)
        frames.append(
            _touch(
                rng,
                touch,
                orders["customer_id"].to_numpy()[pick],
                orders["order_id"].to_numpy()[pick],
                None,
                delivered[pick] + np.timedelta64(120, "m"),
                rate,
                mean,
            )
        )
    # Support CSAT after every ticket; returns CSAT after each processed return.
    opened = ticket_rows["opened_at"].to_numpy().astype("datetime64[m]")
    first = ticket_rows["first_response_at"].to_numpy().astype("datetime64[m]")
    hours = np.maximum((first - opened).astype(float) / 60, 0.05)
    fcr = ticket_rows["first_contact_resolved"].to_numpy()
    mean = (
        _CSAT_BASE
        + CHAIN_BY_ID["fcr_to_csat"].size * fcr
        + CHAIN_BY_ID["response_time_to_csat"].size * np.log2(hours / _RESPONSE0)
        + rep["csat_shock"].to_numpy()[np.clip(cal.month_index(opened), 0, cal.n - 1)]
    )
    frames.append(
        _touch(
            rng,
            "support",
            ticket_rows["customer_id"].to_numpy(),
            ticket_rows["order_id"].to_numpy(),
            ticket_rows["ticket_id"].to_numpy(),
            ticket_rows["resolved_at"].to_numpy().astype("datetime64[m]") + np.timedelta64(60, "m"),
            0.6,
            mean,
        )
    )
    done = return_rows[return_rows["processed_at"].notna()]
    took = (done["processed_at"] - done["requested_at"]).dt.total_seconds().to_numpy() / 86400
    frames.append(
        _touch(
            rng,
            "returns",
            done["customer_id"].to_numpy(),
            done["order_id"].to_numpy(),
            done["ticket_id"].to_numpy(),
            done["processed_at"].to_numpy().astype("datetime64[m]") + np.timedelta64(60, "m"),
            0.4,
            4.4 - 0.35 * took,
        )
    )
    # Billing accuracy CSAT: business accounts once a quarter.
    bus = (customers["segment"] == "business").to_numpy()
    bus_ids = customers["customer_id"].to_numpy()[bus]
    bus_signup = customers["signup_at"].to_numpy()[bus]
    bus_churned = customers["churned_at"].to_numpy()[bus]
    inv_m = np.clip(cal.month_index(invoice_rows["issued_on"].to_numpy()), 0, cal.n - 1)
    for i in range(0, cal.n, 3):
        start = cal.starts[i].astype("datetime64[m]")
        alive = bus_ids[(bus_signup < start) & (np.isnat(bus_churned) | (bus_churned >= start))]
        err = invoice_rows["billing_error"].to_numpy()[(inv_m >= i - 3) & (inv_m < i)]
        rate = err.mean() if len(err) else 0.06
        frames.append(
            _touch(
                rng,
                "billing",
                alive,
                None,
                None,
                np.full(len(alive), start + np.timedelta64(7 * 1440, "m")),
                0.45,
                np.full(len(alive), 4.3 - 8 * rate),
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out = out[out["sent_at"] < end]
    n = len(out)
    answered = out["responded"].to_numpy()
    lag = np.round(rng.lognormal(np.log(18 * 60), 1.0, n)).astype("timedelta64[m]")
    responded_at = out["sent_at"].to_numpy().astype("datetime64[m]") + lag
    answered = answered & (responded_at < end)
    out = out.assign(
        responded_at=np.where(answered, responded_at, np.datetime64("NaT")),
        nps=pd.array(np.where(answered & (out["nps"] >= 0), out["nps"], -1), dtype="Int64"),
        csat=pd.array(np.where(answered & (out["csat"] >= 0), out["csat"], -1), dtype="Int64"),
    )
    out["nps"] = out["nps"].mask(out["nps"] < 0)
    out["csat"] = out["csat"].mask(out["csat"] < 0)
    order = np.lexsort((out["customer_id"].to_numpy().astype(str), out["sent_at"].to_numpy()))
    out = out.iloc[order].reset_index(drop=True)
    out.insert(0, "survey_id", make_ids("S", len(out), 6))
    out["order_id"] = out["order_id"].astype("str")
    out["ticket_id"] = out["ticket_id"].astype("str")
    return out[
        [
            "survey_id",
            "touchpoint",
            "customer_id",
            "order_id",
            "ticket_id",
            "sent_at",
            "responded_at",
            "nps",
            "csat",
        ]
    ]


def _touch(rng, touch, customer, order_id, ticket_id, sent, rate, mean) -> pd.DataFrame:
    n = len(customer)
    answered = rng.random(n) < rate
    return pd.DataFrame(
        {
            "touchpoint": touch,
            "customer_id": customer,
            "order_id": order_id if order_id is not None else None,
            "ticket_id": ticket_id if ticket_id is not None else None,
            "sent_at": sent,
            "responded": answered,
            "nps": -1,
            "csat": np.where(answered, _csat(rng, np.asarray(mean, float)), -1),
        }
    )
