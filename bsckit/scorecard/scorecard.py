"""The scorecard: objectives, their strategy map, roll-up, RAG status and cascade checks.

Examples
--------
>>> card = Scorecard(
...     name="Homeats delivery",
...     objectives=(
...         Objective(name="Deliver on time", perspective="customer", measures=(
...             Measure(name="On-time delivery", unit="%", baseline=88, target=95,
...                     min=80, max=100, green=95, amber=90, owner="Head of delivery"),)),
...     ),
... )
>>> card.rollup({"On-time delivery": 95}).overall
0.75
>>> card.status_table({"On-time delivery": 92})[["measure", "progress", "status"]]
            measure  progress status
0  On-time delivery  0.571429  amber
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from bsckit._validation import check_choice, check_number
from bsckit.scorecard._paths import at, read_mapping
from bsckit.scorecard.measure import Measure, _text
from bsckit.scorecard.objective import Objective, measure_key
from bsckit.scorecard.perspective import CAUSAL_ORDER, Perspective
from bsckit.scorecard.scoring import performance, progress, rag_status
from bsckit.scorecard.strategy_map import Link, StrategyMap

__all__ = ["RollUp", "Scorecard"]

_DISPLAY_ORDER = tuple(reversed(CAUSAL_ORDER))  # financial first, as a scorecard is read


@dataclass(frozen=True, eq=False)
class RollUp:
    """Result of :meth:`Scorecard.rollup`.

    Attributes
    ----------
    measures : pandas.DataFrame
        One row per measure with a value: perspective, objective, measure, value, score,
        weight and share (the normalised weight inside its objective).
    objectives : pandas.DataFrame
        One row per objective with a score: perspective, objective, score, weight, share
        (normalised inside its perspective).
    perspectives : pandas.Series
        Score per perspective (index: display labels, financial first).
    overall : float
        The weighted mean of the perspective scores (NaN when nothing was scored).
    """

    measures: pd.DataFrame
    objectives: pd.DataFrame
    perspectives: pd.Series
    overall: float


@dataclass(frozen=True)
class Scorecard:
    """A balanced scorecard: a name, objectives and the cause-and-effect links between them.

    Parameters
    ----------
    name : str
        E.g. ``"Homeats 2027"``.
    objectives : tuple of Objective, default ()
        Unique names.
    links : tuple of Link, default ()
        Cause-and-effect links between objectives (the strategy map).
    description : str, default ""
        Vision or strategy statement the card serves.

    Examples
    --------
    >>> Scorecard(name="")
    Traceback (most recent call last):
    ...
    ValueError: `name` must not be empty. Give it a short, unique name.
    """

    name: str
    objectives: tuple[Objective, ...] = ()
    links: tuple[Link, ...] = ()
    description: str = field(default="")

    def __post_init__(self) -> None:
        with at("name"):
            _text("name", self.name, required=True)
        with at("description"):
            _text("description", self.description)
        smap = StrategyMap(objectives=self.objectives, links=self.links)
        object.__setattr__(self, "objectives", smap.objectives)
        object.__setattr__(self, "links", smap.links)
        self.__dict__["strategy_map"] = smap

    @cached_property
    def strategy_map(self) -> StrategyMap:
        """The :class:`StrategyMap` of this card (objectives + links), with cached findings."""
        return StrategyMap(objectives=self.objectives, links=self.links)  # pragma: no cover

    # -- navigation -----------------------------------------------------------------------
    def objective(self, name: str) -> Objective:
        """Return the objective called ``name``."""
        if name in self.strategy_map.by_name:
            return self.strategy_map.by_name[name]
        known = ", ".join(repr(o.name) for o in self.objectives) or "none"
        msg = f"Scorecard {self.name!r} has no objective {name!r}; it has: {known}."
        raise KeyError(msg)

    def iter_measures(self) -> Iterator[tuple[Objective, Measure]]:
        """Yield ``(objective, measure)`` pairs in card order."""
        for objective in self.objectives:
            for measure in objective.measures:
                yield objective, measure

    def with_objective(self, objective: Objective) -> Scorecard:
        """A new card with ``objective`` added, or replacing the objective of the same name.

        Examples
        --------
        >>> card = Scorecard(name="Homeats")
        >>> card = card.with_objective(Objective(name="Grow revenue", perspective="financial"))
        >>> card = card.with_objective(Objective(name="Grow revenue", perspective="financial",
        ...                                      weight=2))
        >>> [(o.name, o.weight) for o in card.objectives]
        [('Grow revenue', 2.0)]
        """
        if not isinstance(objective, Objective):
            msg = f"`objective` must be an Objective, got {type(objective).__name__}."
            raise TypeError(msg)
        names = [o.name for o in self.objectives]
        if objective.name in names:
            objectives = list(self.objectives)
            objectives[names.index(objective.name)] = objective
        else:
            objectives = [*self.objectives, objective]
        return Scorecard(
            name=self.name,
            objectives=tuple(objectives),
            links=self.links,
            description=self.description,
        )

    # -- values ---------------------------------------------------------------------------
    def _values(self, values: Any) -> dict[tuple[str, str], float]:
        """Map ``(objective, measure)`` -> value from a dict/Series keyed by measure name
        or by ``(objective, measure)``; the pair key wins. None/NaN count as missing."""
        if isinstance(values, pd.Series):
            values = values.to_dict()
        if not isinstance(values, Mapping):
            msg = (
                f"`values` must be a mapping (dict or pandas Series) from measure name to value,"
                f" got {type(values).__name__}. E.g. {{'On-time delivery': 93.5}}."
            )
            raise TypeError(msg)
        by_measure: dict[str, list[tuple[str, str]]] = {}
        for objective, measure in self.iter_measures():
            by_measure.setdefault(measure_key(measure.name), []).append(
                (objective.name, measure.name)
            )
        pairs = {(o, measure_key(m)): (o, m) for ms in by_measure.values() for o, m in ms}
        out: dict[tuple[str, str], float] = {}
        pair_values: dict[tuple[str, str], float] = {}
        for key, raw in values.items():
            if isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key):
                target = pairs.get((key[0], measure_key(key[1])))
                found = [target] if target else []
            elif isinstance(key, str):
                found = by_measure.get(measure_key(key), [])
            else:
                found = []
            if not found:
                known = ", ".join(sorted({m for ms in by_measure.values() for _, m in ms}))
                msg = (
                    f"`values` has the key {key!r}, which names no measure on scorecard"
                    f" {self.name!r}. Use a measure name or an (objective, measure) pair;"
                    f" measures: {known or 'none'}."
                )
                raise ValueError(msg)
            if raw is None or (isinstance(raw, float) and math.isnan(raw)):
                continue
            number = check_number(f"values[{key!r}]", raw)
            for pair in found:
                if isinstance(key, tuple):
                    pair_values[pair] = number
                else:
                    out[pair] = number
        out.update(pair_values)
        return out

    # -- roll-up --------------------------------------------------------------------------
    def rollup(
        self,
        values: Any,
        *,
        basis: str = "performance",
        clip: bool = True,
        perspective_weights: Mapping[Any, float] | None = None,
        missing: str = "skip",
    ) -> RollUp:
        """Weighted roll-up: measure -> objective -> perspective -> overall.

        At each level the score is the weighted mean of the scores below it, weights
        normalised to add up to 1 among the items that have a score.

        Parameters
        ----------
        values : mapping or pandas Series
            Actual value per measure name (applies to every objective that carries the
            measure) or per ``(objective, measure)`` pair (wins over the name).
        basis : {"performance", "progress"}, default "performance"
            Score each measure by :func:`~bsckit.scorecard.scoring.performance` on its
            ``min..max`` scale, or by progress from baseline to target.
        clip : bool, default True
            Clip measure scores to [0, 1]; False lets over-achievement count above 1.
        perspective_weights : mapping, optional
            Weight per perspective (keys: Perspective or spelling). Default: equal weights.
            Every perspective with a score needs a weight.
        missing : {"skip", "error"}, default "skip"
            ``skip`` leaves measures without a value out (and objectives / perspectives with
            nothing scored); ``error`` raises for the first measure without a value.

        Returns
        -------
        RollUp

        Examples
        --------
        >>> card = Scorecard(name="Demo", objectives=(
        ...     Objective(name="Deliver on time", perspective="customer", measures=(
        ...         Measure(name="On-time delivery", min=80, max=100, weight=3),
        ...         Measure(name="NPS", min=0, max=50, weight=1))),
        ...     Objective(name="Grow revenue", perspective="financial", measures=(
        ...         Measure(name="Revenue growth", min=0, max=10),)),
        ... ))
        >>> result = card.rollup({"On-time delivery": 95, "NPS": 25, "Revenue growth": 4})
        >>> result.objectives["score"].tolist()  # (3 * 0.75 + 1 * 0.5) / 4 = 0.6875
        [0.6875, 0.4]
        >>> result.overall  # (0.6875 + 0.4) / 2
        0.54375
        """
        check_choice("basis", basis, ("performance", "progress"))
        check_choice("missing", missing, ("skip", "error"))
        if not isinstance(clip, bool):
            msg = f"`clip` must be True or False, got {clip!r}."
            raise TypeError(msg)
        known = self._values(values)
        measure_rows = []
        for objective, measure in self.iter_measures():
            value = known.get((objective.name, measure.name))
            if value is None:
                if missing == "error":
                    msg = (
                        f"`values` has no value for measure {measure.name!r} of objective"
                        f" {objective.name!r}. Add it, or pass missing='skip'."
                    )
                    raise ValueError(msg)
                continue
            score = self._score(measure, value, basis, clip)
            measure_rows.append(
                {
                    "perspective": objective.perspective.label,
                    "objective": objective.name,
                    "measure": measure.name,
                    "value": value,
                    "score": score,
                    "weight": measure.weight,
                }
            )
        measures = pd.DataFrame(
            measure_rows,
            columns=["perspective", "objective", "measure", "value", "score", "weight"],
        )
        measures["share"] = np.nan
        objective_rows = []
        for objective in self.objectives:
            rows = measures["objective"] == objective.name
            if not rows.any():
                continue
            shares = _shares(
                measures.loc[rows, "weight"],
                f"the measures of objective {objective.name!r}",
                "weight",
            )
            measures.loc[rows, "share"] = shares
            objective_rows.append(
                {
                    "perspective": objective.perspective.label,
                    "objective": objective.name,
                    "score": float((shares * measures.loc[rows, "score"]).sum()),
                    "weight": objective.weight,
                }
            )
        objectives = pd.DataFrame(
            objective_rows, columns=["perspective", "objective", "score", "weight"]
        )
        objectives["share"] = np.nan
        weights = _perspective_weights(perspective_weights)
        scores: dict[str, float] = {}
        p_weights: dict[str, float] = {}
        for perspective in _DISPLAY_ORDER:
            rows = objectives["perspective"] == perspective.label
            if not rows.any():
                continue
            shares = _shares(
                objectives.loc[rows, "weight"],
                f"the objectives of perspective {perspective.label!r}",
                "weight",
            )
            objectives.loc[rows, "share"] = shares
            scores[perspective.label] = float((shares * objectives.loc[rows, "score"]).sum())
            if weights is None:
                p_weights[perspective.label] = 1.0
            elif perspective in weights:
                p_weights[perspective.label] = weights[perspective]
            else:
                msg = (
                    f"`perspective_weights` has no weight for {perspective.value!r}, which has"
                    " scored objectives. Give every perspective a weight (0 to leave one out)."
                )
                raise ValueError(msg)
        perspectives = pd.Series(scores, name="score", dtype=float)
        if scores:
            shares = _shares(
                pd.Series(p_weights), "the perspectives", "perspective_weights", is_param=True
            )
            overall = float((shares * perspectives).sum())
        else:
            overall = math.nan
        return RollUp(
            measures=measures, objectives=objectives, perspectives=perspectives, overall=overall
        )

    @staticmethod
    def _score(measure: Measure, value: float, basis: str, clip: bool) -> float:
        if basis == "performance":
            return float(performance(measure, value, clip=clip))
        if measure.baseline is None or measure.target is None:
            missing = "baseline" if measure.baseline is None else "target"
            msg = (
                f"Measure {measure.name!r} has no `{missing}`, so progress cannot be computed."
                " Set `baseline` and `target`, or roll up with basis='performance'."
            )
            raise ValueError(msg)
        score = float(progress(value, measure.baseline, measure.target))
        return min(max(score, 0.0), 1.0) if clip else score

    # -- tables ---------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """The card's definition as a table, one row per measure (for notebooks).

        Examples
        --------
        >>> example = Scorecard(name="Demo", objectives=(
        ...     Objective(name="Grow revenue", perspective="financial", measures=(
        ...         Measure(name="Revenue growth", unit="%"),)),))
        >>> example.to_frame()[["perspective", "objective", "measure", "unit"]]
          perspective     objective         measure unit
        0   Financial  Grow revenue  Revenue growth    %
        """
        columns = [
            "perspective",
            "objective",
            "measure",
            "kind",
            "direction",
            "unit",
            "baseline",
            "target",
            "min",
            "max",
            "weight",
            "green",
            "amber",
            "frequency",
            "owner",
            "data_steward",
            "source_system",
            "objective_weight",
            "parent",
        ]
        rows = []
        for objective, measure in self.iter_measures():
            row = {"perspective": objective.perspective.label, "objective": objective.name}
            row["measure"] = measure.name
            for name in columns[3:17]:
                row[name] = getattr(measure, name)
            row["objective_weight"] = objective.weight
            row["parent"] = objective.parent
            rows.append(row)
        return pd.DataFrame(rows, columns=columns)

    def status_table(self, values: Any, *, clip: bool = True) -> pd.DataFrame:
        """Value, progress, performance and RAG status per measure (for notebooks).

        ``progress`` is NaN when the measure has no baseline/target, ``performance`` NaN
        when it has no ``min..max`` scale, ``status`` missing (None / NA) when it has no
        thresholds; all three are missing for measures without a value.

        Examples
        --------
        >>> card = Scorecard(name="Demo", objectives=(
        ...     Objective(name="Cut cost", perspective="process", measures=(
        ...         Measure(name="Cost per meal", direction="lower_is_better", baseline=6.0,
        ...                 target=5.4, min=5.0, max=7.0, green=5.4, amber=5.8),)),))
        >>> card.status_table({"Cost per meal": 5.7}).loc[0, ["progress", "performance", "status"]]
        progress        0.5
        performance    0.65
        status        amber
        Name: 0, dtype: object
        """
        known = self._values(values)
        rows = []
        for objective, measure in self.iter_measures():
            value = known.get((objective.name, measure.name))
            prog = perf = math.nan
            status = None
            if value is not None:
                if measure.baseline is not None and measure.target is not None:
                    prog = float(progress(value, measure.baseline, measure.target))
                has_scale = measure.min is not None and measure.max is not None
                if has_scale or measure.scoring_method == "binary":
                    perf = float(performance(measure, value, clip=clip))
                status = rag_status(measure, value)
            rows.append(
                {
                    "perspective": objective.perspective.label,
                    "objective": objective.name,
                    "measure": measure.name,
                    "kind": measure.kind,
                    "unit": measure.unit,
                    "baseline": measure.baseline,
                    "target": measure.target,
                    "value": math.nan if value is None else value,
                    "progress": prog,
                    "performance": perf,
                    "status": status,
                    "owner": measure.owner,
                }
            )
        columns = [
            "perspective",
            "objective",
            "measure",
            "kind",
            "unit",
            "baseline",
            "target",
            "value",
            "progress",
            "performance",
            "status",
            "owner",
        ]
        return pd.DataFrame(rows, columns=columns)

    # -- cascade checks ---------------------------------------------------------------------
    def ancestors(self, name: str) -> tuple[str, ...]:
        """Names up the cascade from objective ``name``: parent, grandparent, ...

        Stops at a parent that is not on the card, or where the chain loops.
        """
        chain: list[str] = []
        current = self.objective(name).parent
        while current is not None and current in self.strategy_map.by_name:
            if current in chain or current == name:
                break
            chain.append(current)
            current = self.strategy_map.by_name[current].parent
        return tuple(chain)

    def _carriers(self) -> dict[str, list[tuple[Objective, Measure]]]:
        out: dict[str, list[tuple[Objective, Measure]]] = {}
        for objective, measure in self.iter_measures():
            out.setdefault(measure_key(measure.name), []).append((objective, measure))
        return out

    def redundant_targets(self) -> list[str]:
        """Measures targeted in two or more objectives that the cascade does not connect.

        Rule: a measure (matched by name, ignoring case and spacing) that has a target (or,
        for ``in_range``, a band) in objectives A and B is *redundant* when neither objective
        is an ancestor of the other (via ``parent``) and they do not share an ancestor that
        carries the same measure (siblings splitting a parent's target are fine). The message
        says whether the targets agree or differ.

        Examples
        --------
        >>> m = Measure(name="Cost per meal", direction="lower_is_better", baseline=6, target=5.4)
        >>> card = Scorecard(name="Demo", objectives=(
        ...     Objective(name="Cut cost", perspective="process", measures=(m,)),
        ...     Objective(name="Lean kitchens", perspective="process", measures=(m,))))
        >>> print(card.redundant_targets()[0])
        Measure 'Cost per meal' is targeted in objectives 'Cut cost' (target 5.4) and 'Lean kitchens' (target 5.4), which the cascade does not connect (the targets agree). Keep the target in one objective, or cascade one objective from the other with `parent`.
        """
        out = []
        for carriers in self._carriers().values():
            targeted = [(o, m) for o, m in carriers if _goal(m) is not None]
            involved: list[tuple[Objective, Measure]] = []
            carrier_names = {o.name for o, _ in carriers}
            for i, (obj_a, _) in enumerate(targeted):
                for obj_b, _ in targeted[i + 1 :]:
                    anc_a, anc_b = set(self.ancestors(obj_a.name)), set(self.ancestors(obj_b.name))
                    related = (
                        obj_a.name in anc_b
                        or obj_b.name in anc_a
                        or bool(anc_a & anc_b & carrier_names)
                    )
                    if not related:
                        for pair in targeted:
                            if pair[0] in (obj_a, obj_b) and pair not in involved:
                                involved.append(pair)
            if not involved:
                continue
            goals = {_goal(m) for _, m in involved}
            listed = _and_list([f"{o.name!r} ({_goal_text(m)})" for o, m in involved])
            verdict = "the targets agree" if len(goals) == 1 else "the targets differ"
            out.append(
                f"Measure {involved[0][1].name!r} is targeted in objectives {listed}, which the"
                f" cascade does not connect ({verdict}). Keep the target in one objective, or"
                " cascade one objective from the other with `parent`."
            )
        return out

    def conflicting_targets(self) -> list[str]:
        """Measures whose targets pull against each other across objectives.

        Rules (measures matched by name, ignoring case and spacing):

        1. *Opposite directions*: the same measure is ``higher_is_better`` in one objective
           and ``lower_is_better`` (or ``in_range``) in another.
        2. *Different units*: the same measure name with different non-empty ``unit``s -
           the definitions need reconciling.
        3. *Cascade that cannot add up*: for a parent objective P and its children (objectives
           whose ``parent`` is P) that carry a measure of P with the same direction, both
           with targets:

           - additive measure (``additive=True`` on P's measure; children are taken to split
             P's figure between them): for ``higher_is_better`` the children's targets must
             add up to at least P's target; for ``lower_is_better`` to at most P's target.
           - ratio measure (``additive=False``): every child must set a bar at least as
             demanding as P's: ``higher_is_better`` child target >= P's target,
             ``lower_is_better`` child target <= P's target, ``in_range`` child band
             ``[min, max]`` inside P's band.

        Examples
        --------
        >>> parent = Objective(name="Cut cost", perspective="process", measures=(
        ...     Measure(name="Savings", unit="kEUR", baseline=0, target=100, additive=True),))
        >>> kids = [Objective(name=f"Kitchen {k}", perspective="process", parent="Cut cost",
        ...     measures=(Measure(name="Savings", unit="kEUR", baseline=0, target=40,
        ...                       additive=True),)) for k in "AB"]
        >>> print(Scorecard(name="Demo", objectives=(parent, *kids)).conflicting_targets()[0])
        Measure 'Savings' (additive): the targets of the children of 'Cut cost' ('Kitchen A' 40, 'Kitchen B' 40) add up to 80, short of the parent's target 100. Raise the children's targets or lower the parent's.
        """
        out = []
        carriers = self._carriers()
        opposed: set[str] = set()
        for key, pairs in carriers.items():
            directions = {m.direction for _, m in pairs}
            if len(directions) > 1:
                opposed.add(key)
                listed = _and_list([f"{o.name!r} ({m.direction})" for o, m in pairs])
                out.append(
                    f"Measure {pairs[0][1].name!r} pulls in different directions: {listed}."
                    " Agree on one direction, or rename one of the measures if they differ."
                )
            units = {m.unit for _, m in pairs if m.unit}
            if len(units) > 1:
                listed = _and_list([f"{o.name!r} ({m.unit!r})" for o, m in pairs if m.unit])
                out.append(
                    f"Measure {pairs[0][1].name!r} has different units: {listed}. Reconcile"
                    " the definitions, or rename one of the measures if they differ."
                )
        for parent in self.objectives:
            children = [o for o in self.objectives if o.parent == parent.name]
            for p_measure in parent.measures:
                key = measure_key(p_measure.name)
                if key in opposed or _goal(p_measure) is None:
                    continue
                kids = []
                for child in children:
                    for c_measure in child.measures:
                        if measure_key(c_measure.name) == key and _goal(c_measure) is not None:
                            kids.append((child, c_measure))
                if kids:
                    out.extend(_cascade_findings(parent, p_measure, kids))
        return out

    def cascade_problems(self) -> list[str]:
        """Unknown or looping ``parent`` names, then redundant and conflicting targets."""
        out = []
        by_name = self.strategy_map.by_name
        for objective in self.objectives:
            if objective.parent is not None and objective.parent not in by_name:
                out.append(
                    f"Objective {objective.name!r} names parent {objective.parent!r}, which is not"
                    " on this scorecard. Fix the spelling or add the parent objective."
                )
        looped: set[str] = set()
        for objective in self.objectives:
            seen = [objective.name]
            current = objective.parent
            while current is not None and current in by_name and current not in seen:
                seen.append(current)
                current = by_name[current].parent
            if current == objective.name and objective.name not in looped:
                looped.update(seen)
                path = " -> ".join(repr(n) for n in (*seen, objective.name))
                out.append(
                    f"The cascade loops: {path} (each names the next as its parent). Remove one"
                    " `parent` so the cascade runs from the top down."
                )
        return out + self.redundant_targets() + self.conflicting_targets()

    def problems(self) -> list[str]:
        """Strategy-map findings followed by cascade findings, in plain language."""
        return self.strategy_map.problems() + self.cascade_problems()

    def report(self) -> str:
        """A short text report of :meth:`problems`, one ``- `` line each."""
        problems = self.problems()
        head = f"Scorecard {self.name!r}: {len(self.objectives)} objectives, "
        if not problems:
            return head + "no problems found."
        lines = [head + f"{len(problems)} problem{'s' * (len(problems) != 1)}."]
        return "\n".join(lines + [f"- {p}" for p in problems])

    # -- files ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain dict for YAML/JSON: name, description, objectives, links."""
        out: dict[str, Any] = {"name": self.name}
        if self.description:
            out["description"] = self.description
        out["objectives"] = [o.to_dict() for o in self.objectives]
        out["links"] = [link.to_dict() for link in self.links]
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Scorecard:
        """Build a scorecard from :meth:`to_dict` output; errors carry the key path.

        Examples
        --------
        >>> Scorecard.from_dict({"name": "Homeats", "objectives": [
        ...     {"name": "Grow revenue", "perspective": "financial"}]}).objectives[0].name
        'Grow revenue'
        """
        raw = read_mapping(
            "scorecard", data, ("name", "description", "objectives", "links"), ("name",)
        )
        for key, build in (("objectives", Objective.from_dict), ("links", Link.from_dict)):
            items = raw.get(key)
            if items is None:
                raw[key] = ()
                continue
            with at(key):
                if not isinstance(items, list | tuple):
                    msg = f"`{key}` must be a list, got {type(items).__name__}. Start each item with '- '."
                    raise TypeError(msg)
                built = []
                for i, item in enumerate(items):
                    with at(f"[{i}]"):
                        built.append(build(item))
            raw[key] = tuple(built)
        return cls(**raw)


# -- helpers ---------------------------------------------------------------------------------
def _shares(weights: pd.Series, what: str, param: str, *, is_param: bool = False) -> pd.Series:
    total = float(weights.sum())
    if total <= 0:
        where = f"`{param}`" if is_param else f"the `{param}` of {what}"
        msg = (
            f"Cannot roll up {what}: {where} add up to 0, so there is nothing to average."
            " Give at least one of them a weight above 0."
        )
        raise ValueError(msg)
    return weights / total


def _perspective_weights(weights: Mapping[Any, float] | None) -> dict[Perspective, float] | None:
    if weights is None:
        return None
    if not isinstance(weights, Mapping):
        msg = (
            "`perspective_weights` must be a mapping from perspective to weight, got"
            f" {type(weights).__name__}. E.g. {{'financial': 2, 'customer': 1, ...}}."
        )
        raise TypeError(msg)
    out = {}
    for key, value in weights.items():
        perspective = Perspective.parse(key, name="perspective_weights")
        out[perspective] = check_number(f"perspective_weights[{key!r}]", value, low=0.0)
    return out


def _goal(measure: Measure) -> float | tuple[float, float] | None:
    if measure.direction == "in_range":
        return (measure.min, measure.max)  # type: ignore[return-value]
    return measure.target


def _goal_text(measure: Measure) -> str:
    goal = _goal(measure)
    if isinstance(goal, tuple):
        return f"band {goal[0]:g}..{goal[1]:g}"
    return f"target {goal:g}"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _cascade_findings(
    parent: Objective, p_measure: Measure, kids: list[tuple[Objective, Measure]]
) -> list[str]:
    name, direction = p_measure.name, p_measure.direction
    if p_measure.additive and direction != "in_range":
        total = sum(m.target for _, m in kids)  # type: ignore[misc]
        listed = ", ".join(f"{o.name!r} {m.target:g}" for o, m in kids)
        goal = p_measure.target
        if direction == "higher_is_better" and total < goal:  # type: ignore[operator]
            return [
                f"Measure {name!r} (additive): the targets of the children of {parent.name!r}"
                f" ({listed}) add up to {total:g}, short of the parent's target {goal:g}."
                " Raise the children's targets or lower the parent's."
            ]
        if direction == "lower_is_better" and total > goal:  # type: ignore[operator]
            return [
                f"Measure {name!r} (additive): the targets of the children of {parent.name!r}"
                f" ({listed}) add up to {total:g}, above the parent's ceiling {goal:g}."
                " Lower the children's targets or raise the parent's."
            ]
        return []
    out = []
    for child, c_measure in kids:
        if direction == "in_range":
            lo, hi = p_measure.min, p_measure.max
            ok = lo <= c_measure.min and c_measure.max <= hi  # type: ignore[operator]
            if not ok:
                out.append(
                    f"Measure {name!r}: child {child.name!r} allows the band"
                    f" {c_measure.min:g}..{c_measure.max:g}, wider than or outside its parent"
                    f" {parent.name!r} band {lo:g}..{hi:g}. Keep the child's band inside the"
                    " parent's."
                )
            continue
        lower_bar = (
            c_measure.target < p_measure.target  # type: ignore[operator]
            if direction == "higher_is_better"
            else c_measure.target > p_measure.target  # type: ignore[operator]
        )
        if lower_bar:
            out.append(
                f"Measure {name!r} (ratio, {direction}): child {child.name!r} targets"
                f" {c_measure.target:g}, a lower bar than its parent {parent.name!r}"
                f" ({p_measure.target:g}); the parent's target cannot be met if every child only"
                " meets its own. Raise the child's bar to at least the parent's."
            )
    return out
