"""Tests for bsckit.spc.process_capability against published worked examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from refcases import case, dataset

from bsckit.spc import CapabilityResult, capability, capability_from_summary

CAP04 = case("CAP-04")
SUBGROUPS = CAP04["inputs"]["subgroups"]
LSL, USL = CAP04["inputs"]["spec_limits"]

# name in CAP-04 / qcc -> attribute here
QCC_NAMES = {
    "Cp": "Cp", "Cp_l": "Cpl", "Cp_u": "Cpu", "Cp_k": "Cpk", "Cpm": "Cpm",
    "Pp": "Pp", "Pp_l": "Ppl", "Pp_u": "Ppu", "Pp_k": "Ppk", "Ppm": "Ppm",
}  # fmt: skip


# --- refcase CAP-01: NIST/SEMATECH e-Handbook 6.1.6 ------------------------------------------
def test_cap01_nist_summary_example():
    ref = case("CAP-01")
    inputs = ref["inputs"]
    res = capability_from_summary(
        inputs["mean"], inputs["sigma"], lsl=inputs["LSL"], usl=inputs["USL"]
    )
    for name, expected in ref["expected"].items():
        assert getattr(res, name) == pytest.approx(expected["value"], abs=expected["tol"]), name
    # NIST's equivalent form Cpk = Cp (1 - k), k = |m - xbar| / ((USL - LSL) / 2)
    k = abs((inputs["USL"] + inputs["LSL"]) / 2 - inputs["mean"]) / (
        (inputs["USL"] - inputs["LSL"]) / 2
    )
    assert res.Cpk == pytest.approx(res.Cp * (1 - k))


# --- refcase CAP-04: qcc tests/testthat/test-capability.R, two-sided on-target ---------------
def cap04(**kwargs) -> CapabilityResult:
    return capability(SUBGROUPS, lsl=LSL, usl=USL, d2_decimals=3, **kwargs)


def test_cap04_indices():
    res = cap04(target=CAP04["inputs"]["target"])
    for ref_name, name in QCC_NAMES.items():
        expected = CAP04["expected"][ref_name]
        assert getattr(res, name) == pytest.approx(expected["value"], abs=expected["tol"]), name
    assert res.missing == {}
    assert res.sigma_method == "rbar_d2"


@pytest.mark.parametrize(
    ("ref_name", "name"), [("Cp_95CI", "Cp"), ("Cpk_95CI", "Cpk"), ("Pp_95CI", "Pp")]
)
def test_cap04_confidence_intervals(ref_name, name):
    expected = CAP04["expected"][ref_name]
    res = cap04(target=CAP04["inputs"]["target"], confidence=0.95)
    assert res.intervals[name] == pytest.approx(expected["value"], abs=expected["tol"])


def test_cap04_exact_d2_shifts_cp_slightly():
    # CAP-04 convention: exact d2(4) = 2.05875 shifts Cp by about 1.7e-4.
    exact = capability(SUBGROUPS, lsl=LSL, usl=USL, target=10.0)
    assert exact.Cp == pytest.approx(CAP04["expected"]["Cp"]["value"], abs=3e-4)
    assert abs(exact.Cp - CAP04["expected"]["Cp"]["value"]) > 1e-4


def test_cap04_target_defaults_to_midpoint_like_qcc():
    assert cap04().target == pytest.approx(10.0)
    assert cap04().Cpm == pytest.approx(CAP04["expected"]["Cpm"]["value"], abs=1e-6)


def test_dataframe_input_matches_list_input():
    frame = pd.DataFrame(SUBGROUPS, columns=["a", "b", "c", "d"])
    assert capability(frame, lsl=LSL, usl=USL, d2_decimals=3).Cp == pytest.approx(cap04().Cp)


# --- further published cases: qcc tests/testthat/test-capability.R (luca-scr/qcc on GitHub) --
# Same data as CAP-04; qcc lists (value, 2.5%, 97.5%) per index.
QCC_TWO_SIDED_OFF_TARGET = {  # target = 10.02 ("Two-sided off-target case")
    "Cp": (1.372667, 0.808460, 1.937713),
    "Cpl": (1.441300, 0.911657, 1.970943),
    "Cpu": (1.304033, 0.820114, 1.787953),
    "Cpk": (1.304033, 0.727408, 1.880659),
    "Cpm": (1.167834, 0.650542, 1.686689),
    "Pp": (1.612598, 0.949773, 2.276410),
    "Ppl": (1.693228, 1.078708, 2.307749),
    "Ppu": (1.531968, 0.971902, 2.092035),
    "Ppk": (1.531968, 0.864608, 2.199329),
    "Ppm": (1.305161, 0.712493, 1.899988),
}
QCC_UPPER_ONLY = {  # spec.limits = c(NA, 10.1), target = 10.02 ("Upper spec only case")
    "Cpu": (1.304033, 0.820114, 1.787953),
    "Cpk": (1.304033, 0.727408, 1.880659),
    "Ppu": (1.531968, 0.971902, 2.092035),
    "Ppk": (1.531968, 0.864608, 2.199329),
}
QCC_LOWER_ONLY = {  # spec.limits = c(9.9, NA), target = 10.02 ("Lower spec only case")
    "Cpl": (1.441300, 0.911657, 1.970943),
    "Cpk": (1.441300, 0.810191, 2.072409),
    "Ppl": (1.693228, 1.078708, 2.307749),
    "Ppk": (1.693228, 0.960982, 2.425474),
}


@pytest.mark.parametrize(
    ("lsl", "usl", "expected"),
    [
        (LSL, USL, QCC_TWO_SIDED_OFF_TARGET),
        (None, USL, QCC_UPPER_ONLY),
        (LSL, None, QCC_LOWER_ONLY),
    ],
    ids=["two-sided-off-target", "upper-only", "lower-only"],
)
def test_qcc_capability_cases(lsl, usl, expected):
    res = capability(SUBGROUPS, lsl=lsl, usl=usl, target=10.02, d2_decimals=3)
    for name, (value, low, high) in expected.items():
        assert getattr(res, name) == pytest.approx(value, abs=1e-6), name
        assert res.intervals[name] == pytest.approx((low, high), abs=1e-6), name
    for name in set(QCC_NAMES.values()) - set(expected):
        assert getattr(res, name) is None
        assert name in res.missing and name not in res.intervals


def test_one_sided_missing_reasons():
    res = capability(SUBGROUPS, usl=USL)
    assert "lsl" in res.missing["Cpl"]
    assert "both" in res.missing["Cp"]
    assert set(res.missing) == {"Cp", "Cpl", "Cpm", "Pp", "Ppl", "Ppm"}


# Piston rings phase I (refcase SPC-01 data) with Montgomery's specs 74.000 +/- 0.05 mm:
# hand computation from SPC-01's published sigma 0.009785039 and the grand mean
# 9250.147 / 125 = 74.001176 (SPC-01 prints it rounded as 74.00118):
#   Cp = 0.10 / (6 x 0.009785039) = 1.70328
#   Cpk = (74.05 - 74.001176) / (3 x 0.009785039) = 1.66322
def test_pistonrings_capability_hand_computed():
    rings = dataset("pistonrings")["diameter"][:25]
    res = capability(rings, lsl=73.95, usl=74.05, d2_decimals=3)
    assert res.sigma_within == pytest.approx(0.009785039, abs=1e-9)
    assert res.Cp == pytest.approx(1.70328, abs=5e-5)
    assert res.Cpk == pytest.approx(1.66322, abs=5e-5)


# --- other sigma estimators, checked by hand on CAP-04's data --------------------------------
# subgroup SDs (n-1): s1 = 0.017078, s2 = 0.017078, s3 = 0.031091 (computed by hand from the values)
def test_sigma_estimators_by_hand():
    s = [np.std(row, ddof=1) for row in SUBGROUPS]
    c4_4 = 0.9213  # Montgomery Appendix VI
    sbar = capability(SUBGROUPS, lsl=LSL, usl=USL, sigma_within="sbar_c4")
    assert sbar.sigma_within == pytest.approx(np.mean(s) / c4_4, rel=1e-4)
    pooled = capability(SUBGROUPS, lsl=LSL, usl=USL, sigma_within="pooled", unbias_pooled=False)
    assert pooled.sigma_within == pytest.approx(np.sqrt(np.mean(np.square(s))), rel=1e-12)
    # Minitab: pooled / c4(d + 1), d = 3 x 3 = 9 degrees of freedom, c4(10) = 0.9727
    unbiased = capability(SUBGROUPS, lsl=LSL, usl=USL, sigma_within="pooled")
    assert unbiased.sigma_within == pytest.approx(pooled.sigma_within / 0.9727, rel=1e-4)
    known = capability(SUBGROUPS, lsl=LSL, usl=USL, sigma_within=0.02)
    assert known.Cp == pytest.approx(0.2 / 0.12)
    assert known.sigma_method == "given"


def test_individuals_use_moving_range():
    # moving ranges of [1, 3, 2, 6] are 2, 1, 4 -> mean 7/3, sigma = (7/3) / 1.128
    res = capability([1, 3, 2, 6], lsl=-10, usl=20, d2_decimals=3)
    assert res.sigma_method == "moving_range"
    assert res.sigma_within == pytest.approx(7 / 3 / 1.128)
    assert res.Cp == pytest.approx(30 / (6 * 7 / 3 / 1.128))


def test_overall_c4_option():
    plain = cap04()
    corrected = cap04(overall_c4=True)
    c4_12 = 0.9776  # Montgomery Appendix VI, n = 12
    assert corrected.sigma_overall == pytest.approx(plain.sigma_overall / c4_12, rel=1e-4)


def test_result_is_frozen_and_serialisable():
    res = cap04()
    with pytest.raises(AttributeError):
        res.Cp = 2.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        res.missing["Cp"] = "x"  # type: ignore[index]
    d = res.to_dict()
    assert d["Cp"] == res.Cp and isinstance(d["intervals"]["Cp"], list)
    assert cap04(confidence=None).intervals == {}


# --- properties --------------------------------------------------------------------------------
finite = st.floats(-1e3, 1e3, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(mean=finite, sigma=st.floats(1e-3, 1e2), lsl=finite, width=st.floats(1e-3, 1e3))
def test_cpk_never_exceeds_cp(mean, sigma, lsl, width):
    res = capability_from_summary(mean, sigma, lsl=lsl, usl=lsl + width, sigma_overall=sigma * 1.5)
    assert res.Cpk <= res.Cp + 1e-12
    assert res.Ppk <= res.Pp + 1e-12


@settings(max_examples=30, deadline=None)
@given(
    data=st.lists(st.floats(-100, 100, allow_nan=False), min_size=12, max_size=40),
    lsl=st.floats(-200, 0),
    width=st.floats(1, 400),
)
def test_cpk_never_exceeds_cp_on_data(data, lsl, width):
    values = np.array(data[: len(data) // 4 * 4]).reshape(-1, 4)
    if np.ptp(values, axis=1).mean() == 0 or np.std(values) == 0:
        return
    res = capability(values, lsl=lsl, usl=lsl + width)
    assert res.Cpk <= res.Cp + 1e-12
    assert res.Ppk <= res.Pp + 1e-12


# --- bad input: each message names the parameter ------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"lsl": 10.1, "usl": 9.9}, ValueError, "`lsl`"),
        ({"lsl": 10.0, "usl": 10.0}, ValueError, "`lsl`"),
        ({}, ValueError, "`lsl`"),
        ({"lsl": 9.9, "usl": 10.1, "target": 11}, ValueError, "`target`"),
        ({"usl": 10.1, "target": 10.2}, ValueError, "`target`"),
        ({"lsl": 9.9, "usl": 10.1, "sigma_within": "range"}, ValueError, "`sigma_within`"),
        ({"lsl": 9.9, "usl": 10.1, "sigma_within": -1}, ValueError, "`sigma_within`"),
        ({"lsl": 9.9, "usl": 10.1, "confidence": 1.5}, ValueError, "`confidence`"),
        ({"lsl": 9.9, "usl": 10.1, "d2_decimals": 2.5}, ValueError, "`d2_decimals`"),
        ({"lsl": "low", "usl": 10.1}, TypeError, "`lsl`"),
    ],
)
def test_capability_bad_parameters(kwargs, error, name):
    with pytest.raises(error, match=name):
        capability(SUBGROUPS, **kwargs)


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        ([10.0], ValueError, "`data`"),
        ([[10.0], [10.1]], ValueError, "`data`"),
        ([[10.0, 10.1], [10.0]], ValueError, "`data`"),
        ([10.0, float("nan"), 10.1], ValueError, "`data`"),
        ([10.0, 10.0, 10.0], ValueError, "`data`"),
        (["a", "b"], TypeError, "`data`"),
    ],
)
def test_capability_bad_data(data, error, message):
    with pytest.raises(error, match=message):
        capability(data, lsl=9, usl=11)


def test_subgroup_estimator_on_individuals_is_refused():
    with pytest.raises(ValueError, match="`sigma_within`"):
        capability([1.0, 2.0, 3.0], lsl=0, usl=5, sigma_within="rbar_d2")


def test_capability_from_summary_bad_input():
    with pytest.raises(ValueError, match="`sigma_within`"):
        capability_from_summary(10, -1, lsl=0, usl=20)
    with pytest.raises(ValueError, match="`sigma_overall`"):
        capability_from_summary(10, 1, lsl=0, usl=20, sigma_overall=0)
    with pytest.raises(ValueError, match="`confidence`"):
        capability_from_summary(10, 1, lsl=0, usl=20, confidence=0.95)
    with pytest.raises(TypeError, match="`mean`"):
        capability_from_summary("10", 1, lsl=0, usl=20)


def test_interval_quantiles_equal_scipy_stats() -> None:
    # bsckit.spc computes chi-square and normal quantiles with scipy.special (scipy.stats costs
    # a kernel 0.5 s to import); scipy.stats is the independent reference: identical floats.
    import math

    from scipy import stats

    from bsckit.spc.process_capability import _chisq_interval

    for df, alpha in ((4, 0.05), (49, 0.01), (37.3, 0.1)):
        low, high = stats.chi2.ppf([alpha / 2, 1 - alpha / 2], df)
        expected = (1.2 * math.sqrt(low / df), 1.2 * math.sqrt(high / df))
        assert _chisq_interval(1.2, df, alpha) == expected
    result = capability([9.8, 10.1, 10.0, 10.3, 9.9, 10.2, 10.0, 9.7], lsl=9.0, usl=11.0)
    n, z = result.n_obs, float(stats.norm.ppf(0.975))
    half = z * math.sqrt(1 / (9 * n * result.Cpk**2) + 1 / (2 * (n - 1)))
    assert result.intervals["Cpk"] == (result.Cpk * (1 - half), result.Cpk * (1 + half))


# --- expected ppm out of specification -------------------------------------------------------
# Montgomery, Introduction to SQC, table "Values of the process capability ratio (Cp) and
# associated process fallout for a normally distributed process (in defective ppm)":
# one-sided and two-sided specifications, process centred.
FALLOUT = [
    (0.50, 66_807, 133_614),
    (0.80, 8_198, 16_395),
    (0.90, 3_467, 6_934),
    (1.00, 1_350, 2_700),
    (1.10, 484, 967),
    (1.20, 159, 318),
    (1.30, 48, 96),
]


@pytest.mark.parametrize(("pcr", "one_sided", "two_sided"), FALLOUT)
def test_montgomery_process_fallout_table(pcr, one_sided, two_sided):
    from bsckit.spc import ppm_bounds_from_cpk, ppm_out_of_spec

    assert ppm_out_of_spec(cpu=pcr) == pytest.approx(one_sided, abs=1.0)  # 1.10: 483.5 -> 484
    assert ppm_out_of_spec(cpl=pcr, cpu=pcr) == pytest.approx(two_sided, abs=1.0)
    assert ppm_bounds_from_cpk(pcr) == pytest.approx((one_sided, two_sided), abs=1.0)


def test_expected_ppm_of_nist_example():
    # NIST/SEMATECH 6.1.6 example (refcase CAP-01): mean 16, s 2, LSL 8, USL 20, so the mean is
    # 4 sigmas above LSL and 2 below USL: 1e6 Phi(-4) = 31.7 and 1e6 Phi(-2) = 22,750.1 ppm.
    from bsckit.spc import capability_from_summary

    result = capability_from_summary(mean=16, sigma_within=2, lsl=8, usl=20)
    ppm = result.expected_ppm()
    assert ppm["below_lsl"] == pytest.approx(31.67, abs=0.01)
    assert ppm["above_usl"] == pytest.approx(22_750.1, abs=0.1)
    assert ppm["total"] == pytest.approx(ppm["below_lsl"] + ppm["above_usl"])
    one_sided = capability_from_summary(mean=16, sigma_within=2, usl=20).expected_ppm()
    assert one_sided["below_lsl"] == 0.0
    with pytest.raises(ValueError, match="`sigma`"):
        result.expected_ppm("overall")
    with pytest.raises(ValueError, match="`sigma`"):
        result.expected_ppm("long")


def test_ppm_lies_between_the_cpk_bounds():
    from bsckit.spc import ppm_bounds_from_cpk, ppm_out_of_spec

    for cpl, cpu in [(1.33, 0.9), (0.5, 2.0), (1.0, 1.0)]:
        low, high = ppm_bounds_from_cpk(min(cpl, cpu))
        assert low <= ppm_out_of_spec(cpl=cpl, cpu=cpu) <= high


def test_ppm_bad_input():
    from bsckit.spc import ppm_out_of_spec

    with pytest.raises(ValueError, match="`cpl` and `cpu`"):
        ppm_out_of_spec()
    with pytest.raises(TypeError, match="`cpu`"):
        ppm_out_of_spec(cpu="1.33")


def test_capability_constants_option_bad_input():
    data = [[10.00, 10.02, 9.98, 10.01], [10.03, 9.99, 10.01, 10.00]]
    with pytest.raises(ValueError, match="`constants`"):
        capability(data, lsl=9.9, usl=10.1, constants="printed")
    with pytest.raises(ValueError, match="`d2_decimals`"):
        capability(data, lsl=9.9, usl=10.1, constants="table", d2_decimals=3)
    # the printed d2(4) = 2.059 is what refcase CAP-04 rounds to: same Cp as d2_decimals=3
    table = capability(data, lsl=9.9, usl=10.1, constants="table")
    rounded = capability(data, lsl=9.9, usl=10.1, d2_decimals=3)
    assert table.Cp == pytest.approx(rounded.Cp)
