"""Homeats governance records (module 6): review minutes, role holders, budget lines, change requests.

Four small tables that record how Homeats runs its scorecard, with known facts planted in them:

- ``review_minutes``: the agenda items of the monthly operational reviews and the quarterly
  strategic reviews. The portion-weight special causes of
  :data:`bsckit.data.chains.QUALITY_EPISODES` are the known deviations: ``scale_drift`` is raised
  at once and escalated to the next strategic review; ``new_cook`` is never raised;
  ``worn_ladle`` is watched, then closed; ``faulty_depositor`` is watched, acted on a month later
  and reaches a strategic review only after that. Other items are routine owner updates on
  company-wide measures (not tied to their values).
- ``role_holders``: who held each owner, steward and facilitator role of the catalogue, and when.
  The steward role ``Credit controller`` falls vacant in month 14 and the owner role
  ``Head of Delivery`` in month 19; neither is filled by the end of the data.
- ``budget_lines``: the annual plan per cost centre and initiative, each line with the
  department objective (``department_targets.target_id``) it funds. Planted: three lines per
  year fund no objective; objectives T09 and T13 are funded by no line; two lines assume a
  target that differs from the scorecard's (T05 revenue, T16 training hours).
- ``change_requests``: requests to add, retire or change catalogue measures, with what the
  change-control criteria need (objective served, annual cost, the measure's name).

The planted rows and vocabularies are data, in ``bsckit/data/governance.yaml``.
Random draws (names, dates, amounts) come from the generator :func:`bsckit.data.drivers.rng_for`
gives for ``"governance"``, so no other table's draws change.

Examples
--------
>>> from bsckit.data.drivers import rng_for
>>> t = governance_tables("2024-01", 24, rng_for(1, "governance"))
>>> sorted(t)
['budget_lines', 'change_requests', 'review_minutes', 'role_holders']
>>> int(t["budget_lines"]["target_id"].isna().sum())
6
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bsckit.catalogue import catalogue_table, read_data_file

from .chains import QUALITY_EPISODES

__all__ = [
    "FACILITATORS",
    "GOVERNANCE_PLANTED",
    "VACANCIES",
    "budget_lines",
    "change_requests",
    "governance_tables",
    "review_minutes",
    "role_holders",
]

_DATA: dict = read_data_file("bsckit.data", "governance.yaml")
_FIRST, _LAST = _DATA["first_names"], _DATA["last_names"]
_LINES, _ASSUMED, _REQUESTS = (
    _DATA["budget_lines"],
    _DATA["assumed_targets"],
    _DATA["change_requests"],
)

VACANCIES: dict[str, int] = _DATA["vacancies"]
"""Roles whose holder leaves in the given month (0 = first data month) with no successor."""

FACILITATORS: tuple[str, ...] = tuple(_DATA["facilitators"])
"""Review facilitators: of the monthly operational and of the quarterly strategic review."""

GOVERNANCE_PLANTED: tuple[tuple[str, str, str], ...] = tuple(
    (key, p["what"], p["how"]) for key, p in _DATA["planted"].items()
)
"""What is planted in the governance tables: (key, what, how to find it), for the dictionary."""


def _names(rng: np.random.Generator, n: int) -> list[str]:
    pairs = rng.permutation(len(_FIRST) * len(_LAST))[:n]
    return [f"{_FIRST[p % len(_FIRST)]} {_LAST[p // len(_FIRST)]}" for p in pairs]


def _day(month: pd.Period, day: int) -> pd.Timestamp:
    return month.start_time + pd.Timedelta(days=int(day) - 1)


def role_holders(first: pd.Period, months: int, rng: np.random.Generator) -> pd.DataFrame:
    """Holders of every owner, steward and facilitator role, one row per role and holder."""
    cat = pd.DataFrame(catalogue_table())
    roles = [(r, "owner") for r in sorted(cat["owner"].unique())]
    roles += [(r, "steward") for r in sorted(cat["steward"].unique())]
    roles += [(r, "facilitator") for r in FACILITATORS]
    people = _names(rng, len(roles) + 4)
    rows = []
    since = first.start_time - pd.DateOffset(years=2)
    for i, (role, kind) in enumerate(roles):
        holder = people[i]
        left = VACANCIES.get(role)
        if left is not None and left < months:
            end = _day(first + left, rng.integers(5, 25))
            rows.append((role, kind, holder, since, end))
            continue
        rows.append((role, kind, holder, since, pd.NaT))
    # two roles change hands inside the data (a successor starts the next day)
    changes = [r for r in range(len(roles)) if roles[r][0] not in VACANCIES]
    for j, r in enumerate(rng.choice(changes, size=2, replace=False)):
        role, kind, holder, start, _ = rows[r]
        end = _day(first + int(rng.integers(3, max(4, months - 2))), rng.integers(1, 28))
        rows[r] = (role, kind, holder, start, end)
        rows.append((role, kind, people[len(roles) + j], end + pd.Timedelta(days=1), pd.NaT))
    frame = pd.DataFrame(rows, columns=["role", "kind", "holder", "held_from", "held_to"])
    return frame.sort_values(["kind", "role", "held_from"]).reset_index(drop=True)


def review_minutes(first: pd.Period, months: int, rng: np.random.Generator) -> pd.DataFrame:
    """Agenda items of the monthly operational and quarterly strategic reviews."""
    ops = {m: _day(first + m + 1, rng.integers(3, 7)) for m in range(months)}
    strat = {q: _day(first + 3 * q + 3, rng.integers(9, 15)) for q in range((months + 2) // 3)}
    items: list[dict] = []

    def add(forum, m, kitchen, topic, finding, decision, escalated_from=None):
        held = ops[m] if forum == "operational" else strat[m // 3]
        period = first + m if forum == "operational" else first + 3 * (m // 3)
        items.append(
            {
                "forum": forum,
                "held_on": held,
                "period": period.start_time,
                "kitchen_id": kitchen,
                "topic": topic,
                "finding": finding,
                "decision": decision,
                "escalated_from": escalated_from,
            }
        )
        return len(items)

    def item_id(k: int) -> str:
        return f"R{k:03d}"

    episodes = {ep.id: ep for ep in QUALITY_EPISODES if ep.month_offset < months}
    routine = ("defect_rate", "cost_per_unit", "response_time", "on_time_delivery", "churn")
    for m in range(months):
        for name, ep in episodes.items():
            k = ep.kitchen_id
            if ep.month_offset != m:
                continue
            if name == "scale_drift":
                i = add(
                    "operational", m, k, "portion weight", "portions heavy for a week", "escalate"
                )
                add("strategic", m, k, "portion weight", "give-away cost", "action", item_id(i))
            elif name == "worn_ladle":
                add("operational", m, k, "portion weight", "portions creeping up", "watch")
                if m + 1 < months:
                    add("operational", m + 1, k, "portion weight", "ladle replaced", "close")
            elif name == "faulty_depositor":
                add("operational", m, k, "portion weight", "erratic portions", "watch")
                if m + 1 < months:
                    i = add("operational", m + 1, k, "portion weight", "erratic again", "escalate")
                    add("strategic", m + 1, k, "portion weight", "depositor replaced", "action",
                        item_id(i))  # fmt: skip
        n_routine = int(rng.integers(0, 3))
        for measure in rng.choice(routine, size=n_routine, replace=False):
            add(
                "operational",
                m,
                None,
                str(measure),
                "routine owner update",
                str(rng.choice(["watch", "close"])),
            )
    frame = pd.DataFrame(items)
    frame["order"] = [item_id(i + 1) for i in range(len(frame))]
    frame = frame.sort_values(["held_on", "order"], kind="stable").reset_index(drop=True)
    renumber = dict(zip(frame["order"], [item_id(i + 1) for i in range(len(frame))], strict=True))
    frame["escalated_from"] = frame["escalated_from"].map(renumber)
    frame.insert(0, "item_id", frame.pop("order").map(renumber))
    review = frame["forum"].str[0].str.upper() + frame["held_on"].dt.strftime("%Y%m%d")
    frame.insert(1, "review_id", review)
    return frame


def budget_lines(first: pd.Period, months: int, rng: np.random.Generator,
                 operating_costs: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:  # fmt: skip
    """Annual plan lines per cost centre and initiative, with the objective each funds."""
    oc = operating_costs[operating_costs["month"] < (first + 12).start_time]
    spend = oc.groupby(oc["cost_centre"].astype(str))["amount"].sum()
    tgt = targets.set_index("target_id")["target"]
    rows = []
    for year in range((months + 11) // 12):
        growth = 1.0 + 0.03 * year + rng.normal(0, 0.01)
        for n, (centre, initiative, target_id, share) in enumerate(_LINES, start=1):
            amount = round(
                float(spend.get(centre, 0.0)) * share * growth * rng.uniform(0.97, 1.03), -2
            )
            assumed = np.nan
            if target_id in _ASSUMED and target_id in tgt.index and pd.notna(tgt[target_id]):
                assumed = float(tgt[target_id]) * _ASSUMED[target_id]
            rows.append(
                {
                    "line_id": f"B{first.year + year}-{n:02d}",
                    "year": first.year + year,
                    "cost_centre": centre,
                    "initiative": initiative,
                    "target_id": target_id,
                    "budget_gbp": amount,
                    "assumed_target": round(assumed, 2) if pd.notna(assumed) else np.nan,
                }
            )
    return pd.DataFrame(rows)


def change_requests(first: pd.Period, months: int, rng: np.random.Generator) -> pd.DataFrame:
    """Requests to add, retire or change catalogue measures, in order of submission."""
    days = np.sort(rng.integers(0, months * 30, size=len(_REQUESTS)))
    rows = []
    for i, (change, measure_id, name, target_id, cost, who) in enumerate(_REQUESTS):
        rows.append(
            {
                "request_id": f"CR{i + 1:02d}",
                "submitted_on": first.start_time + pd.Timedelta(days=int(days[i])),
                "requested_by": who,
                "change": change,
                "measure_id": measure_id,
                "proposed_name": name,
                "target_id": target_id,
                "annual_cost_gbp": float(round(rng.uniform(*cost), -2)) if cost[1] else 0.0,
            }
        )
    return pd.DataFrame(rows)


def governance_tables(
    start: str,
    months: int,
    rng: np.random.Generator,
    operating_costs: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """The four governance tables for ``months`` from ``start`` (see the module docstring)."""
    first = pd.Period(start, "M")
    if operating_costs is None:
        centres = sorted({line[0] for line in _LINES})
        operating_costs = pd.DataFrame(
            {"month": first.start_time, "cost_centre": centres, "amount": 10_000.0}
        )
    if targets is None:
        targets = pd.DataFrame({"target_id": sorted(_ASSUMED), "target": 100.0})
    return {
        "review_minutes": review_minutes(first, months, rng),
        "role_holders": role_holders(first, months, rng),
        "budget_lines": budget_lines(first, months, rng, operating_costs, targets),
        "change_requests": change_requests(first, months, rng),
    }
