"""Average run length of Shewhart charts against published ARL tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bsckit.spc import average_run_length, signal_probability

# Montgomery, Introduction to Statistical Quality Control, the Shewhart column of the table
# comparing CUSUM and Shewhart ARLs (3-sigma limits, individual observations) and the text's
# "ARL0 = 1/0.0027 = 370"; the same Shewhart ARLs appear in the NIST/SEMATECH e-Handbook
# 6.3.2.3 (CUSUM) table: 155.22, 43.89, 14.97, 6.30, 3.24, 2.00 and 1.19.
SHEWHART_ARL = [
    (0.0, 370.4, 0.05),
    (0.5, 155.22, 0.005),
    (1.0, 43.89, 0.005),
    (1.5, 14.97, 0.005),
    (2.0, 6.30, 0.005),
    (2.5, 3.24, 0.005),
    (3.0, 2.00, 0.005),
    (4.0, 1.19, 0.005),
]


@pytest.mark.parametrize(("shift", "arl", "tol"), SHEWHART_ARL)
def test_montgomery_shewhart_arl_table(shift, arl, tol):
    assert average_run_length(shift) == pytest.approx(arl, abs=tol)
    assert average_run_length(-shift) == pytest.approx(arl, abs=tol)  # symmetric limits


def test_in_control_false_alarm_rate_is_0_27_percent():
    # Montgomery: with 3-sigma limits the probability of a point beyond them is 0.0027.
    assert signal_probability(0.0) == pytest.approx(0.0027, abs=5e-6)


def test_beta_risk_of_montgomery_oc_curve_n5_one_sigma():
    # beta = Phi(3 - k sqrt n) - Phi(-3 - k sqrt n) = Phi(0.76) - Phi(-5.24) for k = 1, n = 5;
    # the normal table gives Phi(0.76) = 0.7764, ARL1 = 1 / (1 - beta) of about 4.5.
    beta = 1 - signal_probability(1.0, n=5)
    assert beta == pytest.approx(0.7764, abs=2e-3)
    assert average_run_length(1.0, n=5) == pytest.approx(4.5, abs=0.05)


def test_arl_answers_in_kind():
    shifts = pd.Series([0.0, 1.0], index=["in control", "one sigma"])
    result = average_run_length(shifts)
    assert list(result.index) == ["in control", "one sigma"]
    assert isinstance(average_run_length([0.0, 1.0]), np.ndarray)
    assert isinstance(average_run_length(0.0), float)


@settings(max_examples=50, deadline=None)
@given(
    st.floats(min_value=-3, max_value=3),
    st.integers(min_value=1, max_value=25),
    st.floats(min_value=1.0, max_value=4.0),
)
def test_property_arl_depends_on_shift_times_root_n_and_never_exceeds_arl0(shift, n, width):
    arl = average_run_length(shift, n=n, nsigmas=width)
    assert arl == pytest.approx(average_run_length(shift * np.sqrt(n), nsigmas=width))
    assert 1.0 <= arl <= average_run_length(0.0, nsigmas=width) * (1 + 1e-12)


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"shift": "1"}, TypeError, "`shift`"),
        ({"shift": [0, "1"]}, TypeError, "`shift`"),
        ({"shift": 1.0, "n": 0}, ValueError, "`n`"),
        ({"shift": 1.0, "nsigmas": 0}, ValueError, "`nsigmas`"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, error, name):
    with pytest.raises(error, match=name):
        average_run_length(**kwargs)


# --- attribute charts: exact binomial / Poisson run lengths ----------------------------------
# Montgomery, Introduction to SQC, OC curve of the p chart for n = 50, LCL = 0.0303,
# UCL = 0.3697: beta = P(D < 18.49 | p) - P(D <= 1.52 | p) = P(D <= 18) - P(D <= 1); for
# p = 0.30 the binomial table gives beta = 0.8594 - 0.0000 = 0.8594, so the shift is caught in
# 1 / (1 - 0.8594) = 7.1 samples on average.
def test_montgomery_p_chart_oc_curve_point():
    from bsckit.spc import attribute_run_length, attribute_signal_probability

    beta = 1 - attribute_signal_probability("p", 0.0303, 0.3697, rate=0.30, n=50)
    assert beta == pytest.approx(0.8594, abs=5e-5)
    assert attribute_run_length("p", 0.0303, 0.3697, rate=0.30, n=50) == pytest.approx(
        1 / (1 - 0.8594), abs=0.01
    )


def test_attribute_charts_agree_with_each_other():
    from bsckit.spc import attribute_run_length

    p_chart = attribute_run_length("p", 0.0303, 0.3697, rate=0.25, n=50)
    np_chart = attribute_run_length("np", 50 * 0.0303, 50 * 0.3697, rate=0.25, n=50)
    assert p_chart == pytest.approx(np_chart)
    c_chart = attribute_run_length("c", 6.48, 33.22, rate=20.0)
    u_chart = attribute_run_length("u", 6.48 / 5, 33.22 / 5, rate=4.0, n=5)
    assert c_chart == pytest.approx(u_chart)
    # strict limits: with the limit exactly on a count, that count is not beyond it
    from scipy.special import pdtr

    assert attribute_run_length("c", 0.0, 4.0, rate=2.0) == pytest.approx(1 / (1 - pdtr(4, 2.0)))


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "name"),
    [
        (("x", 0.0, 1.0, 0.5), {}, ValueError, "`kind`"),
        (("p", 0.5, 0.2, 0.3), {"n": 50}, ValueError, "`ucl`"),
        (("p", 0.0, 0.3, 1.5), {"n": 50}, ValueError, "`rate`"),
        (("p", 0.0, 0.3, 0.2), {"n": 50.5}, ValueError, "`n`"),
        (("c", 0.0, 30.0, 20.0), {"n": 5}, ValueError, "`n`"),
    ],
)
def test_attribute_run_length_bad_input(args, kwargs, error, name):
    from bsckit.spc import attribute_run_length

    with pytest.raises(error, match=name):
        attribute_run_length(*args, **kwargs)


# --- Western Electric run rules: Champ & Woodall (1987), "Exact results for Shewhart control
# charts with supplementary runs rules", Technometrics 29(4), Table 1 (shift in standard errors):
# rule 1 alone 370.40 / 43.89 (1 sigma); rules 1+2 225.44; 1+3 166.05; 1+4 152.73;
# all four 91.75 in control and 9.22 for a 1-sigma shift.
@pytest.mark.parametrize(
    ("rules", "shift", "arl"),
    [
        ((1, 2), 0.0, 225.44),
        ((1, 3), 0.0, 166.05),
        ((1, 4), 0.0, 152.73),
        ((1, 2, 3, 4), 0.0, 91.75),
        ((1, 2, 3, 4), 1.0, 9.22),
    ],
)
def test_champ_woodall_run_rules_arl(rules, shift, arl):
    assert average_run_length(shift, rules=rules) == pytest.approx(arl, abs=0.005)


def test_run_rules_arl_matches_the_kits_run_rules_by_simulation():
    # 4,000 in-control runs through bsckit.spc.run_rules (Western Electric); the mean first
    # signal must sit within 4 standard errors of the exact 91.75.
    from bsckit.spc import run_rules

    rng = np.random.default_rng(20261205)
    firsts = []
    for _ in range(4_000):
        flagged = np.flatnonzero(np.asarray(run_rules(rng.standard_normal(900), 0.0, 1.0).rule))
        firsts.append(flagged[0] + 1)
    firsts = np.asarray(firsts, dtype=float)
    standard_error = firsts.std() / np.sqrt(firsts.size)
    assert abs(firsts.mean() - 91.75) < 4 * standard_error


def test_run_rules_arl_in_kind_and_with_subgroups():
    both = average_run_length([0.0, 1.0], rules=(1, 2, 3, 4))
    assert both.round(2).tolist() == [91.75, 9.22]
    assert average_run_length(0.5, n=4, rules=(1, 4)) == pytest.approx(
        average_run_length(1.0, rules=(1, 4))
    )


@pytest.mark.parametrize("rules", [(2, 3), (1, 5), (1, 1), "1234", 1, ()])
def test_bad_rules_are_refused(rules):
    with pytest.raises(ValueError, match="`rules`"):
        average_run_length(0.0, rules=rules)


def test_run_rules_need_three_sigma_zones():
    with pytest.raises(ValueError, match="nsigmas=3"):
        average_run_length(0.0, nsigmas=2.5, rules=(1, 2))
