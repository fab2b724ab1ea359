"""The real-browser flows the modules' JupyterLab tests share (modules 2 and 4-7 use them).

``lesson_renders``: open the executed lesson, Run All, wait for its widget (the SMART builder
unless told) and at least ``min_charts`` offline charts. ``exercise_page``: open the learner's
exercise notebook, Run All, see every check "not attempted yet", hand the page to the test, and
on failure keep a screenshot and the server log. ``run_check``: run an exercise's check cell
(optionally with the code a learner types) until it says "correct!".
``objective_saved_and_checked``: fill the builder as a learner would, Save, run the check, and
read the objective back from the server's temporary workspace. Screenshots go to
``build/screenshots/<prefix>_*.png``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from test_jupyterlab_builder import TIMEOUT_MS, open_and_run_all

from bsckit.scorecard import load_scorecard


@dataclass(frozen=True)
class Objective:
    """What the learner types into the builder (labels as the builder's fields show them)."""

    perspective: str  # the value in the scorecard file, e.g. "customer"
    perspective_label: str  # e.g. "Customer"
    measure_label: str  # e.g. "first-contact resolution rate (%)"
    change_label: str  # "by % of the baseline" or "to a level"
    target: str
    owner: str
    serves: str
    direction_label: str = "Increase"


def lesson_renders(
    browser,
    lab_server,
    screenshots,
    lesson: str,
    prefix: str,
    min_charts: int,
    ready: str = ".bsckit-builder",
    also: tuple[str, ...] = (),
):
    """Run the lesson; wait for ``ready`` (a selector), each of ``also`` and the charts."""
    started = time.monotonic()
    timings: dict[str, float] = {}
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.set_default_timeout(TIMEOUT_MS)
    try:
        open_and_run_all(page, lab_server, lesson, timings, started)
        page.locator(ready).first.wait_for(timeout=240_000)
        for selector in also:
            assert page.locator(selector).count() >= 1, selector
        charts = page.locator(".vega-embed")
        limit = time.monotonic() + 60
        while charts.count() < min_charts and time.monotonic() < limit:
            page.mouse.wheel(0, 2000)
            page.wait_for_timeout(500)
        assert charts.count() >= min_charts, charts.count()
        page.screenshot(path=str(screenshots / f"{prefix}_lesson.png"))
    except BaseException:
        page.screenshot(path=str(screenshots / f"{prefix}_lesson_failure.png"), full_page=True)
        raise
    finally:
        page.close()


@contextmanager
def exercise_page(browser, lab_server, screenshots, notebook: str, prefix: str) -> Iterator:
    """The learner's exercise notebook after Run All, every check still "not attempted yet"."""
    started = time.monotonic()
    timings: dict[str, float] = {}
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        open_and_run_all(page, lab_server, notebook, timings, started)
        summary = page.locator(".jp-CodeCell", has_text="checks_summary()").last
        summary.locator(".jp-OutputArea-output", has_text="not_attempted").wait_for(timeout=240_000)
        text = summary.inner_text()
        assert "passed" not in text and "failed" not in text, text
        yield page
    except BaseException:
        page.screenshot(path=str(screenshots / f"{prefix}_exercise_failure.png"), full_page=True)
        print("JupyterLab log tail:\n", lab_server.log.read_text(errors="replace")[-2000:])
        raise
    finally:
        page.close()
    assert not [e for e in errors if "bsckit" in e.lower()], errors


def run_check(page, check: str, code: str | None = None) -> None:
    """Run the cell holding ``check`` (after typing ``code`` over it) until it says "correct!"."""
    cell = page.locator(".jp-CodeCell", has_text=check).last
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputArea-editor").click()
    if code is not None:
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    cell.locator(".jp-OutputArea").get_by_text("correct!").wait_for()


def objective_saved_and_checked(
    browser, lab_server, screenshots, notebook: str, prefix: str, goal: Objective, check: str
):
    """Fill the builder with ``goal``, Save, run ``check`` and read the objective back."""
    with exercise_page(browser, lab_server, screenshots, notebook, prefix) as page:
        builder = page.locator(".bsckit-builder").first
        builder.scroll_into_view_if_needed()
        builder.locator(".bsckit-perspective select").select_option(label=goal.perspective_label)
        builder.locator(".bsckit-measure select").select_option(label=goal.measure_label)
        baseline = builder.locator(".bsckit-baseline input")
        page.wait_for_function("el => el.value.trim() !== ''", arg=baseline.element_handle())
        builder.locator(".bsckit-direction select").select_option(label=goal.direction_label)
        builder.locator(".bsckit-change select").select_option(label=goal.change_label)
        builder.locator(".bsckit-target input").fill(goal.target)
        deadline = date.today() + timedelta(days=365)
        builder.locator(".bsckit-deadline input").fill(deadline.isoformat())
        builder.locator(".bsckit-owner input").fill(goal.owner)
        builder.locator(".bsckit-linked input").fill(goal.serves)
        builder.locator(".bsckit-linked input").press("Tab")
        failing = builder.locator(".bsckit-checklist").locator('[data-verdict="fail"]')
        limit = time.monotonic() + 30
        while failing.count() and time.monotonic() < limit:
            page.wait_for_timeout(250)
        assert failing.count() == 0, builder.locator(".bsckit-checklist").inner_text()
        builder.locator("button.bsckit-save").click()
        builder.locator(".bsckit-status").get_by_text("Saved to").wait_for()
        page.screenshot(path=str(screenshots / f"{prefix}_objective_saved.png"))

        run_check(page, check)

        card = load_scorecard(lab_server.workspace / "my_scorecard.yaml")
        mine = [o for o in card.objectives if o.perspective.value == goal.perspective]
        assert mine, [o.name for o in card.objectives]
        assert mine[-1].deadline == deadline
