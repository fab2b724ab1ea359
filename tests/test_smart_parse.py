"""Tests for bsckit.smart.parse and bsckit.smart.measures.

Expected values are written by hand from the meaning of each sentence (see the header of
tests/smart_corpus.yaml); reference date 2026-11-01 throughout.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml

import bsckit.smart as smart
from bsckit.scorecard import Perspective
from bsckit.smart import (
    MEASURES,
    MEASURES_BY_ID,
    Measure,
    ParsedObjective,
    find_measure,
    measures_from_catalogue,
    parse_objective,
)

TODAY = date(2026, 11, 1)
CORPUS = yaml.safe_load((Path(__file__).parent / "smart_corpus.yaml").read_text("utf-8"))
FIELDS = (
    "direction",
    "measure_id",
    "baseline",
    "target",
    "change_kind",
    "unit",
    "deadline",
    "duration_months",
    "owner",
)


def _text(entry: dict) -> str:
    return entry["text"] * entry.get("repeat", 1)


def _same(expected: object, got: object) -> bool:
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return got is not None and abs(float(got) - float(expected)) < 0.01
    return expected == got


def _field_accuracy(entries: list[dict]) -> tuple[float, dict[str, float], list[str]]:
    per_field = dict.fromkeys(FIELDS, 0)
    misses = []
    for entry in entries:
        parsed = parse_objective(_text(entry), today=CORPUS["today"])
        for name in FIELDS:
            expected = entry["fields"].get(name)
            got = getattr(parsed, name)
            if _same(expected, got):
                per_field[name] += 1
            else:
                misses.append(f"{entry['text'][:60]!r}: {name} expected {expected!r}, got {got!r}")
    total = sum(per_field.values()) / (len(FIELDS) * len(entries))
    return total, {k: v / len(entries) for k, v in per_field.items()}, misses


# ---- corpus ---------------------------------------------------------------------------------


def test_corpus_is_large_and_holds_the_seed_objectives():
    entries = CORPUS["entries"]
    assert len(entries) >= 60
    texts = {e["text"] for e in entries}
    # the three SMART objectives quoted in the Homeats article (shared/seeds)
    assert "Increase the percentage of revenue from new products by 15% within 12 months." in texts
    assert "Decrease production costs by 10% in the next 6 months." in texts
    assert "Improve customer satisfaction with postsale services by 15% within 6 months." in texts
    assert sum(e.get("source") == "seed" for e in entries) == 3
    assert all(set(e["fields"]) <= set(FIELDS) for e in entries)


def test_parser_field_accuracy_on_corpus(capsys):
    everything = CORPUS["entries"]
    holdout = [e for e in everything if e.get("split") == "holdout"]
    tuned = [e for e in everything if e.get("split") != "holdout"]
    total, per_field, misses = _field_accuracy(everything)
    total_tuned, _, _ = _field_accuracy(tuned)
    total_holdout, _, _ = _field_accuracy(holdout)
    with capsys.disabled():
        print(
            f"\nSMART parser field accuracy: {total:.3f} over {len(everything)} sentences"
            f" x {len(FIELDS)} fields (tuning set {total_tuned:.3f}, n={len(tuned)};"
            f" held-out set {total_holdout:.3f}, n={len(holdout)})"
        )
        print("  per field: " + ", ".join(f"{k} {v:.2f}" for k, v in per_field.items()))
        for miss in misses:
            print("  miss:", miss)
    # Thresholds below the measured figures (0.996 overall; held-out 0.996 on its first run).
    assert total >= 0.95
    assert total_holdout >= 0.9


# ---- amounts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target", "kind", "unit"),
    [
        ("Increase sales by fifteen percent within 6 months", 15, "relative", "%"),
        ("Increase sales by twenty-five per cent within 6 months", 25, "relative", "%"),
        ("Raise OEE to 72,5% by Q2 2027", 72.5, "absolute", "%"),
        ("Raise OEE to 72.5 % by Q2 2027", 72.5, "absolute", "%"),
        ("Raise OEE by 3 percentage points in 6 months", 3, "percentage_points", "pp"),
        ("Raise OEE by 3pp in 6 months", 3, "percentage_points", "pp"),
        ("Raise OEE by 3 points in 6 months", 3, "percentage_points", "pp"),
        ("Raise NPS by 3 points in 6 months", 3, "amount", "points"),
        ("Cut food costs by £50k within 12 months", 50_000, "amount", "GBP"),
        ("Grow revenue to £1.2m by 2028", 1_200_000, "absolute", "GBP"),
        ("Grow revenue to €1,250,000 by 2028", 1_250_000, "absolute", "EUR"),
        ("Grow revenue to $2 million by 2028", 2_000_000, "absolute", "USD"),
        ("Grow revenue to 1.250.000,50 GBP by 2028", 1_250_000.5, "absolute", "GBP"),
        ("Cut cost per meal by 40p within a year", 0.4, "amount", "GBP"),
        ("Reduce delivery time by 5 minutes in 6 months", 5, "amount", "minutes"),
        ("Reduce DSO to 38 days by June 2027", 38, "absolute", "days"),
        ("Increase training hours to 30 hours per employee by 2027", 30, "absolute", "hours"),
        ("Double the number of prototypes within 2 years", 100, "relative", "%"),
        ("Halve the defect rate within 2 years", 50, "relative", "%"),
        ("Achieve a 10% reduction in production cost by 2027", 10, "relative", "%"),
    ],
)
def test_amounts(text, target, kind, unit):
    parsed = parse_objective(text, today=TODAY)
    assert parsed.target == pytest.approx(target)
    assert parsed.change_kind == kind
    assert parsed.unit == unit


def test_from_to_gives_baseline_and_target():
    parsed = parse_objective("Reduce churn from 6.5% to 5% within a year", today=TODAY)
    assert (parsed.baseline, parsed.target, parsed.change_kind) == (6.5, 5.0, "absolute")
    assert parsed.target_level() == 5.0


def test_target_level_for_each_change_kind():
    # hand computation: 40 * (1 - 0.10) = 36; 80 + 3 = 83; 30 - 4 = 26
    relative = ParsedObjective(direction="decrease", target=10, change_kind="relative")
    assert relative.target_level(40) == pytest.approx(36)
    points = ParsedObjective(direction="increase", target=3, change_kind="percentage_points")
    assert points.target_level(80) == pytest.approx(83)
    amount = ParsedObjective(direction="decrease", target=4, change_kind="amount", baseline=30)
    assert amount.target_level() == pytest.approx(26)
    assert ParsedObjective(target=4, change_kind="amount").target_level() is None


# ---- dates and durations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "deadline"),
    [
        ("by 31 March 2027", date(2027, 3, 31)),
        ("by 31st of March, 2027", date(2027, 3, 31)),
        ("by March 31, 2027", date(2027, 3, 31)),
        ("by March 2027", date(2027, 3, 31)),
        ("by Feb 2028", date(2028, 2, 29)),
        ("by Q2 2027", date(2027, 6, 30)),
        ("by Q4 FY27", date(2027, 12, 31)),
        ("by 2027 Q1", date(2027, 3, 31)),
        ("by the end of the third quarter of 2027", date(2027, 9, 30)),
        ("by H1 2027", date(2027, 6, 30)),
        ("by end of 2026", date(2026, 12, 31)),
        ("by year-end 2027", date(2027, 12, 31)),
        ("by 2027-05-15", date(2027, 5, 15)),
        ("by 15/05/2027", date(2027, 5, 15)),
        ("by 2028", date(2028, 12, 31)),
        ("by the end of this year", date(2026, 12, 31)),
        ("by the end of next year", date(2027, 12, 31)),
        ("by the end of next quarter", date(2027, 3, 31)),
        ("by the end of this quarter", date(2026, 12, 31)),
        ("by next month", date(2026, 12, 31)),
        ("by March", date(2027, 3, 31)),
    ],
)
def test_deadlines(phrase, deadline):
    parsed = parse_objective(f"Raise OEE to 75% {phrase}", today=TODAY)
    assert parsed.deadline == deadline
    assert parsed.target == 75.0  # no digit of the date is taken as the target


def test_day_first_convention():
    text = "Raise OEE to 75% by 03/04/2027"
    assert parse_objective(text, today=TODAY).deadline == date(2027, 4, 3)
    assert parse_objective(text, today=TODAY, day_first=False).deadline == date(2027, 3, 4)


@pytest.mark.parametrize(
    ("phrase", "months"),
    [
        ("within 12 months", 12),
        ("in the next six months", 6),
        ("over the next two quarters", 6),
        ("within a year", 12),
        ("within the next year", 12),
        ("in eighteen months", 18),
        ("over three years", 36),
        ("in 90 days", 2.96),  # 90 / 30.4375
        ("within 6 weeks", 1.38),  # 42 / 30.4375
        ("over a 9-month period", 9),
        ("in half a year", 6),
    ],
)
def test_durations(phrase, months):
    parsed = parse_objective(f"Raise OEE by 5 pp {phrase}", today=TODAY)
    assert parsed.duration_months == pytest.approx(months, abs=0.01)
    assert parsed.target == 5.0


def test_vague_time_is_flagged():
    parsed = parse_objective("Raise OEE to 75% soon", today=TODAY)
    assert parsed.deadline is None and parsed.duration_months is None
    assert "vague_time" in parsed.flags


def test_impossible_calendar_date_is_a_note_not_an_error():
    parsed = parse_objective("Raise OEE to 75% by 31/02/2027", today=TODAY)
    assert parsed.deadline is None
    assert "bad_date" in parsed.flags


# ---- owner, perspective, link ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Cut DSO to 40 days by 2027, owned by the Finance Director", "Finance Director"),
        ("Cut DSO to 40 days by 2027 (owner: Head of Service)", "Head of Service"),
        ("Cut DSO to 40 days by 2027. Owner: Credit Controller", "Credit Controller"),
        ("Cut DSO to 40 days by 2027, led by the Finance Team", "Finance Team"),
        ("The Finance Director is accountable for cutting DSO to 40 days", "Finance Director"),
    ],
)
def test_owner(text, owner):
    assert parse_objective(text, today=TODAY).owner == owner


def test_perspective_and_linked_objective():
    parsed = parse_objective(
        "Raise training hours to 20 by 2027 so that new cooks reach competency faster"
        " (perspective: learning and growth)",
        today=TODAY,
    )
    assert parsed.perspective is Perspective.LEARNING_GROWTH
    assert parsed.linked_objective == "new cooks reach competency faster"
    assert parsed.measure_id == "training_hours"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("financial perspective", Perspective.FINANCIAL),
        ("customer perspective", Perspective.CUSTOMER),
        ("internal perspective", Perspective.INTERNAL_PROCESSES),
        ("internal-process perspective", Perspective.INTERNAL_PROCESSES),
        ("perspective: internal processes", Perspective.INTERNAL_PROCESSES),
        ("learning perspective", Perspective.LEARNING_GROWTH),
        ("Learning & Growth perspective", Perspective.LEARNING_GROWTH),
    ],
)
def test_stated_perspective_is_the_scorecard_perspective(said, expected):
    parsed = parse_objective(f"Cut DSO to 40 days by 2027 ({said})", today=TODAY)
    assert parsed.perspective is expected
    assert parsed.to_dict()["perspective"] == expected.value


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("internal", Perspective.INTERNAL_PROCESSES),  # the SMART checker's former short codes
        ("learning", Perspective.LEARNING_GROWTH),
        ("internal_processes", Perspective.INTERNAL_PROCESSES),
        ("Learning and growth", Perspective.LEARNING_GROWTH),
        (Perspective.CUSTOMER, Perspective.CUSTOMER),
    ],
)
def test_structured_perspective_accepts_old_and_friendly_spellings(spelling, expected):
    parsed = ParsedObjective.from_dict({"measure": "dso", "perspective": spelling})
    assert parsed.perspective is expected
    assert Measure("x", "x", (), "%", spelling, "leading", "higher").perspective is expected


def test_bad_perspective_names_the_parameter():
    with pytest.raises(ValueError, match="`perspective` must be one of"):
        ParsedObjective(perspective="people")
    with pytest.raises(ValueError, match="`perspective` must be one of"):
        Measure("x", "x", (), "%", "sales", "leading", "higher")
    with pytest.raises(ValueError, match="`related` must be one of"):
        Measure("x", "x", (), "%", "customer", "leading", "higher", related=("sales",))
    with pytest.raises(ValueError, match="`perspective` must be one of"):
        MEASURES_BY_ID["dso"].fits("sales")


# ---- direction and problems ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Improve on-time delivery to 95% by 2027", "increase"),
        ("Improve DSO to 40 days by 2027", "decrease"),
        ("Shorten time to market by 20 days by 2027", "decrease"),
        ("Keep churn below 5% through 2027", "maintain"),
        ("Achieve 95% on-time delivery by 2027", "increase"),
        ("Bring down cost per meal by 5% by 2027", "decrease"),
        ("Reach an NPS of 45 by 2027", "increase"),
    ],
)
def test_direction(text, direction):
    assert parse_objective(text, today=TODAY).direction == direction


def test_contradictions_are_flagged():
    assert "contradiction" in parse_objective("Reduce costs to a higher value").flags
    assert "contradiction" in parse_objective("Reduce defect rate from 10% to 12% by 2027").flags
    assert "contradiction" in parse_objective("Increase revenue by -5% by 2027").flags


def test_non_numeric_amount_and_vague_measure():
    parsed = parse_objective("Increase revenue by a lot next year", today=TODAY)
    assert {"non_numeric_amount", "no_number"} <= parsed.flags
    assert any("'by a lot' is not a number" in n for n in parsed.notes)
    parsed = parse_objective("Improve quality", today=TODAY)
    assert parsed.measure_id is None
    assert "vague_measure" in parsed.flags


def test_negative_target_flagged():
    parsed = parse_objective("Cut cost per meal to -£2 by 2027", today=TODAY)
    assert parsed.target == -2.0
    assert "negative_target" in parsed.flags


def test_year_alone_is_not_a_target():
    parsed = parse_objective("Improve quality in 2027 and beyond 2030", today=TODAY)
    assert parsed.target is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "x" * 10_000,
        "Augmenter la satisfaction client de 10 % d'ici 2027",
        "提高准时交货率到95%",
        "Raise OEE 🚀🚀 to 80% by 2027 ✓",
        "by by by to to from from % % £ €",
        "Increase\x00 NPS\x07 by 5",
    ],
)
def test_odd_text_never_raises(text):
    parsed = parse_objective(text, today=TODAY)
    assert isinstance(parsed, ParsedObjective)
    assert parsed.notes or parsed.measure_id


def test_long_text_gets_a_note():
    parsed = parse_objective("Reduce churn by 2 pp by 2027. " + "blah " * 3000, today=TODAY)
    assert "long_text" in parsed.flags
    assert parsed.measure_id == "churn"
    assert any("characters" in n for n in parsed.notes)


def test_non_ascii_owner_is_kept():
    parsed = parse_objective("Cut DSO to 40 days by 2027 (owner: Zoë Müller)", today=TODAY)
    assert parsed.owner == "Zoë Müller"


# ---- bad input (programmer errors) -----------------------------------------------------------


def test_parse_objective_rejects_non_text():
    with pytest.raises(TypeError, match="`text` must be a string"):
        parse_objective(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`today`"):
        parse_objective("Raise OEE", today="2026-11-01")  # type: ignore[arg-type]


def test_parsed_objective_validates_fields():
    with pytest.raises(ValueError, match="`change_kind`"):
        ParsedObjective(change_kind="percent")
    with pytest.raises(ValueError, match="`unit`"):
        ParsedObjective(unit="furlongs")
    with pytest.raises(TypeError, match="`target`"):
        ParsedObjective(target="ten")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="`baseline`"):
        ParsedObjective(baseline=float("nan"))
    with pytest.raises(TypeError, match="`deadline`"):
        ParsedObjective(deadline="2027-01-01")  # type: ignore[arg-type]


def test_from_dict_and_round_trip():
    parsed = ParsedObjective.from_dict(
        {
            "measure": "DSO",
            "baseline": 48,
            "target": 40,
            "change_kind": "absolute",
            "deadline": "2027-03-31",
            "owner": "Finance Manager",
        }
    )
    assert parsed.measure_id == "dso"
    assert parsed.direction == "decrease"  # 48 -> 40
    assert parsed.unit == "days"
    again = ParsedObjective.from_dict(
        {k: v for k, v in parsed.to_dict().items() if k not in ("flags",)}
    )
    assert again.deadline == date(2027, 3, 31)
    assert parsed.to_sentence() == (
        "Decrease days sales outstanding (DSO) from 48 days to 40 days by 31 March 2027"
        " (owner: Finance Manager)."
    )
    with pytest.raises(ValueError, match="`deadline` must be an ISO date"):
        ParsedObjective.from_dict({"measure": "dso", "deadline": "next Tuesday"})
    with pytest.raises(ValueError, match="unknown key"):
        ParsedObjective.from_dict({"mesure": "dso"})
    with pytest.raises(TypeError, match="`objective` must be a dict"):
        ParsedObjective.from_dict(["dso"])  # type: ignore[arg-type]


# ---- measures -----------------------------------------------------------------------------


def test_vocabulary_covers_the_homeats_measures():
    needed = {
        "new_product_revenue_share",
        "production_cost",
        "cost_per_unit",
        "post_sale_satisfaction",
        "on_time_delivery",
        "first_contact_resolution",
        "nps",
        "csat",
        "defect_rate",
        "oee",
        "cycle_time",
        "dso",
        "return_rate",
        "churn",
        "customer_retention",
        "training_hours",
        "time_to_competency",
        "time_to_market",
        "operating_margin",
        "roic",
        "engagement",
    }
    assert needed <= set(MEASURES_BY_ID)
    assert len({m.id for m in MEASURES}) == len(MEASURES)
    assert {m.perspective for m in MEASURES} == set(Perspective)
    assert all(isinstance(m.perspective, Perspective) for m in MEASURES)
    assert all(isinstance(p, Perspective) for m in MEASURES for p in m.related)


@pytest.mark.parametrize(
    ("text", "measure_id"),
    [
        ("first-pass resolution", "first_contact_resolution"),
        ("Net Promoter Score", "nps"),
        ("cost per meal", "cost_per_unit"),
        ("production cost per meal", "cost_per_unit"),
        ("retention of high performers", "high_performer_retention"),
        ("customer retention", "customer_retention"),
        ("overall equipment effectiveness", "oee"),
        ("Days Sales Outstanding", "dso"),
        ("time-to-market", "time_to_market"),
        ("share of sales from new products", "new_product_revenue_share"),
        ("satisfaction with post-sale services", "post_sale_satisfaction"),
        ("dso", "dso"),
    ],
)
def test_find_measure(text, measure_id):
    assert find_measure(text).id == measure_id


def test_measure_validation_names_the_field():
    with pytest.raises(ValueError, match="`kind`"):
        Measure("x", "x", (), "%", "customer", "trailing", "higher")
    with pytest.raises(ValueError, match="`better`"):
        Measure("x", "x", (), "%", "customer", "leading", "up")
    with pytest.raises(ValueError, match="`unit`"):
        Measure("x", "x", (), "litres", "customer", "leading", "higher")
    with pytest.raises(ValueError, match="`id`"):
        Measure("Bad Id", "x", (), "%", "customer", "leading", "higher")
    with pytest.raises(ValueError, match="`low`"):
        Measure("x", "x", (), "%", "customer", "leading", "higher", low=5, high=1)


def test_catalogue_extends_the_vocabulary():
    catalogue = pd.DataFrame(
        {
            "metric_id": ["allergen_audits", "dso"],
            "name": ["allergen audits passed", "days sales outstanding"],
            "synonyms": ["allergen checks; allergen audits", None],
            "unit": ["units", None],
            "perspective": ["internal", None],
        }
    )
    extra = measures_from_catalogue(catalogue)
    assert [m.id for m in extra] == ["allergen_audits", "dso"]
    assert extra[1].better == "lower"  # inherited from the built-in DSO
    assert extra[0].perspective is Perspective.INTERNAL_PROCESSES  # old short spelling
    assert extra[1].perspective is Perspective.FINANCIAL  # inherited from the built-in DSO
    parsed = parse_objective("Raise allergen checks to 120 by 2027", catalogue=catalogue)
    assert parsed.measure_id == "allergen_audits"
    assert parse_objective("Raise allergen checks to 120 by 2027").measure_id is None
    with pytest.raises(TypeError, match="`catalogue`"):
        measures_from_catalogue([{"metric_id": "x"}])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="`catalogue` must have columns"):
        measures_from_catalogue(pd.DataFrame({"name": ["x"]}))


def test_public_names():
    assert sorted(smart.__all__) == sorted(
        name for name in dir(smart) if not name.startswith("_") and name not in _MODULES
    )


_MODULES = {"check", "feedback", "measures", "parse", "annotations"}
