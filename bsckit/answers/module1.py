"""Answer key of module 1, alignment: every exercise computed from the data in use.

Each ``_key_*`` function receives the module's :class:`~bsckit.answers.ExerciseData` and
returns a :class:`~bsckit.check.Check`: the expected answer, the mistakes learners make (each
computed from the same data with the mistaken method), hints that never give the answer away,
a success text worded from the computed result, and a worked solution shown only on request.
:data:`EXERCISES` lists them in notebook order with their minutes (the one source of timings).

Task material the notebook shows is defined once: :func:`quiz_items` (the leading/lagging quiz
of exercise 1.3, data in ``bsckit/answers/material.yaml``), :data:`MATERIALITY_SHARE` and
:data:`PHASE_ONE_MONTHS` (exercise 1.7).

Examples
--------
>>> [e.id for e in EXERCISES][:3]
['1.1', '1.2', '1.3']
>>> sum(e.minutes for e in EXERCISES)
81
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bsckit.alignment import (
    cascade_findings,
    cascade_scorecard,
    check_proposals,
    escalation_routes,
    monthly_signals,
    resolve_ownership,
    revenue_by_definition,
)
from bsckit.answers import Exercise, ExerciseData, material
from bsckit.answers.quiz import all_one_kind, quiz_check, quiz_state
from bsckit.check import Check, Mistake
from bsckit.processes import lagged_correlation
from bsckit.widgets import QuizItem

__all__ = ["EXERCISES", "MATERIALITY_SHARE", "PHASE_ONE_MONTHS", "quiz_items"]

MATERIALITY_SHARE = 0.05
"""Exercise 1.7: a deviation of EBIT is material from 5 % of the phase-I mean monthly net revenue."""

PHASE_ONE_MONTHS = 12
"""Exercise 1.7: the first 12 months set the natural limits (phase I)."""

_SIGNAL_TABLES = ("orders", "tickets", "surveys", "customers", "finance_monthly")


def quiz_items() -> tuple[QuizItem, ...]:
    """The measures of Homeats' first scorecard to classify as leading or lagging (exercise 1.3).

    Examples
    --------
    >>> len(quiz_items()), sorted({i.answer for i in quiz_items()})
    (10, ['lagging', 'leading'])
    """
    return tuple(QuizItem(*item) for item in material("module1_quiz"))


def _fmt(x: float) -> str:
    return f"{x:,.0f}"


def _findings(data: ExerciseData) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        return cascade_findings(cascade_scorecard(data.table("department_targets")))

    return data.cached("cascade_findings", compute)


# 1.1 -----------------------------------------------------------------------------------------
def _key_duplicates(data: ExerciseData, using: Any) -> Check:
    found = _findings(data)
    redundant = set(found.loc[found["kind"] == "redundant", "measure"])
    conflicting = set(found.loc[found["kind"] == "conflicting", "measure"])
    expected = redundant - conflicting
    targets = data.table("department_targets")
    counts = targets.groupby("measure")["objective"].nunique()
    shared = set(counts[counts > 1].index)
    differ = (
        set(
            found.loc[
                (found["kind"] == "redundant") & found["message"].str.contains("differ"), "measure"
            ]
        )
        - conflicting
    )
    return Check(
        "1.1 duplicated targets",
        expected=expected,
        mistakes=(
            Mistake(
                "all_redundant",
                "you kept every measure the redundancy check names. Some of them are also "
                "in the conflict list: those are not simple duplicates but a tug of war. "
                "Take the conflicting measures out.",
                answer=redundant,
            ),
            Mistake(
                "shared_measures",
                "you listed every measure that appears in more than one objective. A "
                "measure cascaded from parent to child is meant to appear twice; only "
                "targets the cascade does not connect are duplicates.",
                answer=shared,
            ),
            Mistake(
                "only_differing",
                "you kept only duplicates whose targets differ. Two departments chasing the "
                "same measure with the *same* target are still duplicated work: keep those "
                "too.",
                answer=differ,
            ),
        ),
        hints=(
            "Start from cascade_findings(card): one row per finding, with its kind.",
            "A duplicate is a measure in the redundant rows that is in no conflicting row.",
        ),
        success=f"{len(expected)} measure(s) - {', '.join(sorted(expected))} - are chased by "
        "departments the cascade does not connect. Each needs one home: keep the target in one "
        "objective and cascade the other from it.",
        reveal="redundant = set(findings.loc[findings['kind'] == 'redundant', 'measure'])\n"
        "conflicting = set(findings.loc[findings['kind'] == 'conflicting', 'measure'])\n"
        "duplicates = redundant - conflicting",
    )


# 1.2 -----------------------------------------------------------------------------------------
def _key_tug_of_war(data: ExerciseData, using: Any) -> Check:
    targets = data.table("department_targets")
    directions = targets.groupby("measure")["direction"].nunique()
    expected = set(directions[directions > 1].index)
    found = _findings(data)
    conflicting = set(found.loc[found["kind"] == "conflicting", "measure"])
    units = targets.groupby("measure")["unit"].nunique()
    return Check(
        "1.2 measures pulled both ways",
        expected=expected,
        mistakes=(
            Mistake(
                "all_conflicts",
                "you kept every conflicting measure. Some conflict for other reasons (two "
                "units, children's targets that do not add up); keep only the measures whose "
                "*direction* differs between departments.",
                answer=conflicting,
            ),
            Mistake(
                "units_only",
                "you found the measure with two units. That is a definition to reconcile, "
                "not two departments pulling opposite ways: look at `direction`.",
                answer=set(units[units > 1].index),
            ),
        ),
        hints=(
            "Each row of department_targets says which way its department wants the "
            "measure to go (`direction`).",
            "Count the distinct directions per measure; more than one is a tug of war.",
        ),
        success=f"{' and '.join(sorted(expected))}: one department wants each up (or held in a "
        "band), another wants it down. No target can satisfy both, so the executive team must "
        "settle the trade-off - for example a minimum hold time for the quality check, and "
        "speed measured after it.",
        reveal="directions = targets.groupby('measure')['direction'].nunique()\n"
        "tug_of_war = set(directions[directions > 1].index)",
    )


# 1.3 -----------------------------------------------------------------------------------------
def _key_quiz(data: ExerciseData, using: Any) -> Check:
    def financial_only_lagging(quiz: Any) -> bool:
        state = quiz_state(quiz)
        if state is None:
            return False
        pairs = [(g, r, i.measure) for g, r, i in zip(*state, quiz.items, strict=True)]
        wrong = [m for g, r, m in pairs if g is not None and g != r]
        return bool(wrong) and all(
            m in ("Net Promoter Score", "Quality complaints per 1,000 orders") for m in wrong
        )

    return quiz_check(
        "1.3 leading or lagging",
        mistakes=(
            Mistake(
                "customer_scores_lagging",
                "you called NPS or complaints lagging. They are outcomes of service, yes - "
                "but for the loyalty objective they come first: detractors cancel months "
                "later, as the lesson's lagged test showed.",
                matches=financial_only_lagging,
            ),
            Mistake(
                "all_one_kind",
                "you gave every measure the same answer. An objective needs both: what "
                "moves first (leading) and the result it produces (lagging).",
                matches=all_one_kind,
            ),
        ),
        hints=(
            "For each measure ask: does it move before the objective's result does "
            "(leading), or does it record the result (lagging)?",
            "Leading and lagging depend on the objective: read the objective in brackets.",
        ),
        success="Each objective now has a measure that warns and one that confirms. Financial "
        "results sit at the end of every chain, which is why a scorecard of them alone steers "
        "by the rear-view mirror.",
        reveal="Lagging: net revenue, churn, operating margin, post-sale CSAT, DSO. Leading: NPS, "
        "quality complaints, on-time delivery, training hours, first-contact resolution.",
    )


# 1.4 -----------------------------------------------------------------------------------------
def _signals(data: ExerciseData) -> pd.DataFrame:
    return data.cached(
        "signals", lambda: monthly_signals({n: data.table(n) for n in _SIGNAL_TABLES})
    )


def _key_warning(data: ExerciseData, using: Any) -> Check:
    s = _signals(data)
    table = lagged_correlation(s["nps"], s["subscription_growth"], max_lag=6, min_lag=1)
    expected = table["correlation"]
    lead = int(expected.idxmax())  # NPS up, growth up: the predicted sign is positive
    reversed_ = lagged_correlation(s["subscription_growth"], s["nps"], max_lag=6, min_lag=1)
    levels = lagged_correlation(s["nps"], s["subscription_revenue"], max_lag=6, min_lag=1)
    with_zero = lagged_correlation(s["nps"], s["subscription_growth"], max_lag=6)
    return Check(
        "1.4 months of warning",
        expected=expected,
        mistakes=(
            Mistake(
                "reversed",
                "you put revenue growth first. The cause goes first: "
                "lagged_correlation(signals['nps'], signals['subscription_growth'], ...).",
                answer=reversed_["correlation"],
            ),
            Mistake(
                "revenue_level",
                "you used the revenue level. A level that trends correlates with anything "
                "that trends; churn shows in the month-on-month growth.",
                answer=levels["correlation"],
            ),
            Mistake(
                "lag_zero",
                "your table includes lag 0. A same-month correlation gives no warning: "
                "start at lag 1 (min_lag=1).",
                answer=with_zero["correlation"],
            ),
        ),
        hints=(
            "lagged_correlation(cause, effect, max_lag=..., min_lag=...) returns a table "
            "indexed by lag; you want its `correlation` column.",
            "The cause is NPS, the effect subscription revenue growth; lags 1 to 6.",
        ),
        success=f"The positive correlation is strongest with NPS leading by {lead} month(s) "
        f"(r = {expected.loc[lead]:.2f}): a fall in NPS is visible that long before the "
        "subscription revenue it costs. A scorecard that waits for revenue loses those months.",
        reveal="warning = lagged_correlation(signals['nps'], signals['subscription_growth'], "
        "max_lag=6, min_lag=1)['correlation']",
    )


# 1.5 -----------------------------------------------------------------------------------------
def _key_overlaps(data: ExerciseData, using: Any) -> Check:
    claims = data.table("accountability_claims")
    unique = claims.drop_duplicates(["metric_id", "department", "role"])
    acc = unique[unique["role"] == "accountable"].groupby("metric_id").size()
    expected = acc[acc > 1]
    raw = claims[claims["role"] == "accountable"].groupby("metric_id").size()
    every = unique.groupby("metric_id").size()
    return Check(
        "1.5a overlapping accountability",
        expected=expected,
        check_names=False,
        mistakes=(
            Mistake(
                "duplicates_counted",
                "some departments submitted the same claim twice; count each department "
                "once per metric (drop duplicate rows first).",
                answer=raw[raw > 1],
            ),
            Mistake(
                "all_roles",
                "you counted contributors too. An overlap is two or more departments "
                "claiming to be *accountable*.",
                answer=every[every > 1],
            ),
            Mistake(
                "kept_single",
                "you kept metrics with a single accountable department; keep only the "
                "overlaps (more than one).",
                answer=acc,
            ),
        ),
        hints=(
            "Work on accountable claims only, each department once per metric.",
            "Count departments per metric_id and keep the counts above 1.",
        ),
        success=f"{len(expected)} metrics have more than one department claiming them, "
        f"{int((expected > 2).sum())} of them three or more. Where everyone is accountable, "
        "no one is: each needs one owner and named contributors.",
        reveal="unique = claims.drop_duplicates(['metric_id', 'department', 'role'])\n"
        "counts = unique[unique['role'] == 'accountable'].groupby('metric_id').size()\n"
        "overlaps = counts[counts > 1]",
    )


def _key_owner(data: ExerciseData, using: Any) -> Check:
    claims = data.table("accountability_claims")
    resolved = resolve_ownership(claims, data.table("metric_catalogue"), data.table("departments"))
    expected = resolved["accountable"]
    acc = claims[claims["role"] == "accountable"]
    first = acc.sort_values(["submitted_on", "claim_id"]).groupby("metric_id")["department"].first()
    alpha = acc.sort_values("department").groupby("metric_id")["department"].first()
    return Check(
        "1.5b one accountable department",
        expected=expected,
        check_names=False,
        mistakes=(
            Mistake(
                "first_to_claim",
                "you gave each metric to the department that claimed it first. Speed of "
                "submission is no reason to own a metric: follow the catalogue's owner.",
                answer=first.reindex(expected.index),
            ),
            Mistake(
                "alphabetical",
                "you took the first claimant in alphabetical order. Follow the catalogue's "
                "owner role to the department it heads.",
                answer=alpha.reindex(expected.index),
            ),
        ),
        hints=(
            "The metric catalogue names one owner role per metric; the departments table "
            "says which department each role heads.",
            "Map metric_id -> owner -> department (a Series indexed by metric_id).",
        ),
        success="Every metric now has one accountable department, the one whose head the "
        "catalogue names; the other claimants stay on as contributors, which is where "
        "shared outcomes such as NPS get their support.",
        reveal="heads = departments.set_index('head_role')['department']\n"
        "accountable = catalogue.set_index('metric_id')['owner'].map(heads)",
    )


# 1.6 -----------------------------------------------------------------------------------------
def _catalogue_months(data: ExerciseData) -> pd.Index:
    months = data.table("finance_monthly")["month"]
    return pd.DatetimeIndex(months, name="period_start")


def _key_sales_monthly(data: ExerciseData, using: Any) -> Check:
    orders, returns = data.table("orders"), data.table("returns")
    months = _catalogue_months(data)
    expected = revenue_by_definition(
        orders, returns, amounts="gross", orders_counted="all orders placed"
    ).reindex(months)
    exports = data.table("dashboard_exports")
    weekly = exports[exports["dashboard"] == "sales"]
    by_start = (
        weekly.groupby(weekly["period_start"].dt.to_period("M").dt.start_time)["value"]
        .sum()
        .reindex(months)
    )
    delivered = revenue_by_definition(orders, returns, amounts="gross").reindex(months)
    net = revenue_by_definition(orders, returns, orders_counted="all orders placed").reindex(months)
    return Check(
        "1.6a the sales dashboard by month",
        expected=expected,
        check_names=False,
        rtol=0,
        atol=0.01,
        mistakes=(
            Mistake(
                "weeks_by_start_month",
                "you added up the weekly export by the month each week starts in. A week "
                "that straddles a month end then books days of the next month: recompute "
                "from the orders instead.",
                answer=by_start,
            ),
            Mistake(
                "delivered_only",
                "you counted delivered orders only. The sales dashboard counts every order "
                "placed, failed deliveries included.",
                answer=delivered,
            ),
            Mistake("net", "you deducted refunds; the sales dashboard is gross.", answer=net),
        ),
        hints=(
            "revenue_by_definition has one parameter per definition choice; read the "
            "sales row of `dashboards`.",
            "Keep the months of finance_monthly (reindex) so every series has the same 24 rows.",
        ),
        success="Recomputed from the orders at a monthly grain, the sales figure is exact; "
        "adding up weekly exports by hand cannot be, because weeks do not stop at month ends.",
        reveal="sales_monthly = revenue_by_definition(orders, returns, amounts='gross', "
        "orders_counted='all orders placed').reindex(months)",
    )


def _key_gap(data: ExerciseData, using: Any) -> Check:
    orders, returns = data.table("orders"), data.table("returns")
    months = _catalogue_months(data)
    # From the second month: deliveries of orders placed before the data starts are missing.
    net = revenue_by_definition(orders, returns).reindex(months[1:])
    ops = revenue_by_definition(
        orders, returns, amounts="gross", date_basis="delivery date"
    ).reindex(months[1:])
    gap = (ops - net) / net
    expected = float(gap.abs().max() * 100)
    every = revenue_by_definition(orders, returns).reindex(months)
    all_gap = (
        revenue_by_definition(orders, returns, amounts="gross", date_basis="delivery date")
        .reindex(months)
        .sub(every)
        .div(every)
    )
    return Check(
        "1.6b largest disagreement",
        expected=expected,
        rtol=0,
        atol=0.05,
        mistakes=(
            Mistake(
                "first_month_included",
                "you included the first month. Its delivery-date figure misses the deliveries "
                "of orders placed before the data starts, an artefact of where the data begins: "
                "compare from the second month on.",
                answer=float(all_gap.abs().max() * 100),
            ),
            Mistake(
                "fraction",
                "you gave a fraction; give the gap in percent of net revenue.",
                answer=float(gap.abs().max()),
            ),
            Mistake(
                "gbp",
                "you gave pounds; divide the gap by that month's net revenue first.",
                answer=float((ops - net).abs().max()),
            ),
        ),
        hints=(
            "Recompute the operations definition monthly (gross, delivery date) and the "
            "catalogue's net revenue for the same months, from the second month on.",
            "Per month: (operations - net) / net; then the largest absolute value, x 100.",
        ),
        success=f"In the worst month the operations dashboard was {expected:.1f} % away from "
        "net revenue: refunds it ignores, plus orders it books in the month they arrive rather "
        "than the month they were sold. A scorecard keeps one definition and retires the rest.",
        reveal="gap = (ops_monthly - net_monthly) / net_monthly\n"
        "largest_gap_pct = gap.abs().max() * 100",
    )


# 1.7 -----------------------------------------------------------------------------------------
def _ebit(data: ExerciseData) -> pd.Series:
    finance = data.table("finance_monthly")
    return pd.Series(finance["ebit"].to_numpy(dtype=float), index=finance["month"], name="ebit")


def _key_limits(data: ExerciseData, using: Any) -> Check:
    from bsckit.spc import control_chart

    ebit = _ebit(data)
    chart = control_chart(ebit.to_numpy(), "individuals", limits_from=range(PHASE_ONE_MONTHS))
    expected = (float(chart.lcl), float(chart.ucl))
    base = ebit.iloc[:PHASE_ONE_MONTHS]
    sd = (float(base.mean() - 3 * base.std()), float(base.mean() + 3 * base.std()))
    whole = control_chart(ebit.to_numpy(), "individuals")
    return Check(
        "1.7a natural limits of EBIT",
        expected=expected,
        rtol=1e-4,
        mistakes=(
            Mistake(
                "standard_deviation",
                "you used the standard deviation of the first year. Natural limits take sigma "
                "from the average moving range (an individuals chart), which a trend or a "
                "one-off month does not inflate.",
                answer=sd,
            ),
            Mistake(
                "whole_period",
                f"you set the limits on all {len(ebit)} months. Phase I is the first "
                f"{PHASE_ONE_MONTHS}: the months you judge must not move their own limits.",
                answer=(float(whole.lcl), float(whole.ucl)),
            ),
        ),
        hints=(
            "control_chart(values, 'individuals', limits_from=...) on the monthly EBIT.",
            f"limits_from=range({PHASE_ONE_MONTHS}); give (lower, upper) as a tuple.",
        ),
        success=f"EBIT between {_fmt(expected[0])} and {_fmt(expected[1])} GBP is the "
        "month-to-month noise of Homeats as it ran in its first year; a month outside is a "
        "signal that something changed.",
        reveal="chart = control_chart(ebit.to_numpy(), 'individuals', limits_from=range(12))\n"
        "ebit_limits = (chart.lcl, chart.ucl)",
    )


def _key_routes(data: ExerciseData, using: Any) -> Check:
    finance = data.table("finance_monthly")
    ebit = _ebit(data)
    materiality = MATERIALITY_SHARE * float(finance["net_revenue"].iloc[:PHASE_ONE_MONTHS].mean())
    routes = escalation_routes(ebit, materiality=materiality, phase_one=PHASE_ONE_MONTHS)
    expected = routes["route"]
    either = pd.Series(
        np.where(routes["material"] | routes["signal"], "executives", "none"), index=routes.index
    )
    tiny = escalation_routes(ebit, materiality=MATERIALITY_SHARE, phase_one=PHASE_ONE_MONTHS)
    executives = int((expected == "executives").sum())
    return Check(
        "1.7b who sees the deviation",
        expected=expected,
        check_names=False,
        mistakes=(
            Mistake(
                "either_rule",
                "you sent a month to the executives when it was material *or* a signal. "
                "The executives get a month only when both hold; the rest goes to the "
                "process owner.",
                answer=either,
            ),
            Mistake(
                "materiality_as_share",
                f"your materiality is {MATERIALITY_SHARE:g} pounds: every deviation is "
                "material. Multiply the share by the phase-I mean monthly net revenue.",
                answer=tiny["route"],
            ),
        ),
        hints=(
            "escalation_routes(values, materiality=..., phase_one=...) does the routing; "
            "you choose the inputs.",
            f"materiality = {MATERIALITY_SHARE:g} x the mean net revenue of the first "
            f"{PHASE_ONE_MONTHS} months; phase_one = {PHASE_ONE_MONTHS}.",
        ),
        success=f"{executives} of the 12 months reach the executives; "
        f"{int((expected == 'operations').sum())} go to the process owner and the rest need "
        "no action. Routing by materiality and by natural limits together keeps the board "
        "out of noise without hiding a change that matters.",
        reveal="materiality = 0.05 * finance['net_revenue'].iloc[:12].mean()\n"
        "routes = escalation_routes(ebit, materiality=materiality, phase_one=12)['route']",
    )


# 1.8 -----------------------------------------------------------------------------------------
def _key_failing(data: ExerciseData, using: Any) -> Check:
    proposals = data.table("measure_proposals")
    result = check_proposals(proposals)
    expected = set(result.index[~result["passes"]])
    medium = proposals.copy()
    medium.loc[medium["gaming_risk"] == "medium", "safeguard"] = None
    medium["gaming_risk"] = medium["gaming_risk"].astype(str).replace("medium", "high")
    medium_result = check_proposals(medium)
    no_guard = proposals.copy()
    no_guard["safeguard"] = None
    no_cost = result.drop(columns=["cost of collection"])

    return Check(
        "1.8a proposals that fail",
        expected=expected,
        mistakes=(
            Mistake(
                "medium_gaming_fails",
                "you failed medium gaming risks too. Only a *high* risk with no safeguard "
                "fails; a medium risk is watched, not refused.",
                answer=set(medium_result.index[~medium_result["passes"]]),
            ),
            Mistake(
                "safeguard_ignored",
                "you failed every high gaming risk. A safeguard (an audit, a paired "
                "measure) answers the risk: only high risks *without* one fail.",
                answer=set(check_proposals(no_guard).query("~passes").index),
            ),
            Mistake(
                "cost_ignored",
                "you left out the cost of collection. A measure that takes more than a "
                "day a month to collect fails too.",
                answer=set(no_cost.index[no_cost.drop(columns=["passes", "fails"]).any(axis=1)]),
            ),
        ),
        hints=(
            "check_proposals(proposals) applies the four criteria; read proposal_criteria() "
            "first to see what each tests.",
            "A proposal fails when it fails any criterion: keep the ids where `passes` is False.",
        ),
        success=f"{len(expected)} of {len(proposals)} proposals fail. The kitchen managers "
        "get a reason for each, tied to a criterion they agreed to - which is what makes the "
        "final scorecard theirs rather than imposed.",
        reveal="checked = check_proposals(proposals)\n"
        "failing = set(checked.index[~checked['passes']])",
    )


def _key_reasons(data: ExerciseData, using: Any) -> Check:
    proposals = data.table("measure_proposals")
    result = check_proposals(proposals)
    criteria = [c for c in result.columns if c not in ("passes", "fails")]
    expected = result[criteria].sum().astype(int)
    first_only = (
        result.loc[~result["passes"], "fails"]
        .str.split("; ")
        .str[0]
        .value_counts()
        .reindex(criteria, fill_value=0)
        .astype(int)
    )
    share = result[criteria].mean()
    top = expected.idxmax()
    return Check(
        "1.8b failures per criterion",
        expected=expected,
        check_names=False,
        mistakes=(
            Mistake(
                "first_reason_only",
                "you counted each failing proposal once, under its first reason. A "
                "proposal can fail several criteria; count every failure.",
                answer=first_only,
            ),
            Mistake(
                "share",
                "you gave shares; give the number of proposals failing each criterion.",
                answer=share,
            ),
        ),
        hints=(
            "The criterion columns of check_proposals(...) are True where a proposal fails.",
            "Add up each criterion column (True counts as 1).",
        ),
        success=f"'{top}' stops the most proposals ({int(expected.max())}). That tells the "
        "workshop where to help: a measure that fails on data can be collected first; one "
        "that fails on controllability belongs to someone else's scorecard.",
        reveal="checked = check_proposals(proposals)\n"
        "failures_by_criterion = checked[criteria].sum()",
    )


# 1.9 -----------------------------------------------------------------------------------------
_PERSPECTIVES = ("financial", "customer", "internal_processes", "learning_growth")


def _card(data: ExerciseData) -> Any:
    from bsckit.scorecard import load_scorecard

    path = data.scorecard_path
    return load_scorecard(path) if path.is_file() else None


def _key_first_scorecard(data: ExerciseData, using: Any) -> Check:
    def missing(card: Any) -> list[str]:
        have = {o.perspective.value for o in card.objectives}
        return [p for p in _PERSPECTIVES if p not in have]

    def judge(_answer: Any) -> tuple[bool | None, str]:
        card = _card(data)
        if card is None or not card.objectives:
            return None, "save your objectives with the builder above, then add the links."
        gaps = missing(card)
        if gaps:
            return False, f"no objective yet on: {', '.join(gaps)}."
        unowned = [o.name for o in card.objectives if not o.owners]
        if unowned:
            return False, f"objectives without an owner: {', '.join(unowned)}."
        if len(card.links) < 3:
            return False, f"{len(card.links)} cause-and-effect link(s); the map needs at least 3."
        return True, ""

    def no_links(_answer: Any) -> bool:
        card = _card(data)
        return card is not None and not missing(card) and not card.links

    def finance_only(_answer: Any) -> bool:
        card = _card(data)
        return (
            card is not None
            and bool(card.objectives)
            and {o.perspective.value for o in card.objectives} == {"financial"}
        )

    return Check(
        "1.9 your first scorecard",
        expected=None,
        judge=judge,
        mistakes=(
            Mistake(
                "no_links",
                "your objectives are saved but not linked. The strategy map is the "
                "cause-and-effect story: add_link(path, cause, effect) for each arrow.",
                matches=no_links,
            ),
            Mistake(
                "finance_only",
                "every objective is financial - the backward-looking view this module "
                "warns about. Add what drives it: customers, processes, people.",
                matches=finance_only,
            ),
        ),
        hints=(
            "One objective per perspective at least, each with an owner (the builder's Owner box).",
            "Then link them bottom-up: learning -> processes -> customer -> financial.",
        ),
        success="Your first scorecard is saved: objectives on all four perspectives, each "
        "owned, joined by cause-and-effect links. The next modules add to this file.",
        reveal="Save four objectives with the builder (one per perspective, with owners), then "
        "add_link(path, 'Train the support team', 'Resolve at first contact') and so on up to "
        "the financial objective.",
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise("1.1", "duplicated targets", 6, "cascade and conflicting targets", _key_duplicates),
    Exercise(
        "1.2", "measures pulled both ways", 5, "cascade and conflicting targets", _key_tug_of_war
    ),
    Exercise("1.3", "leading or lagging?", 5, "leading and lagging indicators", _key_quiz),
    Exercise("1.4", "months of warning", 7, "leading and lagging indicators", _key_warning),
    Exercise("1.5a", "overlapping accountability", 6, "ownership", _key_overlaps),
    Exercise("1.5b", "one accountable department", 5, "ownership", _key_owner),
    Exercise("1.6a", "the sales dashboard by month", 7, "dashboards", _key_sales_monthly),
    Exercise("1.6b", "largest disagreement", 6, "dashboards", _key_gap),
    Exercise("1.7a", "natural limits of EBIT", 5, "thresholds", _key_limits),
    Exercise("1.7b", "who sees the deviation", 5, "thresholds", _key_routes),
    Exercise("1.8a", "proposals that fail", 6, "co-development", _key_failing),
    Exercise("1.8b", "failures per criterion", 4, "co-development", _key_reasons),
    Exercise("1.9", "your first scorecard", 14, "first scorecard", _key_first_scorecard),
)
"""Module 1's exercises in notebook order, with their minutes (the one source of timings)."""
