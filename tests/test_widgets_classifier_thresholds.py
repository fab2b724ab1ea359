"""The leading/lagging quiz and the RAG threshold editor, driven from Python."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from bsckit.scorecard import Measure, rag_status
from bsckit.widgets import DEFAULT_QUIZ_ITEMS, LeadingLaggingQuiz, QuizItem, ThresholdEditor

# The classification the course material gives (curriculum.md, module 3 deep-dive), typed in
# by hand from its "Leading:" and "Lagging:" lists.
CURRICULUM_LEADING = {
    "Market research studies conducted",
    "Prototypes developed",
    "Production cycle time",
    "Process improvements implemented",
    "Response time to service requests",
    "Time to invoice",
}
CURRICULUM_LAGGING = {
    "Share of sales from new products",
    "Time to market",
    "Cost per unit",
    "Quality complaints",
    "Days sales outstanding (DSO)",
    "Satisfaction with billing accuracy",
}

# -- leading / lagging quiz ---------------------------------------------------------------------


def test_default_items_follow_the_curriculum():
    assert len(DEFAULT_QUIZ_ITEMS) == 12
    for item in DEFAULT_QUIZ_ITEMS:
        expected = "leading" if item.measure in CURRICULUM_LEADING else "lagging"
        assert item.measure in CURRICULUM_LEADING | CURRICULUM_LAGGING
        assert item.answer == expected, item.measure
        assert item.process in {"Innovation", "Operations", "Post-sale service"}
        assert item.why


def test_score_and_feedback_per_item():
    quiz = LeadingLaggingQuiz()
    assert (quiz.score, quiz.answered) == (0, 0)
    # answer every item "leading": right exactly for the 6 leading items (hand count)
    for toggle in quiz.answers:
        toggle.value = "leading"
    assert (quiz.score, quiz.answered) == (6, 12)
    assert "Score: 6 of 12 correct" in quiz.score_label.value
    first, second = quiz.feedback[0].value, quiz.feedback[1].value
    assert "Correct: leading" in first and 'data-correct="true"' in first
    assert "Not quite" in second and "lagging measure" in second
    quiz.answers[1].value = "lagging"
    assert quiz.score == 7
    assert "Correct: lagging" in quiz.feedback[1].value


def test_reset_clears_answers_and_feedback():
    quiz = LeadingLaggingQuiz()
    quiz.answers[0].value = "lagging"
    quiz.reset_button.click()
    assert quiz.answered == 0 and quiz.score == 0
    assert all(note.value == "" for note in quiz.feedback)


def test_quiz_summary_is_static_text_and_html():
    quiz = LeadingLaggingQuiz(
        [QuizItem("Prototypes", "leading", "Innovation"), QuizItem("DSO", "lagging", "Billing")]
    )
    quiz.answers[0].value = "lagging"
    text = quiz.summary_text()
    assert text.splitlines() == [
        "Leading or lagging: 0 of 2 correct (1 of 2 answered).",
        "- Prototypes: lagging (answer: leading)",
        "- DSO: not answered",
    ]
    html = quiz.summary_bundle()["text/html"]
    assert "<table>" in html and "Not quite (leading)" in html


@pytest.mark.parametrize(
    ("items", "error", "names"),
    [
        ([], ValueError, "`items`"),
        ("leading", TypeError, "`items`"),
        ([("OEE", "lagging")], TypeError, "`items[0]`"),
    ],
)
def test_quiz_bad_items_name_the_parameter(items, error, names):
    with pytest.raises(error, match=re.escape(names)):
        LeadingLaggingQuiz(items)


def test_quiz_item_bad_input_names_the_field():
    with pytest.raises(ValueError, match="`answer` must be one of 'leading', 'lagging'"):
        QuizItem("OEE", "result")
    with pytest.raises(ValueError, match="`measure`"):
        QuizItem("  ", "leading")
    with pytest.raises(TypeError, match="`why`"):
        QuizItem("OEE", "lagging", "Operations", why=3)


# -- RAG threshold editor -------------------------------------------------------------------------

ON_TIME = pd.Series(
    [91.0, 94.0, 96.0, 89.0, 95.0, 90.0],
    index=["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"],
)


def test_counts_follow_the_sliders():
    editor = ThresholdEditor(ON_TIME, direction="higher_is_better", green=95, amber=90, unit="%")
    # green >= 95: 96, 95; amber >= 90: 91, 94, 90; red: 89 (hand count)
    assert editor.counts == {"green": 2, "amber": 3, "red": 1}
    assert editor.statuses["2026-04"] == "red"
    editor.amber_slider.value = 92
    assert editor.counts == {"green": 2, "amber": 1, "red": 3}  # 91 and 90 drop to red
    editor.green_slider.value = 96.5
    assert editor.counts == {"green": 0, "amber": 3, "red": 3}
    assert "green: <b>0</b>" in editor.status_table.value


def test_statuses_are_the_scorecard_models():
    editor = ThresholdEditor(ON_TIME, green=94, amber=91)
    measure = Measure(name="x", green=94, amber=91)
    assert editor.statuses.tolist() == [rag_status(measure, v) for v in ON_TIME]


def test_lower_is_better():
    cost = [5.6, 5.9, 5.2, 5.4]
    editor = ThresholdEditor(cost, direction="lower_is_better", green=5.4, amber=5.8)
    # green <= 5.4: 5.2, 5.4; amber <= 5.8: 5.6; red: 5.9
    assert editor.counts == {"green": 2, "amber": 1, "red": 1}
    assert list(editor.statuses.index) == ["1", "2", "3", "4"]


def test_invalid_thresholds_show_the_models_message_and_keep_statuses():
    editor = ThresholdEditor(ON_TIME, green=95, amber=90)
    before = editor.counts
    editor.green_slider.value = 89.5  # below amber for a higher-is-better measure
    assert (
        editor.error is not None and "`green` (89.5) must be at least `amber` (90)" in editor.error
    )
    assert "Thresholds not applied" in editor.message.value
    assert editor.counts == before
    editor.amber_slider.value = 89
    assert editor.error is None and editor.message.value == ""


def test_default_thresholds_are_the_terciles():
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    editor = ThresholdEditor(values)
    # numpy linear quantiles of 1..7: 1/3 -> 3.0, 2/3 -> 5.0
    assert editor.green == pytest.approx(5.0) and editor.amber == pytest.approx(3.0)
    assert editor.counts == {"green": 3, "amber": 2, "red": 2}


def test_threshold_summary():
    editor = ThresholdEditor(ON_TIME, green=95, amber=90, name="On-time delivery", unit="%")
    assert editor.summary_text() == (
        "RAG thresholds for On-time delivery (higher_is_better): green 95, amber 90 %."
        " Over 6 periods: green 2, amber 3, red 1."
    )
    assert "2026-04" in editor.summary_html() and "bsckit-summary" in editor.summary_html()


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "names"),
    [
        (([1.0, float("nan")],), {}, ValueError, "`measure_values`"),
        (([],), {}, ValueError, "`measure_values`"),
        ((["a", "b"],), {}, TypeError, "`measure_values`"),
        (([1.0, 2.0],), {"direction": "up"}, ValueError, "`direction`"),
        (([1.0, 2.0],), {"green": "high"}, TypeError, "`green`"),
        (([1.0, 2.0],), {"amber": float("inf")}, ValueError, "`amber`"),
    ],
)
def test_threshold_editor_bad_input_names_the_parameter(args, kwargs, error, names):
    with pytest.raises(error, match=re.escape(names)):
        ThresholdEditor(*args, **kwargs)


def test_slider_ends_lie_on_the_step_grid():
    """ipywidgets snaps a slider to min + k * step: with min on the grid, typed values stay round."""
    editor = ThresholdEditor([0.8734, 1.9, 2.4, 3.1234], name="defect rate (%)")
    for slider in (editor.green_slider, editor.amber_slider):
        assert slider.step == 0.01
        assert abs(slider.min / slider.step - round(slider.min / slider.step)) < 1e-9
        assert abs(slider.max / slider.step - round(slider.max / slider.step)) < 1e-9
