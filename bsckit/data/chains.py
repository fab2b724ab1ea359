"""The cause-and-effect chains planted in the Homeats data: one source for all users.

The links are data, in ``bsckit/data/chains.yaml`` beside this module. The generator reads the
sign, lag and size of every link from :data:`CHAINS`; the data dictionary (``datasets/README.md``)
prints them; the tests recover them from the tables. A chain
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
from importlib import resources

import numpy as np
import pandas as pd
import yaml

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


def _read_plants() -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath("chains.yaml").read_text("utf-8"))


_PLANTS = _read_plants()

CHAINS: tuple[Chain, ...] = tuple(Chain(**row) for row in _PLANTS["chains"])
"""The planted links, in the order of ``chains.yaml``."""

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


DISTRACTORS: tuple[Distractor, ...] = tuple(Distractor(**row) for row in _PLANTS["distractors"])
"""The planted distractors, in the order of ``chains.yaml``."""


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


QUALITY_EPISODES: tuple[QualityEpisode, ...] = tuple(
    QualityEpisode(**row) for row in _PLANTS["quality_episodes"]
)
"""The planted special causes, in the order of ``chains.yaml``."""


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
