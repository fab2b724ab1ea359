"""Tests for bsckit.smart.check_smart and the SmartReport.

Corpus labels are hand-written (see tests/smart_corpus.yaml); the Achievable figures with data
are computed by hand in the comments. Reference date 2026-11-01 throughout.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from bsckit.smart import (
    CRITERIA,
    ParsedObjective,
    SmartReport,
    Verdict,
    check_smart,
    fitted_trend,
)

TODAY = date(2026, 11, 1)
CORPUS = yaml.safe_load((Path(__file__).parent / "smart_corpus.yaml").read_text("utf-8"))
LETTERS = {c[0]: c for c in CRITERIA}


def _verdict_accuracy(entries: list[dict]) -> tuple[float, Counter, list[str]]:
    right = 0
    confusion: Counter = Counter()
    misses = []
    for entry in entries:
        report = check_smart(entry["text"] * entry.get("repeat", 1), today=CORPUS["today"])
        for letter, expected in entry["verdicts"].items():
            got = report[letter].status
            confusion[(expected, got)] += 1
            if got == expected:
                right += 1
            else:
                misses.append(
                    f"{entry['text'][:60]!r}: {LETTERS[letter]} expected {expected}, got {got}"
                )
    return right / (5 * len(entries)), confusion, misses


def test_checker_verdict_accuracy_on_corpus(capsys):
    everything = CORPUS["entries"]
    holdout = [e for e in everything if e.get("split") == "holdout"]
    tuned = [e for e in everything if e.get("split") != "holdout"]
    total, confusion, misses = _verdict_accuracy(everything)
    total_tuned, _, _ = _verdict_accuracy(tuned)
    total_holdout, _, _ = _verdict_accuracy(holdout)
    exact = sum(
        all(
            check_smart(e["text"] * e.get("repeat", 1), today=CORPUS["today"])[k].status == v
            for k, v in e["verdicts"].items()
        )
        for e in everything
    )
    with capsys.disabled():
        print(
            f"\nSMART checker verdict accuracy: {total:.3f} over {len(everything)} sentences x 5"
            f" criteria (tuning set {total_tuned:.3f}, n={len(tuned)}; held-out set"
            f" {total_holdout:.3f}, n={len(holdout)}); all five right for {exact} sentences"
        )
        print(
            "  expected->got: "
            + ", ".join(f"{e}->{g} {n}" for (e, g), n in sorted(confusion.items()))
        )
        for miss in misses:
            print("  miss:", miss)
    # Thresholds below the measured figures (0.990 overall; held-out 0.992 on its first run).
    # Issue 10 (155 sentences): 1.000 overall and held-out; the code before it scored 0.897
    # overall and 0.833 held-out on the same corpus.
    assert total >= 0.95
    assert total_holdout >= 0.9


def test_seed_objectives():
    # The article's objectives name a measure, a direction, a number and a time frame; two of
    # them change a percentage "by 15%" without a baseline, which a facilitator queries.
    seeds = [e for e in CORPUS["entries"] if e.get("source") == "seed"]
    for entry in seeds:
        report = check_smart(entry["text"], today=TODAY)
        assert report["Specific"].status == "pass"
        assert report["Time-bound"].status == "pass"
    report = check_smart(seeds[0]["text"], today=TODAY)
    assert "percentage points" in report["Measurable"].feedback


# ---- text never raises ------------------------------------------------------------------------

_FRAGMENTS = [
    "Increase",
    "Reduce",
    "Improve",
    "Keep",
    "Halve",
    "the",
    "on-time delivery",
    "NPS",
    "DSO",
    "cost per meal",
    "quality",
    "by",
    "to",
    "from",
    "15%",
    "-3",
    "£50k",
    "12,5",
    "1.250,5",
    "fifteen",
    "percentage points",
    "within",
    "6 months",
    "Q2 2027",
    "31/02/2027",
    "2019",
    "soon",
    "(owner: Head of Service)",
    "owned by",
    "so that",
    "perspective: financial",
    "a lot",
    "higher",
    "é",
    "🚀",
    "\n",
    "%",
    "(",
    ")",
    "99999999999999999999",
    "1e308",
]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_check_smart_never_raises_on_arbitrary_text(text):
    report = check_smart(text, today=TODAY)
    assert [v.criterion for v in report.verdicts] == list(CRITERIA)
    assert report.to_text() and report.to_html()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14))
def test_check_smart_never_raises_on_objective_like_text(parts):
    text = " ".join(parts)
    report = check_smart(text, today=TODAY)
    assert report.status in ("pass", "warn", "fail")
    for verdict in report.verdicts:
        assert verdict.feedback
        if verdict.status != "pass":
            assert verdict.suggestion, (text, verdict)


@pytest.mark.parametrize(
    ("text", "criterion", "status", "words"),
    [
        ("", "Specific", "fail", "empty"),
        ("improve quality", "Specific", "fail", "too broad"),
        ("Reduce costs to a higher value by 2027", "Specific", "fail", "contradict"),
        ("Reduce X from 10 to 12 by 2027", "Specific", "fail", "contradict"),
        ("Reduce churn from 10% to 12% by 2027", "Specific", "fail", "contradict"),
        ("Increase OEE to 70% by 31 January 2025", "Time-bound", "fail", "not in the future"),
        ("Increase OEE to 120% by 2027", "Achievable", "fail", "cannot exceed"),
        ("Cut cost per meal to -£1 by 2027", "Achievable", "fail", "cannot go below"),
        ("Increase revenue by a lot by 2027", "Measurable", "fail", "'by a lot' is not a number"),
        ("Increase revenue by lots of money by 2027", "Measurable", "fail", "is not a number"),
        ("x" * 10_000, "Specific", "fail", "No measure"),
        # Issue 10: text that is not English gets "only English is read", not made-up verdicts
        # (this case was "Time-bound fail, no deadline", a claim about words never read).
        ("Réduire les coûts de 10 %", "Time-bound", "warn", "only English is read"),
        ("Réduire les coûts de 10 %", "Specific", "warn", "looks like French"),
        ("Increase OEE to 75% soon", "Time-bound", "fail", "'soon' is not a deadline"),
        ("Increase OEE to 75% by 2040", "Time-bound", "warn", "years away"),
        ("Increase OEE by 80% within 6 months", "Achievable", "pass", "plausible"),
        ("Increase revenue by 150% within 6 months", "Achievable", "warn", "ambitious"),
        ("Increase revenue by 500% within 24 months", "Achievable", "fail", "far beyond"),
        ("Cut production cost by 60% in 6 months", "Achievable", "warn", "ambitious"),
    ],
)
def test_clear_feedback_for_bad_objectives(text, criterion, status, words):
    verdict = check_smart(text, today=TODAY)[criterion]
    assert verdict.status == status
    assert words.lower() in verdict.feedback.lower()


def test_without_data_the_feedback_says_data_would_sharpen_it():
    verdict = check_smart("Cut DSO to 40 days within 6 months", today=TODAY)["Achievable"]
    assert verdict.status == "pass"
    assert "data" in verdict.feedback


# ---- Achievable with data -------------------------------------------------------------------

OTD = pd.Series(
    [80.0, 81, 81, 82, 83, 83, 84], index=pd.period_range("2026-04", periods=7, freq="M")
)
# Least-squares trend, by hand: t = 0..6 (mean 3), y mean 82, Sxy = 18, Sxx = 28, so the slope
# is 18 / 28 = 0.643 a month. Residuals -0.071, 0.286, -0.357, 0, 0.357, -0.286, 0.071 sum
# to squares 0.4286; s^2 = 0.4286 / 5 = 0.0857; se = sqrt(0.0857 / 28) = 0.0553; the 95%
# half-width is t(0.975, 5) x se = 2.571 x 0.0553 = 0.142: interval 0.50 to 0.79 a month.


@pytest.mark.parametrize(
    ("target", "status"),
    [
        (99, "fail"),  # (99 - 84) / 3 = 5.0 a month = 6.4 x the fastest pace (0.785)
        (87, "warn"),  # (87 - 84) / 3 = 1.0 a month: faster than the trend (0.643)
        (85.5, "pass"),  # (85.5 - 84) / 3 = 0.5 a month <= 0.643, a clear trend
        (83, "warn"),  # already met: no stretch
    ],
)
def test_achievable_against_the_fitted_trend(target, status):
    text = f"Raise on-time delivery to {target}% within 3 months"
    verdict = check_smart(text, data=OTD, today=TODAY)["Achievable"]
    assert verdict.status == status, verdict.feedback


def test_achievable_feedback_gives_the_trend_and_its_interval():
    text = "Raise on-time delivery to 87% within 3 months"
    feedback = check_smart(text, data=OTD, today=TODAY)["Achievable"].feedback
    assert "1 percentage points a month" in feedback
    assert "0.64 a month, 95% interval 0.5 to 0.79" in feedback
    assert "a typical month moves 1" in feedback  # |diffs| 1, 0, 1, 1, 0, 1: median 1
    assert "best" not in feedback and "window" not in feedback


def test_achievable_uses_the_stated_baseline_and_absurd_factor():
    # from 80 to 84 in 3 months: 4/3 = 1.33 a month, faster than the trend (0.643) -> warn
    text = "Raise on-time delivery from 80% to 84% within 3 months"
    verdict = check_smart(text, data=OTD, today=TODAY)["Achievable"]
    assert verdict.status == "warn"
    assert "2 a month" not in verdict.feedback  # the required rate is 1.33, not 2
    assert "1.33 percentage points a month" in verdict.feedback
    # 6.4 x the fastest pace fails at the default factor 3 but only warns at factor 10
    text = "Raise on-time delivery to 99% within 3 months"
    assert check_smart(text, data=OTD, today=TODAY, absurd_factor=10)["A"].status == "warn"


def test_achievable_with_a_mapping_and_a_decreasing_measure():
    dso = pd.Series([50.0, 49, 49, 47, 46, 46, 45])
    # By hand: y mean 47.43, Sxy = -24, Sxx = 28, slope -0.857 a month; SSR 1.143, s^2 0.229,
    # se 0.0904, half-width 2.571 x 0.0904 = 0.232. Need (45 - 40) / 6 = 0.833 <= 0.857 -> pass
    report = check_smart("Cut DSO to 40 days within 6 months", data={"dso": dso}, today=TODAY)
    assert report["Achievable"].status == "pass"
    # 36 days needs 9/6 = 1.5 a month: faster than the trend, below 3 x 1.089 -> warn
    report = check_smart("Cut DSO to 36 days within 6 months", data={"dso": dso}, today=TODAY)
    assert report["Achievable"].status == "warn"
    # DataFrame with one column per measure works the same way
    frame = pd.DataFrame({"dso": dso, "oee": dso})
    report = check_smart("Cut DSO to 36 days within 6 months", data=frame, today=TODAY)
    assert report["Achievable"].status == "warn"


def test_history_that_never_improved_warns():
    flat = pd.Series([10.0] * 8)
    verdict = check_smart("Raise OEE to 12% within 3 months", data=flat, today=TODAY)["A"]
    assert verdict.status == "warn"
    assert "never improved" in verdict.feedback


def test_noisy_trendless_history_is_not_cherry_picked():
    # Issue 10: the old check took the best change over any window. This series swings
    # 80, 84, 80, 84... with no trend: its best 3-month window rises 4 points (1.33 a month),
    # which made "0.67 a month needed" pass. By hand: t = 0..7 (mean 3.5), Sxy = 8, Sxx = 42,
    # slope 0.19 a month; SSR = 32 - 0.19 x 8 = 30.48, s^2 = 5.08, se = 0.348, half-width
    # t(0.975, 6) x se = 2.447 x 0.348 = 0.851: interval -0.66 to 1.04, so no clear trend.
    noisy = pd.Series([80.0, 84, 80, 84, 80, 84, 80, 84])
    text = "Raise on-time delivery to 86% within 3 months"  # (86 - 84) / 3 = 0.67 a month
    verdict = check_smart(text, data=noisy, today=TODAY)["Achievable"]
    assert verdict.status == "warn"
    assert "no clear trend" in verdict.feedback
    assert "0.19 a month, 95% interval -0.66 to 1.04" in verdict.feedback
    assert "a typical month moves 4" in verdict.feedback
    # the same history cannot support 3.33 a month: more than 3 x the fastest pace (1.04)
    text = "Raise on-time delivery to 94% within 3 months"
    assert check_smart(text, data=noisy, today=TODAY)["Achievable"].status == "fail"


def test_history_getting_worse_is_said():
    worse = pd.Series([90.0, 89, 88, 88, 87, 86])
    verdict = check_smart("Raise OEE to 88% within 6 months", data=worse, today=TODAY)["A"]
    assert verdict.status == "warn"
    assert "getting worse" in verdict.feedback


def test_trend_is_fitted_to_the_last_trend_months():
    # 12 flat months then 6 rising by 1 a month: over the last 6 months the slope is exactly 1
    rising = pd.Series([70.0] * 12 + [71.0, 72, 73, 74, 75, 76])
    text = "Raise OEE to 82% within 6 months"  # needs (82 - 76) / 6 = 1 a month
    assert check_smart(text, data=rising, today=TODAY, trend_months=6)["A"].status == "pass"
    # over all 18 months the fitted slope is lower than 1 a month, so the same need warns
    assert check_smart(text, data=rising, today=TODAY, trend_months=18)["A"].status == "warn"
    with pytest.raises(ValueError, match="trend_months"):
        check_smart(text, data=rising, today=TODAY, trend_months=2)


@given(st.lists(st.floats(0, 100), min_size=3, max_size=36))
@settings(max_examples=60, deadline=None)
def test_fitted_trend_agrees_with_scipy_linregress(values):
    # an independent implementation of the same least-squares fit (scipy.stats.linregress)
    ours = fitted_trend(np.array(values))
    theirs = stats.linregress(np.arange(len(values)), values)
    assert ours.slope == pytest.approx(theirs.slope, abs=1e-9)
    if len(values) > 2 and np.isfinite(theirs.stderr):
        width = stats.t.ppf(0.975, len(values) - 2) * theirs.stderr
        assert ours.half_width == pytest.approx(width, rel=1e-6, abs=1e-9)


def test_short_history_fits_the_trend_to_what_there_is():
    # 3 months of history rising exactly 2 a month (slope 2, no residual); a 6-month
    # objective needs (90 - 84) / 6 = 1 a month -> pass, and the feedback says 3 months
    short = pd.Series([80.0, 82, 84])
    verdict = check_smart("Raise OEE to 90% within 6 months", data=short, today=TODAY)["A"]
    assert verdict.status == "pass"
    assert "the last 3 months" in verdict.feedback


def test_maintain_with_data():
    dso = pd.Series([50.0, 49, 49, 47, 46, 46, 45])
    # at or below 46 in 3 of the 7 months -> warn; at or below 49 in 6 of 7 -> pass
    text = "Keep DSO at or below {} days for 12 months"
    assert check_smart(text.format(46), data={"dso": dso}, today=TODAY)["A"].status == "warn"
    assert check_smart(text.format(49), data={"dso": dso}, today=TODAY)["A"].status == "pass"


def test_data_without_the_measure_makes_measurable_warn():
    report = check_smart("Raise OEE to 80% by 2027", data={"dso": OTD}, today=TODAY)
    assert report["Measurable"].status == "warn"
    assert "no history" in report["Measurable"].feedback


# ---- structured input -------------------------------------------------------------------------

GOOD = {
    "measure": "on_time_delivery",
    "baseline": 88,
    "target": 95,
    "change_kind": "absolute",
    "deadline": "2027-06-30",
    "perspective": "customer",
    "linked_objective": "Reliable delivery",
    "owner": "Head of Logistics",
}


def test_structured_objective_all_pass():
    report = check_smart(GOOD, today=TODAY)
    assert report.passed, report.to_text()
    assert report.objective.direction == "increase"


def test_structured_relevance_rules():
    no_link = {k: v for k, v in GOOD.items() if k != "linked_objective"}
    assert check_smart(no_link, today=TODAY)["Relevant"].status == "warn"
    wrong = {**GOOD, "perspective": "financial"}
    verdict = check_smart(wrong, today=TODAY)["Relevant"]
    assert verdict.status == "warn" and "customer measure" in verdict.feedback
    leading = {**GOOD, "measure": "collection_efficiency", "perspective": "financial"}
    verdict = check_smart(leading, today=TODAY)["Relevant"]
    assert verdict.status == "warn" and "leading" in verdict.feedback


@pytest.mark.parametrize(
    ("old", "new"),
    [("internal", "internal_processes"), ("learning", "learning_growth")],
)
def test_structured_perspective_old_short_spellings_give_the_same_feedback(old, new):
    reports = [check_smart({**GOOD, "perspective": p}, today=TODAY) for p in (old, new)]
    assert reports[0].objective.perspective == new
    assert reports[0].to_text() == reports[1].to_text()


def test_relevant_feedback_names_the_perspective_by_its_label():
    report = check_smart("Decrease production costs by 10% in the next 6 months.", today=TODAY)
    assert report["Relevant"].feedback == (
        "production cost is a lagging measure of the internal processes perspective"
        " (inferred from the measure)."
    )
    wrong = check_smart({**GOOD, "perspective": "learning_growth"}, today=TODAY)["Relevant"]
    assert (
        wrong.feedback
        == "on-time delivery rate is usually a customer measure, not a learning and growth one."
    )
    assert wrong.suggestion == (
        "Move it to the customer perspective or pick a learning and growth measure."
    )


def test_parsed_objective_input_and_time_bound_limits():
    parsed = ParsedObjective(
        direction="decrease",
        measure_id="dso",
        target=5,
        change_kind="amount",
        unit="days",
        duration_months=72,
    )
    report = check_smart(parsed, today=TODAY)
    assert report["Time-bound"].status == "warn"  # 6 years > 5
    assert check_smart(parsed, today=TODAY, max_years=10)["Time-bound"].status == "pass"


# ---- the report ---------------------------------------------------------------------------------


def test_report_text_html_and_indexing():
    report = check_smart("Reduce churn from 10% to 12% by 2019 <script>", today=TODAY)
    assert report["S"] is report["Specific"] is report["specific"]
    assert report["time_bound"] is report["Time-bound"] is report["T"]
    html = report.to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "✗" in html and "#cf222e" in html
    text = report.to_text()
    assert text.splitlines()[1].startswith("[✗] Specific:")
    assert report.status == "fail" and not report.passed
    assert "fix Specific" in report.summary
    assert report.to_dict()["verdicts"][0]["criterion"] == "Specific"
    with pytest.raises(KeyError, match="`criterion`"):
        report["Smart"]


def test_all_pass_html_shows_ticks():
    report = check_smart("Reduce DSO from 48 to 40 days by 31 March 2027", today=TODAY)
    assert report.passed
    html = report._repr_html_()
    assert html.count("✓") == 5
    assert report.summary == "SMART: all five criteria pass."


def test_verdict_and_report_validation():
    with pytest.raises(ValueError, match="`criterion`"):
        Verdict("Smart", "pass", "x")
    report = check_smart("Cut DSO to 40 days by 2027", today=TODAY)
    with pytest.raises(ValueError, match="`verdicts`"):
        SmartReport(report.objective, report.verdicts[:4])
    with pytest.raises(TypeError, match="`objective`"):
        SmartReport("text", report.verdicts)  # type: ignore[arg-type]


# ---- programmer errors ------------------------------------------------------------------------


def test_bad_argument_types_raise_clear_errors():
    with pytest.raises(TypeError, match="`objective` must be text"):
        check_smart(12)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`objective` must be text"):
        check_smart(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`data`"):
        check_smart("Cut DSO to 40 days by 2027", data=[1, 2, 3])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`data`"):
        check_smart(
            "Cut DSO to 40 days by 2027",
            data=pd.Series(pd.date_range("2026-01-01", periods=3)),
            today=TODAY,
        )
    with pytest.raises(TypeError, match="`today`"):
        check_smart("Cut DSO to 40 days by 2027", today="2026-11-01")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="`absurd_factor`"):
        check_smart("Cut DSO to 40 days by 2027", absurd_factor=0)
    with pytest.raises(ValueError, match="unknown key"):
        check_smart({"measure": "dso", "dead_line": "2027-01-01"})


def test_notebook_plain_text_view_is_the_checklist():
    from IPython.core.formatters import PlainTextFormatter

    report = check_smart("Decrease production costs by 10% in the next 6 months.", today=TODAY)
    assert PlainTextFormatter()(report) == report.to_text()


# ---- issue 10: the cases tried by hand ------------------------------------------------------
# Each of these failed before issue 10 (the first sentence of each group is the one reported).


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Reduce cycle time by 30 seconds per meal by Q2 2027", "by 30 seconds per meal"),
        ("Cut cycle time from 95 to 80 seconds by the end of 2027", "to 80 seconds"),
        ("Shorten cycle time by 12 secs within 6 months", "by 12 seconds"),
    ],
)
def test_seconds_stay_seconds(text, shown):
    # the catalogue records cycle time in seconds: nothing to convert, nothing said
    verdict = check_smart(text, today=TODAY)["Measurable"]
    assert verdict.status == "pass"
    assert shown in verdict.feedback
    assert "minutes" not in verdict.feedback


@pytest.mark.parametrize(
    ("text", "shown", "converted"),
    [
        ("Reduce delivery time by 90 seconds within 6 months", "by 90 seconds", "= 1.5 minutes"),
        ("Cut delivery time from 2,400 to 2,100 seconds by 2027", "to 2,100 seconds", "= 35 min"),
        ("Reduce delivery time by 0.5 hours within 6 months", "by 0.5 hours", "= 30 minutes"),
        ("Cut complaints to 0.3 per 100 orders by 2027", "0.3 per 100 orders", "= 3 per 1,000"),
    ],
)
def test_a_conversion_the_measure_asks_for_is_made_and_said(text, shown, converted):
    verdict = check_smart(text, today=TODAY)["Measurable"]
    assert verdict.status == "pass"
    assert shown in verdict.feedback
    assert converted in verdict.feedback


def test_a_rate_without_its_basis_reads_the_catalogues_basis():
    verdict = check_smart("Reduce quality complaints from 5 to 3 by Q2 2027", today=TODAY)
    assert "per 1,000 orders" in verdict["Measurable"].feedback


def test_time_amounts_are_converted_before_they_meet_history():
    # 120 seconds off a 39.5-minute delivery is a level of 37.5 minutes, not 39.5 - 120 < 0:
    # (39.5 - 37.5) / 10 = 0.2 minutes a month
    history = pd.Series([41.0, 40.6, 40.4, 40.1, 39.8, 39.5])
    text = "Reduce delivery time by 120 seconds within 10 months"
    verdict = check_smart(text, data={"delivery_time": history}, today=TODAY)["Achievable"]
    assert "cannot go below" not in verdict.feedback
    assert "0.2 minutes a month" in verdict.feedback
    # cycle time is in seconds: 30 seconds off 90 is 60, (90 - 60) / 12 = 2.5 seconds a month
    history = pd.Series([92.0, 91.5, 91.0, 90.2, 90.1, 90.0])
    text = "Reduce cycle time by 30 seconds within 12 months"
    verdict = check_smart(text, data={"cycle_time": history}, today=TODAY)["Achievable"]
    assert "2.5 seconds a month" in verdict.feedback


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "Reduce quality complaints from 5 to 3 per 1,000 orders by Q2 2027",
            "to 3 per 1,000 orders",
        ),
        (
            "Reduce complaints per 1,000 orders from 4.2 to 3 within 9 months",
            "to 3 per 1,000 orders",
        ),
        ("Keep billing errors below 2 per 100 invoices through 2027", "to 2 per 100 invoices"),
        ("Cut the cost per return to £6 per order by June 2027", "to £6 per order"),
    ],
)
def test_rates_per_n_are_kept_and_shown(text, shown):
    verdict = check_smart(text, today=TODAY)["Measurable"]
    assert verdict.status == "pass", verdict.feedback
    assert shown in verdict.feedback
    assert "units" not in verdict.feedback


def test_a_count_per_100_on_a_percentage_measure_is_converted_and_said():
    verdict = check_smart("Keep billing errors below 2 per 100 invoices through 2027", today=TODAY)
    assert "= 2%" in verdict["Measurable"].feedback
    # 150 per 100 is 150%: impossible for a rate
    verdict = check_smart("Reduce billing errors to 150 per 100 invoices by 2027", today=TODAY)
    assert verdict["Achievable"].status == "fail"


def test_builder_fields_moving_the_wrong_way_fail_specific():
    # what the SMART builder sends for "decrease defect rate from 3.31% to 9%"
    fields = {
        "measure_id": "defect_rate",
        "direction": "decrease",
        "baseline": 3.31,
        "target": 9.0,
        "change_kind": "absolute",
        "unit": "%",
        "deadline": "2027-06-30",
        "perspective": "internal_processes",
        "linked_objective": "Serve meals right first time",
    }
    report = check_smart(fields, today=TODAY)
    specific = report["Specific"]
    assert specific.status == "fail"
    assert "rise of 5.69 percentage points, not a fall" in specific.feedback
    assert "from 9% to 3.31%" in specific.suggestion  # swapped numbers?
    assert "below 3.31%" in specific.suggestion
    assert report["Achievable"].status == "warn"
    assert "contradict" in report["Achievable"].feedback
    # a relative change below zero, as a field
    report = check_smart({**fields, "change_kind": "relative", "target": -5}, today=TODAY)
    assert report["Specific"].status == "fail"


def test_builder_widget_flags_the_wrong_way(tmp_path):
    from bsckit.widgets import SmartObjectiveBuilder

    builder = SmartObjectiveBuilder(scorecard_path=tmp_path / "card.yaml", today=TODAY,
                                    use_data=False)  # fmt: skip
    builder.perspective.value = "internal_processes"
    builder.measure.value = "defect_rate"
    builder.direction.value = "decrease"
    builder.baseline.value, builder.target.value = "3.31", "9"
    builder.deadline.value = date(2027, 6, 30)
    assert builder.report["Specific"].status == "fail"
    assert "not a fall" in builder.checklist.value


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Increase the defect rate from 2% to 3% by June 2027", "for it lower is better"),
        ("Raise DSO from 40 to 45 days by June 2027", "for it lower is better"),
        ("Reduce on-time delivery to 80% by June 2027", "for it higher is better"),
    ],
)
def test_a_target_against_the_measures_better_direction_warns(text, words):
    verdict = check_smart(text, today=TODAY)["Specific"]
    assert verdict.status == "warn"
    assert words in verdict.feedback
    assert "worse result" in verdict.feedback


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Réduire le taux de défauts de 10 % d'ici fin 2027.", "French"),
        ("Augmenter le taux de livraison à l'heure à 95 % d'ici juin 2027.", "French"),
        ("Die Fehlerquote bis Ende 2027 um 10 % senken.", "German"),
        ("Die Lieferzeit innerhalb von 6 Monaten auf 30 Minuten senken.", "German"),
        ("Reducir la tasa de defectos al 2 % antes de junio de 2027.", "Spanish"),
    ],
)
def test_text_that_is_not_english_gets_no_made_up_verdicts(text, language):
    report = check_smart(text, today=TODAY)
    assert set(report.statuses.values()) == {"warn"}
    assert f"looks like {language}" in report["Specific"].feedback
    assert all("only English is read" in v.feedback for v in report.verdicts)
    assert report.objective.measure_id is None and report.objective.target is None


def test_english_with_accented_names_is_still_read():
    report = check_smart(
        "Raise CSAT to 85% by Q3 2027 (owner: Chloé Dubois, Head of Service)", today=TODAY
    )
    assert report.passed, report.to_text()


@pytest.mark.parametrize(
    "text",
    [
        "reduce defect rate 3 -> 2 % Q1/2027",
        "reduce defect rate 3→2% Q1 2027",
        "reduce defect rate 3 => 2% by 2027-Q1",
        "reduce defect rate 3 -> 2 % by end of March 2027",
        "reduce defect rate from 3% to 2% by 03/2027",
    ],
)
def test_compact_deadlines_and_arrows(text):
    report = check_smart(text, today=TODAY)
    assert report["Time-bound"].status == "pass"
    assert "2027-03-31" in report["Time-bound"].feedback
    assert (report.objective.baseline, report.objective.target) == (3.0, 2.0)


def test_a_ramble_of_four_objectives_is_named_as_such():
    text = (
        "So this year we want to cut delivery time to 30 minutes and also get NPS up to 45,"
        " plus churn should come down to 4% and we need to grow revenue by 10%, all by the end"
        " of 2027."
    )
    verdict = check_smart(text, today=TODAY)["Specific"]
    assert verdict.status == "fail"
    assert "holds 4 objectives" in verdict.feedback
    for part in ("cut delivery time to 30 minutes", "get NPS up to 45",
                 "churn should come down to 4%", "grow revenue by 10%"):  # fmt: skip
        assert part in verdict.feedback
    assert "one objective per measure" in verdict.suggestion


def test_two_objectives_joined_by_a_comma_and_and():
    text = "Raise CSAT to 85%, reduce DSO to 40 days and cut staff turnover to 20% by 2027"
    assert "holds 3 objectives" in check_smart(text, today=TODAY)["Specific"].feedback


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("Reduce costs by 10% by 2027", ("operating costs", "production cost", "cost per unit")),
        ("Reduce costs", ("operating costs", "cost of goods sold (COGS)")),
        ("Cut cost by £50k within a year", ("operating costs", "production cost")),
        ("Improve margins by 2 percentage points by 2027", ("operating margin", "profit margin")),
    ],
)
def test_an_ambiguous_measure_does_not_pass_specific(text, candidates):
    report = check_smart(text, today=TODAY)
    verdict = report["Specific"]
    assert verdict.status == "fail"
    for name in candidates:
        assert name in verdict.feedback
    assert report.objective.measure_id is None
    assert report["Relevant"].status == "warn"


@pytest.mark.parametrize(
    ("text", "target", "kind"),
    [
        ("Train 40 support agents on the new ticketing system by March 2027", 40, "absolute"),
        ("Certify 25 cooks in food hygiene by the end of June 2027", 25, "absolute"),
        ("Get 12 new drivers trained by Q2 2027", 12, "absolute"),
        ("Cut the cost per meal by a quarter by the end of 2027", 25, "relative"),
        ("Reduce response time by half by Q3 2027", 50, "relative"),
        ("Reduce DSO by a third within 18 months", 33.33, "relative"),
    ],
)
def test_counts_trained_and_fractions_are_measurable(text, target, kind):
    report = check_smart(text, today=TODAY)
    assert report["Measurable"].status == "pass", report["Measurable"].feedback
    assert report.objective.target == pytest.approx(target, abs=0.01)
    assert report.objective.change_kind == kind


def test_a_fraction_on_a_measure_outside_the_catalogue_is_still_a_number():
    # Packaging is not a catalogue measure (food waste per meal became one with module 4).
    report = check_smart("Cut packaging use per meal by a quarter by the end of 2027", today=TODAY)
    measurable = report["Measurable"]
    assert measurable.status == "warn"  # a number, but packaging use is not in the catalogue
    assert "no target number" not in measurable.feedback.lower()
    assert "(by 25%)" in measurable.feedback
    assert report.objective.target == 25


def test_flat_history_does_not_rule_out_a_level_it_has_reached():
    # A flat, noisy cost history (no clear trend; the interval's best pace is near zero): a
    # 10 % cut to a level the history already touched is "something new is needed" (warn), not
    # "not credible" (fail). Series by hand: 3.0, 2.7, 3.1, 2.8, 3.0, 2.7, 3.1, 2.8, 3.0, 3.1;
    # baseline 3.1, target 2.79, the window's best month 2.7.
    flat = pd.Series([3.0, 2.7, 3.1, 2.8, 3.0, 2.7, 3.1, 2.8, 3.0, 3.1])
    text = "Reduce cost per meal from 3.10 GBP to 2.79 GBP within 6 months"
    verdict = check_smart(text, data=flat, today=TODAY)["Achievable"]
    assert verdict.status == "warn", verdict.feedback
    assert "no clear trend" in verdict.feedback


def test_small_change_to_a_level_already_reached_passes():
    # 80, 84, 80, 84 ... (typical move 4): 84 -> 85 needs 1 in all, and 85 was reached once.
    history = pd.Series([80.0, 84, 80, 85, 80, 84, 80, 84])
    text = "Raise on-time delivery from 84% to 85% within 3 months"
    verdict = check_smart(text, data=history, today=TODAY)["Achievable"]
    assert verdict.status == "pass", verdict.feedback
    assert "hold the level of the better months" in verdict.feedback
