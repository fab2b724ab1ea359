"""bsckit.technology: the feed store and the correction log never lose data; the rest checked
against independent computations."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from bsckit.technology import (
    CRITERIA,
    TOOL_PROFILES,
    CorrectionLog,
    FeedRejected,
    FeedStore,
    break_even_weight,
    contract_problems,
    data_age_minutes,
    sources_to_scorecard,
    tool_matrix,
    weighted_totals,
)


def _feed(n: int = 3, start: int = 1, fee: str = "fee_gbp") -> pd.DataFrame:
    ids = range(start, start + n)
    f = pd.DataFrame(
        {
            "delivery_id": [f"DR-{i:06d}" for i in ids],
            "order_ref": [f"O{i:07d}" for i in ids],
            "status": ["DELIVERED"] * n,
            "picked_up_at": ["2025-10-01T10:00Z"] * n,
            "dropped_at": ["2025-10-01T10:30Z"] * n,
            "received_at": ["2025-10-01T10:33Z"] * n,
            "distance_km": [2.0] * n,
        }
    )
    f[fee] = [3.7] * n if fee == "fee_gbp" else [370] * n
    return f


ORDERS = [f"O{i:07d}" for i in range(1, 20)]


def test_totals_are_the_sheets_and_match_a_hand_computation() -> None:
    w = pd.Series(CRITERIA, dtype=float)
    by_hand = {k: sum(w[c] * s[c] for c in w.index) / w.sum() for k, s in TOOL_PROFILES.items()}
    got = weighted_totals(tool_matrix())
    assert got == pytest.approx({k: round(v, 2) for k, v in by_hand.items()})


def test_break_even_weight_makes_the_totals_tie() -> None:
    crit = list(CRITERIA)[-1]
    w = break_even_weight(crit, "BI platform", "scorecard product")
    t = weighted_totals(tool_matrix({**CRITERIA, crit: w}))
    assert t["BI platform"] == pytest.approx(t["scorecard product"], abs=0.006)


def test_data_age_by_hand() -> None:
    f = _feed(1)
    f["received_at"] = ["2025-10-01T10:59Z"]
    # dropped 10:30, arrived 10:59: refreshes every 15 min show it at 11:00, every 45 min
    # (00:00, 00:45, ..., 10:30, 11:15) at 11:15
    assert data_age_minutes(f, 15).tolist() == [30.0]
    assert data_age_minutes(f, 45).tolist() == [45.0]
    with pytest.raises(ValueError, match="interval_minutes"):
        data_age_minutes(f, 0)


def test_a_changed_field_is_refused_and_nothing_loaded_is_lost(tmp_path) -> None:
    store = FeedStore(tmp_path / "store.csv")
    assert store.load(_feed(3), 1, ORDERS) == 3
    before = store.path.read_bytes()
    v2 = _feed(2, start=10, fee="fee_pence")
    assert contract_problems(v2, 1)
    with pytest.raises(FeedRejected, match=r"fee_gbp.*fee_pence.*version=2"):
        store.load(v2, 1, ORDERS)
    assert store.path.read_bytes() == before
    assert store.load(v2, 2, ORDERS) == 2
    rows = store.rows()
    assert len(rows) == 5 and rows["fee_gbp"].tolist() == [3.7] * 5


def test_a_failure_while_writing_keeps_the_old_store(tmp_path, monkeypatch) -> None:
    store = FeedStore(tmp_path / "store.csv")
    store.load(_feed(3), 1, ORDERS)
    before = store.path.read_bytes()

    def broken(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr("bsckit.technology.atomic_write_text", broken)
    with pytest.raises(OSError):
        store.load(_feed(2, start=5), 1, ORDERS)
    assert store.path.read_bytes() == before


def test_bad_rows_are_quarantined_and_reloading_adds_nothing(tmp_path) -> None:
    store = FeedStore(tmp_path / "store.csv")
    f = _feed(4)
    f.loc[1, "fee_gbp"] = -3.7
    f.loc[2, "order_ref"] = "O9999999"
    assert store.load(f, 1, ORDERS) == 2
    assert set(store.quarantine["delivery_id"]) == {"DR-000002", "DR-000003"}
    assert store.load(f, 1, ORDERS) == 0
    assert len(store.rows()) == 2


def test_correction_log_only_appends_and_finds_tampering(tmp_path) -> None:
    log = CorrectionLog(tmp_path / "log.jsonl")
    log.append("DR-000002", "fee_gbp", -3.7, 3.7, by="ops", reason="sign", at="2025-10-02T09:00")
    first = log.path.read_bytes()
    log.append("DR-000002", "fee_gbp", 3.7, 5.2, by="pm", reason="waiting", at="2025-10-03T09:00")
    assert log.path.read_bytes().startswith(first)
    assert log.verify() == []
    f = _feed(3)
    fixed = log.apply(f)
    assert fixed["fee_gbp"].tolist() == [3.7, 5.2, 3.7]
    assert f["fee_gbp"].tolist() == [3.7] * 3  # the raw feed is untouched
    with pytest.raises(ValueError, match="reason"):
        log.append("DR-000001", "fee_gbp", 1, 2, by="x", reason="", at="2025-10-03")
    lines = log.path.read_text().splitlines()
    entry = json.loads(lines[0])
    entry["new"] = 9.9
    log.path.write_text(json.dumps(entry, sort_keys=True) + "\n" + lines[1] + "\n")
    assert log.verify() and "changed or removed" in log.verify()[0]
    log.path.write_text(lines[1] + "\n")
    assert any("removed" in p for p in log.verify())


def test_the_sheets_example_reaches_measures_the_builder_named(tmp_path) -> None:
    """The toolkit example says "Cost per meal" and "On-time delivery"; the objective builder
    saves the catalogue's names "Cost per unit" and "On-time delivery rate": the same measures."""
    from bsckit.scorecard import Measure, Objective, add_objective, load_scorecard
    from bsckit.widgets.worksheet import Worksheet

    card = tmp_path / "my_scorecard.yaml"
    names = ("Cost per unit", "On-time delivery rate", "Staff turnover")
    for name in names:
        m = Measure(name=name, unit="%", direction="higher_is_better", target=1.0)
        add_objective(card, Objective(f"Do {name}", "internal_processes", (m,)))
    sheet = Worksheet("data_source_mapping")
    sheet.fill_example()
    assert sources_to_scorecard(sheet.filled_rows(), card) == 2
    saved = {m.name: m for o in load_scorecard(card).objectives for m in o.measures}
    assert saved["Cost per unit"].source_system == "ERP + kitchen workflow"
    assert saved["On-time delivery rate"].data_steward == "Delivery app admin"
    assert saved["Staff turnover"].source_system is None  # not on the sheet: left as it was


def test_sources_reach_the_scorecards_measures(tmp_path) -> None:
    from bsckit.scorecard import Measure, Objective, add_objective, load_scorecard

    card = tmp_path / "my_scorecard.yaml"
    assert sources_to_scorecard([{"measure": "NPS"}], card) == 0
    m = Measure(name="Net revenue", unit="GBP", direction="higher_is_better", target=1.0)
    add_objective(card, Objective("Grow", "financial", (m,)))
    rows = [
        {"measure": "net revenue", "system": "ERP", "steward": "Controller", "refresh": "weekly"}
    ]
    assert sources_to_scorecard(rows, card) == 1
    saved = load_scorecard(card).objectives[0].measures[0]
    assert (saved.source_system, saved.data_steward, saved.frequency) == (
        "ERP",
        "Controller",
        "weekly",
    )
