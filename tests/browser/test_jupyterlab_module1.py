"""Module 1 in real JupyterLab: the exercise notebook's widgets, the scorecard file, the lesson.

Opens the learner's copy ``exercises/01_alignment.ipynb`` (copied into the server's temporary
root beside a link to the kit's datasets) and runs all cells: the untouched notebook must reach
the end with every check "not attempted yet". Then, as a learner would, it answers the
leading/lagging quiz and re-runs its check; writes four objectives (one per perspective, each
with an owner) in the SMART builder and saves them; types three ``add_link`` lines into the
exercise 1.9 cell (between the objectives the builder named) and runs it to read "correct!"; and reads the objectives and links back from
``my_scorecard.yaml`` in the server's temporary workspace. Last, it runs the lesson
``notebooks/01_alignment.ipynb`` and moves the threshold editor's amber slider, which must
change the status counts. Screenshots go to ``build/screenshots/``.
"""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from itertools import pairwise

import pytest
from test_jupyterlab_builder import TIMEOUT_MS, open_and_run_all

from bsckit.answers.module1 import quiz_items
from bsckit.scorecard import load_scorecard

pytestmark = pytest.mark.browser

EXERCISE = "exercises/01_alignment.ipynb"
LESSON = "notebooks/01_alignment.ipynb"

OBJECTIVES = (
    # perspective label, measure label, direction, change, target, owner
    (
        "Learning and growth",
        "training hours per employee (hours)",
        "Increase",
        "by % of the baseline",
        "10",
        "Head of HR",
    ),
    (
        "Internal processes",
        "defect rate (%)",
        "Decrease",
        "by % of the baseline",
        "15",
        "Head of Operations",
    ),
    (
        "Customer",
        "Net Promoter Score (NPS) (points)",
        "Increase",
        "by an amount",
        "5",
        "Chief Customer Officer",
    ),
    (
        "Financial",
        "revenue (GBP)",
        "Increase",
        "by % of the baseline",
        "8",
        "Chief Financial Officer",
    ),
)


def _run_cell(page, text: str) -> object:
    """Run the code cell whose source contains ``text``; return its output area."""
    cell = page.locator(".jp-CodeCell", has_text=text).last
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    return cell.locator(".jp-OutputArea")


def _save_objective(page, builder, row, deadline, count) -> None:
    perspective, measure, direction, change, target, owner = row
    baseline = builder.locator(".bsckit-baseline input")
    previous = baseline.input_value()
    builder.locator(".bsckit-perspective select").select_option(label=perspective)
    builder.locator(".bsckit-measure select").select_option(label=measure)
    # The baseline is filled in from the data by the kernel: wait for this measure's value.
    page.wait_for_function(
        "([el, old]) => el.value.trim() !== '' && el.value !== old",
        arg=[baseline.element_handle(), previous],
    )
    page.wait_for_timeout(300)
    builder.locator(".bsckit-direction select").select_option(label=direction)
    builder.locator(".bsckit-change select").select_option(label=change)
    builder.locator(".bsckit-target input").fill(target)
    builder.locator(".bsckit-deadline input").fill(deadline.isoformat())
    builder.locator(".bsckit-owner input").fill(owner)
    # The builder names the objective after its measure ("Increase training hours ..."); the
    # links below read the names back from the file.
    status = builder.locator(".bsckit-status")
    page.wait_for_timeout(500)
    builder.locator("button.bsckit-save").click()
    status.get_by_text(f"({count} saved in this session)").wait_for()


def test_module1_exercises_and_lesson_in_jupyterlab(browser, lab_server, screenshots):
    started = time.monotonic()
    timings: dict[str, float] = {}
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        open_and_run_all(page, lab_server, EXERCISE, timings, started)
        summary = page.locator(".jp-CodeCell", has_text="checks_summary()").last
        summary.locator(".jp-OutputArea-output", has_text="not_attempted").wait_for(timeout=180_000)
        timings["run_all_s"] = time.monotonic() - started
        text = summary.inner_text()
        assert "passed" not in text and "failed" not in text, text

        # 1.3 the quiz, answered as the course classifies each measure.
        quiz = page.locator(".bsckit-quiz")
        quiz.scroll_into_view_if_needed()
        rows = quiz.locator(".widget-toggle-buttons")
        items = quiz_items()
        for index, item in enumerate(items):
            rows.nth(index).get_by_role("button", name=item.answer.capitalize()).click()
        quiz.get_by_text(f"Score: {len(items)} of {len(items)}").wait_for()
        _run_cell(page, 'ex.check("1.3", quiz)').get_by_text("correct!").wait_for()

        # 1.9 four objectives in the builder, then three links typed into the cell.
        builder = page.locator(".bsckit-builder")
        builder.scroll_into_view_if_needed()
        deadline = date.today() + timedelta(days=365)
        for count, row in enumerate(OBJECTIVES, start=1):
            _save_objective(page, builder, row, deadline, count)
        path = lab_server.workspace / "my_scorecard.yaml"
        name = {o.perspective.value: o.name for o in load_scorecard(path).objectives}
        order = ["learning_growth", "internal_processes", "customer", "financial"]
        links = [(name[a], name[b]) for a, b in pairwise(order)]
        page.screenshot(path=str(screenshots / "module1_builder_saved.png"))
        cell = page.locator(".jp-CodeCell", has_text='ex.check("1.9", path)').last
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Control+A")
        code = "path = scorecard_path()\n" + "".join(
            f'add_link(path, "{cause}", "{effect}")\n' for cause, effect in links
        )
        page.keyboard.insert_text(code + 'ex.check("1.9", path)')
        page.keyboard.press("Shift+Enter")
        cell.locator(".jp-OutputArea").get_by_text("correct!").wait_for()
        timings["scorecard_saved_s"] = time.monotonic() - started

        card = load_scorecard(path)
        assert {o.perspective.value for o in card.objectives} == {
            "learning_growth",
            "internal_processes",
            "customer",
            "financial",
        }
        assert all(o.owners for o in card.objectives)
        assert [(link.cause, link.effect) for link in card.links] == links
        _run_cell(page, "checks_summary()")
        summary.get_by_text(re.compile(r"'1\.9 your first scorecard': 'passed'")).wait_for()

        # The lesson runs in JupyterLab, and the threshold editor reacts to its slider.
        open_and_run_all(page, lab_server, LESSON, timings, started)
        editor = page.locator(".bsckit-thresholds").last
        editor.wait_for(timeout=180_000)
        editor.scroll_into_view_if_needed()
        before = editor.locator(".widget-html").last.inner_text()
        amber = editor.locator(".widget-slider").nth(1)
        green = editor.locator(".widget-slider").nth(0)
        green_value = float(green.locator(".widget-readout").inner_text())
        readout = amber.locator(".widget-readout")
        readout.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(f"{green_value + 0.01:.2f}")
        page.keyboard.press("Enter")
        limit = time.monotonic() + 20
        while editor.locator(".widget-html").last.inner_text() == before:
            assert time.monotonic() < limit, before
            page.wait_for_timeout(250)
        editor.screenshot(path=str(screenshots / "module1_thresholds.png"))
    except BaseException:
        page.screenshot(path=str(screenshots / "module1_failure.png"), full_page=True)
        print("JupyterLab log tail:\n", lab_server.log.read_text(errors="replace")[-2000:])
        raise
    finally:
        page.close()
    print("module 1 timings (s):", {k: round(v, 1) for k, v in timings.items()})
    assert not [e for e in errors if "bsckit" in e.lower()], errors
