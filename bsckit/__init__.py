"""bsckit: the helper package of the Balanced Scorecard teaching kit (Homeats).

Subpackages, each named after what it models (imported on first use, so ``import bsckit``
stays instant):

- :mod:`bsckit.scorecard` - perspectives, measures, objectives, strategy map, scorecard
- :mod:`bsckit.kpi` - KPI formulas named after the business term
- :mod:`bsckit.spc` - process capability, control charts, run rules
- :mod:`bsckit.data` - the synthetic Homeats datasets: generate, load, check
- :mod:`bsckit.smart` - the SMART objective parser and checker
- :mod:`bsckit.widgets` - JupyterLab widgets (SMART builder, quizzes, threshold editor)
- :mod:`bsckit.charts` - offline chart set-up and the shared theme
- :mod:`bsckit.check` - exercise checks with hints
- :mod:`bsckit.processes` - monthly process measures and lagged cause-and-effect tests

Examples
--------
>>> import bsckit
>>> bsckit.kpi.oee(0.9, 0.95, 0.99)
0.84645
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SUBMODULES = (
    "charts",
    "check",
    "data",
    "kpi",
    "processes",
    "scorecard",
    "smart",
    "spc",
    "widgets",
)

__all__ = ["__version__", *_SUBMODULES]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"bsckit.{name}")
    msg = f"module 'bsckit' has no attribute {name!r}; available: {', '.join(__all__)}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
