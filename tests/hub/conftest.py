"""The class hub test starts a JupyterHub and makes Unix accounts: it runs as its own step.

`make test-class` (part of `make test`) sets BSCKIT_HUB_TEST=1 and runs this folder; the unit
suite (`pytest -m "not browser"`) leaves it out rather than skipping it.
"""

import os
import sys
from pathlib import Path

CLASS_DIR = Path(__file__).resolve().parents[2] / "class"

if os.environ.get("BSCKIT_HUB_TEST") != "1":
    collect_ignore_glob = ["test_*.py"]
else:
    sys.path.insert(0, str(CLASS_DIR))
