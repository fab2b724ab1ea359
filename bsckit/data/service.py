"""Homeats post-sale service: support tickets, returns and refunds.

Quality complaints realise the plan's monthly count (chain ``defects_to_complaints``); late and
failed deliveries, returns, replacements and billing disputes add the rest. Response times follow
the month's staffing, first-contact resolution follows agents' training the month before (chain
``training_to_fcr``) and is lower for agents who have not reached competency yet
(``competency_to_fcr``).

Examples
--------
>>> TICKET_TYPES
('complaint', 'return', 'billing', 'repair/replacement')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .chains import CHAIN_BY_ID
from .drivers import BURN_IN, Calendar, make_ids

__all__ = ["TICKET_TYPES", "returns", "tickets"]

TICKET_TYPES = ("complaint", "return", "billing", "repair/replacement")
RETURN_TARGET_DAYS = 3


def _choose(rng: np.random.Generator, mask: np.ndarray, p: float) -> np.ndarray:
    return np.flatnonzero(mask & (rng.random(len(mask)) < p))


def tickets(
    cal: Calendar,
    plan: pd.DataFrame,
    orders: pd.DataFrame,
    invoice_rows: pd.DataFrame,
    staff: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Support tickets with response, resolution, first-contact resolution and agent."""
    rep = plan.iloc[BURN_IN:]
    delivered = orders["delivered_at"].to_numpy()
    promised = orders["promised_at"].to_numpy()
    ok = ~np.isnat(delivered)
    order_m = cal.month_index(orders["ordered_at"].to_numpy())
    parts = []
    # Quality complaints: exactly the plan's count per month of the order.
    quality = []
    for i in range(cal.n):
        pool = np.flatnonzero(ok & (order_m == i))
        k = min(int(rep["quality_complaints"].iat[i]), len(pool))
        quality.append(rng.choice(pool, size=k, replace=False))
    quality = np.sort(np.concatenate(quality)) if quality else np.array([], int)
    parts.append((quality, "complaint", "food quality"))
    late = ok & (delivered > promised)
    parts.append((_choose(rng, late, 0.2), "complaint", "late delivery"))
    parts.append((_choose(rng, ~ok, 0.6), "complaint", "missed delivery"))
    parts.append((_choose(rng, ok, 0.002), "complaint", "other"))
    parts.append((_choose(rng, ok, 0.006), "return", "wrong item"))
    parts.append((_choose(rng, ok, 0.004), "return", "damaged packaging"))
    parts.append((_choose(rng, ok, 0.005), "repair/replacement", "damaged meal replaced"))
    parts.append((_choose(rng, ok, 0.003), "repair/replacement", "cool box repair"))
    parts.append((_choose(rng, np.ones(len(orders), bool), 0.003), "billing", "payment query"))
    idx = np.concatenate([p[0] for p in parts])
    ttype = np.concatenate([np.full(len(p[0]), p[1], dtype=object) for p in parts])
    topic = np.concatenate([np.full(len(p[0]), p[2], dtype=object) for p in parts])
    base_time = np.where(ok[idx], delivered[idx], promised[idx]).astype("datetime64[m]")
    opened = base_time + np.round(rng.lognormal(np.log(6 * 60), 1.0, len(idx))).astype(
        "timedelta64[m]"
    )
    customer = orders["customer_id"].to_numpy()[idx]
    order_id = orders["order_id"].to_numpy()[idx].astype(object)
    # Billing disputes from invoices with errors.
    err = invoice_rows[invoice_rows["billing_error"]]
    disputed = err[rng.random(len(err)) < 0.7]
    b_open = disputed["issued_on"].to_numpy().astype("datetime64[m]") + rng.integers(
        3 * 1440, 20 * 1440, len(disputed)
    ).astype("timedelta64[m]")
    opened = np.concatenate([opened, b_open])
    customer = np.concatenate([customer, disputed["customer_id"].to_numpy()])
    order_id = np.concatenate([order_id, disputed["order_id"].to_numpy().astype(object)])
    invoice_id = np.concatenate(
        [np.full(len(idx), None, dtype=object), disputed["invoice_id"].to_numpy().astype(object)]
    )
    ttype = np.concatenate([ttype, np.full(len(disputed), "billing", dtype=object)])
    topic = np.concatenate([topic, np.full(len(disputed), "invoice error", dtype=object)])
    keep = opened < cal.end.astype("datetime64[m]")
    opened, customer, order_id, invoice_id, ttype, topic = (
        a[keep] for a in (opened, customer, order_id, invoice_id, ttype, topic)
    )
    n = len(opened)
    month = cal.month_index(opened)
    # Agents on duty in the month.
    agents = staff[staff["role"] == "support agent"]
    a_ids = agents["employee_id"].to_numpy()
    a_hired = agents["hired_on"].to_numpy()
    a_exit = agents["exited_on"].to_numpy()
    a_ready = a_hired + agents["time_to_competency_days"].to_numpy().astype("timedelta64[D]")
    agent = np.empty(n, dtype=np.int64)
    for i in range(cal.n):
        here = np.flatnonzero(month == i)
        mid = cal.starts[i] + np.timedelta64(14, "D")
        on = np.flatnonzero((a_hired <= mid) & (np.isnat(a_exit) | (a_exit > mid)))
        if len(on) == 0:
            on = np.arange(len(a_ids))
        agent[here] = on[rng.integers(len(on), size=len(here))]
    novice = opened.astype("datetime64[D]") < a_ready[agent]
    link = CHAIN_BY_ID["competency_to_fcr"]
    p_fcr = np.clip(rep["fcr"].to_numpy()[month] + link.size * novice, 0.05, 0.98)
    fcr = rng.random(n) < p_fcr
    resp_h = rep["response_hours"].to_numpy()[month] * np.exp(rng.normal(0, 0.6, n))
    first = opened + np.round(resp_h * 60).astype("timedelta64[m]")
    extra = np.where(fcr, rng.integers(2, 30, n), np.round(rng.lognormal(np.log(48 * 60), 0.8, n)))
    resolved = first + extra.astype(np.int64).astype("timedelta64[m]")
    reopened = rng.random(n) < np.where(fcr, 0.04, 0.12)
    channel = np.array(["phone", "email", "chat", "app"], dtype=object)[
        np.searchsorted([0.35, 0.65, 0.9], rng.random(n))
    ]
    order = np.lexsort((customer, opened))
    out = (
        pd.DataFrame(
            {
                "customer_id": customer,
                "order_id": pd.Series(order_id, dtype="str"),
                "invoice_id": pd.Series(invoice_id, dtype="str"),
                "type": ttype,
                "topic": topic,
                "channel": channel,
                "opened_at": opened,
                "first_response_at": first,
                "resolved_at": resolved,
                "first_contact_resolved": fcr,
                "reopened": reopened,
                "agent_id": a_ids[agent],
            }
        )
        .iloc[order]
        .reset_index(drop=True)
    )
    out.insert(0, "ticket_id", make_ids("T", n, 6))
    return out


def returns(
    cal: Calendar, ticket_rows: pd.DataFrame, orders: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Returns (type return) and refunds (most quality and missed-delivery complaints)."""
    is_return = ticket_rows["type"] == "return"
    refund_topics = ticket_rows["topic"].isin(["food quality", "missed delivery"])
    refund = refund_topics & (rng.random(len(ticket_rows)) < 0.7)
    rows = ticket_rows[is_return | refund]
    n = len(rows)
    amount = orders.set_index("order_id")["amount"].reindex(rows["order_id"]).to_numpy()
    kind = np.where(rows["type"] == "return", "return", "refund")
    share = np.where(kind == "return", 1.0, rng.choice([0.3, 0.5, 1.0], n))
    requested = rows["opened_at"].to_numpy().astype("datetime64[m]")
    days = rng.lognormal(np.log(2.0), 0.6, n)
    processed = requested + np.round(days * 1440).astype("timedelta64[m]")
    processed = np.where(
        processed < cal.end.astype("datetime64[m]"), processed, np.datetime64("NaT")
    )
    return pd.DataFrame(
        {
            "return_id": [f"R{i + 1:05d}" for i in range(n)],
            "ticket_id": rows["ticket_id"].to_numpy(),
            "order_id": rows["order_id"].to_numpy(),
            "customer_id": rows["customer_id"].to_numpy(),
            "kind": kind,
            "reason": rows["topic"].to_numpy(),
            "requested_at": requested,
            "processed_at": processed,
            "refund_amount": np.round(amount * share, 2),
            "handling_cost": np.round(rng.uniform(3, 12, n) + (kind == "return") * 6.5, 2),
        }
    )
