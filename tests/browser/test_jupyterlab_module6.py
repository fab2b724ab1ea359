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

import time

import pytest
from test_jupyterlab_builder import TIMEOUT_MS, open_and_run_all
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
    started = time.monotonic()
    timings: dict[str, float] = {}
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.set_default_timeout(TIMEOUT_MS)
    try:
        open_and_run_all(page, lab_server, LESSON, timings, started)
        page.locator(".bsckit-thresholds").first.wait_for(timeout=240_000)
        charts = page.locator(".vega-embed")
        limit = time.monotonic() + 60
        while charts.count() < 6 and time.monotonic() < limit:
            page.mouse.wheel(0, 2000)
            page.wait_for_timeout(500)
        assert charts.count() >= 6, charts.count()
        page.screenshot(path=str(screenshots / "module6_lesson.png"))
    except BaseException:
        page.screenshot(path=str(screenshots / "module6_lesson_failure.png"), full_page=True)
        raise
    finally:
        page.close()


def test_module6_review_rules_are_saved_and_checked(browser, lab_server, screenshots):
    started = time.monotonic()
    timings: dict[str, float] = {}
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        open_and_run_all(page, lab_server, NOTEBOOK, timings, started)
        summary = page.locator(".jp-CodeCell", has_text="checks_summary()").last
        summary.locator(".jp-OutputArea-output", has_text="not_attempted").wait_for(timeout=240_000)
        text = summary.inner_text()
        assert "passed" not in text and "failed" not in text, text

        editor = page.locator(".bsckit-thresholds").last
        editor.scroll_into_view_if_needed()
        sliders = editor.locator(".widget-slider")
        amber = float(sliders.nth(1).locator(".widget-readout").inner_text())
        _type_into_slider(page, sliders.nth(1), amber + 0.05)  # amber first: green stays below
        _type_into_slider(page, sliders.nth(0), amber - 0.3)
        editor.screenshot(path=str(screenshots / "module6_thresholds_set.png"))

        cell = page.locator(".jp-CodeCell", has_text='ex.check("6.11", saved)').last
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(SAVE)
        page.keyboard.press("Shift+Enter")
        cell.locator(".jp-OutputArea").get_by_text("correct!").wait_for()

        card = load_scorecard(lab_server.workspace / "my_scorecard.yaml")
        (measure,) = [m for o in card.objectives for m in o.measures if m.name == "Defect rate"]
        assert measure.amber == pytest.approx(amber + 0.05, abs=0.011)
        assert measure.green == pytest.approx(amber - 0.3, abs=0.011)
        assert (measure.owner, measure.data_steward) == ("Head of Operations", "Quality manager")
    except BaseException:
        page.screenshot(path=str(screenshots / "module6_exercise_failure.png"), full_page=True)
        print("JupyterLab log tail:\n", lab_server.log.read_text(errors="replace")[-2000:])
        raise
    finally:
        page.close()
    assert not [e for e in errors if "bsckit" in e.lower()], errors
