"""The cause-and-effect chains planted in the Homeats data: one source for all users.

The generator reads the sign, lag and size of every link from :data:`CHAINS`; the data
dictionary (``datasets/README.md``) prints them; the tests recover them from the tables. A chain
link says: when the *cause* measure moves in month ``t``, the *effect* measure moves in month
``t + lag`` in direction ``sign`` by about ``size`` (in ``size_unit``). Every link also carries
noise, and the data holds :data:`DISTRACTORS` - measures that are correlated with an outcome but
do not cause it - and :data:`QUALITY_EPISODES`, the special causes planted in the portion weights.

Links whose ``level`` is ``"month"`` are found with lagged correlation of the monthly measures;
links at ``"ticket"`` or ``"employee"`` level act inside one record (lag 0) and are found with a
regression on the rows.

Examples
--------
>>> link = CHAIN_BY_ID["complaints_to_nps"]
>>> link.sign, link.lag
(-1, 1)
>>> [c.id for c in CHAINS if c.level == "month"][:3]
['research_to_new_dish_share', 'improvements_to_defects', 'improvements_to_cost']
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from .._validation import check_choice, check_count

__all__ = [
    "CHAINS",
    "CHAIN_BY_ID",
    "DISTRACTORS",
    "QUALITY_EPISODES",
    "Chain",
    "Distractor",
    "QualityEpisode",
    "episode_days",
]


@dataclass(frozen=True)
class Chain:
    """One planted cause-and-effect link.

    Parameters
    ----------
    id : str
        Stable identifier.
    process : str
        Value-chain process or perspective the link belongs to.
    cause, effect : str
        The two measures, with the exact way to compute each from the tables.
    sign : int
        ``+1`` if the effect rises with the cause, ``-1`` if it falls.
    lag : int
        Months between cause and effect (0 = same month or same record).
    size : float
        Planted effect per unit of the cause, in ``size_unit``.
    size_unit : str
        How to read ``size``.
    level : str
        ``"month"`` (monthly aggregates), ``"ticket"`` or ``"employee"`` (inside one record).
    story : str
        The business story behind the link.
    typical_r : float, optional
        How strong the link is in the data: the median correlation between the monthly cause
        and effect at the planted lag over 30 generated baseline datasets (24 months each).
        Planted to be about as strong as links in business data (|r| 0.65 to 0.9), not a
        near-perfect line; ``tests/test_data_chains.py`` keeps it within 0.1 of the data and
        checks that each link is found at its lag and sign in at least 90 % of seeds.
    """

    id: str
    process: str
    cause: str
    effect: str
    sign: int
    lag: int
    size: float
    size_unit: str
    level: str
    story: str
    typical_r: float | None = None

    def __post_init__(self) -> None:
        check_choice("sign", self.sign, [-1, 1])
        if self.typical_r is not None and (self.typical_r > 0) != (self.sign > 0):
            msg = f"`typical_r` of chain {self.id!r} must have the sign {self.sign:+d}."
            raise ValueError(msg)
        check_count("lag", self.lag)
        check_choice("level", self.level, ["month", "ticket", "employee"])
        if (self.size > 0) != (self.sign > 0):
            msg = f"`size` of chain {self.id!r} must have the sign {self.sign:+d}, got {self.size}."
            raise ValueError(msg)

    def to_dict(self) -> dict:
        """Return the link as a plain dict (for YAML/JSON)."""
        return asdict(self)


CHAINS: tuple[Chain, ...] = (
    Chain(
        id="research_to_new_dish_share",
        process="Innovation",
        cause="market research studies completed in the month (count of `market_studies` rows by "
        "`completed_on` month)",
        effect="share of revenue from new dishes (`orders.new_dish`; delivered orders, by "
        "`ordered_at` month)",
        sign=1,
        lag=3,
        size=0.02,
        size_unit="share of revenue (0.02 = 2 percentage points) per extra study",
        level="month",
        story="Research tells the kitchens what customers want; dishes tuned on that insight sell "
        "better about three months later. Other things move the share too (seasonal menus, "
        "competitors' launches), so the link is clear but far from a straight line.",
        typical_r=0.8,
    ),
    Chain(
        id="improvements_to_defects",
        process="Operations",
        cause="process improvements started in the month (count of `initiatives` rows by "
        "`started_on` month)",
        effect="defect rate (sum of `production_batches.defects` / sum of `units_made`, by "
        "`produced_on` month)",
        sign=-1,
        lag=2,
        size=-0.12,
        size_unit="log change of the defect rate per extra initiative (-0.12 = about 11 % fewer)",
        level="month",
        story="An improvement needs about two months to be rolled out on the line; its benefit "
        "then fades unless the next improvement keeps the pressure on.",
        typical_r=-0.75,
    ),
    Chain(
        id="improvements_to_cost",
        process="Operations",
        cause="process improvements started in the month (as above)",
        effect="real cost per good unit (sum of `cost` / sum of `good_units`, divided by "
        "`price_index.cpi` / 100)",
        sign=-1,
        lag=2,
        size=-0.025,
        size_unit="relative change of real cost per unit per extra initiative",
        level="month",
        story="The same improvements remove waste, so the cost per unit falls when defects do.",
        typical_r=-0.85,
    ),
    Chain(
        id="defects_to_complaints",
        process="Operations",
        cause="defect rate (as above)",
        effect="quality complaints per 1,000 orders (tickets with `type` complaint and `topic` "
        "food quality, counted by the month of the order they concern / orders placed)",
        sign=1,
        lag=1,
        size=4.0,
        size_unit="complaints per 1,000 orders per percentage point of defect rate",
        level="month",
        story="Defects that slip past inspection reach customers with the next month's orders.",
        typical_r=0.7,
    ),
    Chain(
        id="complaints_to_nps",
        process="Customer",
        cause="quality complaints per 1,000 orders (as above)",
        effect="Net Promoter Score of the relationship survey (`surveys` touchpoint relationship, "
        "% scores 9-10 minus % scores 0-6, by `sent_at` month)",
        sign=-1,
        lag=1,
        size=-2.0,
        size_unit="NPS points per extra complaint per 1,000 orders",
        level="month",
        story="Word of bad meals spreads; the next relationship survey shows it.",
        typical_r=-0.7,
    ),
    Chain(
        id="nps_to_churn",
        process="Customer",
        cause="Net Promoter Score (as above)",
        effect="subscriber churn rate (household subscribers whose `churned_at` falls in the "
        "month / subscribers active at the start of the month)",
        sign=-1,
        lag=2,
        size=-0.02,
        size_unit="log change of the churn rate per NPS point (-0.02 = about 2 % fewer cancellations)",
        level="month",
        story="Detractors shop around and cancel about two months after they sour.",
        typical_r=-0.75,
    ),
    Chain(
        id="churn_to_subscription_revenue",
        process="Financial",
        cause="subscriber churn rate (as above)",
        effect="month-on-month growth of subscription revenue (delivered household subscription "
        "orders, sum of `amount`)",
        sign=-1,
        lag=1,
        size=-1.0,
        size_unit="percentage points of revenue growth per percentage point of churn",
        level="month",
        story="Subscriptions are prepaid monthly: a customer who cancels still gets this month's "
        "boxes and is missing from next month's revenue.",
        typical_r=-0.75,
    ),
    Chain(
        id="training_to_fcr",
        process="Learning and growth",
        cause="training hours per support agent in the month (`training` rows of support agents)",
        effect="first-contact resolution rate (`tickets.first_contact_resolved`, by `opened_at` "
        "month)",
        sign=1,
        lag=1,
        size=0.02,
        size_unit="share of tickets (0.02 = 2 points) per extra training hour per agent",
        level="month",
        story="What agents learn this month they apply to next month's tickets.",
        typical_r=0.8,
    ),
    Chain(
        id="onboarding_training_to_competency",
        process="Learning and growth",
        cause="onboarding training hours of a new employee (`employees.training_hours`)",
        effect="days until the employee is competent (`employees.time_to_competency_days`)",
        sign=-1,
        lag=0,
        size=-1.2,
        size_unit="days per extra onboarding hour",
        level="employee",
        story="Better onboarding gets new staff up to speed sooner.",
    ),
    Chain(
        id="competency_to_fcr",
        process="Post-sale service",
        cause="the agent had not yet reached competency when the ticket was opened "
        "(`opened_at` < `hired_on` + `time_to_competency_days`)",
        effect="the ticket is resolved at first contact (`first_contact_resolved`)",
        sign=-1,
        lag=0,
        size=-0.15,
        size_unit="probability of first-contact resolution",
        level="ticket",
        story="New agents escalate more often until they know the products and systems.",
    ),
    Chain(
        id="fcr_to_csat",
        process="Post-sale service",
        cause="the ticket was resolved at first contact",
        effect="CSAT (1-5) of the support survey about that ticket (`surveys.csat`, touchpoint "
        "support)",
        sign=1,
        lag=0,
        size=0.9,
        size_unit="CSAT points",
        level="ticket",
        story="Customers who do not have to chase are happier.",
    ),
    Chain(
        id="response_time_to_csat",
        process="Post-sale service",
        cause="median first-response time of tickets opened in the month, in hours "
        "(`first_response_at` - `opened_at`)",
        effect="mean CSAT of support surveys about tickets opened in the month",
        sign=-1,
        lag=0,
        size=-0.45,
        size_unit="CSAT points per doubling of the response time (also true ticket by ticket)",
        level="month",
        story="Waiting for an answer is the first thing customers complain about.",
        typical_r=-0.8,
    ),
    Chain(
        id="csat_to_repeat_orders",
        process="Post-sale service",
        cause="mean CSAT of support surveys (as above)",
        effect="one-off orders per 100 active household customers",
        sign=1,
        lag=1,
        size=0.8,
        size_unit="relative change of the one-off order rate per CSAT point (0.8 = +8 % per 0.1)",
        level="month",
        story="Customers whose problems were handled well come back for extra orders next month.",
        typical_r=0.75,
    ),
    Chain(
        id="billing_errors_to_dso",
        process="Post-sale service",
        cause="billing error rate (`invoices.billing_error`, by `issued_on` month)",
        effect="Days Sales Outstanding at month end (receivables open at month end / amount "
        "invoiced in the month x days in the month)",
        sign=1,
        lag=1,
        size=0.3,
        size_unit="days of DSO per percentage point of error rate (approximate: it emerges from "
        "payment dates)",
        level="month",
        story="A wrong invoice is disputed, reissued and paid about four weeks late, so it "
        "is still open at the end of the following month.",
        typical_r=0.7,
    ),
)

CHAIN_BY_ID: dict[str, Chain] = {c.id: c for c in CHAINS}


@dataclass(frozen=True)
class Distractor:
    """A measure correlated with an outcome that does not cause it.

    Parameters
    ----------
    id : str
        Stable identifier.
    measure : str
        The distracting measure and how to compute it.
    looks_like : str
        The outcome it seems to drive.
    truth : str
        What really links them.
    how_to_tell : str
        The test that exposes it.
    """

    id: str
    measure: str
    looks_like: str
    truth: str
    how_to_tell: str

    def to_dict(self) -> dict:
        """Return the distractor as a plain dict."""
        return asdict(self)


DISTRACTORS: tuple[Distractor, ...] = (
    Distractor(
        id="marketing_spend",
        measure="marketing spend in the month (`operating_costs`, cost centre Marketing)",
        looks_like="share of revenue from new dishes a month later",
        truth="common cause: campaigns are planned from the same market studies, two months "
        "after them (so about a month before the new dishes they promote sell best); marketing "
        "spend itself has no effect in the generator, and campaigns not tied to research add "
        "their own variation (about 30 %)",
        how_to_tell="it correlates with the share when it leads by about one month, so the "
        "timing alone makes it look like a driver; next to market studies lagged 3 months in a "
        "regression its coefficient is close to zero while the studies keep theirs",
    ),
    Distractor(
        id="quality_checks",
        measure="quality checks per batch (`production_batches.quality_checks`, monthly mean)",
        looks_like="defect rate (a leading measure of quality, it seems)",
        truth="reverse causation: the quality team reviews the defect reports and adds checks, "
        "which reach the line two months after the defect rate rose; checks have no effect on "
        "defects in the generator. In the same month the two are hardly correlated",
        how_to_tell="the correlation appears only when checks are lagged behind defects "
        "(defects lead checks by 2 months, r about 0.8); where checks would lead, the "
        "correlations stay small",
    ),
)


@dataclass(frozen=True)
class QualityEpisode:
    """A special cause planted in the portion weights (`quality_samples`).

    Parameters
    ----------
    id : str
        Stable identifier.
    kitchen_id : str
        The kitchen affected.
    month_offset : int
        Month of the episode, counted from the first month generated (0 = first month).
    first_day, last_day : int
        Days of that month affected (inclusive).
    kind : str
        ``"shift"`` (mean moves by ``size`` g), ``"outlier"`` (one subgroup moves by ``size`` g),
        ``"trend"`` (mean drifts by ``size`` g per day) or ``"spread"`` (sigma multiplied by
        ``size``).
    size : float
        Size of the disturbance (see ``kind``).
    story : str
        What happened.
    """

    id: str
    kitchen_id: str
    month_offset: int
    first_day: int
    last_day: int
    kind: str
    size: float
    story: str

    def __post_init__(self) -> None:
        check_choice("kind", self.kind, ["shift", "outlier", "trend", "spread"])

    def to_dict(self) -> dict:
        """Return the episode as a plain dict."""
        return asdict(self)


QUALITY_EPISODES: tuple[QualityEpisode, ...] = (
    QualityEpisode(
        "scale_drift",
        "K02",
        5,
        10,
        17,
        "shift",
        7.0,
        "The portioning scale was recalibrated wrongly after a service; portions ran 7 g heavy "
        "for eight days until the next check.",
    ),
    QualityEpisode(
        "new_cook",
        "K01",
        11,
        3,
        3,
        "outlier",
        -12.0,
        "An untrained agency cook portioned one shift by eye: one subgroup 12 g light.",
    ),
    QualityEpisode(
        "worn_ladle",
        "K03",
        16,
        1,
        14,
        "trend",
        0.8,
        "A worn portioning ladle let portions creep up by about 0.8 g a day for two weeks.",
    ),
    QualityEpisode(
        "faulty_depositor",
        "K04",
        20,
        5,
        12,
        "spread",
        2.5,
        "A faulty depositor nozzle made portions erratic (2.5 times the usual spread) for a week.",
    ),
)


def episode_days(kitchen_id: str, days, *, aftermath: int = 0) -> np.ndarray:
    """True on the days a planted special cause hit ``kitchen_id`` - the kitchens' incident log.

    Parameters
    ----------
    kitchen_id : str
        Kitchen, e.g. ``"K02"``.
    days : sequence of dates
        The days to mark (e.g. one per portion-weight subgroup), in any order; the first month
        of the data is taken as the month of the earliest day.
    aftermath : int, default 0
        Also mark this many days after each episode (a run rule needs a few points to clear).

    Examples
    --------
    >>> days = pd.date_range("2024-01-01", "2024-12-31", freq="D")
    >>> hit = episode_days("K02", days)
    >>> [str(d.date()) for d in days[hit][[0, -1]]], int(hit.sum())
    (['2024-06-10', '2024-06-17'], 8)
    """
    days = pd.to_datetime(pd.Series(list(days))).reset_index(drop=True)
    first_month = days.min().to_period("M")
    hit = np.zeros(len(days), dtype=bool)
    for ep in QUALITY_EPISODES:
        if ep.kitchen_id != kitchen_id:
            continue
        start = (first_month + ep.month_offset).start_time
        begin = start + pd.Timedelta(days=ep.first_day - 1)
        end = start + pd.Timedelta(days=ep.last_day - 1 + aftermath)
        hit |= ((days >= begin) & (days <= end)).to_numpy()
    return hit
