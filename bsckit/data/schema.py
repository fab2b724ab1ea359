"""The schema of every Homeats table: columns, types, units, ranges and keys.

The declarations are data: ``bsckit/data/schema.yaml`` (read it for every table and column).
This module reads it into one :class:`Table` per file. The writer formats each column by its
``kind``, the loader parses and validates by it, and the data dictionary
(``datasets/README.md``) is printed from it.

Kinds: ``id`` and ``str`` (text), ``category`` (text from a known set; loaded as a pandas
category), ``int``, ``Int`` (whole number that may be missing), ``float`` (fixed ``decimals``),
``bool`` (``true``/``false``), ``date`` (``YYYY-MM-DD``), ``datetime`` (``YYYY-MM-DDTHH:MM``,
UK local time unless said otherwise) and ``month`` (``YYYY-MM``, loaded as the first day).

Examples
--------
>>> SCHEMA["orders"].key
'order_id'
>>> SCHEMA["orders"].column("amount").unit
'GBP'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._validation import check_choice
from ..catalogue import CatalogueError, read_data_file

__all__ = ["KINDS", "SCHEMA", "Column", "Table", "conform"]

KINDS = ("id", "str", "category", "int", "Int", "float", "bool", "date", "datetime", "month")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name, kind, description : str
        Column name, kind (see module docstring) and meaning.
    unit : str, optional
        Unit of measure.
    low, high : float, optional
        Allowed range (inclusive) for numbers.
    nullable : bool, default False
        Whether the value may be empty.
    decimals : int, default 2
        Decimals written for ``float`` columns.
    categories : tuple of str, optional
        Allowed values of a ``category`` column (``None``: any text, still a category).
    references : str, optional
        ``"table.column"`` every non-empty value must exist in.
    unique : bool, default False
        Whether values must be unique.
    """

    name: str
    kind: str
    description: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    nullable: bool = False
    decimals: int = 2
    categories: tuple[str, ...] | None = None
    references: str | None = None
    unique: bool = False

    def __post_init__(self) -> None:
        check_choice("kind", self.kind, KINDS)


@dataclass(frozen=True)
class Table:
    """One table: file ``<name>.csv``."""

    name: str
    area: str
    description: str
    columns: tuple[Column, ...]
    key: str | None = None
    grain: str = ""
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(c.name for c in self.columns))

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        msg = f"`name` must be a column of {self.name!r}: one of {', '.join(self.names)}; got {name!r}."
        raise KeyError(msg)


def _load() -> dict[str, Table]:
    """Read ``schema.yaml`` into :class:`Table` objects, with clear errors for a broken file."""
    file = "bsckit/data/schema.yaml"
    tables = {}
    for name, entry in read_data_file("bsckit.data", "schema.yaml").items():
        where = f"table {name!r}"
        if not isinstance(entry, dict) or not isinstance(entry.get("columns"), dict):
            msg = f"{file}: {where}: it needs `area`, `description`, `grain` and `columns`. Restore it from git."
            raise CatalogueError(msg)
        columns = []
        for column, spec in entry["columns"].items():
            try:
                spec = dict(spec)
                for bound in ("low", "high"):
                    if spec.get(bound) is not None:
                        spec[bound] = float(spec[bound])
                if spec.get("categories") is not None:
                    spec["categories"] = tuple(str(c) for c in spec["categories"])
                columns.append(Column(name=column, **spec))
            except (TypeError, ValueError) as exc:
                msg = (
                    f"{file}: {where}, column {column!r}: {exc}. Write"
                    " {kind: ..., description: ...} with only the keys listed at the top of the file."
                )
                raise CatalogueError(msg) from None
        extra = {k: entry[k] for k in ("key", "grain") if k in entry}
        tables[name] = Table(
            name, entry.get("area", ""), entry.get("description", ""), tuple(columns), **extra
        )
    return tables


SCHEMA: dict[str, Table] = _load()

_DT = "datetime64[ns]"
_NS = {"D": 86_400 * 10**9, "min": 60 * 10**9}


def _category(col: Column, s: pd.Series) -> pd.Categorical:
    """``s`` as a Categorical with the column's categories (or its sorted values)."""
    if isinstance(s.dtype, pd.CategoricalDtype) and not s.cat.ordered:
        # Already conformed (e.g. written after generate): keep it if the categories match.
        current = s.cat.categories
        codes = s.cat.codes.to_numpy()
        cats = col.categories or tuple(sorted(current[np.unique(codes[codes >= 0])].tolist()))
        expected = pd.Index(cats)
        if current.dtype == expected.dtype and current.equals(expected):
            return s.array
    values = s.astype("str")
    cats = col.categories or tuple(sorted(values.dropna().unique()))
    return pd.Categorical(values, categories=cats)


def _floored(s: pd.Series, unit: str) -> pd.Series:
    """``s`` as datetime64[ns] floored to ``unit`` (``"D"`` or ``"min"``)."""
    if s.dtype == _DT:
        values = s.to_numpy()
        if not (values[~np.isnat(values)].view(np.int64) % _NS[unit]).any():
            return s  # already floored (e.g. written after generate): flooring changes nothing
    return pd.to_datetime(s).astype(_DT).dt.floor(unit)


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with the schema's column order and dtypes (no value is changed
    except rounding floats to their written decimals)."""
    table = SCHEMA[name]
    missing = [c for c in table.names if c not in frame.columns]
    if missing:
        msg = f"table {name!r} lacks columns {missing}; the generator and schema disagree."
        raise ValueError(msg)
    out = {}
    for col in table.columns:
        s = frame[col.name]
        if col.kind in ("id", "str"):
            out[col.name] = s.astype("str")
        elif col.kind == "category":
            out[col.name] = _category(col, s)
        elif col.kind == "int":
            out[col.name] = s.astype(np.int64)
        elif col.kind == "Int":
            out[col.name] = s.astype("Int64")
        elif col.kind == "float":
            out[col.name] = s.astype(float).round(col.decimals) + 0.0
        elif col.kind == "bool":
            out[col.name] = s.astype(bool)
        elif col.kind == "date":
            out[col.name] = _floored(s, "D")
        elif col.kind == "month":
            out[col.name] = pd.to_datetime(s).astype(_DT).dt.to_period("M").dt.start_time
        else:
            out[col.name] = _floored(s, "min")
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))
