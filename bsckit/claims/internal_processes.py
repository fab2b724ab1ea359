"""Claims of module 3, internal processes (``notebooks/03_internal_processes.ipynb``).

Each function checks one sentence the lesson states as fixed text; the lesson marks the sentence
with its tag, e.g. ``(claim 3.1)``. Sentences the lesson words from its own computed results are
not registered (see :mod:`bsckit.claims.registry`).

Examples
--------
>>> from bsckit.claims import get_claim
>>> get_claim("3.1").needs
('production_batches',)
"""

from __future__ import annotations

from bsckit.claims.registry import Evidence, Verdict, claim

__all__ = ["throughput_is_cycle_time_inverted"]


@claim(
    "3.1",
    module=3,
    needs=("production_batches",),
    sentence="Throughput per run hour is 3,600 divided by the cycle time in seconds: one measure "
    "seen two ways, so it gets one role and one benchmark verdict.",
)
def throughput_is_cycle_time_inverted(evidence: Evidence) -> Verdict:
    """Monthly throughput equals 3600 / cycle time (largest relative gap is the figure)."""
    m = evidence.measures
    gap = (m["throughput_per_hour"] * m["cycle_time_s"] / 3600 - 1).abs().max()
    return Verdict(bool(gap < 1e-9), float(gap), "max |throughput x cycle time / 3600 - 1|")
