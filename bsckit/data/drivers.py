"""The monthly business drivers of Homeats: the plan every table is drawn from.

The generator first simulates one row per month (with six warm-up months before the first month
reported, so that lagged effects are already running on day one): how many market studies and
process improvements happened, the defect rate, complaints, the Net Promoter Score, churn,
training, response times and so on. The cause-and-effect links in :mod:`bsckit.data.chains` act
here, month by month. The table modules then draw individual rows (orders, batches, tickets...)
whose monthly totals realise this plan.

Examples
--------
>>> cal = Calendar("2024-01", 3)
>>> str(cal.months[0]), int(cal.days[-1])
('2024-01', 31)
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from .chains import CHAIN_BY_ID
from .scenarios import Scenario

__all__ = [
    "BURN_IN",
    "CHECKS_LAG",
    "CUSTOMER_TYPES",
    "MARKETING_LAG",
    "NOISE",
    "Calendar",
    "make_ids",
    "monthly_plan",
    "rng_for",
]

BURN_IN = 6
CUSTOMER_TYPES = ("subscriber", "payg", "business")

# Baseline levels (scale 1). Centres of the chains are baseline values, so scenarios shift levels.
_STUDIES0 = 3.0
_IMPROVEMENTS0 = 2.5
_DEFECT0 = 0.03
_COMPLAINTS0 = 14.0  # quality complaints per 1,000 orders
_NPS0 = 32.0
_TRAINING0 = 8.0
_FCR0 = 0.72
_CSAT_BASE = 3.55
_RESPONSE0 = 5.0
_INITIAL = {"subscriber": 850.0, "payg": 1300.0, "business": 70.0}
_SIGNUPS = {"subscriber": 25.5, "payg": 39.0, "business": 1.6}
_CHURN = {"subscriber": 0.03, "payg": 0.03, "business": 0.02}
SUB_DELIVERIES = 2
SUB_SKIP = 0.02
ONE_OFF_RATE = {"subscriber": 0.05, "payg": 0.18}
BUSINESS_ORDERS = 3.0
NPS_SENT_SHARE = 0.16
NPS_RESPONSE_RATE = 0.45
SEASON_BUSINESS = np.array([0.9, 1, 1, 1, 1, 1, 0.95, 0.75, 1.05, 1, 1.05, 1.2])
MARKETING_LAG = 2
"""Months between a market study and the campaign planned from it (marketing is a distractor)."""
CHECKS_LAG = 2
"""Months between a rise in the defect rate and the extra quality checks it prompts."""

# Noise on each planted effect: what else moves the effect month to month. Set so that, on 24
# months, each link's correlation at its planted lag is that of business data (|r| about 0.6
# to 0.8, ``Chain.typical_r``), not a near-perfect line; scaled with the cause's own spread
# where a scenario changes it, so every scenario keeps about the same strength.
NOISE = {
    "new_share": 0.024,  # share of revenue, per sqrt(studies a month / 3)
    "marketing": 0.3,  # relative, campaigns not tied to research
    "defect_log": 0.13,  # log defect rate, per sqrt(improvements a month / 2.5)
    "real_cost": 0.022,  # relative real cost per unit, per sqrt(improvements a month / 2.5)
    "complaints": 1.4,  # complaints per 1,000 orders, besides counting noise
    "nps": 5.0,  # NPS points, besides survey sampling
    "checks": 0.2,  # quality checks per batch
    "signups": 0.12,  # relative monthly sign-ups (campaigns, weather, competitors)
    "fcr": 0.025,  # share of tickets resolved at first contact
    "csat": 0.08,  # CSAT points shared by a month's tickets (mood, menu, season)
    "one_off": 0.13,  # relative one-off order rate
}


def rng_for(seed: int, name: str) -> np.random.Generator:
    """Return the random generator of one table: independent of every other table's.

    Examples
    --------
    >>> a = rng_for(1, "orders").integers(1000)
    >>> b = rng_for(1, "orders").integers(1000)
    >>> bool(a == b)
    True
    """
    key = zlib.crc32(name.encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence(entropy=seed, spawn_key=(key,)))


_PAIRS = np.array([[48 + i // 10, 48 + i % 10] for i in range(100)], dtype=np.uint8)


def make_ids(prefix: str, n: int, width: int) -> np.ndarray:
    """Identifiers ``prefix`` + zero-padded 1..n, built without a Python loop.

    Examples
    --------
    >>> make_ids("O", 2, 7).tolist()
    ['O0000001', 'O0000002']
    >>> make_ids("C", 12, 1).tolist()[8:]
    ['C9', 'C10', 'C11', 'C12']
    """
    # The digits are written into one ASCII buffer, which is decoded and split once: about
    # twice as fast as numpy's per-element string functions. Numbers wider than ``width``
    # (never at the supported scales) keep all their digits, as str.zfill would.
    short = min(n, 10**width - 1)
    head = prefix.encode("utf-8")
    if short <= 0 or b"\n" in head:
        return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)], dtype=object)
    buf = np.empty((short, len(head) + width + 1), dtype=np.uint8)
    buf[:, : len(head)] = np.frombuffer(head, dtype=np.uint8)
    rest, end = np.arange(1, short + 1, dtype=np.int64), len(head) + width
    while end - 2 >= len(head):  # two digits at a time, from a table of "00" to "99"
        buf[:, end - 2 : end] = _PAIRS[rest % 100]
        rest, end = rest // 100, end - 2
    if end > len(head):
        buf[:, end - 1] = rest % 10 + 48
    buf[:, -1] = 10  # "\n"
    ids = buf.tobytes()[:-1].decode("utf-8").split("\n")
    ids.extend(f"{prefix}{i:0{width}d}" for i in range(short + 1, n + 1))
    return np.array(ids, dtype=object)


class Calendar:
    """Months of the dataset, with ``BURN_IN`` warm-up months before the first one.

    Parameters
    ----------
    start : str
        First month reported, ``"YYYY-MM"``.
    months : int
        Number of months reported.
    """

    def __init__(self, start: str, months: int, burn_in: int = BURN_IN) -> None:
        self.start = start
        self.n = int(months)
        self.burn_in = int(burn_in)
        first = np.datetime64(start, "M")
        self.first = first
        self.all_months = first - self.burn_in + np.arange(self.n + self.burn_in)
        self.months = self.all_months[self.burn_in :]
        self.all_starts = self.all_months.astype("datetime64[D]")
        self.all_days = ((self.all_months + 1).astype("datetime64[D]") - self.all_starts).astype(
            int
        )
        self.starts = self.all_starts[self.burn_in :]
        self.days = self.all_days[self.burn_in :]
        self.begin = self.starts[0]
        self.end = (self.months[-1] + 1).astype("datetime64[D]")  # exclusive

    def month_index(self, dates: np.ndarray) -> np.ndarray:
        """Index of each date's month, 0 = first month reported (negative in the warm-up)."""
        months = np.asarray(dates).astype("datetime64[M]")
        return (months - self.first).astype(np.int64)

    def random_times(
        self,
        rng: np.random.Generator,
        month_idx: np.ndarray,
        earliest: np.ndarray | None = None,
    ) -> np.ndarray:
        """A uniform random minute in each given month (index as :meth:`month_index`)."""
        idx = np.asarray(month_idx) + self.burn_in
        lo = self.all_starts[idx].astype("datetime64[m]")
        hi = (self.all_months[idx] + 1).astype("datetime64[D]").astype("datetime64[m]")
        if earliest is not None:
            lo = np.maximum(lo, earliest.astype("datetime64[m]"))
        span = (hi - lo).astype(np.int64)
        return lo + (rng.random(len(idx)) * span).astype(np.int64)


def _lagged(values: np.ndarray, lag: int, fill: float) -> np.ndarray:
    out = np.full(values.shape, fill, dtype=float)
    out[lag:] = values[: len(values) - lag] if lag else values
    return out


def monthly_plan(cal: Calendar, scenario: Scenario, scale: float, seed: int) -> pd.DataFrame:
    """Simulate the monthly drivers, warm-up months included (column ``t`` < 0 in warm-up).

    Returns
    -------
    pandas.DataFrame
        One row per month with the latent and realised drivers.
    """
    rng = rng_for(seed, "plan")
    months = cal.n + cal.burn_in
    t = np.arange(months) - cal.burn_in
    c = CHAIN_BY_ID
    plan = pd.DataFrame({"t": t, "month": cal.all_months})

    # Prices and currency.
    monthly_cpi = (1 + scenario.cpi_annual) ** (1 / 12) - 1
    infl = monthly_cpi + rng.normal(0, 0.002, months)
    level = np.cumprod(1 + infl)
    plan["cpi"] = 100 * level / level[cal.burn_in]
    food = (1 + scenario.food_inflation_extra) ** (t / 12)
    plan["food_cost_index"] = plan["cpi"] * food
    drift = scenario.gbp_drift_annual / 12
    shocks = rng.multivariate_normal(
        [0, 0], [[0.012**2, 0.6 * 0.012 * 0.018], [0.6 * 0.012 * 0.018, 0.018**2]], months
    )
    log_fx = np.cumsum(shocks + drift, axis=0)
    log_fx -= log_fx[cal.burn_in]
    plan["eur_per_gbp"] = 1.17 * np.exp(log_fx[:, 0])
    plan["usd_per_gbp"] = 1.27 * np.exp(log_fx[:, 1])

    # Innovation: research -> new-dish share; marketing spend is a distractor (common cause).
    studies = rng.poisson(scenario.research_rate, months).astype(float)
    plan["market_studies"] = studies.astype(int)
    lag = c["research_to_new_dish_share"].lag
    s_lag = _lagged(studies, lag, scenario.research_rate)
    share = 0.15 + c["research_to_new_dish_share"].size * (s_lag - _STUDIES0)
    spread = np.sqrt(scenario.research_rate / _STUDIES0)
    plan["new_share"] = np.clip(
        share + rng.normal(0, NOISE["new_share"] * spread, months), 0.02, 0.6
    )
    # Campaigns are planned from the same studies, MARKETING_LAG months after them (so a
    # month before the new dishes sell): a common cause, with no effect of its own.
    m_lag = _lagged(studies, MARKETING_LAG, scenario.research_rate) - scenario.research_rate
    plan["marketing_spend"] = (
        (
            9000 * scale * (1 + 0.10 * m_lag / spread + rng.normal(0, NOISE["marketing"], months))
        ).clip(1000 * scale)
        * plan["cpi"]
        / 100
    )

    # Operations: improvements -> defects and cost.
    impr = rng.poisson(scenario.improvement_rate, months).astype(float)
    plan["improvements"] = impr.astype(int)
    spread = np.sqrt(scenario.improvement_rate / _IMPROVEMENTS0)
    i_lag = _lagged(impr, c["improvements_to_defects"].lag, scenario.improvement_rate)
    plan["defect_rate"] = _DEFECT0 * np.exp(
        c["improvements_to_defects"].size * (i_lag - _IMPROVEMENTS0)
        + rng.normal(0, NOISE["defect_log"] * spread, months)
    )
    i_lag = _lagged(impr, c["improvements_to_cost"].lag, scenario.improvement_rate)
    plan["real_cost_factor"] = (
        1
        + c["improvements_to_cost"].size * (i_lag - _IMPROVEMENTS0)
        + rng.normal(0, NOISE["real_cost"] * spread, months)
    )
    plan["late_share"] = np.clip(0.07 * np.exp(rng.normal(0, 0.25, months)), 0.01, 0.4)

    # Service drivers.
    # Training comes in bursts; where there is less of it, the bursts are relatively larger.
    burst = 0.4 * np.sqrt(_TRAINING0 / scenario.training_hours)
    train = scenario.training_hours * np.exp(rng.normal(0, burst, months))
    plan["training_hours"] = train
    t_lag = _lagged(train, c["training_to_fcr"].lag, scenario.training_hours)
    fcr = (
        _FCR0
        + c["training_to_fcr"].size * (t_lag - _TRAINING0)
        + rng.normal(0, NOISE["fcr"], months)
    )
    plan["fcr"] = np.clip(fcr, 0.3, 0.95)
    plan["response_hours"] = scenario.response_hours * np.exp(rng.normal(0, 0.35, months))
    plan["csat_shock"] = rng.normal(0, NOISE["csat"], months)
    plan["csat_support"] = (
        _CSAT_BASE
        + c["fcr_to_csat"].size * plan["fcr"]
        + c["response_time_to_csat"].size * np.log2(plan["response_hours"] / _RESPONSE0)
        + plan["csat_shock"]
    )
    csat_lag = _lagged(plan["csat_support"].to_numpy(), c["csat_to_repeat_orders"].lag, 4.2)
    plan["one_off_factor"] = np.clip(
        1
        + c["csat_to_repeat_orders"].size * (csat_lag - 4.2)
        + rng.normal(0, NOISE["one_off"], months),
        0.3,
        2.0,
    )
    plan["billing_error_rate"] = np.clip(
        scenario.billing_error_rate * np.exp(rng.normal(0, 0.5, months)), 0.005, 0.4
    )
    plan["onboarding_hours"] = 40 * np.sqrt(scenario.training_hours / _TRAINING0) + rng.normal(
        0, 4, months
    )
    plan["business_season"] = SEASON_BUSINESS[(cal.all_months.astype(int) % 12)]

    # Customers, complaints, NPS and churn, month by month (each step uses realised values).
    active = {k: _INITIAL[k] * scale for k in CUSTOMER_TYPES}
    active = {k: round(v) for k, v in active.items()}
    cols = {
        f"{kind}_{k}": np.zeros(months, dtype=np.int64)
        for kind in ("active_start", "signups", "churners")
        for k in CUSTOMER_TYPES
    }
    complaints = np.zeros(months, dtype=np.int64)
    complaint_rate = np.zeros(months)
    expected_orders = np.zeros(months)
    nps_counts = np.zeros((months, 3), dtype=np.int64)
    nps_sent = np.zeros(months, dtype=np.int64)
    nps_real = np.full(months, _NPS0)
    nps_latent = np.zeros(months)
    churn_rate = np.zeros(months)
    checks = np.zeros(months)
    signup_mean = {k: _SIGNUPS[k] * scale * scenario.signup_factor for k in CUSTOMER_TYPES}
    s_churn = c["nps_to_churn"]
    for i in range(months):
        for k in CUSTOMER_TYPES:
            cols[f"active_start_{k}"][i] = active[k]
            cols[f"signups_{k}"][i] = max(
                0, round(signup_mean[k] * (1 + rng.normal(0, NOISE["signups"])))
            )
        nps_before = nps_real[i - s_churn.lag] if i >= s_churn.lag else _NPS0
        rate = (
            _CHURN["subscriber"]
            * scenario.churn_factor
            * np.exp(s_churn.size * (nps_before - _NPS0))
        )
        churn_rate[i] = min(rate, 0.5)
        cols["churners_subscriber"][i] = rng.binomial(active["subscriber"], churn_rate[i])
        for k in ("payg", "business"):
            p = _CHURN[k] * scenario.churn_factor
            cols[f"churners_{k}"][i] = rng.binomial(active[k], p)
        in_month = {k: active[k] + cols[f"signups_{k}"][i] for k in CUSTOMER_TYPES}
        households = in_month["subscriber"] + in_month["payg"]
        expected_orders[i] = (
            in_month["subscriber"] * SUB_DELIVERIES * (1 - SUB_SKIP)
            + plan["one_off_factor"].iat[i]
            * (
                in_month["subscriber"] * ONE_OFF_RATE["subscriber"]
                + in_month["payg"] * ONE_OFF_RATE["payg"]
            )
            + in_month["business"] * BUSINESS_ORDERS * plan["business_season"].iat[i]
        )
        # Defects (last month) -> quality complaints per 1,000 orders.
        d_prev = plan["defect_rate"].iat[i - 1] if i >= 1 else _DEFECT0
        q = max(
            0.5,
            _COMPLAINTS0
            + c["defects_to_complaints"].size * (d_prev - _DEFECT0) * 100
            + rng.normal(0, NOISE["complaints"]),
        )
        complaints[i] = rng.poisson(q * expected_orders[i] / 1000)
        complaint_rate[i] = 1000 * complaints[i] / expected_orders[i]
        # Complaints (last month) -> NPS.
        q_prev = complaint_rate[i - 1] if i >= 1 else _COMPLAINTS0
        nps = (
            _NPS0
            + c["complaints_to_nps"].size * (q_prev - _COMPLAINTS0)
            + rng.normal(0, NOISE["nps"])
        )
        nps = float(np.clip(nps, -65, 65))
        nps_latent[i] = nps
        total_active = households + in_month["business"]
        nps_sent[i] = round(NPS_SENT_SHARE * total_active)
        responses = rng.binomial(nps_sent[i], NPS_RESPONSE_RATE)
        probs = [(0.7 + nps / 100) / 2, 0.3, (0.7 - nps / 100) / 2]
        nps_counts[i] = rng.multinomial(responses, probs)
        if responses:
            nps_real[i] = 100 * (nps_counts[i, 0] - nps_counts[i, 2]) / responses
        # Distractor: the quality team reviews the defect reports each month and adds checks;
        # the new checks reach the line CHECKS_LAG months after the defect rate rose.
        d_before = plan["defect_rate"].iat[i - CHECKS_LAG] if i >= CHECKS_LAG else _DEFECT0
        checks[i] = max(0.5, 3 + 50 * (d_before - _DEFECT0) + rng.normal(0, NOISE["checks"]))
        for k in CUSTOMER_TYPES:
            active[k] = active[k] + cols[f"signups_{k}"][i] - cols[f"churners_{k}"][i]
    for name, values in cols.items():
        plan[name] = values
    plan["expected_orders"] = expected_orders
    plan["quality_complaints"] = complaints
    plan["complaint_rate"] = complaint_rate
    plan["nps_latent"] = nps_latent
    plan["nps"] = nps_real
    plan["nps_sent"] = nps_sent
    plan["nps_promoters"] = nps_counts[:, 0]
    plan["nps_passives"] = nps_counts[:, 1]
    plan["nps_detractors"] = nps_counts[:, 2]
    plan["churn_rate"] = churn_rate
    plan["quality_checks"] = checks
    return plan
