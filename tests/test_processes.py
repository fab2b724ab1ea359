"""Tests for bsckit.processes (lagged correlation and regression between monthly measures).

Expected values are hand computations written out in the comments.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bsckit.processes import lagged_correlation, lagged_regression, month_of, process_measures

MONTHS = pd.period_range("2024-01", periods=6, freq="M")


def test_lagged_correlation_by_hand():
    research = pd.Series([2.0, 4, 3, 5, 4, 6], index=MONTHS)
    sales = pd.Series([1.0, 1, 2, 4, 3, 5], index=MONTHS)
    table = lagged_correlation(research, sales, max_lag=2)
    # lag 1: x = 2,4,3,5,4 (mean 3.6), y = 1,2,4,3,5 (mean 3);
    # sxy = 3.0, sxx = 5.2, syy = 10 -> r = 3 / sqrt(52)
    assert table.loc[1, "correlation"] == pytest.approx(3 / math.sqrt(52))
    # lag 2: x = 2,4,3,5 and y = 2,4,3,5 are identical -> r = 1
    assert table.loc[2, "correlation"] == pytest.approx(1.0)
    assert table["pairs"].tolist() == [6, 5, 4]
    assert list(table.index) == [0, 1, 2]


def test_negative_lag_finds_reverse_causation():
    defects = [5.0, 1, 4, 2, 6, 3, 7, 2]
    checks = [0.0, 0, *defects[:-2]]  # checks follow defects by two months
    table = lagged_correlation(checks, defects, max_lag=2, min_lag=-3)
    assert int(table["correlation"].idxmax()) == -2
    assert table.loc[-2, "correlation"] == pytest.approx(1.0)
    assert table.loc[-2, "pairs"] == 6


def test_series_are_aligned_on_index_and_missing_values_drop_pairs():
    cause = pd.Series([1.0, 2, 3, 4, 5], index=MONTHS[:5])
    effect = pd.Series([9.0, 2, 4, np.nan, 10, 12], index=MONTHS)[::-1]  # reversed order
    table = lagged_correlation(cause, effect, max_lag=0)
    # shared months Jan-May; April effect is missing -> pairs (1,9),(2,2),(3,4),(5,10)
    assert table.loc[0, "pairs"] == 4
    x, y = np.array([1, 2, 3, 5.0]), np.array([9, 2, 4, 10.0])
    r = ((x - x.mean()) * (y - y.mean())).sum() / math.sqrt(
        ((x - x.mean()) ** 2).sum() * ((y - y.mean()) ** 2).sum()
    )
    assert table.loc[0, "correlation"] == pytest.approx(r)


def test_spearman_sees_monotone_relation_as_perfect():
    x = [1.0, 2, 3, 4, 5, 6]
    y = [v**3 for v in x]
    table = lagged_correlation(x, y, max_lag=0, method="spearman")
    assert table.loc[0, "correlation"] == pytest.approx(1.0)


def test_constant_series_gives_nan_not_an_error():
    table = lagged_correlation([1, 1, 1, 1], [1, 2, 3, 4], max_lag=1)
    assert table["correlation"].isna().all()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"max_lag": 2, "min_lag": 3}, "min_lag"),
        ({"max_lag": 6}, "max_lag"),
        ({"max_lag": 1.5}, "max_lag"),
        ({"method": "kendall"}, "method"),
    ],
)
def test_lagged_correlation_bad_arguments_name_the_parameter(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        lagged_correlation([1, 2, 3, 4, 5], [2, 3, 4, 5, 6], **kwargs)


def test_lagged_correlation_bad_inputs():
    with pytest.raises(ValueError, match="`cause` has 3 values"):
        lagged_correlation([1, 2, 3], [1, 2, 3, 4])
    with pytest.raises(TypeError, match="`effect`"):
        lagged_correlation([1, 2, 3], ["a", "b", "c"])
    with pytest.raises(TypeError, match="`cause`"):
        lagged_correlation(pd.DataFrame({"a": [1, 2]}), [1, 2])
    with pytest.raises(ValueError, match="share no index"):
        lagged_correlation(pd.Series([1.0, 2], index=[0, 1]), pd.Series([1.0, 2], index=[5, 6]))


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(
        st.floats(min_value=-100, max_value=100, allow_nan=False), min_size=10, max_size=20
    ),
    lag=st.integers(min_value=0, max_value=3),
    scale=st.floats(min_value=0.1, max_value=10),
    negative=st.booleans(),
)
def test_a_shifted_linear_copy_correlates_perfectly_at_its_lag(values, lag, scale, negative):
    x = np.array(values)
    if np.ptp(x[: len(x) - lag]) < 1e-3:
        return
    a = -scale if negative else scale
    y = np.concatenate([np.zeros(lag), a * x[: len(x) - lag] + 7])
    table = lagged_correlation(x, y, max_lag=4)
    assert table.loc[lag, "correlation"] == pytest.approx(-1.0 if negative else 1.0, abs=1e-6)
    finite = table["correlation"].dropna()
    assert ((finite >= -1 - 1e-9) & (finite <= 1 + 1e-9)).all()


def test_lagged_regression_simple_textbook_case():
    # x = 1..5, y = 2,4,5,4,5: slope = sxy/sxx = 6/10, intercept = 4 - 0.6 * 3 = 2.2,
    # residuals -0.8, 0.6, 1, -0.6, -0.2 -> SSR 2.4, sigma^2 = 2.4 / 3, se(slope) = sqrt(0.08),
    # SST = 6 -> R^2 = 0.6
    fit = lagged_regression([2, 4, 5, 4, 5], {"x": [1, 2, 3, 4, 5]})
    assert fit.loc["x", "coefficient"] == pytest.approx(0.6)
    assert fit.loc["intercept", "coefficient"] == pytest.approx(2.2)
    assert fit.loc["x", "std_error"] == pytest.approx(math.sqrt(0.08))
    assert fit.attrs["r_squared"] == pytest.approx(0.6)
    assert fit.attrs["months"] == 5


def test_lagged_regression_lags_the_cause():
    # effect[t] = 1 + 2 * cause[t - 1] + tiny noise; the first month has no lagged cause
    cause = pd.Series([3.0, 1, 4, 1, 5, 9, 2, 6], index=pd.period_range("2024-01", periods=8))
    noise = np.array([0.0, 0.01, -0.01, 0.02, 0.0, -0.02, 0.01, 0.0])
    effect = pd.Series(1 + 2 * cause.shift(1).fillna(0).to_numpy() + noise, index=cause.index)
    fit = lagged_regression(effect, {"cause": cause}, lags={"cause": 1})
    assert fit.loc["cause", "coefficient"] == pytest.approx(2.0, abs=0.02)
    assert fit.attrs["months"] == 7


def test_lagged_regression_bad_inputs_name_the_parameter():
    with pytest.raises(TypeError, match="`causes`"):
        lagged_regression([1, 2, 3], {})
    with pytest.raises(ValueError, match="`lags` names 'b'"):
        lagged_regression([1, 2, 3, 4], {"a": [1, 2, 3, 4]}, lags={"b": 1})
    with pytest.raises(ValueError, match="lags\\['a'\\]"):
        lagged_regression([1, 2, 3, 4], {"a": [1, 2, 3, 4]}, lags={"a": -1})
    with pytest.raises(ValueError, match="complete months"):
        lagged_regression([1, 2, 3], {"a": [1, 2, 4], "b": [3, 1, 2]})
    with pytest.raises(ValueError, match="`causes\\['a'\\]` has 2 values"):
        lagged_regression([1, 2, 3], {"a": [1, 2]})
    with pytest.raises(ValueError, match="collinear"):
        lagged_regression([1, 2, 4, 3, 5], {"a": [1, 2, 3, 4, 6], "b": [2, 4, 6, 8, 12]})


def test_month_of():
    dates = pd.Series(pd.to_datetime(["2024-03-31 22:00", "2024-04-01 01:00"]))
    assert month_of(dates).astype(str).tolist() == ["2024-03", "2024-04"]
    aware = dates.dt.tz_localize("Europe/London")
    assert month_of(aware).astype(str).tolist() == ["2024-03", "2024-04"]
    assert month_of(pd.DatetimeIndex(dates)).astype(str).tolist() == ["2024-03", "2024-04"]
    with pytest.raises(TypeError, match="`dates`"):
        month_of(["2024-01-01"])


# --------------------------------------------------------------------------------------------
# process_measures: tiny hand-made tables, expected values worked out in the comments
# --------------------------------------------------------------------------------------------


def _tiny_tables():
    ts = pd.to_datetime
    orders = pd.DataFrame(
        {
            "order_id": ["O1", "O2", "O3", "O4"],
            "ordered_at": ts(["2024-01-03", "2024-01-20", "2024-02-02", "2024-02-10"]),
            "status": ["delivered", "delivered", "delivered", "failed delivery"],
            "new_dish": [True, False, False, True],
            "amount": [30.0, 70.0, 50.0, 99.0],
        }
    )
    batches = pd.DataFrame(
        {
            "produced_on": ts(["2024-01-05", "2024-01-06", "2024-02-01"]),
            "planned_minutes": [480, 480, 480],
            "downtime_minutes": [30, 50, 20],
            "ideal_cycle_time_s": [20.0, 20.0, 20.0],
            "units_made": [1000, 900, 1100],
            "good_units": [980, 870, 1089],
            "defects": [20, 30, 11],
            "cost": [4000.0, 3800.0, 4300.0],
            "quality_checks": [3, 5, 4],
        }
    )
    tickets = pd.DataFrame(
        {
            "ticket_id": ["T1", "T2", "T3"],
            "order_id": ["O1", "O2", "O3"],
            "type": ["complaint", "complaint", "billing"],
            "topic": ["food quality", "late delivery", "invoice error"],
            "opened_at": ts(["2024-01-10 09:00", "2024-01-11 09:00", "2024-02-03 10:00"]),
            "first_response_at": ts(["2024-01-10 11:00", "2024-01-11 15:00", "2024-02-03 11:30"]),
            "first_contact_resolved": [True, False, True],
        }
    )
    surveys = pd.DataFrame(
        {
            "touchpoint": ["support", "support", "relationship"],
            "ticket_id": ["T1", "T2", None],
            "csat": pd.array([5, 2, 4], dtype="Int64"),
        }
    )
    invoices = pd.DataFrame(
        {
            "invoice_id": ["I1", "I2"],
            "issued_on": ts(["2024-01-10", "2024-02-05"]),
            "amount": [310.0, 290.0],
            "billing_error": [False, True],
        }
    )
    payments = pd.DataFrame({"invoice_id": ["I1"], "paid_on": ts(["2024-02-09"])})
    price_index = pd.DataFrame({"month": ts(["2024-01-01", "2024-02-01"]), "cpi": [100.0, 102.0]})
    return {
        "orders": orders,
        "production_batches": batches,
        "tickets": tickets,
        "surveys": surveys,
        "invoices": invoices,
        "payments": payments,
        "price_index": price_index,
    }


def test_process_measures_by_hand():
    m = process_measures(_tiny_tables())
    assert [str(p) for p in m.index] == ["2024-01", "2024-02"]
    # new-dish share of delivered revenue: Jan 30 / (30 + 70); Feb 0 / 50 (O4 failed)
    assert m["new_dish_revenue_share"].tolist() == pytest.approx([0.3, 0.0])
    # defect rate: Jan (20 + 30) / 1900; Feb 11 / 1100
    assert m["defect_rate"].tolist() == pytest.approx([50 / 1900, 0.01])
    # cost per good unit: Jan 7800 / 1850; Feb 4300 / 1089; real Feb divides by 1.02
    assert m["cost_per_good_unit"].tolist() == pytest.approx([7800 / 1850, 4300 / 1089])
    assert m.loc[pd.Period("2024-02", "M"), "real_cost_per_good_unit"] == pytest.approx(
        4300 / 1089 / 1.02
    )
    # cycle time: Jan run time (450 + 430) min * 60 s over 1900 units
    assert m["cycle_time_s"].iloc[0] == pytest.approx(880 * 60 / 1900)
    assert m["throughput_per_hour"].iloc[0] == pytest.approx(1900 / (880 / 60))
    # OEE = ideal time of good units / planned time: Feb 20 * 1089 / (480 * 60)
    assert m["oee"].iloc[1] == pytest.approx(20 * 1089 / 28800)
    assert m["quality_checks_per_batch"].tolist() == pytest.approx([4.0, 4.0])
    # one food-quality complaint about a January order, two orders placed in January
    assert m["quality_complaints_per_1000"].tolist() == pytest.approx([500.0, 0.0])
    # response hours: Jan median of 2 h and 6 h; Feb 1.5 h
    assert m["median_response_hours"].tolist() == pytest.approx([4.0, 1.5])
    assert m["first_contact_resolution"].tolist() == pytest.approx([0.5, 1.0])
    # support CSAT of tickets opened in January: answers 5 and 2, one of two is 4 or 5 (top
    # box, the catalogue's scale for satisfaction); none in February
    assert m["support_csat"].iloc[0] == pytest.approx(0.5)
    assert np.isnan(m["support_csat"].iloc[1])
    assert m["billing_error_rate"].tolist() == pytest.approx([0.0, 1.0])
    # DSO at end of January: I1 (310) still open, billed 310, 31 days -> 31;
    # end of February: I1 paid on 9 Feb, I2 (290) open, billed 290, 29 days -> 29
    assert m["dso"].tolist() == pytest.approx([31.0, 29.0])


def test_process_measures_counts_fill_empty_months_with_zero():
    tables = _tiny_tables()
    tables["initiatives"] = pd.DataFrame({"started_on": pd.to_datetime(["2024-02-14"])})
    m = process_measures(tables)
    assert m["improvements_started"].tolist() == [0, 1]


def test_process_measures_bad_inputs_name_the_parameter():
    with pytest.raises(TypeError, match="`tables`"):
        process_measures([1, 2])
    with pytest.raises(TypeError, match="tables\\['orders'\\]"):
        process_measures({"orders": [1, 2]})
    with pytest.raises(ValueError, match="`tables` holds none"):
        process_measures({"kitchens": pd.DataFrame({"kitchen_id": ["K01"]})})


# --- p-values: scipy.stats computes them; checked against published and independent figures ---


def _two_sided_t_p(t: float, dof: int) -> float:
    """P(|T| >= |t|) for Student's t, by integrating its density (written out here)."""
    from scipy import integrate

    c = math.gamma((dof + 1) / 2) / (math.sqrt(dof * math.pi) * math.gamma(dof / 2))
    tail, _err = integrate.quad(lambda x: c * (1 + x * x / dof) ** (-(dof + 1) / 2), abs(t), np.inf)
    return 2 * tail


def test_spearman_matches_the_published_worked_example() -> None:
    # Wikipedia, "Spearman's rank correlation coefficient", worked example (IQ and hours of TV
    # per week, 10 people): rho = -29/165 = -0.175757..., p = 0.627188 (t distribution).
    iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110]
    tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17]
    row = lagged_correlation(iq, tv, max_lag=0, method="spearman").loc[0]
    assert row["correlation"] == pytest.approx(-29 / 165, abs=1e-12)
    assert row["p_value"] == pytest.approx(0.627188, abs=1e-6)


def test_pearson_p_value_is_the_t_test_of_r() -> None:
    # r by hand above; p from t = r * sqrt((n - 2) / (1 - r^2)) with n - 2 degrees of freedom
    x, y = [1.0, 3, 2, 5, 4, 6, 8, 7], [0.0, 0, 1, 3, 2, 5, 4, 6]
    row = lagged_correlation(x, y, max_lag=0).loc[0]
    r, n = row["correlation"], 8
    assert row["p_value"] == pytest.approx(
        _two_sided_t_p(r * math.sqrt((n - 2) / (1 - r * r)), n - 2), rel=1e-7
    )


def test_regression_p_values_are_two_sided_t_tests() -> None:
    rng = np.random.default_rng(3)
    cause = rng.normal(size=24)
    effect = 2 * cause + rng.normal(size=24)
    fit = lagged_regression(effect, {"cause": cause})
    for t, p in zip(fit["t_value"], fit["p_value"], strict=True):
        assert p == pytest.approx(_two_sided_t_p(t, fit.attrs["months"] - 2), rel=1e-6, abs=1e-12)


def test_importing_processes_and_spc_does_not_import_scipy_stats() -> None:
    import subprocess
    import sys

    code = (
        "import sys, bsckit.processes, bsckit.measures, bsckit.spc, bsckit.kpi; "
        "print(sorted(m for m in ('scipy.stats', 'scipy.integrate') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
