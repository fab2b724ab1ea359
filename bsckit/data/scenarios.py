"""Scenarios: three stories about Homeats' two years, each a set of documented levers.

A scenario only moves levels (how many customers sign up, how fast prices rise, how much the
company spends on research and training). The cause-and-effect chains in :mod:`bsckit.data.chains`
are the same in every scenario, so a learner can compare the stories with the same tools.

Examples
--------
>>> get_scenario("growth").signup_factor
1.8
>>> sorted(SCENARIOS)
['baseline', 'cost_crisis', 'growth']
"""

from __future__ import annotations

from dataclasses import dataclass

from .._validation import check_choice, check_number
from .facts import HOMEATS

__all__ = ["SCENARIOS", "Scenario", "get_scenario"]


@dataclass(frozen=True)
class Scenario:
    """The levers one scenario sets.

    Parameters
    ----------
    name : str
        Short identifier used on the command line.
    story : str
        One-paragraph description, copied into the data dictionary.
    signup_factor : float
        Multiplier on monthly customer sign-ups (1 = baseline).
    churn_factor : float
        Multiplier on the base monthly churn rate.
    cpi_annual : float
        Annual consumer price inflation (0.03 = 3 %).
    food_inflation_extra : float
        Extra annual inflation on ingredients on top of ``cpi_annual``.
    gbp_drift_annual : float
        Annual drift of sterling against the euro and the dollar (negative = weaker pound).
    research_rate : float
        Mean number of market research studies completed per month.
    improvement_rate : float
        Mean number of process-improvement initiatives started per month.
    training_hours : float
        Mean monthly training hours per support agent.
    billing_error_rate : float
        Mean share of business invoices issued with an error.
    response_hours : float
        Median first-response time of the support team, in hours.
    hiring_factor : float
        Multiplier on the headcount plan.
    """

    name: str
    story: str
    signup_factor: float = 1.0
    churn_factor: float = 1.0
    cpi_annual: float = 0.03
    food_inflation_extra: float = 0.0
    gbp_drift_annual: float = 0.0
    research_rate: float = 3.0
    improvement_rate: float = 2.5
    training_hours: float = 8.0
    billing_error_rate: float = 0.06
    response_hours: float = 5.0
    hiring_factor: float = 1.0

    def __post_init__(self) -> None:
        for name in ("signup_factor", "churn_factor", "hiring_factor"):
            check_number(name, getattr(self, name), low=0.1, high=5.0)
        check_number("cpi_annual", self.cpi_annual, low=-0.05, high=0.5)
        check_number("food_inflation_extra", self.food_inflation_extra, low=-0.1, high=0.5)
        check_number("gbp_drift_annual", self.gbp_drift_annual, low=-0.5, high=0.5)
        check_number("research_rate", self.research_rate, low=0.5, high=20.0)
        check_number("improvement_rate", self.improvement_rate, low=0.5, high=20.0)
        check_number("training_hours", self.training_hours, low=1.0, high=40.0)
        check_number("billing_error_rate", self.billing_error_rate, low=0.01, high=0.3)
        check_number("response_hours", self.response_hours, low=0.5, high=72.0)


SCENARIOS: dict[str, Scenario] = {
    name: Scenario(name=name, **levers) for name, levers in HOMEATS["scenarios"].items()
}
"""The scenarios of ``bsckit/data/homeats.yaml`` (levers not given keep their defaults)."""


def get_scenario(name: str) -> Scenario:
    """Return the scenario called ``name``.

    Examples
    --------
    >>> get_scenario("baseline").cpi_annual
    0.03
    >>> get_scenario("boom")
    Traceback (most recent call last):
    ...
    ValueError: `scenario` must be one of 'baseline', 'cost_crisis', 'growth'; got 'boom'.
    """
    check_choice("scenario", name, list(SCENARIOS))
    return SCENARIOS[name]
