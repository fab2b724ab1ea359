"""Customer KPIs: hand-computed cases, conventions, properties and bad input."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bsckit import kpi
from bsckit.kpi import customer

FAST = settings(max_examples=60, deadline=None)


def test_module_all_is_public_names():
    for name in customer.__all__:
        assert getattr(kpi, name) is getattr(customer, name)


# ---- delivery -----------------------------------------------------------------------------


def _deliveries():
    promised = pd.Series(
        pd.to_datetime(
            ["2025-03-03 12:00", "2025-03-03 12:30", "2025-03-03 13:00", "2025-03-03 19:00"]
        ),
        index=[101, 102, 103, 104],
    )
    actual = pd.Series(
        pd.to_datetime(
            ["2025-03-03 11:50", "2025-03-03 12:35", "2025-03-03 13:16", "2025-03-03 19:00"]
        ),
        index=[101, 102, 103, 104],
    )
    return promised, actual


def test_on_time_delivery_hand():
    promised, actual = _deliveries()
    # Early (101) and exactly on time (104) count; 102 is 5 min late, 103 is 16 min late.
    assert kpi.on_time_delivery(promised, actual) == pytest.approx(0.5)
    assert kpi.on_time_delivery(promised, actual, tolerance="5min") == pytest.approx(0.75)
    assert kpi.on_time_delivery(promised, actual, tolerance=pd.Timedelta("20min")) == 1.0


def test_on_time_delivery_accepts_iso_strings():
    assert kpi.on_time_delivery(["2025-01-01 10:00"], ["2025-01-01 09:59"]) == 1.0


def test_on_time_from_counts_series():
    out = kpi.on_time_delivery_from_counts(pd.Series([95, 40]), pd.Series([100, 50]))
    assert out.tolist() == pytest.approx([0.95, 0.8])


def test_service_rates_hand():
    assert kpi.order_fulfilment_rate(485, 500) == pytest.approx(0.97)
    assert kpi.first_contact_resolution(72, 90) == pytest.approx(0.8)
    assert kpi.return_rate(12, 800) == pytest.approx(0.015)
    assert kpi.response_rate(120, 800) == pytest.approx(0.15)


# ---- NPS / CSAT ---------------------------------------------------------------------------


def test_nps_hand_and_scales():
    answers = [10, 9, 9, 8, 7, 6, 0, 10]  # 4 promoters, 2 passives, 2 detractors of 8
    assert kpi.nps(answers) == pytest.approx(25.0)
    assert kpi.nps(answers, result="fraction") == pytest.approx(0.25)
    assert kpi.nps(pd.Series([1, 10]), scale="1-10") == pytest.approx(0.0)
    assert kpi.nps_from_counts(4, 2, 2) == pytest.approx(25.0)
    assert kpi.nps_from_counts(4, 2, 2, result="fraction") == pytest.approx(0.25)


def test_nps_from_counts_series():
    out = kpi.nps_from_counts(pd.Series([5, 0], index=["B2B", "B2C"]), 0, [0, 5])
    assert out.to_dict() == {"B2B": 100.0, "B2C": -100.0}


@FAST
@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=200))
def test_property_nps_in_range(answers):
    value = kpi.nps(answers)
    assert -100.0 <= value <= 100.0
    assert kpi.nps(answers, result="fraction") == pytest.approx(value / 100)


@FAST
@given(
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=1, max_value=500),
)
def test_property_nps_from_counts_in_range(pro, pas, det):
    assert -100.0 <= kpi.nps_from_counts(pro, pas, det) <= 100.0


def test_csat_top_box_options():
    answers = [1, 2, 3, 4, 5, 5]
    assert kpi.csat(answers) == pytest.approx(0.5)  # 4, 5, 5 of 6
    assert kpi.csat(answers, satisfied_min=5) == pytest.approx(1 / 3)  # top-1-box
    assert kpi.csat([7, 10, 3], scale_max=10, satisfied_min=9) == pytest.approx(1 / 3)
    assert kpi.csat([0, 4], scale_min=0) == pytest.approx(0.5)
    assert kpi.csat(answers, method="mean") == pytest.approx(20 / 6)


# ---- retention / churn --------------------------------------------------------------------


def test_retention_and_churn_agree():
    # Start 400, end 420, 60 new: kept 360 -> retention 0.9; lost 40 -> churn 0.1.
    assert kpi.retention_rate(400, 420, 60) == pytest.approx(0.9)
    assert kpi.churn_rate(400, 40) == pytest.approx(0.1)


@FAST
@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_property_retention_plus_churn_is_one(start, data):
    kept = data.draw(st.integers(min_value=0, max_value=start))
    new = data.draw(st.integers(min_value=0, max_value=10_000))
    retention = kpi.retention_rate(start, kept + new, new)
    assert 0.0 <= retention <= 1.0
    assert retention + kpi.churn_rate(start, start - kept) == pytest.approx(1.0)


# ---- bad input ----------------------------------------------------------------------------

P, A = _deliveries()

BAD = [
    (kpi.on_time_delivery, ([1, 2], [1, 2]), {}, TypeError, "promised"),
    (kpi.on_time_delivery, (P, A.iloc[:3]), {}, ValueError, "promised"),
    (
        kpi.on_time_delivery,
        (P, pd.Series([A.iloc[0], pd.NaT, A.iloc[2], A.iloc[3]], index=A.index)),
        {},
        ValueError,
        "actual",
    ),
    (kpi.on_time_delivery, ([], []), {}, ValueError, "promised"),
    (kpi.on_time_delivery, (P, ["soon"] * 4), {}, TypeError, "actual"),
    (kpi.on_time_delivery, (P, A), {"tolerance": "-5min"}, ValueError, "tolerance"),
    (kpi.on_time_delivery, (P, A), {"tolerance": "late-ish"}, TypeError, "tolerance"),
    (kpi.on_time_delivery, ("2025-01-01", "2025-01-02"), {}, TypeError, "promised"),
    (kpi.on_time_delivery_from_counts, (11, 10), {}, ValueError, "on_time"),
    (kpi.on_time_delivery_from_counts, (5, 0), {}, ValueError, "deliveries"),
    (kpi.order_fulfilment_rate, (-1, 10), {}, ValueError, "orders_fulfilled"),
    (kpi.order_fulfilment_rate, (5, float("nan")), {}, ValueError, "orders_received"),
    (kpi.first_contact_resolution, (5.5, 10), {}, ValueError, "resolved_first_contact"),
    (kpi.first_contact_resolution, (5, "ten"), {}, TypeError, "contacts"),
    (kpi.return_rate, (12, 10), {}, ValueError, "units_returned"),
    (kpi.return_rate, (1, []), {}, ValueError, "units_sold"),
    (kpi.nps, ([11, 9],), {}, ValueError, "scores"),
    (kpi.nps, ([0, 9],), {"scale": "1-10"}, ValueError, "scores"),
    (kpi.nps, ([8.5],), {}, ValueError, "scores"),
    (kpi.nps, ([],), {}, ValueError, "scores"),
    (kpi.nps, ([9, float("nan")],), {}, ValueError, "scores"),
    (kpi.nps, ([9],), {"scale": "0-100"}, ValueError, "scale"),
    (kpi.nps, ([9],), {"result": "percent"}, ValueError, "result"),
    (kpi.nps_from_counts, (0, 0, 0), {}, ValueError, "promoters"),
    (kpi.nps_from_counts, (-1, 0, 3), {}, ValueError, "promoters"),
    (kpi.nps_from_counts, (1, 2.5, 3), {}, ValueError, "passives"),
    (kpi.nps_from_counts, (1, 2, None), {}, TypeError, "detractors"),
    (kpi.csat, ([6, 5],), {}, ValueError, "scores"),
    (kpi.csat, ([],), {}, ValueError, "scores"),
    (kpi.csat, ([5],), {"satisfied_min": 6}, ValueError, "satisfied_min"),
    (kpi.csat, ([5],), {"scale_max": 1}, ValueError, "scale_max"),
    (kpi.csat, ([5],), {"method": "median"}, ValueError, "method"),
    (kpi.retention_rate, (0, 10, 2), {}, ValueError, "start"),
    (kpi.retention_rate, (100, 10, 20), {}, ValueError, "new"),
    (kpi.retention_rate, (100, 150, 20), {}, ValueError, "end - new"),
    (kpi.churn_rate, (100, 120), {}, ValueError, "lost"),
    (kpi.churn_rate, (-100, 10), {}, ValueError, "start"),
    (kpi.response_rate, (301, 300), {}, ValueError, "responses"),
    (kpi.response_rate, (3, True), {}, TypeError, "invitations"),
]


@pytest.mark.parametrize(("func", "args", "kwargs", "error", "name"), BAD)
def test_bad_input_names_the_parameter(func, args, kwargs, error, name):
    with pytest.raises(error, match=f"`{name}"):
        func(*args, **kwargs)
