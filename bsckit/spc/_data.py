"""Private helpers shared by the SPC modules: reading subgrouped or individual data."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bsckit._validation import as_values

__all__ = ["as_measurements", "d2_value"]


def as_measurements(name: str, data: Any) -> np.ndarray:
    """Return ``data`` as a float array: 1-D (individual values) or 2-D (one row per subgroup).

    Accepts a list, a list of equal-length lists, a numpy array, a pandas Series (1-D) or a
    DataFrame (rows = subgroups, columns = the measurements of a subgroup).
    """
    if isinstance(data, list | tuple) and data and all(isinstance(r, list | tuple) for r in data):
        lengths = {len(row) for row in data}
        if len(lengths) > 1:
            msg = (
                f"`{name}` subgroups must all have the same size, got sizes "
                f"{sorted(lengths)}. Drop incomplete subgroups or pass individual values (1-D)."
            )
            raise ValueError(msg)
    if isinstance(data, pd.DataFrame):
        data = data.to_numpy(dtype=float)
    return as_values(name, data, ndim=(1, 2))


def d2_value(d2: float, decimals: int | None) -> float:
    """Return ``d2`` as computed (``decimals=None``) or rounded like a printed table."""
    return d2 if decimals is None else round(d2, decimals)
