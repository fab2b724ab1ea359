"""The four Balanced Scorecard perspectives and their usual cause-and-effect order.

Kaplan and Norton's strategy map reads bottom-up: learning and growth drives internal
processes, which drive the customer outcomes, which drive the financial results. ``rank``
gives that position (0 = learning and growth ... 3 = financial).

Examples
--------
>>> Perspective("Internal processes")
<Perspective.INTERNAL_PROCESSES: 'internal_processes'>
>>> Perspective.parse("learning and growth").label
'Learning and growth'
>>> [p.value for p in CAUSAL_ORDER]
['learning_growth', 'internal_processes', 'customer', 'financial']
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

__all__ = ["CAUSAL_ORDER", "Perspective"]


class Perspective(StrEnum):
    """One of the four BSC perspectives.

    The value is a short machine name; friendly spellings ("Internal processes",
    "learning & growth", "Finance", "Customers") are accepted by ``Perspective(...)`` and
    :meth:`parse`.

    Examples
    --------
    >>> Perspective.CUSTOMER.label, Perspective.CUSTOMER.rank
    ('Customer', 2)
    >>> Perspective.parse("people")
    Traceback (most recent call last):
    ...
    ValueError: `perspective` must be one of 'financial', 'customer', 'internal_processes', 'learning_growth' (or a friendly spelling such as 'Internal processes'); got 'people'.
    """

    FINANCIAL = "financial"
    CUSTOMER = "customer"
    INTERNAL_PROCESSES = "internal_processes"
    LEARNING_GROWTH = "learning_growth"

    @property
    def label(self) -> str:
        """Display label, e.g. ``'Learning and growth'``."""
        return _LABELS[self.value]

    @property
    def rank(self) -> int:
        """Position in the usual causal order: 0 learning and growth ... 3 financial."""
        return _RANKS[self.value]

    @classmethod
    def parse(cls, value: Any, *, name: str = "perspective") -> Perspective:
        """Return the perspective for ``value`` (enum, machine name or friendly spelling)."""
        if isinstance(value, cls):
            return value
        key = _normalise(value) if isinstance(value, str) else None
        if key is not None and key in _ALIASES:
            return cls(_ALIASES[key])
        allowed = ", ".join(repr(p.value) for p in cls)
        msg = (
            f"`{name}` must be one of {allowed} (or a friendly spelling such as"
            f" 'Internal processes'); got {value!r}."
        )
        raise ValueError(msg)

    @classmethod
    def _missing_(cls, value: object) -> Perspective | None:
        if isinstance(value, str):
            key = _normalise(value)
            if key in _ALIASES:
                return cls(_ALIASES[key])
        return None


def _normalise(text: str) -> str:
    text = text.strip().lower().replace("&", " and ")
    return " ".join(re.split(r"[^a-z]+", text)).strip()


_LABELS = {
    "financial": "Financial",
    "customer": "Customer",
    "internal_processes": "Internal processes",
    "learning_growth": "Learning and growth",
}
_RANKS = {"learning_growth": 0, "internal_processes": 1, "customer": 2, "financial": 3}
_ALIASES = {
    "financial": "financial",
    "finance": "financial",
    "finances": "financial",
    "customer": "customer",
    "customers": "customer",
    "internal processes": "internal_processes",
    "internal process": "internal_processes",
    "internal business processes": "internal_processes",
    "internal business process": "internal_processes",
    "processes": "internal_processes",
    "process": "internal_processes",
    "internal": "internal_processes",
    "learning growth": "learning_growth",
    "learning and growth": "learning_growth",
    "learning": "learning_growth",
    "growth and learning": "learning_growth",
}

CAUSAL_ORDER: tuple[Perspective, ...] = tuple(sorted(Perspective, key=lambda p: p.rank))
