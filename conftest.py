"""Test-session set-up shared by the unit tests, the doctests and nbval on the notebooks.

Every test session gets its own throw-away workspace: ``BSCKIT_WORKSPACE`` points at a
temporary folder before any test or notebook kernel starts, so executing a solution notebook
(which saves objectives with the SMART builder) or a widget test never writes into a
learner's real ``workspace/``. Kernels started by nbval inherit the variable.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_WORKSPACE = tempfile.mkdtemp(prefix="bsckit-test-workspace-")
os.environ["BSCKIT_WORKSPACE"] = _WORKSPACE


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_WORKSPACE, ignore_errors=True)
