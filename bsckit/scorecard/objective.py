"""A strategic objective: what the organisation wants to achieve in one perspective.

Examples
--------
>>> cut_cost = Objective(
...     name="Cut production cost",
...     perspective="Internal processes",
...     description="Cut production cost per meal by 10% within 6 months.",
...     measures=(Measure(name="Cost per meal", direction="lower_is_better",
...                       baseline=6.0, target=5.4, owner="Head of kitchens"),),
...     owners=("Head of kitchens",),
... )
>>> cut_cost.perspective
<Perspective.INTERNAL_PROCESSES: 'internal_processes'>
>>> Objective.from_dict(cut_cost.to_dict()) == cut_cost
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bsckit._validation import check_number
from bsckit.scorecard._paths import at, read_mapping
from bsckit.scorecard.measure import Measure, _text
from bsckit.scorecard.perspective import Perspective

__all__ = ["Objective", "measure_key"]


def measure_key(name: str) -> str:
    """Normalised measure name used to match measures across objectives.

    Case and repeated spaces do not matter: ``"On-time  Delivery"`` matches ``"on-time delivery"``.

    Examples
    --------
    >>> measure_key("  On-time   Delivery ")
    'on-time delivery'
    >>> measure_key(5)
    Traceback (most recent call last):
    ...
    TypeError: `name` must be text, got 5 (int). Put it in quotes.
    """
    _text("name", name)
    return " ".join(name.split()).casefold()


def _texts(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, list | tuple):
        msg = f"`{name}` must be a list of texts, got {value!r} ({type(value).__name__})."
        raise TypeError(msg)
    for i, item in enumerate(value):
        with at(f"[{i}]"):
            _text(f"{name}[{i}]", item, required=True)
    return tuple(value)


def _deadline(value: Any) -> date | None:
    """Check a deadline: ``None``, a date, or an ISO date text ``YYYY-MM-DD``.

    Examples
    --------
    >>> _deadline("2027-06-30")
    datetime.date(2027, 6, 30)
    >>> _deadline("30/06/2027")
    Traceback (most recent call last):
    ...
    ValueError: `deadline` must be a date written YYYY-MM-DD, got '30/06/2027'. Write e.g. 2027-06-30.
    """
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
        msg = f"`deadline` must be a date written YYYY-MM-DD, got {value!r}. Write e.g. 2027-06-30."
        raise ValueError(msg)
    msg = f"`deadline` must be a date or a YYYY-MM-DD text, got {value!r} ({type(value).__name__})."
    raise TypeError(msg)


@dataclass(frozen=True)
class Objective:
    """A strategic objective with its measures, validated on creation.

    Parameters
    ----------
    name : str
        Short unique name, e.g. ``"Cut production cost"``.
    perspective : Perspective or str
        One of the four perspectives; friendly spellings are accepted.
    measures : tuple of Measure, default ()
        How progress is measured. Measure names must be unique inside the objective.
    owners : tuple of str, default ()
        Who is accountable (several when accountability is shared).
    initiatives : tuple of str, default ()
        Projects that should move the measures.
    parent : str, optional
        Name of the objective this one is cascaded from (its parent in the cascade).
    weight : float, default 1.0
        Weight in the perspective's roll-up, ``>= 0``.
    description : str, default ""
        The objective statement, ideally SMART.
    deadline : datetime.date or str, optional
        When the target is due (the *time-bound* part of SMART). An ISO date text such as
        ``"2027-06-30"`` is accepted and stored as a :class:`datetime.date`.

    Examples
    --------
    >>> Objective(name="Grow revenue", perspective="financial", weight=-1)
    Traceback (most recent call last):
    ...
    ValueError: `weight` must be at least 0, got -1. Use 0 to keep an objective on the card without counting it in the roll-up.
    """

    name: str
    perspective: Perspective
    measures: tuple[Measure, ...] = ()
    owners: tuple[str, ...] = ()
    initiatives: tuple[str, ...] = ()
    parent: str | None = None
    weight: float = 1.0
    description: str = ""
    deadline: date | None = None

    def __post_init__(self) -> None:
        put = object.__setattr__
        with at("name"):
            _text("name", self.name, required=True)
        with at("perspective"):
            put(self, "perspective", Perspective.parse(self.perspective))
        with at("measures"):
            measures = self.measures
            if not isinstance(measures, list | tuple):
                msg = (
                    f"`measures` must be a list of Measure objects, got {type(measures).__name__}."
                )
                raise TypeError(msg)
            seen: dict[str, int] = {}
            for i, measure in enumerate(measures):
                with at(f"[{i}]"):
                    if not isinstance(measure, Measure):
                        msg = (
                            f"`measures[{i}]` must be a Measure, got {type(measure).__name__}."
                            " Build it with Measure(...) or Measure.from_dict(...)."
                        )
                        raise TypeError(msg)
                    key = measure_key(measure.name)
                    if key in seen:
                        msg = (
                            f"Objective {self.name!r} lists measure {measure.name!r} twice"
                            f" (positions {seen[key]} and {i}). Keep one, or rename one."
                        )
                        with at("name"):
                            raise ValueError(msg)
                    seen[key] = i
            put(self, "measures", tuple(measures))
        for field in ("owners", "initiatives"):
            with at(field):
                put(self, field, _texts(field, getattr(self, field)))
        with at("parent"):
            if self.parent is not None:
                _text("parent", self.parent, required=True)
                if self.parent == self.name:
                    msg = f"`parent` of objective {self.name!r} is itself. Name a different objective."
                    raise ValueError(msg)
        with at("weight"):
            hint = "Use 0 to keep an objective on the card without counting it in the roll-up."
            put(self, "weight", check_number("weight", self.weight, low=0.0, hint=hint))
        with at("description"):
            _text("description", self.description)
        with at("deadline"):
            put(self, "deadline", _deadline(self.deadline))

    def measure(self, name: str) -> Measure:
        """Return the measure called ``name`` (case and spacing ignored)."""
        for measure in self.measures:
            if measure_key(measure.name) == measure_key(name):
                return measure
        known = ", ".join(repr(m.name) for m in self.measures) or "none"
        msg = f"Objective {self.name!r} has no measure {name!r}; it has: {known}."
        raise KeyError(msg)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for YAML/JSON (perspective as its machine name, tuples as lists)."""
        out: dict[str, Any] = {"name": self.name, "perspective": self.perspective.value}
        if self.description:
            out["description"] = self.description
        out["weight"] = self.weight
        if self.deadline is not None:
            out["deadline"] = self.deadline.isoformat()
        if self.parent is not None:
            out["parent"] = self.parent
        out["owners"] = list(self.owners)
        out["initiatives"] = list(self.initiatives)
        out["measures"] = [m.to_dict() for m in self.measures]
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Objective:
        """Build an objective from :meth:`to_dict` output (or a hand-written YAML mapping).

        Examples
        --------
        >>> Objective.from_dict({"name": "Grow revenue", "perspective": "Finance"}).perspective.label
        'Financial'
        """
        allowed = (
            "name",
            "perspective",
            "description",
            "deadline",
            "weight",
            "parent",
            "owners",
            "initiatives",
            "measures",
        )
        raw = read_mapping("objective", data, allowed, required=("name", "perspective"))
        if "measures" in raw:
            with at("measures"):
                items = raw["measures"]
                if items is None:
                    items = []
                if not isinstance(items, list | tuple):
                    msg = f"`measures` must be a list of measures, got {type(items).__name__}."
                    raise TypeError(msg)
                measures = []
                for i, item in enumerate(items):
                    with at(f"[{i}]"):
                        measures.append(Measure.from_dict(item))
            raw["measures"] = tuple(measures)
        for key in ("owners", "initiatives"):
            if raw.get(key, ()) is None:
                raw[key] = ()
        return cls(**raw)
