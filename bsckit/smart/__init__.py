"""SMART objectives: read what a learner wrote and give the feedback a facilitator would.

- :func:`parse_objective` turns a sentence into a :class:`ParsedObjective` (direction, measure,
  baseline, target, kind of change, unit, deadline or duration, owner).
- :func:`check_smart` returns a :class:`SmartReport`: one :class:`Verdict` (pass / warn / fail,
  feedback, suggestion) per criterion, shown as a checklist in a notebook.
- :func:`fitted_trend` is the least-squares trend (with its 95% interval) that Achievable
  compares the required monthly change with, when Homeats history is given.
- :data:`MEASURES` is the measure vocabulary (a tuple of frozen :class:`Measure`).

Perspectives are those of the scorecard model, :class:`bsckit.scorecard.Perspective`
(``financial``, ``customer``, ``internal_processes``, ``learning_growth``); structured input
may use any spelling :meth:`Perspective.parse <bsckit.scorecard.Perspective.parse>` accepts,
including the short ``internal`` and ``learning``.

Rules for contributors: learner text never raises (whatever cannot be read becomes a note and a
flag); programmer errors (wrong types, unknown dict keys) raise with a message naming the
parameter. Keep the vocabulary as data in ``measures.py``.

Examples
--------
>>> from datetime import date
>>> report = check_smart("Improve customer satisfaction with postsale services by 15% within"
...                      " 6 months.", today=date(2026, 11, 1))
>>> report.status, report["Measurable"].status
('warn', 'warn')
"""

from __future__ import annotations

from bsckit.smart.check import Trend, check_smart, fitted_trend
from bsckit.smart.feedback import CRITERIA, STATUSES, SmartReport, Verdict
from bsckit.smart.measures import (
    KINDS,
    MEASURES,
    MEASURES_BY_ID,
    UNITS,
    Measure,
    find_measure,
    match_measure,
    measures_from_catalogue,
)
from bsckit.smart.parse import (
    CHANGE_KINDS,
    DIRECTIONS,
    PARSED_UNITS,
    ParsedObjective,
    parse_objective,
)

__all__ = [
    "CHANGE_KINDS",
    "CRITERIA",
    "DIRECTIONS",
    "KINDS",
    "MEASURES",
    "MEASURES_BY_ID",
    "PARSED_UNITS",
    "STATUSES",
    "UNITS",
    "Measure",
    "ParsedObjective",
    "SmartReport",
    "Trend",
    "Verdict",
    "check_smart",
    "find_measure",
    "fitted_trend",
    "match_measure",
    "measures_from_catalogue",
    "parse_objective",
]
