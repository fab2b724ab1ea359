"""Claims of module 4, financial (``notebooks/04_financial.ipynb``).

Each function checks one sentence the lesson states as fixed text, marked ``(claim 4.N)``.
The planted effects behind them are described in :mod:`bsckit.data.financial`.

Examples
--------
>>> from bsckit.claims import get_claim
>>> get_claim("4.1").needs
('kitchen_ledger',)
"""

from __future__ import annotations

import pandas as pd

from bsckit.claims.registry import Evidence, Verdict, claim
from bsckit.data.financial import CUT_KITCHEN, PUSH_KITCHEN, WASTE_KITCHEN
from bsckit.financial import (
    budget_variances,
    contribution_margin,
    flash_revisions,
    margin_gap,
    review_flags,
)

__all__ = [
    "close_raises_cogs",
    "cut_costs_more_than_it_saved",
    "cut_horizons",
    "cut_lifts_then_lowers_margin",
    "ebit_moves_most_at_close",
    "only_push_kitchen_needs_review",
    "waste_explains_the_gap",
]


def _offset(frame: pd.DataFrame) -> pd.Series:
    m = frame["month"].dt.to_period("M")
    return (m - m.min()).map(lambda d: d.n)


def _ledger(ev: Evidence) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        led = ev.tables["kitchen_ledger"].copy()
        led["kitchen_id"] = led["kitchen_id"].astype(str)
        led["offset"] = _offset(led)
        return led

    return ev.cached("4:ledger", compute)


def _window(led: pd.DataFrame, first: int, last: int) -> pd.Series:
    return contribution_margin(led[led["offset"].between(first, last)])["margin"]


@claim(
    "4.1",
    module=4,
    needs=("kitchen_ledger",),
    sentence=f"In the second year {WASTE_KITCHEN}'s contribution margin is below the other "
    "kitchens' together, and waste is the cost line that adds most to its gap.",
)
def waste_explains_the_gap(ev: Evidence) -> Verdict:
    y2 = _ledger(ev)[lambda d: d["offset"] >= 12]
    gap = margin_gap(y2, WASTE_KITCHEN)
    holds = gap.sum() > 0 and gap.idxmax() == "waste_cost"
    return Verdict(holds, float(gap["waste_cost"]), "waste's share of the gap, margin points")


@claim(
    "4.2",
    module=4,
    needs=("kitchen_ledger",),
    sentence=f"Against the other kitchens, {CUT_KITCHEN}'s margin rose in the quarter of the "
    "cut and fell below its pre-cut standing in the six months after.",
)
def cut_lifts_then_lowers_margin(ev: Evidence) -> Verdict:
    led = _ledger(ev)
    pre, cut, after = _window(led, 9, 11), _window(led, 12, 14), _window(led, 15, 20)
    rel = {
        n: w[CUT_KITCHEN] - w.drop(CUT_KITCHEN).mean()
        for n, w in (("pre", pre), ("cut", cut), ("after", after))
    }
    lift = rel["cut"] - rel["pre"]
    return Verdict(
        lift > 0 and rel["after"] < rel["pre"],
        float(lift),
        f"relative margin change in the cut quarter (after - pre {rel['after'] - rel['pre']:+.3f})",
    )


def cut_horizons(led: pd.DataFrame, kitchen: str = CUT_KITCHEN) -> dict[str, float]:
    """Coaching saved in the cut quarter and extra waste in the six months after, GBP.

    Saved: the quarter before's spend minus the cut quarter's. Extra waste: the kitchen's waste
    per meal above its pre-cut ratio to the other kitchens', times its meals.
    """
    k = led[led["kitchen_id"] == kitchen]
    o = led[led["kitchen_id"] != kitchen]

    def per_meal(f: pd.DataFrame, a: int, b: int) -> float:
        w = f[f["offset"].between(a, b)]
        return float(w["waste_cost"].sum() / w["meals"].sum())

    saved = float(
        k.loc[k["offset"].between(9, 11), "coaching_spend"].sum()
        - k.loc[k["offset"].between(12, 14), "coaching_spend"].sum()
    )
    ratio_pre = per_meal(k, 0, 11) / per_meal(o, 0, 11)
    after = k[k["offset"].between(15, 20)]
    expected = ratio_pre * per_meal(o, 15, 20) * after["meals"].sum()
    return {"saved": saved, "extra_waste": float(after["waste_cost"].sum() - expected)}


@claim(
    "4.3",
    module=4,
    needs=("kitchen_ledger",),
    sentence=f"The extra waste {CUT_KITCHEN} paid in the six months after the cut is larger than "
    "the coaching it saved in the quarter.",
)
def cut_costs_more_than_it_saved(ev: Evidence) -> Verdict:
    h = cut_horizons(_ledger(ev))
    return Verdict(h["extra_waste"] > h["saved"], h["extra_waste"] / h["saved"], "extra / saved")


@claim(
    "4.4",
    module=4,
    needs=("orders", "sales_budget"),
    sentence=f"In the second year the rule sends only {PUSH_KITCHEN} to a strategic review, and "
    "its quantity and mix variances for the year are both adverse.",
)
def only_push_kitchen_needs_review(ev: Evidence) -> Verdict:
    v = ev.cached(
        "4:variances", lambda: budget_variances(ev.tables["orders"], ev.tables["sales_budget"])
    )
    v = v.assign(offset=_offset(v)).sort_values(["kitchen_id", "month"])
    flags = v.groupby("kitchen_id")["share"].transform(lambda s: review_flags(s))
    y2 = v["offset"] >= 12
    hit = v.loc[y2 & (flags == "strategic review"), "kitchen_id"].unique().tolist()
    k = v[y2 & (v["kitchen_id"] == PUSH_KITCHEN)]
    holds = hit == [PUSH_KITCHEN] and k["quantity"].sum() < 0 and k["mix"].sum() < 0
    return Verdict(holds, float(len(hit)), f"kitchens sent to review in year 2: {hit}")


def _revisions(ev: Evidence) -> pd.DataFrame:
    return ev.cached("4:flash", lambda: flash_revisions(ev.tables["flash_figures"]))


@claim(
    "4.5",
    module=4,
    needs=("flash_figures",),
    sentence="EBIT moves most between flash and close; net revenue moves least of the P&L lines, "
    "by under 1 % in a typical month.",
)
def ebit_moves_most_at_close(ev: Evidence) -> Verdict:
    r = _revisions(ev).abs().median()
    pnl = r[["net_revenue", "cogs", "operating_costs", "ebit"]]
    holds = pnl.idxmax() == "ebit" and pnl.idxmin() == "net_revenue" and r["net_revenue"] < 0.01
    return Verdict(holds, float(r["net_revenue"]), "median |revision| of net revenue")


@claim(
    "4.6",
    module=4,
    needs=("flash_figures",),
    sentence="The close raised COGS above the flash figure in at least 22 of the 24 months.",
)
def close_raises_cogs(ev: Evidence) -> Verdict:
    r = _revisions(ev)["cogs"]
    n = int((r > 0).sum())
    return Verdict(n >= 22, float(n), "months in which the close raised COGS")
