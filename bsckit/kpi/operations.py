"""Operations KPIs: OEE, flow (cycle time, throughput, Little's law, takt), quality and cost.

Every function takes scalars, lists/arrays or pandas Series and answers in kind. Ratios are
returned as fractions (0.875, not 87.5). Times may be in any unit, as long as all the times
passed to one call use the same unit; the answer is in that unit.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from bsckit._validation import check_choice, check_number
from bsckit.kpi._common import (
    broadcast,
    check_not_above,
    count_share,
    finish,
    ratio,
    share,
    template_of,
    values,
)

__all__ = [
    "OEEResult",
    "cost_per_transaction",
    "cost_per_unit",
    "cycle_time",
    "days_inventory",
    "defect_rate",
    "defects_per_unit",
    "dpmo",
    "dpmo_from_sigma",
    "first_pass_yield",
    "inventory_turnover",
    "littles_law",
    "net_available_time",
    "normalized_yield",
    "oee",
    "oee_from_shift",
    "rolled_throughput_yield",
    "sigma_level",
    "takt_time",
    "throughput",
    "utilisation",
    "yield_from_dpu",
]

_FRACTION_HINT = "Pass a fraction, e.g. 0.92 for 92%."


def oee(availability: Any, performance: Any, quality: Any, *, as_percent: bool = False) -> Any:
    """Overall equipment effectiveness: availability x performance x quality.

    Parameters
    ----------
    availability, performance, quality : float, array-like or Series
        The three OEE factors as fractions in [0, 1].

    Returns
    -------
    float or Series
        OEE as a fraction in [0, 1].

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> round(oee(0.90, 0.95, 0.999), 4)
    0.8541
    """
    a = values("availability", availability, low=0, high=1, hint=_FRACTION_HINT)
    p = values("performance", performance, low=0, high=1, hint=_FRACTION_HINT)
    q = values("quality", quality, low=0, high=1, hint=_FRACTION_HINT)
    a, p, q = broadcast(availability=a, performance=p, quality=q)
    template = template_of(availability=availability, performance=performance, quality=quality)
    return share(finish(template, a * p * q), as_percent)


@dataclass(frozen=True)
class OEEResult:
    """The OEE of a shift (or of each shift, when Series were passed) and its three factors.

    Attributes
    ----------
    availability, performance, quality, oee : float or Series
        Fractions in [0, 1]; ``oee = availability * performance * quality``.
    run_time : float or Series
        Time the equipment ran, in the unit of ``planned_time``.
    """

    availability: Any
    performance: Any
    quality: Any
    oee: Any
    run_time: Any

    def __post_init__(self) -> None:
        for name in ("availability", "performance", "quality", "oee"):
            values(name, getattr(self, name), low=0, high=1, hint=_FRACTION_HINT)
        values("run_time", self.run_time, low=0)

    def to_dict(self) -> dict[str, Any]:
        """Return the fields as a dict (handy for a one-row DataFrame)."""
        return asdict(self)


def oee_from_shift(
    planned_time: Any,
    downtime: Any,
    ideal_cycle_time: Any,
    total_count: Any,
    good_count: Any,
    *,
    performance_downtime: Any = 0.0,
    charge_performance_downtime_to: str = "performance",
) -> OEEResult:
    """OEE and its factors from the raw figures of a shift (the oee.com "preferred" method).

    ``run_time = planned_time - downtime``;
    ``availability = run_time / planned_time``;
    ``performance = ideal_cycle_time * total_count / run_time`` (= total count over the count
    the ideal rate would give in the run time);
    ``quality = good_count / total_count``.

    Parameters
    ----------
    planned_time : float or Series
        Planned production (loading) time: shift length minus planned breaks. Any time unit.
    downtime : float or Series
        Stop time charged to availability (breakdowns, changeovers, unplanned stops), same unit.
    ideal_cycle_time : float or Series
        Fastest sustainable time for one unit, same unit (= 1 / ideal rate; an ideal rate of 10
        units per minute is ``ideal_cycle_time=0.1`` with times in minutes).
    total_count, good_count : int or Series
        Units started/made and units good first time (``good_count <= total_count``).
    performance_downtime : float or Series, default 0
        Short stops and slow cycles recorded separately (GE Proficy calls them "performance
        downtime"). Sources disagree where they belong; see the next parameter.
    charge_performance_downtime_to : {"performance", "availability"}, default "performance"
        ``"performance"`` (GE Proficy, oee.com): short stops stay inside run time, so they lower
        performance, not availability, and ``performance_downtime`` only needs to be recorded.
        ``"availability"``: they are subtracted from run time as well. OEE itself is the same
        either way (``ideal_cycle_time * good_count / planned_time``); only the split changes.

    Returns
    -------
    OEEResult

    Examples
    --------
    GE Proficy's example: 125 min loading time, 5 min unplanned downtime, 25 min performance
    downtime, ideal rate 10/min, 1050 made, 1043 good.

    >>> r = oee_from_shift(125, 5, 0.1, 1050, 1043, performance_downtime=25)
    >>> round(r.availability, 4), round(r.performance, 4), round(r.quality, 4), round(r.oee, 4)
    (0.96, 0.875, 0.9933, 0.8344)
    """
    check_choice(
        "charge_performance_downtime_to",
        charge_performance_downtime_to,
        ["performance", "availability"],
    )
    plan = values("planned_time", planned_time, low=0, low_open=True)
    down = values("downtime", downtime, low=0)
    perf_down = values("performance_downtime", performance_downtime, low=0)
    ict = values(
        "ideal_cycle_time",
        ideal_cycle_time,
        low=0,
        low_open=True,
        hint="Use time per unit, e.g. 0.1 minutes for an ideal rate of 10 per minute.",
    )
    total = values("total_count", total_count, low=0, whole=True)
    good = values("good_count", good_count, low=0, whole=True)
    plan, down, perf_down, ict, total, good = broadcast(
        planned_time=plan,
        downtime=down,
        performance_downtime=perf_down,
        ideal_cycle_time=ict,
        total_count=total,
        good_count=good,
    )
    check_not_above("good_count", good, "total_count", total)
    lost = down + perf_down if charge_performance_downtime_to == "availability" else down
    check_not_above(
        "downtime",
        lost,
        "planned_time",
        plan,
        hint="Downtime (plus performance downtime if charged to availability) cannot exceed it.",
    )
    run = plan - lost
    if np.any(run <= 0):
        msg = (
            "`downtime` leaves no run time (run time = planned_time - downtime is 0), so"
            " performance is undefined. Report OEE as 0 for that shift or leave it out."
        )
        raise ValueError(msg)
    if np.any(total <= 0):
        msg = "`total_count` must be greater than 0: quality is undefined when nothing was made."
        raise ValueError(msg)
    availability = run / plan
    performance = ict * total / run
    if np.any(performance > 1 + 1e-9):
        worst = float(np.max(performance))
        msg = (
            f"`ideal_cycle_time` x `total_count` exceeds the run time (performance {worst:.3f} > 1)."
            " The ideal cycle time must be the fastest possible cycle; check its unit and value."
        )
        raise ValueError(msg)
    performance = np.minimum(performance, 1.0)
    quality = good / total
    template = template_of(
        planned_time=planned_time,
        downtime=downtime,
        ideal_cycle_time=ideal_cycle_time,
        total_count=total_count,
        good_count=good_count,
        performance_downtime=performance_downtime,
    )
    return OEEResult(
        availability=finish(template, availability),
        performance=finish(template, performance),
        quality=finish(template, quality),
        oee=finish(template, availability * performance * quality),
        run_time=finish(template, run),
    )


def cycle_time(production_time: Any, units: Any) -> Any:
    """Average (actual) cycle time: net production time per unit made.

    Parameters
    ----------
    production_time : float or Series
        Net production time in any unit.
    units : int or Series
        Units completed in that time (> 0).

    Returns
    -------
    float or Series
        Time per unit, in the unit of ``production_time``.

    Examples
    --------
    >>> cycle_time(480, 240)
    2.0
    """
    return ratio(production_time, units, num_name="production_time", den_name="units")


def throughput(units: Any, time: Any) -> Any:
    """Throughput (output rate): units completed per unit of time.

    Examples
    --------
    >>> throughput(1200, 8)  # meals per hour over an 8-hour shift
    150.0
    """
    return ratio(units, time, num_name="units", den_name="time")


_SECONDS = {"s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0, "wk": 604800.0}


def littles_law(
    items_in_system: float | None = None,
    arrival_rate: float | None = None,
    time_in_system: float | None = None,
    *,
    rate_per: str | None = None,
    time_unit: str | None = None,
) -> float:
    """Little's law L = lambda x W: give any two of the three, get the third.

    Parameters
    ----------
    items_in_system : float, optional
        L, the average number of items in the system (work in progress, queue length).
    arrival_rate : float, optional
        lambda, the average arrival (= throughput, in a stable system) rate: items per time unit.
    time_in_system : float, optional
        W, the average time an item spends in the system (lead time, flow time).
    rate_per, time_unit : {"s", "min", "h", "d", "wk"}, optional
        The units of ``arrival_rate`` (items per ``rate_per``) and of ``time_in_system``.
        Leave both out when the rate and the time already use the same time unit (the law only
        holds then). Give both to let the function convert: a rate of 10 per hour and a time of
        5 minutes give L = 10/60 x 5 = 0.83, not 50. A solved W is returned in ``time_unit``; a
        solved lambda is returned per ``rate_per``.

    Returns
    -------
    float
        The missing quantity.

    Examples
    --------
    >>> littles_law(arrival_rate=10, time_in_system=0.5)  # 10 customers/h, 0.5 h each
    5.0
    >>> littles_law(items_in_system=2, arrival_rate=10)  # W in hours
    0.2
    >>> round(littles_law(arrival_rate=10, time_in_system=5, rate_per="h", time_unit="min"), 4)
    0.8333
    """
    given = {
        "items_in_system": items_in_system,
        "arrival_rate": arrival_rate,
        "time_in_system": time_in_system,
    }
    missing = [name for name, v in given.items() if v is None]
    if len(missing) != 1:
        msg = (
            "littles_law needs exactly two of `items_in_system`, `arrival_rate`,"
            f" `time_in_system`; got {3 - len(missing)}. Leave out the one to solve for."
        )
        raise ValueError(msg)
    if (rate_per is None) != (time_unit is None):
        msg = (
            "`rate_per` and `time_unit` must be given together (or both left out when the rate"
            f" and the time already share one unit); got rate_per={rate_per!r},"
            f" time_unit={time_unit!r}."
        )
        raise ValueError(msg)
    factor = 1.0
    if rate_per is not None:
        check_choice("rate_per", rate_per, list(_SECONDS))
        check_choice("time_unit", time_unit, list(_SECONDS))
        factor = _SECONDS[time_unit] / _SECONDS[rate_per]  # rate per time_unit = rate * factor
    checked = {
        name: check_number(name, v, low=0.0, low_open=name != "items_in_system")
        for name, v in given.items()
        if v is not None
    }
    if missing[0] == "items_in_system":
        return checked["arrival_rate"] * factor * checked["time_in_system"]
    if missing[0] == "time_in_system":
        return checked["items_in_system"] / (checked["arrival_rate"] * factor)
    return checked["items_in_system"] / checked["time_in_system"] / factor


def net_available_time(
    shift_time: Any, planned_breaks: Any = 0.0, planned_downtime: Any = 0.0
) -> Any:
    """Net available time for takt time: shift time minus planned breaks and planned downtime.

    Only planned stops come off (breaks, lunch, meetings, planned maintenance); unplanned
    breakdowns do not, since takt time is set by demand, not by the process's losses.

    Examples
    --------
    Stevenson's example: a 480-minute shift with two 20-minute breaks and a 30-minute lunch.

    >>> net_available_time(480, planned_breaks=2 * 20 + 30)
    410.0
    """
    total = values("shift_time", shift_time, low=0.0, low_open=True)
    breaks = values("planned_breaks", planned_breaks, low=0.0)
    down = values("planned_downtime", planned_downtime, low=0.0)
    total, breaks, down = broadcast(shift_time=total, planned_breaks=breaks, planned_downtime=down)
    check_not_above(
        "planned_breaks + planned_downtime",
        breaks + down,
        "shift_time",
        total,
        hint="Use the same time unit for all three.",
    )
    if np.any(breaks + down >= total):
        msg = (
            "`planned_breaks` and `planned_downtime` take up the whole `shift_time`: no time "
            "is left to produce, so takt time is undefined."
        )
        raise ValueError(msg)
    template = template_of(
        shift_time=shift_time, planned_breaks=planned_breaks, planned_downtime=planned_downtime
    )
    return finish(template, total - breaks - down)


def takt_time(available_time: Any, customer_demand: Any) -> Any:
    """Takt time: available production time divided by customer demand in that time.

    Pass the *net* available time (:func:`net_available_time`: shift time minus planned
    breaks and downtime).

    Examples
    --------
    >>> takt_time(480, 240)  # 480 minutes a day, 240 units a day -> one every 2 minutes
    2.0
    """
    return ratio(
        available_time,
        customer_demand,
        num_name="available_time",
        den_name="customer_demand",
        hint="Express demand in units for the same period as the available time.",
    )


def defect_rate(defective_units: Any, units_inspected: Any, *, as_percent: bool = False) -> Any:
    """Share of inspected units that were defective (a fraction).

    Counts defective units, each at most once. To count several defects per unit use
    :func:`defects_per_unit` or :func:`dpmo`.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> defect_rate(12, 400)
    0.03
    """
    return count_share(
        defective_units, units_inspected, "defective_units", "units_inspected", as_percent
    )


def defects_per_unit(defects: Any, units: Any) -> Any:
    """DPU: defects found divided by units (may exceed 1 when units carry several defects).

    Examples
    --------
    >>> defects_per_unit(50, 20000)
    0.0025
    """
    return ratio(defects, units, num_name="defects", den_name="units", whole=True)


def dpmo(defects: Any, units: Any, opportunities: Any) -> Any:
    """Defects per million opportunities: defects / (units x opportunities per unit) x 1e6.

    Examples
    --------
    >>> dpmo(50, 1000, 10)
    5000.0
    """
    d = values("defects", defects, low=0, whole=True)
    u = values("units", units, low=0, low_open=True, whole=True)
    o = values(
        "opportunities",
        opportunities,
        low=0,
        low_open=True,
        whole=True,
        hint="Count the defect opportunities per unit (at least 1).",
    )
    d, u, o = broadcast(defects=d, units=u, opportunities=o)
    check_not_above(
        "defects", d, "units x opportunities", u * o, hint="Each opportunity is one defect at most."
    )
    template = template_of(defects=defects, units=units, opportunities=opportunities)
    return finish(template, d / (u * o) * 1e6)


def sigma_level(dpmo: Any, shift: float = 1.5, method: str = "exact", tails: int = 1) -> Any:
    """Six Sigma process sigma level from DPMO.

    Parameters
    ----------
    dpmo : float or Series
        Defects per million opportunities, in (0, 1e6).
    shift : float, default 1.5
        The conventional long-term "1.5 sigma shift" added to the normal quantile. Use 0 for
        the plain short-term Z (``Phi^-1(1 - DPMO/1e6)``).
    method : {"exact", "approximation"}, default "exact"
        ``"exact"``: ``Phi^-1(1 - DPMO/1e6) + shift`` (inverse standard normal).
        ``"approximation"``: the Schmidt-Launsby closed form
        ``0.8406 + sqrt(29.37 - 2.221 ln DPMO)``, which already contains the 1.5 shift (it is
        re-based as ``- 1.5 + shift`` for another shift); valid for DPMO up to about 550 000.
        Many online calculators use it; it differs from the exact value by about 0.002 at
        DPMO 5000 (4.0738 vs 4.0758).
    tails : {1, 2}, default 1
        ``1``: DPMO counts the tail beyond the nearer limit only (most Six Sigma tables).
        ``2``: both tails, as in tables that print 66,811 (not 66,807) at 3 sigma; solved
        numerically, and for ``method="exact"`` only. See :func:`dpmo_from_sigma`.

    Returns
    -------
    float or Series

    Examples
    --------
    >>> round(sigma_level(5000), 4)
    4.0758
    >>> round(sigma_level(5000, method="approximation"), 4)
    4.0738
    >>> round(sigma_level(3.4), 2)
    6.0
    >>> round(sigma_level(66_811, tails=2), 3)
    3.0
    """
    check_choice("method", method, ["exact", "approximation"])
    s = check_number("shift", shift, low=0.0, hint="The usual long-term shift is 1.5; 0 for none.")
    both = _check_tails(tails) == 2
    if both and method != "exact":
        msg = "`tails`=2 needs method='exact'; the approximation is one-tailed."
        raise ValueError(msg)
    d = values(
        "dpmo",
        dpmo,
        low=0.0,
        high=1e6,
        low_open=True,
        high_open=True,
        hint="With zero defects the sigma level is unbounded: collect more data or report '> 6'.",
    )
    if both:
        result = _two_tailed_sigma(d / 1e6, s)
    elif method == "exact":
        from scipy.stats import norm  # here, not at the top: scipy.stats costs 0.5 s to import

        result = norm.isf(d / 1e6) + s
    else:
        limit = math.exp(29.37 / 2.221)
        if np.any(d > limit):
            msg = (
                f"`dpmo` must be at most {limit:.0f} for method='approximation' (the square root"
                f" turns negative); got {float(np.max(d)):g}. Use method='exact'."
            )
            raise ValueError(msg)
        result = 0.8406 + np.sqrt(29.37 - 2.221 * np.log(d)) - 1.5 + s
    return finish(dpmo, result)


def dpmo_from_sigma(sigma: Any, shift: float = 1.5, tails: int = 1) -> Any:
    """DPMO implied by a sigma level (the inverse of :func:`sigma_level`, ``method="exact"``).

    The process mean sits ``sigma - shift`` standard deviations from the nearer specification
    limit (the long-term "1.5 sigma shift" moves it towards that limit) and ``sigma + shift``
    from the far one.

    Parameters
    ----------
    sigma : float or Series
        Sigma level: distance from the process centre to the (nearer) limit, in sigmas.
    shift : float, default 1.5
        The conventional long-term shift of the mean; 0 for none.
    tails : {1, 2}, default 1
        ``1`` (the Six Sigma tables' convention): only the tail beyond the nearer limit,
        ``(1 - Phi(sigma - shift)) x 1e6`` - 3.4 DPMO at 6 sigma. ``2``: both tails,
        ``(Phi(shift - sigma) + Phi(-sigma - shift)) x 1e6`` - with no shift the familiar
        two-sided figures, 2700 at 3 sigma and 0.002 at 6 sigma ("two parts per billion").

    Examples
    --------
    >>> round(dpmo_from_sigma(6), 1)
    3.4
    >>> round(dpmo_from_sigma(3))
    66807
    >>> round(dpmo_from_sigma(3, shift=0, tails=2))
    2700
    >>> round(dpmo_from_sigma(6, shift=0, tails=2), 4)
    0.002
    """
    s = check_number("shift", shift, low=0.0, hint="The usual long-term shift is 1.5; 0 for none.")
    both = _check_tails(tails) == 2
    z = values("sigma", sigma)
    from scipy.special import ndtr  # the normal cdf, without scipy.stats' 0.5 s import

    far = ndtr(-z - s) if both else 0.0
    return finish(sigma, (ndtr(s - z) + far) * 1e6)


def _check_tails(tails: Any) -> int:
    if isinstance(tails, bool) or tails not in (1, 2):
        msg = (
            f"`tails` must be 1 (the tail beyond the nearer limit, the Six Sigma tables' "
            f"convention) or 2 (both limits), got {tails!r}."
        )
        raise ValueError(msg)
    return int(tails)


def _two_tailed_sigma(share: np.ndarray, shift: float) -> np.ndarray:
    """Solve ``Phi(shift - z) + Phi(-z - shift) = share`` for z (decreasing in z) by bisection."""
    from scipy.special import ndtr

    low = np.full(np.shape(share), shift - 40.0)
    high = np.full(np.shape(share), shift + 40.0)
    for _ in range(200):  # halves an 80-sigma bracket to below 1e-12
        mid = (low + high) / 2.0
        above = ndtr(shift - mid) + ndtr(-mid - shift) > share
        low = np.where(above, mid, low)
        high = np.where(above, high, mid)
    return (low + high) / 2.0


def first_pass_yield(units_in: Any, good_first_time: Any, *, as_percent: bool = False) -> Any:
    """First pass (throughput) yield of one step: units good first time / units entering.

    Units that needed rework or were scrapped do not count as good first time.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> first_pass_yield(10000, 10000 - 150)
    0.985
    """
    return count_share(good_first_time, units_in, "good_first_time", "units_in", as_percent)


def rolled_throughput_yield(step_yields: Any, *, as_percent: bool = False) -> float:
    """Rolled throughput yield: the product of the first pass yields of every step.

    The chance that a unit passes every step first time (assumes steps are independent).

    Parameters
    ----------
    step_yields : sequence or Series of float
        First pass yield of each step, fractions in [0, 1].

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> round(rolled_throughput_yield([0.95, 0.84, 0.88]), 2)
    0.7
    """
    y = values("step_yields", step_yields, low=0, high=1, hint=_FRACTION_HINT)
    return share(float(np.prod(y)), as_percent)


def normalized_yield(step_yields: Any, *, as_percent: bool = False) -> float:
    """Normalized yield: the geometric mean of the step yields, ``RTY ** (1 / steps)``.

    The single-step yield that, repeated at every step, would give the same rolled
    throughput yield; lets processes with different numbers of steps be compared.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> round(normalized_yield([0.9, 0.4]), 4)
    0.6
    """
    y = values("step_yields", step_yields, low=0, high=1, hint=_FRACTION_HINT)
    y = np.atleast_1d(y)
    return share(float(np.prod(y) ** (1.0 / y.size)), as_percent)


def yield_from_dpu(dpu: Any, *, as_percent: bool = False) -> Any:
    """Poisson estimate of first-time yield from defects per unit: ``exp(-DPU)``.

    The Six Sigma shortcut (rolled throughput yield = ``exp(-total DPU)``) when defects are
    counted but defect-free units are not; assumes defects fall independently (Poisson).

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> round(yield_from_dpu(0.1), 4)
    0.9048
    """
    d = values("dpu", dpu, low=0.0, hint="Defects per unit, e.g. defects_per_unit(defects, units).")
    return share(finish(dpu, np.exp(-d)), as_percent)


def cost_per_unit(total_cost: Any, units: Any) -> Any:
    """Cost per unit: total cost divided by units produced (meals cooked, repairs done...).

    The same formula serves "service cost per repair" or "cost per return": pass the cost of
    that activity and the number of repairs or returns.

    Examples
    --------
    >>> cost_per_unit(45000, 12000)
    3.75
    """
    return ratio(total_cost, units, num_name="total_cost", den_name="units")


def cost_per_transaction(total_cost: Any, transactions: Any) -> Any:
    """Cost per transaction (an efficiency measure): process cost / transactions handled.

    Examples
    --------
    >>> cost_per_transaction(9000, 3600)  # invoicing cost per invoice
    2.5
    """
    return ratio(total_cost, transactions, num_name="total_cost", den_name="transactions")


def utilisation(busy_time: Any, available_time: Any, *, as_percent: bool = False) -> Any:
    """Resource utilisation: time a resource was busy / time it was available (a fraction).

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> utilisation(6, 8)
    0.75
    """
    return ratio(
        busy_time,
        available_time,
        num_name="busy_time",
        den_name="available_time",
        at_most_denominator=True,
        as_percent=as_percent,
    )


def inventory_turnover(cogs: Any, average_inventory: Any) -> Any:
    """Inventory turnover: cost of goods sold / average inventory (at cost), for one period.

    Examples
    --------
    >>> inventory_turnover(600_000, 120_000)
    5.0
    """
    return ratio(
        cogs,
        average_inventory,
        num_name="cogs",
        den_name="average_inventory",
        hint="Use average_balance(begin, end) for the average inventory.",
    )


def days_inventory(cogs: Any, average_inventory: Any, days: float = 365) -> Any:
    """Days inventory outstanding: ``days / inventory_turnover``.

    Parameters
    ----------
    cogs, average_inventory : float or Series
        Cost of goods sold for the period and average inventory at cost.
    days : float, default 365
        Days in the period the COGS covers (365 for a year, 360 on a banker's basis, 30 or the
        actual month length for a month).

    Examples
    --------
    >>> days_inventory(600_000, 120_000)
    73.0
    """
    n = check_number("days", days, low=0.0, low_open=True, hint="Usually 365 or 360.")
    turnover = inventory_turnover(cogs, average_inventory)
    if np.any(np.asarray(turnover) == 0):
        msg = "`cogs` must be greater than 0 for days inventory (nothing sold: days unbounded)."
        raise ValueError(msg)
    return n / turnover
