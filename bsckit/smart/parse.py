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
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

import pandas as pd

from bsckit._validation import check_choice
from bsckit.smart.measures import (
    MEASURES,
    MEASURES_BY_ID,
    PERSPECTIVES,
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
    owner, perspective, linked_objective : str or None
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
    perspective: str | None = None
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
        check_choice("perspective", self.perspective, (*PERSPECTIVES, None))
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
        """Plain types only (dates as ISO strings), e.g. for YAML.

        Examples
        --------
        >>> ParsedObjective(measure_id="dso", deadline=date(2027, 3, 31)).to_dict()["deadline"]
        '2027-03-31'
        """
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "deadline" and value is not None:
                value = value.isoformat()
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
        >>> p.measure_id, p.unit, p.direction
        ('on_time_delivery', '%', 'increase')
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
# word lists and patterns
# --------------------------------------------------------------------------------------------

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
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

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MON = "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}

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

_DIRECTION_WORDS = (
    ("increase", r"increas\w*|rais(?:e|es|ed|ing)|grow(?:s|n|ing)?|growth|boost\w*|lift(?:s|ed|ing)?"
                 r"|expand\w*|ris(?:e|es|ing)|maximi[sz]\w*|doubl\w*|tripl\w*|step\s+up|push\s+up"
                 r"|gain(?:s)?\s+in|up\s+(?:from|to)"),
    ("decrease", r"decreas\w*|reduc\w*|cut(?:s|ting)?|lower(?:s|ed|ing)?|drop\w*|shrink\w*|shorten\w*"
                 r"|halv\w*|minimi[sz]\w*|trim\w*|slash\w*|bring\s+down|brought\s+down|lessen\w*"
                 r"|eliminat\w*|declin\w*|fall(?:s|ing)?|down\s+(?:from|to)|speed\s+up"),
    ("maintain", r"maintain\w*|keep(?:s|ing)?|sustain\w*|hold(?:s|ing)?|preserv\w*|stay(?:s|ing)?"
                 r"|remain(?:s|ing)?|protect\w*|safeguard\w*"),
    ("improve", r"improv\w*|enhanc\w*|better|optimi[sz]\w*|strengthen\w*"),
    ("reach", r"reach\w*|achiev\w*|attain\w*|hit(?:s|ting)?|get\s+to|deliver(?:s|ing)?|target(?:s|ing)?"
              r"|aim\s+for|move\s+to|bring\b"),
)  # fmt: skip
_DIRECTION_RE = re.compile(
    "|".join(rf"(?P<{name}>\b(?:{words})\b)" for name, words in _DIRECTION_WORDS), re.IGNORECASE
)
_COMPARATIVE_RE = re.compile(
    r"\b(?:to|at|reach)\s+(?:an?\s+)?(?:even\s+)?(?:much\s+)?(?P<c>higher|greater|larger|bigger|more|lower|smaller|fewer|less)"
    r"\b(?!\s+than\s+\d)|\b(?P<c2>higher|greater|larger|bigger|lower|smaller)\s+than\s+(?:now|today|before"
    r"|at\s+present|currently|the\s+(?:current|baseline))",
    re.IGNORECASE,
)
_UP_WORDS = {"higher", "greater", "larger", "bigger", "more"}

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

_VAGUE_MEASURES = {
    "quality", "performance", "results", "things", "efficiency", "operations", "processes",
    "process", "service", "services", "customer experience", "experience", "productivity",
    "satisfaction", "outcomes", "business", "kpis", "metrics", "it", "this", "that",
    "everything", "customer service", "teamwork", "morale", "innovation", "growth",
    "profitability", "effectiveness", "our numbers", "numbers", "figures", "the business",
    "delivery", "deliveries", "our game", "standards", "customer happiness", "happiness",
    "value", "culture", "the customer", "customers", "sustainability", "agility",
    "collaboration", "communication", "excellence", "food quality", "service quality",
    "product quality", "quality of service", "speed", "capability", "capabilities", "skills",
    "staff", "people", "team", "the team", "brand", "image", "reputation", "stuff",
}  # fmt: skip
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
class _Found:
    deadline: date | None = None
    deadline_text: str | None = None
    duration: float | None = None
    notes: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


def _read_dates(work: list[str], today: date, day_first: bool, out: _Found) -> None:
    """Find the first deadline and the first duration; blank what was read."""
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


def _date_from_match(
    kind: str, found: re.Match[str], today: date, day_first: bool, out: _Found
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
    value: float
    unit: str | None
    start: int
    end: int
    role: str  # baseline / change / target / bare
    raw: str


def _read_numbers(work: str, notes: list[str]) -> list[_Number]:
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
# the parser
# --------------------------------------------------------------------------------------------


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
    if today is None:
        today = date.today()
    elif isinstance(today, datetime):
        today = today.date()
    elif not isinstance(today, date):
        msg = f"`today` must be a datetime.date or None, got {type(today).__name__}."
        raise TypeError(msg)
    measures = MEASURES
    if catalogue is not None:
        measures = (*measures_from_catalogue(catalogue), *MEASURES)

    clean = unicodedata.normalize("NFKC", text)
    clean = re.sub(r"[‐-―−]", "-", clean)
    clean = clean.replace("\u2019", "'").replace("\u2018", "'")
    clean = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in clean)
    notes: list[str] = []
    flags: set[str] = set()
    if not clean.strip():
        return ParsedObjective(
            text=clean,
            notes=("The objective is empty.",),
            flags=frozenset({"empty", "no_measure", "no_number", "no_direction"}),
        )
    if len(clean) > LONG_TEXT:
        flags.add("long_text")
        notes.append(
            f"The text is {len(clean):,} characters long; an objective is best kept to one sentence."
        )
    if len(clean) > MAX_CHARS:
        notes.append(f"Only the first {MAX_CHARS:,} characters were read.")
        clean = clean[:MAX_CHARS]

    work = list(_words_to_digits(clean))
    found = _Found()
    _read_dates(work, today, day_first, found)
    notes.extend(found.notes)
    flags |= found.flags

    text_now = "".join(work)
    owner = None
    for pattern in _OWNER_PATTERNS:
        hit = pattern.search(text_now)
        if hit:
            owner = _clean_owner(hit.group("o"))
            _blank(work, hit.start(), hit.end())
            break
    text_now = "".join(work)
    linked = None
    for pattern in _LINK_PATTERNS:
        hit = pattern.search(text_now)
        if hit:
            linked = hit.group("l").strip(" ,")
            _blank(work, hit.start(), hit.end())
            break
    text_now = "".join(work)
    perspective = None
    hit = _PERSPECTIVE_RE.search(text_now)
    if hit:
        word = (hit.group("a") or hit.group("b")).lower()
        perspective = {"fin": "financial", "cus": "customer", "int": "internal"}.get(
            word[:3], "learning"
        )
        _blank(work, hit.start(), hit.end())
    work_text = "".join(work)

    # ---- measure ----------------------------------------------------------------------------
    measure: Measure | None = None
    measure_text: str | None = None
    counted = False  # "the number of billing errors": a count, whatever the measure's unit
    matched = match_measure(work_text, measures)
    if matched is not None:
        measure, m_start, m_end = matched
        measure_text = clean[m_start:m_end]
        counted = bool(
            re.search(
                r"\bnumber\s+of\s+(?:the\s+)?$",
                work_text[max(0, m_start - 20) : m_start],
                re.IGNORECASE,
            )
        )
        _blank(work, m_start, m_end)
        work_text = "".join(work)

    # ---- direction --------------------------------------------------------------------------
    direction: str | None = None
    verb_kind: str | None = None
    verb_text = ""
    verb_end = 0
    for hit in _DIRECTION_RE.finditer(work_text):
        kind = hit.lastgroup
        if kind == "reach" and measure is None and hit.group(0).lower().startswith("deliver"):
            continue
        verb_kind, verb_text, verb_end = kind, hit.group(0).lower(), hit.end()
        break
    if verb_kind in DIRECTIONS:
        direction = verb_kind
    if verb_kind is not None and measure is None:
        phrase = _phrase_after(work_text, verb_end)
        if phrase:
            measure_text = phrase
    if measure is None and measure_text is None:
        # A noun phrase before a number ("Complaints: 20 per month") is still a try.
        head = re.match(r"^\s*([^\W\d_][\w '&/-]{1,40}?)\s*(?:[:=]|\s-\s|\bat\b|\bof\b)", work_text)
        if head:
            measure_text = _DETERMINERS_RE.sub("", head.group(1).strip()) or None
    if measure is None:
        if measure_text is None:
            flags.add("no_measure")
            notes.append("No measure found.")
        elif measure_text.lower().strip() in _VAGUE_MEASURES or (
            _norm_words(measure_text) & {"quality", "performance"}
            and len(measure_text.split()) <= 3
        ):
            flags.add("vague_measure")
            notes.append(f"'{measure_text}' is too broad to measure.")
        else:
            flags.add("unknown_measure")
            notes.append(f"'{measure_text}' is not in the measure vocabulary.")

    # ---- numbers ----------------------------------------------------------------------------
    non_numeric = _NON_NUMERIC_RE.search(work_text)
    numbers = _read_numbers(work_text, notes)
    baseline = target = None
    change_kind = unit = None
    by_role: dict[str, list[_Number]] = {}
    for number in numbers:
        by_role.setdefault(number.role, []).append(number)
    base_num = (by_role.get("baseline") or [None])[0]
    # "from 12% to 15%": the number after a baseline introduced by "to" is the target
    chosen: _Number | None = None
    if by_role.get("target"):
        chosen = by_role["target"][0]
        change_kind = "absolute"
    elif by_role.get("change"):
        chosen = by_role["change"][0]
    elif by_role.get("bare"):
        candidates = [n for n in by_role["bare"] if n.unit is not None] or by_role["bare"]
        chosen = candidates[0]
        change_kind = "absolute"
    if chosen is not None and chosen.role == "change":
        if chosen.unit == "pp" or (
            chosen.unit == "points" and measure is not None and measure.unit == "%"
        ):
            change_kind = "percentage_points"
        elif chosen.unit == "%":
            change_kind = "relative"
        else:
            change_kind = "amount"
    if base_num is not None:
        baseline = base_num.value
    if chosen is not None:
        target = chosen.value
        unit = chosen.unit
        if unit == "points" and measure is not None and measure.unit == "%":
            unit = "pp" if change_kind != "absolute" else "%"
        if unit is None and base_num is not None and base_num.unit is not None:
            unit = base_num.unit
        if unit is None and measure is not None:
            unit = "%" if change_kind == "relative" else measure.unit
            if measure.unit == "%" and change_kind == "percentage_points":
                unit = "pp"
            flags.add("unit_inferred")
            notes.append(f"No unit given; '{unit}' assumed from the measure.")
        if unit == "units" and measure is not None and measure.unit == "ratio":
            unit = "ratio"
        used = {id(chosen)} | ({id(base_num)} if base_num is not None else set())
        others = [n for n in numbers if id(n) not in used]
        if others:
            flags.add("multiple_numbers")
            listed = ", ".join(f"'{n.raw.strip()}'" for n in others[:3])
            notes.append(f"Other numbers not used: {listed}.")
    elif base_num is not None and base_num.unit is not None:
        unit = base_num.unit

    # double / triple / halve
    if target is None and verb_text:
        multiple = {"doubl": 100.0, "tripl": 200.0, "halv": 50.0}
        for stem, percent in multiple.items():
            if verb_text.startswith(stem):
                target, change_kind, unit = percent, "relative", "%"
                notes.append(f"'{verb_text}' read as a {percent:g}% change.")
    if verb_text.startswith("eliminat") and target is None:
        target, change_kind = 0.0, "absolute"
        unit = measure.unit if measure is not None else None
        notes.append("'eliminate' read as a target of zero.")

    if target is None:
        flags.add("no_number")
        if non_numeric:
            flags.add("non_numeric_amount")
            notes.append(f"'{non_numeric.group(0).strip()}' is not a number.")
        else:
            notes.append("No target number found.")

    # ---- resolve direction ------------------------------------------------------------------
    if verb_kind == "improve":
        if measure is not None:
            direction = "increase" if measure.better == "higher" else "decrease"
            notes.append(f"'{verb_text}' read as '{direction}' (for this measure {measure.better}"
                         " is better).")  # fmt: skip
        else:
            flags.add("improve_ambiguous")
            notes.append(f"'{verb_text}' does not say whether the number should go up or down.")
    comparative = _COMPARATIVE_RE.search(work_text)
    comp_dir = None
    if comparative:
        word = (comparative.group("c") or comparative.group("c2")).lower()
        comp_dir = "increase" if word in _UP_WORDS else "decrease"
    if direction is None and verb_kind in ("reach", None) and target is not None:
        if baseline is not None and change_kind == "absolute":
            direction = (
                "increase" if target > baseline else "decrease" if target < baseline else "maintain"
            )
        elif comp_dir is not None:
            direction = comp_dir
        elif measure is not None:
            direction = "increase" if measure.better == "higher" else "decrease"
            if re.search(r"\b(?:under|below|less\s+than|no\s+more\s+than|at\s+most|within|"
                         r"maximum|fewer\s+than)\s*$", work_text[max(0, chosen.start - 25) : chosen.start],
                         re.IGNORECASE) and measure.better == "higher":  # fmt: skip
                direction = "decrease"
        if direction is not None:
            flags.add("direction_inferred")
            notes.append(f"Direction inferred as '{direction}'.")
    if direction is None and verb_kind is None and comp_dir is not None:
        direction = comp_dir
    if direction is None:
        flags.add("no_direction")
        if "improve_ambiguous" not in flags:
            notes.append("No direction (increase, reduce, keep) found.")

    # ---- contradictions and impossible numbers ----------------------------------------------
    if direction in ("increase", "decrease"):
        if comp_dir is not None and comp_dir != direction:
            flags.add("contradiction")
            notes.append(f"'{comparative.group(0).strip()}' contradicts '{verb_text}'.")
        if baseline is not None and target is not None and change_kind == "absolute":
            wrong = target < baseline if direction == "increase" else target > baseline
            if wrong:
                flags.add("contradiction")
                notes.append(f"'{verb_text}' from {baseline:g} to {target:g} goes the other way.")
        if target is not None and target < 0 and change_kind != "absolute":
            flags.add("contradiction")
            flags.add("negative_change")
            notes.append(f"A negative change ({target:g}) contradicts '{verb_text}'.")
    if (
        target is not None
        and target < 0
        and change_kind == "absolute"
        and measure is not None
        and measure.low is not None
        and measure.low >= 0
    ):
        flags.add("negative_target")
        notes.append(f"{measure.name} cannot be negative ({target:g}).")
    if (
        change_kind == "relative"
        and chosen is not None
        and measure is not None
        and measure.unit == "%"
        and base_num is None
        and not counted
        and not _RELATIVE_WORD_RE.search(work_text)
    ):
        flags.add("ambiguous_percent")
        notes.append(
            f"'{target:g}%' of a percentage could mean a relative change or percentage points."
        )
    if target is not None and unit is None and measure is None:
        flags.add("bare_number")

    return ParsedObjective(
        text=clean,
        direction=direction,
        measure_text=measure_text,
        measure_id=None if measure is None else measure.id,
        baseline=baseline,
        target=target,
        change_kind=change_kind if target is not None else None,
        unit=unit,
        deadline=found.deadline,
        duration_months=found.duration,
        owner=owner,
        perspective=perspective,
        linked_objective=linked,
        notes=tuple(notes),
        flags=frozenset(flags),
    )


def _norm_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))
