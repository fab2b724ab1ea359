"""Answer key of module 7, technology and data integration: every exercise from the data in use.

Each ``_key_*`` function receives the module's :class:`~bsckit.answers.ExerciseData` and returns
a :class:`~bsckit.check.Check` whose expected answer and mistakes (each computed with the
mistaken method on the same data) come from the tables in use. :data:`EXERCISES` lists them in
notebook order with their minutes (the one source of the exercise timings).

Task material the exercise notebook uses: :func:`correction_requests` (the corrections the
operations analyst asked for, in the order they were filed, not the order they were made),
:data:`BUDGET_MINUTES`, :data:`REFRESH_MINUTES`, :data:`BREAK_EVEN` and :data:`FEED_KITCHEN`.

Examples
--------
>>> [e.id for e in EXERCISES][:3]
['7.1', '7.2', '7.3']
>>> sum(e.minutes for e in EXERCISES)
92
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from bsckit.answers import Exercise, ExerciseData
from bsckit.check import Check, Mistake
from bsckit.data.courier import COURIER_KITCHEN
from bsckit.technology import (
    CONTRACTS,
    CRITERIA,
    TOOL_PROFILES,
    arrival_lag_minutes,
    break_even_weight,
    clean_crm_accounts,
    clean_erp_invoices,
    data_age_minutes,
    failing_rows,
    feed_schema,
    normalise_feed,
    role_view,
    tool_matrix,
    weighted_totals,
)

__all__ = [
    "BREAK_EVEN",
    "BUDGET_MINUTES",
    "EXERCISES",
    "FEED_KITCHEN",
    "REFRESH_MINUTES",
    "WAITING_GBP",
    "age_minutes",
    "correction_requests",
]

BREAK_EVEN = (
    "Works without custom build (little over-customising)",
    "BI platform",
    "scorecard product",
)
"""Exercise 7.2: the criterion whose weight moves, and the two profiles that trade places."""
BUDGET_MINUTES = 60
"""Exercise 7.8: a shift lead must see a delivery event within this many minutes."""
REFRESH_MINUTES = 60
"""Exercise 7.8: the refresh interval under test (hourly)."""
WAITING_GBP = 1.5
"""Exercise 7.6: the waiting-time charge the partner confirmed on one delivery."""
FEED_KITCHEN = COURIER_KITCHEN
"""The kitchen whose deliveries the partner makes (exercise 7.7's kitchen manager)."""


def correction_requests(feed_v1: pd.DataFrame) -> pd.DataFrame:
    """The corrections the operations analyst filed for the v1 feed, listed by reason.

    Every negative fee is first fixed by its sign (``sign error``); a day later the partner
    confirms the first of them also carries a waiting-time charge of ``WAITING_GBP``
    (``partner confirmed fee``). Listed alphabetically by reason - not in the order they were made (``at``).

    Examples
    --------
    >>> f = pd.DataFrame({"delivery_id": ["DR-000001", "DR-000002"], "fee_gbp": [-5.0, 4.0],
    ...                   "distance_km": [4.0, 2.5], "received_at": ["2025-09-02T10:00Z"] * 2})
    >>> correction_requests(f)[["key", "old", "new", "reason"]].to_dict("records")
    [{'key': 'DR-000001', 'old': 5.0, 'new': 6.5, 'reason': 'partner confirmed fee'}, {'key': 'DR-000001', 'old': -5.0, 'new': 5.0, 'reason': 'sign error'}]
    """
    neg = feed_v1[feed_v1["fee_gbp"] < 0].drop_duplicates("delivery_id")
    rows = []
    for i, (_, r) in enumerate(neg.iterrows()):
        day = str(r["received_at"])[:10]
        rows.append(
            {
                "key": r["delivery_id"],
                "field": "fee_gbp",
                "old": float(r["fee_gbp"]),
                "new": float(-r["fee_gbp"]),
                "by": "ops analyst",
                "reason": "sign error",
                "at": f"{day}T18:{i:02d}",
            }
        )
        if i == 0:
            tariff = round(float(-r["fee_gbp"]) + WAITING_GBP, 2)
            rows.append(
                {
                    "key": r["delivery_id"],
                    "field": "fee_gbp",
                    "old": float(-r["fee_gbp"]),
                    "new": tariff,
                    "by": "partner manager",
                    "reason": "partner confirmed fee",
                    "at": f"{(pd.Timestamp(day) + pd.Timedelta(days=1)).date()}T09:00",
                }
            )
    out = pd.DataFrame(rows, columns=["key", "field", "old", "new", "by", "reason", "at"])
    return out.sort_values(["reason", "key"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Shared data
# ---------------------------------------------------------------------------------------------


def _known(data: ExerciseData) -> pd.Series:
    return data.cached("known", lambda: data.table("orders")["order_id"].astype(str))


def _bad(data: ExerciseData, version: int) -> pd.DataFrame:
    feed = data.table(f"partner_feed_v{version}")
    return data.cached(
        f"bad{version}", lambda: failing_rows(feed, feed_schema(version, _known(data)))
    )


def _gbp(x: float) -> str:
    return f"£{x:,.2f}"


# ---------------------------------------------------------------------------------------------
# 7.1 and 7.2 the decision matrix
# ---------------------------------------------------------------------------------------------


def _matrix() -> pd.DataFrame:
    return pd.DataFrame(TOOL_PROFILES).loc[list(CRITERIA)]


def _key_totals(data: ExerciseData, using: Any) -> Check:
    expected = pd.Series(weighted_totals(tool_matrix()), name="total")
    m = _matrix()
    w = pd.Series(CRITERIA)
    flipped = m.copy()
    fit = list(CRITERIA)[-1]
    flipped.loc[fit] = 6 - flipped.loc[fit]
    best = expected.idxmax()
    return Check(
        "7.1 weighted totals of three tools",
        expected=expected,
        rtol=0,
        atol=0.006,
        check_names=False,
        mistakes=(
            Mistake(
                "unweighted",
                "you averaged the scores with equal weights. A must-have (weight 5) counts five "
                "times as much as a nice-to-have (weight 1): multiply each score by its weight.",
                answer=m.mean().rename("total"),
            ),
            Mistake(
                "not_divided",
                "you gave weighted sums. Divide by the sum of the weights so each total reads "
                "on the 1-5 scale of the scores.",
                answer=m.mul(w, axis=0).sum().rename("total"),
            ),
            Mistake(
                "customisation_reversed",
                "you scored the last criterion as a cost (6 minus the score). It is already "
                "worded so that 5 is good: 'works without custom build'.",
                answer=(flipped.mul(w, axis=0).sum() / w.sum()).rename("total"),
            ),
        ),
        hints=(
            "Each total: the sum over criteria of weight x score, divided by the sum of weights.",
            "The toolkit's sheet does exactly this: weighted_totals(tool_matrix()).",
        ),
        success=f"The {best} leads with {expected[best]:.2f}, "
        f"{expected[best] - expected.drop(best).max():.2f} ahead of the next: close enough that "
        "the weights decide it (exercise 7.2).",
        reveal="pd.Series(weighted_totals(tool_matrix()))",
    )


def _key_break_even(data: ExerciseData, using: Any) -> Check:
    criterion, a, b = BREAK_EVEN
    expected = break_even_weight(criterion, a, b)
    w = pd.Series(CRITERIA)
    diff = _matrix()[a] - _matrix()[b]
    rest = float((w * diff).drop(criterion).sum())
    return Check(
        "7.2 break-even weight",
        expected=expected,
        rtol=0,
        atol=0.01,
        mistakes=(
            Mistake(
                "wrong_sign",
                "the sign is wrong: at the tie the other criteria's weighted difference and "
                "this criterion's must cancel, so w = -(rest) / (difference on this criterion).",
                answer=rest / float(diff[criterion]),
            ),
            Mistake(
                "divided_by_total_weight",
                "you divided by the sum of the weights. Normalising divides both totals by the "
                "same number, so it cannot move the tie: leave it out.",
                answer=-rest / w.drop(criterion).sum() / float(diff[criterion]),
            ),
            Mistake(
                "rest_included_criterion",
                "you kept the criterion itself in 'the rest' at its current weight. Solve for "
                "its weight with only the other criteria fixed.",
                answer=-float((w * diff).sum()) / float(diff[criterion]),
            ),
        ),
        hints=(
            "The ranking does not change when all totals are divided by the same sum of "
            "weights: compare weighted sums.",
            "Write sum of w_i x (score_a - score_b) = 0 and solve for the one weight.",
        ),
        success=f"At a weight of {expected:.1f} the two tie; "
        + (
            "inside the 1-5 scale, so the choice hangs on how much over-customising worries "
            "you - agree that weight before anyone scores."
            if 1 <= expected <= 5
            else "outside the 1-5 scale, so no agreed weight would change the winner."
        ),
        reveal="break_even_weight(*BREAK_EVEN)",
    )


# ---------------------------------------------------------------------------------------------
# 7.3 and 7.4 mapping the extracts
# ---------------------------------------------------------------------------------------------


def _last_month(data: ExerciseData) -> pd.Period:
    return data.cached(
        "last_month", lambda: data.table("orders")["ordered_at"].max().to_period("M") - 1
    )


def _key_invoiced(data: ExerciseData, using: Any) -> Check:
    erp = data.table("erp_invoices")
    month = _last_month(data)
    clean = clean_erp_invoices(erp)
    expected = float(clean.loc[clean["issued_on"].dt.to_period("M") == month, "amount"].sum())
    us = pd.to_datetime(erp["doc_date"], format="%m/%d/%Y", errors="coerce").dt.to_period("M")
    raw_m = pd.to_datetime(erp["doc_date"], format="%d/%m/%Y").dt.to_period("M")
    dedup = erp.drop_duplicates()
    dm = pd.to_datetime(dedup["doc_date"], format="%d/%m/%Y").dt.to_period("M")
    pence = float(dedup.loc[dm == month, "net_amount_pence"].sum())
    dups = float(erp.loc[raw_m == month, "net_amount_pence"].sum()) / 100
    mistakes = [
        Mistake(
            "pence",
            "the ERP holds amounts in pence (net_amount_pence): divide by 100 for pounds.",
            answer=pence,
        ),
        Mistake(
            "month_first",
            "you read doc_date month-first. The ERP writes UK dates, DD/MM/YYYY: 03/04/2024 "
            "is 3 April.",
            answer=float(dedup.loc[us.loc[dedup.index] == month, "net_amount_pence"].sum() / 100),
        ),
    ]
    if abs(dups - expected) > 0.005:  # only when a re-exported duplicate falls in that month
        mistakes.append(
            Mistake(
                "duplicates_kept",
                "two invoices were exported twice (discrepancy X05): drop exact duplicate rows "
                "before adding up.",
                answer=dups,
            )
        )
    return Check(
        "7.3 invoiced in the ERP, last full month",
        expected=expected,
        rtol=0,
        atol=0.005,
        mistakes=tuple(mistakes),
        hints=(
            "Three differences matter here: the unit, the date format and re-exported rows "
            "(the discrepancies table lists them).",
            "clean_erp_invoices does all three; then keep issued_on in last_month.",
        ),
        success=f"{_gbp(expected)} was invoiced in {month}; read in pence it would show "
        f"{pence / expected:.0f} times that, and read month-first it lands in other months.",
        reveal="c = clean_erp_invoices(erp_invoices); "
        "c.loc[c['issued_on'].dt.to_period('M') == last_month, 'amount'].sum()",
    )


def _key_crm(data: ExerciseData, using: Any) -> Check:
    crm = data.table("crm_accounts")
    clean = clean_crm_accounts(crm)
    month = clean["signup_at"].dt.to_period("M")
    expected = clean.groupby(month.rename("month")).size().rename("new_accounts")
    utc = pd.to_datetime(crm["created_utc"], format="%Y-%m-%dT%H:%M:%SZ").dt.to_period("M")
    dedup = crm.assign(e=crm["email"].str.lower()).drop_duplicates("e")
    utc_dedup = utc.loc[dedup.index]
    local_all = (
        pd.to_datetime(crm["created_utc"], utc=True)
        .dt.tz_convert("Europe/London")
        .dt.tz_localize(None)
        .dt.to_period("M")
    )
    mistakes = []
    for name, hint, series in (
        (
            "utc_months",
            "you took the month of the UTC timestamp. Convert created_utc to Europe/London "
            "first: a sign-up just after midnight on the 1st of a summer month is still in "
            "the month before in UTC.",
            utc_dedup,
        ),
        (
            "duplicates_kept",
            "three customers have a second CRM account (e-mail in capitals). Match on the "
            "lower-cased e-mail and keep one account each.",
            local_all,
        ),
        (
            "active_only",
            "you counted only accounts still Active. A customer who signed up and later "
            "left was still a new customer in the month they signed up.",
            clean.loc[clean["churned_at"].isna(), "signup_at"].dt.to_period("M"),
        ),
    ):
        answer = series.groupby(series.rename("month")).size().rename("new_accounts")
        if not (answer.reindex(expected.index).fillna(-1).to_numpy() == expected.to_numpy()).all():
            mistakes.append(Mistake(name, hint, answer=answer))
    measured = data.cached(
        "new_customers",
        lambda: data.table("customers")["signup_at"].dt.to_period("M").value_counts(),
    )
    same = int((measured.reindex(expected.index).fillna(0) == expected).sum())
    return Check(
        "7.4 new accounts per month from the CRM",
        expected=expected,
        rtol=0,
        atol=0,
        mistakes=tuple(mistakes),
        hints=(
            "Two CRM differences change a month's count: the time zone and duplicate accounts.",
            "clean_crm_accounts handles both; count accounts by the month of signup_at.",
        ),
        success=f"Cleaned, the CRM agrees with the catalogue's new-customer count in {same} of "
        f"{len(expected)} months: the source now maps to the measure.",
        reveal="c = clean_crm_accounts(crm_accounts); "
        "c.groupby(c['signup_at'].dt.to_period('M')).size()",
    )


# ---------------------------------------------------------------------------------------------
# 7.5 and 7.6 validation and the audit trail
# ---------------------------------------------------------------------------------------------


def _key_valid_fees(data: ExerciseData, using: Any) -> Check:
    feed = data.table("partner_feed_v1")
    bad = _bad(data, 1)
    keep = ~feed.index.isin(bad["row"])
    expected = float(feed.loc[keep, "fee_gbp"].sum())
    neg_only = float(feed.loc[feed["fee_gbp"] >= 0, "fee_gbp"].sum())
    dup_first = feed.duplicated("delivery_id", keep=False) & ~feed.duplicated("delivery_id")
    both_copies = float(feed.loc[keep & ~dup_first, "fee_gbp"].sum())
    return Check(
        "7.5 partner fees that pass validation",
        expected=expected,
        rtol=0,
        atol=0.005,
        mistakes=(
            Mistake(
                "all_rows",
                "you added up every row. Validate first: rows that break a rule are "
                "quarantined, not paid.",
                answer=float(feed["fee_gbp"].sum()),
            ),
            Mistake(
                "negative_fees_only",
                "you dropped the negative fees only. The schema has more rules: a drop before "
                "its pick-up, an unknown order, a delivery sent twice.",
                answer=neg_only,
            ),
            Mistake(
                "both_copies_dropped",
                "you dropped both copies of a duplicated delivery. The first copy is the real "
                "delivery; only the repeat is refused.",
                answer=both_copies,
            ),
        ),
        hints=(
            "Validate lazily (all rules, all rows), then drop the rows that failed any rule.",
            "failing_rows(feed_v1, feed_schema(1, orders['order_id'])) lists them by row.",
        ),
        success=f"{_gbp(expected)} of fees pass; {bad['row'].nunique()} rows are held back "
        f"({_gbp(float(feed['fee_gbp'].sum()) - expected)} of the total) until someone fixes "
        "them with an audited correction.",
        reveal="bad = failing_rows(feed_v1, feed_schema(1, orders['order_id'])); "
        "feed_v1.drop(index=bad['row'].unique())['fee_gbp'].sum()",
    )


def _key_corrected(data: ExerciseData, using: Any) -> Check:
    feed = data.table("partner_feed_v1").drop_duplicates("delivery_id")
    req = correction_requests(feed)

    def total(order: pd.DataFrame) -> float:
        fee = feed.set_index("delivery_id")["fee_gbp"].copy()
        for _, r in order.iterrows():
            fee[r["key"]] = r["new"]
        return float(fee.sum())

    expected = total(req.sort_values("at", kind="stable"))
    return Check(
        "7.6 fees after the audited corrections",
        expected=expected,
        rtol=0,
        atol=0.005,
        mistakes=(
            Mistake(
                "filed_order",
                "you applied the corrections in the order they are listed (by reason). Append "
                "them in the order they were made (column `at`): the partner's confirmed fee "
                "came after the sign fix and must win.",
                answer=total(req),
            ),
            Mistake(
                "not_applied",
                "that is the total before any correction: apply the log to the feed (log.apply).",
                answer=float(feed["fee_gbp"].sum()),
            ),
            Mistake(
                "edited_old_values",
                "you added the `old` values. Each entry records the value before (old) and "
                "after (new) the correction: the feed takes `new`.",
                answer=total(req.assign(new=req["old"]).sort_values("at", kind="stable")),
            ),
        ),
        hints=(
            "Append each request to a CorrectionLog in time order, then apply the log to the "
            "feed without its duplicate rows.",
            "Sort the requests by `at` before appending; log.verify() should return [].",
        ),
        success=f"After {len(req)} audited corrections the fees total {_gbp(expected)}; every "
        "change names who made it, why and when, and the raw feed is untouched.",
        reveal="for r in requests.sort_values('at').itertuples(): log.append(r.key, r.field, "
        "r.old, r.new, by=r.by, reason=r.reason, at=r.at); log.apply(feed)['fee_gbp'].sum()",
    )


# ---------------------------------------------------------------------------------------------
# 7.7 role-based views
# ---------------------------------------------------------------------------------------------


def _key_manager_view(data: ExerciseData, using: Any) -> Check:
    o = data.table("orders")
    expected = role_view(o, "kitchen manager", kitchen=FEED_KITCHEN)["on_time_rate"]
    o2 = o[o["promised_at"] <= o["ordered_at"].max()]
    week = o2["ordered_at"].dt.to_period("W")
    ok = o2["status"] == "delivered"
    on = ok & (o2["delivered_at"] <= o2["promised_at"])
    all_k = (on.groupby(week).sum() / ok.groupby(week).sum()).loc[expected.index]
    here = o2["kitchen_id"].astype(str) == FEED_KITCHEN
    all_orders = (on[here].groupby(week[here]).sum() / here[here].groupby(week[here]).size()).loc[
        expected.index
    ]
    return Check(
        "7.7 the kitchen manager's view",
        expected=expected,
        rtol=1e-9,
        check_names=False,
        mistakes=(
            Mistake(
                "company_wide",
                "that is every kitchen together, the executive's scope. The kitchen manager "
                f"sees kitchen {FEED_KITCHEN} only.",
                answer=all_k.rename(expected.name),
            ),
            Mistake(
                "failed_in_denominator",
                "you divided by all orders. On-time delivery is over delivered orders; failed "
                "deliveries are the failed share, another column of the view.",
                answer=all_orders.rename(expected.name),
            ),
        ),
        hints=(
            f"One kitchen ({FEED_KITCHEN}), by week ordered, the last six weeks.",
            "role_view(orders, 'kitchen manager', kitchen=FEED_KITCHEN) gives the whole view.",
        ),
        success=f"Kitchen {FEED_KITCHEN}'s weekly on-time rate ran from {expected.min():.1%} to "
        f"{expected.max():.1%} in the last six weeks: the detail a manager acts on and an "
        "executive does not need.",
        reveal="role_view(orders, 'kitchen manager', kitchen=FEED_KITCHEN)['on_time_rate']",
    )


# ---------------------------------------------------------------------------------------------
# 7.8 refresh interval
# ---------------------------------------------------------------------------------------------


def _key_refresh(data: ExerciseData, using: Any) -> Check:
    feed = data.table("partner_feed_v1")
    age = data_age_minutes(feed, REFRESH_MINUTES)
    expected = float((age <= BUDGET_MINUTES).mean())
    lag = arrival_lag_minutes(feed)
    picked = pd.to_datetime(feed["picked_up_at"], format="%Y-%m-%dT%H:%MZ")
    from_pickup = (
        age
        + (pd.to_datetime(feed["dropped_at"].replace("", None), format="%Y-%m-%dT%H:%MZ") - picked)
        .dt.total_seconds()
        .fillna(0)
        / 60
    )
    return Check(
        "7.8 events seen within the hour, hourly refresh",
        expected=expected,
        rtol=0,
        atol=1e-6,
        mistakes=(
            Mistake(
                "lag_only",
                "you counted the arrival lag only. With an hourly refresh an event also waits "
                "for the next refresh after it arrives: add that wait.",
                answer=float((lag <= BUDGET_MINUTES).mean()),
            ),
            Mistake(
                "wait_only",
                "you counted the wait for the refresh only, as if events arrived the moment "
                "they happened. Use received_at: some arrive hours late.",
                answer=float(((age - lag) <= BUDGET_MINUTES).mean()),
            ),
            Mistake(
                "from_pickup",
                "you measured from the pick-up. The event the shift lead needs is the drop "
                "(dropped_at; the pick-up only for a failed delivery).",
                answer=float((from_pickup <= BUDGET_MINUTES).mean()),
            ),
        ),
        hints=(
            "Age when first shown = time of the next hourly refresh after received_at, minus "
            "the time of the event.",
            "data_age_minutes(feed_v1, 60) gives that age per event.",
        ),
        success=f"{expected:.1%} of events reach the shift lead within {BUDGET_MINUTES} minutes "
        f"with an hourly refresh; the rest are mostly the outage days, which a faster refresh "
        "cannot fix - monitoring the feed can.",
        reveal="(data_age_minutes(feed_v1, 60) <= 60).mean()",
    )


# ---------------------------------------------------------------------------------------------
# 7.9 the versioned feed contract
# ---------------------------------------------------------------------------------------------


def _key_feed(data: ExerciseData, using: Any) -> Check:
    totals = {}
    raw = {}
    for v in (1, 2):
        feed = data.table(f"partner_feed_v{v}")
        bad = _bad(data, v)
        good = feed.drop(index=feed.index[bad["row"].unique()])
        totals[v] = float(normalise_feed(good, v)["fee_gbp"].sum())
        raw[v] = good
    expected = totals[1] + totals[2]
    v2_as_pounds = totals[1] + float(raw[2][CONTRACTS[2].fee_field].sum())
    return Check(
        "7.9 partner fees loaded from both versions",
        expected=expected,
        rtol=0,
        atol=0.01,
        mistakes=(
            Mistake(
                "pence_as_pounds",
                "you read fee_pence as pounds. Contract v2 changed the field: whole pence, so "
                "divide by 100 (normalise_feed does it).",
                answer=v2_as_pounds,
            ),
            Mistake(
                "v2_dropped",
                "that is the v1 feed only. The refused load of v2 as version 1 loaded nothing; "
                "load v2 again as version=2.",
                answer=totals[1],
            ),
            Mistake(
                "bad_rows_loaded",
                "you loaded the rows that break the row rules too. The store quarantines them.",
                answer=float(
                    normalise_feed(data.table("partner_feed_v1"), 1)["fee_gbp"].sum()
                    + normalise_feed(data.table("partner_feed_v2"), 2)["fee_gbp"].sum()
                ),
            ),
        ),
        hints=(
            "Load v1 as version 1, then v2: the store refuses it as version 1 (read the "
            "message) and accepts it as version 2.",
            "store.rows()['fee_gbp'].sum() after both loads.",
        ),
        success=f"Four months of partner fees: {_gbp(expected)}. Had v2 been read as pounds, "
        f"the cost would show {_gbp(v2_as_pounds)} - the silent break the contract caught.",
        reveal="store.load(feed_v1, 1, orders['order_id']); store.load(feed_v2, 2, "
        "orders['order_id']); store.rows()['fee_gbp'].sum()",
    )


# ---------------------------------------------------------------------------------------------
# 7.10 data sources in the learner's sheet
# ---------------------------------------------------------------------------------------------

_REFRESH_MINUTES = {"real time": 1, "hourly": 60, "daily": 1440, "weekly": 10080, "monthly": 43200}
_AGE_UNITS = {"minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43200}


def age_minutes(text: Any) -> float | None:
    """Minutes in an acceptable age such as ``"1 day"`` or ``"2 hours"``; None if unreadable.

    Examples
    --------
    >>> age_minutes("2 hours"), age_minutes("1 week"), age_minutes("soon")
    (120.0, 10080.0, None)
    """
    parts = str(text or "").strip().lower().split()
    if len(parts) != 2:
        return None
    try:
        n = float(parts[0])
    except ValueError:
        return None
    unit = parts[1].rstrip("s")
    return n * _AGE_UNITS[unit] if unit in _AGE_UNITS else None


def _rows(sheet: Any) -> list[dict]:
    rows = sheet.filled_rows() if hasattr(sheet, "filled_rows") else []
    return [r for r in rows if str(r.get("measure") or "").strip()]


def _too_slow(r: dict) -> bool:
    age = age_minutes(r.get("max_age"))
    refresh = _REFRESH_MINUTES.get(str(r.get("refresh") or ""))
    return age is not None and refresh is not None and refresh > age


def _incomplete(r: dict) -> bool:
    need = ("system", "refresh", "max_age", "validation_rule", "steward")
    return (
        any(not str(r.get(k) or "").strip() for k in need) or age_minutes(r.get("max_age")) is None
    )


def _key_sources(data: ExerciseData, using: Any) -> Check:
    def judge(sheet: Any) -> tuple[bool | None, str]:
        rows = _rows(sheet)
        if not rows:
            return None, "fill in at least three measures in the data-source sheet above."
        if len(rows) < 3:
            return False, f"{len(rows)} measure(s) filled in; give at least three."
        if any(_incomplete(r) for r in rows) or any(_too_slow(r) for r in rows):
            return False, "a row is incomplete or refreshed more slowly than it may be old."
        return True, ""

    return Check(
        "7.10 data sources for your measures",
        expected=None,
        judge=judge,
        mistakes=(
            Mistake(
                "refresh_slower_than_age",
                "a measure is refreshed less often than its acceptable age: a figure refreshed "
                "daily is up to a day old, so it cannot meet a one-hour limit. Refresh faster "
                "or accept an older figure.",
                matches=lambda s: any(_too_slow(r) for r in _rows(s)),
            ),
            Mistake(
                "incomplete_row",
                "a row lacks its system, refresh, acceptable age (a number and a unit, e.g. "
                "'1 day'), validation rule or data steward. A source without a rule and a "
                "steward has nobody to catch bad data.",
                matches=lambda s: any(_incomplete(r) for r in _rows(s)),
            ),
        ),
        hints=(
            "One row per measure: its system, how often it refreshes, how old it may be when "
            "someone acts on it, one validation rule and the steward.",
            "The refresh must be at least as often as the acceptable age allows.",
        ),
        success="Every measure on your sheet has a source, a refresh that meets its acceptable "
        "age, a rule that catches bad data and a steward; Save keeps it in your workspace and "
        "copies the sources into your scorecard.",
        reveal="Fill with the Homeats example, then adapt each row to your organisation.",
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise("7.1", "weighted totals of three tools", 8, "choosing tooling", _key_totals),
    Exercise("7.2", "the weight that flips the choice", 10, "choosing tooling", _key_break_even),
    Exercise("7.3", "ERP invoices on the catalogue's terms", 10, "mapping sources", _key_invoiced),
    Exercise("7.4", "new accounts from the CRM", 10, "mapping sources", _key_crm),
    Exercise("7.5", "fees that pass validation", 10, "validation and audit", _key_valid_fees),
    Exercise("7.6", "corrections in an audit log", 10, "validation and audit", _key_corrected),
    Exercise("7.7", "the kitchen manager's view", 8, "role-based views", _key_manager_view),
    Exercise("7.8", "how fresh is hourly?", 8, "refresh intervals", _key_refresh),
    Exercise("7.9", "two feed versions, one store", 10, "third-party feeds", _key_feed),
    Exercise("7.10", "data sources for your measures", 8, "your scorecard", _key_sources),
)
"""Module 7's exercises in notebook order, with their minutes (the one source of timings)."""
