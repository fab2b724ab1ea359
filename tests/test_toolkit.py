"""The toolkit: specs, notebooks and README in step; the shared worksheet helper; Run-All."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from bsckit.widgets.worksheet import (
    Column,
    Worksheet,
    WorksheetFileError,
    WorksheetSpec,
    load_rows,
    load_spec,
    worksheet_path,
)

ROOT = Path(__file__).resolve().parents[1]
TOOLKIT = ROOT / "toolkit"
#: The issue's list (issue 16), one worksheet each.
REQUIRED = {
    "scorecard_template", "strategy_map_template", "measure_definition", "smart_objective",
    "leading_lagging", "ownership_matrix", "threshold_setting", "dashboard_reconciliation",
    "review_meeting", "metric_change_request", "data_source_mapping", "tool_selection",
    "implementation_roadmap",
}  # fmt: skip
SPECS = sorted(p.stem for p in (TOOLKIT / "worksheets").glob("*.yaml"))


def test_every_required_sheet_has_a_spec_a_notebook_and_a_readme_row():
    readme = (TOOLKIT / "README.md").read_text()
    notebooks = {p.stem for p in TOOLKIT.glob("*.ipynb")}
    assert set(SPECS) >= REQUIRED
    assert notebooks == set(SPECS)
    for key in SPECS:
        assert f"]({key}.ipynb)" in readme, f"{key} is not listed in toolkit/README.md"


@pytest.mark.parametrize("key", SPECS)
def test_notebook_opens_its_own_sheet_and_names_its_modules(key):
    nb = nbformat.read(TOOLKIT / f"{key}.ipynb", as_version=4)
    spec = load_spec(TOOLKIT / "worksheets" / f"{key}.yaml")
    assert spec.key == key and spec.modules, f"{key}: spec needs its key and the modules using it"
    assert nb.metadata["bsckit"]["toolkit"] == key
    assert any(f'Worksheet("{key}"' in c.source for c in nb.cells if c.cell_type == "code")
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and params[0].source.strip() == "example = False"
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("key", SPECS)
def test_homeats_example_fills_and_is_valid(key):
    spec = load_spec(TOOLKIT / "worksheets" / f"{key}.yaml")
    sheet = Worksheet(spec, path=None, example=True)
    assert len(sheet.filled_rows()) >= 2
    html = sheet.summary_html()
    assert html.count("<tr>") == len(sheet.filled_rows()) + 1  # header + rows


def test_start_here_links_the_toolkit():
    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text())
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "(../toolkit/README.md)" in text


def test_scorecard_template_example_is_the_example_scorecard():
    from bsckit.scorecard import example_scorecard

    sheet = Worksheet(
        "scorecard_template", path=None, example=True, spec_folder=TOOLKIT / "worksheets"
    )
    measures = [row["measure"] for row in sheet.filled_rows()]
    assert measures == [m.name for _o, m in example_scorecard().iter_measures()]


def test_weighted_totals_worked_by_hand():
    # tool_selection example: weights 5,4,4,3,2 (sum 18); option A scores 1,2,1,5,5
    # A = (5*1 + 4*2 + 4*1 + 3*5 + 2*5) / 18 = 42/18 = 2.33
    sheet = Worksheet("tool_selection", path=None, example=True, spec_folder=TOOLKIT / "worksheets")
    assert sheet.totals()["option_a"] == pytest.approx(2.33)
    # C = (25 + 20 + 20 + 6 + 4) / 18 = 75/18 = 4.17
    assert sheet.totals()["option_c"] == pytest.approx(4.17)
    assert Worksheet("tool_selection", path=None, spec_folder=TOOLKIT / "worksheets").totals() == {}


def _spec() -> WorksheetSpec:
    return WorksheetSpec.from_dict({
        "key": "owners", "title": "Owners", "rows": 2,
        "columns": [{"name": "measure"}, {"name": "lag", "kind": "number"},
                    {"name": "done", "kind": "check"}],
    })  # fmt: skip


def test_save_writes_yaml_and_csv_then_keeps_a_bak(tmp_path):
    path = tmp_path / "ws" / "toolkit" / "owners.yaml"
    sheet = Worksheet(_spec(), path=path)
    sheet.set(0, "measure", "Cost per meal")
    sheet.set(0, "lag", "2")
    sheet.save()
    first = path.read_bytes()
    assert yaml.safe_load(first)["rows"] == [{"measure": "Cost per meal", "lag": 2, "done": False}]
    assert path.with_suffix(".csv").read_text() == "measure,lag,done\nCost per meal,2,False\n"
    sheet.set(1, "measure", "Defect rate")
    sheet.save()
    assert (tmp_path / "ws" / "toolkit" / "owners.yaml.bak").read_bytes() == first
    again = Worksheet(_spec(), path=path)
    assert [r["measure"] for r in again.filled_rows()] == ["Cost per meal", "Defect rate"]


def test_default_path_is_in_the_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("BSCKIT_WORKSPACE", str(tmp_path))
    assert worksheet_path("owners") == tmp_path / "toolkit" / "owners.yaml"


def test_corrupt_saved_sheet_is_reported_and_never_replaced(tmp_path):
    path = tmp_path / "owners.yaml"
    broken = b"rows:\n  - measure: [unclosed\n"
    path.write_bytes(broken)
    sheet = Worksheet(_spec(), path=path)
    assert "not valid YAML" in sheet.load_error and "not changed" in sheet.load_error
    with pytest.raises(WorksheetFileError, match="Not saved"):
        sheet.save()
    sheet._save_clicked(None)  # the button reports, never raises
    assert "Not saved" in sheet.message
    assert path.read_bytes() == broken


def test_saved_sheet_of_another_worksheet_is_refused(tmp_path):
    path = tmp_path / "owners.yaml"
    path.write_text("rows:\n- colour: red\n")
    with pytest.raises(WorksheetFileError, match="colour"):
        load_rows(_spec(), path)


def test_bad_number_names_the_column():
    with pytest.raises(ValueError, match="Column 'lag' must hold a number"):
        Column("lag", kind="number").clean("two")


def test_readonly_prompts_cannot_be_edited_and_come_back_from_the_spec(tmp_path):
    spec = load_spec(TOOLKIT / "worksheets" / "measure_definition.yaml")
    sheet = Worksheet(spec, path=tmp_path / "m.yaml")
    with pytest.raises(ValueError, match="prompts"):
        sheet.set(0, "field", "Something else")
    sheet.set(0, "answer", "Cost per meal")
    sheet.save()
    reloaded = Worksheet(spec, path=tmp_path / "m.yaml")
    assert reloaded.rows[0]["field"] == "Name" and reloaded.rows[0]["answer"] == "Cost per meal"


def test_widget_buttons_drive_the_sheet(tmp_path):
    sheet = Worksheet(_spec(), path=tmp_path / "o.yaml")
    sheet.cells[0][0].value = "On-time delivery"
    sheet.add_button.click()
    assert len(sheet.rows) == 3 and sheet.rows[0]["measure"] == "On-time delivery"
    sheet.cells[0][1].value = "soon"
    assert "must hold a number" in sheet.status.value
    sheet.cells[0][1].value = "1"
    sheet.save_button.click()
    assert "Saved 1 row(s)" in sheet.status.value
    assert yaml.safe_load((tmp_path / "o.yaml").read_text())["rows"][0]["lag"] == 1


def test_unknown_spec_key_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="No worksheet spec 'nope'"):
        Worksheet("nope", spec_folder=tmp_path)


def test_a_toolkit_notebook_runs_untouched_and_saves_nothing(tmp_path, monkeypatch):
    """Run-All on an untouched sheet: a printable table, no error, nothing saved.

    Every toolkit notebook is run untouched by ``make notebooks`` (nbval-lax); this one, the
    sheet with the most cells, also checks that running saves nothing.
    """
    from nbclient import NotebookClient

    monkeypatch.setenv("BSCKIT_WORKSPACE", str(tmp_path / "ws"))
    nb = nbformat.read(TOOLKIT / "tool_selection.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(TOOLKIT)}}).execute()
    shown = "".join(
        o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", [])
    )
    assert re.search(r"<table", shown) and "Tool-selection decision matrix" in shown
    assert not (tmp_path / "ws").exists(), "Run-All must not save anything"


# -- from the scorecard template to the take-home scorecard -----------------------------------
def _sheets():
    folder = TOOLKIT / "worksheets"
    card = Worksheet("scorecard_template", path=None, example=True, spec_folder=folder)
    links = Worksheet("strategy_map_template", path=None, example=True, spec_folder=folder)
    return card, links


def test_template_rows_become_the_example_scorecard():
    from bsckit.scorecard import example_scorecard
    from bsckit.widgets.worksheet import scorecard_from_rows

    sheet, links = _sheets()
    card = scorecard_from_rows(sheet.filled_rows(), links=links.filled_rows())
    example = example_scorecard()
    assert [o.name for o in card.objectives] == [o.name for o in example.objectives]
    assert {(lk.cause, lk.effect) for lk in card.links} == {
        (lk.cause, lk.effect) for lk in example.links
    }
    cost = card.objective("Cut production cost").measures[2]
    assert (cost.name, cost.direction, cost.baseline, cost.target, cost.green, cost.amber) == (
        "Cost per meal", "lower_is_better", 6.0, 5.4, 5.4, 5.7)  # fmt: skip
    assert card.problems() == []


def test_save_as_scorecard_merges_and_keeps_a_bak(tmp_path):
    from bsckit.scorecard import Measure, Objective, Scorecard, load_scorecard, save_scorecard

    path = tmp_path / "my_scorecard.yaml"
    mine = Objective(
        name="Cut production cost",
        perspective="internal_processes",
        description="Cut production cost per meal by 10% within 6 months.",
        owners=("Head of kitchens",),
        measures=(Measure(name="Cost per meal", min=4, max=8, data_steward="Cost accountant"),),
    )
    other = Objective(name="Train the kitchen teams", perspective="learning_growth")
    save_scorecard(Scorecard(name="Mine", objectives=(mine, other)), path)  # fmt: skip
    before = path.read_bytes()
    sheet, links = _sheets()
    sheet.save_as_scorecard(path, links=links.filled_rows())
    card = load_scorecard(path)
    assert (tmp_path / "my_scorecard.yaml.bak").read_bytes() == before
    assert card.name == "Mine" and card.objective("Train the kitchen teams")  # kept
    merged = card.objective("Cut production cost")
    assert merged.description == mine.description and merged.owners == ("Head of kitchens",)
    cost = next(m for m in merged.measures if m.name == "Cost per meal")
    assert (cost.min, cost.max, cost.data_steward, cost.target) == (4, 8, "Cost accountant", 5.4)


def test_save_as_scorecard_leaves_a_damaged_scorecard_alone(tmp_path):
    from bsckit.scorecard import ScorecardFileError

    path = tmp_path / "my_scorecard.yaml"
    path.write_bytes(b"name: [broken\n")
    sheet, _links = _sheets()
    with pytest.raises(ScorecardFileError, match="not changed"):
        sheet.save_as_scorecard(path)
    assert path.read_bytes() == b"name: [broken\n"


def test_a_bad_threshold_names_the_row_and_column():
    from bsckit.widgets.worksheet import scorecard_from_rows

    row = {"perspective": "Financial", "objective": "Grow", "measure": "Margin", "green": "high"}
    with pytest.raises(ValueError, match=r"Row 1 \(Margin\), `green` must be a number"):
        scorecard_from_rows([row])
