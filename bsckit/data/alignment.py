"""Tables for course module 1 (alignment): departmental targets, accountability claims,
departmental dashboards and the kitchen managers' proposed measures.

The tables' planted rows and vocabularies are data, in ``bsckit/data/alignment.yaml``.
These tables record what Homeats' departments *said* in the workshops that built the first
scorecard, so they carry the problems the module teaches to find:

- ``department_targets``: each department's objectives and targets, cascaded (``parent``)
  from the executive team's. Planted: two measures targeted by departments the cascade does
  not connect (redundant; one pair agrees, one differs), two measures pulled in opposite
  directions (delivery speed against food-quality checks, and the cost of quality checks),
  one measure with two units, and children's revenue targets that do not add up to the parent.
  Baselines come from the data of the same seed, so every seed's targets are plausible.
- ``departments``: the departments and the role that heads each.
- ``accountability_claims``: which departments say they are accountable for, or contribute to,
  each catalogue metric. Planted: customer metrics claimed by several departments, and a few
  claims submitted twice.
- ``dashboards`` and ``dashboard_exports``: three departmental dashboards report revenue with
  different definitions (gross or net, order or delivery date, all orders or delivered only) and
  frequencies (weekly or monthly). The exports are exact functions of ``orders`` and
  ``returns``: reconciling them is arithmetic, not guesswork.
- ``measure_proposals``: measures proposed by the kitchen managers, with the facts the fairness
  and feasibility check needs; borderline facts vary by seed.

Examples
--------
>>> sorted(DEPARTMENTS)[:2]
['Customer service', 'Delivery']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalogue import read_data_file
from .drivers import Calendar

__all__ = [
    "DEPARTMENTS",
    "PLANTED",
    "accountability_claims",
    "dashboards",
    "department_targets",
    "departments",
    "measure_proposals",
]

_DATA: dict = read_data_file("bsckit.data", "alignment.yaml")

DEPARTMENTS: dict[str, tuple[str, str]] = {k: tuple(v) for k, v in _DATA["departments"].items()}
"""Department -> (role heading it, what it does). Catalogue owners are these roles."""

PLANTED: tuple[tuple[str, str, str], ...] = tuple(
    (key, p["what"], p["how"]) for key, p in _DATA["planted"].items()
)
"""What the alignment tables plant, and how a learner finds it (``alignment.yaml``)."""


def departments() -> pd.DataFrame:
    """One row per department: its name, the role heading it and what it does."""
    rows = [(name, head, what) for name, (head, what) in DEPARTMENTS.items()]
    return pd.DataFrame(rows, columns=["department", "head_role", "description"])


# -- department_targets ----------------------------------------------------------------------
def _baselines(
    orders: pd.DataFrame,
    batches: pd.DataFrame,
    tickets: pd.DataFrame,
    finance: pd.DataFrame,
    surveys: pd.DataFrame,
) -> dict[str, float]:
    """Last-12-month figures of the measures the departments target."""
    last_year = finance.iloc[-12:]
    begin = pd.Timestamp(last_year["month"].iloc[0])
    recent = orders[orders["ordered_at"] >= begin]
    delivered = recent[recent["status"] == "delivered"]
    on_time = float((delivered["delivered_at"] <= delivered["promised_at"]).mean() * 100)
    b = batches[batches["produced_on"] >= begin]
    cost = float(b["cost"].sum() / b["good_units"].sum())
    checks = float(b["quality_checks"].sum() / len(b))
    t = tickets[tickets["opened_at"] >= begin]
    fcr = float(t["first_contact_resolved"].mean() * 100)
    rel = surveys[(surveys["touchpoint"] == "relationship") & (surveys["sent_at"] >= begin)]
    scores = rel["nps"].dropna()
    nps = float(((scores >= 9).mean() - (scores <= 6).mean()) * 100) if len(scores) else 0.0
    lines = last_year[["revenue_subscription", "revenue_one_off", "revenue_business"]].sum()
    return {
        "household_share": float(
            (lines["revenue_subscription"] + lines["revenue_one_off"]) / lines.sum()
        ),
        "revenue": float(last_year["net_revenue"].mean()),
        "on_time": on_time,
        "cost": cost,
        "checks": checks,
        "fcr": fcr,
        "nps": nps,
    }


def department_targets(
    orders: pd.DataFrame,
    batches: pd.DataFrame,
    tickets: pd.DataFrame,
    finance: pd.DataFrame,
    surveys: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Objectives and targets per department, as submitted to the first scorecard workshop."""
    base = _baselines(orders, batches, tickets, finance, surveys)
    r = lambda x, d=1: round(float(x), d)  # noqa: E731
    rev, otd, cost, checks = base["revenue"], base["on_time"], base["cost"], base["checks"]
    fcr, nps, home = base["fcr"], base["nps"], base["household_share"]
    short = rng.uniform(0.93, 0.97)  # the departments' revenue targets fall short of the parent
    rev_target = r(rev * rng.uniform(1.08, 1.12), -2)
    otd_target = r(min(99.0, otd + rng.uniform(1.5, 3.0)))
    cs_otd = r(min(99.5, otd_target + rng.uniform(1.0, 2.0)))
    cost_target = r(cost * rng.uniform(0.93, 0.96), 2)
    fcr_target = r(min(95.0, fcr + rng.uniform(3, 6)))
    hold_low = float(rng.integers(15, 19))
    # one dict, so the random draws keep their order: nps_target before hold_target
    figures = {
        "revenue": r(rev, -2),
        "revenue_target": rev_target,
        "nps": r(nps),
        "nps_target": r(nps + rng.uniform(4, 8)),
        "on_time": r(otd),
        "on_time_target": otd_target,
        "on_time_target_service": cs_otd,
        "cost": r(cost, 2),
        "cost_target": cost_target,
        "cost_pence": r(cost * 100, 0),
        "cost_target_pence": r(cost_target * 100, 0),
        "household_revenue": r(rev * home, -2),
        "household_target": r(rev_target * home * short, -2),
        "business_revenue": r(rev * (1 - home), -2),
        "business_target": r(rev_target * (1 - home) * short, -2),
        "fcr": r(fcr),
        "fcr_target": fcr_target,
        "hold_target": r(hold_low - rng.integers(5, 8), 0),
        "hold_low": hold_low,
        "hold_high": hold_low + 10,
        "checks": r(checks, 2),
        "checks_up": r(checks * 1.25, 2),
        "checks_down": r(checks * 0.8, 2),
    }
    # the last four columns (baseline, target, min, max) may name one of these figures
    rows = [
        row[:7] + [figures[x] if isinstance(x, str) else x for x in row[7:]]
        for row in _DATA["targets"]
    ]
    columns = _DATA["target_columns"]
    frame = pd.DataFrame(rows, columns=columns)
    frame.insert(0, "target_id", [f"T{i + 1:02d}" for i in range(len(frame))])
    frame["owner"] = frame["department"].map(lambda x: DEPARTMENTS[x][0])
    return frame


# -- accountability_claims -------------------------------------------------------------------
def accountability_claims(
    catalogue: pd.DataFrame, cal: Calendar, rng: np.random.Generator
) -> pd.DataFrame:
    """Departments' claims of accountability for (or contribution to) each catalogue metric.

    The measures of the delivery partner's feed (system ``partner API``) were added to the
    catalogue after the workshop; their claims were collected at a follow-up and come last,
    numbered on, so the workshop's claims do not depend on them.
    """
    workshop = pd.Timestamp(cal.end) - pd.Timedelta(days=20)
    late = (catalogue["system"] == "partner API").to_numpy() if "system" in catalogue else None
    if late is None or not late.any():
        return _claims(catalogue, workshop, rng)
    first = _claims(catalogue[~late], workshop, rng)
    then = _claims(catalogue[late], workshop, rng, repeats=False, start=len(first))
    return pd.concat([first, then], ignore_index=True)


def _claims(
    catalogue: pd.DataFrame,
    workshop: pd.Timestamp,
    rng: np.random.Generator,
    *,
    repeats: bool = True,
    start: int = 0,
) -> pd.DataFrame:
    owner_dept = {head: name for name, (head, _) in DEPARTMENTS.items()}
    rows = []
    for metric_id, owner, perspective in catalogue[
        ["metric_id", "owner", "perspective"]
    ].itertuples(index=False):
        home = owner_dept.get(owner)
        if home is None:
            msg = f"catalogue owner {owner!r} heads no department; add it to DEPARTMENTS."
            raise ValueError(msg)
        claims = {home: "accountable"}
        others = [x for x in DEPARTMENTS if x not in (home, "Executive team")]
        if str(perspective).lower() == "customer":
            rivals = [x for x in _DATA["customer_facing"] if x != home]
            for rival in rng.choice(rivals, size=int(rng.integers(1, 3)), replace=False):
                claims[str(rival)] = "accountable"
        for helper in rng.choice(others, size=int(rng.integers(1, 3)), replace=False):
            claims.setdefault(str(helper), "contributes")
        for dept, role in claims.items():
            rows.append((str(metric_id), dept, role))
    frame = pd.DataFrame(rows, columns=["metric_id", "department", "role"])
    if repeats:  # a few departments sent the same claim twice
        again = frame.iloc[rng.choice(len(frame), size=int(rng.integers(3, 6)), replace=False)]
        frame = pd.concat([frame, again], ignore_index=True)
    frame = frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
    days = rng.integers(0, 10, size=len(frame))
    frame["submitted_on"] = workshop + pd.to_timedelta(days, unit="D")
    frame.insert(0, "claim_id", [f"C{start + i + 1:03d}" for i in range(len(frame))])
    return frame


# -- dashboards ------------------------------------------------------------------------------
def _week_start(times: pd.Series) -> pd.Series:
    days = times.dt.normalize()
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def dashboards(
    cal: Calendar, orders: pd.DataFrame, returns: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """The three revenue dashboards (definitions) and their exports (one value per period)."""
    meta = pd.DataFrame(_DATA["dashboards"], columns=_DATA["dashboard_columns"])
    begin, end = pd.Timestamp(cal.begin), pd.Timestamp(cal.end)
    placed = orders[(orders["ordered_at"] >= begin) & (orders["ordered_at"] < end)]
    sales = placed.groupby(_week_start(placed["ordered_at"]))["amount"].sum()
    delivered_at = orders["delivered_at"]
    done = orders[(delivered_at >= begin) & (delivered_at < end)]
    ops = done.groupby(_week_start(done["delivered_at"]))["amount"].sum()
    ok = placed[placed["status"] == "delivered"]
    month = ok["ordered_at"].dt.to_period("M").dt.start_time
    revenue = ok.groupby(month)["amount"].sum()
    ret = returns.dropna(subset=["processed_at"])
    ret = ret[(ret["processed_at"] >= begin) & (ret["processed_at"] < end)]
    refunds = ret.groupby(ret["processed_at"].dt.to_period("M").dt.start_time)[
        "refund_amount"
    ].sum()
    net = revenue.sub(refunds, fill_value=0.0)
    parts = []
    for name, series in (("sales", sales), ("operations", ops), ("finance", net)):
        part = series.round(2).rename("value").rename_axis("period_start").reset_index()
        part.insert(0, "dashboard", name)
        parts.append(part)
    exports = pd.concat(parts, ignore_index=True)
    return {"dashboards": meta, "dashboard_exports": exports}


# -- measure_proposals -----------------------------------------------------------------------
def measure_proposals(kitchen_ids: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """Measures the kitchen managers proposed for their own scorecards, with the facts to check."""
    rows = []
    for i, row in enumerate(_DATA["proposals"]):
        measure, what, share, source, months, risk, guard, p_guard, hours = row
        controllable = float(np.clip(share + rng.normal(0, 0.06), 0.05, 1.0))
        history = 0 if source is None else int(max(0, months - rng.integers(0, 6)))
        collect = float(hours * np.exp(rng.normal(0, 0.35)))
        offered = guard if (guard is not None and rng.random() < p_guard) else None
        rows.append(
            (
                f"P{i + 1:02d}",
                kitchen_ids[int(rng.integers(len(kitchen_ids)))],
                measure,
                what,
                round(controllable, 2),
                source,
                history,
                risk,
                offered,
                round(collect, 1),
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "proposal_id",
            "kitchen_id",
            "measure",
            "description",
            "controllable_share",
            "data_source",
            "history_months",
            "gaming_risk",
            "safeguard",
            "collection_hours_per_month",
        ],
    )
