"""Claims: the sentences of the lessons that read a number or pattern off the data, with checks.

See :mod:`bsckit.claims.registry` for the rules (worded from the result, or registered here) and
``CONTRIBUTING.md`` (Claims) for how to add one. Each course module's claims live in their own
file (:data:`CLAIM_MODULES`); ``tests/test_claims.py`` checks every claim on many generated
datasets.

Examples
--------
>>> from bsckit.claims import claims
>>> all(c.id.startswith("3.") for c in claims(3))
True
"""

from bsckit.claims.registry import (
    CLAIM_MODULES,
    Claim,
    Evidence,
    Verdict,
    claim,
    claim_tag,
    claims,
    evaluate,
    evaluate_all,
    get_claim,
)

__all__ = [
    "CLAIM_MODULES",
    "Claim",
    "Evidence",
    "Verdict",
    "claim",
    "claim_tag",
    "claims",
    "evaluate",
    "evaluate_all",
    "get_claim",
]
