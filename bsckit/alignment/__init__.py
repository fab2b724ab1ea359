"""Aligning strategy with operations (course module 1): cascades, ownership, dashboards,
escalation thresholds and the fairness and feasibility check of proposed measures.

Each function works on the Homeats tables of :mod:`bsckit.data` (``department_targets``,
``accountability_claims``, ``dashboards``, ``measure_proposals``, ...) and returns plain pandas
objects or a :class:`bsckit.scorecard.Scorecard`, so that a learner can read every step.

Examples
--------
>>> criteria = proposal_criteria()
>>> criteria["criterion"].tolist()
['controllability', 'data availability', 'gaming risk', 'cost of collection']
"""

from bsckit.alignment.cascade import cascade_findings, cascade_scorecard
from bsckit.alignment.dashboards import DATE_BASES, revenue_by_definition
from bsckit.alignment.escalation import ROUTES, escalation_routes
from bsckit.alignment.ownership import (
    accountable_counts,
    ownership_matrix,
    resolve_ownership,
)
from bsckit.alignment.proposals import check_proposals, proposal_criteria
from bsckit.alignment.signals import monthly_signals

__all__ = [
    "DATE_BASES",
    "ROUTES",
    "accountable_counts",
    "cascade_findings",
    "cascade_scorecard",
    "check_proposals",
    "escalation_routes",
    "monthly_signals",
    "ownership_matrix",
    "proposal_criteria",
    "resolve_ownership",
    "revenue_by_definition",
]
