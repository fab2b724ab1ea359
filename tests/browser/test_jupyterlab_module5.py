"""Module 5 in real JupyterLab: the lesson renders, the exercise notebook runs untouched, and a
learning-and-growth objective written in the SMART builder is saved and checked.

Opens the executed lesson ``notebooks/05_learning_growth.ipynb`` (its six charts must render
offline and its builder must appear once the notebook is run), then the learner's copy
``exercises/05_learning_growth.ipynb``: Run All must reach the end with every check "not
attempted yet"; then, as a learner would, it fills the builder with a learning-and-growth
objective (documentation completeness to 95 %), saves it, re-runs the check cell and reads
"correct!", and reads the objective back from ``my_scorecard.yaml`` in the server's temporary
workspace (the flows are in ``module_flows.py``).
"""

from __future__ import annotations

import pytest
from module_flows import Objective, lesson_renders, objective_saved_and_checked

pytestmark = pytest.mark.browser

GOAL = Objective(
    perspective="learning_growth",
    perspective_label="Learning and growth",
    measure_label="documentation completeness (%)",
    change_label="to a level",
    target="95",
    owner="Head of Operations",
    serves="Ramp up new kitchens faster",
)


def test_module5_lesson_renders_its_charts_and_builder(browser, lab_server, screenshots):
    lesson_renders(
        browser, lab_server, screenshots, "notebooks/05_learning_growth.ipynb", "module5", 6
    )


def test_module5_exercise_objective_is_saved_and_checked(browser, lab_server, screenshots):
    objective_saved_and_checked(
        browser,
        lab_server,
        screenshots,
        "exercises/05_learning_growth.ipynb",
        "module5",
        GOAL,
        'ex.check("5.11", lg_builder)',
    )
