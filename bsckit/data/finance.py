"""Homeats monthly finance: P&L lines, operating costs, shared-cost drivers, prices, currency.

Revenue lines are the delivered orders of the month; COGS is the cost of the month's production
batches; operating costs are built from the salaries of staff in post plus activity costs, so
the finance tables reconcile with the operational ones. Marketing spend is the distractor
``marketing_spend`` (see :mod:`bsckit.data.chains`).

Examples
--------
>>> COST_CENTRES[:2]
('Delivery', 'Customer service')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .drivers import BURN_IN, Calendar
from .facts import HOMEATS

__all__ = ["BUSINESS_UNITS", "COST_CENTRES", "TAX_RATE", "exchange_rates", "finance", "price_index"]

COST_CENTRES = tuple(HOMEATS["cost_centres"])
BUSINESS_UNITS = tuple(HOMEATS["business_units"])
TAX_RATE = 0.25  # UK main rate of corporation tax from April 2023
_DEPARTMENT_CENTRE: dict[str, str] = HOMEATS["department_cost_centre"]


def _headcount(cal: Calendar, staff: pd.DataFrame) -> pd.DataFrame:
    mid = cal.starts + np.timedelta64(14, "D")
    hired = staff["hired_on"].to_numpy()
    exited = staff["exited_on"].to_numpy()
    on = (hired[None, :] <= mid[:, None]) & (
        np.isnat(exited)[None, :] | (exited[None, :] > mid[:, None])
    )
    return pd.DataFrame(on, columns=staff["employee_id"].to_numpy())


def price_index(cal: Calendar, plan: pd.DataFrame) -> pd.DataFrame:
    """Consumer price index (first month = 100) and the food cost index Homeats pays."""
    rep = plan.iloc[BURN_IN:]
    return pd.DataFrame(
        {
            "month": cal.months,
            "cpi": rep["cpi"].round(2).to_numpy(),
            "food_cost_index": rep["food_cost_index"].round(2).to_numpy(),
        }
    )


def exchange_rates(cal: Calendar, plan: pd.DataFrame) -> pd.DataFrame:
    """Monthly average exchange rates: euros and US dollars per pound."""
    rep = plan.iloc[BURN_IN:]
    return pd.DataFrame(
        {
            "month": cal.months,
            "eur_per_gbp": rep["eur_per_gbp"].round(4).to_numpy(),
            "usd_per_gbp": rep["usd_per_gbp"].round(4).to_numpy(),
        }
    )


def finance(
    cal: Calendar,
    plan: pd.DataFrame,
    scale: float,
    orders: pd.DataFrame,
    batch_rows: pd.DataFrame,
    return_rows: pd.DataFrame,
    ticket_rows: pd.DataFrame,
    staff: pd.DataFrame,
    training_rows: pd.DataFrame,
    studies: pd.DataFrame,
    rng: np.random.Generator,
) -> dict[str, pd.DataFrame]:
    """``finance_monthly``, ``operating_costs`` and ``shared_cost_drivers``."""
    rep = plan.iloc[BURN_IN:]
    n = cal.n
    cpi = rep["cpi"].to_numpy() / 100
    ok = orders["status"] == "delivered"
    m_order = cal.month_index(orders["ordered_at"].to_numpy())
    line = np.where(
        orders["segment"] == "business",
        "business",
        np.where(orders["order_type"] == "subscription", "subscription", "one_off"),
    )
    revenue = {}
    for name in ("subscription", "one_off", "business"):
        sel = ok.to_numpy() & (line == name)
        revenue[name] = np.bincount(
            m_order[sel], weights=orders["amount"].to_numpy()[sel], minlength=n
        )[:n]
    done = return_rows[return_rows["processed_at"].notna()]
    m_ref = cal.month_index(done["processed_at"].to_numpy())
    refunds = np.bincount(m_ref, weights=done["refund_amount"].to_numpy(), minlength=n)[:n]
    m_batch = cal.month_index(batch_rows["produced_on"].to_numpy())
    cogs = np.bincount(m_batch, weights=batch_rows["cost"].to_numpy(), minlength=n)[:n]
    # Operating costs by cost centre.
    on = _headcount(cal, staff).to_numpy()
    monthly_pay = staff["salary_gbp"].to_numpy() / 12 * 1.15  # employer on-costs
    dept = staff["department"].to_numpy()
    costs = {c: np.zeros(n) for c in COST_CENTRES}
    for d, centre in _DEPARTMENT_CENTRE.items():
        costs[centre] += (on[:, dept == d] * monthly_pay[dept == d]).sum(axis=1)
    n_orders = np.bincount(m_order, minlength=n)[:n]
    costs["Delivery"] += n_orders * 1.35 * cpi
    m_ticket = cal.month_index(ticket_rows["opened_at"].to_numpy())
    costs["Customer service"] += (
        np.bincount(m_ticket, minlength=n)[:n] * 2.5 * cpi + 900 * scale * cpi
    )
    costs["Marketing"] += rep["marketing_spend"].to_numpy()
    m_study = cal.month_index(studies["completed_on"].to_numpy())
    costs["R&D"] += np.bincount(m_study, weights=studies["cost_gbp"].to_numpy(), minlength=n)[:n]
    costs["R&D"] += 3000 * scale * cpi
    t_month = cal.month_index(training_rows["month"].to_numpy())
    hours = np.bincount(t_month, weights=training_rows["training_hours"].to_numpy(), minlength=n)[
        :n
    ]
    hired_m = cal.month_index(staff["hired_on"].to_numpy())
    onboard = np.bincount(
        np.clip(hired_m[hired_m >= 0], 0, n - 1),
        weights=staff["training_hours"].to_numpy()[hired_m >= 0],
        minlength=n,
    )[:n]
    costs["Learning & development"] += (hours + onboard) * 32 * cpi
    costs["IT"] += (5200 * scale + rng.normal(0, 300 * scale, n)) * cpi
    costs["HR"] += (1400 * scale + rng.normal(0, 100 * scale, n)) * cpi
    costs["Finance & admin"] += (7800 * scale + rng.normal(0, 300 * scale, n)) * cpi
    op = pd.DataFrame(
        {
            "month": np.repeat(cal.months, len(COST_CENTRES)),
            "cost_centre": np.tile(np.array(COST_CENTRES, dtype=object), n),
            "amount": np.round(np.column_stack([costs[c] for c in COST_CENTRES]).ravel(), 2),
        }
    )
    opex = op.groupby("month", sort=True)["amount"].sum().to_numpy()
    # One-off events.
    exceptional = np.zeros(n)
    capex = np.round(rng.normal(15000 * scale, 3000 * scale, n).clip(0) * cpi, 2)
    if n > 9:
        capex[9] += 120000 * scale  # kitchen refit
    if n > 14:
        exceptional[14] = 25000 * scale  # cold-store failure write-off
    depreciation = np.zeros(n)
    capital = np.zeros(n)
    level = 900_000 * scale
    for i in range(n):
        depreciation[i] = level * 0.008
        level = level + capex[i] - depreciation[i]
        capital[i] = level
    net = revenue["subscription"] + revenue["one_off"] + revenue["business"] - refunds
    gross = net - cogs
    ebit = gross - opex - exceptional - depreciation
    tax = np.maximum(ebit, 0) * TAX_RATE
    fin = pd.DataFrame(
        {
            "month": cal.months,
            "revenue_subscription": revenue["subscription"],
            "revenue_one_off": revenue["one_off"],
            "revenue_business": revenue["business"],
            "refunds": refunds,
            "net_revenue": net,
            "cogs": cogs,
            "gross_profit": gross,
            "operating_costs": opex,
            "depreciation": depreciation,
            "exceptional_items": exceptional,
            "ebit": ebit,
            "tax_rate": TAX_RATE,
            "tax": tax,
            "nopat": ebit - tax,
            "capex": capex,
            "invested_capital": capital,
        }
    )
    money = [c for c in fin.columns if c not in ("month", "tax_rate")]
    fin[money] = fin[money].round(2)
    # Drivers for allocating the shared IT and HR costs.
    unit_of = {
        "Kitchens": "Kitchens",
        "Delivery": "Delivery",
        "Customer service": "Customer service",
        "Marketing": "Marketing",
        "R&D": "R&D",
    }
    heads = np.zeros((n, len(BUSINESS_UNITS)), dtype=int)
    for j, unit in enumerate(BUSINESS_UNITS):
        members = np.array([unit_of.get(d) == unit for d in dept])
        heads[:, j] = on[:, members].sum(axis=1)
    devices = np.round(
        heads * np.array([0.4, 1.0, 1.5, 1.5, 1.5]) + np.array([8, 4, 0, 0, 1])
    ).astype(int)
    it_tickets = rng.poisson(0.5 * devices + 0.3 * heads)
    drivers = pd.DataFrame(
        {
            "month": np.repeat(cal.months, len(BUSINESS_UNITS)),
            "business_unit": np.tile(np.array(BUSINESS_UNITS, dtype=object), n),
            "headcount": heads.ravel(),
            "it_tickets": it_tickets.ravel(),
            "devices": devices.ravel(),
        }
    )
    return {"finance_monthly": fin, "operating_costs": op, "shared_cost_drivers": drivers}
