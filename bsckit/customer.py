"""Customer-centric indicators on the Homeats tables (course module 2).

Small helpers for the analyses of the customer perspective: where a delivery fell against its
promised slot, the reopen rule of first-contact resolution, NPS with its margin of error by
group, the NPS a period would have had at another period's mix of respondents, each
customer's survey burden and a capped sampling plan, and the cohort view of a discount
campaign. The formulas themselves live in :mod:`bsckit.kpi`.

Examples
--------
>>> import pandas as pd
>>> answers = pd.DataFrame({"nps": [10, 9, 7, 3], "plan": ["a", "a", "b", "b"]})
>>> nps_by(answers, "plan")["nps"].tolist()
[100.0, -50.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bsckit import kpi
from bsckit._validation import check_choice, check_count, check_number
from bsckit.data.voice import invitations_before

__all__ = [
    "REOPEN_RULES",
    "apply_reopen_rule",
    "cap_invitations",
    "delivery_offset_minutes",
    "invitations_before",
    "nps_at_mix",
    "nps_by",
    "relationship_answers",
    "survey_burden",
]

REOPEN_RULES = ("as recorded", "reopened is not resolved")


def delivery_offset_minutes(orders: pd.DataFrame) -> pd.Series:
    """Minutes from the promised slot start to delivery (negative = early; empty if failed).

    Examples
    --------
    >>> o = pd.DataFrame({"promised_at": pd.to_datetime(["2025-01-01 18:00"] * 2),
    ...                   "delivered_at": pd.to_datetime(["2025-01-01 16:30", "2025-01-01 18:20"])})
    >>> delivery_offset_minutes(o).tolist()
    [-90.0, 20.0]
    """
    delta = pd.to_datetime(orders["delivered_at"]) - pd.to_datetime(orders["promised_at"])
    return (delta.dt.total_seconds() / 60).rename("offset_minutes")


def apply_reopen_rule(tickets: pd.DataFrame, rule: str = "reopened is not resolved") -> pd.Series:
    """First-contact resolution flag of each ticket under a reopen rule.

    Parameters
    ----------
    tickets : DataFrame
        With boolean columns ``first_contact_resolved`` and ``reopened``.
    rule : {"reopened is not resolved", "as recorded"}
        ``"reopened is not resolved"`` (default): a ticket the customer had to reopen was not
        resolved at the first contact, whatever the agent ticked. ``"as recorded"`` keeps the
        agent's flag.

    Examples
    --------
    >>> t = pd.DataFrame({"first_contact_resolved": [True, True, False],
    ...                   "reopened": [False, True, True]})
    >>> apply_reopen_rule(t).tolist()
    [True, False, False]
    >>> apply_reopen_rule(t, "as recorded").tolist()
    [True, True, False]
    """
    check_choice("rule", rule, REOPEN_RULES)
    fcr = tickets["first_contact_resolved"].astype(bool)
    if rule == "as recorded":
        return fcr.rename("first_contact_resolved")
    return (fcr & ~tickets["reopened"].astype(bool)).rename("first_contact_resolved")


def relationship_answers(surveys: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """Answered relationship surveys with the customer's plan, segment, city and kitchen.

    Adds ``month`` (period of ``sent_at``) and ``year`` (1 for the first twelve months of the
    surveys, 2 for the next twelve, ...).
    """
    answers = surveys[(surveys["touchpoint"] == "relationship") & surveys["nps"].notna()]
    info = customers[["customer_id", "segment", "plan", "city", "kitchen_id"]]
    out = answers.merge(info, on="customer_id", how="left")
    out["nps"] = out["nps"].astype(int)
    out["month"] = out["sent_at"].dt.to_period("M")
    first = surveys["sent_at"].min().to_period("M")
    out["year"] = 1 + (out["month"] - first).map(lambda d: d.n) // 12
    for col in ("segment", "plan", "city", "kitchen_id"):
        out[col] = out[col].astype(str)
    return out


def nps_by(answers: pd.DataFrame, by: Any, confidence: float = 0.95) -> pd.DataFrame:
    """NPS per group with its answer counts and margin of error.

    Parameters
    ----------
    answers : DataFrame
        One row per answer, 0-10 scores in column ``nps``.
    by : str, Series or list of them
        Column name(s) of ``answers``, or Series aligned with it, to group by.
    confidence : float, default 0.95
        Confidence level of the margin (:func:`bsckit.kpi.nps_margin_of_error`).

    Returns
    -------
    DataFrame
        Columns ``answers``, ``promoters``, ``passives``, ``detractors``, ``nps`` (points) and
        ``margin`` (points, +/-), one row per group.
    """
    score = answers["nps"].astype(int)
    keys = list(by) if isinstance(by, list | tuple) else [by]
    groups = [answers[b] if isinstance(b, str) else b for b in keys]
    counts = pd.DataFrame(
        {
            "promoters": (score >= 9).groupby(groups, observed=True).sum(),
            "passives": score.between(7, 8).groupby(groups, observed=True).sum(),
            "detractors": (score <= 6).groupby(groups, observed=True).sum(),
        }
    ).astype(int)
    counts.insert(0, "answers", counts.sum(axis=1))
    counts["nps"] = kpi.nps_from_counts(
        counts["promoters"], counts["passives"], counts["detractors"]
    )
    counts["margin"] = kpi.nps_margin_of_error(
        counts["promoters"], counts["passives"], counts["detractors"], confidence=confidence
    )
    return counts


def nps_at_mix(answers: pd.DataFrame, segment: str, period: str, base: Any) -> pd.DataFrame:
    """Reported NPS per period beside the NPS at the ``base`` period's mix of segments.

    The NPS of each segment in a period, weighted by the segments' shares of the answers in the
    base period (direct standardisation). The gap between the two columns is the mix effect:
    how much of a change comes from *who answered* rather than from how each segment felt.

    Examples
    --------
    >>> a = pd.DataFrame({"nps": [10, 10, 0, 10, 0, 0, 0, 10],
    ...                   "seg": ["s", "s", "p", "s", "s", "s", "p", "s"],
    ...                   "t": [1, 1, 1, 2, 2, 2, 2, 2]})
    >>> nps_at_mix(a, "seg", "t", base=1).round(1).to_dict("list")
    {'reported': [33.3, -20.0], 'at_base_mix': [33.3, -33.3]}
    """
    table = nps_by(answers, [period, segment])
    shares = table.loc[base, "answers"] / table.loc[base, "answers"].sum()
    rows = {}
    for p in table.index.get_level_values(0).unique():
        here = table.loc[p]
        pro, pas, det = here[["promoters", "passives", "detractors"]].sum()
        reported = kpi.nps_from_counts(int(pro), int(pas), int(det))
        common = shares.index.intersection(here.index)
        w = shares[common] / shares[common].sum()
        rows[p] = {"reported": reported, "at_base_mix": float((w * here.loc[common, "nps"]).sum())}
    return pd.DataFrame.from_dict(rows, orient="index")


def survey_burden(surveys: pd.DataFrame, days: int = 30) -> pd.Series:
    """For each survey, the surveys the same customer was sent in the ``days`` before it."""
    days = check_count("days", days)
    counts = invitations_before(
        surveys["customer_id"].astype(str).to_numpy(),
        surveys["sent_at"].to_numpy().astype("datetime64[m]"),
        days,
    )
    return pd.Series(counts, index=surveys.index, name="invitations_before")


def cap_invitations(surveys: pd.DataFrame, limit: int = 1, days: int = 30) -> pd.Series:
    """A sampling plan: which invitations to send so that no customer gets more than ``limit``
    surveys in any ``days`` days.

    Invitations are taken in time order; one is sent if fewer than ``limit`` invitations were
    *sent* to the customer in the ``days`` before it (skipped ones do not count).

    Returns
    -------
    Series of bool
        True for the invitations the plan keeps, aligned with ``surveys``.

    Examples
    --------
    >>> s = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
    ...                   "sent_at": pd.to_datetime(["2025-01-01", "2025-01-10", "2025-02-05",
    ...                                              "2025-01-02"])})
    >>> cap_invitations(s, limit=1, days=30).tolist()
    [True, False, True, True]
    """
    limit = check_count("limit", limit)
    days = check_count("days", days)
    check_number("limit", limit, low=1, hint="At least one survey per period.")
    order = surveys.sort_values(["customer_id", "sent_at"], kind="stable")
    cust = order["customer_id"].astype(str).to_numpy()
    times = order["sent_at"].to_numpy().astype("datetime64[m]").astype(np.int64)
    window = days * 1440
    keep = np.zeros(len(order), dtype=bool)
    sent: list[int] = []
    for i in range(len(order)):
        if i == 0 or cust[i] != cust[i - 1]:
            sent = []
        recent = [t for t in sent if t > times[i] - window]
        if len(recent) < limit:
            keep[i] = True
            sent = [*recent, times[i]]
        else:
            sent = recent
    return pd.Series(keep, index=order.index, name="send").reindex(surveys.index)
