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

import pytest
from module_flows import Objective, lesson_renders, objective_saved_and_checked

pytestmark = pytest.mark.browser

GOAL = Objective(
    perspective="financial",
    perspective_label="Financial",
    measure_label="operating margin (%)",
    change_label="by % of the baseline",
    target="5",
    owner="Chief Financial Officer",
    serves="Grow profitably",
)


def test_module4_lesson_renders_its_charts_and_builder(browser, lab_server, screenshots):
    lesson_renders(
        browser,
        lab_server,
        screenshots,
        "notebooks/04_financial.ipynb",
        "module4",
        6,
        also=(".bsckit-thresholds",),
    )


def test_module4_exercise_objective_is_saved_and_checked(browser, lab_server, screenshots):
    objective_saved_and_checked(
        browser,
        lab_server,
        screenshots,
        "exercises/04_financial.ipynb",
        "module4",
        GOAL,
        'ex.check("4.9", financial_builder)',
    )
