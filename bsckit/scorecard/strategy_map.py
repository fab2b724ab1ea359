"""The strategy map: cause-and-effect links between objectives, and what is wrong with them.

Derived facts (cycles, links against the usual order, objectives with no measure, ...) are
computed on first use and cached, in the manner of QuantEcon's ``DiGraph``; the map is frozen,
so the cache never goes stale.

The usual causal order is learning and growth -> internal processes -> customer -> financial.
A link from a later perspective back to an earlier one (e.g. financial -> learning and growth)
is reported unless it is marked ``against_order_ok=True`` with a ``reason``.

Examples
--------
>>> train = Objective(name="Train cooks", perspective="learning and growth")
>>> cost = Objective(name="Cut production cost", perspective="internal processes")
>>> smap = StrategyMap(objectives=(train, cost), links=(Link("Cut production cost", "Train cooks"),))
>>> print(smap.report())
Strategy map: 2 objectives, 1 link, 3 problems.
- Link 'Cut production cost' (Internal processes) -> 'Train cooks' (Learning and growth) runs against the usual order (Learning and growth -> Internal processes -> Customer -> Financial). Reverse it, or mark it `against_order_ok: true` with a `reason`.
- Objective 'Train cooks' has no measure. Add at least one measure, or drop the objective.
- Objective 'Cut production cost' has no measure. Add at least one measure, or drop the objective.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from bsckit.scorecard._paths import at, read_mapping
from bsckit.scorecard.measure import _text
from bsckit.scorecard.objective import Objective
from bsckit.scorecard.perspective import CAUSAL_ORDER

__all__ = ["Link", "StrategyMap"]

_ORDER_TEXT = " -> ".join(p.label for p in CAUSAL_ORDER)


@dataclass(frozen=True)
class Link:
    """A cause-and-effect claim: improving ``cause`` should improve ``effect``.

    Parameters
    ----------
    cause, effect : str
        Objective names.
    against_order_ok : bool, default False
        Set True to accept a link that runs against the usual perspective order; then
        ``reason`` must say why.
    reason : str, default ""
        Why the link holds (required when ``against_order_ok``).

    Examples
    --------
    >>> Link("Grow revenue", "Train cooks", against_order_ok=True)
    Traceback (most recent call last):
    ...
    ValueError: `reason` must explain why the link 'Grow revenue' -> 'Train cooks' may run against the usual order, since `against_order_ok` is true. Write one sentence, e.g. 'profits fund the training budget'.
    """

    cause: str
    effect: str
    against_order_ok: bool = False
    reason: str = ""

    def __post_init__(self) -> None:
        with at("cause"):
            _text("cause", self.cause, required=True)
        with at("effect"):
            _text("effect", self.effect, required=True)
            if self.cause == self.effect:
                msg = (
                    f"A link may not run from objective {self.cause!r} to itself. Link it to a"
                    " different objective."
                )
                raise ValueError(msg)
        with at("against_order_ok"):
            if not isinstance(self.against_order_ok, bool):
                msg = f"`against_order_ok` must be true or false, got {self.against_order_ok!r}."
                raise TypeError(msg)
        with at("reason"):
            _text("reason", self.reason)
            if self.against_order_ok and not self.reason.strip():
                msg = (
                    f"`reason` must explain why the link {self.cause!r} -> {self.effect!r} may run"
                    " against the usual order, since `against_order_ok` is true. Write one"
                    " sentence, e.g. 'profits fund the training budget'."
                )
                raise ValueError(msg)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict; the flag and reason are written only when set."""
        out: dict[str, Any] = {"cause": self.cause, "effect": self.effect}
        if self.against_order_ok:
            out["against_order_ok"] = True
        if self.reason:
            out["reason"] = self.reason
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Link:
        """Build a link from :meth:`to_dict` output.

        Examples
        --------
        >>> Link.from_dict({"cause": "Train cooks", "effect": "Cut production cost"}).effect
        'Cut production cost'
        """
        allowed = ("cause", "effect", "against_order_ok", "reason")
        return cls(**read_mapping("link", data, allowed, required=("cause", "effect")))


@dataclass(frozen=True)
class StrategyMap:
    """Objectives and the cause-and-effect links between them, with cached findings.

    Parameters
    ----------
    objectives : tuple of Objective
        Names must be unique.
    links : tuple of Link
        The same (cause, effect) pair may appear only once.

    Examples
    --------
    >>> a = Objective(name="A", perspective="customer")
    >>> b = Objective(name="B", perspective="customer")
    >>> StrategyMap(objectives=(a, b), links=(Link("A", "B"), Link("B", "A"))).cycles
    (('A', 'B'),)
    >>> StrategyMap(objectives=(a, a))
    Traceback (most recent call last):
    ...
    ValueError: Objective name 'A' is used twice (positions 0 and 1). Objective names must be unique; rename one.
    """

    objectives: tuple[Objective, ...] = ()
    links: tuple[Link, ...] = ()

    def __post_init__(self) -> None:
        with at("objectives"):
            if not isinstance(self.objectives, list | tuple):
                msg = f"`objectives` must be a list of Objective, got {type(self.objectives).__name__}."
                raise TypeError(msg)
            seen: dict[str, int] = {}
            for i, objective in enumerate(self.objectives):
                with at(f"[{i}]"):
                    if not isinstance(objective, Objective):
                        msg = f"`objectives[{i}]` must be an Objective, got {type(objective).__name__}."
                        raise TypeError(msg)
                    if objective.name in seen:
                        msg = (
                            f"Objective name {objective.name!r} is used twice (positions"
                            f" {seen[objective.name]} and {i}). Objective names must be unique;"
                            " rename one."
                        )
                        with at("name"):
                            raise ValueError(msg)
                    seen[objective.name] = i
            object.__setattr__(self, "objectives", tuple(self.objectives))
        with at("links"):
            if not isinstance(self.links, list | tuple):
                msg = f"`links` must be a list of Link, got {type(self.links).__name__}."
                raise TypeError(msg)
            pairs: dict[tuple[str, str], int] = {}
            for i, link in enumerate(self.links):
                with at(f"[{i}]"):
                    if not isinstance(link, Link):
                        msg = f"`links[{i}]` must be a Link, got {type(link).__name__}."
                        raise TypeError(msg)
                    pair = (link.cause, link.effect)
                    if pair in pairs:
                        msg = (
                            f"The link {link.cause!r} -> {link.effect!r} is listed twice"
                            f" (positions {pairs[pair]} and {i}). Keep one."
                        )
                        raise ValueError(msg)
                    pairs[pair] = i
            object.__setattr__(self, "links", tuple(self.links))

    # -- graph ----------------------------------------------------------------------------
    @cached_property
    def by_name(self) -> dict[str, Objective]:
        """Objectives keyed by name."""
        return {o.name: o for o in self.objectives}

    @cached_property
    def unknown_links(self) -> tuple[Link, ...]:
        """Links whose cause or effect names no objective on the map."""
        return tuple(
            link
            for link in self.links
            if link.cause not in self.by_name or link.effect not in self.by_name
        )

    @cached_property
    def graph(self) -> dict[str, tuple[str, ...]]:
        """Adjacency: objective name -> names of its effects (links to unknown names left out)."""
        out: dict[str, list[str]] = {name: [] for name in self.by_name}
        for link in self.links:
            if link.cause in self.by_name and link.effect in self.by_name:
                out[link.cause].append(link.effect)
        return {name: tuple(effects) for name, effects in out.items()}

    def causes_of(self, name: str) -> tuple[str, ...]:
        """Names of the objectives linked as causes of ``name``."""
        return tuple(c for c, effects in self.graph.items() if name in effects)

    def effects_of(self, name: str) -> tuple[str, ...]:
        """Names of the objectives ``name`` is linked to as a cause."""
        return self.graph.get(name, ())

    @cached_property
    def cycles(self) -> tuple[tuple[str, ...], ...]:
        """One cycle per strongly connected group of objectives, e.g. ``('A', 'B')`` for A->B->A.

        Cause-and-effect should flow one way; a cycle usually means a link is reversed.
        """
        out = []
        for component in _strongly_connected(self.graph):
            if len(component) > 1:
                out.append(_cycle_through(self.graph, component))
        return tuple(out)

    @cached_property
    def is_acyclic(self) -> bool:
        """True when the map has no cycle."""
        return not self.cycles

    @cached_property
    def against_order(self) -> tuple[Link, ...]:
        """Links from a later perspective to an earlier one, not marked ``against_order_ok``."""
        out = []
        for link in self.links:
            if link.against_order_ok or link in self.unknown_links:
                continue
            cause, effect = self.by_name[link.cause], self.by_name[link.effect]
            if cause.perspective.rank > effect.perspective.rank:
                out.append(link)
        return tuple(out)

    @cached_property
    def objectives_without_measures(self) -> tuple[str, ...]:
        """Names of objectives with no measure (nothing shows whether they are met)."""
        return tuple(o.name for o in self.objectives if not o.measures)

    @cached_property
    def measures_without_owner(self) -> tuple[tuple[str, str], ...]:
        """``(objective, measure)`` pairs whose measure has no ``owner``."""
        return tuple(
            (o.name, m.name) for o in self.objectives for m in o.measures if m.owner is None
        )

    @cached_property
    def unlinked_objectives(self) -> tuple[str, ...]:
        """Objectives in no link at all (only reported when the map has 2+ objectives)."""
        if len(self.objectives) < 2:
            return ()
        linked = {link.cause for link in self.links} | {link.effect for link in self.links}
        return tuple(o.name for o in self.objectives if o.name not in linked)

    # -- reports ----------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Every finding, one plain-language sentence each (empty list when all is well)."""
        out = []
        for link in self.unknown_links:
            missing = [n for n in (link.cause, link.effect) if n not in self.by_name]
            names = " and ".join(repr(n) for n in missing)
            out.append(
                f"Link {link.cause!r} -> {link.effect!r} names {names}, which is not an objective"
                " on this map. Fix the spelling or add the objective."
            )
        for cycle in self.cycles:
            path = " -> ".join(repr(n) for n in (*cycle, cycle[0]))
            out.append(
                f"Cycle in the strategy map: {path}. Cause and effect should run one way;"
                " remove or reverse one of these links."
            )
        for link in self.against_order:
            cause, effect = self.by_name[link.cause], self.by_name[link.effect]
            out.append(
                f"Link {link.cause!r} ({cause.perspective.label}) -> {link.effect!r}"
                f" ({effect.perspective.label}) runs against the usual order ({_ORDER_TEXT})."
                " Reverse it, or mark it `against_order_ok: true` with a `reason`."
            )
        for name in self.objectives_without_measures:
            out.append(
                f"Objective {name!r} has no measure. Add at least one measure, or drop the"
                " objective."
            )
        for objective, measure in self.measures_without_owner:
            out.append(
                f"Measure {measure!r} of objective {objective!r} has no owner. Set `owner` to the"
                " person who answers for the figure."
            )
        for name in self.unlinked_objectives:
            out.append(
                f"Objective {name!r} is not linked to any other objective. Add the cause-and-effect"
                " link it is part of, or ask whether it belongs on the scorecard."
            )
        return out

    def report(self) -> str:
        """A short text report: a header line, then one ``- `` line per problem."""
        problems = self.problems()
        n_obj, n_links = len(self.objectives), len(self.links)
        head = (
            f"Strategy map: {n_obj} objective{'s' * (n_obj != 1)}, {n_links}"
            f" link{'s' * (n_links != 1)}, "
        )
        if not problems:
            return head + "no problems found."
        lines = [head + f"{len(problems)} problem{'s' * (len(problems) != 1)}."]
        lines += [f"- {p}" for p in problems]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """One row per link: cause, effect, their perspectives, flag and reason."""
        rows = []
        for link in self.links:
            cause, effect = self.by_name.get(link.cause), self.by_name.get(link.effect)
            rows.append(
                {
                    "cause": link.cause,
                    "cause_perspective": cause.perspective.label if cause else None,
                    "effect": link.effect,
                    "effect_perspective": effect.perspective.label if effect else None,
                    "against_order_ok": link.against_order_ok,
                    "reason": link.reason,
                }
            )
        columns = [
            "cause",
            "cause_perspective",
            "effect",
            "effect_perspective",
            "against_order_ok",
            "reason",
        ]
        return pd.DataFrame(rows, columns=columns)


def _strongly_connected(graph: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """Tarjan's algorithm (iterative); components in discovery order, nodes in map order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            effects = graph[node]
            if i < len(effects):
                work.append((node, i + 1))
                nxt = effects[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                order = list(graph)
                out.append(sorted(component, key=order.index))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return out


def _cycle_through(graph: dict[str, tuple[str, ...]], component: list[str]) -> tuple[str, ...]:
    """A shortest cycle starting at the first node of ``component`` (breadth-first search)."""
    start, members = component[0], set(component)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt_frontier = []
        for node in frontier:
            for effect in graph[node]:
                if effect not in members:
                    continue
                if effect == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return tuple(reversed(path))
                if effect not in previous:
                    previous[effect] = node
                    nxt_frontier.append(effect)
        frontier = nxt_frontier
    return tuple(component)  # pragma: no cover - a strongly connected component always cycles
