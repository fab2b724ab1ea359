"""Activity-based costing and the plant-wide rate, against a published textbook example."""

from __future__ import annotations

import pandas as pd
import pytest

from bsckit.kpi import (
    CostAllocation,
    activity_based_costing,
    activity_rates,
    costing_comparison,
    plantwide_rate_costing,
)

# Horngren, Datar & Rajan, Cost Accounting: A Managerial Emphasis, ch. 5 (Plastim: 60,000
# simple S3 lenses and 15,000 complex CL5 lenses). Simple costing: one pool of $2,385,000 over
# 39,750 direct manufacturing labour-hours = $60 an hour, so S3 gets $1,800,000 ($30 a lens)
# and CL5 $585,000 ($39). ABC (Exhibits 5-4 and 5-5): six activity pools; rates $4,500 per
# parts-square-foot, $150 per set-up hour, $50 per molding machine-hour, $405 per shipment,
# $5.80 per cubic foot delivered, $6.4151 per labour-hour; indirect costs S3 $1,153,953
# ($19.23 a lens), CL5 $961,047 ($64.07 a lens). (Rates and the simple-costing figures are
# also reproduced in the worked exercise at scribd.com/document/635548377.)
POOLS = {
    "design": 450_000,
    "setup": 300_000,
    "machine_operations": 637_500,
    "shipment_setup": 81_000,
    "distribution": 391_500,
    "administration": 255_000,
}
DRIVER_TOTALS = {
    "design": 100,
    "setup": 2_000,
    "machine_operations": 12_750,
    "shipment_setup": 200,
    "distribution": 67_500,
    "administration": 39_750,
}
USAGE = {
    "S3": {
        "design": 30,
        "setup": 500,
        "machine_operations": 9_000,
        "shipment_setup": 100,
        "distribution": 45_000,
        "administration": 30_000,
    },
    "CL5": {
        "design": 70,
        "setup": 1_500,
        "machine_operations": 3_750,
        "shipment_setup": 100,
        "distribution": 22_500,
        "administration": 9_750,
    },
}
UNITS = {"S3": 60_000, "CL5": 15_000}


def test_plastim_activity_rates():
    rates = activity_rates(POOLS, DRIVER_TOTALS)
    expected = {
        "design": 4_500,
        "setup": 150,
        "machine_operations": 50,
        "shipment_setup": 405,
        "distribution": 5.80,
        "administration": 6.4151,
    }
    for pool, rate in expected.items():
        assert rates[pool] == pytest.approx(rate, abs=5e-5), pool


def test_plastim_activity_based_costing():
    result = activity_based_costing(POOLS, USAGE, driver_totals=DRIVER_TOTALS, units=UNITS)
    assert isinstance(result, CostAllocation)
    assert result.method == "activity_based"
    assert result.total["S3"] == pytest.approx(1_153_953, abs=0.5)
    assert result.total["CL5"] == pytest.approx(961_047, abs=0.5)
    assert result.per_unit["S3"] == pytest.approx(19.23, abs=0.005)
    assert result.per_unit["CL5"] == pytest.approx(64.07, abs=0.005)
    assert result.allocated.loc["S3", "design"] == pytest.approx(135_000)  # 30 x $4,500
    assert result.allocated.loc["CL5", "setup"] == pytest.approx(225_000)  # 1,500 x $150
    assert result.total.sum() == pytest.approx(sum(POOLS.values()))  # every pool fully charged


def test_plastim_plantwide_rate():
    result = plantwide_rate_costing(2_385_000, {"S3": 30_000, "CL5": 9_750}, units=UNITS)
    assert result.rates["plantwide"] == pytest.approx(60.0)
    assert result.total.to_dict() == pytest.approx({"S3": 1_800_000, "CL5": 585_000})
    assert result.per_unit.to_dict() == pytest.approx({"S3": 30.0, "CL5": 39.0})


def test_comparison_shows_which_product_the_single_rate_overcosts():
    abc = activity_based_costing(POOLS, USAGE, units=UNITS)
    plantwide = plantwide_rate_costing(2_385_000, {"S3": 30_000, "CL5": 9_750}, units=UNITS)
    table = costing_comparison(abc, plantwide)
    assert list(table.columns) == ["activity_based", "plantwide", "difference"]
    assert table.loc["S3", "difference"] > 0 > table.loc["CL5", "difference"]
    assert table.loc["CL5", "activity_based"] == pytest.approx(64.07, abs=0.005)


def test_usage_as_a_dataframe_gives_the_same_answer():
    frame = pd.DataFrame(USAGE).T
    from_frame = activity_based_costing(pd.Series(POOLS), frame)
    from_dict = activity_based_costing(POOLS, USAGE)
    pd.testing.assert_series_equal(from_frame.total, from_dict.total)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (
            lambda: activity_based_costing({"setup": 100.0}, {"a": {"set_up": 1}}),
            ValueError,
            "pool 'set_up', which is not in `pool_costs`",
        ),
        (
            lambda: activity_based_costing({"setup": 100.0, "design": 5.0}, {"a": {"setup": 1}}),
            ValueError,
            "no entry for pool 'design'",
        ),
        (
            lambda: activity_based_costing({"setup": 100.0}, {"a": {"setup": 0}}),
            ValueError,
            "pool 'setup' is 0",
        ),
        (
            lambda: activity_based_costing(
                {"setup": 100.0}, {"a": {"setup": 1}, "b": {"setup": 2}}, driver_totals={"setup": 4}
            ),
            ValueError,
            "adds up to 3, but `driver_totals` says 4",
        ),
        (
            lambda: activity_based_costing({"setup": -1.0}, {"a": {"setup": 1}}),
            ValueError,
            "`pool_costs`",
        ),
        (
            lambda: activity_based_costing({"setup": 100.0}, {"a": {"setup": "2"}}),
            TypeError,
            "`driver_usage` must hold numbers, not text",
        ),
        (lambda: activity_based_costing({"setup": 1.0}, [1, 2]), TypeError, "`driver_usage`"),
        (
            lambda: activity_based_costing({"setup": 1.0}, {"a": {"setup": 1}}, units={"b": 3}),
            ValueError,
            "`units`",
        ),
        (lambda: plantwide_rate_costing(0, {"a": 1}), ValueError, "`total_overhead`"),
        (lambda: plantwide_rate_costing(10, {"a": 0}), ValueError, "adds up to 0"),
        (lambda: costing_comparison("abc", "pw"), TypeError, "`activity_based`"),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_missing_usage_cell_is_named():
    frame = pd.DataFrame({"setup": [1.0, None]}, index=["a", "b"])
    with pytest.raises(ValueError, match="object 'b' in pool 'setup'"):
        activity_based_costing({"setup": 10.0}, frame)


def test_material_handling_per_unit_exercise():
    # Horngren, Cost Accounting, Exercise 5-27 (solution quoted at competentacademicwriters.com
    # /?p=11156): material handling $50,000 over 5 + 15 moves; 25 lenses use 5 moves ->
    # $500 a lens, 25 mirrors use 15 -> $1,500 a mirror.
    result = activity_based_costing(
        {"material_handling": 50_000},
        {"lenses": {"material_handling": 5}, "mirrors": {"material_handling": 15}},
        units={"lenses": 25, "mirrors": 25},
    )
    assert result.rates["material_handling"] == pytest.approx(2_500)
    assert result.per_unit.to_dict() == pytest.approx({"lenses": 500, "mirrors": 1_500})
