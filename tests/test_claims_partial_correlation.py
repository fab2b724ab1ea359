"""partial_correlation, the common-cause test the module 3 claims use.

Checked against the worked example of Wikipedia's "Partial correlation" article
(https://en.wikipedia.org/wiki/Partial_correlation, section "Example": x = (2, 4, 15, 20),
y = (1, 2, 3, 4), z = (0, 0, 1, 1); partial correlation 0.919145) and against the textbook
formula for one control, r_xy.z = (r_xy - r_xz r_yz) / sqrt((1 - r_xz^2)(1 - r_yz^2)).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bsckit.processes import partial_correlation


def test_wikipedia_worked_example() -> None:
    r = partial_correlation([2, 4, 15, 20], [1, 2, 3, 4], {"z": [0, 0, 1, 1]})
    assert r["correlation"] == pytest.approx(0.919145, abs=1e-6)


def test_one_control_matches_the_formula_from_pairwise_correlations() -> None:
    rng = np.random.default_rng(3)
    z = rng.normal(size=40)
    x = z + rng.normal(size=40)
    y = z + 0.5 * x + rng.normal(size=40)
    c = np.corrcoef([x, y, z])
    expected = (c[0, 1] - c[0, 2] * c[1, 2]) / np.sqrt((1 - c[0, 2] ** 2) * (1 - c[1, 2] ** 2))
    got = partial_correlation(x, y, {"z": z})
    assert got["correlation"] == pytest.approx(expected, rel=1e-12)
    assert got["pairs"] == 40


def test_a_pure_common_cause_leaves_no_partial_correlation() -> None:
    rng = np.random.default_rng(5)
    z = rng.normal(size=400)
    x = 2 * z + rng.normal(size=400)
    y = -z + rng.normal(size=400)
    raw = np.corrcoef(x, y)[0, 1]
    partial = partial_correlation(x, y, {"z": z})
    assert raw < -0.5
    assert abs(partial["correlation"]) < 0.1
    assert partial["p_value"] > 0.01


def test_series_align_on_their_months_and_drop_missing() -> None:
    months = pd.period_range("2024-01", periods=6, freq="M")
    x = pd.Series([1.0, 2, 3, 4, 5, 6], index=months)
    y = pd.Series([2.0, 1, 4, 3, 6, 5], index=months)
    z = pd.Series([1.0, 1, 2, 2, 3, 3], index=months).shift(1)  # first month missing
    assert partial_correlation(x, y, {"z": z})["pairs"] == 5


def test_bad_input_names_the_parameter() -> None:
    with pytest.raises(ValueError, match="controls"):
        partial_correlation([1, 2, 3], [1, 2, 3], {})
    with pytest.raises(ValueError, match="`x` has 3 values and `y` has 2"):
        partial_correlation([1, 2, 3], [1, 2], {"z": [1, 2, 3]})
