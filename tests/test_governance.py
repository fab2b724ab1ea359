"""bsckit.governance: the executive exception report over the catalogue's measures.

Expected values are worked out by hand in the comments; on the generated data the checks are
properties (the drill plants what it says, where it says).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bsckit.catalogue import MEASURES
from bsckit.data import generate
from bsckit.governance import (
    PLANT_SIGMAS,
    PLANTED_PER_MEASURE,
    REVIEW_MONTHS,
    exception_measures,
    exception_rates,
    measure_exceptions,
    measure_history,
    plant_deviations,
)
from bsckit.measures import SHORT_HISTORY, monthly_measures

MONTHS = pd.period_range("2024-01", periods=6, freq="M")


def test_threshold_and_spc_rules_by_hand():
    # on_time_delivery (higher is better), baseline 3 months: 0.90, 0.94, 0.92 -> mean 0.92;
    # threshold: below 0.92 - 0.092 = 0.828; SPC: moving ranges 0.04, 0.02 -> 0.03 / 1.128,
    # lower limit 0.92 - 3 * 0.026596 = 0.84021. defect_rate (lower is better): 0.020, 0.021,
    # 0.019 -> mean 0.02, moving ranges 0.001, 0.002 -> sigma 0.0015 / 1.128 = 0.0013298, upper
    # limit 0.02 + 0.0039894 = 0.0239894; threshold above 0.022.
    h = pd.DataFrame(
        {
            "on_time_delivery": [0.90, 0.94, 0.92, 0.85, 0.83, 0.82],
            "defect_rate": [0.020, 0.021, 0.019, 0.021, 0.023, 0.025],
        },
        index=MONTHS,
    )
    thr = measure_exceptions(h, "threshold", baseline_months=3)
    spc = measure_exceptions(h, "spc", baseline_months=3)
    assert thr["on_time_delivery"].tolist() == [False] * 5 + [True]
    assert spc["on_time_delivery"].tolist() == [False, False, False, False, True, True]
    assert thr["defect_rate"].tolist() == [False] * 4 + [True, True]
    assert spc["defect_rate"].tolist() == [False] * 5 + [True]


def test_rates_count_the_review_window_only():
    flags = pd.DataFrame({"a": [True, False, True, False], "b": [False, False, True, True]})
    truth = pd.DataFrame({"a": [True, False, False, True], "b": [False, False, True, False]})
    # the last 2 rows: a flags (T, F) truth (F, T) -> one false alarm, one miss; b flags (T, T)
    # truth (T, F) -> one hit, one false alarm. Quiet cells a2 and b3, both flagged -> 1.0;
    # planted cells a3 and b2, one missed -> 0.5; shown 3. The first two rows do not count.
    assert exception_rates(flags, truth, review_months=2) == {
        "false_alarm_rate": 1.0,
        "miss_rate": 0.5,
        "shown": 3,
    }


def test_the_report_covers_catalogue_measures_with_thresholds_and_a_monthly_history():
    ids = exception_measures()
    assert len(ids) >= 8
    assert ids == sorted(ids, key=list(MEASURES).index)  # catalogue order
    for m in ids:
        assert m not in SHORT_HISTORY
        assert MEASURES[m].frequency in ("weekly", "monthly")
    assert not set(ids) & {"partner_fees", "feed_arrival_lag", "time_to_market"}


@pytest.fixture(scope="module")
def homeats():
    return generate(seed=7, scenario="cost_crisis")


def test_history_is_the_measures_layer_and_the_drill_plants_what_it_says(homeats):
    history = measure_history(homeats)
    layer = monthly_measures(homeats, exception_measures())
    pd.testing.assert_frame_equal(history, layer.dropna(how="all"))
    drill, truth = plant_deviations(history, np.random.default_rng(3))
    assert truth.sum().tolist() == [PLANTED_PER_MEASURE] * history.shape[1]
    assert not truth.iloc[:-REVIEW_MONTHS].to_numpy().any()  # only in the review window
    moved = drill - history.astype(float)
    assert (moved[~truth].fillna(0) == 0).all().all()  # nothing else changes
    for m in history.columns:
        base = history[m].iloc[:12].dropna()
        sigma = base.diff().abs().mean() / 1.128
        sign = -1 if MEASURES[m].better == "higher" else 1
        shifted = history.loc[truth[m], m].to_numpy() + sign * PLANT_SIGMAS * sigma
        low, high = MEASURES[m].low, MEASURES[m].high
        expected = np.clip(
            shifted, -np.inf if low is None else low, np.inf if high is None else high
        )
        assert drill.loc[truth[m], m].to_numpy() == pytest.approx(expected)  # kept in bounds
    again, _ = plant_deviations(history, np.random.default_rng(3))
    pd.testing.assert_frame_equal(drill, again)  # same seed, same drill


def test_bad_input_names_the_parameter():
    h = pd.DataFrame({"on_time_delivery": [0.9] * 6}, index=MONTHS)
    with pytest.raises(ValueError, match="`rule` must be one of"):
        measure_exceptions(h, "sigma")
    with pytest.raises(ValueError, match="`history` has 6 months"):
        measure_exceptions(h, "spc")
    with pytest.raises(ValueError, match="none of the tables"):
        measure_history({})
