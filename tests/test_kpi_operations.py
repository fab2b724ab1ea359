"""Operations KPIs: hand-computed cases, Series handling, conventions, properties, bad input.

Published worked examples live in test_kpi_published.py; the expected values here are hand
computations shown in the comments.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bsckit import kpi
from bsckit.kpi import operations

FAST = settings(max_examples=60, deadline=None)
fractions = st.floats(min_value=0, max_value=1, allow_nan=False)


def test_module_all_is_public_names():
    public = {n for n in dir(operations) if not n.startswith("_")}
    assert set(operations.__all__) <= public
    for name in operations.__all__:
        assert getattr(kpi, name) is getattr(operations, name)


# ---- OEE ----------------------------------------------------------------------------------


def test_oee_product():
    assert kpi.oee(0.9, 0.95, 0.999) == pytest.approx(0.9 * 0.95 * 0.999)


def test_oee_series_in_series_out_keeps_index():
    a = pd.Series([0.9, 0.8], index=["mon", "tue"], name="availability")
    out = kpi.oee(a, 0.5, [1.0, 0.5])
    assert isinstance(out, pd.Series)
    assert list(out.index) == ["mon", "tue"]
    assert out.tolist() == pytest.approx([0.45, 0.2])


def test_oee_from_shift_hand_example_and_split_invariance():
    # Hand: planned 100, down 10, short stops 5, ideal 1 min/unit, 80 made, 76 good.
    # Charged to performance: A = 90/100, P = 80/90, Q = 76/80, OEE = 76/100.
    perf = kpi.oee_from_shift(100, 10, 1, 80, 76, performance_downtime=5)
    assert (perf.availability, perf.performance, perf.quality) == pytest.approx(
        (0.9, 80 / 90, 0.95)
    )
    assert perf.oee == pytest.approx(0.76)
    # Charged to availability: A = 85/100, P = 80/85; OEE unchanged.
    avail = kpi.oee_from_shift(
        100, 10, 1, 80, 76, performance_downtime=5, charge_performance_downtime_to="availability"
    )
    assert (avail.availability, avail.performance) == pytest.approx((0.85, 80 / 85))
    assert avail.oee == pytest.approx(0.76)
    assert avail.run_time == pytest.approx(85)


def test_oee_from_shift_series_per_shift():
    planned = pd.Series([480, 480], index=["early", "late"])
    r = kpi.oee_from_shift(planned, [60, 0], 1, [400, 480], [380, 480])
    assert isinstance(r.oee, pd.Series)
    assert r.oee["late"] == pytest.approx(1.0)
    assert r.availability["early"] == pytest.approx(0.875)
    assert r.to_dict()["run_time"].tolist() == [420, 480]


def test_oee_result_is_frozen_and_validated():
    r = kpi.oee_from_shift(100, 10, 1, 80, 76)
    with pytest.raises(AttributeError):
        r.oee = 0.5  # type: ignore[misc]
    with pytest.raises(ValueError, match="`quality`"):
        kpi.OEEResult(availability=0.9, performance=0.9, quality=1.2, oee=0.9, run_time=1)


@FAST
@given(a=fractions, p=fractions, q=fractions)
def test_property_oee_in_unit_interval(a, p, q):
    value = kpi.oee(a, p, q)
    assert 0.0 <= value <= 1.0
    assert value <= min(a, p, q) + 1e-12


@FAST
@given(
    planned=st.floats(min_value=1, max_value=1_000),
    down_share=st.floats(min_value=0, max_value=0.99),
    speed=st.floats(min_value=0.01, max_value=1),
    total=st.integers(min_value=1, max_value=10_000),
    good_share=st.floats(min_value=0, max_value=1),
)
def test_property_oee_from_shift_in_unit_interval(planned, down_share, speed, total, good_share):
    run = planned * (1 - down_share)
    ideal = speed * run / total  # chosen so that performance = speed <= 1
    good = math.floor(good_share * total)
    r = kpi.oee_from_shift(planned, planned * down_share, ideal, total, good)
    for value in (r.availability, r.performance, r.quality, r.oee):
        assert 0.0 <= value <= 1.0
    assert r.oee == pytest.approx(ideal * good / planned, rel=1e-9, abs=1e-12)


# ---- flow ---------------------------------------------------------------------------------


def test_cycle_time_throughput_takt_hand():
    assert kpi.cycle_time(450, 90) == pytest.approx(5.0)  # 450 min / 90 meals
    assert kpi.throughput(90, 7.5) == pytest.approx(12.0)  # 90 meals / 7.5 h
    assert kpi.takt_time(27_000, 450) == pytest.approx(60.0)  # 27,000 s / 450 meals


def test_littles_law_each_direction_and_units():
    assert kpi.littles_law(arrival_rate=30, time_in_system=2) == pytest.approx(60)
    assert kpi.littles_law(items_in_system=60, time_in_system=2) == pytest.approx(30)
    assert kpi.littles_law(items_in_system=60, arrival_rate=30) == pytest.approx(2)
    # 120 orders/day and 6 h per order: L = 120/24 * 6 = 30.
    assert kpi.littles_law(
        arrival_rate=120, time_in_system=6, rate_per="d", time_unit="h"
    ) == pytest.approx(30)
    # Solve W in minutes for L = 30 and 120/day: 30 / (120 / 1440) = 360 min.
    assert kpi.littles_law(
        items_in_system=30, arrival_rate=120, rate_per="d", time_unit="min"
    ) == pytest.approx(360)
    # Solve lambda per day for L = 30 and W = 6 h: 30 / 6 per h = 5/h = 120/d.
    assert kpi.littles_law(
        items_in_system=30, time_in_system=6, rate_per="d", time_unit="h"
    ) == pytest.approx(120)


def test_utilisation_and_costs():
    assert kpi.utilisation(7, 8) == pytest.approx(0.875)
    assert kpi.cost_per_unit(pd.Series([100.0, 90.0]), pd.Series([40, 30])).tolist() == [2.5, 3.0]
    assert kpi.cost_per_transaction(1_000, 400) == pytest.approx(2.5)


# ---- quality ------------------------------------------------------------------------------


def test_defect_rate_dpu_dpmo_hand():
    assert kpi.defect_rate(6, 200) == pytest.approx(0.03)
    assert kpi.defects_per_unit(30, 20) == pytest.approx(1.5)  # may exceed 1
    assert kpi.dpmo(3, 200, 5) == pytest.approx(3_000)  # 3 / 1000 * 1e6


def test_sigma_level_conventions():
    # Exact: Phi^-1(1 - 0.5) + 1.5 = 1.5; no shift -> 0.
    assert kpi.sigma_level(500_000) == pytest.approx(1.5)
    assert kpi.sigma_level(500_000, shift=0) == pytest.approx(0.0, abs=1e-12)
    # Approximation at DPMO = 1: 0.8406 + sqrt(29.37) = 6.2600 (hand), re-based for shift 0.
    assert kpi.sigma_level(1, method="approximation") == pytest.approx(0.8406 + math.sqrt(29.37))
    assert kpi.sigma_level(1, shift=0, method="approximation") == pytest.approx(
        0.8406 + math.sqrt(29.37) - 1.5
    )
    out = kpi.sigma_level(pd.Series([6_210.0, 233.0], index=["a", "b"]))
    assert list(out.index) == ["a", "b"]
    assert out.tolist() == pytest.approx([4.0, 5.0], abs=0.01)


def test_first_pass_and_rolled_yield_hand():
    assert kpi.first_pass_yield(200, 190) == pytest.approx(0.95)
    assert kpi.rolled_throughput_yield(pd.Series([0.9, 0.5])) == pytest.approx(0.45)
    assert kpi.rolled_throughput_yield(np.array([1.0])) == 1.0


@FAST
@given(st.lists(fractions, min_size=1, max_size=8))
def test_property_rolled_throughput_yield_at_most_min_step(steps):
    rty = kpi.rolled_throughput_yield(steps)
    assert 0.0 <= rty <= min(steps) + 1e-12


def test_dpmo_from_sigma_inverts_sigma_level():
    # Inverse of the micquality.com table (http://micquality.com/six_sigma_glossary/
    # sigma_level.htm, 1.5 shift): 4 -> 6,210, 5 -> 233, 6 -> 3.4 DPMO; 3 -> 66,807 by the
    # normal table (the page prints 66,811).
    assert kpi.dpmo_from_sigma(4) == pytest.approx(6_210, abs=1)
    assert kpi.dpmo_from_sigma(5) == pytest.approx(233, abs=0.5)
    assert kpi.dpmo_from_sigma(6) == pytest.approx(3.4, abs=0.05)
    assert kpi.dpmo_from_sigma(3) == pytest.approx(66_811, abs=5)
    # No shift: 3 sigma one-sided tail = 1349.9 DPMO (normal table 0.00135).
    assert kpi.dpmo_from_sigma(3, shift=0) == pytest.approx(1_350, abs=0.5)


@FAST
@given(st.floats(min_value=0.5, max_value=7.5))
def test_property_sigma_level_round_trip(sigma):
    assert kpi.sigma_level(kpi.dpmo_from_sigma(sigma)) == pytest.approx(sigma, abs=1e-6)


def test_normalized_and_poisson_yield_hand():
    assert kpi.normalized_yield([0.9, 0.9, 0.9]) == pytest.approx(0.9)
    assert kpi.normalized_yield([0.81, 1.0]) == pytest.approx(0.9)
    # RTY = exp(-total DPU) (iSixSigma thread "Rolled throught yield for a process"); by hand,
    # DPU 0.13 + 0.07 + 0.05 = 0.25 -> exp(-0.25) = 0.7788.
    assert kpi.yield_from_dpu(0.25) == pytest.approx(0.7788, abs=5e-5)
    assert kpi.yield_from_dpu(pd.Series([0.0])).tolist() == [1.0]


@FAST
@given(st.lists(fractions, min_size=1, max_size=8))
def test_property_normalized_yield_between_rty_and_max(steps):
    ny = kpi.normalized_yield(steps)
    assert kpi.rolled_throughput_yield(steps) - 1e-12 <= ny <= max(steps) + 1e-12


# ---- inventory ----------------------------------------------------------------------------


def test_inventory_turnover_days_360():
    assert kpi.inventory_turnover(900, 150) == pytest.approx(6.0)
    assert kpi.days_inventory(900, 150, days=360) == pytest.approx(60.0)


# ---- bad input: every public function names the offending parameter -----------------------

BAD = [
    (kpi.oee, (float("nan"), 0.9, 0.9), {}, ValueError, "availability"),
    (kpi.oee, (0.9, 1.2, 0.9), {}, ValueError, "performance"),
    (kpi.oee, (0.9, 0.9, "high"), {}, TypeError, "quality"),
    (kpi.oee, ([0.9, 0.8], [0.9, 0.8, 0.7], 1), {}, ValueError, "availability"),
    (kpi.oee, ([], 0.9, 0.9), {}, ValueError, "availability"),
    (kpi.oee_from_shift, (0, 0, 1, 10, 10), {}, ValueError, "planned_time"),
    (kpi.oee_from_shift, (100, -1, 1, 10, 10), {}, ValueError, "downtime"),
    (kpi.oee_from_shift, (100, 120, 1, 10, 10), {}, ValueError, "downtime"),
    (kpi.oee_from_shift, (100, 100, 1, 10, 10), {}, ValueError, "downtime"),
    (kpi.oee_from_shift, (100, 0, 0, 10, 10), {}, ValueError, "ideal_cycle_time"),
    (kpi.oee_from_shift, (100, 0, 2, 60, 60), {}, ValueError, "ideal_cycle_time"),
    (kpi.oee_from_shift, (100, 0, 1, 10.5, 10), {}, ValueError, "total_count"),
    (kpi.oee_from_shift, (100, 0, 1, 0, 0), {}, ValueError, "total_count"),
    (kpi.oee_from_shift, (100, 0, 1, 10, 11), {}, ValueError, "good_count"),
    (
        kpi.oee_from_shift,
        (100, 0, 1, 10, 9),
        {"performance_downtime": -2},
        ValueError,
        "performance_downtime",
    ),
    (
        kpi.oee_from_shift,
        (100, 0, 1, 10, 9),
        {"charge_performance_downtime_to": "quality"},
        ValueError,
        "charge_performance_downtime_to",
    ),
    (kpi.cycle_time, (100, 0), {}, ValueError, "units"),
    (kpi.cycle_time, (-5, 10), {}, ValueError, "production_time"),
    (kpi.throughput, (10, None), {}, TypeError, "time"),
    (kpi.throughput, (True, 8), {}, TypeError, "units"),
    (kpi.takt_time, (480, 0), {}, ValueError, "customer_demand"),
    (kpi.takt_time, (float("inf"), 10), {}, ValueError, "available_time"),
    (kpi.littles_law, (), {"arrival_rate": 10}, ValueError, "time_in_system"),
    (kpi.littles_law, (1, 2, 3), {}, ValueError, "items_in_system"),
    (kpi.littles_law, (), {"arrival_rate": -1, "time_in_system": 2}, ValueError, "arrival_rate"),
    (
        kpi.littles_law,
        (),
        {"arrival_rate": 1, "time_in_system": float("nan")},
        ValueError,
        "time_in_system",
    ),
    (
        kpi.littles_law,
        (),
        {"arrival_rate": 1, "time_in_system": 2, "rate_per": "h"},
        ValueError,
        "time_unit",
    ),
    (
        kpi.littles_law,
        (),
        {"arrival_rate": 1, "time_in_system": 2, "rate_per": "hour", "time_unit": "h"},
        ValueError,
        "rate_per",
    ),
    (kpi.defect_rate, (11, 10), {}, ValueError, "defective_units"),
    (kpi.defect_rate, (-1, 10), {}, ValueError, "defective_units"),
    (kpi.defects_per_unit, (1.5, 10), {}, ValueError, "defects"),
    (kpi.dpmo, (5, 10, 0), {}, ValueError, "opportunities"),
    (kpi.dpmo, (5, 0, 2), {}, ValueError, "units"),
    (kpi.dpmo, (25, 10, 2), {}, ValueError, "defects"),
    (kpi.sigma_level, (0,), {}, ValueError, "dpmo"),
    (kpi.sigma_level, (1e6,), {}, ValueError, "dpmo"),
    (kpi.sigma_level, (float("nan"),), {}, ValueError, "dpmo"),
    (kpi.sigma_level, (5000,), {"shift": -1}, ValueError, "shift"),
    (kpi.sigma_level, (5000,), {"method": "table"}, ValueError, "method"),
    (kpi.sigma_level, (900_000,), {"method": "approximation"}, ValueError, "dpmo"),
    (kpi.dpmo_from_sigma, (float("nan"),), {}, ValueError, "sigma"),
    (kpi.dpmo_from_sigma, (4,), {"shift": -1.5}, ValueError, "shift"),
    (kpi.normalized_yield, ([0.9, -0.1],), {}, ValueError, "step_yields"),
    (kpi.normalized_yield, ([],), {}, ValueError, "step_yields"),
    (kpi.yield_from_dpu, (-0.1,), {}, ValueError, "dpu"),
    (kpi.yield_from_dpu, ("0.1",), {}, TypeError, "dpu"),
    (kpi.first_pass_yield, (100, 101), {}, ValueError, "good_first_time"),
    (kpi.first_pass_yield, (0, 0), {}, ValueError, "units_in"),
    (kpi.rolled_throughput_yield, ([0.9, 1.1],), {}, ValueError, "step_yields"),
    (kpi.rolled_throughput_yield, ([],), {}, ValueError, "step_yields"),
    (kpi.rolled_throughput_yield, ([0.9, float("nan")],), {}, ValueError, "step_yields"),
    (kpi.rolled_throughput_yield, ("0.9",), {}, TypeError, "step_yields"),
    (kpi.cost_per_unit, (100, -3), {}, ValueError, "units"),
    (kpi.cost_per_unit, (pd.DataFrame({"a": [1]}), 3), {}, TypeError, "total_cost"),
    (kpi.cost_per_transaction, (100, 0), {}, ValueError, "transactions"),
    (kpi.utilisation, (9, 8), {}, ValueError, "busy_time"),
    (kpi.inventory_turnover, (100, 0), {}, ValueError, "average_inventory"),
    (kpi.days_inventory, (100, 10), {"days": 0}, ValueError, "days"),
    (kpi.days_inventory, (0, 10), {}, ValueError, "cogs"),
]


@pytest.mark.parametrize(("func", "args", "kwargs", "error", "name"), BAD)
def test_bad_input_names_the_parameter(func, args, kwargs, error, name):
    with pytest.raises(error, match=f"`{name}"):
        func(*args, **kwargs)


def test_series_with_different_indexes_are_refused():
    a = pd.Series([1.0, 2.0], index=["x", "y"])
    b = pd.Series([1.0, 2.0], index=["y", "z"])
    with pytest.raises(ValueError, match=r"`units`.*`total_cost`.*align"):
        kpi.cost_per_unit(a, b)
