"""Module 2 in real JupyterLab: the lesson renders, the exercise notebook runs untouched, and a
customer objective written in the SMART builder is saved and checked.

Opens the executed lesson ``notebooks/02_customer.ipynb`` (its charts must render offline and its
builder must appear once the notebook is run), then the learner's copy
``exercises/02_customer.ipynb``: Run All must reach the end with every check "not attempted yet";
then, as a learner would, it fills the builder with a customer objective (first-contact
resolution), saves it, re-runs the check cell and reads "correct!", and reads the objective back
from ``my_scorecard.yaml`` in the server's temporary workspace (the flows are in
``module_flows.py``).
"""

from __future__ import annotations

import pytest
from module_flows import Objective, lesson_renders, objective_saved_and_checked

pytestmark = pytest.mark.browser

GOAL = Objective(
    perspective="customer",
    perspective_label="Customer",
    measure_label="first-contact resolution rate (%)",
    change_label="by % of the baseline",
    target="5",
    owner="Head of Customer Service",
    serves="Raise satisfaction with post-sale service",
)


def test_module2_lesson_renders_its_charts_and_builder(browser, lab_server, screenshots):
    lesson_renders(browser, lab_server, screenshots, "notebooks/02_customer.ipynb", "module2", 6)


def test_module2_exercise_objective_is_saved_and_checked(browser, lab_server, screenshots):
    objective_saved_and_checked(
        browser,
        lab_server,
        screenshots,
        "exercises/02_customer.ipynb",
        "module2",
        GOAL,
        'ex.check("2.12", customer_builder)',
    )
