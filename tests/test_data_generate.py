"""Generator: parameters, tables, keys, Faker use, scenarios."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

import bsckit.data as data
from bsckit.data import SCHEMA, generate
from bsckit.data.drivers import rng_for
from bsckit.data.scenarios import get_scenario


@functools.cache
def default() -> dict[str, pd.DataFrame]:
    return generate()


def test_public_names_match_all() -> None:
    public = {n for n in dir(data) if not n.startswith("_")}
    assert set(data.__all__) <= public
    assert {"generate", "write", "load", "load_all", "tables", "check"} <= set(data.__all__)


def test_every_table_has_the_schema_columns_and_rows() -> None:
    tabs = default()
    assert list(tabs) == data.tables()
    for name, frame in tabs.items():
        assert tuple(frame.columns) == SCHEMA[name].names, name
        assert len(frame) > 0, name


def test_default_size_and_period() -> None:
    tabs = default()
    orders = tabs["orders"]
    assert orders["ordered_at"].min() >= pd.Timestamp("2024-01-01")
    assert orders["ordered_at"].max() < pd.Timestamp("2026-01-01")
    assert len(tabs["finance_monthly"]) == 24
    assert 30_000 < len(orders) < 80_000


def test_keys_join() -> None:
    tabs = default()
    for name, table in SCHEMA.items():
        for col in table.columns:
            if col.references:
                ref_table, ref_col = col.references.split(".")
                values = tabs[name][col.name].dropna()
                assert values.isin(set(tabs[ref_table][ref_col])).all(), (name, col.name)
            if col.unique:
                assert not tabs[name][col.name].dropna().duplicated().any(), (name, col.name)


def test_course_columns_exist() -> None:
    tabs = default()
    need = {
        "orders": {
            "promised_at",
            "delivered_at",
            "order_type",
            "segment",
            "city",
            "channel",
            "dish_id",
            "amount",
        },
        "production_batches": {
            "planned_minutes",
            "downtime_minutes",
            "ideal_cycle_time_s",
            "units_made",
            "good_units",
            "defects",
            "rework",
            "cost",
        },
        "tickets": {
            "opened_at",
            "first_response_at",
            "resolved_at",
            "first_contact_resolved",
            "reopened",
            "agent_id",
            "type",
            "channel",
        },
        "invoices": {"issued_on", "due_on", "amount", "billing_error"},
        "employees": {
            "role",
            "department",
            "hired_on",
            "exited_on",
            "high_performer",
            "training_hours",
            "time_to_competency_days",
            "engagement_score",
            "internal_moves",
        },
    }
    for name, cols in need.items():
        assert cols <= set(tabs[name].columns), name
    assert set(tabs["tickets"]["type"].cat.categories) == {
        "complaint",
        "return",
        "billing",
        "repair/replacement",
    }


def test_values_respect_business_rules() -> None:
    tabs = default()
    o = tabs["orders"]
    assert (o["promised_at"] > o["ordered_at"]).all()
    b = tabs["production_batches"]
    run_s = (b["planned_minutes"] - b["downtime_minutes"]) * 60
    assert (b["ideal_cycle_time_s"] * b["units_made"] <= run_s).all()  # OEE performance <= 1
    assert (b["good_units"] == b["units_made"] - b["defects"]).all()
    t = tabs["tickets"]
    assert (t["first_response_at"] >= t["opened_at"]).all()
    assert (t["resolved_at"] >= t["first_response_at"]).all()
    s = tabs["surveys"]
    assert s["nps"].dropna().between(0, 10).all() and s["csat"].dropna().between(1, 5).all()
    answered = s["responded_at"].notna()
    assert 0.2 < answered.mean() < 0.7  # realistic response rates
    q = tabs["quality_samples"]
    assert q.groupby("subgroup_id").size().eq(5).all()
    assert set(q["target_g"]) == {350.0}
    f = tabs["finance_monthly"]
    lines = f["revenue_subscription"] + f["revenue_one_off"] + f["revenue_business"]
    np.testing.assert_allclose(f["net_revenue"], lines - f["refunds"], atol=0.02)


def test_orders_only_while_customer_is_active() -> None:
    tabs = default()
    o = tabs["orders"].merge(tabs["customers"], on="customer_id", suffixes=("", "_c"))
    assert (o["ordered_at"] >= o["signup_at"]).all()
    churn_month_end = o["churned_at"].dt.to_period("M").dt.end_time
    assert (o["churned_at"].isna() | (o["ordered_at"] <= churn_month_end)).all()


def test_emails_use_reserved_example_domains() -> None:
    tabs = default()
    for name in ("customers", "employees"):
        domains = tabs[name]["email"].str.split("@").str[1]
        assert domains.isin(["example.com", "example.org", "example.net"]).all()
        assert not tabs[name]["email"].duplicated().any()


def test_same_parameters_same_tables_other_seed_other_tables() -> None:
    a = generate(seed=5, months=3, scale=0.2)
    b = generate(seed=5, months=3, scale=0.2)
    c = generate(seed=6, months=3, scale=0.2)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert not a["orders"]["amount"].equals(c["orders"]["amount"])
    assert not a["customers"]["name"].equals(c["customers"]["name"])


def test_table_streams_are_independent() -> None:
    assert rng_for(1, "orders").integers(10**9) != rng_for(1, "tickets").integers(10**9)
    assert rng_for(1, "orders").integers(10**9) == rng_for(1, "orders").integers(10**9)


def test_scenarios_tell_different_stories() -> None:
    base = default()
    crisis = generate(scenario="cost_crisis")
    growth = generate(scenario="growth")

    def margin(t):
        f = t["finance_monthly"]
        return f["ebit"].sum() / f["net_revenue"].sum()

    assert margin(crisis) < margin(base) < margin(growth)
    assert crisis["price_index"]["cpi"].iloc[-1] > base["price_index"]["cpi"].iloc[-1] + 8
    assert len(growth["orders"]) > 1.15 * len(base["orders"])
    assert len(crisis["market_studies"]) < len(base["market_studies"])


def test_other_locale_and_company() -> None:
    t = generate(months=2, scale=0.1, locale="de_DE", company="Kochbox")
    assert t["kitchens"]["name"].str.startswith("Kochbox ").all()
    assert t["customers"]["email"].str.endswith((".com", ".org", ".net")).all()


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"start": "2024-13"}, "start"),
        ({"start": 202401}, "start"),
        ({"months": 0}, "months"),
        ({"months": 121}, "months"),
        ({"scale": 0}, "scale"),
        ({"scale": 50}, "scale"),
        ({"scenario": "boom"}, "scenario"),
        ({"company": ""}, "company"),
        ({"locale": "xx_YY"}, "locale"),
        ({"locale": "english"}, "locale"),
    ],
)
def test_bad_parameters_are_named(kwargs: dict, parameter: str) -> None:
    with pytest.raises((TypeError, ValueError), match=f"`{parameter}`"):
        generate(**kwargs)


def test_scenario_lookup() -> None:
    assert get_scenario("growth").signup_factor > 1
