"""Answer key of module 3, internal processes: every exercise computed from the data in use.

Each ``_key_*`` function receives the module's :class:`~bsckit.answers.ExerciseData` and
returns a :class:`~bsckit.check.Check`: the expected answer, the mistakes learners actually
make (each computed from the same data with the mistaken method), general hints that never
give the answer away, a success text worded from the computed result, and a worked solution
shown only when the learner asks for it. :data:`EXERCISES` lists them in notebook order with
their minutes, the one source of the exercise timings (measured by working through the
exercises as a new learner, wrong attempts first).

The task material the notebook shows (the candidate processes, the order-to-door steps and the
leadership roles) is data, in ``bsckit/answers/material.yaml``, read by :func:`candidate_processes`,
:func:`order_to_door_steps`, :func:`leadership_roles`.

Examples
--------
>>> [e.id for e in EXERCISES][:4]
['3.1', '3.2', '3.3a', '3.3b']
>>> len({e.id.rstrip("ab") for e in EXERCISES}) >= 8   # numbered exercises, parts a/b aside
True
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from bsckit.answers import Exercise, ExerciseData, material
from bsckit.answers.quiz import all_one_kind, quiz_check, reversed_meaning
from bsckit.answers.thresholds import threshold_check
from bsckit.check import Check, Mistake, compare_answer, is_placeholder

__all__ = [
    "BASELINE_MONTHS",
    "EXERCISES",
    "PHASE_ONE_MONTHS",
    "candidate_processes",
    "daily_portion_means",
    "first_kitchen",
    "leadership_roles",
    "order_to_door_steps",
]

BASELINE_MONTHS = 12
"""The baseline year for benchmarks and thresholds: the first 12 months of the data."""

PHASE_ONE_MONTHS = 6
"""Phase I of the control chart: limits are set on the first 6 months of days."""

_TABLES = (
    "orders",
    "market_studies",
    "operating_costs",
    "initiatives",
    "production_batches",
    "price_index",
    "tickets",
)


# ---------------------------------------------------------------------------------------------
# Task material (shown in the notebook, read by the key)
# ---------------------------------------------------------------------------------------------


def candidate_processes() -> pd.DataFrame:
    """The processes a Homeats workshop proposed for the scorecard (exercise 3.1).

    Examples
    --------
    >>> candidate_processes().shape
    (10, 3)
    """
    rows = material("module3_candidate_processes")
    return pd.DataFrame(rows, columns=["process", "customer_feels_it", "differentiator"])


def order_to_door_steps() -> pd.DataFrame:
    """Which step of the order-to-door process, and which department, each ticket topic points to.

    Billing topics belong to another end-to-end process (invoice to cash) and are listed with
    ``process`` "invoice to cash" so the learner filters them out.

    Examples
    --------
    >>> steps = order_to_door_steps()
    >>> sorted(steps.loc[steps["process"] == "order to door", "department"].unique())
    ['Customer service', 'Delivery', 'Kitchens']
    """
    rows = material("module3_order_to_door_steps")
    return pd.DataFrame(rows, columns=["topic", "process", "step", "department"])


def leadership_roles() -> pd.DataFrame:
    """Homeats leadership roles and the departments each one directs (exercise 3.9).

    Examples
    --------
    >>> leadership_roles().loc["Chief Operating Officer", "departments"]
    'Kitchens; Delivery; Customer service'
    """
    rows = material("module3_leadership_roles")
    return pd.DataFrame(rows, columns=["role", "departments"]).set_index("role")


def first_kitchen(data: ExerciseData | pd.DataFrame) -> str:
    """The first kitchen id (in sorted order) of the quality samples."""
    samples = data if isinstance(data, pd.DataFrame) else data.table("quality_samples")
    return sorted(samples["kitchen_id"].astype(str).unique())[0]


def daily_portion_means(samples: pd.DataFrame, kitchen: str) -> pd.Series:
    """Mean portion weight per day of one kitchen, indexed by day (the I-MR chart's points)."""
    own = samples[samples["kitchen_id"].astype(str) == kitchen]
    day = pd.to_datetime(own["sampled_at"]).dt.normalize().rename("day")
    return own.groupby(day)["portion_weight_g"].mean()


# ---------------------------------------------------------------------------------------------
# Shared data helpers
# ---------------------------------------------------------------------------------------------


def _measures(data: ExerciseData) -> pd.DataFrame:
    from bsckit.processes import process_measures

    return data.cached("measures", lambda: process_measures({n: data.table(n) for n in _TABLES}))


def _month(dates: pd.Series) -> pd.Series:
    from bsckit.processes import month_of

    return month_of(dates)


def _fmt_pct(value: float, digits: int = 1) -> str:
    return f"{value * 100:.{digits}f} %"


def _number(answer: Any) -> float | None:
    if isinstance(answer, bool | np.bool_):
        return None
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


# ---------------------------------------------------------------------------------------------
# 3.1 core processes
# ---------------------------------------------------------------------------------------------


def _key_core(data: ExerciseData, using: Any) -> Check:
    c = candidate_processes()
    feels, diff = c["customer_feels_it"], c["differentiator"]
    names = c["process"]
    return Check(
        "3.1 core processes",
        expected=set(names[feels | diff]),
        mistakes=(
            Mistake(
                "both_required",
                "you kept only processes that are both felt by customers *and* differentiate. "
                "A process the customer feels is value-creating: it stays even when rivals do "
                "it too.",
                answer=set(names[feels & diff]),
            ),
            Mistake(
                "customer_only",
                "you kept only what the customer feels. A support process stays when it sets "
                "Homeats apart - look at the `differentiator` column of the rest.",
                answer=set(names[feels]),
            ),
            Mistake(
                "differentiators_only",
                "you kept only the differentiators. Cooking and delivering are not unique, "
                "but the customer feels every late or cold meal: value-creating processes stay.",
                answer=set(names[diff]),
            ),
        ),
        hints=(
            "Two questions per process: does the customer feel it? If not, does it set "
            "Homeats apart?",
            "A process stays when the answer to either question is yes.",
        ),
        success="Value-creating processes stay; of the support processes only local sourcing, "
        "which sets Homeats apart, earns a place. Payroll matters, but no customer chooses "
        "Homeats for it.",
        reveal="core = set(candidates.loc[candidates['customer_feels_it'] | "
        "candidates['differentiator'], 'process'])",
    )


# ---------------------------------------------------------------------------------------------
# 3.2 leading or lagging (the quiz widget)
# ---------------------------------------------------------------------------------------------


def _key_quiz(data: ExerciseData, using: Any) -> Check:
    return quiz_check(
        "3.2 leading or lagging",
        mistakes=(
            Mistake(
                "all_one_kind",
                "you gave every measure the same answer. Each process has both: the work you "
                "do now (leading) and the result you see later (lagging).",
                matches=all_one_kind,
            ),
            Mistake(
                "reversed_meaning",
                "most of your answers are the opposite of the course's. A *leading* measure "
                "moves first and drives the result (research studies, response time); a "
                "*lagging* one records the outcome after the fact (share of sales, DSO).",
                matches=reversed_meaning,
            ),
        ),
        hints=(
            "For each measure ask: can the team act on it this week (leading), or does it "
            "only tell us afterwards how it went (lagging)?",
            "The feedback under each row says why; change the rows marked 'Not quite'.",
        ),
        success="Every process on the scorecard needs both kinds: leading measures to steer "
        "this month, lagging ones to see whether the steering worked.",
        reveal="Leading: research studies, prototypes, cycle time, improvements, response "
        "time, time to invoice. Lagging: the rest (outcomes seen afterwards).",
    )


# ---------------------------------------------------------------------------------------------
# 3.3 objectives written with the SMART builder (read back from the scorecard file)
# ---------------------------------------------------------------------------------------------

_COST_WORDS = ("cost", "cogs")


def _saved_objectives(data: ExerciseData) -> list | None:
    from bsckit.scorecard import load_scorecard

    path = data.scorecard_path
    if not path.is_file():
        return None
    return list(load_scorecard(path).objectives)


def _is_cost(measure: Any) -> bool:
    text = f"{measure.name} {measure.definition}".lower()
    return any(word in text for word in _COST_WORDS)


def _operations_candidates(objectives: list) -> list:
    return [
        o
        for o in objectives
        if o.perspective.value == "internal_processes" and any(_is_cost(m) for m in o.measures)
    ]


def _cost_measure(objective: Any) -> Any:
    return next(m for m in objective.measures if _is_cost(m))


def _ops_verdict(objective: Any) -> str | None:
    """None when the operations objective meets the brief, else what is missing."""
    m = _cost_measure(objective)
    if m.direction != "lower_is_better":
        return "the cost measure must go down: choose direction Decrease."
    if m.baseline is None:
        return "the cost measure has no baseline: the builder fills it in from the data."
    if m.target is None or m.target > 0.9 * m.baseline * (1 + 1e-9):
        return (
            f"the target ({m.target:g}) is not 10 % or more below the baseline "
            f"({m.baseline:g}): the brief is to cut cost by 10 %."
        )
    if objective.deadline is None:
        return "the objective has no deadline: pick one about 6 months ahead."
    if not objective.owners and not m.owner:
        return "the objective has no owner: who answers for it?"
    return None


def _key_ops_objective(data: ExerciseData, using: Any) -> Check:
    def judge(_answer: Any) -> tuple[bool | None, str]:
        objectives = _saved_objectives(data)
        if not objectives:
            return None, "build the objective in the builder above and click Save."
        candidates = _operations_candidates(objectives)
        if not candidates:
            return False, (
                f"{data.scorecard_path.name} holds {len(objectives)} objective(s), none on "
                "the internal-processes perspective with a cost measure."
            )
        verdicts = [_ops_verdict(o) for o in candidates]
        if None in verdicts:
            return True, ""
        return False, verdicts[-1]

    def not_ten_percent(_answer: Any) -> bool:
        objectives = _saved_objectives(data) or []
        return any(
            _ops_verdict(o) is not None and "10 %" in _ops_verdict(o)
            for o in _operations_candidates(objectives)
        )

    def wrong_perspective(_answer: Any) -> bool:
        objectives = _saved_objectives(data) or []
        return not _operations_candidates(objectives) and any(
            any(_is_cost(m) for m in o.measures) for o in objectives
        )

    def no_deadline(_answer: Any) -> bool:
        objectives = _saved_objectives(data) or []
        return any(
            _ops_verdict(o) is not None and "deadline" in _ops_verdict(o)
            for o in _operations_candidates(objectives)
        )

    return Check(
        "3.3a your operations objective",
        expected=None,
        judge=judge,
        mistakes=(
            Mistake(
                "target_not_ten_percent",
                "your target cuts less than the brief's 10 %. With change 'by % of the "
                "baseline' and target 10 the builder works the level out for you.",
                matches=not_ten_percent,
            ),
            Mistake(
                "wrong_perspective",
                "you saved a cost objective, but not on the internal-processes perspective: "
                "production cost is the operations process's own result here.",
                matches=wrong_perspective,
            ),
            Mistake(
                "no_deadline",
                "the objective has no deadline; 'in 6 months' is what makes it time-bound.",
                matches=no_deadline,
            ),
        ),
        hints=(
            "Perspective: Internal processes; measure: production cost or cost per unit; "
            "direction: Decrease.",
            "Fill in the owner and the deadline until all five criteria pass, then Save.",
        ),
        success="The vague 'cut production cost by 10 % in 6 months' is now specific (which "
        "cost), measurable (baseline and target from the data), owned and dated - and it is in "
        "your scorecard file, which the next modules build on.",
        reveal="Perspective Internal processes, measure cost per unit, Decrease by % of the "
        "baseline, target 10, deadline about 6 months ahead, owner Head of Operations, serves "
        "'Cook and deliver at lower cost'. Then Save.",
    )


def _key_second_objective(data: ExerciseData, using: Any) -> Check:
    def complete(o: Any) -> bool:
        m = o.measures[0]
        return (
            o.deadline is not None
            and bool(o.owners or m.owner)
            and m.target is not None
            and (m.baseline is None or m.baseline != m.target)
        )

    def judge(_answer: Any) -> tuple[bool | None, str]:
        objectives = _saved_objectives(data)
        if not objectives:
            return None, "save an objective with the builder above first."
        ops = _operations_candidates(objectives)
        others = [o for o in objectives if o not in ops]
        if not others and len(ops) > 1:
            return False, "every objective you saved is an operations cost objective."
        if not others:
            return None, "save a second objective (another process or measure) above."
        if any(complete(o) for o in others):
            return True, ""
        return False, "your other objective lacks a deadline, an owner or a target."

    def same_measure(_answer: Any) -> bool:
        objectives = _saved_objectives(data) or []
        ops = _operations_candidates(objectives)
        others = [o for o in objectives if o not in ops]
        return bool(ops) and not others and len(ops) > 1

    def incomplete(_answer: Any) -> bool:
        objectives = _saved_objectives(data) or []
        others = [o for o in objectives if o not in _operations_candidates(objectives)]
        return bool(others) and not any(complete(o) for o in others)

    return Check(
        "3.3b a second objective",
        expected=None,
        judge=judge,
        mistakes=(
            Mistake(
                "same_measure_again",
                "you saved the cost objective again under another name. Pick another process "
                "(innovation or post-sale service) and its own measure.",
                matches=same_measure,
            ),
            Mistake(
                "incomplete",
                "your second objective is saved without a deadline, an owner or a target: "
                "fill them in, tick 'Replace' and save again.",
                matches=incomplete,
            ),
        ),
        hints=(
            "The curriculum's other two objectives: raise the share of revenue from new dishes "
            "by 15 % in 12 months; raise satisfaction with post-sale service by 15 % in 6 "
            "months.",
            "Choose its perspective, measure, target, deadline and owner until all five "
            "criteria pass; Save.",
        ),
        success="Two processes, two SMART objectives with owners and dates: your scorecard "
        "file now has the start of an internal-processes perspective.",
        reveal="For example: Internal processes, response time to service requests, "
        "Decrease by % of the baseline 15, deadline in 6 months, owner Head of Customer "
        "Service. Then Save.",
    )


# ---------------------------------------------------------------------------------------------
# 3.4 the monthly defect rate
# ---------------------------------------------------------------------------------------------


def _key_defect_rate(data: ExerciseData, using: Any) -> Check:
    b = data.table("production_batches")
    month = _month(b["produced_on"])
    totals = b.groupby(month)[["defects", "units_made", "good_units"]].sum()
    expected = totals["defects"] / totals["units_made"]
    by_calendar_month = b.groupby(b["produced_on"].dt.month)[["defects", "units_made"]].sum()
    months = len(expected)
    worst = expected.idxmax()
    return Check(
        "3.4 monthly defect rate",
        expected=expected,
        mistakes=(
            Mistake(
                "month_of_year",
                f"you grouped by `.dt.month`, the month of the year: {len(by_calendar_month)} "
                f"rows, each adding two years' Januaries, Februaries... The data has {months} "
                "calendar months: group by `month_of(batches['produced_on'])`.",
                answer=by_calendar_month["defects"] / by_calendar_month["units_made"],
            ),
            Mistake(
                "averaged_batch_rates",
                "you averaged the batch rates. A month's rate is its total defects over its "
                "total units made: sum first, then divide, so big batches weigh more.",
                answer=(b["defects"] / b["units_made"]).groupby(month).mean(),
            ),
            Mistake(
                "good_units_denominator",
                "you divided by good units. The defect rate is defects out of everything made: "
                "divide by `units_made`.",
                answer=totals["defects"] / totals["good_units"],
            ),
            Mistake(
                "percent",
                "you gave percentages; give the rate as a fraction (0.03, not 3).",
                answer=expected * 100,
            ),
        ),
        hints=(
            "One value per calendar month: group the batches by month_of(...) of the "
            "production date.",
            "Add up the two columns you need per month before dividing.",
        ),
        success=f"Summing first weights each batch by its size. The worst month was {worst} "
        f"at {_fmt_pct(expected.max(), 2)}; averaging batch rates would let a small batch "
        "with one defect count as much as a full shift.",
        reveal="per_month = batches.groupby(month_of(batches['produced_on']))"
        "[['defects', 'units_made']].sum()\n"
        "defect_rate = per_month['defects'] / per_month['units_made']",
    )


# ---------------------------------------------------------------------------------------------
# 3.5 the operations claim: improvements -> defects -> complaints
# ---------------------------------------------------------------------------------------------

_CLAIM_LINKS = (
    ("improvements_to_defects", "improvements_started", "defect_rate"),
    ("defects_to_complaints", "defect_rate", "quality_complaints_per_1000"),
)


def _claim_table(m: pd.DataFrame, *, min_lag: int = 1, reverse: bool = False) -> pd.DataFrame:
    from bsckit.processes import lagged_correlation

    columns = {}
    for name, cause, effect in _CLAIM_LINKS:
        x, y = (m[effect], m[cause]) if reverse else (m[cause], m[effect])
        columns[name] = lagged_correlation(x, y, max_lag=6, min_lag=min_lag)["correlation"]
    return pd.DataFrame(columns)


def _key_claim(data: ExerciseData, using: Any) -> Check:
    m = _measures(data)
    expected = _claim_table(m)
    reversed_table = _claim_table(m, reverse=True)

    def one_link_reversed(answer: Any) -> bool:
        if not isinstance(answer, pd.DataFrame) or list(answer.columns) != list(expected):
            return False
        for column in expected:
            swapped = expected.copy()
            swapped[column] = reversed_table[column]
            if compare_answer(answer, swapped, rtol=1e-6)[0]:
                return True
        return False

    first, second = expected.iloc[:, 0], expected.iloc[:, 1]
    lag1, lag2 = int(first.idxmin()), int(second.idxmax())
    reading = (
        f"the most negative link of improvements to defects is at lag {lag1} "
        f"(r = {first.min():.2f}) and the most positive of defects to complaints at lag {lag2} "
        f"(r = {second.max():.2f})"
    )
    fits = first.min() < -0.5 and second.max() > 0.5
    signs = (
        "Both are strong and have the signs the claim predicts."
        if fits
        else "At least one of them is weak: the claim is not clearly supported here."
    )
    return Check(
        "3.5 testing the operations claim",
        expected=expected,
        mistakes=(
            Mistake(
                "lag_zero_included",
                "your table starts at lag 0. A same-month correlation cannot show which came "
                "first; the claim is about effects *later*: use min_lag=1.",
                answer=_claim_table(m, min_lag=0),
            ),
            Mistake(
                "cause_and_effect_swapped",
                "you passed the effect first. lagged_correlation(cause, effect) pairs the cause "
                "in month t with the effect in month t + lag; swapped, it tests the effect "
                "leading the cause.",
                answer=reversed_table,
            ),
            Mistake(
                "one_link_swapped",
                "one of your two columns has cause and effect the wrong way round: for "
                "defects -> complaints the defect rate is the cause.",
                matches=one_link_reversed,
            ),
        ),
        hints=(
            "Two calls of lagged_correlation, one per link, lags 1 to 6; keep the "
            "`correlation` column of each.",
            "Put the two Series side by side in a DataFrame with the column names given.",
        ),
        success=f"On this data {reading}. {signs} But you scanned 12 "
        f"correlations on {len(m)} months: one |r| near 0.4 turns up by chance fairly often, "
        "so trust "
        "a link when its lag and sign were predicted before you looked.",
        reveal="claim = pd.DataFrame({\n"
        "    'improvements_to_defects': lagged_correlation(measures['improvements_started'], "
        "measures['defect_rate'], max_lag=6, min_lag=1)['correlation'],\n"
        "    'defects_to_complaints': lagged_correlation(measures['defect_rate'], "
        "measures['quality_complaints_per_1000'], max_lag=6, min_lag=1)['correlation'],\n})",
    )


# ---------------------------------------------------------------------------------------------
# 3.6 marketing next to research
# ---------------------------------------------------------------------------------------------


def _research_lag(m: pd.DataFrame) -> int:
    from bsckit.processes import lagged_correlation

    table = lagged_correlation(m["market_studies"], m["new_dish_revenue_share"], min_lag=1)
    return int(table["correlation"].idxmax())


def _key_marketing(data: ExerciseData, using: Any) -> Check:
    from bsckit.processes import lagged_regression

    m = _measures(data)
    lag = _research_lag(m)
    causes = {"market_studies": m["market_studies"], "marketing_spend": m["marketing_spend"]}
    share = m["new_dish_revenue_share"]
    fit = lagged_regression(share, causes, lags={"market_studies": lag})
    p = float(fit.loc["marketing_spend", "p_value"])
    p_research = float(fit.loc["market_studies", "p_value"])
    together = float(m["marketing_spend"].corr(m["market_studies"].shift(lag)))
    if p < 0.05:
        verdict = (
            f"marketing's p-value next to the research is {p:.3f}: it adds something the "
            "research does not explain - in the same month"
        )
    elif p_research < 0.05:
        verdict = (
            f"next to the research (p = {p_research:.3f}), marketing adds nothing this data "
            f"can detect (p = {p:.2f})"
        )
    else:
        verdict = (
            f"marketing's p-value next to the research is {p:.2f} (research's {p_research:.2f}): "
            f"on {len(m)} months this regression cannot tell the two apart"
        )
    if abs(together) >= 0.5:
        together_text = (
            f"The two move together (r = {together:.2f} at the research's lag), so with "
            f"{len(m)} months the split between them is fragile."
        )
    else:
        together_text = f"The two are only weakly related (r = {together:.2f})."
    return Check(
        "3.6 marketing next to research",
        expected=p,
        mistakes=(
            Mistake(
                "research_not_lagged",
                "your regression has the research at lag 0. The research acts "
                "`research_lag` months later: pass lags={'market_studies': research_lag}.",
                answer=float(lagged_regression(share, causes).loc["marketing_spend", "p_value"]),
            ),
            Mistake(
                "research_row",
                "that is the p-value of the research term; the question is about marketing's "
                "row of the table.",
                answer=p_research,
            ),
            Mistake(
                "marketing_alone",
                "you fitted marketing alone. The point is to put the rival cause beside it: "
                "both causes go in the dict.",
                answer=float(
                    lagged_regression(share, {"marketing_spend": m["marketing_spend"]}).loc[
                        "marketing_spend", "p_value"
                    ]
                ),
            ),
        ),
        hints=(
            "lagged_regression(effect, {name: cause, ...}, lags={...}) returns one row per "
            "term with a `p_value` column.",
            "The effect is the new-dish revenue share; two causes; only the research is lagged.",
        ),
        success=f"On this data {verdict}. {together_text} A same-month correlation is also "
        "exactly what a campaign that works within the month would give; an experiment "
        "(campaigns in some cities only) could tell.",
        reveal="fit = lagged_regression(measures['new_dish_revenue_share'], {'market_studies': "
        "measures['market_studies'], 'marketing_spend': measures['marketing_spend']}, "
        "lags={'market_studies': research_lag})\nmarketing_p = fit.loc['marketing_spend', "
        "'p_value']",
    )


# ---------------------------------------------------------------------------------------------
# 3.7 a throughput benchmark and the gap to it
# ---------------------------------------------------------------------------------------------


def _benchmark(m: pd.DataFrame) -> float:
    return float(m["throughput_per_hour"].iloc[:BASELINE_MONTHS].quantile(0.75))


def _key_benchmark(data: ExerciseData, using: Any) -> Check:
    m = _measures(data)
    t = m["throughput_per_hour"]
    expected = _benchmark(m)
    return Check(
        "3.7a throughput benchmark",
        expected=expected,
        mistakes=(
            Mistake(
                "whole_period",
                "you used all the months. The benchmark comes from the baseline year, the "
                f"first {BASELINE_MONTHS}: the later months are what you compare with it.",
                answer=float(t.quantile(0.75)),
            ),
            Mistake(
                "lower_quartile",
                "you took the 25th percentile, the best quartile of a lower-is-better measure. "
                "Throughput is higher-is-better: its best quartile starts at the 75th.",
                answer=float(t.iloc[:BASELINE_MONTHS].quantile(0.25)),
            ),
            Mistake(
                "median",
                "that is the median, a typical month. A benchmark is the best quartile.",
                answer=float(t.iloc[:BASELINE_MONTHS].median()),
            ),
            Mistake(
                "last_year",
                "you used the last 12 months; the baseline year is the first 12.",
                answer=float(t.iloc[-BASELINE_MONTHS:].quantile(0.75)),
            ),
        ),
        hints=(
            "Which months are the baseline year, and which percentile is the best quartile of "
            "a higher-is-better measure?",
            "One number: a quantile of the monthly throughput over the baseline months.",
        ),
        success=f"The baseline year's best quartile starts at {expected:.1f} meals per hour: a "
        "level the process has reached before, so a fair target; an outside figure says "
        "whether it is enough.",
        reveal="throughput_benchmark = measures['throughput_per_hour'].iloc[:12].quantile(0.75)",
    )


def _key_gap(data: ExerciseData, using: Any) -> Check:
    m = _measures(data)
    t = m["throughput_per_hour"]
    mine = _number(using)
    right = _benchmark(m)
    bench = right if mine is None else mine
    recent = float(t.iloc[-6:].mean())
    expected = (bench - recent) / bench * 100
    own = (
        ""
        if mine is None or math.isclose(mine, right, rel_tol=1e-6)
        else (" (checked with your benchmark from 3.7a, which is not right yet)")
    )

    def judge_using(answer: Any) -> tuple[bool | None, str]:
        if is_placeholder(using):
            return None, "answer 3.7a first; this part uses your benchmark."
        if mine is None or mine == 0:
            return False, "pass your 3.7a benchmark (a non-zero number) as using=."
        return compare_answer(answer, expected, rtol=1e-6)

    direction = "short of" if expected > 0 else "above"
    return Check(
        "3.7b gap to your benchmark",
        expected=expected,
        judge=judge_using,
        mistakes=(
            Mistake(
                "wrong_sign",
                "your sign is the other way round: the gap is benchmark minus recent, so a "
                "shortfall is positive.",
                answer=-expected,
            ),
            Mistake(
                "fraction",
                "you gave a fraction; the gap is asked in percent of the benchmark (x 100).",
                answer=expected / 100,
            ),
            Mistake(
                "last_twelve",
                "you averaged the last 12 months; the question asks for the last 6.",
                answer=(bench - float(t.iloc[-12:].mean())) / bench * 100,
            ),
            Mistake(
                "divided_by_recent",
                "you divided by the recent average; a gap 'in % of the benchmark' divides by "
                "the benchmark.",
                answer=(bench - recent) / recent * 100,
            ),
        ),
        hints=(
            "Average the last 6 months, compare with your benchmark, express the difference "
            "in percent of the benchmark.",
            "Positive means the recent months fall short of the benchmark.",
        ),
        success=f"The last 6 months ran {abs(expected):.1f} % {direction} the benchmark{own}. "
        "A gap in percent of the benchmark reads the same for any kitchen size.",
        reveal="gap_pct = (throughput_benchmark - measures['throughput_per_hour'].iloc[-6:]"
        ".mean()) / throughput_benchmark * 100",
    )


# ---------------------------------------------------------------------------------------------
# 3.8 RAG thresholds with the threshold editor
# ---------------------------------------------------------------------------------------------


def _thresholds(rates: pd.Series) -> tuple[float, float]:
    """Green one standard deviation better than the mean, amber at the mean (lower is better)."""
    return float(rates.mean() - rates.std()), float(rates.mean())


def _key_thresholds(data: ExerciseData, using: Any) -> Check:
    m = _measures(data)
    whole = m["defect_rate"] * 100
    base = whole.iloc[:BASELINE_MONTHS]
    green, amber = _thresholds(base)
    tolerance = 0.005  # half the editor's 0.01-point slider step: what a learner can set
    mean, sd = float(base.mean()), float(base.std())
    return threshold_check(
        "3.8 RAG thresholds for the defect rate",
        expected=(green, amber),
        tolerance=tolerance,
        mistakes=(
            (
                "whole_period",
                "you used all the months; thresholds come from the baseline year (the first "
                f"{BASELINE_MONTHS} months), then judge the months after it.",
                _thresholds(whole),
            ),
            (
                "sd_added",
                "your green is one standard deviation *above* the mean. Defects are "
                "lower-is-better: better than usual means below the mean.",
                (mean + sd, mean),
            ),
            (
                "swapped",
                "green and amber are swapped: for a lower-is-better measure green is the "
                "lower threshold.",
                (amber, green),
            ),
            (
                "population_sd",
                "you used the population standard deviation (ddof=0); pandas' default "
                "`.std()` (ddof=1) is the one asked for a sample of months.",
                (mean - float(base.std(ddof=0)), mean),
            ),
        ),
        hints=(
            "Work out the two thresholds from the baseline year's monthly defect rates (in %), "
            "then set the sliders to them.",
            "Amber: the baseline mean; green: one standard deviation better than that.",
        ),
        success=f"Green up to {green:.2f} %, amber up to {amber:.2f} %: green now means "
        "'clearly better than the baseline year', amber 'no worse than usual', red 'worse "
        "than usual' - taken from the process's own baseline, not from a wish.",
        reveal="base = measures['defect_rate'].iloc[:12] * 100\ngreen at base.mean() - "
        "base.std(), amber at base.mean()",
    )


# ---------------------------------------------------------------------------------------------
# 3.9 cross-functional ownership of order to door
# ---------------------------------------------------------------------------------------------


def _step_shares(tickets: pd.DataFrame, *, keep_billing: bool = False, only: str | None = None):
    steps = order_to_door_steps()
    if not keep_billing:
        steps = steps[steps["process"] == "order to door"]
    rows = tickets if only is None else tickets[tickets["type"].astype(str) == only]
    department = rows["topic"].astype(str).map(steps.set_index("topic")["department"]).dropna()
    counts = department.value_counts().sort_index()
    counts.index.name = "department"
    return counts / counts.sum(), counts


def _key_ownership_shares(data: ExerciseData, using: Any) -> Check:
    tickets = data.table("tickets")
    expected, counts = _step_shares(tickets)
    expected = expected.rename(None)
    top = expected.idxmax()
    return Check(
        "3.9a where order-to-door tickets start",
        expected=expected,
        ignore_order=True,
        mistakes=(
            Mistake(
                "billing_included",
                "your table has Finance in it: invoice errors and payment queries belong to "
                "another end-to-end process (invoice to cash). Keep the 'order to door' steps.",
                answer=_step_shares(tickets, keep_billing=True)[0].rename(None),
            ),
            Mistake(
                "counts",
                "you gave counts of tickets; the question asks for each department's share.",
                answer=counts.rename(None),
            ),
            Mistake(
                "complaints_only",
                "you kept only tickets of type 'complaint'. Returns and repairs are tickets the "
                "process caused too.",
                answer=_step_shares(tickets, only="complaint")[0].rename(None),
            ),
            Mistake(
                "percent",
                "you gave percentages; give shares as fractions (they add up to 1).",
                answer=expected * 100,
            ),
        ),
        hints=(
            "Map each ticket's topic to its department with the steps table, keep the "
            "order-to-door process only, and count.",
            "Shares: divide the counts by their total.",
        ),
        success=f"{top} steps start {_fmt_pct(expected.max(), 0)} of the tickets, but "
        f"{len(expected)} departments each start a share: no one department can fix the "
        "customer's experience alone.",
        reveal="steps = order_to_door_steps(); door = steps[steps['process'] == 'order to "
        "door'].set_index('topic')['department']\ndept = tickets['topic'].astype(str).map(door)"
        ".dropna()\nstep_share = dept.value_counts() / dept.value_counts().sum()",
    )


def _owner(departments: set[str]) -> str:
    roles = leadership_roles()
    covering = [
        (len(d.split("; ")), role)
        for role, d in roles["departments"].items()
        if departments <= set(d.split("; "))
    ]
    return min(covering)[1]


def _key_owner(data: ExerciseData, using: Any) -> Check:
    tickets = data.table("tickets")
    shares, _ = _step_shares(tickets)
    departments = set(shares.index)
    expected = _owner(departments)
    roles = leadership_roles()
    heads = {d: r for r, d in roles["departments"].items() if "; " not in d}
    biggest = heads[shares.idxmax()]
    return Check(
        "3.9b who owns order to door",
        expected=expected,
        mistakes=(
            Mistake(
                "head_of_biggest_step",
                f"the {biggest} directs the step with the biggest share, but not the others: "
                "an owner of an end-to-end process needs authority over every step it spans.",
                answer=biggest,
            ),
            Mistake(
                "whoever_hears_it",
                "customer service hears every complaint, but cannot change how meals are "
                "cooked or driven: hearing about a problem is not owning the process.",
                answer="Head of Customer Service",
            ),
            Mistake(
                "top_of_the_tree",
                "the chief executive directs everything, and so can give the process little "
                "attention: choose the *lowest* role whose remit covers every department the "
                "process spans.",
                answer="Chief Executive Officer",
            ),
        ),
        hints=(
            "List the departments the process spans (your 3.9a index), then find the roles "
            "whose `departments` include all of them.",
            "Of those roles, the owner is the one with the narrowest remit.",
        ),
        success=f"The {expected} directs {', '.join(sorted(departments))}: one owner with "
        "authority over every step, and each department head keeps owning their step's "
        "measures. Put the end-to-end measure (tickets per 1,000 orders) on that owner's "
        "scorecard.",
        reveal="spans = set(step_share.index)\nowner = min(((len(d.split('; ')), r) for r, d in "
        "roles['departments'].items() if spans <= set(d.split('; '))))[1]",
    )


# ---------------------------------------------------------------------------------------------
# 3.10 Phase I limits on daily means; 3.11 Ppk after a stability check
# ---------------------------------------------------------------------------------------------


def _phase_one(daily: pd.Series) -> np.ndarray:
    end = daily.index[0] + pd.DateOffset(months=PHASE_ONE_MONTHS)
    return np.asarray(daily.index < end)


def _limits(values: np.ndarray, mask: np.ndarray, kind: str = "individuals") -> tuple:
    from bsckit.spc import control_chart

    chart = control_chart(values, kind, limits_from=mask)
    return chart


def _revised(daily: pd.Series) -> tuple[tuple[float, float], tuple[float, float], np.ndarray]:
    values = daily.to_numpy()
    base = _phase_one(daily)
    first = _limits(values, base)
    keep = base.copy()
    keep[[i for i in first.out_of_limits if base[i]]] = False
    second = _limits(values, keep)
    return (
        (float(first.lcl), float(first.ucl)),
        (float(second.lcl), float(second.ucl)),
        keep,
    )


def _key_phase_one(data: ExerciseData, using: Any) -> Check:
    samples = data.table("quality_samples")
    kitchen = first_kitchen(samples)
    daily = data.cached("daily", lambda: daily_portion_means(samples, kitchen))
    unrevised, expected, keep = _revised(daily)
    base = _phase_one(daily)
    own = samples[samples["kitchen_id"].astype(str) == kitchen]
    subgroups = own.pivot(index="subgroup_id", columns="sample_no", values="portion_weight_g")
    xbar = _limits(subgroups.to_numpy(), base, "xbar_r")
    whole = _limits(daily.to_numpy(), np.ones(len(daily), dtype=bool))
    removed = int(base.sum() - keep.sum())
    mistakes = [
        Mistake(
            "within_day_limits",
            "those are X-bar limits from the spread *within* a day. Homeats' portions also "
            "drift from day to day, so within-day limits are too tight and flag ordinary days; "
            "chart the daily means as individuals.",
            answer=(float(xbar.lcl), float(xbar.ucl)),
        ),
        Mistake(
            "whole_period",
            "your limits come from all the days. In Phase I only the baseline period sets the "
            "limits; the later days are monitored against them (Phase II).",
            answer=(float(whole.lcl), float(whole.ucl)),
        ),
    ]
    if removed:
        mistakes.append(
            Mistake(
                "not_revised",
                f"you stopped after the first pass. {removed} baseline day(s) fell outside "
                "those limits: remove them (an assignable cause is not part of the process's "
                "usual variation) and compute the limits again.",
                answer=unrevised,
            )
        )
    revised_text = (
        f"after removing {removed} baseline day(s) beyond the first limits"
        if removed
        else "no baseline day fell outside, so the first limits stand"
    )
    return Check(
        "3.10 Phase I limits, first kitchen",
        expected=expected,
        rtol=1e-6,
        mistakes=tuple(mistakes),
        hints=(
            "Points: one mean weight per day. Chart: individuals. Limits from: the first "
            f"{PHASE_ONE_MONTHS} months of days only.",
            "Then drop the baseline days outside those limits and set the limits again "
            "(limits_from takes a boolean mask).",
        ),
        success=f"Phase I limits {expected[0]:.1f}-{expected[1]:.1f} g ({revised_text}). Phase "
        "II judges every later day against them; day-to-day drift that belongs to the process "
        "stays inside.",
        reveal="base = np.asarray(daily.index < daily.index[0] + pd.DateOffset(months=6))\n"
        "first = control_chart(daily.to_numpy(), 'individuals', limits_from=base)\n"
        "keep = base.copy(); keep[[i for i in first.out_of_limits if base[i]]] = False\n"
        "chart = control_chart(daily.to_numpy(), 'individuals', limits_from=keep)\n"
        "phase1_limits = (chart.lcl, chart.ucl)",
    )


def _capability_reading(ppk: float, cpk: float, bar: float = 1.33) -> str:
    """What Ppk beside Cpk says, worded from the two values (no claim that may not hold)."""
    gap = (
        "The gap is what the day-to-day drift costs."
        if ppk < cpk
        else "Ppk is not below Cpk here: the days hardly drift."
    )
    if ppk >= bar:
        verdict = f"Even with the drift the kitchen meets the usual {bar} bar."
    elif cpk >= bar:
        verdict = (
            f"The within-day spread alone would pass {bar}; the drift between days pulls it "
            "below, so the drift is what to work on."
        )
    else:
        verdict = (
            f"Both are below the usual {bar}: the spread within a day is already too wide, "
            "before any drift."
        )
    return f"{gap} {verdict}"


def _key_ppk(data: ExerciseData, using: Any) -> Check:
    from bsckit.spc import capability

    samples = data.table("quality_samples")
    kitchen = first_kitchen(samples)
    own = samples[samples["kitchen_id"].astype(str) == kitchen]
    day = pd.to_datetime(own["sampled_at"]).dt.normalize()
    later = own[day >= day.min() + pd.DateOffset(months=PHASE_ONE_MONTHS)]
    spec = own[["target_g", "lsl_g", "usl_g"]].iloc[0]
    limits = {"lsl": spec["lsl_g"], "usl": spec["usl_g"], "target": spec["target_g"]}
    sub = later.pivot(index="subgroup_id", columns="sample_no", values="portion_weight_g")
    result = capability(sub, **limits)
    everything = capability(
        own.pivot(index="subgroup_id", columns="sample_no", values="portion_weight_g"), **limits
    )
    means = capability(sub.mean(axis=1).to_numpy(), **limits)
    ppk, cpk = float(result.Ppk), float(result.Cpk)
    return Check(
        "3.11 Ppk of the first kitchen",
        expected=ppk,
        mistakes=(
            Mistake(
                "cpk_for_ppk",
                "that is Cpk, from the within-day sigma. Here the day-to-day drift is part of "
                "what customers receive, so read Ppk, from the overall sigma.",
                answer=cpk,
            ),
            Mistake(
                "pp_for_ppk",
                "that is Pp, which ignores where the process is centred. Ppk takes the nearer "
                "specification limit.",
                answer=float(result.Pp),
            ),
            Mistake(
                "daily_means",
                "you gave capability the daily means. Customers get single portions, not "
                "averages: use the individual weights (the subgroups).",
                answer=float(means.Ppk),
            ),
            Mistake(
                "with_phase_one",
                "you included the Phase I months. Capability is read on the monitored period, "
                "after the stability check.",
                answer=float(everything.Ppk),
            ),
        ),
        hints=(
            "capability(...) returns both indices; the question asks for the one with the "
            "overall sigma.",
            "Data: the first kitchen's subgroups from the Phase II days only.",
        ),
        success=f"Ppk {ppk:.2f} against Cpk {cpk:.2f}. {_capability_reading(ppk, cpk)}",
        reveal="later = subgroups over the Phase II days\nfirst_ppk = capability(later, "
        "lsl=spec['lsl_g'], usl=spec['usl_g'], target=spec['target_g']).Ppk",
    )


# ---------------------------------------------------------------------------------------------
# 3.12 efficiency and effectiveness by kitchen
# ---------------------------------------------------------------------------------------------


def _kitchen_totals(b: pd.DataFrame) -> pd.DataFrame:
    return b.groupby(b["kitchen_id"].astype(str))[
        ["cost", "good_units", "defects", "units_made"]
    ].sum()


def _key_kitchen_cost(data: ExerciseData, using: Any) -> Check:
    b = data.table("production_batches")
    t = _kitchen_totals(b)
    expected = t["cost"] / t["good_units"]
    batch_mean = (
        (b["cost"] / b["good_units"].where(b["good_units"] > 0))
        .groupby(b["kitchen_id"].astype(str))
        .mean()
    )
    return Check(
        "3.12a cost per good meal by kitchen",
        expected=expected,
        mistakes=(
            Mistake(
                "units_made_denominator",
                "you divided by all meals made. Cost per *good* meal charges the defects to "
                "the meals that can be sold: divide by `good_units`.",
                answer=t["cost"] / t["units_made"],
            ),
            Mistake(
                "averaged_batch_ratios",
                "you averaged batch ratios; add up cost and good meals per kitchen first, then "
                "divide.",
                answer=batch_mean,
            ),
            Mistake(
                "pence",
                "your figures are 100 times too big: pounds, not pence.",
                answer=expected * 100,
            ),
        ),
        hints=(
            "One value per kitchen: group the batches by kitchen and add up what you need.",
            "Total cost over total good meals.",
        ),
        success=f"{expected.idxmin()} makes a good meal for GBP {expected.min():.2f}, "
        f"{expected.idxmax()} for GBP {expected.max():.2f}: efficiency, seen through "
        "effectiveness, because defects raise the cost of every meal sold.",
        reveal="totals = batches.groupby('kitchen_id', observed=True)[['cost', 'good_units']]"
        ".sum()\nkitchen_cost = totals['cost'] / totals['good_units']",
    )


def _key_poor_quality(data: ExerciseData, using: Any) -> Check:
    b = data.table("production_batches")
    kitchen = b["kitchen_id"].astype(str)
    made = b["units_made"].where(b["units_made"] > 0)
    expected = (b["cost"] / made * b["defects"]).groupby(kitchen).sum()
    t = _kitchen_totals(b)
    good = b["good_units"].where(b["good_units"] > 0)
    return Check(
        "3.12b cost of poor quality by kitchen",
        expected=expected,
        mistakes=(
            Mistake(
                "good_unit_cost",
                "you priced the defective meals at the cost per *good* meal, which already "
                "includes the defects: a defective meal cost what any meal of its batch cost.",
                answer=(b["cost"] / good * b["defects"]).groupby(kitchen).sum(),
            ),
            Mistake(
                "kitchen_average_cost",
                "you priced every defective meal at its kitchen's average cost per meal; "
                "defects cluster in some batches, so price each at its own batch's cost per "
                "meal made, then add up.",
                answer=t["cost"] / t["units_made"] * t["defects"],
            ),
            Mistake(
                "rate_not_money",
                "that is the defect rate; the question asks what the defective meals cost, in "
                "pounds.",
                answer=t["defects"] / t["units_made"],
            ),
        ),
        hints=(
            "What did one meal of each batch cost to make, and how many of that batch's "
            "meals were defective?",
            "Per batch: cost per meal made times defects; then add up per kitchen.",
        ),
        success=f"Defective meals cost {expected.idxmax()} GBP {expected.max():,.0f} over the "
        f"period, against GBP {expected.min():,.0f} at {expected.idxmin()}. A kitchen cheap per "
        "good meal but high here is efficient on paper while paying for quality it does not "
        "deliver; one low on both is the one to copy.",
        reveal="batch_copq = batches['cost'] / batches['units_made'] * batches['defects']\n"
        "cost_of_poor_quality = batch_copq.groupby(batches['kitchen_id']).sum()",
    )


# ---------------------------------------------------------------------------------------------
# 3.13 the ERP extract
# ---------------------------------------------------------------------------------------------


def _key_erp(data: ExerciseData, using: Any) -> Check:
    invoices = data.table("invoices")
    erp = data.table("erp_invoices")
    expected = invoices.groupby(_month(invoices["issued_on"]))["amount"].sum().rename_axis(None)
    clean = erp.drop_duplicates()
    day_first = pd.to_datetime(clean["doc_date"], format="%d/%m/%Y")
    pounds = clean["net_amount_pence"] / 100
    with_dupes = (
        (erp["net_amount_pence"] / 100)
        .groupby(_month(pd.to_datetime(erp["doc_date"], format="%d/%m/%Y")))
        .sum()
    )
    month_first = pd.to_datetime(clean["doc_date"], format="mixed", dayfirst=False)
    return Check(
        "3.13 monthly invoiced total from the ERP",
        expected=expected,
        rtol=0,
        atol=0.005,
        mistakes=(
            Mistake(
                "duplicates_kept",
                "a few invoices are in the extract twice: drop the duplicate rows first.",
                answer=with_dupes.rename_axis(None),
            ),
            Mistake(
                "pence",
                "your totals are in pence; the books are in pounds (divide by 100).",
                answer=(clean["net_amount_pence"].groupby(_month(day_first)).sum()).rename_axis(
                    None
                ),
            ),
            Mistake(
                "month_first_dates",
                "your dates were read month first: 03/04/2024 is 3 April here, not 4 March. "
                "Give pd.to_datetime the format '%d/%m/%Y'.",
                answer=pounds.groupby(_month(month_first)).sum().rename_axis(None),
            ),
        ),
        hints=(
            "Three fixes before the total: duplicates, day-first dates, pence to pounds.",
            "Then group the pounds by month_of(...) of the parsed dates and add up.",
        ),
        success=f"The cleaned extract matches the books to the penny in all {len(expected)} "
        "months, and the same script runs next month without retyping - fewer errors, fresher "
        "figures.",
        reveal="clean = erp.drop_duplicates()\ndoc_day = pd.to_datetime(clean['doc_date'], "
        "format='%d/%m/%Y')\nerp_monthly = (clean['net_amount_pence'] / 100).groupby("
        "month_of(doc_day)).sum()",
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise("3.1", "pick the core processes", 5, "core value-creating processes", _key_core),
    Exercise("3.2", "leading or lagging?", 6, "measures of the three processes", _key_quiz),
    Exercise(
        "3.3a", "your operations objective", 10, "SMART process objectives", _key_ops_objective
    ),
    Exercise("3.3b", "a second objective", 6, "SMART process objectives", _key_second_objective),
    Exercise("3.4", "the monthly defect rate", 6, "process measures", _key_defect_rate),
    Exercise("3.5", "testing the operations claim", 10, "cause and effect", _key_claim),
    Exercise("3.6", "marketing next to research", 8, "cause and effect", _key_marketing),
    Exercise("3.7a", "a throughput benchmark", 5, "benchmarks", _key_benchmark),
    Exercise("3.7b", "the gap to your benchmark", 5, "benchmarks", _key_gap, uses="3.7a"),
    Exercise("3.8", "RAG thresholds", 6, "benchmarks", _key_thresholds),
    Exercise(
        "3.9a",
        "where order-to-door tickets start",
        6,
        "cross-functional ownership",
        _key_ownership_shares,
    ),
    Exercise("3.9b", "who owns order to door", 4, "cross-functional ownership", _key_owner),
    Exercise("3.10", "Phase I control limits", 9, "control charts", _key_phase_one),
    Exercise("3.11", "Ppk after the stability check", 5, "process capability", _key_ppk),
    Exercise("3.12a", "cost per good meal", 5, "efficiency and effectiveness", _key_kitchen_cost),
    Exercise("3.12b", "cost of poor quality", 5, "efficiency and effectiveness", _key_poor_quality),
    Exercise("3.13", "the ERP extract", 10, "automating metric collection", _key_erp),
)
"""Module 3's exercises in notebook order, with their minutes (the one source of timings)."""
