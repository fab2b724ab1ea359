"""Tests for bsckit.spc.control_charts against published worked examples.

Positions are 0-based here; sources that count from 1 (R, textbooks) are converted with ``- 1``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from refcases import case, dataset

from bsckit.spc import ControlChartResult, control_chart

RINGS = dataset("pistonrings")["diameter"]

# qcc data files (github luca-scr/qcc, data/*.txt; originally Montgomery, Introduction to
# Statistical Quality Control)
ORANGEJUICE = [  # data/orangejuice.txt, D column; size 50 each; samples 1-30 are the trial
    12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11,
    20, 18, 24, 15, 9, 12, 7, 13, 9, 6, 9, 6, 12, 5, 6, 4, 6, 3, 7, 6,
    2, 4, 3, 6, 5, 4, 8, 5, 6, 7, 5, 6, 3, 5,
]  # fmt: skip
CIRCUIT = [  # data/circuit.txt, x column; samples 1-26 are the trial
    21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39,
    30, 24, 16, 19, 17, 15, 16, 18, 12, 15, 24, 21, 28, 20, 25, 19, 18, 21, 16, 22,
    19, 12, 14, 9, 16, 21,
]  # fmt: skip
PCMANUFACT = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]  # size 5
DYEDCLOTH_X = [14, 12, 20, 11, 7, 10, 21, 16, 19, 23]  # data/dyedcloth.txt
DYEDCLOTH_SIZE = [10, 8, 13, 10, 9.5, 10, 12, 10.5, 12, 12.5]


# --- refcase SPC-01: X-bar chart of piston rings, phase I ------------------------------------
def test_spc01_xbar_chart():
    ref = case("SPC-01")
    assert ref["inputs"]["data_ref"] == "datasets.pistonrings.diameter[1:25]"  # R: rows 1..25
    chart = control_chart(RINGS[:25], "xbar_r", d2_decimals=3, warning_nsigmas=2)
    exp = ref["expected"]
    assert chart.center == pytest.approx(exp["center"]["value"], abs=exp["center"]["tol"])
    assert chart.sigma == pytest.approx(exp["std_dev"]["value"], abs=exp["std_dev"]["tol"])
    assert chart.lcl == pytest.approx(exp["LCL"]["value"], abs=exp["LCL"]["tol"])
    assert chart.ucl == pytest.approx(exp["UCL"]["value"], abs=exp["UCL"]["tol"])
    warning = exp["warning_limits_2sigma"]
    assert (chart.lwl, chart.uwl) == pytest.approx(warning["value"], abs=warning["tol"])
    assert chart.out_of_limits == ()


def test_spc01_with_exact_d2_stays_within_tolerance():
    exp = case("SPC-01")["expected"]
    chart = control_chart(RINGS[:25], "xbar_r")
    assert chart.lcl == pytest.approx(exp["LCL"]["value"], abs=exp["LCL"]["tol"])
    assert chart.ucl == pytest.approx(exp["UCL"]["value"], abs=exp["UCL"]["tol"])


# --- piston rings R, S and 2-sigma charts: qcc 2.7 output as asserted in the mistat package's
# tests (Kenett, Zacks & Gedeck, "Industrial Statistics with Python",
# mistat/qcc/tests/test_comparisonWithR.py::test_pistonrings)
def test_pistonrings_r_chart():
    r_chart = control_chart(RINGS[:25], "xbar_r", d2_decimals=3).secondary
    assert r_chart.chart == "R"
    assert r_chart.center == pytest.approx(0.02276, abs=1e-8)
    assert r_chart.lcl == 0.0
    assert r_chart.ucl == pytest.approx(0.04812533, abs=1e-6)


def test_pistonrings_s_chart():
    chart = control_chart(RINGS[:25], "xbar_s")
    assert chart.sigma == pytest.approx(0.009829977, abs=1e-9)
    s_chart = chart.secondary
    assert s_chart.center == pytest.approx(0.009240037, abs=1e-9)
    assert s_chart.lcl == 0.0
    assert s_chart.ucl == pytest.approx(0.019302416, abs=1e-9)


def test_pistonrings_two_sigma_limits_flag_points():
    chart = control_chart(RINGS[:25], "xbar_r", nsigmas=2, d2_decimals=3)
    assert (chart.lcl, chart.ucl) == pytest.approx((73.99242, 74.00993), abs=1e-5)
    assert chart.out_of_limits == (0, 13)  # mistat: UCL [0], LCL [13] (0-based)


def test_pistonrings_phase_two():
    # Limits from subgroups 1-25; subgroups 26-40 judged against them. By hand: the mean of
    # subgroup 38 (74.035, 74.010, 74.012, 74.015, 74.026) is 74.0196 > UCL 74.0143.
    chart = control_chart(RINGS, "xbar_r", limits_from=slice(0, 25), d2_decimals=3)
    assert chart.center == pytest.approx(74.00118, abs=5e-6)
    assert chart.statistic[37] == pytest.approx(74.0196)
    assert 37 in chart.out_of_limits
    assert all(i >= 25 for i in chart.out_of_limits)
    frame = chart.to_frame()
    assert (frame["phase"] == "I").sum() == 25 and (frame["phase"] == "II").sum() == 15


def test_known_center_and_sigma():
    chart = control_chart(RINGS[:25], "xbar_r", center=74.0, sigma=0.01)
    assert chart.center == 74.0
    assert chart.ucl == pytest.approx(74.0 + 3 * 0.01 / math.sqrt(5))
    # R chart with known sigma: centre d2 sigma, UCL D2-factor d2 sigma + 3 d3 sigma
    assert chart.secondary.center == pytest.approx(2.326 * 0.01, abs=1e-5)
    assert chart.secondary.ucl == pytest.approx(4.918 * 0.01, abs=1e-5)  # D2(5) = 4.918


# --- individuals (I-MR) -------------------------------------------------------------------
# NIST/SEMATECH e-Handbook 6.3.2.2 "Individuals control charts" (pmc322), flowrate example:
# centre 50.81, MRbar 1.8778, UCL 55.8041, LCL 45.8159, MR chart UCL 6.1349 (= 3.267 MRbar).
FLOWRATE = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]


def test_nist_flowrate_individuals():
    chart = control_chart(FLOWRATE, "individuals", d2_decimals=3)
    assert chart.center == pytest.approx(50.81, abs=1e-9)
    assert chart.ucl == pytest.approx(55.8041, abs=1e-4)
    assert chart.lcl == pytest.approx(45.8159, abs=1e-4)
    mr = chart.secondary
    assert mr.chart == "MR"
    assert math.isnan(mr.statistic[0])
    assert mr.center == pytest.approx(1.8778, abs=1e-4)
    assert mr.ucl == pytest.approx(6.1349, abs=1e-3)  # NIST uses the rounded D4 = 3.267
    assert mr.lcl == 0.0


# mistat test_comparisonWithR.py::test_xbar_one (qcc 2.7 'xbar.one' output):
# viscosity data, Montgomery p. 242, and antifreeze water content, Wetherill & Brown p. 120.
VISCOSITY = [33.75, 33.05, 34, 33.81, 33.46, 34.02, 33.68, 33.27, 33.49, 33.20, 33.62, 33.00,
             33.54, 33.12, 33.84]  # fmt: skip
ANTIFREEZE = [2.23, 2.53, 2.62, 2.63, 2.58, 2.44, 2.49, 2.34, 2.95, 2.54, 2.60, 2.45, 2.17,
              2.58, 2.57, 2.44, 2.38, 2.23, 2.23, 2.54, 2.66, 2.84, 2.81, 2.39, 2.56, 2.70,
              3.00, 2.81, 2.77, 2.89, 2.54, 2.98, 2.35, 2.53]  # fmt: skip


@pytest.mark.parametrize(
    ("values", "center", "sigma", "limits"),
    [
        (VISCOSITY, 33.52333, 0.4261651, (32.24484, 34.80183)),
        (ANTIFREEZE, 2.569706, 0.1794541, (2.031344, 3.108068)),
    ],
    ids=["viscosity", "antifreeze"],
)
def test_qcc_xbar_one(values, center, sigma, limits):
    chart = control_chart(values, "individuals", d2_decimals=3)
    assert chart.center == pytest.approx(center, abs=5e-6)
    assert chart.sigma == pytest.approx(sigma, abs=5e-8)
    assert (chart.lcl, chart.ucl) == pytest.approx(limits, abs=5e-6)
    assert chart.out_of_limits == ()


def test_individuals_baseline_skips_moving_ranges_across_gaps():
    # baseline positions 0,1,2 and 4,5: moving ranges inside it are |1-3|, |3-2|, |5-4| = 2, 1, 1
    values = [1, 3, 2, 100, 5, 4]
    chart = control_chart(values, "individuals", limits_from=[0, 1, 2, 4, 5], d2_decimals=3)
    assert chart.sigma == pytest.approx((4 / 3) / 1.128)
    assert chart.center == pytest.approx(3.0)
    assert chart.out_of_limits == (3,)


# --- p chart ----------------------------------------------------------------------------------
# qcc vignette / help(orangejuice) summary (R: qcc(D[trial], sizes=size[trial], type="p")):
# centre 0.2313333, std dev 0.421685, LCL 0.05242755, UCL 0.4102391, samples 15 and 23 above.
# NIST/SEMATECH e-Handbook 6.3.3.2 (pmc332) uses these 30 wafers: average 0.2313.
def test_orangejuice_p_chart():
    chart = control_chart(ORANGEJUICE[:30], "p", sizes=50)
    assert chart.center == pytest.approx(0.2313333, abs=5e-8)
    assert chart.sigma == pytest.approx(0.421685, abs=5e-7)
    assert chart.lcl == pytest.approx(0.05242755, abs=5e-9)
    assert chart.ucl == pytest.approx(0.4102391, abs=5e-8)
    assert chart.out_of_limits == (15 - 1, 23 - 1)


def test_orangejuice_revised_limits():
    # Montgomery drops samples 15 and 23 (assignable causes) and recomputes; qcc / mistat:
    # centre 0.215, LCL 0.04070284, UCL 0.3892972, and sample 21 is then above the UCL.
    baseline = [i for i in range(30) if i not in (14, 22)]
    chart = control_chart(ORANGEJUICE, "p", sizes=50, limits_from=baseline)
    assert chart.center == pytest.approx(0.215, abs=1e-12)
    assert (chart.lcl, chart.ucl) == pytest.approx((0.04070284, 0.3892972), abs=5e-8)
    assert {14, 20, 22} <= set(chart.out_of_limits)
    # phase II by hand: sample 41 has 2/50 = 0.04 defective, below the LCL 0.0407
    assert chart.statistic[40] == pytest.approx(0.04)
    assert 40 in chart.out_of_limits


def test_p_chart_variable_sizes_give_per_point_limits():
    # hand computation: pbar = (2 + 5 + 3) / (50 + 100 + 50) = 0.05
    #   n = 50: 0.05 + 3 sqrt(0.05 x 0.95 / 50) = 0.142466 ; LCL < 0 -> clipped to 0
    #   n = 100: 0.05 + 3 sqrt(0.0475 / 100) = 0.115384
    chart = control_chart([2, 5, 3], "p", sizes=[50, 100, 50])
    assert chart.center == pytest.approx(0.05)
    assert np.asarray(chart.ucl) == pytest.approx([0.142466, 0.115384, 0.142466], abs=1e-6)
    assert np.asarray(chart.lcl).tolist() == [0.0, 0.0, 0.0]
    frame = chart.to_frame()
    assert frame["ucl"].tolist() == pytest.approx([0.142466, 0.115384, 0.142466], abs=1e-6)


# --- np chart ---------------------------------------------------------------------------------
# RPubs "np-Chart for Defective Wafers" (qcc 2.7), 20 lots of n = 200:
# np-bar 6.95, p-bar 0.03475, UCL 14.72, LCL 0.
# https://rstudio-pubs-static.s3.amazonaws.com/1408104_adfa324ced654a7ab081447648a7648f.html
WAFER_LOTS = [3, 7, 11, 3, 6, 11, 4, 4, 5, 8, 10, 8, 6, 7, 9, 8, 4, 6, 10, 9]


def test_np_chart_wafers():
    chart = control_chart(WAFER_LOTS, "np", sizes=200)
    assert chart.center == pytest.approx(6.95)
    assert chart.ucl == pytest.approx(14.72, abs=5e-3)
    assert chart.lcl == 0.0
    assert chart.out_of_limits == ()


# --- c chart ----------------------------------------------------------------------------------
# Montgomery, Introduction to SQC, circuit-board nonconformities (qcc data/circuit.txt):
# 26 trial samples, c-bar = 516/26 = 19.85, UCL 33.22, LCL 6.48, samples 6 and 20 out of control;
# qcc prints centre 19.84615, LCL 6.481447, UCL 33.21086 (as asserted in the Cassini SPC
# reference datasets). Revised after dropping 6 and 20: c-bar = 472/24 = 19.67, UCL 32.97,
# LCL 6.36 (hand computation: 19.6667 +/- 3 sqrt(19.6667)).
def test_circuit_c_chart():
    chart = control_chart(CIRCUIT[:26], "c")
    assert chart.center == pytest.approx(19.84615, abs=5e-6)
    assert chart.lcl == pytest.approx(6.481447, abs=5e-7)
    assert chart.ucl == pytest.approx(33.21086, abs=5e-6)
    assert chart.out_of_limits == (6 - 1, 20 - 1)


def test_circuit_revised_limits_and_phase_two():
    baseline = [i for i in range(26) if i not in (5, 19)]
    chart = control_chart(CIRCUIT, "c", limits_from=baseline)
    assert chart.center == pytest.approx(19.67, abs=5e-3)
    assert (chart.lcl, chart.ucl) == pytest.approx((6.36, 32.97), abs=5e-3)
    assert chart.out_of_limits == (5, 19)  # phase II samples 27-46 are all inside


# --- u chart ----------------------------------------------------------------------------------
# Montgomery, personal-computer final assembly (qcc data/pcmanufact.txt), 20 samples of 5 PCs:
# u-bar = 193/100 = 1.93, UCL 3.79, LCL 0.07.
def test_pcmanufact_u_chart():
    chart = control_chart(PCMANUFACT, "u", sizes=5)
    assert chart.center == pytest.approx(1.93)
    assert chart.ucl == pytest.approx(3.79, abs=5e-3)
    assert chart.lcl == pytest.approx(0.07, abs=5e-3)
    assert chart.out_of_limits == ()


def test_dyedcloth_u_chart_variable_limits():
    # Montgomery's dyed-cloth example (qcc data/dyedcloth.txt): u-bar = 153 / 107.5 = 1.4233;
    # hand computation for n = 10: 1.4233 +/- 3 sqrt(1.4233 / 10) = (0.2915, 2.5551),
    # for n = 8: (0.1579, 2.6886).
    chart = control_chart(DYEDCLOTH_X, "u", sizes=DYEDCLOTH_SIZE)
    assert chart.center == pytest.approx(153 / 107.5)
    ucl, lcl = np.asarray(chart.ucl), np.asarray(chart.lcl)
    assert (lcl[0], ucl[0]) == pytest.approx((0.2915, 2.5551), abs=1e-4)
    assert (lcl[1], ucl[1]) == pytest.approx((0.1579, 2.6886), abs=1e-4)
    assert chart.out_of_limits == ()


# --- result object ----------------------------------------------------------------------------
def test_to_frame_is_tidy():
    chart = control_chart(FLOWRATE, "individuals", warning_nsigmas=2)
    frame = chart.to_frame()
    assert list(frame.columns) == [
        "point", "chart", "value", "center", "lcl", "ucl", "lwl", "uwl", "out", "phase",
    ]  # fmt: skip
    assert len(frame) == len(FLOWRATE)
    assert frame["point"].tolist() == list(range(len(FLOWRATE)))
    assert isinstance(chart.secondary.to_frame(), pd.DataFrame)


def test_result_is_read_only():
    chart = control_chart(CIRCUIT, "c")
    with pytest.raises(AttributeError):
        chart.center = 1.0  # type: ignore[misc]
    with pytest.raises(ValueError):
        chart.statistic[0] = 99.0


def test_result_validates():
    with pytest.raises(ValueError, match="`lcl`"):
        ControlChartResult(chart="X", statistic=[1.0], center=0, lcl=1, ucl=-1, sigma=1, se=1)


def test_chart_run_rules_use_standard_error():
    chart = control_chart([0.0] * 3 + [2.5, 2.5], "individuals", center=0, sigma=1)
    assert chart.run_rules().flagged(2) == (4,)


# --- bad input: each message names the parameter ------------------------------------------
@pytest.mark.parametrize(
    ("args", "kwargs", "error", "name"),
    [
        (([1, 2, 3], "pareto"), {}, ValueError, "`kind`"),
        (([1, 2, 3], "individuals"), {"nsigmas": 0}, ValueError, "`nsigmas`"),
        (([1, 2, 3], "individuals"), {"warning_nsigmas": -2}, ValueError, "`warning_nsigmas`"),
        (([1, 2, 3], "individuals"), {"sigma": 0}, ValueError, "`sigma`"),
        (([1, 2, 3], "individuals"), {"sizes": 5}, ValueError, "`sizes`"),
        (([1, 2, 3], "individuals"), {"limits_from": [0]}, ValueError, "`limits_from`"),
        (([1, 2, 3], "individuals"), {"limits_from": [0, 7]}, ValueError, "`limits_from`"),
        (([1, 2, 3], "individuals"), {"span": 1}, ValueError, "`span`"),
        (([1, 2, 3], "individuals"), {"d2_decimals": -1}, ValueError, "`d2_decimals`"),
        (([1, 2, 3], "xbar_r"), {}, ValueError, "`data`"),
        (([[1, 2], [3]], "xbar_r"), {}, ValueError, "`data`"),
        (([[1, 2], [3, 4]], "individuals"), {}, ValueError, "`data`"),
        (([1, 2, 3], "p"), {}, ValueError, "`sizes`"),
        (([1, 2, 3], "p"), {"sizes": [5, 5]}, ValueError, "`sizes`"),
        (([1, 2, 7], "p"), {"sizes": 5}, ValueError, "`data`"),
        (([1, 2.5, 3], "c"), {}, ValueError, "`data`"),
        (([1, -2, 3], "c"), {}, ValueError, "`data`"),
        (([1, 2, 3], "c"), {"sizes": 4}, ValueError, "`sizes`"),
        (([1, 2, 3], "c"), {"sigma": 2}, ValueError, "`sigma`"),
        (([1, 2, 3], "np"), {"sizes": [5, 6, 7]}, ValueError, "`sizes`"),
        (([1, 2, 3], "p"), {"sizes": 10, "center": 1.5}, ValueError, "`center`"),
        (([0, 0, 0], "c"), {}, ValueError, "`limits_from`"),
        ((["a", "b"], "c"), {}, TypeError, "`data`"),
    ],
)
def test_control_chart_bad_input(args, kwargs, error, name):
    with pytest.raises(error, match=name):
        control_chart(*args, **kwargs)


# --- the chart's standard deviation as qcc 3.0 prints it ------------------------------------
# qcc vignette "A quick tour of qcc" (github luca-scr/qcc @ af35099, docs/articles/qcc.html):
# "Standard deviation" line of each summary. p: sqrt(p(1-p)/n); np: sqrt(n p(1-p));
# c: sqrt(c); u: sqrt(u); variables charts: the process sigma.
def test_qcc3_orangejuice_p_chart_std_dev():
    chart = control_chart(ORANGEJUICE[:30], "p", sizes=50)
    assert chart.center == pytest.approx(0.2313333, abs=5e-8)
    assert chart.std_dev == pytest.approx(0.05963526, abs=5e-9)
    assert (chart.lcl, chart.ucl) == pytest.approx((0.05242755, 0.4102391), abs=5e-8)


def test_qcc3_orangejuice_np_chart_std_dev_is_sqrt_n_p_q():
    chart = control_chart(ORANGEJUICE[:30], "np", sizes=50)
    assert chart.center == pytest.approx(11.56667, abs=5e-6)
    assert chart.std_dev == pytest.approx(2.981763, abs=5e-7)
    assert (chart.lcl, chart.ucl) == pytest.approx((2.621377, 20.51196), abs=5e-6)
    # the p chart's sigma (qcc 2.7 convention) stays available as `sigma`
    assert chart.sigma == pytest.approx(math.sqrt(0.2313333 * (1 - 0.2313333)), abs=1e-6)


def test_qcc3_p_chart_std_dev_per_point_with_variable_sizes():
    chart = control_chart([12, 15, 8], "p", sizes=[50, 100, 80])
    pbar = 35 / 230
    expected = np.sqrt(pbar * (1 - pbar) / np.array([50, 100, 80]))
    assert chart.std_dev == pytest.approx(expected)


def test_qcc3_circuit_c_and_pcmanufact_u_std_dev():
    assert control_chart(CIRCUIT[:26], "c").std_dev == pytest.approx(4.454902, abs=5e-7)
    u_chart = control_chart(PCMANUFACT, "u", sizes=5)
    assert u_chart.std_dev == pytest.approx(1.389244, abs=5e-7)  # sqrt(u-bar), per unit
    assert (u_chart.lcl, u_chart.ucl) == pytest.approx((0.06613305, 3.793867), abs=5e-7)


# qcc vignette: R chart of piston rings 1-25 (centre 0.02276, std dev 0.009785039,
# limits 0 .. 0.04812533) and S chart (0.009240037, 0.009829977, 0 .. 0.01930242).
def test_qcc3_r_chart_as_a_kind_of_its_own():
    chart = control_chart(RINGS[:25], "r", d2_decimals=3)
    assert chart.chart == "R"
    assert chart.secondary is None
    assert chart.center == pytest.approx(0.02276, abs=5e-9)
    assert chart.std_dev == pytest.approx(0.009785039, abs=5e-10)
    assert chart.lcl == 0.0
    assert chart.ucl == pytest.approx(0.04812533, abs=2e-7)  # qcc's d3 table: 5th decimal
    phase2 = control_chart(RINGS, "r", d2_decimals=3, limits_from=slice(0, 25))
    assert phase2.ucl == pytest.approx(chart.ucl)
    assert len(phase2) == 40


def test_qcc3_s_chart_as_a_kind_of_its_own():
    chart = control_chart(RINGS[:25], "s")
    assert chart.chart == "S"
    assert chart.center == pytest.approx(0.009240037, abs=5e-10)
    assert chart.std_dev == pytest.approx(0.009829977, abs=5e-10)
    assert (chart.lcl, chart.ucl) == pytest.approx((0.0, 0.01930242), abs=5e-9)


VISCOSITY = [  # qcc data/viscosity.txt, batches 1-20 (trial); Montgomery's aircraft primer paint
    34.05, 34.40, 33.59, 35.96, 34.70, 33.51, 33.79, 34.04, 34.52, 33.75,
    33.27, 33.71, 34.03, 34.58, 34.02, 33.97, 34.05, 34.04, 33.73, 34.05,
]  # fmt: skip


def test_qcc3_viscosity_individuals_std_dev():
    chart = control_chart(VISCOSITY, "individuals", d2_decimals=3)
    assert chart.center == pytest.approx(34.088, abs=5e-9)
    assert chart.std_dev == pytest.approx(0.5076521, abs=5e-8)
    assert (chart.lcl, chart.ucl) == pytest.approx((32.56504, 35.61096), abs=5e-6)


def test_qcc3_viscosity_individuals_with_sd_sigma():
    # qcc vignette: qcc(viscosity[trial], type = "xbar.one", std.dev = "SD"):
    # standard deviation 0.5769854, limits 32.35704 .. 35.81896
    chart = control_chart(VISCOSITY, "individuals", sigma="sd")
    assert chart.std_dev == pytest.approx(0.5769854, abs=5e-8)
    assert (chart.lcl, chart.ucl) == pytest.approx((32.35704, 35.81896), abs=5e-6)
    with pytest.raises(ValueError, match="`sigma`"):
        control_chart(RINGS, "xbar_r", sigma="sd")
    with pytest.raises(ValueError, match="`sigma`"):
        control_chart(VISCOSITY, "individuals", sigma="range")


VISCOSITY_PHASE_2 = [34.39, 33.75, 33.40, 33.27, 34.65, 34.80, 34.55, 35.40, 34.75, 34.50,
                     34.70, 34.29, 34.61, 34.49, 35.03]  # fmt: skip


def test_qcc3_viscosity_revised_limits_without_batch_4():
    # qcc vignette: batch 4 (a temperature-controller failure) removed, phase II batches 21-35:
    # centre 33.98947, standard deviation 0.4117415, limits 32.75425 .. 35.2247
    trial = VISCOSITY[:3] + VISCOSITY[4:]
    chart = control_chart(
        trial + VISCOSITY_PHASE_2, "individuals", d2_decimals=3, limits_from=slice(0, 19)
    )
    assert chart.center == pytest.approx(33.98947, abs=5e-6)
    assert chart.std_dev == pytest.approx(0.4117415, abs=5e-8)
    assert (chart.lcl, chart.ucl) == pytest.approx((32.75425, 35.2247), abs=5e-5)


def test_mr_chart_as_a_kind_of_its_own_nist_flowrate():
    # NIST/SEMATECH 6.3.2.2 flowrate: MR-bar 1.8778, MR chart UCL 6.1349 (3.267 MR-bar)
    chart = control_chart(FLOWRATE, "mr", d2_decimals=3)
    assert chart.chart == "MR"
    assert chart.center == pytest.approx(1.8778, abs=5e-5)
    assert chart.ucl == pytest.approx(6.1349, abs=1e-3)
    table = control_chart(FLOWRATE, "mr", constants="table")
    assert table.ucl == pytest.approx(3.267 * chart.center)  # NIST rounds it to 6.1349
    assert table.ucl == pytest.approx(6.1349, abs=2e-4)


def test_kind_names_ignore_case():
    assert control_chart(FLOWRATE, "MR").chart == "MR"
    assert control_chart(RINGS, "R").chart == "R"


def test_standalone_kinds_equal_the_secondary_charts():
    for kind, pair, data in (
        ("r", "xbar_r", RINGS),
        ("s", "xbar_s", RINGS),
        ("mr", "individuals", FLOWRATE),
    ):
        alone, inside = control_chart(data, kind), control_chart(data, pair).secondary
        assert alone.chart == inside.chart
        np.testing.assert_array_equal(alone.statistic, inside.statistic)
        assert (alone.center, alone.lcl, alone.ucl) == (inside.center, inside.lcl, inside.ucl)


# --- Montgomery's printed constants (Appendix VI) reproduce textbook limits digit for digit --
# Montgomery, Introduction to SQC, Example 6.5 (mortgage loan processing cost, 20 weeks):
# x-bar 300.5, MR-bar 7.79; UCL = 300.5 + 3 (7.79 / 1.128) = 321.22, LCL = 279.78; MR chart
# UCL = 3.267 (7.79) = 25.45. The exact d2 = 1.12838 gives 321.21 / 279.79 / 25.44 instead.
LOAN_COSTS = [310, 288, 297, 298, 307, 303, 294, 297, 308, 306,
              294, 299, 297, 299, 314, 295, 293, 306, 301, 304]  # fmt: skip


def test_montgomery_example_6_5_individuals_with_printed_constants():
    chart = control_chart(LOAN_COSTS, "individuals", constants="table")
    assert round(chart.center, 1) == 300.5
    assert round(chart.secondary.center, 2) == 7.79
    assert round(chart.ucl, 2) == 321.22
    assert round(chart.lcl, 2) == 279.78
    assert round(chart.secondary.ucl, 2) == 25.45
    exact = control_chart(LOAN_COSTS, "individuals")
    assert (round(exact.ucl, 2), round(exact.lcl, 2)) == (321.21, 279.79)


# Montgomery, Example 6.1 (hard-bake flow width, 25 samples of n = 5): x-double-bar 1.5056,
# R-bar 0.32521, UCL = 1.5056 + 0.577 (0.32521) = 1.69325, LCL = 1.31795, R chart
# UCL = 2.114 (0.32521) = 0.68749; sigma-hat = R-bar / 2.326 = 0.1398, Cp = 1 / (6 x 0.1398)
# = 1.192 for specifications 1.00 .. 2.00. Subgroups built with the example's x-double-bar
# and R-bar (the limits depend on the data only through them).
HARD_BAKE_LIKE = [[1.5056 - 0.32521 / 2, 1.5056 + 0.32521 / 2, 1.5056, 1.5056, 1.5056]] * 25


def test_montgomery_example_6_1_xbar_r_with_printed_constants():
    chart = control_chart(HARD_BAKE_LIKE, "xbar_r", constants="table")
    assert round(chart.ucl, 5) == 1.69325
    assert round(chart.lcl, 5) == 1.31795
    assert round(chart.secondary.ucl, 5) == 0.68749
    assert round(chart.sigma, 4) == 0.1398
    exact = control_chart(HARD_BAKE_LIKE, "xbar_r")
    assert round(exact.ucl, 5) == 1.69319  # exact A2 = 0.57682: not the printed digits


def test_montgomery_example_6_1_capability_with_printed_constants():
    from bsckit.spc import capability

    result = capability(HARD_BAKE_LIKE, lsl=1.00, usl=2.00, constants="table", confidence=None)
    assert round(result.sigma_within, 4) == 0.1398
    assert round(result.Cp, 3) == 1.192


def test_table_constants_with_known_sigma_use_a_d1_d2():
    # Standard given (Montgomery 6.2.5): x-bar limits mu +/- A sigma, R chart D1 sigma .. D2 sigma
    chart = control_chart(RINGS[:25], "xbar_r", constants="table", center=74.0, sigma=0.01)
    assert (chart.lcl, chart.ucl) == pytest.approx((74.0 - 1.342 * 0.01, 74.0 + 1.342 * 0.01))
    assert (chart.secondary.lcl, chart.secondary.ucl) == pytest.approx((0.0, 4.918 * 0.01))
    s_chart = control_chart(RINGS[:25], "s", constants="table", sigma=0.01)
    assert (s_chart.center, s_chart.ucl) == pytest.approx((0.94 * 0.01, 1.964 * 0.01))


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"constants": "textbook"}, ValueError, "`constants`"),
        ({"constants": "table", "nsigmas": 2}, ValueError, "3-sigma"),
        ({"constants": "table", "warning_nsigmas": 2}, ValueError, "3-sigma"),
        ({"constants": "table", "d2_decimals": 3}, ValueError, "`d2_decimals`"),
    ],
)
def test_table_constants_bad_input(kwargs, error, words):
    with pytest.raises(error, match=words):
        control_chart(RINGS[:25], "xbar_r", **kwargs)


def test_table_constants_refused_for_attribute_charts():
    with pytest.raises(ValueError, match="`constants`"):
        control_chart([3, 4, 5], "c", constants="table")


def test_sizes_given_as_text_says_so():
    with pytest.raises(TypeError, match=r"`sizes` must be numbers .* text '50'"):
        control_chart([12, 15, 8], "p", sizes="50")
    with pytest.raises(TypeError, match=r"`sizes` must hold numbers, not text; position 1"):
        control_chart([12, 15, 8], "p", sizes=[50, "50", 50])
