"""Homeats billing: invoices to business accounts and the payments against them.

Every delivered business order is invoiced a few days after delivery on 30-day terms. Some
invoices carry an error; the customer disputes it, Homeats reissues it and the money arrives
about four weeks late - so the error rate of one month shows up in the receivables (and DSO) at
the end of the next month (chain ``billing_errors_to_dso``).

Examples
--------
>>> ERROR_TYPES[0]
'wrong price'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .drivers import BURN_IN, Calendar, make_ids
from .facts import HOMEATS

__all__ = ["ERROR_TYPES", "invoices", "payments"]

ERROR_TYPES = tuple(HOMEATS["billing_error_types"])


def invoices(
    cal: Calendar,
    plan: pd.DataFrame,
    orders: pd.DataFrame,
    customers: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """One invoice per delivered business order, with its due date and paid date."""
    rep = plan.iloc[BURN_IN:]
    bus = orders[(orders["segment"] == "business") & (orders["status"] == "delivered")]
    n = len(bus)
    delivered = bus["delivered_at"].to_numpy().astype("datetime64[D]")
    issued = delivered + rng.integers(0, 6, n).astype("timedelta64[D]")
    terms = (
        customers.set_index("customer_id")["payment_terms_days"]
        .reindex(bus["customer_id"])
        .to_numpy()
    )
    due = issued + terms.astype("timedelta64[D]")
    month = np.clip(cal.month_index(issued), 0, cal.n - 1)
    error = rng.random(n) < rep["billing_error_rate"].to_numpy()[month]
    delay = np.round(rng.normal(-2, 3, n))
    slow = rng.random(n) < 0.05
    delay = delay + np.where(slow, np.round(rng.lognormal(np.log(20), 0.5, n)), 0)
    delay = delay + np.where(error, rng.integers(25, 46, n), 0)
    paid = due + delay.astype(int).astype("timedelta64[D]")
    paid = np.maximum(paid, issued + np.timedelta64(1, "D"))
    paid = np.where(paid < cal.end, paid, np.datetime64("NaT"))
    kind = np.where(error, np.array(ERROR_TYPES, dtype=object)[rng.integers(4, size=n)], None)
    order = np.lexsort((bus["order_id"].to_numpy(), issued))
    out = (
        pd.DataFrame(
            {
                "customer_id": bus["customer_id"].to_numpy(),
                "order_id": bus["order_id"].to_numpy(),
                "issued_on": issued,
                "due_on": due,
                "amount": bus["amount"].to_numpy(),
                "billing_error": error,
                "error_type": pd.Series(kind, dtype="str"),
                "_paid_on": paid,
            }
        )
        .iloc[order]
        .reset_index(drop=True)
    )
    out = out[out["issued_on"] < np.datetime64(cal.end)].reset_index(drop=True)
    out.insert(0, "invoice_id", make_ids("INV", len(out), 6))
    return out


def payments(invoice_rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One payment per paid invoice (unpaid invoices at the end of the data have none)."""
    paid = invoice_rows[invoice_rows["_paid_on"].notna()].sort_values(
        ["_paid_on", "invoice_id"], kind="stable"
    )
    n = len(paid)
    return pd.DataFrame(
        {
            "payment_id": [f"PAY{i + 1:06d}" for i in range(n)],
            "invoice_id": paid["invoice_id"].to_numpy(),
            "paid_on": paid["_paid_on"].to_numpy(),
            "amount": paid["amount"].to_numpy(),
            "method": np.where(rng.random(n) < 0.85, "bank transfer", "card"),
        }
    )
