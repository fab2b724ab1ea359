"""ERP, CRM and HRIS extracts: the same facts as three systems would export them.

The extracts disagree with the clean tables - and with each other - in the ways real systems do:
ID prefixes and zero padding, date formats, UTC versus local time, daily versus monthly
granularity, timing and definitions, and a few duplicates. Every planted difference is listed in
the ``discrepancies`` table, so a learner can check a reconciliation.

Examples
--------
>>> ERP_SITE["K01"]
'KIT-1'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .drivers import Calendar
from .facts import HOMEATS

__all__ = ["DEPT_CODES", "ERP_SITE", "extracts"]

ERP_SITE: dict[str, str] = HOMEATS["erp_sites"]
DEPT_CODES: dict[str, str] = HOMEATS["department_codes"]
JOB_TITLES: dict[str, str] = HOMEATS["job_titles"]


def _num(ids: pd.Series) -> np.ndarray:
    return ids.astype(str).str.slice(1).astype(int).to_numpy()


def _fmt(dates: np.ndarray, fmt: str) -> np.ndarray:
    # strftime runs once per distinct date (a few hundred), not once per row.
    codes, distinct = pd.factorize(np.asarray(dates), use_na_sentinel=False)
    out = pd.Series(pd.to_datetime(distinct)).dt.strftime(fmt)
    return out.to_numpy(dtype=object)[codes]


def extracts(
    cal: Calendar,
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    invoice_rows: pd.DataFrame,
    payment_rows: pd.DataFrame,
    staff: pd.DataFrame,
    rng: np.random.Generator,
) -> dict[str, pd.DataFrame]:
    """``erp_invoices``, ``erp_sales_daily``, ``crm_accounts``, ``hris_employees``,
    ``hris_headcount`` and ``discrepancies``."""
    # ERP invoices: other IDs, UK day-first dates, amounts in pence, two re-exported duplicates.
    inv = invoice_rows
    issued = inv["issued_on"].to_numpy()
    year = issued.astype("datetime64[Y]").astype(int) + 1970
    paid = payment_rows.set_index("invoice_id")["paid_on"].reindex(inv["invoice_id"]).to_numpy()
    erp = pd.DataFrame(
        {
            "doc_no": [
                f"INV-{y}-{k:06d}"
                for y, k in zip(year, _num(inv["invoice_id"].str.slice(2)), strict=True)
            ],
            "customer_ref": [f"CUST{k:08d}" for k in _num(inv["customer_id"])],
            "doc_date": _fmt(issued, "%d/%m/%Y"),
            "due_date": _fmt(inv["due_on"].to_numpy(), "%d/%m/%Y"),
            "net_amount_pence": np.round(inv["amount"].to_numpy() * 100).astype(np.int64),
            "status": np.where(np.isnat(paid), "OPEN", "PAID"),
            "cleared_date": _fmt(paid, "%d/%m/%Y"),
        }
    )
    dup = rng.choice(len(erp), size=min(2, len(erp)), replace=False)
    erp = pd.concat([erp, erp.iloc[np.sort(dup)]], ignore_index=True)
    # ERP daily sales: by delivery date (not order date), by site code, delivered orders only.
    ok = orders[orders["status"] == "delivered"]
    day = ok["delivered_at"].to_numpy().astype("datetime64[D]")
    keep = day < cal.end
    sales = (
        pd.DataFrame(
            {
                "day": day[keep],
                "site": ok["kitchen_id"].astype(str).to_numpy()[keep],
                "amount": ok["amount"].to_numpy()[keep],
            }
        )
        .groupby(["day", "site"], sort=True)["amount"]
        .agg(["sum", "size"])
        .reset_index()
    )
    erp_daily = pd.DataFrame(
        {
            "posting_date": _fmt(sales["day"].to_numpy(), "%Y%m%d"),
            "site_code": sales["site"].map(ERP_SITE).to_numpy(),
            "orders": sales["size"].to_numpy(),
            "net_sales_gbp": sales["sum"].round(2).to_numpy(),
        }
    )
    # CRM: unpadded account IDs, UTC timestamps, different labels, three duplicate accounts.
    local_signup = pd.Series(customers["signup_at"]).dt.tz_localize(
        "Europe/London", nonexistent="shift_forward", ambiguous=False
    )
    local_churn = pd.Series(customers["churned_at"]).dt.tz_localize(
        "Europe/London", nonexistent="shift_forward", ambiguous=False
    )
    crm = pd.DataFrame(
        {
            "account_id": [f"ACC-{k}" for k in _num(customers["customer_id"])],
            "account_name": customers["name"].to_numpy(),
            "account_type": np.where(customers["segment"] == "business", "B2B", "Consumer"),
            "email": customers["email"].to_numpy(),
            "city": customers["city"].astype(str).to_numpy(),
            "created_utc": local_signup.dt.tz_convert("UTC")
            .dt.strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_numpy(),
            "closed_utc": local_churn.dt.tz_convert("UTC")
            .dt.strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_numpy(),
            "status": np.where(customers["churned_at"].isna(), "Active", "Closed"),
        }
    )
    dup = np.sort(rng.choice(len(crm), size=min(3, len(crm)), replace=False))
    copies = crm.iloc[dup].copy()
    copies["account_id"] = [f"ACC-{900000 + i}" for i in range(len(copies))]
    copies["email"] = copies["email"].str.upper()
    crm = pd.concat([crm, copies], ignore_index=True)
    # HRIS: numeric zero-padded IDs, US dates, "Last, First" names, department codes.
    names = staff["name"].astype(str).str.split(" ", n=1)
    hris = pd.DataFrame(
        {
            "emp_no": [f"{k:06d}" for k in _num(staff["employee_id"])],
            "full_name": (names.str[1] + ", " + names.str[0]).to_numpy(),
            "job_title": staff["role"].map(JOB_TITLES).to_numpy(),
            "dept_code": staff["department"].map(DEPT_CODES).to_numpy(),
            "start_date": _fmt(staff["hired_on"].to_numpy(), "%m/%d/%Y"),
            "leave_date": _fmt(staff["exited_on"].to_numpy(), "%m/%d/%Y"),
            "fte": np.where(rng.random(len(staff)) < 0.15, 0.6, 1.0),
        }
    )
    # HRIS headcount: people in post on the last day of the month, by department code.
    last = (cal.months + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    hired = staff["hired_on"].to_numpy()
    exited = staff["exited_on"].to_numpy()
    dept = staff["department"].map(DEPT_CODES).to_numpy(dtype=object)
    in_dept = {code: dept == code for code in DEPT_CODES.values()}
    rows = []
    for i, d in enumerate(last):
        on = (hired <= d) & (np.isnat(exited) | (exited > d))
        for code in DEPT_CODES.values():
            rows.append(
                (
                    f"{str(cal.months[i])[:4]}-M{str(cal.months[i])[5:7]}",
                    code,
                    int(np.count_nonzero(on & in_dept[code])),
                )
            )
    headcount = pd.DataFrame(rows, columns=["period", "dept_code", "headcount"])
    discrepancies = pd.DataFrame(HOMEATS["discrepancies"])
    return {
        "erp_invoices": erp,
        "erp_sales_daily": erp_daily,
        "crm_accounts": crm,
        "hris_employees": hris,
        "hris_headcount": headcount,
        "discrepancies": discrepancies,
    }
