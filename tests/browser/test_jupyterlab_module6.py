"""Module 6 in real JupyterLab: the lesson renders, the exercise notebook runs untouched, and the
review rules set in the threshold editor are saved to the learner's scorecard and checked.

Opens the executed lesson ``notebooks/06_governance.ipynb`` (its charts must render offline and
its threshold editor must appear once the notebook is run), then the learner's copy
``exercises/06_governance.ipynb``: Run All must reach the end with every check "not attempted
yet"; then, as a learner would, it moves the editor's two sliders, types the call that saves the
review rules into exercise 6.11's cell, reads "correct!", and reads the measure back from
``my_scorecard.yaml`` in the server's temporary workspace.
"""

from __future__ import annotations

import pytest
from module_flows import exercise_page, lesson_renders, run_check
from test_jupyterlab_exercises import _type_into_slider

from bsckit.scorecard import load_scorecard

pytestmark = pytest.mark.browser

LESSON = "notebooks/06_governance.ipynb"
NOTEBOOK = "exercises/06_governance.ipynb"
SAVE = """saved = save_review_rules(
    editor,
    objective="Serve meals right first time",
    perspective="internal_processes",
    owner="Head of Operations",
    steward="Quality manager",
    source="production system",
    frequency="weekly",
)
ex.check("6.11", saved)"""


def test_module6_lesson_renders_its_charts_and_editor(browser, lab_server, screenshots):
    lesson_renders(
        browser, lab_server, screenshots, LESSON, "module6", 6, ready=".bsckit-thresholds"
    )


def test_module6_review_rules_are_saved_and_checked(browser, lab_server, screenshots):
    with exercise_page(browser, lab_server, screenshots, NOTEBOOK, "module6") as page:
        editor = page.locator(".bsckit-thresholds").last
        editor.scroll_into_view_if_needed()
        sliders = editor.locator(".widget-slider")
        amber = float(sliders.nth(1).locator(".widget-readout").inner_text())
        _type_into_slider(page, sliders.nth(1), amber + 0.05)  # amber first: green stays below
        _type_into_slider(page, sliders.nth(0), amber - 0.3)
        editor.screenshot(path=str(screenshots / "module6_thresholds_set.png"))

        run_check(page, 'ex.check("6.11", saved)', SAVE)

        card = load_scorecard(lab_server.workspace / "my_scorecard.yaml")
        (measure,) = [m for o in card.objectives for m in o.measures if m.name == "Defect rate"]
        assert measure.amber == pytest.approx(amber + 0.05, abs=0.011)
        assert measure.green == pytest.approx(amber - 0.3, abs=0.011)
        assert (measure.owner, measure.data_steward) == ("Head of Operations", "Quality manager")
