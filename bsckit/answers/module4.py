"""Answer key of module 4, financial: every exercise computed from the data in use.

Each ``_key_*`` function receives the module's :class:`~bsckit.answers.ExerciseData` and
returns a :class:`~bsckit.check.Check`: the expected answer, the mistakes learners make (each
computed from the same data with the mistaken method), hints that never give the answer away,
a success text worded from the computed result, and a worked solution shown only on request.
:data:`EXERCISES` lists them in notebook order with their minutes.

Examples
--------
>>> [e.id for e in EXERCISES][:3]
['4.1', '4.2', '4.3']
>>> sum(e.minutes for e in EXERCISES)
78
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from bsckit.answers import Exercise, ExerciseData
from bsckit.answers.objective import perspective_objective_check
from bsckit.check import Check, Mistake
from bsckit.claims.financial import cut_horizons
from bsckit.data.financial import CUT_KITCHEN, PUSH_KITCHEN
from bsckit.financial import (
    COST_LINES,
    budget_variances,
    contribution_margin,
    flash_revisions,
    margin_gap,
    review_flags,
)
from bsckit.kpi import activity_based_costing, plantwide_rate_costing

__all__ = ["EXERCISES", "REVIEW_RUN", "REVIEW_THRESHOLD", "month_offset"]

REVIEW_THRESHOLD = 0.08
"""Exercise 4.7: a kitchen's revenue variance beyond this share of budget ..."""
REVIEW_RUN = 3
"""... for this many months in a row, in the same direction, triggers a strategic review."""


def month_offset(frame: pd.DataFrame, column: str = "month") -> pd.Series:
    """Months since the first month of ``frame`` (0 = first month).

    Examples
    --------
    >>> f = pd.DataFrame({"month": pd.to_datetime(["2024-01-01", "2025-02-01"])})
    >>> month_offset(f).tolist()
    [0, 13]
    """
    m = frame[column].dt.to_period("M")
    return (m - m.min()).map(lambda d: d.n)


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %"


def _ledger(data: ExerciseData) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        led = data.table("kitchen_ledger")
        led["kitchen_id"] = led["kitchen_id"].astype(str)
        led["offset"] = month_offset(led)
        return led

    return data.cached("ledger", compute)


def _year2(data: ExerciseData) -> pd.DataFrame:
    led = _ledger(data)
    return led[led["offset"] >= 12]


# ---------------------------------------------------------------------------------------------
# 4.1 contribution margin by kitchen; 4.2 the gap of the weakest kitchen
# ---------------------------------------------------------------------------------------------


def _key_margin(data: ExerciseData, using: Any) -> Check:
    y2 = _year2(data)
    expected = contribution_margin(y2)["margin"]
    monthly = contribution_margin(y2, by=["kitchen_id", "month"])["margin"]
    food_only = y2.groupby("kitchen_id")[["revenue", "food_cost"]].sum()
    worst = expected.idxmin()
    return Check(
        "4.1 contribution margin by kitchen",
        expected=expected,
        mistakes=(
            Mistake(
                "mean_of_monthly",
                "you averaged twelve monthly margins. A kitchen's margin for the year is its "
                "year's contribution over its year's revenue: sum the money first, divide once.",
                answer=monthly.groupby(level=0).mean(),
            ),
            Mistake(
                "whole_period",
                "you used both years. The task is about the second year only (the last 12 months).",
                answer=contribution_margin(_ledger(data))["margin"],
            ),
            Mistake(
                "food_cost_only",
                "you took only food cost off revenue. The contribution is after every cost line "
                "of the ledger: imported ingredients, waste, delivery and coaching too.",
                answer=1 - food_only["food_cost"] / food_only["revenue"],
            ),
        ),
        hints=(
            "Keep the last 12 months, group by kitchen and sum revenue and the five cost lines.",
            "margin = 1 - (sum of the cost lines) / revenue, per kitchen; the last hint is "
            "ex.reveal('4.1').",
        ),
        success=f"{worst} earns {_pct(float(expected[worst]))} against "
        f"{_pct(float(expected.drop(worst).mean()))} for the other kitchens on average: that gap "
        "is what the driver tree has to explain.",
        reveal="contribution_margin(year2)['margin'] from bsckit.financial, or: sums per kitchen, "
        "then 1 - costs.sum(axis=1) / revenue",
    )


def _key_gap(data: ExerciseData, using: Any) -> Check:
    y2 = _year2(data)
    worst = str(contribution_margin(y2)["margin"].idxmin())
    expected = margin_gap(y2, worst)
    g = y2.assign(this=y2["kitchen_id"] == worst).groupby("this")[list(COST_LINES)].sum()
    best = str(contribution_margin(y2)["margin"].idxmax())
    return Check(
        f"4.2 the cost lines behind {worst}'s gap",
        expected=expected,
        mistakes=(
            Mistake(
                "reversed",
                "your gap has the wrong sign: take the weakest kitchen's cost per pound minus "
                "the others', so a line that widens the gap is positive.",
                answer=-expected,
            ),
            Mistake(
                "pounds_not_ratios",
                "you compared pounds. Kitchens of different size spend different pounds; compare "
                "each line per pound of revenue.",
                answer=g.loc[True] - g.loc[False],
            ),
            Mistake(
                "against_best",
                "you compared with the best kitchen alone. The gap is to the other three kitchens "
                "together (their summed costs over their summed revenue).",
                answer=margin_gap(y2[y2["kitchen_id"].isin([worst, best])], worst),
            ),
        ),
        hints=(
            "For the weakest kitchen and for the other three together: each cost line over "
            "revenue, in the second year.",
            "The difference per line adds up to the margin gap; ex.reveal('4.2') shows a way.",
        ),
        success=f"{expected.idxmax().replace('_', ' ')} adds {expected.max() * 100:.1f} margin "
        f"points of the {expected.sum() * 100:.1f}-point gap: that is the line to take to the "
        "kitchen's manager, with its non-financial driver (per meal).",
        reveal=f"margin_gap(year2, '{worst}') from bsckit.financial",
    )


# ---------------------------------------------------------------------------------------------
# 4.3 the coaching cut over two horizons
# ---------------------------------------------------------------------------------------------


def _key_cut(data: ExerciseData, using: Any) -> Check:
    led = _ledger(data)
    h = cut_horizons(led)
    expected = h["extra_waste"] - h["saved"]
    k = led[led["kitchen_id"] == CUT_KITCHEN]

    def per_meal(f: pd.DataFrame, a: int, b: int) -> float:
        w = f[f["offset"].between(a, b)]
        return float(w["waste_cost"].sum() / w["meals"].sum())

    after = k[k["offset"].between(15, 20)]
    raw_extra = float(after["waste_cost"].sum() - per_meal(k, 0, 11) * after["meals"].sum())
    return Check(
        "4.3 the cut's net cost",
        expected=expected,
        rtol=0,
        atol=1.0,
        mistakes=(
            Mistake(
                "quarter_only",
                "you counted only the quarter of the cut, where it saves money. Add the six "
                "months after, when the waste it caused is paid.",
                answer=-h["saved"],
            ),
            Mistake(
                "no_comparison",
                "you compared the kitchen's waste per meal with its own first year only. Food "
                "prices rose for every kitchen: use its ratio to the other kitchens, as the task "
                "says.",
                answer=raw_extra - h["saved"],
            ),
            Mistake(
                "sign",
                "your sign is reversed: the answer is extra waste minus coaching saved, so a "
                "cut that costs more than it saves is positive.",
                answer=-expected,
            ),
        ),
        hints=(
            "Saved: coaching in months 9-11 minus months 12-14. Extra waste: months 15-20.",
            "Expected waste per meal after the cut = the kitchen's first-year ratio to the "
            "others x the others' waste per meal in months 15-20; ex.reveal('4.3').",
        ),
        success=f"The cut saved £{h['saved']:,.0f} in its quarter and cost £{h['extra_waste']:,.0f}"
        f" of extra waste in the next six months: net £{expected:,.0f}"
        + (" worse off. " if expected > 0 else " better off. ")
        + "A target on this quarter's margin alone would have rewarded it.",
        reveal="cut_horizons(ledger) from bsckit.claims.financial gives saved and extra_waste",
    )


# ---------------------------------------------------------------------------------------------
# 4.4 activity-based costing of IT and HR
# ---------------------------------------------------------------------------------------------


def _it_hr(data: ExerciseData) -> dict:
    def compute() -> dict:
        op = data.table("operating_costs")
        op = op.assign(offset=month_offset(op))
        y2 = op[op["offset"] >= 12]
        pools = (
            y2[y2["cost_centre"].astype(str).isin(["IT", "HR"])]
            .groupby(y2["cost_centre"].astype(str))["amount"]
            .sum()
        )
        d = data.table("shared_cost_drivers")
        d = d.assign(offset=month_offset(d))
        d2 = (
            d[d["offset"] >= 12]
            .groupby(d["business_unit"].astype(str))[["headcount", "it_tickets", "devices"]]
            .sum()
        )
        return {"pools": pools, "drivers": d2}

    return data.cached("it_hr", compute)


def _key_abc(data: ExerciseData, using: Any) -> Check:
    x = _it_hr(data)
    pools, d = x["pools"], x["drivers"]
    usage = pd.DataFrame({"IT": d["it_tickets"], "HR": d["headcount"]})
    expected = activity_based_costing(pools.to_dict(), usage.to_dict("index")).total
    plant = plantwide_rate_costing(float(pools.sum()), d["headcount"].to_dict()).total
    devices = activity_based_costing(
        pools.to_dict(), pd.DataFrame({"IT": d["devices"], "HR": d["headcount"]}).to_dict("index")
    ).total
    gainer = (expected - plant).idxmax()
    return Check(
        "4.4 IT and HR by activity",
        expected=expected,
        mistakes=(
            Mistake(
                "plantwide",
                "you spread both pools by headcount: that is the single plant-wide rate. Give "
                "IT its own driver (tickets raised) and HR its own (headcount).",
                answer=plant,
            ),
            Mistake(
                "devices",
                "you drove IT by devices. The task drives IT by the tickets each unit raises, "
                "the work the help desk does.",
                answer=devices,
            ),
            Mistake(
                "monthly",
                "you gave a month's average. The task asks for the second year's total.",
                answer=expected / 12,
            ),
        ),
        hints=(
            "Two pools for the second year: IT and HR from operating_costs; their drivers per "
            "business unit from shared_cost_drivers, summed over the same months.",
            "kpi.activity_based_costing(pools, usage) with usage[unit] = {'IT': tickets, 'HR': "
            "headcount}; ex.reveal('4.4').",
        ),
        success=f"By activity, {gainer} carries £{(expected - plant)[gainer]:,.0f} more than "
        "a headcount rate would give it: its staff raise more IT tickets per head. Segment "
        "profit, and the decisions it drives, move with the allocation.",
        reveal="kpi.activity_based_costing(pools.to_dict(), usage.to_dict('index')).total",
    )


# ---------------------------------------------------------------------------------------------
# 4.5 cost per meal at constant prices and currency
# ---------------------------------------------------------------------------------------------


def _key_real(data: ExerciseData, using: Any) -> Check:
    led = _ledger(data)
    per = led.groupby("month")[["food_cost", "imported_ingredients", "meals"]].sum()
    idx = data.table("price_index").set_index("month")
    fx = data.table("exchange_rates").set_index("month")["eur_per_gbp"]
    food = idx["food_cost_index"] / 100
    at_fx0 = per["imported_ingredients"] * fx / fx.iloc[0]
    expected = (per["food_cost"] + at_fx0) / food / per["meals"]
    k = led.assign(
        real=(led["food_cost"] + led["imported_ingredients"] * led["month"].map(fx) / fx.iloc[0])
        / led["month"].map(food)
        / led["meals"]
    )
    kitchen_mean = k.groupby("month")["real"].mean()
    return Check(
        "4.5 cost per meal in January-2024 prices and euros",
        expected=expected,
        mistakes=(
            Mistake(
                "kitchen_mean",
                "you averaged the four kitchens' cost per meal. The company's cost per meal is "
                "all kitchens' cost over all their meals: sum first, divide once.",
                answer=kitchen_mean,
            ),
            Mistake(
                "no_currency",
                "you left the euro-invoiced ingredients at the month's rate. Restate them at the "
                "first month's eur_per_gbp so a weaker pound does not look like a cost overrun.",
                answer=(per["food_cost"] + per["imported_ingredients"]) / food / per["meals"],
            ),
            Mistake(
                "multiplied",
                "you multiplied by the index. To take inflation out, divide by index / 100.",
                answer=(per["food_cost"] + at_fx0) * food / per["meals"],
            ),
            Mistake(
                "fx_inverted",
                "you converted the wrong way: the amount in euros is the pounds times the month's "
                "eur_per_gbp, and back to pounds at the first month's rate.",
                answer=(per["food_cost"] + per["imported_ingredients"] * fx.iloc[0] / fx)
                / food
                / per["meals"],
            ),
        ),
        hints=(
            "Per month, all kitchens: (food cost + imported ingredients restated at the first "
            "month's rate), over the food cost index / 100, over meals.",
            "Restated = imported x eur_per_gbp / first month's eur_per_gbp; ex.reveal('4.5').",
        ),
        success="In January-2024 prices and euros the cost per meal moved from "
        f"£{expected.iloc[:12].mean():.2f} (year 1) to £{expected.iloc[12:].mean():.2f} "
        f"(year 2), against £{(per['food_cost'] + per['imported_ingredients']).iloc[12:].sum() / per['meals'].iloc[12:].sum():.2f} "
        "in the pounds of the day: a target set at last year's prices is judged on this line.",
        reveal="(per['food_cost'] + per['imported_ingredients'] * fx / fx.iloc[0]) "
        "/ (idx['food_cost_index'] / 100) / per['meals']",
    )


# ---------------------------------------------------------------------------------------------
# 4.6 price, quantity and mix variances; 4.7 the threshold rule
# ---------------------------------------------------------------------------------------------


def _variances(data: ExerciseData) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        v = budget_variances(data.table("orders"), data.table("sales_budget"))
        return v.assign(offset=month_offset(v))

    return data.cached("variances", compute)


def _key_pvm(data: ExerciseData, using: Any) -> Check:
    v = _variances(data)
    k = v[(v["kitchen_id"] == PUSH_KITCHEN) & (v["offset"] >= 12)]
    cols = ["price", "quantity", "mix"]
    expected = k[cols].sum()
    no_split = pd.Series(
        {"price": expected["price"], "quantity": expected["quantity"] + expected["mix"], "mix": 0.0}
    )
    return Check(
        f"4.6 {PUSH_KITCHEN}'s year-2 variances",
        expected=expected,
        rtol=1e-4,
        atol=1.0,
        mistakes=(
            Mistake(
                "reversed",
                "your variances have the budget-minus-actual sign. Write them actual minus "
                "budget, so a shortfall of revenue is negative (adverse).",
                answer=-expected,
            ),
            Mistake(
                "no_mix",
                "your mix is zero and your quantity carries the whole volume variance: you "
                "valued each line's own change in orders. Split it: total orders at the "
                "budgeted mix (quantity), then each line against that (mix).",
                answer=no_split,
            ),
        ),
        hints=(
            "Per month: actual orders and average order value per sales line against "
            "sales_budget; sum the twelve months of the second year.",
            "bsckit.kpi.variance.sales_variances(actual orders, budget orders, budget value, "
            "actual value) per month; ex.reveal('4.6').",
        ),
        success=f"Quantity £{expected['quantity']:,.0f}, mix £{expected['mix']:,.0f}, price "
        f"£{expected['price']:,.0f}: "
        + (
            "most of the gap is in how many and which orders, not in their price."
            if abs(expected["quantity"] + expected["mix"]) > abs(expected["price"])
            else "price explains more of the gap than the number and mix of orders."
        ),
        reveal="budget_variances(orders, sales_budget) from bsckit.financial, then the kitchen's "
        "year-2 rows summed",
    )


def _key_flags(data: ExerciseData, using: Any) -> Check:
    v = _variances(data).sort_values(["kitchen_id", "month"])

    def count(flags: pd.Series) -> pd.Series:
        return (flags == "strategic review").groupby(v["kitchen_id"]).sum().astype(int)

    def rule(**kw: Any) -> pd.Series:
        return v.groupby("kitchen_id")["share"].transform(lambda s: review_flags(s, **kw))

    expected = count(rule(threshold=REVIEW_THRESHOLD, run=REVIEW_RUN))
    single = count(rule(threshold=REVIEW_THRESHOLD, run=1))
    qshare = (
        (v["quantity"] / v["budget_revenue"])
        .groupby(v["kitchen_id"])
        .transform(lambda s: review_flags(s, threshold=REVIEW_THRESHOLD, run=REVIEW_RUN))
    )
    return Check(
        "4.7 months that need a strategic review",
        expected=expected,
        mistakes=(
            Mistake(
                "single_month",
                f"you flagged every month beyond {REVIEW_THRESHOLD:.0%}. A strategic review needs "
                f"{REVIEW_RUN} months in a row beyond it, in the same direction; one bad month is "
                "an operational variance.",
                answer=single,
            ),
            Mistake(
                "quantity_only",
                "you applied the rule to the quantity variance alone. The rule reads the whole "
                "revenue variance (actual minus budget) as a share of budget revenue.",
                answer=count(qshare),
            ),
        ),
        hints=(
            "Per kitchen, in month order: share = (actual - budget revenue) / budget revenue.",
            f"Runs of at least {REVIEW_RUN} months with |share| > {REVIEW_THRESHOLD} and the "
            "same sign; bsckit.financial.review_flags does it. ex.reveal('4.7').",
        ),
        success=f"{int(expected.sum())} kitchen-months call for a strategic review, "
        f"{int(expected.get(PUSH_KITCHEN, 0))} of them in {PUSH_KITCHEN}; a one-month rule "
        f"would have called {int(single.sum())}.",
        reveal="v.groupby('kitchen_id')['share'].transform(review_flags), then count "
        "'strategic review' per kitchen",
    )


# ---------------------------------------------------------------------------------------------
# 4.8 flash against close
# ---------------------------------------------------------------------------------------------


def _key_flash(data: ExerciseData, using: Any) -> Check:
    f = data.table("flash_figures")
    r = flash_revisions(f)
    expected = r.abs().median()
    f = f.assign(figure=f["figure"].astype(str))
    pounds = (f["closed_value"] - f["flash_value"]).abs().groupby(f["figure"]).median()
    by_flash = (
        (
            (f["closed_value"] - f["flash_value"])
            / f["flash_value"].abs().where(f["flash_value"] != 0)
        )
        .fillna(0)
        .abs()
        .groupby(f["figure"])
        .median()
    )
    return Check(
        "4.8 how much each figure moves at the close",
        expected=expected,
        rtol=1e-6,
        atol=1e-9,
        mistakes=(
            Mistake(
                "signed",
                "you kept the sign, so revisions up and down cancel. Take the size of each "
                "revision (absolute value) before the median.",
                answer=r.median(),
            ),
            Mistake(
                "pounds",
                "you gave the revision in pounds (or counts). Divide by the closed value, so "
                "large and small figures compare.",
                answer=pounds,
            ),
            Mistake(
                "over_flash",
                "you divided by the flash value. The closed value is the reference: "
                "(closed - flash) / |closed|.",
                answer=by_flash,
            ),
        ),
        hints=(
            "Per figure and month: (closed - flash) / |closed|.",
            "Then the median of the absolute values per figure; ex.reveal('4.8').",
        ),
        success=f"Net revenue moves {_pct(float(expected['net_revenue']))} in a typical month, "
        f"COGS {_pct(float(expected['cogs']))}, EBIT {_pct(float(expected['ebit']))}: show "
        "revenue and the operational counts early, EBIT only after the close.",
        reveal="flash_revisions(flash).abs().median() from bsckit.financial",
    )


# ---------------------------------------------------------------------------------------------
# 4.9 a financial objective in your scorecard
# ---------------------------------------------------------------------------------------------


def _key_objective(data: ExerciseData, using: Any) -> Check:
    return perspective_objective_check(
        data,
        "4.9 a financial objective",
        "financial",
        label="financial",
        choice="Financial",
        hints=(
            "Perspective Financial; a measure from this module (operating margin, ROIC, "
            "operating costs, revenue).",
            "Fill in target, deadline and owner until the criteria pass, then Save.",
        ),
        success="Your scorecard file now holds a financial objective with a target, a deadline "
        "and an owner: the financial perspective of the scorecard you take home.",
        reveal="Perspective Financial, measure operating margin, Increase to 10 %, deadline in "
        "12 months, owner Chief Financial Officer. Then Save.",
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise("4.1", "contribution margin by kitchen", 8, "driver trees", _key_margin),
    Exercise("4.2", "the cost lines behind the gap", 9, "driver trees", _key_gap),
    Exercise("4.3", "the coaching cut over two horizons", 10, "cost cuts and investment", _key_cut),
    Exercise("4.4", "IT and HR by activity", 9, "shared cost allocation", _key_abc),
    Exercise("4.5", "cost per meal at constant prices", 10, "adjusting targets", _key_real),
    Exercise("4.6", "price, quantity and mix variances", 10, "review thresholds", _key_pvm),
    Exercise("4.7", "months that need a strategic review", 8, "review thresholds", _key_flags),
    Exercise("4.8", "flash against close", 8, "scorecard and monthly close", _key_flash),
    Exercise("4.9", "a financial objective in your scorecard", 6, "your scorecard", _key_objective),
)
"""Module 4's exercises in notebook order, with their minutes (the one source of timings)."""
