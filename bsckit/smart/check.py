"""Judge an objective against the five SMART criteria, the way a facilitator would.

The rules (the corpus in ``tests/smart_corpus.yaml`` is labelled by hand against them):

Not English
    Text that is not English (see ``bsckit/smart/languages.yaml``) is not judged: every
    criterion warns "only English is read", and no field is read from it.
Specific
    *fail*: no measure, or only a broad word ("quality", "performance"); a word that names
    several catalogue measures ("costs": operating costs, production cost, cost per unit or
    COGS? - the candidates are listed); several objectives in one text (listed, one per
    measure; the other criteria judge the first); or the direction and the numbers contradict
    each other ("reduce ... from 10 to 12", "reduce ... to a higher value", and the same in
    structured input such as the builder's fields). *warn*: a measure that is not in the
    catalogue, or no direction ("improve" a measure whose better direction is unknown), or a
    direction that makes the measure worse ("increase the defect rate": for it lower is
    better). *pass*: a catalogue measure and a direction (stated, or implied by a target level
    such as "achieve 95% on-time delivery").
Measurable
    *fail*: no target number (including "by a lot", "significantly"), or a number but no
    measure to apply it to. *warn*: the measure is not in the catalogue (or not in ``data``), a
    number without a unit, a unit that does not fit the measure (minutes for a percentage), or
    "by 15%" on a measure that is itself a percentage (relative change or percentage points?),
    a word that names several measures. *pass*: a number with a fitting unit on a measure the
    data can compute. Units stay as written (30 seconds is shown as 30 seconds, "per 1,000
    orders" is kept); where the measure is recorded in another unit, the conversion is made
    and said ("30 seconds = 0.5 minutes", "2 per 100 invoices = 2%"). A count of people
    trained ("train 40 agents") and a fraction ("by a quarter" = 25%) are numbers.
Achievable
    *fail*: the target is outside the measure's physical range (above 100% for a share,
    negative cost, cut by more than 100%), or, with ``data``, the required monthly change is
    more than ``absurd_factor`` times the fastest pace the history's trend allows (the upper
    end of the 95% interval of the least-squares slope over the last ``trend_months`` months,
    see :func:`fitted_trend`) and the target lies more than a typical month's move past the
    best month of that window; without data, a relative rise of more than 300%. *warn*: nothing
    to judge (no target, no measure or no time frame, contradictory numbers, deadline passed),
    a target of perfection (100% on-time, zero defects), the target already met; with data, a
    required change faster than a clear trend, a history with no clear trend (the slope's
    interval includes zero: the feedback says so, with the typical month-to-month change) or
    one getting worse; without data, a rise of more than 100%, a cut of more than 50% or a
    change of more than 20 percentage points within 12 months. *pass*: with data, a clear
    improving trend at least as fast as needed, or a change no larger than a typical month's move
    to a level the window has already reached; without data, otherwise (the feedback says the
    verdict is only a plausibility check). The best change over any window of a noisy series
    is never used: it is the luckiest stretch, not what Homeats can repeat.
Relevant
    *fail*: no measure, so nothing to link. *warn*: a measure outside the catalogue (its
    perspective is unknown); a stated perspective the measure does not belong to; a leading
    measure for a financial-perspective objective; structured input without a linked strategic
    objective. *pass*: a catalogue measure, whose perspective is inferred for text input.
Time-bound
    *fail*: no deadline or duration (or only "soon"), a deadline today or in the past, a
    duration of zero. *warn*: more than ``max_years`` years away. *pass*: otherwise.

Examples
--------
>>> from datetime import date
>>> r = check_smart("Improve quality", today=date(2026, 11, 1))
>>> [v.status for v in r.verdicts]
['fail', 'fail', 'warn', 'fail', 'fail']
>>> r["Specific"].suggestion
"Name the measure, e.g. 'on-time delivery rate' or 'defect rate', and say whether it should go up or down."
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from bsckit._validation import check_positive, check_today
from bsckit.catalogue import MEASURES as _CATALOGUE
from bsckit.catalogue import UNITS as _CATALOGUE_UNITS
from bsckit.scorecard.perspective import Perspective
from bsckit.smart.feedback import CRITERIA, SmartReport, Verdict
from bsckit.smart.measures import MEASURES, Measure, measures_from_catalogue
from bsckit.smart.parse import ParsedObjective, parse_objective

__all__ = ["Trend", "check_smart", "fitted_trend"]

_TIME_MINUTES = {"seconds": 1 / 60, "minutes": 1.0, "hours": 60.0, "days": 1440.0, "weeks": 10080.0}
_UNIT_WORDS = {
    "seconds": "seconds",
    "%": "percent",
    "pp": "percentage points",
    "points": "points",
    "GBP": "pounds (£)",
    "EUR": "euros (€)",
    "USD": "dollars ($)",
    "units": "a count",
    "ratio": "a ratio",
}

# plausibility limits used when no data is given (see module docstring)
_RISE_WARN, _RISE_FAIL = 100.0, 300.0
_CUT_WARN = 50.0
_PP_WARN = 20.0
_FAST_MONTHS = 12.0


def _example_measures() -> str:
    return "e.g. 'on-time delivery rate' or 'defect rate'"


def _fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _basis_number(per: str | None) -> float | None:
    """The number in the basis of a rate: '1,000 orders' -> 1000, 'meal' -> None.

    Examples
    --------
    >>> _basis_number("1,000 orders"), _basis_number("a hundred meals"), _basis_number("meal")
    (1000.0, 100.0, None)
    """
    if not per:
        return None
    words = per.lower().split()
    if words[0] in ("a", "one"):
        words = words[1:]
    named = {"thousand": 1000.0, "hundred": 100.0}
    if words and words[0] in named:
        return named[words[0]]
    try:
        return float(words[0].replace(",", ""))
    except (ValueError, IndexError):
        return None


def _measure_basis(measure: Measure | None) -> str | None:
    """The basis a catalogue measure is recorded on ('1,000 orders'), from its unit's meaning.

    Examples
    --------
    >>> from bsckit.smart import MEASURES_BY_ID
    >>> _measure_basis(MEASURES_BY_ID["quality_complaints"]), _measure_basis(MEASURES_BY_ID["dso"])
    ('1,000 orders', None)
    """
    definition = None if measure is None else _CATALOGUE.get(measure.id)
    unit = None if definition is None else _CATALOGUE_UNITS.get(definition.unit)
    found = None if unit is None else re.search(r"\bper\s+(\d[\d,]*\s+\w+)", unit.meaning)
    return None if found is None else found.group(1)


def _convert(
    value: float,
    unit: str | None,
    to_unit: str,
    per: str | None = None,
    to_per: str | None = None,
) -> float | None:
    """Convert a level or an amount into the measure's unit; ``None`` when it cannot be.

    Times convert between seconds, minutes, hours, days and weeks; a count per a number of
    things ("2 per 100 invoices") converts to a percentage, or to the measure's own basis
    (``to_per``: 0.3 per 100 orders is 3 per 1,000 orders); the same unit passes through.

    Examples
    --------
    >>> _convert(30, "seconds", "minutes"), _convert(2, "units", "%", "100 invoices")
    (0.5, 2.0)
    >>> _convert(0.3, "units", "units", "100 orders", "1,000 orders")
    3.0
    """
    basis, to_basis = _basis_number(per), _basis_number(to_per)
    if unit == "units" and to_unit == "units" and basis and to_basis and basis != to_basis:
        return value * to_basis / basis
    if unit == to_unit or unit is None:
        return value
    if unit in _TIME_MINUTES and to_unit in _TIME_MINUTES:
        return value * _TIME_MINUTES[unit] / _TIME_MINUTES[to_unit]
    if unit == "units" and to_unit == "%" and basis:
        return value / basis * 100.0
    return None


def _conversion_note(p: ParsedObjective, measure: Measure) -> str:
    """What the target is in the measure's unit, when it is written in another unit.

    Only a conversion the measure asks for is made, and it is said ("90 seconds = 1.5
    minutes", "0.3 per 100 orders = 3 per 1,000 orders"); a target already in the measure's
    unit gets ``""``.
    """
    if p.target is None or p.change_kind in ("relative", "percentage_points"):
        return ""
    basis = _measure_basis(measure)
    if basis is not None and p.unit == "units" and p.per is None:
        return f" Read per {basis}, the basis {measure.name} is recorded on."
    if p.unit is None or (p.unit == measure.unit and (basis is None or p.per is None)):
        return ""
    converted = _convert(p.target, p.unit, measure.unit, p.per, basis)
    if converted is None or (p.unit == measure.unit and converted == p.target):
        return ""
    written = _describe_target(p).split(" ", 1)[1]
    name = measure.name[:1].upper() + measure.name[1:]
    if basis is not None and measure.unit == "units":
        return f" {name} is recorded per {basis}: {written} = {_fmt(converted)} per {basis}."
    into = f"{_fmt(converted)}%" if measure.unit == "%" else f"{_fmt(converted)} {measure.unit}"
    recorded = _UNIT_WORDS.get(measure.unit, measure.unit)
    return f" {name} is recorded in {recorded}: {written} = {into}."


def _unit_fits(parsed: ParsedObjective, measure: Measure) -> str | None:
    """Why the stated unit does not fit the measure, or ``None`` when it does."""
    unit, kind = parsed.unit, parsed.change_kind
    if unit is None or kind is None:
        return None
    if kind == "relative":
        if measure.low is not None and measure.low < 0 and measure.unit == "points":
            return f"{measure.name} can be negative, so a change in % of it is unclear"
        return None
    if kind == "percentage_points":
        return (
            None
            if measure.unit in ("%", "points")
            else (f"percentage points do not apply to {measure.name}, which is in {measure.unit}")
        )
    if unit == "units" and measure.unit == "%" and _basis_number(parsed.per):
        return None  # "2 per 100 invoices" is a percentage
    allowed = {
        "%": {"%", "pp"},
        "points": {"points"},
        "GBP": {"GBP"},
        "units": {"units"},
        "ratio": {"ratio", "units"},
    }.get(measure.unit, set(_TIME_MINUTES))
    if unit in allowed:
        return None
    if measure.unit == "GBP" and unit in ("EUR", "USD"):
        return f"Homeats reports {measure.name} in pounds, not {_UNIT_WORDS[unit]}"
    return f"{measure.name} is measured in {_UNIT_WORDS.get(measure.unit, measure.unit)}, not {_UNIT_WORDS.get(unit, unit)}"


# --------------------------------------------------------------------------------------------
# the five criteria
# --------------------------------------------------------------------------------------------


def _first_candidate(said: str) -> str:
    """The first measure named in a "could mean A, B or C" note."""
    found = re.search(r"could mean (.+?)(?:,| or |\.$)", said)
    return found.group(1) if found else "the measure"


def _shown(value: float, unit: str | None) -> str:
    """A value with its unit, as in the feedback ('3.31%', '40 days', '£4.20')."""
    number = _fmt(value)
    if unit == "%":
        return f"{number}%"
    if unit in ("GBP", "EUR", "USD"):
        return {"GBP": "£", "EUR": "€", "USD": "$"}[unit] + number
    if unit in (None, "units", "ratio"):
        return number
    return f"{number} {unit}"


def _wrong_way(p: ParsedObjective, measure: Measure | None) -> str | None:
    """Why the target moves against the stated direction, or ``None`` when it does not.

    Examples
    --------
    >>> p = ParsedObjective(direction="decrease", measure_id="defect_rate", baseline=3.31,
    ...                     target=9, change_kind="absolute", unit="%")
    >>> print(_wrong_way(p, p.measure))
    'decrease' defect rate from 3.31% to 9% is a rise of 5.69 percentage points, not a fall.
    """
    if p.direction not in ("increase", "decrease") or p.target is None:
        return None
    what = measure.name if measure is not None else (p.measure_text or "the measure")
    if p.change_kind == "absolute" and p.baseline is not None and p.target != p.baseline:
        rises = p.target > p.baseline
        if rises == (p.direction == "increase"):
            return None
        step = abs(p.target - p.baseline)
        step_text = f"{_fmt(step)} percentage points" if p.unit == "%" else _shown(step, p.unit)
        return (
            f"'{p.direction}' {what} from {_shown(p.baseline, p.unit)} to"
            f" {_shown(p.target, p.unit)} is a {'rise' if rises else 'fall'} of {step_text},"
            f" not a {'fall' if rises else 'rise'}."
        )
    if p.change_kind != "absolute" and p.target < 0:
        return f"A negative change ({_fmt(p.target)}) contradicts '{p.direction}'."
    return None


def _against_better(p: ParsedObjective, measure: Measure | None) -> str | None:
    """Why the objective makes the measure worse, or ``None``.

    Examples
    --------
    >>> p = ParsedObjective(direction="increase", measure_id="dso", baseline=40, target=45,
    ...                     change_kind="absolute", unit="days")
    >>> print(_against_better(p, p.measure))
    This makes days sales outstanding (DSO) rise (40 days to 45 days), but for it lower is better.
    """
    if measure is None or p.direction not in ("increase", "decrease"):
        return None
    worse = "increase" if measure.better == "lower" else "decrease"
    if p.direction != worse:
        return None
    move = "rise" if worse == "increase" else "fall"
    span = ""
    if p.baseline is not None and p.target is not None and p.change_kind == "absolute":
        span = f" ({_shown(p.baseline, p.unit)} to {_shown(p.target, p.unit)})"
    return f"This makes {measure.name} {move}{span}, but for it {measure.better} is better."


def _specific(p: ParsedObjective, measure: Measure | None) -> Verdict:
    flags = p.flags
    if "empty" in flags:
        return Verdict(
            "Specific",
            "fail",
            "The objective is empty.",
            f"Start with a verb and a measure, {_example_measures()}: 'Increase the on-time"
            " delivery rate from 88% to 95% by 30 June 2027.'",
        )
    if "multiple_objectives" in flags:
        listed = next((n for n in p.notes if n.startswith("This text holds")), "")
        return Verdict(
            "Specific",
            "fail",
            f"{listed} The other criteria below judge the first one only.".strip(),
            "Write one objective per measure, each with its own target and deadline.",
        )
    if measure is None and (p.measure_text is None or "vague_measure" in flags):
        said = (
            f"'{p.measure_text}' is too broad to measure"
            if p.measure_text
            else ("No measure is named")
        )
        return Verdict(
            "Specific",
            "fail",
            f"{said}: a reader cannot tell which number should move.",
            f"Name the measure, {_example_measures()}, and say whether it should go up or down.",
        )
    what = measure.name if measure is not None else p.measure_text
    wrong_way = _wrong_way(p, measure)
    if "contradiction" in flags or wrong_way is not None:
        why = wrong_way or next((n for n in p.notes if "contradict" in n or "other way" in n), "")
        if p.change_kind == "absolute" and p.baseline is not None and p.target is not None:
            fix = (
                f"Were the numbers swapped (from {_shown(p.target, p.unit)} to"
                f" {_shown(p.baseline, p.unit)})? If {what} should"
                f" {'fall' if p.direction == 'decrease' else 'rise'}, the target must be"
                f" {'below' if p.direction == 'decrease' else 'above'}"
                f" {_shown(p.baseline, p.unit)}."
            )
        else:
            fix = (
                f"Make the verb and the target agree: if {what} should fall, the target must"
                " be below today's value."
            )
        if measure is not None:
            fix += f" For {measure.name} {measure.better} is better."
        if "ambiguous_measure" in flags:
            fix += " " + next((n for n in p.notes if "could mean" in n), "")
        return Verdict(
            "Specific",
            "fail",
            f"The direction and the numbers contradict each other: {why}".strip(),
            fix,
        )
    if "ambiguous_measure" in flags:
        said = next((n for n in p.notes if "could mean" in n), "")
        said = said.replace("; none is assumed.", ".")
        return Verdict(
            "Specific",
            "fail",
            f"{said} A reader cannot tell which number should move.",
            f"Say which one, e.g. 'reduce {_first_candidate(said)} by 10%'.",
        )
    if measure is None:
        return Verdict(
            "Specific",
            "warn",
            f"'{what}' is not in the measure catalogue, so it may mean different things to"
            " different people.",
            f"Use a catalogue measure with a clear definition, {_example_measures()}, or define"
            f" '{what}' precisely.",
        )
    if p.direction is None:
        return Verdict(
            "Specific",
            "warn",
            f"Names {what}, but not whether it should rise, fall or hold.",
            f"Say 'increase', 'reduce' or 'keep' ({measure.better} is better for {what}).",
        )
    worse = _against_better(p, measure)
    if worse is not None:
        better = "reduce" if measure.better == "lower" else "increase"
        return Verdict(
            "Specific",
            "warn",
            f"Names {what} and a direction ({p.direction}), but aims at a worse result. {worse}",
            f"If that is not the intent, '{better}' {what}; if it is (a deliberate trade-off),"
            " say why in the objective.",
        )
    return Verdict(
        "Specific", "pass", f"Names the measure '{what}' and a direction ({p.direction}).", ""
    )


def _measurable(p: ParsedObjective, measure: Measure | None, data_note: str | None) -> Verdict:
    flags = p.flags
    if "empty" in flags:
        return Verdict("Measurable", "fail", "There is nothing to measure yet.",
                       "Add a number with its unit, e.g. 'to 95%' or 'by 10%'.")  # fmt: skip
    if p.target is None:
        non_numeric = next((n for n in p.notes if "is not a number" in n), None)
        said = (
            f"{non_numeric[:-1]}, so nobody can tell when it is reached."
            if non_numeric
            else "There is no target number, so nobody can tell when it is reached."
        )
        unit = measure.unit if measure is not None else "%"
        example = "'by 10%'" if unit != "%" else "'from 88% to 95%'"
        return Verdict("Measurable", "fail", said, f"Add a number with its unit, e.g. {example}.")
    if measure is None and (p.measure_text is None or "vague_measure" in flags):
        return Verdict(
            "Measurable",
            "fail",
            f"There is a number ({_fmt(p.target)}) but no measure it applies to.",
            f"Attach the number to a measure the data can compute, {_example_measures()}.",
        )
    if measure is None and "ambiguous_measure" in flags:
        return Verdict(
            "Measurable",
            "warn",
            f"There is a number ({_describe_target(p)}), but '{p.measure_text}' could be"
            " measured several ways, so it is not clear which figure will be tracked.",
            "Name the measure; its unit and data source then follow from the catalogue.",
        )
    if measure is None:
        if p.unit is None:
            return Verdict(
                "Measurable",
                "warn",
                f"'{p.measure_text}' is not in the catalogue and the number has no unit.",
                "Give the unit (%, days, £...) and use a measure Homeats already records.",
            )
        return Verdict(
            "Measurable",
            "warn",
            f"The target has a number and a unit ({_describe_target(p)}), but"
            f" '{p.measure_text}' is not a measure the Homeats data can compute.",
            f"Use a catalogue measure, {_example_measures()}, or say how it will be computed.",
        )
    if data_note is not None:
        return Verdict(
            "Measurable",
            "warn",
            data_note,
            f"Check that {measure.name} is collected, or choose a measure the data holds.",
        )
    misfit = _unit_fits(p, measure)
    if misfit is not None:
        return Verdict(
            "Measurable",
            "warn",
            f"The unit does not fit: {misfit}.",
            f"State the target in {_UNIT_WORDS.get(measure.unit, measure.unit)}.",
        )
    if "ambiguous_percent" in flags:
        return Verdict(
            "Measurable",
            "warn",
            f"'{_fmt(p.target)}%' of a measure that is already a percentage is ambiguous:"
            f" a relative change or {_fmt(p.target)} percentage points?",
            f"State the baseline and the target level, e.g. 'from 20% to 23%', or write"
            f" 'by {_fmt(p.target)} percentage points'.",
        )
    return Verdict(
        "Measurable",
        "pass",
        f"A number with a unit ({_describe_target(p)}) on a measure the data can compute."
        + _conversion_note(p, measure),
        "",
    )


def _describe_target(p: ParsedObjective) -> str:
    unit = p.unit or ""
    number = _fmt(p.target) if p.target is not None else "?"
    if unit == "%":
        shown = f"{number}%"
    elif unit == "GBP":
        shown = f"£{number}"
    elif unit == "EUR":
        shown = f"€{number}"
    elif unit == "USD":
        shown = f"${number}"
    elif unit == "units" and p.per:
        shown = number
    elif unit == "units":
        shown = f"{number}, a count"
    else:
        shown = f"{number} {unit}".strip()
    if p.per:
        shown = f"{shown} per {p.per}"
    return {"relative": f"by {shown}", "absolute": f"to {shown}"}.get(
        p.change_kind or "", f"by {shown}"
    )


def _series_for(
    data: Any, measure: Measure | None, p: ParsedObjective
) -> tuple[pd.Series | None, str | None]:
    """The history to judge against, and a note when data was given but holds no series."""
    if data is None:
        return None, None
    if isinstance(data, pd.Series):
        series = data
    else:
        key = measure.id if measure is not None else p.measure_id
        if isinstance(data, pd.DataFrame):
            series = data[key] if key is not None and key in data.columns else None
        else:
            series = data.get(key) if key is not None else None
        if series is None:
            if measure is None:
                return None, None
            return None, f"The data given holds no history for {measure.name} ('{measure.id}')."
        if not isinstance(series, pd.Series):
            series = pd.Series(series)
    if not (pd.api.types.is_numeric_dtype(series) or series.dtype == object):
        msg = (
            f"`data` must hold numbers (a monthly history per measure); the series for"
            f" {p.measure_id!r} has dtype {series.dtype}."
        )
        raise TypeError(msg)
    values = pd.to_numeric(series, errors="coerce")
    with contextlib.suppress(TypeError):  # an index that cannot be sorted keeps its order
        values = values.sort_index()
    values = values.replace([np.inf, -np.inf], np.nan).dropna()
    return values, None


@dataclass(frozen=True)
class Trend:
    """The least-squares trend of a monthly history.

    Parameters
    ----------
    slope : float
        Change per month of the fitted straight line.
    half_width : float
        Half the width of its 95% confidence interval (Student's t with n - 2 degrees of
        freedom; 0 when the points lie exactly on a line).
    months : int
        How many months were fitted.
    typical_change : float
        The median absolute month-to-month change: the noise a single month shows.
    """

    slope: float
    half_width: float
    months: int
    typical_change: float

    @property
    def clear(self) -> bool:
        """Whether the 95% interval excludes zero (a trend distinguishable from noise)."""
        return abs(self.slope) > self.half_width

    @property
    def interval(self) -> tuple[float, float]:
        """The 95% confidence interval of the slope."""
        return self.slope - self.half_width, self.slope + self.half_width


def fitted_trend(values: np.ndarray | pd.Series) -> Trend:
    """Least-squares slope of ``values`` (one per month, in time order) with its 95% interval.

    Examples
    --------
    Seven months rising by 80, 81, 81, 82, 83, 83, 84: the slope is Sxy / Sxx = 18 / 28 =
    0.643 a month; the residual variance is 0.4286 / 5, so the standard error is
    sqrt(0.0857 / 28) = 0.0553 and the 95% half-width 2.571 x 0.0553 = 0.142.

    >>> t = fitted_trend(np.array([80.0, 81, 81, 82, 83, 83, 84]))
    >>> round(t.slope, 3), round(t.half_width, 3), t.clear, t.typical_change
    (0.643, 0.142, True, 1.0)
    >>> fitted_trend(np.array([80.0, 84, 80, 84, 80, 84, 80, 84])).clear
    False
    """
    y = np.asarray(values, dtype=float)
    n = len(y)
    if n < 3:
        msg = f"`values` must hold at least 3 months to fit a trend, got {n}."
        raise ValueError(msg)
    t = np.arange(n, dtype=float)
    t_dev = t - t.mean()
    sxx = float(np.sum(t_dev**2))
    slope = float(np.sum(t_dev * (y - y.mean())) / sxx)
    residuals = y - (y.mean() + slope * t_dev)
    variance = float(np.sum(residuals**2)) / (n - 2)
    # the 97.5% quantile of Student's t, as scipy.stats.t.ppf computes it; scipy.special is
    # imported here, on first use, so that `import bsckit.smart` stays light (benchmarks/README.md)
    from scipy import special

    half_width = float(special.stdtrit(n - 2, 0.975) * math.sqrt(variance / sxx))
    typical = float(np.median(np.abs(np.diff(y))))
    return Trend(slope, half_width, n, typical)


def _against_trend(
    p: ParsedObjective,
    measure: Measure | None,
    history: pd.Series,
    level: float,
    baseline: float,
    baseline_note: str,
    months: float,
    absurd_factor: float,
    trend_months: int,
) -> Verdict:
    """Achievable with data: the required monthly change against the fitted trend.

    Never the best window of a noisy series: the trend is a least-squares line over the last
    ``trend_months`` months, with its 95% interval. An objective passes when the trend is
    clear and at least as fast as needed; it fails when the need is more than
    ``absurd_factor`` times the fastest pace the interval allows *and* the target lies more
    than a typical month's move past the best month of the window (a level the history has
    come near is not ruled out by a flat trend); a change no larger than a typical month's
    move, to a level the history has already reached, passes; otherwise it warns, and says
    whether the history shows a clear trend at all (with no clear trend the history cannot rule
    an objective out, only say that the change must come from something new).
    """
    sign = 1.0 if p.direction == "increase" else -1.0
    required = sign * (level - baseline) / months
    unit = measure.unit if measure is not None else (p.unit or "")
    per = f"{_fmt(abs(required))} {unit} a month"
    if unit == "%":
        per = f"{_fmt(abs(required))} percentage points a month"
    if required <= 0:
        return Verdict(
            "Achievable",
            "warn",
            f"The target {_fmt(level)} is already met{baseline_note}: there is no stretch.",
            "Raise the ambition or choose a measure that still needs to improve.",
        )
    trend = fitted_trend(history.to_numpy(dtype=float)[-trend_months:])
    rate = sign * trend.slope  # improvement a month along the trend
    fastest = rate + trend.half_width
    low, high = trend.interval
    span = f"the last {trend.months} months"
    fitted = (
        f"{_fmt(trend.slope)} a month, 95% interval {_fmt(low)} to {_fmt(high)};"
        f" a typical month moves {_fmt(trend.typical_change)}"
    )
    name = measure.name if measure is not None else (p.measure_text or "the measure")
    if fastest <= 0:
        said = (
            "never improved: it did not change"
            if trend.slope == 0 and trend.half_width == 0
            else f"has been getting worse ({fitted})"
        )
        return Verdict(
            "Achievable",
            "warn",
            f"The objective needs {per}{baseline_note}, but over {span} {name} {said}.",
            "Explain what will change (an initiative, resources), or lower the target.",
        )
    total = abs(level - baseline)
    recent = history.to_numpy(dtype=float)[-trend_months:]
    reached = bool(recent.max() >= level) if sign > 0 else bool(recent.min() <= level)
    if reached and total <= trend.typical_change:
        return Verdict(
            "Achievable",
            "pass",
            f"The objective asks for {_fmt(total)} in all{baseline_note}, no more than a typical"
            f" month moves, and {span} already reached {_fmt(level)} (trend {fitted}): the task"
            " is to hold the level of the better months.",
            "",
        )
    best = recent.max() if sign > 0 else recent.min()
    beyond_best = sign * (level - best)  # how far past the best month of the window
    if required > absurd_factor * fastest and beyond_best > trend.typical_change:
        return Verdict(
            "Achievable",
            "fail",
            f"The objective needs {per}{baseline_note}, {required / fastest:.1f} times the"
            f" fastest pace the trend of {span} allows ({_fmt(fastest)} a month; trend {fitted}),"
            f" to a level {_fmt(beyond_best)} past the best month of that time.",
            f"Lower the target or allow more time; more than {absurd_factor:g}x the pace the"
            " history supports is not credible without a step change.",
        )
    if trend.clear and rate > 0 and required <= rate:
        return Verdict(
            "Achievable",
            "pass",
            f"The objective needs {per}{baseline_note}; over {span} {name} has improved by"
            f" {_fmt(rate)} a month (trend {fitted}), so the trend gets there.",
            "",
        )
    if trend.clear and rate > 0:
        return Verdict(
            "Achievable",
            "warn",
            f"The objective needs {per}{baseline_note}, faster than the trend of {span}"
            f" ({fitted}): a stretch.",
            "Name the initiative that will make the difference, or allow more time.",
        )
    return Verdict(
        "Achievable",
        "warn",
        f"The objective needs {per}{baseline_note}, but {span} show no clear trend"
        f" ({fitted}): the change has to come from something new.",
        "Name the initiative that will make the difference, or allow more time.",
    )


def _level(p: ParsedObjective, measure: Measure | None, baseline: float | None) -> float | None:
    """The level the objective aims at, in the measure's unit (``None`` when it cannot say).

    ``baseline`` is already in the measure's unit. An amount ("by 30 seconds") is converted
    before it is applied to the baseline.

    Examples
    --------
    >>> p = ParsedObjective(direction="decrease", measure_id="delivery_time", target=90,
    ...                     change_kind="amount", unit="seconds")
    >>> _level(p, p.measure, 40.0)
    38.5
    """
    if measure is None:
        return p.target_level(baseline)
    if p.change_kind not in ("absolute", "amount") or p.target is None:
        return p.target_level(baseline)
    amount = _convert(p.target, p.unit, measure.unit, p.per, _measure_basis(measure))
    if amount is None:
        if p.unit in ("%", "pp") and measure.unit == "%":
            return p.target_level(baseline)
        return None
    if p.change_kind == "absolute":
        return amount
    if baseline is None:
        return None
    return baseline - amount if p.direction == "decrease" else baseline + amount


def _achievable(
    p: ParsedObjective,
    measure: Measure | None,
    history: pd.Series | None,
    months: float | None,
    absurd_factor: float,
    trend_months: int = 24,
) -> Verdict:
    flags = p.flags
    name = measure.name if measure is not None else (p.measure_text or "the measure")
    if p.target is None:
        return Verdict(
            "Achievable",
            "warn",
            "Without a target number there is nothing to judge yet.",
            "Add a target; the check then compares it with what Homeats has achieved before.",
        )
    if measure is None and (p.measure_text is None or "vague_measure" in flags):
        return Verdict(
            "Achievable",
            "warn",
            "Without a measure there is no history to compare the target with.",
            "Name the measure first.",
        )
    if "contradiction" in flags or _wrong_way(p, measure) is not None:
        return Verdict(
            "Achievable",
            "warn",
            "The numbers contradict the direction, so the effort needed cannot be judged.",
            "Fix the direction or the target first.",
        )
    # ---- physical bounds --------------------------------------------------------------------
    baseline = p.baseline
    baseline_note = ""
    if baseline is None and history is not None and len(history):
        baseline = float(history.iloc[-1])
        baseline_note = f" (baseline {_fmt(baseline)}, the latest month in the data)"
    if p.change_kind == "relative" and p.direction == "decrease" and p.target > 100:
        return Verdict(
            "Achievable",
            "fail",
            f"Cutting {name} by {_fmt(p.target)}% would take it below zero.",
            "A cut can be at most 100%; a realistic one is usually far smaller.",
        )
    if p.target < 0 and p.change_kind != "absolute":
        return Verdict(
            "Achievable", "warn", "A negative change cannot be judged.", "Give a positive amount."
        )
    if measure is not None and p.baseline is not None and p.unit not in (None, measure.unit):
        converted = _convert(p.baseline, p.unit, measure.unit, p.per, _measure_basis(measure))
        baseline = baseline if converted is None else converted
    level = _level(p, measure, baseline)
    if measure is not None and level is not None:
        if measure.high is not None and level > measure.high + 1e-9:
            return Verdict(
                "Achievable",
                "fail",
                f"A target of {_fmt(level)} is impossible: {name} cannot exceed"
                f" {_fmt(measure.high)}.",
                f"Choose a target below {_fmt(measure.high)}, close to the best Homeats has"
                " achieved.",
            )
        if measure.low is not None and level < measure.low - 1e-9:
            return Verdict(
                "Achievable",
                "fail",
                f"A target of {_fmt(level)} is impossible: {name} cannot go below"
                f" {_fmt(measure.low)}.",
                "Choose a target within the measure's range.",
            )
    if measure is not None and p.change_kind == "percentage_points" and p.target > 100:
        return Verdict(
            "Achievable",
            "fail",
            f"A change of {_fmt(p.target)} percentage points is impossible for a percentage.",
            "Choose a change of a few percentage points.",
        )
    if p.change_kind == "relative" and p.direction == "increase" and p.target > _RISE_FAIL:
        return Verdict(
            "Achievable",
            "fail",
            f"Raising {name} by {_fmt(p.target)}% is far beyond what a business delivers in one"
            " objective.",
            "Aim for a stretch that history supports, then raise it next cycle.",
        )
    if months is None:
        return Verdict(
            "Achievable",
            "warn",
            "Without a deadline the pace of change cannot be judged.",
            "Add a deadline; the check then compares the required monthly change with history.",
        )
    if months <= 0:
        return Verdict(
            "Achievable",
            "warn",
            "The deadline has passed, so there is no time left to judge.",
            "Set a deadline in the future.",
        )
    if (
        measure is not None
        and level is not None
        and p.direction != "maintain"
        and (
            (measure.better == "higher" and measure.high is not None and level >= measure.high)
            or (measure.better == "lower" and measure.low is not None and level <= measure.low)
        )
    ):
        return Verdict(
            "Achievable",
            "warn",
            f"A target of {_fmt(level)} for {name} means perfection, which is rarely"
            " reached or held.",
            "Set a demanding but reachable level and add a threshold for alerts.",
        )
    if p.change_kind == "relative" and p.direction == "decrease" and p.target >= 100:
        return Verdict(
            "Achievable",
            "warn",
            f"Cutting {name} by 100% means eliminating it, which is rarely reached.",
            "Aim for a large but partial cut.",
        )

    # ---- with data --------------------------------------------------------------------------
    if (
        history is not None
        and len(history) >= 3
        and p.direction in ("increase", "decrease")
        and level is not None
        and baseline is not None
    ):
        return _against_trend(
            p, measure, history, level, baseline, baseline_note, months, absurd_factor,
            trend_months,
        )  # fmt: skip
    if (
        history is not None
        and len(history) >= 1
        and p.direction == "maintain"
        and level is not None
    ):
        recent = history.to_numpy(dtype=float)[-12:]
        better_low = measure is not None and measure.better == "lower"
        held = int(np.sum(recent <= level if better_low else recent >= level))
        if held * 2 >= len(recent):
            return Verdict(
                "Achievable",
                "pass",
                f"{name} met {_fmt(level)} in {held} of the last {len(recent)} months.",
                "",
            )
        return Verdict(
            "Achievable",
            "warn",
            f"{name} met {_fmt(level)} in only {held} of the last {len(recent)} months.",
            "Holding a level rarely met is a stretch; plan the actions that will get there.",
        )

    # ---- without data: plausibility ---------------------------------------------------------
    change = None  # relative change in % of the baseline
    if p.change_kind == "relative":
        change = p.target
    elif level is not None and baseline not in (None, 0) and p.change_kind != "percentage_points":
        change = abs(level - baseline) / abs(baseline) * 100
    sharpen = " Pass Homeats' monthly history as `data` to compare with what was achieved before."
    if change is not None:
        if p.direction == "increase" and change > _RISE_FAIL:
            return Verdict("Achievable", "fail",
                           f"A rise of {_fmt(change)}% is far beyond a plausible change.",
                           "Aim for a stretch that history supports.")  # fmt: skip
        if p.direction == "decrease" and change > 100:
            return Verdict("Achievable", "fail", f"A cut of {_fmt(change)}% goes below zero.",
                           "A cut can be at most 100%.")  # fmt: skip
        fast = months <= _FAST_MONTHS
        if fast and p.direction == "increase" and change > _RISE_WARN:
            return Verdict(
                "Achievable",
                "warn",
                f"A rise of {_fmt(change)}% in {_fmt(round(months, 1))} months is very ambitious.{sharpen}",
                "Allow more time or lower the target.",
            )
        if fast and p.direction == "decrease" and change > _CUT_WARN:
            return Verdict(
                "Achievable",
                "warn",
                f"A cut of {_fmt(change)}% in {_fmt(round(months, 1))} months is very ambitious.{sharpen}",
                "Allow more time or aim for a smaller cut.",
            )
    points = None  # change in percentage points, for measures that are percentages
    if p.change_kind == "percentage_points":
        points = p.target
    elif measure is not None and measure.unit == "%" and level is not None and baseline is not None:
        points = abs(level - baseline)
    if points is not None and months <= _FAST_MONTHS and points > _PP_WARN:
        return Verdict(
            "Achievable",
            "warn",
            f"{_fmt(points)} percentage points in {_fmt(round(months, 1))} months is very ambitious."
            f"{sharpen}",
            "Allow more time or lower the target.",
        )
    return Verdict(
        "Achievable",
        "pass",
        f"The change looks plausible in {_fmt(round(months, 1))} months.{sharpen}"
        if history is None
        else f"The change looks plausible in {_fmt(round(months, 1))} months.",
        "",
    )


def _perspective_word(perspective: Perspective) -> str:
    """The words the feedback uses for ``perspective``: its label in lower case.

    Examples
    --------
    >>> [_perspective_word(p) for p in Perspective]
    ['financial', 'customer', 'internal processes', 'learning and growth']
    """
    return perspective.label.lower()


def _a(words: str) -> str:
    """``words`` with the right indefinite article.

    Examples
    --------
    >>> _a("internal processes"), _a("customer")
    ('an internal processes', 'a customer')
    """
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def _relevant(p: ParsedObjective, measure: Measure | None) -> Verdict:
    flags = p.flags
    stated = None if p.perspective is None else _perspective_word(p.perspective)
    if measure is None and (p.measure_text is None or "vague_measure" in flags):
        return Verdict(
            "Relevant",
            "fail",
            "Without a measure the objective cannot be linked to a perspective or a strategic"
            " objective.",
            "Name the measure, then say which strategic objective it serves (e.g. 'to raise"
            " customer satisfaction').",
        )
    if measure is None and "ambiguous_measure" in flags:
        return Verdict(
            "Relevant",
            "warn",
            f"'{p.measure_text}' could belong to more than one perspective (see Specific), so its"
            " link to strategy cannot be checked yet.",
            "Name the measure, then the strategic objective it serves.",
        )
    if measure is None:
        where = f" in the {stated} perspective" if stated else ""
        return Verdict(
            "Relevant",
            "warn",
            f"'{p.measure_text}' is not in the catalogue, so its perspective and its link to"
            f" strategy cannot be checked{where}.",
            "Use a catalogue measure, or state the perspective and the strategic objective it"
            " serves.",
        )
    home = _perspective_word(measure.perspective)
    if p.perspective is not None and not measure.fits(p.perspective):
        return Verdict(
            "Relevant",
            "warn",
            f"{measure.name} is usually {_a(home)} measure, not {_a(stated)} one.",
            f"Move it to the {home} perspective or pick {_a(stated)} measure.",
        )
    if p.perspective == Perspective.FINANCIAL and measure.kind == "leading":
        return Verdict(
            "Relevant",
            "warn",
            f"{measure.name} is a leading measure, but financial objectives are judged on"
            " outcomes (lagging measures).",
            "Use a lagging financial measure (e.g. operating margin) and keep this one as its"
            " driver.",
        )
    if "structured" in flags and p.linked_objective is None:
        return Verdict(
            "Relevant",
            "warn",
            f"{measure.name} fits the {stated or home} perspective, but no"
            " strategic objective is linked.",
            "Choose the strategic objective this target serves.",
        )
    link = f", serving '{p.linked_objective}'" if p.linked_objective else ""
    how = "" if p.perspective else " (inferred from the measure)"
    return Verdict(
        "Relevant",
        "pass",
        f"{measure.name} is a {measure.kind} measure of the"
        f" {stated or home} perspective{how}{link}.",
        ""
        if p.linked_objective
        else "In your scorecard, link it to the strategic objective it serves.",
    )


def _time_bound(p: ParsedObjective, today: date, max_years: float) -> Verdict:
    if p.deadline is None and p.duration_months is None:
        vague = next((n for n in p.notes if "is not a deadline" in n), None)
        said = f"{vague[:-1]}." if vague else "There is no deadline or time frame."
        return Verdict(
            "Time-bound",
            "fail",
            said,
            "Add a date or a duration, e.g. 'by 31 March 2027' or 'within 6 months'.",
        )
    if p.deadline is not None:
        when = p.deadline.isoformat()
        if p.deadline <= today:
            return Verdict(
                "Time-bound",
                "fail",
                f"The deadline {when} is not in the future (today is {today.isoformat()}).",
                "Choose a date after today.",
            )
        years = (p.deadline - today).days / 365.25
        if years > max_years:
            return Verdict(
                "Time-bound",
                "warn",
                f"The deadline {when} is {years:.1f} years away, beyond a {max_years:g}-year"
                " strategy horizon.",
                "Set a nearer milestone that the scorecard reviews can track.",
            )
        note = next((n for n in p.notes if "read as" in n and "December" in n), "")
        return Verdict("Time-bound", "pass", f"Deadline {when}. {note}".strip(), "")
    months = p.duration_months or 0.0
    if months <= 0:
        return Verdict("Time-bound", "fail", "A duration of zero gives no time.",
                       "Give a duration such as 'within 6 months'.")  # fmt: skip
    if months > max_years * 12:
        return Verdict(
            "Time-bound",
            "warn",
            f"{_fmt(months)} months is beyond a {max_years:g}-year strategy horizon.",
            "Set a nearer milestone that the scorecard reviews can track.",
        )
    return Verdict(
        "Time-bound",
        "pass",
        f"Time frame of {_fmt(months)} months.",
        "When you save it, the start date turns this into a calendar deadline.",
    )


# --------------------------------------------------------------------------------------------


def check_smart(
    objective: str | ParsedObjective | Mapping[str, Any],
    data: pd.Series | pd.DataFrame | Mapping[str, pd.Series] | None = None,
    today: date | None = None,
    *,
    catalogue: pd.DataFrame | None = None,
    absurd_factor: float = 3.0,
    max_years: float = 5.0,
    day_first: bool = True,
    trend_months: int = 24,
) -> SmartReport:
    """Give a verdict (pass / warn / fail) with feedback on each SMART criterion.

    Parameters
    ----------
    objective : str, ParsedObjective or dict
        Free text as the learner wrote it (never raises), a parsed objective, or structured
        fields (see :meth:`ParsedObjective.from_dict`; keys such as ``measure``, ``direction``,
        ``baseline``, ``target``, ``change_kind``, ``unit``, ``deadline``, ``duration_months``,
        ``owner``, ``perspective``, ``linked_objective``).
    data : pandas.Series, pandas.DataFrame or mapping, optional
        Homeats history for the Achievable check: a Series of the measure's monthly values
        (in time order, e.g. indexed by month), a DataFrame with one column per measure id, or
        a mapping ``measure_id -> Series``. Without it, Achievable is a plausibility check.
    today : datetime.date, optional
        Reference date for deadlines; default ``date.today()`` (pass one in tests).
    catalogue : pandas.DataFrame, optional
        Metric catalogue extending the measure vocabulary (see ``measures_from_catalogue``).
    absurd_factor : float, default 3.0
        With data, Achievable fails when the required monthly change exceeds this multiple of
        the fastest pace the history's trend allows (the upper end of the 95% interval of its
        least-squares slope, see :func:`fitted_trend`).
    max_years : float, default 5.0
        Time-bound warns when the deadline is further away than this.
    day_first : bool, default True
        How to read ``03/04/2027`` (UK: 3 April).
    trend_months : int, default 24
        With data, the trend is fitted to the last ``trend_months`` months of the history
        (two years: long enough to see past noise, short enough to reflect how Homeats works
        now).

    Returns
    -------
    SmartReport

    Raises
    ------
    TypeError
        If ``objective`` is not text, a ParsedObjective or a dict (e.g. an int), or ``data`` /
        ``today`` have the wrong type.

    Examples
    --------
    >>> from datetime import date
    >>> r = check_smart("Decrease production costs by 10% in the next 6 months.",
    ...                 today=date(2026, 11, 1))
    >>> r.statuses
    {'Specific': 'pass', 'Measurable': 'pass', 'Achievable': 'pass', 'Relevant': 'pass', 'Time-bound': 'pass'}
    >>> history = pd.Series([80.0, 81, 81, 82, 83, 83, 84],
    ...                     index=pd.period_range("2026-01", periods=7, freq="M"))
    >>> r = check_smart("Raise on-time delivery to 99% within 3 months", data=history,
    ...                 today=date(2026, 11, 1))
    >>> r["Achievable"].status
    'fail'
    >>> check_smart(12)
    Traceback (most recent call last):
    ...
    TypeError: `objective` must be text (the objective sentence), a ParsedObjective or a dict of fields; got int.
    """
    today = check_today(today)
    absurd_factor = check_positive("absurd_factor", absurd_factor)
    if isinstance(trend_months, bool) or not isinstance(trend_months, int) or trend_months < 3:
        msg = (
            f"`trend_months` must be a whole number of months, at least 3; got {trend_months!r}."
            " Use 24 (the default) for two years of history."
        )
        raise ValueError(msg)
    max_years = check_positive("max_years", max_years)
    if data is not None and not isinstance(data, pd.Series | pd.DataFrame | Mapping):
        msg = (
            "`data` must be a pandas Series (one measure's monthly history), a DataFrame with one"
            f" column per measure id, or a dict measure_id -> Series; got {type(data).__name__}."
        )
        raise TypeError(msg)
    pool: tuple[Measure, ...] = MEASURES
    if catalogue is not None:
        pool = (*measures_from_catalogue(catalogue), *MEASURES)
    if isinstance(objective, str):
        parsed = parse_objective(objective, catalogue=catalogue, today=today, day_first=day_first)
    elif isinstance(objective, ParsedObjective):
        parsed = objective
    elif isinstance(objective, Mapping):
        parsed = ParsedObjective.from_dict(dict(objective), measures=pool)
    else:
        msg = (
            "`objective` must be text (the objective sentence), a ParsedObjective or a dict of"
            f" fields; got {type(objective).__name__}."
        )
        raise TypeError(msg)

    measure = next((m for m in pool if m.id == parsed.measure_id), None)
    history, data_note = _series_for(data, measure, parsed)
    notes: list[str] = []
    if history is not None and len(history) < 3:
        notes.append("The history has fewer than 3 months; Achievable falls back to plausibility.")
    months = parsed.months_left(today)
    if months is not None and not math.isfinite(months):
        months = None
    if "not_english" in parsed.flags:
        said = next((n for n in parsed.notes if "only English is read" in n), "")
        verdicts = tuple(
            Verdict(
                criterion,
                "warn",
                f"Not judged: {said[0].lower()}{said[1:]}"
                if i == 0
                else "Not judged: only English is read.",
                "Write the objective in English, e.g. 'Reduce the defect rate from 3% to 2.5%"
                " by 30 June 2027'."
                if i == 0
                else "Write the objective in English.",
            )
            for i, criterion in enumerate(CRITERIA)
        )
        return SmartReport(parsed, verdicts, tuple(notes))
    verdicts = (
        _specific(parsed, measure),
        _measurable(parsed, measure, data_note),
        _achievable(parsed, measure, history, months, absurd_factor, trend_months),
        _relevant(parsed, measure),
        _time_bound(parsed, today, max_years),
    )
    return SmartReport(parsed, verdicts, tuple(notes))
