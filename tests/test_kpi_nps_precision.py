"""NPS precision and the delivery window: published worked examples and properties.

Source of the NPS example: Cross Validated question 18603, "How can I calculate margin of error
in a NPS (Net Promoter Score) result?", answer by whuber. A population of 1/2 promoters, 1/3
passives and 1/6 detractors has NPS 1/3 and variance 5/9 (standard deviation about 0.75); a
sample of 324 answers has a standard error of about 0.75 / 18, i.e. about 4.1 NPS points.
The same closed form, Var(NPS) = p(1 - p) + d(1 - d) + 2pd per answer, is derived in
"Net Promoter Score confidence intervals 2: maths and stats" (CYBAEA, 14 January 2016).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bsckit import kpi

ONE_SIGMA = 0.6826894921370859  # two-sided confidence of +/- 1 standard error


def test_nps_standard_error_matches_the_cross_validated_example() -> None:
    se = kpi.nps_margin_of_error(162, 108, 54, confidence=ONE_SIGMA)
    assert se == pytest.approx(100 * math.sqrt(5 / 9) / 18, rel=1e-9)
    assert round(se, 1) == 4.1


def test_nps_margin_at_95_percent_is_1_96_standard_errors() -> None:
    margin = kpi.nps_margin_of_error(162, 108, 54)
    assert margin == pytest.approx(1.959963984540054 * 100 * math.sqrt(5 / 9) / 18, rel=1e-9)


def test_nps_sample_size_inverts_the_example() -> None:
    assert kpi.nps_sample_size(100 * math.sqrt(5 / 9) / 18, 1 / 2, 1 / 6, ONE_SIGMA) == 324


def test_margin_equals_the_spread_of_plus_one_zero_minus_one_values() -> None:
    # The NPS is the mean of +1/0/-1 values: its margin is z times their population sd / sqrt(n).
    values = np.array([1] * 40 + [0] * 35 + [-1] * 25)
    expected = 1.959963984540054 * 100 * values.std(ddof=0) / math.sqrt(len(values))
    assert kpi.nps_margin_of_error(40, 35, 25) == pytest.approx(expected, rel=1e-9)


def test_margin_accepts_series_and_answers_in_kind() -> None:
    out = kpi.nps_margin_of_error(
        pd.Series([162, 40], index=["a", "b"]),
        pd.Series([108, 35], index=["a", "b"]),
        pd.Series([54, 25], index=["a", "b"]),
    )
    assert list(out.index) == ["a", "b"]
    assert out["a"] == pytest.approx(kpi.nps_margin_of_error(162, 108, 54))


@given(st.integers(0, 500), st.integers(0, 500), st.integers(0, 500), st.floats(0.5, 0.999))
def test_property_sample_size_reaches_the_margin(pro: int, pas: int, det: int, conf: float) -> None:
    n = pro + pas + det
    if n == 0:
        return
    p, d = pro / n, det / n
    margin = kpi.nps_margin_of_error(pro, pas, det, confidence=conf)
    if margin == 0:
        return
    need = kpi.nps_sample_size(margin, p, d, confidence=conf)
    assert need <= n + 1  # n answers give this margin, so n (up to rounding) suffice
    assert need >= n - 1


def test_bad_inputs_are_named() -> None:
    with pytest.raises(ValueError, match="confidence"):
        kpi.nps_margin_of_error(1, 1, 1, confidence=1.0)
    with pytest.raises(ValueError, match="all 0"):
        kpi.nps_margin_of_error(0, 0, 0)
    with pytest.raises(ValueError, match="margin"):
        kpi.nps_sample_size(0, 0.5, 0.2)
    with pytest.raises(ValueError, match="at most 1"):
        kpi.nps_sample_size(5, 0.7, 0.5)


def test_on_time_delivery_window_counts_early_drops_as_missed() -> None:
    promised = pd.to_datetime(["2025-03-01 18:00"] * 4)
    actual = pd.to_datetime(
        ["2025-03-01 17:50", "2025-03-01 15:30", "2025-03-01 18:10", "2025-03-01 18:40"]
    )
    assert kpi.on_time_delivery(promised, actual) == pytest.approx(0.5)
    assert kpi.on_time_delivery(promised, actual, "15min") == pytest.approx(0.75)
    windowed = kpi.on_time_delivery(promised, actual, "15min", early_tolerance="45min")
    assert windowed == pytest.approx(0.5)
    with pytest.raises(ValueError, match="early_tolerance"):
        kpi.on_time_delivery(promised, actual, early_tolerance="-5min")
