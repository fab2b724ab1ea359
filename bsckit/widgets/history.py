"""Monthly history of a catalogue measure, for the SMART objective builder.

The builder fills in a measure's baseline and draws its history from here, and passes the
history to :func:`bsckit.smart.check_smart` for the Achievable check. The values come from the
monthly-measures layer (:func:`bsckit.measures.measure_series`: the metric catalogue's
definition and formula), stated in the unit an objective uses: a measure kept as a fraction is
given in % (0.92 on-time delivery is 92). Tables are read with :func:`bsckit.data.load` once per
folder and kept in memory.

Examples
--------
>>> "on_time_delivery" in HISTORY_MEASURES and "oee" in HISTORY_MEASURES
True
>>> measure_history("nps_of_the_moon")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
KeyError: "`measure_id` 'nps_of_the_moon' has no Homeats recipe; known: average_order_value, ..."
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from bsckit import measures
from bsckit.catalogue import MEASURES as CATALOGUE

__all__ = ["HISTORY_MEASURES", "clear_cache", "measure_history"]

HISTORY_MEASURES: tuple[str, ...] = measures.RECORDED
"""Ids of the measures with a Homeats history: every measure the layer computes."""

_CACHE: dict[tuple[str, str], pd.DataFrame] = {}


def clear_cache() -> None:
    """Forget the tables read so far (e.g. after regenerating the data)."""
    _CACHE.clear()


def _load(names: tuple[str, ...], data_dir: str | os.PathLike[str] | None) -> dict:
    from bsckit import data

    key_dir = "<default>" if data_dir is None else str(Path(data_dir).resolve())
    for name in names:
        if (key_dir, name) not in _CACHE:
            _CACHE[key_dir, name] = data.load(name, data_dir=data_dir)
    return {name: _CACHE[key_dir, name] for name in names}


def measure_history(
    measure_id: str,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    tables: dict[str, pd.DataFrame] | None = None,
) -> pd.Series:
    """Return the monthly history of ``measure_id`` from the Homeats tables.

    Parameters
    ----------
    measure_id : str
        One of :data:`HISTORY_MEASURES` (a metric catalogue id).
    data_dir : path-like, optional
        Folder of the tables; default: the kit's ``datasets/`` (see :func:`bsckit.data.load`).
    tables : dict of str to DataFrame, optional
        Tables to use instead of reading files (e.g. in tests); ``data_dir`` is then ignored.

    Returns
    -------
    pandas.Series
        Float values in the unit an objective states the measure in (% for a fraction),
        indexed by a monthly ``PeriodIndex`` named ``month`` in time order, named
        ``measure_id``.

    Raises
    ------
    KeyError
        When the layer has no recipe for ``measure_id`` (the message lists the known ids), or
        ``tables`` lacks a table it needs.

    Examples
    --------
    >>> orders = pd.DataFrame({"status": ["delivered"] * 3,
    ...     "ordered_at": ["2026-01-05 10:00", "2026-01-09 10:00", "2026-02-02 10:00"],
    ...     "promised_at": ["2026-01-05 12:00", "2026-01-09 12:00", "2026-02-02 12:00"],
    ...     "delivered_at": ["2026-01-05 11:50", "2026-01-09 12:30", "2026-02-02 11:00"]})
    >>> measure_history("on_time_delivery", tables={"orders": orders}).round(1).to_dict()
    {Period('2026-01', 'M'): 50.0, Period('2026-02', 'M'): 100.0}
    """
    needed = measures.needed_tables(measure_id)
    if tables is None:
        tables = _load(needed, data_dir)
    elif not isinstance(tables, dict):
        msg = f"`tables` must be a dict of table name -> DataFrame, got {type(tables).__name__}."
        raise TypeError(msg)
    series = measures.measure_series(measure_id, tables)
    return (series * CATALOGUE[measure_id].factor).astype(float)
