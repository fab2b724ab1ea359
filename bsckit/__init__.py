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
- :mod:`bsckit.claims` - the lessons' claims about the data, each with a check run on many seeds
- :mod:`bsckit.processes` - monthly process measures and lagged cause-and-effect tests

Importing bsckit first
----------------------
``import bsckit`` also tells Python that the optional package ``rfc3987_syntax`` is absent (when
``jsonschema`` is not imported yet). jsonschema, which altair and nbformat import, would otherwise
load it for its optional "iri" format checker, and it compiles a grammar at import: about 1.2 s
of every ``import altair``. Nothing in the kit validates IRIs, so importing bsckit *before*
altair (the first line of every notebook's setup cell, see CONTRIBUTING.md) makes that import
about three times faster, in the build and in a learner's kernel alike. See
:data:`SKIPPED_OPTIONAL_IMPORTS`.

Examples
--------
>>> import bsckit
>>> bsckit.kpi.oee(0.9, 0.95, 0.99)
0.84645
>>> bsckit.SKIPPED_OPTIONAL_IMPORTS
('rfc3987_syntax',)
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

__version__ = "0.1.0"

_SUBMODULES = (
    "charts",
    "check",
    "claims",
    "data",
    "kpi",
    "processes",
    "scorecard",
    "smart",
    "spc",
    "widgets",
)

__all__ = ["SKIPPED_OPTIONAL_IMPORTS", "__version__", *_SUBMODULES]

#: Optional imports of third-party packages that bsckit never needs and that are slow to import.
#: ``rfc3987_syntax``: jsonschema's "iri" format checker (about 1.2 s to import).
SKIPPED_OPTIONAL_IMPORTS = ("rfc3987_syntax",)


def _skip_slow_optional_imports() -> None:
    """Mark :data:`SKIPPED_OPTIONAL_IMPORTS` as absent, so importers skip what needs them.

    A ``None`` entry in ``sys.modules`` makes ``import name`` raise ImportError, which jsonschema
    catches: it then leaves out the "iri"/"iri-reference" format checks (vega-lite and notebook
    schemas do not use them). Only done while jsonschema is not imported yet: once it is, the
    cost is paid and other code may rely on the checker. An existing entry is never replaced.
    To get the checker back in a session, ``del sys.modules["rfc3987_syntax"]`` before anything
    imports jsonschema.
    """
    if "jsonschema" in sys.modules:
        return
    for name in SKIPPED_OPTIONAL_IMPORTS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


_skip_slow_optional_imports()


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"bsckit.{name}")
    msg = f"module 'bsckit' has no attribute {name!r}; available: {', '.join(__all__)}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
