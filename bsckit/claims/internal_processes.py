"""Claims of module 3, internal processes (``notebooks/03_internal_processes.ipynb``).

Each function checks one sentence the lesson states as fixed text; the lesson marks the sentence
with its tag, e.g. ``(claim 3.2)``. Sentences the lesson words from its own computed results are
not registered (see :mod:`bsckit.claims.registry`). Each check computes what the lesson computes,
the way the lesson computes it (same measures, same lags, same tests).

Examples
--------
>>> from bsckit.claims import get_claim
>>> get_claim("3.6").needs
('production_batches',)
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from bsckit.claims.registry import Evidence, Verdict, claim
from bsckit.data.chains import episode_days
from bsckit.processes import (
    lagged_correlation,
    lagged_regression,
    month_of,
    partial_correlation,
)
from bsckit.spc import constants, control_chart

__all__ = [
    "CHECKS_REVIEW_LAG",
    "PHASE_ONE_MONTHS",
    "chance_flags",
    "checks_follow_defects",
    "csat_comes_before_repeat_orders",
    "daily_portion_means",
    "defects_and_cost_share_a_cause",
    "fcr_raises_ticket_csat",
    "individuals_chart_flags_like_chance",
    "marketing_borrows_from_research",
    "one_off_orders_per_100_households",
    "slower_answers_lower_csat",
    "spreadsheet_off_in_most_months",
    "throughput_is_cycle_time_inverted",
    "ticket_csat_fit",
    "within_day_limits_too_tight",
]

CHECKS_REVIEW_LAG = 2
"""Months the quality team says its review cycle takes (defect report -> new checks on the line)."""
PHASE_ONE_MONTHS = 6
"""Months of portion weights whose daily means set the Phase I limits in the lesson."""
EPISODE_AFTERMATH_DAYS = 7
"""Days after a planted episode still counted as part of it (a run rule needs a few points)."""
_CHANCE_SIMULATIONS = 400


@claim(
    "3.6",
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


@claim(
    "3.1",
    module=3,
    needs=("market_studies", "orders", "operating_costs"),
    sentence="Beside the market studies, marketing's apparent effect shrinks: much of it is "
    "borrowed from the studies it is planned from.",
)
def marketing_borrows_from_research(evidence: Evidence) -> Verdict:
    """Marketing's t-value (at its best lead) falls once the studies (at their lag) join it."""
    m = evidence.measures
    share = m["new_dish_revenue_share"]
    research_lag = 3  # named in advance, as in the lesson
    marketing = lagged_correlation(m["marketing_spend"], share, max_lag=6, min_lag=-6)
    lead = int(marketing.loc[0:, "correlation"].idxmax())
    alone = lagged_regression(
        share, {"marketing_spend": m["marketing_spend"]}, lags={"marketing_spend": lead}
    )
    both = lagged_regression(
        share,
        {"market_studies": m["market_studies"], "marketing_spend": m["marketing_spend"]},
        lags={"market_studies": research_lag, "marketing_spend": lead},
    )
    t_alone = alone.loc["marketing_spend", "t_value"]
    t_both = both.loc["marketing_spend", "t_value"]
    return Verdict(
        t_alone > 0 and abs(t_both) < t_alone,
        t_alone - abs(t_both),
        f"marketing (lead {lead}): t alone {t_alone:.2f}, beside studies {t_both:.2f}",
    )


@claim(
    "3.2",
    module=3,
    needs=("production_batches",),
    sentence="Checks per batch follow the defect rate instead of leading it: the quality team "
    "adds checks after defects rise, so checks are a reaction, not a leading measure of quality.",
)
def checks_follow_defects(evidence: Evidence) -> Verdict:
    """At lag -2 (defects lead by the review cycle) r is positive and beats every lead of checks."""
    m = evidence.measures
    table = lagged_correlation(
        m["quality_checks_per_batch"], m["defect_rate"], max_lag=6, min_lag=-6
    )["correlation"]
    follow, lead = float(table.loc[-CHECKS_REVIEW_LAG]), float(table.loc[1:].abs().max())
    return Verdict(
        follow > 0 and follow > lead,
        follow,
        f"r with defects {CHECKS_REVIEW_LAG} months ahead = {follow:.2f}; "
        f"largest |r| with checks ahead = {lead:.2f}",
    )


def ticket_csat_fit(tables) -> pd.DataFrame:
    """Ticket by ticket: support CSAT on first-contact resolution and log2 response hours."""
    surveys, tickets = tables["surveys"], tables["tickets"]
    rated = surveys[(surveys["touchpoint"] == "support") & surveys["csat"].notna()]
    rated = rated[["ticket_id", "csat"]].merge(
        tickets[["ticket_id", "opened_at", "first_response_at", "first_contact_resolved"]],
        on="ticket_id",
    )
    hours = (rated["first_response_at"] - rated["opened_at"]).dt.total_seconds() / 3600
    keep = hours > 0
    return lagged_regression(
        rated.loc[keep, "csat"].astype(float).to_numpy(),
        {
            "first_contact_resolved": rated.loc[keep, "first_contact_resolved"]
            .astype(float)
            .to_numpy(),
            "log2_response_hours": np.log2(hours[keep].to_numpy()),
        },
    )


@claim(
    "3.4",
    module=3,
    needs=("tickets", "surveys"),
    sentence="Ticket by ticket, with the response time held fixed, a ticket resolved at first "
    "contact gets a clearly higher CSAT.",
)
def fcr_raises_ticket_csat(evidence: Evidence) -> Verdict:
    """FCR's coefficient in the ticket-level regression is positive with p < 0.001."""
    fit = evidence.cached("ticket_fit", lambda: ticket_csat_fit(evidence.tables))
    coef = fit.loc["first_contact_resolved", "coefficient"]
    p = fit.loc["first_contact_resolved", "p_value"]
    return Verdict(coef > 0 and p < 0.001, coef, f"FCR coefficient {coef:.2f}, p = {p:.2g}")


@claim(
    "3.3",
    module=3,
    needs=("tickets", "surveys"),
    sentence="Months with slower first responses have a lower mean support CSAT: the points "
    "slope downwards.",
)
def slower_answers_lower_csat(evidence: Evidence) -> Verdict:
    """Same-month correlation of median response hours and mean support CSAT is negative."""
    m = evidence.measures
    r = m["median_response_hours"].corr(m["support_csat"])
    return Verdict(r < -0.3, r, "same-month r of response hours and CSAT")


def one_off_orders_per_100_households(tables) -> pd.Series:
    """One-off orders of household customers per 100 households active in the month.

    Computed as in the lesson: a household is active in a month if it signed up before the
    month ends and had not churned before the month started.
    """
    orders, customers = tables["orders"], tables["customers"]
    households = customers[customers["segment"] == "household"]
    one_off = orders[(orders["segment"] == "household") & (orders["order_type"] == "one-off")]
    counts = one_off.groupby(month_of(one_off["ordered_at"])).size()
    active = {
        month: int(
            (
                (households["signup_at"] < (month + 1).start_time)
                & (households["churned_at"].isna() | (households["churned_at"] >= month.start_time))
            ).sum()
        )
        for month in counts.index
    }
    return (100 * counts / pd.Series(active)).rename("one_off_orders_per_100_households")


@claim(
    "3.5",
    module=3,
    needs=("orders", "customers", "tickets", "surveys"),
    sentence="Loyalty follows satisfaction: a month with a higher support CSAT is followed, a "
    "month later, by more one-off orders per 100 households.",
)
def csat_comes_before_repeat_orders(evidence: Evidence) -> Verdict:
    """CSAT leads the one-off order rate by one month: r > 0 with p < 0.05."""
    rate = evidence.cached("one_off", lambda: one_off_orders_per_100_households(evidence.tables))
    table = lagged_correlation(evidence.measures["support_csat"], rate, max_lag=3)
    r, p = table.loc[1, "correlation"], table.loc[1, "p_value"]
    return Verdict(r > 0 and p < 0.05, r, f"r at lag 1 = {r:.2f}, p = {p:.3f}")


@claim(
    "3.9",
    module=3,
    needs=("production_batches", "price_index", "initiatives"),
    sentence="Part of the month-to-month link between the defect rate and the real cost per good "
    "meal is a common cause: held against the process improvements that lower both, it shrinks.",
)
def defects_and_cost_share_a_cause(evidence: Evidence) -> Verdict:
    """Controlling for improvements two months earlier lowers the (positive) raw r."""
    m = evidence.measures
    raw = m["defect_rate"].corr(m["real_cost_per_good_unit"])
    partial = partial_correlation(
        m["defect_rate"],
        m["real_cost_per_good_unit"],
        {"improvements 2 months earlier": m["improvements_started"].shift(2)},
    )["correlation"]
    return Verdict(
        raw > 0 and partial < raw,
        partial,
        f"raw r = {raw:.2f}, partial r = {partial:.2f}",
    )


@claim(
    "3.10",
    module=3,
    needs=("erp_invoices", "invoices"),
    sentence="The spreadsheet's monthly total was wrong in most months.",
)
def spreadsheet_off_in_most_months(evidence: Evidence) -> Verdict:
    """Months where the spreadsheet total (dates read month-first) is off the books by > 1 GBP."""
    erp, invoices = evidence.tables["erp_invoices"], evidence.tables["invoices"]
    books = invoices.groupby(month_of(invoices["issued_on"]))["amount"].sum()
    sheet_day = pd.to_datetime(erp["doc_date"], format="%m/%d/%Y", errors="coerce").fillna(
        pd.to_datetime(erp["doc_date"], format="%d/%m/%Y")
    )
    sheet = (erp["net_amount_pence"] / 100).groupby(month_of(sheet_day)).sum()
    off = (sheet.reindex(books.index) - books).abs() > 1
    share = float(off.mean())
    return Verdict(share > 0.5, share, f"{int(off.sum())} of {len(off)} months off")


# ---- Control charts of portion weights -------------------------------------------------------


def daily_portion_means(tables) -> dict[str, pd.DataFrame]:
    """Per kitchen: one row per day with the mean, the range of its five portions and the day."""
    samples = tables["quality_samples"]
    out = {}
    for kitchen, group in samples.groupby("kitchen_id", observed=True):
        weights = group.pivot(index="subgroup_id", columns="sample_no", values="portion_weight_g")
        days = group.groupby("subgroup_id")["sampled_at"].first().dt.normalize()
        out[str(kitchen)] = pd.DataFrame(
            {
                "day": days.reindex(weights.index).to_numpy(),
                "mean_g": weights.mean(axis=1).to_numpy(),
                "range_g": (weights.max(axis=1) - weights.min(axis=1)).to_numpy(),
            }
        )
    return out


def _individuals_flags(values: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """Run-rule flags of an I chart whose limits come from ``baseline`` (Phase I, revised)."""
    chart = control_chart(values, "individuals", limits_from=baseline)
    return chart.run_rules().rule > 0


@functools.cache
def chance_flags(points: int, baseline_points: int, seed: int = 0) -> np.ndarray:
    """Flags an in-control process raises by chance: simulated counts, one per simulation.

    Each simulation draws ``points`` independent normal values, sets I-chart limits from the
    first ``baseline_points`` and counts the points that break a Western Electric rule - the
    procedure of the lesson, on a process with no special cause.
    """
    rng = np.random.default_rng(seed)
    baseline = np.arange(baseline_points)
    counts = [
        int(_individuals_flags(rng.standard_normal(points), baseline).sum())
        for _ in range(_CHANCE_SIMULATIONS)
    ]
    return np.array(counts)


def _phase_one(daily: pd.DataFrame) -> np.ndarray:
    first = daily["day"].min().to_period("M")
    return (daily["day"].dt.to_period("M") < first + PHASE_ONE_MONTHS).to_numpy()


@claim(
    "3.7",
    module=3,
    needs=("quality_samples",),
    sentence="The daily means vary more than the spread within a day predicts: the day-to-day "
    "variation is part of the process, and limits from within-day ranges leave it out.",
)
def within_day_limits_too_tight(evidence: Evidence) -> Verdict:
    """Over the kitchens, sd of daily means (outside episodes) > 1.08 x (sigma within / sqrt 5)."""
    ratios = []
    for kitchen, daily in evidence.cached(
        "daily", lambda: daily_portion_means(evidence.tables)
    ).items():
        normal = daily[~episode_days(kitchen, daily["day"], aftermath=EPISODE_AFTERMATH_DAYS)]
        sigma_within = normal["range_g"].mean() / constants(5).d2
        ratios.append(normal["mean_g"].std() / (sigma_within / np.sqrt(5)))
    ratio = float(np.mean(ratios))
    return Verdict(
        ratio > 1.08, ratio, "daily-mean sd / (within-day sigma / sqrt 5), mean of the kitchens"
    )


@claim(
    "3.8",
    module=3,
    needs=("quality_samples",),
    sentence="Outside the days with an assignable cause, the I chart of daily means flags no "
    "more days than chance can give in-control kitchens.",
)
def individuals_chart_flags_like_chance(evidence: Evidence) -> Verdict:
    """Flags outside the episodes, all kitchens together, stay below chance's 99th percentile.

    Procedure of the lesson: Phase I limits from the first ``PHASE_ONE_MONTHS`` months with the
    assignable-cause days removed, applied to every day; flags counted on days outside the
    episodes (and their aftermath).
    """
    total, chance = 0, 0
    daily_means = evidence.cached("daily", lambda: daily_portion_means(evidence.tables))
    for number, (kitchen, daily) in enumerate(daily_means.items()):
        cause = episode_days(kitchen, daily["day"])
        baseline = np.flatnonzero(_phase_one(daily) & ~cause)
        flags = _individuals_flags(daily["mean_g"].to_numpy(), baseline)
        outside = ~episode_days(kitchen, daily["day"], aftermath=EPISODE_AFTERMATH_DAYS)
        total += int(flags[outside].sum())
        chance = chance + chance_flags(int(outside.sum()), len(baseline), seed=number)
    limit = float(np.percentile(chance, 99))
    return Verdict(
        total <= limit,
        total,
        f"{total} flags outside episodes; chance: mean {chance.mean():.1f}, 99th pct {limit:.0f}",
    )
