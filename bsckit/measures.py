"""Monthly measures: each catalogue measure Homeats records, computed once, per month.

Every measure is defined in the metric catalogue (``bsckit/catalogue/measures.yaml``). Here each
recorded one has a *recipe*: the plain pandas that gathers its inputs per month from the Homeats
tables. The catalogue's ``formula`` then computes the value: the named :mod:`bsckit.kpi` function
(``kpi.defect_rate(defects, units made)``), or a plain aggregate (``count``, ``sum``, ``mean``,
``median``, ``ratio``). Values are on the catalogue's unit: a ``fraction`` is 0-1 (a defect rate
of 0.02 is 2 %), counts are whole numbers (0 in a month with none), and a ratio is missing (NaN)
in a month with no denominator.

Notebooks, the SMART builder's histories (:mod:`bsckit.widgets.history`) and module 3's
:func:`bsckit.processes.process_measures` all read these functions.

Examples
--------
>>> batches = pd.DataFrame({"produced_on": ["2026-01-03", "2026-01-20", "2026-03-02"],
...                         "defects": [2, 3, 1], "units_made": [100, 150, 200]})
>>> measure_series("defect_rate", {"production_batches": batches}).to_dict()
{Period('2026-01', 'M'): 0.02, Period('2026-03', 'M'): 0.005}
>>> sorted(needed_tables("quality_complaints"))
['orders', 'tickets']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from bsckit import kpi
from bsckit.catalogue import MEASURES as CATALOGUE

__all__ = [
    "LATENCY_PERCENTILE",
    "RECORDED",
    "SHORT_HISTORY",
    "measure_series",
    "monthly_measures",
    "needed_tables",
]

_Get = Callable[[str], Any]  # a table by name, or a measure already computed ("=id")
_RECIPES: dict[str, tuple[tuple[str, ...], Callable[[_Get], Any]]] = {}


def _recipe(measure_id: str, *tables: str) -> Callable:
    def register(function: Callable[[_Get], Any]) -> Callable[[_Get], Any]:
        _RECIPES[measure_id] = (tables, function)
        return function

    return register


def _month(values: pd.Series) -> pd.Series:
    """Calendar month of each date (time zones dropped as they stand)."""
    dates = pd.to_datetime(values)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates.dt.to_period("M")


def _count(frame: pd.DataFrame, column: str) -> pd.Series:
    dates = frame[column].dropna()
    return dates.groupby(_month(dates)).size()


def _sums(frame: pd.DataFrame, date: str, columns: Mapping[str, Any]) -> pd.DataFrame:
    """Monthly sums of ``columns`` (name -> Series or column name) of ``frame`` by ``date``."""
    data = {k: frame[v] if isinstance(v, str) else v for k, v in columns.items()}
    return pd.DataFrame(data).astype(float).groupby(_month(frame[date])).sum()


def _ones(frame: pd.DataFrame) -> pd.Series:
    return pd.Series(1.0, index=frame.index)


def _delivered(get: _Get) -> pd.DataFrame:
    orders = get("orders")
    return orders[orders["status"] == "delivered"]


def _finance(get: _Get, column: str) -> pd.Series:
    finance = get("finance_monthly")
    return pd.Series(finance[column].astype(float).to_numpy(), index=_month(finance["month"]))


def _hours(start: pd.Series, end: pd.Series) -> pd.Series:
    return (pd.to_datetime(end) - pd.to_datetime(start)).dt.total_seconds() / 3600


# --- innovation -------------------------------------------------------------------------------


@_recipe("new_product_revenue_share", "orders")
def _new_share(get: _Get) -> dict:
    orders = _delivered(get)
    new = orders["amount"].where(orders["new_dish"].astype(bool), 0.0)
    sums = _sums(orders, "ordered_at", {"revenue_new": new, "revenue_total": "amount"})
    return dict(sums)


@_recipe("market_research_studies", "market_studies")
def _studies(get: _Get) -> pd.Series:
    return _count(get("market_studies"), "completed_on")


@_recipe("prototypes", "innovation_projects")
def _prototypes(get: _Get) -> pd.Series:
    return _count(get("innovation_projects"), "prototype_on")


@_recipe("new_dishes_launched", "dishes")
def _launched(get: _Get) -> pd.Series:
    dishes = get("dishes").dropna(subset=["project_id"])
    return _count(dishes[dishes["project_id"].astype(str).str.len() > 0], "launched_on")


@_recipe("time_to_market", "innovation_projects")
def _time_to_market(get: _Get) -> Any:
    launched = get("innovation_projects").dropna(subset=["launched_on"])
    ideas = pd.to_datetime(launched["idea_on"])
    return ideas.groupby(_month(launched["launched_on"])), {"launch_dates": launched["launched_on"]}


@_recipe("marketing_spend", "operating_costs")
def _marketing(get: _Get) -> pd.Series:
    costs = get("operating_costs")
    marketing = costs[costs["cost_centre"] == "Marketing"]
    return marketing["amount"].groupby(_month(marketing["month"])).sum()


# --- operations ---------------------------------------------------------------------------------


def _batches(get: _Get, **columns: Any) -> pd.DataFrame:
    return _sums(get("production_batches"), "produced_on", columns)


def _run_seconds(get: _Get) -> pd.Series:
    b = get("production_batches")
    return (b["planned_minutes"] - b["downtime_minutes"]) * 60.0


@_recipe("process_improvements", "initiatives")
def _improvements(get: _Get) -> pd.Series:
    return _count(get("initiatives"), "started_on")


@_recipe("quality_checks", "production_batches")
def _checks(get: _Get) -> pd.Series:
    b = get("production_batches")
    return b["quality_checks"].astype(float).groupby(_month(b["produced_on"])).mean()


@_recipe("production_cost", "production_batches")
def _production_cost(get: _Get) -> pd.Series:
    return _batches(get, cost="cost")["cost"]


@_recipe("cycle_time", "production_batches")
def _cycle_time(get: _Get) -> dict:
    m = _batches(get, production_time=_run_seconds(get), units="units_made")
    return dict(m)


@_recipe("throughput", "production_batches")
def _throughput(get: _Get) -> dict:
    m = _batches(get, units="units_made", time=_run_seconds(get) / 3600.0)
    return dict(m)


@_recipe("resource_utilisation", "production_batches")
def _utilisation(get: _Get) -> dict:
    b = get("production_batches")
    busy = b["units_made"] * b["ideal_cycle_time_s"]
    return dict(_batches(get, busy_time=busy, available_time=_run_seconds(get)))


@_recipe("oee", "production_batches")
def _oee(get: _Get) -> dict:
    # Quality weights each unit by its ideal time, so that the product of the three factors is
    # the ideal time of the good units over the planned time, also when kitchens' speeds differ.
    b = get("production_batches")
    m = _batches(
        get,
        planned=b["planned_minutes"] * 60.0,
        run=_run_seconds(get),
        ideal_made=b["ideal_cycle_time_s"] * b["units_made"],
        ideal_good=b["ideal_cycle_time_s"] * b["good_units"],
    )
    return {
        "availability": m["run"] / m["planned"],
        "performance": m["ideal_made"] / m["run"],
        "quality": m["ideal_good"] / m["ideal_made"],
    }


@_recipe("defect_rate", "production_batches")
def _defect_rate(get: _Get) -> dict:
    return dict(_batches(get, defective_units="defects", units_inspected="units_made"))


@_recipe("first_pass_yield", "production_batches")
def _first_pass_yield(get: _Get) -> dict:
    b = get("production_batches")
    good_first_time = b["units_made"] - b["defects"] - b["rework"]
    return dict(_batches(get, good_first_time=good_first_time, units_in="units_made"))


@_recipe("cost_per_unit", "production_batches")
def _cost_per_unit(get: _Get) -> dict:
    return dict(_batches(get, total_cost="cost", units="good_units"))


@_recipe("real_cost_per_unit", "production_batches", "price_index")
def _real_cost(get: _Get) -> dict:
    index = get("price_index")
    cpi = pd.Series(index["cpi"].astype(float).to_numpy(), index=_month(index["month"]))
    return {"nominal": get("=cost_per_unit"), "price_index": cpi}


@_recipe("quality_complaints", "tickets", "orders")
def _complaints(get: _Get) -> pd.Series:
    tickets, orders = get("tickets"), get("orders")
    quality = tickets[(tickets["type"] == "complaint") & (tickets["topic"] == "food quality")]
    placed = orders.set_index("order_id")["ordered_at"]
    concern = quality["order_id"].map(placed).dropna()
    complaints = concern.groupby(_month(concern)).size()
    volume = orders.groupby(_month(orders["ordered_at"])).size()
    return complaints.reindex(volume.index, fill_value=0) / volume * 1000.0


# --- customer and post-sale service -------------------------------------------------------------


@_recipe("on_time_delivery", "orders")
def _on_time(get: _Get) -> dict:
    orders = _delivered(get)
    on_time = pd.to_datetime(orders["delivered_at"]) <= pd.to_datetime(orders["promised_at"])
    return dict(_sums(orders, "ordered_at", {"on_time": on_time, "deliveries": _ones(orders)}))


@_recipe("order_fulfilment_rate", "orders")
def _fulfilment(get: _Get) -> dict:
    orders = get("orders")
    delivered = orders["status"] == "delivered"
    columns = {"orders_fulfilled": delivered, "orders_received": _ones(orders)}
    return dict(_sums(orders, "ordered_at", columns))


@_recipe("average_order_value", "orders")
def _aov(get: _Get) -> pd.Series:
    orders = _delivered(get)
    return orders["amount"].astype(float).groupby(_month(orders["ordered_at"])).mean()


@_recipe("nps", "surveys")
def _nps(get: _Get) -> Any:
    surveys = get("surveys")
    answers = surveys[(surveys["touchpoint"] == "relationship") & surveys["nps"].notna()]
    return pd.to_numeric(answers["nps"]).groupby(_month(answers["sent_at"])), {}


@_recipe("csat", "surveys")
def _csat(get: _Get) -> Any:
    surveys = get("surveys")
    answers = surveys[surveys["csat"].notna()]
    return pd.to_numeric(answers["csat"]).groupby(_month(answers["sent_at"])), {}


@_recipe("survey_response_rate", "surveys")
def _response_rate(get: _Get) -> dict:
    surveys = get("surveys")
    answered = surveys["responded_at"].notna()
    columns = {"responses": answered, "invitations": _ones(surveys)}
    return dict(_sums(surveys, "sent_at", columns))


@_recipe("new_customers", "customers")
def _new_customers(get: _Get) -> pd.Series:
    return _count(get("customers"), "signup_at")


def _milestones(get: _Get, first: str, then: str, days: int) -> pd.DataFrame:
    """Per customer with a ``first`` event: its time and whether ``then`` followed within
    ``days``."""
    events = get("journey_events")
    times = events.pivot_table(
        index="customer_id", columns="event", values="occurred_at", aggfunc="min", observed=True
    )
    start = times[first].dropna() if first in times else pd.Series(dtype="datetime64[ns]")
    later = times[then].reindex(start.index) if then in times else start * np.nan
    gap = pd.to_datetime(later) - pd.to_datetime(start)
    within = gap.notna() & (gap <= pd.Timedelta(days=days))
    return pd.DataFrame({"start": start, "within": within.astype(float)})


@_recipe("first_order_conversion", "journey_events")
def _first_order_conversion(get: _Get) -> pd.Series:
    m = _milestones(get, "signed_up", "first_order", 14)
    return m["within"].groupby(_month(m["start"])).mean()


@_recipe("repeat_order_rate", "journey_events")
def _repeat_order_rate(get: _Get) -> pd.Series:
    m = _milestones(get, "first_order", "repeat_order", 60)
    return m["within"].groupby(_month(m["start"])).mean()


@_recipe("post_sale_satisfaction", "surveys", "tickets")
def _post_sale(get: _Get) -> Any:
    surveys, tickets = get("surveys"), get("tickets")
    support = surveys[(surveys["touchpoint"] == "support") & surveys["csat"].notna()]
    opened = support["ticket_id"].map(tickets.set_index("ticket_id")["opened_at"])
    keep = opened.notna()
    scores = pd.to_numeric(support.loc[keep, "csat"])
    return scores.groupby(_month(opened[keep])), {}


@_recipe("response_time", "tickets")
def _response_time(get: _Get) -> pd.Series:
    tickets = get("tickets")
    hours = _hours(tickets["opened_at"], tickets["first_response_at"])
    return hours.groupby(_month(tickets["opened_at"])).median()


@_recipe("first_contact_resolution", "tickets")
def _fcr(get: _Get) -> dict:
    tickets = get("tickets")
    resolved = tickets["first_contact_resolved"].astype(bool)
    columns = {"resolved_first_contact": resolved, "contacts": _ones(tickets)}
    return dict(_sums(tickets, "opened_at", columns))


@_recipe("return_processing_time", "returns")
def _return_days(get: _Get) -> pd.Series:
    returns = get("returns").dropna(subset=["processed_at"])
    days = _hours(returns["requested_at"], returns["processed_at"]) / 24
    return days.groupby(_month(returns["requested_at"])).median()


@_recipe("return_rate", "returns", "orders")
def _return_rate(get: _Get) -> dict:
    returns = get("returns")
    returned = returns.groupby(_month(returns["requested_at"])).size()
    sold = _delivered(get).pipe(lambda o: o.groupby(_month(o["ordered_at"])).size())
    return {"units_returned": returned.reindex(sold.index, fill_value=0), "units_sold": sold}


@_recipe("billing_error_rate", "invoices")
def _billing_errors(get: _Get) -> dict:
    invoices = get("invoices")
    errors = invoices["billing_error"].astype(bool)
    columns = {"defective_units": errors, "units_inspected": _ones(invoices)}
    return dict(_sums(invoices, "issued_on", columns))


@_recipe("dso", "invoices", "payments")
def _dso(get: _Get) -> dict:
    invoices, payments = get("invoices"), get("payments")
    issued = pd.to_datetime(invoices["issued_on"])
    paid = invoices["invoice_id"].map(
        pd.to_datetime(payments["paid_on"]).groupby(payments["invoice_id"]).max()
    )
    billed = invoices["amount"].astype(float).groupby(_month(issued)).sum()
    receivables = {}
    for period in billed.index:
        end = period.end_time.normalize()
        still_open = (issued <= end) & (paid.isna() | (paid > end))
        receivables[period] = invoices.loc[still_open, "amount"].sum()
    days = pd.Series([p.days_in_month for p in billed.index], index=billed.index, dtype=float)
    # kpi.dso takes one number of days; DSO is linear in it, so scale by each month's days.
    return {"receivables": pd.Series(receivables) * days, "credit_sales": billed, "days": 1.0}


# --- financial and people -----------------------------------------------------------------------


@_recipe("revenue", "finance_monthly")
def _revenue(get: _Get) -> pd.Series:
    return _finance(get, "net_revenue")


@_recipe("cogs", "finance_monthly")
def _cogs(get: _Get) -> pd.Series:
    return _finance(get, "cogs")


@_recipe("operating_profit", "finance_monthly")
def _ebit(get: _Get) -> pd.Series:
    return _finance(get, "ebit")


@_recipe("operating_margin", "finance_monthly")
def _margin(get: _Get) -> dict:
    return {"operating_income": _finance(get, "ebit"), "revenue": _finance(get, "net_revenue")}


@_recipe("roic", "finance_monthly")
def _roic(get: _Get) -> dict:
    return {
        "nopat": 12 * _finance(get, "nopat"),
        "invested_capital": _finance(get, "invested_capital"),
    }


@_recipe("operating_cost", "operating_costs")
def _operating_cost(get: _Get) -> pd.Series:
    costs = get("operating_costs")
    return costs["amount"].astype(float).groupby(_month(costs["month"])).sum()


@_recipe("training_hours", "training")
def _training(get: _Get) -> dict:
    training = get("training")
    grouped = training.groupby(_month(training["month"]))
    return {
        "training_hours": grouped["training_hours"].sum().astype(float),
        "headcount": grouped["employee_id"].nunique().astype(float),
    }


@_recipe("system_adoption", "kitchen_system_log")
def _system_adoption(get: _Get) -> dict:
    log = get("kitchen_system_log")
    sums = _sums(log, "month", {"adopters": "orders_in_system", "eligible": "orders"})
    return {"adopters": sums["adopters"], "eligible": sums["eligible"]}


@_recipe("documentation_completeness", "kitchen_people_log")
def _documentation(get: _Get) -> pd.Series:
    log = get("kitchen_people_log")
    done = log["recipes_documented"] + log["procedures_documented"]
    sums = pd.DataFrame({"done": done, "all": log["recipes"] + log["procedures"]})
    sums = sums.groupby(_month(log["month"])).sum()
    return sums["done"] / sums["all"].where(sums["all"] > 0)


@_recipe("data_quality", "kitchen_system_log")
def _data_quality(get: _Get) -> pd.Series:
    log = get("kitchen_system_log")
    bad = log["entries_missing"] + log["entries_late"]
    sums = pd.DataFrame({"bad": bad, "all": log["orders_in_system"]})
    sums = sums.groupby(_month(log["month"])).sum()
    return 1 - sums["bad"] / sums["all"].where(sums["all"] > 0)


@_recipe("remake_rate", "kitchen_people_log")
def _remake_rate(get: _Get) -> pd.Series:
    log = get("kitchen_people_log")
    sums = log[["remakes", "plates"]].groupby(_month(log["month"])).sum()
    return sums["remakes"] / sums["plates"].where(sums["plates"] > 0)


@_recipe("decision_time", "kitchen_system_log")
def _decision_time(get: _Get) -> pd.Series:
    log = get("kitchen_system_log")
    weighted = log["decision_hours_median"] * log["exceptions"]
    sums = pd.DataFrame({"w": weighted, "n": log["exceptions"]}).groupby(_month(log["month"]))
    sums = sums.sum()
    return sums["w"] / sums["n"].where(sums["n"] > 0)


@_recipe("backfill_cost", "kitchen_people_log")
def _backfill_cost(get: _Get) -> pd.Series:
    log = get("kitchen_people_log")
    return log["backfill_cost_gbp"].astype(float).groupby(_month(log["month"])).sum()


# --- module 4: kitchens' management accounts and the sales budget ------------------------------


def _ledger_sums(get: _Get, *columns: str) -> pd.DataFrame:
    ledger = get("kitchen_ledger")
    return ledger[list(columns)].astype(float).groupby(_month(ledger["month"])).sum()


@_recipe("waste_per_meal", "kitchen_ledger")
def _waste_per_meal(get: _Get) -> pd.Series:
    sums = _ledger_sums(get, "waste_cost", "meals")
    return sums["waste_cost"] / sums["meals"].where(sums["meals"] > 0)


@_recipe("kitchen_audit_score", "kitchen_ledger")
def _audit(get: _Get) -> pd.Series:
    ledger = get("kitchen_ledger")
    return ledger["audit_score"].astype(float).groupby(_month(ledger["month"])).mean()


@_recipe("coaching_spend", "kitchen_ledger")
def _coaching(get: _Get) -> pd.Series:
    return _ledger_sums(get, "coaching_spend")["coaching_spend"]


@_recipe("revenue_variance", "sales_budget", "orders")
def _revenue_variance(get: _Get) -> pd.Series:
    budget = get("sales_budget")
    planned = (
        (budget["budget_orders"] * budget["budget_order_value"])
        .groupby(_month(budget["month"]))
        .sum()
    )
    orders = _delivered(get)
    actual = orders["amount"].astype(float).groupby(_month(orders["ordered_at"])).sum()
    actual = actual.reindex(planned.index, fill_value=0.0)
    return (actual - planned) / planned.where(planned > 0)


# --- module 7: the delivery partner's API feed -------------------------------------------------

LATENCY_PERCENTILE = 0.95
"""The percentile ``feed_arrival_lag`` reports (its catalogue definition says 95th)."""


def _partner_rows(get: _Get) -> pd.DataFrame:
    """Both versions of the partner feed on Homeats' terms (fee in pounds), each delivery once,
    negative fees left out, with the event's month (UK time) and its arrival lag in minutes."""
    from bsckit.technology import arrival_lag_minutes, normalise_feed

    parts = [normalise_feed(get(f"partner_feed_v{v}"), v) for v in (1, 2)]
    rows = pd.concat(parts, ignore_index=True).drop_duplicates("delivery_id")
    rows = rows[rows["fee_gbp"] >= 0]
    event = pd.to_datetime(
        rows["dropped_at"].fillna(rows["picked_up_at"]), format="%Y-%m-%dT%H:%MZ"
    )
    local = event.dt.tz_localize("UTC").dt.tz_convert("Europe/London").dt.tz_localize(None)
    return rows.assign(month=local.dt.to_period("M"), lag_min=arrival_lag_minutes(rows))


@_recipe("partner_fees", "partner_feed_v1", "partner_feed_v2")
def _partner_fees(get: _Get) -> pd.Series:
    rows = _partner_rows(get)
    return rows["fee_gbp"].astype(float).groupby(rows["month"]).sum()


@_recipe("partner_fee_per_delivery", "partner_feed_v1", "partner_feed_v2")
def _partner_fee_per_delivery(get: _Get) -> dict:
    rows = _partner_rows(get)
    per_month = rows.groupby("month")
    return {
        "total_cost": per_month["fee_gbp"].sum().astype(float),
        "transactions": per_month.size().astype(float),
    }


@_recipe("feed_arrival_lag", "partner_feed_v1", "partner_feed_v2")
def _feed_arrival_lag(get: _Get) -> Any:
    rows = _partner_rows(get)
    return rows["lag_min"].groupby(rows["month"]), {"q": LATENCY_PERCENTILE}


RECORDED: tuple[str, ...] = tuple(m for m in CATALOGUE if m in _RECIPES)
"""Ids of the catalogue measures computed from the Homeats tables, in catalogue order."""

SHORT_HISTORY: tuple[str, ...] = ("partner_fees", "partner_fee_per_delivery", "feed_arrival_lag")
"""Recorded measures with only a few months of history: the partner feed covers the last
``bsckit.data.partner.FEED_MONTHS`` months of the data. Reports that need a monthly history
(control limits, a baseline year) leave them out."""


def needed_tables(measure_id: str) -> tuple[str, ...]:
    """The Homeats tables :func:`measure_series` reads for ``measure_id``."""
    _check_id(measure_id)
    return _RECIPES[measure_id][0]


def _check_id(measure_id: Any) -> None:
    if not isinstance(measure_id, str) or measure_id not in _RECIPES:
        known = ", ".join(sorted(_RECIPES))
        msg = f"`measure_id` {measure_id!r} has no Homeats recipe; known: {known}."
        raise KeyError(msg)


def _fill_months(counts: pd.Series) -> pd.Series:
    if counts.empty:
        return counts.astype(int)
    months = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    return counts.reindex(months, fill_value=0).astype(int)


def _compute(measure_id: str, get: _Get) -> pd.Series:
    formula = CATALOGUE[measure_id].formula
    result = _RECIPES[measure_id][1](get)
    if formula == "count":
        return _fill_months(result)
    if not formula.startswith("kpi."):
        return result.astype(float)
    function = getattr(kpi, formula[4:])
    if isinstance(result, tuple):  # grouped raw values: the kpi function per month
        groups, extra = result
        # extra inputs: a Series per raw value (taken for the month's rows), or a plain number
        values = {month: function(group, **{k: v[group.index] if isinstance(v, pd.Series) else v
                                            for k, v in extra.items()})
                  for month, group in groups if len(group)}  # fmt: skip
        return pd.Series(values, dtype=float)
    # inputs: monthly Series, the denominator last (a month without one is left out), and
    # plain numbers passed as they are
    scalars = {k: v for k, v in result.items() if not isinstance(v, pd.Series)}
    frame = pd.DataFrame({k: v for k, v in result.items() if isinstance(v, pd.Series)})
    frame = frame[np.isfinite(frame).all(axis=1) & (frame.iloc[:, -1] > 0)]
    if frame.empty:
        return pd.Series(dtype=float)
    return pd.Series(function(**dict(frame), **scalars), index=frame.index, dtype=float)


def _getter(tables: Mapping[str, pd.DataFrame], owner: str) -> _Get:
    done: dict[str, pd.Series] = {}

    def get(name: str) -> Any:
        if name.startswith("="):
            if name[1:] not in done:
                done[name[1:]] = _compute(name[1:], get)
            return done[name[1:]]
        if name not in tables:
            msg = f"`tables` has no table {name!r}, which {owner!r} needs."
            raise KeyError(msg)
        return tables[name]

    return get


def _check_tables(tables: Any) -> None:
    if not isinstance(tables, Mapping):
        msg = f"`tables` must be a dict of table name -> DataFrame, got {type(tables).__name__}."
        raise TypeError(msg)
    for name, frame in tables.items():
        if not isinstance(frame, pd.DataFrame):
            msg = f"`tables[{name!r}]` must be a pandas DataFrame, got {type(frame).__name__}."
            raise TypeError(msg)


def measure_series(measure_id: str, tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    """One measure per month, over the months its tables cover.

    Parameters
    ----------
    measure_id : str
        A catalogue id with a Homeats recipe (see :data:`RECORDED`).
    tables : mapping of table name -> DataFrame
        At least the tables :func:`needed_tables` names (loaded with ``bsckit.data.load`` or
        made by hand, e.g. in a test).

    Returns
    -------
    pandas.Series
        Named ``measure_id``, indexed by a monthly ``PeriodIndex`` named ``month``, on the
        catalogue's unit.

    Examples
    --------
    >>> measure_series("defect_rate", {})
    Traceback (most recent call last):
    ...
    KeyError: "`tables` has no table 'production_batches', which 'defect_rate' needs."
    """
    _check_id(measure_id)
    _check_tables(tables)
    series = _compute(measure_id, _getter(tables, measure_id)).sort_index()
    series.index = pd.PeriodIndex(series.index, freq="M", name="month")
    return series.rename(measure_id)


def monthly_measures(
    tables: Mapping[str, pd.DataFrame], measures: tuple[str, ...] | list[str] | None = None
) -> pd.DataFrame:
    """Every recorded measure whose tables are given, one row per month.

    Parameters
    ----------
    tables : mapping of table name -> DataFrame
        As returned by ``bsckit.data.generate()`` or loaded with ``bsckit.data.load``.
    measures : sequence of str, optional
        Catalogue ids to compute (default: every one of :data:`RECORDED` whose tables are in
        ``tables``; a named measure whose tables are missing is an error).

    Returns
    -------
    pandas.DataFrame
        One row per month (a monthly ``PeriodIndex`` named ``month``) from the first to the last
        month of ``orders`` (or of the measures computed), one column per measure, in catalogue
        order. Counts are whole numbers, 0 in a month with no event.

    Examples
    --------
    >>> studies = pd.DataFrame({"completed_on": ["2026-01-10", "2026-03-01"]})
    >>> monthly_measures({"market_studies": studies})["market_research_studies"].tolist()
    [1, 0, 1]
    """
    _check_tables(tables)
    if measures is None:
        ids = [m for m in RECORDED if all(t in tables for t in _RECIPES[m][0])]
    else:
        ids = list(measures)
        for measure_id in ids:
            _check_id(measure_id)
    if not ids:
        msg = (
            "`tables` holds none of the tables the measures need (e.g. orders, "
            "production_batches, tickets); pass the dict from bsckit.data.generate()."
        )
        raise ValueError(msg)
    get = _getter(tables, "the measures")
    out = {}  # one getter for all: a measure another one uses is computed once
    for measure_id in ids:
        out[measure_id] = get("=" + measure_id)
    if "orders" in tables:
        span = _month(tables["orders"]["ordered_at"])
        first, last = span.min(), span.max()
    else:
        known = [pd.PeriodIndex(s.index, freq="M") for s in out.values() if len(s)]
        first, last = min(i.min() for i in known), max(i.max() for i in known)
    months = pd.period_range(first, last, freq="M", name="month")
    columns = {}
    for measure_id, series in out.items():
        series = series.copy()
        series.index = pd.PeriodIndex(series.index, freq="M")
        series = series.reindex(months)
        if CATALOGUE[measure_id].formula == "count":
            series = series.fillna(0).astype(int)
        columns[measure_id] = series
    return pd.DataFrame(columns, index=months)
