"""The monthly-measures layer (bsckit.measures): each catalogue measure computed once, via kpi.

Expected values on hand-made tables are worked out in the comments; on the committed Homeats data
the checks are properties that must always hold (bounds of the unit, one history per measure).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bsckit import kpi, measures
from bsckit.catalogue import MEASURES
from bsckit.data import load
from bsckit.data.partner import FEED_MONTHS
from bsckit.measures import RECORDED, measure_series, monthly_measures, needed_tables
from bsckit.widgets import SmartObjectiveBuilder, history

DATASETS = Path(__file__).resolve().parents[1] / "datasets"


@pytest.fixture(scope="module")
def homeats() -> dict[str, pd.DataFrame]:
    names = sorted({t for m in RECORDED for t in needed_tables(m)})
    return {name: load(name, data_dir=DATASETS) for name in names}


def test_every_recipe_is_a_catalogue_measure_read_from_its_source():
    for measure_id in RECORDED:
        definition = MEASURES[measure_id]
        assert definition.source in needed_tables(measure_id), measure_id
    assert list(RECORDED) == sorted(RECORDED, key=list(MEASURES).index)  # catalogue order


def test_each_kpi_formula_is_the_function_that_computes_the_value(monkeypatch, homeats):
    # Replace every bsckit.kpi function the catalogue names by a marker: the layer's values
    # must then be the marker, so no measure is computed around its formula.
    for measure_id in RECORDED:
        formula = MEASURES[measure_id].formula
        if not formula.startswith("kpi."):
            continue
        name = formula[4:]
        with monkeypatch.context() as patch:
            patch.setattr(kpi, name, lambda *args, **kwargs: _marker(args, kwargs))
            values = measure_series(measure_id, homeats).dropna()
        assert len(values) and (values == 7.0).all(), measure_id


def _marker(args, kwargs):
    # monthly inputs (indexed by month) give one value per month; one month's raw answers, one
    first = next(iter([*args, *kwargs.values()]))
    monthly = isinstance(first, pd.Series) and isinstance(first.index, pd.PeriodIndex)
    return pd.Series(7.0, index=first.index) if monthly else 7.0


def test_measures_on_homeats_data_stay_inside_their_units_bounds(homeats):
    table = monthly_measures(homeats)
    assert list(table.columns) == list(RECORDED)
    assert len(table) == 24 and table.index.name == "month"
    for measure_id in RECORDED:
        m = MEASURES[measure_id]
        values = table[measure_id].dropna()
        if measure_id in measures.SHORT_HISTORY:  # the partner feed's last months, every one
            assert len(values) == FEED_MONTHS, measure_id
            assert list(values.index) == list(table.index[-FEED_MONTHS:]), measure_id
        else:
            assert len(values) >= 18, measure_id  # a history, not a few points
        if m.low is not None:
            assert (values >= m.low).all(), measure_id
        if m.high is not None:
            assert (values <= m.high).all(), measure_id
        if m.formula == "count":
            assert table[measure_id].dtype == np.int64
    # throughput is the same measurement as cycle time, turned over
    assert (table["throughput"] * table["cycle_time"]).to_numpy() == pytest.approx(3600.0)


def test_the_builder_finds_a_history_for_every_measure_the_layer_computes(homeats):
    assert set(history.HISTORY_MEASURES) == set(RECORDED)
    for measure_id in ("throughput", "oee", "dso", "cycle_time"):
        series = history.measure_history(measure_id, tables=homeats)
        factor = MEASURES[measure_id].factor
        expected = measure_series(measure_id, homeats) * factor  # stated unit (% for OEE)
        pd.testing.assert_series_equal(series, expected)
    builder = SmartObjectiveBuilder(scorecard_path=None, data_dir=DATASETS)
    for measure_id in RECORDED:
        value, note = builder._baseline_from_data(measure_id)
        assert value and "no history" not in note, (measure_id, note)


def _tiny() -> dict[str, pd.DataFrame]:
    batches = pd.DataFrame(
        {
            "produced_on": ["2026-01-05", "2026-01-06"],
            "planned_minutes": [480, 480],
            "downtime_minutes": [60, 0],
            "ideal_cycle_time_s": [20.0, 30.0],
            "units_made": [1000, 800],
            "good_units": [990, 760],
            "defects": [10, 40],
            "rework": [5, 5],
            "cost": [3000.0, 2600.0],
            "quality_checks": [2, 4],
        }
    )
    finance = pd.DataFrame(
        {"month": ["2026-01"], "net_revenue": [200.0], "ebit": [-10.0], "cogs": [80.0],
         "nopat": [5.0], "invested_capital": [600.0]}
    )  # fmt: skip
    training = pd.DataFrame(
        {"employee_id": ["E1", "E2", "E3"], "month": ["2026-01"] * 3, "training_hours": [4, 0, 5]}
    )
    projects = pd.DataFrame(
        {"idea_on": ["2025-10-01", "2025-11-01", "2025-12-01"],
         "launched_on": ["2026-01-10", "2026-01-31", None]}
    )  # fmt: skip
    return {
        "production_batches": batches,
        "finance_monthly": finance,
        "training": training,
        "innovation_projects": projects,
    }


def test_recipes_by_hand():
    t, jan = _tiny(), pd.Period("2026-01", "M")
    done = ["cycle_time", "throughput", "oee", "resource_utilisation", "first_pass_yield",
            "defect_rate", "cost_per_unit", "quality_checks", "operating_margin", "roic",
            "revenue", "cogs", "operating_profit", "training_hours", "time_to_market"]  # fmt: skip
    one = {m: measure_series(m, t)[jan] for m in done}
    # run time: (420 + 480) min = 54,000 s for 1,800 units -> 30 s per unit, 120 per hour
    assert one["cycle_time"] == pytest.approx(30.0)
    assert one["throughput"] == pytest.approx(120.0)
    # OEE = ideal time of good units / planned time = (20 * 990 + 30 * 760) / 57,600
    assert one["oee"] == pytest.approx((20 * 990 + 30 * 760) / 57_600)
    # utilisation = ideal time of units made / run time = (20 * 1000 + 30 * 800) / 54,000
    assert one["resource_utilisation"] == pytest.approx(44_000 / 54_000)
    # first-pass yield = (1,800 - 50 defects - 10 reworked) / 1,800
    assert one["first_pass_yield"] == pytest.approx(1740 / 1800)
    assert one["defect_rate"] == pytest.approx(50 / 1800)
    assert one["cost_per_unit"] == pytest.approx(5600 / 1750)
    assert one["quality_checks"] == pytest.approx(3.0)
    # finance: margin -10 / 200; ROIC annualised 12 * 5 / 600
    assert one["operating_margin"] == pytest.approx(-0.05)
    assert one["roic"] == pytest.approx(0.1)
    assert one["revenue"] == 200.0 and one["cogs"] == 80.0 and one["operating_profit"] == -10.0
    # training: 9 hours over 3 employees in post (one trained 0 hours)
    assert one["training_hours"] == pytest.approx(3.0)
    # time to market: median of 101 and 91 days for the two launched in January
    assert one["time_to_market"] == pytest.approx(96.0)


def test_a_month_without_a_denominator_is_missing_and_counts_are_zero():
    batches = pd.DataFrame(
        {"produced_on": ["2026-01-05", "2026-02-05"], "defects": [0, 0], "units_made": [0, 10]}
    )
    rates = measure_series("defect_rate", {"production_batches": batches})
    assert rates.index.tolist() == [pd.Period("2026-02", "M")] and rates.iloc[0] == 0.0
    studies = pd.DataFrame({"completed_on": ["2026-01-10", "2026-04-01"]})
    counts = monthly_measures({"market_studies": studies})["market_research_studies"]
    assert counts.tolist() == [1, 0, 0, 1]


def test_bad_input_names_the_parameter():
    with pytest.raises(KeyError, match="`measure_id` 'nps_of_the_moon' has no Homeats recipe"):
        measure_series("nps_of_the_moon", {})
    with pytest.raises(TypeError, match="`tables` must be a dict"):
        monthly_measures([1, 2])
    with pytest.raises(TypeError, match=r"`tables\['orders'\]` must be a pandas DataFrame"):
        monthly_measures({"orders": "orders.csv"})
    with pytest.raises(ValueError, match="`tables` holds none"):
        monthly_measures({"kitchens": pd.DataFrame({"kitchen_id": ["K01"]})})
    with pytest.raises(KeyError, match="`tables` has no table 'price_index'"):
        measures.monthly_measures(_tiny(), ["real_cost_per_unit"])


def _feeds() -> dict[str, pd.DataFrame]:
    common = {
        "order_ref": ["O0000001"] * 3,
        "status": ["DELIVERED", "DELIVERED", "FAILED"],
        "distance_km": [2.0, 3.0, 0.0],
    }
    v1 = pd.DataFrame(
        {
            "delivery_id": ["DR-000001", "DR-000002", "DR-000003"],
            **common,
            # 01:30 UTC on 1 July is 02:30 UK time (July); 23:30 UTC on 31 July is 00:30 on 1 August
            "picked_up_at": ["2025-07-01T01:00Z", "2025-07-31T23:00Z", "2025-07-10T12:00Z"],
            "dropped_at": ["2025-07-01T01:30Z", "2025-07-31T23:30Z", ""],
            "received_at": ["2025-07-01T01:34Z", "2025-08-01T01:30Z", "2025-07-10T12:10Z"],
            "fee_gbp": [4.0, 5.0, -2.5],
        }
    )
    v2 = pd.DataFrame(
        {
            "delivery_id": ["DR-000004", "DR-000004", "DR-000005"],
            **common,
            "picked_up_at": ["2025-08-02T10:00Z", "2025-08-02T10:00Z", "2025-08-03T10:00Z"],
            "dropped_at": ["2025-08-02T10:20Z", "2025-08-02T10:20Z", "2025-08-03T10:30Z"],
            "received_at": ["2025-08-02T10:23Z", "2025-08-02T10:23Z", "2025-08-03T10:31Z"],
            "fee_pence": [350, 350, 410],
        }
    )
    return {"partner_feed_v1": v1, "partner_feed_v2": v2}


def test_partner_recipes_by_hand():
    # July (UK time): DR-000001 only (fee 4.00, lag 4 min); DR-000003's negative fee is left out.
    # August: DR-000002 (dropped 00:30 UK time on 1 Aug; fee 5.00, lag 120 min), DR-000004 once
    # (350 pence = 3.50, lag 3) and DR-000005 (4.10, lag 1): fees 12.60 over 3 deliveries, and
    # the inclusive 95th percentile of lags 1, 3, 120 is 3 + 0.9 * 117 = 108.3 (rank 1.9).
    t, jul, aug = _feeds(), pd.Period("2025-07", "M"), pd.Period("2025-08", "M")
    table = monthly_measures(t, ["partner_fees", "partner_fee_per_delivery", "feed_arrival_lag"])
    assert table.loc[jul].tolist() == pytest.approx([4.0, 4.0, 4.0])
    assert table.loc[aug].tolist() == pytest.approx([12.6, 12.6 / 3, 108.3])


def test_feed_lag_is_the_catalogues_percentile_of_the_months_lags(monkeypatch):
    seen = []

    def spy(delays, q=0.5, method="inclusive"):
        seen.append((sorted(delays.tolist()), q, method))
        return 0.0

    monkeypatch.setattr(kpi, "latency_percentile", spy)
    measure_series("feed_arrival_lag", _feeds())
    assert seen == [([4.0], 0.95, "inclusive"), ([1.0, 3.0, 120.0], 0.95, "inclusive")]
