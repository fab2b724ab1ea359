"""Sales price, quantity and mix variances, against published worked examples."""

from __future__ import annotations

import pandas as pd
import pytest

from bsckit.kpi.variance import (
    sales_mix_variance,
    sales_price_variance,
    sales_quantity_variance,
    sales_variances,
)

# Drury, Management and Cost Accounting, "sales margin mix and quantity variances", Example
# (Milano Company): budget X 8,000 units at GBP 20 contribution, Y 7,000 at 12, Z 5,000 at 9
# (289,000); actual X 6,000, Y 7,000, Z 9,000 at budgeted margins (285,000). Published answer:
# volume variance GBP 4,000 adverse, split into a quantity variance of GBP 28,900 favourable
# ((22,000 - 20,000) x GBP 14.45 average budgeted contribution) and a mix variance of GBP
# 32,900 adverse. Reproduced at scribd.com/document/919403179 ("Sales Mix Example 3").
MILANO = {"actual": [6000, 7000, 9000], "budget": [8000, 7000, 5000], "margin": [20, 12, 9]}

# CMA question (gaodun.com/q/c013gl): budget E 5,500 and F 4,500 units at contribution USD 4.50
# and 10.00; actual 6,000 of each. Published answer: sales mix variance USD 3,300 favourable
# (12,000 x (7.250 - 6.975)); the sales volume variance is USD 17,250.
CMA = {"actual": [6000, 6000], "budget": [5500, 4500], "margin": [4.5, 10.0]}


def test_milano_quantity_and_mix():
    q = sales_quantity_variance(MILANO["actual"], MILANO["budget"], MILANO["margin"])
    m = sales_mix_variance(MILANO["actual"], MILANO["budget"], MILANO["margin"])
    assert q.sum() == pytest.approx(28_900)
    assert m.sum() == pytest.approx(-32_900)
    assert (q + m).sum() == pytest.approx(285_000 - 289_000)


def test_cma_mix_and_volume():
    v = sales_variances(CMA["actual"], CMA["budget"], CMA["margin"])
    assert v["mix"].sum() == pytest.approx(3_300)
    assert v["volume"].sum() == pytest.approx(17_250)
    assert v["price"].sum() == 0


def test_price_plus_volume_is_the_revenue_difference():
    aq, bq = pd.Series([120, 40], index=["a", "b"]), pd.Series([100, 60], index=["a", "b"])
    ap, bp = pd.Series([9.5, 31.0], index=["a", "b"]), pd.Series([10.0, 30.0], index=["a", "b"])
    v = sales_variances(aq, bq, bp, ap)
    assert list(v.index) == ["a", "b"]
    assert v[["price", "volume"]].to_numpy().sum() == pytest.approx((aq * ap - bq * bp).sum())
    assert sales_price_variance(aq, ap, bp).tolist() == pytest.approx([-60.0, 40.0])


def test_errors_name_the_problem():
    with pytest.raises(ValueError, match="one entry per product"):
        sales_mix_variance([1, 2], [1, 2, 3], [1, 1, 1])
    with pytest.raises(ValueError, match="budget_qty"):
        sales_quantity_variance([1, 2], [0, 0], [1, 1])
