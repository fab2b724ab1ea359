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
SYSTEMS = ("ERP", "CRM", "HRIS", "workflow", "production system", "survey tool", "partner API")
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
        problem = getattr(exc, "problem", None) or str(exc).replace("\n", " ")
        raise _fail(shown, where, f"not valid YAML ({problem})", "Fix the syntax there.") from None
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


_SHOWN = f"bsckit/catalogue/{_FILE}"


def _check(ok: bool, where: str, problem: str, todo: str) -> None:
    if not ok:
        raise _fail(_SHOWN, where, problem, todo)


def _pick(entry: dict, key: str, where: str, choices: tuple | None = None) -> Any:
    _check(key in entry, where, f"key {key!r} is missing", f"Add `{key}:` to the entry.")
    value = entry[key]
    if choices is not None:
        allowed = ", ".join(str(c) for c in choices)
        problem = f"{value!r} is not one of {allowed}"
        _check(value in choices, f"{where}, key {key!r}", problem, "Use one of those.")
    return value


def _keys(entry: Any, known: set[str], where: str) -> None:
    _check(
        isinstance(entry, dict), where, "the entry must be a mapping of keys", "Indent its keys."
    )
    unknown = sorted(set(entry) - known)
    todo = f"Use only {', '.join(sorted(known))} (quote a text that holds a comma)."
    _check(
        not unknown, where, f"unknown key {unknown[:1]!r}".replace("[", "").replace("]", ""), todo
    )


def _bounds(value: Any, where: str) -> tuple[float | None, float | None]:
    ok = isinstance(value, list) and len(value) == 2
    ok = ok and all(v is None or isinstance(v, int | float) for v in value)
    _check(ok, f"{where}, key 'bounds'", f"{value!r} is not [low, high]", "Write e.g. [0, null].")
    low, high = (None if v is None else float(v) for v in value)
    if low is not None and high is not None:
        problem = f"low {low:g} is not below high {high:g}"
        _check(low < high, f"{where}, key 'bounds'", problem, "Swap them.")
    return low, high


def _perspective(value: Any, where: str) -> Perspective:
    try:
        return Perspective.parse(value)
    except (TypeError, ValueError) as exc:
        raise _fail(_SHOWN, where, str(exc).rstrip("."), "Use one of the four.") from None


def _formula(value: Any, where: str) -> str:
    from bsckit import kpi

    name = value[4:] if isinstance(value, str) and value.startswith("kpi.") else None
    ok = value in AGGREGATES or (name in kpi.__all__ and callable(getattr(kpi, name, None)))
    problem = f"{value!r} is neither kpi.<a bsckit.kpi function> nor one of {', '.join(AGGREGATES)}"
    todo = "Name the bsckit.kpi function that computes it (add it to bsckit.kpi if it is new)."
    _check(ok, f"{where}, key 'formula'", problem, todo)
    return value


def _unit(uid: str, entry: Any) -> Unit:
    where = f"unit {uid!r}"
    _keys(entry, {"meaning", "stated", "factor", "bounds"}, where)
    low, high = _bounds(_pick(entry, "bounds", where), where)
    meaning, stated = str(_pick(entry, "meaning", where)), str(_pick(entry, "stated", where))
    return Unit(uid, meaning, stated, float(_pick(entry, "factor", where)), low, high)


_MEASURE_KEYS = {f for f in Definition.__dataclass_fields__ if f not in ("id", "low", "high")}


def _measure(mid: Any, entry: Any, units: dict[str, Unit]) -> Definition:
    where = f"measure {mid!r}"
    ok = isinstance(mid, str) and re.fullmatch(r"[a-z][a-z0-9_]*", mid)
    _check(bool(ok), where, "the id must be snake_case", "Rename it, e.g. 'on_time_delivery'.")
    _keys(entry, _MEASURE_KEYS | {"bounds"}, where)
    unit = _pick(entry, "unit", where, tuple(units))
    low, high = (
        _bounds(entry["bounds"], where)
        if "bounds" in entry
        else (units[unit].low, units[unit].high)
    )
    synonyms = _pick(entry, "synonyms", where)
    ok = isinstance(synonyms, list) and all(isinstance(s, str) and s.strip() for s in synonyms)
    _check(ok, f"{where}, key 'synonyms'", "it must be a list of phrases", "Write [a, b, ...].")
    versions = tuple(entry.get("versions") or ())
    for number, version in enumerate(versions, start=1):
        last = number == len(versions)
        needed = {"from_month", "reason", "approved_by"} | (set() if last else {"definition"})
        ok = isinstance(version, dict) and not needed - set(version)
        ok = ok and not (last and "definition" in version)
        problem = "a version needs from_month, reason, approved_by and (unless last) a definition"
        _check(ok, f"{where}, version {number}", problem, "The last one is the `definition` above.")
    return Definition(
        id=mid,
        name=str(_pick(entry, "name", where)),
        perspective=_perspective(_pick(entry, "perspective", where), where),
        definition=str(_pick(entry, "definition", where)),
        unit=unit,
        better=_pick(entry, "better", where, ("higher", "lower")),
        role=_pick(entry, "role", where, ROLES),
        formula=_formula(_pick(entry, "formula", where), where),
        source=_pick(entry, "source", where),
        system=_pick(entry, "system", where, (*SYSTEMS, None)),
        owner=str(_pick(entry, "owner", where)),
        steward=str(_pick(entry, "steward", where)),
        frequency=_pick(entry, "frequency", where, FREQUENCIES),
        synonyms=tuple(synonyms),
        related=tuple(_perspective(p, where) for p in entry.get("related") or ()),
        low=low,
        high=high,
        versions=versions,
    )


def _link(number: int, entry: Any, measures: dict[str, Definition]) -> Link:
    where = f"link {number}"
    _keys(entry, {"process", "cause", "effect", "note"}, where)
    for key in ("cause", "effect"):
        value = _pick(entry, key, where)
        _check(
            value in measures, f"{where}, key {key!r}", f"{value!r} is not a measure", "Use an id."
        )
    process = str(_pick(entry, "process", where))
    return Link(process, entry["cause"], entry["effect"], str(entry.get("note", "")))


def _load() -> tuple[dict[str, Unit], dict[str, Definition], tuple[Link, ...]]:
    data = read_data_file("bsckit.catalogue", _FILE)
    for key in ("units", "measures"):
        ok = isinstance(data.get(key), dict) and bool(data[key])
        _check(
            ok, f"key {key!r}", f"no {key} are listed", f"Restore the `{key}:` section from git."
        )
    units = {uid: _unit(uid, entry) for uid, entry in data["units"].items()}
    measures = {mid: _measure(mid, entry, units) for mid, entry in data["measures"].items()}
    links = tuple(_link(n, e, measures) for n, e in enumerate(data.get("links") or (), start=1))
    return units, measures, links


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


_COLUMNS = (
    "metric_id", "name", "perspective", "definition", "unit", "better", "role", "formula",
    "source", "system", "owner", "steward", "frequency", "synonyms",
)  # fmt: skip


def catalogue_table() -> list[dict[str, Any]]:
    """One row per measure for ``metric_catalogue.csv`` (synonyms joined by ``; ``)."""
    rows = []
    for m in MEASURES.values():
        row = {c: getattr(m, c, None) for c in _COLUMNS}
        row.update(metric_id=m.id, perspective=m.perspective.value, synonyms="; ".join(m.synonyms))
        row["current_version"] = len(m.versions) or 1
        rows.append(row)
    return rows


def versions_table() -> list[dict[str, Any]]:
    """One row per definition version for ``metric_versions.csv``.

    ``from_month`` counts months after the first data month; the last version's definition is
    the measure's current one.
    """
    return [
        {"metric_id": m.id, "version": number, "from_month": int(version["from_month"]),
         "definition": version.get("definition", m.definition),
         "change_reason": version["reason"], "approved_by": version["approved_by"]}
        for m in MEASURES.values()
        for number, version in enumerate(m.versions, start=1)
    ]  # fmt: skip
