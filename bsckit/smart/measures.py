"""The measure vocabulary the SMART checker recognises in learners' objectives.

Every measure comes from the metric catalogue (``bsckit/catalogue/measures.yaml``, read by
:mod:`bsckit.catalogue`): its id, display name, synonyms, Balanced Scorecard perspective (a
:class:`bsckit.scorecard.Perspective`), usual role (leading or lagging) and better direction. A
:class:`Measure` is the SMART view of it: the unit an objective states it in (``%`` for a measure
kept as a fraction) and its bounds in that unit. :func:`measures_from_catalogue` turns a metric
catalogue table (such as ``datasets/metric_catalogue.csv``) into extra entries. The other words
the parser reads (number words, months, direction verbs, vague measures) are in
``bsckit/smart/words.yaml``, loaded here as :data:`WORDS`.

Examples
--------
>>> find_measure("Cut the cost per meal by 5%").id
'cost_per_unit'
>>> find_measure("Improve quality") is None
True
>>> MEASURES_BY_ID["dso"].better
'lower'
>>> MEASURES_BY_ID["defect_rate"].unit, MEASURES_BY_ID["defect_rate"].high
('%', 100.0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from bsckit._validation import check_choice
from bsckit.catalogue import MEASURES as CATALOGUE
from bsckit.catalogue import ROLES, Definition, read_data_file
from bsckit.catalogue import UNITS as CATALOGUE_UNITS
from bsckit.scorecard.perspective import Perspective

__all__ = [
    "KINDS",
    "MEASURES",
    "MEASURES_BY_ID",
    "UNITS",
    "WORDS",
    "Measure",
    "find_measure",
    "match_measure",
    "measures_from_catalogue",
]

KINDS = ROLES

UNITS = tuple(dict.fromkeys(unit.stated for unit in CATALOGUE_UNITS.values()))
"""The units an objective may state a measure in (from the catalogue's units)."""

WORDS: dict[str, Any] = read_data_file("bsckit.smart", "words.yaml")
"""The parser's word lists (``bsckit/smart/words.yaml``): number words, months, verbs..."""


@dataclass(frozen=True)
class Measure:
    """One measure a SMART objective may name.

    Parameters
    ----------
    id : str
        Stable identifier, snake_case (matches the metric catalogue's ``metric_id`` where one
        exists).
    name : str
        Display name, used in feedback ("Name the measure, e.g. 'on-time delivery rate'").
    synonyms : tuple of str
        Other ways a learner writes it; matched case-insensitively, hyphens and spaces alike.
    unit : str
        The unit an objective states it in, one of :data:`UNITS`: ``%``, ``points`` (score
        points, e.g. NPS), ``GBP``, ``units`` (counts and rates), ``ratio``, ``seconds``,
        ``minutes``, ``hours`` or ``days``.
    perspective : Perspective or str
        Home perspective (stored as a :class:`~bsckit.scorecard.Perspective`): ``financial``,
        ``customer``, ``internal_processes`` or ``learning_growth``; the friendly spellings of
        :meth:`Perspective.parse <bsckit.scorecard.Perspective.parse>` are accepted too
        (``"Internal processes"``, and the short ``"internal"`` and ``"learning"``).
    kind : str
        ``leading`` or ``lagging``.
    better : str
        ``higher`` or ``lower``: which direction is an improvement.
    low, high : float or None
        Physical bounds of the measure (e.g. 0 and 100 for a share in %), ``None`` if unbounded.
    related : tuple of Perspective or str
        Other perspectives (spelled as for ``perspective``) where the measure legitimately appears (e.g. customer satisfaction with
        post-sale service is a lagging measure of the internal post-sale process).

    Examples
    --------
    >>> Measure("otd", "on-time delivery rate", ("otd",), "%", "customer", "leading", "higher")
    ... # doctest: +ELLIPSIS
    Measure(id='otd', name='on-time delivery rate', ...)
    >>> Measure("x", "x", (), "%", "internal", "leading", "higher").perspective
    <Perspective.INTERNAL_PROCESSES: 'internal_processes'>
    >>> Measure("x", "x", (), "%", "sales", "leading", "higher")
    Traceback (most recent call last):
    ...
    ValueError: `perspective` must be one of 'financial', 'customer', 'internal_processes', 'learning_growth' (or a friendly spelling such as 'Internal processes'); got 'sales'.
    """

    id: str
    name: str
    synonyms: tuple[str, ...]
    unit: str
    perspective: Perspective
    kind: str
    better: str
    low: float | None = None
    high: float | None = None
    related: tuple[Perspective, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not re.fullmatch(r"[a-z0-9_]+", self.id):
            msg = f"`id` must be snake_case text such as 'on_time_delivery', got {self.id!r}."
            raise ValueError(msg)
        if not isinstance(self.name, str) or not self.name.strip():
            msg = f"`name` must be non-empty text, got {self.name!r}."
            raise ValueError(msg)
        object.__setattr__(self, "synonyms", tuple(str(s) for s in self.synonyms))
        check_choice("unit", self.unit, UNITS)
        object.__setattr__(self, "perspective", Perspective.parse(self.perspective))
        check_choice("kind", self.kind, KINDS)
        check_choice("better", self.better, ("higher", "lower"))
        related = tuple(Perspective.parse(other, name="related") for other in self.related)
        object.__setattr__(self, "related", related)
        if self.low is not None and self.high is not None and self.low >= self.high:
            msg = f"`low` ({self.low}) must be below `high` ({self.high}) for measure {self.id!r}."
            raise ValueError(msg)

    @property
    def terms(self) -> tuple[str, ...]:
        """Name and synonyms: every phrase that identifies the measure."""
        return (self.name, *self.synonyms)

    def fits(self, perspective: Perspective | str) -> bool:
        """Whether the measure belongs in ``perspective`` (home or related).

        ``perspective`` is a :class:`~bsckit.scorecard.Perspective` or any spelling
        :meth:`Perspective.parse <bsckit.scorecard.Perspective.parse>` accepts.

        Examples
        --------
        >>> MEASURES_BY_ID["post_sale_satisfaction"].fits("internal_processes")
        True
        >>> MEASURES_BY_ID["dso"].fits(Perspective.LEARNING_GROWTH)
        False
        """
        perspective = Perspective.parse(perspective)
        return perspective == self.perspective or perspective in self.related


def _from_definition(d: Definition) -> Measure:
    """The SMART view of a catalogue measure: stated unit and bounds (a fraction becomes %)."""
    factor = d.factor
    return Measure(
        d.id,
        d.name,
        d.synonyms,
        d.stated_unit,
        d.perspective,
        d.role,
        d.better,
        None if d.low is None else d.low * factor,
        None if d.high is None else d.high * factor,
        d.related,
    )


MEASURES: tuple[Measure, ...] = tuple(_from_definition(d) for d in CATALOGUE.values())
"""The measure vocabulary: every measure of the metric catalogue (``bsckit/catalogue/measures.yaml``)."""

MEASURES_BY_ID: dict[str, Measure] = {m.id: m for m in MEASURES}


def _norm(text: str) -> str:
    """Lower-case, with every run of non-alphanumeric characters (except &) as one space."""
    return " ".join(re.sub(r"[^0-9a-z&]+", " ", text.lower()).split())


_TOKEN_RE = re.compile(r"[0-9a-z&]+", re.IGNORECASE)
_MAX_GAP = 3  # characters allowed between the words of a term ("on-time", "post - sale")


@lru_cache(maxsize=32)
def _term_index(measures: tuple[Measure, ...]) -> tuple[dict[tuple[str, ...], int], int]:
    """Every term as a tuple of lower-case words -> index of its measure (first one wins)."""
    index: dict[tuple[str, ...], int] = {}
    for position, measure in enumerate(measures):
        for term in measure.terms:
            words = tuple(_norm(term).split())
            if words and words not in index:
                index[words] = position
    longest = max((len(words) for words in index), default=1)
    return index, longest


def match_measure(
    text: str, measures: tuple[Measure, ...] = MEASURES
) -> tuple[Measure, int, int] | None:
    """Find the measure named in ``text``: ``(measure, start, end)`` or ``None``.

    The first mention wins; where mentions overlap (``customer satisfaction`` inside
    ``customer satisfaction with post-sale services``) the one ending last wins (the head of an
    English noun phrase comes last), then the longest. Matching is by words (a dictionary
    look-up per word position), so it stays fast on long texts.

    Examples
    --------
    >>> m, start, end = match_measure("Raise customer satisfaction with post-sale services")
    >>> m.id, start, end
    ('post_sale_satisfaction', 6, 51)
    >>> match_measure("Cut production cost per meal")[0].id
    'cost_per_unit'
    """
    if not isinstance(text, str) or not text:
        return None
    index, longest = _term_index(tuple(measures))
    tokens = [(t.group(0).lower(), t.start(), t.end()) for t in _TOKEN_RE.finditer(text)]
    best: tuple[int, int, int] | None = None  # (start, end, measure position)
    for i, (_, start, _) in enumerate(tokens):
        if best is not None and start >= best[1]:
            break
        words: list[str] = []
        for j in range(i, min(i + longest, len(tokens))):
            if j > i and tokens[j][1] - tokens[j - 1][2] > _MAX_GAP:
                break
            words.append(tokens[j][0])
            position = index.get(tuple(words))
            if position is None:
                continue
            end = tokens[j][2]
            # English noun phrases put the head last: "production cost per meal" is a cost
            # per meal, so among overlapping mentions the one ending last wins, then the longest.
            if best is None or (end, end - start) > (best[1], best[1] - best[0]):
                best = (start, end, position)
    if best is None:
        return None
    return measures[best[2]], best[0], best[1]


def find_measure(text: str, measures: Iterable[Measure] | None = None) -> Measure | None:
    """Return the measure named in ``text`` (an id, a name, a synonym or a sentence), or ``None``.

    Examples
    --------
    >>> find_measure("on_time_delivery").name
    'on-time delivery rate'
    >>> find_measure("Keep DSO under 40 days").id
    'dso'
    """
    pool = tuple(MEASURES if measures is None else measures)
    if not isinstance(text, str):
        return None
    for measure in pool:
        if text.strip() == measure.id:
            return measure
    found = match_measure(text, pool)
    return None if found is None else found[0]


def _split_synonyms(value: Any) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and value != value):
        return ()
    if isinstance(value, str):
        return tuple(s.strip() for s in re.split(r"[;|]", value) if s.strip())
    if isinstance(value, Iterable):
        return tuple(str(s).strip() for s in value if str(s).strip())
    return (str(value),)


_READ = (
    "metric_id",
    "name",
    "synonyms",
    "unit",
    "perspective",
    "role",
    "kind",
    "better",
    "low",
    "high",
)
_INFORMATION = ("definition", "formula", "source", "system", "owner", "steward", "frequency",
                "current_version", "related")  # fmt: skip


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def measures_from_catalogue(catalogue: pd.DataFrame) -> tuple[Measure, ...]:
    """Turn a metric catalogue table into :class:`Measure` entries.

    Parameters
    ----------
    catalogue : pandas.DataFrame
        Such as ``datasets/metric_catalogue.csv``, or your own. Required columns ``metric_id``
        and ``name``. Read: ``synonyms`` (a list, or text separated by ``;`` or ``|``),
        ``unit`` (a catalogue unit such as ``fraction`` or ``count``, or a stated unit such as
        ``%``), ``perspective``, ``role`` (or ``kind``), ``better``, ``low``, ``high`` (in the
        stated unit). The catalogue's descriptive columns (definition, formula, source, system,
        owner, steward, frequency, current_version) are allowed and not needed here; any other
        column is refused, so a misspelt one is not silently ignored. A row whose ``metric_id``
        is in the kit's catalogue inherits its missing fields (and synonyms); other rows default
        to unit ``%``, perspective ``internal_processes``, role ``lagging``, better ``higher``.

    Returns
    -------
    tuple of Measure
        Only the table's rows; combine with :data:`MEASURES` yourself, or pass the table to
        ``parse_objective`` / ``check_smart`` which do so.

    Examples
    --------
    >>> cat = pd.DataFrame({"metric_id": ["allergen_audits"], "name": ["allergen audits passed"],
    ...                     "synonyms": ["allergen checks; allergen audits"], "unit": ["count"]})
    >>> [(m.id, m.unit) for m in measures_from_catalogue(cat)]
    [('allergen_audits', 'units')]
    >>> measures_from_catalogue(pd.DataFrame({"name": ["x"]}))
    Traceback (most recent call last):
    ...
    ValueError: `catalogue` must have columns 'metric_id' and 'name'; missing 'metric_id'. Pass the metric catalogue DataFrame.
    >>> measures_from_catalogue(pd.DataFrame({"metric_id": ["x"], "name": ["x"], "better_when": ["higher"]}))
    Traceback (most recent call last):
    ...
    ValueError: `catalogue` has a column 'better_when' that is not read; rename it to one of metric_id, name, synonyms, unit, perspective, role, kind, better, low, high (or a descriptive column: definition, formula, source, system, owner, steward, frequency, current_version, related).
    """
    if not isinstance(catalogue, pd.DataFrame):
        msg = (
            f"`catalogue` must be a pandas DataFrame with columns metric_id, name, synonyms, ...;"
            f" got {type(catalogue).__name__}."
        )
        raise TypeError(msg)
    missing = [c for c in ("metric_id", "name") if c not in catalogue.columns]
    if missing:
        listed = ", ".join(repr(c) for c in missing)
        msg = (
            f"`catalogue` must have columns 'metric_id' and 'name'; missing {listed}."
            " Pass the metric catalogue DataFrame."
        )
        raise ValueError(msg)
    for column in catalogue.columns:
        if column not in _READ and column not in _INFORMATION:
            msg = (
                f"`catalogue` has a column {column!r} that is not read; rename it to one of"
                f" {', '.join(_READ)} (or a descriptive column: {', '.join(_INFORMATION)})."
            )
            raise ValueError(msg)
    out: list[Measure] = []
    for row in catalogue.to_dict("records"):
        metric_id = str(row["metric_id"]).strip()
        base = MEASURES_BY_ID.get(metric_id)
        if _missing(row.get("role")) and not _missing(row.get("kind")):
            row["role"] = row["kind"]

        def pick(key: str, default: Any, row: dict = row, base: Measure | None = base) -> Any:
            value = row.get(key)
            if _missing(value):
                return (
                    getattr(base, "kind" if key == "role" else key) if base is not None else default
                )
            return value

        unit = str(pick("unit", "%"))
        known = CATALOGUE_UNITS.get(unit)  # a catalogue unit: its stated unit and bounds
        bounds = [row.get(key) for key in ("low", "high")]
        for i, key in enumerate(("low", "high")):
            if not _missing(bounds[i]):
                continue
            if base is not None:
                bounds[i] = getattr(base, key)
            elif known is not None:
                limit = (known.low, known.high)[i]
                bounds[i] = None if limit is None else limit * known.factor
            else:
                bounds[i] = None
        unit = known.stated if known is not None else unit
        low, high = bounds
        synonyms = _split_synonyms(row.get("synonyms"))
        if base is not None:
            synonyms = (*synonyms, base.name, *base.synonyms)
        out.append(
            Measure(
                id=metric_id,
                name=str(row["name"]),
                synonyms=synonyms,
                unit=unit,
                perspective=pick("perspective", Perspective.INTERNAL_PROCESSES),
                kind=str(pick("role", "lagging")),
                better=str(pick("better", "higher")),
                low=None if low is None else float(low),
                high=None if high is None else float(high),
                related=base.related if base is not None else (),
            )
        )
    return tuple(out)
