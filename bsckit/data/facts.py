"""Facts about Homeats the generator uses, read once from ``bsckit/data/homeats.yaml``.

Examples
--------
>>> [k[0] for k in HOMEATS["kitchens"]]
['K01', 'K02', 'K03', 'K04']
"""

from __future__ import annotations

from ..catalogue import read_data_file

__all__ = ["HOMEATS"]

HOMEATS: dict = read_data_file("bsckit.data", "homeats.yaml")
"""Kitchens, dishes, cost centres, system codes, planted discrepancies and scenarios."""
