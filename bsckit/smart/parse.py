"""Read a SMART objective written in plain English into structured fields.

:func:`parse_objective` is rule based (regular expressions and word lists; no model, no network)
and never raises on text: whatever it cannot read is left as ``None`` and explained in
``notes``, with a machine-readable code in ``flags`` for the checker.

How amounts are read
--------------------
- ``by 15%`` is a *relative* change (15% of the baseline); ``to 15%``, ``at 15%``, ``of 15%``,
  ``below 15%`` and a bare ``95% on-time delivery`` are an *absolute* target level;
  ``by 3 percentage points`` / ``by 3 pp`` is a change in *percentage points*; ``by 2 days`` or
  ``by £0.40`` is a change by an *amount* in the measure's unit; ``from 12% to 15%`` gives a
  baseline and an absolute target.
- Number words (``fifteen``, ``twenty-five``), decimals with a comma or a dot (``12,5%``),
  thousands separators, ``£``/``€``/``$`` prefixes and ``k``/``m``/``bn`` suffixes are understood
  (``m``/``bn`` only after a currency sign, since ``30m`` may also mean minutes).
- ``double`` / ``triple`` / ``halve`` are read as +100% / +200% / -50%.
- Dates: ``31 March 2027``, ``March 31, 2027``, ``March 2027`` (end of month), ``Q2 2027``
  (end of quarter), ``H1 2027``, ``end of 2026``, ``2027-03-31``, ``31/03/2027`` (day first by
  default, see ``day_first``), ``by 2027`` (read as 31 December, with a note), ``end of this
  year`` / ``next quarter`` (relative to ``today``). Durations: ``within 12 months``,
  ``in the next six months``, ``over the next two quarters``, ``in 90 days``, ``within a year``.

Examples
--------
>>> p = parse_objective("Increase the percentage of revenue from new products by 15% within 12 months")
>>> p.direction, p.measure_id, p.target, p.change_kind, p.unit, p.duration_months
('increase', 'new_product_revenue_share', 15.0, 'relative', '%', 12.0)
>>> p = parse_objective("Cut DSO from 48 to 40 days by 31 March 2027 (owner: Finance Manager)")
>>> p.baseline, p.target, p.change_kind, p.deadline.isoformat(), p.owner
(48.0, 40.0, 'absolute', '2027-03-31', 'Finance Manager')
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

import pandas as pd

from bsckit._validation import check_choice, check_today
from bsckit.scorecard.perspective import Perspective
from bsckit.smart.measures import (
    MEASURES,
    MEASURES_BY_ID,
    WORDS,
    Measure,
    find_measure,
    match_measure,
    measures_from_catalogue,
)

__all__ = [
    "CHANGE_KINDS",
    "DIRECTIONS",
    "PARSED_UNITS",
    "ParsedObjective",
    "parse_objective",
]

DIRECTIONS = ("increase", "decrease", "maintain")
CHANGE_KINDS = ("relative", "absolute", "percentage_points", "amount")
PARSED_UNITS = (
    "%",
    "pp",
    "points",
    "GBP",
    "EUR",
    "USD",
    "minutes",
    "hours",
    "days",
    "weeks",
    "units",
    "ratio",
)

LONG_TEXT = 600
"""Texts longer than this (characters) get a note: an objective should be one sentence."""

MAX_CHARS = 2000
"""Only the first ``MAX_CHARS`` characters are read (with a note), so feedback stays instant."""

_MAX_NUMBERS = 40

_DAYS_PER_MONTH = 365.25 / 12


def _opt_float(name: str, value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"`{name}` must be a number or None, got {value!r} ({type(value).__name__})."
        raise TypeError(msg)
    number = float(value)
    if not math.isfinite(number):
        msg = f"`{name}` must be a finite number or None, got {value!r}."
        raise ValueError(msg)
    return number


def _opt_text(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        msg = f"`{name}` must be text or None, got {value!r} ({type(value).__name__})."
        raise TypeError(msg)
    value = value.strip()
    return value or None


@dataclass(frozen=True)
class ParsedObjective:
    """The structured fields of one objective.

    Parameters
    ----------
    text : str
        The objective as written (after Unicode normalisation), ``""`` for structured input.
    direction : {'increase', 'decrease', 'maintain'} or None
    measure_text : str or None
        The words naming the measure.
    measure_id : str or None
        The matched vocabulary id (see :data:`bsckit.smart.MEASURES`), ``None`` if not matched.
    baseline : float or None
        The starting value when stated ("from 12%").
    target : float or None
        The number of the target: a level (``change_kind='absolute'``) or a change (otherwise).
    change_kind : {'relative', 'absolute', 'percentage_points', 'amount'} or None
    unit : str or None
        One of :data:`PARSED_UNITS`; inferred from the measure when the text gives none.
    deadline : datetime.date or None
    duration_months : float or None
    owner, linked_objective : str or None
    perspective : Perspective or None
        A :class:`~bsckit.scorecard.Perspective`; structured input may give any spelling
        :meth:`Perspective.parse <bsckit.scorecard.Perspective.parse>` accepts ("internal",
        "Learning and growth", ...).
    notes : tuple of str
        What the parser assumed or could not read, in plain words.
    flags : frozenset of str
        Codes for the checker (``vague_measure``, ``contradiction``, ``non_numeric_amount``...).

    Examples
    --------
    >>> ParsedObjective(direction="increase", measure_id="nps", target=5, change_kind="amount",
    ...                 unit="points", duration_months=6).target_level(30)
    35.0
    >>> ParsedObjective(direction="up")
    Traceback (most recent call last):
    ...
    ValueError: `direction` must be one of 'increase', 'decrease', 'maintain', None; got 'up'.
    """

    text: str = ""
    direction: str | None = None
    measure_text: str | None = None
    measure_id: str | None = None
    baseline: float | None = None
    target: float | None = None
    change_kind: str | None = None
    unit: str | None = None
    deadline: date | None = None
    duration_months: float | None = None
    owner: str | None = None
    perspective: Perspective | None = None
    linked_objective: str | None = None
    notes: tuple[str, ...] = ()
    flags: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            msg = f"`text` must be a string, got {type(self.text).__name__}."
            raise TypeError(msg)
        check_choice("direction", self.direction, (*DIRECTIONS, None))
        check_choice("change_kind", self.change_kind, (*CHANGE_KINDS, None))
        check_choice("unit", self.unit, (*PARSED_UNITS, None))
        if self.perspective is not None:
            object.__setattr__(self, "perspective", Perspective.parse(self.perspective))
        for name in ("baseline", "target", "duration_months"):
            object.__setattr__(self, name, _opt_float(name, getattr(self, name)))
        for name in ("measure_text", "measure_id", "owner", "linked_objective"):
            object.__setattr__(self, name, _opt_text(name, getattr(self, name)))
        deadline = self.deadline
        if isinstance(deadline, datetime):
            deadline = deadline.date()
        if deadline is not None and not isinstance(deadline, date):
            msg = (
                f"`deadline` must be a datetime.date or None, got {deadline!r}"
                f" ({type(deadline).__name__}). Use date(2027, 3, 31) or an ISO string in a dict."
            )
            raise TypeError(msg)
        object.__setattr__(self, "deadline", deadline)
        object.__setattr__(self, "notes", tuple(str(n) for n in self.notes))
        object.__setattr__(self, "flags", frozenset(str(f) for f in self.flags))

    @property
    def measure(self) -> Measure | None:
        """The built-in :class:`Measure` for ``measure_id`` (``None`` if unknown)."""
        return MEASURES_BY_ID.get(self.measure_id) if self.measure_id else None

    def target_level(self, baseline: float | None = None) -> float | None:
        """The value the measure should reach, from ``baseline`` (default: the stated one).

        Examples
        --------
        >>> ParsedObjective(direction="decrease", target=10, change_kind="relative").target_level(50)
        45.0
        >>> ParsedObjective(direction="increase", target=3, change_kind="percentage_points",
        ...                 baseline=80).target_level()
        83.0
        """
        if self.target is None or self.change_kind is None:
            return None
        if self.change_kind == "absolute":
            return self.target
        start = self.baseline if baseline is None else baseline
        if start is None:
            return None
        sign = -1.0 if self.direction == "decrease" else 1.0
        if self.change_kind == "relative":
            return start * (1.0 + sign * self.target / 100.0)
        return start + sign * self.target

    def months_left(self, today: date) -> float | None:
        """Months from ``today`` to the deadline, or the stated duration; ``None`` if neither."""
        if self.duration_months is not None:
            return self.duration_months
        if self.deadline is not None:
            return (self.deadline - today).days / _DAYS_PER_MONTH
        return None

    def to_dict(self) -> dict[str, Any]:
        """Plain types only (dates as ISO strings, the perspective as its value), e.g. for YAML.

        Examples
        --------
        >>> ParsedObjective(measure_id="dso", deadline=date(2027, 3, 31)).to_dict()["deadline"]
        '2027-03-31'
        >>> ParsedObjective(perspective="learning").to_dict()["perspective"]
        'learning_growth'
        """
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "deadline" and value is not None:
                value = value.isoformat()
            elif f.name == "perspective" and value is not None:
                value = value.value
            elif f.name == "notes":
                value = list(value)
            elif f.name == "flags":
                value = sorted(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], *, measures: tuple[Measure, ...] | None = None
    ) -> ParsedObjective:
        """Build from structured fields (what the widgets collect).

        ``measure`` may be an id or a name/synonym; ``deadline`` may be a date or an ISO
        string; unknown keys raise ``ValueError`` (they are usually typos).

        Examples
        --------
        >>> p = ParsedObjective.from_dict({"measure": "on-time delivery rate", "target": 95,
        ...     "change_kind": "absolute", "deadline": "2027-06-30", "perspective": "customer"})
        >>> p.measure_id, p.unit, p.direction, p.perspective
        ('on_time_delivery', '%', 'increase', <Perspective.CUSTOMER: 'customer'>)
        >>> ParsedObjective.from_dict({"mesure": "nps"})
        Traceback (most recent call last):
        ...
        ValueError: `objective` has unknown key(s) 'mesure'; allowed: text, direction, measure_text, measure_id, baseline, target, change_kind, unit, deadline, duration_months, owner, perspective, linked_objective, notes, flags, measure.
        """
        if not isinstance(data, dict):
            msg = f"`objective` must be a dict of fields, got {type(data).__name__}."
            raise TypeError(msg)
        allowed = [f.name for f in fields(cls)] + ["measure"]
        unknown = [k for k in data if k not in allowed]
        if unknown:
            listed = ", ".join(repr(k) for k in unknown)
            msg = f"`objective` has unknown key(s) {listed}; allowed: {', '.join(allowed)}."
            raise ValueError(msg)
        values = {k: v for k, v in data.items() if k != "measure"}
        pool = MEASURES if measures is None else measures
        by_id = {m.id: m for m in pool}
        name = data.get("measure")
        measure = None
        if values.get("measure_id") is not None:
            measure = by_id.get(values["measure_id"])
        elif isinstance(name, str) and name.strip():
            measure = find_measure(name, pool)
            values["measure_id"] = None if measure is None else measure.id
            values.setdefault("measure_text", name)
        if measure is not None and not values.get("measure_text"):
            values["measure_text"] = measure.name
        deadline = values.get("deadline")
        if isinstance(deadline, str):
            try:
                values["deadline"] = date.fromisoformat(deadline.strip())
            except ValueError:
                msg = f"`deadline` must be an ISO date such as '2027-03-31', got {deadline!r}."
                raise ValueError(msg) from None
        notes = list(values.get("notes", ()))
        if values.get("target") is not None and values.get("change_kind") is None:
            values["change_kind"] = "absolute"
            notes.append("No change kind given; the target is read as the level to reach.")
        if measure is not None:
            if values.get("unit") is None and values.get("target") is not None:
                values["unit"] = "%" if values.get("change_kind") == "relative" else measure.unit
                if values["unit"] == "%" and values.get("change_kind") == "percentage_points":
                    values["unit"] = "pp"
            if values.get("direction") is None and values.get("change_kind") is not None:
                base, tgt = values.get("baseline"), values.get("target")
                if values.get("change_kind") == "absolute" and base is not None and tgt is not None:
                    values["direction"] = (
                        "increase" if tgt > base else "decrease" if tgt < base else "maintain"
                    )
                else:
                    values["direction"] = "increase" if measure.better == "higher" else "decrease"
                notes.append(f"Direction taken as '{values['direction']}'.")
        values["notes"] = tuple(notes)
        values["flags"] = frozenset(values.get("flags", ())) | {"structured"}
        return cls(**values)

    def to_sentence(self) -> str:
        """Write the objective as one sentence (for previews).

        Examples
        --------
        >>> ParsedObjective(direction="decrease", measure_id="production_cost", target=10,
        ...     change_kind="relative", unit="%", duration_months=6).to_sentence()
        'Decrease production cost by 10% within 6 months.'
        """
        measure = self.measure
        what = self.measure_text or (measure.name if measure else "the measure")
        if measure is not None:
            what = measure.name
        verb = {"increase": "Increase", "decrease": "Decrease", "maintain": "Keep"}.get(
            self.direction or "", "Improve"
        )
        parts = [f"{verb} {what}"]
        if self.baseline is not None and self.change_kind == "absolute":
            parts.append(f"from {_fmt(self.baseline, self.unit)}")
        if self.target is not None:
            unit = self.unit
            if self.change_kind == "relative":
                unit = "%"
            elif self.change_kind == "percentage_points":
                unit = "pp"
            preposition = "by" if self.change_kind != "absolute" else "to"
            if self.direction == "maintain" and self.change_kind == "absolute":
                preposition = "at"
            parts.append(f"{preposition} {_fmt(self.target, unit)}")
        if self.deadline is not None:
            parts.append(
                f"by {self.deadline.day} {calendar.month_name[self.deadline.month]}"
                f" {self.deadline.year}"
            )
        elif self.duration_months is not None:
            parts.append(f"within {self.duration_months:g} months")
        sentence = " ".join(parts)
        if self.owner:
            sentence += f" (owner: {self.owner})"
        return sentence + "."


def _fmt(value: float, unit: str | None) -> str:
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit == "%":
        return f"{number}%"
    if unit == "pp":
        return f"{number} percentage points"
    if unit == "GBP":
        return f"£{number}"
    if unit == "EUR":
        return f"€{number}"
    if unit == "USD":
        return f"${number}"
    if unit in (None, "ratio"):
        return number
    return f"{number} {unit}"


# --------------------------------------------------------------------------------------------
# word lists (bsckit/smart/words.yaml) and patterns
# --------------------------------------------------------------------------------------------

_UNITS_WORDS: dict[str, int] = WORDS["number_words"]
_TENS_WORDS: dict[str, int] = WORDS["tens_words"]
_NUMBER_WORD_RE = re.compile(
    r"(?<![\w-])(?:(?P<tens>"
    + "|".join(_TENS_WORDS)
    + r")(?:[- ](?P<ones>"
    + "|".join(w for w in _UNITS_WORDS if _UNITS_WORDS[w] < 10 and w != "zero")
    + r"))?|(?P<small>"
    + "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
    + r")|(?P<hundred>a hundred|one hundred))(?![\w-])(?!\s+of\s+(?:the|our|us|them))",
    re.IGNORECASE,
)

_MONTHS: dict[str, int] = WORDS["months"]
_MON = "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_QUARTER_WORDS: dict[str, int] = WORDS["quarter_words"]

_I = re.IGNORECASE
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")),
    ("numeric", re.compile(r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})(?![\d/])")),
    ("dmy", re.compile(rf"(?<!\d)(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MON},?\s+{_YEAR}", _I)),
    ("mdy", re.compile(rf"\b{_MON}\s+(?P<d>\d{{1,2}}){_ORD},?\s+{_YEAR}", _I)),
    ("my", re.compile(rf"\b(?:(?:the\s+)?end\s+of\s+)?{_MON},?\s+{_YEAR}", _I)),
    (
        "quarter",
        re.compile(
            r"\b(?:(?:the\s+)?end\s+of\s+)?(?:q(?P<q>[1-4])|(?P<qw>first|second|third|fourth|last|final)"
            r"\s+quarter(?:\s+of)?)\s*(?:(?:fy\s*'?|')(?P<y2>\d{2})(?!\d)|(?:fy\s*)?(?P<y>(?:19|20)\d{2})(?!\d))",
            _I,
        ),
    ),
    ("quarter_yq", re.compile(r"\b(?P<y>(?:19|20)\d{2})[\s-]?q(?P<q>[1-4])\b", _I)),
    ("half", re.compile(r"\b(?:(?:the\s+)?end\s+of\s+)?h(?P<h>[12])\s*(?:fy\s*)?(?P<y>(?:19|20)\d{2})(?!\d)", _I)),
    (
        "year_end",
        re.compile(
            r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:(?:financial|fiscal|calendar)\s+year\s+|fy\s*|year\s+)?"
            r"|year[- ]end\s+(?:of\s+)?|fy\s*)" + _YEAR,
            _I,
        ),
    ),
    (
        "rel_year",
        re.compile(
            r"\b(?:(?:the\s+)?end\s+of\s+(?P<w1>this|the|next)\s+(?:financial\s+|calendar\s+)?year"
            r"|(?P<w2>this|next)\s+year(?:'s)?[- ]end|year[- ]end|(?P<w3>next|this)\s+year)\b",
            _I,
        ),
    ),
    (
        "rel_quarter",
        re.compile(
            r"\b(?:(?:the\s+)?end\s+of\s+(?P<w1>this|the|next)\s+quarter|(?P<w2>next)\s+quarter)\b", _I
        ),
    ),
    (
        "rel_month",
        re.compile(r"\b(?:(?:the\s+)?end\s+of\s+(?P<w1>this|the|next)\s+month|(?P<w2>next)\s+month)\b", _I),
    ),
    (
        "month_only",
        re.compile(rf"\b(?:by|before|until|till|in|end\s+of)\s+(?:the\s+end\s+of\s+)?{_MON}(?![\w\s]*\d)", _I),
    ),
    (
        "quarter_only",
        re.compile(r"\b(?:by|before|until|in|end\s+of)\s+(?:the\s+end\s+of\s+)?q(?P<q>[1-4])\b(?!\s*\d)", _I),
    ),
    (
        "year_only",
        re.compile(
            r"\b(?P<prep>by|before|until|till|in|during|for|through)\s+(?:the\s+year\s+)?" + _YEAR
            + r"(?!\s*(?:%|per|percent|pp|points?|units?|meals?|orders?|days?|hours?|minutes?|[£€$]))",
            _I,
        ),
    ),
)  # fmt: skip

_DURATION_UNIT = r"(?P<u>days?|weeks?|months?|quarters?|years?)"
_DURATION_RE = re.compile(
    r"\b(?:within|in|over|during|for|inside|across)\s+(?:the\s+)?(?:(?:next|coming|following|first)\s+)?"
    r"(?P<n>\d+(?:[.,]\d+)?|a|an|half\s+a)?\s*(?:consecutive\s+|calendar\s+)?"
    + _DURATION_UNIT
    + r"(?:'s|')?(?:\s+time)?\b",
    re.IGNORECASE,
)
_DURATION_ADJ_RE = re.compile(
    r"\b(?:a|an|the)?\s*(?P<n>\d+(?:[.,]\d+)?)[- ](?P<u>day|week|month|quarter|year)s?\s+"
    r"(?:period|window|timeframe|time\s*frame|horizon|programme|program|plan)\b",
    re.IGNORECASE,
)
_MONTHS_PER_UNIT = {"day": 1 / _DAYS_PER_MONTH, "week": 7 / _DAYS_PER_MONTH, "month": 1.0,
                    "quarter": 3.0, "year": 12.0}  # fmt: skip

_VAGUE_TIME_RE = re.compile(
    r"\b(?:soon|asap|as\s+soon\s+as\s+possible|eventually|in\s+(?:the\s+)?(?:near\s+)?future"
    r"|over\s+time|in\s+due\s+course|some\s*day|someday|going\s+forward|shortly|one\s+day"
    r"|in\s+the\s+(?:next\s+)?(?:few|coming)\s+(?:weeks|months|years)|at\s+some\s+point"
    r"|when\s+possible|in\s+the\s+long\s+(?:run|term)|over\s+the\s+(?:long|medium|short)\s+term"
    r"|long[- ]term|short[- ]term|medium[- ]term|next\s+(?:few|couple\s+of)\s+\w+)\b",
    re.IGNORECASE,
)

_OWNER_PATTERNS = (
    re.compile(r"\(\s*(?:owner|owned\s+by|accountable|responsible)\s*[:=-]?\s*(?P<o>[^()\n]{2,80}?)\s*\)", _I),
    re.compile(r"\b(?:metric\s+)?owner\s*[:=]\s*(?P<o>[^,.;()\n]{2,80})", _I),
    re.compile(r"\b(?:owned|led|sponsored)\s+by\s+(?P<o>[^,.;()\n]{2,80})", _I),
    re.compile(r"\b(?:accountable|responsible)(?:\s+owner)?\s*[:=-]\s*(?P<o>[^,.;()\n]{2,80})", _I),
    re.compile(r"\b(?:accountability|responsibility)\s+(?:of|with|lies\s+with|sits\s+with)\s+(?P<o>[^,.;()\n]{2,80})", _I),
    re.compile(
        r"(?P<o>(?:[Tt]he\s+|[Oo]ur\s+)?[A-Z][\w&'-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w&'-]*){0,5})"
        r"\s+(?:is|are|will\s+be)\s+(?:accountable|responsible)\b"
    ),
)  # fmt: skip

_LINK_PATTERNS = (
    re.compile(r"\((?:linked\s+|strategic\s+)?objective\s*[:=]\s*(?P<l>[^()\n]{2,200})\)", _I),
    re.compile(
        r"\b(?:so\s+that|in\s+order\s+to|to\s+support|supporting|in\s+support\s+of|as\s+part\s+of"
        r"|contributing\s+to|which\s+supports|that\s+supports|linked\s+to|aligned\s+(?:with|to)"
        r"|to\s+deliver\s+(?:our|the)\s+(?:strategic\s+)?(?:objective|goal)|towards?\s+(?:our|the)"
        r"\s+(?:strategic\s+)?(?:objective|goal)(?:\s+(?:of|to))?|(?:linked|strategic)\s+objective\s*[:=])"
        r"\s+(?P<l>[^.;()\n]{3,200})",
        _I,
    ),
)
_PERSPECTIVE_RE = re.compile(
    r"\b(?:(?P<a>financial|customer|internal(?:[- ]process(?:es)?)?|learning(?:\s+(?:and|&)\s+growth)?)"
    r"\s+perspective|perspective\s*[:=]\s*(?P<b>financial|customer|internal(?:[- ]process(?:es)?)?"
    r"|learning(?:\s+(?:and|&)\s+growth)?))\b",
    re.IGNORECASE,
)

_DIRECTION_WORDS = tuple(WORDS["direction_verbs"].items())
_DIRECTION_RE = re.compile(
    "|".join(rf"(?P<{name}>\b(?:{words})\b)" for name, words in _DIRECTION_WORDS), re.IGNORECASE
)
_COMPARATIVE_RE = re.compile(
    r"\b(?:to|at|reach)\s+(?:an?\s+)?(?:even\s+)?(?:much\s+)?(?P<c>higher|greater|larger|bigger|more|lower|smaller|fewer|less)"
    r"\b(?!\s+than\s+\d)|\b(?P<c2>higher|greater|larger|bigger|lower|smaller)\s+than\s+(?:now|today|before"
    r"|at\s+present|currently|the\s+(?:current|baseline))",
    re.IGNORECASE,
)
_UP_WORDS = set(WORDS["up_words"])

_NON_NUMERIC_RE = re.compile(
    r"\b(?:by|to)\s+(?P<a>a\s+lot|lots|a\s+bit|a\s+little|some|much|more|a\s+few\s+(?:percent|points)"
    r"|several\s+(?:percent|points)|a\s+(?:large|small|good|fair|significant|meaningful|decent)\s+"
    r"(?:amount|margin|percentage|degree|extent)|as\s+much\s+as\s+(?:possible|we\s+can)|x\s*%|n\s*%"
    r"|tbd|tbc|\?+\s*%?|\.\.\.\s*%?|the\s+maximum|the\s+target\s+level|target|a\s+higher\s+level"
    r"|an?\s+(?:acceptable|reasonable|appropriate|good|better|ambitious)\s+level)(?![\w])"
    r"|\b(?P<b>significantly|substantially|dramatically|considerably|drastically|massively|greatly"
    r"|noticeably|materially|meaningfully|hugely|a\s+lot)\b",
    re.IGNORECASE,
)

_VAGUE_MEASURES = set(WORDS["vague_measures"])
_DETERMINERS_RE = re.compile(
    r"^(?:(?:the|our|a|an|its|their|overall|total|average|general|homeats'?s?|company|"
    r"company-wide|organisation-wide|organization-wide|all|every|some|key|main)\s+)+",
    re.IGNORECASE,
)
_PHRASE_STOP_RE = re.compile(
    r"\s+(?:by|to|from|within|in|over|before|at|for|until|during|so|and|while|with|through|"
    r"across|under|above|below|of\s+\d|per\s+cent|percent|than|versus|vs)\b|\s*[,.;:()!?\d%£€$]|\s{2,}|$",
    re.IGNORECASE,
)

_NUM_RE = re.compile(
    r"(?<![\w.,])(?P<neg>(?<![\w])-|−|minus\s+|negative\s+)?\s?"
    r"(?P<cur>£|€|\$|gbp\s?|eur\s?|usd\s?)?(?P<num>\d+(?:[.,]\d+)*)"
    r"(?P<mult>\s?(?:k|bn|mn|m|thousand|million|billion)(?![a-z]))?\s*"
    r"(?P<unit>%\s*points?\b|percent(?:age)?\s+points?\b|pp\b|p\.p\.|%|per\s?cent\b|"
    r"points?\b|pts?\b|minutes?\b|mins?\b|hours?\b|hrs?\b|h\b|days?\b|weeks?\b|"
    r"gbp\b|eur\b|usd\b|pounds?\b|euros?\b|dollars?\b|pence\b|p\b|cents?\b|£|€|units?\b|meals?\b|orders?\b|items?\b|"
    r"studies\b|study\b|prototypes?\b|checks?\b|complaints?\b|employees?\b|people\b|staff\b|"
    r"subscribers?\b|customers?\b|deliveries\b|improvements?\b|initiatives?\b|times\b|x\b|"
    r"per\s+(?:month|week|year|day|employee|order))?",
    re.IGNORECASE,
)
_UNIT_MAP = (
    (r"%\s*points?|percent(?:age)?\s+points?|pp|p\.p\.", "pp"),
    (r"%|per\s?cent", "%"),
    (r"points?|pts?", "points"),
    (r"minutes?|mins?", "minutes"),
    (r"hours?|hrs?|h", "hours"),
    (r"days?", "days"),
    (r"weeks?", "weeks"),
    (r"gbp|pounds?|£", "GBP"),
    (r"eur|euros?|€", "EUR"),
    (r"usd|dollars?", "USD"),
    (r"times|x", "ratio"),
)

_BASELINE_BEFORE_RE = re.compile(
    r"(?:\bfrom|\bcurrently(?:\s+at)?|\bcurrent(?:ly)?\s+(?:level|value|rate)?\s*(?:of|is|at)?|\btoday(?:'s)?"
    r"(?:\s+at)?|\bnow(?:\s+at)?|\bat\s+present|\bbaseline(?:\s+of|\s*[:=]|\s+is)?|\bup\s+from|\bdown\s+from"
    r"|\bcompared\s+(?:with|to)|\bvs\.?|\bversus|\bwas|\bstarting\s+(?:at|from)|\bfrom\s+a\s+baseline\s+of"
    r"|\bfrom\s+(?:the\s+)?current)\s*$",
    re.IGNORECASE,
)
_CHANGE_BEFORE_RE = re.compile(
    r"\bby(?:\s+(?:at\s+least|around|about|roughly|some|another|a\s+further))?\s*$", re.IGNORECASE
)
_TARGET_BEFORE_RE = re.compile(
    r"(?:\bto(?:\s+(?:at\s+least|at\s+most|around|about|under|below|above|over|less\s+than|more\s+than|"
    r"no\s+more\s+than|no\s+less\s+than|within|a\s+(?:maximum|minimum)\s+of|an?\s+(?:average|rate|level|score|value)\s+of|"
    r"reach))?|\bat(?:\s+(?:least|most|or\s+(?:above|below|under|over)))?|\bof|\breach(?:es|ing)?|\bachiev\w*|\bhit"
    r"|\bbelow|\bunder|\babove|\bover|\bless\s+than|\bmore\s+than|\bfewer\s+than|\bno\s+more\s+than"
    r"|\bno\s+less\s+than|\bno\s+higher\s+than|\bno\s+lower\s+than|\bmaximum(?:\s+of)?|\bminimum(?:\s+of)?"
    r"|\btarget(?:\s+of|\s*[:=]|\s+is)?|\bwithin|\bbeyond|\bexceed\w*|[<>≤≥=]|\bup\s+to|\bdown\s+to|\bdeliver)\s*$",
    re.IGNORECASE,
)  # fmt: skip
_CHANGE_AFTER_RE = re.compile(
    r"^\s*(?:relative\s+)?(?:increase|rise|growth|uplift|improvement|gain|reduction|decrease|cut|drop|"
    r"decline|fall|saving|higher|lower|more|less|fewer|better|faster|cheaper|off|lift|boost)\b",
    re.IGNORECASE,
)
_RELATIVE_WORD_RE = re.compile(
    r"\b(?:relative|in\s+relative\s+terms|of\s+(?:the\s+)?(?:current|baseline|today))",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _to_float(text: str) -> float | None:
    """'1,250.5' -> 1250.5, '12,5' -> 12.5, '1.250,5' -> 1250.5, '1,000' -> 1000."""
    s = text
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        s = s.replace(thousands, "").replace(decimal, ".")
    elif "," in s:
        parts = s.split(",")
        if len(parts) > 2 or (len(parts[1]) == 3 and len(parts[0]) <= 3 and parts[0] != "0"):
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _blank(work: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        work[i] = " "


def _words_to_digits(text: str) -> str:
    """Replace number words by digits, padded with spaces so positions do not move."""

    def repl(found: re.Match[str]) -> str:
        word = found.group(0)
        if found.group("tens"):
            value = _TENS_WORDS[found.group("tens").lower()]
            if found.group("ones"):
                value += _UNITS_WORDS[found.group("ones").lower()]
        elif found.group("small"):
            small = found.group("small").lower()
            value = _UNITS_WORDS[small]
            after = text[found.end() : found.end() + 12].lower()
            before = text[max(0, found.start() - 8) : found.start()].lower()
            if small == "one" and (after.startswith("-off") or after.startswith(" of")):
                return word
            if small == "one" and re.search(r"\b(?:no|any|every|some|the)\s*$", before):
                return word
        else:
            value = 100
        digits = str(value)
        return digits + " " * (len(word) - len(digits))

    return _NUMBER_WORD_RE.sub(repl, text)


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _end_of_quarter(year: int, quarter: int) -> date:
    return _end_of_month(year, 3 * quarter)


def _year4(text: str) -> int:
    year = int(text)
    return 2000 + year if year < 100 else year


@dataclass
class _Dates:
    """What :func:`_read_dates` found: the deadline (and its words), the duration in months."""

    deadline: date | None = None
    deadline_text: str | None = None
    duration: float | None = None
    notes: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


def _read_dates(work: list[str], today: date, day_first: bool) -> _Dates:
    """Read the deadline and the duration: the first of each; blank what was read.

    Durations are read first ("within 6 months"), then dates (see the module docstring for
    the forms), then a vague time ("soon", flagged ``vague_time`` when nothing else was found).
    ``today`` anchors relative dates ("end of next quarter"); ``day_first`` reads
    ``03/04/2027`` as 3 April.

    Examples
    --------
    >>> work = list("Cut DSO to 40 days by Q2 2027 in the next 6 months")
    >>> dates = _read_dates(work, date(2026, 11, 1), day_first=True)
    >>> dates.deadline.isoformat(), dates.deadline_text, dates.duration
    ('2027-06-30', 'Q2 2027', 6.0)
    >>> " ".join("".join(work).split())
    'Cut DSO to 40 days by'
    >>> dates = _read_dates(list("Raise NPS soon"), date(2026, 11, 1), day_first=True)
    >>> dates.deadline, sorted(dates.flags), dates.notes
    (None, ['vague_time'], ["'soon' is not a deadline."])
    """
    out = _Dates()
    text = "".join(work)
    durations = []
    for pattern in (_DURATION_RE, _DURATION_ADJ_RE):
        for found in pattern.finditer(text):
            amount = found.group("n")
            if amount is None or amount.lower() in ("a", "an"):
                number = 1.0
            elif amount.lower().startswith("half"):
                number = 0.5
            else:
                number = _to_float(amount) or 0.0
            unit = found.group("u").lower().rstrip("s")
            durations.append((found.start(), found.end(), number * _MONTHS_PER_UNIT[unit]))
    for start, end, _ in durations:
        _blank(work, start, end)
    if durations:
        durations.sort()
        out.duration = round(durations[0][2], 2)
    text = "".join(work)
    hits: list[tuple[int, int, date, str]] = []
    for kind, pattern in _DATE_PATTERNS:
        for found in pattern.finditer(text):
            if any(s < found.end() and found.start() < e for s, e, _, _ in hits):
                continue
            try:
                when = _date_from_match(kind, found, today, day_first, out)
            except (ValueError, OverflowError):
                out.notes.append(f"'{found.group(0).strip()}' does not look like a real date.")
                out.flags.add("bad_date")
                when = None
            if when is not None:
                hits.append((found.start(), found.end(), when, found.group(0).strip()))
    for start, end, _, _ in hits:
        _blank(work, start, end)
    if hits:
        hits.sort()
        out.deadline, out.deadline_text = hits[0][2], hits[0][3]
        if len({h[2] for h in hits}) > 1:
            out.notes.append(
                f"Several dates found; the first one ('{hits[0][3]}') is taken as the deadline."
            )
    text = "".join(work)
    vague = _VAGUE_TIME_RE.search(text)
    if vague and out.deadline is None and out.duration is None:
        out.flags.add("vague_time")
        out.notes.append(f"'{vague.group(0)}' is not a deadline.")
    if vague:
        _blank(work, vague.start(), vague.end())
    return out


def _date_from_match(
    kind: str, found: re.Match[str], today: date, day_first: bool, out: _Dates
) -> date | None:
    g = found.groupdict()
    if kind == "iso":
        return date(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        day, month = (a, b) if day_first else (b, a)
        if month > 12 and day <= 12:
            day, month = month, day
        return date(_year4(g["y"]), month, day)
    if kind in ("dmy", "mdy"):
        return date(int(g["y"]), _MONTHS[g["mon"].lower()], int(g["d"]))
    if kind == "my":
        if g["mon"].lower() == "may" and not re.search(r"\d", found.group(0)):
            return None
        return _end_of_month(int(g["y"]), _MONTHS[g["mon"].lower()])
    if kind in ("quarter", "quarter_yq"):
        quarter = int(g["q"]) if g.get("q") else _QUARTER_WORDS[g["qw"].lower()]
        return _end_of_quarter(_year4(g.get("y") or g["y2"]), quarter)
    if kind == "half":
        return _end_of_month(int(g["y"]), 6 if g["h"] == "1" else 12)
    if kind == "year_end":
        if re.search(r"\b(?:fy|financial|fiscal)\b", found.group(0), re.IGNORECASE):
            out.notes.append("Financial year read as ending on 31 December; say the date if not.")
        return date(int(g["y"]), 12, 31)
    if kind == "rel_year":
        words = " ".join(w for w in (g.get("w1"), g.get("w2"), g.get("w3")) if w).lower()
        return date(today.year + (1 if "next" in words else 0), 12, 31)
    if kind == "rel_quarter":
        words = " ".join(w for w in (g.get("w1"), g.get("w2")) if w).lower()
        quarter = (today.month - 1) // 3 + 1 + (1 if "next" in words else 0)
        year = today.year + (quarter - 1) // 4
        return _end_of_quarter(year, (quarter - 1) % 4 + 1)
    if kind == "rel_month":
        words = " ".join(w for w in (g.get("w1"), g.get("w2")) if w).lower()
        month = today.month + (1 if "next" in words else 0)
        year = today.year + (month - 1) // 12
        return _end_of_month(year, (month - 1) % 12 + 1)
    if kind == "month_only":
        name = g["mon"].lower()
        # "may" and short forms ("mar", "dec") are ordinary words unless capitalised
        if len(name) <= 4 and not found.group(0)[-len(g["mon"]) :].istitle():
            return None
        month = _MONTHS[name]
        year = today.year if month >= today.month else today.year + 1
        out.notes.append(f"No year given for '{found.group(0).strip()}'; read as {year}.")
        return _end_of_month(year, month)
    if kind == "quarter_only":
        quarter = int(g["q"])
        year = today.year if 3 * quarter >= today.month else today.year + 1
        out.notes.append(f"No year given for 'Q{quarter}'; read as Q{quarter} {year}.")
        return _end_of_quarter(year, quarter)
    if kind == "year_only":
        year = int(g["y"])
        if g["prep"].lower() in ("in", "during", "for", "through"):
            out.notes.append(f"'{found.group(0).strip()}' read as by 31 December {year}.")
        else:
            out.notes.append(f"'{found.group(0).strip()}' read as 31 December {year}; give a date.")
        out.flags.add("year_only")
        return date(year, 12, 31)
    return None  # pragma: no cover


def _clean_owner(text: str) -> str | None:
    owner = re.split(r"\s+(?:by|within|in|before|from|to|so|who|which|and\s+reviewed)\s", text)[0]
    owner = re.sub(r"^(?:the|our)\s+", "", owner.strip(), flags=re.IGNORECASE).strip(" -:'\"")
    return owner or None


def _read_unit(unit_text: str | None, currency: str | None) -> str | None:
    if currency:
        cur = currency.strip().lower()
        return {"£": "GBP", "gbp": "GBP", "€": "EUR", "eur": "EUR", "$": "USD", "usd": "USD"}[cur]
    if not unit_text:
        return None
    lowered = unit_text.lower().strip()
    for pattern, unit in _UNIT_MAP:
        if re.fullmatch(pattern, lowered):
            return unit
    if lowered.startswith("per "):
        return None
    return "units"


@dataclass
class _Number:
    """One number of the objective, with its unit and its role from the words around it."""

    value: float
    unit: str | None
    start: int
    end: int
    role: str  # baseline / change / target / bare
    raw: str


def _read_numbers(work: str, notes: list[str]) -> list[_Number]:
    """Every number in ``work`` (at most ``_MAX_NUMBERS``), with its unit and role.

    The role comes from the words before (or after) the number: ``baseline`` ("from 48"),
    ``change`` ("by 10%", "10% reduction"), ``target`` ("to 40", "below 2%") or ``bare``.
    Multipliers (``k``, ``m`` after a currency, ``bn``), pence and cents are applied; a bare
    year ("2027") is skipped with a note.

    Examples
    --------
    >>> notes = []
    >>> [(n.value, n.unit, n.role) for n in _read_numbers("Cut DSO from 48 to 40 days", notes)]
    [(48.0, None, 'baseline'), (40.0, 'days', 'target')]
    >>> [(n.value, n.unit, n.role) for n in _read_numbers("Raise sales by £1.5m in 2027", notes)]
    [(1500000.0, 'GBP', 'change')]
    >>> notes
    ["'2027' looks like a year, not a target."]
    """
    numbers: list[_Number] = []
    for count, found in enumerate(_NUM_RE.finditer(work)):
        if count >= _MAX_NUMBERS:
            notes.append(f"Only the first {_MAX_NUMBERS} numbers were read.")
            break
        value = _to_float(found.group("num"))
        if value is None:
            continue
        mult = (found.group("mult") or "").strip().lower()
        currency = found.group("cur")
        unit_text = found.group("unit")
        if mult in ("k", "thousand"):
            value *= 1_000
        elif mult in ("m", "mn", "million") and (currency or mult == "million"):
            value *= 1_000_000
        elif mult in ("bn", "billion"):
            value *= 1_000_000_000
        elif mult in ("m", "mn"):
            notes.append(f"'{found.group(0).strip()}': 'm' read as minutes.")
            unit_text = unit_text or "minutes"
        if (
            unit_text
            and re.fullmatch(r"pence|p|cents?", unit_text.strip().lower())
            and not currency
        ):
            value /= 100.0
            unit_text = (
                "gbp"
                if unit_text.strip().lower() != "cent" and "cent" not in unit_text.lower()
                else "eur"
            )
        if found.group("neg"):
            value = -value
        unit = _read_unit(unit_text, currency)
        if unit_text and unit_text.strip().lower() in ("£", "€") and not currency:
            unit = "GBP" if "£" in unit_text else "EUR"
        before = work[max(0, found.start() - 40) : found.start()]
        after = work[found.end() : found.end() + 30]
        if _BASELINE_BEFORE_RE.search(before):
            role = "baseline"
        elif _CHANGE_BEFORE_RE.search(before):
            role = "change"
        elif _TARGET_BEFORE_RE.search(before):
            role = "target"
        elif _CHANGE_AFTER_RE.search(after):
            role = "change"
        else:
            role = "bare"
        year_context = re.search(
            r"\b(?:beyond|after|since|before|until|till|in|during|through)\s*$", before, re.I
        )
        if (
            (role == "bare" or year_context)
            and unit is None
            and not currency
            and re.fullmatch(r"(?:19|20)\d{2}", found.group("num"))
        ):
            notes.append(f"'{found.group('num')}' looks like a year, not a target.")
            continue
        numbers.append(_Number(value, unit, found.start(), found.end(), role, found.group(0)))
    return numbers


def _phrase_after(work: str, start: int) -> str | None:
    rest = work[start:].lstrip()
    stop = _PHRASE_STOP_RE.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    phrase = _DETERMINERS_RE.sub("", phrase.strip()).strip(" -'\"")
    if not phrase or not re.search(r"[^\W\d_]", phrase):
        return None
    if re.match(r"(?:for|to|by|in|at|with|of|on|from|than|as|about)\b", phrase, re.IGNORECASE):
        return None
    return phrase


# --------------------------------------------------------------------------------------------
# the parser, one field at a time
# --------------------------------------------------------------------------------------------
#
# ``parse_objective`` reads the fields in this order; each step blanks (overwrites with spaces,
# so that positions do not move) what it has read, so that later steps do not read it again:
#
#   deadline and duration -> owner -> linked objective -> perspective -> measure
#   -> direction word -> numbers (baseline, target, change kind, unit) -> direction resolved
#   -> contradictions and impossible numbers.
#
# Steps append to ``notes`` (plain words for the learner) and ``flags`` (codes for the checker);
# the order of the notes is part of the result.


def _normalise_text(text: str) -> str:
    r"""Unicode-normalise ``text``: NFKC, plain hyphens and apostrophes, no control characters.

    Examples
    --------
    >>> _normalise_text("Cut DSO \u2013 to 40\u00a0days by Q2\u2019s end\x07")
    "Cut DSO - to 40 days by Q2's end "
    """
    clean = unicodedata.normalize("NFKC", text)
    clean = re.sub(r"[‐-―−]", "-", clean)
    clean = clean.replace("\u2019", "'").replace("\u2018", "'")
    return "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in clean)


def _limit_length(clean: str, notes: list[str], flags: set[str]) -> str:
    """Note a text longer than ``LONG_TEXT``; return its first ``MAX_CHARS`` characters.

    Examples
    --------
    >>> notes, flags = [], set()
    >>> len(_limit_length("x" * 2500, notes, flags)), flags
    (2000, {'long_text'})
    >>> print(*notes, sep="\\n")
    The text is 2,500 characters long; an objective is best kept to one sentence.
    Only the first 2,000 characters were read.
    """
    if len(clean) > LONG_TEXT:
        flags.add("long_text")
        notes.append(
            f"The text is {len(clean):,} characters long; an objective is best kept to one sentence."
        )
    if len(clean) > MAX_CHARS:
        notes.append(f"Only the first {MAX_CHARS:,} characters were read.")
        clean = clean[:MAX_CHARS]
    return clean


def _read_owner(work: list[str]) -> str | None:
    """The owner ("(owner: ...)", "owned by ...", "X is accountable"); blank it once read.

    Examples
    --------
    >>> work = list("Cut DSO to 40 days (owner: the Finance Manager)")
    >>> _read_owner(work), "".join(work).strip()
    ('Finance Manager', 'Cut DSO to 40 days')
    >>> _read_owner(list("The Head of Service is accountable for NPS"))
    'Head of Service'
    """
    text = "".join(work)
    for pattern in _OWNER_PATTERNS:
        hit = pattern.search(text)
        if hit:
            _blank(work, hit.start(), hit.end())
            return _clean_owner(hit.group("o"))
    return None


def _read_linked_objective(work: list[str]) -> str | None:
    """The strategic objective served ("so that ...", "(objective: ...)"); blank it once read.

    Examples
    --------
    >>> work = list("Cut DSO to 40 days so that cash comes in sooner")
    >>> _read_linked_objective(work), "".join(work).strip()
    ('cash comes in sooner', 'Cut DSO to 40 days')
    """
    text = "".join(work)
    for pattern in _LINK_PATTERNS:
        hit = pattern.search(text)
        if hit:
            _blank(work, hit.start(), hit.end())
            return hit.group("l").strip(" ,")
    return None


def _read_perspective(work: list[str]) -> Perspective | None:
    """The perspective stated ("internal perspective", "perspective: customer"); blank it.

    Examples
    --------
    >>> _read_perspective(list("Train cooks (perspective: learning & growth)"))
    <Perspective.LEARNING_GROWTH: 'learning_growth'>
    >>> _read_perspective(list("Cut DSO to 40 days")) is None
    True
    """
    hit = _PERSPECTIVE_RE.search("".join(work))
    if hit is None:
        return None
    _blank(work, hit.start(), hit.end())
    return Perspective.parse(hit.group("a") or hit.group("b"))


def _read_measure(
    work: list[str], clean: str, measures: tuple[Measure, ...]
) -> tuple[Measure | None, str | None, bool]:
    """The vocabulary measure named in ``work``; blank it once read.

    Returns ``(measure, words, counted)``: the :class:`Measure` or ``None``, its words as the
    learner wrote them (taken from ``clean``, before number words became digits), and whether
    it is counted ("the number of billing errors": a count, whatever the measure's unit).

    Examples
    --------
    >>> work = list("Cut the number of billing errors by 20")
    >>> measure, words, counted = _read_measure(work, "".join(work), MEASURES)
    >>> measure.id, words, counted
    ('billing_error_rate', 'billing errors', True)
    >>> "".join(work).split()
    ['Cut', 'the', 'number', 'of', 'by', '20']
    >>> _read_measure(list("Improve quality"), "Improve quality", MEASURES)
    (None, None, False)
    """
    text = "".join(work)
    matched = match_measure(text, measures)
    if matched is None:
        return None, None, False
    measure, start, end = matched
    counted = bool(
        re.search(r"\bnumber\s+of\s+(?:the\s+)?$", text[max(0, start - 20) : start], re.IGNORECASE)
    )
    _blank(work, start, end)
    return measure, clean[start:end], counted


@dataclass(frozen=True)
class _Verb:
    """The first direction word: its kind, its text (lower case) and where it ends.

    ``kind`` is one of :data:`DIRECTIONS`, ``'improve'`` (up or down depends on the measure),
    ``'reach'`` (a level is given, "achieve 95%") or ``None`` (no direction word).
    """

    kind: str | None = None
    text: str = ""
    end: int = 0


def _read_verb(work_text: str, measure: Measure | None) -> _Verb:
    """The first direction word in ``work_text`` (see ``_DIRECTION_WORDS``).

    "deliver" is a *reach* word only once a measure is known ("deliver 95% on-time"); without
    one it is usually the business ("deliver meals") and is skipped.

    Examples
    --------
    >>> _read_verb("Halve   by 2027", None)
    _Verb(kind='decrease', text='halve', end=5)
    >>> _read_verb("Deliver meals and improve     ", None).kind
    'improve'
    >>> _read_verb("Our target for     ", None)
    _Verb(kind='reach', text='target', end=10)
    """
    for hit in _DIRECTION_RE.finditer(work_text):
        kind = hit.lastgroup
        if kind == "reach" and measure is None and hit.group(0).lower().startswith("deliver"):
            continue
        return _Verb(kind, hit.group(0).lower(), hit.end())
    return _Verb()


def _unmatched_measure(
    work_text: str, verb: _Verb, notes: list[str], flags: set[str]
) -> str | None:
    """The words naming a measure outside the vocabulary, and why they are not enough.

    Tried in turn: the noun phrase after the direction word ("improve *kitchen energy use*"),
    then a heading before a number ("Complaints: 20 per month"). The words are flagged
    ``vague_measure`` (too broad: "quality", "performance"), ``unknown_measure`` or, when there
    are none, ``no_measure``.

    Examples
    --------
    >>> notes, flags = [], set()
    >>> _unmatched_measure("Improve quality", _read_verb("Improve quality", None), notes, flags)
    'quality'
    >>> flags, notes
    ({'vague_measure'}, ["'quality' is too broad to measure."])
    >>> _unmatched_measure("Widget wobble: 20", _Verb(), notes, flags)
    'Widget wobble'
    >>> sorted(flags)
    ['unknown_measure', 'vague_measure']
    """
    measure_text = None
    if verb.kind is not None:
        measure_text = _phrase_after(work_text, verb.end)
    if measure_text is None:
        head = re.match(r"^\s*([^\W\d_][\w '&/-]{1,40}?)\s*(?:[:=]|\s-\s|\bat\b|\bof\b)", work_text)
        if head:
            measure_text = _DETERMINERS_RE.sub("", head.group(1).strip()) or None
    if measure_text is None:
        flags.add("no_measure")
        notes.append("No measure found.")
    elif measure_text.lower().strip() in _VAGUE_MEASURES or (
        _norm_words(measure_text) & {"quality", "performance"} and len(measure_text.split()) <= 3
    ):
        flags.add("vague_measure")
        notes.append(f"'{measure_text}' is too broad to measure.")
    else:
        flags.add("unknown_measure")
        notes.append(f"'{measure_text}' is not in the measure vocabulary.")
    return measure_text


@dataclass(frozen=True)
class _Amount:
    """The numbers of the objective.

    ``target`` is a level (``change_kind='absolute'``) or a change; ``chosen`` and ``base`` are
    the numbers read as the target and as the baseline.
    """

    baseline: float | None = None
    target: float | None = None
    change_kind: str | None = None
    unit: str | None = None
    chosen: _Number | None = None
    base: _Number | None = None


def _pick_target(numbers: list[_Number]) -> tuple[_Number | None, _Number | None]:
    """``(target number, baseline number)`` among ``numbers``, by role.

    The target is the first number introduced as a level ("to 40"), else the first change
    ("by 10%"), else the first bare number with a unit, else the first bare number. The
    baseline is the first number introduced as one ("from 48").

    Examples
    --------
    >>> chosen, base = _pick_target(_read_numbers("from 48 to 40 days, 3 sites", []))
    >>> chosen.value, base.value
    (40.0, 48.0)
    >>> _pick_target(_read_numbers("3 sites and 95%", []))[0].raw
    '95%'
    """
    by_role: dict[str, list[_Number]] = {}
    for number in numbers:
        by_role.setdefault(number.role, []).append(number)
    base = (by_role.get("baseline") or [None])[0]
    chosen = None
    if by_role.get("target"):
        chosen = by_role["target"][0]
    elif by_role.get("change"):
        chosen = by_role["change"][0]
    elif by_role.get("bare"):
        chosen = ([n for n in by_role["bare"] if n.unit is not None] or by_role["bare"])[0]
    return chosen, base


def _change_kind(chosen: _Number, measure: Measure | None) -> str:
    """How the target number is meant (see :data:`CHANGE_KINDS`).

    A level ("to 95%", a bare "95%") is ``absolute``. A change ("by ...") is
    ``percentage_points`` when written in pp (or in points on a measure in %), ``relative``
    when written in %, else an ``amount`` in the measure's unit.

    Examples
    --------
    >>> [_change_kind(n, MEASURES_BY_ID["on_time_delivery"])
    ...  for n in _read_numbers("by 3 points, by 5%, by 2 days, to 95%", [])]
    ['percentage_points', 'relative', 'amount', 'absolute']
    """
    if chosen.role != "change":
        return "absolute"
    if chosen.unit == "pp" or (
        chosen.unit == "points" and measure is not None and measure.unit == "%"
    ):
        return "percentage_points"
    if chosen.unit == "%":
        return "relative"
    return "amount"


def _target_unit(
    chosen: _Number,
    base: _Number | None,
    change_kind: str,
    measure: Measure | None,
    notes: list[str],
    flags: set[str],
) -> str | None:
    """The unit of the target (see :data:`PARSED_UNITS`).

    As written; points on a measure in % are pp (a change) or % (a level); if none is
    written, the baseline's, else the measure's (flagged ``unit_inferred``: ``%`` for a
    relative change, ``pp`` for percentage points); a count on a ratio measure is a ratio.

    Examples
    --------
    >>> otd, notes, flags = MEASURES_BY_ID["on_time_delivery"], [], set()
    >>> [n] = _read_numbers("to 95", [])
    >>> _target_unit(n, None, "absolute", otd, notes, flags), flags, notes
    ('%', {'unit_inferred'}, ["No unit given; '%' assumed from the measure."])
    """
    unit = chosen.unit
    if unit == "points" and measure is not None and measure.unit == "%":
        unit = "pp" if change_kind != "absolute" else "%"
    if unit is None and base is not None and base.unit is not None:
        unit = base.unit
    if unit is None and measure is not None:
        unit = "%" if change_kind == "relative" else measure.unit
        if measure.unit == "%" and change_kind == "percentage_points":
            unit = "pp"
        flags.add("unit_inferred")
        notes.append(f"No unit given; '{unit}' assumed from the measure.")
    if unit == "units" and measure is not None and measure.unit == "ratio":
        unit = "ratio"
    return unit


def _read_amount(
    work_text: str, measure: Measure | None, notes: list[str], flags: set[str]
) -> _Amount:
    """Baseline, target, change kind and unit from the numbers in ``work_text``.

    Numbers that are neither the target nor the baseline are listed in a note and flagged
    ``multiple_numbers``.

    Examples
    --------
    >>> notes, flags = [], set()
    >>> a = _read_amount("Cut   from 48 to 40 days", MEASURES_BY_ID["dso"], notes, flags)
    >>> a.baseline, a.target, a.change_kind, a.unit
    (48.0, 40.0, 'absolute', 'days')
    >>> otd = MEASURES_BY_ID["on_time_delivery"]
    >>> a = _read_amount("Raise   by 3 pp across 2 kitchens", otd, notes, flags)
    >>> a.target, a.change_kind, a.unit, notes, flags
    (3.0, 'percentage_points', 'pp', ["Other numbers not used: '2'."], {'multiple_numbers'})
    """
    numbers = _read_numbers(work_text, notes)
    chosen, base = _pick_target(numbers)
    baseline = None if base is None else base.value
    if chosen is None:
        return _Amount(baseline=baseline, unit=None if base is None else base.unit, base=base)
    change_kind = _change_kind(chosen, measure)
    unit = _target_unit(chosen, base, change_kind, measure, notes, flags)
    used = {id(chosen)} | ({id(base)} if base is not None else set())
    others = [n for n in numbers if id(n) not in used]
    if others:
        flags.add("multiple_numbers")
        listed = ", ".join(f"'{n.raw.strip()}'" for n in others[:3])
        notes.append(f"Other numbers not used: {listed}.")
    return _Amount(baseline, chosen.value, change_kind, unit, chosen, base)


_MULTIPLES: dict[str, float] = WORDS["multiples"]
"""Verb stems that state the change themselves, as a relative change in %."""


def _amount_from_verb(
    verb: _Verb, measure: Measure | None, amount: _Amount, notes: list[str]
) -> _Amount:
    """With no target number, read one from the verb.

    "double" / "triple" / "halve" are a relative change of 100% / 200% / 50%; "eliminate" is
    a target level of zero.

    Examples
    --------
    >>> notes = []
    >>> a = _amount_from_verb(_Verb("decrease", "halve"), None, _Amount(), notes)
    >>> a.target, a.change_kind, a.unit, notes
    (50.0, 'relative', '%', ["'halve' read as a 50% change."])
    >>> _amount_from_verb(_Verb("decrease", "eliminate"), MEASURES_BY_ID["defect_rate"],
    ...                   _Amount(), []).target
    0.0
    """
    if amount.target is not None:
        return amount
    for stem, percent in _MULTIPLES.items():
        if verb.text.startswith(stem):
            notes.append(f"'{verb.text}' read as a {percent:g}% change.")
            return replace(amount, target=percent, change_kind="relative", unit="%")
    if verb.text.startswith("eliminat"):
        notes.append("'eliminate' read as a target of zero.")
        unit = measure.unit if measure is not None else None
        return replace(amount, target=0.0, change_kind="absolute", unit=unit)
    return amount


def _note_missing_target(work_text: str, notes: list[str], flags: set[str]) -> None:
    """Flag ``no_number``, and ``non_numeric_amount`` for words in place of a number.

    Examples
    --------
    >>> notes, flags = [], set()
    >>> _note_missing_target("Raise   significantly", notes, flags)
    >>> sorted(flags), notes
    (['no_number', 'non_numeric_amount'], ["'significantly' is not a number."])
    """
    flags.add("no_number")
    non_numeric = _NON_NUMERIC_RE.search(work_text)
    if non_numeric:
        flags.add("non_numeric_amount")
        notes.append(f"'{non_numeric.group(0).strip()}' is not a number.")
    else:
        notes.append("No target number found.")


def _read_comparative(work_text: str) -> tuple[str | None, str]:
    """The direction a comparative implies ("to a lower level", "higher than today"), and its words.

    Examples
    --------
    >>> _read_comparative("Bring   to a lower level")
    ('decrease', 'to a lower')
    >>> _read_comparative("Raise   by 2027")
    (None, '')
    """
    comparative = _COMPARATIVE_RE.search(work_text)
    if comparative is None:
        return None, ""
    word = (comparative.group("c") or comparative.group("c2")).lower()
    return ("increase" if word in _UP_WORDS else "decrease"), comparative.group(0).strip()


_CEILING_BEFORE_RE = re.compile(
    r"\b(?:under|below|less\s+than|no\s+more\s+than|at\s+most|within|"
    r"maximum|fewer\s+than)\s*$",
    re.IGNORECASE,
)
"""Words before a target that make it a ceiling ("under 2%", "at most 3 complaints")."""


def _implied_direction(
    amount: _Amount, comparative: str | None, measure: Measure | None, work_text: str
) -> str | None:
    """The direction a target implies when no direction word says it.

    From the baseline ("from 48 to 40": decrease), else a comparative, else the measure's
    better direction - except that a ceiling ("under 2%") on a higher-is-better measure reads
    as a decrease.

    Examples
    --------
    >>> amount = _read_amount("Achieve   from 48 to 40", None, [], set())
    >>> _implied_direction(amount, None, None, "")
    'decrease'
    >>> text = "Keep   under 90%"
    >>> amount = _read_amount(text, MEASURES_BY_ID["on_time_delivery"], [], set())
    >>> _implied_direction(amount, None, MEASURES_BY_ID["on_time_delivery"], text)
    'decrease'
    """
    target, baseline = amount.target, amount.baseline
    if target is not None and baseline is not None and amount.change_kind == "absolute":
        return "increase" if target > baseline else "decrease" if target < baseline else "maintain"
    if comparative is not None:
        return comparative
    if measure is None:
        return None
    if measure.better == "higher" and amount.chosen is not None:
        before = work_text[max(0, amount.chosen.start - 25) : amount.chosen.start]
        if _CEILING_BEFORE_RE.search(before):
            return "decrease"
    return "increase" if measure.better == "higher" else "decrease"


def _resolve_direction(
    verb: _Verb,
    measure: Measure | None,
    amount: _Amount,
    comparative: str | None,
    work_text: str,
    notes: list[str],
    flags: set[str],
) -> str | None:
    """The direction of the objective (see :data:`DIRECTIONS`), or ``None``.

    The direction word's, if it names one. "improve" takes the measure's better direction
    (flagged ``improve_ambiguous`` without a measure). With no direction word, or a *reach*
    word ("achieve"), a target implies one (flagged ``direction_inferred``); with no word at
    all, a comparative alone does. Otherwise flagged ``no_direction``.

    Examples
    --------
    >>> notes, flags = [], set()
    >>> dso = MEASURES_BY_ID["dso"]
    >>> _resolve_direction(_Verb("improve", "improve"), dso, _Amount(), None, "", notes, flags)
    'decrease'
    >>> notes
    ["'improve' read as 'decrease' (for this measure lower is better)."]
    >>> _resolve_direction(_Verb(), None, _Amount(), None, "", notes, flags), sorted(flags)
    (None, ['no_direction'])
    """
    direction = verb.kind if verb.kind in DIRECTIONS else None
    if verb.kind == "improve":
        if measure is not None:
            direction = "increase" if measure.better == "higher" else "decrease"
            notes.append(
                f"'{verb.text}' read as '{direction}' (for this measure {measure.better}"
                " is better)."
            )
        else:
            flags.add("improve_ambiguous")
            notes.append(f"'{verb.text}' does not say whether the number should go up or down.")
    if direction is None and verb.kind in ("reach", None) and amount.target is not None:
        direction = _implied_direction(amount, comparative, measure, work_text)
        if direction is not None:
            flags.add("direction_inferred")
            notes.append(f"Direction inferred as '{direction}'.")
    if direction is None and verb.kind is None and comparative is not None:
        direction = comparative
    if direction is None:
        flags.add("no_direction")
        if "improve_ambiguous" not in flags:
            notes.append("No direction (increase, reduce, keep) found.")
    return direction


def _check_contradictions(
    direction: str | None,
    verb: _Verb,
    comparative: str | None,
    comparative_words: str,
    amount: _Amount,
    notes: list[str],
    flags: set[str],
) -> None:
    """Flag ``contradiction`` where the numbers or a comparative go against the direction.

    "reduce ... to a higher level", "raise ... from 12 to 10", "increase ... by -5%" (the
    last also flagged ``negative_change``).

    Examples
    --------
    >>> notes, flags = [], set()
    >>> amount = _Amount(baseline=12.0, target=10.0, change_kind="absolute")
    >>> _check_contradictions("increase", _Verb("increase", "raise"), None, "", amount, notes,
    ...                       flags)
    >>> flags, notes
    ({'contradiction'}, ["'raise' from 12 to 10 goes the other way."])
    """
    if direction not in ("increase", "decrease"):
        return
    target, baseline = amount.target, amount.baseline
    if comparative is not None and comparative != direction:
        flags.add("contradiction")
        notes.append(f"'{comparative_words}' contradicts '{verb.text}'.")
    if baseline is not None and target is not None and amount.change_kind == "absolute":
        wrong = target < baseline if direction == "increase" else target > baseline
        if wrong:
            flags.add("contradiction")
            notes.append(f"'{verb.text}' from {baseline:g} to {target:g} goes the other way.")
    if target is not None and target < 0 and amount.change_kind != "absolute":
        flags.add("contradiction")
        flags.add("negative_change")
        notes.append(f"A negative change ({target:g}) contradicts '{verb.text}'.")


def _check_numbers(
    amount: _Amount,
    measure: Measure | None,
    counted: bool,
    work_text: str,
    notes: list[str],
    flags: set[str],
) -> None:
    """Flag numbers that cannot be right or cannot be read one way.

    ``negative_target``: a negative level of a measure that cannot be negative.
    ``ambiguous_percent``: "by 15%" of a measure in % with no baseline, not counted and not
    said to be relative (15% of the level, or 15 percentage points?). ``bare_number``: a target
    with neither unit nor measure.

    Examples
    --------
    >>> notes, flags = [], set()
    >>> text = "Raise   by 15%"
    >>> otd = MEASURES_BY_ID["on_time_delivery"]
    >>> _check_numbers(_read_amount(text, otd, [], set()), otd, False, text, notes, flags)
    >>> flags
    {'ambiguous_percent'}
    >>> print(*notes)
    '15%' of a percentage could mean a relative change or percentage points.
    """
    target = amount.target
    if (
        target is not None
        and target < 0
        and amount.change_kind == "absolute"
        and measure is not None
        and measure.low is not None
        and measure.low >= 0
    ):
        flags.add("negative_target")
        notes.append(f"{measure.name} cannot be negative ({target:g}).")
    if (
        amount.change_kind == "relative"
        and amount.chosen is not None
        and measure is not None
        and measure.unit == "%"
        and amount.base is None
        and not counted
        and not _RELATIVE_WORD_RE.search(work_text)
    ):
        flags.add("ambiguous_percent")
        notes.append(
            f"'{target:g}%' of a percentage could mean a relative change or percentage points."
        )
    if target is not None and amount.unit is None and measure is None:
        flags.add("bare_number")


def parse_objective(
    text: str,
    *,
    catalogue: pd.DataFrame | None = None,
    today: date | None = None,
    day_first: bool = True,
) -> ParsedObjective:
    """Read an objective sentence into a :class:`ParsedObjective`.

    Parameters
    ----------
    text : str
        The objective as the learner wrote it. Any text is accepted; what cannot be read is
        explained in ``notes``.
    catalogue : pandas.DataFrame, optional
        A metric catalogue (columns ``metric_id``, ``name``, ``synonyms``...) whose entries
        extend the built-in vocabulary and are matched first.
    today : datetime.date, optional
        Reference date for relative deadlines ("end of next quarter"); default
        ``date.today()``.
    day_first : bool, default True
        Whether ``03/04/2027`` is 3 April (UK usage, the default) or 4 March (US usage).

    Returns
    -------
    ParsedObjective

    Raises
    ------
    TypeError
        If ``text`` is not a string (a programming error, not a learner's).

    Examples
    --------
    >>> p = parse_objective("Decrease production costs by 10% in the next 6 months.")
    >>> p.direction, p.measure_id, p.target, p.change_kind, p.duration_months
    ('decrease', 'production_cost', 10.0, 'relative', 6.0)
    >>> p = parse_objective("Raise NPS from 32 to 40 points by Q2 2027, owned by the Head of Service")
    >>> p.baseline, p.target, p.unit, p.deadline.isoformat(), p.owner
    (32.0, 40.0, 'points', '2027-06-30', 'Head of Service')
    >>> parse_objective("improve quality").flags >= {"vague_measure", "no_number"}
    True
    >>> parse_objective(42)
    Traceback (most recent call last):
    ...
    TypeError: `text` must be a string (the objective sentence), got int. Pass structured fields to check_smart as a dict.
    """
    if not isinstance(text, str):
        msg = (
            f"`text` must be a string (the objective sentence), got {type(text).__name__}."
            " Pass structured fields to check_smart as a dict."
        )
        raise TypeError(msg)
    today = check_today(today)
    measures = MEASURES
    if catalogue is not None:
        measures = (*measures_from_catalogue(catalogue), *MEASURES)

    clean = _normalise_text(text)
    if not clean.strip():
        return ParsedObjective(
            text=clean,
            notes=("The objective is empty.",),
            flags=frozenset({"empty", "no_measure", "no_number", "no_direction"}),
        )
    notes: list[str] = []
    flags: set[str] = set()
    clean = _limit_length(clean, notes, flags)

    # Each step blanks what it read in `work` (number words already turned into digits).
    work = list(_words_to_digits(clean))
    dates = _read_dates(work, today, day_first)
    notes.extend(dates.notes)
    flags |= dates.flags
    owner = _read_owner(work)
    linked = _read_linked_objective(work)
    perspective = _read_perspective(work)
    measure, measure_text, counted = _read_measure(work, clean, measures)
    work_text = "".join(work)  # what is left: the direction word, the numbers, other words

    verb = _read_verb(work_text, measure)
    if measure is None:
        measure_text = _unmatched_measure(work_text, verb, notes, flags)
    amount = _read_amount(work_text, measure, notes, flags)
    amount = _amount_from_verb(verb, measure, amount, notes)
    if amount.target is None:
        _note_missing_target(work_text, notes, flags)
    comparative, comparative_words = _read_comparative(work_text)
    direction = _resolve_direction(verb, measure, amount, comparative, work_text, notes, flags)
    _check_contradictions(direction, verb, comparative, comparative_words, amount, notes, flags)
    _check_numbers(amount, measure, counted, work_text, notes, flags)

    return ParsedObjective(
        text=clean,
        direction=direction,
        measure_text=measure_text,
        measure_id=None if measure is None else measure.id,
        baseline=amount.baseline,
        target=amount.target,
        change_kind=amount.change_kind if amount.target is not None else None,
        unit=amount.unit,
        deadline=dates.deadline,
        duration_months=dates.duration,
        owner=owner,
        perspective=perspective,
        linked_objective=linked,
        notes=tuple(notes),
        flags=frozenset(flags),
    )


def _norm_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))
