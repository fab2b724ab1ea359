"""Tables for course module 1 (alignment): departmental targets, accountability claims,
departmental dashboards and the kitchen managers' proposed measures.

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

#: Department -> (role heading it, what it does). Catalogue owners are these roles.
DEPARTMENTS: dict[str, tuple[str, str]] = {
    "Executive team": ("Chief Executive Officer", "Sets the vision and the company objectives"),
    "Kitchens": ("Head of Operations", "Cooks and portions the meals in four kitchens"),
    "Delivery": ("Head of Delivery", "Drives the meals from the kitchens to the door"),
    "Customer service": ("Head of Customer Service", "Answers tickets, returns and refunds"),
    "Sales & marketing": ("Chief Customer Officer", "Wins and keeps customers, runs the surveys"),
    "Finance": ("Chief Financial Officer", "Books, invoices, collects and reports"),
    "People": ("Head of HR", "Hires, trains and keeps the staff"),
    "Product": ("Head of Product", "Researches and launches new dishes"),
}

#: What the alignment tables plant, and how a learner finds it (printed in datasets/README.md;
#: each is a property test in tests/test_data_alignment.py, on many seeds per scenario).
PLANTED: tuple[tuple[str, str, str], ...] = (
    (
        "duplicated_targets",
        "On-time delivery rate (Delivery and Customer service, different targets) and "
        "first-contact resolution (Sales & marketing and Customer service, the same target) are "
        "targeted by objectives the cascade does not connect",
        "Scorecard.redundant_targets() on the card built from department_targets",
    ),
    (
        "tug_of_war",
        "Kitchen hold time (Delivery wants it down, Kitchens hold it in a band for the quality "
        "check) and quality checks per batch (Kitchens up, Finance down) pull in opposite "
        "directions; cost per meal is in GBP for the executive team and in pence for Kitchens; "
        "the two revenue children add up to 93-97 % of the parent's target",
        "Scorecard.conflicting_targets()",
    ),
    (
        "overlapping_accountability",
        "every Customer-perspective metric is claimed as accountable by its owner's department "
        "and one or two other customer-facing departments; 3 to 5 claims are submitted twice",
        "count accountable departments per metric after dropping duplicate claims",
    ),
    (
        "dashboard_definitions",
        "the sales dashboard (weekly, gross, all orders, order date) and the operations "
        "dashboard (weekly, gross, delivered orders, delivery date) differ from the catalogue's "
        "net revenue (monthly, net, delivered orders, order date); the finance dashboard equals "
        "finance_monthly.net_revenue",
        "recompute each definition monthly from orders and returns",
    ),
    (
        "proposal_failures",
        "proposals fail each of the four criteria on every seed (controllability: the area's "
        "on-time delivery and NPS; data: food waste and plating speed; gaming: a high risk "
        "without safeguard; cost: the tasting panel and stopwatch study); borderline cases vary "
        "by seed",
        "bsckit.alignment.check_proposals",
    ),
)

_CUSTOMER_FACING = ("Kitchens", "Delivery", "Customer service", "Sales & marketing")


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
    e, k, d, c, s, f, p = (
        "Executive team",
        "Kitchens",
        "Delivery",
        "Customer service",
        "Sales & marketing",
        "Finance",
        "People",
    )
    # objective, department, parent, perspective, measure, unit, direction, baseline, target, min, max
    rows = [
        (
            "Grow profitable revenue",
            e,
            None,
            "financial",
            "Net revenue",
            "GBP",
            "higher_is_better",
            r(rev, -2),
            rev_target,
            None,
            None,
        ),
        (
            "Delight our customers",
            e,
            None,
            "customer",
            "Net Promoter Score",
            "points",
            "higher_is_better",
            r(nps),
            r(nps + rng.uniform(4, 8)),
            None,
            None,
        ),
        (
            "Deliver reliably",
            e,
            None,
            "customer",
            "On-time delivery rate",
            "%",
            "higher_is_better",
            r(otd),
            otd_target,
            None,
            None,
        ),
        (
            "Run lean, safe kitchens",
            e,
            None,
            "internal_processes",
            "Cost per meal",
            "GBP",
            "lower_is_better",
            r(cost, 2),
            cost_target,
            None,
            None,
        ),
        (
            "Grow household revenue",
            s,
            "Grow profitable revenue",
            "financial",
            "Net revenue",
            "GBP",
            "higher_is_better",
            r(rev * home, -2),
            r(rev_target * home * short, -2),
            None,
            None,
        ),
        (
            "Grow business revenue",
            s,
            "Grow profitable revenue",
            "financial",
            "Net revenue",
            "GBP",
            "higher_is_better",
            r(rev * (1 - home), -2),
            r(rev_target * (1 - home) * short, -2),
            None,
            None,
        ),
        (
            "Win back unhappy customers",
            s,
            "Delight our customers",
            "customer",
            "First-contact resolution",
            "%",
            "higher_is_better",
            r(fcr),
            fcr_target,
            None,
            None,
        ),
        (
            "Deliver on time",
            d,
            "Deliver reliably",
            "customer",
            "On-time delivery rate",
            "%",
            "higher_is_better",
            r(otd),
            otd_target,
            None,
            None,
        ),
        (
            "Dispatch faster",
            d,
            "Deliver reliably",
            "internal_processes",
            "Kitchen hold time",
            "minutes",
            "lower_is_better",
            18.0,
            r(hold_low - rng.integers(5, 8), 0),
            None,
            None,
        ),
        (
            "Resolve at first contact",
            c,
            "Delight our customers",
            "customer",
            "First-contact resolution",
            "%",
            "higher_is_better",
            r(fcr),
            fcr_target,
            None,
            None,
        ),
        (
            "Keep promises to customers",
            c,
            "Delight our customers",
            "customer",
            "On-time delivery rate",
            "%",
            "higher_is_better",
            r(otd),
            cs_otd,
            None,
            None,
        ),
        (
            "Serve meals right first time",
            k,
            "Run lean, safe kitchens",
            "internal_processes",
            "Quality checks per batch",
            "checks",
            "higher_is_better",
            r(checks, 2),
            r(checks * 1.25, 2),
            None,
            None,
        ),
        (
            "Check every batch before dispatch",
            k,
            "Run lean, safe kitchens",
            "internal_processes",
            "Kitchen hold time",
            "minutes",
            "in_range",
            None,
            None,
            hold_low,
            hold_low + 10,
        ),
        (
            "Cook at lower cost",
            k,
            "Run lean, safe kitchens",
            "internal_processes",
            "Cost per meal",
            "p",
            "lower_is_better",
            r(cost * 100, 0),
            r(cost_target * 100, 0),
            None,
            None,
        ),
        (
            "Cut the cost of quality",
            f,
            "Run lean, safe kitchens",
            "internal_processes",
            "Quality checks per batch",
            "checks",
            "lower_is_better",
            r(checks, 2),
            r(checks * 0.8, 2),
            None,
            None,
        ),
        (
            "Keep training on track",
            p,
            None,
            "learning_growth",
            "Training hours per employee",
            "hours",
            "higher_is_better",
            4.0,
            5.0,
            None,
            None,
        ),
    ]
    columns = [
        "objective",
        "department",
        "parent",
        "perspective",
        "measure",
        "unit",
        "direction",
        "baseline",
        "target",
        "min",
        "max",
    ]
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
            rivals = [x for x in _CUSTOMER_FACING if x != home]
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
_DASHBOARDS = (
    (
        "sales",
        "Sales & marketing",
        "Sales",
        "weekly",
        "gross",
        "order date",
        "all orders placed",
        "sum of amount of every order placed in the week, by ordered_at; failed deliveries "
        "included, refunds not deducted",
    ),
    (
        "operations",
        "Delivery",
        "Revenue delivered",
        "weekly",
        "gross",
        "delivery date",
        "delivered orders",
        "sum of amount of orders delivered in the week, by delivered_at; refunds not deducted",
    ),
    (
        "finance",
        "Finance",
        "Net revenue",
        "monthly",
        "net",
        "order date",
        "delivered orders",
        "sum of amount of delivered orders placed in the month, by ordered_at, less refunds "
        "processed in the month",
    ),
)


def _week_start(times: pd.Series) -> pd.Series:
    days = times.dt.normalize()
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def dashboards(
    cal: Calendar, orders: pd.DataFrame, returns: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """The three revenue dashboards (definitions) and their exports (one value per period)."""
    meta = pd.DataFrame(
        _DASHBOARDS,
        columns=[
            "dashboard",
            "department",
            "label",
            "frequency",
            "amounts",
            "date_basis",
            "orders_counted",
            "definition",
        ],
    )
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
# measure, description, controllable share (centre), data source, history months,
# gaming risk, safeguard (probability it is offered), collection hours per month (centre)
_PROPOSALS = (
    (
        "Portions per labour hour",
        "Good portions made per paid cook hour",
        0.80,
        "Production system",
        24,
        "medium",
        ("Defect rate reported beside it", 1.0),
        1.0,
    ),
    (
        "Kitchen defect rate",
        "Portions scrapped over portions made",
        0.85,
        "Production system",
        24,
        "medium",
        ("Monthly audit of the scrap bins", 0.5),
        2.0,
    ),
    (
        "On-time delivery rate of the kitchen's area",
        "Orders delivered by the promised time",
        0.30,
        "ERP",
        24,
        "medium",
        (None, 0.0),
        0.5,
    ),
    (
        "NPS of the kitchen's area",
        "Net Promoter Score of customers the kitchen serves",
        0.25,
        "Survey tool",
        24,
        "low",
        (None, 0.0),
        0.5,
    ),
    (
        "Food waste per meal",
        "Grams of food thrown away per meal served",
        0.90,
        None,
        0,
        "medium",
        (None, 0.0),
        14.0,
    ),
    (
        "Hygiene audit score",
        "Score of the monthly hygiene audit",
        0.90,
        "Audit log",
        24,
        "high",
        ("Unannounced audits", 0.7),
        3.0,
    ),
    (
        "Improvement ideas submitted",
        "Ideas for better work submitted by the team",
        0.95,
        "Project log",
        8,
        "high",
        ("Only ideas that were tried count", 0.0),
        1.0,
    ),
    (
        "Plating speed at the pass",
        "Share of meals plated within two minutes, by stopwatch",
        0.85,
        "Stopwatch study",
        2,
        "medium",
        (None, 0.0),
        20.0,
    ),
    (
        "Cost per good meal",
        "Production cost over good portions",
        0.62,
        "ERP",
        24,
        "medium",
        ("Defect rate reported beside it", 1.0),
        1.0,
    ),
    (
        "Temperature checks logged",
        "Share of batches with a logged core temperature",
        1.00,
        "HACCP log",
        18,
        "high",
        ("Spot checks with a second thermometer", 0.5),
        2.0,
    ),
    (
        "Overtime hours per cook",
        "Paid overtime hours per cook",
        0.60,
        "HRIS",
        24,
        "medium",
        (None, 0.0),
        0.5,
    ),
    (
        "Quality complaints per 1,000 meals",
        "Food-quality complaints per 1,000 meals delivered",
        0.65,
        "CRM",
        24,
        "medium",
        (None, 0.0),
        1.0,
    ),
    (
        "Training hours per cook",
        "Ongoing training hours per cook",
        0.80,
        "HRIS",
        24,
        "high",
        ("Competency sign-off after each course", 1.0),
        1.0,
    ),
    (
        "Tasting panel score",
        "Mean score of a weekly customer tasting panel",
        0.85,
        "Tasting panel log",
        24,
        "low",
        (None, 0.0),
        30.0,
    ),
    (
        "Allergen incidents",
        "Meals sent with an undeclared allergen",
        0.80,
        "CRM",
        24,
        "low",
        (None, 0.0),
        6.0,
    ),
)


def measure_proposals(kitchen_ids: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """Measures the kitchen managers proposed for their own scorecards, with the facts to check."""
    rows = []
    for i, (measure, what, share, source, months, risk, (guard, p_guard), hours) in enumerate(
        _PROPOSALS
    ):
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
