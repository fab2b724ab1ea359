"""Homeats master data: kitchens, dishes and customers, plus the seeded pool of fake names.

Names, e-mail addresses, street addresses and company names come from Faker, seeded with
``Faker.seed_instance``. Faker is called once per pool entry (a few thousand calls in all);
rows then draw pool entries by index with numpy, so the cost does not grow with the row count.
E-mail addresses only use the reserved example domains (RFC 2606).

Examples
--------
>>> pool = NamePool("en_GB", seed=1)
>>> rng = np.random.default_rng(0)
>>> first, last = pool.people(rng, 2)
>>> all(e.endswith(("example.com", "example.org", "example.net"))
...     for e in pool.emails(rng, first, last, np.array([1, 2])))
True
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable
from itertools import accumulate

import numpy as np
import pandas as pd
from faker import Faker
from faker.providers import BaseProvider
from faker.providers.person import Provider as PersonProvider

from .drivers import BURN_IN, CUSTOMER_TYPES, Calendar, make_ids
from .facts import HOMEATS

__all__ = ["EXAMPLE_DOMAINS", "NamePool", "customers", "dishes", "kitchen_cities", "kitchens"]

EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")

GB_KITCHENS = tuple((k, city, tuple(served)) for k, city, served in HOMEATS["kitchens"])
CORE_DISHES = tuple(tuple(dish) for dish in HOMEATS["core_dishes"])
NEW_DISH_WORDS = (
    tuple(HOMEATS["new_dish_flavours"]),
    tuple(tuple(base) for base in HOMEATS["new_dish_bases"]),
)
CUISINES = tuple(HOMEATS["cuisines"])
CHANNELS = tuple(HOMEATS["sales_channels"])


def _seeded_faker(locale: str, seed: int) -> Faker:
    """``Faker(locale)`` seeded with ``seed``, faster at drawing from weighted name lists.

    Faker draws a name from a weighted list (``OrderedDict``, e.g. en_GB last names) with
    ``random.choices(names, weights)``, which rebuilds the cumulative weights of all 500 names
    on every call. Passing them precomputed (``cum_weights``) draws the same name from the
    same random number (the documented meaning of ``cum_weights``), about ten times faster.
    The shortcut only replaces Faker's own ``first_name``/``last_name``; a locale whose
    provider defines them differently keeps Faker's method. Every template that uses these
    names (company names, street names) goes through the generator, so it uses the shortcut.

    Examples
    --------
    >>> plain = Faker("en_GB")
    >>> plain.seed_instance(3)
    >>> fast = _seeded_faker("en_GB", 3)
    >>> [fast.last_name() for _ in range(50)] == [plain.last_name() for _ in range(50)]
    True
    >>> [fast.company() for _ in range(50)] == [plain.company() for _ in range(50)]
    True
    """
    fake = Faker(locale)
    fake.seed_instance(seed)
    gen = fake.factories[0]
    for method in ("first_name", "last_name"):
        provider = getattr(getattr(gen, method, None), "__self__", None)
        names = getattr(provider, f"{method}s", None)
        if (
            isinstance(names, OrderedDict)
            and names
            and getattr(type(provider), method, None) is getattr(PersonProvider, method)
            and type(provider).random_elements is BaseProvider.random_elements
            and provider.__use_weighting__
        ):
            gen.set_formatter(method, _weighted_draw(gen, tuple(names), names.values()))
    return fake


def _weighted_draw(gen, keys: tuple, weights: Iterable[float]) -> Callable[[], str]:
    cum_weights = list(accumulate(weights))

    def draw() -> str:
        return gen.random.choices(keys, cum_weights=cum_weights)[0]

    return draw


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


class NamePool:
    """Seeded pools of fake names, addresses and company names, sampled by index.

    Parameters
    ----------
    locale : str
        Faker locale, e.g. ``"en_GB"``.
    seed : int
        Seed passed to ``Faker.seed_instance``.
    size : int, default 250
        Entries per pool.
    """

    def __init__(self, locale: str, seed: int, size: int = 250) -> None:
        fake = _seeded_faker(locale, seed)
        self.locale = locale
        self.first = np.array([fake.first_name() for _ in range(size)], dtype=object)
        self.last = np.array([fake.last_name() for _ in range(size)], dtype=object)
        self.streets = np.array(
            [fake.street_address().replace("\n", ", ") for _ in range(size)], dtype=object
        )
        self.postcodes = np.array([fake.postcode() for _ in range(size)], dtype=object)
        companies = dict.fromkeys(fake.company() for _ in range(size))
        self.companies = np.array(list(companies), dtype=object)
        cities: dict[str, None] = {}
        while len(cities) < 4:
            cities[fake.city()] = None
        self.cities = tuple(cities)
        self._first_slug = np.array([_slug(x) or "x" for x in self.first], dtype=object)
        self._last_slug = np.array([_slug(x) or "x" for x in self.last], dtype=object)

    def people(self, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Indices into the first- and last-name pools for ``n`` people."""
        return rng.integers(len(self.first), size=n), rng.integers(len(self.last), size=n)

    def full_names(self, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        """``"First Last"`` for pool indices."""
        return self.first[first] + " " + self.last[last]

    def emails(
        self, rng: np.random.Generator, first: np.ndarray, last: np.ndarray, number: np.ndarray
    ) -> np.ndarray:
        """Unique e-mail addresses on reserved example domains (``number`` makes them unique)."""
        domains = np.array(EXAMPLE_DOMAINS, dtype=object)[rng.integers(3, size=len(first))]
        numbers = np.asarray(number).astype(str).astype(object)
        return self._first_slug[first] + "." + self._last_slug[last] + numbers + "@" + domains

    def addresses(self, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Street addresses and postcodes for ``n`` rows."""
        idx = rng.integers(len(self.streets), size=n)
        return self.streets[idx], self.postcodes[idx]


def kitchen_cities(pool: NamePool) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Kitchens and the cities each serves (UK cities for en_GB, Faker cities otherwise)."""
    if pool.locale == "en_GB":
        return GB_KITCHENS
    return tuple((f"K0{i + 1}", city, (city,)) for i, city in enumerate(pool.cities))


def kitchens(pool: NamePool, company: str, scale: float, rng: np.random.Generator) -> pd.DataFrame:
    """The production kitchens."""
    rows = kitchen_cities(pool)
    n = len(rows)
    opened = np.datetime64("2019-03-01") + rng.integers(0, 3 * 365, n).astype("timedelta64[D]")
    return pd.DataFrame(
        {
            "kitchen_id": [r[0] for r in rows],
            "name": [f"{company} {r[1]}" for r in rows],
            "city": [r[1] for r in rows],
            "cities_served": ["; ".join(r[2]) for r in rows],
            "opened_on": np.sort(opened),
            "shifts_per_day": 2,
            "planned_minutes_per_shift": 450,
            "ideal_cycle_time_s": np.round(rng.uniform(70, 95, n) / np.sqrt(scale), 1),
        }
    )


def dishes(projects: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Core dishes (launched before 2023) and one dish per launched innovation project."""
    n_core = len(CORE_DISHES)
    core_launch = np.datetime64("2019-04-01") + np.sort(rng.integers(0, 3 * 365, n_core)).astype(
        "timedelta64[D]"
    )
    launched = projects[projects["status"] == "launched"]
    n_new = len(launched)
    core = pd.DataFrame(
        {
            "name": [d[0] for d in CORE_DISHES],
            "cuisine": [d[1] for d in CORE_DISHES],
            "diet": [d[2] for d in CORE_DISHES],
            "launched_on": core_launch,
            "project_id": pd.Series([None] * n_core, dtype="str"),
        }
    )
    new = pd.DataFrame(
        {
            "name": launched["name"].to_numpy(),
            "cuisine": np.array(CUISINES)[rng.integers(len(CUISINES), size=n_new)],
            "diet": launched["diet"].to_numpy(),
            "launched_on": launched["launched_on"].to_numpy(),
            "project_id": launched["project_id"].to_numpy(),
        }
    )
    out = pd.concat([core, new], ignore_index=True)
    out = out.sort_values(["launched_on", "name"], kind="stable").reset_index(drop=True)
    n = len(out)
    out.insert(0, "dish_id", [f"D{i + 1:03d}" for i in range(n)])
    premium = np.where(out["project_id"].notna(), 0.8, 0.0)
    base = {"meat": 9.9, "fish": 10.5, "vegetarian": 9.2, "vegan": 8.9}
    out["price_per_portion"] = np.round(
        out["diet"].map(base).to_numpy() + premium + rng.choice([-0.4, 0.0, 0.4], n), 2
    )
    out["kcal_per_portion"] = rng.integers(420, 780, n)
    return out[
        [
            "dish_id",
            "name",
            "cuisine",
            "diet",
            "price_per_portion",
            "kcal_per_portion",
            "launched_on",
            "project_id",
        ]
    ]


def customers(
    cal: Calendar,
    plan: pd.DataFrame,
    pool: NamePool,
    kitchen_rows: tuple[tuple[str, str, tuple[str, ...]], ...],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Customers whose sign-ups and cancellations realise the plan exactly.

    Households are subscribers or pay-as-you-go; business accounts are offices with a contract.
    ``churned_at`` is when the customer cancelled; a cancelling subscriber still receives that
    month's deliveries (subscriptions are prepaid monthly).
    """
    months = len(plan)
    kinds, signups_at, churns_at = [], [], []
    for rank, kind in enumerate(CUSTOMER_TYPES):
        initial = int(plan[f"active_start_{kind}"].iat[0])
        signups = plan[f"signups_{kind}"].to_numpy()
        churners = plan[f"churners_{kind}"].to_numpy()
        # Signup month index (into plan rows); the initial cohort signed up before the warm-up.
        signup_m = np.concatenate([np.full(initial, -1), np.repeat(np.arange(months), signups)])
        churn_m = np.full(len(signup_m), -2)
        for i in range(months):
            if churners[i] == 0:
                continue
            eligible = np.flatnonzero((signup_m < i) & (churn_m == -2))
            chosen = rng.choice(eligible, size=churners[i], replace=False)
            churn_m[chosen] = i
        n = len(signup_m)
        signup_at = np.empty(n, dtype="datetime64[m]")
        old = signup_m < 0
        back = rng.integers(30, 4 * 365, old.sum()).astype("timedelta64[D]")
        signup_at[old] = (cal.all_starts[0] - back).astype("datetime64[m]") + rng.integers(
            0, 1440, old.sum()
        ).astype("timedelta64[m]")
        new_idx = signup_m[~old] - BURN_IN
        signup_at[~old] = cal.random_times(rng, new_idx)
        churned_at = np.full(n, np.datetime64("NaT"), dtype="datetime64[m]")
        has = churn_m >= 0
        earliest = signup_at[has] + np.timedelta64(1, "m")
        churned_at[has] = cal.random_times(rng, churn_m[has] - BURN_IN, earliest=earliest)
        kinds.append(np.full(n, rank))
        signups_at.append(signup_at)
        churns_at.append(churned_at)
    rank = np.concatenate(kinds)
    signup_at = np.concatenate(signups_at)
    churned_at = np.concatenate(churns_at)
    # Drop customers who left before the first reported month (NaT compares False).
    keep = ~(churned_at < np.datetime64(cal.begin))
    rank, signup_at, churned_at = rank[keep], signup_at[keep], churned_at[keep]
    # Sort by sign-up time, then by the kind's name (stable, as pandas' sort_values).
    by_name = np.argsort(np.argsort(np.array(CUSTOMER_TYPES)))
    order = np.lexsort((by_name[rank], signup_at.view(np.int64)))
    rank, signup_at, churned_at = rank[order], signup_at[order], churned_at[order]
    n = len(rank)
    kind = np.array(CUSTOMER_TYPES)[rank]
    business = kind == "business"
    first, last = pool.people(rng, n)
    company_idx = rng.integers(len(pool.companies), size=n)
    full_names = pool.full_names(first, last)
    email = pool.emails(rng, first, last, np.arange(1, n + 1))
    street, postcode = pool.addresses(rng, n)
    cities = [c for row in kitchen_rows for c in row[2]]
    weights = np.array([3.0 if c == row[1] else 1.0 for row in kitchen_rows for c in row[2]])
    city_idx = rng.choice(len(cities), size=n, p=weights / weights.sum())
    kitchen_of = {c: row[0] for row in kitchen_rows for c in row[2]}
    channel_p = np.where(business[:, None], [0.1, 0.2, 0.1, 0.6], [0.55, 0.3, 0.15, 0.0])
    u = rng.random(n)[:, None]
    channel = np.array(CHANNELS)[(u > np.cumsum(channel_p, axis=1)).sum(axis=1)]
    portions = np.where(kind == "subscriber", rng.choice([4, 6, 8], n, p=[0.35, 0.4, 0.25]), 0)
    return pd.DataFrame(
        {
            "customer_id": make_ids("C", n, 5),
            "segment": np.where(business, "business", "household"),
            "plan": np.select(
                [kind == "subscriber", kind == "payg"],
                ["subscription", "pay as you go"],
                "business contract",
            ),
            "name": np.where(business, pool.companies[company_idx], full_names),
            "contact_name": full_names,
            "email": email,
            "address": street,
            "postcode": postcode,
            "city": np.array(cities, dtype=object)[city_idx],
            "kitchen_id": np.array([kitchen_of[c] for c in cities], dtype=object)[city_idx],
            "channel": channel,
            "signup_at": signup_at,
            "churned_at": churned_at,
            "plan_portions": portions,
            "payment_terms_days": np.where(business, 30, 0),
        }
    )
