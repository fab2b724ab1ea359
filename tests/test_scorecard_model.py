"""Tests for the scorecard domain model: perspectives, measures, objectives, scoring, roll-up,
RAG status and cascade checks.

Expected numbers are hand computations written out in the comments; nothing here was pasted
from running the code under test.
"""

from __future__ import annotations

import math
import types

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bsckit.scorecard as sc
from bsckit.scorecard import (
    CAUSAL_ORDER,
    Measure,
    Objective,
    Perspective,
    Scorecard,
    binary,
    keep_in_range,
    linear_maximise,
    linear_minimise,
    performance,
    progress,
    rag_status,
)

FAST = settings(max_examples=60, deadline=None)


def test_all_matches_public_names():
    public = {
        name
        for name, value in vars(sc).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    public.discard("annotations")
    assert set(sc.__all__) == public


# -- Perspective ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("financial", Perspective.FINANCIAL),
        ("Finance", Perspective.FINANCIAL),
        ("Customers", Perspective.CUSTOMER),
        ("Internal processes", Perspective.INTERNAL_PROCESSES),
        ("internal business processes", Perspective.INTERNAL_PROCESSES),
        ("internal_processes", Perspective.INTERNAL_PROCESSES),
        ("learning and growth", Perspective.LEARNING_GROWTH),
        ("Learning & Growth", Perspective.LEARNING_GROWTH),
        ("learning_growth", Perspective.LEARNING_GROWTH),
        # the short codes the SMART checker used before it shared this vocabulary
        ("internal", Perspective.INTERNAL_PROCESSES),
        ("Internal", Perspective.INTERNAL_PROCESSES),
        ("learning", Perspective.LEARNING_GROWTH),
    ],
)
def test_perspective_friendly_spellings(spelling, expected):
    assert Perspective.parse(spelling) is expected
    assert Perspective(spelling) is expected


def test_perspective_order_and_labels():
    # Kaplan & Norton: learning and growth -> internal processes -> customer -> financial
    assert CAUSAL_ORDER == (
        Perspective.LEARNING_GROWTH,
        Perspective.INTERNAL_PROCESSES,
        Perspective.CUSTOMER,
        Perspective.FINANCIAL,
    )
    assert [p.rank for p in CAUSAL_ORDER] == [0, 1, 2, 3]
    assert Perspective.LEARNING_GROWTH.label == "Learning and growth"
    assert Perspective.INTERNAL_PROCESSES == "internal_processes"


@pytest.mark.parametrize("bad", ["people", "", 3, None])
def test_perspective_rejects_unknown(bad):
    with pytest.raises(ValueError, match="`perspective` must be one of"):
        Perspective.parse(bad)


# -- Measure -------------------------------------------------------------------------------
def full_measure(**overrides):
    fields = dict(
        name="On-time delivery",
        definition="Orders in the promised slot / orders delivered.",
        unit="%",
        kind="lagging",
        direction="higher_is_better",
        baseline=88,
        target=95,
        min=80,
        max=100,
        weight=2,
        green=95,
        amber=90,
        frequency="weekly",
        owner="Head of delivery",
        data_steward="Ops analyst",
        source_system="Delivery app",
        scoring="binary",
        additive=False,
    )
    fields.update(overrides)
    return Measure(**fields)


def test_measure_round_trip_exact():
    measures = [
        full_measure(),
        Measure(name="Bare"),
        Measure(
            name="Utilisation",
            direction="in_range",
            min=75,
            max=90,
            green=(78, 88),
            amber=[75, 90],
            tolerance=10,
        ),
    ]
    for measure in measures:
        data = measure.to_dict()
        assert Measure.from_dict(data) == measure
        assert Measure.from_dict(data).to_dict() == data


def test_measure_normalises_friendly_choices():
    m = Measure(name="Revenue", kind="Leading", frequency="yearly", scoring="linear maximize")
    assert (m.kind, m.frequency, m.scoring) == ("leading", "annual", "linear_maximise")
    assert Measure(name="x", direction="in range", min=1, max=2).direction == "in_range"


def test_measure_default_scoring_follows_direction():
    assert Measure(name="a").scoring_method == "linear_maximise"
    assert Measure(name="a", direction="lower_is_better").scoring_method == "linear_minimise"
    assert Measure(name="a", direction="in_range", min=0, max=1).scoring_method == "keep_in_range"


@pytest.mark.parametrize(
    ("overrides", "param", "words"),
    [
        ({"name": " "}, "`name`", "must not be empty"),
        ({"name": 5}, "`name`", "must be text"),
        ({"kind": "trailing"}, "`kind`", "'leading', 'lagging'"),
        ({"direction": "up"}, "`direction`", "'higher_is_better'"),
        ({"frequency": "hourly"}, "`frequency`", "'daily'"),
        ({"weight": -0.5}, "`weight`", "at least 0"),
        ({"target": "ten"}, "`target`", "real number"),
        ({"baseline": math.nan}, "`baseline`", "finite"),
        ({"min": 100, "max": 80}, "`max`", "greater than `min`"),
        ({"green": 90, "amber": 95}, "`green`", "at least `amber`"),
        ({"amber": None}, "`amber`", "Give both"),
        ({"owner": ""}, "`owner`", "non-empty"),
        ({"additive": "yes"}, "`additive`", "true or false"),
        ({"tolerance": 0}, "`tolerance`", "greater than 0"),
        ({"scoring": "linear_minimise"}, "`scoring`", "does not fit direction"),
        ({"scoring": "binary", "target": None, "baseline": None}, "`scoring`", "needs a `target`"),
        ({"target": 88}, "`target`", "equals `baseline`"),
        ({"target": 80}, "`target`", "wrong side of `baseline`"),
    ],
)
def test_measure_validation_errors(overrides, param, words):
    with pytest.raises((TypeError, ValueError)) as info:
        full_measure(**overrides)
    assert param in str(info.value)
    assert words in str(info.value)


def test_measure_threshold_rules_depend_on_direction():
    # lower_is_better: green means value <= green, so green must not exceed amber
    with pytest.raises(ValueError, match=r"`green` .* at most `amber`"):
        Measure(name="Cost", direction="lower_is_better", green=5.8, amber=5.4)
    Measure(name="Cost", direction="lower_is_better", green=5.4, amber=5.8)


def test_measure_in_range_needs_band_and_nested_thresholds():
    with pytest.raises(ValueError, match="`max`"):
        Measure(name="Utilisation", direction="in_range", min=75)
    with pytest.raises(ValueError, match="`green` must be a band"):
        Measure(name="U", direction="in_range", min=75, max=90, green=80, amber=(70, 95))
    with pytest.raises(ValueError, match=r"`amber` band .* must contain the `green` band"):
        Measure(name="U", direction="in_range", min=75, max=90, green=(70, 90), amber=(75, 95))


def test_measure_from_dict_reports_unknown_key_with_suggestion():
    with pytest.raises(ValueError, match=r"Unknown key 'ownr' in a measure\. Did you mean 'owner'"):
        Measure.from_dict({"name": "x", "ownr": "me"})
    with pytest.raises(TypeError, match="must be a mapping"):
        Measure.from_dict(["name", "x"])


# -- Objective -----------------------------------------------------------------------------
def test_objective_round_trip_and_coercions():
    objective = Objective(
        name="Cut production cost",
        perspective="Internal processes",
        description="Cut production cost per meal by 10% within 6 months.",
        measures=[full_measure(), Measure(name="Defect rate", direction="lower_is_better")],
        owners="Head of kitchens",
        initiatives=["Lean kitchen programme"],
        parent="Grow profitable revenue",
        weight=2,
    )
    assert objective.perspective is Perspective.INTERNAL_PROCESSES
    assert objective.owners == ("Head of kitchens",)
    assert isinstance(objective.measures, tuple)
    assert Objective.from_dict(objective.to_dict()) == objective
    assert objective.measure("defect  RATE").name == "Defect rate"
    with pytest.raises(KeyError, match="has no measure 'NPS'"):
        objective.measure("NPS")


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"perspective": "people"}, "`perspective`"),
        ({"weight": -1}, "`weight`"),
        ({"parent": "A"}, "`parent` of objective 'A' is itself"),
        ({"measures": [Measure(name="NPS"), Measure(name="nps")]}, "lists measure 'nps' twice"),
        ({"measures": [{"name": "NPS"}]}, "`measures[0]` must be a Measure"),
        ({"owners": [""]}, "`owners[0]` must not be empty"),
        ({"name": ""}, "`name` must not be empty"),
    ],
)
def test_objective_validation_errors(kwargs, words):
    fields = {"name": "A", "perspective": "customer", **kwargs}
    with pytest.raises((TypeError, ValueError)) as info:
        Objective(**fields)
    assert words in str(info.value)


def test_measure_key_matches_case_and_spacing():
    assert sc.measure_key("On-time  Delivery") == sc.measure_key(" on-time delivery")
    with pytest.raises(TypeError, match="`name` must be text"):
        sc.measure_key(None)


def test_objective_from_dict_key_path():
    data = {"name": "A", "perspective": "customer", "measures": [{"name": "x", "weight": -1}]}
    with pytest.raises(ValueError) as info:
        Objective.from_dict(data)
    assert info.value.key_path == ("measures", "[0]", "weight")


# -- progress --------------------------------------------------------------------------------
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@FAST
@given(baseline=finite, target=finite)
def test_progress_is_zero_at_baseline_and_one_at_target(baseline, target):
    assume(abs(target - baseline) > 1e-6)
    assert progress(baseline, baseline, target) == 0.0
    assert progress(target, baseline, target) == 1.0
    middle = baseline + (target - baseline) / 2
    assert progress(middle, baseline, target) == pytest.approx(0.5)


def test_progress_hand_examples_and_series():
    # cost per meal 6.00 -> 5.40; at 5.55 the cut so far is 0.45 of 0.60 = 0.75
    assert progress(5.55, baseline=6.0, target=5.4) == pytest.approx(0.75)
    series = pd.Series([88.0, 91.5, 102.0], index=["Jan", "Feb", "Mar"])
    out = progress(series, baseline=88, target=95)
    # (91.5 - 88) / 7 = 0.5; (102 - 88) / 7 = 2.0 (not clipped)
    assert out.index.tolist() == ["Jan", "Feb", "Mar"]
    assert out.tolist() == pytest.approx([0.0, 0.5, 2.0])


def test_progress_errors_name_parameters():
    with pytest.raises(ValueError, match=r"`target` \(5\) equals `baseline` \(5\)"):
        progress(4, baseline=5, target=5)
    with pytest.raises(TypeError, match="`baseline`"):
        progress(4, baseline="5", target=6)
    with pytest.raises(ValueError, match="`value`"):
        progress([1, math.nan], baseline=0, target=2)


# -- performance functions -------------------------------------------------------------------
def test_linear_maximise_hand_examples():
    # (90 - 80) / (100 - 80) = 0.5; 110 -> 1.5 unclipped, 1.0 clipped; 70 -> -0.5 / 0.0
    assert linear_maximise(90, 80, 100) == 0.5
    assert linear_maximise([110, 70], 80, 100).tolist() == [1.0, 0.0]
    assert linear_maximise([110, 70], 80, 100, clip=False).tolist() == [1.5, -0.5]


def test_linear_minimise_hand_examples():
    # (7 - 6.5) / (7 - 5) = 0.25; 4.5 -> (7 - 4.5) / 2 = 1.25 unclipped
    assert linear_minimise(6.5, 5, 7) == pytest.approx(0.25)
    assert linear_minimise(4.5, 5, 7) == 1.0
    assert linear_minimise(4.5, 5, 7, clip=False) == pytest.approx(1.25)


@FAST
@given(value=finite)
def test_linear_functions_mirror_each_other(value):
    up = linear_maximise(value, -10, 30, clip=False)
    down = linear_minimise(value, -10, 30, clip=False)
    assert up + down == pytest.approx(1.0)
    assert 0.0 <= linear_maximise(value, -10, 30) <= 1.0


def test_binary_hand_examples():
    assert binary([94.9, 95, 99], target=95).tolist() == [0.0, 1.0, 1.0]
    assert binary([1.4, 1.5, 1.6], target=1.5, direction="lower_is_better").tolist() == [
        1.0,
        1.0,
        0.0,
    ]
    with pytest.raises(ValueError, match="`direction`"):
        binary(1, target=1, direction="in_range")


def test_keep_in_range_hand_examples():
    # band [75, 90], tolerance 10: 80 -> 1; 92 -> 1 - 2/10 = 0.8; 72 -> 1 - 3/10 = 0.7;
    # 110 -> 1 - 20/10 = -1 unclipped, 0 clipped
    out = keep_in_range([80, 92, 72, 110], 75, 90, tolerance=10)
    assert out.tolist() == pytest.approx([1.0, 0.8, 0.7, 0.0])
    assert keep_in_range(110, 75, 90, tolerance=10, clip=False) == pytest.approx(-1.0)


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda: linear_maximise(1, 5, 5), "`maximum`"),
        (lambda: linear_minimise(1, "a", 5), "`minimum`"),
        (lambda: keep_in_range(1, 0, 5, tolerance=0), "`tolerance`"),
        (lambda: binary("x", target=1), "`value`"),
        (lambda: linear_maximise(1, 0, 5, clip="yes"), "`clip`"),
        (lambda: performance("On-time", 5), "`measure`"),
        (lambda: rag_status(Measure(name="a"), "high"), "`value`"),
        (lambda: rag_status("a", 1), "`measure`"),
    ],
)
def test_scoring_errors_name_parameters(call, param):
    with pytest.raises((TypeError, ValueError)) as info:
        call()
    assert param in str(info.value)


def test_performance_uses_measure_settings():
    otd = Measure(name="OTD", min=80, max=100, target=95)
    assert performance(otd, 85) == 0.25  # (85 - 80) / 20
    cost = Measure(name="Cost", direction="lower_is_better", min=5, max=7)
    assert performance(cost, 6.5) == pytest.approx(0.25)  # (7 - 6.5) / 2
    band = Measure(name="Utilisation", direction="in_range", min=75, max=90)
    # default tolerance = width 15: 97.5 is 7.5 out -> 1 - 7.5/15 = 0.5
    assert performance(band, 97.5) == pytest.approx(0.5)
    narrow = Measure(name="Utilisation", direction="in_range", min=75, max=90, tolerance=5)
    assert performance(narrow, 92) == pytest.approx(0.6)  # 1 - 2/5
    met = Measure(name="OTD", target=95, scoring="binary")
    assert performance(met, [94, 96]).tolist() == [0.0, 1.0]
    band_binary = Measure(name="U", direction="in_range", min=75, max=90, scoring="binary")
    assert performance(band_binary, [74, 75, 90, 91]).tolist() == [0.0, 1.0, 1.0, 0.0]
    assert performance(otd, 110, clip=False) == pytest.approx(1.5)
    with pytest.raises(ValueError, match="no `min`"):
        performance(Measure(name="NPS"), 30)


# -- RAG -----------------------------------------------------------------------------------
def test_rag_higher_is_better():
    nps = Measure(name="NPS", green=40, amber=30)
    assert [rag_status(nps, v) for v in (45, 40, 39.9, 30, 29.9)] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
    ]


def test_rag_lower_is_better():
    cost = Measure(name="Cost per meal", direction="lower_is_better", green=5.4, amber=5.7)
    assert [rag_status(cost, v) for v in (5.2, 5.4, 5.5, 5.7, 5.71)] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
    ]


def test_rag_in_range_and_no_thresholds():
    util = Measure(
        name="Utilisation", direction="in_range", min=75, max=90, green=(78, 88), amber=(75, 90)
    )
    assert [rag_status(util, v) for v in (80, 76, 89, 91, 70)] == [
        "green",
        "amber",
        "amber",
        "red",
        "red",
    ]
    assert rag_status(Measure(name="x"), 3) is None


# -- roll-up ---------------------------------------------------------------------------------
def rollup_card():
    m = Measure
    return Scorecard(
        name="Roll-up",
        objectives=(
            Objective(name="F1", perspective="financial", measures=(m(name="Margin", min=0, max=10),)),
            Objective(
                name="C1",
                perspective="customer",
                weight=2,
                measures=(
                    m(name="OTD", min=80, max=100, weight=3),
                    m(name="Complaints", direction="lower_is_better", min=0, max=50),
                ),
            ),
            Objective(name="C2", perspective="customer", measures=(m(name="NPS", min=0, max=50),)),
            Objective(
                name="P1",
                perspective="process",
                measures=(m(name="Utilisation", direction="in_range", min=75, max=90, tolerance=10),),
            ),
        ),
    )  # fmt: skip


VALUES = {"Margin": 6, "OTD": 95, "Complaints": 30, "NPS": 60, "Utilisation": 95}


def test_rollup_hand_computed():
    result = rollup_card().rollup(VALUES)
    # Margin 6/10 = 0.6 -> F1 0.6 -> financial 0.6
    # OTD 0.75 (w3), Complaints (50-30)/50 = 0.4 (w1) -> C1 = (2.25 + 0.4)/4 = 0.6625
    # NPS 60 on 0..50 -> 1.2 clipped to 1.0 -> C2 1.0
    # customer = (2 * 0.6625 + 1 * 1.0) / 3 = 0.775
    # Utilisation 95 is 5 above [75, 90], tolerance 10 -> 0.5 -> internal processes 0.5
    # overall = (0.6 + 0.775 + 0.5) / 3 = 0.625
    assert result.objectives.set_index("objective")["score"].to_dict() == pytest.approx(
        {"F1": 0.6, "C1": 0.6625, "C2": 1.0, "P1": 0.5}
    )
    assert result.perspectives.to_dict() == pytest.approx(
        {"Financial": 0.6, "Customer": 0.775, "Internal processes": 0.5}
    )
    assert result.overall == pytest.approx(0.625)
    shares = result.measures.set_index("measure")["share"]
    assert shares["OTD"] == pytest.approx(0.75)
    assert shares["Complaints"] == pytest.approx(0.25)


def test_rollup_perspective_weights_and_over_achievement():
    card = rollup_card()
    weights = {"financial": 2, "Customer": 1, "Internal processes": 1}
    # (2 * 0.6 + 0.775 + 0.5) / 4 = 0.61875
    assert card.rollup(VALUES, perspective_weights=weights).overall == pytest.approx(0.61875)
    # clip=False: NPS 1.2 -> customer (2 * 0.6625 + 1.2) / 3 = 0.841667
    # overall (0.6 + 0.841667 + 0.5) / 3 = 0.647222
    assert card.rollup(VALUES, clip=False).overall == pytest.approx(0.6472222, abs=1e-6)


def test_rollup_progress_basis_and_missing_values():
    card = Scorecard(
        name="Progress",
        objectives=(
            Objective(
                name="Cut cost",
                perspective="process",
                measures=(
                    Measure(name="Cost", direction="lower_is_better", baseline=6, target=5.4),
                    Measure(name="Defects", direction="lower_is_better", baseline=2.5, target=1.5),
                ),
            ),
        ),
    )
    # Cost 5.7: (5.7 - 6) / (5.4 - 6) = 0.5; Defects missing -> skipped
    result = card.rollup({"Cost": 5.7}, basis="progress")
    assert result.overall == pytest.approx(0.5)
    # Defects 1.0: (1.0 - 2.5) / (1.5 - 2.5) = 1.5 -> clipped 1.0; mean (0.5 + 1.0) / 2
    assert card.rollup({"Cost": 5.7, "Defects": 1.0}, basis="progress").overall == pytest.approx(
        0.75
    )
    with pytest.raises(ValueError, match="no value for measure 'Defects'"):
        card.rollup({"Cost": 5.7}, basis="progress", missing="error")
    assert math.isnan(card.rollup({}, basis="progress").overall)
    with pytest.raises(ValueError, match="no `min`"):
        card.rollup({"Cost": 5.7})


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"basis": "average"}, "`basis`"),
        ({"missing": "ignore"}, "`missing`"),
        ({"clip": 1}, "`clip`"),
        ({"perspective_weights": [1, 2]}, "`perspective_weights`"),
        ({"perspective_weights": {"money": 1}}, "`perspective_weights`"),
        ({"perspective_weights": {"financial": -1}}, "`perspective_weights"),
        ({"perspective_weights": {"financial": 1}}, "`perspective_weights` has no weight"),
        ({"perspective_weights": {"f": 0, "c": 0, "p": 0}}, "`perspective_weights`"),
    ],
)
def test_rollup_errors_name_parameters(kwargs, param):
    if kwargs.get("perspective_weights") == {"f": 0, "c": 0, "p": 0}:
        kwargs = {"perspective_weights": {"financial": 0, "customer": 0, "process": 0}}
    with pytest.raises((TypeError, ValueError)) as info:
        rollup_card().rollup(VALUES, **kwargs)
    assert param in str(info.value)


def test_rollup_zero_total_weight_is_a_clear_error():
    card = Scorecard(
        name="Zero",
        objectives=(
            Objective(
                name="Deliver on time",
                perspective="customer",
                measures=(Measure(name="OTD", min=80, max=100, weight=0),),
            ),
        ),
    )
    with pytest.raises(
        ValueError, match=r"`weight` of the measures of objective 'Deliver on time'"
    ):
        card.rollup({"OTD": 90})


def test_values_errors_name_values():
    card = rollup_card()
    with pytest.raises(ValueError, match="`values` has the key 'Margn'"):
        card.rollup({"Margn": 5})
    with pytest.raises(TypeError, match="`values` must be a mapping"):
        card.status_table([1, 2])
    with pytest.raises(TypeError, match=r"`values\['OTD'\]`"):
        card.rollup({"OTD": "high"})


def test_values_pair_key_wins_over_name():
    shared = Measure(name="OTD", min=80, max=100)
    card = Scorecard(
        name="Pairs",
        objectives=(
            Objective(name="North", perspective="customer", measures=(shared,)),
            Objective(name="South", perspective="customer", measures=(shared,)),
        ),
    )
    table = card.status_table({"OTD": 90, ("South", "otd"): 100})
    # North 90 -> 0.5, South 100 -> 1.0
    assert table["performance"].tolist() == [0.5, 1.0]
    assert card.rollup(pd.Series({"OTD": 90})).overall == 0.5


# -- tables ----------------------------------------------------------------------------------
def test_to_frame_and_status_table():
    card = sc.example_scorecard()
    frame = card.to_frame()
    assert len(frame) == sum(len(o.measures) for o in card.objectives)
    assert {"perspective", "objective", "measure", "owner", "green", "amber"} <= set(frame.columns)
    table = card.status_table({"Cost per meal": 5.7})
    row = table.set_index("measure").loc["Cost per meal"]
    # baseline 6.0, target 5.4: (5.7 - 6) / (5.4 - 6) = 0.5; scale 5..7: (7 - 5.7)/2 = 0.65
    assert row["progress"] == pytest.approx(0.5)
    assert row["performance"] == pytest.approx(0.65)
    assert row["status"] == "amber"  # green <= 5.4, amber <= 5.7
    other = table.set_index("measure").loc["On-time delivery"]
    assert math.isnan(other["value"]) and pd.isna(other["status"])


# -- scorecard construction ------------------------------------------------------------------
def test_scorecard_round_trip_and_lookup():
    card = sc.example_scorecard()
    assert Scorecard.from_dict(card.to_dict()) == card
    assert card.objective("Cut production cost").perspective is Perspective.INTERNAL_PROCESSES
    with pytest.raises(KeyError, match="has no objective 'Nope'"):
        card.objective("Nope")


def test_scorecard_validation_errors():
    a = Objective(name="A", perspective="customer")
    with pytest.raises(ValueError, match="Objective name 'A' is used twice"):
        Scorecard(name="x", objectives=(a, a))
    with pytest.raises(TypeError, match="`objectives\\[0\\]` must be an Objective"):
        Scorecard(name="x", objectives=("A",))
    with pytest.raises(ValueError, match="`name` must not be empty"):
        Scorecard(name="  ")
    with pytest.raises(TypeError, match="`objective` must be an Objective"):
        Scorecard(name="x").with_objective({"name": "A"})


def test_with_objective_appends_or_replaces():
    card = Scorecard(name="x", objectives=(Objective(name="A", perspective="customer"),))
    card = card.with_objective(Objective(name="B", perspective="financial"))
    card = card.with_objective(Objective(name="A", perspective="customer", weight=3))
    assert [(o.name, o.weight) for o in card.objectives] == [("A", 3.0), ("B", 1.0)]


def test_example_scorecard_has_deep_dive_objectives():
    card = sc.example_scorecard()
    process = [o for o in card.objectives if o.perspective is Perspective.INTERNAL_PROCESSES]
    assert len(process) == 3
    assert {p for p in Perspective} == {o.perspective for o in card.objectives}
    assert card.problems() == []
    assert set(sc.example_values()) == {m.name for _, m in card.iter_measures()}


# -- cascade checks --------------------------------------------------------------------------
def cost(target, *, name="Cost per meal", direction="lower_is_better", **kw):
    baseline = 6.0 if direction == "lower_is_better" else 0.0
    return Measure(name=name, direction=direction, baseline=baseline, target=target, **kw)


def test_redundant_targets_between_unconnected_objectives():
    card = Scorecard(
        name="x",
        objectives=(
            Objective(name="Cut cost", perspective="process", measures=(cost(5.4),)),
            Objective(name="Lean kitchens", perspective="process", measures=(cost(5.5),)),
        ),
    )
    (finding,) = card.redundant_targets()
    assert "'Cut cost' (target 5.4)" in finding
    assert "'Lean kitchens' (target 5.5)" in finding
    assert "the targets differ" in finding


def test_no_redundancy_along_the_cascade_or_between_siblings():
    parent = Objective(name="Cut cost", perspective="process", measures=(cost(5.4),))
    kids = [
        Objective(name=f"Kitchen {k}", perspective="process", parent="Cut cost", measures=(cost(5.3),))
        for k in "AB"
    ]  # fmt: skip
    card = Scorecard(name="x", objectives=(parent, *kids))
    assert card.redundant_targets() == []
    assert card.conflicting_targets() == []
    assert card.ancestors("Kitchen A") == ("Cut cost",)


def test_conflict_opposite_directions_and_units():
    card = Scorecard(
        name="x",
        objectives=(
            Objective(name="Sell more", perspective="customer",
                      measures=(Measure(name="Orders per driver", unit="orders/h"),)),
            Objective(name="Protect drivers", perspective="learning",
                      measures=(Measure(name="orders per driver", direction="lower_is_better",
                                        unit="orders/shift"),)),
        ),
    )  # fmt: skip
    findings = card.conflicting_targets()
    assert any("pulls in different directions" in f for f in findings)
    assert any("different units" in f and "'orders/shift'" in f for f in findings)


def test_conflict_additive_children_short_of_parent():
    def savings(target):
        return Measure(name="Savings", unit="kEUR", baseline=0, target=target, additive=True)

    def card_with(a, b):
        return Scorecard(
            name="x",
            objectives=(
                Objective(name="Save", perspective="financial", measures=(savings(100),)),
                Objective(name="North", perspective="financial", parent="Save", measures=(savings(a),)),
                Objective(name="South", perspective="financial", parent="Save", measures=(savings(b),)),
            ),
        )  # fmt: skip

    (finding,) = card_with(40, 50).conflicting_targets()  # 40 + 50 = 90 < 100
    assert "add up to 90, short of the parent's target 100" in finding
    assert card_with(60, 40).conflicting_targets() == []  # 100 >= 100


def test_conflict_additive_cost_budget_exceeded():
    def budget(target):
        return Measure(
            name="Kitchen cost",
            direction="lower_is_better",
            baseline=200,
            target=target,
            additive=True,
        )

    card = Scorecard(
        name="x",
        objectives=(
            Objective(name="Cut cost", perspective="process", measures=(budget(100),)),
            Objective(name="A", perspective="process", parent="Cut cost", measures=(budget(60),)),
            Objective(name="B", perspective="process", parent="Cut cost", measures=(budget(50),)),
        ),
    )  # fmt: skip
    (finding,) = card.conflicting_targets()  # 60 + 50 = 110 > 100
    assert "add up to 110, above the parent's ceiling 100" in finding


def test_conflict_ratio_child_with_lower_bar():
    def otd(target):
        return Measure(name="On-time delivery", unit="%", baseline=88, target=target)

    card = Scorecard(
        name="x",
        objectives=(
            Objective(name="Deliver on time", perspective="customer", measures=(otd(95),)),
            Objective(name="North", perspective="customer", parent="Deliver on time", measures=(otd(96),)),
            Objective(name="South", perspective="customer", parent="Deliver on time", measures=(otd(92),)),
        ),
    )  # fmt: skip
    (finding,) = card.conflicting_targets()
    assert "child 'South' targets 92, a lower bar than its parent 'Deliver on time' (95)" in finding


def test_conflict_in_range_child_band_outside_parent():
    def util(low, high):
        return Measure(name="Utilisation", direction="in_range", min=low, max=high)

    card = Scorecard(
        name="x",
        objectives=(
            Objective(name="Run kitchens", perspective="process", measures=(util(75, 90),)),
            Objective(name="Kitchen A", perspective="process", parent="Run kitchens", measures=(util(70, 90),)),
            Objective(name="Kitchen B", perspective="process", parent="Run kitchens", measures=(util(78, 88),)),
        ),
    )  # fmt: skip
    (finding,) = card.conflicting_targets()
    assert "'Kitchen A' allows the band 70..90" in finding


def test_cascade_unknown_and_looping_parents():
    card = Scorecard(
        name="x",
        objectives=(
            Objective(name="A", perspective="customer", parent="Nope"),
            Objective(name="B", perspective="customer", parent="C"),
            Objective(name="C", perspective="customer", parent="B"),
        ),
    )
    problems = card.cascade_problems()
    assert any("names parent 'Nope', which is not on this scorecard" in p for p in problems)
    assert sum("The cascade loops" in p for p in problems) == 1
    assert "The cascade loops" in card.report()
