"""Tests for bsckit.check: not attempted, hint escalation, success, comparisons, display.

Expected values are hand-computed from the tiny inputs written in each test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bsckit import check as check_module
from bsckit.check import (
    STATUSES,
    Check,
    CheckResult,
    Mistake,
    check,
    checks_summary,
    compare_answer,
    is_placeholder,
    reset_checks,
)

HINTS = ["Look at the units column.", "Sum it.", "Use `orders['units'].sum()`."]


@pytest.fixture(autouse=True)
def _fresh_kernel_state():
    reset_checks()
    yield
    reset_checks()


@pytest.mark.parametrize("placeholder", [..., None, NotImplemented, (..., ...), [..., None]])
def test_placeholder_is_not_attempted_and_does_not_raise(placeholder, capsys):
    result = check("ex 1", placeholder, expected=10, hints=HINTS)
    assert result.status == "not_attempted"
    assert not result
    out = capsys.readouterr().out
    assert "not attempted yet" in out
    assert "Hint" not in out
    assert checks_summary() == {"ex 1": "not_attempted"}


def test_hints_escalate_and_end_with_the_most_specific(capsys):
    shown = []
    for wrong in (1, 2, 3, 4):
        result = check("ex 2", wrong, expected=10, hints=HINTS)
        assert result.status == "failed"
        assert result.failed_tries == wrong
        shown.append(capsys.readouterr().out)
    assert "Hint 1 of 3: Look at the units column." in shown[0]
    assert "Hint 2 of 3: Sum it." in shown[1]
    assert "Hint 3 of 3 (the most specific one)" in shown[2]
    # Past the last hint, the most specific one stays.
    assert "Use `orders['units'].sum()`." in shown[3]
    assert "Sum it." not in shown[3]


def test_attempts_are_counted_per_exercise(capsys):
    check("a", 1, expected=2, hints=HINTS)
    check("a", 1, expected=2, hints=HINTS)
    result = check("b", 1, expected=2, hints=HINTS)
    assert result.failed_tries == 1
    assert "Hint 1 of 3" in capsys.readouterr().out.splitlines()[-1]


def test_success_explains_why(capsys):
    check("ex 3", 9, expected=10, hints=HINTS)
    result = check("ex 3", 10, expected=10, success="Each row is one order.")
    assert result.status == "passed"
    assert result
    assert "correct! Each row is one order." in capsys.readouterr().out
    assert checks_summary() == {"ex 3": "passed"}


def test_summary_lists_latest_status_of_every_check(capsys):
    check("first", 1, expected=1)
    check("second", 5, expected=1)
    check("third", ..., expected=1)
    check("second", 1, expected=1)
    assert checks_summary() == {"first": "passed", "second": "passed", "third": "not_attempted"}
    assert set(checks_summary().values()) <= set(STATUSES)


def test_failed_without_hints_still_says_what_to_do(capsys):
    check("no hints", 3, expected=4)
    assert "Re-read the question" in capsys.readouterr().out


# --- numbers ---------------------------------------------------------------------------------


def test_numbers_within_tolerance():
    assert compare_answer(0.1 + 0.2, 0.3)[0]
    assert compare_answer(np.float64(2.5), 2.5)[0]
    assert compare_answer(np.int64(7), 7)[0]
    assert not compare_answer(0.301, 0.3)[0]
    assert compare_answer(0.301, 0.3, rtol=0.01)[0]
    assert compare_answer(float("nan"), float("nan"))[0]


def test_number_mistakes_are_named():
    assert compare_answer(25, 0.25)[1].endswith("a fraction is asked (0.25, not 25)?")
    assert "expected a number" in compare_answer("0.25", 0.25)[1]
    assert "expected a number" in compare_answer(True, 1)[1]
    # A one-element Series counts as its value.
    assert compare_answer(pd.Series([4.0]), 4.0)[0]


# --- Series and DataFrames -------------------------------------------------------------------


def _per_day() -> pd.Series:
    # Units per day, by hand: Mon 3 + 4 = 7, Tue 5.
    return pd.Series({"Mon": 7, "Tue": 5}, name="units")


def test_series_right_and_wrong(capsys):
    expected = _per_day()
    assert check("s", pd.Series({"Mon": 7.0, "Tue": 5.0}), expected=expected).passed
    wrong = check("s2", pd.Series({"Mon": 7, "Tue": 6}), expected=expected, hints=HINTS)
    assert wrong.status == "failed"
    assert "first at index Tue: got 6, 10-50 % too big" in wrong.message
    assert "expected 5" not in wrong.message  # the right value stays out of sight


def test_series_shape_order_and_type_problems():
    expected = _per_day()
    assert "got 1 rows, expected 2" in compare_answer(expected.iloc[:1], expected)[1]
    reordered = expected.iloc[::-1]
    assert "different order" in compare_answer(reordered, expected)[1]
    assert compare_answer(reordered, expected, ignore_order=True)[0]
    assert "expected a pandas Series" in compare_answer([7, 5], expected)[1]
    assert "one-column DataFrame" in compare_answer(expected.to_frame(), expected)[1]
    renamed = expected.rename("qty")
    assert compare_answer(renamed, expected)[0]
    assert "named 'qty'" in compare_answer(renamed, expected, check_names=True)[1]


def test_dataframes():
    expected = pd.DataFrame({"day": ["Mon", "Tue"], "units": [7, 5]})
    assert compare_answer(expected.copy(), expected)[0]
    assert "shape (2, 1)" in compare_answer(expected[["units"]], expected)[1]
    swapped = expected[["units", "day"]]
    assert "columns are in a different order" in compare_answer(swapped, expected)[1]
    assert compare_answer(swapped, expected, ignore_order=True)[0]
    changed = expected.assign(units=[7, 6])
    ok, why = compare_answer(changed, expected)
    assert not ok
    assert "column 'units' values differ at 1 of 2 positions" in why


def test_sets_strings_and_lists():
    assert compare_answer(["a", "b"], {"a", "b"})[0]
    assert compare_answer({"a"}, {"a", "b"})[1] == "1 missing."  # which one stays hidden
    assert compare_answer("On  Time", "on time")[0]
    assert not compare_answer("On time", "on time", ignore_case=False)[0]
    assert compare_answer([1, 2.0000000001], [1, 2])[0]
    assert compare_answer([2, 1], [1, 2], ignore_order=True)[0]
    assert compare_answer({"a": 1.0}, {"a": 1})[0]
    assert "at key 'a'" in compare_answer({"a": 2}, {"a": 1})[1]


def test_is_placeholder():
    assert is_placeholder(...)
    assert not is_placeholder(0)
    assert not is_placeholder("")


# --- display ---------------------------------------------------------------------------------


def test_displays_html_with_text_fallback_and_metadata(monkeypatch):
    shown = []
    import IPython
    import IPython.display

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(
        IPython.display, "display", lambda obj, raw, metadata: shown.append((obj, metadata))
    )
    check("html ex", 3, expected=4, hints=["Count the `rows`."])
    bundle, meta = shown[-1]
    assert "<code>rows</code>" in bundle["text/html"]
    assert "bsckit-failed" in bundle["text/html"]
    assert "Hint 1 of 1: Count the `rows`." in bundle["text/plain"]
    assert meta == {"bsckit": {"check": "html ex", "status": "failed"}}


def test_result_is_not_displayed_twice():
    result = check("quiet", 1, expected=1)
    assert result._ipython_display_() is None
    assert str(result).startswith("[quiet] correct!")


# --- bad input -------------------------------------------------------------------------------


def test_bad_inputs_name_the_parameter():
    with pytest.raises(ValueError, match="`name`"):
        check(" ", 1, expected=1)
    with pytest.raises(TypeError, match="`hints`"):
        check("x", 1, expected=1, hints=[1])
    with pytest.raises(TypeError, match="`success`"):
        Check("x", 1, success=None)
    with pytest.raises(ValueError, match="`rtol`"):
        check("x", 1, expected=1, rtol=-1)
    with pytest.raises(ValueError, match="`atol`"):
        compare_answer(1, 1, atol=-0.1)
    with pytest.raises(ValueError, match="`status`"):
        CheckResult("x", "maybe", "")


def test_check_object_reuses_its_definition(capsys):
    spec = Check("obj", expected=0.25, hints=("Divide by the total.",), success="1 of 4.")
    assert spec(...).status == "not_attempted"
    assert spec(0.5).status == "failed"
    assert spec(0.25).status == "passed"
    assert check_module.checks_summary() == {"obj": "passed"}


def test_two_part_answer_with_one_part_filled_is_an_attempt(capsys):
    result = check("two parts", (3, ...), expected=(3, 4), hints=HINTS)
    assert result.status == "failed"


# --- diagnosis: how a wrong answer differs, never what the right one is -----------------------


@pytest.mark.parametrize(
    ("answer", "expected", "words"),
    [
        (4313005.0, 43130.05, "100 times too big"),  # pence for pounds
        (0.25, 25.0, "100 times too small"),
        (2500.0, 2.5, "1000 times too big"),
        (-3.5, 3.5, "wrong sign"),
        (3.504, 3.5, "within 1 %"),
        (3.7, 3.5, "within 10 %"),
        (7.0, 3.5, "too big by more than half"),
        (4200000.0, 43130.05, "roughly 100 times too big"),  # pence, and duplicates kept
    ],
)
def test_numbers_are_diagnosed_by_scale_sign_and_closeness(answer, expected, words):
    ok, why = compare_answer(answer, expected)
    assert not ok
    assert words in why
    assert str(expected) not in why.replace(str(answer), "")  # the right value is not told


def test_series_diagnosis_names_the_pattern_and_the_grouping():
    months = pd.period_range("2024-01", periods=24, freq="M")
    rate = pd.Series(np.linspace(0.02, 0.03, 24), index=months)
    assert "all 100 times too big" in compare_answer(rate * 100, rate)[1]
    assert "wrong sign" in compare_answer(-rate, rate)[1]
    by_month_of_year = pd.Series(np.linspace(0.02, 0.03, 12), index=range(1, 13))
    why = compare_answer(by_month_of_year, rate)[1]
    assert "got 12 rows, expected 24" in why and "month of the year" in why
    assert "duplicates" in compare_answer(pd.concat([rate, rate]), rate)[1]
    frame = pd.DataFrame({"a": rate})
    assert "month of the year" in compare_answer(frame.iloc[:12].reset_index(drop=True), frame)[1]


def test_known_mistakes_get_their_own_hint_and_general_hints_escalate_only_otherwise(capsys):
    spec = Check(
        "rate",
        expected=0.25,
        hints=("Divide by all tries.", "Failures over tries."),
        mistakes=(
            Mistake("successes", "you divided by the successes.", answer=1 / 3),
            Mistake("negative", "a rate is never negative.", matches=lambda a: a < 0),
        ),
        reveal="rate = failures / tries",
    )
    first = spec(1 / 3)
    assert first.mistake == "successes" and "Diagnosis: you divided by the successes." in str(first)
    assert "Hint" not in str(first)
    assert spec(-1).mistake == "negative"
    # the first try no mistake explains gets the *first* general hint, not the third
    general = spec(0.9)
    assert general.mistake is None and "Hint 1 of 2: Divide by all tries." in str(general)
    last = spec(0.8)
    assert "Hint 2 of 2 (the most specific one)" in str(last)
    assert ".reveal('rate')" in str(last) and "failures / tries" not in str(last)
    assert spec.show_solution() == "rate = failures / tries"
    assert "rate = failures / tries" in capsys.readouterr().out


def test_a_judge_decides_and_may_say_not_attempted():
    def judge(answer):
        if answer == "empty":
            return None, "fill in the widget first."
        return answer == "good", "not good."

    spec = Check("widget", expected=None, judge=judge)
    assert spec.run("empty", show=False).status == "not_attempted"
    assert "fill in the widget first" in spec.run("empty", show=False).message
    assert spec.run("bad", show=False).status == "failed"
    assert spec.run("good", show=False).status == "passed"


def test_mistake_needs_an_answer_or_a_test():
    with pytest.raises(ValueError, match="needs `answer`"):
        Mistake("m", "a hint")
    with pytest.raises(ValueError, match="`hint`"):
        Mistake("m", "", answer=1)
    with pytest.raises(TypeError, match="`mistakes`"):
        Check("x", 1, mistakes=("not a mistake",))
    with pytest.raises(TypeError, match="`judge`"):
        Check("x", 1, judge="yes")
