"""The SMART objective builder, driven from Python: fields in, checklist, chart and YAML file out.

Most tests replace the Homeats history with a short hand-made series (monkeypatched into
``bsckit.widgets.history.measure_history``) so that baselines and target levels can be worked
out by hand; one test uses the committed Homeats data when it is present.
"""

from __future__ import annotations

import pkgutil
import re
from datetime import date

import pandas as pd
import pytest

import bsckit.widgets as widgets
from bsckit.scorecard import load_scorecard
from bsckit.widgets import SmartObjectiveBuilder, history, read_number, workspace

TODAY = date(2026, 11, 1)
# A hand-made on-time delivery history (%): latest month 92, last three months mean 91.
OTD = pd.Series(
    [88.0, 89.0, 90.0, 89.0, 90.0, 91.0, 90.0, 91.0, 92.0],
    index=pd.period_range("2026-01", periods=9, freq="M"),
    name="on_time_delivery",
)


@pytest.fixture
def fake_history(monkeypatch):
    """Stand-in for the Homeats tables: only on-time delivery has a history."""

    def measure_history(measure_id, *, data_dir=None, tables=None):
        if measure_id == "on_time_delivery":
            return OTD.copy()
        msg = f"`measure_id` {measure_id!r} has no Homeats history recipe"
        raise KeyError(msg)

    monkeypatch.setattr(history, "measure_history", measure_history)


@pytest.fixture
def card_path(tmp_path):
    return tmp_path / "workspace" / "my_scorecard.yaml"


def fill_on_time(builder, *, target="95", name=None, deadline=date(2027, 6, 30)):
    """Fill in a good objective: raise on-time delivery (baseline from data) to ``target``."""
    builder.perspective.value = "customer"
    builder.measure.value = "on_time_delivery"
    builder.target.value = target
    builder.deadline.value = deadline
    builder.owner.value = "Head of delivery"
    builder.linked_objective.value = "Deliver reliably and on time"
    if name is not None:
        builder.name.value = name


def verdicts_in_html(builder):
    return dict(
        re.findall(r'data-criterion="([^"]+)" data-verdict="(\w+)"', builder.checklist.value)
    )


# -- the live checklist ---------------------------------------------------------------------------


def test_empty_builder_checklist_asks_for_a_measure(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    assert builder.report.statuses["Specific"] == "fail"
    assert builder.report.statuses["Time-bound"] == "fail"
    assert "Choose a measure" in builder.preview_sentence()
    # five rows, one per criterion, in the SMART order
    assert list(verdicts_in_html(builder)) == [
        "specific",
        "measurable",
        "achievable",
        "relevant",
        "time-bound",
    ]


def test_checklist_follows_each_field_until_all_five_pass(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    builder.perspective.value = "customer"
    builder.measure.value = "on_time_delivery"
    assert builder.report.statuses["Specific"] == "pass"
    assert builder.report.statuses["Measurable"] == "fail"  # no target yet
    builder.target.value = "95"
    assert builder.report.statuses["Measurable"] == "pass"
    assert builder.report.statuses["Time-bound"] == "fail"  # no deadline yet
    builder.deadline.value = date(2027, 6, 30)
    assert builder.report.statuses["Time-bound"] == "pass"
    assert builder.report.statuses["Relevant"] == "warn"  # no strategic objective linked
    builder.linked_objective.value = "Deliver reliably and on time"
    assert builder.report.passed
    assert set(verdicts_in_html(builder).values()) == {"pass"}
    assert "all five criteria pass" in builder.checklist.value


def test_measure_fills_baseline_unit_direction_and_name_from_data(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    builder.measure.value = "on_time_delivery"
    assert read_number(builder.baseline.value) == 92.0  # latest month of OTD
    assert builder.unit.value == "%"
    assert builder.direction.value == "increase"  # higher is better
    assert builder.name.value == "Increase on-time delivery rate"
    assert "2026-09" in builder.baseline_note.value
    three = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY, baseline_months=3)
    three.measure.value = "on_time_delivery"
    assert read_number(three.baseline.value) == pytest.approx((90 + 91 + 92) / 3)


def test_measure_without_history_is_flagged_as_not_computable(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    builder.measure.value = "engagement"
    assert builder.baseline.value == ""
    assert "no history" in builder.baseline_note.value
    builder.target.value = "80"
    assert builder.report.statuses["Measurable"] == "warn"
    assert builder.chart is None and builder.chart_output.outputs == ()


def test_preview_sentence_and_target_level_for_a_relative_change(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    fill_on_time(builder, target="5")
    builder.change.value = "relative"
    # 92 * (1 + 5/100) = 96.6 (hand computed)
    assert builder.target_level() == pytest.approx(96.6)
    assert builder.preview_sentence() == (
        "Increase on-time delivery rate by 5% by 30 June 2027 (owner: Head of delivery)."
    )
    assert "Increase on-time delivery rate by 5%" in builder.preview.value


def test_chart_shows_history_baseline_and_target(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    fill_on_time(builder, target="95")
    (output,) = builder.chart_output.outputs
    spec = output["data"]["application/vnd.vegalite.v5+json"]
    rows = [row for values in spec["datasets"].values() for row in values]
    assert {"value": 95.0, "label": "target"} in rows
    assert {"value": 92.0, "label": "baseline"} in rows
    assert {"month": "2026-09", "value": 92.0} in rows  # the history itself
    assert "cdn" not in str(output["data"]).lower()


def test_contradiction_and_non_numeric_target_get_feedback(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    fill_on_time(builder, target="ninety-five-ish")
    measurable = builder.report["Measurable"]
    assert measurable.status == "fail"
    assert "not a number" in measurable.feedback
    builder.target.value = "95"
    builder.deadline.value = date(2026, 10, 1)  # before TODAY
    assert builder.report["Time-bound"].status == "fail"


# -- saving -----------------------------------------------------------------------------------


def test_save_two_objectives_both_in_file_with_backup(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    fill_on_time(builder, target="95")
    builder.save_button.click()
    assert "Saved to" in builder.status.value and str(card_path) in builder.status.value
    first_bytes = card_path.read_bytes()

    builder.measure.value = "engagement"
    builder.perspective.value = "learning_growth"
    builder.baseline.value = "70"
    builder.target.value = "75"
    builder.linked_objective.value = "Build a skilled, engaged workforce"
    builder.save_button.click()
    assert builder.last_error is None, builder.status.value

    card = load_scorecard(card_path)
    assert [o.name for o in card.objectives] == [
        "Increase on-time delivery rate",
        "Increase employee engagement score",
    ]
    otd = card.objective("Increase on-time delivery rate")
    assert otd.perspective.value == "customer"
    assert otd.parent == "Deliver reliably and on time"
    assert otd.owners == ("Head of delivery",)
    assert "30 June 2027" in otd.description
    assert otd.deadline == date(2027, 6, 30)
    (measure,) = otd.measures
    assert (measure.baseline, measure.target, measure.unit) == (92.0, 95.0, "%")
    assert measure.direction == "higher_is_better" and measure.kind == "leading"
    # the previous version is kept beside the file
    assert card_path.with_name("my_scorecard.yaml.bak").read_bytes() == first_bytes
    assert builder.saved == ["Increase on-time delivery rate", "Increase employee engagement score"]


def test_relative_change_is_saved_as_the_target_level(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    fill_on_time(builder, target="5")
    builder.change.value = "relative"
    assert builder.save() == card_path
    (measure,) = load_scorecard(card_path).objectives[0].measures
    assert measure.target == pytest.approx(96.6)  # 92 * 1.05


def test_corrupt_file_is_reported_and_left_exactly_as_it_was(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    fill_on_time(builder)
    builder.save_button.click()
    broken = card_path.read_bytes().replace(b"objectives:", b"objectives: [unclosed", 1)
    card_path.write_bytes(broken)
    backup_before = card_path.with_name("my_scorecard.yaml.bak").exists()

    builder.name.value = "Another objective"
    builder.save_button.click()
    assert "Not saved" in builder.status.value
    assert "left exactly as it was" in builder.status.value
    assert builder.last_error is not None and "my_scorecard.yaml" in builder.last_error
    assert card_path.read_bytes() == broken
    assert card_path.with_name("my_scorecard.yaml.bak").exists() == backup_before
    assert builder.saved == ["Increase on-time delivery rate"]


def test_same_name_is_not_overwritten_unless_replace_is_ticked(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    fill_on_time(builder, target="95")
    builder.save()
    before = card_path.read_bytes()
    builder.target.value = "96"
    assert builder.save() is None
    assert "already has an objective named" in builder.status.value
    assert card_path.read_bytes() == before
    builder.replace.value = True
    assert builder.save() == card_path
    (objective,) = load_scorecard(card_path).objectives
    assert objective.measures[0].target == 96.0
    assert card_path.with_name("my_scorecard.yaml.bak").read_bytes() == before


def test_save_with_missing_fields_says_what_to_fill_in(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    builder.save_button.click()
    assert "Fill in Perspective, Measure, Target" in builder.status.value
    assert not card_path.exists()


def test_target_on_the_wrong_side_is_refused_with_the_models_message(fake_history, card_path):
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    fill_on_time(builder, target="80")  # below the baseline 92 for an "increase"
    assert builder.save() is None
    assert "wrong side of `baseline`" in builder.status.value
    assert not card_path.exists()


def test_default_path_comes_from_the_workspace_env_var(fake_history, tmp_path, monkeypatch):
    monkeypatch.setenv(workspace.WORKSPACE_ENV, str(tmp_path / "ws"))
    builder = SmartObjectiveBuilder(today=TODAY)
    assert builder.path == tmp_path / "ws" / "my_scorecard.yaml"
    fill_on_time(builder)
    builder.save()
    assert (tmp_path / "ws" / "my_scorecard.yaml").is_file()


# -- static summary -----------------------------------------------------------------------------


def test_static_summary_records_the_objective_and_the_save(fake_history, card_path, monkeypatch):
    sent = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: sent.append(("show", a, k)))
    monkeypatch.setattr(
        IPython.display, "update_display", lambda *a, **k: sent.append(("update", a, k))
    )
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    builder._ipython_display_()
    assert [s[0] for s in sent] == ["show", "show"]  # the live widget, then the summary
    bundle = sent[1][1][0]
    assert set(bundle) == {"text/html", "text/plain"}
    display_id = sent[1][2]["display_id"]
    fill_on_time(builder)
    builder.save_button.click()
    assert sent[-1][0] == "update" and sent[-1][2]["display_id"] == display_id
    text = sent[-1][1][0]["text/plain"]
    assert "Increase on-time delivery rate from 92% to 95% by 30 June 2027" in text
    assert "[✓] Time-bound (pass)" in text
    assert f"Saved to {card_path}" in text
    assert "Saved to" in sent[-1][1][0]["text/html"]


# -- real Homeats data --------------------------------------------------------------------------


def test_baseline_from_committed_homeats_data(card_path):
    try:
        series = widgets.measure_history("on_time_delivery")
    except (ImportError, OSError, AttributeError) as err:  # data package not there yet
        pytest.fail(f"Homeats data could not be read: {err}")
    builder = SmartObjectiveBuilder(scorecard_path=card_path, today=TODAY)
    builder.measure.value = "on_time_delivery"
    assert read_number(builder.baseline.value) == pytest.approx(series.iloc[-1], rel=1e-3)
    assert series.min() >= 0 and series.max() <= 100
    assert builder.chart_output.outputs


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "names"),
    [
        ({"today": "2026-11-01"}, TypeError, "`today`"),
        ({"baseline_months": 0}, ValueError, "`baseline_months`"),
        ({"scorecard_path": 42}, TypeError, "`scorecard_path`"),
        ({"data_dir": 3.5}, TypeError, "`data_dir`"),
    ],
)
def test_bad_arguments_name_the_parameter(kwargs, error, names):
    with pytest.raises(error, match=re.escape(names)):
        SmartObjectiveBuilder(**kwargs)


def test_read_number_reads_what_learners_type():
    # hand-worked: decimal comma, thousands separator, currency and percent signs
    assert read_number("12,5") == 12.5
    assert read_number("1,200") == 1200.0
    assert read_number("£5.40") == 5.4
    assert read_number("95 %") == 95.0
    assert read_number("-3") == -3.0
    for bad in ("", "  ", "about ten", "1.2.3", None, True, float("nan"), [1]):
        assert read_number(bad) is None


def test_public_names_match_all():
    public = {n for n in dir(widgets) if not n.startswith("_")}
    # submodules appear as attributes once imported (e.g. worksheet, by the toolkit tests)
    modules = {m.name for m in pkgutil.iter_modules(widgets.__path__)}
    assert set(widgets.__all__) == public - modules - {"annotations"}


# -- workspace and history helpers ------------------------------------------------------------------


def test_workspace_is_in_the_kit_root_from_any_subfolder(tmp_path, monkeypatch):
    monkeypatch.delenv(workspace.WORKSPACE_ENV, raising=False)
    (tmp_path / "bsckit").mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert workspace.scorecard_path() == tmp_path.resolve() / "workspace" / "my_scorecard.yaml"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "pyproject.toml").unlink()
    monkeypatch.chdir(elsewhere)
    assert workspace.workspace_dir() == elsewhere.resolve() / "workspace"


def test_scorecard_path_refuses_empty_text():
    with pytest.raises(ValueError, match="`scorecard_path` must not be empty"):
        workspace.scorecard_path("  ")


def test_history_recipes_on_tiny_tables():
    batches = pd.DataFrame(
        {
            "produced_on": ["2026-01-03", "2026-01-20", "2026-03-02"],
            "defects": [2, 3, 1],
            "units_made": [100, 150, 200],
            "good_units": [98, 147, 199],
            "cost": [300.0, 450.0, 500.0],
            "quality_checks": [4, 6, 5],
        }
    )
    tables = {"production_batches": batches}
    # January: 5 defects / 250 units = 2%; March: 1 / 200 = 0.5% (hand computed)
    defects = history.measure_history("defect_rate", tables=tables)
    assert defects.to_dict() == {pd.Period("2026-01", "M"): 2.0, pd.Period("2026-03", "M"): 0.5}
    cost = history.measure_history("cost_per_unit", tables=tables)
    assert cost[pd.Period("2026-01", "M")] == pytest.approx(750 / 245)
    studies = pd.DataFrame({"completed_on": ["2026-01-10", "2026-01-11", "2026-03-01"]})
    counts = history.measure_history("market_research_studies", tables={"market_studies": studies})
    assert counts.tolist() == [2.0, 0.0, 1.0]  # February has none: 0, not missing
    assert counts.name == "market_research_studies"


def test_history_nps_and_csat_on_tiny_surveys():
    surveys = pd.DataFrame(
        {
            "touchpoint": ["relationship"] * 4 + ["support"] * 4,
            "sent_at": ["2026-01-02"] * 8,
            "nps": [10, 9, 7, 3, None, None, None, None],
            "csat": [None] * 4 + [5, 4, 2, None],
        }
    )
    tables = {"surveys": surveys}
    # NPS: promoters 2/4 = 50%, detractors 1/4 = 25% -> 25 points (Reichheld's definition)
    assert history.measure_history("nps", tables=tables).tolist() == [25.0]
    # CSAT: 2 of 3 answers are 4 or 5 -> 66.7%
    assert history.measure_history("csat", tables=tables).tolist() == pytest.approx([200 / 3])


def test_history_bad_input_names_the_parameter():
    with pytest.raises(KeyError, match="`measure_id` 'nope'"):
        history.measure_history("nope")
    with pytest.raises(TypeError, match="`tables`"):
        history.measure_history("defect_rate", tables=[1, 2])
    with pytest.raises(KeyError, match="`tables` has no table 'production_batches'"):
        history.measure_history("defect_rate", tables={})


@pytest.mark.slow
def test_executed_notebook_keeps_the_static_record(tmp_path):
    """papermill/nbclient keep no widget state: the summary output must carry the result."""
    import nbformat
    from nbclient import NotebookClient

    path = tmp_path / "card.yaml"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from datetime import date\n"
            "from bsckit.widgets import SmartObjectiveBuilder\n"
            f"builder = SmartObjectiveBuilder(scorecard_path={str(path)!r},"
            " today=date(2026, 11, 1), use_data=False)\n"
            "builder"
        ),
        nbformat.v4.new_code_cell(
            "builder.perspective.value = 'internal_processes'\n"
            "builder.measure.value = 'defect_rate'\n"
            "builder.baseline.value, builder.target.value = '2.4', '2'\n"
            "builder.deadline.value = date(2027, 6, 30)\n"
            "builder.linked_objective.value = 'Serve meals right first time'\n"
            "builder.save_button.click()"
        ),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    outputs = nb.cells[0].outputs
    data_types = [sorted(o.get("data", {})) for o in outputs]
    assert ["application/vnd.jupyter.widget-view+json", "text/plain"] in data_types
    (record,) = [o for o in outputs if "text/html" in o.get("data", {})]
    text = record["data"]["text/plain"]
    assert "Decrease defect rate from 2.4% to 2% by 30 June 2027." in text
    assert f"Saved to {path}: Decrease defect rate." in text
    assert "[✓] Time-bound (pass)" in text
    assert load_scorecard(path).objectives[0].name == "Decrease defect rate"
