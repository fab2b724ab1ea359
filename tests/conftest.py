"""Fixtures shared by the answer-key tests (``tests/test_answers_module*.py``).

Every module's "no wrong method passes" test runs on the same three parameter sets; the data of
each set is generated once per session and shared by every module's test (read-only: the answer
keys and the learner answers work on copies).
"""

from __future__ import annotations

import functools

import pytest

from bsckit.check import reset_checks
from bsckit.data import generate


def pytest_ignore_collect(collection_path, config):
    """Conftest files hold fixtures, not doctests: collecting them as modules (``--doctest-modules``)
    would import ``tests/conftest.py`` and ``tests/browser/conftest.py`` under one module name."""
    return True if collection_path.name == "conftest.py" else None


#: (seed, scenario) of the three parameter sets every answer key is tested on.
PARAMETER_SETS = [(2024, "baseline"), (7, "cost_crisis"), (11, "growth")]


@functools.cache
def _generated(seed: int, scenario: str) -> dict:
    return generate(seed=seed, scenario=scenario)


@pytest.fixture(scope="module", params=PARAMETER_SETS, ids=lambda p: f"{p[0]}-{p[1]}")
def tables(request):
    """The generated Homeats tables of one parameter set (a module may define its own)."""
    return _generated(*request.param)


@pytest.fixture
def fresh_checks():
    """No check history from an earlier test: hints escalate per attempt within one test."""
    reset_checks()
    yield
    reset_checks()
