"""Write, load and check the Homeats dataset files.

Files are CSV (UTF-8, ``\\n`` line ends, fixed decimals per column, ISO dates), so the same
parameters give byte-identical files in any process. ``manifest.json`` records the parameters,
the generator version and, per file, the sha256 and the row count. :func:`load` validates every
value against :data:`bsckit.data.schema.SCHEMA` and the manifest and refuses a bad file with a
message naming the file, the row and the column; it never repairs data.

Examples
--------
>>> import tempfile
>>> from bsckit.data.generate import generate
>>> folder = write(generate(months=1, scale=0.05), tempfile.mkdtemp(), {"months": 1})
>>> load("kitchens", folder)["kitchen_id"].tolist()
['K01', 'K02', 'K03', 'K04']
>>> check(folder)
[]
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd

import bsckit

from .._validation import check_choice
from .schema import SCHEMA, Column, conform

__all__ = [
    "DATA_DIR_ENV",
    "MANIFEST",
    "DataFileError",
    "check",
    "default_data_dir",
    "load",
    "load_all",
    "tables",
    "to_csv_bytes",
    "write",
]

MANIFEST = "manifest.json"
DATA_DIR_ENV = "BSCKIT_DATA_DIR"
_FORMATS = {"date": "D", "datetime": "m", "month": "M"}
_PARSE = {"date": "%Y-%m-%d", "datetime": "%Y-%m-%dT%H:%M", "month": "%Y-%m"}


class DataFileError(ValueError):
    """A dataset file is missing, edited, truncated or does not match its schema."""


def tables() -> list[str]:
    """Names of all tables, in dictionary order.

    Examples
    --------
    >>> tables()[:3]
    ['kitchens', 'dishes', 'customers']
    """
    return list(SCHEMA)


def default_data_dir() -> Path:
    """``$BSCKIT_DATA_DIR`` if set, else the repository's ``datasets/`` folder."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    return Path(bsckit.__file__).resolve().parents[1] / "datasets"


def _ascii_text(chars: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
    """One string per row of an ``(n, width)`` array of ASCII codes (only ``keep`` characters).

    The rows are written into one byte buffer, decoded and split once: a few milliseconds for
    100,000 values, where formatting them one by one takes ten times longer.
    """
    n, width = chars.shape
    if n == 0:
        return np.empty(0, dtype=object)
    rows = np.empty((n, width + 1), dtype=np.uint8)
    rows[:, :width] = chars
    rows[:, width] = 10  # "\n"
    if keep is None:
        data = rows.tobytes()
    else:
        mask = np.ones((n, width + 1), dtype=bool)
        mask[:, :width] = keep
        data = rows[mask].tobytes()
    return np.array(data[:-1].decode("ascii").split("\n"), dtype=object)


_PAIRS = np.array([[48 + i // 10, 48 + i % 10] for i in range(100)], dtype=np.uint8)


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """ASCII codes of the last ``width`` decimal digits of non-negative integers."""
    out = np.empty((len(values), width), dtype=np.uint8)
    rest = values
    while width >= 2:
        out[:, width - 2 : width] = _PAIRS[rest % 100]
        rest = rest // 100
        width -= 2
    if width:
        out[:, 0] = rest % 10 + 48
    return out


def _literal(n: int, text: str) -> np.ndarray:
    return np.broadcast_to(np.frombuffer(text.encode("ascii"), dtype=np.uint8), (n, len(text)))


def _number_text(units: np.ndarray, negative: np.ndarray, decimals: int) -> np.ndarray:
    """``units / 10**decimals`` written with ``decimals`` decimals, as ``"%.{decimals}f"``."""
    n = len(units)
    whole, frac = np.divmod(np.abs(units), 10**decimals)
    width = len(str(int(whole.max()))) if n else 1
    lengths = np.ones(n, dtype=np.int64)
    for i in range(1, width):
        lengths += whole >= 10**i
    parts = [_literal(n, "-"), _digits(whole, width)]
    keeps = [negative[:, None], np.arange(width)[None, :] >= (width - lengths)[:, None]]
    if decimals:
        parts += [_literal(n, "."), _digits(frac, decimals)]
        keeps.append(np.ones((n, decimals + 1), dtype=bool))
    return _ascii_text(np.hstack(parts), np.hstack(keeps))


def _from_table(codes: np.ndarray, write) -> np.ndarray | None:
    """``write(code)`` for each code, each distinct text made once (``None`` if too many)."""
    if len(codes) == 0:
        return np.empty(0, dtype=object)
    low, high = int(codes.min()), int(codes.max())
    if high - low >= max(len(codes) // 4, 64):
        return None
    table = np.array([write(code) for code in range(low, high + 1)], dtype=object)
    return table[codes - low]


def _float_text(values: np.ndarray, decimals: int) -> np.ndarray:
    """``"%.{decimals}f" % value`` for each value (missing values as 0.0)."""
    values = np.where(np.isnan(values), 0.0, values)
    fmt = f"%.{decimals}f"
    if decimals <= 6 and len(values) and np.isfinite(values).all():
        scale = 10.0**decimals
        units = np.rint(values * scale)
        # Exact when each value is the double nearest units / 10**decimals (as conform's
        # rounding makes it) and small enough that the printed digits are those of units.
        if np.abs(values).max() < 1e9 and np.array_equal(units / scale, values):
            units = units.astype(np.int64)
            negative = np.signbit(values)
            if not (negative & (units == 0)).any():  # no -0.0
                text = _from_table(units, lambda k: fmt % (k / scale))
                if text is not None:
                    return text
            return _number_text(units, negative, decimals)
    return np.array([fmt % v for v in values.tolist()], dtype=object)


def _int_text(values: np.ndarray) -> np.ndarray:
    """``str(value)`` for each whole number."""
    text = _from_table(values, str)
    if text is not None:
        return text
    if np.abs(values).max() < 10**15:
        return _number_text(values, values < 0, 0)
    return np.array([str(v) for v in values.tolist()], dtype=object)


_TEXT_WIDTH = {"M": 7, "D": 10}
_HOURS_MINUTES = np.frombuffer(
    "".join(f"{m // 60:02d}:{m % 60:02d}" for m in range(1440)).encode("ascii"), dtype=np.uint8
).reshape(1440, 5)


def _time_text(values: np.ndarray, unit: str) -> np.ndarray:
    """``np.datetime_as_string`` at ``unit`` (``"M"``, ``"D"`` or ``"m"``); NaT as any text.

    Each month or day in the range is written once by numpy; rows copy its characters.
    """
    values = values.astype(f"datetime64[{unit}]")
    nat = np.isnat(values)
    steps = values.view(np.int64)
    minutes = None
    if unit == "m":
        minutes = np.where(nat, 0, steps % 1440)
        steps, unit = steps // 1440, "D"
    known = steps[~nat]
    if len(known) and known.max() - known.min() < max(4 * len(values), 10_000):
        low = known.min()
        table = np.datetime_as_string(np.arange(low, known.max() + 1).astype(f"datetime64[{unit}]"))
        width = _TEXT_WIDTH[unit]
        if all(len(text) == width for text in table.tolist()):
            chars = np.frombuffer("".join(table.tolist()).encode("ascii"), dtype=np.uint8)
            parts = [chars.reshape(-1, width)[np.where(nat, 0, steps - low)]]
            if minutes is not None:
                parts += [_literal(len(values), "T"), _HOURS_MINUTES[minutes]]
            return _ascii_text(np.hstack(parts))
    return np.datetime_as_string(values).astype(object)


def _column_text(col: Column, s: pd.Series) -> np.ndarray:
    """The text written for each value of ``s`` (a column already passed through conform)."""
    if col.kind == "float":
        values = s.to_numpy(dtype=float, na_value=np.nan)
        missing = np.isnan(values)
        text = _float_text(values, col.decimals)
    elif col.kind == "bool":
        missing = s.isna().to_numpy()
        text = np.array(["false", "true"], dtype=object)[s.to_numpy(dtype=bool).view(np.int8)]
    elif col.kind in _FORMATS:
        values = s.to_numpy(dtype="datetime64[ns]")
        missing = np.isnat(values)
        text = _time_text(values, _FORMATS[col.kind])
    elif col.kind == "int" and s.dtype == np.int64:
        missing = np.zeros(len(s), dtype=bool)
        text = _int_text(s.to_numpy())
    elif col.kind == "Int":
        missing = s.isna().to_numpy()
        text = s.astype("Int64").astype(str).to_numpy(dtype=object)
    elif isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy()
        missing = codes < 0
        labels = s.cat.categories.astype(str).to_numpy(dtype=object)
        text = labels[codes] if len(labels) else np.full(len(s), "", dtype=object)
    else:
        missing = s.isna().to_numpy()
        text = s.astype(str).to_numpy(dtype=object, copy=True)
    text[missing] = ""
    return text


# Characters that may make the csv module quote a field (delimiter, quote, line breaks, and,
# to be safe, any other control character).
_NEEDS_QUOTING = re.compile(r'[,"\x00-\x1f\x7f]')


def _needs_quoting(col: Column, s: pd.Series, text: np.ndarray) -> bool:
    """Whether any field of the column may need quoting (numbers and dates never do)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        labels = s.cat.categories.astype(str).tolist()
        return bool(_NEEDS_QUOTING.search(" ".join(labels)))
    if col.kind in ("id", "str", "category"):
        return bool(_NEEDS_QUOTING.search(" ".join(text)))
    return False


def _csv_text(names: tuple[str, ...], columns: list[np.ndarray], plain: bool) -> str:
    """The CSV text of ``columns`` as pandas' ``to_csv`` (the csv module, QUOTE_MINIMAL) writes it.

    When no field needs quoting (``plain``), rows are joined directly, which gives the same
    text several times faster; otherwise the csv module writes them.
    """
    if plain and len(names) > 1 and not _NEEDS_QUOTING.search(" ".join(names)):
        lines = [",".join(names)]
        lines.extend(map(",".join, zip(*columns, strict=True)))
        return "\n".join(lines) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(zip(*columns, strict=True))
    return buffer.getvalue()


def to_csv_bytes(name: str, frame: pd.DataFrame) -> bytes:
    """The exact bytes written for table ``name``.

    Examples
    --------
    >>> df = pd.DataFrame({"month": pd.to_datetime(["2024-01-01"]), "cpi": [100.0],
    ...                    "food_cost_index": [100.456]})
    >>> to_csv_bytes("price_index", df)
    b'month,cpi,food_cost_index\\n2024-01,100.00,100.46\\n'
    """
    check_choice("name", name, SCHEMA)
    table = SCHEMA[name]
    frame = conform(name, frame)
    columns, plain = [], True
    for col in table.columns:
        s = frame[col.name]
        columns.append(_column_text(col, s))
        plain = plain and not _needs_quoting(col, s, columns[-1])
    return _csv_text(table.names, columns, plain).encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _library_versions() -> dict[str, str]:
    import faker

    return {"faker": faker.VERSION, "numpy": np.__version__, "pandas": pd.__version__}


def write(
    tables: Mapping[str, pd.DataFrame],
    out_dir: str | os.PathLike[str],
    params: Mapping | object,
    *,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Write ``tables`` to ``out_dir`` atomically, with ``manifest.json`` and ``README.md``.

    Every file is first written to a temporary name in ``out_dir``; only when all are written
    do they replace the old files, the manifest last. If anything fails before that, the old
    files are untouched and the temporary files are removed.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Output of :func:`bsckit.data.generate` (or a subset of it).
    out_dir : path-like
        Target folder (created if missing).
    params : mapping or Params
        Generator parameters, recorded in the manifest.
    progress : callable, optional
        Called with each file name once its temporary copy is written.

    Returns
    -------
    pathlib.Path
        ``out_dir``.
    """
    from .dictionary import data_dictionary
    from .generate import GENERATOR_VERSION, Params

    if not isinstance(tables, Mapping) or not tables:
        msg = "`tables` must be a non-empty dict of table name to DataFrame, e.g. generate()."
        raise TypeError(msg)
    for name in tables:
        check_choice("tables", name, SCHEMA)
    # Record the full, validated parameter set, defaults included, whatever the caller passed:
    # the manifest must say exactly how to regenerate the folder.
    params = params.to_dict() if hasattr(params, "to_dict") else Params(**dict(params)).to_dict()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pending: list[tuple[str, Path]] = []
    files: dict[str, dict] = {}
    try:
        for name in SCHEMA:
            if name not in tables:
                continue
            data = to_csv_bytes(name, tables[name])
            pending.append((f"{name}.csv", _temp_write(out, f"{name}.csv", data)))
            files[f"{name}.csv"] = {
                "table": name,
                "rows": len(tables[name]),
                "bytes": len(data),
                "sha256": _sha(data),
            }
            if progress is not None:
                progress(name)
        readme = data_dictionary(params, {n: len(t) for n, t in tables.items()}).encode("utf-8")
        pending.append(("README.md", _temp_write(out, "README.md", readme)))
        manifest = {
            "generator": "bsckit.data",
            "generator_version": GENERATOR_VERSION,
            "bsckit_version": bsckit.__version__,
            "libraries": _library_versions(),
            "format": "CSV, UTF-8, LF line ends, ISO 8601 dates, fixed decimals per column",
            "parameters": params,
            "files": files,
            "data_dictionary": {"file": "README.md", "sha256": _sha(readme)},
        }
    except BaseException:
        for _, tmp in pending:
            tmp.unlink(missing_ok=True)
        raise
    for final, tmp in pending:
        os.replace(tmp, out / final)
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    os.replace(_temp_write(out, MANIFEST, text.encode("utf-8")), out / MANIFEST)
    return out


def _temp_write(folder: Path, final: str, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{final}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(name, 0o666 & ~_umask())  # mkstemp makes 0600; data files are shared
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _manifest(folder: Path) -> dict | None:
    path = folder / MANIFEST
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        msg = f"{path}: not valid JSON ({exc}). Regenerate with `bsckit data --out {folder}`."
        raise DataFileError(msg) from None


def _fail(path: Path, row: int | str, column: str, problem: str) -> DataFileError:
    where = f"row {row} (line {row + 1})" if isinstance(row, int) else f"row {row}"
    return DataFileError(
        f"{path}: {where}, column '{column}': {problem}. The file was edited or truncated; "
        f"restore it or regenerate the folder with `bsckit data --out {path.parent}`."
    )


def _first(bad: np.ndarray) -> int:
    """Row number (1-based, header excluded) of the first True in ``bad``."""
    return int(np.argmax(bad)) + 1


def _parse(path: Path, col: Column, raw: pd.Series) -> pd.Series:
    """Parse and check one column read as text; conform() gives it its final dtype.

    The checks run on numpy arrays: a table's columns each made about fifteen small pandas
    operations before, and their overhead was most of the time of loading a small table.
    """
    text = raw.to_numpy(dtype=object)
    empty = text == ""
    if not col.nullable and empty.any():
        raise _fail(path, _first(empty), col.name, "value is empty but the column may not be empty")
    kind = col.kind
    present = ~empty
    if kind in ("id", "str", "category"):
        if kind == "category" and col.categories is not None:
            bad = present & ~raw.isin(col.categories).to_numpy()
            if bad.any():
                i = _first(bad)
                allowed = ", ".join(col.categories)
                raise _fail(path, i, col.name, f"value {text[i - 1]!r} is not one of: {allowed}")
        return pd.Series(np.where(empty, None, text), index=raw.index, dtype=object)
    if kind == "bool":
        true = text == "true"
        bad = ~(true | (text == "false"))
        if bad.any():
            i = _first(bad)
            raise _fail(path, i, col.name, f"value {text[i - 1]!r} is not true or false")
        return pd.Series(true, index=raw.index)
    with_none = pd.Series(np.where(empty, None, text), index=raw.index, dtype=object)
    if kind in _PARSE:
        parsed = pd.to_datetime(with_none, format=_PARSE[kind], errors="coerce")
        bad = parsed.isna().to_numpy() & present
        if bad.any():
            i = _first(bad)
            raise _fail(
                path, i, col.name, f"value {text[i - 1]!r} is not a {kind} written {_PARSE[kind]}"
            )
        return parsed
    number = pd.to_numeric(with_none, errors="coerce")
    values = number.to_numpy()
    missing = np.isnan(values) if values.dtype.kind == "f" else number.isna().to_numpy()
    bad = missing & present
    if kind in ("int", "Int") and values.dtype.kind == "f":
        bad |= present & (np.where(missing, 0.0, values) % 1 != 0)
    if bad.any():
        i = _first(bad)
        whole = "whole " if kind != "float" else ""
        raise _fail(path, i, col.name, f"value {text[i - 1]!r} is not a {whole}number")
    if kind == "float":
        dot = np.fromiter(map(str.find, text, repeat(".")), dtype=np.int64, count=len(text))
        length = np.fromiter(map(len, text), dtype=np.int64, count=len(text))
        wrong = present & (np.where(dot < 0, 0, length - dot - 1) != col.decimals)
        if wrong.any():
            i = _first(wrong)
            raise _fail(
                path, i, col.name, f"value {text[i - 1]!r} must have {col.decimals} decimals"
            )
    out_of = np.zeros(len(text), dtype=bool)
    if col.low is not None:
        out_of |= values < col.low
    if col.high is not None:
        out_of |= values > col.high
    if out_of.any():
        i = _first(out_of)
        lo = "-inf" if col.low is None else f"{col.low:g}"
        hi = "inf" if col.high is None else f"{col.high:g}"
        raise _fail(
            path, i, col.name, f"value {text[i - 1]!r} is outside the allowed range {lo} to {hi}"
        )
    return number


def _read_raw(path: Path, data: bytes) -> pd.DataFrame:
    try:
        # object columns of Python str: the checks below run several times faster on them
        # than on pandas' "str" dtype, and conform() gives every column its dtype afterwards.
        return pd.read_csv(io.BytesIO(data), dtype=object, keep_default_na=False, na_filter=False)
    except pd.errors.ParserError as exc:
        text = str(exc)
        msg = f"{path}: cannot be read as CSV ({text}). The file was edited or truncated."
        raise DataFileError(msg) from None
    except pd.errors.EmptyDataError:
        raise _fail(path, "1 (header)", "(all)", "the file is empty") from None


def load(
    name: str, data_dir: str | os.PathLike[str] | None = None, *, verify: bool = True
) -> pd.DataFrame:
    """Load one table with proper dtypes, after validating it.

    Parameters
    ----------
    name : str
        Table name, one of :func:`tables`.
    data_dir : path-like, optional
        Folder; default :func:`default_data_dir`.
    verify : bool, default True
        Also compare the file with ``manifest.json`` (row count and sha256) when the folder
        has one. Schema checks (columns, types, ranges, keys) always run.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    DataFileError
        Naming the file, the row and the column of the first problem found.
    """
    check_choice("name", name, SCHEMA)
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    path = folder / f"{name}.csv"
    if not path.exists():
        msg = f"{path} does not exist. Generate the data with `bsckit data --out {folder}`."
        raise FileNotFoundError(msg)
    data = path.read_bytes()
    table = SCHEMA[name]
    raw = _read_raw(path, data)
    if tuple(raw.columns) != table.names:
        missing = [c for c in table.names if c not in raw.columns]
        extra = [c for c in raw.columns if c not in table.names]
        column = (missing or extra or [table.names[0]])[0]
        raise _fail(
            path,
            "1 (header)",
            column,
            f"header must be {', '.join(table.names)}; missing {missing}, unexpected {extra}",
        )
    if data and not data.endswith(b"\n"):
        last = data.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")
        fields = next(csv.reader([last])) if last else []
        column = table.names[min(max(len(fields) - 1, 0), len(table.names) - 1)]
        raise _fail(path, len(raw), column, "the file ends in the middle of this row (truncated)")
    manifest = _manifest(folder) if verify else None
    entry = (manifest or {}).get("files", {}).get(path.name)
    parsed = {c.name: _parse(path, c, raw[c.name]) for c in table.columns}
    frame = pd.DataFrame(parsed)
    for col in table.columns:
        if col.unique:
            dup = frame[col.name].duplicated() & frame[col.name].notna()
            if dup.any():
                i = int(np.argmax(dup.to_numpy()))
                raise _fail(
                    path, i + 1, col.name, f"value {raw[col.name].iat[i]!r} repeats an earlier row"
                )
        if col.references:
            ref_table, ref_col = col.references.split(".")
            ref_path = folder / f"{ref_table}.csv"
            if ref_path.exists():
                keys = _reference_keys(ref_path, ref_col)
                values = frame[col.name]
                bad = values.notna() & ~values.isin(keys)
                if bad.any():
                    i = int(np.argmax(bad.to_numpy()))
                    raise _fail(
                        path,
                        i + 1,
                        col.name,
                        f"value {values.iat[i]!r} has no match in {ref_table}.{ref_col}",
                    )
    sha = _sha(data)
    if entry is not None:
        if len(raw) != entry["rows"]:
            row = min(len(raw), entry["rows"]) + 1
            raise _fail(
                path,
                row,
                "(all)",
                f"the file has {len(raw)} rows but manifest.json records {entry['rows']}",
            )
        if sha != entry["sha256"]:
            row, column, detail = _locate_change(name, data, manifest)
            raise _fail(path, row, column, f"content differs from manifest.json (sha256){detail}")
    for column in _KEY_COLUMNS.get(name, ()):
        _remember_keys(column, sha, raw[column])
    return conform(name, frame)


# Key columns other tables reference, by table: {"orders": ("order_id",), ...}.
_KEY_COLUMNS: dict[str, tuple[str, ...]] = {}
for _table in SCHEMA.values():
    for _col in _table.columns:
        if _col.references:
            _ref_table, _ref_col = _col.references.split(".")
            if _ref_col not in _KEY_COLUMNS.get(_ref_table, ()):
                _KEY_COLUMNS[_ref_table] = (*_KEY_COLUMNS.get(_ref_table, ()), _ref_col)
del _table, _col, _ref_table, _ref_col

# Distinct values of referenced key columns, by (column, sha256 of the file's bytes): tickets,
# returns, invoices and surveys all check their order_id against orders.csv, and reading that
# file once per check cost a notebook a quarter of a second. Keyed by content, not by path or
# modification time, so an edited file is never checked against its old keys.
_KEYS: dict[tuple[str, str], np.ndarray] = {}
_KEYS_MAX = 32


def _remember_keys(column: str, sha: str, values: pd.Series) -> np.ndarray:
    keys = pd.unique(values.to_numpy(dtype=object))
    _KEYS.pop((column, sha), None)
    _KEYS[(column, sha)] = keys
    while len(_KEYS) > _KEYS_MAX:
        del _KEYS[next(iter(_KEYS))]  # the oldest entry
    return keys


def _reference_keys(path: Path, column: str) -> np.ndarray:
    """The distinct values of ``column`` in the file ``path`` (read once per file content)."""
    data = path.read_bytes()
    sha = _sha(data)
    keys = _KEYS.get((column, sha))
    if keys is not None:
        return keys
    values = pd.read_csv(io.BytesIO(data), usecols=[column], dtype=str, keep_default_na=False)
    return _remember_keys(column, sha, values[column])


def _locate_change(name: str, data: bytes, manifest: dict) -> tuple[int | str, str, str]:
    """Find the first changed row and column by regenerating the table from the manifest."""
    from .generate import GENERATOR_VERSION, generate

    unknown = ("unknown", "unknown", "; regenerate to see which row")
    if (
        manifest.get("generator_version") != GENERATOR_VERSION
        or manifest.get("libraries") != _library_versions()
    ):
        return unknown
    try:
        expected = to_csv_bytes(name, generate(**manifest["parameters"])[name])
    except Exception:
        return unknown
    got_lines = data.split(b"\n")
    exp_lines = expected.split(b"\n")
    header = next(csv.reader([exp_lines[0].decode()]))
    for i, (g, e) in enumerate(zip(got_lines, exp_lines, strict=False)):
        if g != e:
            gf = next(csv.reader([g.decode("utf-8", "replace")]), [])
            ef = next(csv.reader([e.decode("utf-8", "replace")]), [])
            for j, column in enumerate(header):
                gv = gf[j] if j < len(gf) else ""
                ev = ef[j] if j < len(ef) else ""
                if gv != ev:
                    return i, column, f": found {gv!r}, the generator wrote {ev!r}"
            return i, header[0], ""
    return len(exp_lines) - 1, header[0], ""


def load_all(
    data_dir: str | os.PathLike[str] | None = None, *, verify: bool = True
) -> dict[str, pd.DataFrame]:
    """Load every table (see :func:`load`)."""
    return {name: load(name, data_dir, verify=verify) for name in SCHEMA}


def check(data_dir: str | os.PathLike[str]) -> list[str]:
    """Compare a folder with its ``manifest.json``; return the problems found (empty = fine).

    Examples
    --------
    >>> check("/nonexistent/folder")
    ['/nonexistent/folder/manifest.json: missing (is this a bsckit data folder?)']
    """
    folder = Path(data_dir)
    try:
        manifest = _manifest(folder)
    except DataFileError as exc:
        return [str(exc)]
    if manifest is None:
        return [f"{folder / MANIFEST}: missing (is this a bsckit data folder?)"]
    problems = []
    for key in ("generator_version", "parameters", "files"):
        if key not in manifest:
            problems.append(f"{folder / MANIFEST}: no '{key}' entry")
    for file, entry in sorted(manifest.get("files", {}).items()):
        path = folder / file
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        data = path.read_bytes()
        rows = max(data.count(b"\n") - 1, 0)
        if rows != entry.get("rows"):
            problems.append(f"{path}: {rows} rows, manifest records {entry.get('rows')}")
        if _sha(data) != entry.get("sha256"):
            problems.append(f"{path}: sha256 differs from manifest (file changed)")
    doc = manifest.get("data_dictionary")
    if doc:
        path = folder / doc["file"]
        if not path.exists():
            problems.append(f"{path}: missing")
        elif _sha(path.read_bytes()) != doc["sha256"]:
            problems.append(f"{path}: sha256 differs from manifest (file changed)")
    return problems
