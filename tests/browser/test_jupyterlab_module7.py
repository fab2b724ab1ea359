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
from module_flows import exercise_page, lesson_renders, run_check

pytestmark = pytest.mark.browser

LESSON = "notebooks/07_technology.ipynb"
NOTEBOOK = "exercises/07_technology.ipynb"
FILL = 'role=button[name="Fill with the Homeats example"]'


def test_module7_lesson_renders_its_charts(browser, lab_server, screenshots):
    lesson_renders(browser, lab_server, screenshots, LESSON, "module7", 6, ready=FILL)


def test_module7_data_sources_are_saved_and_checked(browser, lab_server, screenshots):
    with exercise_page(browser, lab_server, screenshots, NOTEBOOK, "module7") as page:
        fill = page.locator(FILL).first
        fill.scroll_into_view_if_needed()
        fill.click()
        page.get_by_role("button", name="Save").first.click()
        saved = lab_server.workspace / "toolkit" / "data_source_mapping.yaml"
        limit = time.monotonic() + 30
        while not saved.is_file() and time.monotonic() < limit:
            page.wait_for_timeout(250)
        assert saved.is_file()
        page.screenshot(path=str(screenshots / "module7_sources_saved.png"))

        run_check(page, 'ex.check("7.10", sources)')

        rows = yaml.safe_load(saved.read_text(encoding="utf-8"))["rows"]
        assert len(rows) >= 3 and all(r.get("steward") for r in rows), rows
