"""bsckit.kpi.timeliness: latency percentiles against the spreadsheets' published worked examples.

Sources (values copied from the documentation, not computed here):

- Microsoft Support, "PERCENTILE.INC function" (support.microsoft.com/en-us/office/
  percentile-inc-function-680f9539-45eb-410b-9a5e-c1355e5fe2ed): data 1, 3, 2, 4;
  =PERCENTILE.INC(A2:A5,0.3) gives 1.9.
- Microsoft's "PERCENTILE.EXC function" page states the rules (k <= 0 or k >= 1 gives #NUM!;
  "if it cannot interpolate ... #NUM!") but shows its example only as a picture, so the worked
  exclusive example is Google's documentation of the same function: Google Docs Editors Help,
  "PERCENTILE.EXC function" (support.google.com/docs/answer/9368167): data 15, 20, 35, 40, 50;
  k = 0.15 #NUM!, 0.4 gives 26, 0.5 gives 35, 0.8 gives 48, 0.9 #NUM!.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bsckit import kpi
from bsckit.kpi.timeliness import PERCENTILE_METHODS, latency_percentile

GOOGLE_EXC_DATA = [15, 20, 35, 40, 50]


def test_inclusive_matches_microsofts_percentile_inc_example():
    assert latency_percentile([1, 3, 2, 4], 0.3) == pytest.approx(1.9)
    assert latency_percentile([1, 3, 2, 4], 0.3, method="inclusive") == pytest.approx(1.9)
    assert latency_percentile([1, 3, 2, 4], 0.3, method="linear") == pytest.approx(1.9)


@pytest.mark.parametrize(("k", "published"), [(0.4, 26.0), (0.5, 35.0), (0.8, 48.0)])
def test_exclusive_matches_the_published_percentile_exc_examples(k, published):
    assert latency_percentile(GOOGLE_EXC_DATA, k, method="exclusive") == pytest.approx(published)
    assert latency_percentile(GOOGLE_EXC_DATA, k, method="weibull") == pytest.approx(published)


@pytest.mark.parametrize("k", [0.15, 0.9, 0.0, 1.0])
def test_exclusive_refuses_what_the_spreadsheet_returns_num_for(k):
    # 0.15 and 0.9 are the published #NUM! cases; 0 and 1 are #NUM! by the stated rule
    with pytest.raises(ValueError, match=r"`q` .* outside what the exclusive method"):
        latency_percentile(GOOGLE_EXC_DATA, k, method="exclusive")


def test_the_two_conventions_differ_on_few_delays():
    # inclusive rank 0.4 * 4 = 1.6 -> 20 + 0.6 * 15 = 29 (by hand); exclusive gives 26 (above)
    assert latency_percentile(GOOGLE_EXC_DATA, 0.4) == pytest.approx(29.0)


def test_accepts_series_and_is_exported_from_kpi():
    assert kpi.latency_percentile is latency_percentile
    lags = pd.Series([3.0, 1.0, 2.0])
    assert latency_percentile(lags, 0.5) == 2.0
    assert latency_percentile([7.0], 0.95) == 7.0  # one delay: every inclusive percentile is it
    assert set(PERCENTILE_METHODS.values()) == {"linear", "weibull"}


@pytest.mark.parametrize(
    ("delays", "q", "method", "error", "words"),
    [
        (
            [1, 2],
            95,
            "inclusive",
            ValueError,
            r"`q` must be between 0 and 1 inclusive, got 95.*0\.95",
        ),
        ([1, 2], -0.1, "inclusive", ValueError, r"`q` must be between 0 and 1"),
        ([1, 2], "0.5", "inclusive", TypeError, r"`q` must be a real number"),
        ([1, 2], np.nan, "inclusive", ValueError, r"`q` must be a finite number"),
        ([1, 2], 0.5, "median", ValueError, r"`method` must be one of 'inclusive'"),
        ([], 0.5, "inclusive", ValueError, r"`delays` must hold at least 1 value"),
        ([1, -2], 0.5, "inclusive", ValueError, r"`delays` values must be at least 0"),
        ([1, np.nan], 0.5, "inclusive", ValueError, r"`delays` must not contain NaN"),
        ("12", 0.5, "inclusive", TypeError, r"`delays` must be a number or numbers"),
    ],
)
def test_bad_input_names_the_parameter_and_what_to_do(delays, q, method, error, words):
    with pytest.raises(error, match=words):
        latency_percentile(delays, q, method=method)
