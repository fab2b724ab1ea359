"""The module-1 tables (alignment workshop) plant what ``bsckit.data.alignment.PLANTED`` says.

Every property is checked on 20 generated seeds of each scenario, with plain pandas where the
learner would use plain pandas; the expected findings are written here from the documentation,
not computed by the generator.
"""

from __future__ import annotations

import functools

import pandas as pd
import pytest

from bsckit.alignment import cascade_findings, cascade_scorecard, check_proposals
from bsckit.data import generate
from bsckit.data.alignment import PLANTED
from bsckit.data.scenarios import SCENARIOS

SEEDS = tuple(range(1001, 1021))
NEEDED = (
    "department_targets",
    "accountability_claims",
    "metric_catalogue",
    "dashboard_exports",
    "finance_monthly",
    "orders",
    "returns",
    "measure_proposals",
)


@functools.cache
def tables(seed: int, scenario: str) -> dict[str, pd.DataFrame]:
    full = generate(seed=seed, scenario=scenario)
    return {name: full[name] for name in NEEDED}


def _all(scenario: str):
    return [tables(seed, scenario) for seed in SEEDS]


def test_planted_list_names_each_property_once() -> None:
    keys = [key for key, _, _ in PLANTED]
    assert len(keys) == len(set(keys)) == 5


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_cascade_findings_are_the_planted_ones(scenario: str) -> None:
    for t in _all(scenario):
        found = cascade_findings(cascade_scorecard(t["department_targets"]))
        redundant = set(found.loc[found["kind"] == "redundant", "measure"])
        conflicting = set(found.loc[found["kind"] == "conflicting", "measure"])
        assert redundant - conflicting == {"On-time delivery rate", "First-contact resolution"}
        assert conflicting == {
            "Kitchen hold time",
            "Quality checks per batch",
            "Cost per meal",
            "Net revenue",
        }


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_revenue_children_fall_short_of_the_parent(scenario: str) -> None:
    for t in _all(scenario):
        rev = t["department_targets"][t["department_targets"]["measure"] == "Net revenue"]
        parent = rev.loc[rev["parent"].isna(), "target"].item()
        children = rev.loc[rev["parent"].notna(), "target"].sum()
        assert 0.92 <= children / parent <= 0.975
        # every departmental target is above its own baseline (a real ambition)
        up = t["department_targets"]["direction"] == "higher_is_better"
        frame = t["department_targets"][up]
        assert (frame["target"] > frame["baseline"]).all()


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_customer_metrics_have_overlapping_accountability(scenario: str) -> None:
    for t in _all(scenario):
        claims, catalogue = t["accountability_claims"], t["metric_catalogue"]
        unique = claims.drop_duplicates(["metric_id", "department", "role"])
        assert 3 <= len(claims) - len(unique) <= 5
        acc = unique[unique["role"] == "accountable"].groupby("metric_id").size()
        customer = set(catalogue.loc[catalogue["perspective"] == "customer", "metric_id"])
        assert (acc[list(customer)] >= 2).all()
        assert (acc.drop(list(customer)) == 1).all()


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_dashboards_reconcile_with_the_orders(scenario: str) -> None:
    for t in _all(scenario):
        exports, orders, returns = t["dashboard_exports"], t["orders"], t["returns"]
        fin = t["finance_monthly"]
        finance = exports[exports["dashboard"] == "finance"]["value"].to_numpy()
        assert abs(finance - fin["net_revenue"].to_numpy()).max() < 0.01
        sales = exports.loc[exports["dashboard"] == "sales", "value"].sum()
        assert sales == pytest.approx(orders["amount"].sum(), abs=0.05)
        ops = exports.loc[exports["dashboard"] == "operations", "value"].sum()
        delivered = orders[
            orders["delivered_at"] < pd.Timestamp(fin["month"].iloc[-1]) + pd.DateOffset(months=1)
        ]
        assert ops == pytest.approx(delivered["amount"].sum(), abs=0.05)
        # gross of every order placed is above net revenue in every month
        placed = orders.groupby(orders["ordered_at"].dt.to_period("M"))["amount"].sum()
        assert (placed.to_numpy() > fin["net_revenue"].to_numpy()).all()
        assert len(returns) > 0


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_criterion_stops_some_proposal_and_some_pass(scenario: str) -> None:
    for t in _all(scenario):
        checked = check_proposals(t["measure_proposals"])
        criteria = [c for c in checked.columns if c not in ("passes", "fails")]
        assert checked[criteria].any().all(), checked[criteria].sum().to_dict()
        assert 3 <= int(checked["passes"].sum()) < len(checked)
        # the cost criterion alone stops at least one proposal (so ignoring it shows)
        cost_only = checked["cost of collection"] & ~checked[
            [c for c in criteria if c != "cost of collection"]
        ].any(axis=1)
        assert cost_only.any()
