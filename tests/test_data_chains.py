"""The planted cause-and-effect chains can be recovered from the tables with ordinary methods.

The monthly measures below are computed from the tables the way a learner would (plain pandas),
not with the generator's own code; the expected signs and lags come from the documentation in
``bsckit.data.chains`` (the generator reads them from there too).

Planted links are tuned to the strength of business data, so a single seed may miss one; the
properties are therefore rates over ``SEEDS`` (30 generated datasets per scenario): each link is
found at its planted lag and sign in at least 90 % of them, its median correlation is the one
the data dictionary documents, and measures with no planted link are "significant" no more often
than chance. Only the monthly measures are kept per seed, so the 90 datasets are not held in
memory at once.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from bsckit.data import CHAINS, QUALITY_EPISODES, generate
from bsckit.data.chains import CHAIN_BY_ID
from bsckit.data.drivers import CHECKS_LAG, MARKETING_LAG
from bsckit.data.scenarios import SCENARIOS

SEEDS = tuple(range(1, 31))
RECORD_SEEDS = (2024, 7, 99)
MAX_LAG = 6
MIN_FOUND = 0.9
SCENARIO_NAMES = sorted(SCENARIOS)


@functools.cache
def tables(seed: int) -> dict[str, pd.DataFrame]:
    return generate(seed=seed)


def _month(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s).dt.to_period("M")


def _active(customers: pd.DataFrame, months: pd.PeriodIndex, *, at_start: bool) -> pd.Series:
    counts = []
    for p in months:
        start, end = p.start_time, (p + 1).start_time
        signed = customers["signup_at"] < (start if at_start else end)
        alive = customers["churned_at"].isna() | (customers["churned_at"] >= start)
        counts.append(int((signed & alive).sum()))
    return pd.Series(counts, index=months)


@functools.cache
def measures(seed: int, scenario: str = "baseline") -> pd.DataFrame:
    """Monthly measures of one generated dataset (the tables themselves are not kept)."""
    return _measures(generate(seed=seed, scenario=scenario))


def _measures(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    orders = t["orders"]
    delivered = orders[orders["status"] == "delivered"]
    m: dict[str, pd.Series] = {}
    studies = t["market_studies"]
    m["studies"] = studies.groupby(_month(studies["completed_on"])).size()
    revenue = delivered.groupby(_month(delivered["ordered_at"]))["amount"].sum()
    new = delivered[delivered["new_dish"]]
    m["new_share"] = new.groupby(_month(new["ordered_at"]))["amount"].sum() / revenue
    op = t["operating_costs"]
    mk = op[op["cost_centre"] == "Marketing"]
    m["marketing"] = pd.Series(mk["amount"].to_numpy(), index=_month(mk["month"]))
    ini = t["initiatives"]
    m["improvements"] = ini.groupby(_month(ini["started_on"])).size()
    b = t["production_batches"]
    g = b.groupby(_month(b["produced_on"]))[["defects", "units_made", "cost", "good_units"]].sum()
    m["defect_rate"] = g["defects"] / g["units_made"]
    cpi = pd.Series(t["price_index"]["cpi"].to_numpy(), index=_month(t["price_index"]["month"]))
    m["real_cost_per_unit"] = g["cost"] / g["good_units"] / (cpi / 100)
    m["checks"] = b.groupby(_month(b["produced_on"]))["quality_checks"].mean()
    tk = t["tickets"]
    quality = tk[(tk["type"] == "complaint") & (tk["topic"] == "food quality")]
    order_month = _month(orders.set_index("order_id")["ordered_at"])
    q_month = order_month.reindex(quality["order_id"]).to_numpy()
    m["complaint_rate"] = (
        1000
        * pd.Series(1, index=q_month).groupby(level=0).size()
        / orders.groupby(_month(orders["ordered_at"])).size()
    )
    s = t["surveys"]
    rel = s[(s["touchpoint"] == "relationship") & s["nps"].notna()]
    score = rel["nps"].astype(float)
    rm = _month(rel["sent_at"])
    m["nps"] = 100 * ((score >= 9).groupby(rm).mean() - (score <= 6).groupby(rm).mean())
    idx = m["nps"].index
    cust = t["customers"]
    subs = cust[cust["plan"] == "subscription"]
    cancelled = subs.groupby(_month(subs["churned_at"].dropna())).size().reindex(idx, fill_value=0)
    m["churn"] = cancelled / _active(subs, idx, at_start=True)
    hs = delivered[
        (delivered["segment"] == "household") & (delivered["order_type"] == "subscription")
    ]
    m["subscription_growth"] = hs.groupby(_month(hs["ordered_at"]))["amount"].sum().pct_change()
    staff = t["employees"]
    agents = staff.loc[staff["role"] == "support agent", "employee_id"]
    tr = t["training"][t["training"]["employee_id"].isin(agents)]
    m["training"] = tr.groupby(_month(tr["month"]))["training_hours"].mean()
    tm = _month(tk["opened_at"])
    m["fcr"] = tk["first_contact_resolved"].groupby(tm).mean()
    hours = (tk["first_response_at"] - tk["opened_at"]).dt.total_seconds() / 3600
    m["log_response"] = np.log(hours.groupby(tm).median())
    sup = s[(s["touchpoint"] == "support") & s["csat"].notna()]
    opened = _month(tk.set_index("ticket_id")["opened_at"]).reindex(sup["ticket_id"]).to_numpy()
    m["csat"] = (
        pd.Series(sup["csat"].astype(float).to_numpy(), index=opened).groupby(level=0).mean()
    )
    one = orders[(orders["segment"] == "household") & (orders["order_type"] == "one-off")]
    households = cust[cust["segment"] == "household"]
    m["one_off_rate"] = (
        100
        * one.groupby(_month(one["ordered_at"])).size()
        / _active(households, idx, at_start=False)
    )
    inv = t["invoices"]
    paid = t["payments"].set_index("invoice_id")["paid_on"].reindex(inv["invoice_id"]).to_numpy()
    im = _month(inv["issued_on"])
    m["billing_errors"] = inv["billing_error"].groupby(im).mean()
    dso = []
    for p in idx:
        end = (p + 1).start_time
        open_ = (inv["issued_on"] < end) & (pd.isna(paid) | (paid >= end))
        dso.append(
            inv.loc[open_, "amount"].sum() / inv.loc[im == p, "amount"].sum() * p.days_in_month
        )
    m["dso"] = pd.Series(dso, index=idx)
    return pd.DataFrame(m).reindex(idx)


def lagged_correlations(cause: pd.Series, effect: pd.Series, max_lag: int = MAX_LAG) -> np.ndarray:
    """corr(cause[t - k], effect[t]) for k = 0..max_lag."""
    x = cause.to_numpy(float)
    y = effect.to_numpy(float)
    out = []
    for k in range(max_lag + 1):
        a, b = x[: len(x) - k], y[k:]
        ok = np.isfinite(a) & np.isfinite(b)
        out.append(np.corrcoef(a[ok], b[ok])[0, 1])
    return np.array(out)


# chain id -> (cause measure, effect measure); lags and signs come from CHAINS.
MONTHLY = {
    "research_to_new_dish_share": ("studies", "new_share"),
    "improvements_to_defects": ("improvements", "defect_rate"),
    "improvements_to_cost": ("improvements", "real_cost_per_unit"),
    "defects_to_complaints": ("defect_rate", "complaint_rate"),
    "complaints_to_nps": ("complaint_rate", "nps"),
    "nps_to_churn": ("nps", "churn"),
    "churn_to_subscription_revenue": ("churn", "subscription_growth"),
    "training_to_fcr": ("training", "fcr"),
    "response_time_to_csat": ("log_response", "csat"),
    "csat_to_repeat_orders": ("csat", "one_off_rate"),
    "billing_errors_to_dso": ("billing_errors", "dso"),
}


def test_every_monthly_chain_has_a_test() -> None:
    assert {c.id for c in CHAINS if c.level == "month"} == set(MONTHLY)


def _found(chain_id: str, seed: int, scenario: str) -> tuple[bool, float]:
    chain = CHAIN_BY_ID[chain_id]
    cause, effect = MONTHLY[chain_id]
    m = measures(seed, scenario)
    r = lagged_correlations(m[cause], m[effect])
    best = int(np.nanargmax(np.abs(r)))
    return best == chain.lag and np.sign(r[best]) == chain.sign, float(r[chain.lag])


@pytest.mark.parametrize("scenario", SCENARIO_NAMES)
@pytest.mark.parametrize("chain_id", sorted(MONTHLY))
def test_chain_found_at_its_lag_and_sign_on_most_seeds(chain_id: str, scenario: str) -> None:
    """Among lags 0-6, the strongest correlation is at the planted lag, with the planted sign."""
    results = [_found(chain_id, seed, scenario) for seed in SEEDS]
    rate = np.mean([found for found, _ in results])
    print(f"{chain_id} [{scenario}]: found on {rate:.0%} of {len(SEEDS)} seeds")
    assert rate >= MIN_FOUND, [round(r, 2) for _, r in results]


@pytest.mark.parametrize("chain_id", sorted(MONTHLY))
def test_chain_strength_is_the_documented_one(chain_id: str) -> None:
    """The data dictionary's typical r is the median over baseline seeds (within 0.1)."""
    median = np.median([_found(chain_id, seed, "baseline")[1] for seed in SEEDS])
    documented = CHAIN_BY_ID[chain_id].typical_r
    assert documented is not None and abs(median - documented) <= 0.1, median
    assert abs(median) < 0.9, "planted links must not be near-perfect lines"


# Pairs of monthly measures with no planted path between them in the generator.
UNRELATED = (
    ("studies", "defect_rate"),
    ("improvements", "new_share"),
    ("training", "defect_rate"),
    ("billing_errors", "fcr"),
    ("studies", "fcr"),
    ("improvements", "dso"),
)
CHANCE = 0.05


def _p_values(cause: pd.Series, effect: pd.Series) -> list[float]:
    x, y = cause.to_numpy(float), effect.to_numpy(float)
    out = []
    for k in range(MAX_LAG + 1):
        a, b = x[: len(x) - k], y[k:]
        ok = np.isfinite(a) & np.isfinite(b)
        out.append(stats.pearsonr(a[ok], b[ok]).pvalue)
    return out


@pytest.mark.parametrize("scenario", SCENARIO_NAMES)
def test_unplanted_links_are_significant_no_more_often_than_chance(scenario: str) -> None:
    """p < 0.05 at a given lag happens in about 5 % of (pair, lag, seed) cells, not more."""
    p = np.array(
        [
            _p_values(measures(seed, scenario)[c], measures(seed, scenario)[e])
            for seed in SEEDS
            for c, e in UNRELATED
        ]
    )
    rate = float((p < CHANCE).mean())
    # Binomial bound: chance plus 3 standard errors of the cells tested.
    bound = CHANCE + 3 * np.sqrt(CHANCE * (1 - CHANCE) / p.size)
    print(f"unplanted pairs [{scenario}]: p < 0.05 in {rate:.1%} of {p.size} cells")
    assert rate <= bound


def _ols_t(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    cov = resid @ resid / (len(y) - x.shape[1]) * np.linalg.inv(x.T @ x)
    return beta / np.sqrt(np.diag(cov))


def _marketing(seed: int, scenario: str) -> tuple[float, float, float]:
    m = measures(seed, scenario)
    research_lag = CHAIN_BY_ID["research_to_new_dish_share"].lag
    lead = research_lag - MARKETING_LAG  # marketing leads the share by this many months
    r = lagged_correlations(m["marketing"], m["new_share"])
    frame = pd.DataFrame(
        {
            "share": m["new_share"],
            "studies": m["studies"].shift(research_lag),
            "marketing": m["marketing"].shift(lead),
        }
    ).dropna()
    x = np.column_stack([np.ones(len(frame)), frame["studies"], frame["marketing"]])
    t = _ols_t(frame["share"].to_numpy(), x)
    return float(r[lead]), float(t[1]), float(t[2])


@pytest.mark.parametrize("scenario", SCENARIO_NAMES)
def test_marketing_spend_leads_the_share_but_is_not_a_cause(scenario: str) -> None:
    results = [_marketing(seed, scenario) for seed in SEEDS]
    # It correlates with the share a month later (it looks like a leading measure) ...
    assert np.median([r for r, _, _ in results]) > 0.3
    # ... but next to the studies it explains less: the studies keep the larger t-value.
    # (Whether marketing's own |t| stays below 2 is a coin with 5 % on the wrong side even
    # for a pure null, so it is no property to test on 30 seeds.)
    assert np.mean([abs(t_mkt) < t_res for _, t_res, t_mkt in results]) >= MIN_FOUND, results


@pytest.mark.parametrize("scenario", SCENARIO_NAMES)
def test_quality_checks_follow_defects_instead_of_leading_them(scenario: str) -> None:
    found = []
    for seed in SEEDS:
        m = measures(seed, scenario)
        forward = lagged_correlations(m["checks"], m["defect_rate"])  # checks as a cause
        backward = lagged_correlations(m["defect_rate"], m["checks"])  # defects lead checks
        best = int(np.nanargmax(np.abs(backward)))
        found.append(
            best == CHECKS_LAG
            and backward[best] > 0
            and np.max(np.abs(forward)) < backward[CHECKS_LAG]
        )
    assert np.mean(found) >= MIN_FOUND


@pytest.mark.parametrize("seed", RECORD_SEEDS)
def test_onboarding_training_shortens_time_to_competency(seed: int) -> None:
    staff = tables(seed)["employees"]
    roles = pd.get_dummies(staff["role"].astype(str), drop_first=True).to_numpy(float)
    x = np.column_stack([np.ones(len(staff)), staff["training_hours"], roles])
    t = _ols_t(staff["time_to_competency_days"].to_numpy(float), x)
    assert t[1] < -3


def test_agents_not_yet_competent_resolve_fewer_tickets_at_first_contact() -> None:
    t = tables(2024)
    staff = t["employees"].set_index("employee_id")
    tk = t["tickets"]
    ready = staff["hired_on"] + pd.to_timedelta(staff["time_to_competency_days"], unit="D")
    novice = tk["opened_at"].to_numpy() < ready.reindex(tk["agent_id"]).to_numpy()
    assert novice.sum() >= 30
    fcr = tk["first_contact_resolved"].to_numpy()
    gap = fcr[novice].mean() - fcr[~novice].mean()
    assert np.sign(gap) == CHAIN_BY_ID["competency_to_fcr"].sign
    assert gap < -0.07


@pytest.mark.parametrize("seed", RECORD_SEEDS)
def test_first_contact_resolution_and_response_time_drive_ticket_csat(seed: int) -> None:
    t = tables(seed)
    s = t["surveys"]
    sup = s[(s["touchpoint"] == "support") & s["csat"].notna()]
    tk = t["tickets"].set_index("ticket_id").reindex(sup["ticket_id"])
    hours = (tk["first_response_at"] - tk["opened_at"]).dt.total_seconds().to_numpy() / 3600
    x = np.column_stack(
        [np.ones(len(sup)), tk["first_contact_resolved"].to_numpy(float), np.log2(hours)]
    )
    t_stats = _ols_t(sup["csat"].to_numpy(float), x)
    assert t_stats[1] > 5  # fcr_to_csat: positive
    assert t_stats[2] < -5  # response_time_to_csat: negative


def test_quality_special_causes_stand_out() -> None:
    q = tables(2024)["quality_samples"]
    q = q.assign(day=q["sampled_at"].dt.normalize())
    sub = q.groupby(["kitchen_id", "subgroup_id", "day"], observed=True)["portion_weight_g"]
    stats = sub.agg(["mean", lambda v: v.max() - v.min()]).reset_index()
    stats.columns = ["kitchen_id", "subgroup_id", "day", "mean", "range"]
    start = q["sampled_at"].min().to_period("M")
    for ep in QUALITY_EPISODES:
        month = start + ep.month_offset
        k = stats[stats["kitchen_id"] == ep.kitchen_id]
        in_month = k["day"].dt.to_period("M") == month
        days = k["day"].dt.day
        hit = in_month & (days >= ep.first_day) & (days <= ep.last_day)
        normal = k[~in_month]
        sigma_mean = normal["mean"].std()
        if ep.kind in ("shift", "outlier"):
            z = (k.loc[hit, "mean"].mean() - normal["mean"].mean()) / sigma_mean
            assert np.sign(z) == np.sign(ep.size) and abs(z) > 3, ep.id
        elif ep.kind == "trend":
            slope = np.polyfit(days[hit], k.loc[hit, "mean"], 1)[0]
            assert slope > ep.size / 2, ep.id
        else:
            assert k.loc[hit, "range"].mean() > 1.8 * normal["range"].mean(), ep.id
