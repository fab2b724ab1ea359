"""Module 7 in real JupyterLab: the lesson renders its charts, the exercise notebook runs
untouched, and the data-source sheet filled in the browser is saved and checked.

Opens the executed lesson ``notebooks/07_technology.ipynb`` (its charts must render offline),
then the learner's copy ``exercises/07_technology.ipynb``: Run All must reach the end with every
check "not attempted yet"; then, as a learner would, it fills the data-source sheet with the
Homeats example, saves it, re-runs the check cell and reads "correct!", and reads the sheet back
from the server's temporary workspace.
"""

from __future__ import annotations

import time

import pytest
import yaml
from test_jupyterlab_builder import TIMEOUT_MS, open_and_run_all

pytestmark = pytest.mark.browser

LESSON = "notebooks/07_technology.ipynb"
NOTEBOOK = "exercises/07_technology.ipynb"


def test_module7_lesson_renders_its_charts(browser, lab_server, screenshots):
    started = time.monotonic()
    timings: dict[str, float] = {}
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.set_default_timeout(TIMEOUT_MS)
    try:
        open_and_run_all(page, lab_server, LESSON, timings, started)
        page.get_by_role("button", name="Fill with the Homeats example").first.wait_for(
            timeout=240_000
        )
        charts = page.locator(".vega-embed")
        limit = time.monotonic() + 60
        while charts.count() < 6 and time.monotonic() < limit:
            page.mouse.wheel(0, 2000)
            page.wait_for_timeout(500)
        assert charts.count() >= 6, charts.count()
        page.screenshot(path=str(screenshots / "module7_lesson.png"))
    except BaseException:
        page.screenshot(path=str(screenshots / "module7_lesson_failure.png"), full_page=True)
        raise
    finally:
        page.close()


def test_module7_data_sources_are_saved_and_checked(browser, lab_server, screenshots):
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

        fill = page.get_by_role("button", name="Fill with the Homeats example").first
        fill.scroll_into_view_if_needed()
        fill.click()
        page.get_by_role("button", name="Save").first.click()
        saved = lab_server.workspace / "toolkit" / "data_source_mapping.yaml"
        limit = time.monotonic() + 30
        while not saved.is_file() and time.monotonic() < limit:
            page.wait_for_timeout(250)
        assert saved.is_file()
        page.screenshot(path=str(screenshots / "module7_sources_saved.png"))

        cell = page.locator(".jp-CodeCell", has_text='ex.check("7.10", sources)').last
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")
        cell.locator(".jp-OutputArea").get_by_text("correct!").wait_for()

        rows = yaml.safe_load(saved.read_text(encoding="utf-8"))["rows"]
        assert len(rows) >= 3 and all(r.get("steward") for r in rows), rows
    except BaseException:
        page.screenshot(path=str(screenshots / "module7_exercise_failure.png"), full_page=True)
        print("JupyterLab log tail:\n", lab_server.log.read_text(errors="replace")[-2000:])
        raise
    finally:
        page.close()
    assert not [e for e in errors if "bsckit" in e.lower()], errors
