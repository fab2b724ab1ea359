"""Tests for the strategy map: links, cycles, order, orphans, ownerless measures, reports."""

from __future__ import annotations

import pytest

from bsckit.scorecard import Link, Measure, Objective, StrategyMap, example_scorecard


def objective(name, perspective, *, owner="Owner", measures=True):
    ms = (Measure(name=f"{name} KPI", owner=owner),) if measures else ()
    return Objective(name=name, perspective=perspective, measures=ms)


LEARN = objective("Train cooks", "learning and growth")
PROCESS = objective("Cut cost", "internal processes")
CUSTOMER = objective("Deliver on time", "customer")
MONEY = objective("Grow margin", "financial")
CHAIN = (
    Link("Train cooks", "Cut cost"),
    Link("Cut cost", "Deliver on time"),
    Link("Deliver on time", "Grow margin"),
)


def test_clean_map_has_no_problems():
    smap = StrategyMap(objectives=(LEARN, PROCESS, CUSTOMER, MONEY), links=CHAIN)
    assert smap.problems() == []
    assert smap.is_acyclic
    assert smap.report() == "Strategy map: 4 objectives, 3 links, no problems found."
    assert smap.effects_of("Cut cost") == ("Deliver on time",)
    assert smap.causes_of("Cut cost") == ("Train cooks",)
    frame = smap.to_frame()
    assert frame["cause_perspective"].tolist() == [
        "Learning and growth",
        "Internal processes",
        "Customer",
    ]


def test_example_scorecard_map_is_clean():
    assert example_scorecard().strategy_map.problems() == []


def test_cycle_is_found_and_reported():
    a, b, c = (objective(n, "customer") for n in "ABC")
    smap = StrategyMap(objectives=(a, b, c), links=(Link("A", "B"), Link("B", "C"), Link("C", "A")))
    assert smap.cycles == (("A", "B", "C"),)
    assert not smap.is_acyclic
    (problem,) = smap.problems()
    assert "Cycle in the strategy map: 'A' -> 'B' -> 'C' -> 'A'" in problem


def test_two_separate_cycles_and_a_tail():
    names = "ABCDE"
    objs = tuple(objective(n, "customer") for n in names)
    links = (Link("A", "B"), Link("B", "A"), Link("B", "C"), Link("D", "E"), Link("E", "D"))
    smap = StrategyMap(objectives=objs, links=links)
    assert sorted(smap.cycles) == [("A", "B"), ("D", "E")]


def test_link_against_the_usual_order():
    links = (*CHAIN, Link("Grow margin", "Train cooks"))
    smap = StrategyMap(objectives=(LEARN, PROCESS, CUSTOMER, MONEY), links=links)
    assert smap.against_order == (Link("Grow margin", "Train cooks"),)
    problems = smap.problems()
    assert any(
        "'Grow margin' (Financial) -> 'Train cooks' (Learning and growth) runs against" in p
        for p in problems
    )
    # the back-link also closes a cycle, which is reported separately
    assert any(p.startswith("Cycle in the strategy map") for p in problems)


def test_marked_against_order_link_is_accepted():
    marked = Link(
        "Grow margin",
        "Train cooks",
        against_order_ok=True,
        reason="Profit funds the training budget.",
    )
    smap = StrategyMap(objectives=(LEARN, MONEY), links=(marked,))
    assert smap.against_order == ()
    assert smap.problems() == []


def test_links_within_a_perspective_or_skipping_one_are_fine():
    other_process = objective("Speed up returns", "internal processes")
    links = (Link("Cut cost", "Speed up returns"), Link("Train cooks", "Grow margin"))
    smap = StrategyMap(objectives=(LEARN, PROCESS, other_process, MONEY), links=links)
    assert smap.against_order == ()


def test_orphan_objective_and_ownerless_measure():
    orphan = objective("Innovate", "internal processes", measures=False)
    ownerless = Objective(
        name="Serve well", perspective="customer", measures=(Measure(name="CSAT"),)
    )
    smap = StrategyMap(objectives=(orphan, ownerless), links=(Link("Innovate", "Serve well"),))
    assert smap.objectives_without_measures == ("Innovate",)
    assert smap.measures_without_owner == (("Serve well", "CSAT"),)
    problems = smap.problems()
    assert "Objective 'Innovate' has no measure." in problems[0]
    assert "Measure 'CSAT' of objective 'Serve well' has no owner." in problems[1]


def test_unlinked_objective_and_unknown_names():
    smap = StrategyMap(
        objectives=(LEARN, PROCESS, MONEY),
        links=(Link("Train cooks", "Cut cost"), Link("Cut cost", "Grow margn")),
    )
    assert smap.unknown_links == (Link("Cut cost", "Grow margn"),)
    # the misspelt link does not connect 'Grow margin', so it is reported as unlinked too
    assert smap.unlinked_objectives == ("Grow margin",)
    problems = smap.problems()
    assert "names 'Grow margn', which is not an objective on this map" in problems[0]
    assert "'Grow margin' is not linked" in problems[-1]
    lonely = StrategyMap(objectives=(LEARN, PROCESS, MONEY), links=(CHAIN[0],))
    assert lonely.unlinked_objectives == ("Grow margin",)
    assert "is not linked to any other objective" in lonely.problems()[0]
    assert lonely.report().startswith("Strategy map: 3 objectives, 1 link, 1 problem.")


def test_findings_are_cached():
    smap = StrategyMap(objectives=(LEARN, PROCESS), links=CHAIN[:1])
    assert smap.cycles is smap.cycles
    assert smap.graph is smap.graph


def test_link_round_trip():
    for link in (Link("A", "B"), Link("B", "A", against_order_ok=True, reason="why")):
        assert Link.from_dict(link.to_dict()) == link


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"cause": "A", "effect": "A"}, "from objective 'A' to itself"),
        ({"cause": "", "effect": "B"}, "`cause` must not be empty"),
        ({"cause": "A", "effect": 3}, "`effect` must be text"),
        ({"cause": "A", "effect": "B", "against_order_ok": "yes"}, "`against_order_ok`"),
        ({"cause": "A", "effect": "B", "against_order_ok": True}, "`reason` must explain"),
    ],
)
def test_link_validation_errors(kwargs, words):
    with pytest.raises((TypeError, ValueError)) as info:
        Link(**kwargs)
    assert words in str(info.value)


def test_strategy_map_validation_errors():
    with pytest.raises(ValueError, match="The link 'A' -> 'B' is listed twice"):
        StrategyMap(links=(Link("A", "B"), Link("A", "B")))
    with pytest.raises(TypeError, match="`links\\[0\\]` must be a Link"):
        StrategyMap(links=(("A", "B"),))
    with pytest.raises(TypeError, match="`objectives` must be a list"):
        StrategyMap(objectives="A")
    with pytest.raises(ValueError, match=r"Unknown key 'couse' in a link\. Did you mean 'cause'"):
        Link.from_dict({"couse": "A", "effect": "B"})
