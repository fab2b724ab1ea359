"""No wrong method passes module 7's checks, on three parameter sets.

For each parameter set (seed, scenario) the data is generated afresh. The answers below are
written the way a learner writes them - the right method and each listed mistake - with plain
pandas, independently of the answer key (``bsckit.answers.module7``) and of
``bsckit.technology``. Each mistake must fail its check *and* get its own diagnosis; the right
method must pass. A mistake the key lists only when it differs from the answer on the data in
use (a duplicate that falls in another month) must then give the right answer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bsckit.answers import exercises
from bsckit.answers.module7 import (
    BREAK_EVEN,
    EXERCISES,
    FEED_KITCHEN,
    WAITING_GBP,
    correction_requests,
)
from bsckit.technology import CRITERIA, TOOL_PROFILES


@pytest.fixture(autouse=True)
def _fresh(fresh_checks):
    """Every test starts with no check history (tests/conftest.py)."""


# --------------------------------------------------------------------------------------------
# Learner answers: the right method first, then each mistake
# --------------------------------------------------------------------------------------------


def _scores():
    s = pd.DataFrame(TOOL_PROFILES).loc[list(CRITERIA)]
    return s, pd.Series(CRITERIA, dtype=float)


def _totals(t):
    s, w = _scores()
    flipped = s.copy()
    flipped.iloc[-1] = 6 - flipped.iloc[-1]
    return {
        "solution": (s.T @ w) / w.sum(),
        "unweighted": s.mean(),
        "not_divided": s.T @ w,
        "customisation_reversed": (flipped.T @ w) / w.sum(),
    }


def _break_even(t):
    s, w = _scores()
    criterion, a, b = BREAK_EVEN

    def gap(x):  # weighted-sum gap between a and b at weight x of the criterion
        ww = w.copy()
        ww[criterion] = x
        return float((s[a] - s[b]) @ ww)

    root = -gap(0) / (gap(1) - gap(0))
    return {
        "solution": root,
        "wrong_sign": -root,
        "divided_by_total_weight": root / w.drop(criterion).sum(),
        "rest_included_criterion": root - w[criterion],
    }


def _last_month(t):
    return t["orders"]["ordered_at"].max().to_period("M") - 1


def _invoiced(t):
    e = t["erp_invoices"]
    month = _last_month(t)
    uniq = e.drop_duplicates()

    def total(frame, fmt, scale):
        when = pd.to_datetime(frame["doc_date"], format=fmt, errors="coerce").dt.to_period("M")
        return frame.loc[when == month, "net_amount_pence"].sum() / scale

    return {
        "solution": total(uniq, "%d/%m/%Y", 100),
        "pence": total(uniq, "%d/%m/%Y", 1),
        "month_first": total(uniq, "%m/%d/%Y", 100),
        "duplicates_kept": total(e, "%d/%m/%Y", 100),
    }


def _crm(t):
    c = t["crm_accounts"].copy()
    c["number"] = c["account_id"].str.replace("ACC-", "").astype(int)
    c["key"] = c["email"].str.lower()
    one = c.sort_values("number").drop_duplicates("key")

    def per_month(frame, local=True):
        ts = pd.to_datetime(frame["created_utc"], utc=True)
        if local:
            ts = ts.dt.tz_convert("Europe/London")
        m = ts.dt.tz_localize(None).dt.to_period("M")
        return m.value_counts().sort_index()

    return {
        "solution": per_month(one),
        "utc_months": per_month(one, local=False),
        "duplicates_kept": per_month(c),
        "active_only": per_month(one[one["status"] == "Active"]),
    }


def _feed_flags(feed, orders, fee):
    dup = feed["delivery_id"].duplicated()
    dropped = feed["dropped_at"].fillna("")
    return {
        "negative": feed[fee] < 0,
        "order": ~feed["order_ref"].isin(set(orders["order_id"].astype(str))),
        "backwards": (dropped != "") & (dropped < feed["picked_up_at"]),
        "dup": dup,
        "dup_first": feed["delivery_id"].duplicated(keep=False) & ~dup,
    }


def _valid_fees(t):
    f = t["partner_feed_v1"]
    flags = _feed_flags(f, t["orders"], "fee_gbp")
    bad = flags["negative"] | flags["order"] | flags["backwards"] | flags["dup"]
    return {
        "solution": f.loc[~bad, "fee_gbp"].sum(),
        "all_rows": f["fee_gbp"].sum(),
        "negative_fees_only": f.loc[~flags["negative"], "fee_gbp"].sum(),
        "both_copies_dropped": f.loc[~bad & ~flags["dup_first"], "fee_gbp"].sum(),
    }


def _corrected(t):
    f = t["partner_feed_v1"].drop_duplicates("delivery_id").set_index("delivery_id")["fee_gbp"]
    negatives = f[f < 0]
    first = negatives.index[0]
    fixed = f.copy()
    fixed[negatives.index] = -negatives
    listed_order = fixed.copy()  # filed by reason: the partner's fee first, then the sign fix
    fixed[first] = -negatives.iloc[0] + WAITING_GBP
    old_values = f.copy()
    old_values[first] = -negatives.iloc[0]  # the partner entry's `old` is the sign-fixed fee
    return {
        "solution": fixed.sum(),
        "filed_order": listed_order.sum(),
        "not_applied": f.sum(),
        "edited_old_values": old_values.sum(),
    }


def _manager_view(t):
    o = t["orders"]
    o = o[o["promised_at"] <= o["ordered_at"].max()]
    o = o.assign(week=o["ordered_at"].dt.to_period("W"))
    o["ok"] = o["status"] == "delivered"
    o["on_time"] = o["ok"] & (o["delivered_at"] <= o["promised_at"])
    mine = o[o["kitchen_id"].astype(str) == FEED_KITCHEN]
    weeks = sorted(mine["week"].unique())[-6:]

    def rate(frame, over="ok"):
        g = frame.groupby("week")
        r = g["on_time"].sum() / (g[over].sum() if over else g.size())
        return r.loc[weeks]

    return {
        "solution": rate(mine),
        "company_wide": rate(o),
        "failed_in_denominator": rate(mine, over=None),
    }


def _refresh(t):
    f = t["partner_feed_v1"]

    def ts(col):
        return pd.to_datetime(f[col].replace("", None), format="%Y-%m-%dT%H:%MZ")

    event = ts("dropped_at").fillna(ts("picked_up_at"))
    got = ts("received_at")
    minutes = got.dt.hour * 60 + got.dt.minute
    shown = got.dt.floor("D") + pd.to_timedelta(np.ceil(minutes / 60) * 60, unit="min")
    age = (shown - event).dt.total_seconds() / 60
    wait = (shown - got).dt.total_seconds() / 60
    lag = (got - event).dt.total_seconds() / 60
    from_pick = (shown - ts("picked_up_at")).dt.total_seconds() / 60
    return {
        "solution": (age <= 60).mean(),
        "lag_only": (lag <= 60).mean(),
        "wait_only": (wait <= 60).mean(),
        "from_pickup": (from_pick <= 60).mean(),
    }


def _feeds(t):
    o = t["orders"]
    totals, raw_v2, everything = {}, 0.0, 0.0
    for v, fee, scale in ((1, "fee_gbp", 1), (2, "fee_pence", 100)):
        f = t[f"partner_feed_v{v}"]
        flags = _feed_flags(f, o, fee)
        bad = flags["negative"] | flags["order"] | flags["backwards"] | flags["dup"]
        totals[v] = (f.loc[~bad, fee] / scale).round(2).sum()
        everything += (f[fee] / scale).round(2).sum()
        if v == 2:
            raw_v2 = f.loc[~bad, fee].sum()
    return {
        "solution": totals[1] + totals[2],
        "pence_as_pounds": totals[1] + raw_v2,
        "v2_dropped": totals[1],
        "bad_rows_loaded": everything,
    }


LEARNER = {
    "7.1": _totals,
    "7.2": _break_even,
    "7.3": _invoiced,
    "7.4": _crm,
    "7.5": _valid_fees,
    "7.6": _corrected,
    "7.7": _manager_view,
    "7.8": _refresh,
    "7.9": _feeds,
}


def test_every_exercise_is_tested_and_minutes_add_up() -> None:
    ids = {e.id for e in EXERCISES}
    assert ids == set(LEARNER) | {"7.10"}
    assert len(EXERCISES) >= 8
    assert sum(e.minutes for e in EXERCISES) == 92


@pytest.mark.parametrize("exercise_id", sorted(LEARNER))
def test_each_mistake_fails_with_its_own_hint_and_the_solution_passes(
    tables, exercise_id, capsys
) -> None:
    ex = exercises(7, tables=tables)
    answers = LEARNER[exercise_id](tables)
    solution = answers.pop("solution")
    result = ex.check(exercise_id, solution)
    assert result.status == "passed", result.message
    listed = {m.name for m in ex.key(exercise_id).mistakes}
    assert listed <= set(answers), (exercise_id, listed, set(answers))
    assert len(listed) >= 2, (exercise_id, listed)
    for name, wrong in answers.items():
        result = ex.check(exercise_id, wrong)
        if name not in listed:  # listed only where it differs: here it gives the right answer
            assert result.status == "passed", (exercise_id, name, result.message)
            continue
        assert result.status == "failed", (exercise_id, name)
        assert result.mistake == name, (exercise_id, name, result.message)
    assert ex.check(exercise_id, ...).status == "not_attempted"


def test_corrections_are_filed_out_of_time_order(tables) -> None:
    req = correction_requests(tables["partner_feed_v1"])
    assert len(req) == (tables["partner_feed_v1"]["fee_gbp"] < 0).sum() + 1
    assert not req["at"].is_monotonic_increasing  # filed by reason, so sorting matters


class _Sheet:
    def __init__(self, rows):
        self.rows = rows

    def filled_rows(self):
        return [dict(r) for r in self.rows]


def _row(measure, refresh="daily", max_age="1 week", **extra):
    row = {
        "measure": measure,
        "system": "ERP",
        "table_fields": "t.f",
        "refresh": refresh,
        "max_age": max_age,
        "validation_rule": "value >= 0",
        "steward": "Finance analyst",
    }
    row.update(extra)
    return row


def test_data_sources_are_judged_from_the_sheet(tmp_path, capsys) -> None:
    ex = exercises(7, tables={}, scorecard=tmp_path / "my_scorecard.yaml")
    assert ex.check("7.10", _Sheet([])).status == "not_attempted"
    good = [_row("Revenue"), _row("On-time delivery", "hourly", "1 day"), _row("NPS")]
    slow = [*good[:2], _row("NPS", "weekly", "1 day")]
    assert ex.check("7.10", _Sheet(slow)).mistake == "refresh_slower_than_age"
    gap = [*good[:2], _row("NPS", steward="")]
    assert ex.check("7.10", _Sheet(gap)).mistake == "incomplete_row"
    assert ex.check("7.10", _Sheet(good)).status == "passed"
