"""Who answers for each metric: the ownership matrix, its overlaps and their resolution.

Examples
--------
>>> import pandas as pd
>>> claims = pd.DataFrame({
...     "metric_id": ["M05", "M05", "M05", "M05"],
...     "department": ["Sales & marketing", "Delivery", "Delivery", "Kitchens"],
...     "role": ["accountable", "accountable", "accountable", "contributes"]})
>>> ownership_matrix(claims).loc["M05"].tolist()
['A', 'C', 'A']
>>> accountable_counts(claims).to_dict()
{'M05': 2}
"""

from __future__ import annotations

import pandas as pd

__all__ = ["accountable_counts", "ownership_matrix", "resolve_ownership"]

_LETTER = {"accountable": "A", "contributes": "C"}


def _unique_claims(claims: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("metric_id", "department", "role") if c not in claims.columns]
    if missing:
        msg = f"`claims` lacks the columns {missing}; pass the accountability_claims table."
        raise ValueError(msg)
    out = claims[["metric_id", "department", "role"]].astype(str)
    # A department that claims both roles for one metric is taken at its stronger claim.
    out = out.sort_values("role").drop_duplicates(["metric_id", "department"], keep="first")
    return out.sort_values(["metric_id", "department"]).reset_index(drop=True)


def ownership_matrix(claims: pd.DataFrame) -> pd.DataFrame:
    """Metric x department matrix of claimed roles: ``A`` accountable, ``C`` contributes, ``""``.

    Duplicate submissions count once.
    """
    unique = _unique_claims(claims)
    unique["letter"] = unique["role"].map(_LETTER)
    matrix = unique.pivot(index="metric_id", columns="department", values="letter")
    return matrix.fillna("").rename_axis(index="metric_id", columns=None)


def accountable_counts(claims: pd.DataFrame) -> pd.Series:
    """Metrics that more than one department claims to be accountable for, with the count."""
    unique = _unique_claims(claims)
    counts = unique[unique["role"] == "accountable"].groupby("metric_id").size()
    return counts[counts > 1].rename("accountable_departments")


def resolve_ownership(
    claims: pd.DataFrame, catalogue: pd.DataFrame, departments: pd.DataFrame
) -> pd.DataFrame:
    """One accountable department per metric: the department headed by the catalogue's owner.

    Every other department that claimed the metric becomes a contributor.

    Returns
    -------
    pandas.DataFrame
        Indexed by metric_id: ``accountable`` (department), ``owner`` (role) and
        ``contributors`` (the other claimants, "; "-separated, sorted).
    """
    heads = dict(
        zip(
            departments["head_role"].astype(str), departments["department"].astype(str), strict=True
        )
    )
    owners = catalogue.set_index(catalogue["metric_id"].astype(str))["owner"].astype(str)
    unknown = sorted(set(owners) - set(heads))
    if unknown:
        msg = (
            f"Catalogue owners {unknown} head no department in `departments`; add them to "
            "the departments table."
        )
        raise ValueError(msg)
    unique = _unique_claims(claims)
    rows = []
    for metric_id, owner in owners.items():
        home = heads[owner]
        others = sorted(set(unique.loc[unique["metric_id"] == metric_id, "department"]) - {home})
        rows.append((metric_id, home, owner, "; ".join(others)))
    frame = pd.DataFrame(rows, columns=["metric_id", "accountable", "owner", "contributors"])
    return frame.set_index("metric_id")
