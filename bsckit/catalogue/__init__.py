"""The Homeats metric catalogue: one data file, ``measures.yaml``, defines every measure.

This module reads it (and the kit's other data files) and checks it: a broken file gets an error
naming the file, the entry, the key and what to do. Read ``measures.yaml`` itself for the
definitions; its header explains every field.

- :data:`MEASURES` maps each measure id to its :class:`Definition`.
- :data:`UNITS` maps each unit id to its :class:`Unit` (scale, how objectives state it, bounds).
- :data:`LINKS` lists the cause-and-effect links of the strategy map; :func:`roles` gives a
  measure's role in each link it is part of.
- :func:`catalogue_table` and :func:`versions_table` are the rows the data generator writes to
  ``metric_catalogue.csv`` and ``metric_versions.csv``.
- :func:`read_data_file` reads any YAML data file of the package (the dataset schema, the SMART
  vocabulary) with the same clear errors.

Examples
--------
>>> MEASURES["defect_rate"].unit, MEASURES["defect_rate"].formula
('fraction', 'kpi.defect_rate')
>>> UNITS["fraction"].stated, UNITS["fraction"].factor
('%', 100.0)
>>> roles("defect_rate")
{'process_improvements -> defect_rate': 'lagging', 'defect_rate -> quality_complaints': 'leading', 'defect_rate -> quality_checks': 'leading'}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from bsckit.scorecard.perspective import Perspective

__all__ = [
    "AGGREGATES",
    "FREQUENCIES",
    "LINKS",
    "MEASURES",
    "ROLES",
    "SYSTEMS",
    "UNITS",
    "CatalogueError",
    "Definition",
    "Link",
    "Unit",
    "catalogue_table",
    "read_data_file",
    "roles",
    "versions_table",
]

ROLES = ("leading", "lagging")
FREQUENCIES = ("weekly", "monthly", "quarterly", "yearly")
SYSTEMS = ("ERP", "CRM", "HRIS", "workflow", "production system", "survey tool")
AGGREGATES = ("count", "sum", "mean", "median", "ratio")
"""Formulas that are plain aggregates rather than a :mod:`bsckit.kpi` function."""

_FILE = "measures.yaml"


class CatalogueError(ValueError):
    """A data file of the package is missing, unreadable or has a wrong entry."""


def _fail(file: str, where: str, problem: str, todo: str) -> CatalogueError:
    return CatalogueError(f"{file}: {where}: {problem}. {todo}")


def read_data_file(package: str, name: str) -> dict[str, Any]:
    """Read the YAML data file ``name`` shipped in ``package`` as a dict.

    Examples
    --------
    >>> sorted(read_data_file("bsckit.catalogue", "measures.yaml"))
    ['links', 'measures', 'units']
    >>> read_data_file("bsckit.catalogue", "nothing.yaml")
    Traceback (most recent call last):
    ...
    bsckit.catalogue.CatalogueError: bsckit/catalogue/nothing.yaml: file: it is missing. Reinstall bsckit (pip install -e .) or restore the file from git.
    """
    shown = f"{package.replace('.', '/')}/{name}"
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(
            shown,
            "file",
            "it is missing",
            "Reinstall bsckit (pip install -e .) or restore the file from git.",
        ) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "file"
        raise _fail(shown, where, f"not valid YAML ({exc})", "Fix the syntax there.") from None
    if not isinstance(data, dict):
        raise _fail(
            shown, "file", "the top level must be a mapping of keys", "Restore it from git."
        )
    return data


@dataclass(frozen=True)
class Unit:
    """A unit of measure: what a value means and how an objective states it."""

    id: str
    meaning: str
    stated: str
    factor: float
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Link:
    """A cause-and-effect link of the strategy map: ``cause`` leads, ``effect`` lags."""

    process: str
    cause: str
    effect: str
    note: str = ""

    def __str__(self) -> str:
        return f"{self.cause} -> {self.effect}"


@dataclass(frozen=True)
class Definition:
    """One measure of the catalogue (see the header of ``measures.yaml`` for each field)."""

    id: str
    name: str
    perspective: Perspective
    definition: str
    unit: str
    better: str
    role: str
    formula: str
    source: str | None
    system: str | None
    owner: str
    steward: str
    frequency: str
    synonyms: tuple[str, ...]
    related: tuple[Perspective, ...] = ()
    low: float | None = None
    high: float | None = None
    versions: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    @property
    def stated_unit(self) -> str:
        """The unit an objective states the measure in (``%`` for a fraction)."""
        return UNITS[self.unit].stated

    @property
    def factor(self) -> float:
        """Multiply a value by this to state it in :attr:`stated_unit`."""
        return UNITS[self.unit].factor


def _pick(entry: dict, key: str, file: str, where: str, choices: tuple | None = None) -> Any:
    if key not in entry:
        raise _fail(file, where, f"key {key!r} is missing", f"Add `{key}:` to the entry.")
    value = entry[key]
    if choices is not None and value not in choices:
        allowed = ", ".join(str(c) for c in choices)
        raise _fail(
            file, f"{where}, key {key!r}", f"{value!r} is not one of {allowed}", "Use one of those."
        )
    return value


def _bounds(value: Any, file: str, where: str) -> tuple[float | None, float | None]:
    ok = isinstance(value, list) and len(value) == 2
    ok = ok and all(v is None or isinstance(v, int | float) for v in value)
    if not ok:
        raise _fail(
            file,
            f"{where}, key 'bounds'",
            f"{value!r} is not [low, high]",
            "Write e.g. [0, 1] or [0, null].",
        )
    low, high = (None if v is None else float(v) for v in value)
    if low is not None and high is not None and low >= high:
        raise _fail(
            file, f"{where}, key 'bounds'", f"low {low:g} is not below high {high:g}", "Swap them."
        )
    return low, high


def _perspective(value: Any, file: str, where: str) -> Perspective:
    try:
        return Perspective.parse(value)
    except (TypeError, ValueError) as exc:
        raise _fail(
            file, where, str(exc).rstrip("."), "Use one of the four perspectives."
        ) from None


def _units(data: dict, file: str) -> dict[str, Unit]:
    units = {}
    for uid, entry in (data.get("units") or {}).items():
        where = f"unit {uid!r}"
        low, high = _bounds(_pick(entry, "bounds", file, where), file, where)
        factor = _pick(entry, "factor", file, where)
        units[uid] = Unit(
            uid,
            str(_pick(entry, "meaning", file, where)),
            str(_pick(entry, "stated", file, where)),
            float(factor),
            low,
            high,
        )
    if not units:
        raise _fail(
            file, "key 'units'", "no units are listed", "Restore the `units:` section from git."
        )
    return units


def _formula(value: Any, file: str, where: str) -> str:
    if value in AGGREGATES:
        return value
    if isinstance(value, str) and value.startswith("kpi."):
        from bsckit import kpi

        if callable(getattr(kpi, value[4:], None)) and value[4:] in kpi.__all__:
            return value
    raise _fail(
        file,
        f"{where}, key 'formula'",
        f"{value!r} is neither kpi.<a bsckit.kpi function> nor one of {', '.join(AGGREGATES)}",
        "Name the bsckit.kpi function that computes the measure (add it to bsckit.kpi if it is new).",
    )


def _measure(mid: Any, entry: Any, units: dict[str, Unit], file: str) -> Definition:
    where = f"measure {mid!r}"
    if not isinstance(mid, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", mid):
        raise _fail(file, where, "the id must be snake_case", "Rename it, e.g. 'on_time_delivery'.")
    if not isinstance(entry, dict):
        raise _fail(
            file, where, "the entry must be a mapping of keys", "Indent its keys under the id."
        )
    known = {f for f in Definition.__dataclass_fields__ if f not in ("id", "low", "high")} | {
        "bounds"
    }
    unknown = sorted(set(entry) - known)
    if unknown:
        raise _fail(
            file, where, f"unknown key {unknown[0]!r}", f"Use only {', '.join(sorted(known))}."
        )
    unit = _pick(entry, "unit", file, where, tuple(units))
    low, high = units[unit].low, units[unit].high
    if "bounds" in entry:
        low, high = _bounds(entry["bounds"], file, where)
    synonyms = _pick(entry, "synonyms", file, where)
    if not isinstance(synonyms, list) or not all(
        isinstance(s, str) and s.strip() for s in synonyms
    ):
        raise _fail(
            file,
            f"{where}, key 'synonyms'",
            "it must be a list of phrases",
            "Write [phrase, phrase, ...].",
        )
    versions = tuple(entry.get("versions") or ())
    for number, version in enumerate(versions, start=1):
        last = number == len(versions)
        needed = {"from_month", "reason", "approved_by"} | (set() if last else {"definition"})
        if (
            not isinstance(version, dict)
            or needed - set(version)
            or (last and "definition" in version)
        ):
            raise _fail(
                file,
                f"{where}, version {number}",
                "a version needs from_month, reason and approved_by, and a definition unless it is the last",
                "The last version is the measure's `definition`; do not repeat it.",
            )
    return Definition(
        id=mid,
        name=str(_pick(entry, "name", file, where)),
        perspective=_perspective(_pick(entry, "perspective", file, where), file, where),
        definition=str(_pick(entry, "definition", file, where)),
        unit=unit,
        better=_pick(entry, "better", file, where, ("higher", "lower")),
        role=_pick(entry, "role", file, where, ROLES),
        formula=_formula(_pick(entry, "formula", file, where), file, where),
        source=_pick(entry, "source", file, where),
        system=_pick(entry, "system", file, where, (*SYSTEMS, None)),
        owner=str(_pick(entry, "owner", file, where)),
        steward=str(_pick(entry, "steward", file, where)),
        frequency=_pick(entry, "frequency", file, where, FREQUENCIES),
        synonyms=tuple(synonyms),
        related=tuple(_perspective(p, file, where) for p in entry.get("related") or ()),
        low=low,
        high=high,
        versions=versions,
    )


def _links(data: dict, measures: dict[str, Definition], file: str) -> tuple[Link, ...]:
    links = []
    for number, entry in enumerate(data.get("links") or (), start=1):
        where = f"link {number}"
        for key in ("cause", "effect"):
            if _pick(entry, key, file, where) not in measures:
                raise _fail(
                    file,
                    f"{where}, key {key!r}",
                    f"{entry[key]!r} is not a measure",
                    "Use a measure id.",
                )
        links.append(
            Link(
                str(_pick(entry, "process", file, where)),
                entry["cause"],
                entry["effect"],
                str(entry.get("note", "")),
            )
        )
    return tuple(links)


def _load() -> tuple[dict[str, Unit], dict[str, Definition], tuple[Link, ...]]:
    data = read_data_file("bsckit.catalogue", _FILE)
    file = f"bsckit/catalogue/{_FILE}"
    units = _units(data, file)
    entries = data.get("measures")
    if not isinstance(entries, dict) or not entries:
        raise _fail(
            file,
            "key 'measures'",
            "no measures are listed",
            "Restore the `measures:` section from git.",
        )
    measures = {mid: _measure(mid, entry, units, file) for mid, entry in entries.items()}
    return units, measures, _links(data, measures, file)


UNITS, MEASURES, LINKS = _load()


def roles(measure_id: str) -> dict[str, str]:
    """The role (``leading`` or ``lagging``) of ``measure_id`` in each link it is part of.

    Examples
    --------
    >>> roles("new_dishes_launched")
    {'prototypes -> new_dishes_launched': 'lagging', 'new_dishes_launched -> new_product_revenue_share': 'leading'}
    """
    if measure_id not in MEASURES:
        msg = f"`measure_id` {measure_id!r} is not in the metric catalogue; e.g. 'defect_rate'."
        raise KeyError(msg)
    out = {}
    for link in LINKS:
        if measure_id in (link.cause, link.effect):
            out[str(link)] = "leading" if link.cause == measure_id else "lagging"
    return out


CATALOGUE_COLUMNS = (
    "metric_id", "name", "perspective", "definition", "unit", "better", "role", "formula",
    "source", "system", "owner", "steward", "frequency", "synonyms",
)  # fmt: skip


def catalogue_table() -> list[dict[str, Any]]:
    """One row per measure for ``metric_catalogue.csv`` (synonyms joined by ``; ``)."""
    rows = []
    for m in MEASURES.values():
        row = {c: getattr(m, c, None) for c in CATALOGUE_COLUMNS}
        row.update(metric_id=m.id, perspective=m.perspective.value, synonyms="; ".join(m.synonyms))
        row["current_version"] = len(m.versions) or 1
        rows.append(row)
    return rows


def versions_table() -> list[dict[str, Any]]:
    """One row per definition version for ``metric_versions.csv``.

    ``from_month`` counts months after the first data month; the last version's definition is
    the measure's current one.
    """
    rows = []
    for m in MEASURES.values():
        for number, version in enumerate(m.versions, start=1):
            rows.append(
                {
                    "metric_id": m.id,
                    "version": number,
                    "from_month": int(version["from_month"]),
                    "definition": version.get("definition", m.definition),
                    "change_reason": version["reason"],
                    "approved_by": version["approved_by"],
                }
            )
    return rows
