"""Timeliness of data: how late events reach the scorecard (module 7's feed arrival lag).

A latency target is stated as a percentile ("95 % of events within 15 minutes"), and
spreadsheets and libraries compute percentiles by different conventions, which give different
figures on the same few delays. :func:`latency_percentile` names the convention:

- ``"inclusive"`` (default): Excel's and Google Sheets' ``PERCENTILE.INC`` (the old
  ``PERCENTILE``), numpy's and pandas' default ``'linear'`` - rank ``q * (n - 1)`` counted from 0,
  any ``q`` in [0, 1];
- ``"exclusive"``: ``PERCENTILE.EXC``, numpy's ``'weibull'`` - rank ``q * (n + 1)`` counted
  from 1; only ``1/(n+1) <= q <= n/(n+1)`` can be interpolated (the spreadsheet returns
  ``#NUM!`` outside, and so this function raises).

Both interpolate linearly between the two nearest sorted delays.

Examples
--------
>>> latency_percentile([1, 3, 2, 4], 0.3)  # Microsoft's PERCENTILE.INC example: 1.9
1.9
>>> latency_percentile([15, 20, 35, 40, 50], 0.4, method="exclusive")  # PERCENTILE.EXC: 26
26.0
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bsckit._validation import check_choice, check_number
from bsckit.kpi._common import values

__all__ = ["PERCENTILE_METHODS", "latency_percentile"]

PERCENTILE_METHODS: dict[str, str] = {
    "inclusive": "linear",
    "linear": "linear",
    "exclusive": "weibull",
    "weibull": "weibull",
}
"""Accepted ``method`` names and the numpy ``quantile`` method each one is."""


def latency_percentile(delays: Any, q: float = 0.95, method: str = "inclusive") -> float:
    """The ``q``-th percentile of ``delays`` (e.g. minutes from event to arrival).

    Parameters
    ----------
    delays : sequence or Series of numbers
        One delay per event, in any one unit (the result is in the same unit); none negative,
        none missing, at least one.
    q : float, default 0.95
        The percentile as a fraction in [0, 1] (0.95 for the 95th percentile), as in the
        spreadsheet functions' ``k``.
    method : {"inclusive", "exclusive"}, default "inclusive"
        The percentile convention: ``"inclusive"`` is ``PERCENTILE.INC`` (numpy ``'linear'``,
        also accepted), ``"exclusive"`` is ``PERCENTILE.EXC`` (numpy ``'weibull'``, also
        accepted). The default is the one numpy, pandas and a plain ``PERCENTILE`` use.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        ``q`` outside [0, 1] (or outside ``[1/(n+1), n/(n+1)]`` for the exclusive method),
        an unknown ``method``, no delays, or a negative or missing delay.

    Examples
    --------
    >>> latency_percentile([2, 3, 5, 60], 0.5)
    4.0
    >>> latency_percentile([2, 3, 5, 60], 95)
    Traceback (most recent call last):
    ...
    ValueError: `q` must be between 0 and 1 inclusive, got 95. Pass the percentile as a fraction: 0.95 for the 95th.
    >>> latency_percentile([2, 3, 5, 60], 0.95, method="exclusive")
    Traceback (most recent call last):
    ...
    ValueError: `q` 0.95 is outside what the exclusive method can interpolate from 4 delays: 0.2 to 0.8 (1/(n+1) to n/(n+1)). Use more delays, a q inside that range, or method='inclusive'.
    """
    q = check_number(
        "q", q, low=0.0, high=1.0, hint="Pass the percentile as a fraction: 0.95 for the 95th."
    )
    method = check_choice("method", method, PERCENTILE_METHODS)
    hint = "Pass one delay per event, e.g. minutes from the event to its arrival."
    data = np.atleast_1d(values("delays", delays, low=0.0, hint=hint))
    n = data.size
    if PERCENTILE_METHODS[method] == "weibull" and not (1 / (n + 1) <= q <= n / (n + 1)):
        msg = (
            f"`q` {q:g} is outside what the exclusive method can interpolate from {n} delays: "
            f"{1 / (n + 1):.3g} to {n / (n + 1):.3g} (1/(n+1) to n/(n+1)). Use more delays, a q "
            "inside that range, or method='inclusive'."
        )
        raise ValueError(msg)
    return float(np.quantile(data, q, method=PERCENTILE_METHODS[method]))
