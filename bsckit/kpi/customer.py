"""Customer KPIs: delivery reliability, service, survey scores (NPS, CSAT) and loyalty.

Ratios are fractions in [0, 1]; NPS follows its own convention (points on -100..100 by
default). Functions taking counts accept scalars or Series and answer in kind; survey
functions take the raw answers and return one number.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bsckit._validation import check_choice, check_flag, check_number
from bsckit.kpi._common import (
    broadcast,
    check_not_above,
    count_share,
    finish,
    paired_datetimes,
    ratio,
    share,
    template_of,
    values,
)

__all__ = [
    "acquisition_rate",
    "churn_rate",
    "csat",
    "first_contact_resolution",
    "nps",
    "nps_from_counts",
    "nps_margin_of_error",
    "nps_sample_size",
    "on_time_delivery",
    "on_time_delivery_from_counts",
    "order_fulfilment_rate",
    "response_rate",
    "retention_rate",
    "return_rate",
]


def on_time_delivery(
    promised: Any,
    actual: Any,
    tolerance: Any = "0min",
    *,
    early_tolerance: Any = None,
    as_percent: bool = False,
) -> float:
    """Share of deliveries made no later than promised (plus a tolerance).

    Parameters
    ----------
    promised, actual : sequence or Series of datetime
        Promised and actual delivery time of each order (same length, same order). Orders not
        yet delivered (missing ``actual``) are refused: drop them, they are neither on time
        nor late yet.
    tolerance : str or pandas.Timedelta, default "0min"
        Lateness still counted as on time, e.g. ``"10min"``.
    early_tolerance : str or pandas.Timedelta, optional
        How early a delivery may be and still count as on time, e.g. ``"45min"``. The default,
        ``None``, counts every early delivery as on time (the usual "by the promised time"
        rule); a promised *window* needs both limits, because a meal left on the doorstep
        hours before the customer is home is not a reliable delivery either.

    Returns
    -------
    float
        Fraction of orders on time.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> promised = pd.to_datetime(["2025-03-01 12:00", "2025-03-01 12:30", "2025-03-01 13:00"])
    >>> actual = pd.to_datetime(["2025-03-01 11:55", "2025-03-01 12:38", "2025-03-01 13:20"])
    >>> round(on_time_delivery(promised, actual), 4)
    0.3333
    >>> round(on_time_delivery(promised, actual, tolerance="10min"), 4)
    0.6667
    >>> round(on_time_delivery(promised, actual, tolerance="10min", early_tolerance="2min"), 4)
    0.3333
    """
    tol = _duration("tolerance", tolerance)
    early = None if early_tolerance is None else _duration("early_tolerance", early_tolerance)
    p, a, _ = paired_datetimes("promised", promised, "actual", actual)
    try:
        on_time = a <= p + tol
        if early is not None:
            on_time &= a >= p - early
        on_time = on_time.to_numpy()
    except TypeError as err:
        msg = f"`promised` and `actual` cannot be compared ({err}). Use one time zone for both."
        raise TypeError(msg) from None
    return share(float(on_time.mean()), as_percent)


def _duration(name: str, value: Any) -> pd.Timedelta:
    try:
        out = pd.Timedelta(value)
    except (TypeError, ValueError):
        msg = f"`{name}` must be a duration such as '10min', got {value!r}."
        raise TypeError(msg) from None
    if pd.isna(out) or out < pd.Timedelta(0):
        msg = f"`{name}` must be a duration of 0 or more, got {value!r}."
        raise ValueError(msg)
    return out


def on_time_delivery_from_counts(on_time: Any, deliveries: Any, *, as_percent: bool = False) -> Any:
    """Share of deliveries on time, from counts: ``on_time / deliveries``.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> on_time_delivery_from_counts(941, 1000)
    0.941
    """
    return count_share(on_time, deliveries, "on_time", "deliveries", as_percent)


def order_fulfilment_rate(
    orders_fulfilled: Any, orders_received: Any, *, as_percent: bool = False
) -> Any:
    """Share of orders delivered complete (all lines, right quantities): fulfilled / received.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> order_fulfilment_rate(1960, 2000)
    0.98
    """
    return count_share(
        orders_fulfilled, orders_received, "orders_fulfilled", "orders_received", as_percent
    )


def first_contact_resolution(
    resolved_first_contact: Any, contacts: Any, *, as_percent: bool = False
) -> Any:
    """First contact resolution: issues resolved at the first contact / all issues raised.

    Definitions of ``contacts`` vary (all contacts, or only those needing a resolution);
    count them one way and keep to it.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> round(first_contact_resolution(40, 120), 4)
    0.3333
    """
    return count_share(
        resolved_first_contact, contacts, "resolved_first_contact", "contacts", as_percent
    )


def return_rate(units_returned: Any, units_sold: Any, *, as_percent: bool = False) -> Any:
    """Return rate: units (or orders) returned / units (or orders) sold in the period.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> return_rate(30, 1500)
    0.02
    """
    return count_share(units_returned, units_sold, "units_returned", "units_sold", as_percent)


def _nps_result(promoters: Any, detractors: Any, n: Any, result: str) -> Any:
    score = (promoters - detractors) / n
    return score * 100.0 if result == "points" else score


def nps(scores: Any, scale: str = "0-10", result: str = "points") -> float:
    """Net Promoter Score from raw answers to "How likely are you to recommend us?".

    Promoters answer 9-10, detractors 0-6 (1-6 on a 1-10 scale), passives 7-8.
    NPS = share of promoters - share of detractors.

    Parameters
    ----------
    scores : sequence or Series of int
        One whole-number answer per respondent.
    scale : {"0-10", "1-10"}, default "0-10"
        Answer scale; the standard question uses 0-10. Answers outside it are refused.
    result : {"points", "fraction"}, default "points"
        ``"points"``: on -100..100 (the usual report, e.g. +32). ``"fraction"``: on -1..1.

    Examples
    --------
    >>> round(nps(range(11)), 4)
    -45.4545
    >>> nps([10, 9, 8, 3], result="fraction")
    0.25
    """
    check_choice("scale", scale, ["0-10", "1-10"])
    check_choice("result", result, ["points", "fraction"])
    low = 0 if scale == "0-10" else 1
    s = np.atleast_1d(
        values(
            "scores",
            scores,
            low=low,
            high=10,
            whole=True,
            hint=f"Answers on the {scale} scale are whole numbers.",
        )
    )
    return float(_nps_result(np.sum(s >= 9), np.sum(s <= 6), s.size, result))


def nps_from_counts(promoters: Any, passives: Any, detractors: Any, result: str = "points") -> Any:
    """Net Promoter Score from the counts of promoters, passives and detractors.

    Examples
    --------
    >>> round(nps_from_counts(100, 30, 80), 2)
    9.52
    """
    check_choice("result", result, ["points", "fraction"])
    pro = values("promoters", promoters, low=0, whole=True)
    pas = values("passives", passives, low=0, whole=True)
    det = values("detractors", detractors, low=0, whole=True)
    pro, pas, det = broadcast(promoters=pro, passives=pas, detractors=det)
    n = pro + pas + det
    if np.any(n == 0):
        msg = "`promoters`, `passives` and `detractors` are all 0: NPS needs at least 1 answer."
        raise ValueError(msg)
    template = template_of(promoters=promoters, passives=passives, detractors=detractors)
    return finish(template, _nps_result(pro, det, n, result))


def _z(confidence: Any) -> float:
    from scipy.stats import norm

    level = check_number(
        "confidence",
        confidence,
        low=0,
        high=1,
        low_open=True,
        high_open=True,
        hint="Give a fraction such as 0.95 for a 95 % confidence level.",
    )
    return float(norm.ppf(0.5 + level / 2))


def nps_margin_of_error(
    promoters: Any, passives: Any, detractors: Any, confidence: float = 0.95
) -> Any:
    """Margin of error of an NPS from a simple random sample, in NPS points.

    Each answer counts +1 (promoter), 0 (passive) or -1 (detractor); NPS is their mean times
    100, so its standard error is the standard deviation of those values over the square root
    of the number of answers:

    ``SE = 100 * sqrt((p + d - (p - d)**2) / n)``, with ``p`` and ``d`` the shares of
    promoters and detractors among the ``n`` answers. The margin is ``z * SE`` for the
    two-sided normal quantile ``z`` of ``confidence``. The normal approximation needs a few
    dozen answers in each group; no finite-population correction is applied (it matters only
    when the answers are a large share of all customers).

    Parameters
    ----------
    promoters, passives, detractors : int or Series of int
        Counts of answers 9-10, 7-8 and 0-6.
    confidence : float, default 0.95
        Two-sided confidence level, strictly between 0 and 1.

    Returns
    -------
    float or Series
        Half-width of the confidence interval, in NPS points (the NPS is +/- this).

    Examples
    --------
    Cross Validated question 18603 (answer by whuber): half promoters, a third passives, a
    sixth detractors gives NPS 33 with a standard deviation of sqrt(5/9), about 0.75; with
    324 answers the standard error is about 4.1 points.

    >>> se = nps_margin_of_error(162, 108, 54, confidence=0.6826894921370859)
    >>> round(se, 2)
    4.14
    >>> round(nps_margin_of_error(162, 108, 54), 1)
    8.1
    """
    z = _z(confidence)
    pro = values("promoters", promoters, low=0, whole=True)
    pas = values("passives", passives, low=0, whole=True)
    det = values("detractors", detractors, low=0, whole=True)
    pro, pas, det = broadcast(promoters=pro, passives=pas, detractors=det)
    n = pro + pas + det
    if np.any(n == 0):
        msg = (
            "`promoters`, `passives` and `detractors` are all 0: a margin of error needs at "
            "least 1 answer."
        )
        raise ValueError(msg)
    p, d = pro / n, det / n
    margin = 100.0 * z * np.sqrt((p + d - (p - d) ** 2) / n)
    template = template_of(promoters=promoters, passives=passives, detractors=detractors)
    return finish(template, margin)


def nps_sample_size(
    margin: float, promoter_share: float, detractor_share: float, confidence: float = 0.95
) -> int:
    """Answers needed for an NPS margin of error no wider than ``margin`` points.

    The inverse of :func:`nps_margin_of_error`:
    ``n = (z * 100 / margin)**2 * (p + d - (p - d)**2)``, rounded up. Plan with the shares you
    expect (last period's); ``p = d = 0.5`` is the worst case.

    Parameters
    ----------
    margin : float
        Wanted half-width in NPS points, above 0 and at most 200.
    promoter_share, detractor_share : float
        Expected shares of promoters and detractors (fractions; together at most 1).
    confidence : float, default 0.95
        Two-sided confidence level.

    Examples
    --------
    The Cross Validated 18603 population (1/2, 1/3, 1/6): a margin of one standard error,
    about 4.14 points at 68.3 % confidence, takes 324 answers.

    >>> nps_sample_size(100 * (5 / 9) ** 0.5 / 18, 1 / 2, 1 / 6, confidence=0.6826894921370859)
    324
    >>> nps_sample_size(5, 0.5, 0.2)
    938
    """
    z = _z(confidence)
    m = check_number("margin", margin, low=0, high=200, low_open=True, hint="NPS points, e.g. 5.")
    p = check_number("promoter_share", promoter_share, low=0, high=1)
    d = check_number("detractor_share", detractor_share, low=0, high=1)
    if p + d > 1 + 1e-12:
        msg = (
            f"`promoter_share` + `detractor_share` must be at most 1, got {p} + {d} = {p + d}; "
            "give shares of all answers (fractions)."
        )
        raise ValueError(msg)
    variance = p + d - (p - d) ** 2
    n = (z * 100.0 / m) ** 2 * variance
    return max(1, int(np.ceil(round(n, 6))))


def csat(
    scores: Any,
    scale_max: int = 5,
    satisfied_min: int = 4,
    method: str = "top_box",
    scale_min: int = 1,
    *,
    as_percent: bool = False,
) -> float:
    """Customer satisfaction (CSAT) from raw survey answers.

    Parameters
    ----------
    scores : sequence or Series of int
        One whole-number answer per respondent, on ``scale_min..scale_max``.
    scale_max : int, default 5
        Top of the answer scale.
    satisfied_min : int, default 4
        Lowest answer counted as satisfied (4 on 1-5: the usual "top-2-box").
    method : {"top_box", "mean"}, default "top_box"
        ``"top_box"``: fraction of answers >= ``satisfied_min``. ``"mean"``: the average
        answer on the scale itself (e.g. 4.2 out of 5); some tools report that instead.
    scale_min : int, default 1
        Bottom of the answer scale.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> answers = [5] * 10 + [4] * 20 + [3] * 10 + [2] * 5 + [1] * 5
    >>> csat(answers)
    0.6
    >>> csat(answers, method="mean")
    3.5
    """
    check_choice("method", method, ["top_box", "mean"])
    lo = check_number("scale_min", scale_min)
    hi = check_number("scale_max", scale_max, low=lo, low_open=True)
    cut = check_number("satisfied_min", satisfied_min, low=lo, high=hi)
    s = values(
        "scores", scores, low=lo, high=hi, whole=True, hint=f"Answers run from {lo:g} to {hi:g}."
    )
    s = np.atleast_1d(s)
    if method == "mean":
        if check_flag("as_percent", as_percent):
            msg = (
                "`as_percent`=True needs method='top_box' (a share); method='mean' is the "
                "average answer on the scale, not a share. Leave as_percent out."
            )
            raise ValueError(msg)
        return float(np.mean(s))
    return share(float(np.mean(s >= cut)), as_percent)


def retention_rate(start: Any, end: Any, new: Any, *, as_percent: bool = False) -> Any:
    """Customer retention rate ``(E - N) / S`` for one period.

    Parameters
    ----------
    start : int or Series
        S, customers at the start of the period (> 0).
    end : int or Series
        E, customers at the end of the period.
    new : int or Series
        N, customers acquired during the period (``new <= end``).

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> retention_rate(200, 210, 30)
    0.9
    """
    s = values("start", start, low=0, low_open=True, whole=True)
    e = values("end", end, low=0, whole=True)
    n = values("new", new, low=0, whole=True)
    s, e, n = broadcast(start=s, end=e, new=n)
    check_not_above("new", n, "end", e, hint="New customers are part of the end count.")
    check_not_above(
        "end - new",
        e - n,
        "start",
        s,
        hint="Customers kept cannot outnumber those at the start; check `new`.",
    )
    return share(finish(template_of(start=start, end=end, new=new), (e - n) / s), as_percent)


def churn_rate(start: Any, lost: Any, *, as_percent: bool = False) -> Any:
    """Churn rate: customers lost during the period / customers at the start.

    Equals ``1 - retention_rate(start, end, new)`` when ``lost = start - (end - new)``.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> round(churn_rate(98, 45), 4)
    0.4592
    """
    return count_share(lost, start, "lost", "start", as_percent)


def response_rate(responses: Any, invitations: Any, *, as_percent: bool = False) -> Any:
    """Survey response rate: answers received / invitations sent.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> response_rate(45, 300)
    0.15
    """
    return count_share(responses, invitations, "responses", "invitations", as_percent)


_ACQUISITION_BASES = ("customers_at_start", "prospects")


def acquisition_rate(
    new_customers: Any,
    base: Any,
    *,
    base_kind: str = "customers_at_start",
    as_percent: bool = False,
) -> Any:
    """Customer acquisition rate: new customers won in the period / a base count.

    Sources divide by one of two bases; name yours with ``base_kind``:

    * ``"customers_at_start"`` (default): customers at the start of the period - how fast the
      customer base grows from new business (it may exceed 1 for a young business).
    * ``"prospects"``: prospects (leads) reached in the period - how well outreach converts;
      new customers cannot outnumber them.

    Examples
    --------
    >>> acquisition_rate(30, 200)  # 30 new customers on 200 at the start of the month
    0.15
    >>> acquisition_rate(100, 1000, base_kind="prospects", as_percent=True)
    10.0
    """
    kind = check_choice("base_kind", base_kind, _ACQUISITION_BASES)
    return ratio(
        new_customers,
        base,
        num_name="new_customers",
        den_name="base",
        whole=True,
        at_most_denominator=kind == "prospects",
        as_percent=as_percent,
    )
