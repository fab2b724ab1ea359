"""People and innovation KPIs, and the package's public names."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bsckit import kpi
from bsckit.kpi import costing, customer, finance, innovation, operations, people, timeliness

FAST = settings(max_examples=60, deadline=None)


def test_package_all_is_the_union_of_module_all():
    modules = (operations, customer, finance, people, innovation, costing, timeliness)
    union = {name for module in modules for name in module.__all__}
    assert set(kpi.__all__) == union
    assert len(kpi.__all__) == len(set(kpi.__all__))
    # in ruff's isort-style order (RUF022): CONSTANTS, then Classes, then functions
    kind = {True: 0, False: 1}
    assert list(kpi.__all__) == sorted(
        kpi.__all__, key=lambda n: (kind[n.isupper()] if n[0].isupper() else 2, n)
    )
    for module in (people, innovation):
        for name in module.__all__:
            assert getattr(kpi, name) is getattr(module, name)


# ---- people -------------------------------------------------------------------------------

HIRED = pd.Series(
    pd.to_datetime(["2025-01-06", "2025-01-06", "2025-02-03", "2025-03-03"]),
    index=["ana", "ben", "cai", "dee"],
)
COMPETENT = pd.Series(
    pd.to_datetime(["2025-02-17", "2025-03-03", "2025-03-03", "2025-04-14"]), index=HIRED.index
)
# By hand: 42, 56, 28, 42 days.


def test_time_to_competency_statistics():
    assert kpi.time_to_competency(HIRED, COMPETENT) == pytest.approx(42.0)
    assert kpi.time_to_competency(HIRED, COMPETENT, statistic="mean") == pytest.approx(42.0)
    assert kpi.time_to_competency(HIRED, COMPETENT, unit="weeks") == pytest.approx(6.0)
    assert kpi.time_to_competency(HIRED, COMPETENT, unit="hours") == pytest.approx(42 * 24)
    each = kpi.time_to_competency(HIRED, COMPETENT, statistic=None)
    assert isinstance(each, pd.Series)
    assert each.to_dict() == {"ana": 42.0, "ben": 56.0, "cai": 28.0, "dee": 42.0}


def test_time_to_competency_missing_drop():
    pending = COMPETENT.copy()
    pending["ben"] = pd.NaT
    with pytest.raises(ValueError, match="`competent_dates`"):
        kpi.time_to_competency(HIRED, pending)
    # Dropped: 42, 28, 42 -> median 42, mean 112/3.
    assert kpi.time_to_competency(HIRED, pending, missing="drop") == pytest.approx(42.0)
    assert kpi.time_to_competency(
        HIRED, pending, statistic="mean", missing="drop"
    ) == pytest.approx(112 / 3)
    each = kpi.time_to_competency(HIRED, pending, statistic=None, missing="drop")
    assert np.isnan(each["ben"])


def test_people_rates_hand():
    assert kpi.training_hours_per_employee(1_800, 75) == pytest.approx(24.0)
    assert kpi.retention_of_high_performers(25, 23) == pytest.approx(0.92)
    assert kpi.internal_mobility_rate(12, 160) == pytest.approx(0.075)
    assert kpi.turnover_rate(pd.Series([4, 6]), pd.Series([80, 120])).tolist() == [0.05, 0.05]


# ---- innovation ---------------------------------------------------------------------------


def test_stage_gate_conversion_hand():
    r = kpi.stage_gate_conversion(
        {"idea": 200, "concept": 50, "prototype": 20, "pilot": 10, "launch": 5}
    )
    assert list(r.by_gate.index) == [
        "idea -> concept",
        "concept -> prototype",
        "prototype -> pilot",
        "pilot -> launch",
    ]
    assert r.by_gate.tolist() == pytest.approx([0.25, 0.4, 0.5, 0.5])
    assert r.overall == pytest.approx(0.025)
    assert r.counts.tolist() == [200, 50, 20, 10, 5]


def test_stage_gate_conversion_list_and_zero_tail():
    r = kpi.stage_gate_conversion([10, 2, 0, 0])
    assert r.by_gate.index[0] == "stage 1 -> stage 2"
    assert r.by_gate.tolist() == pytest.approx([0.2, 0.0, 0.0])
    assert r.overall == 0.0


@FAST
@given(st.lists(st.integers(min_value=0, max_value=1_000), min_size=2, max_size=7))
def test_property_stage_gate_overall_is_product_of_gates(raw):
    counts = sorted(raw, reverse=True)
    counts[0] = max(counts[0], 1)
    r = kpi.stage_gate_conversion(counts)
    assert 0.0 <= r.overall <= r.by_gate.min() + 1e-12
    assert r.overall == pytest.approx(float(np.prod(r.by_gate)), abs=1e-12)


def test_time_to_market_hand():
    start = ["2024-01-01", "2024-03-01", "2024-02-01"]
    launch = ["2024-04-01", "2024-06-07", "2024-02-29"]  # 91, 98, 28 days by hand
    assert kpi.time_to_market(start, launch) == pytest.approx(91.0)
    assert kpi.time_to_market(start, launch, statistic="mean") == pytest.approx(217 / 3)
    assert kpi.time_to_market(start, launch, statistic=None).tolist() == [91.0, 98.0, 28.0]


def test_new_product_share_and_adoption_hand():
    assert kpi.new_product_revenue_share(45_000, 300_000) == pytest.approx(0.15)
    assert kpi.adoption_rate(90, 600) == pytest.approx(0.15)


# ---- bad input ----------------------------------------------------------------------------

BAD = [
    (kpi.time_to_competency, (HIRED, COMPETENT.iloc[:2]), {}, ValueError, "hire_dates"),
    (kpi.time_to_competency, (COMPETENT, HIRED), {}, ValueError, "competent_dates"),
    (kpi.time_to_competency, ([1, 2], [3, 4]), {}, TypeError, "hire_dates"),
    (kpi.time_to_competency, (HIRED, COMPETENT), {"statistic": "max"}, ValueError, "statistic"),
    (kpi.time_to_competency, (HIRED, COMPETENT), {"unit": "months"}, ValueError, "unit"),
    (kpi.time_to_competency, (HIRED, COMPETENT), {"missing": "ignore"}, ValueError, "missing"),
    (
        kpi.time_to_competency,
        (HIRED, COMPETENT.set_axis(list("wxyz"))),
        {},
        ValueError,
        "hire_dates",
    ),
    (
        kpi.time_to_competency,
        (HIRED, [pd.NaT] * 4),
        {"missing": "drop"},
        ValueError,
        "competent_dates",
    ),
    (kpi.time_to_competency, (None, COMPETENT), {}, TypeError, "hire_dates"),
    (kpi.training_hours_per_employee, (100, 0), {}, ValueError, "headcount"),
    (kpi.training_hours_per_employee, (-1, 10), {}, ValueError, "training_hours"),
    (kpi.retention_of_high_performers, (10, 11), {}, ValueError, "still_employed"),
    (kpi.retention_of_high_performers, (0, 0), {}, ValueError, "high_performers_at_start"),
    (kpi.internal_mobility_rate, (float("nan"), 10), {}, ValueError, "internal_moves"),
    (kpi.internal_mobility_rate, (1, "10"), {}, TypeError, "headcount"),
    (kpi.turnover_rate, (3, []), {}, ValueError, "average_headcount"),
    (kpi.stage_gate_conversion, ([10, 12, 3],), {}, ValueError, "counts_by_stage"),
    (kpi.stage_gate_conversion, ([10],), {}, ValueError, "counts_by_stage"),
    (kpi.stage_gate_conversion, ([0, 0],), {}, ValueError, "counts_by_stage"),
    (kpi.stage_gate_conversion, ([10, 2.5],), {}, ValueError, "counts_by_stage"),
    (kpi.stage_gate_conversion, ({"idea": 10, "launch": -1},), {}, ValueError, "counts_by_stage"),
    (kpi.stage_gate_conversion, ("10,5",), {}, TypeError, "counts_by_stage"),
    (kpi.stage_gate_conversion, (7,), {}, TypeError, "counts_by_stage"),
    (kpi.time_to_market, (["2024-05-01"], ["2024-04-01"]), {}, ValueError, "launch_dates"),
    (kpi.time_to_market, (["2024-05-01"], [None]), {}, ValueError, "launch_dates"),
    (kpi.new_product_revenue_share, (120, 100), {}, ValueError, "revenue_new"),
    (kpi.new_product_revenue_share, (10, 0), {}, ValueError, "revenue_total"),
    (kpi.adoption_rate, (10, 5), {}, ValueError, "adopters"),
    (kpi.adoption_rate, (1.5, 5), {}, ValueError, "adopters"),
]


@pytest.mark.parametrize(("func", "args", "kwargs", "error", "name"), BAD)
def test_bad_input_names_the_parameter(func, args, kwargs, error, name):
    with pytest.raises(error, match=f"`{name}"):
        func(*args, **kwargs)


def test_stage_gate_result_is_frozen():
    r = kpi.stage_gate_conversion([4, 2])
    with pytest.raises(AttributeError):
        r.overall = 1.0  # type: ignore[misc]
