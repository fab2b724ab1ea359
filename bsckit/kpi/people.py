"""People (learning and growth) KPIs: competency, training, retention and mobility.

Rates are fractions in [0, 1]; durations are in days unless ``unit`` says otherwise.
"""

from __future__ import annotations

from typing import Any

from bsckit.kpi._common import count_share, elapsed, ratio

__all__ = [
    "internal_mobility_rate",
    "retention_of_high_performers",
    "time_to_competency",
    "training_hours_per_employee",
    "turnover_rate",
]


def time_to_competency(
    hire_dates: Any,
    competent_dates: Any,
    statistic: str | None = "median",
    unit: str = "days",
    missing: str = "error",
) -> Any:
    """Time from hire (or start in role) to being signed off as competent.

    Parameters
    ----------
    hire_dates, competent_dates : sequence or Series of dates
        One pair per employee, same length and order.
    statistic : {"median", "mean", None}, default "median"
        Summary across employees; the median resists the few who take very long. ``None``
        returns one duration per employee.
    unit : {"days", "weeks", "hours"}, default "days"
    missing : {"error", "drop"}, default "error"
        What to do with employees not yet competent (missing ``competent_dates``).
        ``"drop"`` leaves them out, which understates the time (the slow ones are missing).

    Examples
    --------
    >>> hired = ["2025-01-06", "2025-01-06", "2025-02-03"]
    >>> signed_off = ["2025-02-17", "2025-03-03", "2025-03-03"]
    >>> time_to_competency(hired, signed_off)
    42.0
    >>> time_to_competency(hired, signed_off, statistic="mean", unit="weeks")
    6.0
    """
    return elapsed(
        "hire_dates",
        hire_dates,
        "competent_dates",
        competent_dates,
        statistic=statistic,
        unit=unit,
        missing=missing,
    )


def training_hours_per_employee(training_hours: Any, headcount: Any) -> Any:
    """Training hours per employee: total training hours in the period / (average) headcount.

    Examples
    --------
    >>> training_hours_per_employee(3_120, 130)
    24.0
    """
    return ratio(
        training_hours,
        headcount,
        num_name="training_hours",
        den_name="headcount",
        hint="Use the average headcount over the period (e.g. average_balance(begin, end)).",
    )


def retention_of_high_performers(
    high_performers_at_start: Any, still_employed: Any, *, as_percent: bool = False
) -> Any:
    """Share of the employees rated high performers at the start still employed at the end.

    Count the same cohort at both ends: people promoted into the high-performer group during
    the period are not in ``high_performers_at_start``.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> retention_of_high_performers(40, 36)
    0.9
    """
    return count_share(
        still_employed,
        high_performers_at_start,
        "still_employed",
        "high_performers_at_start",
        as_percent,
    )


def internal_mobility_rate(internal_moves: Any, headcount: Any, *, as_percent: bool = False) -> Any:
    """Internal mobility rate: internal moves (promotions, transfers) / average headcount.

    A related measure, the internal fill rate, divides internal hires by all hires: pass those
    two counts instead and name the result accordingly.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> internal_mobility_rate(18, 240)
    0.075
    """
    return ratio(
        internal_moves,
        headcount,
        num_name="internal_moves",
        den_name="headcount",
        whole=False,
        at_most_denominator=False,
        as_percent=as_percent,
    )


def turnover_rate(separations: Any, average_headcount: Any, *, as_percent: bool = False) -> Any:
    """Employee turnover rate: separations in the period / average headcount (BLS convention).

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> turnover_rate(30, 240)
    0.125
    """
    return ratio(
        separations,
        average_headcount,
        num_name="separations",
        den_name="average_headcount",
        as_percent=as_percent,
    )
