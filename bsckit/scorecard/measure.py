"""A scorecard measure (KPI): what is counted, how it is judged and who answers for it.

Examples
--------
>>> on_time = Measure(
...     name="On-time delivery",
...     unit="%",
...     kind="lagging",
...     direction="higher_is_better",
...     baseline=88,
...     target=95,
...     min=80,
...     max=100,
...     green=95,
...     amber=90,
...     owner="Head of delivery",
... )
>>> on_time.scoring_method
'linear_maximise'
>>> Measure.from_dict(on_time.to_dict()) == on_time
True
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from bsckit._validation import check_choice, check_number
from bsckit.scorecard._paths import at, read_mapping

__all__ = ["DIRECTIONS", "FREQUENCIES", "KINDS", "SCORING_METHODS", "Measure"]

KINDS: tuple[str, ...] = ("leading", "lagging")
"""Leading measures drive results (they move first); lagging measures record outcomes."""

DIRECTIONS: tuple[str, ...] = ("higher_is_better", "lower_is_better", "in_range")
"""Which way is good: up, down, or staying inside the band ``[min, max]``."""

FREQUENCIES: tuple[str, ...] = ("daily", "weekly", "monthly", "quarterly", "annual")
"""How often the measure is reported."""

SCORING_METHODS: tuple[str, ...] = ("linear_maximise", "linear_minimise", "binary", "keep_in_range")
"""Performance functions; see :mod:`bsckit.scorecard.scoring`."""

_DEFAULT_SCORING = {
    "higher_is_better": "linear_maximise",
    "lower_is_better": "linear_minimise",
    "in_range": "keep_in_range",
}
_SCORING_DIRECTIONS = {
    "linear_maximise": ("higher_is_better",),
    "linear_minimise": ("lower_is_better",),
    "keep_in_range": ("in_range",),
    "binary": DIRECTIONS,
}
_CHOICE_ALIASES = {
    "yearly": "annual",
    "annually": "annual",
    "linear_maximize": "linear_maximise",
    "linear_minimize": "linear_minimise",
    "higher": "higher_is_better",
    "lower": "lower_is_better",
}


def _choice(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    if isinstance(value, str):
        key = value.strip().lower().replace(" ", "_").replace("-", "_")
        key = _CHOICE_ALIASES.get(key, key)
        if key in allowed:
            return key
    return check_choice(name, value, allowed)


def _optional_text(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        msg = f"`{name}` must be a non-empty text or left out, got {value!r}. Write a name, e.g. 'Head of delivery'."
        raise TypeError(msg) if not isinstance(value, str) else ValueError(msg)
    return value


def _text(name: str, value: Any, *, required: bool = False) -> str:
    if not isinstance(value, str):
        msg = f"`{name}` must be text, got {value!r} ({type(value).__name__}). Put it in quotes."
        raise TypeError(msg)
    if required and not value.strip():
        msg = f"`{name}` must not be empty. Give it a short, unique name."
        raise ValueError(msg)
    return value


def _optional_number(name: str, value: Any, **kwargs: Any) -> float | None:
    hint = "Write a plain number, e.g. 95 (no unit or % sign), or leave the key out."
    return None if value is None else check_number(name, value, hint=hint, **kwargs)


@dataclass(frozen=True)
class Measure:
    """A measure (KPI) of an objective, validated on creation.

    Parameters
    ----------
    name : str
        Short unique name, e.g. ``"Cost per meal"``.
    definition : str, default ""
        How the figure is computed (numerator, denominator, filters).
    unit : str, default ""
        Unit of the value, e.g. ``"%"``, ``"EUR"``, ``"days"``.
    kind : {"leading", "lagging"}, default "lagging"
        Leading measures move first and drive results; lagging measures record outcomes.
    direction : {"higher_is_better", "lower_is_better", "in_range"}, default "higher_is_better"
        Which way is good. ``in_range`` means: stay inside ``[min, max]`` (both required).
    baseline, target : float, optional
        Where the measure starts and where it should get to. For ``higher_is_better`` the
        target must be above the baseline, for ``lower_is_better`` below it; they may not be
        equal (progress would be undefined).
    min, max : float, optional
        The performance scale (worst and best plausible values for the linear functions;
        the acceptable band for ``in_range``). ``min < max``.
    weight : float, default 1.0
        Weight in the objective's roll-up, ``>= 0``. Weights are normalised when rolled up.
    green, amber : float or (float, float), optional
        RAG thresholds; give both or neither. ``higher_is_better``: green when
        ``value >= green``, amber when ``value >= amber``, else red (so ``green >= amber``).
        ``lower_is_better``: green when ``value <= green``, amber when ``value <= amber``, else
        red (so ``green <= amber``). ``in_range``: each is a ``(low, high)`` band, green
        inside the green band, amber inside the amber band, else red (the amber band must
        contain the green band). Red is "anything worse than amber".
    frequency : {"daily", "weekly", "monthly", "quarterly", "annual"}, default "monthly"
        Reporting frequency.
    owner, data_steward, source_system : str, optional
        Who answers for the figure, who looks after its data, and where it comes from.
    scoring : {"linear_maximise", "linear_minimise", "binary", "keep_in_range"}, optional
        Performance function; by default chosen from ``direction`` (see
        :attr:`scoring_method`). ``binary`` needs a ``target`` unless ``in_range``.
    tolerance : float, optional
        For ``keep_in_range``: how far outside ``[min, max]`` performance falls to 0.
        Default: the width of the band, ``max - min``.
    additive : bool, default False
        True when child units' figures add up to the parent's (revenue, savings, orders);
        False for ratios and averages (rates, margins, scores). Used by cascade checks.

    Examples
    --------
    >>> Measure(name="Cost per meal", direction="lower_is_better", baseline=6.0, target=5.4,
    ...         green=5.4, amber=5.9).amber
    5.9
    >>> Measure(name="Cost per meal", direction="lower_is_better", green=5.9, amber=5.4)
    Traceback (most recent call last):
    ...
    ValueError: `green` (5.9) must be at most `amber` (5.4) for a lower_is_better measure: green means value <= green. Swap the two thresholds.
    """

    name: str
    definition: str = ""
    unit: str = ""
    kind: str = "lagging"
    direction: str = "higher_is_better"
    baseline: float | None = None
    target: float | None = None
    min: float | None = None
    max: float | None = None
    weight: float = 1.0
    green: float | tuple[float, float] | None = None
    amber: float | tuple[float, float] | None = None
    frequency: str = "monthly"
    owner: str | None = None
    data_steward: str | None = None
    source_system: str | None = None
    scoring: str | None = None
    tolerance: float | None = None
    additive: bool = False

    def __post_init__(self) -> None:
        put = object.__setattr__
        with at("name"):
            _text("name", self.name, required=True)
        with at("definition"):
            _text("definition", self.definition)
        with at("unit"):
            _text("unit", self.unit)
        with at("kind"):
            put(self, "kind", _choice("kind", self.kind, KINDS))
        with at("direction"):
            put(self, "direction", _choice("direction", self.direction, DIRECTIONS))
        with at("frequency"):
            put(self, "frequency", _choice("frequency", self.frequency, FREQUENCIES))
        for field in ("baseline", "target", "min", "max"):
            with at(field):
                put(self, field, _optional_number(field, getattr(self, field)))
        with at("weight"):
            hint = "Use 0 to keep a measure on the card without counting it in the roll-up."
            put(self, "weight", check_number("weight", self.weight, low=0.0, hint=hint))
        for field in ("owner", "data_steward", "source_system"):
            with at(field):
                _optional_text(field, getattr(self, field))
        with at("additive"):
            if not isinstance(self.additive, bool):
                msg = f"`additive` must be true or false, got {self.additive!r}."
                raise TypeError(msg)
        self._check_scale()
        self._check_target()
        self._check_thresholds()
        self._check_scoring()

    # -- validation helpers -------------------------------------------------------------
    def _check_scale(self) -> None:
        if self.min is not None and self.max is not None and not self.min < self.max:
            msg = (
                f"`max` ({self.max:g}) must be greater than `min` ({self.min:g}) for measure"
                f" {self.name!r}: min..max is the performance scale. Swap them or widen the scale."
            )
            with at("max"):
                raise ValueError(msg)
        if self.direction == "in_range" and (self.min is None or self.max is None):
            missing = "min" if self.min is None else "max"
            msg = (
                f"Measure {self.name!r} has direction 'in_range' but no `{missing}`. Set `min`"
                " and `max` to the acceptable band, e.g. min: 75, max: 90."
            )
            with at(missing):
                raise ValueError(msg)
        with at("tolerance"):
            tol = self.tolerance
            if tol is not None:
                hint = "It is how far outside [min, max] performance falls to 0."
                tol = check_number("tolerance", tol, low=0.0, low_open=True, hint=hint)
            object.__setattr__(self, "tolerance", tol)

    def _check_target(self) -> None:
        base, target = self.baseline, self.target
        if base is None or target is None:
            return
        if base == target:
            msg = (
                f"`target` ({target:g}) equals `baseline` ({base:g}) for measure {self.name!r}:"
                " progress (value - baseline) / (target - baseline) would be undefined. Set a"
                " target that differs from the baseline, or use direction 'in_range' to hold a level."
            )
            with at("target"):
                raise ValueError(msg)
        wrong = (self.direction == "higher_is_better" and target < base) or (
            self.direction == "lower_is_better" and target > base
        )
        if wrong:
            other = (
                "lower_is_better" if self.direction == "higher_is_better" else "higher_is_better"
            )
            msg = (
                f"`target` ({target:g}) is on the wrong side of `baseline` ({base:g}) for a"
                f" {self.direction} measure {self.name!r}. If that is what you want, set"
                f" direction: {other}; otherwise fix the target."
            )
            with at("target"):
                raise ValueError(msg)

    def _check_thresholds(self) -> None:
        green, amber = self.green, self.amber
        if (green is None) != (amber is None):
            missing = "amber" if amber is None else "green"
            msg = (
                f"Measure {self.name!r} has only one RAG threshold; `{missing}` is missing."
                " Give both `green` and `amber`, or neither."
            )
            with at(missing):
                raise ValueError(msg)
        if green is None:
            return
        if self.direction == "in_range":
            bands = {}
            for field in ("green", "amber"):
                with at(field):
                    bands[field] = _band(field, getattr(self, field))
                object.__setattr__(self, field, bands[field])
            (g_lo, g_hi), (a_lo, a_hi) = bands["green"], bands["amber"]
            if not (a_lo <= g_lo and g_hi <= a_hi):
                msg = (
                    f"The `amber` band [{a_lo:g}, {a_hi:g}] must contain the `green` band"
                    f" [{g_lo:g}, {g_hi:g}] for in_range measure {self.name!r}: amber is the"
                    " outer band. Widen `amber`."
                )
                with at("amber"):
                    raise ValueError(msg)
            return
        for field in ("green", "amber"):
            with at(field):
                hint = "Give one number (a band [low, high] is only for direction 'in_range')."
                object.__setattr__(
                    self, field, check_number(field, getattr(self, field), hint=hint)
                )
        green, amber = self.green, self.amber
        if self.direction == "higher_is_better" and green < amber:  # type: ignore[operator]
            msg = (
                f"`green` ({green:g}) must be at least `amber` ({amber:g}) for a higher_is_better"
                " measure: green means value >= green. Swap the two thresholds."
            )
            with at("green"):
                raise ValueError(msg)
        if self.direction == "lower_is_better" and green > amber:  # type: ignore[operator]
            msg = (
                f"`green` ({green:g}) must be at most `amber` ({amber:g}) for a lower_is_better"
                " measure: green means value <= green. Swap the two thresholds."
            )
            with at("green"):
                raise ValueError(msg)

    def _check_scoring(self) -> None:
        if self.scoring is None:
            return
        with at("scoring"):
            method = _choice("scoring", self.scoring, SCORING_METHODS)
            object.__setattr__(self, "scoring", method)
            if self.direction not in _SCORING_DIRECTIONS[method]:
                msg = (
                    f"`scoring` {method!r} does not fit direction {self.direction!r} of measure"
                    f" {self.name!r}. Use {_DEFAULT_SCORING[self.direction]!r} or 'binary', or"
                    " leave `scoring` out to get the default."
                )
                raise ValueError(msg)
            if method == "binary" and self.direction != "in_range" and self.target is None:
                msg = (
                    f"`scoring` 'binary' needs a `target` for measure {self.name!r}. Set `target`."
                )
                raise ValueError(msg)

    # -- derived facts --------------------------------------------------------------------
    @property
    def scoring_method(self) -> str:
        """The performance function used: ``scoring`` if set, else the direction's default.

        ``higher_is_better`` -> ``linear_maximise``, ``lower_is_better`` ->
        ``linear_minimise``, ``in_range`` -> ``keep_in_range``.
        """
        return self.scoring or _DEFAULT_SCORING[self.direction]

    @property
    def has_thresholds(self) -> bool:
        """True when RAG thresholds are set."""
        return self.green is not None

    # -- files ------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain dict for YAML/JSON; fields left at ``None`` are omitted, bands become lists."""
        out: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value is None:
                continue
            out[field.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Measure:
        """Build a measure from :meth:`to_dict` output (or a hand-written YAML mapping).

        Examples
        --------
        >>> Measure.from_dict({"name": "NPS", "unit": "points"}).unit
        'points'
        >>> Measure.from_dict({"unit": "points"})
        Traceback (most recent call last):
        ...
        ValueError: A measure needs the key 'name'; it is missing. Add `name: ...`.
        """
        allowed = tuple(f.name for f in fields(cls))
        return cls(**read_mapping("measure", data, allowed, required=("name",)))


def _band(name: str, value: Any) -> tuple[float, float]:
    if isinstance(value, str) or not hasattr(value, "__len__") or len(value) != 2:
        msg = (
            f"`{name}` must be a band [low, high] for an in_range measure, got {value!r}."
            " Write e.g. [75, 90]."
        )
        raise ValueError(msg)
    low = check_number(f"{name}[0]", value[0])
    high = check_number(f"{name}[1]", value[1])
    if low > high:
        msg = f"`{name}` band must be [low, high] with low <= high, got [{low:g}, {high:g}]. Swap them."
        raise ValueError(msg)
    return (low, high)
