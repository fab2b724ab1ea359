"""The metric catalogue (bsckit/catalogue/measures.yaml): one definition per measure, read by all.

The checks are on the data file itself (what must hold for every entry), on the decisions the
catalogue records (scales, roles), on the dataset tables written from it, and on the errors a
broken file gets.
"""

from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml

from bsckit import catalogue, kpi
from bsckit.catalogue import LINKS, MEASURES, UNITS, CatalogueError, roles
from bsckit.data import load
from bsckit.data.catalogue import catalogue_tables
from bsckit.smart import MEASURES_BY_ID, check_smart, measures_from_catalogue, parse_objective

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"


def test_every_measure_is_complete_and_its_formula_exists():
    assert len(MEASURES) >= 60
    for m in MEASURES.values():
        assert m.definition.strip() and m.owner.strip() and m.steward.strip(), m.id
        assert m.synonyms, m.id
        if m.formula.startswith("kpi."):
            function = getattr(kpi, m.formula[4:])
            assert inspect.isfunction(function), m.id


def test_the_smart_vocabulary_is_the_catalogue():
    assert list(MEASURES_BY_ID) == list(MEASURES)
    for m in MEASURES.values():
        smart = MEASURES_BY_ID[m.id]
        assert (smart.name, smart.synonyms, smart.better, smart.kind) == (
            m.name,
            m.synonyms,
            m.better,
            m.role,
        )
        assert smart.unit == UNITS[m.unit].stated


def test_one_scale_per_measure_as_decided():
    # Shares are fractions 0-1 (the bsckit.kpi convention), stated as % in objectives.
    for measure_id in ("defect_rate", "oee", "on_time_delivery", "billing_error_rate"):
        assert MEASURES[measure_id].unit == "fraction"
        assert (MEASURES_BY_ID[measure_id].unit, MEASURES_BY_ID[measure_id].high) == ("%", 100.0)
    # Satisfaction is the share of 4s and 5s (top box, kpi.csat's default), never a 1-5 mean.
    for measure_id in ("csat", "post_sale_satisfaction"):
        assert (MEASURES[measure_id].unit, MEASURES[measure_id].formula) == ("fraction", "kpi.csat")
    assert inspect.signature(kpi.csat).parameters["method"].default == "top_box"
    assert MEASURES["quality_complaints"].unit == "per_1000"


def test_roles_of_the_operations_process():
    # Defect rate and OEE are lagging outcomes; improvements and cycle time lead.
    assert MEASURES["defect_rate"].role == MEASURES["oee"].role == "lagging"
    assert MEASURES["process_improvements"].role == MEASURES["cycle_time"].role == "leading"
    # Checks per batch react to defects (defects lead checks): lagging in their only link.
    assert MEASURES["quality_checks"].role == "lagging"
    assert roles("quality_checks") == {"defect_rate -> quality_checks": "lagging"}
    # Throughput is 3600 / cycle time: the same measurement, so the same role.
    assert MEASURES["throughput"].role == MEASURES["cycle_time"].role
    assert "3600 / cycle time" in MEASURES["throughput"].definition


def test_a_measure_can_lead_one_link_and_lag_another():
    assert roles("defect_rate")["process_improvements -> defect_rate"] == "lagging"
    assert roles("defect_rate")["defect_rate -> quality_complaints"] == "leading"
    with pytest.raises(KeyError, match="`measure_id` 'nope'"):
        roles("nope")


def test_usual_role_agrees_with_the_links():
    causes = {link.cause for link in LINKS}
    effects = {link.effect for link in LINKS}
    for measure_id in causes - effects:
        assert MEASURES[measure_id].role == "leading", measure_id
    for measure_id in effects - causes:
        assert MEASURES[measure_id].role == "lagging", measure_id


# --- the dataset tables written from the catalogue ---------------------------------------------


def test_committed_metric_catalogue_is_written_from_the_catalogue():
    table = load("metric_catalogue", data_dir=DATASETS)
    assert table["metric_id"].tolist() == list(MEASURES)
    written = catalogue_tables("2024-01", 24)["metric_catalogue"]
    assert table["unit"].astype(str).tolist() == written["unit"].tolist()
    assert table["definition"].tolist() == written["definition"].tolist()


def test_versions_agree_with_the_catalogue():
    tables = catalogue_tables("2024-01", 24)
    cat, versions = tables["metric_catalogue"].set_index("metric_id"), tables["metric_versions"]
    assert set(versions["metric_id"]) <= set(cat.index)
    for metric_id, rows in versions.groupby("metric_id"):
        current = rows.iloc[-1]
        assert current["version"] == cat.loc[metric_id, "current_version"]
        assert current["definition"] == cat.loc[metric_id, "definition"]
        assert current["definition"] == MEASURES[metric_id].definition
        assert pd.isna(current["valid_to"])
        assert (
            rows["valid_to"].iloc[:-1].to_numpy() == rows["valid_from"].iloc[1:].to_numpy()
        ).all()
    # a short dataset ends before some definitions changed: its catalogue shows the old one
    short = catalogue_tables("2024-01", 6)["metric_catalogue"].set_index("metric_id")
    nps_v1 = versions[(versions["metric_id"] == "nps") & (versions["version"] == 1)]
    assert short.loc["nps", "definition"] == nps_v1["definition"].iloc[0]


def test_the_kits_own_catalogue_works_with_its_checker():
    table = pd.read_csv(DATASETS / "metric_catalogue.csv")
    extra = measures_from_catalogue(table)
    assert [m.id for m in extra] == list(MEASURES)
    by_id = {m.id: m for m in extra}
    assert (by_id["defect_rate"].unit, by_id["defect_rate"].high) == ("%", 100.0)
    assert by_id["quality_complaints"].unit == "units"  # per 1,000 orders: a plain number
    assert by_id["dso"].better == "lower" and by_id["dso"].kind == "lagging"
    parsed = parse_objective("Cut the defect rate from 3% to 2% by 2027-12-31", catalogue=table)
    assert parsed.measure_id == "defect_rate"
    report = check_smart(
        "Cut the defect rate from 3% to 2% by 31 December 2027 (owner: Head of Operations)",
        catalogue=table,
        today=date(2026, 1, 1),
    )
    assert report["Specific"].status == "pass"
    assert report["Measurable"].status == "pass"


def test_a_catalogue_column_that_is_not_read_is_refused():
    table = pd.DataFrame({"metric_id": ["x"], "name": ["x"], "indicator": ["leading"]})
    with pytest.raises(ValueError, match="column 'indicator' that is not read"):
        measures_from_catalogue(table)


# --- a broken data file gets a clear error -----------------------------------------------------


def _load_with(monkeypatch, text: str):
    monkeypatch.setattr(catalogue.resources, "files", lambda package: _Fake(text), raising=True)
    return catalogue._load()


class _Fake:
    def __init__(self, text: str) -> None:
        self.text = text

    def joinpath(self, name: str) -> _Fake:
        return self

    def read_text(self, encoding: str) -> str:
        return self.text


def _entry(**changes) -> str:
    data = yaml.safe_load((ROOT / "bsckit/catalogue/measures.yaml").read_text())
    data["measures"] = {"defect_rate": {**data["measures"]["defect_rate"], **changes}}
    data["links"] = []
    return yaml.safe_dump(data)


def test_broken_catalogue_errors_name_file_entry_key_and_fix(monkeypatch):
    with pytest.raises(CatalogueError) as err:
        _load_with(monkeypatch, _entry(unit="percent"))
    text = str(err.value)
    assert text.startswith("bsckit/catalogue/measures.yaml: measure 'defect_rate', key 'unit':")
    assert "'percent' is not one of" in text and "fraction" in text and "Use one of those." in text
    with pytest.raises(CatalogueError, match=r"key 'formula'.*'kpi\.defect_ratio'.*bsckit\.kpi"):
        _load_with(monkeypatch, _entry(formula="kpi.defect_ratio"))
    with pytest.raises(CatalogueError, match="measure 'defect_rate': unknown key 'kind'"):
        _load_with(monkeypatch, _entry(kind="lagging"))
    with pytest.raises(CatalogueError, match="key 'bounds': low 1 is not below high 0"):
        _load_with(monkeypatch, _entry(bounds=[1, 0]))
    with pytest.raises(
        CatalogueError, match=r"line 2: not valid YAML \(did not find expected node content\)\. Fix"
    ):
        _load_with(monkeypatch, "units: [\n")
    with pytest.raises(CatalogueError, match="key 'measures': no measures are listed"):
        _load_with(
            monkeypatch,
            "units: {count: {meaning: n, stated: units, factor: 1, bounds: [0, null]}}\n",
        )


def test_last_version_must_not_repeat_the_definition(monkeypatch):
    versions = [{"from_month": -12, "reason": "initial", "approved_by": "x", "definition": "old"}]
    with pytest.raises(CatalogueError, match="measure 'defect_rate', version 1"):
        _load_with(monkeypatch, _entry(versions=versions))


def test_an_unquoted_comma_in_a_flow_mapping_is_caught(monkeypatch):
    # YAML splits `{meaning: events per 1,000 orders, ...}` at the comma: the loader refuses the
    # stray key instead of silently reading "events per 1" as the meaning.
    text = (ROOT / "bsckit/catalogue/measures.yaml").read_text()
    broken = text.replace(
        '{meaning: "events per 1,000 orders",', "{meaning: events per 1,000 orders,"
    )
    assert broken != text
    with pytest.raises(CatalogueError, match=r"unit 'per_1000': unknown key '000 orders'.*quote"):
        _load_with(monkeypatch, broken)
    broken = text.replace(
        "effect: new_product_revenue_share}", "effect: new_product_revenue_share, lag: 3}", 1
    )
    with pytest.raises(CatalogueError, match="link 1: unknown key 'lag'"):
        _load_with(monkeypatch, broken)
