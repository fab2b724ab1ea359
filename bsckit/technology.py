"""Module 7, technology and data integration: the small helpers the lesson and its exercises use.

One concept per group, named after the business term:

- **Tool choice** - :data:`TOOL_PROFILES`, :func:`tool_matrix` (the toolkit's tool-selection
  worksheet, filled), :func:`weighted_totals` (read from that worksheet's own totals) and
  :func:`break_even_weight` (how far a weight may move before the ranking flips).
- **Source mapping** - :func:`clean_erp_invoices`, :func:`clean_crm_accounts`,
  :func:`erp_monthly_sales`, :func:`revenue_timing_gap`.
- **Validation and audit** - :func:`feed_schema` (a pandera schema per feed version),
  :func:`failing_rows`, and :class:`CorrectionLog`, an append-only, hash-chained log of
  corrections that a reviewer can verify.
- **Role-based views** - :data:`ROLES`, :func:`role_view`, :func:`export_view`.
- **Refresh intervals** - :func:`arrival_lag_minutes`, :func:`data_age_minutes`,
  :func:`refresh_options`. The feed's measures (partner fees, fee per delivery, arrival lag)
  are catalogue measures: take them from ``bsckit.measures.monthly_measures``.
- **Third-party feeds** - :data:`CONTRACTS` (the partner API's versioned schema contract),
  :func:`contract_problems`, :class:`FeedStore` (loads a feed, refuses a bad one with a clear
  error, never loses what is already loaded) and :class:`FeedRejected`.

Examples
--------
>>> totals = weighted_totals(tool_matrix())
>>> max(totals, key=totals.get) in TOOL_PROFILES
True
>>> CONTRACTS[2].fields["fee_pence"]
'int'
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bsckit._atomic import atomic_write_text
from bsckit.catalogue import read_data_file

__all__ = [
    "CONTRACTS",
    "CRITERIA",
    "ROLES",
    "TOOL_PROFILES",
    "CorrectionLog",
    "FeedContract",
    "FeedRejected",
    "FeedStore",
    "arrival_lag_minutes",
    "break_even_weight",
    "clean_crm_accounts",
    "clean_erp_invoices",
    "contract_problems",
    "data_age_minutes",
    "erp_monthly_sales",
    "export_view",
    "failing_rows",
    "feed_schema",
    "normalise_feed",
    "refresh_options",
    "revenue_timing_gap",
    "role_view",
    "sources_to_scorecard",
    "tool_matrix",
    "weighted_totals",
]

# ---------------------------------------------------------------------------------------------
# Tool choice
# ---------------------------------------------------------------------------------------------

_TOOLS: dict = read_data_file("bsckit", "technology.yaml")

CRITERIA: dict[str, int] = _TOOLS["criteria"]
"""Homeats' criteria and their weights (1 = nice to have, 5 = must have), from
``bsckit/technology.yaml``."""

TOOL_PROFILES: dict[str, dict[str, int]] = {
    name: dict(zip(CRITERIA, scores, strict=True))
    for name, scores in _TOOLS["tool_profiles"].items()
}
"""Scores 1-5 of three tool profiles on :data:`CRITERIA` (a workshop's judgement, not measured data)."""

_OPTIONS = ("option_a", "option_b", "option_c")


def tool_matrix(
    weights: Mapping[str, float] | None = None,
    profiles: Mapping[str, Mapping[str, float]] | None = None,
) -> Any:
    """The toolkit's tool-selection worksheet (``toolkit/tool_selection.ipynb``), filled in.

    Parameters
    ----------
    weights : mapping criterion -> weight, optional
        Default :data:`CRITERIA`.
    profiles : mapping profile -> {criterion: score}, optional
        Exactly three profiles (the sheet's options A, B, C); default :data:`TOOL_PROFILES`.

    Returns
    -------
    bsckit.widgets.worksheet.Worksheet
        Not saved anywhere (``path=None``); its ``notes`` column names the options.
    """
    from bsckit.widgets.worksheet import Worksheet

    weights = dict(CRITERIA if weights is None else weights)
    profiles = dict(TOOL_PROFILES if profiles is None else profiles)
    if len(profiles) != len(_OPTIONS):
        msg = f"`profiles` must hold exactly 3 tool profiles (the sheet's options A-C), got {len(profiles)}."
        raise ValueError(msg)
    sheet = Worksheet("tool_selection", path=None)
    names = list(profiles)
    rows = []
    for criterion, weight in weights.items():
        row: dict[str, Any] = {"criterion": criterion, "weight": float(weight)}
        for option, name in zip(_OPTIONS, names, strict=True):
            row[option] = float(profiles[name][criterion])
        rows.append(row)
    rows[-1]["notes"] = ", ".join(
        f"{o[-1].upper()} = {n}" for o, n in zip(_OPTIONS, names, strict=True)
    )
    sheet.rows = rows
    sheet.profile_names = names
    return sheet


def weighted_totals(sheet: Any) -> dict[str, float]:
    """Each profile's weighted total (1-5 scale), read from the worksheet's own ``totals()``.

    Examples
    --------
    >>> weighted_totals(tool_matrix())["spreadsheet"]
    2.5
    """
    totals = sheet.totals()
    names = getattr(sheet, "profile_names", list(_OPTIONS))
    return {name: totals[o] for o, name in zip(_OPTIONS, names, strict=True)}


def break_even_weight(
    criterion: str,
    a: str,
    b: str,
    weights: Mapping[str, float] | None = None,
    profiles: Mapping[str, Mapping[str, float]] | None = None,
) -> float:
    """The weight of ``criterion`` at which profiles ``a`` and ``b`` tie, the others kept.

    Dividing by the sum of the weights does not change which option leads, so the tie solves
    ``sum_i w_i (s_ai - s_bi) = 0`` for the one weight. ``inf`` when the two score the same on
    that criterion (no weight separates them); a negative value means no weight makes them tie.

    Examples
    --------
    >>> break_even_weight("Works without custom build (little over-customising)",
    ...                   "BI platform", "scorecard product")
    5.0
    """
    weights = dict(CRITERIA if weights is None else weights)
    profiles = TOOL_PROFILES if profiles is None else profiles
    for name in (a, b):
        if name not in profiles:
            msg = f"`{name}` is not a profile; the profiles are {sorted(profiles)}."
            raise KeyError(msg)
    if criterion not in weights:
        msg = f"`criterion` must be one of {list(weights)}, got {criterion!r}."
        raise KeyError(msg)
    rest = sum(w * (profiles[a][c] - profiles[b][c]) for c, w in weights.items() if c != criterion)
    diff = profiles[a][criterion] - profiles[b][criterion]
    return float("inf") if diff == 0 else float(-rest / diff)


# ---------------------------------------------------------------------------------------------
# Source mapping
# ---------------------------------------------------------------------------------------------


def clean_erp_invoices(erp: pd.DataFrame) -> pd.DataFrame:
    """The ERP invoice export on the catalogue's terms: ids as in ``invoices``, day-first dates
    parsed, pounds instead of pence, re-exported duplicates dropped (discrepancies X01-X05).

    Examples
    --------
    >>> raw = pd.DataFrame({"doc_no": ["INV-2024-000001"] * 2, "customer_ref": ["CUST00000042"] * 2,
    ...     "doc_date": ["03/04/2024"] * 2, "due_date": ["03/05/2024"] * 2,
    ...     "net_amount_pence": [1250] * 2, "status": ["PAID"] * 2, "cleared_date": ["10/04/2024"] * 2})
    >>> clean_erp_invoices(raw)[["invoice_id", "customer_id", "issued_on", "amount"]].to_dict("records")
    [{'invoice_id': 'INV000001', 'customer_id': 'C00042', 'issued_on': Timestamp('2024-04-03 00:00:00'), 'amount': 12.5}]
    """
    e = erp.drop_duplicates()
    return pd.DataFrame(
        {
            "invoice_id": "INV" + e["doc_no"].astype(str).str[-6:],
            "customer_id": "C"
            + e["customer_ref"].astype(str).str.slice(4).astype(int).map("{:05d}".format),
            "issued_on": pd.to_datetime(e["doc_date"], format="%d/%m/%Y"),
            "due_on": pd.to_datetime(e["due_date"], format="%d/%m/%Y"),
            "paid_on": pd.to_datetime(e["cleared_date"], format="%d/%m/%Y"),
            "amount": e["net_amount_pence"].to_numpy() / 100,
        }
    ).reset_index(drop=True)


def clean_crm_accounts(crm: pd.DataFrame) -> pd.DataFrame:
    """CRM accounts on the catalogue's terms: duplicates merged (lower-cased e-mail, lowest
    account number kept), ids as in ``customers``, UTC converted to UK local time, labels
    mapped (discrepancies X08-X11).

    Examples
    --------
    >>> raw = pd.DataFrame({"account_id": ["ACC-7", "ACC-900000"], "account_type": ["B2B"] * 2,
    ...     "email": ["a@x.org", "A@X.ORG"], "created_utc": ["2024-06-30T23:30:00Z"] * 2,
    ...     "closed_utc": ["", ""]})
    >>> clean_crm_accounts(raw)[["customer_id", "segment", "signup_at"]].to_dict("records")
    [{'customer_id': 'C00007', 'segment': 'business', 'signup_at': Timestamp('2024-07-01 00:30:00')}]
    """
    c = crm.assign(
        _email=crm["email"].astype(str).str.lower(),
        _num=crm["account_id"].astype(str).str.slice(4).astype(int),
    )
    c = c.sort_values("_num", kind="stable").drop_duplicates("_email")

    def local(col: str) -> pd.Series:
        t = pd.to_datetime(c[col].replace("", None), utc=True, format="%Y-%m-%dT%H:%M:%SZ")
        return t.dt.tz_convert("Europe/London").dt.tz_localize(None)

    return pd.DataFrame(
        {
            "customer_id": c["_num"].map("C{:05d}".format),
            "segment": c["account_type"].map({"B2B": "business", "Consumer": "household"}),
            "signup_at": local("created_utc"),
            "churned_at": local("closed_utc"),
        }
    ).reset_index(drop=True)


def erp_monthly_sales(erp_daily: pd.DataFrame) -> pd.Series:
    """ERP net sales per month of *delivery* (the ERP books by posting date), in GBP.

    Examples
    --------
    >>> d = pd.DataFrame({"posting_date": ["20240131", "20240201"], "net_sales_gbp": [10.0, 5.0]})
    >>> erp_monthly_sales(d).to_dict()
    {Period('2024-01', 'M'): 10.0, Period('2024-02', 'M'): 5.0}
    """
    month = pd.to_datetime(erp_daily["posting_date"], format="%Y%m%d").dt.to_period("M")
    return erp_daily["net_sales_gbp"].groupby(month.rename("month")).sum().rename("erp_sales")


def revenue_timing_gap(orders: pd.DataFrame, erp_daily: pd.DataFrame) -> pd.DataFrame:
    """Delivered-order revenue by month ordered (the catalogue's basis) beside the ERP's sales
    by month delivered, and the gap (ERP minus order basis) - discrepancy X06, quantified.

    The first and last months are dropped: the first has no deliveries of earlier orders, and
    orders placed in the last days are delivered after the data ends.
    """
    d = orders[orders["status"] == "delivered"]
    by_order = d["amount"].groupby(d["ordered_at"].dt.to_period("M").rename("month")).sum()
    erp = erp_monthly_sales(erp_daily)
    out = pd.DataFrame({"order_month_revenue": by_order, "erp_sales": erp}).dropna()
    out = out.iloc[1:-1]
    out["gap"] = out["erp_sales"] - out["order_month_revenue"]
    out["gap_share"] = out["gap"] / out["order_month_revenue"]
    return out


# ---------------------------------------------------------------------------------------------
# Validation and audit
# ---------------------------------------------------------------------------------------------

_ISO = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$"


def feed_schema(version: int, known_orders: Sequence[str] | None = None) -> Any:
    """The pandera schema a partner feed of ``version`` must pass, row by row.

    Rules: ids present and well formed, the status one of two codes, ISO timestamps, a fee
    that is not negative, a drop not before its pick-up, a known order (when ``known_orders``
    is given), and one row per delivery.
    """
    import pandera.pandas as pa

    contract = _contract(version)
    fee = contract.fee_field
    columns = {
        "delivery_id": pa.Column(str, pa.Check.str_matches(r"^DR-\d{6}$")),
        "order_ref": pa.Column(
            str,
            [pa.Check.str_matches(r"^O\d{7}$")]
            + (
                [pa.Check.isin(list(known_orders), name="known_order")]
                if known_orders is not None
                else []
            ),
        ),
        "status": pa.Column(str, pa.Check.isin(["DELIVERED", "FAILED"])),
        "picked_up_at": pa.Column(str, pa.Check.str_matches(_ISO)),
        "dropped_at": pa.Column(str, pa.Check.str_matches(_ISO), nullable=True),
        "received_at": pa.Column(str, pa.Check.str_matches(_ISO)),
        "distance_km": pa.Column(float, pa.Check.ge(0)),
        fee: pa.Column(float if fee == "fee_gbp" else int, pa.Check.ge(0, name="fee_not_negative")),
    }

    def drop_after_pickup(df: pd.DataFrame) -> pd.Series:
        return df["dropped_at"].isna() | (df["dropped_at"].astype(str) >= df["picked_up_at"])

    return pa.DataFrameSchema(
        columns,
        checks=[pa.Check(drop_after_pickup, name="drop_after_pickup")],
        unique=["delivery_id"],
        report_duplicates="exclude_first",
        strict=True,
        coerce=True,
        name=f"partner feed v{version}",
    )


def failing_rows(feed: pd.DataFrame, schema: Any) -> pd.DataFrame:
    """Every row that breaks a rule of ``schema``: one line per row and rule, with the value.

    Validates *lazily* (all rules, all rows), not stopping at the first failure.

    Returns
    -------
    pandas.DataFrame
        Columns ``row`` (index in ``feed``), ``delivery_id``, ``rule`` and ``value``, sorted.
    """
    import pandera.pandas as pa

    frame = feed.copy()
    frame["dropped_at"] = frame["dropped_at"].replace("", None)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
    else:
        return pd.DataFrame(columns=["row", "delivery_id", "rule", "value"])
    fc = fc[fc["index"].notna()]
    rule = fc["check"].astype(str).str.replace(r"\(.*\)$", "", regex=True)
    on_column = (fc["schema_context"] == "Column").to_numpy()
    rule = rule.where(~on_column, fc["column"].astype(str) + ": " + rule)
    rule = rule.replace({"multiple_fields_uniqueness": "delivery_id: unique"})
    value = fc["failure_case"].astype(str).where(on_column, "(whole row)")
    out = pd.DataFrame(
        {
            "row": fc["index"].astype(int).to_numpy(),
            "rule": rule.to_numpy(),
            "value": value.to_numpy(),
        }
    ).drop_duplicates(["row", "rule"])
    out.insert(1, "delivery_id", feed["delivery_id"].to_numpy()[out["row"].to_numpy()])
    return out.sort_values(["row", "rule"]).reset_index(drop=True)


class CorrectionLog:
    """An append-only log of corrections to loaded data, that a reviewer can audit.

    Each correction is one JSON line: what was changed (``key`` value, ``field``), from what
    (``old``) to what (``new``), by whom, why and when. Lines are only ever added (the file is
    opened in append mode, never rewritten), and each carries the SHA-256 of the line before,
    so :meth:`verify` finds any line edited or removed afterwards.

    Parameters
    ----------
    path : path-like
        The log file (created on the first append).
    key : str, default "delivery_id"
        The column that identifies a row.

    Examples
    --------
    >>> import tempfile
    >>> log = CorrectionLog(Path(tempfile.mkdtemp()) / "log.jsonl")
    >>> log.append("DR-000001", "fee_gbp", -4.9, 4.9, by="ops analyst", reason="sign",
    ...            at="2025-12-01T09:00")
    1
    >>> log.verify()
    []
    >>> log.entries()[["key", "field", "old", "new"]].to_dict("records")
    [{'key': 'DR-000001', 'field': 'fee_gbp', 'old': -4.9, 'new': 4.9}]
    """

    def __init__(self, path: str | os.PathLike[str], *, key: str = "delivery_id") -> None:
        self.path = Path(path)
        self.key = key

    def _lines(self) -> list[str]:
        if not self.path.is_file():
            return []
        return [ln for ln in self.path.read_text(encoding="utf-8").splitlines() if ln.strip()]

    def append(
        self, key: str, field: str, old: Any, new: Any, *, by: str, reason: str, at: str
    ) -> int:
        """Add one correction; return the number of entries. ``by`` and ``reason`` are required."""
        for name, value in (("by", by), ("reason", reason), ("at", at)):
            if not isinstance(value, str) or not value.strip():
                msg = f"`{name}` must say who/why/when for the audit trail, got {value!r}."
                raise ValueError(msg)
        lines = self._lines()
        prev = hashlib.sha256(lines[-1].encode("utf-8")).hexdigest() if lines else ""
        entry = {
            "n": len(lines) + 1,
            "at": at,
            "by": by,
            "key": str(key),
            "field": field,
            "old": _plain(old),
            "new": _plain(new),
            "reason": reason,
            "prev": prev,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(entry, sort_keys=True) + "\n")
            f.flush()
            os.fsync(f.fileno())
        return len(lines) + 1

    def entries(self) -> pd.DataFrame:
        """All entries, in the order they were written."""
        cols = ["n", "at", "by", "key", "field", "old", "new", "reason", "prev"]
        rows = [json.loads(ln) for ln in self._lines()]
        return pd.DataFrame(rows, columns=cols)

    def verify(self) -> list[str]:
        """Problems a reviewer should see: a broken hash chain or numbering. ``[]`` if intact."""
        problems = []
        prev = ""
        for i, line in enumerate(self._lines(), start=1):
            entry = json.loads(line)
            if entry.get("n") != i:
                problems.append(f"entry {i}: numbered {entry.get('n')} - an entry was removed.")
            if entry.get("prev") != prev:
                problems.append(f"entry {i}: the line before it was changed or removed.")
            prev = hashlib.sha256(line.encode("utf-8")).hexdigest()
        return problems

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A copy of ``frame`` with every correction applied in the order written (a later
        correction of the same cell wins). ``frame`` itself is never changed."""
        out = frame.copy()
        pos = {k: i for i, k in enumerate(out[self.key].astype(str))}
        for _, e in self.entries().iterrows():
            if e["key"] in pos and e["field"] in out.columns:
                out.iloc[pos[e["key"]], out.columns.get_loc(e["field"])] = e["new"]
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return value


# ---------------------------------------------------------------------------------------------
# Role-based views
# ---------------------------------------------------------------------------------------------

ROLES: dict[str, dict[str, str]] = {
    "executive": {"level": "company", "period": "month", "question": "Are we on track?"},
    "kitchen manager": {"level": "kitchen", "period": "week", "question": "Which week slipped?"},
    "shift lead": {"level": "kitchen and shift", "period": "day", "question": "What now?"},
}
"""Who sees what: the level of detail and the period of each role's view."""


def _shift(promised: pd.Series) -> pd.Series:
    return pd.Series(
        np.where(promised.dt.hour < 15, "lunch", "dinner"), index=promised.index, name="shift"
    )


def role_view(
    orders: pd.DataFrame, role: str, *, kitchen: str | None = None, last: int = 6
) -> pd.DataFrame:
    """The same delivery measures as ``role`` sees them.

    Measures: deliveries, on-time delivery rate (catalogue rule: by the promised time), failed
    share and mean delivery minutes after the slot start. The executive sees every kitchen
    together by month ordered (the catalogue's basis); a kitchen manager sees one kitchen by
    week ordered; a shift lead sees one kitchen by day and shift of the slot (lunch: slots
    before 15:00). Orders promised after the last order date are left out (the data stops
    there). ``last`` periods are shown.
    """
    if role not in ROLES:
        msg = f"`role` must be one of {list(ROLES)}, got {role!r}."
        raise ValueError(msg)
    o = orders[orders["promised_at"] <= orders["ordered_at"].max()]
    if role != "executive":
        if kitchen is None:
            msg = f"A {role} sees one kitchen: pass `kitchen=` (e.g. 'K01')."
            raise ValueError(msg)
        o = o[o["kitchen_id"].astype(str) == kitchen]
    freq = {"executive": "M", "kitchen manager": "W", "shift lead": "D"}[role]
    # the catalogue books a delivery by the month (week) it was ordered; a shift lead by the day
    when = o["promised_at"] if role == "shift lead" else o["ordered_at"]
    period = when.dt.to_period(freq).rename("period")
    keys = [period] if role != "shift lead" else [period, _shift(o["promised_at"])]
    ok = o["status"] == "delivered"
    late_min = (o["delivered_at"] - o["promised_at"]).dt.total_seconds() / 60
    g = pd.DataFrame(
        {
            "orders": 1,
            "delivered": ok,
            "on_time": ok & (o["delivered_at"] <= o["promised_at"]),
            "failed": ~ok,
            "minutes": late_min,
        }
    ).groupby(keys, observed=True)
    view = pd.DataFrame(
        {
            "orders": g["orders"].sum(),
            "on_time_rate": g["on_time"].sum() / g["delivered"].sum(),
            "failed_share": g["failed"].mean(),
            "mean_minutes_vs_slot": g["minutes"].mean(),
        }
    )
    periods = view.index.get_level_values(0).unique()
    return view[view.index.get_level_values(0).isin(periods[-last:])]


def export_view(view: pd.DataFrame, name: str, folder: str | os.PathLike[str]) -> Path:
    """Write a role's view to ``folder/<name>.csv`` atomically; return the path."""
    path = Path(folder) / f"{name.replace(' ', '_')}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, view.round(4).to_csv())


# ---------------------------------------------------------------------------------------------
# Refresh intervals
# ---------------------------------------------------------------------------------------------


def _ts(text: pd.Series) -> pd.Series:
    return pd.to_datetime(text.replace("", None), format="%Y-%m-%dT%H:%MZ")


def arrival_lag_minutes(feed: pd.DataFrame) -> pd.Series:
    """Minutes from the event (drop, or pick-up of a failed delivery) to its arrival.

    Examples
    --------
    >>> f = pd.DataFrame({"picked_up_at": ["2025-01-01T10:00Z"], "dropped_at": ["2025-01-01T10:30Z"],
    ...                   "received_at": ["2025-01-01T10:34Z"]})
    >>> arrival_lag_minutes(f).tolist()
    [4.0]
    """
    event = _ts(feed["dropped_at"]).fillna(_ts(feed["picked_up_at"]))
    return ((_ts(feed["received_at"]) - event).dt.total_seconds() / 60).rename("lag_min")


def data_age_minutes(feed: pd.DataFrame, interval_minutes: float) -> pd.Series:
    """How old each event is when it first shows on a scorecard refreshed every
    ``interval_minutes`` (refreshes on the clock from midnight): the arrival lag plus the wait
    for the next refresh.

    Examples
    --------
    >>> f = pd.DataFrame({"picked_up_at": ["2025-01-01T10:00Z"], "dropped_at": ["2025-01-01T10:31Z"],
    ...                   "received_at": ["2025-01-01T10:34Z"]})
    >>> data_age_minutes(f, 60).tolist()
    [29.0]
    """
    if not isinstance(interval_minutes, int | float) or interval_minutes <= 0:
        msg = f"`interval_minutes` must be a positive number of minutes, got {interval_minutes!r}."
        raise ValueError(msg)
    event = _ts(feed["dropped_at"]).fillna(_ts(feed["picked_up_at"]))
    received = _ts(feed["received_at"])
    since = (received - received.dt.normalize()).dt.total_seconds() / 60
    shown = received.dt.normalize() + pd.to_timedelta(
        np.ceil(since / interval_minutes) * interval_minutes, unit="min"
    )
    return ((shown - event).dt.total_seconds() / 60).rename("age_min")


def refresh_options(
    feed: pd.DataFrame,
    intervals: Sequence[float] = (5, 15, 60, 240, 1440),
    *,
    budget_minutes: float = 60,
    cost_per_refresh: float = 0.05,
) -> pd.DataFrame:
    """For each refresh interval: the share of events shown within ``budget_minutes`` of
    happening, the 95th-percentile age (:func:`bsckit.kpi.latency_percentile`, the catalogue's
    inclusive convention), refreshes a day and their yearly cost (``cost_per_refresh`` GBP
    each, an assumption to replace with your own)."""
    from bsckit.kpi import latency_percentile

    rows = []
    for m in intervals:
        age = data_age_minutes(feed, m)
        per_day = 1440 / m
        rows.append(
            {
                "interval_min": m,
                "within_budget": float((age <= budget_minutes).mean()),
                "p95_age_min": latency_percentile(age, 0.95),
                "refreshes_per_day": per_day,
                "cost_per_year": round(per_day * 365 * cost_per_refresh, 2),
            }
        )
    return pd.DataFrame(rows).set_index("interval_min")


# ---------------------------------------------------------------------------------------------
# Third-party feeds: the versioned contract and the loader
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedContract:
    """One version of the partner API's schema contract: field name -> type."""

    version: int
    fields: dict[str, str] = field(default_factory=dict)
    fee_field: str = "fee_gbp"
    fee_to_gbp: float = 1.0

    def __post_init__(self) -> None:
        if self.fee_field not in self.fields:
            msg = f"Contract v{self.version}: `fee_field` {self.fee_field!r} is not one of its fields."
            raise ValueError(msg)


_COMMON = {
    "delivery_id": "str",
    "order_ref": "str",
    "status": "str",
    "picked_up_at": "str",
    "dropped_at": "str",
    "received_at": "str",
    "distance_km": "float",
}
CONTRACTS: dict[int, FeedContract] = {
    1: FeedContract(1, {**_COMMON, "fee_gbp": "float"}, "fee_gbp", 1.0),
    2: FeedContract(2, {**_COMMON, "fee_pence": "int"}, "fee_pence", 0.01),
}
"""The partner API's schema versions Homeats has agreed (v2: the fee in whole pence)."""


def _contract(version: int) -> FeedContract:
    if version not in CONTRACTS:
        msg = f"`version` must be one of the agreed contract versions {sorted(CONTRACTS)}, got {version!r}."
        raise ValueError(msg)
    return CONTRACTS[version]


def contract_problems(feed: pd.DataFrame, version: int) -> list[str]:
    """What in ``feed``'s columns breaks contract ``version``: missing and unexpected fields,
    and fields whose values do not have the agreed type. ``[]`` when it keeps the contract."""
    c = _contract(version)
    problems = []
    cols = list(feed.columns)
    for name in c.fields:
        if name not in cols:
            problems.append(f"missing field {name!r} (contract v{version} requires it)")
    for name in cols:
        if name not in c.fields:
            problems.append(f"unexpected field {name!r} (not in contract v{version})")
    for name, kind in c.fields.items():
        if name in cols and kind in ("int", "float"):
            values = pd.to_numeric(feed[name], errors="coerce")
            if values.isna().any() and feed[name].notna().all():
                problems.append(f"field {name!r} is not numeric")
            elif kind == "int" and not np.allclose(values.dropna() % 1, 0):
                problems.append(f"field {name!r} must hold whole numbers")
    return problems


def normalise_feed(feed: pd.DataFrame, version: int) -> pd.DataFrame:
    """A feed in contract ``version`` on Homeats' terms: ``fee_gbp`` in pounds whatever the
    version, plus ``version``."""
    c = _contract(version)
    out = feed.copy()
    fee = pd.to_numeric(out.pop(c.fee_field)) * c.fee_to_gbp
    out["fee_gbp"] = fee.round(2)
    out["dropped_at"] = out["dropped_at"].replace("", None)
    out["version"] = version
    return out


class FeedRejected(ValueError):
    """A partner feed broke its contract; nothing was loaded and the store is unchanged."""


class FeedStore:
    """The partner deliveries loaded so far, kept in one CSV file.

    :meth:`load` checks a feed against the contract version it claims. A feed that breaks
    the contract is refused whole (:class:`FeedRejected`, naming each problem and what to do);
    rows that break a row rule (:func:`feed_schema`) are quarantined and reported, the rest
    loaded. The file is replaced atomically, so a failure at any point leaves what was loaded
    before exactly as it was.

    Examples
    --------
    >>> import tempfile
    >>> store = FeedStore(Path(tempfile.mkdtemp()) / "partner.csv")
    >>> len(store.rows())
    0
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.quarantine = pd.DataFrame(columns=["row", "delivery_id", "rule", "value"])

    def rows(self) -> pd.DataFrame:
        """Every row loaded so far (``fee_gbp`` in pounds, with the contract ``version``)."""
        if not self.path.is_file():
            return pd.DataFrame(columns=[*_COMMON, "fee_gbp", "version"])
        return pd.read_csv(self.path, dtype=str, keep_default_na=False).assign(
            distance_km=lambda d: pd.to_numeric(d["distance_km"]),
            fee_gbp=lambda d: pd.to_numeric(d["fee_gbp"]),
            version=lambda d: pd.to_numeric(d["version"]).astype(int),
        )

    def load(
        self, feed: pd.DataFrame, version: int, known_orders: Sequence[str] | None = None
    ) -> int:
        """Load ``feed`` as contract ``version``; return the number of rows added.

        Raises
        ------
        FeedRejected
            The feed's fields break the contract; the store is unchanged.
        """
        problems = contract_problems(feed, version)
        if problems:
            others = [v for v in CONTRACTS if v != version and not contract_problems(feed, v)]
            hint = (
                f" Its fields match contract v{others[0]}: load it as version={others[0]}."
                if others
                else " Ask the partner which version they sent, or agree a new contract version."
            )
            msg = (
                f"Feed refused: it breaks contract v{version}: "
                + "; ".join(problems)
                + f". Nothing was loaded; the {len(self.rows())} rows already loaded are unchanged."
                + hint
            )
            raise FeedRejected(msg)
        bad = failing_rows(feed, feed_schema(version, known_orders))
        self.quarantine = bad
        good = feed.drop(index=feed.index[bad["row"].unique()]) if len(bad) else feed
        new = normalise_feed(good, version)
        old = self.rows()
        have = set(old["delivery_id"])
        new = new[~new["delivery_id"].isin(have)]
        both = pd.concat([old, new[old.columns]], ignore_index=True) if len(old) else new
        atomic_write_text(self.path, both.to_csv(index=False), backup=True)
        return len(new)


# ---------------------------------------------------------------------------------------------
# Your scorecard: data sources
# ---------------------------------------------------------------------------------------------

_FREQUENCY_OF_REFRESH = {
    "real time": "daily",
    "hourly": "daily",
    "daily": "daily",
    "weekly": "weekly",
    "monthly": "monthly",
}


def sources_to_scorecard(rows: Sequence[Mapping[str, Any]], path: str | os.PathLike[str]) -> int:
    """Copy system, steward and refresh from data-source sheet ``rows`` into the measures of
    the scorecard file at ``path`` that are the same measure; return how many measures were
    updated. Names are matched through the catalogue (:func:`bsckit.smart.find_measure`): the
    sheet's "Cost per meal" is the builder's "Cost per unit", both ``cost_per_unit``; a name the
    catalogue does not know matches the same name (case ignored). The file is rewritten
    atomically (old one kept as ``.bak``); a missing file or no matching measure changes nothing.
    """
    from dataclasses import replace

    from bsckit.scorecard import load_scorecard, save_scorecard
    from bsckit.smart import find_measure

    def same(name: str) -> str:
        found = find_measure(name)
        return found.id if found is not None else name.strip().lower()

    path = Path(path)
    if not path.is_file():
        return 0
    card = load_scorecard(path)
    by_name = {
        same(str(r.get("measure") or "")): r for r in rows if str(r.get("measure") or "").strip()
    }
    changed = 0
    objectives = []
    for obj in card.objectives:
        measures = []
        for m in obj.measures:
            r = by_name.get(same(m.name))
            if r:
                m = replace(
                    m,
                    source_system=str(r.get("system") or "").strip() or m.source_system,
                    data_steward=str(r.get("steward") or "").strip() or m.data_steward,
                    frequency=_FREQUENCY_OF_REFRESH.get(str(r.get("refresh")), m.frequency),
                )
                changed += 1
            measures.append(m)
        objectives.append(replace(obj, measures=tuple(measures)))
    if changed:
        save_scorecard(replace(card, objectives=tuple(objectives)), path)
    return changed
