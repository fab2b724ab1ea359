"""Statistical process control for the internal-process perspective of the scorecard.

Control charts separate common-cause variation (the noise a stable process always has)
from special-cause variation (a signal worth investigating); capability indices compare a
stable process with its specification limits.

Modules (one concept each):

* :mod:`~bsckit.spc.chart_constants` - ``constants(n, source)``: d2, d3, c4, A, A2, A3,
  B3-B6, D1-D4, computed from their definitions or read from Montgomery's printed table.
* :mod:`~bsckit.spc.process_capability` - ``capability(data, lsl, usl, target)``: Cp, Cpk, Cpm,
  Pp, Ppk, Ppm with confidence intervals; expected ppm out of specification.
* :mod:`~bsckit.spc.control_charts` - ``control_chart(data, kind)``: I-MR, X-bar/R,
  X-bar/S, R, S, MR, p, np, c and u charts, phase I / phase II.
* :mod:`~bsckit.spc.special_causes` - ``run_rules(values, center, sigma)``: Western Electric
  and Nelson rules.
* :mod:`~bsckit.spc.run_length` - ``average_run_length(shift, n)`` and
  ``attribute_run_length(kind, lcl, ucl, rate, n)``: how soon a chart signals.

Rules for contributors: every position is 0-based; every convention on which sources
disagree (d2 rounding, c4 on the overall sigma, strictness of "beyond") is a named
parameter with a documented default; tests check formulas against published examples.

Examples
--------
>>> from bsckit.spc import control_chart
>>> chart = control_chart([21, 24, 16, 12, 15, 5, 28, 20], "c")
>>> chart.center
17.625
"""

from __future__ import annotations

from bsckit.spc.chart_constants import CONSTANT_SOURCES, ControlChartConstants, constants
from bsckit.spc.control_charts import CHART_KINDS, ControlChartResult, control_chart
from bsckit.spc.process_capability import (
    INDEX_NAMES,
    SIGMA_METHODS,
    CapabilityResult,
    capability,
    capability_from_summary,
    ppm_bounds_from_cpk,
    ppm_out_of_spec,
)
from bsckit.spc.run_length import (
    ATTRIBUTE_KINDS,
    attribute_run_length,
    attribute_signal_probability,
    average_run_length,
    signal_probability,
)
from bsckit.spc.special_causes import (
    RULE_DESCRIPTIONS,
    RULESETS,
    RunRulesResult,
    Violation,
    run_rules,
)

__all__ = [
    "ATTRIBUTE_KINDS",
    "CHART_KINDS",
    "CONSTANT_SOURCES",
    "INDEX_NAMES",
    "RULESETS",
    "RULE_DESCRIPTIONS",
    "SIGMA_METHODS",
    "CapabilityResult",
    "ControlChartConstants",
    "ControlChartResult",
    "RunRulesResult",
    "Violation",
    "attribute_run_length",
    "attribute_signal_probability",
    "average_run_length",
    "capability",
    "capability_from_summary",
    "constants",
    "control_chart",
    "ppm_bounds_from_cpk",
    "ppm_out_of_spec",
    "run_rules",
    "signal_probability",
]
