"""Tests for bsckit.spc.special_causes (Western Electric and Nelson rules).

The sources count points from 1 (R); bsckit positions are 0-based, so expected indices are
converted with ``one_based_to_positions``.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from refcases import case

from bsckit.spc import RULE_DESCRIPTIONS, run_rules


def one_based_to_positions(indices):
    return tuple(sorted(i - 1 for i in indices))


# --- refcase RULES-01: qcc tests/testthat/test-rules.R, Western Electric 1-4 -----------------
@pytest.mark.parametrize(
    ("name", "rule"),
    [("WER1", 1), ("WER2", 2), ("WER3", 3), ("WER4", 4), ("WER4_default_ruleset", 4)],
)
def test_rules01_western_electric(name, rule):
    ref = case("RULES-01")
    inputs = ref["inputs"]
    res = run_rules(inputs["sequences"][name], inputs["center"], inputs["sigma"])
    assert res.ruleset == "western_electric"  # the default, as in qcc
    assert res.flagged(rule) == one_based_to_positions(ref["expected"][name])


def test_rules01_strict_inequality():
    # RULES-01 convention: 2.9 is not beyond 3; exactly 3.0 is not either.
    assert run_rules([0, 3.0, 2.9, -3.0], 0, 1).flagged(1) == ()


# --- refcase RULES-03: qcc tests/testthat/test-rules.R, Nelson 1-4 ---------------------------
@pytest.mark.parametrize(("name", "rule"), [("NEL1", 1), ("NEL2", 2), ("NEL3", 3), ("NEL4", 4)])
def test_rules03_nelson(name, rule):
    ref = case("RULES-03")
    inputs = ref["inputs"]
    res = run_rules(inputs["sequences"][name], inputs["center"], inputs["sigma"], ruleset="nelson")
    assert res.flagged(rule) == one_based_to_positions(ref["expected"][name])


# --- further published cases: same qcc test file, Nelson 5-8 ('NEL1-NEL8 return expected
# violating indices for deterministic qcc objects'; github luca-scr/qcc
# tests/testthat/test-rules.R), centre 0, sigma 1
QCC_NELSON_5_TO_8 = [
    (5, [0, 2.3, 0.4, 2.2, -2.4, -0.2, -2.5], [4, 7]),
    (6, [1.2, 1.3, 0.2, 1.4, 1.5, -1.2, -1.3, -0.1, -1.4, -1.5], [5, 10]),
    (7, [0.3] * 16 + [1.2], [15, 16]),
    (8, [1.2, -1.3, 1.1, -1.4, 1.5, -1.2, 1.3, -1.1, 0.2], [8]),
    (8, [1.2] * 8, []),  # all on one side: not rule 8
]


@pytest.mark.parametrize(("rule", "values", "expected"), QCC_NELSON_5_TO_8)
def test_qcc_nelson_5_to_8(rule, values, expected):
    res = run_rules(values, 0, 1, ruleset="nelson")
    assert res.flagged(rule) == one_based_to_positions(expected)


def test_qcc_precedence_lowest_rule_wins():
    # qcc test-rules.R 'qccRules precedence reports WER1 when overlaps include multiple rules'
    values = [2.5] * 7 + [3.2]
    res = run_rules(values, 0, 1)
    assert res.flagged(4) == one_based_to_positions([8])
    assert res.flagged(3) == one_based_to_positions([5, 6, 7, 8])
    assert res.flagged(2) == one_based_to_positions([3, 4, 5, 6, 7, 8])
    assert res.flagged(1) == one_based_to_positions([8])
    # qccRules(object, rules = c(4, 3, 2, 1)) -> NA NA 2 2 2 2 2 1  (NA -> 0 here)
    assert res.rule.tolist() == [0, 0, 2, 2, 2, 2, 2, 1]
    # rules = c(4, 3, 2) -> NA NA 2 2 2 2 2 2
    assert run_rules(values, 0, 1, rules=[4, 3, 2]).rule.tolist() == [0, 0, 2, 2, 2, 2, 2, 2]
    only_4 = run_rules(values, 0, 1, rules=[4])
    assert only_4.rule.tolist() == [0] * 7 + [4]
    # every (point, rule) pair is listed, lowest rule first within a point
    assert [(v.position, v.rule) for v in res.violations if v.position == 7] == [
        (7, 1), (7, 2), (7, 3), (7, 4),
    ]  # fmt: skip


def test_qcc_chart_level_examples():
    # qcc tests/testthat/test-qcc.R: 'qcc uses Western Electric rules by default'
    res = run_rules([0.5] * 8 + [-0.5], 0, 1, rules=[4])
    assert res.rule.tolist() == [0] * 7 + [4, 0]
    # 'qcc applies Nelson rules': rules = 7, rule.set = "nelson"
    res = run_rules([0.3] * 16 + [1.2], 0, 1, ruleset="nelson", rules=[7])
    assert res.rule.tolist() == [0] * 14 + [7, 7, 0]


def test_trend_tie_breaks_run_and_zero_breaks_side_run():
    # RULES-03 convention: a tie (7, 7) breaks a trend; a point on the centre breaks a run.
    assert run_rules([1, 2, 3, 4, 5, 5, 6, 7], 4, 10, ruleset="nelson").flagged(3) == ()
    assert run_rules([1] * 4 + [0] + [1] * 4, 0, 10).flagged(4) == ()


def test_per_point_center_and_sigma():
    # p chart with variable limits: the same deviation is 3.5 se at point 1 but 1.75 se at 2
    res = run_rules([0.1, 0.45, 0.45], [0.1, 0.1, 0.1], [0.1, 0.1, 0.2])
    assert res.flagged(1) == (1,)


def test_nan_points_are_never_flagged_and_break_runs():
    res = run_rules([np.nan, 5.0, 0.5, 0.5, 0.5, np.nan, 0.5, 0.5, 0.5, 0.5], 0, 1)
    assert res.rule[0] == 0 and res.rule[5] == 0
    assert res.flagged(1) == (1,)
    assert res.flagged(4) == ()


def test_to_frame_and_descriptions():
    frame = run_rules([0, 3.5, 0], 0, 1, ruleset="nelson").to_frame()
    assert frame.columns.tolist() == ["point", "value", "rule", "description"]
    assert frame.loc[1, "description"] == RULE_DESCRIPTIONS["nelson"][1]
    assert frame["rule"].tolist() == [0, 1, 0]


# --- property: shifting and scaling data, centre and sigma together changes nothing --------
@settings(max_examples=60, deadline=None)
@given(
    data=st.lists(st.integers(-40, 40), min_size=1, max_size=60),
    center=st.integers(-10, 10),
    sigma=st.integers(1, 12),
    shift=st.integers(-1000, 1000),
    scale=st.sampled_from([1, 2, 3, 5, 10, 0.5, 0.25]),
    ruleset=st.sampled_from(["western_electric", "nelson"]),
)
def test_flags_invariant_under_shift_and_scale(data, center, sigma, shift, scale, ruleset):
    values = np.array(data, dtype=float)
    base = run_rules(values, center, sigma, ruleset=ruleset)
    moved = run_rules(
        values * scale + shift, center * scale + shift, sigma * scale, ruleset=ruleset
    )
    assert moved.rule.tolist() == base.rule.tolist()
    assert moved.violations == base.violations


# --- bad input: each message names the parameter ------------------------------------------
@pytest.mark.parametrize(
    ("args", "kwargs", "error", "name"),
    [
        (([1, 2], 0, 1), {"ruleset": "westgard"}, ValueError, "`ruleset`"),
        (([1, 2], 0, 0), {}, ValueError, "`sigma`"),
        (([1, 2], 0, [1, -1]), {}, ValueError, "`sigma`"),
        (([1, 2], 0, [1, 1, 1]), {}, ValueError, "`sigma`"),
        (([1, 2], "zero", 1), {}, TypeError, "`center`"),
        (([1, 2], [0, float("nan")], 1), {}, ValueError, "`center`"),
        (([], 0, 1), {}, ValueError, "`values`"),
        (([[1, 2]], 0, 1), {}, ValueError, "`values`"),
        ((["a"], 0, 1), {}, TypeError, "`values`"),
        (([1, float("inf")], 0, 1), {}, ValueError, "`values`"),
        (([1, 2], 0, 1), {"rules": [5]}, ValueError, "`rules`"),
    ],
)
def test_run_rules_bad_input(args, kwargs, error, name):
    with pytest.raises(error, match=name):
        run_rules(*args, **kwargs)


def test_flagged_bad_rule():
    with pytest.raises(ValueError, match="`rule`"):
        run_rules([1, 2], 0, 1).flagged(9)
