"""Generate the Homeats datasets: one call, reproducible from the seed.

Examples
--------
>>> tables = generate(seed=1, months=2, scale=0.1)
>>> "orders" in tables and len(tables["orders"]) > 0
True
>>> generate(months=0)
Traceback (most recent call last):
...
ValueError: `months` must be between 1 and 120 inclusive, got 0.
"""

from __future__ import annotations

import numbers
import re
from dataclasses import asdict, dataclass

import pandas as pd
from faker import Faker

from .._validation import check_count, check_number
from . import (
    alignment,
    billing,
    campaign,
    catalogue,
    courier,
    extracts,
    finance,
    financial,
    governance,
    innovation,
    journeys,
    learning,
    orders,
    partner,
    production,
    service,
    surveys,
    voice,
    workforce,
)
from . import company as master
from .drivers import Calendar, monthly_plan, rng_for
from .scenarios import get_scenario
from .schema import SCHEMA, conform

__all__ = ["GENERATOR_VERSION", "Params", "generate"]

GENERATOR_VERSION = "1.1.0"
MAX_MONTHS = 120
MIN_SCALE, MAX_SCALE = 0.05, 20.0


@dataclass(frozen=True)
class Params:
    """Validated generator parameters (see :func:`generate`).

    Examples
    --------
    >>> Params(start="2024-13").start
    Traceback (most recent call last):
    ...
    ValueError: `start` must be a month written YYYY-MM between 2000-01 and 2099-12, got '2024-13'.
    """

    seed: int = 2024
    start: str = "2024-01"
    months: int = 24
    scale: float = 1.0
    scenario: str = "baseline"
    company: str = "Homeats"
    locale: str = "en_GB"

    def __post_init__(self) -> None:
        if isinstance(self.seed, bool) or not isinstance(self.seed, numbers.Integral):
            msg = f"`seed` must be a whole number between 0 and 2**32 - 1, got {self.seed!r}."
            raise TypeError(msg)
        check_number("seed", self.seed, low=0, high=2**32 - 1)
        if not isinstance(self.start, str) or not re.fullmatch(
            r"20\d\d-(0[1-9]|1[0-2])", self.start
        ):
            msg = (
                f"`start` must be a month written YYYY-MM between 2000-01 and 2099-12, "
                f"got {self.start!r}."
            )
            raise ValueError(msg)
        months = check_count("months", self.months)
        if not 1 <= months <= MAX_MONTHS:
            msg = f"`months` must be between 1 and {MAX_MONTHS} inclusive, got {self.months!r}."
            raise ValueError(msg)
        check_number(
            "scale",
            self.scale,
            low=MIN_SCALE,
            high=MAX_SCALE,
            hint="1 is the default size; 10 makes about ten times as many rows.",
        )
        get_scenario(self.scenario)
        if not isinstance(self.company, str) or not 1 <= len(self.company.strip()) <= 60:
            msg = f"`company` must be a name of 1 to 60 characters, got {self.company!r}."
            raise ValueError(msg)
        if not isinstance(self.locale, str) or not re.fullmatch(
            r"[a-z]{2}(_[A-Z]{2})?", self.locale
        ):
            msg = (
                f"`locale` must be a Faker locale such as 'en_GB' or 'de_DE', got {self.locale!r}."
            )
            raise ValueError(msg)
        try:
            Faker(self.locale)
        except AttributeError:
            msg = f"`locale` must be a locale Faker knows, such as 'en_GB' or 'de_DE'; got {self.locale!r}."
            raise ValueError(msg) from None

    def to_dict(self) -> dict:
        """The parameters as a plain dict (for the manifest)."""
        return asdict(self)


def generate(
    seed: int = 2024,
    start: str = "2024-01",
    months: int = 24,
    scale: float = 1.0,
    scenario: str = "baseline",
    company: str = "Homeats",
    locale: str = "en_GB",
    *,
    progress=None,
) -> dict[str, pd.DataFrame]:
    """Generate every Homeats table.

    Parameters
    ----------
    seed : int, default 2024
        Seed of every random draw (numpy and Faker). Same parameters give identical tables.
    start : str, default "2024-01"
        First month, ``"YYYY-MM"``.
    months : int, default 24
        Number of months, 1 to 120.
    scale : float, default 1.0
        Size multiplier for customers, staff and everything that follows from them
        (0.05 to 20).
    scenario : {"baseline", "cost_crisis", "growth"}
        The story; see :mod:`bsckit.data.scenarios`.
    company : str, default "Homeats"
        Company name used in kitchen names.
    locale : str, default "en_GB"
        Faker locale for names and addresses. Outside ``en_GB`` the kitchens are in
        Faker-made cities.
    progress : callable, optional
        Called with each table name once it is ready (for progress displays).

    Returns
    -------
    dict of str to pandas.DataFrame
        Tables in :func:`bsckit.data.tables` order, with the dtypes of :func:`bsckit.data.load`.
    """
    p = Params(seed, start, months, scale, scenario, company, locale)
    scen = get_scenario(p.scenario)
    cal = Calendar(p.start, p.months)
    plan = monthly_plan(cal, scen, p.scale, p.seed)
    plan = campaign.add_signups(plan, cal, p.scale)
    pool = master.NamePool(p.locale, p.seed)
    out: dict[str, pd.DataFrame] = {}

    def done(name: str, frame: pd.DataFrame) -> None:
        out[name] = frame
        if progress is not None:
            progress(name)

    rows = master.kitchen_cities(pool)
    kitchen_ids = [r[0] for r in rows]
    kit = master.kitchens(pool, p.company, p.scale, rng_for(p.seed, "kitchens"))
    proj = innovation.projects(
        cal, p.scale, scen.research_rate, rng_for(p.seed, "innovation_projects")
    )
    studies = innovation.market_studies(cal, plan, proj, p.scale, rng_for(p.seed, "market_studies"))
    counts = studies["project_id"].value_counts()
    proj.insert(
        proj.columns.get_loc("prototypes"),
        "market_studies",
        proj["project_id"].map(counts).fillna(0).astype(int),
    )
    dish = master.dishes(proj, rng_for(p.seed, "dishes"))
    cust = master.customers(cal, plan, pool, rows, rng_for(p.seed, "customers"))
    cust = campaign.cancel_after_discount(cust, cal, rng_for(p.seed, "campaign"))
    staff = workforce.employees(
        cal, plan, pool, kitchen_ids, p.scale, scen.hiring_factor, rng_for(p.seed, "employees")
    )
    train = workforce.training(cal, plan, staff, rng_for(p.seed, "training"))
    ords = orders.orders(cal, plan, cust, dish, rng_for(p.seed, "orders"))
    ords, redemptions = campaign.apply_discount(ords, cust, cal)
    ords = courier.early_drops(ords, cal, rng_for(p.seed, "courier"))
    batch, ideal = production.batches(
        cal, plan, ords, kitchen_ids, rng_for(p.seed, "production_batches")
    )
    kit["ideal_cycle_time_s"] = ideal
    done("kitchens", kit)
    done("dishes", dish)
    done("customers", cust)
    done("orders", ords)
    done("production_batches", batch)
    done(
        "quality_samples",
        production.quality_samples(cal, kitchen_ids, rng_for(p.seed, "quality_samples")),
    )
    done(
        "initiatives",
        production.initiatives(cal, plan, kitchen_ids, p.scale, rng_for(p.seed, "initiatives")),
    )
    inv = billing.invoices(cal, plan, ords, cust, rng_for(p.seed, "invoices"))
    tick = service.tickets(cal, plan, ords, inv, staff, rng_for(p.seed, "tickets"))
    done("tickets", tick)
    ret = service.returns(cal, tick, ords, rng_for(p.seed, "returns"))
    done("returns", ret)
    pay = billing.payments(inv, rng_for(p.seed, "payments"))
    done("invoices", inv.drop(columns="_paid_on"))
    done("payments", pay)
    surv = surveys.surveys(cal, plan, cust, ords, tick, ret, inv, rng_for(p.seed, "surveys"))
    done("surveys", voice.reshape(surv, cust, ords, cal, rng_for(p.seed, "voice")))
    for name, frame in campaign.campaign_tables(cal, redemptions).items():
        done(name, frame)
    done("journey_events", journeys.journey_events(cal, cust, ords, rng_for(p.seed, "journeys")))
    done("innovation_projects", proj)
    done("market_studies", studies)
    done("employees", staff)
    done("training", train)
    fin = finance.finance(
        cal,
        plan,
        p.scale,
        ords,
        batch,
        ret,
        tick,
        staff,
        train,
        studies,
        rng_for(p.seed, "finance"),
    )
    for name, frame in fin.items():
        done(name, frame)
    done("price_index", finance.price_index(cal, plan))
    done("exchange_rates", finance.exchange_rates(cal, plan))
    for name, frame in financial.financial_tables(
        cal, plan, p.scale, ords, batch, fin, kitchen_ids, rng_for(p.seed, "financial")
    ).items():
        done(name, frame)
    ext = extracts.extracts(
        cal, cust, ords, out["invoices"], pay, staff, rng_for(p.seed, "extracts")
    )
    for name, frame in ext.items():
        done(name, frame)
    for name, frame in partner.partner_feeds(
        cal, out["orders"], rng_for(p.seed, "partner")
    ).items():
        done(name, frame)
    for name, frame in catalogue.catalogue_tables(p.start, p.months).items():
        done(name, frame)
    done("departments", alignment.departments())
    done(
        "department_targets",
        alignment.department_targets(
            ords, batch, tick, out["finance_monthly"], out["surveys"], rng_for(p.seed, "targets")
        ),
    )
    done(
        "accountability_claims",
        alignment.accountability_claims(
            out["metric_catalogue"], cal, rng_for(p.seed, "accountability_claims")
        ),
    )
    for name, frame in alignment.dashboards(cal, ords, ret).items():
        done(name, frame)
    done(
        "measure_proposals",
        alignment.measure_proposals(kitchen_ids, rng_for(p.seed, "measure_proposals")),
    )
    for name, frame in learning.learning_tables(
        cal, kitchen_ids, ords, staff, train, proj, rng_for(p.seed, "learning_growth")
    ).items():
        done(name, frame)
    for name, frame in governance.governance_tables(
        p.start,
        p.months,
        rng_for(p.seed, "governance"),
        out["operating_costs"],
        out["department_targets"],
    ).items():
        done(name, frame)
    return {name: conform(name, out[name]) for name in (SCHEMA or out)}
