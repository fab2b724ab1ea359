"""Module 4 in real JupyterLab: the lesson renders, the exercise notebook runs untouched, and a
financial objective written in the SMART builder is saved and checked.

Opens the executed lesson ``notebooks/04_financial.ipynb`` (its charts must render offline, and
its threshold editor and builder must appear once the notebook is run), then the learner's copy
``exercises/04_financial.ipynb``: Run All must reach the end with every check "not attempted
yet"; then, as a learner would, it fills the builder with a financial objective (operating
margin), saves it, re-runs the check cell and reads "correct!", and reads the objective back
from ``my_scorecard.yaml`` in the server's temporary workspace.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from test_jupyterlab_builder import TIMEOUT_MS, open_and_run_all

from bsckit.scorecard import load_scorecard

pytestmark = pytest.mark.browser

LESSON = "notebooks/04_financial.ipynb"
NOTEBOOK = "exercises/04_financial.ipynb"


def test_module4_lesson_renders_its_charts_and_builder(browser, lab_server, screenshots):
    started = time.monotonic()
    timings: dict[str, float] = {}
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.set_default_timeout(TIMEOUT_MS)
    try:
        open_and_run_all(page, lab_server, LESSON, timings, started)
        builder = page.locator(".bsckit-builder")
        builder.first.wait_for(timeout=240_000)
        assert page.locator(".bsckit-thresholds").count() >= 1
        charts = page.locator(".vega-embed")
        limit = time.monotonic() + 60
        while charts.count() < 6 and time.monotonic() < limit:
            page.mouse.wheel(0, 2000)
            page.wait_for_timeout(500)
        assert charts.count() >= 6, charts.count()
        page.screenshot(path=str(screenshots / "module4_lesson.png"))
    except BaseException:
        page.screenshot(path=str(screenshots / "module4_lesson_failure.png"), full_page=True)
        raise
    finally:
        page.close()


def test_module4_exercise_objective_is_saved_and_checked(browser, lab_server, screenshots):
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

        builder = page.locator(".bsckit-builder").first
        builder.scroll_into_view_if_needed()
        builder.locator(".bsckit-perspective select").select_option(label="Financial")
        builder.locator(".bsckit-measure select").select_option(label="operating margin (%)")
        baseline = builder.locator(".bsckit-baseline input")
        page.wait_for_function("el => el.value.trim() !== ''", arg=baseline.element_handle())
        builder.locator(".bsckit-direction select").select_option(label="Increase")
        builder.locator(".bsckit-change select").select_option(label="by % of the baseline")
        builder.locator(".bsckit-target input").fill("5")
        deadline = date.today() + timedelta(days=365)
        builder.locator(".bsckit-deadline input").fill(deadline.isoformat())
        builder.locator(".bsckit-owner input").fill("Chief Financial Officer")
        builder.locator(".bsckit-linked input").fill("Grow profitably")
        builder.locator(".bsckit-linked input").press("Tab")
        failing = builder.locator(".bsckit-checklist").locator('[data-verdict="fail"]')
        limit = time.monotonic() + 30
        while failing.count() and time.monotonic() < limit:
            page.wait_for_timeout(250)
        assert failing.count() == 0, builder.locator(".bsckit-checklist").inner_text()
        builder.locator("button.bsckit-save").click()
        builder.locator(".bsckit-status").get_by_text("Saved to").wait_for()
        page.screenshot(path=str(screenshots / "module4_objective_saved.png"))

        cell = page.locator(".jp-CodeCell", has_text='ex.check("4.9", financial_builder)').last
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")
        cell.locator(".jp-OutputArea").get_by_text("correct!").wait_for()

        card = load_scorecard(lab_server.workspace / "my_scorecard.yaml")
        mine = [o for o in card.objectives if o.perspective.value == "financial"]
        assert mine, [o.name for o in card.objectives]
        assert mine[-1].deadline == deadline
    except BaseException:
        page.screenshot(path=str(screenshots / "module4_exercise_failure.png"), full_page=True)
        print("JupyterLab log tail:\n", lab_server.log.read_text(errors="replace")[-2000:])
        raise
    finally:
        page.close()
    assert not [e for e in errors if "bsckit" in e.lower()], errors
