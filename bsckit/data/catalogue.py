"""``metric_catalogue`` and ``metric_versions``, written from the metric catalogue.

The catalogue itself is data: ``bsckit/catalogue/measures.yaml`` (read by
:mod:`bsckit.catalogue`). This module only lays it out as the two dataset tables, for a dataset
starting in ``start``: a definition version takes effect ``from_month`` months after the first
data month, and versions after the end of the data are left out, so that each metric's
``definition`` and ``current_version`` are the ones in force at the end of the data.

Examples
--------
>>> tables = catalogue_tables("2024-01", 24)
>>> row = tables["metric_catalogue"].set_index("metric_id").loc["nps"]
>>> row["unit"], int(row["current_version"])
('points', 2)
>>> int(catalogue_tables("2024-01", 6)["metric_catalogue"].set_index("metric_id").loc["nps", "current_version"])
1
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bsckit.catalogue import catalogue_table, versions_table

__all__ = ["catalogue_tables"]


def catalogue_tables(start: str, months: int) -> dict[str, pd.DataFrame]:
    """``metric_catalogue`` and ``metric_versions`` for a dataset of ``months`` from ``start``."""
    versions = pd.DataFrame(versions_table())
    versions = versions[versions["from_month"] < months].copy()
    first = np.datetime64(start, "M")
    versions["valid_from"] = [
        (first + int(k)).astype("datetime64[D]") for k in versions["from_month"]
    ]
    versions["valid_to"] = versions.groupby("metric_id")["valid_from"].shift(-1)
    columns = [
        "metric_id",
        "version",
        "valid_from",
        "valid_to",
        "definition",
        "change_reason",
        "approved_by",
    ]
    versions = versions[columns].reset_index(drop=True)
    catalogue = pd.DataFrame(catalogue_table())
    in_force = versions.groupby("metric_id").last()  # the latest version inside the data
    has = catalogue["metric_id"].isin(in_force.index)
    catalogue["current_version"] = (
        catalogue["metric_id"].map(in_force["version"]).fillna(1).astype(int)
    )
    catalogue.loc[has, "definition"] = catalogue.loc[has, "metric_id"].map(in_force["definition"])
    return {"metric_catalogue": catalogue, "metric_versions": versions}
