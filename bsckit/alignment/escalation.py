"""Which deviations reach the executives: materiality and natural process limits together.

A deviation from plan goes to the executives only when it is both **material** (large enough
to matter to the strategy, measured in the measure's own unit) and a **signal** (outside the
natural process limits of an individuals chart, :func:`bsckit.spc.control_chart`, so not the
month-to-month noise of a stable process). Every other signal, and every material deviation
that is still inside the limits, stays with the process owner (``operations``); the rest needs
no action (``none``).

Examples
--------
>>> import pandas as pd
>>> values = pd.Series([10, 11, 9, 10, 11, 10, 9, 10, 30, 10.5, 13.2])
>>> escalation_routes(values, materiality=3.5, phase_one=8)["route"].tolist()[-3:]
['executives', 'none', 'operations']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bsckit._validation import check_count, check_number
from bsckit.spc import control_chart

__all__ = ["ROUTES", "escalation_routes"]

ROUTES = ("executives", "operations", "none")
"""Where a period's deviation goes: strategic review, the process owner, or nowhere."""


def escalation_routes(
    values: pd.Series,
    *,
    materiality: float,
    phase_one: int,
    plan: float | None = None,
    nsigmas: float = 3.0,
) -> pd.DataFrame:
    """Route each period after the first ``phase_one`` to executives, operations or none.

    Parameters
    ----------
    values : pandas.Series
        The measure, one value per period in time order.
    materiality : float
        Smallest deviation from ``plan`` (in the measure's unit, either direction) that matters
        to the strategy.
    phase_one : int
        Number of leading periods that set the natural limits (phase I); the routes are given
        for the periods after them (phase II).
    plan : float, optional
        The planned level; default: the phase-I centre line (the mean).
    nsigmas : float, default 3.0
        Width of the natural limits in sigmas (sigma from the average moving range, d2 = 1.128).

    Returns
    -------
    pandas.DataFrame
        One row per phase-II period: value, deviation, material, signal, route; limits and plan
        in ``.attrs`` (``lcl``, ``centre``, ``ucl``, ``plan``).
    """
    if not isinstance(values, pd.Series):
        msg = f"`values` must be a pandas Series in time order, got {type(values).__name__}."
        raise TypeError(msg)
    materiality = check_number(
        "materiality",
        materiality,
        low=0.0,
        hint="Give it in the measure's unit, e.g. 5000 for GBP 5,000.",
    )
    phase_one = check_count("phase_one", phase_one)
    if not 2 <= phase_one < len(values):
        msg = (
            f"`phase_one` must be between 2 and {len(values) - 1} (periods before the last), "
            f"got {phase_one}."
        )
        raise ValueError(msg)
    chart = control_chart(
        values.to_numpy(dtype=float), "individuals", nsigmas=nsigmas, limits_from=range(phase_one)
    )
    centre = float(chart.center)
    plan = centre if plan is None else check_number("plan", plan)
    later = values.iloc[phase_one:].astype(float)
    deviation = later - plan
    material = deviation.abs() >= materiality
    signal = (later > chart.ucl) | (later < chart.lcl)
    route = np.where(
        material & signal, "executives", np.where(material | signal, "operations", "none")
    )
    out = pd.DataFrame(
        {
            "value": later,
            "deviation": deviation,
            "material": material,
            "signal": signal,
            "route": route,
        },
        index=later.index,
    )
    out.attrs.update(lcl=float(chart.lcl), centre=centre, ucl=float(chart.ucl), plan=plan)
    return out
