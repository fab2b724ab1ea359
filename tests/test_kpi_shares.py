"""Every share-returning KPI answers in percent on request, with the one keyword ``as_percent``."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

from bsckit import kpi

# (function, positional arguments) for every KPI that returns a share
SHARES = [
    (kpi.on_time_delivery_from_counts, (941, 1000)),
    (kpi.order_fulfilment_rate, (1960, 2000)),
    (kpi.first_contact_resolution, (40, 120)),
    (kpi.return_rate, (30, 1500)),
    (kpi.csat, ([5, 4, 3, 2, 1],)),
    (kpi.retention_rate, (200, 210, 30)),
    (kpi.churn_rate, (98, 45)),
    (kpi.response_rate, (45, 300)),
    (kpi.acquisition_rate, (30, 200)),
    (kpi.oee, (0.9, 0.95, 0.999)),
    (kpi.defect_rate, (12, 400)),
    (kpi.first_pass_yield, (10_000, 9_850)),
    (kpi.rolled_throughput_yield, ([0.95, 0.84, 0.88],)),
    (kpi.normalized_yield, ([0.9, 0.4],)),
    (kpi.yield_from_dpu, (0.1,)),
    (kpi.utilisation, (6, 8)),
    (kpi.gross_margin, (80_000, 44_000)),
    (kpi.operating_margin, (3_203_000, 12_214_000)),
    (kpi.net_margin, (12_000, 150_000)),
    (kpi.roic, (500_000, 2_500_000)),
    (kpi.inflation_rate, (100, 103.2)),
    (kpi.collection_effectiveness_index, (400_000, 1_200_000, 350_000, 280_000)),
    (kpi.retention_of_high_performers, (40, 36)),
    (kpi.internal_mobility_rate, (18, 240)),
    (kpi.turnover_rate, (30, 240)),
    (kpi.new_product_revenue_share, (180_000, 1_200_000)),
    (kpi.adoption_rate, (450, 3000)),
]


@pytest.mark.parametrize(("function", "args"), SHARES, ids=lambda x: getattr(x, "__name__", ""))
def test_as_percent_is_the_fraction_times_100(function, args):
    parameter = inspect.signature(function).parameters["as_percent"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert parameter.default is False
    fraction = function(*args)
    assert function(*args, as_percent=False) == fraction
    assert function(*args, as_percent=True) == pytest.approx(100 * fraction)
    with pytest.raises(TypeError, match="`as_percent` must be True or False"):
        function(*args, as_percent="yes")


def test_as_percent_keeps_series_in_kind():
    result = kpi.defect_rate(pd.Series([12, 8], index=["jan", "feb"]), 400, as_percent=True)
    assert result.to_dict() == pytest.approx({"jan": 3.0, "feb": 2.0})


def test_csat_percent_only_for_a_share():
    answers = [5] * 10 + [4] * 20 + [3] * 10 + [2] * 5 + [1] * 5
    assert kpi.csat(answers, as_percent=True) == pytest.approx(60.0)
    with pytest.raises(ValueError, match="`as_percent`=True needs method='top_box'"):
        kpi.csat(answers, method="mean", as_percent=True)
