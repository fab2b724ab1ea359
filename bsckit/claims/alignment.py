"""Claims of module 1, alignment (``notebooks/01_alignment.ipynb``).

Each function checks one sentence the lesson states as fixed text; the lesson marks the sentence
with its tag, e.g. ``(claim 1.1)``. Sentences the lesson words from its own computed results are
not registered (see :mod:`bsckit.claims.registry`).

Examples
--------
>>> from bsckit.claims import get_claim
>>> get_claim("1.2").needs
('dashboard_exports', 'finance_monthly', 'orders')
"""

from __future__ import annotations

from bsckit.claims.registry import Evidence, Verdict, claim

__all__ = [
    "customer_metrics_claimed_twice",
    "dashboards_disagree_one_way",
    "nps_leads_subscription_revenue",
]


@claim(
    "1.1",
    module=1,
    needs=("orders", "tickets", "surveys", "customers", "finance_monthly"),
    sentence="Relationship NPS foreshadows subscription revenue: NPS in one month correlates "
    "positively with the growth of subscription revenue three months later.",
)
def nps_leads_subscription_revenue(evidence: Evidence) -> Verdict:
    """Correlation of monthly NPS with subscription revenue growth three months later."""
    from bsckit.alignment import monthly_signals
    from bsckit.processes import lagged_correlation

    signals = evidence.cached("alignment_signals", lambda: monthly_signals(evidence.tables))
    table = lagged_correlation(signals["nps"], signals["subscription_growth"], max_lag=3)
    r = float(table.loc[3, "correlation"])
    return Verdict(r > 0, r, "r, NPS -> subscription revenue growth 3 months later")


@claim(
    "1.2",
    module=1,
    needs=("dashboard_exports", "finance_monthly", "orders"),
    sentence="The finance dashboard matches the catalogue's net revenue every month, while the "
    "sales dashboard's definition reports more than net revenue in every month.",
)
def dashboards_disagree_one_way(evidence: Evidence) -> Verdict:
    """Largest finance-dashboard gap (GBP); the verdict also needs sales > net every month."""
    t = evidence.tables
    exports, finance, orders = t["dashboard_exports"], t["finance_monthly"], t["orders"]
    fin = exports.loc[exports["dashboard"] == "finance", "value"].to_numpy()
    gap = float(abs(fin - finance["net_revenue"].to_numpy()).max())
    placed = orders.groupby(orders["ordered_at"].dt.to_period("M"))["amount"].sum()
    above = bool((placed.to_numpy() > finance["net_revenue"].to_numpy()).all())
    return Verdict(gap < 0.01 and above, gap, "max |finance dashboard - net revenue|, GBP")


@claim(
    "1.3",
    module=1,
    needs=("accountability_claims", "metric_catalogue"),
    sentence="Every customer metric in the catalogue is claimed by more than one department as "
    "its own; no other metric is.",
)
def customer_metrics_claimed_twice(evidence: Evidence) -> Verdict:
    """Smallest number of accountable departments over the customer metrics."""
    claims, catalogue = (
        evidence.tables["accountability_claims"],
        evidence.tables["metric_catalogue"],
    )
    unique = claims.drop_duplicates(["metric_id", "department", "role"])
    counts = unique[unique["role"] == "accountable"].groupby("metric_id").size()
    customer = catalogue.loc[
        catalogue["perspective"].astype(str).str.lower() == "customer", "metric_id"
    ].astype(str)
    in_customer = counts.index.isin(list(customer))
    smallest = int(counts[in_customer].min())
    others_single = bool((counts[~in_customer] == 1).all())
    return Verdict(smallest >= 2 and others_single, float(smallest), "min accountable departments")
